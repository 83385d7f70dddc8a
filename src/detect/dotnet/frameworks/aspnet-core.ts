/**
 * ASP.NET Core: where a web app listens and its health route.
 *
 * Port, first match wins: the code (`app.Urls.Add(…)`, `UseUrls(…)`, `app.Run("http://…")`,
 * Kestrel `ListenAnyIP(…)`), then appsettings(.Production).json (`Kestrel:Endpoints:*:Url`, `Urls`),
 * then the service's own container recipe (ASPNETCORE_URLS / ASPNETCORE_HTTP_PORTS / `--urls`), then
 * a listener outside Kestrel's API (a server URL literal, `new XServer(IPAddress.Any, 8080)`, port
 * setters), then the container default: .NET 8+ images set ASPNETCORE_HTTP_PORTS=8080.
 * launchSettings.json is only read by `dotnet run` in development, so it is reported and ignored.
 */
import type { RepoFs } from '../../../core/repo/repo-fs.js';
import { joinPath } from '../../../core/repo/repo-fs.js';
import type { ServicePlan } from '../../../plan/schema.js';
import { addEvidence, addWarning } from '../../../plan/service.js';
import { HEALTH_PATHS, applyHealthRoute, findHealthRoutes } from '../../shared/health.js';
import { recipeCommandPort, type ContainerRecipe } from '../../shared/container-recipe.js';
import { isLoopback } from '../../shared/procfile.js';
import { lineOf, matchAll, parsePort, stripCComments } from '../../shared/text.js';
import type { AppSettings } from '../appsettings.js';

export interface AspNetInput {
  repo: RepoFs;
  service: ServicePlan;
  dir: string;
  sources: readonly string[];
  settings: AppSettings;
  /** Major version of the target framework (8 for net8.0), null when unknown. */
  major: number | null;
  /** The service's own container recipe, when it has one. */
  recipe: ContainerRecipe | null;
}

export interface Listen {
  port: number | null;
  envVar: string | null;
  host: string | null;
  file: string;
  line?: number;
  note: string;
}

/** `http://0.0.0.0:5000;https://+:5001` → the http entry (a container terminates TLS elsewhere). */
function parseUrls(value: string): { scheme: string; host: string; port: string } | null {
  const urls: Array<{ scheme: string; host: string; port: string }> = [];
  for (const part of value.split(';')) {
    const m = /^\s*(https?):\/\/(\[[^\]]+\]|[^:/{]+|\{[^}]+\}):(\d+|\{[^}]+\})/.exec(part);
    if (m) urls.push({ scheme: m[1]!, host: m[2]!, port: m[3]! });
  }
  return urls.find((u) => u.scheme === 'http') ?? urls[0] ?? null;
}

function normalHost(host: string | null): string | null {
  if (host === null) return null;
  return host === '*' || host === '+' || host === '[::]' ? '0.0.0.0' : host.replace(/^\[|\]$/g, '');
}

