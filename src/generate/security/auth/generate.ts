/**
 * Authentication: per service, framework-agnostic modules for its language (JWT access + rotating
 * refresh tokens with kid/JWKS, OIDC + PKCE, TOTP, argon2id with bcrypt fallback, secure cookies,
 * lockout) with tests and a SECURITY-HARDENING.md. No edge files: auth lives in the app.
 */
import type { GenerateContext, GeneratedFile } from '../../types.js';
import { serviceFiles, type StackCode } from '../shared/part.js';
import { familyOf, notApplicable, stackOf } from '../shared/stack.js';
import { goAuth } from './go.js';
import { inputs, settings, type AuthInputs } from './policy.js';
import { pyAuth } from './python.js';
import { tsAuth } from './ts.js';

export { inputs, type AuthInputs };

export function generate(context: GenerateContext, options: AuthInputs): GeneratedFile[] {
  const s = settings(context.plan.name, options);
  const files: GeneratedFile[] = [];
  for (const service of context.services) {
    const stack = stackOf(service);
    if (!stack) continue;
    const family = familyOf(stack);
    const code: StackCode = family === 'ts' ? tsAuth(stack, s) : family === 'python' ? pyAuth(stack, s) : goAuth(s);
    code.caveats = [
      `Access tokens live ${s.accessTtl} s and are checked for issuer \`${s.issuer}\` and audience \`${s.audience}\` (override with AUTH_ISSUER / AUTH_AUDIENCE or --input auth.issuer=…).`,
      'The lockout table and the refresh store in the generated code are in memory: back them with your database or Redis before running more than one replica.',
      'Signing keys never go in the repository: load the private key from your secret manager (see the secrets part).',
    ];
    code.notes = [`issuer ${s.issuer}, audience ${s.audience}, access ${s.accessTtl}s, refresh ${options.refreshTtlDays}d, lockout ${s.lockoutAttempts} attempts`];
    files.push(
      ...serviceFiles(
        { generator: 'auth', folder: 'auth', title: 'Authentication', summary: ['Short-lived JWT access tokens (EdDSA, kid for key rotation, issuer/audience/expiry checked), one-time refresh tokens with reuse detection, OIDC login (authorization code + PKCE), TOTP MFA, argon2id password hashing with a bcrypt fallback, secure cookie settings and brute-force lockout.'] },
        service,
        stack,
        code,
        context.services,
      ),
    );
  }
  if (files.length === 0 && context.services.length > 0) {
    // Say why nothing was written instead of staying silent.
    const reasons = context.services.map(notApplicable);
    return [{ path: 'security/auth/NOT-APPLICABLE.md', content: `# Authentication\n\nNo authentication code was generated:\n\n${reasons.map((r) => `- ${r}`).join('\n')}\n`, kind: 'markdown', generator: 'auth', notes: reasons }];
  }
  return files;
}
