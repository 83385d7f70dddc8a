/**
 * Test-only: validates SARIF against the official SARIF 2.1.0 JSON schema (shipped by the
 * @microsoft/jest-sarif dev dependency as sarif-2.1.0-rtm.5.json, the final 2.1.0 schema), plus the
 * extra rules GitHub code scanning applies on upload.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import type { Log } from 'sarif';

const require = createRequire(import.meta.url);

function loadSchema(): Record<string, unknown> {
  const file = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  const schema = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  // The schema is draft-04 (`id`, `$schema` draft-04) but uses nothing draft-07 reads differently.
  delete schema.$schema;
  delete schema.id;
  return schema;
}

// unicodeRegExp off: the published schema's `language` pattern has a stray `]` that only the u flag rejects.
const ajv = new Ajv({ strict: false, allErrors: true, formats: fullFormats, unicodeRegExp: false });
const validateSchema = ajv.compile(loadSchema());

/** Every problem found: schema errors first, then GitHub's upload rules. Empty when the log is valid. */
export function sarifProblems(log: unknown): string[] {
  const problems: string[] = [];
  if (!validateSchema(log)) for (const e of validateSchema.errors ?? []) problems.push(`schema ${e.instancePath || '/'}: ${e.message ?? ''}`);
  const sarif = log as Log;
  const categories = new Set<string>();
  for (const [r, run] of (sarif.runs ?? []).entries()) {
    const id = run.automationDetails?.id;
    if (!id) problems.push(`runs[${r}]: no automationDetails.id (GitHub needs a category per run)`);
    else if (categories.has(id)) problems.push(`runs[${r}]: duplicate category ${id}`);
    else categories.add(id);
    if (!run.tool.driver.name) problems.push(`runs[${r}]: no tool.driver.name`);
    const rules = run.tool.driver.rules ?? [];
    for (const rule of rules) {
      const score = rule.properties?.['security-severity'];
      if (typeof score !== 'string' || !/^\d+(\.\d+)?$/.test(score) || Number(score) > 10) problems.push(`rule ${rule.id}: security-severity must be a string number 0-10`);
      const tags = rule.properties?.tags ?? [];
      if (!tags.includes('security')) problems.push(`rule ${rule.id}: no security tag`);
    }
    for (const [i, result] of (run.results ?? []).entries()) {
      const where = `runs[${r}].results[${i}]`;
      if (!result.ruleId) problems.push(`${where}: no ruleId`);
      if (result.ruleIndex !== undefined && rules[result.ruleIndex]?.id !== result.ruleId) problems.push(`${where}: ruleIndex does not point at ${result.ruleId}`);
      if (!result.message.text) problems.push(`${where}: no message.text`);
      const physical = result.locations?.[0]?.physicalLocation;
      const uri = physical?.artifactLocation?.uri;
      if (!uri) problems.push(`${where}: no location uri`);
      else if (/^[a-z]+:|^\//i.test(uri)) problems.push(`${where}: uri ${uri} is not relative to the source root`);
      if (!physical?.region?.startLine || physical.region.startLine < 1) problems.push(`${where}: no region.startLine`);
      if (!result.partialFingerprints || Object.keys(result.partialFingerprints).length === 0) problems.push(`${where}: no partialFingerprints`);
    }
  }
  return problems;
}
