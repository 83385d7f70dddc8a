/**
 * CI/CD pipelines: one pipeline model built from the plan (model.ts), rendered once per provider.
 * Providers without a renderer yet are rejected by the input schema rather than silently skipped.
 */
import { z } from 'zod';
import type { GenerateContext, GeneratedFile } from '../types.js';
import { headerComment } from '../types.js';
import { buildPipeline, type Pipeline } from './model.js';
import { renderWorkflow, workflowPath } from './github/render.js';
import { renderGitlab } from './gitlab/render.js';

export const PROVIDERS = ['github', 'gitlab'] as const;

export const inputs = z.object({
  /** CI providers to write pipelines for. CircleCI and Jenkins are not rendered yet. */
  providers: z.array(z.enum(PROVIDERS)).min(1).default(['github']),
  /**
   * Registry prefix images are pushed under (`registry.example.com/team`). Unset: GHCR under the
   * repository owner on GitHub, the project's registry ($CI_REGISTRY_IMAGE) on GitLab.
   */
  registry: z.string().regex(/^[a-z0-9.-]+(:[0-9]+)?(\/[a-z0-9._-]+)*$/).nullable().default(null),
  /** Cloud the deploy jobs authenticate to with OIDC (no long-lived keys). */
  cloud: z.enum(['aws', 'gcp', 'azure', 'none']).default('none'),
  defaultBranch: z.string().min(1).default('main'),
  /** Tags starting with this release to production. */
  tagPrefix: z.string().default('v'),
  /** Script the deploy jobs call: `<hook> <environment> <service> <image@digest>`. */
  deployHook: z.string().min(1).default('deploy/deploy.sh'),
  /** Script the rollback jobs call: `<hook> <environment> <service>`. */
  rollbackHook: z.string().min(1).default('deploy/rollback.sh'),
});
export type CiInputs = z.infer<typeof inputs>;

function source(pipeline: Pipeline): string {
  return `the plan of ${pipeline.project} (${pipeline.services.map((s) => s.service).join(', ')})`;
}

export function generate(context: GenerateContext, options: CiInputs): GeneratedFile[] {
  const pipeline = buildPipeline(context.plan, context.services, options);
  const files: GeneratedFile[] = [];
  for (const provider of [...new Set(options.providers)].sort()) {
    if (provider === 'github') {
      for (const service of pipeline.services) {
        files.push({
          path: workflowPath(service),
          content: renderWorkflow(pipeline, service, { registry: options.registry }, headerComment('#', `the plan of ${pipeline.project} (service ${service.service})`)),
          kind: 'github-actions',
          generator: 'ci',
          evidence: service.evidence,
          notes: [...service.notes, 'one workflow per service: GitHub path filters apply per workflow, so each service builds only when its files change'],
        });
      }
    } else {
      files.push({
        path: '.gitlab-ci.yml',
        content: renderGitlab(pipeline, { registry: options.registry }, headerComment('#', source(pipeline))),
        // No GitLab CI validator kind is registered; gitlab/validate.ts checks it in our tests.
        kind: 'yaml',
        generator: 'ci',
        evidence: pipeline.services.flatMap((s) => s.evidence),
        notes: pipeline.services.flatMap((s) => s.notes.map((n) => `${s.service}: ${n}`)),
      });
    }
  }
  return files;
}
