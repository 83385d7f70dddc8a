/**
 * One .dockerignore per build context. Services sharing a context (monorepo members built from the
 * workspace root) share one file that covers all their languages. Patterns are grouped with a
 * comment per group so a user can see why each line is there.
 */
import { z } from 'zod';
import { headerComment, type GenerateContext, type GeneratedFile } from '../types.js';
import type { Language, ServicePlan } from '../../plan/schema.js';
import { joinPath } from '../../core/repo/repo-fs.js';
import { COMMON_PATTERNS, LANGUAGE_PATTERNS } from './patterns.js';

export const inputs = z.object({
  /** Extra patterns appended to every generated .dockerignore. */
  extraPatterns: z.array(z.string()).default([]),
});
export type DockerignoreInputs = z.infer<typeof inputs>;

export function generate(context: GenerateContext, options: DockerignoreInputs): GeneratedFile[] {
  const byContext = new Map<string, ServicePlan[]>();
  for (const service of context.services) {
    const list = byContext.get(service.build.context) ?? [];
    list.push(service);
    byContext.set(service.build.context, list);
  }
  const files: GeneratedFile[] = [];
  for (const [buildContext, services] of [...byContext.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    files.push({
      path: joinPath(buildContext, '.dockerignore'),
      content: render(services, options),
      kind: 'dockerignore',
      generator: 'dockerignore',
      evidence: services.map((s) => ({ fact: 'build.context', file: s.path || '.', note: `${s.name} (${s.language}) is built from ${buildContext || 'the repository root'}` })),
    });
  }
  return files;
}

function render(services: readonly ServicePlan[], options: DockerignoreInputs): string {
  const languages = [...new Set(services.map((s) => s.language))].sort() as Language[];
  const names = services.map((s) => s.name).sort().join(', ');
  const lines = [headerComment('#', `the build context of ${names}`), ...COMMON_PATTERNS];
  for (const language of languages) {
    const patterns = LANGUAGE_PATTERNS[language].filter((p) => !lines.includes(p));
    if (patterns.length === 0) continue;
    lines.push(`# ${language}: dependencies and build output are recreated inside the image`, ...patterns);
  }
  // Re-included after everything else: a later rule wins in .dockerignore.
  const keepOutputs = services.filter((s) => s.language === 'static' && s.build.outputDir && s.build.outputDir !== '.').map((s) => `!${joinPath(s.path, s.build.outputDir ?? '')}`);
  if (keepOutputs.length > 0) lines.push('# prebuilt static output served as is', ...keepOutputs);
  if (options.extraPatterns.length > 0) lines.push('# extra patterns (--input extraPatterns)', ...options.extraPatterns);
  return lines.join('\n') + '\n';
}
