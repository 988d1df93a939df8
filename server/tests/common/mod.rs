//! Test harness: the real router, in-process, on a fresh database per test:
//! a temporary SQLite file always, a private PostgreSQL schema when
//! `TEST_DATABASE_URL` is set.

#![allow(dead_code)]

use app::ssr::config::Config;
use app::ssr::seed;
use app::ssr::AppState;
use app::types::Role;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use sea_orm::{ConnectionTrait, Database};
use std::future::Future;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Mutex;
use std::time::Duration;
use tower::ServiceExt;

pub const PASSWORD: &str = seed::DEMO_PASSWORD;
pub const HOST_A: &str = "acme.portal.test";
pub const HOST_B: &str = "globex.portal.test";
/// What Chromium accepts; `get` and `call` send it, so every test reads
/// responses as a browser would receive them.
pub const BROWSER_ENCODINGS: &str = "gzip, deflate, br, zstd";

#[derive(Clone, Copy, Debug)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Runs a scenario once per backend: `both!(name, scenario_fn)`.
#[macro_export]
macro_rules! both {
    ($name:ident, $scenario:path) => {
        mod $name {
            use super::*;
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn sqlite() {
                let app = common::within_limit(
                    || "setting up SQLite".to_owned(),
                    common::TestApp::new(common::Backend::Sqlite),
                )
                .await;
                app.run($scenario(&app)).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn postgres() {
                let Some(app) = common::within_limit(
                    || "setting up PostgreSQL".to_owned(),
                    common::TestApp::try_new(common::Backend::Postgres),
                )
                .await
                else {
                    eprintln!("TEST_DATABASE_URL not set: PostgreSQL run skipped");
                    return;
                };
                app.run($scenario(&app)).await;
            }
        }
    };
}

/// What the server is given at start-up, as `cargo leptos` would.
fn leptos_options() -> leptos::prelude::LeptosOptions {
    leptos::prelude::LeptosOptions::builder()
        .output_name("prm")
        .build()
}

pub struct TestApp {
    pub router: Router,
    pub state: AppState,
    pub data_dir: PathBuf,
    schema: Option<(String, String)>,
    /// The request in flight or last sent, named when a test times out.
    last_request: Mutex<String>,
}

/// How long one test may run before it fails instead of stalling the whole
/// suite (and CI) on a hang; `PRM_TEST_TIMEOUT_SECS` overrides it.
fn time_limit() -> Duration {
    let secs = std::env::var("PRM_TEST_TIMEOUT_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(180);
    Duration::from_secs(secs)
}

/// Awaits `fut`, or fails the test with `what` it was doing once the time
/// limit passes.
pub async fn within_limit<T>(what: impl FnOnce() -> String, fut: impl Future<Output = T>) -> T {
    let limit = time_limit();
    match tokio::time::timeout(limit, fut).await {
        Ok(out) => out,
        Err(_) => panic!("timed out after {}s {}", limit.as_secs(), what()),
    }
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn unique(prefix: &str) -> String {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!("{prefix}_{}_{n}_{nanos}", std::process::id())
}

impl TestApp {
    pub async fn new(backend: Backend) -> Self {
        Self::try_new(backend).await.expect("backend available")
    }

    pub async fn try_new(backend: Backend) -> Option<Self> {
        Self::build(backend, None).await
    }

    /// A SQLite-backed app whose uploads go to an S3-compatible bucket.
    pub async fn with_s3(s3: app::ssr::config::S3Config) -> Self {
        Self::build(Backend::Sqlite, Some(s3)).await.expect("app")
    }

    async fn build(backend: Backend, s3: Option<app::ssr::config::S3Config>) -> Option<Self> {
        let _ = tracing_subscriber::fmt()
            .with_test_writer()
            .with_env_filter("warn,server=info,app=info")
            .try_init();
        let data_dir = std::env::temp_dir().join(unique("prm_test"));
        std::fs::create_dir_all(&data_dir).expect("temp dir");
        let (url, schema) = match backend {
            Backend::Sqlite => (
                format!(
                    "sqlite://{}?mode=rwc",
                    data_dir.join("test.sqlite3").display()
                ),
                None,
            ),
            Backend::Postgres => {
                let url = std::env::var("TEST_DATABASE_URL")
                    .ok()
                    .filter(|u| !u.is_empty())?;
                let schema = unique("t");
                let admin = Database::connect(&url)
                    .await
                    .expect("connect to TEST_DATABASE_URL");
                admin
                    .execute_unprepared(&format!("CREATE SCHEMA \"{schema}\""))
                    .await
                    .expect("create schema");
                admin.close().await.ok();
                (url, Some(schema))
            }
        };
        let mut config = Config::for_tests(data_dir.clone(), url.clone());
        config.s3 = s3;
        let state = server::build_state(config, schema.as_deref())
            .await
            .expect("state");
        seed::seed_demo_if_empty(&state.db)
            .await
            .expect("seed demo tenant");

        let router = server::router(state.clone(), leptos_options());
        Some(Self {
            router,
            state,
            data_dir,
            schema: schema.map(|s| (url, s)),
            last_request: Mutex::new(String::new()),
        })
    }

    /// A second server instance on the same database, as behind a load
    /// balancer: its own router and in-process caches, the same data.
    pub fn another_instance(&self) -> TestApp {
        let state = AppState {
            tenants: std::sync::Arc::new(app::ssr::tenant_cache::TenantCache::new(
                self.state.config.tenant_cache_ttl,
            )),
            ..self.state.clone()
        };
        // Its own (empty) directory, so dropping it leaves the first's files.
        let data_dir = std::env::temp_dir().join(unique("prm_test_instance"));
        std::fs::create_dir_all(&data_dir).expect("temp dir");
        TestApp {
            router: server::router(state.clone(), leptos_options()),
            state,
            data_dir,
            schema: None,
            last_request: Mutex::new(String::new()),
        }
    }

    /// Runs a test's scenario under the time limit; a hang fails with the
    /// request it was waiting on rather than stalling the suite.
    pub async fn run(&self, scenario: impl Future<Output = ()>) {
        let last = || {
            let last = self
                .last_request
                .lock()
                .map(|l| l.clone())
                .unwrap_or_default();
            format!(
                "waiting on {}",
                if last.is_empty() { "no request" } else { &last }
            )
        };
        within_limit(last, scenario).await
    }

    /// A second program ("Globex") with an admin, a partner and its admin.
    pub async fn add_tenant_b(&self) -> (i64, i64) {
        let db = &self.state.db;
        let hash = app::ssr::password::hash(PASSWORD.into()).await.unwrap();
        let (t, vendor) = seed::create_tenant(db, "globex", "Globex", "#aa3300")
            .await
            .unwrap();
        seed::insert_user(
            db,
            t.id,
            vendor.id,
            "boss@globex.example",
            "Globex Boss",
            Role::VendorAdmin,
            &hash,
        )
        .await
        .unwrap();
        let partner = seed::insert_org(
            db,
            t.id,
            app::types::OrgKind::Partner,
            "Globex Partner Ltd",
            None,
        )
        .await
        .unwrap();
        seed::insert_user(
            db,
            t.id,
            partner.id,
            "pat@globexpartner.example",
            "Pat",
            Role::PartnerAdmin,
            &hash,
        )
        .await
        .unwrap();
        (t.id, partner.id)
    }

    pub async fn send(&self, req: Request<Body>) -> Resp {
        // A page past its render deadline answers 503 with Retry-After (a
        // rare lost wake-up in Leptos's suspense rendering, leptos-rs/leptos
        // #4851); a browser reloads, and so does the test, once and loudly.
        let again = (req.method() == axum::http::Method::GET).then(|| {
            let mut copy = Request::get(req.uri().clone());
            for (name, value) in req.headers() {
                copy = copy.header(name, value);
            }
            copy
        });
        let res = self.send_once(req).await;
        match again {
            Some(copy)
                if res.status == StatusCode::SERVICE_UNAVAILABLE
                    && res.headers.contains_key(header::RETRY_AFTER) =>
            {
                let req = copy.body(Body::empty()).unwrap();
                eprintln!(
                    "GET {} missed its render deadline; retrying once",
                    req.uri()
                );
                self.send_once(req).await
            }
            _ => res,
        }
    }

    async fn send_once(&self, req: Request<Body>) -> Resp {
        if let Ok(mut last) = self.last_request.lock() {
            *last = format!("{} {}", req.method(), req.uri());
        }
        let res = self
            .router
            .clone()
            .oneshot(req)
            .await
            .expect("router answers");
        let status = res.status();
        let headers = res.headers().clone();
        let wire = res.into_body().collect().await.expect("body").to_bytes();
        let bytes = decode(&headers, &wire);
        Resp {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            bytes,
            wire_len: wire.len(),
        }
    }

    pub async fn get(&self, host: &str, path: &str, cookie: Option<&str>) -> Resp {
        let mut req = Request::get(path)
            .header(header::HOST, host)
            .header(header::ACCEPT, "text/html")
            .header(header::ACCEPT_ENCODING, BROWSER_ENCODINGS);
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::empty()).unwrap()).await
    }

    /// Posts a plain HTML form to a route, as a browser without JavaScript.
    pub async fn post_form(
        &self,
        host: &str,
        path: &str,
        cookie: Option<&str>,
        form: &[(&str, &str)],
    ) -> Resp {
        let mut req = Request::post(path)
            .header(header::HOST, host)
            .header(header::ORIGIN, format!("http://{host}"))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "text/html");
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::from(encode_form(form))).unwrap())
            .await
    }

    /// Calls a server function the way the hydrated app does (fetch, form-encoded).
    pub async fn call(
        &self,
        host: &str,
        name: &str,
        cookie: Option<&str>,
        form: &[(&str, &str)],
    ) -> Resp {
        let mut req = Request::post(format!("/api/{name}"))
            .header(header::HOST, host)
            .header(header::ORIGIN, format!("http://{host}"))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json")
            .header(header::ACCEPT_ENCODING, BROWSER_ENCODINGS);
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::from(encode_form(form))).unwrap())
            .await
    }

    /// Signs in and returns the `name=value` cookie pair.
    pub async fn sign_in(&self, host: &str, email: &str) -> String {
        let res = self
            .call(
                host,
                "sign_in",
                None,
                &[("email", email), ("password", PASSWORD)],
            )
            .await;
        assert!(
            res.status.is_success() || res.status.is_redirection(),
            "sign in {email}: {} {}",
            res.status,
            res.body
        );
        res.session_cookie().expect("session cookie set")
    }

    /// Runs every due job of the durable queue (the server's worker does
    /// this in the background; tests run it when they choose).
    pub async fn run_jobs(&self) -> usize {
        app::ssr::jobs::drain(&self.state)
            .await
            .expect("job queue runs")
    }

    pub fn outbox(&self) -> Vec<String> {
        let dir = self.data_dir.join("outbox");
        let mut mails: Vec<(std::time::SystemTime, String)> = std::fs::read_dir(&dir)
            .map(|rd| {
                rd.filter_map(|e| e.ok())
                    .map(|e| {
                        (
                            e.metadata()
                                .and_then(|m| m.modified())
                                .unwrap_or(std::time::UNIX_EPOCH),
                            decode_qp(&std::fs::read_to_string(e.path()).unwrap_or_default()),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        mails.sort_by_key(|(t, _)| *t);
        mails.into_iter().map(|(_, m)| m).collect()
    }

    /// The token of the newest link to `path` in mail to `to`.
    pub fn mailed_token(&self, to: &str, path: &str) -> String {
        let marker = format!("{path}?token=");
        self.outbox()
            .iter()
            .rev()
            .filter(|m| m.contains(&format!("To: {to}")))
            .find_map(|m| {
                m.split(&marker)
                    .nth(1)
                    .map(|rest| rest.split_whitespace().next().unwrap_or("").to_owned())
            })
            .unwrap_or_else(|| panic!("no mail to {to} with {path}"))
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.data_dir);
        if let Some((url, schema)) = self.schema.take() {
            // Drop runs outside async; a short-lived runtime removes the schema.
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .ok()?;
                // Bounded so a stuck clean-up cannot hang the suite either.
                // The timer is made inside the runtime (it needs its reactor).
                rt.block_on(async {
                    tokio::time::timeout(Duration::from_secs(30), async {
                        let db = Database::connect(&url).await.ok()?;
                        db.execute_unprepared(&format!("DROP SCHEMA \"{schema}\" CASCADE"))
                            .await
                            .ok()
                    })
                    .await
                })
                .ok()
                .flatten()
            })
            .join();
        }
    }
}

pub struct Resp {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
    /// The body as sent, decompressed, for downloads.
    pub bytes: Vec<u8>,
    /// Bytes on the wire (compressed when the response was).
    pub wire_len: usize,
}

/// The body as the client reads it, undoing the response's `Content-Encoding`.
fn decode(headers: &axum::http::HeaderMap, wire: &[u8]) -> Vec<u8> {
    use std::io::Read;
    let mut out = Vec::new();
    match headers.get(header::CONTENT_ENCODING).map(|v| v.as_bytes()) {
        None => out.extend_from_slice(wire),
        Some(b"br") => {
            brotli_decompressor::Decompressor::new(wire, 4096)
                .read_to_end(&mut out)
                .expect("valid brotli");
        }
        Some(b"zstd") => {
            zstd::stream::read::Decoder::new(wire)
                .and_then(|mut d| d.read_to_end(&mut out))
                .expect("valid zstd");
        }
        Some(b"gzip") => {
            flate2::read::GzDecoder::new(wire)
                .read_to_end(&mut out)
                .expect("valid gzip");
        }
        Some(other) => panic!("unexpected encoding {:?}", String::from_utf8_lossy(other)),
    }
    out
}

impl Resp {
    pub fn session_cookie(&self) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("prm_session=") && !v.starts_with("prm_session=;"))
            .map(|v| v.split(';').next().unwrap_or("").to_owned())
    }

    pub fn set_cookie_header(&self) -> String {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect::<Vec<_>>()
            .join("\n")
    }

    pub fn location(&self) -> Option<String> {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    }

    /// The body decoded into the view type the page renders, so a test
    /// reads fields by name and compares enums, not JSON paths and strings.
    pub fn view<T: serde::de::DeserializeOwned>(&self) -> T {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("not a {} ({e}): {}", std::any::type_name::<T>(), self.body))
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|_| panic!("not JSON ({}): {}", self.status, self.body))
    }
}

