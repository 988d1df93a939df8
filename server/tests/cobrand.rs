//! Co-branding: the partner customises a template, guardrails block export,
//! approval unlocks it, every export is recorded; vendors manage versions;
//! nobody sees another company's or tenant's designs.

// A test's unwrap is its assertion: a failure names the line.
#![allow(clippy::unwrap_used)]

mod common;

use app::cobrand::Binding;
use app::types::cobrand::{
    DesignStatus, EditorData, TemplateCard, TemplateDetail, TemplateKind, TemplatesPage,
};
use axum::http::StatusCode;
use common::{TestApp, HOST_A, HOST_B};

const SAM: &str = "sam@northwind.example";
const MAYA: &str = "maya.lin@acme.example";

async fn templates(app: &TestApp, cookie: &str) -> Vec<TemplateCard> {
    templates_at(app, HOST_A, cookie).await
}

async fn templates_at(app: &TestApp, host: &str, cookie: &str) -> Vec<TemplateCard> {
    let page = app
        .call(host, "get_templates_page", Some(cookie), &[])
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    page.view::<TemplatesPage>().templates
}

fn id_named(list: &[TemplateCard], needle: &str) -> String {
    list.iter()
        .find(|t| t.name.contains(needle))
        .unwrap_or_else(|| panic!("no template like {needle}"))
        .id
        .to_string()
}

async fn editor(app: &TestApp, cookie: &str, design: &str) -> EditorData {
    let res = app
        .call(HOST_A, "get_editor", Some(cookie), &[("design_id", design)])
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    res.view()
}

/// Saves a design and returns its id (from the redirect).
async fn save(app: &TestApp, cookie: &str, form: &[(&str, &str)]) -> String {
    let res = app.call(HOST_A, "save_design", Some(cookie), form).await;
    assert!(
        res.status.is_success() || res.status.is_redirection(),
        "{} {}",
        res.status,
        res.body
    );
    let location = res.location().expect("redirects to the design");
    location
        .trim_start_matches("/cobrand/designs/")
        .split('?')
        .next()
        .unwrap()
        .to_string()
}

