//! Transactional e-mail through the queue: retried when the mail server is
//! away, and delivered under the job's stable name so a retry after a crash
//! does not send it twice.

use super::Outcome;
use crate::ssr::AppState;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MailJob {
    /// Stable name for this e-mail (outbox file, Message-ID).
    pub name: String,
    pub to: String,
    pub subject: String,
    pub text: String,
}

impl MailJob {
    /// A new e-mail with a fresh stable name.
    pub fn new(to: &str, subject: &str, text: String) -> Self {
        let (name, _) = crate::ssr::tokens::issue();
        Self {
            name: format!("mail-{name}"),
            to: to.to_owned(),
            subject: subject.to_owned(),
            text,
        }
    }
}

pub async fn perform(state: &AppState, job: MailJob) -> Outcome {
    let message = match state
        .mailer
        .plain(&job.to, &job.subject, job.text, Some(&job.name))
    {
        Ok(m) => m,
        Err(e) => return Outcome::Fail(e.to_string()),
    };
    match state.mailer.deliver(&job.name, message).await {
        Ok(()) => Outcome::Done,
        Err(e) => Outcome::Retry(e),
    }
}
