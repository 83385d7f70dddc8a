import { describe, expect, it } from 'vitest';
import { PLANS } from '../fixtures.js';
import { inputs } from '../generate.js';
import { render } from './static.js';

const lines = (text: string): string[] => text.split('\n');

describe('static recipe', () => {
  it('Hugo: pinned extended Hugo stage, public/ served by nginx-unprivileged with /healthz', () => {
    const { text } = render(PLANS.hugo(), inputs.parse({}));
    const l = lines(text);
    expect(l).toContain('FROM hugomods/hugo:exts-${HUGO_VERSION} AS build');
    expect(text).toContain('--mount=type=cache,target=/tmp/hugo_cache,id=hugo \\\n    hugo --minify');
    expect(l).toContain('COPY --from=build /src/public /usr/share/nginx/html');
    expect(l).toContain('        try_files $uri $uri/ $uri.html =404;');
    expect(l).toContain('    location = /healthz {');
    expect(text).toContain('wget -q -O /dev/null \\"http://127.0.0.1:${PORT:-8080}/healthz\\" || exit 1');
    expect(l).toContain('CMD ["nginx", "-g", "daemon off;"]');
    expect(text).toMatchSnapshot();
  });

  it('plain HTML: copied from the context without repository files', () => {
    const { text } = render(PLANS.html(), inputs.parse({}));
    expect(lines(text)).toContain('COPY . /site');
    expect(text).toContain('rm -rf Dockerfile .dockerignore');
    expect(lines(text)).toContain('COPY --from=site /site /usr/share/nginx/html');
  });
});
