import type { RunbookFacts } from './facts.js';

/** The four runbooks of one target, each rendered from the same facts. */
export interface TargetRunbooks {
  deployment(facts: RunbookFacts): string;
  rollback(facts: RunbookFacts): string;
  infrastructure(facts: RunbookFacts): string;
  troubleshooting(facts: RunbookFacts): string;
}
