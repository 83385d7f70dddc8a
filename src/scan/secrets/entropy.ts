/**
 * Our own detector for secrets no vendor format covers: a long, random-looking value (Shannon
 * entropy over the base64 or hex alphabet) assigned to a name that says it is secret (`API_KEY=`,
 * `"clientSecret": "…"`, `password: …`). Without such a name a random string is a hash, an id or
 * test data far more often than a secret, so it is not reported.
 */
import { isPlaceholder, isPublicValue } from './allowlist.js';

export interface EntropyHit {
  line: number;
  column: number;
  value: string;
  name: string;
}

/** Words that make a name secret-like once the name is split on `_`, `-`, `.` and camelCase. */
const KEYWORDS = new Set(['key', 'secret', 'token', 'password', 'passwd', 'pwd', 'credential', 'credentials', 'auth', 'apikey', 'private', 'privatekey', 'secretkey', 'accesskey', 'pass', 'passphrase', 'bearer']);
/** Names that contain a keyword yet hold public or non-secret data. */
const PUBLIC_NAME = /public|publishable|pubkey|checksum|digest|hash|sha\d*|nonce/i;
const NOT_SECRET_LAST_WORD = /^(id|url|uri|path|file|name|type|length|size|header|prefix|field|param|env|cache|version|issuer|audience|expires?|expiry|ttl|timeout|count|max|min|policy|mode|endpoint|host|ref|regex|pattern|label)$/;

/**
 * `NAME = value`, `NAME: value`, `"name": "value"`, `name := "value"`, `name => 'value'`,
 * optionally after `const`/`export`/`let`, with an optional `Bearer ` before the value.
 */
const ASSIGNMENT = /(?:^|[\s{,(;])["'`]?([A-Za-z_][\w.-]*)["'`]?\s*(?::=|=>|[:=])\s*["'`]?(?:Bearer\s+|Basic\s+|token\s+)?([^\s"'`,;)}\]]+)/g;

const BASE64 = /^[A-Za-z0-9+/=_-]+$/;
const HEX = /^[0-9a-fA-F]+$/;

export function shannonEntropy(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let entropy = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

export function isSecretName(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  if (!words.some((w) => KEYWORDS.has(w)) && !/api_?key|secret|token|passw/i.test(name)) return false;
  return !PUBLIC_NAME.test(name) && !NOT_SECRET_LAST_WORD.test(words.at(-1) ?? '');
}

/**
 * Random enough to be a generated credential. Hex: 32+ characters at 3.0 bits (a hex alphabet tops
 * out at 4). Base64: 20+ characters, within 80% of the maximum entropy for the length (short strings
 * cannot reach a fixed 4.5), with letters and digits mixed, as generated keys are.
 */
export function looksRandom(value: string): boolean {
  if (HEX.test(value)) return value.length >= 32 && shannonEntropy(value) >= 3.0;
  if (!BASE64.test(value) || value.length < 20) return false;
  if (!/[0-9]/.test(value) || !/[a-z]/.test(value) || !/[A-Z]/.test(value)) return false;
  return shannonEntropy(value) >= Math.min(4.2, 0.8 * Math.log2(value.length));
}

export function findHighEntropy(content: string): EntropyHit[] {
  const hits: EntropyHit[] = [];
  const lines = content.split('\n');
  for (const [index, line] of lines.entries()) {
    if (line.length > 2000) continue; // minified or data lines: not assignments anyone wrote
    for (const match of line.matchAll(ASSIGNMENT)) {
      const [, name = '', value = ''] = match;
      if (!isSecretName(name) || !looksRandom(value)) continue;
      if (isPlaceholder(value) || isPublicValue(line, value)) continue;
      hits.push({ line: index + 1, column: line.indexOf(value, match.index) + 1, value, name });
    }
  }
  return hits;
}
