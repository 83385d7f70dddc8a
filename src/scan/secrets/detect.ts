/**
 * One file's text → secret findings. Shared by the working-tree scan and the history scan (which
 * feeds it the lines a commit added), so both apply the same rules and allowlists.
 */
import type { Finding } from '../../core/finding.js';
import { isEntropyExempt, isFixturePath, isPlaceholder } from './allowlist.js';
import { findHighEntropy } from './entropy.js';
import { maskSecret, secretFingerprint } from './mask.js';
import { ENTROPY_RULE, ruleForSecretlint, SECRET_RECOMMENDATION, type SecretRule } from './rules.js';
import { findKnownTokens } from './secretlint.js';

export interface SecretHit {
  rule: SecretRule;
  secret: string;
  line: number;
  column: number;
  /** What was found, for the message ("GitHub token", "value of API_KEY"). */
  what: string;
}

/** Passwords in connection strings that are local-development defaults, not secrets anyone issued. */
const DEFAULT_PASSWORDS = new Set(['password', 'pass', 'passwd', 'secret', 'postgres', 'postgresql', 'mysql', 'mariadb', 'root', 'admin', 'guest', 'user', 'dev', 'local', 'redis', 'mongo', 'mongodb', 'rabbitmq', 'app', 'pw', 'pwd']);

/** URL credentials (`scheme://user:pass@host`): skip templated, placeholder and default passwords. */
function isPlaceholderUrl(secret: string): boolean {
  const m = /:\/\/([^:/@\s]*):([^@\s]*)@([^/:?\s]*)/.exec(secret);
  if (!m) return isPlaceholder(secret);
  const [, user = '', password = '', host = ''] = m;
  if (DEFAULT_PASSWORDS.has(password.toLowerCase()) || password === user) return true;
  return isPlaceholder(password) || /example\.(com|org|net)$|^example$/i.test(host);
}

function isPlaceholderToken(rule: SecretRule, secret: string): boolean {
  if (rule.id === 'DSQ-SEC-0008' || rule.id === 'DSQ-SEC-0009') return isPlaceholderUrl(secret);
  if (rule.id === 'DSQ-SEC-0007') return /\.\.\.|<|\{\{|\$\{|EXAMPLE|REDACTED/.test(secret);
  return isPlaceholder(secret.replace(/^[a-z]+_/i, ''));
}

export async function detectSecrets(file: string, content: string): Promise<SecretHit[]> {
  const hits: SecretHit[] = [];
  for (const token of await findKnownTokens(content, file)) {
    const rule = ruleForSecretlint(token.secretlintId);
    if (isPlaceholderToken(rule, token.secret)) continue;
    hits.push({ rule, secret: token.secret, line: token.line, column: token.column, what: rule.title });
  }
  if (!isEntropyExempt(file)) {
    for (const e of findHighEntropy(content)) {
      // A value a known-format rule already reported on the same line is one finding, not two.
      if (hits.some((h) => h.line === e.line && (h.secret.includes(e.value) || e.value.includes(h.secret)))) continue;
      hits.push({ rule: ENTROPY_RULE, secret: e.value, line: e.line, column: e.column, what: `high-entropy value of ${e.name}` });
    }
  }
  return hits;
}

export interface FindingContext {
  /** Set for history findings: the commit that added the secret. */
  commit?: string;
}

export function toFinding(file: string, hit: SecretHit, context: FindingContext = {}): Finding {
  // Test fixtures and examples hold fake tokens far more often than real ones: still reported (real
  // ones do get committed there) but as low severity and low confidence, so --fail-on high passes.
  const fixture = isFixturePath(file);
  const where = context.commit ? ` in commit ${context.commit.slice(0, 12)} (deleted since, but still in the git history)` : '';
  return {
    ruleId: hit.rule.id,
    title: hit.rule.title,
    severity: fixture ? 'low' : hit.rule.severity,
    owasp: hit.rule.owasp,
    cwe: [...hit.rule.cwe],
    category: 'secrets',
    confidence: fixture ? 'low' : hit.rule === ENTROPY_RULE ? 'medium' : 'high',
    location: { file, line: hit.line, column: hit.column },
    message: `${hit.what}: ${maskSecret(hit.secret)}${where}`,
    recommendation: SECRET_RECOMMENDATION,
    fingerprint: secretFingerprint(hit.rule.id, file, hit.secret),
  };
}
