// Loads dist/devsquad.cjs through V8's code cache (what Node 22's module.enableCompileCache() does;
// Node 20 has no built-in equivalent). The first command compiles the 6 MB bundle and, when it is
// done, stores V8's compiled code for it, including every function that command ran; later commands
// start from that instead of parsing and compiling again. The cache is an optimisation only: a
// missing, stale, corrupt or unwritable cache means a normal compile, never a failure.
// DEVSQUAD_CACHE_DIR moves it; DEVSQUAD_NO_COMPILE_CACHE=1 turns it off.
import crypto from 'node:crypto';
import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';

function cacheDirectory() {
  if (process.env.DEVSQUAD_CACHE_DIR) return process.env.DEVSQUAD_CACHE_DIR;
  const base = process.env.XDG_CACHE_HOME || (os.homedir() ? path.join(os.homedir(), '.cache') : os.tmpdir());
  return path.join(base, 'devsquad', 'code-cache');
}

/** One cache file per bundle build and Node/V8 version: V8 rejects data from another version anyway. */
function cacheFile(bundle, source) {
  const key = crypto.createHash('sha256').update(`${process.version}\0${process.versions.v8}\0${process.arch}\0${bundle}\0`).update(source).digest('hex').slice(0, 24);
  return path.join(cacheDirectory(), `bundle-${key}.v8`);
}

function readCache(file) {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Each build of the bundle gets its own cache file; keep the few most recent (upgrades, branches). */
const KEEP_CACHES = 4;

function pruneOldCaches(dir) {
  const caches = fs.readdirSync(dir).filter((name) => /^bundle-[0-9a-f]+\.v8$/.test(name)).map((name) => {
    const full = path.join(dir, name);
    return { full, mtime: fs.statSync(full).mtimeMs };
  });
  caches.sort((a, b) => b.mtime - a.mtime);
  for (const old of caches.slice(KEEP_CACHES)) fs.rmSync(old.full, { force: true });
}

function writeCache(file, data) {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, data, { mode: 0o600 });
    fs.renameSync(temp, file); // atomic: a concurrent command reads the old file or the new one
    pruneOldCaches(path.dirname(file));
  } catch {
    // A read-only home or a full disk only costs the next command its head start.
  }
}

/**
 * Requires the bundle and returns its exports plus a function to call once the command has run,
 * which stores the code cache when there was none (or V8 rejected it).
 */
export function loadBundle(bundle) {
  const source = fs.readFileSync(bundle, 'utf8');
  const useCache = process.env.DEVSQUAD_NO_COMPILE_CACHE !== '1';
  const file = useCache ? cacheFile(bundle, source) : null;
  const cachedData = file ? readCache(file) : undefined;
  const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));
  const needsWrite = file !== null && (cachedData === undefined || script.cachedDataRejected === true);
  return {
    exports: module.exports,
    done() {
      if (needsWrite) writeCache(file, script.createCachedData());
    },
  };
}
