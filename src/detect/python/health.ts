/**
 * Health routes in FastAPI / Starlette / Flask code, found by shared/health.ts, with router prefixes
 * applied: `APIRouter(prefix="/api")`, `Blueprint(..., url_prefix="/api")` in the route's file, and
 * `app.include_router(health.router, prefix="/v1")` / `app.register_blueprint(bp, url_prefix=…)` where
 * the mount names the route's module. A route under a prefix that is not a literal is dropped: a wrong
 * health path fails every probe, no path only loses one.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { findHealthRoutes, type HealthFinding } from '../shared/health.js';
import { baseName, callArguments, findCalls, keywordArgument, positionalArgument, stringLiteral, topLevelAssignments, type PySource } from './source.js';

export function pythonHealthRoutes(repo: RepoFs, sources: readonly PySource[]): HealthFinding[] {
  const out: HealthFinding[] = [];
  for (const finding of findHealthRoutes(repo, sources.map((s) => s.file))) {
    // shared/health.ts drops a trailing slash; FastAPI and Flask treat "/health/" as its own route
    const path = /["'`]/.test(finding.text) && new RegExp(`["'\`]${escapeRegex(finding.path)}/["'\`]`).test(finding.text) ? `${finding.path}/` : finding.path;
    const source = sources.find((s) => s.file === finding.file);
    const router = /^@(\w+)\./.exec(finding.text)?.[1] ?? /^(\w+)\.(?:add_api_route|add_url_rule|add_route)\s*\(/.exec(finding.text)?.[1];
    if (!source || !router) {
      out.push({ ...finding, path });
      continue;
    }
    const prefix = routerPrefix(sources, source, router, 0);
    if (prefix === undefined) continue;
    out.push({ ...finding, path: joinUrl(prefix, path) });
  }
  return out;
}

/**
 * Everything in front of a router's routes: its own prefix, the prefix it is mounted with, and, when
 * it is mounted on another router, that router's prefix in turn. Undefined when a part is unreadable.
 */
function routerPrefix(sources: readonly PySource[], source: PySource, router: string, depth: number): string | undefined {
  if (depth > 4) return undefined;
  const own = declaredPrefix(sources, source, router);
  if (own === undefined) return undefined;
  const mount = findMount(sources, source, router);
  if (!mount) return own;
  const prefix = mount.prefix === null ? '' : prefixValue(sources, mount.prefix);
  if (prefix === undefined) return undefined;
  // mounted on another router (api_router.include_router(...)), not on the app: climb
  const parentIsRouter = topLevelAssignments(mount.source, ROUTERS).some((a) => a.name === mount.parent);
  const parent = parentIsRouter ? routerPrefix(sources, mount.source, mount.parent, depth + 1) : '';
  return parent === undefined ? undefined : joinUrl(parent, prefix, own);
}

const ROUTERS = 'APIRouter|Blueprint|Router';

/** The prefix a router declares for itself: '' when none, undefined when it cannot be read. */
function declaredPrefix(sources: readonly PySource[], source: PySource, router: string): string | undefined {
  const declaration = topLevelAssignments(source, ROUTERS).find((a) => a.name === router);
  if (!declaration) return '';
  const args = callArguments(source.code, declaration.openParen);
  const expr = keywordArgument(args, 'prefix') ?? keywordArgument(args, 'url_prefix');
  return expr === null ? '' : prefixValue(sources, expr);
}

interface Mount {
  source: PySource;
  /** The object the router is mounted on (`app`, `api_router`). */
  parent: string;
  prefix: string | null;
}

/** Where a router is mounted: an include_router / register_blueprint call naming it. */
function findMount(sources: readonly PySource[], routeSource: PySource, router: string): Mount | null {
  const stem = baseName(routeSource.file).replace(/\.py$/, '');
  const moduleName = stem === '__init__' ? baseName(routeSource.file.slice(0, routeSource.file.lastIndexOf('/'))) : stem;
  for (const source of sources) {
    for (const call of findCalls(source, '\\w+\\.(?:include_router|register_blueprint)')) {
      const target = positionalArgument(call.args, 0) ?? '';
      const sameFile = source.file === routeSource.file && target === router;
      if (!sameFile && !refersTo(source, target, moduleName, router)) continue;
      const prefix = keywordArgument(call.args, 'prefix') ?? keywordArgument(call.args, 'url_prefix');
      return { source, parent: call.callee.slice(0, call.callee.indexOf('.')), prefix };
    }
  }
  return null;
}

/**
 * A prefix expression: a string literal, or a name / attribute (`settings.API_V1_STR`) whose single
 * literal definition in the sources (a module constant or a settings field default) gives its value.
 */
function prefixValue(sources: readonly PySource[], expr: string): string | undefined {
  const literal = stringLiteral(expr);
  if (literal !== null) return literal;
  const attr = /^(?:\w+\.)*(\w+)$/.exec(expr.trim())?.[1];
  if (!attr) return undefined;
  const values = new Set<string>();
  const re = new RegExp(`^[ \\t]*${attr}\\s*(?::[^=\\n]+)?=\\s*(["'][^"'\\n]*["'])\\s*$`, 'gm');
  for (const source of sources) for (const m of source.code.matchAll(re)) values.add(stringLiteral(m[1]) ?? '');
  return values.size === 1 ? [...values][0] : undefined;
}

/** `health.router`, or a name imported from the route's module (`from .routers.health import router as health_router`). */
function refersTo(source: PySource, target: string, moduleName: string, router: string): boolean {
  const dotted = /^(\w+)\.(\w+)$/.exec(target);
  if (dotted) return dotted[1] === moduleName && dotted[2] === router;
  if (!/^\w+$/.test(target)) return false;
  const importRe = new RegExp(`^\\s*from\\s+[\\w.]*\\b${moduleName}\\s+import\\s+[^\\n]*\\b${router}\\b(?:\\s+as\\s+(\\w+))?`, 'm');
  const m = importRe.exec(source.code);
  if (!m) return false;
  return (m[1] ?? router) === target;
}

/** Joins URL parts with single slashes, keeping the last part's trailing slash. */
function joinUrl(...parts: string[]): string {
  const kept = parts.filter((p) => p !== '' && p !== '/');
  const trailing = (kept[kept.length - 1] ?? '').endsWith('/');
  const joined = kept.map((p) => p.replace(/^\/?/, '/').replace(/\/$/, '')).join('');
  return joined === '' ? '/' : trailing ? `${joined}/` : joined;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
