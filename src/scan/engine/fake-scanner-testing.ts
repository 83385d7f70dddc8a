/** A scanner for engine and report tests: returns the findings and problems it is given. */
import type { Finding } from '../../core/finding.js';
import type { Scanner, ScanCategory, ScanProblem } from '../types.js';

export function finding(partial: Partial<Finding> & { ruleId: string; file: string; line: number }): Finding {
  const { file, line, ...rest } = partial;
  return {
    title: `${partial.ruleId} title`,
    severity: 'high',
    category: 'code',
    message: `${partial.ruleId} at ${file}:${line}`,
    recommendation: 'Fix it.',
    fingerprint: '',
    ...rest,
    location: { file, line },
  };
}

export function fakeScanner(category: ScanCategory, findings: Finding[], problems: ScanProblem[] = [], scanned = 1): Scanner & { calls: number } {
  const scanner = {
    category,
    displayName: `Fake ${category}`,
    calls: 0,
    scan: async (_repo: unknown, options: { progress?: (p: number, m: string) => void }) => {
      scanner.calls += 1;
      options.progress?.(50, 'halfway');
      await Promise.resolve();
      return { findings: findings.map((f) => ({ ...f, location: { ...f.location } })), problems, scanned };
    },
  };
  return scanner;
}
