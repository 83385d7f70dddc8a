import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES_DIR, planOf } from '../../../test/helpers.js';

const example = (name: string) => planOf(path.join(EXAMPLES_DIR, name));

describe('Go examples', () => {
  it('go-gin: gin on PORT (default 8080) with /healthz and postgres via pgx', () => {
    const plan = example('go-gin');
    expect(plan.services).toHaveLength(1);
    const s = plan.services[0]!;
    expect(s).toMatchObject({
      name: 'go-gin',
      kind: 'server',
      framework: 'gin',
      runtime: { name: 'go', version: '1.22', source: 'go.mod' },
      port: { value: 8080, envVar: 'PORT', bindAddress: null },
      health: { path: '/healthz' },
      commands: {
        install: 'go mod download',
        build: 'CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o bin/go-gin .',
        start: './bin/go-gin',
        migrate: null,
      },
      build: { context: '', target: '.', artifact: 'go-gin', features: [], systemPackages: [] },
      backingServices: [{ kind: 'postgres', envVar: 'DATABASE_URL' }],
    });
    expect(s.env).toContainEqual({ name: 'DATABASE_URL', required: true, secret: true, default: null });
    expect(s.evidence).toContainEqual({ fact: 'port', file: 'main.go', line: 83, note: 'if err := r.Run(":" + port); err != nil {' });
    expect(s.evidence).toContainEqual({ fact: 'health', file: 'main.go', line: 40, note: 'r.GET("/healthz", func(c *gin.Context) {' });
  });

  it('go-multi-binary: an api server and a redis worker from one module', () => {
    const plan = example('go-multi-binary');
    const byName = new Map(plan.services.map((s) => [s.name, s]));
    expect([...byName.keys()]).toEqual(['api', 'worker']);
    expect(byName.get('api')).toMatchObject({
      kind: 'server',
      framework: 'chi',
      port: { value: 8080, envVar: 'PORT' },
      health: { path: '/healthz' },
      commands: { build: 'CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o bin/api ./cmd/api', start: './bin/api' },
      build: { target: './cmd/api', artifact: 'api', features: [] },
      backingServices: [{ kind: 'redis', envVar: 'REDIS_URL' }],
    });
    expect(byName.get('worker')).toMatchObject({
      kind: 'worker',
      framework: null,
      port: { value: null, envVar: null },
      health: { path: null },
      commands: { build: 'CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o bin/worker ./cmd/worker', start: './bin/worker' },
      build: { target: './cmd/worker', artifact: 'worker', features: [] },
      backingServices: [{ kind: 'redis', envVar: 'REDIS_URL' }],
    });
    expect(byName.get('api')!.evidence).toContainEqual({ fact: 'port', file: 'internal/config/config.go', line: 8, note: 'Port      string `envconfig:"PORT" default:"8080"`' });
  });

  it('go-nethttp-cgo-sqlite: net/http with a cgo sqlite driver', () => {
    const plan = example('go-nethttp-cgo-sqlite');
    expect(plan.services).toHaveLength(1);
    expect(plan.services[0]).toMatchObject({
      name: 'notes',
      kind: 'server',
      framework: 'nethttp',
      runtime: { version: '1.23', source: 'go.mod' },
      port: { value: 8090, envVar: 'PORT' },
      health: { path: '/healthz' },
      commands: { build: 'CGO_ENABLED=1 go build -trimpath -ldflags="-s -w" -o bin/notes .', start: './bin/notes' },
      build: { target: '.', artifact: 'notes', features: ['cgo'], systemPackages: ['build-essential'] },
      backingServices: [{ kind: 'sqlite', envVar: null }],
      env: [{ name: 'NOTES_DB_PATH', required: false, secret: false, default: '/data/notes.db' }],
    });
    expect(plan.services[0]!.evidence).toContainEqual({ fact: 'build', file: 'main.go', line: 12, note: 'imports github.com/mattn/go-sqlite3, which needs cgo' });
  });
});
