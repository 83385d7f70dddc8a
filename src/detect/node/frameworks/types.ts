/**
 * One module per framework. `matches` is cheap (dependencies, config file names) and is what
 * detect() uses; `apply` records what the framework decides: id, kind, start, build output,
 * default port, features, and health routes it knows from file-based routing.
 */
import type { NodeContext, PackageInfo } from '../context.js';

/**
 * fullstack: a meta-framework that owns the server (Next, Nuxt, Remix, SvelteKit, Astro).
 * server: an HTTP library the app starts itself (Express, Fastify…): a service only when
 *   something starts it (a start script or a listen call), otherwise a library or middleware.
 * spa: a client-side build served as static files (Vite, CRA, Angular).
 */
export type FrameworkCategory = 'fullstack' | 'server' | 'spa';

export interface NodeFramework {
  id: string;
  category: FrameworkCategory;
  matches(info: PackageInfo): boolean;
  apply(ctx: NodeContext): void;
  /** Health routes the framework declares its own way (file routes, decorators); true when set. */
  health?(ctx: NodeContext): boolean;
  /** The host the framework binds to when the listen call names none (Fastify: localhost). */
  defaultHost?(ctx: NodeContext): string | null;
}
