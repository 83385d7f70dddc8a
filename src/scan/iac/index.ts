/**
 * Infrastructure as code: devsquad's validators over the user's Dockerfiles, compose files,
 * Kubernetes manifests, Terraform, GitHub Actions and GitLab CI, mapped to CWE/OWASP, plus
 * audit-only workflow rules (DSQ-GHA-0101…) and GitLab rules (DSQ-GL-0101). See docs/audit/iac.md.
 */
import type { Scanner } from '../types.js';
import { scanIac } from './scan.js';

export { IAC_MAPPING } from './mapping.js';

export const iacScanner: Scanner = {
  category: 'iac',
  displayName: 'Infrastructure as code',
  scan: scanIac,
};
