/**
 * Elixir detector: a mix.exs project deployed as a Mix release. Phoenix and Plug (plug_cowboy /
 * bandit) apps are servers; an OTP app with an application callback but no web server is a worker;
 * a library, an escript or an app inside an umbrella (the umbrella root is the release) is not a
 * service of its own.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import type { ServicePlan } from '../../plan/schema.js';
import type { Detection } from '../types.js';
import { planWeb } from './frameworks/phoenix.js';
import { hasDep, readElixirProject, umbrellaRootOf, type ElixirProject } from './project.js';
import { elixirService } from './service.js';

type ElixirKind = 'phoenix' | 'plug' | 'worker';

interface ElixirDetection {
  kind: ElixirKind;
  project: ElixirProject;
}

export function detect(repo: RepoFs, dir: string): Detection | null {
  const umbrella = umbrellaRootOf(repo, dir);
  if (umbrella !== null) return { role: 'library', reason: `app of the umbrella at ${umbrella || '.'}: deployed through its release` };
  const project = readElixirProject(repo, dir);
  if (!project) return null;
  const service = (kind: ElixirKind, reason: string): Detection => ({ role: 'service', reason, data: { kind, project } satisfies ElixirDetection });
  const where = project.umbrella ? 'umbrella' : 'Mix project';
  if (hasDep(project, 'phoenix')) return service('phoenix', `Phoenix ${where}`);
  const server = hasDep(project, 'plug_cowboy', 'bandit', 'cowboy');
  if (server && project.hasMod) return service('plug', `${where} serving HTTP with ${server.name}`);
  if (project.mix.escript && !project.hasMod) return { role: 'library', reason: 'escript (a command-line tool)' };
  if (project.hasMod) return service('worker', `OTP application (${project.mix.mod ?? 'mod:'}) without a web server`);
  return { role: 'library', reason: `${where} without an application callback (mod:) or web server: a library` };
}

export function plan(repo: RepoFs, dir: string, detection: Detection): ServicePlan[] {
  const data = detection.data as ElixirDetection | undefined;
  const project = data?.project ?? readElixirProject(repo, dir);
  if (!project) return [];
  // Named after the folder like every other service; the release name is build.artifact.
  const name = dir === '' ? repo.name : dir.slice(dir.lastIndexOf('/') + 1);
  const kind = data?.kind ?? 'worker';
  const service = elixirService(repo, project, name, kind === 'phoenix' ? 'phoenix' : kind === 'plug' ? 'plug' : null);
  if (kind === 'worker') service.kind = 'worker';
  else planWeb(repo, project, service, kind);
  return [service];
}
