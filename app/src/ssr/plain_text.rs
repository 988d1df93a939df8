//! Words the server's plain routes write themselves (mail-link pages,
//! upload refusals, request guards), from the catalogue, in the request's
//! language (`server/src/middleware/language.rs` provides it).

use crate::tr;

#[derive(Clone, Copy, Debug)]
pub enum PlainText {
    LinkNotFound,
    LinkInvalid,
    UnsubscribeLinkInvalidCopied,
    UnsubscribeLinkInvalid,
    Unsubscribed,
    Unsubscribe,
    TryAgain,
    NotRecorded,
    LogoTooLarge,
    ProofTooLarge,
    ChooseProof,
    ChooseFile,
    SignInAgain,
    ChoosePicture,
    Portal,
    MetaDescription,
    OfflineTitle,
    OfflineText,
    OfflineRetry,
}

impl PlainText {
    pub fn text(self) -> &'static str {
        match self {
            PlainText::LinkNotFound => tr!(links.not_found),
            PlainText::LinkInvalid => tr!(links.invalid),
            PlainText::UnsubscribeLinkInvalidCopied => tr!(links.unsubscribe_invalid_copied),
            PlainText::UnsubscribeLinkInvalid => tr!(links.unsubscribe_invalid),
            PlainText::Unsubscribed => tr!(links.unsubscribed),
            PlainText::Unsubscribe => tr!(links.unsubscribe),
            PlainText::TryAgain => tr!(links.try_again),
            PlainText::NotRecorded => tr!(links.not_recorded),
            PlainText::LogoTooLarge => tr!(partner.logo_large),
            PlainText::ProofTooLarge => tr!(funds.file_large),
            PlainText::ChooseProof => tr!(links.choose_proof),
            PlainText::ChooseFile => tr!(deals.choose_file),
            PlainText::SignInAgain => tr!(links.sign_in_again),
            PlainText::ChoosePicture => tr!(forum.choose_picture),
            PlainText::Portal => tr!(portal),
            PlainText::MetaDescription => tr!(meta_description),
            PlainText::OfflineTitle => tr!(links.offline_title),
            PlainText::OfflineText => tr!(links.offline_text),
            PlainText::OfflineRetry => tr!(links.offline_retry),
        }
    }
}

/// "<address> gets no more of these e-mails." ("This address …" once erased).
pub fn no_more_mail(email: &str) -> String {
    if email.is_empty() {
        tr!(links.erased_no_more).to_owned()
    } else {
        tr!(links.no_more, email).to_string()
    }
}

/// "Stop these marketing e-mails to <address>?"
pub fn stop_mail_question(email: &str) -> String {
    tr!(links.stop_question, email).to_string()
}

/// The words of the page where a campaign e-mail's recipient asks the
/// partner that sent it (`sender`) to get in touch.
pub struct ResponseWords {
    pub title: String,
    pub intro: String,
    pub company: &'static str,
    pub name: &'static str,
    pub email: &'static str,
    pub phone: &'static str,
    pub country: &'static str,
    pub city: &'static str,
    pub postcode: &'static str,
    pub notes: &'static str,
    pub send: &'static str,
    pub fix: &'static str,
    pub done: &'static str,
    pub done_text: String,
    pub invalid: &'static str,
}

pub fn response_words(sender: &str) -> ResponseWords {
    ResponseWords {
        title: tr!(links.respond_title, sender).to_string(),
        intro: tr!(links.respond_intro, sender).to_string(),
        company: tr!(links.respond_company),
        name: tr!(links.respond_name),
        email: tr!(links.respond_email),
        phone: tr!(links.respond_phone),
        country: tr!(links.respond_country),
        city: tr!(links.respond_city),
        postcode: tr!(links.respond_postcode),
        notes: tr!(links.respond_notes),
        send: tr!(links.respond_send),
        fix: tr!(links.respond_fix),
        done: tr!(links.respond_done),
        done_text: tr!(links.respond_done_text, sender).to_string(),
        invalid: tr!(links.respond_invalid),
    }
}
