import { describe, expect, it } from 'vitest';
import { RepoFs } from '../../core/repo/repo-fs.js';
import { onlyService, planOf, testdir } from '../../../test/helpers.js';
import { detect } from './detect.js';

const cargo = (name: string, deps = '', extra = ''): string => `[package]\nname = "${name}"\nversion = "0.1.0"\nedition = "2021"\n${extra}\n[dependencies]\n${deps}`;
const axumMain = 'use tokio::net::TcpListener;\n\n#[tokio::main]\nasync fn main() {\n    let app = axum::Router::new();\n    let listener = TcpListener::bind("0.0.0.0:3000").await.unwrap();\n    axum::serve(listener, app).await.unwrap();\n}\n';
const workerMain = 'fn main() {\n    loop {\n        std::thread::sleep(std::time::Duration::from_secs(5));\n    }\n}\n';

describe('rust detect()', () => {
  it('tells services, libraries and workspace roots apart', () => {
    const dir = testdir({
      'Cargo.toml': '[workspace]\nmembers = ["crates/*"]\nexclude = ["crates/old"]\n',
      'crates/web/Cargo.toml': cargo('web', 'axum = "0.7"\n'),
      'crates/web/src/main.rs': axumMain,
      'crates/util/Cargo.toml': cargo('util'),
      'crates/util/src/lib.rs': 'pub fn x() {}\n',
      'crates/old/Cargo.toml': cargo('old'),
      'crates/old/src/main.rs': workerMain,
    });
    const repo = RepoFs.open(dir);
    expect(detect(repo, '')).toEqual({ role: 'workspace-root', reason: 'Cargo workspace with members crates/util, crates/web', data: { tools: ['cargo-workspace'] } });
    expect(detect(repo, 'crates/util')).toEqual({ role: 'library', reason: 'crate util has no binary target' });
    expect(detect(repo, 'crates/web')?.role).toBe('service');
  });

  it('treats test tooling crates as libraries even with a binary', () => {
    const dir = testdir({ 'crates/app_smoke_test/Cargo.toml': cargo('app_smoke_test'), 'crates/app_smoke_test/src/main.rs': workerMain });
    expect(detect(RepoFs.open(dir), 'crates/app_smoke_test')).toEqual({ role: 'library', reason: 'crate app_smoke_test is test tooling' });
  });

  it('reports a broken Cargo.toml and carries on', () => {
    const plan = planOf(testdir({ 'Cargo.toml': '[package\nname = "x"\n', 'src/main.rs': workerMain }));
    expect(plan.services).toEqual([]);
    expect(plan.diagnostics.map((d) => [d.code, d.path])).toEqual([['DSQ_ERR_MANIFEST_PARSE', 'Cargo.toml']]);
  });
});

