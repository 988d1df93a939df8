//! The HTTP server: builds the axum router around the Leptos app, with the
//! middleware that resolves tenant and session, guards against cross-site
//! writes and adds security headers. `main.rs` runs it; tests drive it
//! in-process.

pub mod campaign_links;
pub mod campaign_responses;
pub mod design_exports;
pub mod downloads;
pub mod forum_live;
pub mod health;
pub mod middleware;
pub mod notification_links;
pub mod page_strings;
pub mod routes;
pub mod uploads;
pub mod web_app;

use app::ssr::config::Config;
use app::ssr::mail::Mailer;
use app::ssr::storage::Storage;
use app::ssr::AppState;
use app::{shell, App};
use axum::extract::FromRef;
use axum::Router;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::sync::Arc;

/// Axum state: the Leptos options (for rendering and static files) and the
/// application state handed to server functions through context.
#[derive(Clone, FromRef)]
pub struct ServerState {
    pub leptos_options: LeptosOptions,
    pub app: AppState,
}

/// Connects to the database (migrating it), builds the mailer and the state.
pub async fn build_state(mut config: Config, schema: Option<&str>) -> Result<AppState, String> {
    config.load_link_secret()?;
    let db = app::ssr::db::connect(&config.database_url, schema)
        .await
        .map_err(|e| format!("database: {e}"))?;
    let mailer = Mailer::from_config(&config)?;
    let storage = Storage::from_config(&config)?;
    let tenants = Arc::new(app::ssr::tenant_cache::TenantCache::new(
        config.tenant_cache_ttl,
    ));
    Ok(AppState {
        db,
        config: Arc::new(config),
        mailer,
        storage,
        tenants,
    })
}

pub fn router(app_state: AppState, leptos_options: LeptosOptions) -> Router {
    app::ssr::assets::init(
        &std::path::Path::new(&*leptos_options.site_root).join(&*leptos_options.site_pkg_dir),
    );
    let page_routes = generate_route_list(App);
    let state = ServerState {
        leptos_options: leptos_options.clone(),
        app: app_state.clone(),
    };
    let context_state = app_state.clone();
    routes::mount(Router::new())
        .leptos_routes_with_context(
            &state,
            page_routes,
            move || provide_context(context_state.clone()),
            {
                let options = leptos_options.clone();
                move || shell(options.clone())
            },
        )
        .fallback(leptos_axum::file_and_error_handler::<ServerState, _>(shell))
        .layer(axum::middleware::from_fn(
            middleware::malformed::unreadable_arguments_are_400,
        ))
        .layer(axum::middleware::from_fn_with_state(
            middleware::page_deadline::DEADLINE,
            middleware::page_deadline::page_deadline,
        ))
        .layer(axum::middleware::from_fn_with_state(
            app_state.clone(),
            middleware::session::resolve,
        ))
        .layer(axum::middleware::from_fn(middleware::nul::refuse_nul))
        .layer(axum::middleware::from_fn_with_state(
            app_state,
            middleware::origin::refuse_cross_site_writes,
        ))
        .layer(axum::middleware::from_fn(
            middleware::headers::security_headers,
        ))
        .layer(middleware::compression::layers())
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .with_state(state)
}