pub fn encode_form(pairs: &[(&str, &str)]) -> String {
    let enc = |s: &str| {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                    (b as char).to_string()
                }
                b' ' => "+".to_string(),
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Undoes quoted-printable soft line breaks and `=3D`, enough to read links.
pub fn decode_qp(raw: &str) -> String {
    raw.replace("=\r\n", "")
        .replace("=\n", "")
        .replace("=3D", "=")
}

/// A 1×1 PNG (its header is all the upload checks read).
pub const PNG: &[u8] =
    b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";

impl TestApp {
    /// The id of the organisation called `name`.
    pub async fn org_id(&self, name: &str) -> i64 {
        use app::ssr::entities::organization;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        organization::Entity::find()
            .filter(organization::Column::Name.eq(name))
            .one(&self.state.db)
            .await
            .expect("organisations load")
            .unwrap_or_else(|| panic!("no organisation {name}"))
            .id
    }

    /// The id of the user with `email`.
    pub async fn user_id(&self, email: &str) -> i64 {
        use app::ssr::entities::user;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        user::Entity::find()
            .filter(user::Column::Email.eq(email))
            .one(&self.state.db)
            .await
            .expect("users load")
            .unwrap_or_else(|| panic!("no user {email}"))
            .id
    }

    /// Posts one file as `field` of a multipart form, as a browser's form does.
    pub async fn post_file(
        &self,
        host: &str,
        path: &str,
        cookie: &str,
        field: &str,
        file_name: &str,
        bytes: &[u8],
    ) -> Resp {
        let boundary = "----prmtestboundary";
        let mut body = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        )
        .into_bytes();
        body.extend_from_slice(bytes);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        self.send(
            Request::post(path)
                .header(header::HOST, host)
                .header(header::ORIGIN, format!("http://{host}"))
                .header(header::COOKIE, cookie)
                .header(
                    header::CONTENT_TYPE,
                    format!("multipart/form-data; boundary={boundary}"),
                )
                .body(Body::from(body))
                .unwrap(),
        )
        .await
    }
}

