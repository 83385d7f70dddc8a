/**
 * GitLab CI rules the audit adds to the validator's (DSQ-GL-0000…0004): a credential written as a
 * literal in `variables:` is committed for everyone who can read the repository. Scanner ids start
 * at DSQ-GL-0101.
 */
import { isSecretLookingName, isSwitchValue } from '../../validate/secret-names.js';
import { isPlaceholder } from '../secrets/allowlist.js';
import { maskSecret } from '../secrets/mask.js';
import type { RuleHit, ScanRule } from './workflow-rules.js';
import { isRecord, type LocatedYaml, type YamlPath } from './yaml-lines.js';

export const GITLAB_SCAN_RULES = {
  literalSecret: {
    id: 'DSQ-GL-0101',
    title: 'Credential as a literal in CI variables',
    severity: 'high',
    recommendation: 'Delete the value from .gitlab-ci.yml, rotate it, and define it as a masked, protected CI/CD variable in the project or group settings (or fetch it from Vault with `secrets:`).',
  },
} as const satisfies Record<string, ScanRule>;

function literal(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (isRecord(value) && typeof value.value === 'string') return value.value; // { value, description }
  return null;
}

export function checkGitlab(file: LocatedYaml): RuleHit[] {
  if (!isRecord(file.data)) return [];
  const blocks: Array<[unknown, YamlPath]> = [[file.data.variables, ['variables']]];
  for (const [name, job] of Object.entries(file.data)) if (isRecord(job) && name !== 'variables') blocks.push([job.variables, [name, 'variables']]);
  const hits: RuleHit[] = [];
  for (const [variables, path] of blocks) {
    if (!isRecord(variables)) continue;
    for (const [name, raw] of Object.entries(variables)) {
      const value = literal(raw);
      if (value === null || !isSecretLookingName(name) || isSwitchValue(value) || value.includes('$') || isPlaceholder(value)) continue;
      hits.push({ rule: GITLAB_SCAN_RULES.literalSecret, line: file.lineOf([...path, name]), message: `${name} is set to a literal value (${maskSecret(value)}) in the pipeline file` });
    }
  }
  return hits;
}