async fn customise_and_export(app: &TestApp) {
    let sam = app.sign_in(HOST_A, SAM).await;
    let list = templates(app, &sam).await;
    assert_eq!(list.len(), 5, "the four seeded artworks and the email");
    let flyer = id_named(&list, "flyer");

    let fresh = app
        .call(HOST_A, "get_editor", Some(&sam), &[("template_id", &flyer)])
        .await
        .view::<EditorData>();
    assert!(fresh.is_owner);
    let bound = fresh
        .plan
        .slots
        .iter()
        .find(|s| s.bind == Some(Binding::CompanyName))
        .expect("a slot bound to the company name");
    let name = bound.name.as_str();
    assert_eq!(
        fresh.values[name], "Northwind Systems",
        "auto-filled from the profile"
    );

    let headline_field = "values[headline]";
    let id = save(
        app,
        &sam,
        &[
            ("template_id", &flyer),
            ("name", "Spring flyer"),
            (headline_field, "Wi-Fi 7 for Seattle offices"),
        ],
    )
    .await;
    let e = editor(app, &sam, &id).await;
    assert_eq!(e.values["headline"], "Wi-Fi 7 for Seattle offices");
    assert_eq!(e.revisions.len(), 1);
    assert_eq!(
        e.changes
            .iter()
            .filter(|c| c.label == "Headline" || c.partner_value == "Wi-Fi 7 for Seattle offices")
            .count(),
        1
    );

    // A headline far too long is kept (nothing lost) but blocks export.
    let long =
        "An extraordinarily long headline that no flyer could ever hold in two lines of big type";
    let version = e.design_version.to_string();
    save(
        app,
        &sam,
        &[
            ("design_id", &id),
            ("template_id", &flyer),
            ("version", &version),
            ("name", "Spring flyer"),
            (headline_field, long),
        ],
    )
    .await;
    let e = editor(app, &sam, &id).await;
    assert_eq!(e.values["headline"], long);
    assert!(e.issues.iter().any(|i| i.slot == "headline"));
    let blocked = app
        .get(
            HOST_A,
            &format!("/cobrand/designs/{id}/export/pdf"),
            Some(&sam),
        )
        .await;
    assert!(blocked.status.is_redirection());
    assert!(
        blocked.location().unwrap().contains("export_error="),
        "{:?}",
        blocked.location()
    );

    // A stale save is refused, not merged.
    let stale = app
        .call(
            HOST_A,
            "save_design",
            Some(&sam),
            &[
                ("design_id", &id),
                ("template_id", &flyer),
                ("version", &version),
                ("name", "x"),
            ],
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);

    let version = e.design_version.to_string();
    save(
        app,
        &sam,
        &[
            ("design_id", &id),
            ("template_id", &flyer),
            ("version", &version),
            ("name", "Spring flyer"),
            (headline_field, "Wi-Fi 7 is here"),
        ],
    )
    .await;

    let pdf = app
        .get(
            HOST_A,
            &format!("/cobrand/designs/{id}/export/pdf"),
            Some(&sam),
        )
        .await;
    assert_eq!(pdf.status, StatusCode::OK, "{:?}", pdf.location());
    assert_eq!(pdf.headers["content-type"], "application/pdf");
    // Its streams are compressed already; the browser asked for br or gzip.
    assert!(!pdf.headers.contains_key("content-encoding"));
    assert!(pdf.headers["content-disposition"]
        .to_str()
        .unwrap()
        .contains("spring-flyer.pdf"));
    let doc = lopdf::Document::load_mem(&pdf.bytes).expect("the PDF parses");
    assert_eq!(doc.get_pages().len(), 1);
    let embedded = doc.objects.values().any(|o| {
        o.as_dict()
            .is_ok_and(|d| d.has(b"FontFile2") || d.has(b"FontFile3"))
    });
    assert!(embedded, "fonts are embedded");

    let png = app
        .get(
            HOST_A,
            &format!("/cobrand/designs/{id}/export/png"),
            Some(&sam),
        )
        .await;
    let png2 = app
        .get(
            HOST_A,
            &format!("/cobrand/designs/{id}/export/png2x"),
            Some(&sam),
        )
        .await;
    for p in [&png, &png2] {
        assert_eq!(p.status, StatusCode::OK);
        assert!(p.bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
    }
    let width = |b: &[u8]| u32::from_be_bytes([b[16], b[17], b[18], b[19]]);
    assert_eq!(width(&png2.bytes), 2 * width(&png.bytes));

    let e = editor(app, &sam, &id).await;
    let exports = e.exports;
    assert_eq!(exports.len(), 3, "every export is recorded");
    assert_eq!(exports[0].version_number, 1);
    assert_eq!(exports[0].user_name, "Sam Rivera");

    // Restoring the first revision brings its headline back.
    let first = e.revisions.last().unwrap().id.to_string();
    let version = e.design_version.to_string();
    let res = app
        .call(
            HOST_A,
            "restore_revision",
            Some(&sam),
            &[("id", &id), ("version", &version), ("revision_id", &first)],
        )
        .await;
    assert!(
        res.status.is_success() || res.status.is_redirection(),
        "{}",
        res.body
    );
    assert_eq!(
        editor(app, &sam, &id).await.values["headline"],
        "Wi-Fi 7 for Seattle offices"
    );

    // Other companies, other tenants and unrelated channel managers see nothing.
    for (host, who) in [
        (HOST_A, "ines@bluepeak.example"),
        (HOST_A, "raj.patel@acme.example"),
    ] {
        let other = app.sign_in(host, who).await;
        let res = app
            .call(host, "get_editor", Some(&other), &[("design_id", &id)])
            .await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{who}");
        let file = app
            .get(
                host,
                &format!("/cobrand/designs/{id}/export/pdf"),
                Some(&other),
            )
            .await;
        assert!(
            file.location().is_some_and(|l| l.contains("export_error")),
            "{who}"
        );
    }
    app.add_tenant_b().await;
    let globex = app.sign_in(HOST_B, "boss@globex.example").await;
    let res = app
        .call(HOST_B, "get_editor", Some(&globex), &[("design_id", &id)])
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert!(templates_at(app, HOST_B, &globex).await.is_empty());
    let dana = app.sign_in(HOST_A, "dana.cole@acme.example").await;
    assert!(!editor(app, &dana, &id).await.is_owner);
}
both!(partner_customises_and_exports, customise_and_export);

async fn approval_flow(app: &TestApp) {
    let sam = app.sign_in(HOST_A, SAM).await;
    let maya = app.sign_in(HOST_A, MAYA).await;
    let social = id_named(&templates(app, &sam).await, "social");
    let id = save(
        app,
        &sam,
        &[("template_id", &social), ("name", "Launch post")],
    )
    .await;

    let export = app
        .get(
            HOST_A,
            &format!("/cobrand/designs/{id}/export/png"),
            Some(&sam),
        )
        .await;
    assert!(
        export.location().unwrap().contains("approval"),
        "{:?}",
        export.location()
    );

    let v = editor(app, &sam, &id).await.design_version.to_string();
    let res = app
        .call(
            HOST_A,
            "submit_design",
            Some(&sam),
            &[("id", &id), ("version", &v)],
        )
        .await;
    assert!(
        res.status.is_redirection() || res.status.is_success(),
        "{}",
        res.body
    );
    let e = editor(app, &maya, &id).await;
    assert_eq!(e.status, DesignStatus::Submitted);
    assert!(e.can_review);
    let v = e.design_version.to_string();

    let res = app
        .call(
            HOST_A,
            "review_design",
            Some(&sam),
            &[("id", &id), ("version", &v), ("decision", "approve")],
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN, "partners cannot approve");
    let res = app
        .call(
            HOST_A,
            "review_design",
            Some(&maya),
            &[("id", &id), ("version", &v), ("decision", "reject")],
        )
        .await;
    assert_eq!(
        res.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a rejection needs a comment"
    );
    let res = app
        .call(
            HOST_A,
            "review_design",
            Some(&maya),
            &[
                ("id", &id),
                ("version", &v),
                ("decision", "reject"),
                ("comment", "Use the orange accent"),
            ],
        )
        .await;
    assert!(
        res.status.is_redirection() || res.status.is_success(),
        "{}",
        res.body
    );

    let e = editor(app, &sam, &id).await;
    assert_eq!(e.status, DesignStatus::Rejected);
    assert_eq!(e.review_comment, "Use the orange accent");
    let v = e.design_version.to_string();
    save(
        app,
        &sam,
        &[
            ("design_id", &id),
            ("template_id", &social),
            ("version", &v),
            ("name", "Launch post"),
            ("values[accent]", "#ff6a00"),
        ],
    )
    .await;
    let v = editor(app, &sam, &id).await.design_version.to_string();
    app.call(
        HOST_A,
        "submit_design",
        Some(&sam),
        &[("id", &id), ("version", &v)],
    )
    .await;
    let v = editor(app, &maya, &id).await.design_version.to_string();
    let res = app
        .call(
            HOST_A,
            "review_design",
            Some(&maya),
            &[("id", &id), ("version", &v), ("decision", "approve")],
        )
        .await;
    assert!(
        res.status.is_redirection() || res.status.is_success(),
        "{}",
        res.body
    );

    let png = app
        .get(
            HOST_A,
            &format!("/cobrand/designs/{id}/export/png"),
            Some(&sam),
        )
        .await;
    assert_eq!(png.status, StatusCode::OK, "{:?}", png.location());

    // Changing an approved design needs approval again.
    let e = editor(app, &sam, &id).await;
    let v = e.design_version.to_string();
    save(
        app,
        &sam,
        &[
            ("design_id", &id),
            ("template_id", &social),
            ("version", &v),
            ("name", "Launch post"),
            ("values[accent]", "#0b3d91"),
        ],
    )
    .await;
    assert_eq!(editor(app, &sam, &id).await.status, DesignStatus::Draft);
    let again = app
        .get(
            HOST_A,
            &format!("/cobrand/designs/{id}/export/png"),
            Some(&sam),
        )
        .await;
    assert!(again.location().is_some_and(|l| l.contains("approval")));
    let page = app
        .call(HOST_A, "get_templates_page", Some(&maya), &[])
        .await
        .view::<TemplatesPage>();
    assert!(page.awaiting_review.is_empty());
}
both!(approval_unlocks_export, approval_flow);

const SVG_V1: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200" viewBox="0 0 400 200" onload="alert(1)"><script>alert(2)</script><text data-slot="headline" data-width="360" x="20" y="60" font-size="32">First</text></svg>"##;
const SVG_V2: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200" viewBox="0 0 400 200"><text data-slot="headline" data-width="360" x="20" y="60" font-size="32">Second</text></svg>"##;

async fn vendor_versions(app: &TestApp) {
    let maya = app.sign_in(HOST_A, MAYA).await;
    let sam = app.sign_in(HOST_A, SAM).await;
    let form = |source: &'static str| {
        vec![
            ("name", "Trade show badge"),
            ("kind", "svg"),
            ("format", "other"),
            ("source", source),
        ]
    };
    let denied = app
        .call(HOST_A, "save_template", Some(&sam), &form(SVG_V1))
        .await;
    assert_eq!(denied.status, StatusCode::FORBIDDEN);
    let bad = app
        .call(HOST_A, "save_template", Some(&maya), &form("<svg>"))
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("not valid SVG"), "{}", bad.body);

    let res = app
        .call(HOST_A, "save_template", Some(&maya), &form(SVG_V1))
        .await;
    let id = res
        .location()
        .expect("redirect")
        .trim_start_matches("/cobrand/templates/")
        .split('?')
        .next()
        .unwrap()
        .to_string();
    let detail = app
        .call(HOST_A, "get_template", Some(&maya), &[("id", &id)])
        .await
        .view::<TemplateDetail>();
    assert_eq!(detail.latest_number, 1);
    let preview = detail.card.preview_svg.as_str();
    assert!(
        !preview.contains("alert") && !preview.contains("script"),
        "{preview}"
    );

    // Drafts are invisible to partners.
    assert_eq!(templates(app, &sam).await.len(), 5);
    let res = app
        .call(HOST_A, "get_editor", Some(&sam), &[("template_id", &id)])
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);

    app.call(
        HOST_A,
        "publish_template",
        Some(&maya),
        &[("id", &id), ("number", "1")],
    )
    .await;
    assert_eq!(templates(app, &sam).await.len(), 6);
    let design = save(app, &sam, &[("template_id", &id), ("name", "Badge")]).await;

    let mut v2 = form(SVG_V2);
    v2.push(("id", &id));
    v2.push(("note", "New default"));
    app.call(HOST_A, "save_template", Some(&maya), &v2).await;
    app.call(
        HOST_A,
        "publish_template",
        Some(&maya),
        &[("id", &id), ("number", "2")],
    )
    .await;
    let detail = app
        .call(HOST_A, "get_template", Some(&maya), &[("id", &id)])
        .await
        .view::<TemplateDetail>();
    assert_eq!(detail.versions.len(), 2);
    assert_eq!(detail.card.published_number, Some(2));
    let fresh = app
        .call(HOST_A, "get_editor", Some(&sam), &[("template_id", &id)])
        .await
        .view::<EditorData>();
    assert_eq!(fresh.values["headline"], "Second");
    let old = editor(app, &sam, &design).await;
    assert_eq!(old.version_number, 1, "a design stays on its version");
    assert_eq!(old.newer_version, Some(2));

    // Audience: a Gold-only template is not for Northwind (Platinum).
    let mut gold = form(SVG_V2);
    gold.push(("id", &id));
    gold.push(("tiers[gold]", "on"));
    app.call(HOST_A, "save_template", Some(&maya), &gold).await;
    assert_eq!(templates(app, &sam).await.len(), 5);

    app.call(HOST_A, "archive_template", Some(&maya), &[("id", &id)])
        .await;
    let file = app
        .get(
            HOST_A,
            &format!("/cobrand/designs/{design}/export/pdf"),
            Some(&sam),
        )
        .await;
    assert!(
        file.location().is_some_and(|l| l.contains("withdrew")),
        "{:?}",
        file.location()
    );
}
both!(vendor_manages_versions_and_audience, vendor_versions);

