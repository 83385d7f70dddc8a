/**
 * The runtime stage for built static files (SPAs, static site generators, plain HTML): the
 * unprivileged nginx image, which runs as uid 101 and listens on 8080, so nothing in it needs root.
 * The server block is written inline with a heredoc (dockerfile-ast parses heredocs) as an nginx
 * template: the image's entrypoint renders `${PORT}` into it at start, so `-e PORT=…` works like for
 * every other stack, and leaves nginx's own `$uri` alone (it substitutes only variables that are set).
 */
import type { DockerfileInputs } from './generate.js';
import { comment, execForm, imageRef, stage, type Block } from './common.js';

/** nginx stable line of the unprivileged image (tag `<version>-alpine`). */
export const NGINX_VERSION = '1.28';
/** uid/gid the unprivileged nginx image runs as. */
export const NGINX_UID = 101;
/** The port the unprivileged image listens on by default. */
export const NGINX_PORT = 8080;
/** Path of the built-in health endpoint the config adds (files need no app to be healthy). */
export const NGINX_HEALTH_PATH = '/healthz';

/** `ARG NGINX_VERSION=…`, declared before the first FROM. */
export function nginxVersionArg(): string {
  return `ARG NGINX_VERSION=${NGINX_VERSION}`;
}

/** The server block: SPA fallback to index.html, or plain files with `$uri.html` and a 404 page. */
export function nginxServerConfig(spa: boolean): string[] {
  return [
    'server {',
    '    listen ${PORT};',
    '    server_name _;',
    '    root /usr/share/nginx/html;',
    '    index index.html;',
    '    server_tokens off;',
    '    # Redirects keep the client\'s host and port (the published port differs from the container port).',
    '    absolute_redirect off;',
    '    gzip on;',
    '    gzip_min_length 1024;',
    '    gzip_types text/css application/javascript application/json image/svg+xml text/plain;',
    '',
    `    location = ${NGINX_HEALTH_PATH} {`,
    '        access_log off;',
    '        default_type text/plain;',
    '        return 200 "ok\\n";',
    '    }',
    '',
    '    location ~* \\.(?:css|js|mjs|map|woff2?|ttf|otf|svg|png|jpe?g|gif|webp|avif|ico)$ {',
    '        expires 7d;',
    '        access_log off;',
    '        try_files $uri =404;',
    '    }',
    '',
    ...(spa
      ? [
          '    # Client-side routing: unknown paths get the app shell, which must never be cached.',
          '    location = /index.html {',
          '        add_header Cache-Control "no-cache";',
          '    }',
          '    location / {',
          '        try_files $uri $uri/ /index.html;',
          '    }',
        ]
      : [
          '    location / {',
          '        try_files $uri $uri/ $uri.html =404;',
          '    }',
          '    error_page 404 /404.html;',
        ]),
    '}',
  ];
}

export interface NginxStageOptions {
  /** Stage holding the built files, or null to copy them from the build context (nothing to build). */
  fromStage: string | null;
  /** Path of the built files in that stage (e.g. /app/dist), or in the context when fromStage is null. */
  source: string;
  /** Single-page app: unknown paths fall back to index.html. */
  spa: boolean;
  inputs: DockerfileInputs;
}

/** The final stage serving `source` from `fromStage` with nginx-unprivileged. */
export function nginxRuntimeStage(options: NginxStageOptions): Block[] {
  const { inputs } = options;
  const timing = inputs.healthcheck;
  const probe = ['sh', '-c', `wget -q -O /dev/null "http://127.0.0.1:\${PORT:-${NGINX_PORT}}${NGINX_HEALTH_PATH}" || exit 1`];
  return stage(imageRef('nginxinc/nginx-unprivileged:${NGINX_VERSION}-alpine', inputs.registryMirror), 'runtime', [
    comment('The image entrypoint renders templates/*.template into conf.d with the current env (PORT).'),
    "COPY <<'EOF' /etc/nginx/templates/default.conf.template",
    ...nginxServerConfig(options.spa),
    'EOF',
    comment('Files stay owned by root and read-only for nginx.'),
    `COPY ${options.fromStage ? `--from=${options.fromStage} ` : ''}${options.source} /usr/share/nginx/html`,
    `USER ${NGINX_UID}:${NGINX_UID}`,
    `ENV PORT=${NGINX_PORT}`,
    `EXPOSE ${NGINX_PORT}`,
    `HEALTHCHECK --interval=${timing.interval} --timeout=${timing.timeout} --start-period=${timing.startPeriod} --retries=${timing.retries} \\\n    CMD ${execForm(probe)}`,
    `CMD ${execForm(['nginx', '-g', 'daemon off;'])}`,
  ], 'Runtime: unprivileged nginx (uid 101, port 8080) serving the built files; no Node in the final image.');
}
