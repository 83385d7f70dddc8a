/** What deployment files a repository already has: devsquad reports them and never clobbers them. */
import type { RepoFs } from '../core/repo/repo-fs.js';
import { joinPath } from '../core/repo/repo-fs.js';
import type { ServicePlan } from './schema.js';

const COMPOSE_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];
const CI_PATTERNS = ['.github/workflows/*.{yml,yaml}', '.gitlab-ci.yml', '.circleci/config.yml', 'Jenkinsfile', 'azure-pipelines.yml', 'bitbucket-pipelines.yml', '.drone.yml', '.travis.yml', 'buildkite.yml', '.buildkite/pipeline.yml'];
const K8S_DIR = /(^|\/)(k8s|kubernetes|kube|manifests|deploy|deployment|helm|charts?|kustomize|overlays|base)(\/|$)/;

export interface ExistingArtifacts {
  compose: string | null;
  ci: string[];
  kubernetes: string[];
  applyTo(service: ServicePlan): void;
}

export function findExistingArtifacts(repo: RepoFs): ExistingArtifacts {
  const compose = COMPOSE_FILES.find((f) => repo.isFile(f)) ?? null;
  const ci = repo.glob(CI_PATTERNS).sort();
  const kubernetes = findKubernetes(repo);
  return {
    compose,
    ci,
    kubernetes,
    applyTo(service: ServicePlan): void {
      service.existing.compose = COMPOSE_FILES.map((f) => joinPath(service.path, f)).find((f) => repo.isFile(f)) ?? compose;
      service.existing.ci = ci;
      service.existing.kubernetes = kubernetes.filter((f) => service.path === '' || f.startsWith(`${service.path}/`) || !f.includes('/') || isSharedDeployDir(f));
      service.existing.dockerfile = existingDockerfile(repo, service);
    },
  };
}

function isSharedDeployDir(file: string): boolean {
  return K8S_DIR.test(file.split('/')[0] ?? '');
}

function findKubernetes(repo: RepoFs): string[] {
  const out: string[] = [];
  for (const file of repo.glob(['**/*.{yaml,yml}', '**/Chart.yaml'])) {
    if (/(^|\/)Chart\.yaml$|(^|\/)kustomization\.ya?ml$/.test(file)) {
      out.push(file);
      continue;
    }
    if (!K8S_DIR.test(file)) continue;
    const text = repo.readText(file);
    if (text && /^apiVersion:\s*\S+/m.test(text) && /^kind:\s*(Deployment|Service|StatefulSet|Ingress|ConfigMap|CronJob|Job|DaemonSet|Pod)\b/m.test(text)) out.push(file);
  }
  return out.sort();
}

/**
 * The service's own container recipe: `Dockerfile` (or `Containerfile`) first, then variants such as
 * `Dockerfile.prod` or `api.dockerfile`, preferring one named after the service, then a production one.
 */
function existingDockerfile(repo: RepoFs, service: ServicePlan): string | null {
  const names = repo.list(service.path).filter((n) => repo.isFile(joinPath(service.path, n)));
  const exact = ['Dockerfile', 'dockerfile', 'Containerfile'].find((n) => names.includes(n));
  if (exact) return joinPath(service.path, exact);
  const variants = names.filter((n) => /^(Dockerfile|Containerfile)\.[\w.-]+$|\.(dockerfile|Dockerfile|containerfile)$/.test(n) && !/\.dockerignore$/.test(n)).sort();
  const rank = (n: string): number => (n.toLowerCase().startsWith(`${service.name}.`) ? 0 : /prod/i.test(n) ? 1 : /dev|test|local|debug/i.test(n) ? 3 : 2);
  const best = variants.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))[0];
  return best ? joinPath(service.path, best) : null;
}
