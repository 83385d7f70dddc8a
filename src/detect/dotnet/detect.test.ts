import { describe, expect, it } from 'vitest';
import { onlyService, planOf, testdir } from '../../../test/helpers.js';

const webProject = (extra = '', tfm = 'net8.0', sdk = 'Microsoft.NET.Sdk.Web'): string =>
  `<Project Sdk="${sdk}">\n  <PropertyGroup>\n    <TargetFramework>${tfm}</TargetFramework>\n  </PropertyGroup>\n${extra}</Project>\n`;
const packages = (...names: string[]): string => `  <ItemGroup>\n${names.map((n) => `    <PackageReference Include="${n}" Version="8.0.0" />`).join('\n')}\n  </ItemGroup>\n`;
const MINIMAL = 'var builder = WebApplication.CreateBuilder(args);\nvar app = builder.Build();\napp.MapGet("/", () => "hi");\napp.Run();\n';

describe('.NET project classification', () => {
  it('plans an ASP.NET Core project on the .NET 8 container port', () => {
    const s = onlyService({ 'Api.csproj': webProject(), 'Program.cs': MINIMAL });
    expect(s).toMatchObject({
      name: 'api',
      language: 'dotnet',
      framework: 'aspnet-core',
      kind: 'server',
      runtime: { name: 'dotnet', version: '8.0', source: 'Api.csproj' },
      packageManager: { name: 'nuget', lockfile: null, version: null },
      commands: { install: 'dotnet restore Api.csproj', build: 'dotnet publish Api.csproj -c Release -o /app/publish --no-restore', start: 'dotnet Api.dll', migrate: null },
      port: { value: 8080, envVar: 'ASPNETCORE_HTTP_PORTS', bindAddress: null },
    });
    expect(s.build).toMatchObject({ context: '', target: 'Api.csproj', artifact: 'Api.dll', features: [] });
    expect(s.evidence).toContainEqual({ fact: 'framework', file: 'Api.csproj', line: 1, note: 'Sdk="Microsoft.NET.Sdk.Web": ASP.NET Core' });
    expect(s.evidence).toContainEqual({ fact: 'port', file: 'Api.csproj', note: 'no URL in code or appsettings: .NET 8+ container images listen on 8080 (ASPNETCORE_HTTP_PORTS=8080)' });
  });

  it('plans Worker SDK and console projects as workers', () => {
    const worker = onlyService({ 'src/Jobs/Jobs.csproj': webProject(packages('Microsoft.Extensions.Hosting'), 'net9.0', 'Microsoft.NET.Sdk.Worker'), 'src/Jobs/Program.cs': 'var host = Host.CreateApplicationBuilder(args).Build();\nhost.Run();\n' });
    expect(worker).toMatchObject({ kind: 'worker', framework: null, port: { value: null }, runtime: { version: '9.0' }, commands: { start: 'dotnet Jobs.dll' } });
    const cli = onlyService({ 'Tool.fsproj': '<Project Sdk="Microsoft.NET.Sdk">\n  <PropertyGroup>\n    <OutputType>Exe</OutputType>\n    <TargetFramework>net8.0</TargetFramework>\n    <AssemblyName>acme-tool</AssemblyName>\n  </PropertyGroup>\n</Project>\n', 'Program.fs': 'printfn "hi"\n' });
    expect(cli).toMatchObject({ name: 'acme-tool', kind: 'worker', build: { artifact: 'acme-tool.dll' }, commands: { start: 'dotnet acme-tool.dll' } });
  });

  it('treats an Exe that references the ASP.NET Core framework as a server', () => {
    const s = onlyService({ 'Svc.csproj': '<Project Sdk="Microsoft.NET.Sdk">\n  <PropertyGroup>\n    <OutputType>Exe</OutputType>\n    <TargetFramework>net8.0</TargetFramework>\n  </PropertyGroup>\n  <ItemGroup>\n    <FrameworkReference Include="Microsoft.AspNetCore.App" />\n  </ItemGroup>\n</Project>\n', 'Program.cs': MINIMAL });
    expect(s.kind).toBe('server');
    expect(s.framework).toBe('aspnet-core');
  });

  it('does not plan class libraries, test projects or Aspire hosts', () => {
    const plan = planOf(testdir({
      'src/Lib/Lib.csproj': '<Project Sdk="Microsoft.NET.Sdk">\n  <PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>\n</Project>\n',
      'src/Lib.Specs/Lib.Specs.csproj': webProject(packages('Microsoft.NET.Test.Sdk', 'xunit'), 'net8.0', 'Microsoft.NET.Sdk'),
      'src/AppHost/AppHost.csproj': '<Project Sdk="Microsoft.NET.Sdk">\n  <Sdk Name="Aspire.AppHost.Sdk" Version="9.0.0" />\n  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net8.0</TargetFramework><IsAspireHost>true</IsAspireHost></PropertyGroup>\n</Project>\n',
    }));
    expect(plan.services).toEqual([]);
  });

  it('never throws on a broken project file and records the parse error', () => {
    const plan = planOf(testdir({ 'Api.csproj': '<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup></Project>' }));
    expect(plan.services).toEqual([]);
    expect(plan.diagnostics).toContainEqual(expect.objectContaining({ code: 'DSQ_ERR_MANIFEST_PARSE', path: 'Api.csproj' }));
  });
});

