/**
 * Authentication modules for the TypeScript stacks (framework-agnostic, wired in by the doc): jose
 * access tokens with kid + JWKS and issuer/audience checks, rotating refresh tokens with reuse
 * detection, argon2id hashing with a bcrypt fallback, otplib TOTP, OIDC authorization code + PKCE,
 * brute-force lockout, secure cookie settings. One vitest file covers them.
 */
import type { Dependency } from '../shared/doc.js';
import type { StackCode } from '../shared/part.js';
import type { Stack } from '../shared/stack.js';
import { PKCE_VECTOR, type AuthSettings } from './policy.js';

const q = (s: string): string => JSON.stringify(s);

function tokens(s: AuthSettings): string {
  return `import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify, type JWTPayload, type JWTVerifyGetKey, type KeyLike } from 'jose';

export const ISSUER = process.env.AUTH_ISSUER ?? ${q(s.issuer)};
export const AUDIENCE = process.env.AUTH_AUDIENCE ?? ${q(s.audience)};
export const ACCESS_TTL_SECONDS = ${s.accessTtl};
export const REFRESH_TTL_SECONDS = ${s.refreshTtl};
export const ALGORITHM = 'EdDSA';

/** The current signing key; publish every key still in use as a JWKS (kid picks the key on verify). */
export interface SigningKey {
  kid: string;
  privateKey: KeyLike | Uint8Array;
}

export async function signAccessToken(key: SigningKey, subject: string, claims: JWTPayload = {}): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: ALGORITHM, kid: key.kid, typ: 'at+jwt' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(subject)
    .setIssuedAt()
    .setJti(randomUUID())
    .setExpirationTime(Math.floor(Date.now() / 1000) + ACCESS_TTL_SECONDS)
    .sign(key.privateKey);
}

/** Verifies signature (by kid, from a JWKS), algorithm, issuer, audience and expiry. */
export async function verifyAccessToken(token: string, keys: JWTVerifyGetKey): Promise<JWTPayload> {
  const { payload } = await jwtVerify(token, keys, { issuer: ISSUER, audience: AUDIENCE, algorithms: [ALGORITHM], requiredClaims: ['sub', 'exp', 'iat'] });
  return payload;
}

export interface RefreshRecord {
  hash: string;
  userId: string;
  family: string;
  expiresAt: number;
  used: boolean;
}

/** Persist in your database; only hashes are stored, so a leaked table is not a set of live tokens. */
export interface RefreshStore {
  get(hash: string): Promise<RefreshRecord | null>;
  put(record: RefreshRecord): Promise<void>;
  markUsed(hash: string): Promise<void>;
  revokeFamily(family: string): Promise<void>;
}

export class MemoryRefreshStore implements RefreshStore {
  readonly records = new Map<string, RefreshRecord>();
  async get(hash: string): Promise<RefreshRecord | null> { return this.records.get(hash) ?? null; }
  async put(record: RefreshRecord): Promise<void> { this.records.set(record.hash, record); }
  async markUsed(hash: string): Promise<void> { const r = this.records.get(hash); if (r) r.used = true; }
  async revokeFamily(family: string): Promise<void> { for (const [hash, r] of this.records) if (r.family === family) this.records.delete(hash); }
}

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export async function issueRefreshToken(store: RefreshStore, userId: string, family: string = randomUUID(), now = Date.now()): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await store.put({ hash: hashToken(token), userId, family, expiresAt: now + REFRESH_TTL_SECONDS * 1000, used: false });
  return token;
}

export class RefreshReuseError extends Error {}

/**
 * One-time use: a refresh token is exchanged for a new one in the same family. Presenting a used
 * token again means it was stolen (or replayed): the whole family is revoked.
 */
export async function rotateRefreshToken(store: RefreshStore, token: string, now = Date.now()): Promise<{ userId: string; refreshToken: string }> {
  const record = await store.get(hashToken(token));
  if (!record || record.expiresAt <= now) throw new RefreshReuseError('invalid refresh token');
  if (record.used) {
    await store.revokeFamily(record.family);
    throw new RefreshReuseError('refresh token reuse detected: session revoked');
  }
  await store.markUsed(record.hash);
  return { userId: record.userId, refreshToken: await issueRefreshToken(store, record.userId, record.family, now) };
}
`;
}

const PASSWORDS = `import argon2 from 'argon2';
import bcrypt from 'bcryptjs';

/** OWASP's argon2id minimum: 19 MiB, 2 iterations, 1 lane. */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export async function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

/** Verifies argon2id hashes and legacy bcrypt ones; needsRehash says to store hashPassword(password) now. */
export async function verifyPassword(hash: string, password: string): Promise<{ ok: boolean; needsRehash: boolean }> {
  if (hash.startsWith('$2')) {
    const ok = await bcrypt.compare(password, hash);
    return { ok, needsRehash: ok };
  }
  const ok = await argon2.verify(hash, password);
  return { ok, needsRehash: ok && argon2.needsRehash(hash, OPTIONS) };
}
`;

