/**
 * JVM apps without Spring Boot, Quarkus or Micronaut: a main class and, when an embedded HTTP
 * library is on the classpath (Ktor, Javalin, Vert.x, Helidon, Jetty, Undertow, Netty, Jooby,
 * Armeria, …) or the code opens a listener (the JDK HttpServer, `new ServerSocket`, a listen call
 * with a port), a server whose port comes from the code, then its config files, then the
 * framework's default. Without any of that it is a worker.
 */
import type { RepoFs } from '../../../core/repo/repo-fs.js';
import { addEvidence } from '../../../plan/service.js';
import { addBackingFromDependencies } from '../../shared/backing.js';
import { applyHealthRoute, findHealthRoutes } from '../../shared/health.js';
import { portFromCode } from '../code-port.js';
import { runtimeDependencies, type JvmDependency, type JvmProject } from '../model.js';
import { portFromServerConfig } from '../server-config.js';
import type { JvmContext } from './types.js';

interface WebLib {
  /** Group prefix and artifact pattern of any of the library's modules (`io.jooby` `jooby-netty`). */
  group?: string;
  artifact: RegExp;
  /** Framework id for the plan, null for building blocks that are not named as a framework. */
  framework: string | null;
  /** Where the server listens when neither code nor config names a port. */
  defaultPort?: number;
}

/**
 * Embedded web libraries, most specific first (Jooby on Netty is Jooby, not Netty). A module of
 * the family counts (`jooby-hikari` means Jooby even when `jooby-netty` sits in a Maven profile).
 */
const WEB_LIBS: readonly WebLib[] = [
  { group: 'io.ktor', artifact: /^ktor-server-/, framework: 'ktor' },
  { group: 'io.javalin', artifact: /^javalin/, framework: 'javalin', defaultPort: 8080 },
  { group: 'io.jooby', artifact: /^jooby/, framework: 'jooby', defaultPort: 8080 },
  { group: 'org.jooby', artifact: /^jooby/, framework: 'jooby', defaultPort: 8080 },
  { group: 'io.ratpack', artifact: /^ratpack-/, framework: 'ratpack', defaultPort: 5050 },
  { group: 'com.sparkjava', artifact: /^spark-/, framework: 'spark', defaultPort: 4567 },
  { group: 'io.dropwizard', artifact: /^dropwizard-(core|views|hibernate|jdbi3?|assets)$/, framework: 'dropwizard', defaultPort: 8080 },
  { group: 'org.actframework', artifact: /^act(-|$)/, framework: 'act', defaultPort: 5460 },
  { group: 'com.hellokaton', artifact: /^blade-/, framework: 'blade', defaultPort: 9000 },
  { group: 'com.bladejava', artifact: /^blade-/, framework: 'blade', defaultPort: 9000 },
  { group: 'org.ninjaframework', artifact: /^ninja-standalone$/, framework: 'ninja', defaultPort: 8080 },
  { group: 'ro.pippo', artifact: /^pippo-(core|jetty|undertow|tomcat)$/, framework: 'pippo', defaultPort: 8338 },
  { group: 'org.noear', artifact: /^solon-(boot|web|server)/, framework: 'solon', defaultPort: 8080 },
  { group: 'cn.hserver', artifact: /^hserver/, framework: 'hserver', defaultPort: 8888 },
  { group: 'io.avaje', artifact: /^avaje-jex$/, framework: 'avaje-jex', defaultPort: 8080 },
  { group: 'io.inverno.mod', artifact: /^inverno-(http-server|web-server|web)$/, framework: 'inverno', defaultPort: 8080 },
  { group: 'io.vertx', artifact: /^vertx-web(-kotlinx?)?$|^vertx-lang-kotlin-coroutines$/, framework: 'vertx' },
  { group: 'io.helidon', artifact: /^helidon-(webserver|microprofile)/, framework: 'helidon' },
  { group: 'org.http4k', artifact: /^http4k-(core|server-)/, framework: 'http4k' },
  { group: 'com.linecorp.armeria', artifact: /^armeria/, framework: 'armeria' },
  { group: 'io.servicetalk', artifact: /^servicetalk-http-netty$/, framework: 'servicetalk' },
  { group: 'io.muserver', artifact: /^muserver$/, framework: 'muserver' },
  { group: 'org.rapidoid', artifact: /^rapidoid-(http|web|quick)/, framework: 'rapidoid' },
  { group: 'io.activej', artifact: /^activej-(http|launchers-http)$/, framework: 'activej' },
  { group: 'org.eclipse.jetty', artifact: /^(jetty-server|jetty-servlet|jetty-ee\d+-servlet)$/, framework: 'jetty' },
  { group: 'io.undertow', artifact: /^undertow-core$/, framework: 'undertow' },
  { artifact: /^(grizzly-http-server|jersey-container-(grizzly2-http|jdk-http|netty-http|jetty-http))$/, framework: null },
  { group: 'io.netty', artifact: /^(netty-codec-http|netty-all)$/, framework: 'netty' },
  { group: 'io.projectreactor.netty', artifact: /^reactor-netty(-http)?$/, framework: 'netty' },
  { artifact: /^(nanohttpd|microhttp|jlhttp|firenio-all|redkale|voovan-framework|bayou)$/, framework: null },
  { group: 'com.wizzardo', artifact: /^http$/, framework: null },
  // Any module that says what it is: an HTTP or web server, or a framework starter for one.
  { artifact: /(^|[-_])(http[-_]?server|web[-_]?server|server[-_]netty|netty[-_]server|httpserver|web[-_]starter)([-_]|$)|-starter-(web|netty|undertow|jetty|reactor-netty)$/, framework: null },
];

