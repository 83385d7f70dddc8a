import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { compileSchema } from './helm-rules.js';
import { draft07Problems, HELM_AJV_OPTIONS } from './json-schema-meta.js';

/** What ajv says when it checks the schema itself (compiling the meta-schema first). */
function ajvVerdict(schema: Record<string, unknown>): string {
  try {
    new Ajv(HELM_AJV_OPTIONS).compile(schema);
    return 'ok';
  } catch (error) {
    return (error as Error).message;
  }
}

function ourVerdict(schema: Record<string, unknown>): string {
  try {
    compileSchema(JSON.stringify(schema), schema);
    return 'ok';
  } catch (error) {
    return (error as Error).message;
  }
}

describe('values.schema.json checked against the precompiled draft-07 meta-schema', () => {
  const cases: Array<[string, Record<string, unknown>]> = [
    ['a sound schema', { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { replicas: { type: 'integer', minimum: 1 } } }],
    ['a sound schema without $schema', { type: 'object', additionalProperties: false }],
    ['an unknown type name', { type: 'objekt' }],
    ['several mistakes deep inside', { properties: { a: { type: 3, minimum: 'x' }, b: { required: 'name' } } }],
    ['another draft named in $schema (left to ajv)', { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object' }],
  ];
  for (const [name, schema] of cases) {
    it(`gives ajv's own verdict and message: ${name}`, () => {
      expect(ourVerdict(schema)).toBe(ajvVerdict(schema));
    });
  }

  it('names every mistake with its path', () => {
    expect(draft07Problems({ properties: { a: { type: 3 } } })).toMatch(/^schema is invalid: data\/properties\/a\/type must be/);
    expect(draft07Problems({ type: 'string' })).toBeNull();
    expect(draft07Problems({ $schema: 'https://json-schema.org/draft/2020-12/schema' })).toBeUndefined();
  });
});
