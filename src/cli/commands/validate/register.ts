/** Registers `devsquad validate` on the program; the command itself lives in index.ts (lazily imported). */
import type { Command } from 'commander';
import type { CommandWiring } from '../../wiring.js';

export function registerValidate(program: Command, { io, setExit }: CommandWiring): void {
  program
    .command('validate')
    .description('Check Dockerfiles, compose, .dockerignore, Kubernetes, GitHub Actions and Terraform files with the validators devsquad uses')
    .argument('<files...>', 'files to check')
    .option('--kind <kind>', 'treat the files as this kind: dockerfile, compose, dockerignore, kubernetes, github-actions, terraform')
    .option('--json', 'print the findings as JSON')
    .option('--fail-on <severity>', 'exit 1 when a finding is at or above: critical, high, medium, low, info', 'high')
    .addHelpText('after', `
Every finding has a stable rule id (DSQ-DF-… Dockerfile, DSQ-DC-… compose, DSQ-DI-… .dockerignore,
DSQ-K8S-… Kubernetes, DSQ-GHA-… GitHub Actions, DSQ-TF-… Terraform),
documented in docs/rules/.

Examples:
  devsquad validate Dockerfile
  devsquad validate deploy/compose.prod.yaml --fail-on medium
  devsquad validate build/app.containerfile --kind dockerfile --json`)
    .action(async (files: string[], opts: { kind?: string; json?: boolean; failOn?: string }) => {
      const { validate } = await import('./index.js');
      setExit(await validate({ files, ...opts }, io));
    });
}
