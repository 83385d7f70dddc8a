/**
 * hetzner/modules/service: one service on Hetzner Cloud servers. Each server boots Ubuntu with
 * cloud-init (Docker, the service's compose file, its .env), joins the private network, and sits
 * behind a Cloud Firewall that admits SSH from an allowlist only (no rule at all when the list is
 * empty). Servers are immutable: a new image tag changes the cloud-config, so new servers (new names)
 * come up before the old ones go. Web services get a load balancer in the private network whose
 * targets are the servers' private IPs, with an HTTP health check on the plan's health path; HTTPS
 * with a managed certificate and an HTTP redirect when domains are given.
 */
import { attr, attrs, block, call, comment, expr, interp, ref, renderFile, type Block, type BodyItem } from '../hcl.js';
import { output, resource, variable, versionsFile, type ModuleFiles } from '../shared/common.js';
import { cloudConfig } from './cloud-init.js';

const LB = attr('count', expr('local.serves ? 1 : 0'));

function firewall(): Block {
  return resource('hcloud_firewall', 'this', [
    attr('name', ref('var.name')),
    block('dynamic', ['rule'], [
      attr('for_each', expr('length(var.ssh_allowed_cidrs) > 0 ? [1] : []')),
      block('content', [], attrs({ description: 'SSH from the allowlist only', direction: 'in', protocol: 'tcp', port: '22', source_ips: ref('var.ssh_allowed_cidrs') })),
    ]),
    attr('labels', ref('var.labels')),
  ], [
    'Public interface: SSH from var.ssh_allowed_cidrs, nothing else. The app port is not open to the internet;',
    'the load balancer reaches it over the private network, which Cloud Firewalls do not filter.',
  ]);
}

function servers(): Block[] {
  return [
    resource('hcloud_server', 'this', [
      ...attrs({
        count: ref('var.server_count'),
        name: expr('"${var.name}-${count.index}-${substr(sha256(local.user_data), 0, 6)}"'),
        server_type: ref('var.server_type'),
        image: ref('var.os_image'),
        location: ref('var.location'),
        ssh_keys: ref('var.ssh_key_ids'),
        firewall_ids: [ref('hcloud_firewall.this.id')],
        user_data: ref('local.user_data'),
        labels: expr('merge(var.labels, { service = var.name })'),
      }),
      block('network', [], [attr('network_id', ref('var.network_id'))]),
      block('public_net', [], attrs({ ipv4_enabled: true, ipv6_enabled: true })),
      block('lifecycle', [], [attr('create_before_destroy', true)]),
    ], ['Public IPs for image pulls and updates (Hetzner has no managed NAT); the firewall closes them to everything but SSH.']),
  ];
}

function loadBalancer(): Block[] {
  return [
    resource('hcloud_load_balancer', 'this', [LB, ...attrs({
      name: ref('var.name'),
      load_balancer_type: ref('var.load_balancer_type'),
      location: ref('var.location'),
      delete_protection: ref('var.delete_protection'),
      labels: ref('var.labels'),
    })]),
    resource('hcloud_load_balancer_network', 'this', [LB, ...attrs({ load_balancer_id: expr('hcloud_load_balancer.this[0].id'), network_id: ref('var.network_id') })]),
    resource('hcloud_load_balancer_target', 'this', [
      LB,
      ...attrs({
        type: 'label_selector',
        load_balancer_id: expr('hcloud_load_balancer.this[0].id'),
        label_selector: interp`service=${ref('var.name')}`,
        use_private_ip: true,
      }),
      attr('depends_on', [ref('hcloud_load_balancer_network.this')]),
    ], ['Every server of this service, by label, over the private network.']),
    resource('hcloud_managed_certificate', 'this', [
      attr('count', expr('local.serves && local.tls ? 1 : 0')),
      ...attrs({ name: ref('var.name'), domain_names: ref('var.domains'), labels: ref('var.labels') }),
    ], ['Let\'s Encrypt certificate managed by Hetzner: point the domains at the load balancer first.']),
    resource('hcloud_load_balancer_service', 'this', [
      LB,
      ...attrs({
        load_balancer_id: expr('hcloud_load_balancer.this[0].id'),
        protocol: expr('local.tls ? "https" : "http"'),
        listen_port: expr('local.tls ? 443 : 80'),
        destination_port: ref('var.port'),
      }),
      block('dynamic', ['http'], [
        attr('for_each', expr('local.tls ? [1] : []')),
        block('content', [], attrs({ certificates: [expr('hcloud_managed_certificate.this[0].id')], redirect_http: true })),
      ]),
      block('health_check', [], [
        ...attrs({ protocol: 'http', port: ref('var.port'), interval: 15, timeout: 10, retries: 3 }),
        block('http', [], attrs({ path: ref('var.health_check_path'), status_codes: ref('var.health_check_status_codes') })),
      ]),
    ], ['Health check: the plan\'s health route on the plan\'s port.']),
  ];
}

