/**
 * Background workers run from the same image as the web service: every Procfile process other than
 * `web` and `release` (Heroku semantics), or Sidekiq when the app configures it (config/sidekiq.yml).
 * Each becomes a service of kind 'worker' named `<web>-<process>`.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath } from '../../core/repo/repo-fs.js';
import type { ServicePlan } from '../../plan/schema.js';
import { addEvidence, serviceName } from '../../plan/service.js';
import { gemLine, type RubyProject } from './project.js';

const WEB_ONLY_FACTS = /^(port|health|start|migrate)$/;

export function workerServices(repo: RepoFs, web: ServicePlan, project: RubyProject): ServicePlan[] {
  const workers: ServicePlan[] = [];
  const procfile = project.procfile;
  for (const entry of procfile?.entries ?? []) {
    if (entry.process === 'web' || entry.process === 'release') continue;
    const worker = workerFrom(web, entry.process === 'worker' ? 'worker' : entry.process, entry.command);
    addEvidence(worker, 'start', procfile!.file, `${entry.process}: ${entry.command}`, entry.line);
    workers.push(worker);
  }
  if (workers.length > 0) return workers;
  const sidekiqYml = ['config/sidekiq.yml', 'config/sidekiq.yaml'].map((f) => joinPath(project.dir, f)).find((f) => repo.isFile(f));
  if (project.gems.has('sidekiq') && sidekiqYml) {
    const config = sidekiqYml.slice(project.dir === '' ? 0 : project.dir.length + 1);
    const worker = workerFrom(web, 'worker', `bundle exec sidekiq -C ${config}`);
    addEvidence(worker, 'start', sidekiqYml, 'Sidekiq configuration');
    addEvidence(worker, 'framework', joinPath(project.dir, 'Gemfile'), 'gem sidekiq', gemLine(project, 'sidekiq'));
    workers.push(worker);
  }
  return workers;
}

/** A copy of the web service that runs `command` instead and listens on nothing. */
export function workerFrom(web: ServicePlan, process: string, command: string): ServicePlan {
  const worker = structuredClone(web);
  worker.name = serviceName(`${web.name}-${process}`);
  worker.kind = 'worker';
  worker.port = { value: null, envVar: null, bindAddress: null };
  worker.health = { path: null };
  worker.commands.start = command;
  worker.commands.migrate = null;
  worker.evidence = worker.evidence.filter((e) => !WEB_ONLY_FACTS.test(e.fact));
  worker.warnings = worker.warnings.filter((w) => !/\b(port|health|bound|bind)\b/i.test(w));
  return worker;
}
