/**
 * OIDC for GitLab deploy and rollback jobs: GitLab mints an ID token per job (`id_tokens:`), with the
 * audience the cloud expects, and the job trades it for short-lived credentials. No long-lived key
 * is stored in CI variables; the variables below hold only identifiers (role ARN, provider name,
 * client id), and the cloud side decides which project, branch or tag may assume the role.
 *
 * The token exchange itself, its variable names and audiences are shared with Jenkins (../cloud-login.ts).
 */
import { CLOUD_VARIABLES, cloudLogin, ID_TOKEN_VARIABLE, OIDC_AUDIENCE, type Cloud } from '../cloud-login.js';
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

const SESSION = 'gitlab-$CI_PROJECT_ID-$CI_JOB_ID';

/** The image and the tools each cloud's jobs install; the token, login and variables follow from the cloud. */
function tools(cloud: Cloud, alpine: string): Pick<GitlabCloudAuth, 'image' | 'deployTools' | 'cliTools'> {
  switch (cloud) {
    case 'aws':
      return { image: alpine, deployTools: ['apk add --no-cache curl aws-cli'], cliTools: ['apk add --no-cache aws-cli'] };
    case 'gcp':
      return { image: OIDC_IMAGES.gcp, deployTools: ['apk add --no-cache curl'], cliTools: [] };
    case 'azure':
      // The Azure CLI image is Azure Linux (tdnf), not Alpine.
      return { image: OIDC_IMAGES.azure, deployTools: ['command -v curl >/dev/null || tdnf install -y curl'], cliTools: [] };
  }
}

/** How deploy and rollback jobs authenticate to the pipeline's cloud, or null without one. */
export function gitlabCloudAuth(cloud: CloudOidc, alpine: string): GitlabCloudAuth | null {
  if (cloud === 'none') return null;
  return {
    ...tools(cloud, alpine),
    idTokens: { [ID_TOKEN_VARIABLE[cloud]]: { aud: OIDC_AUDIENCE[cloud] } },
    login: cloudLogin(cloud, SESSION),
    variables: [...CLOUD_VARIABLES[cloud]],
  };
}
