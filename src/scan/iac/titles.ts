/** Rule titles from the validators' rule tables, so findings carry the same title `validate` shows. */
import { COMPOSE_RULES } from '../../validate/compose-rules.js';
import { DOCKERFILE_RULES } from '../../validate/dockerfile-rules.js';
import { GHA_RULES } from '../../validate/github-actions-rules.js';
import { GITLAB_RULES } from '../../validate/gitlab-ci.js';
import { K8S_RULES } from '../../validate/kubernetes-rules.js';
import { CLOUD_RULES } from '../../validate/terraform-cloud-rules.js';
import { TF_RULES } from '../../validate/terraform-rules.js';
import type { RuleInfo } from '../../validate/types.js';

let cache: Map<string, string> | null = null;

export function ruleTitles(): Map<string, string> {
  if (cache) return cache;
  const all: RuleInfo[] = [...DOCKERFILE_RULES, ...COMPOSE_RULES, ...K8S_RULES, ...GHA_RULES, ...Object.values(GITLAB_RULES), ...Object.values(TF_RULES), ...Object.values(CLOUD_RULES)];
  cache = new Map(all.map((r) => [r.id, r.title]));
  return cache;
}
