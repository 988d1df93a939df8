//! Outgoing mail through lettre: SMTP when configured, otherwise `.eml` files
//! in the data directory's outbox so a bare `make run` needs no mail server.

use super::config::Config;
use crate::error::{AppError, AppResult};
use lettre::message::header::ContentType;
use lettre::message::{Body, Mailbox, Message};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use std::sync::Arc;

#[derive(Clone)]
enum Transport {
    Outbox(Arc<AsyncFileTransport<Tokio1Executor>>),
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
                Transport::Outbox(Arc::new(AsyncFileTransport::new(dir)))
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

    /// Sends a plain-text message (lettre picks 7bit or quoted-printable).
    pub async fn send(&self, to: &str, subject: &str, text: String) -> AppResult<()> {
        let to: Mailbox = to
            .parse()
            .map_err(|_| AppError::invalid("email", "That email address cannot receive mail."))?;
        let body = Body::new(text);
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body)
            .map_err(|e| {
                tracing::error!(error = %e, "mail could not be built");
                AppError::Internal
            })?;
        let result = match &self.transport {
            Transport::Outbox(t) => t.send(message).await.map(|_| ()).map_err(|e| e.to_string()),
            Transport::Smtp(t) => t.send(message).await.map(|_| ()).map_err(|e| e.to_string()),
        };
        result.map_err(|e| {
            tracing::error!(error = %e, "mail delivery failed");
            AppError::Unavailable
        })
    }
}