function mfa(issuer: string): string {
  return `import { authenticator } from 'otplib';

authenticator.options = { window: 1 }; // accept the previous and next 30 s step (clock drift)

/** A new TOTP secret and its otpauth:// URI for the QR code; store the secret encrypted. */
export function enrollTotp(account: string, issuer = ${q(issuer)}): { secret: string; uri: string } {
  const secret = authenticator.generateSecret();
  return { secret, uri: authenticator.keyuri(account, issuer, secret) };
}

export function verifyTotp(secret: string, code: string): boolean {
  return /^\\d{6}$/.test(code) && authenticator.verify({ token: code, secret });
}
`;
}

const OIDC = `import { createHash, randomBytes } from 'node:crypto';

export interface OidcClient {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  clientId: string;
  clientSecret?: string;
  redirectUri: string;
}

const b64url = (buf: Buffer): string => buf.toString('base64url');

/** PKCE (RFC 7636, S256). */
export function codeChallenge(verifier: string): string {
  return b64url(createHash('sha256').update(verifier).digest());
}

/** Start a login: keep state, nonce and verifier in the (HttpOnly) session, redirect to url. */
export function authorizationRequest(client: OidcClient, scope = 'openid profile email') {
  const state = b64url(randomBytes(16));
  const nonce = b64url(randomBytes(16));
  const verifier = b64url(randomBytes(32));
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: client.clientId,
    redirect_uri: client.redirectUri,
    scope,
    state,
    nonce,
    code_challenge: codeChallenge(verifier),
    code_challenge_method: 'S256',
  });
  return { url: client.authorizationEndpoint + '?' + params.toString(), state, nonce, verifier };
}

/** The callback: check state, then exchange the code with the verifier. Verify the id_token's nonce next. */
export async function exchangeCode(client: OidcClient, query: { code?: string; state?: string }, expectedState: string, verifier: string): Promise<Record<string, unknown>> {
  if (!query.code || query.state !== expectedState) throw new Error('invalid OIDC callback (state mismatch)');
  const body = new URLSearchParams({ grant_type: 'authorization_code', code: query.code, redirect_uri: client.redirectUri, client_id: client.clientId, code_verifier: verifier });
  if (client.clientSecret) body.set('client_secret', client.clientSecret);
  const response = await fetch(client.tokenEndpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
  if (!response.ok) throw new Error('token endpoint answered ' + response.status);
  return (await response.json()) as Record<string, unknown>;
}
`;

function lockout(s: AuthSettings): string {
  return `/** Brute-force lockout per account and IP: after MAX_ATTEMPTS failures, LOCK_SECONDS of refusals. */
export const MAX_ATTEMPTS = ${s.lockoutAttempts};
export const LOCK_SECONDS = ${s.lockoutSeconds};

export class Lockout {
  private readonly failures = new Map<string, { count: number; lockedUntil: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Seconds left on a lock, 0 when the login may proceed. Check before verifying the password. */
  lockedFor(account: string, ip: string): number {
    const entry = this.failures.get(account + '|' + ip);
    return entry ? Math.max(0, Math.ceil((entry.lockedUntil - this.now()) / 1000)) : 0;
  }

  fail(account: string, ip: string): void {
    const key = account + '|' + ip;
    const entry = this.failures.get(key) ?? { count: 0, lockedUntil: 0 };
    entry.count += 1;
    if (entry.count >= MAX_ATTEMPTS) {
      entry.lockedUntil = this.now() + LOCK_SECONDS * 1000;
      entry.count = 0;
    }
    this.failures.set(key, entry);
  }

  succeed(account: string, ip: string): void {
    this.failures.delete(account + '|' + ip);
  }
}
`;
}

function cookies(s: AuthSettings): string {
  return `/** Cookie settings for the refresh token: not readable by scripts, HTTPS only, not sent cross-site. */
export const REFRESH_COOKIE = '__Host-refresh';

export const refreshCookieOptions = {
  httpOnly: true,
  secure: true,
  sameSite: 'strict' as const,
  path: '/',
  maxAge: ${s.refreshTtl} * 1000,
};
`;
}

