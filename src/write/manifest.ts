/**
 * The manifest (.devsquad/manifest.json) records every file devsquad wrote and the hash of what it
 * wrote. It is how devsquad tells its own untouched output (safe to update) from a file the user
 * wrote or edited (never overwritten without --force). No timestamps: re-running with the same
 * result leaves the manifest byte-identical.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DsqError } from '../core/errors.js';
import { log } from '../core/logger.js';
import { writeFileAtomic } from './atomic.js';

export const MANIFEST_PATH = '.devsquad/manifest.json';

const ManifestEntry = z.object({ sha256: z.string().regex(/^[a-f0-9]{64}$/), generator: z.string() });
const Manifest = z.object({
  version: z.literal(1),
  files: z.record(z.string(), ManifestEntry),
});
export type Manifest = z.infer<typeof Manifest>;

export function sha256(content: string | Buffer): string {
  return crypto.createHash('sha256').update(content).digest('hex');
}

export function emptyManifest(): Manifest {
  return { version: 1, files: {} };
}

/**
 * Reads the manifest under `root`. A corrupt manifest is moved aside (never deleted) and treated as
 * empty, which makes every existing file count as the user's: the safe direction.
 */
export function readManifest(root: string, options: { setAsideCorrupt?: boolean } = {}): Manifest {
  const file = path.join(root, MANIFEST_PATH);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return emptyManifest();
  }
  try {
    return Manifest.parse(JSON.parse(text));
  } catch (error) {
    // A dry run only reads: the corrupt file is set aside when devsquad is about to write a new one.
    if (options.setAsideCorrupt) fs.renameSync(file, `${file}.corrupt`);
    const warning = new DsqError('DSQ_ERR_WRITE_MANIFEST_CORRUPT', { path: MANIFEST_PATH, reason: (error as Error).message.split('\n')[0] ?? 'invalid', backup: `${MANIFEST_PATH}.corrupt` });
    log.warn(`${warning.code}: ${warning.message}`);
    return emptyManifest();
  }
}

export function writeManifest(root: string, manifest: Manifest): void {
  const sorted: Manifest = { version: 1, files: Object.fromEntries(Object.entries(manifest.files).sort(([a], [b]) => a.localeCompare(b))) };
  writeFileAtomic(path.join(root, MANIFEST_PATH), JSON.stringify(sorted, null, 2) + '\n');
}
