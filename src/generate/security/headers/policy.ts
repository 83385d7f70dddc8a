/**
 * The header policy every stack and the edge share, from the part's inputs. CSP is strict and
 * nonce-based (script-src 'nonce-…' 'strict-dynamic', object-src 'none', base-uri 'none'): the policy
 * that resists injected script tags even when an allowlisted host is compromised.
 */
import { z } from 'zod';

export const inputs = z.object({
  /** 'report-only' first (Content-Security-Policy-Report-Only): read the reports, then 'enforce'. */
  cspMode: z.enum(['report-only', 'enforce']).default('report-only'),
  /** Where browsers POST violation reports; the generated code mounts a handler there. */
  reportPath: z.string().regex(/^\/[A-Za-z0-9/_-]*$/).default('/csp-report'),
  /** Add `preload` to HSTS: only once every subdomain serves HTTPS (hstspreload.org is hard to leave). */
  hstsPreload: z.boolean().default(false),
  /** Who may frame the app: nobody ('none') or the same origin ('self'). */
  frameAncestors: z.enum(['none', 'self']).default('none'),
});
export type HeadersInputs = z.infer<typeof inputs>;

export const HSTS_MAX_AGE = 63072000; // two years, the preload list's minimum is one
export const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()';
export const REFERRER_POLICY = 'strict-origin-when-cross-origin';

export function hstsValue(options: HeadersInputs): string {
  return `max-age=${HSTS_MAX_AGE}; includeSubDomains${options.hstsPreload ? '; preload' : ''}`;
}

export function frameOptions(options: HeadersInputs): 'DENY' | 'SAMEORIGIN' {
  return options.frameAncestors === 'none' ? 'DENY' : 'SAMEORIGIN';
}

export function cspHeaderName(options: HeadersInputs): string {
  return options.cspMode === 'enforce' ? 'Content-Security-Policy' : 'Content-Security-Policy-Report-Only';
}

/**
 * Directives as [name, sources]. NONCE marks where a per-request nonce goes; the edge, which cannot
 * mint nonces, gets 'self' instead. upgrade-insecure-requests only when enforcing (browsers ignore it
 * in report-only and warn).
 */
export const NONCE = '{{nonce}}';
export function cspDirectives(options: HeadersInputs, nonce: boolean): [string, string[]][] {
  const script = nonce ? [`'nonce-${NONCE}'`, "'strict-dynamic'"] : ["'self'"];
  const style = nonce ? ["'self'", `'nonce-${NONCE}'`] : ["'self'"];
  const directives: [string, string[]][] = [
    ['default-src', ["'self'"]],
    ['script-src', script],
    ['style-src', style],
    ['img-src', ["'self'", 'data:']],
    ['font-src', ["'self'"]],
    ['connect-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'self'"]],
    ['frame-ancestors', [`'${options.frameAncestors}'`]],
    ['report-uri', [options.reportPath]],
  ];
  if (options.cspMode === 'enforce') directives.push(['upgrade-insecure-requests', []]);
  return directives;
}

/** The policy as one header value; nonce directives keep the NONCE marker for the code to fill in. */
export function cspString(options: HeadersInputs, nonce: boolean): string {
  return cspDirectives(options, nonce).map(([name, sources]) => [name, ...sources].join(' ')).join('; ');
}
