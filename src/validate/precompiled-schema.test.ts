import fs from 'node:fs';
import path from 'node:path';
import { _, type AnySchema } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { afterEach, describe, expect, it } from 'vitest';
import { COMPOSE_SCHEMA_BUILD, schemaProblems } from './compose-schema.js';
import { FORMATS_MODULE, precompiledPath, schemaHash, schemaValidator, wrapStandalone, type SchemaBuild } from './precompiled-schema.js';
import { PRECOMPILED } from './precompiled-registry.js';

const written: string[] = [];
afterEach(() => {
  for (const file of written.splice(0)) fs.rmSync(file, { force: true });
});

let counter = 0;
function tinyBuild(schema: object): SchemaBuild {
  counter += 1;
  return {
    name: `test-${process.pid}-${counter}`,
    schema: () => schema,
    formats: { even: (v: string) => Number(v) % 2 === 0 },
    ajv: (extra = {}) => new Ajv2019({ allErrors: true, formats: { even: (v: string) => Number(v) % 2 === 0 }, ...extra }),
  };
}

/** What scripts/precompile-schemas.mjs does for one schema. */
function precompile(build: SchemaBuild, hashOf: AnySchema = build.schema()): void {
  const ajv = new Ajv2019({ allErrors: true, formats: build.formats, code: { source: true, formats: _`require(${FORMATS_MODULE})` } });
  const code = standaloneCode.default(ajv, ajv.compile(build.schema()));
  const file = precompiledPath(build.name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, wrapStandalone(code, schemaHash(hashOf)));
  written.push(file);
}

describe('precompiled schema validators', () => {
  const schema = { type: 'object', properties: { n: { type: 'string', format: 'even' } }, additionalProperties: false };

  it('loads the precompiled code, user formats included, and reports like a compiled validator', () => {
    const build = tinyBuild(schema);
    precompile(build);
    const validate = schemaValidator(build);
    expect(validate({ n: '4' })).toBe(true);
    expect(validate({ n: '3', extra: 1 })).toBe(false);
    expect(validate.errors?.map((e) => e.keyword).sort()).toEqual(['additionalProperties', 'format']);
    // It really is the generated code, not a fresh compile.
    expect(validate.toString()).toContain('validate');
    expect((validate as { schema?: unknown }).schema).toBeUndefined();
  });

  it('compiles in the process when the precompiled file was built from another schema', () => {
    const build = tinyBuild(schema);
    precompile(build, { type: 'object' });
    const validate = schemaValidator(build);
    expect((validate as { schema?: unknown }).schema).toEqual(schema);
    expect(validate({ n: '3' })).toBe(false);
  });

  it('compiles in the process when there is no precompiled file', () => {
    const build = tinyBuild(schema);
    const validate = schemaValidator(build);
    expect(validate({ n: '8' })).toBe(true);
    expect(validate({ n: '7' })).toBe(false);
  });

  it('lists the compose schema, and the build output (when built) matches it', () => {
    expect(PRECOMPILED.map((b) => b.name)).toContain(COMPOSE_SCHEMA_BUILD.name);
    const file = precompiledPath(COMPOSE_SCHEMA_BUILD.name);
    if (!fs.existsSync(file)) return; // not built yet: the fallback above covers it
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toContain(schemaHash(COMPOSE_SCHEMA_BUILD.schema()));
    const problems = schemaProblems({ services: { web: { image: 'x', ports: ['not a port'], bogus: 1 } } });
    expect(problems.map((p) => p.message)).toEqual([
      'services.web: unknown key "bogus"',
      'services.web.ports[0]: "not a port" is not a port mapping like "8080:80" or "127.0.0.1:8080:80"',
    ]);
  });
});
