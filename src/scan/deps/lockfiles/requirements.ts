/**
 * requirements.txt (pip's own line format: no library reads it). Only exact pins (`==`, `===`) are
 * versions; anything else is reported as unpinned rather than guessed. `-r`/`-c` includes are
 * followed (inside the repository, once each). pip-compile output marks transitive packages with
 * `# via <parent>` comments; a `# via -r requirements.in` makes it direct. Files named *dev* or
 * *test* hold dev-only packages.
 */
import type { ScanProblem } from '../../types.js';
import { sibling } from './shared.js';
import type { LockedPackage, LockfileContext, LockfileResult } from './types.js';

const REQ = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(.*)$/;

export function parseRequirements(ctx: LockfileContext): LockfileResult {
  const packages: LockedPackage[] = [];
  const problems: ScanProblem[] = [];
  const visited = new Set<string>();
  const visit = (file: string, text: string): void => {
    if (visited.has(file)) return;
    visited.add(file);
    const dev = /(^|[/_.-])(dev|test|tests|testing|lint|docs)([/_.-]|$)/i.test(file.slice(file.lastIndexOf('/') + 1).replace(/\.(txt|in)$/, ''));
    const unpinned: string[] = [];
    const raw = text.split('\n');
    // Join continuation lines but remember where each logical line started.
    for (let i = 0; i < raw.length; i++) {
      const start = i;
      let line = raw[i]!.replace(/\r$/, '');
      while (line.endsWith('\\') && i + 1 < raw.length) line = line.slice(0, -1) + ' ' + raw[++i]!.replace(/\r$/, '');
      line = line.replace(/(^|\s)#.*$/, '').trim();
      if (line === '') continue;
      const include = /^(?:-r|--requirement|-c|--constraint)\s*=?\s*(\S+)/.exec(line);
      if (include) {
        const rel = sibling(file, include[1]!);
        const inc = ctx.readText(rel);
        if (inc === null) problems.push({ code: 'DSQ_ERR_MANIFEST_PARSE', file, message: `${file} line ${start + 1} includes ${include[1]}, which was not found in the repository; its packages were not checked` });
        else visit(rel, inc);
        continue;
      }
      if (line.startsWith('-') || /^[a-z+]+:\/\//i.test(line) || line.startsWith('.') || line.startsWith('/')) continue;
      const m = REQ.exec(line);
      if (!m) continue;
      const spec = m[2]!.replace(/\s*;.*$/, '').replace(/\s--hash\S*.*$/, '').trim();
      const pin = /^===?\s*([^\s,;]+)$/.exec(spec);
      if (!pin || pin[1]!.includes('*')) {
        unpinned.push(m[1]!);
        continue;
      }
      // pip-compile: `# via` comments below the entry name its parents.
      let direct = true;
      const via: string[] = [];
      for (let j = i + 1; j < raw.length && /^\s+#/.test(raw[j]!); j++) via.push(raw[j]!.replace(/^\s+#\s*(via\s+)?/, '').trim());
      if (via.length > 0 && /^\s+#\s*via\b/.test(raw[i + 1] ?? '')) direct = via.some((v) => v.startsWith('-r') || v.startsWith('-c') || v.endsWith('.in') || v.includes('pyproject.toml'));
      packages.push({ ecosystem: 'PyPI', name: m[1]!, version: pin[1]!, direct, dev, file, line: start + 1 });
    }
    if (unpinned.length > 0) {
      problems.push({
        code: 'DSQ_ERR_DEPS_UNPINNED', file,
        message: `${file}: ${unpinned.length} requirement(s) without an exact == version were not checked: ${unpinned.slice(0, 8).join(', ')}${unpinned.length > 8 ? ', …' : ''}`,
      });
    }
  };
  visit(ctx.file, ctx.text);
  return { packages, problems };
}
