import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES_DIR, planOf } from '../../../test/helpers.js';

const example = (name: string) => planOf(path.join(EXAMPLES_DIR, name));

describe('Rust examples', () => {
  it('rust-axum: axum on PORT (default 3000), /health, sqlx postgres with sqlx migrate run', () => {
    const plan = example('rust-axum');
    expect(plan.services).toHaveLength(1);
    const s = plan.services[0]!;
    expect(s).toMatchObject({
      name: 'todo-api',
      kind: 'server',
      framework: 'axum',
      runtime: { name: 'rust', version: '1.80', source: 'Cargo.toml' },
      port: { value: 3000, envVar: 'PORT', bindAddress: '0.0.0.0' },
      health: { path: '/health' },
      commands: { install: 'cargo fetch', build: 'cargo build --release --bin todo-api', start: './todo-api', migrate: 'sqlx migrate run' },
      build: { context: '', target: 'todo-api', artifact: 'todo-api', outputDir: 'target/release', features: [], systemPackages: [] },
      backingServices: [{ kind: 'postgres', envVar: 'DATABASE_URL' }],
    });
    expect(s.env).toContainEqual({ name: 'DATABASE_URL', required: true, secret: true, default: null });
    expect(s.evidence).toContainEqual({ fact: 'port', file: 'src/main.rs', line: 72, note: 'let listener = TcpListener::bind(format!("0.0.0.0:{port}")).await?;' });
    expect(s.evidence).toContainEqual({ fact: 'port', file: 'src/main.rs', line: 71, note: 'let port = env::var("PORT").unwrap_or_else(|_| "3000".into());' });
    expect(s.evidence).toContainEqual({ fact: 'health', file: 'src/main.rs', line: 67, note: '.route("/health", get(health))' });
  });

  it('rust-actix-workspace: the api member built from the workspace root; core is a library', () => {
    const plan = example('rust-actix-workspace');
    expect(plan.monorepo).toEqual({ tools: ['cargo-workspace'], members: ['crates/api'] });
    expect(plan.services).toHaveLength(1);
    const s = plan.services[0]!;
    expect(s).toMatchObject({
      name: 'api',
      path: 'crates/api',
      kind: 'server',
      framework: 'actix-web',
      runtime: { version: '1.82.0', source: 'rust-toolchain.toml' },
      port: { value: 8080, envVar: 'PORT', bindAddress: '0.0.0.0' },
      health: { path: '/health' },
      commands: { install: 'cargo fetch', build: 'cargo build --release -p api --bin api', start: './api', migrate: null },
      build: {
        context: '',
        target: 'api',
        artifact: 'api',
        outputDir: '../../target/release',
        workspacePackages: ['crates/core'],
        features: ['cargo-workspace'],
        systemPackages: ['pkg-config', 'libssl-dev'],
      },
      env: [{ name: 'QUOTE_WEBHOOK_URL', required: false, secret: true, default: null }],
    });
    expect(s.evidence).toContainEqual({ fact: 'framework', file: 'crates/api/Cargo.toml', line: 9, note: 'depends on actix-web' });
    expect(s.evidence).toContainEqual({ fact: 'health', file: 'crates/api/src/main.rs', line: 12, note: '#[get("/health")]' });
  });
});
