import { describe, expect, it } from 'vitest';
import { onlyService } from '../../../test/helpers.js';
import type { FileSpec } from '../../../test/helpers.js';

const server = { 'index.js': "require('express')().listen(3000);\n" };

function svc(deps: Record<string, string>, files: Record<string, FileSpec>, scripts: Record<string, string> = { start: 'node index.js' }): ReturnType<typeof onlyService> {
  return onlyService({ 'package.json': { name: 'svc', scripts, dependencies: { express: '^4.21.1', ...deps } }, 'package-lock.json': '{}', ...server, ...files });
}

const schema = (provider: string): string => `datasource db {\n  provider  = "${provider}"\n  url       = env("DB_URL")\n  directUrl = env("DIRECT_DB_URL")\n}\n`;

describe('Node databases and migrations', () => {
  it('Prisma mysql datasource: backing service, env vars, migrate deploy with migrations', () => {
    const s = svc({ '@prisma/client': '^5.22.0', prisma: '^5.22.0' }, { 'prisma/schema.prisma': schema('mysql'), 'prisma/migrations/0001_init/migration.sql': 'CREATE TABLE t (id int);\n' });
    expect(s.backingServices).toEqual([{ kind: 'mysql', envVar: 'DB_URL' }]);
    expect(s.env.map((e) => e.name).sort()).toEqual(['DB_URL', 'DIRECT_DB_URL']);
    expect(s.commands.migrate).toBe('npx prisma migrate deploy');
    expect(s.commands.build).toBe('npx prisma generate');
    expect(s.build.features).toContain('prisma');
  });

  it('Prisma without a migrations folder plans no migration; postinstall generate is respected', () => {
    const s = svc({ '@prisma/client': '^5.22.0', prisma: '^5.22.0' }, { 'prisma/schema.prisma': schema('postgresql') }, { start: 'node index.js', build: 'tsc', postinstall: 'prisma generate' });
    expect(s.commands.migrate).toBeNull();
    expect(s.commands.build).toBe('npm run build');
  });

  it('Drizzle: dialect gives the backing service, drizzle-kit migrate', () => {
    const s = svc({ 'drizzle-orm': '^0.36.3', postgres: '^3.4.5' }, { 'drizzle.config.ts': "import { defineConfig } from 'drizzle-kit';\nexport default defineConfig({\n  dialect: 'postgresql',\n  schema: './src/schema.ts',\n  dbCredentials: { url: process.env.DATABASE_URL! },\n});\n" });
    expect(s.commands.migrate).toBeNull();
    const withKit = onlyService({
      'package.json': { name: 'svc', scripts: { start: 'node index.js' }, dependencies: { express: '^4.21.1', 'drizzle-orm': '^0.36.3' }, devDependencies: { 'drizzle-kit': '^0.28.1' } },
      ...server,
      'drizzle.config.ts': "export default { dialect: 'sqlite', dbCredentials: { url: 'file:local.db' } };\n",
    });
    expect(withKit.commands.migrate).toBe('npx drizzle-kit migrate');
    expect(withKit.backingServices).toEqual([{ kind: 'sqlite', envVar: null }]);
    expect(s.backingServices).toEqual([{ kind: 'postgres', envVar: 'DATABASE_URL' }]);
  });

  it('knex with a knexfile', () => {
    expect(svc({ knex: '^3.1.0', pg: '^8.13.1' }, { 'knexfile.js': 'module.exports = {};\n' }).commands.migrate).toBe('npx knex migrate:latest');
  });

  it('knex without a knexfile plans nothing', () => {
    expect(svc({ knex: '^3.1.0' }, {}).commands.migrate).toBeNull();
  });

  it('typeorm through its migration script', () => {
    const s = svc({ typeorm: '^0.3.20' }, {}, { start: 'node index.js', 'migration:run': 'typeorm migration:run -d dist/data-source.js', 'migration:generate': 'typeorm migration:generate' });
    expect(s.commands.migrate).toBe('npm run migration:run');
  });

  it('sequelize-cli with a migrations folder', () => {
    expect(svc({ sequelize: '^6.37.5', 'sequelize-cli': '^6.6.2' }, { 'migrations/20240101-create-users.js': 'module.exports = {};\n' }).commands.migrate).toBe('npx sequelize-cli db:migrate');
  });

  it('a start script that migrates first: the migration is the migrate command', () => {
    const s = svc({ '@prisma/client': '^5.22.0' }, {}, { start: 'prisma migrate deploy && node index.js' });
    expect(s.commands.start).toBe('node index.js');
    expect(s.commands.migrate).toBe('npx prisma migrate deploy');
  });

  it('native addons set native-modules', () => {
    const s = svc({ bcrypt: '^5.1.1', sharp: '^0.33.5' }, {});
    expect(s.build.features).toContain('native-modules');
    expect(s.evidence.find((e) => e.note.startsWith('native addons'))?.note).toMatch(/bcrypt, sharp/);
  });
});
