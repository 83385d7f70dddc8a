/**
 * Builds the ProjectPlan for a repository: finds candidate directories, lets every detector whose
 * marker files are present judge each one (highest priority service wins, no first-match-wins),
 * asks the winner for its ServicePlans, then adds what only the whole repository can tell: unique
 * names, existing Dockerfile/compose/CI/Kubernetes files, ports from an existing EXPOSE, and which
 * services call which.
 */
import picomatch from 'picomatch';
import type { RepoFs } from '../core/repo/repo-fs.js';
import { joinPath } from '../core/repo/repo-fs.js';
import { log } from '../core/logger.js';
import { isDevsquadGenerated } from '../core/generated.js';
import { detectors as defaultDetectors } from '../detect/api.js';
import type { Detection, Detector } from '../detect/types.js';
import { PLAN_SCHEMA_VERSION, type ProjectPlan, type ServicePlan } from './schema.js';
import { addEvidence, addWarning, serviceName } from './service.js';
import { findExistingArtifacts } from './existing.js';
import { linkServiceDependencies } from './links.js';

/**
 * Folders never treated as services of their own (unless the user points devsquad right at them).
 * Examples, tests and fixtures are skipped at any depth; docs, tools and asset folders only at the
 * top level, since `apps/docs` in a monorepo is usually a deployable docs site.
 */
const NON_SERVICE_DIRS = /(^|\/)(examples?|samples?|demos?|fixtures?|test|tests|__tests__|testdata|e2e|benchmarks?|\.github|\.circleci|\.devcontainer)(\/|$)|^(docs?|documentation|templates?|scripts|tools?|static|public|assets|resources)(\/|$)/;

/** How deep below the root services are looked for. Deeper folders are rarely deployable apps. */
const MAX_DEPTH = 6;

export interface DirectoryVerdict {
  dir: string;
  detector: string;
  detection: Detection;
}

export interface AnalyzeOptions {
  detectors?: ReadonlyMap<string, Detector>;
}

export interface AnalyzeResult {
  plan: ProjectPlan;
  /** Every directory a detector claimed, with the reason: what `analyze --explain` prints. */
  verdicts: DirectoryVerdict[];
}

export function analyzeRepository(repo: RepoFs, options: AnalyzeOptions = {}): AnalyzeResult {
  const registry = [...(options.detectors ?? defaultDetectors).values()].sort((a, b) => b.priority - a.priority);
  const verdicts = judgeDirectories(repo, registry);
  const serviceDirs = verdicts.filter((v) => v.detection.role === 'service');
  const services: ServicePlan[] = [];
  for (const verdict of serviceDirs) {
    const detector = registry.find((d) => d.id === verdict.detector)!;
    const planned = safePlan(repo, detector, verdict);
    services.push(...planned);
  }
  makeNamesUnique(services);
  const existing = findExistingArtifacts(repo);
  for (const service of services) {
    existing.applyTo(service);
    portFromExistingDockerfile(repo, service);
    if (service.kind === 'server' && service.port.value === null) {
      addWarning(service, 'No listen port found in the code or config; set one with PORT or edit the plan.');
    }
  }
  linkServiceDependencies(services);
  const monorepoTools = new Set<string>();
  const members: string[] = [];
  for (const v of verdicts) {
    if (v.detection.role === 'workspace-root') {
      const tools = (v.detection.data as { tools?: string[] } | undefined)?.tools ?? [v.detector];
      for (const t of tools) monorepoTools.add(t);
    }
  }
  if (monorepoTools.size > 0 || services.length > 1) for (const s of services) members.push(s.path);
  const warnings: string[] = [];
  if (services.length === 0) warnings.push('No deployable service was found. See docs/stacks.md for what devsquad recognises.');
  const plan: ProjectPlan = {
    schemaVersion: PLAN_SCHEMA_VERSION,
    name: serviceName(repo.name),
    monorepo: monorepoTools.size > 0 || services.length > 1 ? { tools: [...monorepoTools].sort(), members } : null,
    services: services.sort((a, b) => a.path.localeCompare(b.path) || a.name.localeCompare(b.name)),
    warnings,
    diagnostics: repo.diagnostics.map((d) => ({ code: d.code, path: d.path, message: d.message })),
  };
  return { plan, verdicts };
}

