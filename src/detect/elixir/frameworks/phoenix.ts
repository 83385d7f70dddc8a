/**
 * Phoenix and plain Plug servers (plug_cowboy / bandit): the port from config/runtime.exs (or the
 * endpoint / child spec), the bind address, health routes from the router, and for Phoenix the
 * asset build, SECRET_KEY_BASE and PHX_SERVER that a release needs to serve HTTP.
 */
import type { RepoFs } from '../../../core/repo/repo-fs.js';
import { joinPath } from '../../../core/repo/repo-fs.js';
import type { ServicePlan } from '../../../plan/schema.js';
import { addEnv, addEvidence, addFeature, addWarning } from '../../../plan/service.js';
import { linkBackingEnvVars } from '../../shared/backing.js';
import { applyHealthRoute, findHealthRoutes } from '../../shared/health.js';
import { isLoopback } from '../../shared/procfile.js';
import { sourceFiles } from '../../shared/source-files.js';
import { elixirBindAddress, elixirPort } from '../env.js';
import { lockedVersion, type ElixirProject } from '../project.js';

const DEFAULT_PORT = 4000;

export function planWeb(repo: RepoFs, project: ElixirProject, service: ServicePlan, framework: 'phoenix' | 'plug'): void {
  const { dir } = project;
  const sources = project.appDirs.flatMap((d) => sourceFiles(repo, d, { extensions: ['ex', 'exs'] }));
  const configs = ['config/runtime.exs', 'config/prod.exs', 'config/config.exs'].map((f) => joinPath(dir, f));
  port(repo, service, framework === 'phoenix' ? configs : [...configs, ...sources]);
  applyHealthRoute(service, findHealthRoutes(repo, sources));

  if (framework === 'phoenix') {
    addFeature(service, 'phoenix');
    const dep = project.deps.find((d) => d.name === 'phoenix');
    const version = lockedVersion(repo, dir, 'phoenix');
    addEvidence(service, 'framework', dep?.file ?? project.mixFile, version ? `{:phoenix, …} locked at ${version}` : '{:phoenix, …}', dep?.line);
    const assetsDir = project.appDirs.map((d) => joinPath(d, 'assets')).find((d) => repo.isDir(d));
    if (assetsDir || project.mix.assetsDeploy) {
      // assets.deploy builds and digests priv/static before the release copies it.
      service.commands.build = 'mix assets.deploy && mix release';
      addEvidence(service, 'build', assetsDir ?? project.mixFile, 'assets.deploy: esbuild/tailwind + phx.digest');
    }
    // Phoenix refuses to boot in production without SECRET_KEY_BASE.
    addEnv(service, { name: 'SECRET_KEY_BASE', required: true, secret: true });
    if (!service.evidence.some((e) => e.fact === 'env:SECRET_KEY_BASE')) addEvidence(service, 'env:SECRET_KEY_BASE', project.mixFile, 'Phoenix signs cookies with SECRET_KEY_BASE');
    // The generated runtime.exs only starts the endpoint in a release when PHX_SERVER is set.
    const phxServer = service.env.find((e) => e.name === 'PHX_SERVER');
    if (phxServer) {
      phxServer.required = true;
      phxServer.default = 'true';
    }
  }
  linkBackingEnvVars(service);
}

function port(repo: RepoFs, service: ServicePlan, files: readonly string[]): void {
  for (const file of files) {
    const text = repo.readText(file);
    if (text === null) continue;
    const found = elixirPort(text);
    if (!found) continue;
    service.port = { value: found.port, envVar: found.envVar, bindAddress: null };
    addEvidence(service, 'port', file, found.text, found.line);
    const bind = elixirBindAddress(text);
    if (bind) {
      service.port.bindAddress = bind.address;
      if (isLoopback(bind.address)) addWarning(service, `The endpoint binds ${bind.address}, which is unreachable from outside the container; use ip: {0, 0, 0, 0, 0, 0, 0, 0}.`);
    }
    return;
  }
  service.port = { value: DEFAULT_PORT, envVar: 'PORT', bindAddress: null };
  addEvidence(service, 'port', files[0] ?? service.path, `default port ${DEFAULT_PORT} (Phoenix convention, PORT overrides it)`);
}
