import type { Generator } from '../../types.js';
import { generate, inputs, type AuthInputs } from './generate.js';

export const authGenerator: Generator<AuthInputs> = {
  id: 'auth',
  displayName: 'Authentication',
  description: 'JWT access + rotating refresh tokens, OIDC with PKCE, TOTP MFA, argon2id passwords, secure cookies and lockout, as tested modules for the framework.',
  inputs,
  generate,
};
