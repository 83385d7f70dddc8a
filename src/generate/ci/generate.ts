/**
 * CI/CD pipelines: one pipeline model built from the plan (model.ts), rendered once per provider.
 * Providers without a renderer yet are rejected by the input schema rather than silently skipped.
 */
import { z } from 'zod';
import type { GenerateContext, GeneratedFile } from '../types.js';
import { headerComment } from '../types.js';
import { buildPipeline, type Pipeline } from './model.js';
import { renderWorkflow, workflowPath } from './github/render.js';
import { renderCircleciFiles } from './circleci/render.js';
import { IMAGES as GITLAB_IMAGES, renderGitlab } from './gitlab/render.js';
import { gitlabCloudAuth } from './gitlab/oidc.js';
import { CREDENTIALS as JENKINS_CREDENTIALS, JENKINSFILE_PATH, renderJenkinsfile } from './jenkins/render.js';
import { CLOUD_VARIABLES, OIDC_AUDIENCE } from './cloud-login.js';

export const PROVIDERS = ['circleci', 'github', 'gitlab', 'jenkins'] as const;

export const inputs = z.object({
  /** CI providers to write pipelines for: GitHub Actions, GitLab CI, CircleCI, Jenkins (Jenkinsfile). */
  providers: z.array(z.enum(PROVIDERS)).min(1).default(['github']),
  /**
   * Registry prefix images are pushed under (`registry.example.com/team`). Unset: GHCR under the
   * repository owner on GitHub, the project's registry ($CI_REGISTRY_IMAGE) on GitLab, and a
   * `REGISTRY` variable on CircleCI and Jenkins (they have no registry of their own).
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

function shared(pipeline: Pipeline): Pick<GeneratedFile, 'generator' | 'evidence' | 'notes'> {
  return {
    generator: 'ci',
    evidence: pipeline.services.flatMap((s) => s.evidence),
    notes: pipeline.services.flatMap((s) => s.notes.map((n) => `${s.service}: ${n}`)),
  };
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
    } else if (provider === 'gitlab') {
      const auth = gitlabCloudAuth(options.cloud, GITLAB_IMAGES.deploy);
      const oidc = auth
        ? [`GitLab: deploy and rollback jobs get an ID token (id_tokens: ${Object.keys(auth.idTokens).join(', ')}) and exchange it for short-lived ${options.cloud} credentials; set the CI variables ${auth.variables.join(', ')} (scoped per environment) and the trust on the cloud side (docs/targets/ci.md)`]
        : [];
      const base = shared(pipeline);
      files.push({
        path: '.gitlab-ci.yml',
        content: renderGitlab(pipeline, { registry: options.registry }, headerComment('#', source(pipeline))),
        kind: 'gitlab-ci',
        ...base,
        ...(oidc.length > 0 ? { notes: [...(base.notes ?? []), ...oidc] } : {}),
      });
    } else if (provider === 'circleci') {
      const rendered = renderCircleciFiles(pipeline, { registry: options.registry }, headerComment('#', source(pipeline)));
      const filtering = pipeline.monorepo
        ? 'CircleCI: dynamic config; the setup workflow in .circleci/config.yml (path-filtering orb) runs a service\'s workflow in .circleci/continue_config.yml only when its paths changed (every service on release tags); enable "dynamic config using setup workflows" in the project settings'
        : 'CircleCI: every service builds on every change (path filtering needs dynamic config)';
      for (const file of rendered) {
        files.push({
          ...file,
          // Both files are CircleCI configs: `generate` validates each against the CircleCI schema and rules.
          kind: 'circleci',
          ...shared(pipeline),
          notes: [...(shared(pipeline).notes ?? []), `${filtering}; production waits on an approval job; deploy jobs use a context per environment`],
        });
      }
    } else {
      files.push({
        path: JENKINSFILE_PATH,
        content: renderJenkinsfile(pipeline, { registry: options.registry }, headerComment('//', source(pipeline))),
        kind: 'jenkinsfile',
        ...shared(pipeline),
        notes: [
          ...(shared(pipeline).notes ?? []),
          options.cloud === 'none'
            ? 'Jenkins: credentials registry-credentials and deploy-<environment> must exist in the credential store; no OIDC without --cloud'
            : `Jenkins: credentials registry-credentials (username/password) and ${JENKINS_CREDENTIALS.oidc(options.cloud)} (kind "OpenID Connect id token", OpenID Connect Provider plugin, audience ${OIDC_AUDIENCE[options.cloud].replace('$GCP_WORKLOAD_IDENTITY_PROVIDER', '<GCP_WORKLOAD_IDENTITY_PROVIDER>')}) must exist; deploy and rollback stages exchange the token for short-lived ${options.cloud} credentials; set ${CLOUD_VARIABLES[options.cloud].join(', ')} in the global or folder environment and the trust on the cloud side for the issuer <JENKINS_URL>/oidc (docs/targets/ci.md)`,
        ],
      });
    }
  }
  return files;
}