describe('rust binaries and commands', () => {
  it('plans src/main.rs as the package binary with locked commands when Cargo.lock exists', () => {
    const s = onlyService({ 'Cargo.toml': cargo('hello-api', 'axum = "0.7"\ntokio = { version = "1", features = ["full"] }\n'), 'Cargo.lock': 'version = 4\n', 'src/main.rs': axumMain });
    expect(s).toMatchObject({
      name: 'hello-api',
      language: 'rust',
      framework: 'axum',
      kind: 'server',
      port: { value: 3000, envVar: null, bindAddress: '0.0.0.0' },
      packageManager: { name: 'cargo', lockfile: 'Cargo.lock' },
      commands: { install: 'cargo fetch --locked', build: 'cargo build --locked --release --bin hello-api', start: './hello-api' },
      build: { context: '', target: 'hello-api', artifact: 'hello-api', outputDir: 'target/release', features: [], systemPackages: [] },
    });
    expect(s.evidence).toContainEqual({ fact: 'framework', file: 'Cargo.toml', line: 7, note: 'depends on axum' });
    expect(s.evidence).toContainEqual({ fact: 'port', file: 'src/main.rs', line: 6, note: 'let listener = TcpListener::bind("0.0.0.0:3000").await.unwrap();' });
  });

  it('plans one service per binary ([[bin]], src/bin/*.rs), workers included, tools left out', () => {
    const plan = planOf(
      testdir({
        'Cargo.toml': cargo('shop', 'axum = "0.7"\n', '') + '\n[[bin]]\nname = "shop-api"\npath = "src/api.rs"\n',
        'src/api.rs': axumMain,
        'src/bin/consumer.rs': workerMain,
        'src/bin/seed.rs': 'fn main() {}\n',
        'src/bin/migrate/main.rs': 'fn main() {}\n',
      }),
    );
    expect(plan.services.map((s) => [s.name, s.kind, s.commands.build, s.commands.start])).toEqual([
      ['consumer', 'worker', 'cargo build --release --bin consumer', './consumer'],
      ['shop-api', 'server', 'cargo build --release --bin shop-api', './shop-api'],
    ]);
    expect(plan.services[0]!.port.value).toBeNull();
  });

  it('builds a workspace member from the root with -p and its path dependencies', () => {
    const plan = planOf(
      testdir({
        'Cargo.toml': '[workspace]\nmembers = ["services/*", "libs/*"]\n\n[workspace.dependencies]\ndomain = { path = "libs/domain" }\n',
        'Cargo.lock': 'version = 4\n',
        'services/gateway/Cargo.toml': cargo('gateway', 'axum = "0.7"\ndomain.workspace = true\n'),
        'services/gateway/src/main.rs': axumMain,
        'libs/domain/Cargo.toml': cargo('domain', 'db = { path = "../db" }\n'),
        'libs/domain/src/lib.rs': '',
        'libs/db/Cargo.toml': cargo('db'),
        'libs/db/src/lib.rs': '',
      }),
    );
    expect(plan.monorepo?.tools).toEqual(['cargo-workspace']);
    expect(plan.services).toHaveLength(1);
    expect(plan.services[0]).toMatchObject({
      name: 'gateway',
      path: 'services/gateway',
      packageManager: { lockfile: 'Cargo.lock' },
      commands: { install: 'cargo fetch --locked', build: 'cargo build --locked --release -p gateway --bin gateway', start: './gateway' },
      build: { context: '', workspacePackages: ['libs/db', 'libs/domain'], features: ['cargo-workspace'], outputDir: '../../target/release' },
    });
  });

  it('widens a standalone package context to reach a path dependency outside it', () => {
    const s = onlyService({
      'app/Cargo.toml': cargo('app', 'shared = { path = "../shared" }\n'),
      'app/Cargo.lock': 'version = 4\n',
      'app/src/main.rs': workerMain,
      'shared/Cargo.toml': cargo('shared'),
      'shared/src/lib.rs': '',
    });
    expect(s.build).toMatchObject({ context: '', workspacePackages: ['shared'], outputDir: 'target/release' });
    expect(s.packageManager?.lockfile).toBe('app/Cargo.lock');
    expect(s.commands.build).toBe('cargo build --locked --release --manifest-path app/Cargo.toml --bin app');
  });
});

describe('rust version', () => {
  const main = { 'src/main.rs': workerMain };
  it('reads rust-toolchain.toml, the legacy rust-toolchain file, rust-version and .tool-versions', () => {
    expect(onlyService({ 'Cargo.toml': cargo('a', '', 'rust-version = "1.70"'), 'rust-toolchain.toml': '[toolchain]\nchannel = "1.81.0"\n', ...main }).runtime).toEqual({
      name: 'rust',
      version: '1.81.0',
      source: 'rust-toolchain.toml',
    });
    expect(onlyService({ 'Cargo.toml': cargo('a'), 'rust-toolchain': '1.79\n', ...main }).runtime.version).toBe('1.79');
    expect(onlyService({ 'Cargo.toml': cargo('a', '', 'rust-version = "1.74"'), ...main }).runtime).toEqual({ name: 'rust', version: '1.74', source: 'Cargo.toml' });
    expect(onlyService({ 'Cargo.toml': cargo('a'), '.tool-versions': 'rust 1.80.1\n', ...main }).runtime).toEqual({ name: 'rust', version: '1.80.1', source: '.tool-versions' });
  });

  it("falls back to the default with a warning for 'stable' or nothing", () => {
    const stable = onlyService({ 'Cargo.toml': cargo('a'), 'rust-toolchain.toml': '[toolchain]\nchannel = "stable"\n', ...main });
    expect(stable.runtime).toEqual({ name: 'rust', version: '1.83', source: 'default' });
    expect(stable.warnings).toContain("rust-toolchain.toml names the 'stable' channel, which is not a version; using the default Rust 1.83.");
    const none = onlyService({ 'Cargo.toml': cargo('a'), ...main });
    expect(none.warnings).toContain('No Rust version in rust-toolchain, Cargo rust-version or .tool-versions; using the default 1.83.');
  });

  it('inherits rust-version from [workspace.package]', () => {
    const plan = planOf(
      testdir({
        'Cargo.toml': '[workspace]\nmembers = ["api"]\n\n[workspace.package]\nrust-version = "1.77"\n',
        'api/Cargo.toml': cargo('api', '', 'rust-version.workspace = true'),
        ...{ 'api/src/main.rs': workerMain },
      }),
    );
    expect(plan.services[0]!.runtime).toEqual({ name: 'rust', version: '1.77', source: 'Cargo.toml' });
  });
});
