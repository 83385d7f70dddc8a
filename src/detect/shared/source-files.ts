/**
 * Which source files of a service to scan for ports, routes and env vars. Tests, fixtures, docs and
 * vendored code are skipped, nested services are not entered, and the count is capped so a huge
 * repository stays fast.
 */
import { isDevsquadGenerated } from '../../core/generated.js';
import type { RepoFs } from '../../core/repo/repo-fs.js';

const SKIPPED_SEGMENTS = /(^|\/)(test|tests|__tests__|spec|specs|e2e|fixtures?|__mocks__|mocks|docs?|examples?|samples?|scripts|migrations|stories|storybook|vendor|third_party|public|static|dist|build|out|target|bin|obj)(\/|$)/;
const TEST_FILE = /(\.|_)(test|spec)\.[a-z]+$|^test_[^/]*\.py$|_test\.go$/;

export interface SourceFileOptions {
  /** Extensions without the dot. */
  extensions: readonly string[];
  /** Most files returned (default 300), nearest the service root first. */
  max?: number;
  /** Also scan tests and scripts (default false). */
  includeTests?: boolean;
}

export function sourceFiles(repo: RepoFs, dir: string, options: SourceFileOptions): string[] {
  const prefix = dir === '' ? '' : `${dir}/`;
  const exts = new Set(options.extensions);
  const max = options.max ?? 300;
  const found: string[] = [];
  const nested = new Map<string, boolean>();
  for (const file of repo.filesUnder(dir)) {
    const local = file.slice(prefix.length);
    const dot = local.lastIndexOf('.');
    if (dot === -1 || !exts.has(local.slice(dot + 1))) continue;
    if (!options.includeTests && (SKIPPED_SEGMENTS.test(local.slice(0, local.lastIndexOf('/') + 1)) || TEST_FILE.test(basename(local)))) continue;
    if (insideNestedProject(repo, prefix, local, nested)) continue;
    found.push(file);
  }
  // Code devsquad wrote (observe's instrumentation, harden's middleware) is never evidence about the
  // app: its env reads and routes would feed back into the next plan. Reads are cached by RepoFs.
  const theirs = found.filter((file) => {
    const text = repo.readText(file);
    return text === null || !isDevsquadGenerated(text);
  });
  // Shallow files first: entry points live near the root.
  theirs.sort((a, b) => depth(a) - depth(b) || a.localeCompare(b));
  return theirs.slice(0, max);
}

const NESTED_MARKERS = ['package.json', 'go.mod', 'pyproject.toml', 'Cargo.toml', 'pom.xml', 'build.gradle', 'build.gradle.kts', 'composer.json', 'Gemfile', 'mix.exs', 'deno.json'];

/** Whether a file sits in a sub-folder that is a project of its own; answers are cached per folder. */
function insideNestedProject(repo: RepoFs, prefix: string, local: string, cache: Map<string, boolean>): boolean {
  const slash = local.lastIndexOf('/');
  if (slash === -1) return false;
  const folder = local.slice(0, slash);
  const known = cache.get(folder);
  if (known !== undefined) return known;
  const sub = prefix + folder;
  const own = NESTED_MARKERS.some((marker) => repo.isFile(`${sub}/${marker}`));
  const answer = own || insideNestedProject(repo, prefix, folder, cache);
  cache.set(folder, answer);
  return answer;
}

function depth(p: string): number {
  return p.split('/').length;
}

function basename(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}
