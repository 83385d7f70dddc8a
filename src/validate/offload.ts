/**
 * A second thread for the slow steps that do not need this one: rendering a Helm chart with the helm
 * binary (a child process, ~100 ms), checking a GitHub Actions workflow against GitHub's schema with
 * @action-validator/core (wasm, ~40 ms per workflow), and the TypeScript compiler's jobs
 * (typescript-jobs.ts: loading it takes ~0.3 s, ~0.1 s from V8's code cache, bin/code-cache.cjs). `runGenerators` starts them
 * as soon as a family's files exist (prefetch.ts); the validators later take the answer for exactly
 * the same input, blocking on a SharedArrayBuffer with Atomics.wait as terraform-hcl.ts does, and
 * compute it themselves when there is none. The answer is what the synchronous call returns: the
 * worker runs the same binary and the same library with the same arguments.
 * The worker is started on first use and never keeps the process alive (unref).
 */
import { createRequire } from 'node:module';
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { packagePath } from '../core/package-root.js';
import { signalled } from './signalled.js';
import { runTypeScriptJob, type TypeScriptJob } from './typescript-jobs.js';

/**
 * Runs a command on files written to a fresh temporary directory, removed once it has finished. Every
 * occurrence of DIR_TOKEN in `args` and in `env` values stands for that directory's path.
 */
export interface SpawnJob {
  type: 'spawn';
  command: string;
  args: string[];
  env: Record<string, string | undefined>;
  timeoutMs: number;
  files: ReadonlyArray<{ path: string; content: string }>;
  tmpPrefix: string;
}

export const DIR_TOKEN = '\u0000dir\u0000';

export interface WorkflowSchemaJob {
  type: 'workflow-schema';
  content: string;
}

export type OffloadJob = SpawnJob | WorkflowSchemaJob | TypeScriptJob;

/** A command that ran to its exit; one that could not start, timed out or died of a signal has no result. */
export interface SpawnResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** How long a caller waits for an answer before computing it itself. */
const WAIT_MS = 30_000;

