/**
 * End to end: `devsquad harden` through the built CLI (bin/devsquad.js → dist/), as a user runs it:
 * a dry run lists the files and writes nothing, --write writes them, a second run leaves them unchanged.
 * `npm test` builds first.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, testdir } from '../helpers.js';

const BIN = path.join(REPO_ROOT, 'bin/devsquad.js');

function devsquad(args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const api = {
  'package.json': {
    name: 'shop-api',
    version: '1.0.0',
    scripts: { start: 'node src/server.js' },
    engines: { node: '20.x' },
    dependencies: { express: '^4.21.1', ioredis: '^5.4.1' },
  },
  'package-lock.json': { name: 'shop-api', lockfileVersion: 3, requires: true, packages: { '': { name: 'shop-api' } } },
  'src/server.js': [
    "const express = require('express');",
    "const Redis = require('ioredis');",
    'const app = express();',
    'const redis = new Redis(process.env.REDIS_URL);',
    'const secret = process.env.JWT_SECRET;',
    "app.get('/healthz', (req, res) => res.json({ ok: true }));",
    'app.listen(process.env.PORT || 3000);',
    '',
  ].join('\n'),
};

describe('devsquad harden', () => {
  it('dry run lists the files, --write writes them, a second run leaves them unchanged', () => {
    const dir = testdir(api);
    const dry = devsquad(['harden', dir, '--summary']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('hardening/headers/headers.cjs');
    expect(dry.stdout).toContain('security/edge/nginx/rate-limit.conf');
    expect(dry.stdout).toContain('security/secrets.env.example');
    expect(fs.existsSync(path.join(dir, 'hardening'))).toBe(false);

    const write = devsquad(['harden', dir, '--write', '--only', 'rate-limit,secrets']);
    expect(write.code, write.stderr).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'hardening/ratelimit/store.cjs'), 'utf8')).toContain('process.env["REDIS_URL"]');
    const example = fs.readFileSync(path.join(dir, 'security/secrets.env.example'), 'utf8');
    expect(example).toMatch(/^JWT_SECRET=$/m);
    expect(fs.existsSync(path.join(dir, 'hardening/headers'))).toBe(false);

    const again = devsquad(['harden', dir, '--write', '--only', 'rate-limit,secrets', '--json']);
    expect(again.code, again.stderr).toBe(0);
    const actions = (JSON.parse(again.stdout) as { files: { action: string }[] }).files.map((f) => f.action);
    expect(new Set(actions)).toEqual(new Set(['unchanged']));
  });

  it('takes inputs and rejects unknown parts', () => {
    const dir = testdir(api);
    const enforce = devsquad(['harden', dir, '--only', 'headers', '--input', 'headers.cspMode=enforce', '--out', path.join(dir, 'out')]);
    expect(enforce.code, enforce.stderr).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'out/hardening/headers/headers.cjs'), 'utf8')).toContain('"Content-Security-Policy"');
    const bad = devsquad(['harden', dir, '--only', 'firewall']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr + bad.stdout).toMatch(/firewall/);
  });
});
