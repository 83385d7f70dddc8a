/**
 * The Rust version for the build image: rust-toolchain.toml / rust-toolchain (nearest up the tree),
 * then Cargo's `rust-version` (the package's, or the workspace's when inherited), then
 * .tool-versions / mise.toml, then the default with a warning. A channel such as 'stable' or
 * 'nightly' is not an image version, so it falls through to the next source.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath } from '../../core/repo/repo-fs.js';
import { lineOf } from '../shared/text.js';
import { ancestors, DEFAULT_VERSIONS, toolVersion } from '../shared/versions.js';
import type { CargoManifest } from './cargo.js';

export interface RustRuntime {
  version: string;
  source: string;
  evidence: { file: string; line?: number; note: string } | null;
  warning: string | null;
}

const NUMERIC = /^\d+\.\d+(\.\d+)?$/;

export function rustRuntime(repo: RepoFs, manifest: CargoManifest, workspaceRoot: CargoManifest | null): RustRuntime {
  let channelNote: string | null = null;
  for (const at of ancestors(manifest.dir)) {
    for (const name of ['rust-toolchain.toml', 'rust-toolchain']) {
      const file = joinPath(at, name);
      const text = repo.readText(file);
      if (text === null) continue;
      const channel = toolchainChannel(repo, file, text);
      if (channel && NUMERIC.test(channel)) {
        return { version: channel, source: file, evidence: { file, line: lineOf(text, channel), note: `toolchain channel ${channel}` }, warning: null };
      }
      if (channel) channelNote = `${file} names the '${channel}' channel, which is not a version`;
      break;
    }
    if (channelNote) break;
  }
  const rv = manifest.pkg?.rustVersion;
  const inherited = typeof rv === 'object' && rv !== null ? (workspaceRoot?.workspace?.rustVersion ?? null) : null;
  const rustVersion = typeof rv === 'string' ? { value: rv, m: manifest } : inherited && workspaceRoot ? { value: inherited, m: workspaceRoot } : null;
  if (rustVersion && /^\d+\.\d+/.test(rustVersion.value)) {
    const { value, m } = rustVersion;
    return { version: value, source: m.file, evidence: { file: m.file, line: lineOf(m.text, /^\s*rust-version\s*=/), note: `rust-version = "${value}"` }, warning: null };
  }
  const tool = toolVersion(repo, manifest.dir, ['rust']);
  if (tool && NUMERIC.test(tool.version)) {
    return { version: tool.version, source: tool.file, evidence: { file: tool.file, line: tool.line, note: `rust ${tool.version}` }, warning: null };
  }
  const why = channelNote ? `${channelNote}; using the default Rust ${DEFAULT_VERSIONS.rust}.` : `No Rust version in rust-toolchain, Cargo rust-version or .tool-versions; using the default ${DEFAULT_VERSIONS.rust}.`;
  return { version: DEFAULT_VERSIONS.rust, source: 'default', evidence: null, warning: why };
}

/** `[toolchain] channel = "…"` in TOML, or the legacy one-line rust-toolchain file. */
function toolchainChannel(repo: RepoFs, file: string, text: string): string | null {
  if (/^\s*\[toolchain\]/m.test(text) || file.endsWith('.toml')) {
    const data = repo.readToml(file);
    const toolchain = data?.toolchain;
    const channel = typeof toolchain === 'object' && toolchain !== null ? (toolchain as { channel?: unknown }).channel : undefined;
    return typeof channel === 'string' ? channel.trim() : null;
  }
  const first = text.split('\n').map((l) => l.trim()).find((l) => l !== '' && !l.startsWith('#'));
  return first ?? null;
}