/** Spring Boot, Quarkus and Micronaut decide for themselves whether their starters serve HTTP. */
const FRAMEWORK_GROUPS = /^(org\.springframework|io\.quarkus|io\.micronaut)/;

function webLib(dep: JvmDependency): WebLib | null {
  if (FRAMEWORK_GROUPS.test(dep.group)) return null;
  return WEB_LIBS.find((lib) => lib.artifact.test(dep.artifact) && (lib.group === undefined || dep.group === lib.group || dep.group.startsWith(`${lib.group}.`))) ?? null;
}

/** The embedded web library on the classpath, if any (the first in WEB_LIBS order). */
export function embeddedWeb(project: JvmProject): { dep: JvmDependency; framework: string | null; defaultPort: number | null } | null {
  const deps = runtimeDependencies(project);
  let best: { dep: JvmDependency; lib: WebLib } | null = null;
  for (const dep of deps) {
    const lib = webLib(dep);
    if (lib && (!best || WEB_LIBS.indexOf(lib) < WEB_LIBS.indexOf(best.lib))) best = { dep, lib };
  }
  return best ? { dep: best.dep, framework: best.lib.framework, defaultPort: best.lib.defaultPort ?? null } : null;
}

/** The JDK's own com.sun.net.httpserver or a raw ServerSocket needs no dependency: look in the code. */
export function usesJdkHttpServer(repo: RepoFs, sources: readonly string[]): boolean {
  return sources.some((f) => /\bHttpServer\.create\s*\(|\bnew\s+ServerSocket\s*\(|ServerSocketChannel\.open\s*\(/.test(repo.readText(f) ?? ''));
}

/** Whether the code starts a listener with a port we can see (a server even without a known library). */
export function codeListens(repo: RepoFs, sources: readonly string[]): boolean {
  if (sources.length === 0) return false;
  return portFromCode(repo, sources)?.source === 'listen';
}

/** Port for a plain server: the code, then server config files, then the library's default. */
export function applyPlainServer(ctx: JvmContext): void {
  const { repo, service, sources, project } = ctx;
  // A sibling module the app depends on often holds the server bootstrap (a `common` module).
  const code = portFromCode(repo, [...sources, ...ctx.moduleSources]);
  if (code) {
    service.port.value = code.port ?? 8080;
    service.port.envVar = code.envVar;
    if (code.bindAddress !== null) service.port.bindAddress = code.bindAddress;
    addEvidence(service, 'port', code.file, code.note, code.line);
  }
  if (service.port.value === null || code?.source === 'constant') {
    const config = portFromServerConfig(repo, project.dir);
    if (config && (service.port.value === null || config.port !== null)) {
      service.port.value = config.port ?? service.port.value ?? 8080;
      service.port.envVar = config.envVar ?? service.port.envVar;
      addEvidence(service, 'port', config.file, config.port === null ? `${config.note} (no default: 8080 assumed)` : config.note, config.line);
    }
  }
  if (service.port.value === null) {
    const web = embeddedWeb(project);
    if (web?.defaultPort) {
      service.port.value = web.defaultPort;
      addEvidence(service, 'port', web.dep.file, `depends on ${web.dep.artifact}: ${web.framework ?? web.dep.artifact} listens on ${web.defaultPort} unless configured`, web.dep.line);
    }
  }
  applyHealthRoute(service, findHealthRoutes(repo, sources));
}

export function applyPlainBacking(ctx: JvmContext): void {
  for (const dep of runtimeDependencies(ctx.project)) addBackingFromDependencies(ctx.service, 'maven', [dep.artifact], dep.file, () => dep.line);
}
