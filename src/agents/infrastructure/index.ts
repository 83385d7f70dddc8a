/** The infrastructure engineer: containers, CI/CD, Kubernetes, Helm, Terraform, platforms, Ansible, runbooks. */
import { generators } from '../../generate/api.js';
import { familyTask } from '../shared/family-task.js';
import type { AgentTask } from '../types.js';

const task = (id: string, description: string, family: string, companions?: string[]): AgentTask =>
  familyTask({ agent: 'infrastructure', id, description, registry: generators, family, ...(companions ? { companions } : {}) });

export const infrastructureTasks: readonly AgentTask[] = [
  task('dockerfile', 'A multi-stage, non-root Dockerfile with a HEALTHCHECK per service, and a .dockerignore per build context.', 'dockerfile', ['dockerignore']),
  task('docker_compose', 'compose.yaml with pinned backing services, healthchecks, named volumes and secrets.', 'compose'),
  task('ci_cd', 'CI/CD pipelines (GitHub Actions, GitLab CI, CircleCI, Jenkins) from one pipeline model.', 'ci'),
  task('kubernetes', 'Kubernetes manifests (probes, limits, securityContext, NetworkPolicy, PDB, HPA) and Kustomize overlays.', 'kubernetes', ['kustomize']),
  task('helm', 'A Helm chart with values.schema.json and per-environment values.', 'helm'),
  task('terraform', 'Terraform modules and per-environment roots for AWS, GCP, Azure or Hetzner.', 'terraform'),
  task('deployment', 'Platform configs: Vercel, Cloudflare, ECS, Cloud Run, CloudFormation, Fly.io, Render.', 'platform'),
  task('ansible', 'Ansible roles and playbooks: hardening, Docker, the app, databases, backups, rollback.', 'ansible'),
  task('runbooks', 'DEPLOYMENT, ROLLBACK, INFRASTRUCTURE and TROUBLESHOOTING runbooks from the plan.', 'runbooks'),
];
