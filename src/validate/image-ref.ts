/**
 * Container image references (`[registry/]name[:tag][@digest]`), shared by the Dockerfile FROM rule
 * and the compose image rule.
 */

export interface ImageRef {
  /** Everything before the tag and digest: registry and repository path. */
  name: string;
  tag: string | null;
  digest: string | null;
}

export function parseImageRef(ref: string): ImageRef {
  const at = ref.indexOf('@');
  const digest = at === -1 ? null : ref.slice(at + 1);
  const rest = at === -1 ? ref : ref.slice(0, at);
  // A colon after the last slash is a tag; one before it is a registry port (localhost:5000/app).
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) return { name: rest.slice(0, colon), tag: rest.slice(colon + 1), digest };
  return { name: rest, tag: null, digest };
}

/** Why a reference floats (no tag, or `latest` without a digest), or null when it is pinned. */
export function unpinnedReason(ref: ImageRef): string | null {
  if (ref.digest !== null) return null;
  if (ref.tag === null) return 'has no tag, so it means `latest`';
  if (ref.tag.toLowerCase() === 'latest') return 'uses the `latest` tag';
  return null;
}

/** The last path segment of the repository (`library/postgres` → `postgres`, `mssql/server` → `server`). */
export function repositoryPath(ref: ImageRef): string {
  const parts = ref.name.toLowerCase().split('/');
  // Drop a registry host (has a dot or a port, or is localhost).
  const first = parts[0] ?? '';
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')) parts.shift();
  if (parts[0] === 'library') parts.shift();
  return parts.join('/');
}
