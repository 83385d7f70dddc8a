// V8's code cache for the large CommonJS files devsquad loads: its own CLI bundle (bin/load-bundle.js)
// and the TypeScript compiler on the offload worker (src/validate/offload.ts). Node 22 has
// module.enableCompileCache() for this; Node 20 has nothing, and compiling these files again on every
// command costs 0.1-0.3 s each. The first command compiles a file and, once it has run, stores V8's
// compiled code for it, including every function that command called; later commands start from that.
// The cache is an optimisation only: a missing, stale, corrupt or unwritable cache means a normal
// compile, never a failure. DEVSQUAD_CACHE_DIR moves it; DEVSQUAD_NO_COMPILE_CACHE=1 turns it off.
// CommonJS on purpose: the launcher imports it, and the worker threads (eval'd CommonJS) require it.
'use strict';
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const Module = require('node:module');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');

function cacheDirectory() {
  if (process.env.DEVSQUAD_CACHE_DIR) return process.env.DEVSQUAD_CACHE_DIR;
  const base = process.env.XDG_CACHE_HOME || (os.homedir() ? path.join(os.homedir(), '.cache') : os.tmpdir());
  return path.join(base, 'devsquad', 'code-cache');
}

/** One cache file per file content and Node/V8 version: V8 rejects data from another version anyway. */
function cacheFile(kind, file, source) {
  const key = createHash('sha256').update(`${process.version}\0${process.versions.v8}\0${process.arch}\0${file}\0`).update(source).digest('hex').slice(0, 24);
  return path.join(cacheDirectory(), `${kind}-${key}.v8`);
}

function readCache(file) {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Each build of a file gets its own cache file; keep the few most recent of each kind (upgrades, branches). */
const KEEP_CACHES = 4;

function pruneOldCaches(dir, kind) {
  const pattern = new RegExp(`^${kind}-[0-9a-f]+\\.v8$`);
  const caches = fs.readdirSync(dir).filter((name) => pattern.test(name)).map((name) => {
    const full = path.join(dir, name);
    return { full, mtime: fs.statSync(full).mtimeMs };
  });
  caches.sort((a, b) => b.mtime - a.mtime);
  for (const old of caches.slice(KEEP_CACHES)) {
    fs.rmSync(old.full, { force: true });
    fs.rmSync(workFile(old.full), { force: true });
  }
}

function writeAtomically(file, data) {
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  fs.writeFileSync(temp, data, { mode: 0o600 });
  fs.renameSync(temp, file); // atomic: a concurrent command reads the old file or the new one
}

function writeCache(file, kind, data, workMs) {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    writeAtomically(file, data);
    writeAtomically(workFile(file), String(Math.round(workMs)));
    pruneOldCaches(path.dirname(file), kind);
  } catch {
    // A read-only home or a full disk only costs the next command its head start.
  }
}

/**
 * A cache holds the functions its command ran: one written by `--help` would leave `run` compiling
 * nearly everything again. Beside each cache is the CPU time of the command that wrote it, and a
 * command that did much more work than that writes the cache again (once: it then holds the most).
 */
const workFile = (cache) => cache.replace(/\.v8$/, '.work');
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

function recordedWork(cache) {
  try {
    const value = Number(fs.readFileSync(workFile(cache), 'utf8'));
    return Number.isFinite(value) ? value : 0;
  } catch {
    return 0;
  }
}

/** Loaded files whose cache is still to be written (saveAll). */
const unsaved = new Set();

/**
 * Loads the CommonJS module `file` (its own require resolves from its directory, as usual) and returns
 * its exports plus `save()`, to call once the module has done its work: it stores the code cache when
 * there was none or V8 rejected it, and does nothing otherwise. `kind` names the cache files
 * (`bundle`, `typescript`, `kubernetes-models`).
 */
function loadWithCodeCache(file, kind) {
  const source = fs.readFileSync(file, 'utf8');
  const useCache = process.env.DEVSQUAD_NO_COMPILE_CACHE !== '1';
  const cache = useCache ? cacheFile(kind, file, source) : null;
  const cachedData = cache ? readCache(cache) : undefined;
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const module = { exports: {}, filename: file, id: file, loaded: false };
  script.runInThisContext().call(module.exports, module.exports, Module.createRequire(file), module, file, path.dirname(file));
  module.loaded = true;
  const missing = cache !== null && (cachedData === undefined || script.cachedDataRejected === true);
  // Work done by the command that wrote the cache; a command doing much more rewrites it (see workFile).
  const producerWork = cache !== null && !missing ? recordedWork(cache) : 0;
  let saved = cache === null;
  const loaded = {
    exports: module.exports,
    save() {
      unsaved.delete(loaded);
      if (saved) return;
      saved = true;
      const work = cpuMs();
      if (missing || work > 2 * producerWork + 200) writeCache(cache, kind, script.createCachedData(), work);
    },
  };
  if (!saved) unsaved.add(loaded);
  return loaded;
}

/** Stores the cache of every file this thread loaded that has none yet: the launcher calls it when a command is done. */
function saveAll() {
  for (const loaded of [...unsaved]) loaded.save();
}

module.exports = { loadWithCodeCache, saveAll, cacheDirectory };
