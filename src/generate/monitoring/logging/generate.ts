/**
 * Structured logging for each app the plan found: a JSON logger module per language with request
 * ids, trace ids from the active OpenTelemetry context and redaction of credentials, PII and the
 * plan's secret env var names. The otel part's Alloy config ships these lines to Loki.
 */
import { z } from 'zod';
import { joinPath } from '../../../core/repo/repo-fs.js';
import type { GenerateContext, GeneratedFile } from '../../types.js';
import { headerComment } from '../../types.js';
import { SENSITIVE_KEYS, appStacks, codeDir, nodeModule, secretEnvNames } from '../otel/app-stack.js';
import { goLogging, nodeLogging, pythonLogging } from './code.js';

export const inputs = z.object({
  /** Extra field names to redact (lower case), on top of credentials and the plan's secret env vars. */
  redact: z.array(z.string().regex(/^[A-Za-z0-9_.-]+$/)).default(['email', 'phone']),
});
export type LoggingInputs = z.infer<typeof inputs>;

export function generate(context: GenerateContext, options: LoggingInputs): GeneratedFile[] {
  const { stacks } = appStacks(context.services);
  const files: GeneratedFile[] = [];
  for (const stack of stacks) {
    const service = stack.service;
    const secrets = context.services.filter((s) => s.path === service.path).flatMap(secretEnvNames);
    const keys = [...new Set([...SENSITIVE_KEYS, ...options.redact, ...secrets].map((k) => k.toLowerCase()))].sort();
    const source = `the ${service.name} plan (devsquad observe --only logging)`;
    let file: { path: string; content: string };
    if (stack.language === 'node') file = nodeModule(stack, 'logger', nodeLogging(stack, headerComment('//', source), keys));
    else if (stack.language === 'python') file = { path: joinPath(codeDir(stack), 'structured_logging.py'), content: pythonLogging(stack, headerComment('#', source), keys) };
    else file = { path: joinPath(codeDir(stack), 'logging.go'), content: goLogging(stack, headerComment('//', source), keys) };
    const lib = stack.language === 'node' ? 'pino' : stack.language === 'python' ? 'structlog' : 'log/slog';
    files.push({
      ...file,
      kind: 'source',
      generator: 'logging',
      evidence: service.evidence.filter((e) => e.fact.startsWith('env:') && secrets.includes(e.fact.slice(4))),
      notes: [`${service.name}: ${lib} JSON to stdout, level from LOG_LEVEL, request_id, trace_id/span_id; redacts ${keys.length} keys${secrets.length > 0 ? ` incl. ${secrets.join(', ')}` : ''}`],
    });
  }
  return files;
}
