//! Outgoing mail through lettre: SMTP when configured, otherwise `.eml` files
//! in the data directory's outbox so a bare `make run` needs no mail server.
//!
//! Queued mail is delivered under a stable name: the outbox file is written
//! atomically under that name and the SMTP Message-ID is derived from it, so
//! a retry after a crash replaces the file instead of adding a second one.

use super::config::Config;
use crate::error::{AppError, AppResult};
use lettre::message::header::ContentType;
use lettre::message::{Body, Mailbox, Message};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Clone)]
enum Transport {
    Outbox(Arc<PathBuf>),
    Smtp(Arc<AsyncSmtpTransport<Tokio1Executor>>),
}

#[derive(Clone)]
pub struct Mailer {
    from: Mailbox,
    transport: Transport,
}

impl Mailer {
    pub fn from_config(config: &Config) -> Result<Self, String> {
        let from: Mailbox = config.mail_from.parse().map_err(|_| {
            "MAIL_FROM must be an address like Portal <portal@example.com>".to_string()
        })?;
        let transport = match &config.smtp {
            None => {
                let dir = config.outbox_dir();
                std::fs::create_dir_all(&dir)
                    .map_err(|e| format!("cannot create outbox {}: {e}", dir.display()))?;
                Transport::Outbox(Arc::new(dir))
            }
            Some(smtp) => {
                let builder = match smtp.security.as_str() {
                    "none" => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&smtp.host),
                    "tls" => AsyncSmtpTransport::<Tokio1Executor>::relay(&smtp.host)
                        .map_err(|e| format!("SMTP relay {}: {e}", smtp.host))?,
                    _ => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&smtp.host)
                        .map_err(|e| format!("SMTP relay {}: {e}", smtp.host))?,
                };
                let mut builder = builder.port(smtp.port);
                if let (Some(user), Some(pass)) = (&smtp.username, &smtp.password) {
                    builder = builder.credentials(Credentials::new(user.clone(), pass.clone()));
                }
                Transport::Smtp(Arc::new(builder.build()))
            }
        };
        Ok(Self { from, transport })
    }

    /// The portal's own sender address.
    pub fn from(&self) -> &Mailbox {
        &self.from
    }

    /// A plain-text message (lettre picks 7bit or quoted-printable); a
    /// queued one passes its stable name for the Message-ID.
    pub fn plain(
        &self,
        to: &str,
        subject: &str,
        text: String,
        name: Option<&str>,
    ) -> AppResult<Message> {
        let to: Mailbox = to
            .parse()
            .map_err(|_| AppError::invalid("email", crate::tr!(checks.email_undeliverable)))?;
        Message::builder()
            .message_id(name.map(|n| self.message_id(n)))
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(Body::new(text))
            .map_err(|e| {
                tracing::error!(error = %e, "mail could not be built");
                AppError::Internal
            })
    }

    /// Sends a plain-text message now (sign-in links the user waits for).
    pub async fn send(&self, to: &str, subject: &str, text: String) -> AppResult<()> {
        let message = self.plain(to, subject, text, None)?;
        let (name, _) = super::tokens::issue();
        self.deliver(&name, message).await.map_err(|e| {
            tracing::error!(error = %e, "mail delivery failed");
            AppError::Unavailable
        })
    }

    /// Hands a message over under a stable `name` (letters, digits, `-`):
    /// the outbox file `<name>.eml` is replaced, never duplicated.
    pub async fn deliver(&self, name: &str, message: Message) -> Result<(), String> {
        match &self.transport {
            Transport::Outbox(dir) => {
                let final_path = dir.join(format!("{name}.eml"));
                let partial = dir.join(format!(".{name}.partial"));
                tokio::fs::write(&partial, message.formatted())
                    .await
                    .map_err(|e| format!("outbox write: {e}"))?;
                tokio::fs::rename(&partial, &final_path)
                    .await
                    .map_err(|e| format!("outbox rename: {e}"))
            }
            Transport::Smtp(t) => t.send(message).await.map(|_| ()).map_err(|e| e.to_string()),
        }
    }

    /// The stable Message-ID for a queued message's name.
    pub fn message_id(&self, name: &str) -> String {
        format!("<{name}@{}>", self.from.email.domain())
    }
}
