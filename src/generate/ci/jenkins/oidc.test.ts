/**
 * Jenkins OIDC through real examples: with a cloud, deploy and rollback stages bind an "OpenID
 * Connect id token" credential (oidc-provider plugin) instead of the long-lived deploy-<env> file,
 * and run the same exchange as GitLab in the hook's shell, with tracing off while credentials are
 * assigned. Without a cloud nothing changes; every Jenkinsfile passes the validator.
 */
import { describe, expect, it } from 'vitest';
import { examplePlan as plan } from '../../../../test/helpers.js';
import { validators } from '../../../validate/api.js';
import { cloudLogin } from '../cloud-login.js';
import { generate, inputs } from '../generate.js';
import { gitlabCloudAuth } from '../gitlab/oidc.js';

function jenkins(example: string, cloud: string) {
  const p = plan(example);
  const file = generate({ plan: p, services: p.services, version: '0.0.0' }, inputs.parse({ providers: ['jenkins'], cloud }))[0]!;
  return { file, p };
}

function severe(file: { path: string; content: string }): string[] {
  return validators.get('jenkinsfile')!.validate(file).filter((d) => d.severity !== 'info').map((d) => `${d.ruleId} ${d.message}`);
}

/** The `sh '''…'''` bodies that follow each id token binding. */
function boundScripts(content: string, variable: string): string[] {
  const out: string[] = [];
  const pattern = new RegExp(`withCredentials\\(\\[string\\(credentialsId: '[a-z]+-oidc-token', variable: '${variable}'\\)\\]\\) \\{\\n\\s*sh '''\\n([\\s\\S]*?)\\n\\s*'''`, 'g');
  for (const match of content.matchAll(pattern)) out.push(match[1]!.split('\n').map((l) => l.trim()).join('\n'));
  return out;
}

const CLOUDS = [
  { cloud: 'aws', credential: 'aws-oidc-token', variable: 'AWS_ID_TOKEN', cli: 'aws' },
  { cloud: 'gcp', credential: 'gcp-oidc-token', variable: 'GCP_ID_TOKEN', cli: 'gcloud' },
  { cloud: 'azure', credential: 'azure-oidc-token', variable: 'AZURE_ID_TOKEN', cli: 'az' },
] as const;

describe('Jenkins OIDC', () => {
  for (const { cloud, credential, variable, cli } of CLOUDS) {
    it(`${cloud}: every deploy and its rollback bind ${credential} and log in before the hook, with no long-lived file`, () => {
      for (const example of ['node-express', 'node-monorepo-pnpm-turbo']) {
        const { file, p } = jenkins(example, cloud);
        const { content } = file;
        expect(content, example).not.toContain('DEPLOY_CREDENTIALS');
        expect(content).not.toContain("file(credentialsId: 'deploy-");
        // Deploy + rollback, staging + production, per service.
        const scripts = boundScripts(content, variable);
        expect(scripts, example).toHaveLength(p.services.length * 4);
        const login = cloudLogin(cloud, 'jenkins-$BUILD_NUMBER');
        for (const script of scripts) {
          const lines = script.split('\n');
          expect(lines[0]).toBe('set +x');
          expect(lines[1]).toContain(`command -v ${cli} >/dev/null ||`);
          // The exact GitLab exchange, then tracing back on before the hook runs.
          const start = lines.indexOf(login[0]!);
          expect(start, script).toBeGreaterThan(0);
          expect(lines.slice(start, start + login.length)).toEqual(login);
          expect(lines[start + login.length]).toBe('set -x');
          expect(script).toMatch(/"\$(DEPLOY|ROLLBACK)_HOOK"/);
          expect(script.indexOf('set -x')).toBeLessThan(script.search(/"\$(DEPLOY|ROLLBACK)_HOOK"/));
        }
        // The token is bound as an env var and read by the shell only: outside the sh '''…''' bodies
        // (no Groovy interpolation) it appears in the bindings alone.
        const groovy = content.replace(/sh '''\n[\s\S]*?\n\s*'''/g, "sh '''…'''");
        expect(groovy.split(variable).length - 1).toBe(scripts.length);
        expect(groovy).toContain(`variable: '${variable}'`);
        expect(severe(file), example).toEqual([]);
        expect(file.notes?.join('\n')).toContain(`${credential} (kind "OpenID Connect id token"`);
      }
    });
  }

  it('aws: the role session names the Jenkins build; the same commands as GitLab otherwise', () => {
    const { file } = jenkins('node-express', 'aws');
    expect(file.content).toContain('--role-session-name "jenkins-$BUILD_NUMBER" --web-identity-token "$AWS_ID_TOKEN"');
    expect(file.content).toContain('// AWS_ROLE_ARN, AWS_REGION come from the Jenkins global or folder environment');
    const gitlab = gitlabCloudAuth('aws', 'alpine:3.20')!.login;
    expect(cloudLogin('aws', 'gitlab-$CI_PROJECT_ID-$CI_JOB_ID')).toEqual(gitlab);
    expect(file.notes?.join('\n')).toContain('audience sts.amazonaws.com');
  });

  it('gcp and azure: the CLI login state lives in a per-build temporary directory, removed on exit', () => {
    const gcp = jenkins('node-express', 'gcp').file;
    expect(gcp.content).toContain('CLOUDSDK_CONFIG="$(mktemp -d)"\n');
    expect(gcp.content).toContain('trap \'rm -rf "$CLOUDSDK_CONFIG" "${GCP_OIDC_DIR:-$CLOUDSDK_CONFIG}"\' EXIT');
    expect(gcp.notes?.join('\n')).toContain('audience https://iam.googleapis.com/<GCP_WORKLOAD_IDENTITY_PROVIDER>');
    const azure = jenkins('node-express', 'azure').file;
    expect(azure.content).toContain('AZURE_CONFIG_DIR="$(mktemp -d)"\n');
    expect(azure.content).toContain('--federated-token "$AZURE_ID_TOKEN"');
    expect(azure.notes?.join('\n')).toContain('audience api://AzureADTokenExchange');
  });

  it('without a cloud: the deploy-<environment> credentials file, no id token', () => {
    const { file } = jenkins('node-monorepo-pnpm-turbo', 'none');
    expect(file.content).toContain("withCredentials([file(credentialsId: 'deploy-staging', variable: 'DEPLOY_CREDENTIALS')])");
    expect(file.content).toContain("withCredentials([file(credentialsId: 'deploy-production', variable: 'DEPLOY_CREDENTIALS')])");
    expect(file.content).not.toContain('oidc-token');
    expect(file.content).not.toContain('set +x');
    expect(severe(file)).toEqual([]);
  });
});
