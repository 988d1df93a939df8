use crate::ServerState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde_json::{json, Value};

/// Liveness and database reachability, for load balancers and monitors.
pub async fn healthz(State(state): State<ServerState>) -> (StatusCode, Json<Value>) {
    let db_ok = app::ssr::db::ping(&state.app.db).await;
    let status = if db_ok {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    let body = json!({
        "status": if db_ok { "ok" } else { "degraded" },
        "database": if db_ok { "ok" } else { "unreachable" },
        "backend": format!("{:?}", state.app.db.get_database_backend()).to_lowercase(),
        "version": env!("CARGO_PKG_VERSION"),
    });
    (status, Json(body))
}
