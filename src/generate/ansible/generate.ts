/**
 * The Ansible family: deploy/ansible/ with ansible.cfg, requirements.yml, an .ansible-lint config,
 * inventories per environment, roles (common, docker, app, postgresql + pgbouncer and redis when the
 * plan needs them, monitoring, backup) and playbooks (site, deploy, backup, restore, rollback).
 * YAML is built as objects and serialised here; only Jinja2 templates and ansible.cfg are text.
 */
import { Document, isMap, isScalar } from 'yaml';
import { z } from 'zod';
import type { GenerateContext, GeneratedFile } from '../types.js';
import { headerComment } from '../types.js';
import { inventoryFiles } from './inventory.js';
import { deployModel } from './model.js';
import type { DeployModel } from './model.js';
import { ROOT } from './names.js';
import { playbooks } from './playbooks.js';
import { appRole } from './role-app.js';
import { commonRole } from './role-common.js';
import { postgresqlRole, pgbouncerRole, redisRole } from './role-data.js';
import { dockerRole } from './role-docker.js';
import { backupRole, monitoringRole } from './role-ops.js';
import type { TreeFile } from './tasks.js';
import { jinjaHeader, roleFiles } from './tasks.js';

export const inputs = z.object({
  /**
   * Run PostgreSQL (behind PgBouncer) and Redis on the hosts with their roles, instead of the
   * containers compose.yaml starts for development. Off keeps them in the compose project.
   */
  hostDatabases: z.boolean().default(true),
  /** Docker Engine version pinned from Docker's apt repository. */
  dockerVersion: z.string().regex(/^\d+\.\d+\.\d+$/).default('27.5.1'),
  /** Docker Compose plugin version pinned from Docker's apt repository. */
  composeVersion: z.string().regex(/^\d+\.\d+\.\d+$/).default('2.32.4'),
});
export type AnsibleInputs = z.infer<typeof inputs>;

const REQUIREMENTS = {
  collections: [
    { name: 'ansible.posix', version: '>=1.5.0,<3.0.0' },
    { name: 'community.docker', version: '>=3.4.0,<5.0.0' },
    { name: 'community.general', version: '>=6.6.0,<11.0.0' },
    { name: 'community.postgresql', version: '>=2.4.0,<4.0.0' },
  ],
};

const LINT_CONFIG = {
  profile: 'production',
  // Collections come from requirements.yml; linting never installs anything.
  offline: true,
  exclude_paths: ['.cache/'],
};

function ansibleCfg(header: string): string {
  return [
    header,
    '[defaults]',
    'inventory = inventories/dev/hosts.yml',
    'roles_path = roles',
    'interpreter_python = auto_silent',
    'retry_files_enabled = False',
    'host_key_checking = True',
    '',
    '[ssh_connection]',
    '# Fewer SSH round trips, and become_user works without ACL tricks.',
    'pipelining = True',
    '',
  ].join('\n');
}

function serialiseYaml(value: unknown, header: string, comment?: string, keyComments?: Record<string, string>): string {
  // YAML 1.1 as Ansible reads it: strings such as "yes" or "on" stay quoted.
  const doc = new Document(value, { version: '1.1' });
  doc.commentBefore = [` ${header.replace(/^#\s*/, '')}`, ...(comment ? [` ${comment}`] : [])].join('\n');
  if (doc.directives) doc.directives.docStart = true;
  if (keyComments && isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      const note = isScalar(pair.key) ? keyComments[String(pair.key.value)] : undefined;
      if (note && isScalar(pair.key)) pair.key.commentBefore = note.split('\n').map((l) => ` ${l.trimStart()}`).join('\n');
    }
  }
  // Long Jinja2 expressions fold at spaces (same value) to stay under ansible-lint's 160 columns.
  return doc.toString({ lineWidth: 140, minContentWidth: 40, indentSeq: true });
}

function tree(model: DeployModel, options: AnsibleInputs): TreeFile[] {
  const needs = { postgres: model.postgresHost !== null, redis: model.redisHost !== null };
  const roles = [commonRole(), dockerRole(options.dockerVersion, options.composeVersion), appRole(model)];
  if (needs.postgres) roles.push(postgresqlRole(), pgbouncerRole());
  if (needs.redis) roles.push(redisRole());
  roles.push(monitoringRole(needs), backupRole(needs));
  return [
    { path: 'requirements.yml', yaml: REQUIREMENTS, comment: 'Install with: ansible-galaxy collection install -r requirements.yml' },
    { path: '.ansible-lint', yaml: LINT_CONFIG },
    ...inventoryFiles(model),
    ...playbooks({ ...needs, volumes: model.volumes.length > 0 }),
    ...roles.flatMap(roleFiles),
  ];
}

/** The header as a Jinja2 comment, after a shebang line when there is one (it must stay first). */
function withJinjaHeader(text: string, header: string): string {
  if (!text.startsWith('#!')) return jinjaHeader(header) + text;
  const end = text.indexOf('\n') + 1;
  return text.slice(0, end) + jinjaHeader(header) + text.slice(end);
}

export function generate(context: GenerateContext, options: AnsibleInputs): GeneratedFile[] {
  const { plan } = context;
  const model = deployModel(context, { hostDatabases: options.hostDatabases });
  if (!model) return [];
  const header = headerComment('#', `the analysis of ${plan.name}`);
  const evidence = model.apps.flatMap((a) => a.service.evidence.filter((e) => e.fact === 'port' || e.fact === 'health' || e.fact.startsWith('backing:')));
  const notes = [
    `app role runs compose.yaml adapted for servers: images ${model.apps.map((a) => a.image).join(', ')} from app_registry at app_image_tag`,
    ...(model.postgresHost ? ['PostgreSQL runs on db_servers (127.0.0.1:5433) behind PgBouncer on 5432; the "postgres" host name maps to it through extra_hosts'] : []),
    ...(model.redisHost ? ['Redis runs on db_servers; the "redis" host name maps to it through extra_hosts'] : []),
    `${model.env.filter((e) => e.secret).length} secret(s) come from Ansible Vault variables (vault_*), rendered into .env with no_log`,
  ];
  const out: GeneratedFile[] = [{ path: `${ROOT}/ansible.cfg`, content: ansibleCfg(header), kind: 'text', generator: 'ansible' }];
  for (const file of tree(model, options)) {
    const path = `${ROOT}/${file.path}`;
    if ('text' in file) {
      if (file.path.endsWith('compose.yaml')) out.push({ path, content: file.text, kind: 'compose', generator: 'ansible', evidence });
      else out.push({ path, content: withJinjaHeader(file.text, header), kind: 'text', generator: 'ansible' });
      continue;
    }
    const generated: GeneratedFile = { path, content: serialiseYaml(file.yaml, header, file.comment, file.keyComments), kind: 'ansible', generator: 'ansible' };
    if (file.path === 'site.yml') Object.assign(generated, { evidence, notes });
    out.push(generated);
  }
  return out;
}
