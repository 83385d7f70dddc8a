import { describe, expect, it } from 'vitest';
import { render } from './rust.js';
import { finalInstruction, froms, options, plan, problems, stageLines } from './compiled-testing.js';

const axum = () => plan('rust', '1.83', {
  framework: 'axum',
  packageManager: { name: 'cargo', lockfile: 'Cargo.lock', version: null },
  port: { value: 3000, envVar: 'PORT' },
  health: { path: '/health' },
  commands: { start: './target/release/api' },
  build: { artifact: 'api' },
});

const CARGO_MOUNTS = '--mount=type=cache,target=/usr/local/cargo/registry,sharing=locked --mount=type=cache,target=/usr/local/cargo/git/db,sharing=locked --mount=type=cache,target=/build/target,id=cargo-target-${TARGETARCH},sharing=locked';

describe('rust recipe', () => {
  it('builds --locked --release with cached registry and target dir and ships the binary on distroless cc', () => {
    const { text } = render(axum(), options());
    expect(text).toContain('\nARG RUST_VERSION=1.83\n');
    expect(froms(text)).toEqual([
      'FROM rust:${RUST_VERSION}-slim-bookworm AS build',
      'FROM busybox:${BUSYBOX_VERSION}-musl AS probe',
      'FROM gcr.io/distroless/cc-debian12:nonroot AS runtime',
    ]);
    // The binary is copied out in the same RUN: cache mounts are not part of the image.
    expect(stageLines(text, 'build')).toContain(`RUN ${CARGO_MOUNTS} CARGO_TARGET_DIR=/build/target cargo build --locked --release --bin api && mkdir -p /out && cp /build/target/release/api /out/api`);
    expect(stageLines(text)).toContain('COPY --from=build /out/api /app/api');
    expect(finalInstruction(text, 'USER')).toBe('USER 65532:65532');
    expect(finalInstruction(text, 'EXPOSE')).toBe('EXPOSE 3000');
    expect(finalInstruction(text, 'ENV')).toBe('ENV PORT=3000');
    expect(finalInstruction(text, 'HEALTHCHECK')).toMatch(/CMD \["\/usr\/local\/bin\/wget", "-q", "-O", "\/dev\/null", "http:\/\/127\.0\.0\.1:3000\/health"\]$/);
    expect(finalInstruction(text, 'ENTRYPOINT')).toBe('ENTRYPOINT ["/app/api"]');
    expect(problems(text)).toEqual([]);
  });

  it('matches the snapshot', () => {
    expect(render(axum(), options()).text).toMatchSnapshot();
  });

  it('copies the whole cargo workspace and builds only the member binary from its directory', () => {
    const service = plan('rust', '1.82.0', {
      path: 'crates/gateway',
      packageManager: { name: 'cargo', lockfile: 'Cargo.lock', version: null },
      port: { value: 8080 },
      health: { path: '/healthz' },
      build: { context: '', features: ['cargo-workspace'], target: 'gateway', workspacePackages: ['crates/core'] },
    });
    const { text, notes } = render(service, options());
    const build = stageLines(text, 'build');
    expect(build).toContain('COPY . .');
    expect(build).toContain('WORKDIR /src/crates/gateway');
    expect(build.at(-1)).toContain('cargo build --locked --release --bin gateway');
    expect(text).toContain('ARG RUST_VERSION=1.82.0');
    expect(notes.join('\n')).toMatch(/--locked needs every member/);
    expect(problems(text)).toEqual([]);
  });

  it('installs build packages and moves to debian-slim with the runtime library when one is needed', () => {
    const service = plan('rust', '1.83', { port: { value: 3000 }, health: { path: '/health' }, build: { systemPackages: ['pkg-config', 'libpq-dev', 'libssl-dev'] } });
    const { text } = render(service, options());
    expect(stageLines(text, 'build')).toContain('RUN apt-get update && apt-get install -y --no-install-recommends libpq-dev libssl-dev pkg-config && rm -rf /var/lib/apt/lists/*');
    const runtime = stageLines(text);
    expect(runtime[0]).toBe('FROM debian:bookworm-slim AS runtime');
    expect(runtime).toContain('RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates libpq5 && rm -rf /var/lib/apt/lists/*');
    expect(finalInstruction(text, 'USER')).toBe('USER 10001:10001');
    expect(problems(text)).toEqual([]);
  });

  it('keeps distroless cc when only OpenSSL headers are needed (libssl3 is in the image)', () => {
    const service = plan('rust', '1.83', { port: { value: 3000 }, health: { path: '/health' }, build: { systemPackages: ['pkg-config', 'libssl-dev'] } });
    expect(froms(render(service, options()).text).at(-1)).toBe('FROM gcr.io/distroless/cc-debian12:nonroot AS runtime');
  });

  it('builds without --locked (and says so) when there is no Cargo.lock', () => {
    const service = plan('rust', '1.83', { packageManager: { name: 'cargo', lockfile: null, version: null }, port: { value: 3000 } });
    const { text, notes } = render(service, options());
    expect(text).toContain('cargo build --release --bin api');
    expect(text).not.toContain('--locked');
    expect(notes.join('\n')).toMatch(/no Cargo\.lock/);
  });

  it('makes Rocket listen on all interfaces and on the plan\'s port', () => {
    const service = plan('rust', '1.83', { framework: 'rocket', port: { value: 8000 }, health: { path: '/' } });
    const runtime = stageLines(render(service, options()).text);
    expect(runtime).toContain('ENV ROCKET_ADDRESS=0.0.0.0 ROCKET_PORT=8000');
    expect(runtime).toContain('ENV PORT=8000');
  });

  it('gives a worker HEALTHCHECK NONE and no EXPOSE', () => {
    const { text } = render(plan('rust', '1.83', { kind: 'worker', build: { target: 'indexer' } }), options());
    expect(finalInstruction(text, 'HEALTHCHECK')).toBe('HEALTHCHECK NONE');
    expect(text).not.toMatch(/^EXPOSE/m);
    expect(finalInstruction(text, 'ENTRYPOINT')).toBe('ENTRYPOINT ["/app/indexer"]');
    expect(problems(text)).toEqual([]);
  });

  it('passes the start command arguments of the built binary as CMD', () => {
    const service = plan('rust', '1.83', { port: { value: 3000 }, commands: { start: 'api serve --port ${PORT}' }, build: { artifact: 'api' } });
    expect(finalInstruction(render(service, options()).text, 'CMD')).toBe('CMD ["serve", "--port", "3000"]');
  });
});
