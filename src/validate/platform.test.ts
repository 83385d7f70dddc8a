/**
 * The platform validator on hand-written files: each rule fires on the mistake users make and stays
 * quiet on the corrected file; the file name picks the format.
 */
import { describe, expect, it } from 'vitest';
import { platformValidator, validatePlatform } from './platform.js';

const ids = (path: string, content: string): string[] => validatePlatform({ path, content }).map((d) => d.ruleId);

describe('platform validator', () => {
  it('recognises platform files by name and leaves other YAML alone', () => {
    for (const path of ['vercel.json', 'apps/web/wrangler.toml', 'platform/ecs/api.task-definition.json', 'platform/cloudrun/api.service.yaml', 'platform/cloudformation/template.yaml', 'stack.cfn.yaml', 'fly.toml', 'platform/fly/worker.fly.toml', 'render.yaml']) {
      expect(platformValidator.matches(path), path).toBe(true);
    }
    expect(platformValidator.matches('k8s/deployment.yaml')).toBe(false);
    expect(platformValidator.matches('package.json')).toBe(false);
  });

  it('reports parse errors with their line (DSQ-PF-0001)', () => {
    const [d] = validatePlatform({ path: 'fly.toml', content: 'app = "x"\n[http_service\n' });
    expect(d?.ruleId).toBe('DSQ-PF-0001');
    expect(d?.line).toBe(2);
    expect(ids('vercel.json', '{ "framework": }')).toEqual(['DSQ-PF-0001']);
  });

  it('catches a misspelt field on the line it is on (DSQ-PF-0002)', () => {
    const diagnostics = validatePlatform({ path: 'fly.toml', content: 'app = "shop-api"\n[http_service]\ninternal_prot = 3000\n' });
    expect(new Set(diagnostics.map((x) => x.ruleId))).toEqual(new Set(['DSQ-PF-0002', 'DSQ-PF-0005']));
    const d = diagnostics.find((x) => x.message.includes('unknown field'));
    expect(d?.message).toContain('internal_prot');
    expect(d?.line).toBe(3);
  });

  it('checks CloudFormation references, including short-form tags in hand-written templates (DSQ-PF-0003)', () => {
    const template = ['Parameters:', '  VpcId:', '    Type: AWS::EC2::VPC::Id', 'Resources:', '  Sg:', '    Type: AWS::EC2::SecurityGroup', '    Properties:', '      GroupDescription: x', '      VpcId: !Ref VpcID', '  Logs:', '    Type: AWS::Logs::LogGroup', '    DependsOn: Sgg', '    Properties:', '      LogGroupName: !Sub "/ecs/${AWS::StackName}-${Missing}"', 'Outputs:', '  Arn:', '    Value: !GetAtt Nope.Arn'].join('\n');
    const diagnostics = validatePlatform({ path: 'platform/cloudformation/template.yaml', content: template });
    expect(diagnostics.map((d) => d.ruleId)).toEqual(['DSQ-PF-0003', 'DSQ-PF-0003', 'DSQ-PF-0003', 'DSQ-PF-0003']);
    expect(diagnostics.map((d) => d.message).join('\n')).toMatch(/VpcID[\s\S]*Sgg[\s\S]*Missing[\s\S]*Nope/);
    expect(diagnostics[0]?.line).toBe(9);
    const fixed = template.replace('VpcID', 'VpcId').replace('Sgg', 'Sg').replace('-${Missing}', '').replace('Nope.Arn', 'Logs.Arn');
    expect(ids('platform/cloudformation/template.yaml', fixed)).toEqual([]);
  });

  it('ties the ECS health check to the mapped port and wants a non-root, read-only container (DSQ-PF-0004/6/7)', () => {
    const task = (container: Record<string, unknown>): string => JSON.stringify({ family: 'api', containerDefinitions: [{ name: 'api', image: 'x', ...container }] }, null, 2);
    const probe = { command: ['CMD', 'wget', '-q', '-O', '/dev/null', 'http://127.0.0.1:8080/healthz'] };
    expect(ids('a.task-definition.json', task({ portMappings: [{ containerPort: 3000 }], healthCheck: probe }))).toEqual(['DSQ-PF-0004', 'DSQ-PF-0006', 'DSQ-PF-0007']);
    expect(ids('a.task-definition.json', task({ user: '10001', readonlyRootFilesystem: true, portMappings: [{ containerPort: 8080 }], healthCheck: probe }))).toEqual([]);
    expect(ids('a.task-definition.json', task({ user: '0', readonlyRootFilesystem: true }))).toEqual(['DSQ-PF-0006']);
  });

  it('flags literal secrets in plain env but not placeholders (DSQ-PF-0008)', () => {
    expect(ids('fly.toml', 'app = "api"\n[env]\nAPI_TOKEN = "sk_live_123"\n')).toEqual(['DSQ-PF-0008']);
    expect(ids('fly.toml', 'app = "api"\n[env]\nAPI_TOKEN = ""\nLOG_LEVEL = "info"\n')).toEqual([]);
    expect(ids('render.yaml', 'services:\n  - type: worker\n    name: jobs\n    envVars:\n      - key: DB_PASSWORD\n        value: hunter2\n')).toEqual(['DSQ-PF-0008']);
  });

  it('wants health checks on HTTP services (DSQ-PF-0005) and security headers on Vercel (DSQ-PF-0009)', () => {
    expect(ids('render.yaml', 'services:\n  - type: web\n    name: api\n    runtime: docker\n')).toEqual(['DSQ-PF-0005']);
    expect(ids('fly.toml', 'app = "api"\n[http_service]\ninternal_port = 3000\n')).toEqual(['DSQ-PF-0005']);
    expect(ids('vercel.json', '{ "framework": "vite" }')).toEqual(['DSQ-PF-0009']);
  });

  it('refuses a wrangler.toml that is both a Worker and a Pages project', () => {
    expect(ids('wrangler.toml', 'name = "site"\ncompatibility_date = "2025-01-15"\nmain = "src/index.ts"\npages_build_output_dir = "dist"\n')).toEqual(['DSQ-PF-0002']);
  });
});
