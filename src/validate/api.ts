/**
 * The validator registry: one per file kind, in alphabetical order. `devsquad validate` picks one
 * by --kind or by file name; the writer runs the one for each generated file's kind.
 */
import type { FileKind } from '../generate/types.js';
import type { Validator } from './types.js';
import { alertmanagerValidator } from './alertmanager.js';
import { ansibleValidator } from './ansible.js';
import { circleciValidator } from './circleci.js';
import { composeValidator } from './compose.js';
import { dockerfileValidator } from './dockerfile.js';
import { dockerignoreValidator } from './dockerignore.js';
import { githubActionsValidator } from './github-actions.js';
import { gitlabCiValidator } from './gitlab-ci.js';
import { grafanaDashboardValidator } from './grafana-dashboard.js';
import { helmValidator } from './helm.js';
import { jenkinsfileValidator } from './jenkinsfile.js';
import { kubernetesValidator } from './kubernetes.js';
import { otelCollectorValidator } from './otel-collector.js';
import { platformValidator } from './platform.js';
import { prometheusRulesValidator } from './prometheus-rules.js';
import { terraformValidator } from './terraform.js';

export const validators: ReadonlyMap<FileKind, Validator> = new Map<FileKind, Validator>([
  ['alertmanager', alertmanagerValidator],
  ['ansible', ansibleValidator],
  ['circleci', circleciValidator],
  ['compose', composeValidator],
  ['dockerfile', dockerfileValidator],
  ['dockerignore', dockerignoreValidator],
  ['github-actions', githubActionsValidator],
  ['gitlab-ci', gitlabCiValidator],
  ['grafana-dashboard', grafanaDashboardValidator],
  ['helm', helmValidator],
  ['jenkinsfile', jenkinsfileValidator],
  ['kubernetes', kubernetesValidator],
  ['otel-collector', otelCollectorValidator],
  ['platform', platformValidator],
  ['prometheus-rules', prometheusRulesValidator],
  ['terraform', terraformValidator],
]);

/** The validator for a path, by file name, or undefined. */
export function validatorForPath(path: string): Validator | undefined {
  for (const validator of validators.values()) if (validator.matches(path)) return validator;
  return undefined;
}
