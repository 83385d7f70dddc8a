/** Registers `devsquad observe` on the program; the command itself lives in index.ts (lazily imported). */
import { Option, type Command } from 'commander';
import type { CommandWiring } from '../../wiring.js';
import { addWriteOptions } from '../generate/options.js';

/**
 * The part names for --help, written out so that registering the command does not load every monitoring
 * generator (and their dependencies) on each devsquad start; register.test.ts keeps it equal to the
 * registry in src/generate/monitoring/api.ts.
 */
export const MONITORING_PART_NAMES: readonly string[] = ['alerts', 'dashboards', 'health', 'logging', 'otel', 'sentry', 'slo'];

export function registerObserve(program: Command, { io, setExit, collect }: CommandWiring): void {
  const command = program
    .command('observe')
    .description('Generate the observability setup: error tracking, instrumentation, dashboards, SLOs, health checks, logging, alerts')
    .argument('[path]', 'repository to generate for (and write into with --write)', '.')
    .addOption(new Option('--only <parts>', `monitoring parts, comma separated: ${MONITORING_PART_NAMES.join(', ')}`).argParser(collect));
  addWriteOptions(command, collect)
    .addOption(new Option('--input <part.key=value>', 'set a part input, e.g. slo.objective=99.5').argParser(collect))
    .addHelpText('after', `
Every part reads the same plan and one metric naming contract (docs/monitoring/metrics.md): the metric
names the app exposes are the ones the dashboards query, the SLOs measure and the alerts fire on.
Nothing is written without --write or --out; files you edited are never overwritten without --force.

Examples:
  devsquad observe                              dry run of every part for the current directory
  devsquad observe . --only slo,alerts --write  SLOs, burn-rate alerts, Alertmanager routes and runbooks
  devsquad observe . --only dashboards --out /tmp/grafana`)
    .action(async (path: string, opts: Record<string, unknown>) => {
      const { observe } = await import('./index.js');
      setExit(await observe({ path, ...opts }, io));
    });
}
