/**
 * Synchronous HCL parsing with @cdktf/hcl2json. Its `parse(filename, text)` is async (a Go program
 * compiled to WebAssembly answers through the event loop), while the Validator contract is
 * synchronous. Rather than change that contract, the parser runs in one long-lived worker thread and
 * the caller blocks on a SharedArrayBuffer with Atomics.wait until the worker answers: the result is
 * exactly what the async parser returns, in order, for a whole batch of files per round trip.
 * The worker is started on first use and never keeps the process alive (unref).
 */
import { createRequire } from 'node:module';
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { signalled } from './signalled.js';

/** hcl2json's JSON form of one file: blocks become objects of arrays, expressions "${…}" strings. */
export type HclJson = Record<string, unknown>;

export type ParseResult = { ok: true; json: HclJson } | { ok: false; error: string; line?: number; column?: number };

export interface HclSource {
  path: string;
  content: string;
}

/** How long one batch may take before we give up (the first call also loads the wasm module). */
const TIMEOUT_MS = 30_000;

// Plain CommonJS run by the worker: load the parser once, answer each batch in order (one at a time, so a
// warm-up still running never interleaves with a real batch), then wake the caller. A batch without a
// signal is a warm-up: parsed, not answered, and cut short when a real batch is waiting. Answers carry
// their batch id: a batch started ahead (prefetchHcl) may be answered while the caller waits for another.
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { port, lib } = workerData;
let parse = null;
let loadError = null;
try { parse = require(lib).parse; } catch (error) { loadError = String((error && error.message) || error); }
let queue = Promise.resolve();
let waiting = 0;
port.on('message', (message) => {
  if (message.signal) waiting++;
  queue = queue.then(() => answer(message));
});
async function answer({ id, signal, files }) {
  const results = [];
  for (const file of files) {
    if (!signal) {
      // A warm-up gives way as soon as a caller is blocked on a real batch.
      await new Promise((resolve) => setImmediate(resolve));
      if (waiting > 0) return;
    }
    if (!parse) { results.push({ ok: false, error: 'HCL parser unavailable: ' + loadError }); continue; }
    try { results.push({ ok: true, json: await parse(file.path, file.content) }); }
    catch (error) { results.push({ ok: false, error: String((error && error.message) || error) }); }
  }
  if (!signal) return;
  waiting--;
  port.postMessage({ id, results });
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
}
`;

let channel: { port: MessagePort; worker: Worker } | null = null;

function start(): { port: MessagePort; worker: Worker } {
  if (channel) return channel;
  const lib = createRequire(import.meta.url).resolve('@cdktf/hcl2json');
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(WORKER_SOURCE, { eval: true, execArgv: [], workerData: { port: port2, lib }, transferList: [port2] });
  worker.unref();
  port1.unref();
  channel = { port: port1, worker };
  return channel;
}

/**
 * Starts the worker and has it parse a representative module repeatedly until a real batch comes, without waiting. The first
 * parses in a fresh process are several times slower than later ones (the wasm is compiled lazily and
 * tiered up, the Go runtime grows its heap), so a command that will validate Terraform calls this early:
 * the warm-up then runs on another core while this thread loads modules and analyses the repository.
 * Results are unaffected: the warm-up's parses are discarded and batches are answered in order.
 */
export function prewarmHclParser(): void {
  if (channel) return;
  const { port } = start();
  const files = Array.from({ length: WARM_ROUNDS }, (_, i) => ({ path: `warm-${i}.tf`, content: WARM_SOURCE }));
  port.postMessage({ signal: null, files });
}

// A few rounds start the Go runtime and grow its heap. More used to let V8 tier the wasm up; the CLI
// now compiles wasm baseline-only (bin/devsquad.js), where extra rounds only take the second core
// from the offload workers (measured: 60 rounds cost the median `run production-ready` ~150 ms).
const WARM_ROUNDS = 3;
// Every construct our generators emit: blocks, nested blocks, dynamic blocks, for expressions,
// conditionals, function calls, heredocs and template interpolation.
const WARM_SOURCE = `terraform {
  required_version = ">= 1.6"
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 5.0" }
  }
  backend "s3" {}
}
variable "name" {
  type        = string
  description = "Service name"
  validation {
    condition     = can(regex("^[a-z0-9-]+$", var.name))
    error_message = "Lowercase letters, digits and dashes."
  }
}
variable "env" {
  type    = map(object({ value = string, secret = optional(bool, false) }))
  default = {}
}
locals {
  tags   = merge({ Service = var.name }, { for k, v in var.env : k => v.value if !v.secret })
  ports  = [for p in [80, 443] : { port = p, name = format("p-%d", p) }]
  single = length(local.ports) > 1 ? local.ports[0].port : 8080
}
data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}
resource "aws_security_group" "this" {
  name = "\${var.name}-sg"
  dynamic "ingress" {
    for_each = local.ports
    content {
      from_port   = ingress.value.port
      to_port     = ingress.value.port
      protocol    = "tcp"
      cidr_blocks = ["0.0.0.0/0"]
    }
  }
  tags = local.tags
  lifecycle { create_before_destroy = true }
}
module "network" {
  source     = "../../modules/network"
  name       = var.name
  cidr       = cidrsubnet("10.0.0.0/16", 4, 1)
  depends_on = [aws_security_group.this]
}
output "url" {
  value     = "https://\${module.network.dns_name}/\${lower(var.name)}"
  sensitive = false
}
output "script" {
  value = <<-EOT
    #!/bin/sh
    echo \${jsonencode(local.tags)}
  EOT
}
`;

/** Recent results by path and content: validate() and validateSet() read the same files in turn. */
const cache = new Map<string, ParseResult>();
const CACHE_SIZE = 512;

type RawResult = { ok: boolean; json?: HclJson; error?: string };

interface Batch {
  id: number;
  signal: Int32Array;
  worker: Worker;
  files: HclSource[];
}

let nextBatch = 1;
/** Batches posted and not yet read back, by the key of each file they parse. */
const inFlight = new Map<string, Batch>();
/** Answers read from the port while waiting for another batch, by batch id. */
const answered = new Map<number, RawResult[]>();
/** Results of batches that ended without a cacheable answer, for their first taker. */
const uncached = new Map<string, ParseResult>();

const keyOf = (f: HclSource): string => `${f.path}\0${f.content}`;

function remember(key: string, result: ParseResult): void {
  if (result.ok || !result.error.startsWith('HCL parser')) {
    cache.set(key, result);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  } else {
    if (uncached.size > CACHE_SIZE) uncached.clear();
    uncached.set(key, result);
  }
}

function post(files: readonly HclSource[]): Batch {
  const { port, worker } = start();
  const batch: Batch = { id: nextBatch++, signal: new Int32Array(new SharedArrayBuffer(4)), worker, files: files.map((f) => ({ path: f.path, content: f.content })) };
  port.postMessage({ id: batch.id, signal: batch.signal, files: batch.files });
  for (const f of batch.files) inFlight.set(keyOf(f), batch);
  return batch;
}

/** Waits for a batch and stores its results (in the cache, or in `uncached` for errors not worth keeping), and in `into`. */
function settle(batch: Batch, into: Map<string, ParseResult>): void {
  const results = answered.get(batch.id) ?? wait(batch);
  answered.delete(batch.id);
  batch.files.forEach((f, i) => {
    const key = keyOf(f);
    if (inFlight.get(key) === batch) inFlight.delete(key);
    const raw = results[i];
    const result = raw ? fromRaw(raw) : { ok: false as const, error: 'unknown parse error' };
    remember(key, result);
    into.set(key, result);
  });
}

function wait(batch: Batch): RawResult[] {
  const current = channel;
  const waited = current && current.worker === batch.worker ? Atomics.wait(batch.signal, 0, 0, TIMEOUT_MS) : 'timed-out';
  if (current && current.worker === batch.worker) {
    for (let reply = receiveMessageOnPort(current.port); reply; reply = receiveMessageOnPort(current.port)) {
      const { id, results } = reply.message as { id: number; results: RawResult[] };
      answered.set(id, results);
    }
  }
  const results = answered.get(batch.id);
  if (results) return results;
  if (waited === 'timed-out' && current && current.worker === batch.worker) {
    // A stuck worker is useless for later calls too: start a fresh one next time.
    void current.worker.terminate();
    channel = null;
  }
  return batch.files.map(() => ({ ok: false, error: `HCL parser did not answer within ${TIMEOUT_MS / 1000} s` }));
}

/** A mark to pass to hclSettledSince: the batches posted from now on. */
export function hclMark(): number {
  return nextBatch;
}

/** Resolves when every batch posted since `mark` has been parsed (or after TIMEOUT_MS), without blocking this thread. */
export function hclSettledSince(mark: number): Promise<void> {
  return signalled([...new Set(inFlight.values())].filter((b) => b.id >= mark).map((b) => b.signal), TIMEOUT_MS);
}

/**
 * Starts parsing these files on the worker without waiting: parseHclSync then takes the results (a
 * generator's files are parsed on another core while this thread generates and validates the rest).
 */
export function prefetchHcl(files: readonly HclSource[]): void {
  const todo = uniqueTodo(files);
  if (todo.length > 0) post(todo);
}

function uniqueTodo(files: readonly HclSource[]): HclSource[] {
  const seen = new Set<string>();
  return files.filter((f) => {
    const key = keyOf(f);
    if (seen.has(key) || cache.has(key) || inFlight.has(key) || uncached.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Parses each file; never throws for a file's content (a broken file gives { ok: false }). */
export function parseHclSync(files: readonly HclSource[]): ParseResult[] {
  const results = new Map<string, ParseResult>();
  for (const f of files) {
    const key = keyOf(f);
    const known = cache.get(key) ?? uncached.get(key);
    if (known) results.set(key, known);
    uncached.delete(key);
  }
  const todo = uniqueTodo(files.filter((f) => !results.has(keyOf(f))));
  if (todo.length > 0) post(todo);
  for (const f of files) {
    const batch = results.has(keyOf(f)) ? undefined : inFlight.get(keyOf(f));
    if (batch) settle(batch, results);
  }
  return files.map((f) => results.get(keyOf(f))!);
}

function fromRaw(r: RawResult): ParseResult {
  return r.ok && r.json ? { ok: true, json: r.json } : { ok: false, ...position(r.error ?? 'unknown parse error') };
}

/** hcl2json reports "parse config: [main.tf:20,29-21,1: Summary; Detail]": keep the message and position. */
function position(error: string): { error: string; line?: number; column?: number } {
  const match = /\[?[^\s[:]+:(\d+),(\d+)(?:-\d+(?:,\d+)?)?: ([\s\S]*?)\]?$/.exec(error);
  if (!match) return { error };
  return { error: match[3]!.trim(), line: Number(match[1]), column: Number(match[2]) };
}
