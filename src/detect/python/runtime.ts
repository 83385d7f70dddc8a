/**
 * The Python version a service runs on. Exact pins first (.python-version, runtime.txt,
 * .tool-versions / mise.toml, Pipfile [requires]), then ranges (requires-python, Poetry's `python`
 * dependency), resolved to the default line when it satisfies the range, else to the nearest
 * line that does. Otherwise the default, with a warning.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath } from '../../core/repo/repo-fs.js';
import { DEFAULT_VERSIONS, toolVersion, versionFile, versionToTag } from '../shared/versions.js';
import { lineOf } from '../shared/text.js';
import { stringAt, type PyProject } from './project.js';
import type { UvWorkspace } from './uv-workspace.js';

export interface PythonVersion {
  version: string;
  /** The file it came from, or 'default'. */
  source: string;
  line?: number;
  note: string;
}

export function pythonVersion(repo: RepoFs, project: PyProject, workspace: UvWorkspace | null): PythonVersion {
  const { dir } = project;
  const pinned = versionFile(repo, dir, ['.python-version']);
  const pinnedTag = pinned && !/^(pypy|graalpy|system)/i.test(pinned.version) ? versionToTag(pinned.version) : null;
  if (pinned && pinnedTag) return { version: pinnedTag, source: pinned.file, line: 1, note: `.python-version says ${pinned.version}` };

  const runtimeTxt = joinPath(dir, 'runtime.txt');
  const runtime = /python-(\d+\.\d+(?:\.\d+)?)/.exec(repo.readText(runtimeTxt) ?? '');
  if (runtime?.[1]) return { version: runtime[1], source: runtimeTxt, line: 1, note: `runtime.txt says python-${runtime[1]}` };

  const tool = toolVersion(repo, dir, ['python']);
  const toolTag = tool ? versionToTag(tool.version) : null;
  if (tool && toolTag) return { version: toolTag, source: tool.file, line: tool.line, note: `python ${tool.version}` };

  if (project.pipfile) {
    const pipfile = joinPath(dir, 'Pipfile');
    const version = stringAt(project.pipfile, ['requires', 'python_full_version']) ?? stringAt(project.pipfile, ['requires', 'python_version']);
    const tag = version ? versionToTag(version) : null;
    if (version && tag) return { version: tag, source: pipfile, line: lineOf(repo.readText(pipfile) ?? '', /python_(full_)?version/), note: `[requires] python_version = "${version}"` };
  }

  const ranges: Array<{ file: string | null; range: string | null; key: RegExp }> = [
    { file: project.pyprojectFile, range: stringAt(project.pyproject, ['project', 'requires-python']), key: /requires-python/ },
    { file: project.pyprojectFile, range: stringAt(project.pyproject, ['tool', 'poetry', 'dependencies', 'python']), key: /^\s*python\s*=/ },
  ];
  if (workspace) ranges.push({ file: workspace.rootFile, range: stringAt(repo.readToml(workspace.rootFile), ['project', 'requires-python']), key: /requires-python/ });
  for (const { file, range, key } of ranges) {
    if (!file || !range) continue;
    const version = versionForRange(range);
    if (version) return { version, source: file, line: lineOf(repo.readText(file) ?? '', key), note: `${range.trim()} → ${version}` };
  }
  return { version: DEFAULT_VERSIONS.python, source: 'default', note: 'no version file' };
}

type Version = number[];

interface Specifier {
  op: string;
  version: Version;
  /** `==3.11.*`: prefix match. */
  wildcard: boolean;
}

/** Python lines considered when a range must be resolved. */
const LINES = [8, 9, 10, 11, 12, 13, 14].map((minor) => [3, minor]);

/**
 * An image tag for a requires-python range: the default line when allowed, an exact `==3.11.4`
 * pin as written, otherwise the newest allowed line below the default, or the oldest above it.
 */
export function versionForRange(range: string): string | null {
  const alternatives = range.split('||').map(parseSpecifiers).filter((a): a is Specifier[] => a !== null && a.length > 0);
  if (alternatives.length === 0) return null;
  const fallback = DEFAULT_VERSIONS.python.split('.').map(Number);
  const allowed = (line: Version): boolean => alternatives.some((specs) => lineSatisfies(line, specs));
  if (allowed(fallback)) return DEFAULT_VERSIONS.python;
  for (const specs of alternatives) {
    const exact = specs.find((s) => (s.op === '==' || s.op === '===') && !s.wildcard && s.version.length === 3);
    if (exact) return exact.version.join('.');
  }
  const ok = LINES.filter(allowed);
  const below = ok.filter((l) => compare(l, fallback) < 0);
  const pick = below.length > 0 ? below[below.length - 1] : ok[0];
  return pick ? pick.join('.') : null;
}

function parseSpecifiers(text: string): Specifier[] | null {
  const out: Specifier[] = [];
  for (const part of text.split(',').map((p) => p.trim()).filter((p) => p !== '' && p !== '*')) {
    const m = /^(===|==|!=|~=|>=|<=|>|<|\^|~)?\s*v?(\d+(?:\.\d+)*)(\.\*)?$/.exec(part);
    if (!m?.[2]) return null;
    out.push({ op: m[1] ?? '==', version: m[2].split('.').map(Number), wildcard: m[3] !== undefined || (m[1] === undefined && m[2].split('.').length < 3) });
  }
  return out;
}

/** A line such as 3.11 is allowed when some patch release of it meets every specifier. */
function lineSatisfies(line: Version, specs: Specifier[]): boolean {
  for (let patch = 0; patch <= 30; patch++) {
    const v = [line[0] ?? 3, line[1] ?? 0, patch];
    if (specs.every((s) => satisfies(v, s))) return true;
  }
  return false;
}

function satisfies(v: Version, s: Specifier): boolean {
  const c = compare(v, s.version);
  const prefix = (n: number): boolean => compare(v.slice(0, n), s.version.slice(0, n)) === 0;
  switch (s.op) {
    case '>=':
      return c >= 0;
    case '>':
      return c > 0;
    case '<=':
      return c <= 0;
    case '<':
      return c < 0;
    case '!=':
      return s.wildcard ? !prefix(s.version.length) : c !== 0;
    case '~=':
      // ~=3.10 means >=3.10,<4; ~=3.10.2 means >=3.10.2,<3.11
      return c >= 0 && prefix(Math.max(1, s.version.length - 1));
    case '^':
      // Poetry caret: same major (or same minor for 0.x)
      return c >= 0 && prefix(s.version[0] === 0 ? 2 : 1);
    case '~':
      // Poetry tilde: same minor when given, else same major
      return c >= 0 && prefix(Math.min(2, s.version.length));
    default:
      return s.wildcard ? prefix(s.version.length) : c === 0;
  }
}

function compare(a: Version, b: Version): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
