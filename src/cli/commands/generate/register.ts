/** Registers `devsquad generate` on the program; the command itself lives in index.ts (lazily imported). */
import { Option, type Command } from 'commander';
import type { CommandWiring } from '../../wiring.js';
import { addWriteOptions } from './options.js';

export function registerGenerate(program: Command, { io, setExit, collect }: CommandWiring): void {
  const command = program
    .command('generate')
    .description('Generate artifacts from the analysis (dry run unless --write or --out)')
    .argument('[path]', 'repository to generate for (and write into with --write)', '.')
    .addOption(new Option('--only <families>', 'artifact families, comma separated: dockerfile, dockerignore, compose, ci, kubernetes, kustomize, helm, terraform, platform, ansible, runbooks').argParser(collect));
  addWriteOptions(command, collect)
    .addOption(new Option('--ci <providers>', 'CI providers for the ci family, comma separated: github, gitlab, circleci, jenkins').argParser(collect))
    .addOption(new Option('--cloud <clouds>', 'clouds for the terraform family, comma separated: aws, gcp, azure, hetzner').argParser(collect))
    .addOption(new Option('--platform <platforms>', 'platforms for the platform family, comma separated: vercel, cloudflare, ecs, cloudrun, cloudformation, fly, render').argParser(collect))
    .addOption(new Option('--input <family.key=value>', 'set a generator input, e.g. dockerignore.extraPatterns=["tmp"]').argParser(collect))
    .addHelpText('after', `
Without --write or --out nothing is written: devsquad shows each file as create, update, unchanged or
conflict, with a diff. It never overwrites a file you wrote or edited unless you pass --force.

Examples:
  devsquad generate                           dry run for the current directory
  devsquad generate . --only dockerfile --service api --write
  devsquad generate --plan plan.json --out /tmp/artifacts
  devsquad generate . --only helm,kustomize --input helm.strategy=canary --input kustomize.strategy=canary
  devsquad generate . --only ci --ci gitlab,jenkins --cloud aws     deploy jobs log in to AWS with OIDC`)
    .action(async (path: string, opts: Record<string, unknown>) => {
      if (wantsTerraform(opts.only)) (await import('../../../validate/terraform-hcl.js')).prewarmHclParser();
      const { generate } = await import('./index.js');
      setExit(await generate({ path, ...opts }, io));
    });
}

/** Terraform is a default family: its parser warms up on another core while the rest loads. */
function wantsTerraform(only: unknown): boolean {
  return !Array.isArray(only) || only.some((list) => String(list).split(',').some((f) => f.trim() === 'terraform'));
}
