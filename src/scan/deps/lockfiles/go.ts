/**
 * go.mod. Since Go 1.17 it lists every module the build needs, with `// indirect` on those no package
 * of the module imports; that is the version list the scanner checks (go.sum holds checksums, not the
 * selected versions, so it is not needed). `replace`
 * directives swap in the replacement module and version (local-path replacements are not checked).
 */
import type { LockedPackage, LockfileContext, LockfileResult } from './types.js';

export function parseGoMod(ctx: LockfileContext): LockfileResult {
  const requires: Array<{ path: string; version: string; indirect: boolean; line: number }> = [];
  const replaces = new Map<string, { path: string; version: string } | null>();
  let block: 'require' | 'replace' | null = null;
  let n = 0;
  for (const raw of ctx.text.split('\n')) {
    n++;
    const indirect = /\/\/\s*indirect\b/.test(raw);
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (line === '') continue;
    if (block && line === ')') {
      block = null;
      continue;
    }
    const open = /^(require|replace|exclude|retract|tool|godebug|ignore)\s*\($/.exec(line);
    if (open) {
      block = open[1] === 'require' || open[1] === 'replace' ? open[1] : null;
      continue;
    }
    let kind = block;
    let rest = line;
    const single = /^(require|replace)\s+(.*)$/.exec(line);
    if (single) {
      kind = single[1] as 'require' | 'replace';
      rest = single[2]!;
    } else if (!block) continue;
    const unq = (s: string): string => s.replace(/^"|"$/g, '');
    if (kind === 'require') {
      const [p, v] = rest.split(/\s+/);
      if (p && v) requires.push({ path: unq(p), version: v, indirect, line: n });
    } else if (kind === 'replace') {
      const m = /^(\S+)(?:\s+\S+)?\s*=>\s*(\S+)(?:\s+(\S+))?$/.exec(rest);
      if (m) replaces.set(unq(m[1]!), m[3] ? { path: unq(m[2]!), version: m[3] } : null);
    }
  }
  const packages: LockedPackage[] = [];
  for (const r of requires) {
    const rep = replaces.has(r.path) ? replaces.get(r.path) : { path: r.path, version: r.version };
    if (!rep) continue; // replaced by a local directory: not a published version
    packages.push({ ecosystem: 'Go', name: rep.path, version: rep.version, direct: !r.indirect, dev: false, file: ctx.file, line: r.line });
  }
  // go.mod pins exact versions (minimal version selection), so a missing go.sum loses nothing here.
  return { packages, problems: [] };
}
