import type { NapiConfig } from '@ast-grep/napi';
import { describe, expect, it } from 'vitest';
import { configFilter } from './prefilter.js';

const filter = (rule: unknown): RegExp | null => configFilter({ rule } as NapiConfig);

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
