import { describe, expect, it } from 'vitest';
import { testdir } from '../../../test/helpers.js';
import { RepoFs } from '../../core/repo/repo-fs.js';
import { analyzeRepository } from '../../plan/analyze.js';
import { detect } from './detect.js';

function detectIn(files: Record<string, string>, dir = ''): ReturnType<typeof detect> {
  return detect(RepoFs.open(testdir(files)), dir);
}

describe('python detect roles', () => {
  it('a package with no web framework and no entry point is a library', () => {
    expect(detectIn({ 'pyproject.toml': '[project]\nname = "utils"\ndependencies = ["requests"]\n', 'utils/__init__.py': 'def f(): ...\n' })?.role).toBe('library');
  });

  it('docs-only requirements are not a service', () => {
    expect(detectIn({ 'requirements.txt': 'mkdocs==1.6.0\nmkdocs-material\n', 'mkdocs.yml': 'site_name: x\n' })).toMatchObject({ role: 'library', reason: 'documentation-only requirements' });
  });

  it('a pyproject.toml that only configures tools is not a service', () => {
    expect(detectIn({ 'pyproject.toml': '[tool.ruff]\nline-length = 100\n\n[tool.black]\nline-length = 100\n' })).toMatchObject({ role: 'library', reason: 'pyproject.toml only configures tools' });
  });

  it('a CLI-only script package is a library', () => {
    expect(detectIn({ 'pyproject.toml': '[project]\nname = "tool"\ndependencies = ["click"]\n\n[project.scripts]\ntool = "tool.cli:main"\n', 'tool/cli.py': 'import click\n@click.command()\ndef main(): ...\n' })?.role).toBe('library');
  });

  it('a source folder below a manifest is not claimed on its own', () => {
    const dir = testdir({ 'requirements.txt': 'fastapi\nuvicorn\n', 'app/main.py': 'from fastapi import FastAPI\napp = FastAPI()\n' });
    const { plan, verdicts } = analyzeRepository(RepoFs.open(dir));
    expect(verdicts.map((v) => v.dir)).toEqual(['']);
    expect(plan.services.map((s) => [s.path, s.commands.start])).toEqual([['', 'uvicorn app.main:app --host 0.0.0.0 --port $PORT']]);
  });

  it('a loose main.py without any manifest is not a service', () => {
    expect(detectIn({ 'main.py': 'print("hi")\n' })).toBeNull();
  });

  it('a broken pyproject.toml never throws', () => {
    expect(() => detectIn({ 'pyproject.toml': 'this is = = not toml', 'requirements.txt': 'flask\n' })).not.toThrow();
  });
});

describe('python monorepos without a workspace', () => {
  it('each folder with its own requirements.txt is its own service; the root does not claim their code', () => {
    const dir = testdir({
      'requirements.txt': '-r services/api/requirements.txt\n-r services/web/requirements.txt\npre-commit\n',
      'services/api/requirements.txt': 'fastapi\nuvicorn\n',
      'services/api/main.py': 'from fastapi import FastAPI\napp = FastAPI()\n',
      'services/web/requirements.txt': 'flask\ngunicorn\n',
      'services/web/app.py': 'from flask import Flask\napp = Flask(__name__)\n',
    });
    const { plan } = analyzeRepository(RepoFs.open(dir));
    expect(plan.services.map((s) => [s.path, s.framework, s.build.context])).toEqual([
      ['services/api', 'fastapi', 'services/api'],
      ['services/web', 'flask', 'services/web'],
    ]);
  });
});
