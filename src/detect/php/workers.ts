/**
 * Queue workers and schedulers run from the same image as the web service: every Procfile process
 * other than `web` and `release` becomes a service of kind 'worker' named `<web>-<process>`.
 */
import type { ServicePlan } from '../../plan/schema.js';
import { addEvidence, serviceName } from '../../plan/service.js';
import type { PhpProject } from './project.js';

const WEB_ONLY_FACTS = /^(port|health|start|migrate)$/;

export function workerServices(web: ServicePlan, project: PhpProject): ServicePlan[] {
  const procfile = project.procfile;
  if (!procfile) return [];
  const workers: ServicePlan[] = [];
  for (const entry of procfile.entries) {
    if (entry.process === 'web' || entry.process === 'release') continue;
    const worker = structuredClone(web);
    worker.name = serviceName(`${web.name}-${entry.process}`);
    worker.kind = 'worker';
    worker.port = { value: null, envVar: null, bindAddress: null };
    worker.health = { path: null };
    worker.commands.start = entry.command;
    worker.commands.migrate = null;
    // A CLI process needs no web server in front of it.
    worker.build.features = worker.build.features.filter((f) => f !== 'php-fpm');
    worker.evidence = worker.evidence.filter((e) => !WEB_ONLY_FACTS.test(e.fact));
    addEvidence(worker, 'start', procfile.file, `${entry.process}: ${entry.command}`, entry.line);
    workers.push(worker);
  }
  return workers;
}
