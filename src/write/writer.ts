/**
 * The writer: decides, for each generated file, whether to create, update, leave unchanged or refuse
 * (the user wrote or edited it), shows that as a dry run with diffs, and applies it atomically.
 *
 *   not on disk                                  → create
 *   on disk, same bytes                          → unchanged (nothing written)
 *   on disk, we wrote it and nobody edited it    → update
 *   on disk, not ours or edited since            → conflict; with --force → overwrite, after a backup
 */
import fs from 'node:fs';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { DsqError } from '../core/errors.js';
import { isInside } from '../core/repo/repo-fs.js';
import type { GeneratedFile } from '../generate/types.js';
import { writeFileAtomicAsync } from './atomic.js';
import { MANIFEST_PATH, readManifest, sha256, writeManifest, type Manifest } from './manifest.js';

export type WriteAction = 'create' | 'update' | 'unchanged' | 'conflict' | 'overwrite';

export interface PlannedWrite {
  file: GeneratedFile;
  action: WriteAction;
  /** Unified diff against what is on disk (update, conflict, overwrite). */
  diff: string | null;
  /** Why a conflict is one. */
  reason: string | null;
}

export interface WriteOptions {
  /** Directory files are written under (the repository, or --out DIR). */
  root: string;
  /** Overwrite files the user wrote or edited, keeping a backup. */
  force?: boolean;
}

export interface WriteResult {
  planned: PlannedWrite[];
  written: string[];
  backups: string[];
}

/** Works out what writing `files` under `root` would do, without touching the disk. */
export function planWrites(files: readonly GeneratedFile[], options: WriteOptions): PlannedWrite[] {
  const manifest = readManifest(options.root);
  return files.map((file) => planOne(file, manifest, options));
}

function planOne(file: GeneratedFile, manifest: Manifest, options: WriteOptions): PlannedWrite {
  const target = resolveTarget(options.root, file.path);
  let current: string;
  try {
    const stat = fs.lstatSync(target);
    if (stat.isSymbolicLink() || !stat.isFile()) {
      return { file, action: options.force ? 'overwrite' : 'conflict', diff: null, reason: stat.isSymbolicLink() ? 'it is a symbolic link' : 'it is not a regular file' };
    }
    current = fs.readFileSync(target, 'utf8');
  } catch {
    return { file, action: 'create', diff: null, reason: null };
  }
  if (current === file.content) return { file, action: 'unchanged', diff: null, reason: null };
  const diff = createTwoFilesPatch(`a/${file.path}`, `b/${file.path}`, current, file.content, '', '', { context: 3 });
  const recorded = manifest.files[file.path];
  if (recorded && recorded.sha256 === sha256(current)) return { file, action: 'update', diff, reason: null };
  const reason = recorded ? 'you edited it after devsquad wrote it' : 'devsquad did not write it';
  return { file, action: options.force ? 'overwrite' : 'conflict', diff, reason };
}

/** How many files are in flight at once: enough to overlap their fsyncs, few enough for any open-file limit. */
const PARALLEL_WRITES = 16;

/**
 * Applies a write plan: every file atomically (several at a time), backups before overwrites, then the
 * manifest, only once every file is on disk. A conflict is skipped (and reported by the caller), never
 * written. `written` keeps the plan's order.
 */
export async function applyWrites(planned: readonly PlannedWrite[], options: WriteOptions): Promise<WriteResult> {
  const manifest = readManifest(options.root, { setAsideCorrupt: true });
  const backups: string[] = [];
  const pending: { path: string; target: string; content: string; mode: number }[] = [];
  for (const entry of planned) {
    const { file, action } = entry;
    if (action === 'conflict') continue;
    const target = resolveTarget(options.root, file.path);
    if (action === 'overwrite') {
      backups.push(backup(options.root, file.path, target));
      fs.rmSync(target, { force: true }); // a symlink is replaced, never written through
    }
    if (action !== 'unchanged') pending.push({ path: file.path, target, content: file.content, mode: file.kind === 'shell' ? 0o755 : 0o644 });
    manifest.files[file.path] = { sha256: sha256(file.content), generator: file.generator };
  }
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < pending.length) {
      const item = pending[next++]!;
      try {
        await writeFileAtomicAsync(item.target, item.content, item.mode);
      } catch (error) {
        throw new DsqError('DSQ_ERR_WRITE_FAILED', { path: item.path, reason: (error as Error).message }, { cause: error });
      }
    }
  };
  const results = await Promise.allSettled(Array.from({ length: Math.min(PARALLEL_WRITES, pending.length) }, worker));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  if (planned.some((p) => p.action !== 'conflict')) writeManifest(options.root, manifest);
  return { planned: [...planned], written: pending.map((p) => p.path), backups };
}

/** Keeps the user's version as .devsquad/backups/<path>.<n>, never replacing an older backup. */
function backup(root: string, rel: string, target: string): string {
  for (let n = 1; ; n++) {
    const name = path.join('.devsquad', 'backups', `${rel}.${n}`);
    const abs = path.join(root, name);
    if (fs.existsSync(abs)) continue;
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.copyFileSync(fs.realpathSync(target), abs);
    return name.split(path.sep).join('/');
  }
}

function resolveTarget(root: string, rel: string): string {
  const target = path.resolve(root, rel);
  if (path.isAbsolute(rel) || !isInside(path.resolve(root), target) || rel === MANIFEST_PATH) {
    throw new DsqError('DSQ_ERR_WRITE_PATH_ESCAPE', { path: rel });
  }
  // A parent directory that is a symlink out of the root would redirect the write.
  let dir = path.dirname(target);
  while (!fs.existsSync(dir) && dir !== path.dirname(dir)) dir = path.dirname(dir);
  if (fs.existsSync(dir) && fs.existsSync(root) && !isInside(fs.realpathSync(root), fs.realpathSync(dir))) {
    throw new DsqError('DSQ_ERR_WRITE_PATH_ESCAPE', { path: rel });
  }
  return target;
}
