//! The shop's quote API: actix-web over the shared shop-core crate.
use std::env;

use actix_web::{get, middleware::Logger, post, web, App, HttpResponse, HttpServer, Responder};
use shop_core::{quote, LineItem};

struct AppState {
    http: reqwest::Client,
    webhook_url: Option<String>,
}

#[get("/health")]
async fn health() -> impl Responder {
    HttpResponse::Ok().body("ok")
}

#[post("/quotes")]
async fn create_quote(state: web::Data<AppState>, items: web::Json<Vec<LineItem>>) -> impl Responder {
    let q = quote(&items);
    if let Some(url) = &state.webhook_url {
        if let Err(err) = state.http.post(url).json(&q).send().await {
            log::warn!("webhook failed: {err}");
        }
    }
    HttpResponse::Ok().json(q)
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    env_logger::init_from_env(env_logger::Env::default().default_filter_or("info"));
    let port: u16 = env::var("PORT")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(8080);
    let webhook_url = env::var("QUOTE_WEBHOOK_URL").ok();
    let state = web::Data::new(AppState { http: reqwest::Client::new(), webhook_url });

    HttpServer::new(move || {
        App::new()
            .app_data(state.clone())
            .wrap(Logger::default())
            .service(health)
            .service(create_quote)
    })
    .bind(("0.0.0.0", port))?
    .run()
    .await
}
