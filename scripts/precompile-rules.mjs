/**
 * `npm run build`, after tsc: stores each family of code rules (rules/code/<family>/**.yaml), parsed and
 * validated, as dist/rules/code/<family>.json, so a scan reads JSON instead of parsing YAML
 * (src/scan/code/rules.ts uses it only when its digest matches the YAML on disk).
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(import.meta.dirname, '..');
const { RULE_FAMILIES, precompileFamily, precompiledRulesPath } = await import(pathToFileURL(path.join(ROOT, 'dist/scan/code/rules.js')).href);

const started = performance.now();
let count = 0;
for (const family of RULE_FAMILIES) {
  const stored = precompileFamily(family);
  const file = precompiledRulesPath(family);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(stored)}\n`);
  count += stored.rules.length;
}
console.log(`precompiled ${count} code rules into dist/rules/code in ${(performance.now() - started).toFixed(0)} ms`);
