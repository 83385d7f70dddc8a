/**
 * The Ruby version, most precise source first: the file a Gemfile's `ruby file:` names, .ruby-version,
 * an exact `ruby "3.3.0"` in the Gemfile, .tool-versions / mise.toml, Gemfile.lock's RUBY VERSION,
 * then a Gemfile constraint (`ruby "~> 3.2"` → 3.2). Otherwise the default, with a warning.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath } from '../../core/repo/repo-fs.js';
import type { ServicePlan } from '../../plan/schema.js';
import { DEFAULT_VERSIONS, toolVersion, versionFile, versionToTag } from '../shared/versions.js';
import type { Gemfile, GemfileLock } from './gemfile.js';

export interface RubyVersion {
  runtime: ServicePlan['runtime'];
  evidence: { file: string; line?: number; note: string } | null;
}

export function rubyVersion(repo: RepoFs, dir: string, gemfile: Gemfile | null, lock: GemfileLock | null): RubyVersion {
  const gemfilePath = joinPath(dir, 'Gemfile');
  const found = (version: string | null, file: string, note: string, line?: number): RubyVersion | null => {
    const tag = version === null ? null : versionToTag(version);
    if (!tag) return null;
    return { runtime: { name: 'ruby', version: tag, source: file }, evidence: { file, line, note } };
  };
  const directive = gemfile?.ruby ?? null;
  if (directive?.file) {
    const file = joinPath(dir, directive.file);
    const text = repo.readText(file);
    const version = text?.split('\n').map((l) => l.trim()).find((l) => l !== '' && !l.startsWith('#')) ?? null;
    const hit = found(version, file, `${directive.text} in Gemfile → ${version ?? '?'}`, 1);
    if (hit) return hit;
  }
  const dotfile = versionFile(repo, dir, ['.ruby-version']);
  if (dotfile) {
    const hit = found(dotfile.version, dotfile.file, `.ruby-version says ${dotfile.version}`, dotfile.line);
    if (hit) return hit;
  }
  if (directive?.version && /^\d+\.\d+(\.\d+)?$/.test(directive.version.trim())) {
    const hit = found(directive.version, gemfilePath, directive.text, directive.line);
    if (hit) return hit;
  }
  const tool = toolVersion(repo, dir, ['ruby']);
  if (tool) {
    const hit = found(tool.version, tool.file, `ruby ${tool.version}`, tool.line);
    if (hit) return hit;
  }
  if (lock?.rubyVersion) {
    const hit = found(lock.rubyVersion, joinPath(dir, 'Gemfile.lock'), `RUBY VERSION ruby ${lock.rubyVersion}`, lock.rubyVersionLine ?? undefined);
    if (hit) return hit;
  }
  if (directive?.version) {
    const tag = versionToTag(directive.version);
    // A constraint names a floor; an image tag wants major.minor.
    const minor = tag?.split('.').slice(0, 2).join('.') ?? null;
    const hit = found(minor, gemfilePath, directive.text, directive.line);
    if (hit) return hit;
  }
  return { runtime: { name: 'ruby', version: DEFAULT_VERSIONS.ruby, source: 'default' }, evidence: null };
}
