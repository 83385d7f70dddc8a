import { describe, expect, it } from 'vitest';
import { goVersionTag, parseGoMod, parseGoWork } from './go-mod.js';

describe('parseGoMod', () => {
  it('reads module, go, toolchain, require blocks, single-line requires, replace and comments', () => {
    const parsed = parseGoMod(`// Service module
module "github.com/acme/shop" // quoted path

go 1.22.3
toolchain go1.23.4

require github.com/gin-gonic/gin v1.10.0

require (
\tgithub.com/jackc/pgx/v5 v5.6.0
\t// a comment line inside the block
\tgolang.org/x/text v0.15.0 // indirect
)

replace github.com/acme/lib => ../lib

replace (
\tgithub.com/old/x v1.0.0 => github.com/new/x v1.2.0
)

exclude github.com/bad/y v0.1.0
retract v1.0.1
godebug default=go1.21
tool golang.org/x/tools/cmd/stringer
`);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const mod = parsed.value;
    expect(mod.module).toBe('github.com/acme/shop');
    expect(mod.moduleLine).toBe(2);
    expect(mod.go).toEqual({ value: '1.22.3', line: 4 });
    expect(mod.toolchain).toEqual({ value: 'go1.23.4', line: 5 });
    expect(mod.requires).toEqual([
      { path: 'github.com/gin-gonic/gin', version: 'v1.10.0', indirect: false, line: 7 },
      { path: 'github.com/jackc/pgx/v5', version: 'v5.6.0', indirect: false, line: 10 },
      { path: 'golang.org/x/text', version: 'v0.15.0', indirect: true, line: 12 },
    ]);
    expect(mod.replaces).toEqual([
      { from: 'github.com/acme/lib', to: '../lib', local: true, line: 15 },
      { from: 'github.com/old/x', to: 'github.com/new/x', local: false, line: 18 },
    ]);
  });

  it('refuses garbage with a reason instead of throwing', () => {
    expect(parseGoMod('this is not a go.mod\n')).toEqual({ ok: false, reason: "line 1: unknown directive 'this'" });
    expect(parseGoMod('go 1.22\n')).toEqual({ ok: false, reason: 'no module directive' });
    expect(parseGoMod('module x\nrequire (\n a v1\n')).toEqual({ ok: false, reason: 'line 2: require block is never closed' });
    expect(parseGoMod('module x\ngo banana\n')).toEqual({ ok: false, reason: "line 2: invalid go version 'banana'" });
    expect(parseGoMod('module "x\n').ok).toBe(false);
  });
});

describe('parseGoWork', () => {
  it('reads use blocks, single uses, go and toolchain', () => {
    const parsed = parseGoWork('go 1.23\n\nuse (\n\t./services/api // the API\n\t./libs/core\n)\nuse ./tools\nreplace example.com/x => ./vendor/x\n');
    expect(parsed).toEqual({
      ok: true,
      value: {
        go: { value: '1.23', line: 1 },
        toolchain: null,
        uses: [
          { path: './services/api', line: 4 },
          { path: './libs/core', line: 5 },
          { path: './tools', line: 7 },
        ],
        replaces: [{ from: 'example.com/x', to: './vendor/x', local: true, line: 8 }],
      },
    });
  });
});

describe('goVersionTag', () => {
  it('reduces go and toolchain versions to major.minor image tags', () => {
    expect(goVersionTag('1.22.3')).toBe('1.22');
    expect(goVersionTag('go1.23.4')).toBe('1.23');
    expect(goVersionTag('1.21rc1')).toBe('1.21');
    expect(goVersionTag('default')).toBeNull();
  });
});
