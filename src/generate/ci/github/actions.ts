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
  setupPython: pin('actions/setup-python', '5fda3b95a4ea91299a34e894583c3862153e4b97', 'v7.0.0'),
  setupJava: pin('actions/setup-java', 'b6effb05e454b25005698d916606bdc6ffcbf961', 'v5.7.0'),
  setupRuby: pin('ruby/setup-ruby', '0dafeac902942906541bc140009cdbf32665b601', 'v1.315.0'),
  setupPhp: pin('shivammathur/setup-php', 'f3e473d116dcccaddc5834248c87452386958240', '2.37.2'),
  setupDotnet: pin('actions/setup-dotnet', 'a98b56852c35b8e3190ac28c8c2271da59106c68', 'v6.0.0'),
  setupBeam: pin('erlef/setup-beam', '54075bcc5e249e4758d363f27d099f55d843f124', 'v1.24.1'),
  setupBun: pin('oven-sh/setup-bun', '0c5077e51419868618aeaa5fe8019c62421857d6', 'v2.2.0'),
  setupDeno: pin('denoland/setup-deno', '667a34cdef165d8d2b2e98dde39547c9daac7282', 'v2.0.4'),
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
