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
