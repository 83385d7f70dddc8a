/**
 * vercel.json per service Vercel can host: front-end frameworks it has a preset for and static
 * sites. Long-running servers (Express, Go, JVM, Rails…) and workers are "not applicable": Vercel runs
 * builds and serverless functions, not a process that listens forever, so no file is written for
 * them and the README says why. Env vars are not written here (Vercel keeps them per environment in
 * the project settings); the notes list the names to set.
 */
import type { ServicePlan } from '../../../plan/schema.js';
import type { GenerateContext, GeneratedFile } from '../../types.js';
import { evidenceOf, inServiceDir, platformFacts, type PlatformResult } from '../common.js';

/** Plan framework → Vercel framework preset. */
const PRESETS: Readonly<Record<string, string>> = {
  nextjs: 'nextjs',
  nuxt: 'nuxtjs',
  sveltekit: 'sveltekit',
  astro: 'astro',
  remix: 'remix',
  vite: 'vite',
  'create-react-app': 'create-react-app',
  gatsby: 'gatsby',
  hugo: 'hugo',
  jekyll: 'jekyll',
  eleventy: 'eleventy',
};

export const SECURITY_HEADERS: ReadonlyArray<{ key: string; value: string }> = [
  { key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains; preload' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
];

/** Why Vercel cannot run the service, or null when it can. */
export function vercelUnfit(service: ServicePlan): string | null {
  if (service.kind === 'worker') return `${service.name}: a background worker; Vercel runs no long-lived processes (use a container platform or a queue service)`;
  if (service.kind === 'static') return null;
  if (service.framework && service.language === 'node' && service.framework in PRESETS) return null;
  const what = service.framework ? `${service.framework} (${service.language})` : service.language;
  return `${service.name}: ${what} is a long-running server; Vercel runs front-end builds and serverless functions, not a process listening on port ${service.port.value ?? '?'} (use ecs, cloudrun, fly or render)`;
}

function config(service: ServicePlan): { json: Record<string, unknown>; notes: string[] } {
  const notes: string[] = [];
  const features = new Set(service.build.features);
  const preset = service.framework ? PRESETS[service.framework] ?? null : null;
  const json: Record<string, unknown> = { $schema: 'https://openapi.vercel.sh/vercel.json', framework: preset };
  // Vercel runs install and build in the project's root directory (the service folder); a monorepo
  // member whose install needs the workspace root is left to Vercel's own workspace detection.
  if (service.build.context === service.path && service.commands.install) json['installCommand'] = service.commands.install;
  else if (service.commands.install) notes.push(`${service.name}: install runs at the workspace root (${service.build.context || '.'}); Vercel detects the workspace itself, so installCommand is left unset`);
  if (service.commands.build) json['buildCommand'] = service.commands.build;
  const spa = features.has('spa');
  if (service.kind === 'static' || spa) {
    json['outputDirectory'] = service.build.outputDir ?? (service.language === 'static' ? '.' : 'dist');
    if (service.language === 'static' && !service.commands.build) json['buildCommand'] = null;
  }
  if (service.framework === 'sveltekit' && features.has('sveltekit-node')) notes.push(`${service.name}: uses @sveltejs/adapter-node; switch to @sveltejs/adapter-auto or adapter-vercel before deploying to Vercel`);
  if (service.framework === 'astro' && features.has('astro-ssr')) notes.push(`${service.name}: uses the Astro node adapter; add @astrojs/vercel (npx astro add vercel) before deploying to Vercel`);
  if (service.framework === 'nextjs' && features.has('next-standalone')) notes.push(`${service.name}: output: 'standalone' is for the container image; Vercel ignores it and builds its own functions`);
  json['cleanUrls'] = service.kind === 'static' && !spa;
  json['headers'] = [{ source: '/(.*)', headers: SECURITY_HEADERS }];
  if (spa) {
    json['rewrites'] = [{ source: '/((?!assets/).*)', destination: '/index.html' }];
    notes.push(`${service.name}: single-page app, so every path that is not a built asset is rewritten to /index.html`);
  }
  return { json, notes };
}

export function vercel(context: GenerateContext): PlatformResult {
  const files: GeneratedFile[] = [];
  const notApplicable: string[] = [];
  for (const service of context.services) {
    const unfit = vercelUnfit(service);
    if (unfit) {
      notApplicable.push(unfit);
      continue;
    }
    const { json, notes } = config(service);
    const facts = platformFacts(context.plan, service);
    const envNames = [...Object.keys(facts.environment).filter((n) => n !== facts.portEnvVar), ...facts.secretNames, ...facts.unset].sort();
    if (envNames.length > 0) notes.push(`${service.name}: set ${envNames.join(', ')} with \`vercel env add\` (per environment; secrets stay out of vercel.json)`);
    notes.push(`${service.name}: set the Vercel project's Root Directory to ${service.path === '' ? 'the repository root' : service.path}`);
    files.push({
      path: inServiceDir(service, 'vercel.json'),
      content: `${JSON.stringify(json, null, 2)}\n`,
      kind: 'platform',
      generator: 'platform',
      evidence: evidenceOf([service]),
      notes,
    });
  }
  return { files, notApplicable };
}
