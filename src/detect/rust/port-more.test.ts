import { describe, expect, it } from 'vitest';
import { onlyService } from '../../../test/helpers.js';

const pkg = (deps: string): string => `[package]\nname = "app"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\n${deps}`;
const main = (body: string, deps = ''): Record<string, string> => ({ 'Cargo.toml': pkg(deps), 'src/main.rs': body });
const portEvidence = (s: { evidence: Array<{ fact: string; file: string; line?: number; note: string }> }): Array<{ file: string; line?: number; note: string }> =>
  s.evidence.filter((e) => e.fact === 'port').map(({ file, line, note }) => ({ file, line, note }));

describe('rust: more listen forms', () => {
  it('ntex / xitca: .bind("name", "0.0.0.0:8080", factory) carries the address in its second argument', () => {
    const s = onlyService(
      main('#[ntex::main]\nasync fn main() -> std::io::Result<()> {\n    ntex::server::build()\n        .bind("api", "0.0.0.0:8081", |_| App)?\n        .run()\n        .await\n}\n', 'ntex = "2"\n'),
    );
    expect(s).toMatchObject({ kind: 'server', framework: 'ntex', port: { value: 8081, bindAddress: '0.0.0.0' } });
    expect(portEvidence(s)).toEqual([{ file: 'src/main.rs', line: 4, note: '.bind("api", "0.0.0.0:8081", |_| App)?' }]);
  });

  it('tide: app.listen("0.0.0.0:8080"); may_minihttp: server.start("0.0.0.0:8080")', () => {
    const tide = onlyService(main('#[async_std::main]\nasync fn main() -> tide::Result<()> {\n    let mut app = tide::new();\n    app.listen("0.0.0.0:8082").await?;\n    Ok(())\n}\n', 'tide = "0.16"\n'));
    expect(tide).toMatchObject({ framework: 'tide', port: { value: 8082 } });
    const may = onlyService(main('fn main() {\n    let server = HttpServer(Techempower {});\n    server.start("0.0.0.0:8083").unwrap().join().unwrap();\n}\n', 'may_minihttp = "0.1"\n'));
    expect(may).toMatchObject({ kind: 'server', port: { value: 8083, bindAddress: '0.0.0.0' } });
  });

  it('a host and a port in two arguments: ServerConfigurations::bind("0.0.0.0", 8080)', () => {
    const s = onlyService(main('fn main() {\n    let conf = ServerConfigurations::bind("0.0.0.0", 8084);\n    serve(conf, handler);\n}\n', 'water_http = "3"\n'));
    expect(s).toMatchObject({ kind: 'server', port: { value: 8084, bindAddress: '0.0.0.0' } });
  });

  it('a port constant in lib.rs used by the binary', () => {
    const s = onlyService({
      'Cargo.toml': pkg('hyper = "1"\ntokio = { version = "1", features = ["full"] }\n'),
      'src/lib.rs': 'pub const PORT: u16 = 7878;\n',
      'src/main.rs': 'use app::PORT;\n\n#[tokio::main]\nasync fn main() {\n    let listener = tokio::net::TcpListener::bind(("0.0.0.0", PORT)).await.unwrap();\n    loop { let _ = listener.accept().await; }\n}\n',
    });
    expect(s.port).toEqual({ value: 7878, envVar: null, bindAddress: '0.0.0.0' });
    expect(portEvidence(s)[1]).toEqual({ file: 'src/lib.rs', line: 1, note: 'pub const PORT: u16 = 7878;' });
  });

  it('an optional CLI port with `.unwrap_or(DEFAULT_PORT)` falls back to the constant', () => {
    const s = onlyService({
      'Cargo.toml': pkg('tokio = { version = "1", features = ["full"] }\nclap = { version = "4", features = ["derive"] }\n'),
      'src/lib.rs': 'pub const DEFAULT_PORT: u16 = 7000;\n',
      'src/main.rs': 'use app::DEFAULT_PORT;\n\n#[tokio::main]\nasync fn main() {\n    let cli = Cli::parse();\n    let port = cli.port.unwrap_or(DEFAULT_PORT);\n    let listener = tokio::net::TcpListener::bind(&format!("0.0.0.0:{port}")).await.unwrap();\n}\n',
    });
    expect(s.port).toEqual({ value: 7000, envVar: null, bindAddress: '0.0.0.0' });
  });

  it('an address passed to an unknown server entry point, or a builder .port(8080)', () => {
    const literal = onlyService(main('fn main() {\n    let addr = "0.0.0.0:9001";\n    sib::run(addr, 8);\n}\n', 'sib = "0.0.8"\n'));
    expect(literal).toMatchObject({ kind: 'server', port: { value: 9001 } });
    expect(portEvidence(literal)).toEqual([
      { file: 'src/main.rs', line: 3, note: 'sib::run(addr, 8);' },
      { file: 'src/main.rs', line: 2, note: 'let addr = "0.0.0.0:9001";' },
    ]);
    const builder = onlyService(main('fn main() {\n    vortex::Server::builder()\n        .port(9002)\n        .workers(4)\n        .launch(app);\n}\n', 'vortex-server = "0.1"\n'));
    expect(builder.port.value).toBe(9002);
  });

  it('log lines, client addresses and backing-service ports are not the listen port', () => {
    const s = onlyService(
      main('fn main() {\n    println!("listening on 0.0.0.0:8080");\n    let redis = redis::Client::open("redis://127.0.0.1:6380").unwrap();\n    let db = "127.0.0.1:5432";\n    worker::run(redis, db);\n}\n', 'redis = "0.25"\n'),
    );
    expect(s).toMatchObject({ kind: 'worker', port: { value: null } });
  });

  it('trillium: PORT or 8080, and HOST=0.0.0.0 for the container unless the code picks a host', () => {
    const s = onlyService(main('use trillium_smol::config;\n\nfn main() {\n    config().with_nodelay().run(|conn: trillium::Conn| async move { conn.ok("hi") });\n}\n', 'trillium = "0.2"\ntrillium-smol = "0.4"\n'));
    expect(s).toMatchObject({ framework: 'trillium', port: { value: 8080, envVar: 'PORT' } });
    expect(s.env).toContainEqual(expect.objectContaining({ name: 'HOST', default: '0.0.0.0' }));
    const pinned = onlyService(main('fn main() {\n    trillium_tokio::config().with_host("0.0.0.0").with_port(9003).run(handler);\n}\n', 'trillium = "0.2"\ntrillium-tokio = "0.4"\n'));
    expect(pinned.port.value).toBe(9003);
    expect(pinned.env.map((e) => e.name)).not.toContain('HOST');
  });

  it('ENV PORT in the service’s Dockerfile is the value its PORT read gets', () => {
    const s = onlyService({
      ...main('use std::env;\n\n#[tokio::main]\nasync fn main() {\n    let port = env::var("PORT").unwrap_or_else(|_| "3000".into());\n    let listener = tokio::net::TcpListener::bind(format!("0.0.0.0:{port}")).await.unwrap();\n}\n', 'axum = "0.7"\ntokio = "1"\n'),
      Dockerfile: 'FROM rust:1.82 AS build\nFROM debian:bookworm-slim\nENV PORT=8088\nCMD ["/app/app"]\n',
    });
    expect(s.port).toEqual({ value: 8088, envVar: 'PORT', bindAddress: '0.0.0.0' });
    expect(portEvidence(s)).toContainEqual({ file: 'Dockerfile', line: 3, note: 'ENV PORT=8088 in the existing container recipe' });
  });
});