async fn email_template(app: &TestApp) {
    let sam = app.sign_in(HOST_A, SAM).await;
    let email = id_named(&templates(app, &sam).await, "email");
    let fresh = app
        .call(HOST_A, "get_editor", Some(&sam), &[("template_id", &email)])
        .await
        .view::<EditorData>();
    assert_eq!(fresh.kind, TemplateKind::Email);
    let html = app
        .call(
            HOST_A,
            "preview_email",
            Some(&sam),
            &[
                ("template_id", &email),
                ("values[headline]", "Hello <Seattle>"),
            ],
        )
        .await;
    assert_eq!(html.status, StatusCode::OK, "{}", html.body);
    assert!(html.body.contains("Hello &lt;Seattle&gt;"), "{}", html.body);
    let id = save(
        app,
        &sam,
        &[("template_id", &email), ("name", "Launch mail")],
    )
    .await;
    let file = app
        .get(
            HOST_A,
            &format!("/cobrand/designs/{id}/export/html"),
            Some(&sam),
        )
        .await;
    assert_eq!(file.status, StatusCode::OK, "{:?}", file.location());
    assert!(file.body.contains("<!doctype html>") || file.body.contains("<!DOCTYPE html>"));
    assert!(file.body.contains("Northwind Systems"));
}
both!(email_templates_render_with_mrml, email_template);

