/**
 * deploy/deploy.sh and deploy/rollback.sh: the hooks the CI family calls (`deploy.sh <environment>
 * <service> <image@digest>`, `rollback.sh <environment> <service>`), written for each service's
 * strategy (plan.ts). Bash with `set -euo pipefail`; every argument is checked against a fixed list
 * and every expansion is quoted, so nothing from CI becomes shell code. kubectl flags go after the
 * subcommand because kubectl refuses flags before a plugin name (`kubectl argo rollouts`).
 */
import type { ProjectPlan, ServicePlan } from '../../../plan/schema.js';
import { headerComment } from '../../types.js';
import { projectName } from '../names.js';
import { blueGreenNames, canaryName, PHASE_ANNOTATION, PREVIOUS_SLOT_ANNOTATION, serviceStrategy, SLOT_LABEL, type ServiceStrategy, type StrategyInputs } from './plan.js';

export interface HookInputs extends StrategyInputs {
  namespace?: string | undefined;
}

/** The per-service mode the scripts dispatch on. */
export function hookMode(s: ServiceStrategy): string {
  if (s.strategy === 'rolling') return 'rolling';
  return `${s.strategy}-${s.rollouts ? 'rollout' : 'deployments'}`;
}

function preamble(plan: ProjectPlan, strategies: readonly ServiceStrategy[], inputs: HookInputs, usage: string, purpose: string[], waits = true): string[] {
  const prefix = inputs.namespace ?? projectName(plan);
  const names = strategies.map((s) => s.service.name);
  const needsArgo = strategies.some((s) => s.rollouts);
  return [
    '#!/usr/bin/env bash',
    headerComment('#', `the plan for ${plan.name}`),
    ...purpose.map((l) => `# ${l}`),
    '#',
    `# Environment: NAMESPACE (default ${prefix}-<dev|staging|prod>), KUBE_CONTEXT (kubeconfig context),`,
    '# ROLLOUT_TIMEOUT_SECONDS (default 600)' + (strategies.some((s) => s.strategy !== 'rolling') ? ', DEPLOY_PROMOTE (auto|manual, default auto), CANARY_OBSERVE_SECONDS (default 60).' : '.'),
    'set -euo pipefail',
    '',
    `usage() { echo "usage: $0 ${usage}" >&2; exit 64; }`,
    'die() { echo "$(basename "$0"): $*" >&2; exit 1; }',
    '',
    `[ "$#" -eq ${usage.split(' ').length} ] || usage`,
    'environment=$1',
    'service=$2',
    'case "$environment" in',
    '  dev | development) overlay=dev ;;',
    '  staging) overlay=staging ;;',
    '  prod | production) overlay=prod ;;',
    '  *) die "unknown environment \'$environment\' (dev, staging or production)" ;;',
    'esac',
    '',
    '# Strategy per service, from devsquad\'s kubernetes inputs (strategy, rollouts).',
    'case "$service" in',
    ...strategies.map((s) => `  '${s.service.name}') mode='${hookMode(s)}' ;;`),
    `  *) die "unknown service '$service' (${names.join(', ')})" ;;`,
    'esac',
    '',
    `namespace=\${NAMESPACE:-${prefix}-$overlay}`,
    ...(waits ? ['timeout=${ROLLOUT_TIMEOUT_SECONDS:-600}'] : []),
    'flags=(--namespace "$namespace")',
    'if [ -n "${KUBE_CONTEXT:-}" ]; then flags+=(--context "$KUBE_CONTEXT"); fi',
    'k() { kubectl "$@" "${flags[@]}"; }',
    '',
    'require() {',
    '  k get "$1" "$2" >/dev/null || die "$1/$2 is not in namespace $namespace: apply the manifests first (kubectl apply -k deploy/kustomize/overlays/$overlay)"',
    '}',
    ...(needsArgo ? [
      '',
      '# Argo Rollouts: a release is done when the pods of the current template are the stable ones.',
      'argo() {',
      '  kubectl argo rollouts version >/dev/null 2>&1 || die "the kubectl argo rollouts plugin is not installed (https://argo-rollouts.readthedocs.io/en/stable/installation/)"',
      '  kubectl argo rollouts "$@" "${flags[@]}"',
      '}',
      'field() { k get rollout "$service" -o "jsonpath={.status.$1}"; }',
      'wait_rollout() { # wait_rollout paused|healthy',
      '  local deadline=$((SECONDS + timeout)) phase',
      '  while :; do',
      '    phase=$(field phase)',
      '    if [ "$phase" = Degraded ]; then die "rollout $service is Degraded: $(field message)"; fi',
      '    if [ "$phase" = Healthy ] && [ "$(field currentPodHash)" = "$(field stableRS)" ]; then return 0; fi',
      '    if [ "$1" = paused ] && [ "$phase" = Paused ]; then return 0; fi',
      '    if [ "$SECONDS" -ge "$deadline" ]; then die "rollout $service still $phase after ${timeout}s"; fi',
      '    sleep 5',
      '  done',
      '}',
    ] : []),
  ];
}