function judgeDirectories(repo: RepoFs, registry: readonly Detector[]): DirectoryVerdict[] {
  const markerMatchers = new Map(registry.map((d) => [d.id, picomatch([...d.markers])]));
  const verdicts: DirectoryVerdict[] = [];
  const serviceDirs: string[] = [];
  for (const dir of repo.dirs()) {
    if (dir !== '' && (NON_SERVICE_DIRS.test(dir) || dir.split('/').length > MAX_DEPTH)) continue;
    const names = repo.list(dir).filter((n) => repo.isFile(joinPath(dir, n)));
    if (names.length === 0) continue;
    let best: DirectoryVerdict | null = null;
    let fallback: DirectoryVerdict | null = null;
    for (const detector of registry) {
      const isMarker = markerMatchers.get(detector.id)!;
      if (!names.some((n) => isMarker(n))) continue;
      if (detector.nestedInService === false && serviceDirs.some((s) => isUnder(dir, s))) continue;
      const detection = safeDetect(repo, detector, dir);
      if (!detection) continue;
      const verdict = { dir, detector: detector.id, detection };
      if (detection.role === 'service') {
        if (!best) best = verdict; // registry is sorted by priority, so the first service wins
      } else if (!fallback) {
        fallback = verdict;
      }
    }
    const chosen = best ?? fallback;
    if (chosen) {
      verdicts.push(chosen);
      if (chosen.detection.role === 'service') serviceDirs.push(dir);
      log.debug(`${dir || '.'}: ${chosen.detector} ${chosen.detection.role} (${chosen.detection.reason})`);
    }
  }
  return verdicts;
}

function isUnder(dir: string, parent: string): boolean {
  return parent === '' ? dir !== '' : dir.startsWith(`${parent}/`);
}

/** A detector bug must not sink the whole analysis: log it, record it, go on. */
function safeDetect(repo: RepoFs, detector: Detector, dir: string): Detection | null {
  try {
    return detector.detect(repo, dir);
  } catch (error) {
    repo.report('DSQ_ERR_INTERNAL_ERROR', dir || '.', { detail: `${detector.id} detector failed: ${(error as Error).message}` });
    return null;
  }
}

function safePlan(repo: RepoFs, detector: Detector, verdict: DirectoryVerdict): ServicePlan[] {
  try {
    return detector.plan(repo, verdict.dir, verdict.detection);
  } catch (error) {
    repo.report('DSQ_ERR_INTERNAL_ERROR', verdict.dir || '.', { detail: `${detector.id} planner failed: ${(error as Error).message}` });
    return [];
  }
}

/** Two services called `api` become `api` and `<parent>-api`, and so on. */
function makeNamesUnique(services: ServicePlan[]): void {
  const seen = new Set<string>();
  for (const service of services) {
    let name = service.name;
    if (seen.has(name)) {
      const parent = service.path.split('/').slice(-2, -1)[0];
      name = serviceName(parent ? `${parent}-${service.name}` : service.name);
      for (let i = 2; seen.has(name); i++) name = serviceName(`${service.name}-${i}`);
      service.name = name;
    }
    seen.add(name);
  }
}

/** An existing Dockerfile's EXPOSE is a good hint when the code did not say. */
function portFromExistingDockerfile(repo: RepoFs, service: ServicePlan): void {
  // A worker shares the web service's image (and its EXPOSE) but listens on nothing.
  if (service.kind === 'worker' || service.port.value !== null || !service.existing.dockerfile) return;
  const text = repo.readText(service.existing.dockerfile);
  if (text !== null && isDevsquadGenerated(text)) return;
  const m = text ? /^\s*EXPOSE\s+(\d{2,5})/im.exec(text) : null;
  if (!m || !text) return;
  service.port.value = Number(m[1]);
  const line = text.slice(0, m.index).split('\n').length;
  addEvidence(service, 'port', service.existing.dockerfile, `EXPOSE ${m[1]} in the existing Dockerfile`, line);
}
