/**
 * wrangler.toml where the stack fits Cloudflare:
 * - static sites and single-page apps → Cloudflare Pages (`pages_build_output_dir`);
 * - Nuxt → a Worker built with Nitro's `cloudflare_module` preset (the Nuxt docs' layout: the server
 *   bundle as `main`, the public assets bound as ASSETS).
 * Everything else is "not applicable" with the reason: Workers run JavaScript/Wasm isolates on the
 * fetch-handler model, not containers or Node servers that listen on a port.
 */
import { stringify } from 'smol-toml';
import type { ServicePlan } from '../../../plan/schema.js';
import { headerComment, type GenerateContext, type GeneratedFile } from '../../types.js';
import { evidenceOf, imageName, inServiceDir, platformFacts, type PlatformResult } from '../common.js';
import type { PlatformInputs } from '../inputs.js';

type Fit = { mode: 'pages' } | { mode: 'nuxt-worker' } | { mode: 'none'; reason: string };

export function cloudflareFit(service: ServicePlan): Fit {
  if (service.kind === 'static' || service.build.features.includes('spa')) return { mode: 'pages' };
  if (service.framework === 'nuxt') return { mode: 'nuxt-worker' };
  if (service.kind === 'worker') return { mode: 'none', reason: `${service.name}: a background worker process; Workers run per request (use Queues consumers written for Workers, or a container platform)` };
  const what = service.framework ? `${service.framework} (${service.language})` : service.language;
  const hint = service.framework === 'hono' ? ' Hono itself runs on Workers, but this entry targets another runtime; add a Workers entry that exports the app, then write wrangler.toml by hand' : '';
  return { mode: 'none', reason: `${service.name}: ${what} runs as a long-lived server in a container; Cloudflare Workers run fetch handlers in V8 isolates, not containers.${hint}` };
}

export function cloudflare(context: GenerateContext, options: PlatformInputs): PlatformResult {
  const files: GeneratedFile[] = [];
  const notApplicable: string[] = [];
  for (const service of context.services) {
    const fit = cloudflareFit(service);
    if (fit.mode === 'none') {
      notApplicable.push(fit.reason);
      continue;
    }
    const facts = platformFacts(context.plan, service);
    const notes: string[] = [];
    const doc: Record<string, unknown> = { name: imageName(context.plan, service), compatibility_date: options.compatibilityDate };
    if (fit.mode === 'pages') {
      const out = service.build.outputDir ?? (service.language === 'static' ? '.' : 'dist');
      doc['pages_build_output_dir'] = out === '.' ? './' : `./${out.replace(/^\.\//, '')}`;
      notes.push(`${service.name}: Cloudflare Pages serves ${out}${service.commands.build ? ` after \`${service.commands.build}\`` : ''} (wrangler pages deploy)`);
      if (service.build.features.includes('spa')) notes.push(`${service.name}: Pages falls back to index.html for unknown paths when the build has no 404.html (single-page app routing)`);
    } else {
      doc['main'] = './.output/server/index.mjs';
      doc['compatibility_flags'] = ['nodejs_compat'];
      doc['assets'] = { binding: 'ASSETS', directory: './.output/public/' };
      doc['observability'] = { enabled: true };
      notes.push(`${service.name}: build with NITRO_PRESET=cloudflare_module ${service.commands.build ?? 'npm run build'}, then wrangler deploy`);
    }
    const plain = Object.fromEntries(Object.entries(facts.environment).filter(([name]) => name !== facts.portEnvVar));
    if (Object.keys(plain).length > 0) doc['vars'] = plain;
    const secrets = [...facts.secretNames, ...facts.unset];
    if (secrets.length > 0) notes.push(`${service.name}: set ${secrets.join(', ')} with \`wrangler secret put\` (never in wrangler.toml)`);
    const header = headerComment('#', `the plan for service ${service.name}`);
    files.push({
      path: inServiceDir(service, 'wrangler.toml'),
      content: `${header}\n${stringify(doc)}\n`,
      kind: 'platform',
      generator: 'platform',
      evidence: evidenceOf([service]),
      notes,
    });
  }
  return { files, notApplicable };
}
