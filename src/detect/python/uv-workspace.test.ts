import { describe, expect, it } from 'vitest';
import { planOf, testdir } from '../../../test/helpers.js';
import { analyzeRepository } from '../../plan/analyze.js';
import { RepoFs } from '../../core/repo/repo-fs.js';

const WORKSPACE = {
  'pyproject.toml': '[project]\nname = "platform"\nversion = "0"\nrequires-python = ">=3.12"\ndependencies = []\n\n[tool.uv.workspace]\nmembers = ["services/*", "libs/*"]\nexclude = ["services/legacy"]\n\n[tool.uv.sources]\ncore = { workspace = true }\n',
  'uv.lock': 'version = 1\nrequires-python = ">=3.12"\n',
  'services/api/pyproject.toml': '[project]\nname = "api"\nversion = "0.1.0"\ndependencies = ["fastapi>=0.115", "uvicorn>=0.30", "core"]\n',
  'services/api/api/__init__.py': '',
  'services/api/api/main.py': 'from fastapi import FastAPI\napp = FastAPI()\n',
  'services/jobs/pyproject.toml': '[project]\nname = "jobs"\nversion = "0.1.0"\ndependencies = ["celery[redis]>=5.4", "core"]\n\n[tool.uv.sources]\ncore = { workspace = true }\n',
  'services/jobs/jobs/__init__.py': '',
  'services/jobs/jobs/worker.py': 'from celery import Celery\napp = Celery("jobs")\n',
  'services/legacy/pyproject.toml': '[project]\nname = "legacy"\ndependencies = ["flask"]\n',
  'services/legacy/app.py': 'from flask import Flask\napp = Flask(__name__)\n',
  'libs/core/pyproject.toml': '[project]\nname = "core"\nversion = "0.1.0"\ndependencies = ["sqlalchemy>=2", "asyncpg", "util"]\n\n[tool.uv.sources]\nutil = { workspace = true }\n',
  'libs/core/core/__init__.py': 'import os\nDATABASE_URL = os.environ["DATABASE_URL"]\n',
  'libs/util/pyproject.toml': '[project]\nname = "util"\nversion = "0.1.0"\ndependencies = []\n',
  'libs/util/util/__init__.py': '',
};

describe('uv workspaces', () => {
  it('root is a workspace root; members build from the root with the packages they need', () => {
    const dir = testdir(WORKSPACE);
    const { plan, verdicts } = analyzeRepository(RepoFs.open(dir));
    expect(verdicts.find((v) => v.dir === '')?.detection).toMatchObject({ role: 'workspace-root', data: { tools: ['uv-workspace'] } });
    expect(verdicts.find((v) => v.dir === 'libs/core')?.detection.role).toBe('library');
    expect(plan.monorepo?.tools).toEqual(['uv-workspace']);
    // services/legacy is excluded from the workspace, so it is planned on its own
    expect(plan.services.map((s) => s.path)).toEqual(['services/api', 'services/jobs', 'services/legacy']);
    const api = plan.services[0]!;
    expect(api.build.context).toBe('');
    expect(api.build.features).toEqual(['uv-workspace']);
    expect(api.build.workspacePackages).toEqual(['libs/core', 'libs/util']);
    expect(api.packageManager).toEqual({ name: 'uv', lockfile: 'uv.lock', version: null });
    expect(api.commands.install).toBe('uv sync --locked --no-dev --package api');
    expect(api.commands.start).toBe('uvicorn api.main:app --host 0.0.0.0 --port $PORT');
    expect(api.runtime).toEqual({ name: 'python', version: '3.12', source: 'pyproject.toml' });
    expect(api.env).toContainEqual({ name: 'DATABASE_URL', required: true, secret: true, default: null });
    expect(api.backingServices).toEqual([{ kind: 'postgres', envVar: 'DATABASE_URL' }]);
    expect(api.evidence).toContainEqual({ fact: 'build', file: 'services/api/pyproject.toml', line: 4, note: 'needs workspace package core (libs/core)' });
    const jobs = plan.services[1]!;
    expect(jobs.kind).toBe('worker');
    expect(jobs.commands.start).toBe('celery -A jobs.worker worker --loglevel=info');
    expect(jobs.build.workspacePackages).toEqual(['libs/core', 'libs/util']);
    const legacy = plan.services[2]!;
    expect(legacy.build.context).toBe('services/legacy');
    expect(legacy.build.features).toEqual([]);
  });

  it('a workspace without a lock syncs unlocked', () => {
    const files: Record<string, string> = { ...WORKSPACE };
    delete files['uv.lock'];
    const api = planOf(testdir(files)).services[0]!;
    expect(api.commands.install).toBe('uv sync --no-dev --package api');
    expect(api.packageManager?.lockfile).toBeNull();
  });
});
