/**
 * Health endpoints for each server the plan found: /livez (cheap, no dependencies), /readyz (checks
 * every backing service in the plan through the env var the plan recorded, with timeouts) and
 * /startupz (readiness passed once), in the app's language and framework. The plan's own health path
 * keeps working as an alias of liveness, because the Dockerfile HEALTHCHECK and Kubernetes probes read it.
 */
import { z } from 'zod';
import { joinPath } from '../../../core/repo/repo-fs.js';
import type { GenerateContext, GeneratedFile } from '../../types.js';
import { headerComment } from '../../types.js';
import { appStacks, codeDir, nodeModule } from '../otel/app-stack.js';
import { LIVE_PATH, READY_PATH, STARTUP_PATH, legacyPath, readinessChecks } from './checks.js';
import { goHealth } from './go.js';
import { nodeHealth } from './node.js';
import { pythonHealth } from './python.js';

export const inputs = z.object({});
export type HealthInputs = z.infer<typeof inputs>;

export function generate(context: GenerateContext, _options: HealthInputs): GeneratedFile[] {
  const servers = context.services.filter((s) => s.kind === 'server');
  const { stacks } = appStacks(servers);
  const files: GeneratedFile[] = [];
  for (const stack of stacks) {
    const service = stack.service;
    const { checks, notes } = readinessChecks(service);
    const legacy = legacyPath(service);
    const source = `the ${service.name} plan (devsquad observe --only health)`;
    const probePath = service.health.path ?? LIVE_PATH;
    const allNotes = [
      `${service.name}: ${LIVE_PATH} (liveness), ${READY_PATH} (readiness: ${checks.length === 0 ? 'no backing services' : checks.map((c) => `${c.name} via ${c.envVar}`).join(', ')}), ${STARTUP_PATH} (startup)`,
      `the Dockerfile HEALTHCHECK and the Kubernetes probes use the plan's health path ${probePath}${legacy !== null ? ', kept as an alias of liveness' : ''}; point the readiness probe at ${READY_PATH} by hand if you want dependency-aware readiness`,
      ...notes,
    ];
    const evidence = service.evidence.filter((e) => e.fact === 'health' || e.fact.startsWith('backing:') || e.fact.startsWith('env:'));
    let file: { path: string; content: string };
    if (stack.language === 'node') file = nodeModule(stack, 'health', nodeHealth(stack, headerComment('//', source), checks, legacy));
    else if (stack.language === 'python') file = { path: joinPath(codeDir(stack), 'health.py'), content: pythonHealth(stack, headerComment('#', source), checks, legacy) };
    else file = { path: joinPath(codeDir(stack), 'health.go'), content: goHealth(stack, headerComment('//', source), checks, legacy) };
    files.push({ ...file, kind: 'source', generator: 'health', evidence, notes: allNotes });
  }
  return files;
}
