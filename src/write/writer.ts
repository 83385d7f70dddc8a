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
import { writeFileAtomic } from './atomic.js';
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

/**
 * Applies a write plan: every file atomically, backups before overwrites, then the manifest. A
 * conflict is skipped (and reported by the caller), never written.
 */
export function applyWrites(planned: readonly PlannedWrite[], options: WriteOptions): WriteResult {
  const manifest = readManifest(options.root, { setAsideCorrupt: true });
  const written: string[] = [];
  const backups: string[] = [];
  for (const entry of planned) {
    const { file, action } = entry;
    if (action === 'conflict') continue;
    const target = resolveTarget(options.root, file.path);
    if (action === 'overwrite') {
      backups.push(backup(options.root, file.path, target));
      fs.rmSync(target, { force: true }); // a symlink is replaced, never written through
    }
    if (action !== 'unchanged') {
      try {
        writeFileAtomic(target, file.content, file.kind === 'shell' ? 0o755 : 0o644);
      } catch (error) {
        throw new DsqError('DSQ_ERR_WRITE_FAILED', { path: file.path, reason: (error as Error).message }, { cause: error });
      }
      written.push(file.path);
    }
    manifest.files[file.path] = { sha256: sha256(file.content), generator: file.generator };
  }
  if (planned.some((p) => p.action !== 'conflict')) writeManifest(options.root, manifest);
  return { planned: [...planned], written, backups };
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
