/**
 * The Detector contract. A detector owns one language (frameworks live in `frameworks/` inside its
 * folder). `detect` is cheap and pure: it looks at one directory through RepoFs and says whether it
 * is a deployable service of its language, a workspace root, or a library. `plan` does the deeper
 * reading and returns one ServicePlan per deployable service found there (a Go module with several
 * `cmd/<name>` binaries yields several). Neither ever throws on a user's broken file: they return
 * null / [] and the RepoFs records a diagnostic.
 */
import type { RepoFs } from '../core/repo/repo-fs.js';
import type { ServicePlan } from '../plan/schema.js';

export type DetectionRole =
  /** A deployable app: plan() is called. */
  | 'service'
  /** The root of a workspace / multi-module build; members are detected in their own dirs. */
  | 'workspace-root'
  /** A library, tooling-only package or example: not deployed. */
  | 'library';

export interface Detection {
  role: DetectionRole;
  /** One line on why, shown by `analyze --explain` and in debug logs. */
  reason: string;
  /** Detector-private data passed on to plan() so it need not re-read files. */
  data?: unknown;
}

export interface Detector {
  /** Folder name under src/detect/ and registry key. */
  id: string;
  displayName: string;
  /**
   * Higher wins when two detectors both claim a directory as a service (deno.json beats
   * package.json; any language beats the static-site fallback).
   */
  priority: number;
  /**
   * File names (or simple globs such as `*.csproj`) whose presence makes a directory a candidate.
   * A cheap prefilter: detect() only runs when one matches.
   */
  markers: readonly string[];
  /** When false, a detection inside another service's directory is ignored (static sites). */
  nestedInService?: boolean;
  detect(repo: RepoFs, dir: string): Detection | null;
  plan(repo: RepoFs, dir: string, detection: Detection): ServicePlan[];
}
