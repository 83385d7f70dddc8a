/**
 * Which requirement files a pip install reads when a project keeps deployment variants side by side
 * (`requirements.txt` + `requirements-gunicorn.txt`). The main file is always installed; a variant is
 * added when the start command needs a package only it declares (the server, a gunicorn worker class,
 * the framework), or, when the start command comes from a container recipe, the files that recipe
 * installs are used as they are.
 */
import { joinPath } from '../../core/repo/repo-fs.js';
import { unwrapCommand } from './commands.js';
import type { ContainerRecipe } from './container-recipe.js';
import { DependencySet, normalizeName } from './dependencies.js';
import type { Fact, FrameworkMatch, PyContext } from './frameworks/types.js';
import type { PyProject } from './project.js';
import { readRequirements } from './requirements.js';
import type { StartChoice } from './start-choice.js';

export interface InstallFiles {
  /** Requirement files to install, relative to the service directory, in order. */
  files: string[];
  fact: Fact;
  /** Everything those files declare (the image's dependencies). */
  dependencies: DependencySet;
}

export function chooseInstallFiles(ctx: PyContext, project: PyProject, start: StartChoice | null, recipe: ContainerRecipe | null, framework: FrameworkMatch | null): InstallFiles | null {
  const main = project.requirementsFile;
  if (!main || !start) return null;
  const local = (file: string): string => (ctx.dir === '' ? file : file.slice(ctx.dir.length + 1));
  if (start.origin === 'recipe' && recipe && recipe.installFiles.length > 0) {
    const trees = recipe.installFiles.map((f) => ({ file: f, tree: readRequirements(ctx.repo, joinPath(ctx.dir, f)) }));
    // a file another one includes with -r is installed through it
    const files = trees.filter((t) => !trees.some((o) => o !== t && o.tree.files.includes(joinPath(ctx.dir, t.file)))).map((t) => t.file);
    if (files.length === 1 && files[0] === local(main)) return null;
    const dependencies = new DependencySet();
    for (const t of trees) dependencies.addAll(t.tree.dependencies);
    dependencies.addAll(project.dependencies.values());
    return { files, fact: { file: recipe.file, note: `${local(recipe.file)} installs ${files.join(', ')}` }, dependencies };
  }
  const missing = neededPackages(start.command, ctx, framework).filter((name) => !project.dependencies.has(name));
  const picked: Array<{ variant: PyProject['variants'][number]; names: string[] }> = [];
  // Greedy: the variant covering most missing packages first; another interpreter's variant (pypy) last.
  while (missing.length > 0) {
    const score = (v: PyProject['variants'][number]): number => missing.filter((n) => v.dependencies.has(n)).length * 10 - (/pypy|nogil|win/i.test(v.file) ? 5 : 0) + (missing.some((n) => v.file.toLowerCase().includes(n)) ? 1 : 0);
    const best = project.variants.filter((v) => !picked.some((p) => p.variant === v) && missing.some((n) => v.dependencies.has(n))).sort((a, b) => score(b) - score(a) || a.file.length - b.file.length || a.file.localeCompare(b.file))[0];
    if (!best) break;
    const names = missing.filter((n) => best.dependencies.has(n));
    picked.push({ variant: best, names });
    for (const n of names) missing.splice(missing.indexOf(n), 1);
  }
  if (picked.length === 0) return null;
  const dependencies = new DependencySet();
  dependencies.addAll(project.dependencies.values());
  for (const p of picked) dependencies.addAll(p.variant.dependencies.values());
  // a file another one includes with -r (requirements-gunicorn.txt starts with `-r requirements.txt`) is installed through it
  const trees = [{ file: main, files: project.requirementsFiles }, ...picked.map((p) => ({ file: p.variant.file, files: p.variant.files }))];
  const files = trees.filter((t) => !trees.some((o) => o !== t && o.files.includes(t.file))).map((t) => local(t.file));
  const note = picked.map((p) => `${local(p.variant.file)} declares ${p.names.join(', ')}`).join('; ');
  return { files, fact: { file: picked[0]!.variant.file, note: `${note} (the start command needs it)` }, dependencies };
}

const SERVER_PACKAGES: Record<string, string> = {
  gunicorn: 'gunicorn', uvicorn: 'uvicorn', hypercorn: 'hypercorn', daphne: 'daphne', granian: 'granian', uwsgi: 'uwsgi', 'waitress-serve': 'waitress',
};

/** Packages the start command runs: its server, a gunicorn worker class's package, the framework. */
function neededPackages(command: string, ctx: PyContext, framework: FrameworkMatch | null): string[] {
  const rest = unwrapCommand(command);
  const out: string[] = [];
  const server = SERVER_PACKAGES[/^(\S+)/.exec(rest)?.[1] ?? ''];
  if (server) out.push(server);
  const worker = /(?:^|\s)(?:-k|--worker-class)[=\s]+["']?([\w.]+)/.exec(rest)?.[1] ?? (server === 'gunicorn' ? ctx.gunicornConfig?.workerClass : null);
  const workerPackage = worker?.includes('.') ? worker.split('.')[0] : worker;
  if (workerPackage && !['sync', 'gthread'].includes(workerPackage)) out.push(normalizeName(workerPackage));
  if (framework && ctx.deps.has(framework.id)) out.push(framework.id);
  return out;
}
