//! Configuration from the environment, with defaults that let `make run`
//! work on a bare machine. Secrets are kept out of `Debug`.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

#[derive(Clone)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    pub username: Option<String>,
    pub password: Option<String>,
    /// `starttls` (default), `tls` or `none` (only for a local relay).
    pub security: String,
}

impl std::fmt::Debug for SmtpConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpConfig")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "<redacted>"))
            .field("security", &self.security)
            .finish()
    }
}

/// An S3-compatible bucket for uploads. Credentials come from the usual
/// `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` variables.
#[derive(Clone, Debug)]
pub struct S3Config {
    pub bucket: String,
    pub region: String,
    /// For S3-compatible services (MinIO, Ceph, R2 …); empty for AWS.
    pub endpoint: Option<String>,
    pub allow_http: bool,
}

/// Cookies are `Secure` whenever the portal's public address is https
/// (behind a TLS-terminating proxy the request itself looks like http), or
/// when `PRM_SECURE_COOKIES` asks for it.
pub fn secure_cookies(base_url: &str, asked: bool) -> bool {
    asked
        || base_url
            .get(..8)
            .is_some_and(|scheme| scheme.eq_ignore_ascii_case("https://"))
}

#[derive(Clone, Debug)]
pub struct Config {
    pub addr: SocketAddr,
    pub data_dir: PathBuf,
    pub database_url: String,
    /// Public address used in links inside emails.
    pub base_url: String,
    pub secure_cookies: bool,
    pub session_idle: Duration,
    pub session_absolute: Duration,
    pub mail_from: String,
    pub smtp: Option<SmtpConfig>,
    /// Where uploads go: an S3-compatible bucket, else `<data dir>/files`.
    pub s3: Option<S3Config>,
    /// Tenant served when the host name names none (`PRM_DEFAULT_TENANT`).
    pub default_tenant: Option<String>,
    /// Take the client address from X-Forwarded-For (only behind a proxy).
    pub trust_proxy: bool,
    /// Create the demo tenant on an empty database.
    pub seed_demo: bool,
    /// Campaign e-mails one program may send per minute (`PRM_CAMPAIGN_RATE`).
    pub campaign_rate_per_minute: u32,
    /// How long an instance trusts its copy of a program's host and state
    /// (`ssr::tenant_cache`): how soon a suspension reaches every instance.
    pub tenant_cache_ttl: Duration,
    /// Key that signs tracking and unsubscribe links (`PRM_LINK_SECRET`).
    /// When unset, one is kept in `<data dir>/link-secret`; several
    /// instances behind a load balancer must share it through the variable.
    pub link_secret: String,
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn flag(name: &str, default: bool) -> bool {
    var(name).map_or(default, |v| {
        matches!(v.as_str(), "1" | "true" | "yes" | "on")
    })
}

fn minutes(name: &str, default: u64) -> Result<Duration, String> {
    match var(name) {
        None => Ok(Duration::from_secs(default * 60)),
        Some(v) => v
            .parse::<u64>()
            .map(|m| Duration::from_secs(m * 60))
            .map_err(|_| format!("{name} must be a number of minutes")),
    }
}

impl Config {
    pub fn from_env() -> Result<Self, String> {
        let addr: SocketAddr = var("PRM_ADDR")
            .or_else(|| var("LEPTOS_SITE_ADDR"))
            .unwrap_or_else(|| "127.0.0.1:3000".into())
            .parse()
            .map_err(|_| "PRM_ADDR must look like 127.0.0.1:3000".to_string())?;
        let data_dir = PathBuf::from(var("PRM_DATA_DIR").unwrap_or_else(|| "data".into()));
        let database_url = var("DATABASE_URL").unwrap_or_else(|| {
            format!(
                "sqlite://{}?mode=rwc",
                data_dir.join("prm.sqlite3").display()
            )
        });
        let smtp = match var("SMTP_HOST") {
            None => None,
            Some(host) => Some(SmtpConfig {
                host,
                port: var("SMTP_PORT")
                    .map(|p| {
                        p.parse()
                            .map_err(|_| "SMTP_PORT must be a port number".to_string())
                    })
                    .transpose()?
                    .unwrap_or(587),
                username: var("SMTP_USERNAME"),
                password: var("SMTP_PASSWORD"),
                security: var("SMTP_SECURITY").unwrap_or_else(|| "starttls".into()),
            }),
        };
        let s3 = var("PRM_S3_BUCKET").map(|bucket| S3Config {
            bucket,
            region: var("PRM_S3_REGION").unwrap_or_else(|| "us-east-1".into()),
            endpoint: var("PRM_S3_ENDPOINT"),
            allow_http: flag("PRM_S3_ALLOW_HTTP", false),
        });
        let base_url = var("PRM_BASE_URL").unwrap_or_else(|| format!("http://{addr}"));
        Ok(Self {
            s3,
            secure_cookies: secure_cookies(&base_url, flag("PRM_SECURE_COOKIES", false)),
            base_url,
            addr,
            data_dir,
            database_url,
            session_idle: minutes("PRM_SESSION_IDLE_MINUTES", 12 * 60)?,
            session_absolute: minutes("PRM_SESSION_MAX_MINUTES", 30 * 24 * 60)?,
            mail_from: var("MAIL_FROM")
                .unwrap_or_else(|| "Partner Portal <portal@localhost>".into()),
            smtp,
            default_tenant: var("PRM_DEFAULT_TENANT"),
            trust_proxy: flag("PRM_TRUST_PROXY", false),
            seed_demo: flag("PRM_SEED_DEMO", true),
            campaign_rate_per_minute: match var("PRM_CAMPAIGN_RATE") {
                None => 300,
                Some(v) => v
                    .parse::<u32>()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or("PRM_CAMPAIGN_RATE must be a number of e-mails per minute")?,
            },
            tenant_cache_ttl: Duration::from_secs(5),
            link_secret: var("PRM_LINK_SECRET").unwrap_or_default(),
        })
    }

