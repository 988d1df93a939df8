use app::ssr::config::Config;
use app::ssr::seed;
use app::ssr::services::programs::Change;
use leptos::prelude::get_configuration;
use std::net::SocketAddr;
use std::process::ExitCode;
use tracing_subscriber::EnvFilter;

// Rendering a page allocates many small strings and views; under load glibc's
// malloc spent about a third of the server's CPU allocating, freeing and
// consolidating. jemalloc's per-thread caches cut that (bench/http.sh).
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

#[tokio::main]
async fn main() -> ExitCode {
    init_tracing();
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(error = %e, "server stopped");
            ExitCode::FAILURE
        }
    }
}

fn init_tracing() {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn,tower_http=info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    if std::env::var("PRM_LOG_FORMAT").as_deref() == Ok("json") {
        builder.json().init();
    } else {
        builder.init();
    }
}

/// `server seed --scale N`: fills the database with the large load-test
/// program, reports what it wrote and how long it took, and exits.
async fn seed_scale(config: Config, partners: &str) -> Result<(), String> {
    let partners: usize = partners
        .parse()
        .map_err(|_| format!("--scale takes a number of partners, not {partners:?}"))?;
    let state = server::build_state(config, None).await?;
    let started = std::time::Instant::now();
    let r = seed::scale::seed(&state.db, partners)
        .await
        .map_err(|e| format!("scale seed: {e}"))?;
    tracing::info!(
        partners = r.partners,
        users = r.users,
        fund_requests = r.requests,
        claims = r.claims,
        topics = r.topics,
        posts = r.posts,
        products = r.products,
        territories = r.territories,
        channel_links = r.channel_links,
        revenue_figures = r.revenue_figures,
        deals = r.deals,
        leads = r.leads,
        notifications = r.notifications,
        bench_topic = r.bench_topic_id,
        seconds = started.elapsed().as_secs_f64(),
        "seeded the \"{}\" program (sign in as admin@scale.example or admin0@partner0.example)",
        seed::scale::SLUG
    );
    Ok(())
}

/// `server verify`: checks the funds ledger against its counters (after a
/// reliability run) and exits non-zero on any disagreement.
async fn verify(config: Config) -> Result<(), String> {
    let state = server::build_state(config, None).await?;
    let report = app::ssr::services::funds::verify::ledger(&state.db)
        .await
        .map_err(|e| format!("verify: {e}"))?;
    for problem in &report.problems {
        tracing::error!("{problem}");
    }
    tracing::info!(
        allocations = report.allocations,
        claims_approved = report.claims_approved,
        problems = report.problems.len(),
        "ledger checked"
    );
    if report.problems.is_empty() {
        Ok(())
    } else {
        Err(format!("{} ledger problems", report.problems.len()))
    }
}

const USAGE: &str = "usage: server [seed --scale PARTNERS | verify | program suspend SLUG | program resume SLUG | program move SLUG NEW-SLUG]";

/// `server program suspend|resume|move …`: the operator's hold on a
/// program; running instances follow within seconds.
async fn program(config: Config, slug: &str, change: Change) -> Result<(), String> {
    let state = server::build_state(config, None).await?;
    app::ssr::services::programs::apply(&state.db, slug, change.clone()).await?;
    tracing::info!(program = slug, ?change, "program changed");
    Ok(())
}

async fn run() -> Result<(), String> {
    let config = Config::from_env()?;
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [] => {}
        ["seed", "--scale", n] => return seed_scale(config, n).await,
        ["verify"] => return verify(config).await,
        ["program", "suspend", slug] => return program(config, slug, Change::Suspend).await,
        ["program", "resume", slug] => return program(config, slug, Change::Resume).await,
        ["program", "move", slug, to] => {
            return program(config, slug, Change::MoveTo((*to).to_owned())).await
        }
        _ => return Err(USAGE.into()),
    }
    let leptos_options = get_configuration(None)
        .map_err(|e| format!("leptos configuration: {e}"))?
        .leptos_options;
    let addr = config.addr;
    let seed_demo = config.seed_demo;
    tracing::info!(data_dir = %config.data_dir.display(), backend = backend_name(&config.database_url), smtp = config.smtp.is_some(), "starting");
    let state = server::build_state(config, None).await?;
    let started = std::time::Instant::now();
    if seed_demo
        && seed::seed_demo_if_empty(&state.db)
            .await
            .map_err(|e| format!("seeding: {e}"))?
    {
        // The program works without its history: a failure here is
        // reported, not fatal (server/tests/demo.rs keeps it from happening).
        if let Err(e) = seed::seed_demo_activity(&state).await {
            tracing::error!("the demo program's activity could not be seeded: {e}");
        }
        tracing::info!(
            "seeded the demo program \"Acme Networks\" in {} ms",
            started.elapsed().as_millis()
        );
    }
    if seed_demo {
        for (role, email) in seed::DEMO_SIGN_INS {
            tracing::info!(
                "demo sign-in  {role:<45} {email}  password: {}",
                seed::DEMO_PASSWORD
            );
        }
    }
    // Recurring passes (claim deadlines): queued once per tenant and
    // period, whichever instance's scheduler gets there first.
    app::ssr::jobs::recurring::spawn_scheduler(state.clone(), std::time::Duration::from_secs(60));
    // The durable job queue (campaign e-mails, notifications, reminders);
    // every instance runs a worker, and they share the work safely.
    app::ssr::jobs::spawn_worker(state.clone(), std::time::Duration::from_secs(1));
    let app = server::router(state, leptos_options);
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    tracing::info!("partner portal listening on http://{addr}");
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown())
    .await
    .map_err(|e| e.to_string())
}

fn backend_name(url: &str) -> &'static str {
    if url.starts_with("postgres") {
        "postgresql"
    } else {
        "sqlite"
    }
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down");
}
