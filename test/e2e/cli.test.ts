/**
 * End to end: the built CLI (bin/devsquad.js → dist/) run as a user runs it, in a child process,
 * against real repositories in temp dirs. `npm test` builds first.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectPlan } from '../../src/plan/schema.js';
import { REPO_ROOT, testdir } from '../helpers.js';

const BIN = path.join(REPO_ROOT, 'bin/devsquad.js');

function devsquad(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...options.env },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const expressApp = {
  'package.json': {
    name: 'shop-api',
    version: '1.0.0',
    scripts: { start: 'node src/server.js' },
    engines: { node: '20.x' },
    dependencies: { express: '^4.21.1', pg: '^8.13.1' },
  },
  'package-lock.json': { name: 'shop-api', lockfileVersion: 3, requires: true, packages: { '': { name: 'shop-api' } } },
  'src/server.js': [
    "const express = require('express');",
    'const app = express();',
    "app.get('/healthz', (req, res) => res.json({ ok: true }));",
    'const port = process.env.PORT || 3000;',
    "const db = process.env.DATABASE_URL;",
    'app.listen(port, () => console.log(`listening on ${port}`));',
    '',
  ].join('\n'),
};

describe('devsquad CLI', () => {
  it('prints its version and a help that teaches the commands', () => {
    const version = devsquad(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).version);
    const help = devsquad(['--help']);
    expect(help.code).toBe(0);
    for (const word of ['analyze', 'generate', 'validate', 'Examples:', 'Exit codes']) expect(help.stdout).toContain(word);
    const sub = devsquad(['generate', '--help']);
    expect(sub.stdout).toContain('--write');
    expect(sub.stdout).toContain('--force');
  });

  it('exits 2 on an unknown command or option, and 3 with a catalogue code on a missing path', () => {
    expect(devsquad(['deploy-everything']).code).toBe(2);
    expect(devsquad(['analyze', '--frobnicate']).code).toBe(2);
    const missing = devsquad(['analyze', '/definitely/not/here']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('DSQ_ERR_REPO_NOT_FOUND');
  });

  it('analyze --json prints exactly the ProjectPlan schema, with evidence', () => {
    const repo = testdir(expressApp);
    const result = devsquad(['analyze', repo, '--json']);
    expect(result.code).toBe(0);
    const plan = ProjectPlan.parse(JSON.parse(result.stdout));
    const api = plan.services[0]!;
    expect(api).toMatchObject({ name: 'shop-api', language: 'node', framework: 'express', port: { value: 3000, envVar: 'PORT' }, health: { path: '/healthz' } });
    expect(api.evidence.some((e) => e.fact === 'port' && e.file === 'src/server.js')).toBe(true);
  });

  it('analyze --explain shows the file and line behind facts, without colour when piped', () => {
    const result = devsquad(['analyze', testdir(expressApp), '--explain']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/← src\/server\.js:\d+/);
    expect(result.stdout).not.toContain('\u001b[');
  });

  it('generate is a dry run by default: shows files and diffs, writes nothing', () => {
    const repo = testdir(expressApp);
    const before = fs.readdirSync(repo).sort();
    const result = devsquad(['generate', repo]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/create\s+Dockerfile/);
    expect(result.stdout).toMatch(/create\s+compose\.yaml/);
    expect(result.stdout).toMatch(/create\s+\.dockerignore/);
    expect(result.stdout).toContain('+HEALTHCHECK');
    expect(result.stdout).toContain('Nothing was written');
    expect(fs.readdirSync(repo).sort()).toEqual(before);
  });

  it('generate --write writes validated files once, then rewrites nothing', () => {
    const repo = testdir(expressApp);
    const first = devsquad(['generate', repo, '--write', '--json']);
    expect(first.code).toBe(0);
    const out = JSON.parse(first.stdout);
    expect(out.written).toEqual(expect.arrayContaining(['.dockerignore', 'compose.env.example', 'Dockerfile', 'compose.yaml', '.github/workflows/shop-api-pipeline.yml', 'deploy/kubernetes/shop-api.yaml', 'deploy/kustomize/base/kustomization.yaml']));
    expect(out.written.some((f: string) => f.startsWith('deploy/terraform/environments/production/'))).toBe(true);
    const dockerfile = fs.readFileSync(path.join(repo, 'Dockerfile'), 'utf8');
    expect(dockerfile.split('\n')[0]).toBe('# syntax=docker/dockerfile:1');
    expect(dockerfile).toMatch(/^USER /m);
    expect(dockerfile).toMatch(/^EXPOSE 3000/m);
    const again = JSON.parse(devsquad(['generate', repo, '--write', '--json']).stdout);
    expect(again.written).toEqual([]);
    expect(again.files.every((f: { action: string }) => f.action === 'unchanged')).toBe(true);
    const check = devsquad(['validate', path.join(repo, 'Dockerfile'), path.join(repo, 'compose.yaml'), '--fail-on', 'low']);
    expect(check.code).toBe(0);
  });

  it('never overwrites a file the user edited; --force keeps a backup', () => {
    const repo = testdir(expressApp);
    devsquad(['generate', repo, '--write', '--only', 'dockerfile']);
    fs.appendFileSync(path.join(repo, 'Dockerfile'), '# my tweak\n');
    const refused = devsquad(['generate', repo, '--write', '--only', 'dockerfile', '--input', 'dockerfile.healthcheck={"interval":"45s"}']);
    expect(refused.code).toBe(5);
    expect(refused.stdout).toMatch(/conflict\s+Dockerfile/);
    expect(fs.readFileSync(path.join(repo, 'Dockerfile'), 'utf8')).toContain('# my tweak');
    const forced = devsquad(['generate', repo, '--write', '--only', 'dockerfile', '--force', '--input', 'dockerfile.healthcheck={"interval":"45s"}']);
    expect(forced.code).toBe(0);
    expect(fs.readFileSync(path.join(repo, '.devsquad/backups/Dockerfile.1'), 'utf8')).toContain('# my tweak');
  });

  it('generate --out writes elsewhere and leaves the repository untouched', () => {
    const repo = testdir(expressApp);
    const out = testdir({});
    const result = devsquad(['generate', repo, '--out', out]);
    expect(result.code).toBe(0);
    expect(fs.existsSync(path.join(out, 'Dockerfile'))).toBe(true);
    expect(fs.existsSync(path.join(repo, 'Dockerfile'))).toBe(false);
  });

  it('generate --plan uses an edited plan, and rejects an invalid one with DSQ_ERR_PLAN_INVALID', () => {
    const repo = testdir(expressApp);
    const plan = JSON.parse(devsquad(['analyze', repo, '--json']).stdout);
    plan.services[0].port.value = 9090;
    const planFile = path.join(repo, 'plan.json');
    fs.writeFileSync(planFile, JSON.stringify(plan));
    const result = devsquad(['generate', repo, '--plan', planFile, '--only', 'dockerfile', '--json', '--out', testdir({})]);
    expect(result.code).toBe(0);
    fs.writeFileSync(planFile, JSON.stringify({ schemaVersion: 1, services: 'nope' }));
    const bad = devsquad(['generate', repo, '--plan', planFile]);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain('DSQ_ERR_PLAN_INVALID');
  });

  it('rejects a misspelt --input with the list of known inputs', () => {
    const result = devsquad(['generate', testdir(expressApp), '--input', 'dockerfile.helthcheck={}']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown input dockerfile.helthcheck');
    expect(result.stderr).toContain('dockerfile.healthcheck');
  });

  it('exits 4 with a clear message when no service is found, and 2 on an unknown family', () => {
    const empty = devsquad(['generate', testdir({ 'notes.txt': 'hello' })]);
    expect(empty.code).toBe(4);
    expect(empty.stderr).toContain('DSQ_ERR_DETECT_NO_SERVICES');
    const family = devsquad(['generate', testdir(expressApp), '--only', 'helicopter']);
    expect(family.code).toBe(2);
    expect(family.stderr).toContain('DSQ_ERR_GENERATE_UNKNOWN_FAMILY');
  });

  it('validate finds problems in a poor Dockerfile with rule ids and exits 1; --json is machine-readable', () => {
    const repo = testdir({ Dockerfile: 'FROM node:latest\nENV DB_PASSWORD=hunter2\nCOPY . .\nRUN npm install\nCMD npm start\n' });
    const result = devsquad(['validate', path.join(repo, 'Dockerfile')]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/DSQ-DF-\d{4}/);
    const json = JSON.parse(devsquad(['validate', path.join(repo, 'Dockerfile'), '--json']).stdout);
    expect(json.passed).toBe(false);
    expect(json.files[0].diagnostics.length).toBeGreaterThan(2);
    expect(devsquad(['validate', path.join(repo, 'nope.yaml')]).code).toBe(3);
  });
});
