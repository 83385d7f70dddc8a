/**
 * Secret rules as data: one DSQ-SEC id per token family. secretlint rule ids map onto them (several
 * secretlint rules can share a family); DSQ-SEC-0050 is our own high-entropy detector. Ids are stable
 * and never reused (CONVENTIONS.md 7).
 *
 * OWASP: a hard-coded credential is an authentication failure (A07:2021, CWE-798). Private keys are
 * key material rather than a login: they map to A02:2021 Cryptographic Failures with CWE-321 (hard-coded
 * cryptographic key) alongside CWE-798, so SARIF consumers filtering on either category see them.
 */
import type { Severity } from '../../validate/types.js';

export interface SecretRule {
  id: string;
  title: string;
  severity: Severity;
  owasp: string;
  cwe: string[];
  /** secretlint rule ids (without the `@secretlint/secretlint-rule-` prefix) this family covers. */
  secretlint: string[];
}

const CRED = { owasp: 'A07:2021', cwe: ['CWE-798'] };

export const SECRET_RULES: readonly SecretRule[] = [
  { id: 'DSQ-SEC-0001', title: 'AWS access key', severity: 'critical', ...CRED, secretlint: ['aws'] },
  { id: 'DSQ-SEC-0002', title: 'GCP service account key', severity: 'critical', ...CRED, secretlint: ['gcp'] },
  { id: 'DSQ-SEC-0003', title: 'GitHub token', severity: 'high', ...CRED, secretlint: ['github'] },
  { id: 'DSQ-SEC-0004', title: 'GitLab token', severity: 'high', ...CRED, secretlint: ['gitlab'] },
  { id: 'DSQ-SEC-0005', title: 'Slack token or webhook', severity: 'high', ...CRED, secretlint: ['slack'] },
  { id: 'DSQ-SEC-0006', title: 'npm access token', severity: 'high', ...CRED, secretlint: ['npm'] },
  { id: 'DSQ-SEC-0007', title: 'Private key', severity: 'critical', owasp: 'A02:2021', cwe: ['CWE-798', 'CWE-321'], secretlint: ['privatekey'] },
  { id: 'DSQ-SEC-0008', title: 'Credentials in a URL (basic auth)', severity: 'high', ...CRED, secretlint: ['basicauth'] },
  { id: 'DSQ-SEC-0009', title: 'Database connection string with a password', severity: 'high', ...CRED, secretlint: ['database-connection-string'] },
  { id: 'DSQ-SEC-0010', title: 'AI provider API key (OpenAI, Anthropic, Groq, Hugging Face)', severity: 'high', ...CRED, secretlint: ['openai', 'anthropic', 'groq', 'huggingface'] },
  { id: 'DSQ-SEC-0011', title: 'SaaS API token (SendGrid, Shopify, Linear, Notion, Figma, Vercel, Databricks, Grafana)', severity: 'high', ...CRED, secretlint: ['sendgrid', 'shopify', 'linear', 'notion', 'figma', 'vercel', 'databricks', 'grafana'] },
  { id: 'DSQ-SEC-0012', title: 'Secret-manager token (HashiCorp Vault, 1Password)', severity: 'critical', ...CRED, secretlint: ['hashicorp-vault', '1password'] },
  { id: 'DSQ-SEC-0013', title: 'Docker registry credentials', severity: 'high', ...CRED, secretlint: ['docker'] },
  { id: 'DSQ-SEC-0049', title: 'Known token format', severity: 'high', ...CRED, secretlint: [] },
  { id: 'DSQ-SEC-0050', title: 'High-entropy value assigned to a secret-like name', severity: 'medium', ...CRED, secretlint: [] },
];

export const ENTROPY_RULE = SECRET_RULES.find((r) => r.id === 'DSQ-SEC-0050')!;
const FALLBACK_RULE = SECRET_RULES.find((r) => r.id === 'DSQ-SEC-0049')!;

/** The family for a secretlint rule id such as `@secretlint/secretlint-rule-github`. */
export function ruleForSecretlint(secretlintId: string): SecretRule {
  const short = secretlintId.replace(/^@secretlint\/secretlint-rule-/, '');
  return SECRET_RULES.find((r) => r.secretlint.includes(short)) ?? FALLBACK_RULE;
}

export const SECRET_RECOMMENDATION =
  'Revoke and rotate the credential first (it is in the git history for good), then remove it from the file and load it at run time from the environment or a secret manager (Vault, AWS/GCP/Azure secret managers, SOPS).';
