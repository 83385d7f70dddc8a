import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES_DIR, planOf } from '../../../test/helpers.js';

describe('Elixir examples', () => {
  it('elixir-phoenix: a Phoenix release with migrations through the release module', () => {
    const plan = planOf(path.join(EXAMPLES_DIR, 'elixir-phoenix'));
    expect(plan.services).toHaveLength(1);
    const s = plan.services[0]!;
    expect(s).toMatchObject({
      name: 'elixir-phoenix',
      language: 'elixir',
      framework: 'phoenix',
      kind: 'server',
      runtime: { name: 'elixir', version: '1.17.3', source: '.tool-versions' },
      packageManager: { name: 'mix', lockfile: null },
      commands: {
        install: 'mix deps.get --only prod',
        build: 'mix assets.deploy && mix release',
        start: 'bin/notes start',
        migrate: 'bin/notes eval "Notes.Release.migrate"',
      },
      port: { value: 4000, envVar: 'PORT' },
      health: { path: '/health' },
      build: { outputDir: null, artifact: 'notes', target: 'notes', features: ['mix-release', 'phoenix'] },
      backingServices: [
        { kind: 'postgres', envVar: 'DATABASE_URL' },
        { kind: 'redis', envVar: 'REDIS_URL' },
      ],
    });
    expect(s.env.filter((e) => e.required).map((e) => e.name).sort()).toEqual(['DATABASE_URL', 'PHX_SERVER', 'REDIS_URL', 'SECRET_KEY_BASE']);
    expect(s.env).toContainEqual({ name: 'PHX_HOST', required: false, secret: false, default: 'example.com' });
  });
});
