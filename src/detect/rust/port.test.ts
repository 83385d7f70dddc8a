import { describe, expect, it } from 'vitest';
import { onlyService } from '../../../test/helpers.js';

const pkg = (deps: string): string => `[package]\nname = "app"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\n${deps}`;

describe('rust frameworks and ports', () => {
  it('actix-web: .bind(("0.0.0.0", port)) with PORT parsed and defaulted', () => {
    const s = onlyService({
      'Cargo.toml': pkg('actix-web = "4"\n'),
      'src/main.rs': [
        'use actix_web::{get, App, HttpResponse, HttpServer};',
        '',
        '#[get("/healthz")]',
        'async fn healthz() -> HttpResponse { HttpResponse::Ok().finish() }',
        '',
        '#[actix_web::main]',
        'async fn main() -> std::io::Result<()> {',
        '    let port = std::env::var("PORT").ok().and_then(|p| p.parse().ok()).unwrap_or(8080);',
        '    HttpServer::new(|| App::new().service(healthz))',
        '        .bind(("0.0.0.0", port))?',
        '        .run()',
        '        .await',
        '}',
        '',
      ].join('\n'),
    });
    expect(s).toMatchObject({ framework: 'actix-web', port: { value: 8080, envVar: 'PORT', bindAddress: '0.0.0.0' }, health: { path: '/healthz' } });
    expect(s.evidence.filter((e) => e.fact === 'port')).toEqual([
      { fact: 'port', file: 'src/main.rs', line: 10, note: '.bind(("0.0.0.0", port))?' },
      { fact: 'port', file: 'src/main.rs', line: 8, note: 'let port = std::env::var("PORT").ok().and_then(|p| p.parse().ok()).unwrap_or(8080);' },
    ]);
  });

  it('axum 0.6 / hyper: SocketAddr::from(([127, 0, 0, 1], 3000)) binds loopback and warns', () => {
    const s = onlyService({
      'Cargo.toml': pkg('axum = "0.6"\nhyper = "0.14"\n'),
      'src/main.rs': 'use std::net::SocketAddr;\n\n#[tokio::main]\nasync fn main() {\n    let app = axum::Router::new();\n    let addr = SocketAddr::from(([127, 0, 0, 1], 3000));\n    axum::Server::bind(&addr).serve(app.into_make_service()).await.unwrap();\n}\n',
    });
    expect(s.framework).toBe('axum');
    expect(s.port).toEqual({ value: 3000, envVar: null, bindAddress: '127.0.0.1' });
    expect(s.warnings).toContain('app binds 127.0.0.1, which is unreachable from outside its container; bind 0.0.0.0.');
  });

  it('hyper 1.x alone: SocketAddr::from((Ipv4Addr::UNSPECIFIED, port)) with a PORT default', () => {
    const s = onlyService({
      'Cargo.toml': pkg('hyper = { version = "1", features = ["server", "http1"] }\nhyper-util = "0.1"\ntokio = { version = "1", features = ["full"] }\n'),
      'src/main.rs': [
        'use std::net::{Ipv4Addr, SocketAddr};',
        'use tokio::net::TcpListener;',
        '',
        '#[tokio::main]',
        'async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {',
        '    let port: u16 = std::env::var("PORT").map(|p| p.parse().unwrap()).unwrap_or(7000);',
        '    let addr = SocketAddr::from((Ipv4Addr::UNSPECIFIED, port));',
        '    let listener = TcpListener::bind(addr).await?;',
        '    loop {',
        '        let (stream, _) = listener.accept().await?;',
        '        let _ = hyper::server::conn::http1::Builder::new().serve_connection(hyper_util::rt::TokioIo::new(stream), svc());',
        '    }',
        '}',
        '',
      ].join('\n'),
    });
    expect(s).toMatchObject({ framework: 'hyper', kind: 'server', port: { value: 7000, envVar: 'PORT', bindAddress: '0.0.0.0' } });
  });

  it('warp: .run(([0, 0, 0, 0], 3030)) and warp::path("health")', () => {
    const s = onlyService({
      'Cargo.toml': pkg('warp = "0.3"\ntokio = { version = "1", features = ["full"] }\n'),
      'src/main.rs': 'use warp::Filter;\n\n#[tokio::main]\nasync fn main() {\n    let health = warp::path("health").map(|| "ok");\n    warp::serve(health).run(([0, 0, 0, 0], 3030)).await;\n}\n',
    });
    expect(s).toMatchObject({ framework: 'warp', port: { value: 3030, bindAddress: '0.0.0.0' }, health: { path: '/health' } });
  });

  it('poem: Server::new(TcpListener::bind("0.0.0.0:3000"))', () => {
    const s = onlyService({
      'Cargo.toml': pkg('poem = "3"\n'),
      'src/main.rs': 'use poem::{listener::TcpListener, Route, Server};\n\n#[tokio::main]\nasync fn main() -> Result<(), std::io::Error> {\n    Server::new(TcpListener::bind("0.0.0.0:3000")).run(Route::new()).await\n}\n',
    });
    expect(s).toMatchObject({ framework: 'poem', port: { value: 3000, bindAddress: '0.0.0.0' } });
  });

  it('rocket: 8000 on ROCKET_PORT by default, ROCKET_ADDRESS=0.0.0.0 for the container', () => {
    const s = onlyService({
      'Cargo.toml': pkg('rocket = { version = "0.5", features = ["json"] }\n'),
      'src/main.rs': '#[macro_use] extern crate rocket;\n\n#[get("/health")]\nfn health() -> &\'static str { "ok" }\n\n#[launch]\nfn rocket() -> _ {\n    rocket::build().mount("/", routes![health])\n}\n',
    });
    expect(s).toMatchObject({ framework: 'rocket', port: { value: 8000, envVar: 'ROCKET_PORT', bindAddress: null }, health: { path: '/health' } });
    expect(s.env).toContainEqual({ name: 'ROCKET_ADDRESS', required: false, secret: false, default: '0.0.0.0' });
  });

  it('rocket: Rocket.toml release profile port and a loopback address warn', () => {
    const s = onlyService({
      'Cargo.toml': pkg('rocket = "0.5"\n'),
      'Rocket.toml': '[default]\nport = 8000\naddress = "127.0.0.1"\n\n[release]\nport = 9000\n',
      'src/main.rs': '#[launch]\nfn rocket() -> _ {\n    rocket::build()\n}\n',
    });
    expect(s.port).toEqual({ value: 9000, envVar: 'ROCKET_PORT', bindAddress: '127.0.0.1' });
    expect(s.evidence).toContainEqual({ fact: 'port', file: 'Rocket.toml', line: 6, note: 'port = 9000 (release profile)' });
    expect(s.warnings).toContain('app binds 127.0.0.1, which is unreachable from outside its container; bind 0.0.0.0.');
    expect(s.env).toContainEqual({ name: 'ROCKET_ADDRESS', required: false, secret: false, default: '0.0.0.0' });
  });

  it('rocket: a figment .merge(("port", 8081)) in code wins', () => {
    const s = onlyService({
      'Cargo.toml': pkg('rocket = "0.5"\n'),
      'src/main.rs': '#[launch]\nfn rocket() -> _ {\n    let figment = rocket::Config::figment().merge(("port", 8081)).merge(("address", "0.0.0.0"));\n    rocket::custom(figment)\n}\n',
    });
    expect(s.port).toEqual({ value: 8081, envVar: 'ROCKET_PORT', bindAddress: '0.0.0.0' });
    expect(s.env.find((e) => e.name === 'ROCKET_ADDRESS')).toBeUndefined();
  });

  it('tonic: Server::builder().serve(addr) with a clap env arg', () => {
    const s = onlyService({
      'Cargo.toml': pkg('tonic = "0.12"\nclap = { version = "4", features = ["derive", "env"] }\n'),
      'src/main.rs': [
        'use clap::Parser;',
        '',
        '#[derive(Parser)]',
        'struct Args {',
        '    #[arg(long, env = "GRPC_PORT", default_value_t = 50051)]',
        '    grpc_port: u16,',
        '}',
        '',
        '#[tokio::main]',
        'async fn main() -> Result<(), Box<dyn std::error::Error>> {',
        '    let args = Args::parse();',
        '    let addr = format!("0.0.0.0:{}", args.grpc_port).parse()?;',
        '    tonic::transport::Server::builder().serve(addr).await?;',
        '    Ok(())',
        '}',
        '',
      ].join('\n'),
    });
    expect(s).toMatchObject({ framework: 'tonic', port: { value: 50051, envVar: 'GRPC_PORT', bindAddress: '0.0.0.0' } });
  });

  it('follows project env helpers (var_parsed) and ignores ports in test helpers', () => {
    const s = onlyService({
      'Cargo.toml': pkg('axum = "0.7"\n'),
      'src/main.rs': 'mod config;\n\n#[tokio::main]\nasync fn main() {\n    let cfg = config::Bind::from_env();\n    let listener = tokio::net::TcpListener::bind((cfg.ip, cfg.port)).await.unwrap();\n    axum::serve(listener, axum::Router::new()).await.unwrap();\n}\n',
      'src/config.rs': 'pub struct Bind { pub ip: std::net::IpAddr, pub port: u16 }\n\nimpl Bind {\n    pub fn from_env() -> Self {\n        let heroku = var("HEROKU").unwrap().is_some();\n        let ip = [0, 0, 0, 0].into();\n        let port = var_parsed("PORT").unwrap().unwrap_or(8888);\n        Self { ip, port }\n    }\n}\n',
      'src/tests/util.rs': 'fn cfg() -> Bind { Bind { ip: [127, 0, 0, 1].into(), port: 9999 } }\n',
    });
    expect(s.port).toEqual({ value: 8888, envVar: 'PORT', bindAddress: null });
    expect(s.evidence).toContainEqual({ fact: 'port', file: 'src/config.rs', line: 7, note: 'let port = var_parsed("PORT").unwrap().unwrap_or(8888);' });
    expect(s.env).toContainEqual({ name: 'HEROKU', required: false, secret: false, default: null });
  });

  it('a binary that never binds is a worker even with a web framework in its dependencies', () => {
    const s = onlyService({ 'Cargo.toml': pkg('reqwest = { version = "0.12", default-features = false, features = ["rustls-tls"] }\n'), 'src/main.rs': 'fn main() {\n    println!("tick");\n}\n' });
    expect(s).toMatchObject({ kind: 'worker', framework: null, port: { value: null, envVar: null }, build: { systemPackages: [] } });
  });
});
