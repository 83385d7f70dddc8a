import { describe, expect, it } from 'vitest';
import { onlyService } from '../../../../test/helpers.js';

const lock = { 'package-lock.json': '{}' };

describe('Next.js', () => {
  const next = (scripts: Record<string, string> = { build: 'next build', start: 'next start' }): Record<string, unknown> => ({ name: 'web', scripts, dependencies: { next: '15.0.3', react: '19.0.0' } });

  it('without standalone runs next start from node_modules/.bin on 3000', () => {
    const s = onlyService({ 'package.json': next(), ...lock, 'next.config.js': 'module.exports = {};\n' });
    expect(s.framework).toBe('nextjs');
    expect(s.commands.start).toBe('node_modules/.bin/next start');
    expect(s.port).toMatchObject({ value: 3000, envVar: 'PORT' });
    expect(s.build.outputDir).toBe('.next');
    expect(s.build.features).not.toContain('next-standalone');
    expect(s.evidence.find((e) => e.fact === 'port')?.note).toMatch(/Next\.js default port/);
  });

  it('next start -p 4000 sets the port', () => {
    const s = onlyService({ 'package.json': next({ build: 'next build', start: 'next start -p 4000' }), ...lock });
    expect(s.commands.start).toBe('node_modules/.bin/next start -p 4000');
    expect(s.port.value).toBe(4000);
  });

  it("output: 'export' is a static site in out/", () => {
    const s = onlyService({ 'package.json': next(), ...lock, 'next.config.mjs': "export default { output: 'export', images: { unoptimized: true } };\n" });
    expect(s.kind).toBe('static');
    expect(s.build.outputDir).toBe('out');
    expect(s.build.features).toContain('static-export');
    expect(s.commands.start).toBeNull();
    expect(s.port.value).toBe(8080);
  });

  it('a custom server (node server.js) wins, with the port from its code', () => {
    const s = onlyService({
      'package.json': next({ build: 'next build', start: 'NODE_ENV=production node server.js' }),
      ...lock,
      'server.js': "const { createServer } = require('http');\nconst next = require('next');\nconst port = parseInt(process.env.PORT || '3005', 10);\nconst app = next({});\napp.prepare().then(() => createServer(app.getRequestHandler()).listen(port));\n",
    });
    expect(s.framework).toBe('nextjs');
    expect(s.commands.start).toBe('node server.js');
    expect(s.port.value).toBe(3005);
  });

  it('pages/api/healthz.ts is the health route', () => {
    const s = onlyService({ 'package.json': next(), ...lock, 'src/pages/api/healthz.ts': 'export default function handler(req, res) { res.status(200).end(); }\n' });
    expect(s.health.path).toBe('/api/healthz');
  });

  it('a route group in the app router is not part of the path', () => {
    const s = onlyService({ 'package.json': next(), ...lock, 'app/(ops)/health/route.ts': 'export function GET() { return new Response("ok"); }\n' });
    expect(s.health.path).toBe('/health');
  });
});

describe('Nuxt', () => {
  it('nuxt generate is a static site in .output/public', () => {
    const s = onlyService({ 'package.json': { name: 'site', scripts: { build: 'nuxt generate' }, dependencies: { nuxt: '^3.14.0' } }, ...lock });
    expect(s.kind).toBe('static');
    expect(s.build.outputDir).toBe('.output/public');
    expect(s.build.features).toContain('static-export');
  });

  it('Nuxt 2 runs nuxt start and sets HOST', () => {
    const s = onlyService({ 'package.json': { name: 'legacy', scripts: { build: 'nuxt build', start: 'nuxt start' }, dependencies: { nuxt: '^2.17.3' } }, ...lock });
    expect(s.commands.start).toBe('node_modules/.bin/nuxt start');
    expect(s.env.find((e) => e.name === 'HOST')?.default).toBe('0.0.0.0');
    expect(s.port.value).toBe(3000);
  });

  it('a non-node Nitro preset is a warning', () => {
    const s = onlyService({ 'package.json': { name: 'edge', scripts: { build: 'nuxt build' }, dependencies: { nuxt: '^3.14.0' } }, ...lock, 'nuxt.config.ts': "export default defineNuxtConfig({ nitro: { preset: 'cloudflare-pages' } });\n" });
    expect(s.commands.start).toBe('node .output/server/index.mjs');
    expect(s.warnings.join('\n')).toMatch(/preset "cloudflare-pages"/);
  });
});

