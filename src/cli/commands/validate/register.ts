/** Registers `devsquad validate` on the program; the command itself lives in index.ts (lazily imported). */
import type { Command } from 'commander';
import type { CommandWiring } from '../../wiring.js';

export function registerValidate(program: Command, { io, setExit }: CommandWiring): void {
  program
    .command('validate')
    .description('Check your own infrastructure and monitoring files with the validators devsquad uses on its output')
    .argument('<files...>', 'files to check')
    .option('--kind <kind>', 'treat the files as this kind: alertmanager, ansible, circleci, compose, dockerfile, dockerignore, github-actions, gitlab-ci, grafana-dashboard, helm, jenkinsfile, kubernetes, otel-collector, platform, prometheus-rules, terraform')
    .option('--json', 'print the findings as JSON')
    .option('--fail-on <severity>', 'exit 1 when a finding is at or above: critical, high, medium, low, info', 'high')
    .addHelpText('after', `
Without --kind, the kind comes from the file name. Every finding has a stable rule id, documented
with a bad and a good example in docs/rules/: DSQ-DF Dockerfile, DSQ-DC compose, DSQ-DI .dockerignore,
DSQ-K8S Kubernetes, DSQ-HELM Helm, DSQ-GHA GitHub Actions, DSQ-GL GitLab CI, DSQ-CC CircleCI,
DSQ-JK Jenkinsfile, DSQ-TF Terraform, DSQ-PF platform configs, DSQ-AN Ansible, DSQ-PROM Prometheus
rules, DSQ-AM Alertmanager, DSQ-GF Grafana dashboards, DSQ-OTEL OpenTelemetry Collector and Alloy.

Examples:
  devsquad validate Dockerfile
  devsquad validate deploy/compose.prod.yaml --fail-on medium
  devsquad validate build/app.containerfile --kind dockerfile --json
  devsquad validate .gitlab-ci.yml deploy/helm/shop/Chart.yaml monitoring/prometheus/rules/*.yml`)
    .action(async (files: string[], opts: { kind?: string; json?: boolean; failOn?: string }) => {
      const { validate } = await import('./index.js');
      setExit(await validate({ files, ...opts }, io));
    });
}
