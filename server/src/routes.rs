//! Every route outside the Leptos pages and server functions, in one table.
//! The router is built from it, so a route cannot exist without a row; a
//! row that sends file bytes names its [`Delivery`], and the headers that
//! make those bytes inert are set by a layer from that row, not by each
//! handler (`server/tests/security.rs` asserts them for every file row).

use crate::{
    campaign_links, campaign_responses, design_exports, downloads, forum_live, health,
    notification_links, page_strings, uploads, web_app, ServerState,
};
use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue};
use axum::response::Response;
use axum::routing::{get, post, MethodRouter};

/// What a plain route is, for the security table and the hostile-input run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RouteKind {
    /// Answers with stored or generated file bytes, served as stated.
    File(Delivery),
    /// A form post (multipart or plain) that answers with a redirect.
    Form,
    /// A link in an e-mail: a redirect or a small standalone page.
    MailLink,
    /// A member's link that marks something of theirs and redirects
    /// (opening a notification marks it read).
    Redirect,
    /// A server-sent event stream.
    Stream,
    /// Liveness for load balancers.
    Health,
    /// The portal's own strings in one language, for the browser's code.
    Catalogue,
    /// What installs the portal as an app (manifest, icons, service worker,
    /// offline page): the same for every visitor of a program.
    WebApp,
}

/// How a file route's bytes are handed to the browser. Each variant states
/// its policy; a route that needs a different one gets a new variant here,
/// never a header set by its handler.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Delivery {
    /// Bytes a user uploaded (checked by type, not rebuilt) or a generated
    /// download: `attachment`, so a navigation to it saves instead of
    /// rendering; `<img>` still shows pictures.
    Attachment,
    /// An image we produced ourselves (the tracking pixel): shown inline.
    OurImage,
    /// Claim proof: a PDF is shown inline for the reviewer, under a policy
    /// without `sandbox`, because not every browser's PDF viewer runs in a
    /// sandboxed document (Chromium 156 renders it under both; checked with
    /// screenshots). The policy allows only the viewer itself
    /// (`object-src 'self'`) and nothing else. Every other proof type is an
    /// [`Delivery::Attachment`].
    ProofPdfInline,
}

/// The policy for a sandboxed file: no scripts, no plugins, no requests,
/// its own opaque origin; inline styles only for SVG's own presentation.
pub const SANDBOX_CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; sandbox";
/// The policy for an inline PDF (see [`Delivery::ProofPdfInline`]).
pub const PDF_CSP: &str = "default-src 'none'; object-src 'self'; frame-ancestors 'none'";

/// The headers a [`Delivery`] gives a response of `content_type`:
/// (Content-Security-Policy, inline?).
pub fn policy(delivery: Delivery, content_type: &str) -> (&'static str, bool) {
    match delivery {
        Delivery::ProofPdfInline if content_type == "application/pdf" => (PDF_CSP, true),
        Delivery::ProofPdfInline | Delivery::Attachment => (SANDBOX_CSP, false),
        Delivery::OurImage => (SANDBOX_CSP, true),
    }
}

/// Sets the row's headers on a file route's answer. The policy goes on
/// error answers too, so no body of the route can be read as a page; the
/// disposition only on the file itself (an error should show, not download).
fn apply_delivery(delivery: Delivery, res: &mut Response) {
    let is_file = res.status().is_success();
    let headers = res.headers_mut();
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let (csp, inline) = policy(delivery, &content_type);
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(csp),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if !is_file {
        headers.remove(header::CONTENT_DISPOSITION);
        return;
    }
    let file_name = headers
        .get(header::CONTENT_DISPOSITION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split("filename=").nth(1))
        .map(str::to_owned);
    let disposition = match (inline, file_name) {
        (true, Some(name)) => format!("inline; filename={name}"),
        (true, None) => "inline".to_owned(),
        (false, Some(name)) => format!("attachment; filename={name}"),
        (false, None) => "attachment".to_owned(),
    };
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
}

/// Who may reach a route; the hostile-input run (`server/tests/hostile.rs`)
/// checks that a signed-out visitor gets nothing from a members' route.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Who {
    /// Anyone: links in e-mails (signed, so only their recipient has them),
    /// pictures those e-mails show, the portal's strings and the health
    /// check.
    Anyone,
    /// Signed-in members of the program; the service checks the rest.
    Members,
}

pub struct PlainRoute {
    pub path: &'static str,
    pub kind: RouteKind,
    pub who: Who,
    pub handler: MethodRouter<ServerState>,
}

fn row(
    path: &'static str,
    kind: RouteKind,
    who: Who,
    handler: MethodRouter<ServerState>,
) -> PlainRoute {
    PlainRoute {
        path,
        kind,
        who,
        handler,
    }
}

