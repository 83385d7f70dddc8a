/**
 * Test helpers: build a real repository in a temp dir from an object of files, the way a user's
 * repository looks on disk, and clean it up when the test ends.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { onTestFinished } from 'vitest';
import { RepoFs } from '../src/core/repo/repo-fs.js';
import { analyzeRepository } from '../src/plan/analyze.js';
import type { ProjectPlan, ServicePlan } from '../src/plan/schema.js';

export type FileSpec = string | Buffer | { symlink: string } | Record<string, unknown>;

/**
 * Creates a temp directory holding `files` (path → content). Objects are written as JSON (handy
 * for package.json); `{ symlink: target }` makes a symbolic link.
 */
export function testdir(files: Record<string, FileSpec>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'devsquad-test-'));
  onTestFinished(() => fs.rmSync(root, { recursive: true, force: true }));
  writeFiles(root, files);
  return root;
}

export function writeFiles(root: string, files: Record<string, FileSpec>): void {
  for (const [rel, spec] of Object.entries(files)) {
    const abs = path.join(root, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    if (typeof spec === 'string' || Buffer.isBuffer(spec)) fs.writeFileSync(abs, spec);
    else if ('symlink' in spec && typeof spec.symlink === 'string') fs.symlinkSync(spec.symlink, abs);
    else fs.writeFileSync(abs, JSON.stringify(spec, null, 2) + '\n');
  }
}

/** Analyses a directory and returns the plan. */
export function planOf(dir: string): ProjectPlan {
  return analyzeRepository(RepoFs.open(dir)).plan;
}

/** Analyses a temp repository built from `files` and returns its only service (fails if not exactly one). */
export function onlyService(files: Record<string, FileSpec>): ServicePlan {
  const plan = planOf(testdir(files));
  if (plan.services.length !== 1) {
    throw new Error(`expected one service, got ${plan.services.length}: ${JSON.stringify(plan.services.map((s) => s.path))}\n${JSON.stringify(plan.diagnostics)}`);
  }
  return plan.services[0]!;
}

export const REPO_ROOT = path.resolve(import.meta.dirname, '..');
export const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');

const examplePlans = new Map<string, ProjectPlan>();

/** The plan of one folder of examples/, analysed once per test file. */
export function examplePlan(example: string): ProjectPlan {
  let found = examplePlans.get(example);
  if (!found) {
    found = planOf(path.join(EXAMPLES_DIR, example));
    examplePlans.set(example, found);
  }
  return found;
}

/**
 * How many times the event loop turned while `work` was pending: more than zero shows the work left
 * this thread free (a blocking wait would let no turn happen before it settles).
 */
export async function loopTurnsDuring(work: Promise<unknown>): Promise<number> {
  let turns = 0;
  let counting = true;
  const turn = (): void => {
    turns++;
    if (counting) setImmediate(turn);
  };
  setImmediate(turn);
  try {
    await work;
  } finally {
    counting = false;
  }
  return turns;
}
