/**
 * Chooses the service's port, env var and bind address. The code's own listen call wins; a port
 * only read from an env var takes its value from the start script (`PORT=4000 node …`),
 * .env.example, a `process.env.PORT || N` elsewhere, or the framework default. Meta-frameworks that
 * own their server use their default unless the app runs a custom server. A plain Node process
 * that never listens is a worker.
 */
import { joinPath } from '../../core/repo/repo-fs.js';
import { addEvidence, addWarning } from '../../plan/service.js';
import { parseDotenv } from '../shared/env-vars.js';
import { isLoopback } from '../shared/procfile.js';
import { parsePort } from '../shared/text.js';
import type { NodeContext } from './context.js';
import type { NodeFramework } from './frameworks/index.js';
import type { ListenSite, Resolved } from './port.js';
import { portDefaultAnywhere } from './port.js';

export function applyPort(ctx: NodeContext, framework: NodeFramework | null): void {
  const { service, manifest } = ctx;
  if (service.kind === 'static') {
    service.port.value = 8080;
    service.port.envVar = null;
    addEvidence(service, 'port', manifest.file, 'static build: the files are served by the generated web server on port 8080');
    return;
  }
  const script = ctx.startScript;
  const customServer = script !== null && script.command !== null && script.command === service.commands.start;
  const frameworkOwnsServer = framework !== null && framework.category !== 'server' && ctx.defaultPort !== null && !customServer;
  const sites = frameworkOwnsServer ? [] : ctx.listen;
  const site = sites.find((s) => parsePort(s.port.value) !== null) ?? sites.find((s) => s.port.envVar !== null) ?? sites.find((s) => !s.portGiven) ?? sites[0];
  const scriptPort = parsePort(script?.env.PORT);

  if (site) {
    let value = parsePort(site.port.value);
    let envVar = site.port.envVar;
    let note = site.text + trailNote(site.port, site.file);
    if (!site.portGiven) {
      value = 3000;
      envVar = site.via === 'serve' ? null : 'PORT';
      note = `${site.text} (${site.via === 'serve' ? '@hono/node-server' : 'Bun.serve'} default port 3000${envVar ? ', reads PORT' : ''})`;
    }
    if (scriptPort !== null && envVar === 'PORT') {
      value = scriptPort;
      addEvidence(service, 'port', manifest.file, `"${script!.script}" sets PORT=${scriptPort}`, script!.line);
    }
    if (value === null && envVar === null) {
      // `app.listen(config.port)` we could not follow: a `process.env.PORT || N` elsewhere is the best clue.
      const anywhere = portDefaultAnywhere(ctx.sources);
      if (anywhere) {
        value = anywhere.value;
        envVar = anywhere.envVar;
        note += `; ${anywhere.trail.text} (${anywhere.trail.file}:${anywhere.trail.line})`;
      }
    }
    if (value === null) {
      const hint = portHint(ctx, envVar);
      value = hint?.value ?? (envVar ? 3000 : null);
      note += hint ? `; ${envVar} defaults to ${hint.value} (${hint.note})` : envVar ? `; no default in the code, so ${envVar}=3000 is set in the image` : '';
    }
    service.port.value = value;
    service.port.envVar = envVar;
    addEvidence(service, 'port', site.file, note, site.line);
    applyBind(ctx, site, framework);
    return;
  }
  if (ctx.defaultPort) {
    const d = ctx.defaultPort;
    const value = scriptPort !== null && d.envVar === 'PORT' ? scriptPort : d.value;
    service.port.value = value;
    service.port.envVar = d.envVar;
    addEvidence(service, 'port', d.file, value === d.value ? d.note : `"${script!.script}" sets PORT=${value}`, value === d.value ? d.line : script!.line);
    return;
  }
  const anywhere = portDefaultAnywhere(ctx.sources);
  if (anywhere) {
    service.port.value = anywhere.value;
    service.port.envVar = anywhere.envVar;
    addEvidence(service, 'port', anywhere.trail.file, anywhere.trail.text, anywhere.trail.line);
    return;
  }
  // Only a process whose code we read and saw never listening is a worker; an unknown binary
  // (strapi start, medusa start…) may well serve HTTP.
  if (framework === null && service.commands.start !== null && /^(node|bun)\s/.test(service.commands.start)) {
    service.kind = 'worker';
    addEvidence(service, 'start', manifest.file, 'no listen call or server framework: a background worker');
  }
}

function trailNote(r: Resolved, siteFile: string): string {
  const t = r.trail[0];
  if (!t) return '';
  const where = t.file === siteFile ? `line ${t.line}` : `${t.file}:${t.line}`;
  return ` with ${t.text} (${where})`;
}

/** Where an env-only port gets its value: .env.example, another `process.env.PORT || N`, the framework. */
function portHint(ctx: NodeContext, envVar: string | null): { value: number; note: string } | null {
  if (envVar) {
    for (const name of ['.env.example', '.env.sample', '.env.template', '.env.defaults']) {
      const file = joinPath(ctx.dir, name);
      const text = ctx.repo.readText(file);
      const entry = text === null ? undefined : parseDotenv(text).find((e) => e.name === envVar);
      const value = parsePort(entry?.value);
      if (entry && value !== null) return { value, note: `${file}:${entry.line}` };
    }
    const anywhere = portDefaultAnywhere(ctx.sources);
    if (anywhere && anywhere.envVar === envVar) return { value: anywhere.value, note: `${anywhere.trail.file}:${anywhere.trail.line}` };
  }
  if (ctx.defaultPort) return { value: ctx.defaultPort.value, note: ctx.defaultPort.note };
  return null;
}

function applyBind(ctx: NodeContext, site: ListenSite, framework: NodeFramework | null): void {
  const { service } = ctx;
  let host = site.host?.value ?? null;
  let note = site.host ? `binds to ${site.host.value ?? '?'}${trailNote(site.host, site.file)}` : '';
  if (site.host === null && site.via === 'listen') {
    const fallback = framework?.defaultHost?.(ctx) ?? null;
    if (fallback) {
      host = fallback;
      note = `${site.text} names no host: ${framework?.id} listens on ${fallback} by default`;
    }
  }
  if (host === null || host === '') return;
  service.port.bindAddress = host;
  addEvidence(service, 'port', site.file, note || site.text, site.line);
  if (isLoopback(host)) {
    const hint = framework?.id === 'fastify' || framework?.id === 'nestjs' ? "pass host: '0.0.0.0'" : "listen on '0.0.0.0'";
    addWarning(service, `${site.file}:${site.line} binds to ${host}, which is unreachable from outside the container; ${hint} (or read HOST).`);
  }
}
