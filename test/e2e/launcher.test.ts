/**
 * End to end: the launcher (bin/devsquad.js) keeps V8's compiled code for the bundle between commands,
 * and a bad cache never breaks a command.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers.js';

const BIN = path.join(REPO_ROOT, 'bin/devsquad.js');
const VERSION = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

function devsquad(args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function cacheFiles(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.v8')) : [];
}

/** Runs `test` with a fresh cache directory, removed afterwards. */
function inCacheDir(test: (dir: string) => void): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'devsquad-cache-'));
  try {
    test(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('launcher code cache', () => {
  it('stores the compiled bundle after the first command and reuses it', () =>
    inCacheDir((dir) => {
      expect(devsquad(['--version'], { DEVSQUAD_CACHE_DIR: dir }).stdout.trim()).toBe(VERSION);
      const [file] = cacheFiles(dir);
      expect(file).toMatch(/^bundle-[0-9a-f]{24}\.v8$/);
      const stored = fs.statSync(path.join(dir, file!));
      expect(stored.size).toBeGreaterThan(10_000);
      // A second command accepts the cache and leaves it as it is.
      expect(devsquad(['--version'], { DEVSQUAD_CACHE_DIR: dir }).code).toBe(0);
      expect(fs.statSync(path.join(dir, file!)).mtimeMs).toBe(stored.mtimeMs);
    }));

  it('rewrites a cache left by a light command once a much heavier command has run', () =>
    inCacheDir((dir) => {
      devsquad(['--version'], { DEVSQUAD_CACHE_DIR: dir });
      const [file] = cacheFiles(dir).filter((f) => f.startsWith('bundle-'));
      const light = fs.statSync(path.join(dir, file!)).size;
      const generate = ['generate', path.join(REPO_ROOT, 'examples/node-express'), '--json'];
      expect(devsquad(generate, { DEVSQUAD_CACHE_DIR: dir }).code).toBe(0);
      const heavy = fs.statSync(path.join(dir, file!));
      expect(heavy.size).toBeGreaterThan(light); // now holds the functions generation ran
      // The same work again, or less, leaves it as it is.
      expect(devsquad(generate, { DEVSQUAD_CACHE_DIR: dir }).code).toBe(0);
      expect(devsquad(['--version'], { DEVSQUAD_CACHE_DIR: dir }).code).toBe(0);
      expect(fs.statSync(path.join(dir, file!)).mtimeMs).toBe(heavy.mtimeMs);
    }));

  it('runs normally on a corrupt cache and replaces it', () =>
    inCacheDir((dir) => {
      devsquad(['--version'], { DEVSQUAD_CACHE_DIR: dir });
      const file = path.join(dir, cacheFiles(dir)[0]!);
      fs.writeFileSync(file, 'not V8 code');
      const run = devsquad(['--version'], { DEVSQUAD_CACHE_DIR: dir });
      expect(run.code).toBe(0);
      expect(run.stdout.trim()).toBe(VERSION);
      expect(fs.readFileSync(file).length).toBeGreaterThan(10_000);
    }));

  it('runs normally when the cache directory cannot be written, and can be switched off', () =>
    inCacheDir((dir) => {
      const blocked = path.join(dir, 'a-file');
      fs.writeFileSync(blocked, 'x'); // a file where the cache directory should be
      expect(devsquad(['--version'], { DEVSQUAD_CACHE_DIR: blocked }).code).toBe(0);
      const off = path.join(dir, 'off');
      expect(devsquad(['--version'], { DEVSQUAD_CACHE_DIR: off, DEVSQUAD_NO_COMPILE_CACHE: '1' }).code).toBe(0);
      expect(cacheFiles(off)).toEqual([]);
    }));

  it('keeps only the four most recent caches (one per build of the bundle)', () =>
    inCacheDir((dir) => {
      for (let i = 0; i < 6; i++) {
        const old = path.join(dir, `bundle-${String(i).padStart(24, '0')}.v8`);
        fs.writeFileSync(old, 'stale');
        const when = new Date(Date.now() - (i + 1) * 86_400_000);
        fs.utimesSync(old, when, when);
      }
      expect(devsquad(['--version'], { DEVSQUAD_CACHE_DIR: dir }).code).toBe(0);
      const left = cacheFiles(dir).sort();
      expect(left).toHaveLength(4);
      // The newest stale ones stay with the fresh cache; the oldest go.
      expect(left).toContain('bundle-000000000000000000000000.v8');
      expect(left).not.toContain('bundle-000000000000000000000005.v8');
    }));
});