/// A save and an approval sent at the same moment for the same version:
/// exactly one lands, and an approval never covers content saved after the
/// reviewer's view (it used to, and unlocked an export nobody reviewed).
async fn save_and_approval_race(app: &TestApp) {
    let sam = app.sign_in(HOST_A, SAM).await;
    let maya = app.sign_in(HOST_A, MAYA).await;
    let social = id_named(&templates(app, &sam).await, "social");
    let id = save(
        app,
        &sam,
        &[("template_id", &social), ("name", "Race post")],
    )
    .await;
    let ok = |s: StatusCode| s.is_success() || s.is_redirection();
    // Brand colours only: the save must pass the guardrails to race at all.
    let other_accent = |e: &EditorData| {
        if e.values["accent"] == "#0b3d91" {
            "#ff6a00"
        } else {
            "#0b3d91"
        }
    };
    for round in 0..12 {
        let mut e = editor(app, &sam, &id).await;
        if e.status == DesignStatus::Approved {
            // Approved content changes only through a new draft.
            let v = e.design_version.to_string();
            save(
                app,
                &sam,
                &[
                    ("design_id", &id),
                    ("template_id", &social),
                    ("version", &v),
                    ("name", "Race post"),
                    ("values[accent]", other_accent(&e)),
                ],
            )
            .await;
            e = editor(app, &sam, &id).await;
        }
        if e.status != DesignStatus::Submitted {
            let v = e.design_version.to_string();
            let res = app
                .call(
                    HOST_A,
                    "submit_design",
                    Some(&sam),
                    &[("id", &id), ("version", &v)],
                )
                .await;
            assert!(ok(res.status), "{}", res.body);
        }
        let e = editor(app, &maya, &id).await;
        assert_eq!(e.status, DesignStatus::Submitted);
        let reviewed = e.values.clone();
        let v = e.design_version.to_string();
        let accent = other_accent(&e);
        let save_form = [
            ("design_id", id.as_str()),
            ("template_id", social.as_str()),
            ("version", v.as_str()),
            ("name", "Race post"),
            ("values[accent]", accent),
        ];
        let approve_form = [
            ("id", id.as_str()),
            ("version", v.as_str()),
            ("decision", "approve"),
        ];
        let (saved, approved) = tokio::join!(
            app.call(HOST_A, "save_design", Some(&sam), &save_form),
            app.call(HOST_A, "review_design", Some(&maya), &approve_form),
        );
        assert!(
            ok(saved.status) != ok(approved.status),
            "round {round}: exactly one of the racing writes lands (save {}, approve {})",
            saved.status,
            approved.status
        );
        let after = editor(app, &sam, &id).await;
        if after.status == DesignStatus::Approved {
            assert_eq!(
                after.values, reviewed,
                "round {round}: approved content is what was reviewed"
            );
        } else {
            assert_eq!(after.status, DesignStatus::Draft, "round {round}");
            assert_eq!(after.values["accent"], accent, "round {round}");
        }
    }
}
both!(
    racing_save_and_approval_never_approve_unreviewed_content,
    save_and_approval_race
);

