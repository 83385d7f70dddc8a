/**
 * Which hardening code a service gets: the detected framework mapped to one of the stacks devsquad
 * writes code for, the language family of that code, and where the files go. Every part puts its code
 * under `<service>/hardening/<part>/` so it sits inside the service's own package (its dependencies
 * resolve, its test runner finds the tests) without touching a file the user wrote.
 */
import { joinPath } from '../../../core/repo/repo-fs.js';
import type { ServicePlan } from '../../../plan/schema.js';

export type Stack = 'express' | 'fastify' | 'nestjs' | 'nextjs' | 'fastapi' | 'django' | 'flask' | 'nethttp' | 'gin';
export type CodeFamily = 'ts' | 'python' | 'go';

export const STACKS: readonly Stack[] = ['express', 'fastify', 'nestjs', 'nextjs', 'fastapi', 'django', 'flask', 'nethttp', 'gin'];

/** Framework ids from the plan that share a stack's code (chi handlers are net/http handlers). */
const ALIASES: Record<string, Stack> = { starlette: 'fastapi', chi: 'nethttp' };

export function stackOf(service: ServicePlan): Stack | null {
  if (service.kind !== 'server') return null;
  const framework = service.framework ?? '';
  if ((STACKS as readonly string[]).includes(framework)) return framework as Stack;
  if (ALIASES[framework]) return ALIASES[framework];
  // A Go server without a framework serves with net/http.
  if (service.language === 'go' && service.framework === null) return 'nethttp';
  return null;
}

export function familyOf(stack: Stack): CodeFamily {
  if (stack === 'fastapi' || stack === 'django' || stack === 'flask') return 'python';
  if (stack === 'nethttp' || stack === 'gin') return 'go';
  return 'ts';
}

export type PartFolder = 'headers' | 'ratelimit' | 'auth';

/**
 * `<service>/hardening/<part>/<file>`; `<service>/hardening/<name>/<part>/<file>` when another server
 * service shares the directory (two binaries of one Go module), so neither overwrites the other.
 */
export function partPath(service: ServicePlan, part: PartFolder, file: string, shared = false): string {
  return shared ? joinPath(service.path, 'hardening', service.name, part, file) : joinPath(service.path, 'hardening', part, file);
}

/** Whether another service with hardening code lives in the same directory. */
export function sharesDirectory(service: ServicePlan, services: readonly ServicePlan[]): boolean {
  return services.some((other) => other !== service && other.path === service.path && stackOf(other) !== null);
}

/** Why a service gets no code from a part, said in its notes and docs. */
export function notApplicable(service: ServicePlan): string {
  if (service.kind !== 'server') return `${service.name} is a ${service.kind} service (no HTTP server of its own): only the edge configs apply`;
  const what = service.framework ? `${service.language}/${service.framework}` : service.language;
  return `${service.name} (${what}) has no generated hardening code (supported: Express, Fastify, NestJS, Next.js, FastAPI, Django, Flask, Go net/http and gin): use the edge configs in security/edge/ and your framework's own middleware`;
}

export const STACK_LABEL: Record<Stack, string> = {
  express: 'Express', fastify: 'Fastify', nestjs: 'NestJS', nextjs: 'Next.js', fastapi: 'FastAPI', django: 'Django', flask: 'Flask', nethttp: 'Go net/http', gin: 'Go gin',
};
