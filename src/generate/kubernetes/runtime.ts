/**
 * What a pod needs to know about the image it runs, read from the Dockerfile devsquad generates for
 * the service (the same pure recipe, so the two never disagree): the numeric uid of the final
 * stage's USER (runAsUser must match it for runAsNonRoot to pass), the working directory, and the
 * directories the runtime writes to (emptyDir mounts under a read-only root filesystem).
 */
import type { Language, ServicePlan } from '../../plan/schema.js';
import { inputs as dockerfileInputs, RECIPES } from '../dockerfile/generate.js';

export interface ImageFacts {
  uid: number;
  workdir: string;
  /** Absolute directories the process writes to, /tmp first. */
  writable: string[];
  /** Why each writable dir beyond /tmp is there, for the file's notes. */
  reasons: string[];
}

/** The .NET images' built-in non-root user (`USER $APP_UID`). */
const DOTNET_APP_UID = 1654;
const FALLBACK_UID = 10001;

function finalStage(text: string): string[] {
  const lines = text.split('\n');
  let start = 0;
  for (const [i, line] of lines.entries()) if (/^FROM\s/i.test(line)) start = i;
  return lines.slice(start);
}

function uidOf(userLine: string | undefined): number {
  if (!userLine) return FALLBACK_UID;
  const value = userLine.replace(/^USER\s+/i, '').split(':')[0]?.trim() ?? '';
  if (/^\d+$/.test(value)) return Number(value);
  if (value === '$APP_UID' || value === '${APP_UID}') return DOTNET_APP_UID;
  return FALLBACK_UID;
}

function join(dir: string, sub: string): string {
  return `${dir.replace(/\/$/, '')}/${sub}`;
}

export function imageFacts(service: ServicePlan): ImageFacts {
  let text: string;
  try {
    text = RECIPES[service.language](service, dockerfileInputs.parse({})).text;
  } catch {
    text = ''; // a recipe that cannot render this plan: fall back to the conventional user
  }
  const stage = finalStage(text);
  const user = [...stage].reverse().find((l) => /^USER\s/i.test(l));
  const workdirLine = [...stage].reverse().find((l) => /^WORKDIR\s/i.test(l));
  const workdir = workdirLine?.replace(/^WORKDIR\s+/i, '').trim() ?? '/app';
  const writable = ['/tmp'];
  const reasons: string[] = [];
  const add = (dir: string, reason: string): void => {
    if (!writable.includes(dir)) {
      writable.push(dir);
      reasons.push(`${dir}: ${reason}`);
    }
  };
  const features = new Set(service.build.features);
  const isNginx = /nginx-unprivileged|FROM nginx/i.test(stage[0] ?? '');
  if (isNginx) add('/etc/nginx/conf.d', 'the nginx entrypoint renders the server block from its template at start');
  if (service.framework === 'nextjs' || features.has('next-standalone')) add(join(workdir, '.next/cache'), 'Next.js image optimisation and ISR cache');
  if (service.language === 'ruby') {
    add(join(workdir, 'tmp'), 'pids, caches and bootsnap');
    if (service.framework === 'rails') {
      add(join(workdir, 'log'), 'Rails log directory');
      add(join(workdir, 'storage'), 'Active Storage local files (use object storage in production)');
    }
  }
  if (service.language === 'php') {
    if (/apache/i.test(stage[0] ?? '')) {
      add('/var/run/apache2', 'Apache pid and lock files');
      add('/var/lock/apache2', 'Apache lock files');
    }
    if (features.has('laravel')) {
      for (const dir of ['storage/app/public', 'storage/framework/cache/data', 'storage/framework/sessions', 'storage/framework/views', 'storage/logs', 'bootstrap/cache']) add(join(workdir, dir), 'Laravel writes caches, sessions and compiled views here');
    }
    if (features.has('symfony')) add(join(workdir, 'var'), 'Symfony cache and logs');
  }
  return { uid: uidOf(user), workdir, writable, reasons };
}

export interface Resources {
  requests: { cpu: string; memory: string };
  limits: { cpu: string; memory: string };
}

/** Starting points per runtime; JVMs need more memory (heap is 75% of the limit via MaxRAMPercentage). */
const RESOURCES: Readonly<Record<Language | 'static', Resources>> = {
  java: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } },
  kotlin: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } },
  dotnet: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
  elixir: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
  ruby: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
  php: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
  python: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
  node: { requests: { cpu: '100m', memory: '192Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
  deno: { requests: { cpu: '100m', memory: '192Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
  go: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
  rust: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
  static: { requests: { cpu: '25m', memory: '32Mi' }, limits: { cpu: '200m', memory: '128Mi' } },
};

export function defaultResources(service: ServicePlan): Resources {
  const key = service.kind === 'static' ? 'static' : service.language;
  const base = RESOURCES[key];
  return { requests: { ...base.requests }, limits: { ...base.limits } };
}

/** Startup budget in seconds: JVM and BEAM boots are slow, compiled binaries are not. */
export function startupSeconds(service: ServicePlan): number {
  if (service.language === 'java' || service.language === 'kotlin') return 300;
  if (service.language === 'go' || service.language === 'rust' || service.kind === 'static') return 60;
  return 150;
}
