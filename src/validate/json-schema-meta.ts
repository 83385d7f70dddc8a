/**
 * Checks a JSON Schema (draft-07, what Helm's values.schema.json uses) against the draft-07
 * meta-schema with a validator compiled at build time (precompiled-schema.ts). ajv's compile() does
 * the same check itself, but first compiles the meta-schema: ~45 ms of the ~95 ms a chart's values
 * schema took to compile, in every command that validates a chart.
 */
import { createRequire } from 'node:module';
import { Ajv, type AnySchema, type Options } from 'ajv';
import { schemaValidator, type SchemaBuild } from './precompiled-schema.js';

/** Helm's own checker (gojsonschema) ignores unknown keywords and formats; so do these. */
export const HELM_AJV_OPTIONS: Options = { strict: false, allErrors: true, validateFormats: false };

export const DRAFT_07_META_BUILD: SchemaBuild = {
  name: 'json-schema-draft-07',
  schema: () => {
    const { $id: _id, ...meta } = createRequire(import.meta.url)('ajv/dist/refs/json-schema-draft-07.json') as Record<string, unknown>;
    return meta; // without its $id: an ajv instance already holds the draft-07 meta-schema under that id
  },
  ajv: (extra) => new Ajv({ ...HELM_AJV_OPTIONS, ...extra }),
};

/** The `$schema` values that name draft-07 (or none: ajv's default). */
const DRAFT_07 = new Set([undefined, 'http://json-schema.org/draft-07/schema', 'http://json-schema.org/draft-07/schema#']);

/**
 * Null when the schema is a valid draft-07 schema, else ajv's own message for it ("schema is invalid:
 * data/type must be …"); undefined when the schema names another meta-schema (the caller lets ajv check it).
 */
export function draft07Problems(schema: AnySchema): string | null | undefined {
  const declared = typeof schema === 'object' && schema !== null ? (schema as { $schema?: unknown }).$schema : undefined;
  if (!DRAFT_07.has(declared as string | undefined)) return undefined;
  const validate = schemaValidator(DRAFT_07_META_BUILD);
  if (validate(schema)) return null;
  return `schema is invalid: ${new Ajv().errorsText(validate.errors)}`;
}