/// A template in two languages: a partner's design starts from their
/// language's wording and keeps it (locked text too); new wording is a new
/// version, so designs made before keep theirs.
async fn designs_in_the_partners_language(app: &TestApp) {
    let sam = app.sign_in(HOST_A, SAM).await;
    app.call(HOST_A, "set_language", Some(&sam), &[("lang", "de")])
        .await;
    let list = templates(app, &sam).await;
    assert!(
        list.iter().any(|t| t.name == "AX7-Launch-Flyer (A4)"),
        "German names: {:?}",
        list.iter().map(|t| &t.name).collect::<Vec<_>>()
    );
    let flyer = id_named(&list, "Flyer");
    let fresh = app
        .call(HOST_A, "get_editor", Some(&sam), &[("template_id", &flyer)])
        .await
        .view::<EditorData>();
    assert_eq!(fresh.values["headline"], "Wi-Fi 7 für jedes Büro");
    let legal = fresh.plan.slot("legal").unwrap();
    assert!(legal.locked);
    assert!(
        legal.default.contains("Marken der Acme"),
        "{}",
        legal.default
    );
    assert!(fresh.plan.variants.is_empty(), "only the partner's wording");
    assert_eq!(fresh.name, "AX7-Launch-Flyer (A4) für Northwind Systems");
    assert!(fresh.issues.is_empty(), "{:?}", fresh.issues);
    let id = save(
        app,
        &sam,
        &[
            ("template_id", &flyer),
            ("name", "Frühjahrsflyer"),
            ("values[legal]", "changed"),
        ],
    )
    .await;
    let mine = editor(app, &sam, &id).await;
    assert!(mine.values["legal"].contains("Marken der Acme"));
    assert_eq!(mine.values["headline"], "Wi-Fi 7 für jedes Büro");

    // An English partner sees the template as written.
    let olivia = app.sign_in(HOST_A, "olivia@northwind.example").await;
    let english = app
        .call(
            HOST_A,
            "get_editor",
            Some(&olivia),
            &[("template_id", &flyer)],
        )
        .await
        .view::<EditorData>();
    assert_eq!(english.values["headline"], "Wi-Fi 7 for every office");

    // The vendor rewords the German legal line: a new version; an over-long
    // wording is named on its field.
    let maya = app.sign_in(HOST_A, MAYA).await;
    let detail = app
        .call(HOST_A, "get_template", Some(&maya), &[("id", &flyer)])
        .await
        .view::<TemplateDetail>();
    assert_eq!(
        detail
            .texts
            .translations
            .get(app::locale::Locale::de, "slot:cta"),
        Some("Kostenlose Standortanalyse buchen")
    );
    let form = |legal: &'static str, cta: String| {
        let mut form: Vec<(String, String)> = vec![
            ("id".into(), flyer.clone()),
            ("name".into(), detail.texts.original("name")),
            ("format".into(), detail.card.format.as_str().into()),
            ("source".into(), detail.source.clone()),
            ("language".into(), "en".into()),
            ("versions[slot:legal_de]".into(), legal.into()),
            ("versions[slot:cta_de]".into(), cta),
        ];
        form.push(("versions[name_de]".into(), "AX7-Flyer".into()));
        form
    };
    let call = |form: Vec<(String, String)>| {
        let maya = maya.clone();
        async move {
            let pairs: Vec<(&str, &str)> =
                form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            app.call(HOST_A, "save_template", Some(&maya), &pairs).await
        }
    };
    let refused = call(form("Neu", "x".repeat(37))).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains("versions[slot:cta_de]"),
        "{}",
        refused.body
    );
    // Wording that cannot fit the artwork is refused like the original.
    let mut too_wide = form("Neu", "Jetzt buchen".into());
    too_wide.push(("versions[slot:headline_de]".into(), "W".repeat(58)));
    let refused = call(too_wide).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains("versions[slot:headline_de]"),
        "{}",
        refused.body
    );
    let saved = call(form("Neue Rechtszeile", "Jetzt buchen".into())).await;
    assert!(saved.status.is_redirection() || saved.status.is_success());
    let after = app
        .call(HOST_A, "get_template", Some(&maya), &[("id", &flyer)])
        .await
        .view::<TemplateDetail>();
    assert_eq!(after.latest_number, detail.latest_number + 1);
    app.call(
        HOST_A,
        "publish_template",
        Some(&maya),
        &[("id", &flyer), ("number", &after.latest_number.to_string())],
    )
    .await;
    let newer = app
        .call(HOST_A, "get_editor", Some(&sam), &[("template_id", &flyer)])
        .await
        .view::<EditorData>();
    assert_eq!(
        newer.plan.slot("legal").unwrap().default,
        "Neue Rechtszeile"
    );
    let kept = editor(app, &sam, &id).await;
    assert!(
        kept.values["legal"].contains("Marken der Acme"),
        "made before"
    );
}
both!(
    a_design_starts_in_the_partners_language,
    designs_in_the_partners_language
);
