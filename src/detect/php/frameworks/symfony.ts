/**
 * Symfony: php-fpm serving public/, env from the committed `.env` defaults and `%env(X)%` in config,
 * DATABASE_URL / MESSENGER_TRANSPORT_DSN schemes as backing services, APP_SECRET as a required secret,
 * Doctrine migrations when the bundle is installed, health routes from controllers or YAML routes.
 */
import type { RepoFs } from '../../../core/repo/repo-fs.js';
import { joinPath } from '../../../core/repo/repo-fs.js';
import type { ServicePlan } from '../../../plan/schema.js';
import { addBackingService, addEnv, addEvidence, addFeature } from '../../../plan/service.js';
import { linkBackingEnvVars } from '../../shared/backing.js';
import { backingFromUrl, isPlatformVar, isPortVar, isSecretName, parseDotenv, recordEnvRead } from '../../shared/env-vars.js';
import { HEALTH_PATHS, applyHealthRoute, findHealthRoutes, type HealthFinding } from '../../shared/health.js';
import { matchAll } from '../../shared/text.js';
import { hasPackage, packageLine } from '../composer.js';
import { phpEnvReads, symfonyEnvReads } from '../env.js';
import { jsBuild } from '../js-build.js';
import { addExtension, documentRoot, phpService, servePhpFpm, type PhpProject } from '../project.js';
import { workerServices } from '../workers.js';

const PDO_BY_KIND: Record<string, string> = { postgres: 'pdo_pgsql', mysql: 'pdo_mysql', mariadb: 'pdo_mysql', sqlserver: 'pdo_sqlsrv' };

export function isSymfony(repo: RepoFs, project: PhpProject): boolean {
  if (!hasPackage(project.composer, project.lock, 'symfony/framework-bundle')) return false;
  return repo.isFile(joinPath(project.dir, 'bin/console')) || repo.isFile(joinPath(project.dir, 'public/index.php'));
}

export function planSymfony(repo: RepoFs, project: PhpProject, name: string): ServicePlan[] {
  const { dir, composer } = project;
  const service = phpService(repo, project, name, 'symfony');
  addFeature(service, 'symfony');
  const version = project.lock?.packages.get('symfony/framework-bundle');
  addEvidence(service, 'framework', composer?.file ?? joinPath(dir, 'bin/console'), version ? `symfony/framework-bundle ${version}` : 'symfony/framework-bundle', packageLine(composer, 'symfony/framework-bundle'));
  servePhpFpm(service, documentRoot(repo, project) ?? { dir: 'public', file: joinPath(dir, 'bin/console') });

  const defaults = dotenvDefaults(repo, dir, service);
  for (const file of repo.glob(['config/**/*.{yaml,yml}'], { cwd: dir })) {
    // config/packages/dev/ and test/ are never loaded in production.
    if (/\/config\/packages\/(dev|test)\//.test(`/${file}`)) continue;
    const text = repo.readText(file);
    if (text === null || !text.includes('%env(')) continue;
    for (const read of symfonyEnvReads(text)) {
      const fallback = defaults.get(read.name);
      // A committed default for a secret is a development placeholder: production must set it.
      const hasDefault = fallback !== undefined && fallback !== '' && !isSecretName(read.name);
      recordEnvRead(service, { ...read, file, hasDefault, default: fallback ?? null });
    }
  }
  for (const file of repo.glob(['src/**/*.php'], { cwd: dir })) {
    const text = repo.readText(file);
    if (text === null || !/\bgetenv\s*\(|\$_(ENV|SERVER)\[/.test(text)) continue;
    for (const read of phpEnvReads(text)) recordEnvRead(service, { ...read, file });
  }
  if (service.env.some((e) => e.name === 'APP_SECRET') || defaults.has('APP_SECRET')) addEnv(service, { name: 'APP_SECRET', required: true, secret: true });
  for (const backing of service.backingServices) {
    const ext = PDO_BY_KIND[backing.kind];
    if (ext && hasPackage(composer, project.lock, 'doctrine/doctrine-bundle')) addExtension(service, ext, composer?.file ?? dir, `Doctrine with ${backing.kind} needs ${ext}`, packageLine(composer, 'doctrine/doctrine-bundle'));
  }

  health(repo, dir, service);
  if (hasPackage(composer, project.lock, 'doctrine/doctrine-migrations-bundle')) {
    service.commands.migrate = 'php bin/console doctrine:migrations:migrate --no-interaction';
    addEvidence(service, 'migrate', composer?.file ?? dir, 'doctrine/doctrine-migrations-bundle', packageLine(composer, 'doctrine/doctrine-migrations-bundle'));
  }
  jsBuild(repo, dir, service);
  linkBackingEnvVars(service);
  return [service, ...workerServices(service, project)];
}

/**
 * Symfony commits `.env` with non-secret defaults for every variable (.env.local holds the real
 * values and is git-ignored). A URL/DSN value's scheme names a backing service.
 */
function dotenvDefaults(repo: RepoFs, dir: string, service: ServicePlan): Map<string, string> {
  const defaults = new Map<string, string>();
  for (const name of ['.env', '.env.dist', '.env.example']) {
    const file = joinPath(dir, name);
    const text = repo.readText(file);
    if (text === null) continue;
    for (const entry of parseDotenv(text)) {
      if (defaults.has(entry.name)) continue;
      defaults.set(entry.name, entry.value);
      if (isPlatformVar(entry.name) || isPortVar(entry.name)) continue;
      const secret = isSecretName(entry.name);
      addEnv(service, { name: entry.name, required: entry.value === '' || secret, secret, default: entry.value === '' ? null : entry.value });
      addEvidence(service, `env:${entry.name}`, file, `declared in ${name}`, entry.line);
      const kind = backingFromUrl(entry.value);
      if (kind) {
        addBackingService(service, kind, entry.name);
        addEvidence(service, `backing:${kind}`, file, `${entry.name} in ${name}`, entry.line);
      }
    }
  }
  return defaults;
}

/** Health routes from attributes/annotations in src/Controller, then `path: /health` in YAML routes. */
function health(repo: RepoFs, dir: string, service: ServicePlan): void {
  if (applyHealthRoute(service, findHealthRoutes(repo, repo.glob(['src/**/*.php'], { cwd: dir })))) return;
  const findings: HealthFinding[] = [];
  for (const file of repo.glob(['config/routes.{yaml,yml}', 'config/routes/**/*.{yaml,yml}'], { cwd: dir })) {
    const text = repo.readText(file);
    if (text === null) continue;
    for (const m of matchAll(text, /^\s*path:\s*['"]?(\/[\w/-]*)['"]?\s*$/gm)) {
      const path = m.match[1] ?? '';
      if ((HEALTH_PATHS as readonly string[]).includes(path)) findings.push({ path, file, line: m.line, text: m.text });
    }
  }
  applyHealthRoute(service, findings);
}
