/**
 * What every PHP service shares: composer.json / composer.lock, the PHP version, Composer as the
 * package manager, the PHP extensions the app needs, backing services from packages, the document
 * root, and the php-fpm convention (see readme.md).
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath } from '../../core/repo/repo-fs.js';
import type { ServicePlan } from '../../plan/schema.js';
import { addEvidence, addFeature, addWarning, blankService } from '../../plan/service.js';
import { addBackingFromDependencies } from '../shared/backing.js';
import { readProcfile, type Procfile } from '../shared/procfile.js';
import { DEFAULT_VERSIONS, toolVersion, versionToTag } from '../shared/versions.js';
import { packageLine, readComposer, readComposerLock, type Composer, type ComposerLock } from './composer.js';
import { applyChecks } from './checks.js';

export interface PhpProject {
  dir: string;
  composer: Composer | null;
  lock: ComposerLock | null;
  procfile: Procfile | null;
}

/** The port the web server in front of php-fpm listens on (unprivileged, so the image runs as non-root). */
export const PHP_PORT = 8080;

/**
 * Extensions the official php image already has compiled in; anything else needs
 * docker-php-ext-install / install-php-extensions.
 */
const BUNDLED_EXTENSIONS = new Set([
  'core', 'ctype', 'curl', 'date', 'dom', 'fileinfo', 'filter', 'ftp', 'hash', 'iconv', 'json', 'libxml', 'mbstring', 'mysqlnd',
  'openssl', 'pcre', 'pdo', 'pdo_sqlite', 'phar', 'posix', 'random', 'readline', 'reflection', 'session', 'simplexml', 'sodium',
  'spl', 'sqlite3', 'standard', 'tokenizer', 'xml', 'xmlreader', 'xmlwriter', 'zlib',
]);

export function readPhpProject(repo: RepoFs, dir: string): PhpProject {
  return { dir, composer: readComposer(repo, dir), lock: readComposerLock(repo, dir), procfile: readProcfile(repo, dir) };
}

/** Document roots in the order frameworks use them; '.' is an index.php at the service root. */
const DOC_ROOTS = ['public', 'web', 'webroot', 'htdocs', 'public_html', 'www'];

