/**
 * PHP detector: a directory with composer.json, index.php or artisan is a Laravel app, a Symfony app,
 * or a PHP app with a front controller (plain PHP and lighter frameworks), all served by php-fpm
 * behind a web server. A Composer package without a front controller is a library.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath } from '../../core/repo/repo-fs.js';
import type { ServicePlan } from '../../plan/schema.js';
import { ancestors } from '../shared/versions.js';
import type { Detection } from '../types.js';
import { isLaravel, planLaravel } from './frameworks/laravel.js';
import { planPlain } from './frameworks/plain.js';
import { isSymfony, planSymfony } from './frameworks/symfony.js';
import { documentRoot, phpService, readPhpProject, type PhpProject } from './project.js';
import { workerServices } from './workers.js';

type PhpKind = 'laravel' | 'symfony' | 'plain' | 'workers';

interface PhpDetection {
  kind: PhpKind;
  project: PhpProject;
  docRoot: { dir: string; file: string } | null;
}

/** Composer package types that are never an application. */
const LIBRARY_TYPES = new Set(['library', 'composer-plugin', 'symfony-bundle', 'wordpress-plugin', 'wordpress-theme', 'drupal-module', 'drupal-theme', 'laravel-package', 'metapackage']);

export function detect(repo: RepoFs, dir: string): Detection | null {
  if (insidePhpApp(repo, dir)) return null;
  const project = readPhpProject(repo, dir);
  const service = (kind: PhpKind, reason: string, docRoot: PhpDetection['docRoot'] = null): Detection => ({ role: 'service', reason, data: { kind, project, docRoot } satisfies PhpDetection });
  if (isLaravel(repo, project)) return service('laravel', 'Laravel app (artisan + laravel/framework)');
  if (isSymfony(repo, project)) return service('symfony', 'Symfony app (symfony/framework-bundle)');
  const docRoot = documentRoot(repo, project);
  if (docRoot) return service('plain', `PHP front controller ${docRoot.dir === '.' ? 'index.php' : `${docRoot.dir}/index.php`}`, docRoot);
  if (project.procfile?.entries.some((e) => e.process !== 'web' && e.process !== 'release')) return service('workers', 'Procfile runs PHP workers');
  const type = project.composer?.type ?? null;
  if (type && LIBRARY_TYPES.has(type)) return { role: 'library', reason: `Composer package of type ${type}` };
  if (project.composer) return { role: 'library', reason: 'composer.json without a front controller (index.php): a library or CLI tool' };
  return null;
}

export function plan(repo: RepoFs, dir: string, detection: Detection): ServicePlan[] {
  const data = detection.data as PhpDetection | undefined;
  const project = data?.project ?? readPhpProject(repo, dir);
  const name = dir === '' ? repo.name : dir.slice(dir.lastIndexOf('/') + 1);
  switch (data?.kind) {
    case 'laravel':
      return planLaravel(repo, project, name);
    case 'symfony':
      return planSymfony(repo, project, name);
    case 'workers':
      return workerServices(phpService(repo, project, name, null), project);
    default: {
      const docRoot = data?.docRoot ?? documentRoot(repo, project);
      return docRoot ? planPlain(repo, project, name, docRoot) : [];
    }
  }
}

/**
 * A directory below a PHP app's root (WordPress puts an index.php in every folder, Laravel's
 * storage/ and Symfony's var/ hold PHP files) is part of that app, not a service of its own.
 */
function insidePhpApp(repo: RepoFs, dir: string): boolean {
  for (const at of ancestors(dir).slice(1)) {
    if (repo.isFile(joinPath(at, 'artisan')) || repo.isFile(joinPath(at, 'index.php')) || repo.isFile(joinPath(at, 'public/index.php'))) return true;
    if (repo.isFile(joinPath(at, 'bin/console')) && repo.isFile(joinPath(at, 'composer.json'))) return true;
  }
  return false;
}
