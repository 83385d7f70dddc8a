/**
 * `npm run build`, after tsc: compiles the large JSON schemas devsquad validates with into standalone
 * ajv code under dist/schemas/compiled/, so commands load a validator instead of compiling one
 * (src/validate/precompiled-schema.ts explains the contract and the fallback).
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { _ } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const load = (rel) => import(pathToFileURL(path.join(ROOT, 'dist', rel)).href);

const { FORMATS_MODULE, schemaHash, precompiledPath, wrapStandalone } = await load('validate/precompiled-schema.js');
const { PRECOMPILED } = await load('validate/precompiled-registry.js');

const started = performance.now();
for (const build of PRECOMPILED) {
  const schema = build.schema();
  const ajv = build.ajv({ code: { source: true, formats: _`require(${FORMATS_MODULE})` } });
  const code = standaloneCode.default(ajv, ajv.compile(schema));
  const file = precompiledPath(build.name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, wrapStandalone(code, schemaHash(schema)));
}
console.log(`precompiled ${PRECOMPILED.length} schema(s) into dist/schemas/compiled in ${(performance.now() - started).toFixed(0)} ms`);
