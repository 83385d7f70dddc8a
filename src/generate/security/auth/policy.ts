/** The auth settings every stack shares, from the part's inputs. */
import { z } from 'zod';

export const inputs = z.object({
  /** Access token lifetime in seconds (short: refresh tokens carry the session). */
  accessTtlSeconds: z.coerce.number().int().min(60).max(3600).default(900),
  /** Refresh token lifetime in days; each use rotates it. */
  refreshTtlDays: z.coerce.number().int().min(1).max(90).default(30),
  /** Failed logins before an account and IP pair is locked out. */
  lockoutAttempts: z.coerce.number().int().min(3).max(20).default(5),
  /** Lockout duration in minutes. */
  lockoutMinutes: z.coerce.number().int().min(1).max(1440).default(15),
  /** The JWT issuer and audience; default: the project name and `<project>-api`. */
  issuer: z.string().optional(),
  audience: z.string().optional(),
});
export type AuthInputs = z.infer<typeof inputs>;

export interface AuthSettings {
  issuer: string;
  audience: string;
  accessTtl: number;
  refreshTtl: number;
  lockoutAttempts: number;
  lockoutSeconds: number;
}

export function settings(project: string, options: AuthInputs): AuthSettings {
  return {
    issuer: options.issuer ?? `https://${project}.example`,
    audience: options.audience ?? `${project}-api`,
    accessTtl: options.accessTtlSeconds,
    refreshTtl: options.refreshTtlDays * 86400,
    lockoutAttempts: options.lockoutAttempts,
    lockoutSeconds: options.lockoutMinutes * 60,
  };
}

/** RFC 7636 appendix B: the verifier and its S256 challenge, used by every stack's PKCE test. */
export const PKCE_VECTOR = { verifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk', challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM' };
