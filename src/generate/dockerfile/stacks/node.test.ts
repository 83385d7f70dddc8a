import { describe, expect, it } from 'vitest';
import { PLANS, service } from '../fixtures.js';
import { inputs } from '../generate.js';
import { render } from './node.js';

const lines = (text: string): string[] => text.split('\n');
const dockerfile = (plan: ReturnType<typeof service>, options: Record<string, unknown> = {}) => render(plan, inputs.parse(options));

describe('node recipe', () => {
  it('express + npm: version ARG, lockfile-strict cached install, prod deps, non-root, probe, exec CMD', () => {
    const { text } = dockerfile(PLANS.express());
    const l = lines(text);
    expect(l).toContain('ARG NODE_VERSION=22');
    expect(l).toContain('FROM node:${NODE_VERSION}-alpine AS base');
    expect(l).toContain('COPY --parents package.json package-lock.json .npmrc* ./');
    expect(text).toContain('RUN --mount=type=cache,target=/root/.npm,id=npm \\\n    --mount=type=secret,id=npmrc,target=/root/.npmrc \\\n    npm ci\n');
    expect(text).toContain('npm ci --omit=dev');
    expect(l).toContain('FROM node:${NODE_VERSION}-alpine AS runtime');
    expect(l).toContain('COPY --from=prod-deps /app ./');
    expect(l).toContain('COPY --from=build --exclude=node_modules /app ./');
    expect(l).toContain('ENV NODE_ENV=production');
    expect(l).toContain('USER 10001:10001');
    expect(l).toContain('EXPOSE 3000');
    expect(l).toContain('ENV PORT=3000');
    expect(text).toContain(`CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health')`);
    expect(l.at(-2)).toBe('CMD ["node", "dist/server.js"]');
    expect(text).toMatchSnapshot();
  });

  it('pnpm monorepo member: all workspace manifests, corepack, scoped sources, service workdir', () => {
    const { text, notes } = dockerfile(PLANS.pnpmMonorepo());
    const l = lines(text);
    expect(l).toContain('FROM base AS manifests');
    expect(text).toContain('find . -name node_modules -prune -o -name package.json -print');
    expect(l).toContain('COPY --from=manifests /manifests ./');
    expect(l).toContain('COPY --parents pnpm-lock.yaml pnpm-workspace.yaml* .npmrc* .pnpmfile.cjs* patches* ./');
    expect(text).toContain('npm install -g --force corepack@${COREPACK_VERSION}');
    expect(text).toContain('--mount=type=cache,target=/pnpm/store,id=pnpm');
    expect(text).toContain('pnpm install --frozen-lockfile\n');
    expect(text).toContain('pnpm install --prod --frozen-lockfile\n');
    expect(l).toContain('COPY --parents apps/api packages/shared tsconfig*.json turbo.json* nx.json* ./');
    expect(l).toContain('RUN pnpm --filter ./apps/api... build');
    expect(l).toContain('COPY --from=build --exclude=node_modules --exclude=apps/api/node_modules --exclude=packages/shared/node_modules /app ./');
    expect(l).toContain('WORKDIR /app/apps/api');
    expect(notes.join('\n')).toContain('monorepo member');
    expect(text).toMatchSnapshot();
  });

  it('Next.js standalone: copies standalone, static and public; node server.js on 0.0.0.0', () => {
    const l = lines(dockerfile(PLANS.nextStandalone()).text);
    expect(l).toContain('COPY --from=build /app/.next/standalone ./');
    expect(l).toContain('COPY --from=build /app/.next/static ./.next/static');
    expect(l).toContain('COPY --from=build /app/public* ./public/');
    expect(l).toContain('ENV HOSTNAME=0.0.0.0');
    expect(l).toContain('RUN mkdir -p /app/.next/cache && chown -R 10001:10001 /app/.next/cache');
    expect(l).toContain('CMD ["node", "server.js"]');
    expect(l).not.toContain('FROM base AS prod-deps');
  });

  it('Next.js without standalone: next start from node_modules/.bin (npx dropped)', () => {
    const l = lines(dockerfile(PLANS.next()).text);
    expect(l).toContain('COPY --from=build /app/.next ./.next');
    expect(l).toContain('ENV PATH=/app/node_modules/.bin:$PATH');
    expect(l).toContain('CMD ["next", "start"]');
  });

  it('Nuxt in a monorepo: only .output, started with node', () => {
    const l = lines(dockerfile(PLANS.nuxtMonorepo()).text);
    expect(l).toContain('COPY --from=build /app/apps/web/.output ./apps/web/.output');
    expect(l).toContain('CMD ["node", ".output/server/index.mjs"]');
  });

  it('SvelteKit, Astro and Remix: build output plus production node_modules', () => {
    expect(lines(dockerfile(PLANS.sveltekit()).text)).toContain('COPY --from=build /app/build ./build');
    const astro = lines(dockerfile(PLANS.astro()).text);
    expect(astro).toContain('ENV HOST=0.0.0.0');
    expect(astro).toContain('CMD ["node", "./dist/server/entry.mjs"]');
    const remix = dockerfile(PLANS.remixPrisma()).text;
    expect(remix).toContain('RUN npx --no-install prisma generate');
    expect(remix).toContain('COPY --from=build /app/node_modules/.prisma ./node_modules/.prisma');
    expect(remix).toContain('apk add --no-cache openssl');
  });

  it('SPA: built with Node, served by nginx-unprivileged on 8080 with an index.html fallback', () => {
    const { text } = dockerfile(PLANS.viteSpa());
    const l = lines(text);
    expect(l).toContain('FROM nginxinc/nginx-unprivileged:${NGINX_VERSION}-alpine AS runtime');
    expect(l).toContain("COPY <<'EOF' /etc/nginx/templates/default.conf.template");
    expect(l).toContain('        try_files $uri $uri/ /index.html;');
    expect(l).toContain('COPY --from=build /app/dist /usr/share/nginx/html');
    expect(l).toContain('USER 101:101');
    expect(l).toContain('EXPOSE 8080');
    expect(text).toContain('yarn install --immutable');
    expect(text).toContain('--mount=type=secret,id=yarn_npm_auth_token,env=YARN_NPM_AUTH_TOKEN');
    expect(text).toMatchSnapshot();
  });

  it('native modules: Debian slim, compilers in build stages only', () => {
    const { text, notes } = dockerfile(PLANS.nativeModules());
    expect(text).toContain('FROM node:${NODE_VERSION}-bookworm-slim AS base');
    expect(text).toContain('apt-get install -y --no-install-recommends g++ make python3');
    const runtime = text.slice(text.indexOf('AS runtime'));
    expect(runtime).not.toContain('g++');
    expect(notes.join('\n')).toContain('glibc');
  });

  it('distroless on request: nonroot uid, node entrypoint, probe with /nodejs/bin/node', () => {
    const l = lines(dockerfile(PLANS.nativeModules(), { baseImageFlavor: 'distroless' }).text);
    expect(l).toContain('FROM gcr.io/distroless/nodejs${NODE_MAJOR}-debian12:nonroot AS runtime');
    expect(l).toContain('USER 65532:65532');
    expect(l).toContain('ENTRYPOINT ["/nodejs/bin/node"]');
    expect(l).toContain('CMD ["server.js"]');
    const fallback = dockerfile(PLANS.next(), { baseImageFlavor: 'distroless' });
    expect(fallback.notes.join('\n')).toContain('distroless not used');
  });

  it('worker (Bun): no EXPOSE, no port env, HEALTHCHECK NONE, bun image', () => {
    const { text } = dockerfile(PLANS.bunWorker());
    expect(text).toContain('FROM oven/bun:${BUN_VERSION}-alpine AS base');
    expect(text).not.toMatch(/^EXPOSE/m);
    expect(text).not.toContain('ENV PORT');
    expect(lines(text)).toContain('HEALTHCHECK NONE');
    expect(lines(text)).toContain('CMD ["bun", "run", "src/worker.ts"]');
  });

  it('notes a package manager left as PID 1', () => {
    const { notes } = dockerfile(service({ language: 'node', commands: { start: 'npm start' } }));
    expect(notes.join('\n')).toContain('keeps the package manager as PID 1');
  });
});

describe('node static exports', () => {
  it('Next.js static export: out/ served without the SPA fallback', () => {
    const plan = service({ language: 'node', framework: 'nextjs', kind: 'static', port: 8080, packageManager: { name: 'npm', lockfile: 'package-lock.json', version: null }, commands: { build: 'npm run build' }, build: { features: ['static-export'] } });
    const l = render(plan, inputs.parse({})).text.split('\n');
    expect(l).toContain('COPY --from=build /app/out /usr/share/nginx/html');
    expect(l).toContain('        try_files $uri $uri/ $uri.html =404;');
  });
});