function deployBody(strategies: readonly ServiceStrategy[]): string[] {
  const modes = new Set(strategies.map(hookMode));
  const lines = [
    '',
    'image=$3',
    'case "$image" in',
    '  "" | *[[:space:]]*) die "image reference \'$image\' is empty or holds whitespace" ;;',
    'esac',
    'promote=${DEPLOY_PROMOTE:-auto}',
    'case "$promote" in auto | manual) ;; *) die "DEPLOY_PROMOTE must be auto or manual" ;; esac',
    '',
    'case "$mode" in',
  ];
  if (modes.has('rolling')) {
    lines.push(
      '  rolling)',
      '    require deployment "$service"',
      '    k set image "deployment/$service" "$service=$image"',
      '    k rollout status "deployment/$service" --timeout "${timeout}s"',
      '    ;;',
    );
  }
  for (const mode of ['blue-green-rollout', 'canary-rollout']) {
    if (!modes.has(mode)) continue;
    lines.push(
      `  ${mode})`,
      '    require rollout "$service"',
      '    argo set image "$service" "$service=$image"',
      '    sleep 5 # let the controller see the new template',
      '    wait_rollout paused',
      '    if [ "$(field phase)" = Paused ]; then',
      ...(mode === 'canary-rollout' ? [
        '      if [ "$promote" = auto ]; then',
        '        sleep "${CANARY_OBSERVE_SECONDS:-60}"',
        '        [ "$(field phase)" = Paused ] || die "canary of $service left the paused step: $(field phase)"',
        '      fi',
      ] : []),
      '      if [ "$promote" = manual ]; then',
      `        echo "$service is paused at the ${mode === 'canary-rollout' ? 'canary step' : 'preview'}; promote: kubectl argo rollouts promote $service -n $namespace"`,
      '        exit 0',
      '      fi',
      '      argo promote "$service"',
      '      wait_rollout healthy',
      '    fi',
      '    ;;',
    );
  }
  if (modes.has('blue-green-deployments')) {
    const example = strategies.find((s) => hookMode(s) === 'blue-green-deployments');
    const preview = example ? blueGreenNames(example.service).preview.slice(example.service.name.length) : '-preview';
    lines.push(
      '  blue-green-deployments)',
      `    active=$(k get service "$service" -o 'jsonpath={.spec.selector.${SLOT_LABEL.replace(/\./g, '\\.')}}')`,
      '    case "$active" in',
      '      blue) idle=green ;;',
      '      green) idle=blue ;;',
      `      *) die "Service $service selects no colour (${SLOT_LABEL} is '$active')" ;;`,
      '    esac',
      `    k annotate --overwrite service "$service" "${PREVIOUS_SLOT_ANNOTATION}=none"`,
      '    k set image "deployment/$service-$idle" "$service=$image"',
      '    k rollout status "deployment/$service-$idle" --timeout "${timeout}s"',
      '    if [ "$promote" = manual ]; then',
      `      echo "$service-$idle runs $image; test it on Service $service${preview}, then switch with DEPLOY_PROMOTE=auto $0 $environment $service $image"`,
      '      exit 0',
      '    fi',
      `    k annotate --overwrite service "$service" "${PREVIOUS_SLOT_ANNOTATION}=$active"`,
      `    k patch service "$service" --type merge -p "{\\"spec\\":{\\"selector\\":{\\"${SLOT_LABEL}\\":\\"$idle\\"}}}"`,
      `    k patch service "$service${preview}" --type merge -p "{\\"spec\\":{\\"selector\\":{\\"${SLOT_LABEL}\\":\\"$active\\"}}}"`,
      '    echo "$service now serves $idle ($image); $active keeps the previous version for rollback"',
      '    ;;',
    );
  }
  if (modes.has('canary-deployments')) {
    const example = strategies.find((s) => hookMode(s) === 'canary-deployments');
    const suffix = example ? canaryName(example.service).slice(example.service.name.length) : '-canary';
    lines.push(
      '  canary-deployments)',
      '    require deployment "$service"',
      `    canary="$service${suffix}"`,
      `    k annotate --overwrite deployment "$canary" "${PHASE_ANNOTATION}=canary"`,
      '    k set image "deployment/$canary" "$service=$image"',
      '    k scale "deployment/$canary" --replicas=1',
      '    k rollout status "deployment/$canary" --timeout "${timeout}s"',
      '    if [ "$promote" = manual ]; then',
      '      echo "$canary runs $image next to the stable pods; promote with DEPLOY_PROMOTE=auto $0 $environment $service $image"',
      '      exit 0',
      '    fi',
      '    sleep "${CANARY_OBSERVE_SECONDS:-60}"',
      '    [ "$(k get deployment "$canary" -o \'jsonpath={.status.availableReplicas}\')" = 1 ] || die "canary $canary is not available"',
      `    k annotate --overwrite deployment "$canary" "${PHASE_ANNOTATION}=promoted"`,
      '    k set image "deployment/$service" "$service=$image"',
      '    k rollout status "deployment/$service" --timeout "${timeout}s"',
      '    k scale "deployment/$canary" --replicas=0',
      `    k annotate --overwrite deployment "$canary" "${PHASE_ANNOTATION}=none"`,
      '    ;;',
    );
  }
  lines.push('esac');
  return lines;
}

