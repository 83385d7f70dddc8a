/** The contract every JVM framework module (spring-boot, quarkus, micronaut) implements. */
import type { RepoFs } from '../../../core/repo/repo-fs.js';
import type { Feature, ServicePlan } from '../../../plan/schema.js';
import type { AppConfig } from '../app-config.js';
import type { JvmProject } from '../model.js';
import type { EntryPoint } from '../sources.js';

export interface FrameworkEvidence {
  file: string;
  line?: number;
  note: string;
}

export interface JvmContext {
  repo: RepoFs;
  /** The project, with the runtime dependencies of the sibling modules it uses merged in. */
  project: JvmProject;
  service: ServicePlan;
  config: AppConfig;
  sources: readonly string[];
  /** Main sources of the sibling modules the project depends on (shared bootstrap code). */
  moduleSources: readonly string[];
  entry: EntryPoint | null;
}

export interface JvmFramework {
  id: 'spring-boot' | 'quarkus' | 'micronaut';
  feature: Feature;
  /** Why this project uses the framework (plugin, parent or dependency), or null. */
  detect(project: JvmProject): FrameworkEvidence | null;
  /** A deployable application of the framework, not a library that merely uses it. */
  isApp(project: JvmProject, entry: EntryPoint | null): boolean;
  /** Serves HTTP (server) rather than running without a port (worker). */
  isServer(project: JvmProject, config: AppConfig): boolean;
  /** Port, health route, env vars, backing services and migrations. */
  apply(ctx: JvmContext): void;
}
