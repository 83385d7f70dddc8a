/**
 * Validator rule id → CWE and OWASP Top 10 2021 category, for the rules that are about security.
 * Rules missing from this table are hygiene or correctness (no HEALTHCHECK, apt cache, undeclared
 * Terraform variables, job timeouts): `devsquad validate` reports them, `devsquad audit` does not.
 * Ids ending in -0000 are parse/schema errors and become scan problems, not findings.
 */
export interface SecurityMapping {
  cwe: string[];
  owasp: string;
}

const ROOT = { cwe: ['CWE-250'], owasp: 'A05:2021' }; // execution with unnecessary privileges
const UNPINNED = { cwe: ['CWE-829'], owasp: 'A08:2021' }; // inclusion of functionality from an untrusted control sphere
const NO_INTEGRITY = { cwe: ['CWE-494'], owasp: 'A08:2021' }; // download of code without integrity check
const HARDCODED = { cwe: ['CWE-798'], owasp: 'A07:2021' };
const ESCALATION = { cwe: ['CWE-269'], owasp: 'A01:2021' };
const ISOLATION = { cwe: ['CWE-653'], owasp: 'A05:2021' }; // improper isolation or compartmentalization
const ACCESS = { cwe: ['CWE-284'], owasp: 'A01:2021' };
const UNENCRYPTED_AT_REST = { cwe: ['CWE-311'], owasp: 'A02:2021' };
const CLEARTEXT = { cwe: ['CWE-319'], owasp: 'A02:2021' };
const LOGGED_SECRET = { cwe: ['CWE-532'], owasp: 'A09:2021' };

export const IAC_MAPPING: Readonly<Record<string, SecurityMapping>> = {
  // Dockerfile
  'DSQ-DF-0002': UNPINNED,
  'DSQ-DF-0003': ROOT,
  'DSQ-DF-0007': HARDCODED,
  'DSQ-DF-0008': NO_INTEGRITY,
  'DSQ-DF-0011': NO_INTEGRITY,
  'DSQ-DF-0013': ROOT,
  'DSQ-DF-0018': { cwe: ['CWE-284'], owasp: 'A05:2021' },
  // Compose
  'DSQ-DC-0002': UNPINNED,
  'DSQ-DC-0003': HARDCODED,
  'DSQ-DC-0004': ROOT,
  'DSQ-DC-0005': ROOT,
  'DSQ-DC-0006': ISOLATION,
  'DSQ-DC-0009': { cwe: ['CWE-1327'], owasp: 'A05:2021' }, // binding to an unrestricted IP address
  'DSQ-DC-0012': ROOT,
  // Kubernetes
  'DSQ-K8S-0001': ROOT,
  'DSQ-K8S-0002': ESCALATION,
  'DSQ-K8S-0003': ROOT,
  'DSQ-K8S-0004': ROOT,
  'DSQ-K8S-0005': { cwe: ['CWE-732'], owasp: 'A05:2021' },
  'DSQ-K8S-0008': UNPINNED,
  'DSQ-K8S-0010': ISOLATION,
  'DSQ-K8S-0011': { cwe: ['CWE-668'], owasp: 'A05:2021' },
  'DSQ-K8S-0012': { cwe: ['CWE-250'], owasp: 'A01:2021' },
  'DSQ-K8S-0013': { cwe: ['CWE-693'], owasp: 'A05:2021' },
  // Terraform
  'DSQ-TF-0001': UNENCRYPTED_AT_REST,
  'DSQ-TF-0002': ACCESS,
  'DSQ-TF-0003': ACCESS,
  'DSQ-TF-0004': ACCESS,
  'DSQ-TF-0005': UNENCRYPTED_AT_REST,
  'DSQ-TF-0006': { cwe: ['CWE-1104'], owasp: 'A06:2021' },
  'DSQ-TF-0007': { cwe: ['CWE-778'], owasp: 'A09:2021' },
  'DSQ-TF-0008': CLEARTEXT,
  'DSQ-TF-0019': UNPINNED,
  'DSQ-TF-0021': ACCESS,
  'DSQ-TF-0022': ACCESS,
  'DSQ-TF-0023': { cwe: ['CWE-693'], owasp: 'A05:2021' },
  'DSQ-TF-0024': CLEARTEXT,
  'DSQ-TF-0025': ACCESS,
  // GitHub Actions (validator rules)
  'DSQ-GHA-0001': UNPINNED,
  'DSQ-GHA-0002': { cwe: ['CWE-272'], owasp: 'A01:2021' }, // least privilege violation
  'DSQ-GHA-0003': { cwe: ['CWE-78', 'CWE-94'], owasp: 'A03:2021' },
  'DSQ-GHA-0004': { cwe: ['CWE-829', 'CWE-94'], owasp: 'A08:2021' },
  'DSQ-GHA-0005': LOGGED_SECRET,
  'DSQ-GHA-0007': { cwe: ['CWE-522'], owasp: 'A04:2021' },
  // GitHub Actions (scanner-only rules, scan/iac/workflow-rules.ts)
  'DSQ-GHA-0101': { cwe: ['CWE-94'], owasp: 'A03:2021' },
  'DSQ-GHA-0102': { cwe: ['CWE-829', 'CWE-94'], owasp: 'A08:2021' },
  'DSQ-GHA-0103': { cwe: ['CWE-214'], owasp: 'A05:2021' }, // process invoked with visible sensitive information
  'DSQ-GHA-0104': { cwe: ['CWE-77'], owasp: 'A03:2021' },
  // GitLab CI
  'DSQ-GL-0002': UNPINNED,
  'DSQ-GL-0004': LOGGED_SECRET,
  'DSQ-GL-0101': HARDCODED,
};

/** Parse and schema errors: the file could not be checked, which is a problem rather than a finding. */
export function isParseRule(ruleId: string): boolean {
  return /-0000$/.test(ruleId) || ruleId === 'DSQ-K8S-0014' || ruleId === 'DSQ-K8S-0015';
}