/// The table. Paths use axum's `{param}` syntax.
pub fn plain_routes() -> Vec<PlainRoute> {
    use Delivery::*;
    use RouteKind::*;
    use Who::*;
    let mb = DefaultBodyLimit::max;
    vec![
        row("/healthz", Health, Anyone, get(health::healthz)),
        row(
            "/manifest.webmanifest",
            WebApp,
            Anyone,
            get(web_app::manifest),
        ),
        row("/app-icon/{file}", WebApp, Anyone, get(web_app::app_icon)),
        row("/sw.js", WebApp, Anyone, get(web_app::service_worker)),
        row("/offline", WebApp, Anyone, get(web_app::offline)),
        row(
            "/i18n/{file}",
            Catalogue,
            Anyone,
            get(page_strings::page_strings),
        ),
        row(
            "/m/o/{id}/{file}",
            File(OurImage),
            Anyone,
            get(campaign_links::open),
        ),
        row(
            "/m/i/{tenant}/{file}",
            File(Attachment),
            Anyone,
            get(campaign_links::image),
        ),
        row(
            "/m/c/{id}/{n}/{signature}",
            MailLink,
            Anyone,
            get(campaign_links::click),
        ),
        row(
            "/m/u/{id}/{signature}",
            MailLink,
            Anyone,
            get(campaign_links::unsubscribe_page).post(campaign_links::unsubscribe),
        ),
        row(
            "/m/r/{id}/{signature}",
            MailLink,
            Anyone,
            get(campaign_responses::page).post(campaign_responses::respond),
        ),
        row(
            "/campaigns/{id}/report",
            File(Attachment),
            Members,
            get(campaign_links::report_csv),
        ),
        row(
            "/media/logos/{id}",
            File(Attachment),
            Members,
            get(downloads::logo),
        ),
        row(
            "/notifications/{id}/open",
            Redirect,
            Members,
            get(notification_links::open),
        ),
        row(
            "/forum/topics/{id}/live",
            Stream,
            Members,
            get(forum_live::live),
        ),
        row(
            "/forum/files/{tenant}/{name}",
            File(Attachment),
            Members,
            get(downloads::forum_picture),
        ),
        row(
            "/forum/uploads",
            Form,
            Members,
            post(uploads::upload_forum_picture).layer(mb(6 * 1024 * 1024)),
        ),
        row(
            "/cobrand/designs/{id}/export/{format}",
            File(Attachment),
            Members,
            get(design_exports::export),
        ),
        row(
            "/partners/{id}/logo",
            Form,
            Members,
            post(uploads::upload_logo).layer(mb(2 * 1024 * 1024)),
        ),
        row(
            "/partners/{id}/logo/remove",
            Form,
            Members,
            post(uploads::remove_logo),
        ),
        row(
            "/media/proof/{id}",
            File(ProofPdfInline),
            Members,
            get(downloads::proof),
        ),
        row(
            "/funds/ledger/export",
            File(Attachment),
            Members,
            get(downloads::ledger_export),
        ),
        row(
            "/products/export",
            File(Attachment),
            Members,
            get(downloads::products_export),
        ),
        row(
            "/deals/export",
            File(Attachment),
            Members,
            get(downloads::deals_export),
        ),
        row(
            "/leads/export",
            File(Attachment),
            Members,
            get(downloads::leads_export),
        ),
        row(
            "/deals/{id}/files",
            Form,
            Members,
            post(uploads::upload_deal_file).layer(mb(32 * 1024 * 1024)),
        ),
        row(
            "/deals/{id}/files/{file}/remove",
            Form,
            Members,
            post(uploads::remove_deal_file),
        ),
        row(
            "/media/deal-files/{id}",
            File(Attachment),
            Members,
            get(downloads::deal_file),
        ),
        row(
            "/funds/requests/{id}/proof",
            Form,
            Members,
            post(uploads::upload_proof).layer(mb(32 * 1024 * 1024)),
        ),
        row(
            "/funds/requests/{id}/proof/{file}/remove",
            Form,
            Members,
            post(uploads::remove_proof),
        ),
    ]
}

/// The table's routes on a router; file rows get their delivery headers.
pub fn mount(mut router: axum::Router<ServerState>) -> axum::Router<ServerState> {
    for route in plain_routes() {
        let handler = match route.kind {
            RouteKind::File(delivery) => {
                route
                    .handler
                    .layer(axum::middleware::map_response(move |mut res: Response| {
                        apply_delivery(delivery, &mut res);
                        async move { res }
                    }))
            }
            _ => route.handler,
        };
        let handler = handler.layer(axum::middleware::from_fn(
            crate::middleware::language::in_request_language,
        ));
        router = router.route(route.path, handler);
    }
    router
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderMap;

    fn applied(delivery: Delivery, content_type: &str, disposition: Option<&str>) -> HeaderMap {
        let mut res = Response::new(axum::body::Body::empty());
        let h = res.headers_mut();
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_str(content_type).unwrap(),
        );
        if let Some(d) = disposition {
            h.insert(
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(d).unwrap(),
            );
        }
        apply_delivery(delivery, &mut res);
        res.headers().clone()
    }

    #[test]
    fn uploads_are_sandboxed_attachments_whatever_the_handler_said() {
        let h = applied(
            Delivery::Attachment,
            "image/svg+xml",
            Some("inline; filename=\"x.svg\""),
        );
        assert_eq!(h[header::CONTENT_SECURITY_POLICY], SANDBOX_CSP);
        assert_eq!(h[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert_eq!(
            h[header::CONTENT_DISPOSITION],
            "attachment; filename=\"x.svg\""
        );
    }

    #[test]
    fn only_a_proof_pdf_is_inline_and_unsandboxed() {
        let pdf = applied(Delivery::ProofPdfInline, "application/pdf", None);
        assert_eq!(pdf[header::CONTENT_SECURITY_POLICY], PDF_CSP);
        assert_eq!(pdf[header::CONTENT_DISPOSITION], "inline");
        let photo = applied(Delivery::ProofPdfInline, "image/jpeg", None);
        assert_eq!(photo[header::CONTENT_SECURITY_POLICY], SANDBOX_CSP);
        assert_eq!(photo[header::CONTENT_DISPOSITION], "attachment");
        let pixel = applied(Delivery::OurImage, "image/gif", None);
        assert_eq!(pixel[header::CONTENT_DISPOSITION], "inline");
        assert_eq!(pixel[header::CONTENT_SECURITY_POLICY], SANDBOX_CSP);
    }

    #[test]
    fn every_path_has_one_row() {
        let routes = plain_routes();
        let mut paths: Vec<_> = routes.iter().map(|r| r.path).collect();
        paths.sort();
        paths.dedup();
        assert_eq!(paths.len(), routes.len());
    }
}
