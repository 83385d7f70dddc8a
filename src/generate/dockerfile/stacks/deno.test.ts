import { describe, expect, it } from 'vitest';
import { PLANS, service } from '../fixtures.js';
import { inputs } from '../generate.js';
import { render } from './deno.js';

const lines = (text: string): string[] => text.split('\n');

describe('deno recipe', () => {
  it('official image, frozen install, cached entry, deno user, deno eval probe, start from the plan', () => {
    const { text } = render(PLANS.deno(), inputs.parse({}));
    const l = lines(text);
    expect(l).toContain('ARG DENO_VERSION=2.1.4');
    expect(l).toContain('FROM denoland/deno:${DENO_VERSION} AS runtime');
    expect(l).toContain('RUN deno install --frozen');
    expect(l).toContain('RUN deno cache main.ts');
    expect(l).toContain('COPY --from=build --chown=1993:1993 /deno-dir /deno-dir');
    expect(l).toContain('USER 1993:1993');
    expect(text).toContain('"deno", "eval"');
    expect(l.at(-2)).toBe('CMD ["deno", "run", "--allow-net", "--allow-env", "main.ts"]');
    expect(text).toMatchSnapshot();
  });

  it('a major-only version falls back to a pinned release; distroless sets deno as entrypoint', () => {
    const { text, notes } = render(service({ language: 'deno', runtime: { version: '2' }, build: { target: 'src/main.ts' } }), inputs.parse({ baseImageFlavor: 'distroless' }));
    expect(notes.join('\n')).toContain('no tag for "2"');
    expect(lines(text)).toContain('FROM denoland/deno:distroless-${DENO_VERSION} AS runtime');
    expect(lines(text)).toContain('ENTRYPOINT ["deno"]');
    expect(lines(text)).toContain('CMD ["run", "--allow-net", "--allow-env", "--allow-read", "src/main.ts"]');
  });
});