// Plain CommonJS run by the worker: jobs run concurrently (each helm render is its own process); each
// answer is posted, then its caller is woken.
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { execFile } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { port, libs, dirToken } = workerData;
let validateWorkflow = null;
function workflowSchema(content) {
  if (!validateWorkflow) validateWorkflow = require(libs.actionValidator).validateWorkflow;
  // The wasm build warns "Glob validation is not yet supported" for every paths: filter: noise.
  const warn = console.warn;
  console.warn = () => undefined;
  try { return { ok: true, value: validateWorkflow(content) }; }
  catch (error) { return { ok: false, error: String((error && error.message) || error) }; }
  finally { console.warn = warn; }
}
function writeFiles(files, prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const file of files) {
    const target = path.join(dir, file.path);
    if (!target.startsWith(dir + path.sep)) continue; // never write outside the temporary directory
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, file.content);
  }
  return dir;
}
function spawn(job) {
  return new Promise((resolve) => {
    const dir = writeFiles(job.files, job.tmpPrefix);
    const put = (value) => value.split(dirToken).join(dir);
    const env = {};
    for (const [key, value] of Object.entries(job.env)) if (value !== undefined) env[key] = put(value);
    execFile(job.command, job.args.map(put), { encoding: 'utf8', timeout: job.timeoutMs, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      try { fs.rmSync(dir, { recursive: true, force: true }); } catch {}
      const status = error ? (typeof error.code === 'number' && !error.killed ? error.code : null) : 0;
      // Anything but an exit is left to the caller's own synchronous run, so its message stays the same.
      resolve(status === null ? { ok: false, error: String(error.message) } : { ok: true, value: { status, stdout: String(stdout), stderr: String(stderr) } });
    });
  });
}
let typescript = null;
let typescriptCache = null;
function typescriptJob(job) {
  if (!typescript) {
    try {
      typescriptCache = require(libs.codeCache).loadWithCodeCache(libs.typescript, 'typescript');
      typescript = typescriptCache.exports;
    } catch {
      typescript = require(libs.typescript);
    }
  }
  return { ok: true, value: runTypeScriptJob(typescript, job) };
}
port.on('message', async ({ id, signal, job }) => {
  let result;
  try { result = job.type === 'spawn' ? await spawn(job) : job.type === 'workflow-schema' ? workflowSchema(job.content) : typescriptJob(job); }
  catch (error) { result = { ok: false, error: String((error && error.message) || error) }; }
  port.postMessage({ id, result });
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
  // After the first answer (the compiler's code is compiled by then), once: see bin/code-cache.cjs.
  if (typescriptCache) setImmediate(() => typescriptCache.save());
});
`;

type Reply = { ok: boolean; value?: unknown; error?: string };

/**
 * Each lane is a worker of its own: the TypeScript compiler takes ~0.4 s to load, and a workflow check
 * or a chart render queued behind it would keep this thread waiting for no reason.
 */
export type Lane = 'checks' | 'typescript';

interface Channel {
  port: MessagePort;
  worker: Worker;
}

const channels = new Map<Lane, Channel>();
let nextId = 1;
/** Jobs posted whose answer has not been read yet, by id (see settledSince). */
const unanswered = new Map<number, Ticket>();
/** Answers received while waiting for another one, by job id. */
const received = new Map<number, Reply>();
/** Jobs nobody will collect: their answers are dropped on arrival. */
const discarded = new Set<number>();

export interface Ticket {
  id: number;
  signal: Int32Array;
  worker: Worker;
  lane: Lane;
}

function laneOf(job: OffloadJob): Lane {
  return job.type.startsWith('ts-') ? 'typescript' : 'checks';
}

function start(lane: Lane): Channel {
  const open = channels.get(lane);
  if (open) return open;
  const resolve = createRequire(import.meta.url).resolve;
  const { port1, port2 } = new MessageChannel();
  // runTypeScriptJob travels as source text: both threads run the same function (typescript-jobs.ts).
  const source = `${WORKER_SOURCE}\nconst runTypeScriptJob = ${runTypeScriptJob.toString()};\n`;
  const worker = new Worker(source, { eval: true, execArgv: [], workerData: { port: port2, dirToken: DIR_TOKEN, libs: { actionValidator: resolve('@action-validator/core'), typescript: resolve('typescript'), codeCache: packagePath('bin', 'code-cache.cjs') } }, transferList: [port2] });
  worker.unref();
  port1.unref();
  const channel = { port: port1, worker };
  channels.set(lane, channel);
  return channel;
}

/** Starts a job on the worker; null when no worker can be started (the caller then computes it itself). */
export function offload(job: OffloadJob): Ticket | null {
  try {
    const lane = laneOf(job);
    const { port, worker } = start(lane);
    const ticket = { id: nextId++, signal: new Int32Array(new SharedArrayBuffer(4)), worker, lane };
    port.postMessage({ id: ticket.id, signal: ticket.signal, job });
    unanswered.set(ticket.id, ticket);
    return ticket;
  } catch {
    return null;
  }
}

function drain(port: MessagePort): void {
  for (let reply = receiveMessageOnPort(port); reply; reply = receiveMessageOnPort(port)) {
    const { id, result } = reply.message as { id: number; result: Reply };
    unanswered.delete(id);
    if (!discarded.delete(id)) received.set(id, result);
  }
}

/** The job's answer, waiting for it if needed; null when the worker failed or did not answer in time. */
export function collect<T>(ticket: Ticket): T | null {
  if (!received.has(ticket.id)) {
    const current = channels.get(ticket.lane);
    if (!current || current.worker !== ticket.worker) return null; // that worker was given up
    const waited = Atomics.wait(ticket.signal, 0, 0, WAIT_MS);
    drain(current.port);
    if (waited === 'timed-out' && !received.has(ticket.id)) {
      // A stuck worker is useless for later jobs too: start a fresh one next time.
      void current.worker.terminate();
      channels.delete(ticket.lane);
      return null;
    }
  }
  const result = received.get(ticket.id);
  received.delete(ticket.id);
  return result?.ok ? (result.value as T) : null;
}

/** A mark to pass to settledSince: the jobs offloaded from now on. */
export function offloadMark(): number {
  return nextId;
}

/**
 * Resolves when every job offloaded since `mark` has been answered by its worker (or after
 * WAIT_MS), without blocking this thread: a caller that awaits it before validating lets other work
 * run here meanwhile, and its collect() calls then find their answers ready.
 */
export function settledSince(mark: number): Promise<void> {
  return signalled([...unanswered.values()].filter((t) => t.id >= mark).map((t) => t.signal), WAIT_MS);
}

/** Forgets a job nobody will collect (its answer is dropped now or when it arrives). */
export function discard(ticket: Ticket): void {
  if (received.delete(ticket.id)) return;
  const current = channels.get(ticket.lane);
  if (current) drain(current.port);
  if (!received.delete(ticket.id)) discarded.add(ticket.id);
}