function main(): BodyItem[] {
  return [
    comment('One service on Hetzner Cloud servers with Docker Compose, a firewall and (web services) a load balancer.'),
    block('locals', [], [
      ...attrs({
        serves: expr('var.port != null'),
        tls: expr('length(var.domains) > 0'),
        compose: {
          services: {
            app: call('merge', {
              image: interp`${ref('var.image_repository')}:${ref('var.image_tag')}`,
              restart: 'unless-stopped',
              env_file: ['.env'],
              logging: { driver: 'json-file', options: { 'max-size': '10m', 'max-file': '5' } },
            }, expr('local.serves ? { ports = ["${var.port}:${var.port}"] } : {}')),
          },
        },
        registry_auth: expr('var.registry_password == null ? [] : [{ path = "/root/.docker/config.json", permissions = "0600", content = jsonencode({ auths = { (split("/", var.image_repository)[0]) = { auth = base64encode("${var.registry_username}:${var.registry_password}") } } }) }]'),
        cloud_init: cloudConfig({ compose: 'local.compose', env: 'merge(var.environment, var.secrets)', registryLogin: true }),
      }),
      attr('user_data', expr('"#cloud-config\\n${yamlencode(local.cloud_init)}"'), [
        'Secrets reach the server in its cloud-config (readable by root there, and in the Terraform state).',
      ]),
    ]),
    firewall(),
    ...servers(),
    ...loadBalancer(),
  ];
}

function variables(): Block[] {
  return [
    variable('name', { type: 'string', description: 'Name of the service (project-environment-service); also its label.' }),
    variable('location', { type: 'string', description: 'Hetzner location (fsn1, nbg1, hel1, ash, hil, sin).' }),
    variable('network_id', { type: 'string', description: 'Private network the servers and the load balancer join.' }),
    variable('ssh_key_ids', { type: 'list(string)', description: 'SSH keys installed for root.' }),
    variable('ssh_allowed_cidrs', {
      type: 'list(string)',
      description: 'Addresses allowed to SSH in; empty closes SSH entirely.',
      default: [],
      validation: { condition: 'alltrue([for cidr in var.ssh_allowed_cidrs : !contains(["0.0.0.0/0", "::/0"], cidr)])', message: 'ssh_allowed_cidrs must not contain 0.0.0.0/0 or ::/0: list your own addresses.' },
    }),
    variable('server_type', { type: 'string', description: 'Hetzner server type.', default: 'cx22' }),
    variable('server_count', { type: 'number', description: 'Servers running the service.', default: 1 }),
    variable('os_image', { type: 'string', description: 'Operating system image.', default: 'ubuntu-24.04' }),
    variable('image_repository', { type: 'string', description: 'Container image without tag (registry/owner/name).' }),
    variable('image_tag', { type: 'string', description: 'Image tag to deploy (the commit SHA your pipeline pushed).' }),
    variable('registry_username', { type: 'string', description: 'Registry user for private images (null for public images).', default: null }),
    variable('registry_password', { type: 'string', description: 'Registry token for private images.', default: null, sensitive: true }),
    variable('port', { type: 'number', description: 'Container port; null for a worker (no load balancer).', default: null }),
    variable('health_check_path', { type: 'string', description: 'HTTP path the load balancer probes.', default: '/' }),
    variable('health_check_status_codes', { type: 'list(string)', description: 'Status codes that count as healthy.', default: ['2??', '3??'] }),
    variable('load_balancer_type', { type: 'string', description: 'Load balancer type.', default: 'lb11' }),
    variable('domains', { type: 'list(string)', description: 'Domains of a managed certificate; empty serves plain HTTP on port 80.', default: [] }),
    variable('delete_protection', { type: 'bool', description: 'Protect the load balancer from deletion.', default: false }),
    variable('environment', { type: 'map(string)', description: 'Plain (non-secret) environment variables.', default: {} }),
    variable('secrets', { type: 'map(string)', description: 'Secret environment variables (written to the server\'s .env, mode 0600).', default: {}, sensitive: true }),
    variable('labels', { type: 'map(string)', description: 'Labels added to every resource.', default: {} }),
  ];
}

function outputs(): Block[] {
  return [
    output('server_ipv4', 'Public IPv4 of each server (SSH from the allowlist).', expr('hcloud_server.this[*].ipv4_address')),
    output('load_balancer_ipv4', 'Public IPv4 of the load balancer (null for workers): point the domain here.', expr('local.serves ? hcloud_load_balancer.this[0].ipv4 : null')),
  ];
}

export function hetznerServiceModule(header: string): ModuleFiles {
  return {
    'main.tf': renderFile(main(), header),
    'variables.tf': renderFile(variables(), header),
    'outputs.tf': renderFile(outputs(), header),
    'versions.tf': versionsFile(header, ['hcloud']),
  };
}
