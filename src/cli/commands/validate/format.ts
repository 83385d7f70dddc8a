/** One diagnostic as a line a user can click: file:line:col severity RULE message, then the fix. */
import type { Colors } from '../../io.js';
import type { Diagnostic, Severity } from '../../../validate/types.js';

export function formatDiagnostic(d: Diagnostic, c: Colors): string {
  const paint: Record<Severity, (s: string) => string> = { critical: (s) => c.bold(c.red(s)), high: c.red, medium: c.yellow, low: c.cyan, info: c.dim };
  const where = `${d.file}${d.line ? `:${d.line}${d.column ? `:${d.column}` : ''}` : ''}`;
  return `${where}  ${paint[d.severity](d.severity.padEnd(8))} ${c.bold(d.ruleId)}  ${d.message}\n    ${c.dim(`→ ${d.recommendation}`)}`;
}
