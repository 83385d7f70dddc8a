/**
 * The load-balancer half of modules/service, created only when the service listens on a port
 * (`count = local.load_balanced ? 1 : 0`): an internet-facing ALB in the public subnets, HTTPS with a
 * TLS 1.2+ policy, HTTP redirected to HTTPS, a target group whose health check is the plan's health
 * path on the plan's port, and security groups that let the ALB reach the tasks on that port only.
 */
import { attr, attrs, block, expr, interp, ref, type Block, type BodyItem } from '../hcl.js';
import { tagsWith } from './common.js';

const COUNT = attr('count', expr('local.load_balanced ? 1 : 0'));

function resource(type: string, name: string, body: BodyItem[], note?: string[]): Block {
  return block('resource', [type, name], body, note);
}

export function albResources(): Block[] {
  return [
    resource('aws_security_group', 'alb', [
      COUNT,
      ...attrs({
        name: interp`${ref('var.name')}-alb`,
        description: 'Load balancer: HTTPS (and HTTP, redirected) from the internet',
        vpc_id: ref('var.vpc_id'),
        tags: tagsWith(interp`${ref('var.name')}-alb`),
      }),
    ]),
    resource('aws_vpc_security_group_ingress_rule', 'alb_https', [
      COUNT,
      ...attrs({ security_group_id: expr('aws_security_group.alb[0].id'), description: 'HTTPS from the internet', cidr_ipv4: '0.0.0.0/0', ip_protocol: 'tcp', from_port: 443, to_port: 443 }),
    ]),
    resource('aws_vpc_security_group_ingress_rule', 'alb_http', [
      COUNT,
      ...attrs({ security_group_id: expr('aws_security_group.alb[0].id'), description: 'HTTP from the internet, redirected to HTTPS', cidr_ipv4: '0.0.0.0/0', ip_protocol: 'tcp', from_port: 80, to_port: 80 }),
    ]),
    resource('aws_vpc_security_group_egress_rule', 'alb_to_tasks', [
      COUNT,
      ...attrs({
        security_group_id: expr('aws_security_group.alb[0].id'),
        description: 'To the tasks on the container port',
        referenced_security_group_id: ref('aws_security_group.task.id'),
        ip_protocol: 'tcp',
        from_port: ref('var.port'),
        to_port: ref('var.port'),
      }),
    ]),
    resource('aws_vpc_security_group_ingress_rule', 'tasks_from_alb', [
      COUNT,
      ...attrs({
        security_group_id: ref('aws_security_group.task.id'),
        description: 'From the load balancer on the container port',
        referenced_security_group_id: expr('aws_security_group.alb[0].id'),
        ip_protocol: 'tcp',
        from_port: ref('var.port'),
        to_port: ref('var.port'),
      }),
    ]),
    resource('aws_lb', 'this', [
      COUNT,
      ...attrs({
        name: ref('local.short_name'),
        load_balancer_type: 'application',
        internal: false,
        security_groups: [expr('aws_security_group.alb[0].id')],
        subnets: ref('var.public_subnet_ids'),
        drop_invalid_header_fields: true,
        enable_deletion_protection: ref('var.deletion_protection'),
        tags: tagsWith(ref('var.name')),
      }),
    ]),
    resource('aws_lb_target_group', 'this', [
      COUNT,
      ...attrs({
        name: ref('local.short_name'),
        port: ref('var.port'),
        protocol: 'HTTP',
        target_type: 'ip',
        vpc_id: ref('var.vpc_id'),
        deregistration_delay: 30,
      }),
      block('health_check', [], attrs({
        enabled: true,
        path: ref('var.health_check_path'),
        port: expr('tostring(var.port)'),
        protocol: 'HTTP',
        matcher: ref('var.health_check_matcher'),
        interval: 15,
        timeout: 5,
        healthy_threshold: 2,
        unhealthy_threshold: 3,
      })),
      attr('tags', tagsWith(ref('var.name'))),
    ], ['Health check: the plan\'s health route on the plan\'s port.']),
    resource('aws_lb_listener', 'https', [
      COUNT,
      ...attrs({
        load_balancer_arn: expr('aws_lb.this[0].arn'),
        port: 443,
        protocol: 'HTTPS',
        ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
        certificate_arn: ref('var.certificate_arn'),
      }),
      block('default_action', [], attrs({ type: 'forward', target_group_arn: expr('aws_lb_target_group.this[0].arn') })),
      block('lifecycle', [], [
        block('precondition', [], attrs({
          condition: expr('var.certificate_arn != null'),
          error_message: 'Set certificate_arn to an ACM certificate for the service\'s domain (see deploy/terraform/README.md).',
        })),
      ]),
    ]),
    resource('aws_lb_listener', 'http', [
      COUNT,
      ...attrs({ load_balancer_arn: expr('aws_lb.this[0].arn'), port: 80, protocol: 'HTTP' }),
      block('default_action', [], [
        attr('type', 'redirect'),
        block('redirect', [], attrs({ port: '443', protocol: 'HTTPS', status_code: 'HTTP_301' })),
      ]),
    ], ['Plain HTTP only redirects to HTTPS.']),
  ];
}
