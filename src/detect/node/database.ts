/**
 * Databases and migrations: Prisma's datasource (provider + env("DATABASE_URL")), Drizzle's
 * dialect, and the migration command of the tool the project really uses: prisma migrate deploy,
 * drizzle-kit migrate, knex migrate:latest, typeorm migration:run, sequelize-cli db:migrate.
 * A migration is only planned when the tool is a dependency and its config or migrations exist.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath } from '../../core/repo/repo-fs.js';
import type { BackingServiceKind } from '../../plan/schema.js';
import { addBackingService, addEvidence, addFeature } from '../../plan/service.js';
import { recordEnvRead } from '../shared/env-vars.js';
import { readProcfile } from '../shared/procfile.js';
import { lineOf, stripCComments } from '../shared/text.js';
import type { NodeContext } from './context.js';
import { configFile, firstFile, hasDep } from './context.js';
import { execCommand, runScript } from './package-managers.js';
import { manifestLine } from './schema.js';

const PRISMA_PROVIDERS: Record<string, BackingServiceKind> = {
  postgresql: 'postgres', postgres: 'postgres', cockroachdb: 'postgres', mysql: 'mysql', sqlite: 'sqlite', sqlserver: 'sqlserver', mongodb: 'mongodb',
};
const DRIZZLE_DIALECTS: Record<string, BackingServiceKind> = {
  postgresql: 'postgres', pg: 'postgres', mysql: 'mysql', mysql2: 'mysql', singlestore: 'mysql', sqlite: 'sqlite', turso: 'sqlite', 'better-sqlite': 'sqlite', libsql: 'sqlite',
};

export function applyDatabase(ctx: NodeContext): void {
  const prisma = applyPrisma(ctx);
  const drizzle = applyDrizzle(ctx);
  if (ctx.service.commands.migrate !== null) return;
  if (prisma) return setMigrate(ctx, prisma.command, prisma.file, prisma.note);
  if (drizzle) return setMigrate(ctx, drizzle.command, drizzle.file, drizzle.note);
  const fromStart = migrateInStartScript(ctx);
  if (fromStart) return setMigrate(ctx, fromStart.command, ctx.manifest.file, fromStart.note, fromStart.line);
  const other = otherMigrations(ctx);
  if (other) return setMigrate(ctx, other.command, other.file, other.note, other.line);
  const procfile = readProcfile(ctx.repo, ctx.dir);
  if (procfile?.release && /migrat/.test(procfile.release.command)) {
    setMigrate(ctx, procfile.release.command, procfile.file, `release: ${procfile.release.command}`, procfile.release.line);
  }
}

function setMigrate(ctx: NodeContext, command: string, file: string, note: string, line?: number): void {
  ctx.service.commands.migrate = command;
  addEvidence(ctx.service, 'migrate', file, note, line);
}

interface Migration {
  command: string;
  file: string;
  note: string;
  line?: number;
}

/** The Prisma schema files: package.json `prisma.schema`, prisma/schema.prisma, or prisma/schema/*.prisma. */
export function prismaSchemaFiles(repo: RepoFs, dir: string, configured: string | null): string[] {
  if (configured) {
    const file = joinPath(dir, configured.replace(/^\.\//, ''));
    if (repo.isFile(file)) return [file];
    if (repo.isDir(file)) return repo.glob('*.prisma', { cwd: file });
  }
  for (const candidate of ['prisma/schema.prisma', 'schema.prisma']) {
    const file = joinPath(dir, candidate);
    if (repo.isFile(file)) return [file];
  }
  return repo.glob('*.prisma', { cwd: joinPath(dir, 'prisma/schema') });
}

function applyPrisma(ctx: NodeContext): Migration | null {
  if (!hasDep(ctx, '@prisma/client') && !hasDep(ctx, 'prisma')) return null;
  const service = ctx.service;
  if (hasDep(ctx, '@prisma/client')) addFeature(service, 'prisma');
  const files = prismaSchemaFiles(ctx.repo, ctx.dir, ctx.manifest.prismaSchema);
  let provider: string | null = null;
  let schemaFile: string | null = null;
  for (const file of files) {
    const text = ctx.repo.readText(file);
    if (text === null) continue;
    const block = /datasource\s+\w+\s*\{([^}]*)\}/.exec(text);
    if (!block) continue;
    schemaFile = file;
    const body = block[1] ?? '';
    const offset = text.slice(0, block.index).split('\n').length - 1;
    provider = /provider\s*=\s*"(\w+)"/.exec(body)?.[1] ?? null;
    const kind = provider ? PRISMA_PROVIDERS[provider] : undefined;
    const providerLine = offset + (lineOf(body, /provider\s*=/) ?? 1);
    for (const m of body.matchAll(/(\w+)\s*=\s*env\(\s*"([A-Za-z_]\w*)"\s*\)/g)) {
      const name = m[2] ?? '';
      const line = offset + (lineOf(body, m[0]) ?? 1);
      recordEnvRead(service, { name, hasDefault: false, file, line, text: m[0] });
      if (kind && m[1] === 'url') addBackingService(service, kind, name);
    }
    if (kind) {
      addBackingService(service, kind, null);
      addEvidence(service, `backing:${kind}`, file, `prisma datasource provider = "${provider}"`, providerLine);
    }
    break;
  }
  // The CLI must be installed to migrate; without it `npx prisma` would download one at deploy time.
  if (!schemaFile || !provider || provider === 'mongodb' || !hasDep(ctx, 'prisma')) return null;
  const schemaDir = schemaFile.slice(0, schemaFile.lastIndexOf('/'));
  const migrations = ctx.repo.isDir(joinPath(schemaDir.endsWith('/schema') ? schemaDir.slice(0, -7) : schemaDir, 'migrations')) || ctx.repo.isDir(joinPath(schemaDir, 'migrations'));
  if (!migrations) return null;
  return { command: execCommand(ctx.pm, 'prisma', 'migrate deploy'), file: schemaFile, note: 'prisma/migrations exists: apply them with prisma migrate deploy' };
}

function applyDrizzle(ctx: NodeContext): Migration | null {
  if (!hasDep(ctx, 'drizzle-kit') && !hasDep(ctx, 'drizzle-orm')) return null;
  const config = configFile(ctx, 'drizzle.config', ['ts', 'js', 'mjs', 'cjs', 'json']);
  if (!config) return null;
  const text = ctx.repo.readText(config) ?? '';
  const code = stripCComments(text);
  const dialect = /\b(?:dialect|driver)\s*:\s*['"]([\w-]+)['"]/.exec(code)?.[1];
  const kind = dialect ? DRIZZLE_DIALECTS[dialect] : undefined;
  if (kind) {
    addBackingService(ctx.service, kind, null);
    addEvidence(ctx.service, `backing:${kind}`, config, `drizzle dialect "${dialect}"`, lineOf(text, /\b(dialect|driver)\s*:/));
  }
  if (!hasDep(ctx, 'drizzle-kit')) return null;
  return { command: execCommand(ctx.pm, 'drizzle-kit', 'migrate'), file: config, note: 'drizzle-kit with drizzle.config: apply migrations with drizzle-kit migrate' };
}

/** `"start": "prisma migrate deploy && node dist/index.js"`: the migration runs at start today. */
function migrateInStartScript(ctx: NodeContext): Migration | null {
  const before = ctx.startScript?.before ?? [];
  const step = before.find((s) => /(migrate\s+deploy|migration:run|migrate:latest|db:migrate|drizzle-kit\s+migrate)/.test(s));
  if (!step) return null;
  const script = ctx.startScript!;
  const bare = step.replace(/^(npx|pnpm\s+exec|yarn|bunx)\s+/, '');
  const words = bare.split(/\s+/);
  const command = /^(npm|pnpm|yarn|bun)\b/.test(bare) ? step : execCommand(ctx.pm, words[0] ?? '', words.slice(1).join(' '));
  return { command, file: ctx.manifest.file, note: `"${script.script}" runs ${step} before the server`, line: script.line };
}

function otherMigrations(ctx: NodeContext): Migration | null {
  const scripts = ctx.manifest.scripts;
  if (hasDep(ctx, 'knex')) {
    const knexfile = firstFile(ctx, ['knexfile.js', 'knexfile.ts', 'knexfile.cjs', 'knexfile.mjs']);
    if (knexfile) return { command: execCommand(ctx.pm, 'knex', 'migrate:latest'), file: knexfile, note: 'knex with a knexfile: knex migrate:latest' };
  }
  if (hasDep(ctx, 'typeorm')) {
    const name = Object.keys(scripts).find((s) => /typeorm.*migration:run/.test(scripts[s] ?? '') && !/generate|create|revert/.test(s));
    if (name) return { command: runScript(ctx.pm, name), file: ctx.manifest.file, note: `"${name}": "${scripts[name]}"`, line: manifestLine(ctx.manifest, name) };
  }
  if (hasDep(ctx, 'sequelize-cli')) {
    const rc = firstFile(ctx, ['.sequelizerc']);
    const dir = ctx.repo.isDir(joinPath(ctx.dir, 'migrations')) ? joinPath(ctx.dir, 'migrations') : null;
    if (rc || dir) return { command: execCommand(ctx.pm, 'sequelize-cli', 'db:migrate'), file: rc ?? dir!, note: 'sequelize-cli with migrations: sequelize-cli db:migrate' };
  }
  return null;
}
