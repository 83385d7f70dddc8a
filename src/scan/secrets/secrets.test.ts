/**
 * The secrets scanner through real repositories. Tokens are assembled at run time from pieces so this
 * file does not itself contain anything a push-protection scanner would block.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RepoFs } from '../../core/repo/repo-fs.js';
import type { Finding } from '../../core/finding.js';
import { testdir, writeFiles, type FileSpec } from '../../../test/helpers.js';
import { secretsScanner } from './index.js';
import { shannonEntropy } from './entropy.js';
import { secretLintProfiler } from '@secretlint/profiler';

const join = (...parts: string[]): string => parts.join('');
const T = {
  awsId: join('AKIA', 'Z7QRTUVW3XY5KLMN'),
  awsSecret: join('Zk3v9QpL2mN8rT4wX7yB', '1cD5fG6hJ0kLqW2eR9tY'),
  github: join('gh', 'p_', 'R8kLm2Qz7XvN4pT9wY3bC6dF1gH5jK0sAe7U'),
  slack: join('xo', 'xb-', '283749102938-4958672013847-', 'Qw7Er9Ty2Ui4Op6As8Df1Gh3'),
  npm: join('np', 'm_', 'Q7w8E9r0T1y2U3i4O5p6A7s8D9f0G1h2J3k4'),
  basicAuth: join('https://deploy:', 'Hq7Lw2Rz9Vx4', '@git.internal.corp/app.git'),
  postgres: join('postgres://orders_svc:', 'Zr8Kq2Lm7Wx4Tn9', '@db.internal:5432/orders'),
  entropy: join('Vq8Zt2Lm9Xr4', 'Kw7Pn3Bs6Hd1'),
};
const PEM_BODY = Array.from({ length: 4 }, (_, i) => join('MIIEow', 'IBAAKCAQEAu7Qz', String(i), 'Lm2Xr9Kw4Tn8Vb3Hs6Pd1Gf5Jc7Ne0Ya2Rt4Wq8Zk1')).join('\n');
const PEM = join('-----BEGIN ', 'RSA PRIVATE KEY-----\n', PEM_BODY, '\n-----END ', 'RSA PRIVATE KEY-----\n');

async function scan(files: Record<string, FileSpec>, history = false): Promise<{ findings: Finding[]; problems: Array<{ code: string }>; root: string }> {
  const root = testdir(files);
  return { ...(await secretsScanner.scan(RepoFs.open(root), { root, history })), root };
}

const byRule = (findings: Finding[]): Array<[string, string, number]> => findings.map((f) => [f.ruleId, f.location.file, f.location.line]);

describe('known token formats', () => {
  it('finds each family with its rule id, line, CWE and OWASP category', async () => {
    const { findings } = await scan({
      'config/aws.ini': `[default]\naws_access_key_id = ${T.awsId}\naws_secret_access_key = ${T.awsSecret}\n`,
      'scripts/release.sh': `#!/bin/sh\nexport GITHUB_TOKEN=${T.github}\n`,
      'src/notify.js': `const slack = '${T.slack}';\n`,
      '.npmrc': `//registry.npmjs.org/:_authToken=${T.npm}\n`,
      'deploy/key.pem': PEM,
      'src/git.py': `REMOTE = "${T.basicAuth}"\n`,
      'src/db.ts': `export const url = '${T.postgres}';\n`,
    });
    const ids = byRule(findings);
    expect(ids).toEqual(expect.arrayContaining([
      ['DSQ-SEC-0001', 'config/aws.ini', 2],
      ['DSQ-SEC-0001', 'config/aws.ini', 3],
      ['DSQ-SEC-0003', 'scripts/release.sh', 2],
      ['DSQ-SEC-0005', 'src/notify.js', 1],
      ['DSQ-SEC-0006', '.npmrc', 1],
      ['DSQ-SEC-0007', 'deploy/key.pem', 1],
      ['DSQ-SEC-0008', 'src/git.py', 1],
      ['DSQ-SEC-0009', 'src/db.ts', 1],
    ]));
    const github = findings.find((f) => f.ruleId === 'DSQ-SEC-0003')!;
    expect(github).toMatchObject({ category: 'secrets', severity: 'high', confidence: 'high', owasp: 'A07:2021', cwe: ['CWE-798'] });
    expect(github.message).toBe('GitHub token: ghp_…(40 chars)');
    expect(findings.find((f) => f.ruleId === 'DSQ-SEC-0007')).toMatchObject({ severity: 'critical', owasp: 'A02:2021', cwe: ['CWE-798', 'CWE-321'] });
  });

  it('never prints a full secret, in messages or anywhere in the finding', async () => {
    const { findings } = await scan({ 'a.env': `GITHUB_TOKEN=${T.github}\nSLACK=${T.slack}\nDB=${T.postgres}\nAPI_SECRET=${T.entropy}\n`, 'k.pem': PEM });
    expect(findings.length).toBeGreaterThanOrEqual(4);
    const json = JSON.stringify(findings);
    for (const secret of [T.github, T.slack, T.postgres, 'Zr8Kq2Lm7Wx4Tn9', T.entropy, PEM_BODY.slice(0, 40)]) expect(json).not.toContain(secret);
  });

  it('keeps the fingerprint when the secret moves, and changes it for another file', async () => {
    const a = await scan({ 'a.sh': `T=${T.github}\n` });
    const b = await scan({ 'a.sh': `# moved down\n\nT=${T.github}\n`, 'b.sh': `T=${T.github}\n` });
    const fa = a.findings[0]!.fingerprint;
    expect(b.findings.find((f) => f.location.file === 'a.sh')!.fingerprint).toBe(fa);
    expect(b.findings.find((f) => f.location.file === 'b.sh')!.fingerprint).not.toBe(fa);
  });
});

describe('secretlint', () => {
  it('keeps no profiler marks: its profiler searched all earlier marks at each one (quadratic in files)', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) files[`src/m${i}.js`] = `module.exports = ${i};\n`;
    const root = testdir(files);
    await secretsScanner.scan(new RepoFs(root), { root });
    // Performance observers are told of marks after the current task: let that happen first.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await secretLintProfiler.getEntries()).length).toBe(0);
  });
});

describe('allowlists', () => {
  it('ignores placeholders, templates and dev-default connection strings', async () => {
    const { findings } = await scan({
      '.env.example': 'API_KEY=\nSECRET_KEY=changeme\nGITHUB_TOKEN=<your-token>\nDATABASE_URL=postgres://postgres:postgres@localhost:5432/app\n',
      'deploy/values.yaml': 'token: "{{ .Values.apiToken }}"\npassword: ${DB_PASSWORD}\nclientSecret: xxxxxxxxxxxxxxxxxxxxxxxx\n',
      'src/config.ts': "export const apiKey = process.env.API_KEY ?? '';\nconst dsn = `postgres://${user}:${pass}@db/app`;\n",
      'README.md': 'Clone with https://user:password@example.com/repo.git\n',
    });
    expect(byRule(findings)).toEqual([]);
  });

  it('ignores lockfile integrity hashes and Dockerfile checksums', async () => {
    const sha512 = join('sha512-', 'Vq8Zt2Lm9Xr4Kw7Pn3Bs6Hd1', 'Qz5Rt8Yu2Io4Pa6Sd8Fg0Hj2Kl4Zx6Cv8Bn0Mq3We5Rt7Yu9IoPa1Sd3Fg5Hj7Kl9Zx1Cv3Bn==');
    const { findings } = await scan({
      'package-lock.json': JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/x': { version: '1.0.0', integrity: sha512, authToken: T.entropy } } }),
      'yarn.lock': `x@^1.0.0:\n  version "1.0.0"\n  integrity ${sha512}\n`,
      Dockerfile: 'FROM debian:12\nENV GOSU_KEY_SHA256=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\nRUN echo "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08  go.tgz" | sha256sum -c\n',
      'web/index.html': `<script src="x.js" integrity="${sha512}"></script>\n`,
    });
    expect(byRule(findings)).toEqual([]);
  });

  it('reports known formats in test fixtures as low, and skips entropy there', async () => {
    const { findings } = await scan({ 'test/fixtures/config.json': JSON.stringify({ apiSecret: T.entropy, github: T.github }, null, 2) });
    expect(findings.map((f) => [f.ruleId, f.severity, f.confidence])).toEqual([['DSQ-SEC-0003', 'low', 'low']]);
  });
});

describe('high-entropy values', () => {
  it('needs a secret-like name on the assignment side', async () => {
    const { findings } = await scan({
      'src/app.ts': `const client = { apiSecret: "${T.entropy}" };\nconst buildId = "${T.entropy}";\n`,
      'settings.py': `SECRET_KEY = '${T.entropy}'\nCACHE_PREFIX = '${T.entropy}'\n`,
      'config.yaml': `auth:\n  private_token: ${T.entropy}\n  public_key: ${T.entropy}\n`,
    });
    expect(byRule(findings)).toEqual([
      ['DSQ-SEC-0050', 'config.yaml', 2],
      ['DSQ-SEC-0050', 'settings.py', 1],
      ['DSQ-SEC-0050', 'src/app.ts', 1],
    ]);
    expect(findings[0]).toMatchObject({ severity: 'medium', confidence: 'medium', message: 'high-entropy value of private_token: Vq8Z…(24 chars)' });
  });

  it('measures entropy in bits per character', () => {
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
  });
});

function git(root: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'commit.gpgsign=false', ...args], { cwd: root, stdio: 'ignore' });
}

const hasGit = (() => {
  try {
    execFileSync('git', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('--history', () => {
  it.skipIf(!hasGit)('finds a secret deleted in a later commit, with the commit id', async () => {
    const root = testdir({ 'README.md': '# app\n' });
    git(root, 'init', '-q');
    writeFiles(root, { 'deploy/env.sh': `# deploy\nexport NPM_TOKEN=${T.npm}\n` });
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'add deploy');
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    fs.rmSync(path.join(root, 'deploy/env.sh'));
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'remove token');

    const now = await secretsScanner.scan(RepoFs.open(root), { root });
    expect(now.findings).toEqual([]);
    const out = await secretsScanner.scan(RepoFs.open(root), { root, history: true });
    expect(out.problems).toEqual([]);
    expect(byRule(out.findings)).toEqual([['DSQ-SEC-0006', 'deploy/env.sh', 2]]);
    expect(out.findings[0]!.message).toBe(`npm access token: npm_…(40 chars) in commit ${commit.slice(0, 12)} (deleted since, but still in the git history)`);
    expect(JSON.stringify(out)).not.toContain(T.npm);
  });

  it('reports a problem, not an error, when the root is not a git repository', async () => {
    const { findings, problems } = await scan({ 'a.txt': 'hello\n' }, true);
    expect(findings).toEqual([]);
    expect(problems.map((p) => p.code)).toEqual([hasGit ? 'DSQ_SECRETS_HISTORY_NOT_A_REPO' : 'DSQ_SECRETS_HISTORY_NO_GIT']);
  });
});
