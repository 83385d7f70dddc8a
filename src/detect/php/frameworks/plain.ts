/**
 * PHP apps with a front controller but no full-stack framework devsquad models in depth: plain PHP,
 * Slim, Lumen, CodeIgniter, CakePHP, Yii, Laminas, WordPress, Drupal. They share the php-fpm
 * convention; the document root is where index.php lives (public/, web/, webroot/ or the root).
 */
import type { RepoFs } from '../../../core/repo/repo-fs.js';
import { joinPath } from '../../../core/repo/repo-fs.js';
import type { ServicePlan } from '../../../plan/schema.js';
import { addEvidence } from '../../../plan/service.js';
import { linkBackingEnvVars } from '../../shared/backing.js';
import { addEnvFromExampleFiles, recordEnvRead } from '../../shared/env-vars.js';
import { applyHealthRoute, findHealthRoutes, type HealthFinding } from '../../shared/health.js';
import { sourceFiles } from '../../shared/source-files.js';
import { hasPackage, packageLine } from '../composer.js';
import { phpEnvReads } from '../env.js';
import { phpService, servePhpFpm, type PhpProject } from '../project.js';
import { workerServices } from '../workers.js';

interface FrameworkRule {
  id: string;
  packages: string[];
  /** Migration command when the framework's migrations directory exists. */
  migrate?: { command: string; dir: string };
}

const FRAMEWORKS: FrameworkRule[] = [
  { id: 'lumen', packages: ['laravel/lumen-framework'], migrate: { command: 'php artisan migrate --force', dir: 'database/migrations' } },
  { id: 'slim', packages: ['slim/slim'] },
  { id: 'codeigniter', packages: ['codeigniter4/framework', 'codeigniter4/codeigniter4'], migrate: { command: 'php spark migrate --all', dir: 'app/Database/Migrations' } },
  { id: 'cakephp', packages: ['cakephp/cakephp'], migrate: { command: 'bin/cake migrations migrate', dir: 'config/Migrations' } },
  { id: 'yii', packages: ['yiisoft/yii2'], migrate: { command: 'php yii migrate --interactive=0', dir: 'migrations' } },
  { id: 'laminas', packages: ['laminas/laminas-mvc', 'mezzio/mezzio'] },
  { id: 'drupal', packages: ['drupal/core-recommended', 'drupal/core'] },
  { id: 'wordpress', packages: ['johnpbloch/wordpress', 'roots/wordpress', 'johnpbloch/wordpress-core'] },
];

/** Generic migration tools, when no framework says. */
const MIGRATION_TOOLS: Array<{ pkg: string; command: string }> = [
  { pkg: 'robmorgan/phinx', command: 'vendor/bin/phinx migrate' },
  { pkg: 'doctrine/migrations', command: 'vendor/bin/doctrine-migrations migrate --no-interaction' },
];

export function planPlain(repo: RepoFs, project: PhpProject, name: string, docRoot: { dir: string; file: string }): ServicePlan[] {
  const { dir, composer, lock } = project;
  const rule = FRAMEWORKS.find((f) => f.packages.some((p) => hasPackage(composer, lock, p)));
  const wordpress = !rule && repo.isFile(joinPath(dir, docRoot.dir, 'wp-settings.php'));
  const framework = rule?.id ?? (wordpress ? 'wordpress' : null);
  const service = phpService(repo, project, name, framework);
  if (rule) {
    const pkg = rule.packages.find((p) => hasPackage(composer, lock, p)) ?? rule.packages[0] ?? '';
    addEvidence(service, 'framework', composer?.file ?? docRoot.file, pkg, packageLine(composer, pkg));
  } else if (wordpress) {
    addEvidence(service, 'framework', joinPath(dir, docRoot.dir, 'wp-settings.php'), 'WordPress core');
  }
  servePhpFpm(service, docRoot);

  addEnvFromExampleFiles(repo, dir, service);
  const docRootFiles = repo.glob(['*.php'], { cwd: joinPath(dir, docRoot.dir === '.' ? '' : docRoot.dir) });
  const files = [...new Set([...docRootFiles, ...sourceFiles(repo, dir, { extensions: ['php'] })])];
  for (const file of files) {
    const text = repo.readText(file);
    if (text === null || !/\b(env|getenv)\s*\(|\$_(ENV|SERVER)\[/.test(text)) continue;
    for (const read of phpEnvReads(text)) recordEnvRead(service, { ...read, file });
  }

  if (!applyHealthRoute(service, findHealthRoutes(repo, files))) applyHealthRoute(service, healthFiles(repo, dir, docRoot.dir));
  migrate(repo, project, service, rule);
  linkBackingEnvVars(service);
  // PDO takes a DSN (`mysql:host=…;dbname=…`), so a DB_DSN variable is how the database is reached.
  const dsn = service.env.find((e) => /^(DB|DATABASE|PDO)_DSN$/.test(e.name));
  for (const backing of service.backingServices) {
    if (backing.envVar === null && dsn && ['postgres', 'mysql', 'mariadb', 'sqlserver'].includes(backing.kind)) backing.envVar = dsn.name;
  }
  return [service, ...workerServices(service, project)];
}

/** A health endpoint as a file in the document root: health.php → /health.php, health/index.php → /health. */
function healthFiles(repo: RepoFs, dir: string, docRoot: string): HealthFinding[] {
  const root = joinPath(dir, docRoot === '.' ? '' : docRoot);
  const found: HealthFinding[] = [];
  for (const base of ['healthz', 'health', 'healthcheck', 'ping', 'status']) {
    if (repo.isFile(joinPath(root, `${base}.php`))) found.push({ path: `/${base}.php`, file: joinPath(root, `${base}.php`), line: 1, text: `${base}.php in the document root` });
    if (repo.isFile(joinPath(root, base, 'index.php'))) found.push({ path: `/${base}`, file: joinPath(root, base, 'index.php'), line: 1, text: `${base}/index.php in the document root` });
  }
  // Keep the conventional order: found[0] wins when ranks tie (healthz before health).
  return found.slice(0, 1);
}

function migrate(repo: RepoFs, project: PhpProject, service: ServicePlan, rule: FrameworkRule | undefined): void {
  const { dir, composer, lock } = project;
  const release = project.procfile?.release;
  if (release && project.procfile) {
    service.commands.migrate = release.command;
    addEvidence(service, 'migrate', project.procfile.file, `release: ${release.command}`, release.line);
    return;
  }
  if (rule?.migrate && repo.isDir(joinPath(dir, rule.migrate.dir))) {
    service.commands.migrate = rule.migrate.command;
    addEvidence(service, 'migrate', joinPath(dir, rule.migrate.dir), `${rule.id} migrations`);
    return;
  }
  const tool = MIGRATION_TOOLS.find((t) => hasPackage(composer, lock, t.pkg));
  if (tool) {
    service.commands.migrate = tool.command;
    addEvidence(service, 'migrate', composer?.file ?? dir, tool.pkg, packageLine(composer, tool.pkg));
  }
}
