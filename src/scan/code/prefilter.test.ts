import type { NapiConfig } from '@ast-grep/napi';
import { describe, expect, it } from 'vitest';
import { configFilter, nodeFilter } from './prefilter.js';
import type { TextTest } from './text-test.js';

const filter = (rule: unknown): TextTest | null => configFilter({ rule } as NapiConfig);

describe('text prefilters from node regexes', () => {
  it('takes the literal a regex starts with, as a substring', () => {
    const f = filter({ any: [{ kind: 'pair', regex: '^sameSite[ \\t\\r\\n]*:[ \\t\\r\\n]*.strict' }] });
    expect(f?.test("cookie: { sameSite: 'strict' }")).toBe(true);
    expect(f?.test("cookie: { secure: true }")).toBe(false);
  });

  it('keeps every alternative of a literal alternation, hyphens included', () => {
    const f = filter({ kind: 'string', regex: 'Content-Security-Policy|X-Frame-Options' });
    expect(f?.test('resp.headers["X-Frame-Options"] = "DENY"')).toBe(true);
    expect(f?.test('resp.headers["X-Content-Type-Options"] = "nosniff"')).toBe(false);
  });

  it('drops the character a quantifier makes optional', () => {
    const f = filter({ kind: 'keyword_argument', regex: "^algorithms?[ ]*=.*none" });
    expect(f?.test('jwt.decode(t, algorithm="none")')).toBe(true);
  });

  it('gives no filter when the regex has a top-level alternation or no literal start', () => {
    expect(filter({ kind: 'pair', regex: '^secret[ ]*:|token' })).toBeNull();
    expect(filter({ kind: 'pair', regex: "^['\"]?secret" })).toBeNull();
  });

  it('reads a word alternation as whole words only when it is anchored around the whole group', () => {
    const loose = filter({ pattern: '$F($$$)', constraints: {} } as unknown as Record<string, unknown>);
    expect(loose).toBeNull(); // nothing to anchor on
    const anchored = configFilter({ rule: { pattern: '$F($$$)' }, constraints: { F: { regex: '^(exec|spawn)$' } } } as unknown as NapiConfig);
    expect(anchored?.test('cp.exec(cmd)')).toBe(true);
    expect(anchored?.test('executor(cmd)')).toBe(false);
    const unanchored = configFilter({ rule: { pattern: '$F($$$)' }, constraints: { F: { regex: '^secret|token' } } } as unknown as NapiConfig);
    expect(unanchored?.test('const mytoken = read()')).toBe(true);
    expect(unanchored?.test('const secretKey = read()')).toBe(true);
    expect(unanchored?.test('const password = read()')).toBe(false);
  });
});

describe('node filters (every constrained metavariable of a pattern)', () => {
  it('needs a word of each constrained metavariable in the same node text', () => {
    const f = nodeFilter({ rule: { pattern: '$RES.$F($X)' }, constraints: { RES: { regex: '^(res|response)$' }, F: { regex: '^(send|write)$' } } } as NapiConfig);
    expect(f?.('res.send(html)')).toBe(true);
    expect(f?.('res.status(204).end()')).toBe(false);
    expect(f?.('stream.write(chunk)')).toBe(false);
  });

  it('keeps each alternative of an `any` apart, and has no filter when one alternative needs nothing', () => {
    const f = nodeFilter({ rule: { any: [{ pattern: 'eval($C)' }, { pattern: '$VM.$F($C)' }] }, constraints: { VM: { regex: '^(vm)$' }, F: { regex: '^(run)$' } } } as NapiConfig);
    expect(f?.('eval(code)')).toBe(true);
    expect(f?.('vm.run(code)')).toBe(true);
    expect(f?.('vm.compile(code)')).toBe(false);
    expect(nodeFilter({ rule: { any: [{ pattern: 'eval($C)' }, { pattern: '$F($C)' }] } } as NapiConfig)).toBeNull();
  });
});