describe('.NET runtime', () => {
  it('takes the highest of several target frameworks and Directory.Build.props', () => {
    expect(onlyService({ 'Api.csproj': '<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup><TargetFrameworks>net8.0;net9.0</TargetFrameworks></PropertyGroup></Project>' }).runtime).toEqual({ name: 'dotnet', version: '9.0', source: 'Api.csproj' });
    const s = onlyService({ 'Directory.Build.props': '<Project>\n  <PropertyGroup>\n    <TargetFramework>net9.0</TargetFramework>\n  </PropertyGroup>\n</Project>\n', 'src/Api/Api.csproj': '<Project Sdk="Microsoft.NET.Sdk.Web" />' });
    expect(s.runtime).toEqual({ name: 'dotnet', version: '9.0', source: 'Directory.Build.props' });
    expect(s.build.context).toBe('');
    expect(s.build.features).toEqual(['dotnet-solution']);
    expect(s.commands.install).toBe('dotnet restore src/Api/Api.csproj');
  });

  it('uses global.json when no target framework is found, else the default with a warning', () => {
    expect(onlyService({ 'global.json': '{ "sdk": { "version": "9.0.100" } }', 'Api.csproj': '<Project Sdk="Microsoft.NET.Sdk.Web" />' }).runtime).toEqual({ name: 'dotnet', version: '9.0', source: 'global.json' });
    const s = onlyService({ 'Api.csproj': '<Project Sdk="Microsoft.NET.Sdk.Web" />' });
    expect(s.runtime).toEqual({ name: 'dotnet', version: '8.0', source: 'default' });
    expect(s.warnings.join('\n')).toMatch(/No TargetFramework/);
  });

  it('listens on 80 before .NET 8 and warns that the version is out of support', () => {
    const s = onlyService({ 'Api.csproj': webProject('', 'net6.0') });
    expect(s.port).toEqual({ value: 80, envVar: null, bindAddress: null });
    expect(s.warnings.join('\n')).toMatch(/\.NET 6\.0 is out of support/);
  });
});

