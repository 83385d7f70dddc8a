import type { Generator } from '../../types.js';
import { generate, inputs, type HeadersInputs } from './generate.js';

export const headersGenerator: Generator<HeadersInputs> = {
  id: 'headers',
  displayName: 'Security headers',
  description: 'Strict nonce-based CSP (report-only first), HSTS, frame, referrer, permissions and cross-origin headers for the framework and the edge (nginx, Caddy, Cloudflare).',
  inputs,
  generate,
};
