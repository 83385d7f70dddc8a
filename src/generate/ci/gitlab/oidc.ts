/**
 * OIDC for GitLab deploy and rollback jobs: GitLab mints an ID token per job (`id_tokens:`), with the
 * audience the cloud expects, and the job trades it for short-lived credentials. No long-lived key
 * is stored in CI variables; the variables below hold only identifiers (role ARN, provider name,
 * client id), and the cloud side decides which project, branch or tag may assume the role.
 *
 * The same variable names as the GitHub and CircleCI pipelines (AWS_ROLE_ARN, GCP_WORKLOAD_IDENTITY_PROVIDER,
 * AZURE_CLIENT_ID…), so one cloud-side setup document serves every provider. Tokens and credentials
 * reach the CLIs as arguments or files, never through echo/printf to the job log.
 */
import type { CloudOidc } from '../model.js';

type Json = Record<string, unknown>;

export interface GitlabCloudAuth {
  /** Job image with the cloud's CLI (pinned; see readme). */
  image: string;
  /** Commands that add what the deploy job needs beyond the image: curl for the smoke test. */
  deployTools: string[];
  /** Commands that add the cloud CLI when the image lacks it (rollback jobs need no curl). */
  cliTools: string[];
  /** `id_tokens:` of the job: one token whose `aud` is what the cloud's federation checks. */
  idTokens: Json;
  /** Commands that exchange the token for credentials, run before the hook. */
  login: string[];
  /** CI variables the user sets (names only), for notes and docs. */
  variables: string[];
}

export const OIDC_IMAGES = {
  gcp: 'gcr.io/google.com/cloudsdktool/google-cloud-cli:502.0.0-alpine',
  azure: 'mcr.microsoft.com/azure-cli:2.67.0',
} as const;

/** The `aud` each cloud's federation expects by default. */
export const OIDC_AUDIENCE = {
  aws: 'sts.amazonaws.com',
  // A workload identity provider accepts its own full resource name by default; GitLab expands the variable in `aud`.
  gcp: 'https://iam.googleapis.com/$GCP_WORKLOAD_IDENTITY_PROVIDER',
  azure: 'api://AzureADTokenExchange',
} as const;

function aws(alpine: string): GitlabCloudAuth {
  return {
    image: alpine,
    deployTools: ['apk add --no-cache curl aws-cli'],
    cliTools: ['apk add --no-cache aws-cli'],
    idTokens: { AWS_ID_TOKEN: { aud: OIDC_AUDIENCE.aws } },
    login: [
      // A failed exchange fails the assignment, and with it the job (the runner's shell stops on errors).
      'AWS_CREDENTIALS="$(aws sts assume-role-with-web-identity --role-arn "$AWS_ROLE_ARN" --role-session-name "gitlab-$CI_PROJECT_ID-$CI_JOB_ID" --web-identity-token "$AWS_ID_TOKEN" --duration-seconds 3600 --query \'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]\' --output text)"',
      'export AWS_ACCESS_KEY_ID="$(printf \'%s\' "$AWS_CREDENTIALS" | cut -f1)" AWS_SECRET_ACCESS_KEY="$(printf \'%s\' "$AWS_CREDENTIALS" | cut -f2)" AWS_SESSION_TOKEN="$(printf \'%s\' "$AWS_CREDENTIALS" | cut -f3)"',
      'unset AWS_CREDENTIALS',
      // Prints the assumed role's ARN (not a secret): the log shows which role the deployment used.
      'aws sts get-caller-identity --query Arn --output text',
    ],
    variables: ['AWS_ROLE_ARN', 'AWS_REGION'],
  };
}

function gcp(): GitlabCloudAuth {
  return {
    image: OIDC_IMAGES.gcp,
    deployTools: ['apk add --no-cache curl'],
    cliTools: [],
    idTokens: { GCP_ID_TOKEN: { aud: OIDC_AUDIENCE.gcp } },
    login: [
      'GCP_OIDC_DIR="$(mktemp -d)"',
      'printf \'%s\' "$GCP_ID_TOKEN" > "$GCP_OIDC_DIR/token"',
      // A credential configuration file (external_account) that reads the token file; gcloud and the SDKs exchange it themselves.
      'gcloud iam workload-identity-pools create-cred-config "$GCP_WORKLOAD_IDENTITY_PROVIDER" --service-account="$GCP_SERVICE_ACCOUNT" --credential-source-file="$GCP_OIDC_DIR/token" --output-file="$GCP_OIDC_DIR/credentials.json"',
      'gcloud auth login --cred-file="$GCP_OIDC_DIR/credentials.json" --quiet',
      'export GOOGLE_APPLICATION_CREDENTIALS="$GCP_OIDC_DIR/credentials.json"',
    ],
    variables: ['GCP_WORKLOAD_IDENTITY_PROVIDER', 'GCP_SERVICE_ACCOUNT'],
  };
}

function azure(): GitlabCloudAuth {
  return {
    image: OIDC_IMAGES.azure,
    // The Azure CLI image is Azure Linux (tdnf), not Alpine.
    deployTools: ['command -v curl >/dev/null || tdnf install -y curl'],
    cliTools: [],
    idTokens: { AZURE_ID_TOKEN: { aud: OIDC_AUDIENCE.azure } },
    login: [
      'az login --service-principal --username "$AZURE_CLIENT_ID" --tenant "$AZURE_TENANT_ID" --federated-token "$AZURE_ID_TOKEN" --output none',
      'az account set --subscription "$AZURE_SUBSCRIPTION_ID"',
    ],
    variables: ['AZURE_CLIENT_ID', 'AZURE_TENANT_ID', 'AZURE_SUBSCRIPTION_ID'],
  };
}

/** How deploy and rollback jobs authenticate to the pipeline's cloud, or null without one. */
export function gitlabCloudAuth(cloud: CloudOidc, alpine: string): GitlabCloudAuth | null {
  switch (cloud) {
    case 'aws':
      return aws(alpine);
    case 'gcp':
      return gcp();
    case 'azure':
      return azure();
    case 'none':
      return null;
  }
}