    /// Settings for tests: a private data directory and database.
    pub fn for_tests(data_dir: PathBuf, database_url: String) -> Self {
        Self {
            addr: "127.0.0.1:0".parse().expect("static address"),
            base_url: "http://portal.test".into(),
            data_dir,
            database_url,
            secure_cookies: false,
            session_idle: Duration::from_secs(12 * 3600),
            session_absolute: Duration::from_secs(30 * 24 * 3600),
            mail_from: "Partner Portal <portal@localhost>".into(),
            smtp: None,
            s3: None,
            default_tenant: None,
            trust_proxy: false,
            seed_demo: false,
            campaign_rate_per_minute: 300,
            tenant_cache_ttl: Duration::from_millis(500),
            link_secret: String::new(),
        }
    }

    /// Uploaded files when no object store service is configured.
    pub fn files_dir(&self) -> PathBuf {
        self.data_dir.join("files")
    }

    pub fn outbox_dir(&self) -> PathBuf {
        self.data_dir.join("outbox")
    }

    /// Fills `link_secret` from `<data dir>/link-secret`, creating that file
    /// with a fresh random key on first start.
    pub fn load_link_secret(&mut self) -> Result<(), String> {
        if !self.link_secret.is_empty() {
            return Ok(());
        }
        let path = self.data_dir.join("link-secret");
        if let Ok(existing) = std::fs::read_to_string(&path) {
            if existing.trim().len() >= 32 {
                self.link_secret = existing.trim().to_owned();
                return Ok(());
            }
        }
        std::fs::create_dir_all(&self.data_dir)
            .map_err(|e| format!("cannot create {}: {e}", self.data_dir.display()))?;
        let (secret, _) = super::tokens::issue();
        std::fs::write(&path, &secret)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        self.link_secret = secret;
        Ok(())
    }
}

#[cfg(test)]
mod secure_cookie_tests {
    use super::secure_cookies;

    #[test]
    fn an_https_address_always_means_secure_cookies() {
        assert!(secure_cookies("https://partners.acme.example", false));
        assert!(secure_cookies("HTTPS://partners.acme.example", false));
        assert!(!secure_cookies("http://127.0.0.1:3000", false));
        assert!(secure_cookies("http://127.0.0.1:3000", true));
    }
}
