//! The mails of the notification model, in the recipient's language: one
//! per notice for those who want them at once, and the daily digest.

use super::Notice;
use crate::locale::{self, Locale};
use crate::tr_in;
use crate::types::notification::Details;

/// Where every notification mail says the reader can change what they get.
fn settings_link(base: &str) -> String {
    format!("{base}/notifications#settings")
}

/// Subject and body of one notice's mail.
pub fn one(n: &Notice, base_url: &str) -> (String, String) {
    let base = base_url.trim_end_matches('/');
    let lang = n.to.language;
    let link = format!("{base}{}", n.link);
    let sentence = n.details.sentence(n.kind, lang);
    let (subject, body) = match &n.details {
        Details::Forum { excerpt, .. } => {
            let body = tr_in!(
                lang,
                mail.forum_body,
                sentence = &sentence,
                text = excerpt,
                link = &link
            );
            (sentence.clone(), body.to_string())
        }
        // A decision on the reader's request or registration.
        Details::FundsDecided { reason, .. }
        | Details::Deal { reason, .. }
        | Details::Lead { reason, .. } => {
            let body = tr_in!(
                lang,
                mail.decided_body,
                name = &n.to.name,
                sentence = &sentence,
                reason = reason,
                link = &link
            );
            (sentence.clone(), body.to_string())
        }
        Details::FundsClaimDue {
            program,
            title,
            due,
        } => {
            let date = locale::date_in(lang, *due);
            let subject = tr_in!(lang, mail.claim_due_subject, program, date = &date);
            let body = tr_in!(
                lang,
                mail.claim_due_body,
                name = &n.to.name,
                title,
                date = &date,
                link = &link
            );
            (subject.to_string(), body.to_string())
        }
        Details::Campaign {
            vendor,
            name,
            goal,
            audience,
            starts,
            ends,
        } => {
            let subject = tr_in!(lang, mail.campaign_subject, name = name.get(lang));
            let body = tr_in!(
                lang,
                mail.campaign_body,
                name = &n.to.name,
                vendor,
                campaign = name.get(lang),
                goal = goal.get(lang),
                starts = locale::date_in(lang, *starts),
                ends = locale::date_in(lang, *ends),
                audience = audience.get(lang),
                link = &link
            );
            (subject.to_string(), body.to_string())
        }
    };
    (subject, with_footer(body, lang, base))
}

fn with_footer(body: String, lang: Locale, base: &str) -> String {
    let footer = tr_in!(
        lang,
        mail.notification_footer,
        settings = settings_link(base)
    );
    format!("{body}\n{footer}\n")
}

/// One line of a digest: the sentence and where it opens.
pub struct DigestLine {
    pub sentence: String,
    pub link: String,
}

/// The most lines one digest lists; the rest are a count and a link.
pub const DIGEST_LINES: usize = 20;

/// Subject and body of a user's daily digest.
pub fn digest(
    name: &str,
    program: &str,
    lang: Locale,
    base_url: &str,
    lines: &[DigestLine],
) -> (String, String) {
    let base = base_url.trim_end_matches('/');
    let count = lines.len() as u64;
    let subject = tr_in!(lang, mail.digest_subject, program, count).to_string();
    let mut items: String = lines
        .iter()
        .take(DIGEST_LINES)
        .map(|l| format!("• {}\n  {base}{}\n", l.sentence, l.link))
        .collect();
    if lines.len() > DIGEST_LINES {
        let more = (lines.len() - DIGEST_LINES) as u64;
        items.push_str(&tr_in!(lang, mail.digest_more, count = more).to_string());
        items.push('\n');
    }
    let body = tr_in!(
        lang,
        mail.digest_body,
        name,
        program,
        items = &items,
        link = format!("{base}/notifications")
    );
    (subject, with_footer(body.to_string(), lang, base))
}
