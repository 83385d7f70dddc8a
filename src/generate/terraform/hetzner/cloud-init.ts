/**
 * The cloud-config every Hetzner server boots with, as an HCL object rendered by yamlencode: install
 * Docker and the Compose plugin from Ubuntu's archive, write the compose file and its .env (0600),
 * optionally a registry login, then start the stack. Password SSH is off. The same shape serves app
 * servers and the data server; `before` commands run ahead of `docker compose up` (mounting a volume).
 */
import { expr, inline, type HclObject, type HclValue } from '../hcl.js';

export interface CloudInitParts {
  /** HCL expression of the compose document (an object). */
  compose: string;
  /** HCL expression of the env map written to /opt/app/.env. */
  env: string;
  /** Shell commands (each an HCL string expression) run before the stack starts. */
  before?: string[];
  /** Whether to write /root/.docker/config.json from var.registry_username / var.registry_password. */
  registryLogin?: boolean;
}

export function cloudConfig(parts: CloudInitParts): HclObject {
  const files: HclValue[] = [
    { path: '/opt/app/compose.yaml', permissions: '0644', content: expr(`yamlencode(${parts.compose})`) },
    { path: '/opt/app/.env', permissions: '0600', content: expr(`join("", [for name, value in ${parts.env} : "\${name}=\${value}\\n"])`) },
  ];
  const writeFiles = parts.registryLogin
    ? expr(`concat(${inline(files)}, local.registry_auth)`)
    : files;
  return {
    package_update: true,
    packages: ['docker.io', 'docker-compose-v2'],
    ssh_pwauth: false,
    write_files: writeFiles,
    runcmd: [
      ['systemctl', 'enable', '--now', 'docker'],
      ...(parts.before ?? []).map((c) => ['sh', '-c', expr(c)]),
      ['docker', 'compose', '--project-directory', '/opt/app', 'up', '--detach'],
    ],
  };
}
