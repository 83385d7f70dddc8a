import { describe, expect, it } from 'vitest';
import { onlyService } from '../../../test/helpers.js';

const pkg = (deps: string): string => `[package]\nname = "app"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\n${deps}`;
const worker = (body: string): string => `use std::env;\n\nfn main() {\n${body}\n}\n`;

describe('rust env reads', () => {
  it('classifies std::env::var, var_os and dotenvy::var by how a missing value is handled', () => {
    const s = onlyService({
      'Cargo.toml': pkg('dotenvy = "0.15"\n'),
      'src/main.rs': worker(
        [
          '    dotenvy::dotenv().ok();',
          '    let db = env::var("DATABASE_URL").expect("DATABASE_URL must be set");',
          '    let level = std::env::var("LOG_LEVEL").unwrap_or_else(|_| "info".to_string());',
          '    let workers = env::var("WORKERS").unwrap_or("4".into());',
          '    let sentry = env::var_os("SENTRY_DSN");',
          '    let feature = env::var("FEATURE_X").is_ok();',
          '    if let Ok(region) = env::var("AWS_REGION") { println!("{region}"); }',
          '    let key = dotenvy::var("STRIPE_SECRET_KEY").unwrap();',
        ].join('\n'),
      ),
    });
    expect(s.env).toEqual([
      { name: 'DATABASE_URL', required: true, secret: true, default: null },
      { name: 'LOG_LEVEL', required: false, secret: false, default: 'info' },
      { name: 'WORKERS', required: false, secret: false, default: '4' },
      { name: 'SENTRY_DSN', required: false, secret: true, default: null },
      { name: 'FEATURE_X', required: false, secret: false, default: null },
      { name: 'AWS_REGION', required: false, secret: false, default: null },
      { name: 'STRIPE_SECRET_KEY', required: true, secret: true, default: null },
    ]);
    expect(s.evidence).toContainEqual({ fact: 'env:DATABASE_URL', file: 'src/main.rs', line: 5, note: 'let db = env::var("DATABASE_URL").expect("DATABASE_URL must be set");' });
  });

  it('reads an envy config struct, with serde defaults and Option fields', () => {
    const s = onlyService({
      'Cargo.toml': pkg('envy = "0.4"\nserde = { version = "1", features = ["derive"] }\n'),
      'src/main.rs': [
        'use serde::Deserialize;',
        '',
        '#[derive(Deserialize)]',
        'struct Config {',
        '    redis_url: String,',
        '    #[serde(default = "default_batch")]',
        '    batch_size: usize,',
        '    slack_webhook: Option<String>,',
        '}',
        '',
        'fn default_batch() -> usize { 50 }',
        '',
        'fn main() {',
        '    let cfg = envy::prefixed("APP_").from_env::<Config>().unwrap();',
        '    let _ = cfg;',
        '}',
        '',
      ].join('\n'),
    });
    expect(s.env).toEqual([
      { name: 'APP_REDIS_URL', required: true, secret: false, default: null },
      { name: 'APP_BATCH_SIZE', required: false, secret: false, default: '50' },
      { name: 'APP_SLACK_WEBHOOK', required: false, secret: false, default: null },
    ]);
    expect(s.evidence).toContainEqual({ fact: 'env:APP_REDIS_URL', file: 'src/main.rs', line: 5, note: 'redis_url: String,' });
  });
});

