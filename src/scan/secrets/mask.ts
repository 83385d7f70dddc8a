/** Masking and fingerprints: a finding never carries a secret, only enough to recognise it. */
import { createHash } from 'node:crypto';

/** `ghp_…(40 chars)`: the first four characters and the length, never the rest. */
export function maskSecret(secret: string): string {
  return `${[...secret].slice(0, 4).join('')}…(${secret.length} chars)`;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Rule + file + hash of the secret: stable when lines move, different for another secret or file. */
export function secretFingerprint(ruleId: string, file: string, secret: string): string {
  return sha256(`${ruleId}\0${file}\0${sha256(secret)}`).slice(0, 32);
}
