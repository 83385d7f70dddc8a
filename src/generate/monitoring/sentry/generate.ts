/**
 * Sentry error tracking for each app the plan found: an SDK init module for its language and
 * framework (Next.js gets server, edge and browser configs, the browser one with session replay).
 * DSN, release and environment come from the environment; nothing secret is written to a file.
 */
import { z } from 'zod';
import { joinPath } from '../../../core/repo/repo-fs.js';
import type { GenerateContext, GeneratedFile } from '../../types.js';
import { headerComment } from '../../types.js';
import { SENSITIVE_KEYS, appStacks, codeDir, nodeModule, secretEnvNames } from '../otel/app-stack.js';
import { goSentry, nextjsSentry, nodeSentry, pythonSentry, type SampleRates } from './code.js';

const rate = z.number().min(0).max(1);

export const inputs = z.object({
  /** Share of transactions traced in production, and in every other environment. */
  tracesSampleRateProduction: rate.default(0.1),
  tracesSampleRateOther: rate.default(1),
  /** Share of traced transactions profiled (Python). */
  profilesSampleRateProduction: rate.default(0.1),
  profilesSampleRateOther: rate.default(0),
  /** Browser apps (Next.js): share of sessions recorded, and of sessions with an error. */
  replaysSessionSampleRate: rate.default(0.1),
  replaysOnErrorSampleRate: rate.default(1),
});
export type SentryInputs = z.infer<typeof inputs>;

export function generate(context: GenerateContext, options: SentryInputs): GeneratedFile[] {
  const rates: SampleRates = {
    production: { traces: options.tracesSampleRateProduction, profiles: options.profilesSampleRateProduction },
    other: { traces: options.tracesSampleRateOther, profiles: options.profilesSampleRateOther },
    replaysOnError: options.replaysOnErrorSampleRate,
    replaysSession: options.replaysSessionSampleRate,
  };
  const files: GeneratedFile[] = [];
  for (const stack of appStacks(context.services).stacks) {
    const service = stack.service;
    const secrets = context.services.filter((s) => s.path === service.path).flatMap(secretEnvNames);
    const keys = [...new Set([...SENSITIVE_KEYS, ...secrets].map((k) => k.toLowerCase()))].sort();
    const header = (prefix: string): string => headerComment(prefix, `the ${service.name} plan (devsquad observe --only sentry)`);
    const notes = [
      `${service.name}: DSN from SENTRY_DSN, release from SENTRY_RELEASE (or GIT_SHA), environment from SENTRY_ENVIRONMENT; traces ${rates.production.traces} in production, ${rates.other.traces} elsewhere`,
      `sendDefaultPii off; beforeSend scrubs ${keys.length} keys${secrets.length > 0 ? ` incl. ${secrets.join(', ')}` : ''}`,
    ];
    const push = (path: string, content: string, extra: string[] = []): void => {
      files.push({ path, content, kind: 'source', generator: 'sentry', evidence: service.evidence.filter((e) => e.fact === 'framework'), notes: [...notes, ...extra] });
    };
    if (stack.language === 'node' && stack.framework === 'nextjs') {
      const next = nextjsSentry(header('//'), keys, rates);
      push(joinPath(service.path, 'sentry.server.config.ts'), next.server);
      push(joinPath(service.path, 'sentry.edge.config.ts'), next.edge);
      push(joinPath(service.path, 'instrumentation-client.ts'), next.client, [`session replay: ${rates.replaysOnError} of sessions with errors, ${rates.replaysSession} of the rest (production)`]);
    } else if (stack.language === 'node') {
      const m = nodeModule(stack, 'sentry', nodeSentry(stack, header('//'), keys, rates));
      push(m.path, m.content, ['no session replay: server-side app']);
    } else if (stack.language === 'python') {
      push(joinPath(codeDir(stack), 'sentry.py'), pythonSentry(stack, header('#'), keys, rates));
    } else {
      push(joinPath(codeDir(stack), 'sentry.go'), goSentry(stack, header('//'), keys, rates));
    }
  }
  return files;
}
