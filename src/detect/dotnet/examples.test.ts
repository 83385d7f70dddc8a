/** One test per .NET example: the facts a user relies on, exactly. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES_DIR, planOf } from '../../../test/helpers.js';

const example = (name: string): ReturnType<typeof planOf> => planOf(path.join(EXAMPLES_DIR, name));

describe('.NET examples', () => {
  it('dotnet-aspnet-minimal-api', () => {
    const plan = example('dotnet-aspnet-minimal-api');
    expect(plan.services).toHaveLength(1);
    const s = plan.services[0]!;
    expect(s).toMatchObject({
      name: 'todoapi',
      language: 'dotnet',
      framework: 'aspnet-core',
      kind: 'server',
      runtime: { name: 'dotnet', version: '8.0', source: 'TodoApi.csproj' },
      commands: {
        install: 'dotnet restore TodoApi.csproj',
        build: 'dotnet publish TodoApi.csproj -c Release -o /app/publish --no-restore',
        start: 'dotnet TodoApi.dll',
        migrate: 'dotnet ef database update',
      },
      port: { value: 8080, envVar: 'ASPNETCORE_HTTP_PORTS', bindAddress: null },
      health: { path: '/healthz' },
      backingServices: [{ kind: 'postgres', envVar: 'ConnectionStrings__Todos' }],
    });
    expect(s.build).toMatchObject({ context: '', target: 'TodoApi.csproj', artifact: 'TodoApi.dll', features: [] });
    expect(s.env).toEqual([
      { name: 'TODO_API_KEY', required: false, secret: true, default: null },
      { name: 'Todos__PageSize', required: false, secret: false, default: '50' },
      { name: 'ConnectionStrings__Todos', required: false, secret: true, default: null },
    ]);
    expect(s.evidence).toContainEqual({ fact: 'runtime', file: 'global.json', line: 3, note: 'global.json pins the .NET SDK 8.0.404' });
    expect(s.evidence).toContainEqual({ fact: 'health', file: 'Program.cs', line: 16, note: 'app.MapHealthChecks("/healthz");' });
    expect(s.warnings).toEqual([]);
  });

  it('dotnet-solution', () => {
    const plan = example('dotnet-solution');
    expect(plan.monorepo).toEqual({ tools: ['dotnet-solution'], members: ['src/Shop.Api', 'src/Shop.Worker'] });
    expect(plan.services.map((s) => [s.name, s.kind])).toEqual([['shop-api', 'server'], ['shop-worker', 'worker']]);
    const [api, worker] = plan.services as [typeof plan.services[0], typeof plan.services[0]];
    expect(api).toMatchObject({
      language: 'dotnet',
      framework: 'aspnet-core',
      runtime: { name: 'dotnet', version: '8.0', source: 'Directory.Build.props' },
      commands: {
        install: 'dotnet restore src/Shop.Api/Shop.Api.csproj',
        build: 'dotnet publish src/Shop.Api/Shop.Api.csproj -c Release -o /app/publish --no-restore',
        start: 'dotnet Shop.Api.dll',
        migrate: 'dotnet ef database update --project ../Shop.Core/Shop.Core.csproj',
      },
      port: { value: 5000, envVar: 'PORT', bindAddress: '0.0.0.0' },
      health: { path: '/health/live' },
      backingServices: [{ kind: 'postgres', envVar: 'ConnectionStrings__Shop' }],
    });
    expect(api.build).toMatchObject({ context: '', target: 'Shop.Api.csproj', artifact: 'Shop.Api.dll', workspacePackages: ['src/Shop.Core'], features: ['dotnet-solution', 'central-package-management'] });
    expect(worker).toMatchObject({
      framework: null,
      commands: { install: 'dotnet restore src/Shop.Worker/Shop.Worker.csproj', start: 'dotnet Shop.Worker.dll', migrate: null },
      port: { value: null, envVar: null },
      health: { path: null },
      backingServices: [{ kind: 'rabbitmq', envVar: 'RABBITMQ_URL' }, { kind: 'postgres', envVar: 'ConnectionStrings__Shop' }],
    });
    expect(worker.build).toMatchObject({ context: '', target: 'Shop.Worker.csproj', artifact: 'Shop.Worker.dll', workspacePackages: ['src/Shop.Core'], features: ['dotnet-solution', 'central-package-management'] });
    expect(worker.env.find((e) => e.name === 'ConnectionStrings__Shop')).toEqual({ name: 'ConnectionStrings__Shop', required: true, secret: true, default: null });
  });
});
