/**
 * Security headers: per service, code for its framework (a strict nonce-based CSP, report-only
 * first, HSTS, nosniff, frame-ancestors + X-Frame-Options, Referrer-Policy, Permissions-Policy,
 * COOP/CORP) with tests and a SECURITY-HARDENING.md; for the project, the edge equivalents.
 */
import type { GenerateContext, GeneratedFile } from '../../types.js';
import { serviceFiles, type StackCode } from '../shared/part.js';
import { familyOf, notApplicable, stackOf, type Stack } from '../shared/stack.js';
import { edgeHeaderFiles } from './edge.js';
import { goHeaders } from './go.js';
import { inputs, type HeadersInputs } from './policy.js';
import { pyHeaders } from './python.js';
import { tsHeaders } from './ts.js';

export { inputs, type HeadersInputs };

function codeFor(stack: Stack, options: HeadersInputs): StackCode {
  const family = familyOf(stack);
  const code: StackCode = family === 'ts' ? tsHeaders(stack, options) : family === 'python' ? pyHeaders(stack, options) : goHeaders(stack, options);
  const caveats = [
    options.cspMode === 'report-only'
      ? `The CSP is report-only: browsers report violations to \`${options.reportPath}\` but block nothing. Once the reports are quiet, regenerate with \`--input headers.cspMode=enforce\`.`
      : 'The CSP is enforced: inline scripts without the nonce and eval() are blocked.',
    options.hstsPreload ? 'HSTS carries `preload`: submit the domain at hstspreload.org only when every subdomain serves HTTPS.' : 'HSTS has no `preload`; add it with `--input headers.hstsPreload=true` once every subdomain serves HTTPS.',
  ];
  return { ...code, caveats: [...(code.caveats ?? []), ...caveats], notes: [`CSP ${options.cspMode}, reports to ${options.reportPath}`] };
}

export function generate(context: GenerateContext, options: HeadersInputs): GeneratedFile[] {
  const files: GeneratedFile[] = [];
  const skipped: string[] = [];
  for (const service of context.services) {
    const stack = stackOf(service);
    if (!stack) {
      skipped.push(notApplicable(service));
      continue;
    }
    files.push(
      ...serviceFiles(
        { generator: 'headers', folder: 'headers', title: 'Security headers', summary: ['A strict, nonce-based Content-Security-Policy (report-only first), HSTS (two years, includeSubDomains), X-Content-Type-Options, frame-ancestors and X-Frame-Options, Referrer-Policy, Permissions-Policy and COOP/CORP on every response.'] },
        service,
        stack,
        codeFor(stack, options),
        context.services,
      ),
    );
  }
  const edge = edgeHeaderFiles(context.plan.name, options);
  edge[0]!.notes = [...(edge[0]!.notes ?? []), ...skipped];
  return [...files, ...edge];
}