function test(): string {
  return `import { createLocalJWKSet, exportJWK, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { Lockout, MAX_ATTEMPTS } from './lockout.js';
import { enrollTotp, verifyTotp } from './mfa.js';
import { codeChallenge, authorizationRequest } from './oidc.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { MemoryRefreshStore, RefreshReuseError, issueRefreshToken, rotateRefreshToken, signAccessToken, verifyAccessToken } from './tokens.js';
import { authenticator } from 'otplib';

async function keyRing() {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'EdDSA' };
  return { signing: { kid: 'k1', privateKey }, jwks: createLocalJWKSet({ keys: [jwk] }) };
}

describe('access tokens', () => {
  it('verifies issuer, audience and kid', async () => {
    const { signing, jwks } = await keyRing();
    const token = await signAccessToken(signing, 'user-1');
    expect((await verifyAccessToken(token, jwks)).sub).toBe('user-1');
  });

  it('rejects a token signed by a key not in the JWKS', async () => {
    const { jwks } = await keyRing();
    const other = await keyRing();
    await expect(verifyAccessToken(await signAccessToken(other.signing, 'user-1'), jwks)).rejects.toThrow();
  });
});

describe('refresh tokens', () => {
  it('rotate, and a reused token revokes the family', async () => {
    const store = new MemoryRefreshStore();
    const first = await issueRefreshToken(store, 'user-1');
    const second = await rotateRefreshToken(store, first);
    expect(second.userId).toBe('user-1');
    await expect(rotateRefreshToken(store, first)).rejects.toBeInstanceOf(RefreshReuseError);
    await expect(rotateRefreshToken(store, second.refreshToken)).rejects.toBeInstanceOf(RefreshReuseError);
  });
});

describe('passwords', () => {
  it('hash with argon2id and verify', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect((await verifyPassword(hash, 'correct horse battery staple')).ok).toBe(true);
    expect((await verifyPassword(hash, 'wrong')).ok).toBe(false);
  });
});

describe('mfa and oidc', () => {
  it('accepts the current TOTP code only', () => {
    const { secret, uri } = enrollTotp('ada@example.com');
    expect(uri.startsWith('otpauth://totp/')).toBe(true);
    expect(verifyTotp(secret, authenticator.generate(secret))).toBe(true);
    expect(verifyTotp(secret, 'abcdef')).toBe(false);
  });

  it('derives the RFC 7636 S256 challenge', () => {
    expect(codeChallenge(${q(PKCE_VECTOR.verifier)})).toBe(${q(PKCE_VECTOR.challenge)});
    const request = authorizationRequest({ issuer: 'https://idp', authorizationEndpoint: 'https://idp/authorize', tokenEndpoint: 'https://idp/token', clientId: 'app', redirectUri: 'https://app/callback' });
    expect(request.url).toContain('code_challenge_method=S256');
  });
});

describe('lockout', () => {
  it('locks an account and IP pair after too many failures', () => {
    let now = 0;
    const lockout = new Lockout(() => now);
    for (let i = 0; i < MAX_ATTEMPTS; i++) lockout.fail('ada', '1.2.3.4');
    expect(lockout.lockedFor('ada', '1.2.3.4')).toBeGreaterThan(0);
    expect(lockout.lockedFor('ada', '5.6.7.8')).toBe(0);
    now += 24 * 3600 * 1000;
    expect(lockout.lockedFor('ada', '1.2.3.4')).toBe(0);
  });
});
`;
}

export function tsAuth(stack: Stack, s: AuthSettings): StackCode {
  const dependencies: Dependency[] = [
    { name: 'jose', version: '^5.9.6' },
    { name: 'argon2', version: '^0.41.1' },
    { name: 'bcryptjs', version: '^2.4.3' },
    { name: 'otplib', version: '^12.0.1' },
    { name: 'vitest', version: '^2.1.8', dev: true },
  ];
  const where = stack === 'fastify' ? 'a Fastify plugin (`app.decorateRequest(\'user\', null)` + an onRequest hook)' : stack === 'nextjs' ? 'route handlers / server actions' : stack === 'nestjs' ? 'a Nest guard (`CanActivate`) and an AuthService' : 'Express middleware and routes';
  return {
    files: [
      { name: 'tokens', code: tokens(s) },
      { name: 'passwords', code: PASSWORDS },
      { name: 'mfa', code: mfa(s.issuer) },
      { name: 'oidc', code: OIDC },
      { name: 'lockout', code: lockout(s) },
      { name: 'cookies', code: cookies(s) },
      { name: 'auth.test', code: test(), test: true },
    ],
    dependencies,
    wiring: [
      `Use the modules from ${where}: read \`Authorization: Bearer\` and call \`verifyAccessToken(token, createRemoteJWKSet(new URL(JWKS_URL)))\` (or a local JWKS) on protected routes.`,
      'Login: `lockout.lockedFor()` → `verifyPassword()` → TOTP if enrolled → `signAccessToken()` + `issueRefreshToken()` in the `__Host-refresh` cookie (`refreshCookieOptions`). Refresh: `rotateRefreshToken()`.',
      'Keep `MemoryRefreshStore` for tests only: implement `RefreshStore` on your database. Key rotation: add the new key to the JWKS, start signing with it, drop the old one after ACCESS_TTL_SECONDS.',
    ],
  };
}