describe('rust backing services, native libraries and migrations', () => {
  it('reads the backend from sqlx / diesel features and crates such as redis and lapin', () => {
    const s = onlyService({
      'Cargo.toml': pkg('sqlx = { version = "0.8", features = ["runtime-tokio", "tls-rustls", "mysql"] }\nredis = "0.27"\nlapin = "2"\n'),
      'src/main.rs': worker('    let _ = env::var("REDIS_URL").unwrap();'),
    });
    expect(s.backingServices).toEqual([
      { kind: 'redis', envVar: 'REDIS_URL' },
      { kind: 'rabbitmq', envVar: null },
      { kind: 'mysql', envVar: null },
    ]);
    expect(s.evidence).toContainEqual({ fact: 'backing:mysql', file: 'Cargo.toml', line: 7, note: 'sqlx with feature "mysql"' });
    expect(s.build.systemPackages).toEqual([]);
  });

  it('needs OpenSSL for native-tls and reqwest defaults, libpq for diesel postgres', () => {
    const openssl = onlyService({ 'Cargo.toml': pkg('reqwest = { version = "0.12", features = ["json"] }\n'), 'src/main.rs': worker('') });
    expect(openssl.build.systemPackages).toEqual(['pkg-config', 'libssl-dev']);
    expect(openssl.evidence).toContainEqual({ fact: 'build', file: 'Cargo.toml', line: 7, note: 'reqwest (default features, features json) links the system OpenSSL (runtime needs libssl3, ca-certificates)' });
    const diesel = onlyService({ 'Cargo.toml': pkg('diesel = { version = "2", features = ["postgres", "r2d2"] }\n'), 'src/main.rs': worker('') });
    expect(diesel.build.systemPackages).toEqual(['libpq-dev']);
    expect(diesel.backingServices).toEqual([{ kind: 'postgres', envVar: null }]);
  });

  it('trusts Cargo.lock: openssl-sys reachable from the package means OpenSSL', () => {
    const lock = [
      'version = 4',
      '',
      '[[package]]',
      'name = "app"',
      'version = "0.1.0"',
      'dependencies = ["sqlx"]',
      '',
      '[[package]]',
      'name = "sqlx"',
      'version = "0.8.2"',
      'dependencies = ["native-tls 0.2.12"]',
      '',
      '[[package]]',
      'name = "native-tls"',
      'version = "0.2.12"',
      'dependencies = ["openssl-sys"]',
      '',
      '[[package]]',
      'name = "openssl-sys"',
      'version = "0.9.103"',
      '',
    ].join('\n');
    const s = onlyService({ 'Cargo.toml': pkg('sqlx = { version = "0.8", features = ["postgres"] }\n'), 'Cargo.lock': lock, 'src/main.rs': worker('') });
    expect(s.build.systemPackages).toEqual(['pkg-config', 'libssl-dev']);
    expect(s.evidence).toContainEqual({ fact: 'build', file: 'Cargo.lock', line: 19, note: 'openssl-sys in Cargo.lock: links the system OpenSSL (runtime needs libssl3, ca-certificates)' });
  });

  it('needs protoc for tonic-build unless it is vendored', () => {
    const s = onlyService({ 'Cargo.toml': pkg('tonic = "0.12"\n') + '\n[build-dependencies]\ntonic-build = "0.12"\n', 'src/main.rs': worker('') });
    expect(s.build.systemPackages).toEqual(['protobuf-compiler']);
  });

  it('runs sqlx migrate run over migrations/, diesel migration run for diesel', () => {
    const sqlx = onlyService({ 'Cargo.toml': pkg('sqlx = { version = "0.8", features = ["postgres"] }\n'), 'migrations/0001_init.sql': 'CREATE TABLE t (id int);\n', 'src/main.rs': worker('') });
    expect(sqlx.commands.migrate).toBe('sqlx migrate run');
    const diesel = onlyService({ 'Cargo.toml': pkg('diesel = { version = "2", features = ["sqlite"] }\n'), 'migrations/2024-01-01-000000_init/up.sql': 'CREATE TABLE t (id int);\n', 'src/main.rs': worker('') });
    expect(diesel.commands.migrate).toBe('diesel migration run');
    expect(diesel.build.systemPackages).toEqual(['libsqlite3-dev']);
  });

  it('does not call an admin migrate subcommand "startup"', () => {
    const s = onlyService({
      'Cargo.toml': pkg('diesel = { version = "2", features = ["postgres"] }\ndiesel_migrations = "2"\n'),
      'migrations/2024-01-01-000000_init/up.sql': 'CREATE TABLE t (id int);\n',
      'src/main.rs': 'mod admin;\nfn main() {}\n',
      'src/admin/migrate.rs': 'const M: EmbeddedMigrations = embed_migrations!("./migrations");\npub fn run(c: &mut PgConnection) { c.run_pending_migrations(M).unwrap(); }\n',
    });
    expect(s.commands.migrate).toBe('diesel migration run');
  });

  it('notes that sqlx::migrate! runs the migrations at startup', () => {
    const s = onlyService({
      'Cargo.toml': pkg('sqlx = { version = "0.8", features = ["postgres", "migrate"] }\n'),
      'migrations/0001_init.sql': 'CREATE TABLE t (id int);\n',
      'src/main.rs': 'async fn run(pool: &sqlx::PgPool) {\n    sqlx::migrate!().run(pool).await.unwrap();\n}\n\nfn main() {}\n',
    });
    expect(s.commands.migrate).toBeNull();
    expect(s.evidence).toContainEqual({ fact: 'migrate', file: 'src/main.rs', line: 2, note: 'sqlx::migrate!().run(pool).await.unwrap(); (migrations are embedded and run at startup)' });
  });
});
