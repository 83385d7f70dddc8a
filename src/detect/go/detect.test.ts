import { describe, expect, it } from 'vitest';
import { RepoFs } from '../../core/repo/repo-fs.js';
import { onlyService, planOf, testdir } from '../../../test/helpers.js';
import { detect } from './detect.js';

const gomod = (module: string, body = ''): string => `module ${module}\n\ngo 1.22\n${body}`;
const httpMain = (port = '":8080"'): string =>
  `package main\n\nimport (\n\t"log"\n\t"net/http"\n)\n\nfunc main() {\n\tlog.Fatal(http.ListenAndServe(${port}, nil))\n}\n`;

describe('go detect()', () => {
  it('calls a module with a main package a service and one without a library', () => {
    const dir = testdir({
      'svc/go.mod': gomod('example.com/svc'),
      'svc/main.go': httpMain(),
      'lib/go.mod': gomod('example.com/lib'),
      'lib/lib.go': 'package lib\n\nfunc Add(a, b int) int { return a + b }\n',
    });
    const repo = RepoFs.open(dir);
    expect(detect(repo, 'svc')?.role).toBe('service');
    expect(detect(repo, 'lib')).toMatchObject({ role: 'library', reason: 'go.mod module example.com/lib has no main package' });
    expect(planOf(dir).services.map((s) => s.path)).toEqual(['svc']);
  });

  it('reports a garbage go.mod and carries on without throwing', () => {
    const dir = testdir({ 'go.mod': 'PK\u0003\u0004 definitely not go\n', 'main.go': httpMain() });
    const plan = planOf(dir);
    expect(plan.services).toEqual([]);
    expect(plan.diagnostics).toEqual([
      { code: 'DSQ_ERR_MANIFEST_PARSE', path: 'go.mod', message: expect.stringContaining("Could not parse go.mod as go.mod: line 1: unknown directive 'PK") },
    ]);
  });

  it('ignores main packages guarded by //go:build ignore', () => {
    const dir = testdir({
      'go.mod': gomod('example.com/lib'),
      'lib.go': 'package lib\n',
      'gen.go': '//go:build ignore\n\npackage main\n\nfunc main() {}\n',
    });
    expect(detect(RepoFs.open(dir), '')?.role).toBe('library');
  });
});

describe('go binaries', () => {
  it('plans a root main package named after the module path (skipping /vN)', () => {
    const s = onlyService({ 'go.mod': gomod('github.com/acme/orders/v2'), 'main.go': httpMain() });
    expect(s).toMatchObject({
      name: 'orders',
      language: 'go',
      framework: 'nethttp',
      kind: 'server',
      port: { value: 8080, envVar: null },
      commands: { install: 'go mod download', build: 'CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o bin/orders .', start: './bin/orders' },
      build: { context: '', target: '.', artifact: 'orders', outputDir: 'bin', features: [] },
      runtime: { name: 'go', version: '1.22', source: 'go.mod' },
    });
    expect(s.evidence).toContainEqual({ fact: 'port', file: 'main.go', line: 9, note: 'log.Fatal(http.ListenAndServe(":8080", nil))' });
  });

  it('plans one service per cmd/<name> binary; a binary that never listens is a worker', () => {
    const plan = planOf(
      testdir({
        'go.mod': gomod('example.com/shop'),
        'cmd/api/main.go': httpMain(),
        'cmd/worker/main.go': 'package main\n\nimport "time"\n\nfunc main() {\n\tfor {\n\t\ttime.Sleep(time.Second)\n\t}\n}\n',
        'cmd/seed/main.go': 'package main\n\nfunc main() {}\n',
        'internal/tools/gen/main.go': 'package main\n\nfunc main() {}\n',
      }),
    );
    expect(plan.services.map((s) => [s.name, s.kind, s.build.target, s.build.artifact, s.commands.start])).toEqual([
      ['api', 'server', './cmd/api', 'api', './bin/api'],
      ['worker', 'worker', './cmd/worker', 'worker', './bin/worker'],
    ]);
    const worker = plan.services[1]!;
    expect(worker.port).toEqual({ value: null, envVar: null, bindAddress: null });
    expect(worker.framework).toBeNull();
    expect(worker.commands.build).toBe('CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o bin/worker ./cmd/worker');
  });

  it('keeps each binary to its own imports: backing services and frameworks do not leak', () => {
    const plan = planOf(
      testdir({
        'go.mod': gomod('example.com/shop', '\nrequire (\n\tgithub.com/gin-gonic/gin v1.10.0\n\tgithub.com/redis/go-redis/v9 v9.6.1\n)\n'),
        'cmd/api/main.go': 'package main\n\nimport "github.com/gin-gonic/gin"\n\nfunc main() {\n\tr := gin.Default()\n\tr.Run()\n}\n',
        'cmd/worker/main.go': 'package main\n\nimport "example.com/shop/internal/jobs"\n\nfunc main() { jobs.Loop() }\n',
        'internal/jobs/jobs.go': 'package jobs\n\nimport "github.com/redis/go-redis/v9"\n\nfunc Loop() { _ = redis.NewClient(nil) }\n',
      }),
    );
    const [api, worker] = plan.services;
    expect(api).toMatchObject({ name: 'api', framework: 'gin', port: { value: 8080, envVar: 'PORT' }, backingServices: [] });
    expect(worker).toMatchObject({ name: 'worker', kind: 'worker', backingServices: [{ kind: 'redis', envVar: null }] });
    expect(worker!.evidence).toContainEqual({ fact: 'backing:redis', file: 'internal/jobs/jobs.go', line: 3, note: 'imports github.com/redis/go-redis/v9' });
  });

  it('turns a cmd/migrate binary into the migrate command and builds it alongside', () => {
    const plan = planOf(testdir({ 'go.mod': gomod('example.com/app'), 'cmd/api/main.go': httpMain(), 'cmd/migrate/main.go': 'package main\n\nfunc main() {}\n' }));
    expect(plan.services).toHaveLength(1);
    expect(plan.services[0]!.commands).toMatchObject({
      build: 'CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o bin/api ./cmd/api && CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o bin/migrate ./cmd/migrate',
      migrate: './bin/migrate',
    });
  });
});

