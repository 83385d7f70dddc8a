/** Where reports point users: the CWE catalogue and the OWASP Top 10 2021. */

const OWASP_2021: Record<string, string> = {
  A01: 'A01_2021-Broken_Access_Control',
  A02: 'A02_2021-Cryptographic_Failures',
  A03: 'A03_2021-Injection',
  A04: 'A04_2021-Insecure_Design',
  A05: 'A05_2021-Security_Misconfiguration',
  A06: 'A06_2021-Vulnerable_and_Outdated_Components',
  A07: 'A07_2021-Identification_and_Authentication_Failures',
  A08: 'A08_2021-Software_and_Data_Integrity_Failures',
  A09: 'A09_2021-Security_Logging_and_Monitoring_Failures',
  A10: 'A10_2021-Server-Side_Request_Forgery_%28SSRF%29',
};

/** `89`, `cwe-89`, `CWE-89: SQL Injection` → `CWE-89`; null when there is no number. */
export function normalizeCwe(value: string): string | null {
  const match = /(?:cwe[-_ ]?)?(\d+)/i.exec(value);
  return match ? `CWE-${match[1]}` : null;
}

/** `A03:2021` or `A03:2021-Injection` → `A03:2021`; null for anything else. */
export function normalizeOwasp(value: string | undefined): string | null {
  const match = value ? /\b(A(?:0[1-9]|10)):?2021/i.exec(value) : null;
  return match ? `${match[1]!.toUpperCase()}:2021` : null;
}

export function cweUrl(cwe: string): string {
  return `https://cwe.mitre.org/data/definitions/${cwe.replace(/^CWE-/, '')}.html`;
}

export function owaspUrl(owasp: string): string | null {
  const slug = OWASP_2021[owasp.slice(0, 3)];
  return slug ? `https://owasp.org/Top10/${slug}/` : null;
}

