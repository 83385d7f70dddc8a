/**
 * The secrets scan: every file RepoFs indexes (committed or committable: .gitignored files such as a
 * local .env never leave the machine, so they are not reported), then optionally the git history.
 */
import type { Finding } from '../../core/finding.js';
import type { RepoFs } from '../../core/repo/repo-fs.js';
import type { ScanOptions, ScanOutput } from '../types.js';
import { detectSecrets, toFinding } from './detect.js';
import { readHistory } from './history.js';
import { sha256 } from './mask.js';

export async function scanSecrets(repo: RepoFs, options: ScanOptions): Promise<ScanOutput> {
  const findings: Finding[] = [];
  const present = new Set<string>();
  const files = repo.files();
  let scanned = 0;
  for (const [index, file] of files.entries()) {
    if (options.signal?.aborted) break;
    const content = repo.readText(file);
    if (content === null) continue;
    scanned++;
    for (const hit of await detectSecrets(file, content)) {
      present.add(`${hit.rule.id}\0${sha256(hit.secret)}`);
      findings.push(toFinding(file, hit));
    }
    if (index % 200 === 0) options.progress?.(Math.round((index / files.length) * (options.history ? 50 : 100)), file);
  }
  if (!options.history) return { findings, problems: [], scanned };

  options.progress?.(50, 'git history');
  const history = await readHistory(options.root, { signal: options.signal });
  // One finding per secret and file: the log lists newest first, so the last write is the commit
  // that introduced it. Secrets still in the tree were reported above.
  const older = new Map<string, Finding>();
  for (const added of history.files) {
    const content = added.lines.map((l) => l.text).join('\n');
    for (const hit of await detectSecrets(added.file, content)) {
      if (present.has(`${hit.rule.id}\0${sha256(hit.secret)}`)) continue;
      const line = added.lines[hit.line - 1]?.line ?? hit.line;
      older.set(`${hit.rule.id}\0${added.file}\0${sha256(hit.secret)}`, toFinding(added.file, { ...hit, line }, { commit: added.commit }));
    }
  }
  options.progress?.(100, 'done');
  return { findings: [...findings, ...older.values()], problems: history.problems, scanned: scanned + history.files.length };
}
