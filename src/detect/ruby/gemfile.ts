/**
 * Gemfile and Gemfile.lock readers. Both are read as text (a Gemfile is Ruby, never evaluated): gem
 * declarations with their groups, the `ruby` directive, and the lockfile's specs, DEPENDENCIES,
 * RUBY VERSION and BUNDLED WITH sections.
 */

export interface GemDecl {
  name: string;
  line: number;
  /** Groups the gem belongs to (block groups and `group:` options); empty means the default group. */
  groups: string[];
}

export interface RubyDirective {
  /** `ruby "3.3.0"` or `ruby "~> 3.2"`. */
  version: string | null;
  /** `ruby file: ".ruby-version"`. */
  file: string | null;
  line: number;
  text: string;
}

export interface Gemfile {
  gems: GemDecl[];
  ruby: RubyDirective | null;
}

export interface GemfileLock {
  /** name → locked version from the GEM / PATH / GIT specs. */
  specs: Map<string, string>;
  /** Names listed under DEPENDENCIES (the Gemfile's direct gems). */
  dependencies: string[];
  /** `ruby 3.3.0p0` under RUBY VERSION, as written. */
  rubyVersion: string | null;
  rubyVersionLine: number | null;
  bundledWith: string | null;
}

/** Groups whose gems never reach a production image (Bundler's `without development:test`). */
const DEV_GROUPS = new Set(['development', 'test']);

export function parseGemfile(text: string): Gemfile {
  const gems: GemDecl[] = [];
  let ruby: RubyDirective | null = null;
  // Each open block: the groups it adds (none for `platforms … do`, `if …`, `source … do`).
  const blocks: string[][] = [];
  const lines = text.split('\n');
  for (const [i, raw] of lines.entries()) {
    const line = stripComment(raw).trim();
    if (line === '') continue;
    if (/^end\b/.test(line)) {
      blocks.pop();
      continue;
    }
    const group = /^group\s+(.+?)\s+do(\s*\|.*\|)?$/.exec(line);
    if (group) {
      blocks.push(symbols(group[1] ?? ''));
      continue;
    }
    const gem = /^gem\s*\(?\s*["']([^"']+)["'](.*)$/.exec(line);
    if (gem) {
      const inline = /\bgroups?:\s*(\[[^\]]*\]|:\w+|["']\w+["'])/.exec(gem[2] ?? '');
      const groups = [...blocks.flat(), ...(inline ? symbols(inline[1] ?? '') : [])];
      gems.push({ name: gem[1] ?? '', line: i + 1, groups });
      continue;
    }
    const rubyLine = /^ruby\s*\(?\s*(?:["']([^"']+)["']|file:\s*["']([^"']+)["'])/.exec(line);
    if (rubyLine && ruby === null) {
      ruby = { version: rubyLine[1] ?? null, file: rubyLine[2] ?? null, line: i + 1, text: line };
      continue;
    }
    // Any other block opener (`platforms :mri do`, `source "…" do`, `if ENV[…]`) closes with `end`.
    if (/\bdo(\s*\|[^|]*\|)?$/.test(line) || /^(if|unless|case)\b/.test(line)) blocks.push([]);
  }
  return { gems, ruby };
}

/** Gems a production bundle installs: not only in development/test groups. */
export function runtimeGems(gemfile: Gemfile): Set<string> {
  return new Set(gemfile.gems.filter((g) => g.groups.length === 0 || g.groups.some((x) => !DEV_GROUPS.has(x))).map((g) => g.name));
}

export function parseGemfileLock(text: string): GemfileLock {
  const specs = new Map<string, string>();
  const dependencies: string[] = [];
  let rubyVersion: string | null = null;
  let rubyVersionLine: number | null = null;
  let bundledWith: string | null = null;
  let section = '';
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') continue;
    if (/^\S/.test(line)) {
      section = line.trim();
      continue;
    }
    if (section === 'GEM' || section === 'PATH' || section === 'GIT') {
      // Specs sit at four spaces; their own dependencies at six.
      const spec = /^ {4}([A-Za-z0-9_.-]+) \(([^)]+)\)$/.exec(line);
      if (spec) specs.set(spec[1] ?? '', (spec[2] ?? '').split('-')[0] ?? '');
    } else if (section === 'DEPENDENCIES') {
      const dep = /^ {2}([A-Za-z0-9_.-]+)!?(?:\s|$)/.exec(line);
      if (dep) dependencies.push(dep[1] ?? '');
    } else if (section === 'RUBY VERSION') {
      const m = /^\s+ruby\s+(\S+)/.exec(line);
      if (m) {
        rubyVersion = m[1] ?? null;
        rubyVersionLine = i + 1;
      }
    } else if (section === 'BUNDLED WITH') {
      bundledWith = line.trim();
    }
  }
  return { specs, dependencies, rubyVersion, rubyVersionLine, bundledWith };
}

/** `:development, :test` / `[:development, :test]` / `"test"` → ['development', 'test']. */
function symbols(list: string): string[] {
  return [...list.matchAll(/:?["']?(\w+)["']?/g)].map((m) => m[1] ?? '').filter((s) => s !== '' && s !== 'optional' && s !== 'true' && s !== 'false');
}

/** Drops a `#` comment that is not inside a string. */
function stripComment(line: string): string {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '#') {
      return line.slice(0, i);
    }
  }
  return line;
}
