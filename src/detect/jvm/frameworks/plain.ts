/**
 * JVM apps without Spring Boot, Quarkus or Micronaut: a main class and, when an embedded HTTP
 * library is on the classpath (Ktor, Javalin, Vert.x, Helidon, Jetty, Undertow, the JDK HttpServer),
 * a server whose port comes from the code. Without one it is a worker.
 */
import type { RepoFs } from '../../../core/repo/repo-fs.js';
import { joinPath } from '../../../core/repo/repo-fs.js';
import { addEvidence } from '../../../plan/service.js';
import { addBackingFromDependencies } from '../../shared/backing.js';
import { applyHealthRoute, findHealthRoutes } from '../../shared/health.js';
import { matchAll, stripCComments } from '../../shared/text.js';
import { runtimeDependencies, type JvmDependency, type JvmProject } from '../model.js';
import type { JvmContext } from './types.js';

const WEB_LIBS: Array<[RegExp, string | null]> = [
  [/^ktor-server-(core|netty|cio|jetty|tomcat)(-jvm)?$/, 'ktor'],
  [/^javalin$/, 'javalin'],
  [/^vertx-web$/, 'vertx'],
  [/^helidon-webserver$/, 'helidon'],
  [/^(jetty-server|undertow-core|spark-core|http4k-core|jooby)$/, null],
];

/** The embedded web library on the classpath, if any (framework id or null for unnamed ones). */
export function embeddedWeb(project: JvmProject): { dep: JvmDependency; framework: string | null } | null {
  for (const dep of runtimeDependencies(project)) {
    for (const [re, framework] of WEB_LIBS) if (re.test(dep.artifact)) return { dep, framework };
  }
  return null;
}

/** The JDK's own com.sun.net.httpserver needs no dependency: look for it in the code. */
export function usesJdkHttpServer(repo: RepoFs, sources: readonly string[]): boolean {
  return sources.some((f) => /\bHttpServer\.create\s*\(/.test(repo.readText(f) ?? ''));
}

const PORT_LITERALS = [
  /\bport\s*=\s*(\d{2,5})\b/g, // Ktor embeddedServer(Netty, port = 8080)
  /\.start\s*\(\s*(\d{2,5})\s*\)/g, // Javalin app.start(7070)
  /\.listen\s*\(\s*(\d{2,5})\b/g, // Vert.x createHttpServer().listen(8080)
  /new\s+InetSocketAddress\s*\(\s*(?:"[^"]*"\s*,\s*)?(\d{2,5})\s*\)/g, // JDK HttpServer
  /\bport\s*\(\s*(\d{2,5})\s*\)/g, // Spark, Helidon builders
];

/** Port for a plain server: `System.getenv("PORT") ?: "8080"`-style reads win over a literal. */
export function applyPlainServer(ctx: JvmContext): void {
  const { repo, service, sources } = ctx;
  for (const file of sources) {
    const raw = repo.readText(file);
    if (raw === null) continue;
    const text = stripCComments(raw);
    const env = matchAll(text, /getenv\s*\(\s*"(PORT|SERVER_PORT|HTTP_PORT|APP_PORT)"\s*\)([^\n;]{0,80})/g)[0];
    if (env) {
      const def = /(?:\?:|orElse\(|,)\s*"?(\d{2,5})"?/.exec(env.match[2] ?? '')?.[1];
      service.port.envVar = env.match[1]!;
      service.port.value = def ? Number(def) : 8080;
      addEvidence(service, 'port', file, def ? env.text : `${env.text} (no default in code: 8080 assumed)`, env.line);
      break;
    }
    for (const re of PORT_LITERALS) {
      const m = matchAll(text, re)[0];
      if (!m) continue;
      service.port.value = Number(m.match[1]);
      addEvidence(service, 'port', file, m.text, m.line);
      break;
    }
    if (service.port.value !== null) break;
  }
  if (service.port.value === null) portFromKtorConfig(ctx);
  applyHealthRoute(service, findHealthRoutes(repo, sources));
}

/** Ktor's application.conf (HOCON) / application.yaml: `port = 8080`, `port = ${?PORT}`. */
function portFromKtorConfig(ctx: JvmContext): void {
  const { repo, service, project } = ctx;
  for (const name of ['application.conf', 'application.yaml', 'application.yml']) {
    const file = joinPath(project.dir, 'src/main/resources', name);
    const text = repo.readText(file);
    if (text === null) continue;
    for (const m of matchAll(text, /^\s*port\s*[=:]\s*(\d{2,5})?\s*(?:\$\{\?(\w+)\})?/gm)) {
      if (m.match[1]) service.port.value = Number(m.match[1]);
      if (m.match[2]) service.port.envVar = m.match[2];
    }
    const portLine = matchAll(text, /^\s*port\s*[=:]/gm)[0];
    if (service.port.value !== null || service.port.envVar !== null) {
      service.port.value ??= 8080;
      addEvidence(service, 'port', file, portLine?.text ?? 'port', portLine?.line);
      return;
    }
  }
}

export function applyPlainBacking(ctx: JvmContext): void {
  for (const dep of runtimeDependencies(ctx.project)) addBackingFromDependencies(ctx.service, 'maven', [dep.artifact], dep.file, () => dep.line);
}
