//! Tracking and unsubscribe links in campaign e-mails. Each link names its
//! message and carries an HMAC of what it does, so nobody can forge opens,
//! clicks or unsubscribes, and the click redirect only goes where the
//! e-mail itself pointed (never an open redirect).

use crate::error::{AppError, AppResult};
use crate::locale::Locale;
use crate::ssr::entities::{campaign_message as message, campaign_send as send, contact};
use crate::ssr::services::now;
use crate::ssr::AppState;
use crate::tr_in;
use base64::Engine;
use hmac::{Hmac, Mac};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use sha2::Sha256;

/// What a signed link does.
#[derive(Clone, Copy)]
pub enum Purpose {
    Open,
    Click(usize),
    Unsubscribe,
    /// The recipient asks the sender to get in touch (a lead).
    Respond,
}

impl Purpose {
    fn tag(self) -> String {
        match self {
            Purpose::Open => "open".into(),
            Purpose::Click(n) => format!("click:{n}"),
            Purpose::Unsubscribe => "unsubscribe".into(),
            Purpose::Respond => "respond".into(),
        }
    }
}

/// A 128-bit signature (URL-safe base64) of one message's link.
pub fn sign(secret: &str, message_id: i64, purpose: Purpose) -> String {
    // HMAC accepts keys of any length, so `mac` always gives one; an empty
    // signature would simply never verify.
    mac(secret, message_id, purpose)
        .map(|m| {
            let bytes = m.finalize().into_bytes();
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&bytes[..16])
        })
        .unwrap_or_default()
}

/// The keyed hash of one message's link, before finalising.
fn mac(secret: &str, message_id: i64, purpose: Purpose) -> Option<Hmac<Sha256>> {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).ok()?;
    mac.update(format!("{message_id}:{}", purpose.tag()).as_bytes());
    Some(mac)
}

/// Checks a signature in constant time.
pub fn verify(secret: &str, message_id: i64, purpose: Purpose, signature: &str) -> bool {
    let Ok(given) = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(signature) else {
        return false;
    };
    given.len() == 16
        && mac(secret, message_id, purpose).is_some_and(|m| m.verify_truncated_left(&given).is_ok())
}

/// The absolute tracking URLs of one message.
pub struct Links {
    pub open: String,
    pub unsubscribe: String,
    pub respond: String,
    base: String,
    secret: String,
    message_id: i64,
}

impl Links {
    pub fn new(base_url: &str, secret: &str, message_id: i64) -> Self {
        let base = base_url.trim_end_matches('/').to_owned();
        Self {
            open: format!(
                "{base}/m/o/{message_id}/{}.gif",
                sign(secret, message_id, Purpose::Open)
            ),
            unsubscribe: format!(
                "{base}/m/u/{message_id}/{}",
                sign(secret, message_id, Purpose::Unsubscribe)
            ),
            respond: format!(
                "{base}/m/r/{message_id}/{}",
                sign(secret, message_id, Purpose::Respond)
            ),
            base,
            secret: secret.to_owned(),
            message_id,
        }
    }

    pub fn click(&self, n: usize) -> String {
        format!(
            "{}/m/c/{}/{n}/{}",
            self.base,
            self.message_id,
            sign(&self.secret, self.message_id, Purpose::Click(n))
        )
    }
}

const PLACEHOLDER: &str = "{{prm-link:";