describe('ASP.NET Core port and health', () => {
  const port = (program: string, files: Record<string, string> = {}): ReturnType<typeof onlyService> => onlyService({ 'Api.csproj': webProject(), 'Program.cs': program, ...files });

  it('reads app.Urls.Add, UseUrls, app.Run and Kestrel Listen calls', () => {
    expect(port('var app = builder.Build();\napp.Urls.Add("http://0.0.0.0:5000");\napp.Run();\n').port).toEqual({ value: 5000, envVar: null, bindAddress: '0.0.0.0' });
    expect(port('builder.WebHost.UseUrls("http://*:5050;https://*:5051");\n').port).toEqual({ value: 5050, envVar: null, bindAddress: '0.0.0.0' });
    expect(port('app.Run("http://0.0.0.0:3000");\n').port.value).toBe(3000);
    expect(port('builder.WebHost.ConfigureKestrel(o => o.ListenAnyIP(7000));\n').port).toEqual({ value: 7000, envVar: null, bindAddress: '0.0.0.0' });
  });

  it('follows a port variable to the env var it reads', () => {
    const s = port('var port = Environment.GetEnvironmentVariable("PORT") ?? "8081";\napp.Urls.Add($"http://0.0.0.0:{port}");\n');
    expect(s.port).toEqual({ value: 8081, envVar: 'PORT', bindAddress: '0.0.0.0' });
    expect(s.evidence).toContainEqual({ fact: 'port', file: 'Program.cs', line: 2, note: 'app.Urls.Add($"http://0.0.0.0:{port}");' });
    expect(s.env).toEqual([]);
  });

  it('warns when the app binds localhost', () => {
    const s = port('app.Urls.Add("http://localhost:5000");\n');
    expect(s.port.bindAddress).toBe('localhost');
    expect(s.warnings.join('\n')).toMatch(/unreachable from outside its container/);
  });

  it('reads Kestrel endpoints from appsettings.Production.json over appsettings.json', () => {
    const s = port(MINIMAL, {
      'appsettings.json': '{ "Kestrel": { "Endpoints": { "Http": { "Url": "http://0.0.0.0:5000" } } } }',
      'appsettings.Production.json': '{\n  // production\n  "Kestrel": {\n    "Endpoints": {\n      "Http": { "Url": "http://+:6000" }\n    }\n  }\n}\n',
    });
    expect(s.port).toEqual({ value: 6000, envVar: null, bindAddress: '0.0.0.0' });
    expect(s.evidence).toContainEqual({ fact: 'port', file: 'appsettings.Production.json', line: 5, note: 'Kestrel:Endpoints:Http:Url: http://+:6000' });
  });

  it('reads ASPNETCORE_URLS from an existing Dockerfile and reports launchSettings.json as development-only', () => {
    const s = port(MINIMAL, {
      Dockerfile: 'FROM mcr.microsoft.com/dotnet/aspnet:8.0\nENV ASPNETCORE_URLS=http://+:5080\n',
      'Properties/launchSettings.json': '{ "profiles": { "http": { "applicationUrl": "http://localhost:5123" } } }',
    });
    expect(s.port).toEqual({ value: 5080, envVar: 'ASPNETCORE_HTTP_PORTS', bindAddress: '0.0.0.0' });
    expect(s.evidence).toContainEqual(expect.objectContaining({ fact: 'port', file: 'Properties/launchSettings.json', note: expect.stringContaining('local development only') }));
  });

  it('prefers the liveness check among several MapHealthChecks routes', () => {
    const s = port('app.MapHealthChecks("/health/ready");\napp.MapHealthChecks("/health/live");\napp.Run();\n');
    expect(s.health.path).toBe('/health/live');
    expect(s.evidence).toContainEqual({ fact: 'health', file: 'Program.cs', line: 2, note: 'app.MapHealthChecks("/health/live");' });
    expect(port('app.MapHealthChecks("/hc");\n').health.path).toBe('/hc');
    expect(port('app.MapGet("/healthz", () => Results.Ok());\n').health.path).toBe('/healthz');
  });
});

