/**
 * OIDC token exchange shared by the GitLab and Jenkins renderers: both get a job-scoped ID token in
 * an env var (GitLab from `id_tokens:`, Jenkins from an "OpenID Connect id token" credential) and
 * trade it for short-lived cloud credentials with the same commands, so one cloud-side setup and
 * one set of variable names (AWS_ROLE_ARN, GCP_WORKLOAD_IDENTITY_PROVIDER, AZURE_CLIENT_ID…) serve
 * every provider. Tokens and credentials reach the CLIs as arguments or files, never through
 * echo/printf to the job log.
 */
import type { CloudOidc } from './model.js';

export type Cloud = Exclude<CloudOidc, 'none'>;

/** The `aud` each cloud's federation expects by default. */
export const OIDC_AUDIENCE = {
  aws: 'sts.amazonaws.com',
  // A workload identity provider accepts its own full resource name by default; GitLab expands the variable in `aud`.
  gcp: 'https://iam.googleapis.com/$GCP_WORKLOAD_IDENTITY_PROVIDER',
  azure: 'api://AzureADTokenExchange',
} as const;

/** The env var the login commands read the ID token from. */
export const ID_TOKEN_VARIABLE = { aws: 'AWS_ID_TOKEN', gcp: 'GCP_ID_TOKEN', azure: 'AZURE_ID_TOKEN' } as const;

/** Identifiers (not secrets) the user sets in CI: names only, for notes and docs. */
export const CLOUD_VARIABLES = {
  aws: ['AWS_ROLE_ARN', 'AWS_REGION'],
  gcp: ['GCP_WORKLOAD_IDENTITY_PROVIDER', 'GCP_SERVICE_ACCOUNT'],
  azure: ['AZURE_CLIENT_ID', 'AZURE_TENANT_ID', 'AZURE_SUBSCRIPTION_ID'],
} as const satisfies Record<Cloud, readonly string[]>;

/** The CLI each login needs on the runner or agent. */
export const CLOUD_CLI = { aws: 'aws', gcp: 'gcloud', azure: 'az' } as const;

/**
 * Shell lines that exchange the ID token for credentials, run before the hook in the same shell.
 * `sessionName` names the AWS role session (shell-expanded; [\w+=,.@-], at most 64 characters).
 */
export function cloudLogin(cloud: Cloud, sessionName: string): string[] {
  switch (cloud) {
    case 'aws':
      return [
        // A failed exchange fails the assignment, and with it the job (the shell stops on errors).
        `AWS_CREDENTIALS="$(aws sts assume-role-with-web-identity --role-arn "$AWS_ROLE_ARN" --role-session-name "${sessionName}" --web-identity-token "$AWS_ID_TOKEN" --duration-seconds 3600 --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]' --output text)"`,
        'export AWS_ACCESS_KEY_ID="$(printf \'%s\' "$AWS_CREDENTIALS" | cut -f1)" AWS_SECRET_ACCESS_KEY="$(printf \'%s\' "$AWS_CREDENTIALS" | cut -f2)" AWS_SESSION_TOKEN="$(printf \'%s\' "$AWS_CREDENTIALS" | cut -f3)"',
        'unset AWS_CREDENTIALS',
        // Prints the assumed role's ARN (not a secret): the log shows which role the deployment used.
        'aws sts get-caller-identity --query Arn --output text',
      ];
    case 'gcp':
      return [
        'GCP_OIDC_DIR="$(mktemp -d)"',
        'printf \'%s\' "$GCP_ID_TOKEN" > "$GCP_OIDC_DIR/token"',
        // A credential configuration file (external_account) that reads the token file; gcloud and the SDKs exchange it themselves.
        'gcloud iam workload-identity-pools create-cred-config "$GCP_WORKLOAD_IDENTITY_PROVIDER" --service-account="$GCP_SERVICE_ACCOUNT" --credential-source-file="$GCP_OIDC_DIR/token" --output-file="$GCP_OIDC_DIR/credentials.json"',
        'gcloud auth login --cred-file="$GCP_OIDC_DIR/credentials.json" --quiet',
        'export GOOGLE_APPLICATION_CREDENTIALS="$GCP_OIDC_DIR/credentials.json"',
      ];
    case 'azure':
      return [
        'az login --service-principal --username "$AZURE_CLIENT_ID" --tenant "$AZURE_TENANT_ID" --federated-token "$AZURE_ID_TOKEN" --output none',
        'az account set --subscription "$AZURE_SUBSCRIPTION_ID"',
      ];
  }
}
