/**
 * Every action the generated workflows use, pinned to a full commit SHA with the release it is. A tag
 * can be moved; a commit cannot, so a compromised release tag cannot change what runs in a user's
 * pipeline. Each SHA was read from the action's own repository (`git rev-parse <tag>^{commit}` on a
 * snapshot of the repository); bump them together, with Dependabot or Renovate in the user's repo.
 */
export interface PinnedAction {
  repo: string;
  sha: string;
  version: string;
}

function pin(repo: string, sha: string, version: string): PinnedAction {
  return { repo, sha, version };
}

export const ACTIONS = {
  checkout: pin('actions/checkout', '3d3c42e5aac5ba805825da76410c181273ba90b1', 'v7.0.1'),
  cache: pin('actions/cache', '27d5ce7f107fe9357f9df03efb73ab90386fccae', 'v5.0.5'),
  setupNode: pin('actions/setup-node', '820762786026740c76f36085b0efc47a31fe5020', 'v7.0.0'),
  setupGo: pin('actions/setup-go', 'b7ad1dad31e06c5925ef5d2fc7ad053ef454303e', 'v7.0.0'),
  setupBuildx: pin('docker/setup-buildx-action', '37fe631027851001ddb9b187196cc803df7f5f0e', 'v4.3.0'),
  login: pin('docker/login-action', '4907a6ddec9925e35a0a9e82d7399ccc52663121', 'v4.1.0'),
  metadata: pin('docker/metadata-action', 'dc802804100637a589fabce1cb79ff13a1411302', 'v6.2.0'),
  buildPush: pin('docker/build-push-action', '53b7df96c91f9c12dcc8a07bcb9ccacbed38856a', 'v7.3.0'),
  trivy: pin('aquasecurity/trivy-action', 'ed142fd0673e97e23eac54620cfb913e5ce36c25', 'v0.36.0'),
  uploadSarif: pin('github/codeql-action/upload-sarif', '8aad20d150bbac5944a9f9d289da16a4b0d87c1e', 'v4.36.2'),
  awsCredentials: pin('aws-actions/configure-aws-credentials', 'e6de054238d6b7531b4efff3b6587d9aade6a06c', 'v6.2.3'),
  gcpAuth: pin('google-github-actions/auth', '7c6bc770dae815cd3e89ee6cdf493a5fab2cc093', 'v3.0.0'),
  azureLogin: pin('azure/login', 'f5d393ae46f8fde4be8b75f32e3fc50e654ad0ca', 'v3.0.1'),
} as const satisfies Record<string, PinnedAction>;

/** The `uses:` value: `owner/repo@<sha>`; the renderer adds the `# vX.Y.Z` comment. */
export function usesRef(action: PinnedAction): string {
  return `${action.repo}@${action.sha}`;
}
