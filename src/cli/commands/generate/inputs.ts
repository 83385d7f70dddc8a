/**
 * `--input family.key=value` → { family: { key: value } }. Values are JSON when they parse as JSON
 * (numbers, booleans, arrays), plain strings otherwise. The generator's Zod schema then checks them.
 */
import { DsqError } from '../../../core/errors.js';

export function parseInputs(pairs: readonly string[]): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const pair of pairs) {
    const m = /^([a-z][a-z0-9-]*)\.([A-Za-z][A-Za-z0-9_]*)=(.*)$/s.exec(pair);
    if (!m) throw new DsqError('DSQ_ERR_CLI_USAGE', { detail: `--input expects family.key=value (for example dockerfile.nonRootUid=10001), got "${pair}"` });
    const [, family = '', key = '', raw = ''] = m;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      value = raw;
    }
    (out[family] ??= {})[key] = value;
  }
  return out;
}