function rollbackBody(strategies: readonly ServiceStrategy[]): string[] {
  const modes = new Set(strategies.map(hookMode));
  const lines = ['', 'case "$mode" in'];
  if (modes.has('rolling')) {
    lines.push(
      '  rolling)',
      '    require deployment "$service"',
      '    k rollout undo "deployment/$service"',
      '    k rollout status "deployment/$service" --timeout "${timeout}s"',
      '    ;;',
    );
  }
  const argoModes = ['blue-green-rollout', 'canary-rollout'].filter((m) => modes.has(m));
  if (argoModes.length > 0) {
    lines.push(
      `  ${argoModes.join(' | ')})`,
      '    require rollout "$service"',
      '    if [ "$(field currentPodHash)" != "$(field stableRS)" ]; then',
      '      # A release is under way or paused: abort sends all traffic back to the stable pods, and undo',
      '      # puts the template back to the stable version so the Rollout is Healthy rather than Degraded.',
      '      argo abort "$service"',
      '      argo undo "$service"',
      '    else',
      '      # The new version was fully promoted: go back one revision, skipping the steps it already passed.',
      '      argo undo "$service"',
      '      sleep 5',
      '      argo promote --full "$service"',
      '    fi',
      '    wait_rollout healthy',
      '    ;;',
    );
  }
  if (modes.has('blue-green-deployments')) {
    const example = strategies.find((s) => hookMode(s) === 'blue-green-deployments');
    const preview = example ? blueGreenNames(example.service).preview.slice(example.service.name.length) : '-preview';
    lines.push(
      '  blue-green-deployments)',
      `    previous=$(k get service "$service" -o 'jsonpath={.metadata.annotations.${PREVIOUS_SLOT_ANNOTATION.replace(/\./g, '\\.')}}')`,
      '    case "$previous" in',
      '      blue) other=green ;;',
      '      green) other=blue ;;',
      '      *)',
      '        echo "$service: the last deploy did not switch the Service; it still serves the previous version"',
      '        exit 0',
      '        ;;',
      '    esac',
      `    k patch service "$service" --type merge -p "{\\"spec\\":{\\"selector\\":{\\"${SLOT_LABEL}\\":\\"$previous\\"}}}"`,
      `    k patch service "$service${preview}" --type merge -p "{\\"spec\\":{\\"selector\\":{\\"${SLOT_LABEL}\\":\\"$other\\"}}}"`,
      `    k annotate --overwrite service "$service" "${PREVIOUS_SLOT_ANNOTATION}=none"`,
      '    echo "$service serves $previous again"',
      '    ;;',
    );
  }
  if (modes.has('canary-deployments')) {
    const example = strategies.find((s) => hookMode(s) === 'canary-deployments');
    const suffix = example ? canaryName(example.service).slice(example.service.name.length) : '-canary';
    lines.push(
      '  canary-deployments)',
      `    canary="$service${suffix}"`,
      `    phase=$(k get deployment "$canary" -o 'jsonpath={.metadata.annotations.${PHASE_ANNOTATION.replace(/\./g, '\\.')}}')`,
      '    k scale "deployment/$canary" --replicas=0',
      '    if [ "$phase" = promoted ]; then',
      '      k rollout undo "deployment/$service"',
      '      k rollout status "deployment/$service" --timeout "${timeout}s"',
      '    fi',
      `    k annotate --overwrite deployment "$canary" "${PHASE_ANNOTATION}=none"`,
      '    ;;',
    );
  }
  lines.push('esac');
  return lines;
}

export interface HookScripts {
  deploy: string;
  rollback: string;
  strategies: ServiceStrategy[];
}

export function hookScripts(plan: ProjectPlan, services: readonly ServicePlan[], inputs: HookInputs): HookScripts {
  const strategies = services.map((s) => serviceStrategy(s, inputs));
  const deploy = [
    ...preamble(plan, strategies, inputs, '<environment> <service> <image[@digest]>', [
      'Deploys one service\'s image to one environment; the CI pipeline calls it after pushing the image.',
      'The objects must exist first: kubectl apply -k deploy/kustomize/overlays/<overlay> (or the plain manifests).',
    ]),
    ...deployBody(strategies),
  ];
  const rollback = [
    ...preamble(plan, strategies, inputs, '<environment> <service>', [
      'Returns one service to its previous version in one environment; the CI pipeline calls it when a deploy or smoke test fails.',
    ], strategies.some((s) => hookMode(s) !== 'blue-green-deployments')),
    ...rollbackBody(strategies),
  ];
  return { deploy: `${deploy.join('\n')}\n`, rollback: `${rollback.join('\n')}\n`, strategies };
}