describe('Remix and React Router', () => {
  it('classic Remix serves build/index.js with remix-serve', () => {
    const s = onlyService({ 'package.json': { name: 'shop', scripts: { build: 'remix build' }, dependencies: { '@remix-run/node': '^2.15.0', '@remix-run/serve': '^2.15.0', '@remix-run/react': '^2.15.0' } }, ...lock, 'remix.config.js': 'module.exports = {};\n' });
    expect(s.framework).toBe('remix');
    expect(s.commands.start).toBe('node_modules/.bin/remix-serve ./build/index.js');
    expect(s.build.features).toContain('remix');
    expect(s.port.value).toBe(3000);
  });

  it('React Router v7 framework mode uses the start script and flat-route health', () => {
    const s = onlyService({
      'package.json': { name: 'rr', type: 'module', scripts: { build: 'react-router build', start: 'react-router-serve ./build/server/index.js' }, dependencies: { '@react-router/node': '^7.0.1', '@react-router/serve': '^7.0.1', 'react-router': '^7.0.1' }, devDependencies: { '@react-router/dev': '^7.0.1' } },
      ...lock,
      'app/routes/api.healthz.ts': 'export function loader() { return new Response("ok"); }\n',
    });
    expect(s.framework).toBe('react-router');
    expect(s.commands.start).toBe('node_modules/.bin/react-router-serve ./build/server/index.js');
    expect(s.health.path).toBe('/api/healthz');
    expect(s.build.features).toContain('remix');
  });

  it('ssr: false makes a static SPA in build/client', () => {
    const s = onlyService({
      'package.json': { name: 'spa', scripts: { build: 'react-router build' }, dependencies: { 'react-router': '^7.0.1' }, devDependencies: { '@react-router/dev': '^7.0.1' } },
      ...lock,
      'react-router.config.ts': 'export default { ssr: false };\n',
    });
    expect(s.kind).toBe('static');
    expect(s.build.outputDir).toBe('build/client');
    expect(s.build.features).toEqual(['spa']);
  });

  it('a Remix app on its own Express server starts that server', () => {
    const s = onlyService({
      'package.json': { name: 'custom', scripts: { build: 'remix vite:build', start: 'cross-env NODE_ENV=production node ./server.js' }, dependencies: { '@remix-run/express': '^2.15.0', '@remix-run/node': '^2.15.0', express: '^4.21.1' } },
      ...lock,
      'server.js': "import express from 'express';\nconst app = express();\nconst port = process.env.PORT || 3000;\napp.listen(port, () => console.log(port));\n",
    });
    expect(s.commands.start).toBe('node ./server.js');
    expect(s.port.value).toBe(3000);
  });
});

describe('SvelteKit', () => {
  const kit = (adapter: string): Record<string, unknown> => ({ name: 'kit', type: 'module', scripts: { build: 'vite build' }, devDependencies: { '@sveltejs/kit': '^2.8.1', [adapter]: '^5.0.0', vite: '^5.4.11' } });

  it('adapter-node with a custom out directory', () => {
    const s = onlyService({ 'package.json': kit('@sveltejs/adapter-node'), ...lock, 'svelte.config.js': "import adapter from '@sveltejs/adapter-node';\nexport default { kit: { adapter: adapter({ out: 'server-build' }) } };\n" });
    expect(s.commands.start).toBe('node server-build');
    expect(s.build.outputDir).toBe('server-build');
    expect(s.evidence).toContainEqual({ fact: 'start', file: 'svelte.config.js', line: 1, note: '@sveltejs/adapter-node writes a Node server to server-build/' });
  });

  it('adapter-static is a static site', () => {
    const s = onlyService({ 'package.json': kit('@sveltejs/adapter-static'), ...lock, 'svelte.config.js': "import adapter from '@sveltejs/adapter-static';\nexport default { kit: { adapter: adapter({ pages: 'public-build' }) } };\n" });
    expect(s.kind).toBe('static');
    expect(s.build.outputDir).toBe('public-build');
  });

  it('adapter-auto is planned as a Node server with a warning to switch adapters', () => {
    const s = onlyService({ 'package.json': kit('@sveltejs/adapter-auto'), ...lock, 'svelte.config.js': "import adapter from '@sveltejs/adapter-auto';\nexport default { kit: { adapter: adapter() } };\n" });
    expect(s.commands.start).toBe('node build');
    expect(s.warnings.join('\n')).toMatch(/adapter-auto.*adapter-node/);
  });
});

describe('Astro', () => {
  it('without an adapter it is a static site in dist', () => {
    const s = onlyService({ 'package.json': { name: 'blog', scripts: { build: 'astro build' }, dependencies: { astro: '^5.0.2' } }, ...lock, 'astro.config.mjs': "import { defineConfig } from 'astro/config';\nexport default defineConfig({});\n" });
    expect(s.kind).toBe('static');
    expect(s.build.outputDir).toBe('dist');
    expect(s.build.features).toContain('static-export');
    expect(s.port.value).toBe(8080);
  });

  it('the node adapter with server.port and host: true', () => {
    const s = onlyService({
      'package.json': { name: 'ssr', scripts: { build: 'astro build' }, dependencies: { astro: '^5.0.2', '@astrojs/node': '^9.0.0' } },
      ...lock,
      'astro.config.ts': "import node from '@astrojs/node';\nexport default { output: 'server', server: { port: 8081, host: true }, adapter: node({ mode: 'standalone' }) };\n",
    });
    expect(s.commands.start).toBe('node ./dist/server/entry.mjs');
    expect(s.port.value).toBe(8081);
    expect(s.env.find((e) => e.name === 'HOST')).toBeUndefined();
  });
});
