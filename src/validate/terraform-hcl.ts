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
// signal is a warm-up: parsed, not answered, and cut short when a real batch is waiting.
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
async function answer({ signal, files }) {
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
  port.postMessage(results);
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

const WARM_ROUNDS = 60;
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

/** Parses each file; never throws for a file's content (a broken file gives { ok: false }). */
export function parseHclSync(files: readonly HclSource[]): ParseResult[] {
  const key = (f: HclSource): string => `${f.path}\0${f.content}`;
  const todo = files.filter((f) => !cache.has(key(f)));
  const fresh = parseUncached(todo);
  todo.forEach((f, i) => {
    const result = fresh[i]!;
    if (result.ok || !result.error.startsWith('HCL parser')) cache.set(key(f), result);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  });
  const fromFresh = new Map(todo.map((f, i) => [key(f), fresh[i]!]));
  return files.map((f) => cache.get(key(f)) ?? fromFresh.get(key(f))!);
}

function parseUncached(files: readonly HclSource[]): ParseResult[] {
  if (files.length === 0) return [];
  const { port, worker } = start();
  const signal = new Int32Array(new SharedArrayBuffer(4));
  port.postMessage({ signal, files: files.map((f) => ({ path: f.path, content: f.content })) });
  const waited = Atomics.wait(signal, 0, 0, TIMEOUT_MS);
  const reply = receiveMessageOnPort(port);
  if (waited === 'timed-out' || !reply) {
    // A stuck worker is useless for later calls too: start a fresh one next time.
    void worker.terminate();
    channel = null;
    return files.map(() => ({ ok: false, error: `HCL parser did not answer within ${TIMEOUT_MS / 1000} s` }));
  }
  return (reply.message as Array<{ ok: boolean; json?: HclJson; error?: string }>).map((r) =>
    r.ok && r.json ? { ok: true, json: r.json } : { ok: false, ...position(r.error ?? 'unknown parse error') },
  );
}

/** hcl2json reports "parse config: [main.tf:20,29-21,1: Summary; Detail]": keep the message and position. */
function position(error: string): { error: string; line?: number; column?: number } {
  const match = /\[?[^\s[:]+:(\d+),(\d+)(?:-\d+(?:,\d+)?)?: ([\s\S]*?)\]?$/.exec(error);
  if (!match) return { error };
  return { error: match[3]!.trim(), line: Number(match[1]), column: Number(match[2]) };
}
