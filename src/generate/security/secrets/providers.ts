/**
 * Provider wiring: External Secrets Operator manifests (SecretStore + one ExternalSecret per service
 * mapping each secret env var) for Vault, AWS, GCP, Azure and Doppler; Vault Agent config and
 * templates; an AWS IAM policy; a Doppler setup file; SOPS creation rules.
 */
import YAML from 'yaml';
import { headerComment, type GeneratedFile } from '../../types.js';
import { remoteKey, type Provider, type SecretsInputs, type ServiceSecrets } from './model.js';

export const SECRETS_DIR = 'security/secrets';

function yamlDocs(docs: unknown[], header: string): string {
  return `${header}\n${docs.map((d) => YAML.stringify(d, { lineWidth: 0 })).join('---\n')}`;
}

function storeProvider(provider: Exclude<Provider, 'sops'>, project: string): Record<string, unknown> {
  const sa = { name: project };
  switch (provider) {
    case 'vault':
      return { vault: { server: 'https://vault.example.internal:8200', path: 'secret', version: 'v2', auth: { kubernetes: { mountPath: 'kubernetes', role: project, serviceAccountRef: sa } } } };
    case 'aws':
      return { aws: { service: 'SecretsManager', region: 'us-east-1', auth: { jwt: { serviceAccountRef: sa } } } };
    case 'gcp':
      return { gcpsm: { projectID: 'your-gcp-project', auth: { workloadIdentity: { clusterLocation: 'europe-west1', clusterName: 'your-cluster', serviceAccountRef: sa } } } };
    case 'azure':
      return { azurekv: { vaultUrl: 'https://your-vault.vault.azure.net', authType: 'WorkloadIdentity', serviceAccountRef: sa } };
    default:
      return { doppler: { auth: { secretRef: { dopplerToken: { name: 'doppler-token', key: 'dopplerToken' } } } } };
  }
}

export function externalSecrets(project: string, groups: readonly ServiceSecrets[], options: SecretsInputs): GeneratedFile[] {
  if (options.provider === 'sops') return [];
  const header = headerComment('#', `the plan of ${project}`);
  const store = { apiVersion: 'external-secrets.io/v1', kind: 'SecretStore', metadata: { name: `${project}-${options.provider}`, namespace: options.namespace }, spec: { provider: storeProvider(options.provider, project) } };
  const files: GeneratedFile[] = [{ path: `${SECRETS_DIR}/external-secrets/secret-store.yaml`, content: yamlDocs([store], header), kind: 'yaml', generator: 'secrets', notes: [`External Secrets SecretStore for ${options.provider}`] }];
  for (const { service, names } of groups) {
    if (names.length === 0) continue;
    const externalSecret = {
      apiVersion: 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      metadata: { name: `${service.name}-secrets`, namespace: options.namespace },
      spec: {
        refreshInterval: '1h',
        secretStoreRef: { name: store.metadata.name, kind: 'SecretStore' },
        target: { name: `${service.name}-secrets`, creationPolicy: 'Owner' },
        data: names.map((name) => ({ secretKey: name, remoteRef: remoteKey(options.provider, project, service.name, name) })),
      },
    };
    files.push({ path: `${SECRETS_DIR}/external-secrets/${service.name}.yaml`, content: yamlDocs([externalSecret], header), kind: 'yaml', generator: 'secrets', notes: [`${service.name}: ${names.join(', ')}`] });
  }
  return files;
}

export function providerFiles(project: string, groups: readonly ServiceSecrets[], options: SecretsInputs): GeneratedFile[] {
  const source = `the plan of ${project}`;
  const withSecrets = groups.filter((g) => g.names.length > 0);
  switch (options.provider) {
    case 'vault': {
      const templates = withSecrets.map(({ service, names }) => ({
        path: `${SECRETS_DIR}/vault/${service.name}.env.ctmpl`,
        content: `{{- /* ${headerComment('', source).trim()} */ -}}\n{{ with secret "secret/data/${project}/${service.name}" }}\n${names.map((n) => `${n}={{ .Data.data.${n} }}`).join('\n')}\n{{ end }}\n`,
        kind: 'text' as const,
        generator: 'secrets',
      }));
      const agent = [
        headerComment('#', source),
        '# Vault Agent (sidecar or init container): Kubernetes auth, one rendered env file per service.',
        'auto_auth {',
        '  method "kubernetes" {',
        '    mount_path = "auth/kubernetes"',
        '    config = {',
        `      role = "${project}"`,
        '    }',
        '  }',
        '  sink "file" {',
        '    config = {',
        '      path = "/home/vault/.vault-token"',
        '    }',
        '  }',
        '}',
        '',
        ...withSecrets.flatMap(({ service }) => ['template {', `  source      = "/vault/config/${service.name}.env.ctmpl"`, `  destination = "/vault/secrets/${service.name}.env"`, '  perms       = "0400"', '}', '']),
      ].join('\n');
      const policy = [headerComment('#', source), `# Read-only access to this project's secrets: vault policy write ${project}-read policy.hcl`, `path "secret/data/${project}/*" {`, '  capabilities = ["read"]', '}', ''].join('\n');
      return [
        { path: `${SECRETS_DIR}/vault/agent.hcl`, content: agent, kind: 'text', generator: 'secrets' },
        { path: `${SECRETS_DIR}/vault/policy.hcl`, content: policy, kind: 'text', generator: 'secrets' },
        ...templates,
      ];
    }
    case 'aws': {
      const policy = { Version: '2012-10-17', Statement: [{ Sid: 'ReadProjectSecrets', Effect: 'Allow', Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Resource: `arn:aws:secretsmanager:*:*:secret:${project}/*` }] };
      return [{ path: `${SECRETS_DIR}/aws/iam-policy.json`, content: `${JSON.stringify(policy, null, 2)}\n`, kind: 'json', generator: 'secrets' }];
    }
    case 'doppler': {
      const setup = { setup: withSecrets.map(({ service }) => ({ project, config: 'prd', path: service.path || '.' })) };
      return [{ path: `${SECRETS_DIR}/doppler/doppler.yaml`, content: `${headerComment('#', source)}\n# Copy to the repo root as doppler.yaml; \`doppler setup\` reads it.\n${YAML.stringify(setup)}`, kind: 'yaml', generator: 'secrets' }];
    }
    case 'sops': {
      const rules = {
        creation_rules: [
          { path_regex: '\\.enc\\.(env|ya?ml|json)$', age: 'age1-REPLACE-WITH-YOUR-AGE-RECIPIENT', kms: 'arn:aws:kms:REGION:ACCOUNT:key/REPLACE-WITH-KEY-ID' },
        ],
      };
      return [{ path: `${SECRETS_DIR}/sops/.sops.yaml`, content: `${headerComment('#', source)}\n# Copy to the repo root. Encrypt: sops --encrypt secrets.env > secrets.enc.env (never commit secrets.env).\n${YAML.stringify(rules)}`, kind: 'yaml', generator: 'secrets' }];
    }
    default:
      return [];
  }
}
