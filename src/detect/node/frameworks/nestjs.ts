/**
 * NestJS: `nest build` compiles src/ with tsconfig.build.json into dist/, and production runs
 * `node dist/main` (nest-cli.json may move sourceRoot, entryFile or the tsconfig). Health routes
 * are decorators: `@Controller('health')` + `@Get()`, under `setGlobalPrefix()` unless excluded.
 */
import { joinPath } from '../../../core/repo/repo-fs.js';
import { addEvidence } from '../../../plan/service.js';
import { HEALTH_PATHS } from '../../shared/health.js';
import { lineAt, lineText } from '../../shared/text.js';
import type { NodeContext } from '../context.js';
import { hasDep, setFramework } from '../context.js';
import type { NodeFramework } from './types.js';

export interface NestCli {
  sourceRoot: string;
  entryFile: string;
  tsConfigPath: string | null;
  file: string | null;
}

export function readNestCli(ctx: NodeContext): NestCli {
  const file = joinPath(ctx.dir, 'nest-cli.json');
  const raw = ctx.repo.isFile(file) ? (ctx.repo.readJsonc(file) as { sourceRoot?: unknown; entryFile?: unknown; compilerOptions?: { tsConfigPath?: unknown } } | null) : null;
  return {
    sourceRoot: typeof raw?.sourceRoot === 'string' ? raw.sourceRoot.replace(/^\.\//, '').replace(/\/$/, '') : 'src',
    entryFile: typeof raw?.entryFile === 'string' ? raw.entryFile : 'main',
    tsConfigPath: typeof raw?.compilerOptions?.tsConfigPath === 'string' ? raw.compilerOptions.tsConfigPath : null,
    file: raw ? file : null,
  };
}

export const nestjs: NodeFramework = {
  id: 'nestjs',
  category: 'server',
  matches: (info) => hasDep(info, '@nestjs/core'),
  apply(ctx: NodeContext): void {
    setFramework(ctx, 'nestjs', '@nestjs/core');
  },
  defaultHost: (ctx) => (hasDep(ctx, '@nestjs/platform-fastify') ? 'localhost' : null),
  health(ctx: NodeContext): boolean {
    let prefix = '';
    for (const file of ctx.sources.files) {
      const code = ctx.sources.code(file) ?? '';
      const m = /setGlobalPrefix\(\s*['"]\/?([^'"]*)['"]\s*(,\s*\{[^}]*\})?/.exec(code);
      if (m) {
        const excluded = /exclude\s*:[^\]]*health/.test(m[2] ?? '');
        prefix = excluded ? '' : m[1] ?? '';
        break;
      }
    }
    const known = HEALTH_PATHS as readonly string[];
    const found: Array<{ path: string; file: string; line: number; text: string }> = [];
    for (const file of ctx.sources.files) {
      const code = ctx.sources.code(file) ?? '';
      const controller = /@Controller\(\s*(?:['"]\/?([^'"]*)['"]|\{[^}]*path\s*:\s*['"]\/?([^'"]*)['"][^}]*\})?\s*\)/.exec(code);
      if (!controller) continue;
      const base = controller[1] ?? controller[2] ?? '';
      for (const get of code.matchAll(/@(?:Get|Head|All)\(\s*(?:['"]\/?([^'"]*)['"])?\s*\)/g)) {
        const path = `/${[prefix, base, get[1] ?? ''].filter((p) => p !== '').join('/')}`.replace(/\/+$/, '') || '/';
        if (!known.includes(path)) continue;
        const line = lineAt(code, get.index);
        found.push({ path, file, line, text: `${controller[0]} + ${lineText(ctx.sources.raw(file) ?? code, line)}` });
      }
    }
    const best = found.sort((a, b) => known.indexOf(a.path) - known.indexOf(b.path))[0];
    if (!best) return false;
    ctx.service.health.path = best.path;
    addEvidence(ctx.service, 'health', best.file, `${best.text}: route ${best.path}`, best.line);
    return true;
  },
};
