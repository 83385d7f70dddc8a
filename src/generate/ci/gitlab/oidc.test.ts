/**
 * GitLab CI OIDC through real examples: deploy and rollback jobs request an ID token with the audience
 * the cloud's federation checks and trade it for short-lived credentials before the hook runs; no
 * other job gets a token, nothing secret reaches the log, and the file passes the GitLab validator.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { examplePlan as plan } from '../../../../test/helpers.js';
import { validators } from '../../../validate/api.js';
import { generate, inputs } from '../generate.js';

type Job = { image?: string; id_tokens?: Record<string, { aud: string }>; before_script?: string[]; script?: string[]; stage?: string };

function gitlab(example: string, cloud: string) {
  const p = plan(example);
  const file = generate({ plan: p, services: p.services, version: '0.0.0' }, inputs.parse({ providers: ['gitlab'], cloud }))[0]!;
  const document = parse(file.content) as Record<string, unknown>;
  const jobs = Object.entries(document).filter(([name]) => name.includes(':')) as Array<[string, Job]>;
  return { file, jobs, p };
}

function severe(file: { path: string; content: string }): string[] {
  return validators.get('gitlab-ci')!.validate(file).filter((d) => d.severity !== 'info').map((d) => `${d.ruleId} ${d.message}`);
}

const cloudJob = (name: string): boolean => /:(deploy|rollback)-(staging|production)$/.test(name);

describe('GitLab CI OIDC', () => {
  it('aws: every deploy and rollback job assumes AWS_ROLE_ARN with an sts.amazonaws.com ID token, before the hook', () => {
    const { file, jobs, p } = gitlab('node-monorepo-pnpm-turbo', 'aws');
    const deploys = jobs.filter(([name]) => cloudJob(name));
    expect(deploys).toHaveLength(p.services.length * 4);
    for (const [name, job] of deploys) {
      expect(job.id_tokens, name).toEqual({ AWS_ID_TOKEN: { aud: 'sts.amazonaws.com' } });
      const login = job.before_script!.join('\n');
      expect(login).toContain('aws sts assume-role-with-web-identity --role-arn "$AWS_ROLE_ARN"');
      expect(login).toContain('--web-identity-token "$AWS_ID_TOKEN"');
      expect(login).toContain('export AWS_ACCESS_KEY_ID=');
      expect(login).toContain('AWS_SESSION_TOKEN=');
      // The image gets the AWS CLI; deploy jobs also keep curl for the smoke test.
      expect(job.before_script![0]).toBe(name.includes(':deploy-') ? 'apk add --no-cache curl aws-cli' : 'apk add --no-cache aws-cli');
      expect(job.script!.join('\n')).toMatch(/"\$(DEPLOY|ROLLBACK)_HOOK"/);
    }
    // Least privilege: no other job can mint a cloud token.
    for (const [name, job] of jobs.filter(([n]) => !cloudJob(n))) expect(job.id_tokens, name).toBeUndefined();
    expect(file.notes?.join('\n')).toContain('AWS_ROLE_ARN, AWS_REGION');
    expect(severe(file)).toEqual([]);
  });

  it('gcp: the token audience is the workload identity provider, turned into a credential file for gcloud', () => {
    const { file, jobs } = gitlab('python-uv-workspace', 'gcp');
    const deploys = jobs.filter(([name]) => cloudJob(name));
    expect(deploys.length).toBeGreaterThan(0);
    for (const [name, job] of deploys) {
      expect(job.id_tokens, name).toEqual({ GCP_ID_TOKEN: { aud: 'https://iam.googleapis.com/$GCP_WORKLOAD_IDENTITY_PROVIDER' } });
      expect(job.image).toMatch(/^gcr\.io\/google\.com\/cloudsdktool\/google-cloud-cli:\d+\.\d+\.\d+-alpine$/);
      const login = job.before_script!.join('\n');
      expect(login).toContain('printf \'%s\' "$GCP_ID_TOKEN" > "$GCP_OIDC_DIR/token"');
      expect(login).toContain('gcloud iam workload-identity-pools create-cred-config "$GCP_WORKLOAD_IDENTITY_PROVIDER" --service-account="$GCP_SERVICE_ACCOUNT" --credential-source-file="$GCP_OIDC_DIR/token"');
      expect(login).toContain('gcloud auth login --cred-file="$GCP_OIDC_DIR/credentials.json"');
    }
    expect(severe(file)).toEqual([]);
  });

  it('azure: az login with the federated token (api://AzureADTokenExchange) on a single-service repo', () => {
    const { file, jobs } = gitlab('node-express', 'azure');
    const deploys = jobs.filter(([name]) => cloudJob(name));
    expect(deploys).toHaveLength(4);
    for (const [name, job] of deploys) {
      expect(job.id_tokens, name).toEqual({ AZURE_ID_TOKEN: { aud: 'api://AzureADTokenExchange' } });
      expect(job.image).toMatch(/^mcr\.microsoft\.com\/azure-cli:\d+\.\d+\.\d+$/);
      expect(job.before_script).toContain('az login --service-principal --username "$AZURE_CLIENT_ID" --tenant "$AZURE_TENANT_ID" --federated-token "$AZURE_ID_TOKEN" --output none');
      expect(job.before_script).toContain('az account set --subscription "$AZURE_SUBSCRIPTION_ID"');
    }
    expect(severe(file)).toEqual([]);
  });

  it('without a cloud: no ID token, no cloud CLI, the deploy jobs as before', () => {
    const { file, jobs } = gitlab('node-monorepo-pnpm-turbo', 'none');
    for (const [name, job] of jobs) expect(job.id_tokens, name).toBeUndefined();
    expect(file.content).not.toMatch(/\b(aws sts|gcloud|az login)\b/);
    for (const [, job] of jobs.filter(([name]) => name.includes(':deploy-'))) expect(job.before_script).toEqual(['apk add --no-cache curl']);
  });

  it('prints no token: the same login with an echoed token is what DSQ-GL-0004 reports', () => {
    const { file } = gitlab('node-express', 'aws');
    expect(severe(file)).toEqual([]);
    const leaky = file.content.replace('    - unset AWS_CREDENTIALS\n', '    - echo "$AWS_SESSION_TOKEN"\n    - unset AWS_CREDENTIALS\n');
    expect(leaky).not.toBe(file.content);
    expect(severe({ path: file.path, content: leaky }).some((d) => d.startsWith('DSQ-GL-0004'))).toBe(true);
  });
});
