/**
 * Python dependency names: PEP 508 requirement strings and PEP 503 name normalisation, plus the
 * merged, evidence-carrying dependency set the rest of the detector reads.
 */
import { lineOf } from '../shared/text.js';

export interface PyDependency {
  /** PEP 503 normalised name: lowercase, runs of `-_.` folded to `-`. */
  name: string;
  /** Extras asked for (`fastapi[standard]` → ['standard']), normalised. */
  extras: string[];
  /** The manifest that declares it (requirements file, pyproject.toml, Pipfile, setup.py). */
  file: string;
  line?: number;
}

/** A project's production dependencies, keyed by normalised name. The first declaration wins. */
export class DependencySet {
  private readonly deps = new Map<string, PyDependency>();

  add(dep: PyDependency): void {
    const found = this.deps.get(dep.name);
    if (!found) {
      this.deps.set(dep.name, { ...dep, extras: [...dep.extras] });
      return;
    }
    for (const extra of dep.extras) if (!found.extras.includes(extra)) found.extras.push(extra);
  }

  addAll(deps: Iterable<PyDependency>): void {
    for (const dep of deps) this.add(dep);
  }

  has(name: string): boolean {
    return this.deps.has(normalizeName(name));
  }

  get(name: string): PyDependency | undefined {
    return this.deps.get(normalizeName(name));
  }

  /** True when `name` is declared with the given extra (`fastapi[standard]`). */
  hasExtra(name: string, extra: string): boolean {
    return this.get(name)?.extras.includes(normalizeName(extra)) ?? false;
  }

  names(): string[] {
    return [...this.deps.keys()];
  }

  values(): PyDependency[] {
    return [...this.deps.values()];
  }

  get size(): number {
    return this.deps.size;
  }
}

/** PEP 503: `Django_Environ` and `django.environ` are both `django-environ`. */
export function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/[-_.]+/g, '-');
}

export interface Requirement {
  name: string;
  extras: string[];
}

/**
 * The name and extras of a PEP 508 requirement (`uvicorn[standard]>=0.30 ; python_version>"3.8"`,
 * `pkg @ https://…`). Null for anything that is not a named requirement (paths, URLs, options).
 */
export function parseRequirement(spec: string): Requirement | null {
  const m = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[([^\]]*)\])?/.exec(spec);
  if (!m?.[1]) return null;
  const rest = spec.slice(m[0].length).trim();
  // "name" must be followed by a version spec, a marker, a URL spec or nothing.
  if (rest !== '' && !/^(?:[<>=!~(;@,]|$)/.test(rest)) return null;
  const extras = (m[2] ?? '').split(',').map((e) => normalizeName(e)).filter((e) => e !== '');
  return { name: normalizeName(m[1]), extras };
}

/**
 * The 1-based line of a dependency in a manifest, matching any spelling of its name (`Flask-SQLAlchemy`,
 * `flask_sqlalchemy`): at the start of a requirement line, or right after a quote (PEP 621 arrays,
 * setup.py lists). With `tomlKey`, a TOML table key (`flask = "^3"` in Poetry or Pipfile) is tried first.
 */
export function lineOfDependency(text: string, name: string, tomlKey = false): number | undefined {
  const pattern = name.split('-').map(escapeRegex).join('[-_.]');
  const key = tomlKey ? lineOf(text, new RegExp(`^\\s*["']?${pattern}["']?\\s*=`, 'i')) : undefined;
  return key ?? lineOf(text, new RegExp(`(^\\s*|["'])${pattern}\\s*($|[\\[<>=!~;@"',\\s])`, 'i'));
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
