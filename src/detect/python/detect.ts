/**
 * The Python detector. detect() says what a directory is: a service (a web framework app, a WSGI/ASGI
 * app with a declared server, a Procfile web or worker process, a committed container recipe that runs
 * the project's code, or a Celery app), the root of a uv workspace, or a library (packages with no
 * app, docs-only requirements, tool-only pyproject.toml, CLI scripts). plan() builds the ServicePlan(s):
 * the web service plus one `<name>-worker` per worker process.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import type { ServicePlan } from '../../plan/schema.js';
import type { Detection } from '../types.js';
import { cachedAnalysis, toolsOnly } from './analysis.js';
import { buildServices } from './service-plan.js';
import { recipeServes } from './start-choice.js';

export function detect(repo: RepoFs, dir: string): Detection | null {
  const analysis = cachedAnalysis(repo, dir);
  // app.py / main.py / manage.py with no manifest beside them: a source folder of the project above
  // (which plans it), or loose scripts with nothing to install from.
  if (!analysis) return null;
  const { framework, web, workers, celery, workspaceRoot, project } = analysis;
  if (framework || web) {
    const what = framework ? `${framework.id} app (${framework.evidence.file})` : `Procfile web: ${web?.command}`;
    return { role: 'service', reason: what };
  }
  if (workspaceRoot) {
    return { role: 'workspace-root', reason: `uv workspace with ${workspaceRoot.members.length} member(s)`, data: { tools: ['uv-workspace'] } };
  }
  const { start } = analysis;
  if (start?.origin === 'recipe' && recipeServes(start)) return { role: 'service', reason: `${start.fact.file} runs \`${start.command}\`` };
  if (workers.length > 0) return { role: 'service', reason: `Procfile ${workers[0]?.process}: ${workers[0]?.command}` };
  if (celery) return { role: 'service', reason: `Celery worker (${celery.fact.file})` };
  if (toolsOnly(project)) return { role: 'library', reason: 'pyproject.toml only configures tools' };
  const docs = project.dependencies.names().filter((n) => /^(mkdocs|sphinx)/.test(n));
  if (docs.length > 0 && docs.length === project.dependencies.size) return { role: 'library', reason: 'documentation-only requirements' };
  return { role: 'library', reason: 'Python package with no web framework app, Procfile or worker' };
}

export function plan(repo: RepoFs, dir: string, _detection: Detection): ServicePlan[] {
  const analysis = cachedAnalysis(repo, dir);
  if (!analysis) return [];
  return buildServices(repo, analysis);
}
