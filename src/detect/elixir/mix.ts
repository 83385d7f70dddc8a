/**
 * mix.exs read as text (it is Elixir code, never evaluated): the app name, the `elixir:` requirement,
 * dependencies with their `only:` environments, the application callback module (`mod:`), umbrella
 * `apps_path`, release names, escripts and aliases.
 */
import { lineAt, stripHashComments } from '../shared/text.js';

export interface MixDep {
  name: string;
  line: number;
  /** `only: :test` / `only: [:dev, :test]`: environments the dep is limited to (empty = all). */
  only: string[];
  inUmbrella: boolean;
}

export interface MixProject {
  app: string | null;
  elixir: string | null;
  elixirLine: number | null;
  deps: MixDep[];
  /** `mod: {MyApp.Application, []}`: the app starts a supervision tree. */
  mod: string | null;
  appsPath: string | null;
  releases: string[];
  escript: boolean;
  /** An `"assets.deploy"` alias (Phoenix 1.6+ generates one). */
  assetsDeploy: boolean;
}

export function parseMixExs(source: string): MixProject {
  const text = stripHashComments(source);
  const deps: MixDep[] = [];
  for (const m of text.matchAll(/\{\s*:(\w+)\s*,\s*((?:"[^"]*"\s*,?\s*)?(?:[a-z_]+:\s*(?:\[[^\]]*\]|[^,}]+)\s*,?\s*)*)\}/g)) {
    const opts = m[2] ?? '';
    // Only tuples that look like deps: a version string or dep options (path:, git:, in_umbrella:, …).
    if (!/^\s*"|\b(only|in_umbrella|path|git|github|runtime|override|optional|hex|app|sparse|targets|organization|env|compile|manager|submodules|branch|tag|ref)\s*:/.test(opts)) continue;
    if (/^(mod|applications|extra_applications)$/.test(m[1] ?? '')) continue;
    const only = /\bonly:\s*(\[[^\]]*\]|:\w+)/.exec(opts);
    deps.push({
      name: m[1] ?? '',
      line: lineAt(text, m.index),
      only: only ? [...(only[1] ?? '').matchAll(/:(\w+)/g)].map((x) => x[1] ?? '') : [],
      inUmbrella: /\bin_umbrella:\s*true/.test(opts),
    });
  }
  const elixir = /\belixir:\s*"([^"]+)"/.exec(text);
  return {
    app: /\bapp:\s*:(\w+)/.exec(text)?.[1] ?? null,
    elixir: elixir?.[1] ?? null,
    elixirLine: elixir ? lineAt(text, elixir.index) : null,
    deps: dedupe(deps),
    mod: /\bmod:\s*\{\s*([\w.]+)/.exec(text)?.[1] ?? null,
    appsPath: /\bapps_path:\s*"([^"]+)"/.exec(text)?.[1] ?? null,
    releases: releaseNames(text),
    escript: /\bescript:\s*\[/.test(text),
    assetsDeploy: /"assets\.deploy"\s*:/.test(text),
  };
}

/** Dependencies the production release contains (not limited to dev/test). */
export function runtimeDeps(project: MixProject): MixDep[] {
  return project.deps.filter((d) => d.only.length === 0 || d.only.includes('prod'));
}

/** Keys at the top level of `releases: [name: [...], other: [...]]` (their options are nested deeper). */
function releaseNames(text: string): string[] {
  const start = /\breleases:\s*\[/.exec(text);
  if (!start) return [];
  const names: string[] = [];
  let depth = 0;
  for (let i = start.index + start[0].length - 1; i < text.length; i++) {
    const c = text[i];
    if (c === '[' || c === '{' || c === '(') depth++;
    else if (c === ']' || c === '}' || c === ')') {
      depth--;
      if (depth === 0) break;
    } else if (depth === 1) {
      const key = /^(\w+):\s*\[/.exec(text.slice(i));
      if (key && !/\w/.test(text[i - 1] ?? '')) {
        names.push(key[1] ?? '');
        i += (key[1] ?? '').length;
      }
    }
  }
  return names;
}

function dedupe(deps: MixDep[]): MixDep[] {
  const seen = new Set<string>();
  return deps.filter((d) => (seen.has(d.name) ? false : (seen.add(d.name), true)));
}