export function documentRoot(repo: RepoFs, project: PhpProject): { dir: string; file: string } | null {
  // A Heroku-style Procfile names the document root: `web: heroku-php-apache2 public/`.
  const web = project.procfile?.web?.command ?? '';
  const named = /heroku-php-(?:apache2|nginx)(?:\s+-\S+(?:\s+\S+)?)*\s+([\w./-]+?)\/?\s*$/.exec(web) ?? /\s-t\s+([\w./-]+?)\/?(\s|$)/.exec(web);
  if (named?.[1] && repo.isFile(joinPath(project.dir, named[1], 'index.php'))) {
    return { dir: named[1].replace(/^\.\//, '') || '.', file: project.procfile!.file };
  }
  for (const root of DOC_ROOTS) {
    const file = joinPath(project.dir, root, 'index.php');
    if (repo.isFile(file)) return { dir: root, file };
  }
  const index = joinPath(project.dir, 'index.php');
  return repo.isFile(index) ? { dir: '.', file: index } : null;
}

export function phpService(repo: RepoFs, project: PhpProject, name: string, framework: string | null): ServicePlan {
  const { dir, composer, lock } = project;
  const version = phpVersion(repo, dir, composer);
  const service = blankService({ name, path: dir, language: 'php', runtime: version.runtime });
  service.framework = framework;
  if (version.evidence) addEvidence(service, 'runtime', version.evidence.file, version.evidence.note, version.evidence.line);
  else addWarning(service, `No PHP version found (composer.json require.php / config.platform.php, .tool-versions, mise.toml); using PHP ${version.runtime.version}.`);

  if (composer) {
    service.packageManager = { name: 'composer', lockfile: lock ? lock.file : null, version: null };
    addEvidence(service, 'packageManager', composer.file, lock ? 'composer.json with composer.lock' : 'composer.json');
    service.commands.install = 'composer install --no-dev --optimize-autoloader --no-interaction';
    addEvidence(service, 'install', lock?.file ?? composer.file, lock ? 'locked install without dev packages' : 'no composer.lock');
    if (!lock) addWarning(service, 'No composer.lock: the image resolves package versions at build time. Commit composer.lock for reproducible builds.');
    addBackingFromDependencies(service, 'composer', Object.keys(composer.require), composer.file, (p) => packageLine(composer, p));
    applyChecks(repo, service, dir, composer);
  }
  for (const ext of requiredExtensions(composer, lock)) addExtension(service, ext, composer?.file ?? joinPath(dir, 'composer.json'), `requires ext-${ext}`, packageLine(composer, `ext-${ext}`));
  return service;
}

/**
 * Records a PHP extension the image must add, as `php-ext-<name>` in build.systemPackages (the PHP
 * Dockerfile recipe installs these with install-php-extensions; see readme.md).
 */
export function addExtension(service: ServicePlan, ext: string, file: string, note: string, line?: number): void {
  const name = ext.toLowerCase();
  if (BUNDLED_EXTENSIONS.has(name)) return;
  const pkg = `php-ext-${name}`;
  if (!service.build.systemPackages.includes(pkg)) service.build.systemPackages.push(pkg);
  addEvidence(service, 'build', file, note, line);
}

function requiredExtensions(composer: Composer | null, lock: ComposerLock | null): string[] {
  const exts = new Set<string>();
  for (const req of Object.keys(composer?.require ?? {})) if (req.startsWith('ext-')) exts.add(req.slice(4).toLowerCase());
  for (const ext of lock?.extensions ?? []) exts.add(ext);
  return [...exts].sort();
}

/** php-fpm behind a web server that serves `docRoot` on PHP_PORT (the convention in readme.md). */
export function servePhpFpm(service: ServicePlan, docRoot: { dir: string; file: string }): void {
  addFeature(service, 'php-fpm');
  service.commands.start = 'php-fpm';
  addEvidence(service, 'start', docRoot.file, `front controller ${docRoot.dir === '.' ? 'index.php' : `${docRoot.dir}/index.php`} served by php-fpm`);
  service.build.outputDir = docRoot.dir;
  addEvidence(service, 'build', docRoot.file, `document root ${docRoot.dir}`);
  service.port = { value: PHP_PORT, envVar: null, bindAddress: null };
  addEvidence(service, 'port', docRoot.file, `web server in front of php-fpm listens on ${PHP_PORT}`);
}

interface PhpVersion {
  runtime: ServicePlan['runtime'];
  evidence: { file: string; line?: number; note: string } | null;
}

/** config.platform.php (exact) > .tool-versions / mise.toml > require.php (floor, major.minor) > default. */
function phpVersion(repo: RepoFs, dir: string, composer: Composer | null): PhpVersion {
  if (composer?.platformPhp) {
    const tag = versionToTag(composer.platformPhp);
    if (tag) return { runtime: { name: 'php', version: tag, source: composer.file }, evidence: { file: composer.file, line: packageLine(composer, 'platform'), note: `config.platform.php ${composer.platformPhp}` } };
  }
  const tool = toolVersion(repo, dir, ['php']);
  const toolTag = tool ? versionToTag(tool.version) : null;
  if (tool && toolTag) return { runtime: { name: 'php', version: toolTag, source: tool.file }, evidence: { file: tool.file, line: tool.line, note: `php ${tool.version}` } };
  const constraint = composer?.require.php;
  if (composer && constraint) {
    // `^8.1 || ^8.2` → the first alternative's floor; an image tag wants major.minor.
    const tag = versionToTag(constraint.split('|')[0] ?? constraint)?.split('.').slice(0, 2).join('.');
    if (tag) return { runtime: { name: 'php', version: tag, source: composer.file }, evidence: { file: composer.file, line: packageLine(composer, 'php'), note: `"php": "${constraint}"` } };
  }
  return { runtime: { name: 'php', version: DEFAULT_VERSIONS.php, source: 'default' }, evidence: null };
}
