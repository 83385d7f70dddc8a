import { describe, expect, it } from 'vitest';
import { render } from './dotnet.js';
import { finalInstruction, froms, options, plan, problems, stageLines } from './compiled-testing.js';

const NUGET = '--mount=type=cache,target=/root/.nuget/packages,id=nuget,sharing=locked';
const NUGET_SECRET = '--mount=type=secret,id=nuget-config,target=/root/.nuget/NuGet/NuGet.Config';

/** An ASP.NET Core API in src/Api referencing src/Shared, built from the solution root. */
const api = () => plan('dotnet', '8.0', {
  path: 'src/Api',
  framework: 'aspnetcore',
  packageManager: { name: 'nuget', lockfile: null, version: null },
  port: { value: 8080, envVar: null },
  health: { path: '/healthz' },
  build: { context: '', target: 'Api.csproj', workspacePackages: ['src/Shared'], features: ['dotnet-solution'] },
});

describe('dotnet recipe', () => {
  it('restores then publishes for $TARGETARCH on the build platform and runs chiseled as $APP_UID', () => {
    const { text } = render(api(), options());
    expect(text).toContain('\nARG DOTNET_VERSION=8.0\n');
    expect(froms(text)).toEqual([
      'FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build',
      'FROM busybox:${BUSYBOX_VERSION}-musl AS probe',
      'FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION}-noble-chiseled-extra AS runtime',
    ]);
    const build = stageLines(text, 'build');
    expect(build).toContain('ARG TARGETARCH');
    expect(build).toContain('COPY src/Api/Api.csproj src/Api/packages.lock.json* src/Api/Directory.Build.props* src/Api/');
    expect(build).toContain('COPY src/Shared/*.*proj src/Shared/packages.lock.json* src/Shared/Directory.Build.props* src/Shared/');
    const restore = build.indexOf(`RUN ${NUGET} ${NUGET_SECRET} dotnet restore src/Api/Api.csproj -a $TARGETARCH`);
    expect(restore).toBeGreaterThan(0);
    // Project files before restore, sources after: a code change keeps the restore layer.
    expect(build.indexOf('COPY src/Api/ src/Api/')).toBeGreaterThan(restore);
    expect(build).toContain('COPY src/Shared/ src/Shared/');
    expect(build).not.toContain('COPY . .');
    expect(build).toContain(`RUN ${NUGET} dotnet publish Api.csproj -c Release -a $TARGETARCH --no-restore -o /app/publish /p:UseAppHost=false`);
    expect(finalInstruction(text, 'USER')).toBe('USER $APP_UID');
    expect(finalInstruction(text, 'ENV')).toBe('ENV ASPNETCORE_HTTP_PORTS=8080');
    expect(finalInstruction(text, 'EXPOSE')).toBe('EXPOSE 8080');
    expect(finalInstruction(text, 'HEALTHCHECK')).toMatch(/CMD \["\/usr\/local\/bin\/wget", "-q", "-O", "\/dev\/null", "http:\/\/127\.0\.0\.1:8080\/healthz"\]$/);
    expect(finalInstruction(text, 'ENTRYPOINT')).toBe('ENTRYPOINT ["dotnet", "Api.dll"]');
    expect(problems(text)).toEqual([]);
  });

  it('matches the snapshot', () => {
    expect(render(api(), options()).text).toMatchSnapshot();
  });

  it('restores --locked-mode with packages.lock.json and publishes portable output', () => {
    const service = plan('dotnet', 'net9.0', {
      packageManager: { name: 'nuget', lockfile: 'packages.lock.json', version: null },
      port: { value: 5000 }, health: { path: '/health' }, build: { target: 'Shop.csproj', features: ['central-package-management'] },
    });
    const { text, notes } = render(service, options());
    expect(text).toContain('\nARG DOTNET_VERSION=9.0\n');
    const build = stageLines(text, 'build');
    expect(build).toContain('COPY Directory.Build.props* Directory.Build.targets* Directory.Packages.props* NuGet.config* nuget.config* NuGet.Config* global.json* ./');
    expect(build).toContain(`RUN ${NUGET} ${NUGET_SECRET} dotnet restore Shop.csproj --locked-mode`);
    expect(build).toContain(`RUN ${NUGET} dotnet publish Shop.csproj -c Release --no-restore -o /app/publish /p:UseAppHost=false`);
    expect(text).not.toContain('TARGETARCH');
    expect(finalInstruction(text, 'ENV')).toBe('ENV ASPNETCORE_HTTP_PORTS=5000');
    expect(notes.join('\n')).toMatch(/RuntimeIdentifiers/);
    expect(problems(text)).toEqual([]);
  });

  it('runs a worker on the plain runtime image with HEALTHCHECK NONE and no port', () => {
    const service = plan('dotnet', '8.0', { kind: 'worker', framework: 'worker', build: { target: 'Jobs.csproj' } });
    const { text } = render(service, options());
    expect(froms(text).at(-1)).toBe('FROM mcr.microsoft.com/dotnet/runtime:${DOTNET_VERSION}-noble-chiseled-extra AS runtime');
    expect(finalInstruction(text, 'HEALTHCHECK')).toBe('HEALTHCHECK NONE');
    expect(text).not.toMatch(/^(EXPOSE|ENV ASPNETCORE)/m);
    expect(finalInstruction(text, 'ENTRYPOINT')).toBe('ENTRYPOINT ["dotnet", "Jobs.dll"]');
    expect(problems(text)).toEqual([]);
  });

  it('writes ASPNETCORE_URLS as a URL when the plan says the app reads it', () => {
    const service = plan('dotnet', '8.0', { port: { value: 5080, envVar: 'ASPNETCORE_URLS' }, build: { target: 'Api.csproj' } });
    expect(finalInstruction(render(service, options()).text, 'ENV')).toBe('ENV ASPNETCORE_URLS=http://+:5080');
  });

  it('uses the regular image with apt when the plan needs OS packages', () => {
    const service = plan('dotnet', '8.0', { port: { value: 8080 }, health: { path: '/' }, build: { target: 'Api.csproj', systemPackages: ['libgdiplus'] } });
    const { text } = render(service, options());
    const runtime = stageLines(text);
    expect(runtime[0]).toBe('FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION}-bookworm-slim AS runtime');
    expect(runtime).toContain('RUN apt-get update && apt-get install -y --no-install-recommends libgdiplus && rm -rf /var/lib/apt/lists/*');
    expect(finalInstruction(text, 'USER')).toBe('USER $APP_UID');
    expect(problems(text)).toEqual([]);
  });

  it('uses the alpine image and its wget for the alpine flavor', () => {
    const { text } = render(api(), options({ baseImageFlavor: 'alpine' }));
    expect(froms(text).at(-1)).toBe('FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION}-alpine AS runtime');
    expect(text).not.toContain('busybox:');
    expect(finalInstruction(text, 'HEALTHCHECK')).toContain('CMD ["wget",');
  });

  it('restores the project directory and guesses the dll from it when the plan has no project file', () => {
    const service = plan('dotnet', '8.0', { path: 'Orders', port: { value: 8080 }, build: { context: '' } });
    const { text, notes } = render(service, options());
    expect(stageLines(text, 'build')).toContain('COPY Orders/*.*proj Orders/packages.lock.json* Orders/Directory.Build.props* Orders/');
    expect(text).toContain('dotnet restore Orders -a $TARGETARCH');
    expect(stageLines(text, 'build')).toContain('WORKDIR /source/Orders');
    expect(finalInstruction(text, 'ENTRYPOINT')).toBe('ENTRYPOINT ["dotnet", "Orders.dll"]');
    expect(notes.join('\n')).toMatch(/assembly name unknown/);
  });

  it('publishes Blazor WebAssembly once and serves wwwroot with unprivileged nginx', () => {
    const service = plan('dotnet', '8.0', {
      name: 'portal', kind: 'static', framework: 'blazor-wasm',
      packageManager: { name: 'nuget', lockfile: null, version: null },
      build: { target: 'Portal.csproj', artifact: 'wwwroot' },
    });
    const { text } = render(service, options());
    expect(text).not.toContain('TARGETARCH');
    expect(stageLines(text, 'build').at(-1)).toContain('dotnet publish Portal.csproj -c Release --no-restore -o /app/publish /p:UseAppHost=false');
    expect(froms(text).at(-1)).toBe('FROM nginxinc/nginx-unprivileged:${NGINX_VERSION}-alpine AS runtime');
    expect(stageLines(text)).toContain('COPY --from=build /app/publish/wwwroot /usr/share/nginx/html');
    expect(text).not.toContain('ENTRYPOINT');
    expect(problems(text)).toEqual([]);
  });

  it('runs out-of-support .NET as a created non-root user', () => {
    const { text, notes } = render(plan('dotnet', '6.0', { port: { value: 80 }, build: { target: 'Legacy.csproj' } }), options());
    expect(froms(text).at(-1)).toBe('FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS runtime');
    expect(finalInstruction(text, 'USER')).toBe('USER 10001:10001');
    expect(text).not.toContain('-a $TARGETARCH');
    expect(notes.join('\n')).toMatch(/out of support/);
    expect(problems(text)).toEqual([]);
  });
});