/// A test's own member of program A, built rather than borrowed from the
/// demo users so the test says who acts:
/// `app.member(Role::PartnerUser).at("Harbor IT Services").signed_in().await`.
pub struct NewMember<'a> {
    app: &'a TestApp,
    role: Role,
    company: Option<&'a str>,
}

/// A member created and signed in by [`NewMember::signed_in`].
pub struct Member {
    pub cookie: String,
    pub user_id: i64,
    pub org_id: i64,
    pub email: String,
}

impl TestApp {
    /// A new member with `role`: vendor staff work for the vendor; a partner
    /// role needs `.at(company)`.
    pub fn member(&self, role: Role) -> NewMember<'_> {
        NewMember {
            app: self,
            role,
            company: None,
        }
    }
}

impl<'a> NewMember<'a> {
    /// The company the member works for.
    pub fn at(mut self, company: &'a str) -> Self {
        self.company = Some(company);
        self
    }

    pub async fn signed_in(self) -> Member {
        use app::ssr::entities::organization;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let company = match (self.company, self.role.is_vendor_staff()) {
            (Some(company), _) => company,
            (None, true) => "Acme Networks",
            (None, false) => panic!("a partner member needs .at(company)"),
        };
        let db = &self.app.state.db;
        let org = organization::Entity::find()
            .filter(organization::Column::Name.eq(company))
            .one(db)
            .await
            .expect("organisations load")
            .unwrap_or_else(|| panic!("no organisation {company}"));
        let n = NEXT.fetch_add(1, Ordering::SeqCst);
        let email = format!("member{n}@members.example");
        let hash = app::ssr::password::hash(PASSWORD.into())
            .await
            .expect("hash");
        let name = format!("{} {n}", self.role.label());
        let user_id = seed::insert_user(db, org.tenant_id, org.id, &email, &name, self.role, &hash)
            .await
            .expect("insert member");
        let cookie = self.app.sign_in(HOST_A, &email).await;
        Member {
            cookie,
            user_id,
            org_id: org.id,
            email,
        }
    }
}
