import { describe, expect, it } from 'vitest';
import { onlyService, planOf, testdir } from '../../../test/helpers.js';

const project = (sdk: string, tfm = 'net8.0', extra = ''): string =>
  `<Project Sdk="${sdk}">\n  <PropertyGroup>\n    <OutputType>Exe</OutputType>\n    <TargetFramework>${tfm}</TargetFramework>\n  </PropertyGroup>\n${extra}</Project>\n`;
const consoleApp = (program: string, extra: Record<string, string> = {}): Record<string, string> => ({ 'Server.csproj': project('Microsoft.NET.Sdk'), 'Program.cs': program, ...extra });
const MINIMAL = 'var builder = WebApplication.CreateBuilder(args);\nvar app = builder.Build();\napp.MapGet("/", () => "hi");\napp.Run();\n';

describe('.NET servers outside Kestrel’s own API', () => {
  it('a console app that starts its own HTTP server is a server with that port', () => {
    const ctor = onlyService(consoleApp('using System.Net;\n\nvar server = new HttpBenchmarkServer(IPAddress.Any, 8081);\nserver.Start();\nConsole.ReadLine();\n'));
    expect(ctor).toMatchObject({ kind: 'server', framework: null, port: { value: 8081, envVar: null, bindAddress: '0.0.0.0' } });
    expect(ctor.evidence).toContainEqual({ fact: 'port', file: 'Program.cs', line: 3, note: 'var server = new HttpBenchmarkServer(IPAddress.Any, 8081);' });
    const prefix = onlyService(consoleApp('using var server = new WebServer(o => o\n    .WithUrlPrefix("http://+:8082/")\n    .WithMode(HttpListenerMode.EmbedIO));\nserver.RunAsync().Wait();\n'));
    expect(prefix.port).toEqual({ value: 8082, envVar: null, bindAddress: '0.0.0.0' });
  });

  it('port setters and options, followed to their constant', () => {
    const setter = onlyService(consoleApp('const int port = 8083;\nvar host = Host.Create()\n    .Handler(Handler())\n    .Port(port);\nreturn await host.RunAsync();\n'));
    expect(setter.port.value).toBe(8083);
    const options = onlyService(consoleApp('var server = new HttpApiServer();\nserver.Options.Port = 8084;\nserver.Open();\n'));
    expect(options.port.value).toBe(8084);
  });

  it('F#: Suave’s HttpBinding.create HTTP IPAddress.Any 8080us', () => {
    const s = onlyService({
      'App.fsproj': project('Microsoft.NET.Sdk'),
      'Program.fs': 'open Suave\nopen System.Net\n\nlet cfg = { defaultConfig with bindings = [ HttpBinding.create HTTP IPAddress.Any 8085us ] }\nstartWebServer cfg app\n',
    });
    expect(s).toMatchObject({ kind: 'server', port: { value: 8085, bindAddress: '0.0.0.0' } });
  });

  it('a console app with no listener stays a worker; a database port is not a listen port', () => {
    const worker = onlyService(consoleApp('var conn = new NpgsqlConnection("Host=db;Port=5432");\nvar opts = new RedisOptions();\nopts.Port = 6379;\nawait Job.RunAsync(conn);\n'));
    expect(worker).toMatchObject({ kind: 'worker', port: { value: null } });
  });
});

describe('.NET: the container recipe that builds the project', () => {
  it('reads ASPNETCORE_URLS from a recipe beside the project folder that names its dll', () => {
    const dir = testdir({
      'Api/Api.csproj': project('Microsoft.NET.Sdk.Web', 'net6.0'),
      'Api/Program.cs': MINIMAL,
      'api.dockerfile': 'FROM mcr.microsoft.com/dotnet/sdk:6.0 AS build\nCOPY Api .\nRUN dotnet publish -c Release -o out\nFROM mcr.microsoft.com/dotnet/aspnet:6.0\nENV ASPNETCORE_URLS http://+:8086\nENTRYPOINT ["dotnet", "Api.dll"]\n',
    });
    const s = planOf(dir).services[0]!;
    expect(s.port).toEqual({ value: 8086, envVar: null, bindAddress: '0.0.0.0' });
    expect(s.evidence).toContainEqual({ fact: 'port', file: 'api.dockerfile', line: 5, note: 'ENV ASPNETCORE_URLS=http://+:8086' });
  });

  it('ignores a recipe in a parent folder that builds another project', () => {
    const dir = testdir({
      'Api/Api.csproj': project('Microsoft.NET.Sdk.Web', 'net6.0'),
      'Api/Program.cs': MINIMAL,
      Dockerfile: 'FROM mcr.microsoft.com/dotnet/aspnet:6.0\nCOPY Admin .\nENV ASPNETCORE_URLS http://+:9999\nENTRYPOINT ["dotnet", "Admin.dll"]\n',
    });
    expect(planOf(dir).services[0]!.port.value).toBe(80);
  });

  it('a console app on a Kestrel package: ASPNETCORE_URLS in its Dockerfile makes it a server', () => {
    const s = onlyService(consoleApp('WebHost.CreateDefaultBuilder(args).Configure(app => app.Run(Handle)).Build().Run();\n', { Dockerfile: 'FROM mcr.microsoft.com/dotnet/runtime:8.0\nENV ASPNETCORE_URLS=http://+:8087\nENTRYPOINT ["dotnet", "Server.dll"]\n' }));
    expect(s).toMatchObject({ kind: 'server', port: { value: 8087 } });
  });
});