describe('.NET configuration, backing services and migrations', () => {
  it('maps configuration reads to env vars; keys appsettings.json sets are optional', () => {
    const s = onlyService({
      'Api.csproj': webProject(packages('StackExchange.Redis', 'Npgsql')),
      'appsettings.json': '{\n  "Jwt": { "Issuer": "acme" },\n  "ConnectionStrings": {\n    "Main": "Host=localhost;Database=app"\n  }\n}\n',
      'appsettings.Development.json': '{ "Jwt": { "SigningKey": "dev-only" } }',
      'Program.cs': [
        'var issuer = builder.Configuration["Jwt:Issuer"];',
        'var key = builder.Configuration["Jwt:SigningKey"];',
        'var retries = builder.Configuration.GetValue<int>("Retries", 3);',
        'var region = Environment.GetEnvironmentVariable("AWS_REGION") ?? "eu-west-1";',
        'var db = builder.Configuration.GetConnectionString("Main");',
        'var redis = builder.Configuration.GetConnectionString("Redis");',
        'var env = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT");',
      ].join('\n'),
    });
    expect(s.env).toEqual([
      { name: 'AWS_REGION', required: false, secret: false, default: 'eu-west-1' },
      { name: 'Jwt__Issuer', required: false, secret: false, default: 'acme' },
      { name: 'Jwt__SigningKey', required: true, secret: true, default: null },
      { name: 'Retries', required: false, secret: false, default: '3' },
      { name: 'ConnectionStrings__Main', required: false, secret: true, default: null },
      { name: 'ConnectionStrings__Redis', required: true, secret: true, default: null },
    ]);
    expect(s.backingServices).toEqual([
      { kind: 'redis', envVar: 'ConnectionStrings__Redis' },
      { kind: 'postgres', envVar: 'ConnectionStrings__Main' },
    ]);
  });

  it('adds backing services from referenced projects and builds from the solution directory', () => {
    const plan = planOf(testdir({
      'App.slnx': '<Solution>\n  <Folder Name="/src/">\n    <Project Path="src/Web/Web.csproj" />\n    <Project Path="src/Data/Data.csproj" />\n  </Folder>\n</Solution>\n',
      'src/Web/Web.csproj': webProject('  <ItemGroup>\n    <ProjectReference Include="..\\Data\\Data.csproj" />\n  </ItemGroup>\n'),
      'src/Data/Data.csproj': '<Project Sdk="Microsoft.NET.Sdk">\n  <PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>\n  <ItemGroup>\n    <PackageReference Include="Pomelo.EntityFrameworkCore.MySql" />\n  </ItemGroup>\n</Project>\n',
      'src/Data/Migrations/20240101000000_Init.cs': 'public partial class Init : Migration {}\n',
      'src/Data/packages.lock.json': '{ "version": 1, "dependencies": {} }',
    }));
    expect(plan.monorepo?.tools).toEqual(['dotnet-solution']);
    expect(plan.services).toHaveLength(1);
    const web = plan.services[0]!;
    expect(web.build).toMatchObject({ context: '', target: 'Web.csproj', workspacePackages: ['src/Data'], features: ['dotnet-solution'] });
    expect(web.commands.install).toBe('dotnet restore src/Web/Web.csproj');
    expect(web.backingServices).toEqual([{ kind: 'mysql', envVar: null }]);
    // The Design package is missing from the startup project, so `dotnet ef` could not run it.
    expect(web.commands.migrate).toBeNull();
  });

  it('runs dotnet ef for migrations, unless the app migrates itself at startup', () => {
    const files = {
      'Api.csproj': webProject(packages('Microsoft.EntityFrameworkCore.Design', 'Microsoft.EntityFrameworkCore.SqlServer')),
      'Migrations/20240101000000_Init.cs': 'public partial class Init : Migration {}\n',
    };
    const s = onlyService({ ...files, 'Program.cs': MINIMAL });
    expect(s.commands.migrate).toBe('dotnet ef database update');
    expect(s.evidence).toContainEqual(expect.objectContaining({ fact: 'migrate', note: expect.stringContaining('prefer a migration bundle') }));
    expect(s.backingServices).toEqual([{ kind: 'sqlserver', envVar: null }]);
    const self = onlyService({ ...files, 'Program.cs': 'using (var scope = app.Services.CreateScope())\n    scope.ServiceProvider.GetRequiredService<Db>().Database.Migrate();\n' });
    expect(self.commands.migrate).toBeNull();
    expect(self.evidence).toContainEqual(expect.objectContaining({ fact: 'migrate', file: 'Program.cs', line: 2 }));
  });

  it('restores in locked mode with packages.lock.json and notes Central Package Management', () => {
    const s = onlyService({ 'Directory.Packages.props': '<Project><PropertyGroup><ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally></PropertyGroup></Project>', 'Api/Api.csproj': webProject(), 'Api/packages.lock.json': '{ "version": 1 }' });
    expect(s.commands.install).toBe('dotnet restore Api/Api.csproj --locked-mode');
    expect(s.packageManager).toEqual({ name: 'nuget', lockfile: 'Api/packages.lock.json', version: null });
    expect(s.build.features).toEqual(['dotnet-solution', 'central-package-management']);
    expect(s.build.context).toBe('');
  });

  it('treats reads the code checks for null as optional', () => {
    const s = onlyService({
      'Api.csproj': webProject(),
      'Program.cs': [
        'var useOtlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);',
        'var vault = builder.Configuration["KEY_VAULT_URI"];',
        'if (vault is not null) { }',
        'var sentry = Environment.GetEnvironmentVariable("SENTRY_DSN");',
        'var region = Environment.GetEnvironmentVariable("REGION");',
      ].join('\n'),
    });
    expect(s.env.map((e) => [e.name, e.required])).toEqual([['SENTRY_DSN', true], ['REGION', true], ['OTEL_EXPORTER_OTLP_ENDPOINT', false], ['KEY_VAULT_URI', false]]);
  });
});

describe('.NET build extras', () => {
  it('adds Node.js to the build when publish runs npm, and ignores development-only health checks', () => {
    const s = onlyService({
      'Web.csproj': webProject('  <PropertyGroup>\n    <SpaRoot>ClientApp\\</SpaRoot>\n  </PropertyGroup>\n  <Target Name="PublishRunWebpack" AfterTargets="ComputeFilesToPublish">\n    <Exec WorkingDirectory="$(SpaRoot)" Command="npm install" />\n  </Target>\n'),
      'Program.cs': 'var app = builder.Build();\nif (app.Environment.IsDevelopment())\n{\n    app.MapHealthChecks("/health");\n}\napp.Run();\n',
    });
    expect(s.build.systemPackages).toEqual(['nodejs', 'npm']);
    expect(s.evidence).toContainEqual(expect.objectContaining({ fact: 'build', file: 'Web.csproj', line: 9 }));
    expect(s.health.path).toBeNull();
    const after = onlyService({ 'Api.csproj': webProject(), 'Program.cs': 'var app = builder.Build();\nif (app.Environment.IsDevelopment())\n{\n    app.UseSwagger();\n}\napp.MapHealthChecks("/healthz");\napp.Run();\n' });
    expect(after.health.path).toBe('/healthz');
  });
});
