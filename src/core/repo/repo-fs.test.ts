import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testdir } from '../../../test/helpers.js';
import { RepoFs, normalize } from './repo-fs.js';

describe('RepoFs', () => {
  it('refuses paths that climb out of the root', () => {
    const repo = new RepoFs(testdir({ 'a.txt': 'hi' }));
    expect(repo.readText('../etc/passwd')).toBeNull();
    expect(repo.readText('/etc/passwd')).toBeNull();
    expect(repo.diagnostics.map((d) => d.code)).toContain('DSQ_ERR_REPO_PATH_ESCAPE');
    expect(normalize('a/../../b')).toBeNull();
    expect(normalize('./a/b/')).toBe('a/b');
  });

  it('skips a symlink that points outside the repository and says so', () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'devsquad-outside-'));
    fs.writeFileSync(path.join(outside, 'secret.txt'), 'top secret');
    const root = testdir({ 'package.json': '{}', 'leak.txt': { symlink: path.join(outside, 'secret.txt') }, 'dir-link': { symlink: outside } });
    const repo = new RepoFs(root);
    expect(repo.files()).toEqual(['package.json']);
    expect(repo.readText('leak.txt')).toBeNull();
    expect(repo.diagnostics.map((d) => `${d.code} ${d.path}`)).toEqual(expect.arrayContaining(['DSQ_ERR_REPO_SYMLINK_ESCAPE leak.txt', 'DSQ_ERR_REPO_SYMLINK_ESCAPE dir-link']));
    fs.rmSync(outside, { recursive: true });
  });

  it('follows a symlink to a file inside the repository', () => {
    const repo = new RepoFs(testdir({ 'real.txt': 'inside', 'link.txt': { symlink: 'real.txt' } }));
    expect(repo.readText('link.txt')).toBe('inside');
  });

  it('does not read binary or oversized files as text', () => {
    const root = testdir({ 'logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]), 'big.txt': 'x'.repeat(2048) });
    const repo = new RepoFs(root, { maxFileBytes: 1024 });
    expect(repo.readText('logo.png')).toBeNull();
    expect(repo.readText('big.txt')).toBeNull();
    expect(repo.diagnostics.map((d) => d.code).sort()).toEqual(['DSQ_ERR_REPO_BINARY_FILE', 'DSQ_ERR_REPO_FILE_TOO_LARGE']);
  });

  it('returns null for broken manifests and records a parse diagnostic with the format', () => {
    const repo = new RepoFs(testdir({ 'package.json': '{ "name": ', 'pyproject.toml': '[project\nname=', 'a.yaml': 'a: [1', 'pom.xml': '<project><a></project>' }));
    expect(repo.readJson('package.json')).toBeNull();
    expect(repo.readToml('pyproject.toml')).toBeNull();
    expect(repo.readYaml('a.yaml')).toBeNull();
    expect(repo.readXml('pom.xml')).toBeNull();
    const messages = repo.diagnostics.map((d) => d.message).join('\n');
    expect(messages).toMatch(/package\.json as JSON/);
    expect(messages).toMatch(/pyproject\.toml as TOML/);
    expect(messages).toMatch(/a\.yaml as YAML/);
    expect(messages).toMatch(/pom\.xml as XML/);
  });

  it('reads JSON with comments and trailing commas when asked', () => {
    const repo = new RepoFs(testdir({ 'deno.jsonc': '{\n // tasks\n "tasks": { "start": "deno run main.ts", },\n}' }));
    expect(repo.readJsonc('deno.jsonc')).toEqual({ tasks: { start: 'deno run main.ts' } });
  });

  it('honours .gitignore (nested too) and skips dependency folders', () => {
    const root = testdir({
      '.gitignore': 'generated/\n*.log\n',
      'src/index.js': '',
      'generated/x.js': '',
      'debug.log': '',
      'node_modules/pkg/index.js': '',
      'web/.gitignore': 'cache/\n',
      'web/cache/a.js': '',
      'web/app.js': '',
      'vendor/lib.go': '',
      'go.mod': 'module x',
    });
    const repo = new RepoFs(root);
    expect(repo.files()).toEqual(['.gitignore', 'go.mod', 'src/index.js', 'web/.gitignore', 'web/app.js']);
  });

  it('lists directories and globs by pattern under a folder', () => {
    const repo = new RepoFs(testdir({ 'apps/api/package.json': '{}', 'apps/web/package.json': '{}', 'apps/web/src/a.ts': '' }));
    expect(repo.glob('*/package.json', { cwd: 'apps' })).toEqual(['apps/api/package.json', 'apps/web/package.json']);
    expect(repo.list('apps')).toEqual(['api', 'web']);
    expect(repo.isDir('apps/web/src')).toBe(true);
  });

  it('stops indexing past the file limit with a diagnostic instead of running out of memory', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 20; i++) files[`f${i}.txt`] = '';
    const repo = new RepoFs(testdir(files), { maxFiles: 5 });
    expect(repo.files()).toHaveLength(5);
    expect(repo.diagnostics[0]?.code).toBe('DSQ_ERR_REPO_TOO_MANY_FILES');
  });

  it('fails with catalogue errors for a missing path or a file', () => {
    const root = testdir({ 'a.txt': '' });
    expect(() => RepoFs.open(path.join(root, 'missing'))).toThrow(expect.objectContaining({ code: 'DSQ_ERR_REPO_NOT_FOUND' }));
    expect(() => RepoFs.open(path.join(root, 'a.txt'))).toThrow(expect.objectContaining({ code: 'DSQ_ERR_REPO_NOT_DIRECTORY' }));
  });
});
