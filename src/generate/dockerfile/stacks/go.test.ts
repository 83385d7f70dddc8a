import { describe, expect, it } from 'vitest';
import { render } from './go.js';
import { finalInstruction, froms, options, plan, problems, stageLines } from './compiled-testing.js';

const api = () => plan('go', '1.23', {
  packageManager: { name: 'go', lockfile: 'go.sum', version: null },
  port: { value: 8080, envVar: 'PORT' },
  health: { path: '/healthz' },
  commands: { start: './api --listen :$PORT' },
  build: { target: './cmd/api' },
});

describe('go recipe', () => {
  it('cross-compiles a static binary on the build platform and ships it on distroless static as 65532', () => {
    const { text } = render(api(), options());
    expect(text.startsWith('# syntax=docker/dockerfile:1\nARG GO_VERSION=1.23\n')).toBe(true);
    expect(froms(text)).toEqual([
      'FROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-alpine AS build',
      'FROM busybox:${BUSYBOX_VERSION}-musl AS probe',
      'FROM gcr.io/distroless/static-debian12:nonroot AS runtime',
    ]);
    const build = stageLines(text, 'build');
    // Manifests first, download in its own cached layer, then the sources.
    expect(build.indexOf('COPY go.mod go.sum ./')).toBeLessThan(build.indexOf('RUN --mount=type=cache,target=/go/pkg/mod go mod download'));
    expect(build.indexOf('RUN --mount=type=cache,target=/go/pkg/mod go mod download')).toBeLessThan(build.indexOf('COPY . .'));
    expect(build).toContain('RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -trimpath -ldflags="-s -w" -o /out/api ./cmd/api');
    expect(finalInstruction(text, 'USER')).toBe('USER 65532:65532');
    expect(finalInstruction(text, 'EXPOSE')).toBe('EXPOSE 8080');
    expect(finalInstruction(text, 'ENV')).toBe('ENV PORT=8080');
    expect(finalInstruction(text, 'HEALTHCHECK')).toBe('HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 CMD ["/usr/local/bin/wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/healthz"]');
    expect(stageLines(text)).toContain('COPY --from=probe /bin/busybox /usr/local/bin/wget');
    expect(finalInstruction(text, 'ENTRYPOINT')).toBe('ENTRYPOINT ["/app/api"]');
    // No shell in distroless: $PORT in the start command becomes the plan's port.
    expect(finalInstruction(text, 'CMD')).toBe('CMD ["--listen", ":8080"]');
    expect(problems(text)).toEqual([]);
  });

  it('matches the snapshot for a plain module', () => {
    expect(render(api(), options()).text).toMatchSnapshot();
  });

  it('builds cgo natively on glibc and runs on distroless cc', () => {
    const { text, notes } = render(plan('go', '1.22.5', { port: { value: 8080 }, health: { path: '/health' }, build: { features: ['cgo'] } }), options());
    expect(froms(text)[0]).toBe('FROM golang:${GO_VERSION}-bookworm AS build');
    expect(text).toContain('ARG GO_VERSION=1.22.5');
    expect(stageLines(text, 'build').at(-1)).toContain('CGO_ENABLED=1 go build');
    expect(froms(text).at(-1)).toBe('FROM gcr.io/distroless/cc-debian12:nonroot AS runtime');
    expect(notes.join('\n')).toMatch(/cgo/);
    expect(problems(text)).toEqual([]);
  });

  it('builds a go.work member from the workspace root with only the modules it needs', () => {
    const service = plan('go', '1.23', {
      path: 'services/api',
      port: { value: 8080 },
      health: { path: '/healthz' },
      build: { context: '', features: ['go-workspace'], workspacePackages: ['libs/common'], target: './cmd/server' },
    });
    const { text } = render(service, options());
    const build = stageLines(text, 'build');
    expect(build).toContain('COPY services/api/go.mod services/api/go.sum* services/api/');
    expect(build).toContain('COPY libs/common/go.mod libs/common/go.sum* libs/common/');
    expect(build).toContain('RUN go work init ./services/api ./libs/common');
    expect(build).toContain('COPY libs/common/ /src/libs/common/');
    expect(build).toContain('COPY services/api/ /src/services/api/');
    expect(build).not.toContain('COPY . .');
    expect(build).toContain('WORKDIR /src/services/api');
    expect(build.at(-1)).toMatch(/-o \/out\/server \.\/cmd\/server$/);
    expect(finalInstruction(text, 'ENTRYPOINT')).toBe('ENTRYPOINT ["/app/server"]');
    expect(problems(text)).toEqual([]);
  });

  it('gives a worker no EXPOSE, no port env and HEALTHCHECK NONE, without the busybox stage', () => {
    const { text } = render(plan('go', '1.23', { kind: 'worker', build: { artifact: 'consumer' } }), options());
    expect(text).not.toMatch(/^EXPOSE/m);
    expect(text).not.toContain('busybox');
    expect(finalInstruction(text, 'HEALTHCHECK')).toBe('HEALTHCHECK NONE');
    expect(finalInstruction(text, 'ENTRYPOINT')).toBe('ENTRYPOINT ["/app/consumer"]');
    expect(problems(text)).toEqual([]);
  });

  it('probes the TCP port with busybox nc when the plan has no health route', () => {
    const { text, notes } = render(plan('go', '1.23', { port: { value: 9000 } }), options());
    expect(finalInstruction(text, 'HEALTHCHECK')).toMatch(/CMD \["\/usr\/local\/bin\/nc", "-z", "-w", "3", "127.0\.0\.1", "9000"\]$/);
    expect(stageLines(text)).toContain('COPY --from=probe /bin/busybox /usr/local/bin/nc');
    expect(notes.join('\n')).toMatch(/no health route/);
  });

  it('switches to debian-slim with the runtime libraries when the plan needs OS packages', () => {
    const { text } = render(plan('go', '1.23', { port: { value: 8080 }, health: { path: '/' }, build: { features: ['cgo'], systemPackages: ['libsqlite3-dev'] } }), options());
    expect(stageLines(text, 'build')).toContain('RUN apt-get update && apt-get install -y --no-install-recommends libsqlite3-dev && rm -rf /var/lib/apt/lists/*');
    const runtime = stageLines(text);
    expect(runtime[0]).toBe('FROM debian:bookworm-slim AS runtime');
    expect(runtime).toContain('RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates libsqlite3-0 tzdata && rm -rf /var/lib/apt/lists/*');
    expect(runtime.some((l) => l.startsWith('RUN groupadd --system --gid 10001 app'))).toBe(true);
    expect(finalInstruction(text, 'USER')).toBe('USER 10001:10001');
    expect(problems(text)).toEqual([]);
  });

  it('uses alpine and its own wget when asked for the alpine flavor', () => {
    const { text } = render(api(), options({ baseImageFlavor: 'alpine' }));
    expect(froms(text)).toEqual(['FROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-alpine AS build', 'FROM alpine:3.21 AS runtime']);
    expect(finalInstruction(text, 'HEALTHCHECK')).toContain('CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/healthz"]');
    expect(finalInstruction(text, 'USER')).toBe('USER 10001:10001');
    expect(problems(text)).toEqual([]);
  });

  it('sets the port variable the app reads and leaves toolchain start commands out of CMD', () => {
    const service = plan('go', '1.23', { port: { value: 3000, envVar: 'HTTP_PORT' }, health: { path: '/up' }, commands: { start: 'go run ./cmd/api' }, build: { target: './cmd/api' } });
    const { text } = render(service, options());
    expect(finalInstruction(text, 'ENV')).toBe('ENV HTTP_PORT=3000');
    expect(text).not.toMatch(/^CMD/m);
  });

  it('routes Docker Hub images through the registry mirror but not gcr.io', () => {
    const { text } = render(api(), options({ registryMirror: 'mirror.example.com/hub' }));
    expect(froms(text)).toEqual([
      'FROM --platform=$BUILDPLATFORM mirror.example.com/hub/library/golang:${GO_VERSION}-alpine AS build',
      'FROM mirror.example.com/hub/library/busybox:${BUSYBOX_VERSION}-musl AS probe',
      'FROM gcr.io/distroless/static-debian12:nonroot AS runtime',
    ]);
  });

  it('says when the Go version is devsquad\'s default and when go.sum is missing', () => {
    const service = plan('go', '1.23', { runtime: { source: 'default' }, packageManager: { name: 'go', lockfile: null, version: null }, port: { value: 8080 } });
    const { text, notes } = render(service, options());
    expect(stageLines(text, 'build')).toContain('COPY go.mod ./');
    expect(notes.join('\n')).toMatch(/default/);
    expect(notes.join('\n')).toMatch(/no go\.sum/);
  });

  it('is deterministic', () => {
    expect(render(api(), options()).text).toBe(render(api(), options()).text);
  });
});
