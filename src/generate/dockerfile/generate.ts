/**
 * The Dockerfile generator: one Dockerfile per service at `<service.path>/Dockerfile`, rendered by the
 * recipe for the service's language (stacks/<language>.ts) from the plan and these typed inputs.
 * Pure: the same plan and inputs give the same bytes.
 */
import { z } from 'zod';
import type { Language, ServicePlan } from '../../plan/schema.js';
import { headerComment, type GenerateContext, type GeneratedFile } from '../types.js';
import { SYNTAX_DIRECTIVE } from './common.js';
import { dockerfilePathFor } from './paths.js';
import type { StackRenderer } from './stacks/types.js';
import { render as deno } from './stacks/deno.js';
import { render as dotnet } from './stacks/dotnet.js';
import { render as elixir } from './stacks/elixir.js';
import { render as go } from './stacks/go.js';
import { render as jvm } from './stacks/jvm.js';
import { render as node } from './stacks/node.js';
import { render as php } from './stacks/php.js';
import { render as python } from './stacks/python.js';
import { render as ruby } from './stacks/ruby.js';
import { render as rust } from './stacks/rust.js';
import { render as staticSite } from './stacks/static.js';

/** Docker duration: 30s, 1m30s, 500ms. */
const duration = z.string().regex(/^(\d+(ms|s|m|h))+$/, 'a Docker duration such as 30s or 1m');

export const inputs = z.object({
  /**
   * Runtime base image family. Unset: each stack picks its default (node → alpine, or slim when native
   * modules or OS packages need glibc; python/ruby → slim; go/rust → distroless static). A stack that
   * cannot honour a flavor (e.g. distroless for Ruby) keeps its default and says so in its notes.
   */
  baseImageFlavor: z.enum(['alpine', 'slim', 'distroless']).optional(),
  /** The unprivileged user created in the final stage; a fixed uid keeps volume ownership predictable. */
  nonRootUser: z
    .object({
      name: z.string().regex(/^[a-z_][a-z0-9_-]{0,31}$/).default('app'),
      uid: z.number().int().min(1000).max(2_147_483_647).default(10001),
    })
    .default({ name: 'app', uid: 10001 }),
  /** HEALTHCHECK timings. */
  healthcheck: z
    .object({
      interval: duration.default('30s'),
      timeout: duration.default('5s'),
      retries: z.number().int().min(1).max(20).default(3),
      startPeriod: duration.default('20s'),
    })
    .default({ interval: '30s', timeout: '5s', retries: 3, startPeriod: '20s' }),
  /**
   * Pull-through mirror for Docker Hub images (e.g. `registry.example.com/dockerhub`). Official images
   * get their `library/` namespace; images on other registries (ghcr.io, mcr.microsoft.com) are unchanged.
   */
  registryMirror: z.string().regex(/^[A-Za-z0-9.-]+(:\d+)?(\/[A-Za-z0-9._-]+)*\/?$/).optional(),
});
export type DockerfileInputs = z.infer<typeof inputs>;

/** Recipe per language; java and kotlin share the JVM recipe. */
export const RECIPES: Readonly<Record<Language, StackRenderer>> = {
  deno,
  dotnet,
  elixir,
  go,
  java: jvm,
  kotlin: jvm,
  node,
  php,
  python,
  ruby,
  rust,
  static: staticSite,
};

/** Facts of the plan that shape a Dockerfile, shown by `generate --explain`. */
const EVIDENCE_FACTS = /^(runtime|port|start|build|install|framework|health|packageManager)$/;

export function generate(context: GenerateContext, options: DockerfileInputs): GeneratedFile[] {
  const files: GeneratedFile[] = [];
  for (const service of context.services) {
    const recipe = RECIPES[service.language](service, options);
    if (recipe.text.trim() === '') continue; // a recipe that has not landed yet renders nothing
    const path = dockerfilePathFor(service, context.plan.services);
    files.push({
      path,
      content: withHeader(recipe.text, headerSource(service)),
      kind: 'dockerfile',
      generator: 'dockerfile',
      evidence: service.evidence.filter((e) => EVIDENCE_FACTS.test(e.fact)),
      notes: recipe.notes,
    });
  }
  return files;
}

/** What the header says the file came from: the service and the files its facts were read from. */
function headerSource(service: ServicePlan): string {
  const files = [...new Set(service.evidence.filter((e) => EVIDENCE_FACTS.test(e.fact)).map((e) => e.file))].sort();
  const where = service.path === '' ? 'the repository root' : service.path;
  return files.length === 0 ? `the plan for service ${service.name} (${where})` : `the plan for service ${service.name} (${files.slice(0, 4).join(', ')}${files.length > 4 ? ', …' : ''})`;
}

/** Puts the devsquad header right after the syntax directive, which must stay the first line. */
export function withHeader(text: string, source: string): string {
  const header = headerComment('#', source);
  const lines = text.split('\n');
  if (lines[0]?.trim() === SYNTAX_DIRECTIVE) return [lines[0], header, ...lines.slice(1)].join('\n');
  return [header, text].join('\n');
}