describe('go runtime version', () => {
  it('prefers toolchain over go, then .tool-versions, then the default with a warning', () => {
    expect(onlyService({ 'go.mod': 'module x\n\ngo 1.21\n\ntoolchain go1.23.4\n', 'main.go': httpMain() }).runtime).toEqual({ name: 'go', version: '1.23', source: 'go.mod' });
    const tool = onlyService({ 'go.mod': 'module x\n', 'main.go': httpMain(), '.tool-versions': 'golang 1.22.7\n' });
    expect(tool.runtime).toEqual({ name: 'go', version: '1.22', source: '.tool-versions' });
    const def = onlyService({ 'go.mod': 'module x\n', 'main.go': httpMain() });
    expect(def.runtime).toEqual({ name: 'go', version: '1.23', source: 'default' });
    expect(def.warnings).toContain('No Go version in go.mod, go.work or .tool-versions; using the default 1.23.');
  });
});

describe('go.work workspaces', () => {
  const files = {
    'go.work': 'go 1.23.1\n\nuse (\n\t./services/api\n\t./services/billing\n\t./libs/core\n)\n',
    'services/api/go.mod': gomod('example.com/api', '\nrequire example.com/core v0.0.0\n'),
    'services/api/go.sum': '',
    'services/api/main.go': 'package main\n\nimport (\n\t"net/http"\n\n\t"example.com/core/health"\n)\n\nfunc main() {\n\thttp.ListenAndServe(health.Addr, nil)\n}\n',
    'services/billing/go.mod': gomod('example.com/billing'),
    'services/billing/main.go': httpMain('":9090"'),
    'libs/core/go.mod': gomod('example.com/core'),
    'libs/core/health/health.go': 'package health\n\nvar Addr = ":7070"\n',
  };

  it('makes the go.work directory a workspace root and builds members from it', () => {
    const dir = testdir(files);
    expect(detect(RepoFs.open(dir), '')).toEqual({ role: 'workspace-root', reason: 'go.work uses services/api, services/billing, libs/core', data: { tools: ['go-work'] } });
    const plan = planOf(dir);
    expect(plan.monorepo?.tools).toEqual(['go-work']);
    expect(plan.services.map((s) => s.name)).toEqual(['api', 'billing']);
    const api = plan.services[0]!;
    expect(api).toMatchObject({
      path: 'services/api',
      runtime: { version: '1.23', source: 'go.work' },
      port: { value: 7070 },
      packageManager: { name: 'go', lockfile: 'services/api/go.sum' },
      commands: {
        install: 'cd services/api && go mod download',
        build: 'cd services/api && CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o bin/api .',
        start: './bin/api',
      },
      build: { context: '', workspacePackages: ['libs/core', 'services/billing'], features: ['go-workspace'] },
    });
    expect(api.evidence).toContainEqual({ fact: 'port', file: 'libs/core/health/health.go', line: 3, note: 'var Addr = ":7070"' });
  });

  it('widens the context to include a local replace without go.work', () => {
    const s = onlyService({
      'app/go.mod': gomod('example.com/app', '\nrequire example.com/lib v0.0.0\n\nreplace example.com/lib => ../lib\n'),
      'app/main.go': httpMain(),
      'lib/go.mod': gomod('example.com/lib'),
      'lib/lib.go': 'package lib\n',
    });
    expect(s.build).toMatchObject({ context: '', workspacePackages: ['lib'], features: [] });
    expect(s.commands.build).toBe('cd app && CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o bin/app .');
    expect(s.evidence).toContainEqual({ fact: 'build', file: 'app/go.mod', line: 7, note: 'replace example.com/lib => ../lib: the build context must include lib' });
  });
});

describe('go cgo', () => {
  it('needs cgo for import "C" and a C toolchain, with evidence', () => {
    const s = onlyService({
      'go.mod': gomod('example.com/c'),
      'main.go': 'package main\n\n// #include <stdio.h>\nimport "C"\n\nimport "net/http"\n\nfunc main() { http.ListenAndServe(":8080", nil) }\n',
    });
    expect(s.build.features).toEqual(['cgo']);
    expect(s.build.systemPackages).toEqual(['build-essential']);
    expect(s.commands.build).toBe('CGO_ENABLED=1 go build -trimpath -ldflags="-s -w" -o bin/c .');
    expect(s.evidence).toContainEqual({ fact: 'build', file: 'main.go', line: 4, note: 'import "C" (cgo)' });
  });

  it('needs cgo for confluent-kafka-go required in go.mod, not for pure-Go modernc sqlite', () => {
    const kafka = onlyService({ 'go.mod': gomod('example.com/k', '\nrequire github.com/confluentinc/confluent-kafka-go/v2 v2.5.0\n'), 'main.go': httpMain() });
    expect(kafka.build.features).toEqual(['cgo']);
    expect(kafka.backingServices).toEqual([{ kind: 'kafka', envVar: null }]);
    const pure = onlyService({ 'go.mod': gomod('example.com/p', '\nrequire modernc.org/sqlite v1.30.0\n'), 'main.go': httpMain() });
    expect(pure.build.features).toEqual([]);
    expect(pure.commands.build).toMatch(/^CGO_ENABLED=0 /);
  });
});
