/**
 * modules/network: a VPC with public subnets (load balancers, NAT gateways) and private subnets (tasks,
 * databases) across 2–3 availability zones, NAT for outbound traffic, the VPC's default security group
 * emptied, and the shared `app` security group every task joins (data stores admit that group only).
 */
import { attr, attrs, block, comment, expr, interp, ref, renderFile, type Block } from '../hcl.js';
import { output, tagsWith, variable, versionsFile } from './common.js';
import type { ModuleFiles } from './types.js';

function resource(type: string, name: string, body: Parameters<typeof block>[2], note?: string[]): Block {
  return block('resource', [type, name], body, note);
}

function main(): Block[] {
  const vpc = ref('aws_vpc.this.id');
  return [
    block('data', ['aws_availability_zones', 'available'], [attr('state', 'available')]),
    block('locals', [], attrs({
      azs: expr('slice(data.aws_availability_zones.available.names, 0, var.az_count)'),
      nat_count: expr('var.single_nat_gateway ? 1 : var.az_count'),
    })),
    resource('aws_vpc', 'this', attrs({
      cidr_block: ref('var.cidr'),
      enable_dns_support: true,
      enable_dns_hostnames: true,
      tags: tagsWith(ref('var.name')),
    })),
    resource('aws_default_security_group', 'this', [attr('vpc_id', vpc)], [
      'Nothing uses the default security group; with no rules it admits nothing (it allows all by default).',
    ]),
    resource('aws_internet_gateway', 'this', attrs({ vpc_id: vpc, tags: tagsWith(ref('var.name')) })),
    resource('aws_subnet', 'public', attrs({
      count: ref('var.az_count'),
      vpc_id: vpc,
      cidr_block: expr('cidrsubnet(var.cidr, 8, count.index)'),
      availability_zone: expr('local.azs[count.index]'),
      map_public_ip_on_launch: false,
      tags: expr('merge(var.tags, { Name = "${var.name}-public-${local.azs[count.index]}", Tier = "public" })'),
    }), ['Load balancers and NAT gateways only; nothing here gets a public IP by default.']),
    resource('aws_subnet', 'private', attrs({
      count: ref('var.az_count'),
      vpc_id: vpc,
      cidr_block: expr('cidrsubnet(var.cidr, 8, count.index + 10)'),
      availability_zone: expr('local.azs[count.index]'),
      tags: expr('merge(var.tags, { Name = "${var.name}-private-${local.azs[count.index]}", Tier = "private" })'),
    }), ['Tasks and data stores.']),
    resource('aws_eip', 'nat', attrs({
      count: ref('local.nat_count'),
      domain: 'vpc',
      tags: tagsWith(interp`${ref('var.name')}-nat-${expr('count.index')}`),
    })),
    resource('aws_nat_gateway', 'this', [
      ...attrs({
        count: ref('local.nat_count'),
        allocation_id: expr('aws_eip.nat[count.index].id'),
        subnet_id: expr('aws_subnet.public[count.index].id'),
        tags: tagsWith(interp`${ref('var.name')}-nat-${expr('count.index')}`),
      }),
      attr('depends_on', [ref('aws_internet_gateway.this')]),
    ], ['One NAT gateway (dev, staging) or one per zone (production: a zone outage keeps the others online).']),
    resource('aws_route_table', 'public', [
      attr('vpc_id', vpc),
      block('route', [], attrs({ cidr_block: '0.0.0.0/0', gateway_id: ref('aws_internet_gateway.this.id') })),
      attr('tags', tagsWith(interp`${ref('var.name')}-public`)),
    ]),
    resource('aws_route_table_association', 'public', attrs({
      count: ref('var.az_count'),
      subnet_id: expr('aws_subnet.public[count.index].id'),
      route_table_id: ref('aws_route_table.public.id'),
    })),
    resource('aws_route_table', 'private', [
      attr('count', ref('var.az_count')),
      attr('vpc_id', vpc),
      block('route', [], attrs({ cidr_block: '0.0.0.0/0', nat_gateway_id: expr('aws_nat_gateway.this[var.single_nat_gateway ? 0 : count.index].id') })),
      attr('tags', tagsWith(interp`${ref('var.name')}-private-${expr('count.index')}`)),
    ]),
    resource('aws_route_table_association', 'private', attrs({
      count: ref('var.az_count'),
      subnet_id: expr('aws_subnet.private[count.index].id'),
      route_table_id: expr('aws_route_table.private[count.index].id'),
    })),
    resource('aws_security_group', 'app', attrs({
      name: interp`${ref('var.name')}-app`,
      description: 'Every application task; data stores admit this group only',
      vpc_id: vpc,
      tags: tagsWith(interp`${ref('var.name')}-app`),
    })),
    resource('aws_vpc_security_group_egress_rule', 'app_outbound', attrs({
      security_group_id: ref('aws_security_group.app.id'),
      description: 'Outbound through NAT: image pulls, AWS APIs, third-party APIs',
      ip_protocol: '-1',
      cidr_ipv4: '0.0.0.0/0',
    })),
  ];
}

function variables(): Block[] {
  return [
    variable('name', { type: 'string', description: 'Name prefix for every resource (project and environment).' }),
    variable('cidr', { type: 'string', description: 'CIDR block of the VPC; subnets are /24s carved from it.', default: '10.0.0.0/16' }),
    variable('az_count', {
      type: 'number',
      description: 'Availability zones to spread subnets over.',
      default: 2,
      validation: { condition: 'var.az_count >= 2 && var.az_count <= 3', message: 'az_count must be 2 or 3.' },
    }),
    variable('single_nat_gateway', { type: 'bool', description: 'One shared NAT gateway (cheaper) instead of one per zone (survives a zone outage).', default: true }),
    variable('tags', { type: 'map(string)', description: 'Tags added to every resource.', default: {} }),
  ];
}

function outputs(): Block[] {
  return [
    output('vpc_id', 'ID of the VPC.', ref('aws_vpc.this.id')),
    output('vpc_cidr', 'CIDR block of the VPC.', ref('aws_vpc.this.cidr_block')),
    output('public_subnet_ids', 'Public subnets (load balancers).', expr('aws_subnet.public[*].id')),
    output('private_subnet_ids', 'Private subnets (tasks, data stores).', expr('aws_subnet.private[*].id')),
    output('app_security_group_id', 'Security group every application task joins.', ref('aws_security_group.app.id')),
  ];
}

export function networkModule(header: string): ModuleFiles {
  return {
    'main.tf': renderFile([comment('VPC, subnets, NAT and the shared application security group.'), ...main()], header),
    'variables.tf': renderFile(variables(), header),
    'outputs.tf': renderFile(outputs(), header),
    'versions.tf': versionsFile(header, ['aws']),
  };
}