/** What an expression or a variable holding it reads: `Environment.GetEnvironmentVariable("PORT") ?? "8080"`. */
function resolveExpr(text: string, expr: string): { port: number | null; envVar: string | null } {
  let e = expr.trim().replace(/^\{|\}$/g, '');
  if (/^[A-Za-z_]\w*$/.test(e)) {
    const assign = new RegExp(`\\b${e}\\s*=\\s*([^;]+);`).exec(text);
    if (assign) e = assign[1]!;
  }
  const literal = /^\s*"?(\d{2,5})"?\s*$/.exec(e)?.[1];
  if (literal) return { port: parsePort(literal), envVar: null };
  const env = /GetEnvironmentVariable\s*\(\s*"(\w+)"\s*\)/.exec(e)?.[1] ?? /Configuration\s*\[\s*"(\w+)"\s*\]/.exec(e)?.[1] ?? /GetValue<\w+>\s*\(\s*"(\w+)"/.exec(e)?.[1] ?? null;
  const def = /\?\?\s*"?(\d{2,5})"?/.exec(e)?.[1] ?? /GetValue<\w+>\s*\(\s*"\w+"\s*,\s*"?(\d{2,5})"?\s*\)/.exec(e)?.[1] ?? null;
  return { port: def ? parsePort(def) : null, envVar: env };
}

function fromCode(repo: RepoFs, files: readonly string[]): Listen | null {
  for (const file of files) {
    const raw = repo.readText(file);
    if (raw === null || !/Urls|UseUrls|\.Run|Listen/.test(raw)) continue;
    const text = stripCComments(raw);
    for (const m of matchAll(text, /(?:\bUrls\.Add|\bUseUrls|\.Run|\.RunAsync)\s*\(\s*\$?@?"([^"]*)"/g)) {
      const url = parseUrls(m.match[1]!);
      if (!url) continue;
      const resolved = /^\d+$/.test(url.port) ? { port: parsePort(url.port), envVar: null } : resolveExpr(text, url.port);
      return { ...resolved, host: normalHost(url.host.startsWith('{') ? null : url.host), file, line: m.line, note: m.text };
    }
    for (const m of matchAll(text, /\.Listen(AnyIP|Localhost)\s*\(\s*([\w.]+)|\.Listen\s*\(\s*IPAddress\.(Any|IPv6Any|Loopback|IPv6Loopback)\s*,\s*([\w.]+)/g)) {
      const which = m.match[1] ?? m.match[3] ?? 'Any';
      const resolved = resolveExpr(text, m.match[2] ?? m.match[4] ?? '');
      const host = /Loopback|Localhost/.test(which) ? 'localhost' : '0.0.0.0';
      return { ...resolved, host, file, line: m.line, note: m.text };
    }
  }
  return null;
}

/** Ports of services an app talks to, never the one it serves on. */
const BACKING_PORTS = new Set([5432, 3306, 6379, 27017, 5672, 9092, 11211, 1433, 9200, 4222]);
const CLIENT_LINE = /Redis|Npgsql|MySql|Sql(?:Connection|Client)|Mongo|RabbitMQ|Kafka|Database|ConnectionString|HttpClient|BaseAddress|Dial|Connect\(/;

/**
 * A listener outside Kestrel's own API, for the many servers that are not ASP.NET Core (and for
 * ASP.NET apps that build their URL elsewhere): a server URL literal (`"http://+:8080/"`,
 * `"http://*:8080"`), `new XServer(IPAddress.Any, 8080)` / `new IPEndPoint(IPAddress.Any, 8080)`,
 * a port setter (`.Port(8080)`, `.SetPort(8080)`, `.UsePort(8080)`, `SetListenIPHosts(8080)`) or
 * an `Options.Port = 8080` assignment, the port followed to its constant.
 */
export function fromServerCode(repo: RepoFs, files: readonly string[]): Listen | null {
  const shapes: Array<{ re: RegExp; host: (m: RegExpExecArray) => string | null; port: (m: RegExpExecArray) => string }> = [
    { re: /"https?:\/\/(\+|\*|0\.0\.0\.0|\[::\]|localhost|127\.0\.0\.1)?:(\d{2,5})\/?"/g, host: (m) => normalHost(m[1] ?? null), port: (m) => m[2] ?? '' },
    { re: /\bnew\s+\w*(?:Server|Listener|EndPoint|Host|Acceptor)\s*\(\s*IPAddress\.(Any|IPv6Any|Loopback|IPv6Loopback)\s*,\s*([\w.]+)\s*\)/g, host: (m) => (/Loopback/.test(m[1] ?? '') ? 'localhost' : '0.0.0.0'), port: (m) => m[2] ?? '' },
    { re: /\bnew\s+\w*(?:Server|Webserver|WebServer|Listener)(?:Settings|Options|Config)?\s*\(\s*(?:"[^"]*"|[A-Za-z_]\w*)\s*,\s*(\d{2,5})\s*[,)]/g, host: () => null, port: (m) => m[1] ?? '' },
    { re: /\.(?:Port|SetPort|UsePort|WithPort|ListenPort|SetListenIPHosts|UseListeningPort)\s*\(\s*([\w.]+)\s*\)/g, host: () => null, port: (m) => m[1] ?? '' },
    { re: /\.Port\s*=\s*([\w.]+)\s*;/g, host: () => null, port: (m) => m[1] ?? '' },
    // F# (Suave): HttpBinding.create HTTP IPAddress.Any 8080us
    { re: /\bHttpBinding\.create\w*\s+\w+\s+IPAddress\.(Any|IPv6Any|Loopback)\s+(\d{2,5})(?:us|u)?\b/g, host: (m) => (/Loopback/.test(m[1] ?? '') ? 'localhost' : '0.0.0.0'), port: (m) => m[2] ?? '' },
  ];
  for (const file of files) {
    const raw = repo.readText(file);
    if (raw === null) continue;
    const text = stripCComments(raw);
    for (const shape of shapes) {
      for (const m of matchAll(text, shape.re)) {
        if (CLIENT_LINE.test(m.text)) continue;
        const resolved = resolveExpr(text, shape.port(m.match));
        if (resolved.port === null || BACKING_PORTS.has(resolved.port)) continue;
        return { ...resolved, host: shape.host(m.match), file, line: m.line, note: m.text };
      }
    }
  }
  return null;
}

function fromSettings(settings: AppSettings): Listen | null {
  const endpoints = settings.under('Kestrel:Endpoints').filter((e) => /:url$/i.test(e.key));
  const candidates = [...endpoints.filter((e) => e.value.startsWith('http:')), ...endpoints, ...['Urls', 'urls'].map((k) => settings.get(k)).filter((e) => e !== null)];
  for (const entry of candidates) {
    const url = parseUrls(entry.value);
    if (!url || !/^\d+$/.test(url.port)) continue;
    return { port: parsePort(url.port), envVar: null, host: normalHost(url.host), file: entry.file, line: entry.line, note: `${entry.key}: ${entry.value}` };
  }
  const ports = settings.get('HTTP_PORTS');
  const port = ports ? parsePort(ports.value.split(/[;,]/)[0]) : null;
  return ports && port ? { port, envVar: null, host: null, file: ports.file, line: ports.line, note: `${ports.key}: ${ports.value}` } : null;
}

/**
 * The service's own container recipe (`Dockerfile`, `api.dockerfile`, or one beside the solution
 * that builds this project): `ENV ASPNETCORE_URLS` / `ASPNETCORE_HTTP_PORTS` / `URLS` / `HTTP_PORTS`,
 * then `--urls http://*:8080` on its ENTRYPOINT.
 */
export function fromDockerfile(recipe: ContainerRecipe | null): Listen | null {
  if (!recipe) return null;
  for (const name of ['ASPNETCORE_URLS', 'ASPNETCORE_HTTP_PORTS', 'URLS', 'HTTP_PORTS', 'DOTNET_URLS']) {
    const entry = recipe.env.get(name);
    if (!entry) continue;
    const url = /URLS$/.test(name) ? parseUrls(entry.value) : { scheme: 'http', host: '+', port: entry.value.split(/[;,]/)[0]!.trim() };
    const port = url ? parsePort(url.port) : null;
    if (port) return { port, envVar: null, host: normalHost(url?.host ?? null), file: recipe.file, line: entry.line, note: `ENV ${name}=${entry.value}` };
  }
  const command = recipeCommandPort(recipe);
  return command ? { port: command.port, envVar: null, host: command.bindAddress, file: command.file, line: command.line, note: command.note } : null;
}

export function applyAspNetPort(input: AspNetInput): void {
  const { repo, service, dir, sources, settings, major, recipe } = input;
  const modern = major === null || major >= 8;
  const fromRecipe = fromDockerfile(recipe);
  const found = fromCode(repo, sources) ?? fromSettings(settings) ?? fromRecipe ?? fromServerCode(repo, sources);
  if (found) {
    service.port.value = found.port ?? (modern ? 8080 : 80);
    // Addresses set in code or Kestrel config override ASPNETCORE_HTTP_PORTS; an env read in the code is the override then.
    service.port.envVar = found.envVar ?? (found === fromRecipe && modern ? 'ASPNETCORE_HTTP_PORTS' : null);
    service.port.bindAddress = found.host;
    addEvidence(service, 'port', found.file, found.port === null ? `${found.note} (no default in code: ${service.port.value} assumed)` : found.note, found.line);
    if (isLoopback(found.host)) addWarning(service, `${found.file} binds ${found.host}: the server is unreachable from outside its container. Listen on 0.0.0.0 (or http://+:port).`);
  } else if (modern) {
    service.port.value = 8080;
    service.port.envVar = 'ASPNETCORE_HTTP_PORTS';
    addEvidence(service, 'port', service.build.target ? joinPath(dir, service.build.target) : dir, 'no URL in code or appsettings: .NET 8+ container images listen on 8080 (ASPNETCORE_HTTP_PORTS=8080)');
  } else {
    service.port.value = 80;
    service.port.envVar = null;
    addEvidence(service, 'port', service.build.target ? joinPath(dir, service.build.target) : dir, 'no URL in code or appsettings: .NET images before 8.0 set ASPNETCORE_URLS=http://+:80');
  }
  noteLaunchSettings(repo, service, dir);
}

/** launchSettings.json only feeds `dotnet run` / Visual Studio: say we saw it and why it does not count. */
function noteLaunchSettings(repo: RepoFs, service: ServicePlan, dir: string): void {
  const file = joinPath(dir, 'Properties/launchSettings.json');
  const text = repo.readText(file);
  const url = text ? /"applicationUrl"\s*:\s*"([^"]+)"/.exec(text)?.[1] : undefined;
  if (!text || !url) return;
  addEvidence(service, 'port', file, `applicationUrl ${url} is for local development only (dotnet run); not used in the container`, lineOf(text, '"applicationUrl"'));
}

/**
 * Whether a line sits inside `if (app.Environment.IsDevelopment()) { … }` (Aspire's ServiceDefaults
 * maps its health endpoints only there): the braces opened since that `if` are still open, or a
 * brace-less `if` is directly followed by the line. An `else` branch does not count.
 */
function developmentOnly(repo: RepoFs, file: string, line: number): boolean {
  const lines = stripCComments(repo.readText(file) ?? '').split('\n');
  for (let i = line - 1; i >= Math.max(0, line - 40); i--) {
    const at = lines[i]?.search(/IsDevelopment\s*\(\s*\)/) ?? -1;
    if (at === -1) continue;
    const segment = [lines[i]!.slice(at), ...lines.slice(i + 1, line - 1)].join('\n');
    if (/\}\s*else\b/.test(segment)) return false;
    if (!segment.includes('{')) return line - 1 - i <= 1;
    let depth = 0;
    for (const ch of segment) depth += ch === '{' ? 1 : ch === '}' ? -1 : 0;
    return depth > 0;
  }
  return false;
}

/** app.MapHealthChecks("/healthz") (any path), else a health-looking MapGet route. */
export function applyAspNetHealth(repo: RepoFs, service: ServicePlan, sources: readonly string[]): void {
  const found: Array<{ path: string; file: string; line: number; text: string }> = [];
  for (const file of sources) {
    const raw = repo.readText(file);
    if (raw === null || !/HealthChecks/.test(raw)) continue;
    const text = stripCComments(raw);
    for (const m of matchAll(text, /\.(?:MapHealthChecks|UseHealthChecks)\s*\(\s*"([^"]+)"/g)) {
      if (!developmentOnly(repo, file, m.line)) found.push({ path: m.match[1]!, file, line: m.line, text: m.text });
    }
  }
  if (found.length === 0) {
    applyHealthRoute(service, findHealthRoutes(repo, sources).filter((f) => !developmentOnly(repo, f.file, f.line)));
    return;
  }
  const rank = (p: string): number => {
    const i = (HEALTH_PATHS as readonly string[]).indexOf(p);
    return i === -1 ? HEALTH_PATHS.length : i;
  };
  const best = [...found].sort((a, b) => rank(a.path) - rank(b.path))[0]!;
  service.health.path = best.path;
  addEvidence(service, 'health', best.file, best.text, best.line);
}
