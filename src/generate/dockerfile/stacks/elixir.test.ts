import { describe, expect, it } from 'vitest';
import { ELIXIR_BUILDERS, render } from './elixir.js';
import { finalInstruction, froms, options, plan, problems, stageLines } from './compiled-testing.js';

const HEX = '--mount=type=cache,target=/root/.hex/packages,sharing=locked --mount=type=cache,target=/root/.cache/rebar3,sharing=locked';

const phoenix = () => plan('elixir', '1.18', {
  name: 'shop',
  framework: 'phoenix',
  packageManager: { name: 'mix', lockfile: 'mix.lock', version: null },
  port: { value: 4000, envVar: 'PORT' },
  health: { path: '/health' },
  commands: { start: 'mix phx.server', migrate: '/app/bin/migrate' },
  build: { features: ['phoenix', 'mix-release'], artifact: 'shop' },
});

describe('elixir recipe', () => {
  it('builds a mix release on hexpm/elixir and runs it on the same Debian snapshot as a non-root user', () => {
    const { text } = render(phoenix(), options());
    expect(text).toContain('\nARG ELIXIR_VERSION=1.18.4\nARG OTP_VERSION=27.3.4\nARG DEBIAN_VERSION=bookworm-20250520-slim\n');
    expect(froms(text)).toEqual([
      'FROM hexpm/elixir:${ELIXIR_VERSION}-erlang-${OTP_VERSION}-debian-${DEBIAN_VERSION} AS build',
      'FROM busybox:${BUSYBOX_VERSION}-musl AS probe',
      'FROM debian:${DEBIAN_VERSION} AS runtime',
    ]);
    const build = stageLines(text, 'build');
    const deps = build.indexOf(`RUN ${HEX} mix deps.get --only prod --check-locked`);
    expect(build.indexOf('COPY mix.exs mix.lock ./')).toBeLessThan(deps);
    expect(build.indexOf('COPY confi[g] config/')).toBeGreaterThan(deps);
    expect(build.indexOf('RUN mix deps.compile')).toBeGreaterThan(build.indexOf('COPY confi[g] config/'));
    expect(build.indexOf('COPY . .')).toBeGreaterThan(build.indexOf('RUN mix deps.compile'));
    expect(build).toContain('ENV MIX_ENV=prod');
    expect(build).toContain('RUN mix assets.deploy');
    expect(build.at(-1)).toBe('RUN mix compile && mix release shop');
    const runtime = stageLines(text);
    expect(runtime).toContain('RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates libncurses6 libssl3 libstdc++6 && rm -rf /var/lib/apt/lists/*');
    expect(runtime).toContain('COPY --from=build /src/_build/prod/rel/shop/ ./');
    expect(runtime).toContain('ENV PHX_SERVER=true');
    expect(runtime).toContain('ENV PORT=4000');
    expect(finalInstruction(text, 'EXPOSE')).toBe('EXPOSE 4000');
    expect(finalInstruction(text, 'USER')).toBe('USER 10001:10001');
    expect(finalInstruction(text, 'HEALTHCHECK')).toMatch(/CMD \["\/usr\/local\/bin\/wget", "-q", "-O", "\/dev\/null", "http:\/\/127\.0\.0\.1:4000\/health"\]$/);
    expect(finalInstruction(text, 'CMD')).toBe('CMD ["/app/bin/shop", "start"]');
    expect(problems(text)).toEqual([]);
  });

  it('matches the snapshot for Phoenix', () => {
    expect(render(phoenix(), options()).text).toMatchSnapshot();
  });

  it('has a builder tag for the default Elixir line and every listed minor', () => {
    for (const [minor, tag] of Object.entries(ELIXIR_BUILDERS)) {
      expect(tag.elixir.startsWith(`${minor}.`)).toBe(true);
      expect(tag.debian).toMatch(/^bookworm-\d{8}-slim$/);
    }
    const { text } = render(plan('elixir', '1.17', { runtime: { source: 'default' }, port: { value: 4000 } }), options());
    expect(text).toContain('ARG ELIXIR_VERSION=1.17.3');
  });

  it('keeps the verified builder and says so when the plan pins another patch or an unknown line', () => {
    const patch = render(plan('elixir', '1.18.1', { port: { value: 4000 } }), options());
    expect(patch.text).toContain('ARG ELIXIR_VERSION=1.18.4');
    expect(patch.notes.join('\n')).toMatch(/1\.18\.1 asked/);
    const unknown = render(plan('elixir', '1.12', { port: { value: 4000 } }), options());
    expect(unknown.text).toContain('ARG ELIXIR_VERSION=1.17.3');
    expect(unknown.notes.join('\n')).toMatch(/no verified hexpm\/elixir tag/);
  });

  it('builds a plain OTP worker without assets, PHX_SERVER or a port', () => {
    const service = plan('elixir', '1.16', { name: 'ingest-worker', kind: 'worker', packageManager: { name: 'mix', lockfile: 'mix.lock', version: null } });
    const { text, notes } = render(service, options());
    expect(text).not.toContain('assets.deploy');
    expect(text).not.toContain('PHX_SERVER');
    expect(text).not.toMatch(/^EXPOSE/m);
    expect(finalInstruction(text, 'HEALTHCHECK')).toBe('HEALTHCHECK NONE');
    // No release name in the plan: the OTP app name from the service name.
    expect(finalInstruction(text, 'CMD')).toBe('CMD ["/app/bin/ingest_worker", "start"]');
    expect(notes.join('\n')).toMatch(/release name not in the plan/);
    expect(problems(text)).toEqual([]);
  });

  it('copies umbrella apps\' mix.exs before fetching dependencies', () => {
    const service = plan('elixir', '1.17', {
      name: 'platform', packageManager: { name: 'mix', lockfile: 'mix.lock', version: null }, port: { value: 4000 },
      build: { workspacePackages: ['apps/core', 'apps/web'], artifact: 'platform' },
    });
    const build = stageLines(render(service, options()).text, 'build');
    expect(build.indexOf('COPY apps/core/mix.exs apps/core/')).toBeLessThan(build.findIndex((l) => l.includes('mix deps.get')));
    expect(build).toContain('COPY apps/web/mix.exs apps/web/');
  });

  it('fetches without --check-locked (and says so) when there is no mix.lock', () => {
    const service = plan('elixir', '1.17', { packageManager: { name: 'mix', lockfile: null, version: null }, port: { value: 4000 } });
    const { text, notes } = render(service, options());
    expect(stageLines(text, 'build')).toContain('COPY mix.exs ./');
    expect(text).not.toContain('--check-locked');
    expect(notes.join('\n')).toMatch(/no mix\.lock/);
  });
});
