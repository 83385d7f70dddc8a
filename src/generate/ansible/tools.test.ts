/**
 * The generated tree through the real tools, where installed (skipped otherwise):
 * `ansible-playbook --syntax-check` on every playbook with every inventory, and `ansible-lint`
 * (production profile, offline) on the whole tree. A few representative examples keep this fast:
 * Postgres + PgBouncer + Redis (every role), and a static site without databases.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES_DIR } from '../../../test/helpers.js';
import { RepoFs } from '../../core/repo/repo-fs.js';
import { analyzeRepository } from '../../plan/analyze.js';
import { generate, inputs } from './generate.js';

function which(tool: string): boolean {
  return spawnSync('which', [tool], { encoding: 'utf8' }).status === 0;
}

/** Collections the playbooks use; syntax-check resolves every module name, so they must be installed. */
const COLLECTIONS = ['ansible.posix', 'community.docker', 'community.general', 'community.postgresql'];

function collectionsInstalled(): boolean {
  if (!which('ansible-galaxy')) return false;
  const listed = spawnSync('ansible-galaxy', ['collection', 'list'], { encoding: 'utf8' }).stdout ?? '';
  return COLLECTIONS.every((c) => new RegExp(`^${c.replace('.', '\\.')}\\s`, 'm').test(listed));
}

const REPRESENTATIVE = ['elixir-phoenix', 'static-html'];
const PLAYBOOKS = ['site.yml', 'deploy.yml', 'rollback.yml', 'backup.yml', 'restore.yml'];
const SYNTAX = which('ansible-playbook') && collectionsInstalled();
const LINT = which('ansible-lint') && collectionsInstalled();

function writeTree(name: string): string {
  const plan = analyzeRepository(RepoFs.open(path.join(EXAMPLES_DIR, name))).plan;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `devsquad-ansible-${name}-`));
  for (const file of generate({ plan, services: plan.services, version: '0.0.0-test' }, inputs.parse({}))) {
    const target = path.join(root, file.path);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, file.content);
  }
  return path.join(root, 'deploy/ansible');
}

/** `DSQ_KEEP_ANSIBLE=1` keeps the generated trees for a look. */
function cleanup(dir: string): void {
  if (!process.env.DSQ_KEEP_ANSIBLE) fs.rmSync(path.resolve(dir, '../..'), { recursive: true, force: true });
}

const env = { ...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_LOCAL_TEMP: os.tmpdir(), ANSIBLE_HOME: path.join(os.tmpdir(), 'devsquad-ansible-home') };

describe.skipIf(!SYNTAX)('ansible-playbook --syntax-check', () => {
  it.each(REPRESENTATIVE)('%s', (name) => {
    const dir = writeTree(name);
    try {
      // One run checks every playbook; production has every group (app and db hosts apart).
      const run = spawnSync('ansible-playbook', ['--syntax-check', '-i', 'inventories/production/hosts.yml', ...PLAYBOOKS], { cwd: dir, encoding: 'utf8', env: { ...env, ANSIBLE_CONFIG: path.join(dir, 'ansible.cfg') } });
      expect(run.status, `${run.stdout}${run.stderr}`).toBe(0);
      for (const playbook of PLAYBOOKS) expect(run.stdout).toContain(`playbook: ${playbook}`);
    } finally {
      cleanup(dir);
    }
  }, 30_000);
});

describe.skipIf(!LINT)('ansible-lint (production profile)', () => {
  // elixir-phoenix uses every role (Postgres + PgBouncer + Redis): ansible-lint takes ~10 s a run.
  it.each(REPRESENTATIVE.slice(0, 1))('%s', (name) => {
    const dir = writeTree(name);
    try {
      // ansible-lint finds the files to lint with git; without a repository it lints almost nothing.
      execFileSync('git', ['init', '-q', '.'], { cwd: dir });
      const run = spawnSync('ansible-lint', ['--nocolor', '--offline'], { cwd: dir, encoding: 'utf8', env });
      expect(`${run.stdout}${run.stderr}`).toMatch(/Passed with production profile: 0 failure\(s\), 0 warning\(s\) on [1-9]\d+ files/);
      expect(run.status, `${run.stdout}${run.stderr}`).toBe(0);
    } finally {
      cleanup(dir);
    }
  }, 90_000);
});
