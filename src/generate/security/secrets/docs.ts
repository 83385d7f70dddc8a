/** SECRETS.md prose: provider setup commands and rotation notes. */
import { remoteKey, type Provider, type SecretsInputs, type ServiceSecrets } from './model.js';

function fence(lines: string[]): string[] {
  return ['```sh', ...lines, '```'];
}

export function setupSteps(project: string, groups: readonly ServiceSecrets[], options: SecretsInputs): string[] {
  const withSecrets = groups.filter((g) => g.names.length > 0);
  const key = (service: string, name: string): string => remoteKey(options.provider, project, service, name).key;
  switch (options.provider) {
    case 'vault':
      return [
        'Kubernetes auth and a read-only policy, then one KV v2 entry per service:',
        '',
        ...fence([
          'vault auth enable kubernetes',
          'vault write auth/kubernetes/config kubernetes_host=https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT',
          `vault policy write ${project}-read security/secrets/vault/policy.hcl`,
          `vault write auth/kubernetes/role/${project} bound_service_account_names=${project} bound_service_account_namespaces=${options.namespace} policies=${project}-read ttl=1h`,
          ...withSecrets.map(({ service, names }) => `vault kv put secret/${project}/${service.name} ${names.map((n) => `${n}=...`).join(' ')}`),
        ]),
        '',
        'Either run Vault Agent with `vault/agent.hcl` (it renders `/vault/secrets/<service>.env`; source it before the app starts) or install the External Secrets Operator and apply `external-secrets/`.',
      ];
    case 'aws':
      return [
        'One JSON secret per service; the workload role gets `aws/iam-policy.json` (IRSA or EKS Pod Identity for the service account):',
        '',
        ...fence(withSecrets.map(({ service, names }) => `aws secretsmanager create-secret --name ${key(service.name, '')} --secret-string '{${names.map((n) => `"${n}":"..."`).join(',')}}'`)),
        '',
        'Apply `external-secrets/` with the External Secrets Operator installed (or read the secret at start-up with the AWS SDK).',
      ];
    case 'gcp':
      return [
        'One secret per env var; grant `roles/secretmanager.secretAccessor` to the workload identity:',
        '',
        ...fence(withSecrets.flatMap(({ service, names }) => names.map((n) => `printf '%s' "$VALUE" | gcloud secrets create ${key(service.name, n)} --data-file=-`))),
        '',
        'Apply `external-secrets/` with the External Secrets Operator installed.',
      ];
    case 'azure':
      return [
        'One Key Vault secret per env var (names allow letters, digits and dashes); give the workload identity the "Key Vault Secrets User" role:',
        '',
        ...fence(withSecrets.flatMap(({ service, names }) => names.map((n) => `az keyvault secret set --vault-name your-vault --name ${key(service.name, n)} --value "$VALUE"`))),
        '',
        'Apply `external-secrets/` with the External Secrets Operator installed.',
      ];
    case 'doppler':
      return [
        'Copy `doppler/doppler.yaml` to the repo root, then:',
        '',
        ...fence(['doppler setup', ...withSecrets.flatMap(({ names }) => names.map((n) => `doppler secrets set ${n}`)), 'doppler run -- <your start command>']),
        '',
        'In Kubernetes, store a service token in the `doppler-token` Secret and apply `external-secrets/`.',
      ];
    default:
      return [
        'Replace the age recipient and KMS key in `sops/.sops.yaml`, copy it to the repo root, then:',
        '',
        ...fence(['cp security/secrets.env.example secrets.env   # fill it in, never commit it', 'sops --encrypt secrets.env > secrets.enc.env', 'sops exec-env secrets.enc.env \'<your start command>\'']),
      ];
  }
}

export function rotationNotes(provider: Provider): string[] {
  const specific: Record<Provider, string> = {
    vault: 'Prefer dynamic secrets (database secrets engine) for database credentials: Vault issues short-lived users and revokes them. For KV secrets, write a new version; Agent re-renders the template and ESO picks it up on its refresh interval.',
    aws: 'Turn on Secrets Manager rotation (a rotation Lambda; AWS provides ones for RDS, Redshift and DocumentDB) with a schedule of 30 to 90 days.',
    gcp: 'Set a rotation schedule on each secret (Pub/Sub notifications) and add a new version; pin consumers to `latest` only when they reload on change.',
    azure: 'Set a rotation policy on each secret (Key Vault raises near-expiry events) and add a new version; ESO syncs it on its refresh interval.',
    doppler: 'Rotate in Doppler (automatic rotation exists for supported databases); services pick up new values on restart or with `doppler run --watch`.',
    sops: 'Rotating a value means editing the encrypted file (`sops secrets.enc.env`); rotate the data key with `sops rotate -i` when someone leaves, and keep the age private keys out of the repository.',
  };
  return [
    `- ${specific[provider]}`,
    '- Rotate with overlap: issue the new credential, deploy, then revoke the old one; signing keys keep the old key for verification until tokens signed with it expire.',
    '- The External Secrets refresh interval (`1h`) bounds how long a rotated value takes to reach the cluster; pods read env vars at start, so restart them (or use a reloader) after a rotation.',
    '- A secret that was ever committed to git is compromised: rotate it, do not just delete it.',
  ];
}
