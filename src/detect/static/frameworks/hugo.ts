/**
 * Hugo sites: hugo.toml / hugo.yaml / hugo.json, or a legacy config.toml / config.yaml that sets
 * baseURL next to content/, layouts/ or themes/. Built with `hugo --minify` into `public/` (or the
 * configured publishDir).
 */
import type { RepoFs } from '../../../core/repo/repo-fs.js';
import { joinPath } from '../../../core/repo/repo-fs.js';
import { lineOf } from '../../shared/text.js';
import { toolVersion } from '../../shared/versions.js';

const HUGO_CONFIGS = ['hugo.toml', 'hugo.yaml', 'hugo.yml', 'hugo.json'];
const LEGACY_CONFIGS = ['config.toml', 'config.yaml', 'config.yml', 'config.json'];
const SITE_DIRS = ['content', 'layouts', 'themes', 'archetypes'];

/** Current Hugo release line when the repo does not pin one. */
export const DEFAULT_HUGO_VERSION = '0.139.0';

export interface HugoSite {
  config: string;
  publishDir: string;
}

export function findHugoSite(repo: RepoFs, dir: string): HugoSite | null {
  const hugo = HUGO_CONFIGS.map((f) => joinPath(dir, f)).find((f) => repo.isFile(f));
  if (hugo) return { config: hugo, publishDir: publishDir(repo, hugo) };
  if (!SITE_DIRS.some((d) => repo.isDir(joinPath(dir, d)))) return null;
  for (const name of LEGACY_CONFIGS) {
    const file = joinPath(dir, name);
    const text = repo.readText(file);
    if (text !== null && /^\s*"?baseurl"?\s*[:=]/im.test(text)) return { config: file, publishDir: publishDir(repo, file) };
  }
  return null;
}

function publishDir(repo: RepoFs, file: string): string {
  const text = repo.readText(file) ?? '';
  const m = /^\s*"?publishDir"?\s*[:=]\s*["']?([^"'\s,]+)["']?/im.exec(text);
  return m?.[1]?.replace(/^\.\//, '').replace(/\/$/, '') || 'public';
}

/** The Hugo version: .tool-versions / mise.toml, then HUGO_VERSION in netlify.toml. */
export function hugoVersion(repo: RepoFs, dir: string): { version: string; file: string; line?: number } | null {
  const tool = toolVersion(repo, dir, ['hugo', 'hugo-extended']);
  if (tool) return { version: tool.version.replace(/^extended_/, ''), file: tool.file, line: tool.line };
  const netlify = joinPath(dir, 'netlify.toml');
  const text = repo.readText(netlify);
  const m = text === null ? null : /HUGO_VERSION\s*=\s*["']v?([\d.]+)["']/.exec(text);
  if (m?.[1] && text !== null) return { version: m[1], file: netlify, line: lineOf(text, 'HUGO_VERSION') };
  return null;
}