/// Takes the http(s) links out of rendered e-mail HTML: returns the HTML
/// with numbered placeholders and the targets in order (as plain URLs).
pub fn extract_links(html: &str) -> (String, Vec<String>) {
    let mut out = String::with_capacity(html.len());
    let mut links: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("href=\"") {
        let (head, tail) = rest.split_at(at + 6);
        out.push_str(head);
        let end = tail.find('"').unwrap_or(tail.len());
        let raw = &tail[..end];
        let url = raw.replace("&amp;", "&");
        if url.starts_with("http://") || url.starts_with("https://") {
            let n = match links.iter().position(|l| *l == url) {
                Some(n) => n,
                None => {
                    links.push(url);
                    links.len() - 1
                }
            };
            out.push_str(&format!("{PLACEHOLDER}{n}}}}}"));
        } else {
            out.push_str(raw);
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    (out, links)
}

fn escape_attr(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}

/// One contact's copy: tracked links, then a footer in the campaign's
/// language naming the partner who sends it: the button that asks it to get
/// in touch, the unsubscribe link and the open pixel.
pub fn personalise(
    html: &str,
    links: &Links,
    sender: &str,
    link_count: usize,
    language: Locale,
) -> String {
    let mut body = html.to_owned();
    for n in 0..link_count {
        body = body.replace(
            &format!("{PLACEHOLDER}{n}}}}}"),
            &escape_attr(&links.click(n)),
        );
    }
    let sender = escape_attr(sender);
    let footer = format!(
        "<div style=\"font-family:Arial,sans-serif;font-size:12px;color:#666;text-align:center;padding:16px\">\
         <p style=\"margin:0 0 16px\"><a href=\"{respond}\" style=\"display:inline-block;padding:12px 20px;background:#1f4fd8;color:#fff;text-decoration:none;border-radius:6px;font-size:14px\">{ask}</a></p>\
         {why} <a href=\"{unsubscribe}\" style=\"color:#666\">{stop}</a>\
         <img src=\"{open}\" width=\"1\" height=\"1\" alt=\"\" style=\"display:block;border:0\"/></div>",
        respond = escape_attr(&links.respond),
        ask = tr_in!(language, campaign_mail.ask, sender = sender.as_str()),
        why = tr_in!(language, campaign_mail.why, sender = sender.as_str()),
        unsubscribe = escape_attr(&links.unsubscribe),
        stop = tr_in!(language, campaign_mail.unsubscribe),
        open = escape_attr(&links.open),
    );
    match body.rfind("</body>") {
        Some(at) => body.insert_str(at, &footer),
        None => body.push_str(&footer),
    }
    body
}

/// Adds one to a counter and stamps the first-time columns still empty.
async fn bump(
    state: &AppState,
    id: i64,
    counter: message::Column,
    first: &[message::Column],
) -> AppResult<()> {
    message::Entity::update_many()
        .col_expr(counter, Expr::col(counter).add(1))
        .filter(message::Column::Id.eq(id))
        .exec(&state.db)
        .await?;
    let at = now();
    for column in first {
        message::Entity::update_many()
            .col_expr(*column, Expr::value(Some(at)))
            .filter(message::Column::Id.eq(id))
            .filter(column.is_null())
            .exec(&state.db)
            .await?;
    }
    Ok(())
}

/// The message a signed link names, once its signature checks out.
pub(crate) async fn signed_message(
    state: &AppState,
    id: i64,
    purpose: Purpose,
    signature: &str,
) -> AppResult<message::Model> {
    if !verify(&state.config.link_secret, id, purpose, signature) {
        return Err(AppError::NotFound);
    }
    message::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)
}

/// Records an open (the pixel was loaded).
pub async fn opened(state: &AppState, id: i64, signature: &str) -> AppResult<()> {
    if !verify(&state.config.link_secret, id, Purpose::Open, signature) {
        return Err(AppError::NotFound);
    }
    bump(
        state,
        id,
        message::Column::OpenCount,
        &[message::Column::OpenedAt],
    )
    .await?;
    Ok(())
}

/// Records a click and returns where the link goes. A click also counts as
/// an open (many mail apps block the pixel).
pub async fn clicked(state: &AppState, id: i64, n: usize, signature: &str) -> AppResult<String> {
    let m = signed_message(state, id, Purpose::Click(n), signature).await?;
    let s = send::Entity::find_by_id(m.send_id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let links: Vec<String> = serde_json::from_str(&s.links).unwrap_or_default();
    let target = links.get(n).cloned().ok_or(AppError::NotFound)?;
    bump(
        state,
        id,
        message::Column::ClickCount,
        &[message::Column::ClickedAt, message::Column::OpenedAt],
    )
    .await?;
    Ok(target)
}

/// Who an unsubscribe link is for, to show on its page.
pub async fn unsubscribe_target(
    state: &AppState,
    id: i64,
    signature: &str,
) -> AppResult<(String, bool)> {
    let m = signed_message(state, id, Purpose::Unsubscribe, signature).await?;
    let c = contact::Entity::find_by_id(m.contact_id)
        .one(&state.db)
        .await?;
    // A contact the partner removed gets nothing more either.
    Ok(match c {
        Some(c) => (c.email, c.unsubscribed_at.is_some()),
        None => (String::new(), true),
    })
}

/// Unsubscribes the contact from all later e-mails of the partner that
/// sent this message. Repeating it changes nothing.
pub async fn unsubscribe(state: &AppState, id: i64, signature: &str) -> AppResult<String> {
    let m = signed_message(state, id, Purpose::Unsubscribe, signature).await?;
    let at = now();
    contact::Entity::update_many()
        .col_expr(contact::Column::UnsubscribedAt, Expr::value(Some(at)))
        .filter(contact::Column::Id.eq(m.contact_id))
        .filter(contact::Column::UnsubscribedAt.is_null())
        .exec(&state.db)
        .await?;
    message::Entity::update_many()
        .col_expr(message::Column::UnsubscribedAt, Expr::value(Some(at)))
        .filter(message::Column::Id.eq(id))
        .filter(message::Column::UnsubscribedAt.is_null())
        .exec(&state.db)
        .await?;
    Ok(m.email)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_bind_message_and_purpose() {
        let s = sign("k", 7, Purpose::Click(1));
        assert!(verify("k", 7, Purpose::Click(1), &s));
        assert!(!verify("k", 8, Purpose::Click(1), &s));
        assert!(!verify("k", 7, Purpose::Click(2), &s));
        assert!(!verify("other", 7, Purpose::Click(1), &s));
        assert!(!verify("k", 7, Purpose::Unsubscribe, &s));
        assert!(!verify("k", 7, Purpose::Click(1), "garbage!"));
    }

    #[test]
    fn links_are_numbered_once_and_restored_signed() {
        let html = r#"<html><body><a href="https://acme.example/a?x=1&amp;y=2">A</a><a href="mailto:x@y.z">m</a><a href="https://acme.example/a?x=1&amp;y=2">again</a><a href="https://b.example">B</a></body></html>"#;
        let (marked, links) = extract_links(html);
        assert_eq!(
            links,
            vec!["https://acme.example/a?x=1&y=2", "https://b.example"]
        );
        assert!(marked.contains("mailto:x@y.z"));
        let l = Links::new("http://portal.test/", "k", 5);
        let out = personalise(&marked, &l, "Northwind <b>", links.len(), Locale::en);
        assert!(out.contains(&format!("href=\"{}\"", l.click(0))));
        assert!(out.contains(&format!("href=\"{}\"", l.click(1))));
        assert!(
            !out.contains("acme.example"),
            "targets only behind the redirect"
        );
        assert!(out.contains("http://portal.test/m/u/5/"));
        assert!(out.contains("Northwind &lt;b>"));
        assert!(out.find("Unsubscribe").unwrap() < out.find("</body>").unwrap());
        assert!(out.contains("http://portal.test/m/r/5/"));
        let de = personalise(&marked, &l, "Northwind", links.len(), Locale::de);
        assert!(de.contains("Northwind bitten, sich zu melden"), "{de}");
    }
}
