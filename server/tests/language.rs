//! German and English: the language a page, a server message and a user's
//! account use, and how it is chosen (browser, switch, the user's own).

// A test's unwrap is its assertion: a failure names the line.
#![allow(clippy::unwrap_used)]

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{Resp, TestApp, BROWSER_ENCODINGS, HOST_A};

/// A page as a browser with these languages and cookies asks for it.
async fn page(app: &TestApp, path: &str, languages: &str, cookie: Option<&str>) -> Resp {
    let mut req = Request::get(path)
        .header(header::HOST, HOST_A)
        .header(header::ACCEPT, "text/html")
        .header(header::ACCEPT_LANGUAGE, languages)
        .header(header::ACCEPT_ENCODING, BROWSER_ENCODINGS);
    if let Some(cookie) = cookie {
        req = req.header(header::COOKIE, cookie);
    }
    app.send(req.body(Body::empty()).unwrap()).await
}

fn assert_german(res: &Resp, english: &[&str], german: &[&str]) {
    assert!(res.body.contains(r#"<html lang="de""#), "{}", res.body);
    for text in german {
        assert!(res.body.contains(text), "missing {text:?}");
    }
    for text in english {
        assert!(!res.body.contains(text), "English left: {text:?}");
    }
}

async fn browser_language_then_switch(app: &TestApp) {
    let english = ["Work email", "Forgot your password?", "Sign in"];
    let german = ["Geschäftliche E-Mail", "Passwort vergessen?", "Anmelden"];

    // First visit: the browser's languages decide, by quality.
    let de = page(app, "/sign-in", "fr-FR,de;q=0.9,en;q=0.8", None).await;
    assert_eq!(de.status, StatusCode::OK);
    assert_german(&de, &english, &german);
    let en = page(app, "/sign-in", "en-GB,en;q=0.9", None).await;
    assert!(en.body.contains(r#"<html lang="en""#));
    assert!(en.body.contains("Work email"));
    let none = page(app, "/sign-in", "", None).await;
    assert!(
        none.body.contains(r#"<html lang="en""#),
        "English by default"
    );

    // The switch on the sign-in page: a cookie for this browser, and back
    // to the page it was pressed on.
    let switched = app
        .call(
            HOST_A,
            "set_language",
            None,
            &[("lang", "de"), ("next", "/sign-in")],
        )
        .await;
    assert!(switched.status.is_redirection() || switched.status.is_success());
    let set_cookie = switched.set_cookie_header();
    assert!(set_cookie.contains("lang=de"), "{set_cookie}");
    assert!(set_cookie.contains("HttpOnly"), "{set_cookie}");
    let chosen = page(app, "/sign-in", "en-US", Some("lang=de")).await;
    assert_german(&chosen, &english, &german);

    // Anything but a language we speak is a field error, in the page's language.
    for bad in ["fr", "", "de;x", "<script>"] {
        let res = app
            .call(HOST_A, "set_language", Some("lang=de"), &[("lang", bad)])
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        assert!(
            res.body.contains("Wählen Sie English oder Deutsch."),
            "{}",
            res.body
        );
    }
}
both!(
    pages_follow_the_browser_then_the_switch,
    browser_language_then_switch
);

async fn users_own_language(app: &TestApp) {
    let laptop = app.sign_in(HOST_A, "sam@northwind.example").await;
    let phone = app.sign_in(HOST_A, "sam@northwind.example").await;
    let me = app
        .call(HOST_A, "get_current_user", Some(&laptop), &[])
        .await
        .json();
    assert_eq!(me["locale"], "en", "English until chosen");

    let res = app
        .call(
            HOST_A,
            "set_language",
            Some(&laptop),
            &[("lang", "de"), ("next", "/account")],
        )
        .await;
    assert!(
        res.status.is_redirection() || res.status.is_success(),
        "{}",
        res.body
    );

    // Stored for the user: another session, with an English browser and no
    // language cookie, gets German pages and German messages.
    let me = app
        .call(HOST_A, "get_current_user", Some(&phone), &[])
        .await
        .json();
    assert_eq!(me["locale"], "de");
    let account = page(app, "/account", "en-US,en", Some(&phone)).await;
    assert_eq!(account.status, StatusCode::OK);
    assert_german(
        &account,
        &["Your account", "Time zone", "Sign out"],
        &["Ihr Konto", "Zeitzone", "Abmelden", "Partner-Benutzer"],
    );
    let zone = app
        .call(
            HOST_A,
            "set_time_zone",
            Some(&phone),
            &[("zone", "Mars/Base")],
        )
        .await;
    assert_eq!(zone.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        zone.body
            .contains("Wählen Sie eine Zeitzone aus der Liste."),
        "{}",
        zone.body
    );
    let name = app
        .call(HOST_A, "rename_me", Some(&phone), &[("name", " ")])
        .await;
    assert!(
        name.body.contains("Bitte Ihren Namen eingeben."),
        "{}",
        name.body
    );
    let dashboard = page(app, "/", "en", Some(&phone)).await;
    assert!(dashboard.body.contains("Hallo, Sam"), "{}", dashboard.body);

    // Mail goes out in the recipient's language, whoever asks for it.
    let reset = app
        .call(
            HOST_A,
            "request_password_reset",
            None,
            &[("email", "sam@northwind.example")],
        )
        .await;
    assert!(
        reset.status.is_success() || reset.status.is_redirection(),
        "{}",
        reset.body
    );
    let mail = app
        .outbox()
        .into_iter()
        .rev()
        .find(|m| m.contains("To: sam@northwind.example"))
        .expect("a reset mail");
    assert!(mail.contains("Hallo Sam Rivera,"), "{mail}");
    assert!(mail.contains("jemand (hoffentlich Sie)"), "{mail}");
    assert!(!mail.contains("Someone (hopefully you)"), "{mail}");

    // Back to English.
    app.call(HOST_A, "set_language", Some(&phone), &[("lang", "en")])
        .await;
    let account = page(app, "/account", "de", Some(&laptop)).await;
    assert!(account.body.contains(r#"<html lang="en""#));
    assert!(account.body.contains("Your account"));
}
both!(a_users_language_is_their_own, users_own_language);

/// A first sign-in from a German browser keeps German for the user: pages
/// on other devices and their mails follow it.
async fn first_sign_in_keeps_the_language(app: &TestApp) {
    let req = Request::post("/api/sign_in")
        .header(header::HOST, HOST_A)
        .header(header::ORIGIN, format!("http://{HOST_A}"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json")
        .header(header::ACCEPT_LANGUAGE, "de-AT,de;q=0.9")
        .body(Body::from(common::encode_form(&[
            ("email", "olivia@northwind.example"),
            ("password", common::PASSWORD),
        ])))
        .unwrap();
    let signed_in = app.send(req).await;
    let cookie = signed_in.session_cookie().expect("signed in");
    let me = app
        .call(HOST_A, "get_current_user", Some(&cookie), &[])
        .await
        .json();
    assert_eq!(me["locale"], "de");
    // A later sign-in from an English browser does not overwrite it.
    let again = app.sign_in(HOST_A, "olivia@northwind.example").await;
    let me = app
        .call(HOST_A, "get_current_user", Some(&again), &[])
        .await
        .json();
    assert_eq!(me["locale"], "de");
}
both!(
    a_first_sign_in_keeps_the_language,
    first_sign_in_keeps_the_language
);

/// Plain routes speak the user's language too: the ledger download's
/// header row, and the message of a refused download.
async fn downloads_in_the_users_language(app: &TestApp) {
    let admin = app.sign_in(HOST_A, "admin@acme.example").await;
    app.call(HOST_A, "set_language", Some(&admin), &[("lang", "de")])
        .await;
    let csv = app.get(HOST_A, "/funds/ledger/export", Some(&admin)).await;
    assert_eq!(csv.status, StatusCode::OK, "{}", csv.body);
    assert!(
        csv.body
            .starts_with("Eintrag,Datum (UTC),Budget,Empfänger,Antrag"),
        "{}",
        csv.body
    );
    let partner = app.sign_in(HOST_A, "sam@northwind.example").await;
    app.call(HOST_A, "set_language", Some(&partner), &[("lang", "de")])
        .await;
    let refused = app
        .get(HOST_A, "/funds/ledger/export", Some(&partner))
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(refused.body, "Dazu fehlt Ihnen die Berechtigung.");
}
both!(
    downloads_speak_the_users_language,
    downloads_in_the_users_language
);

/// What a program publishes to partners in two languages: each partner
/// sees their own language's version, else the original.
async fn published_text_in_two_languages(app: &TestApp) {
    use app::types::forum::ForumPage;
    let forum = |cookie: String| async move {
        app.call(HOST_A, "get_forum", Some(&cookie), &[])
            .await
            .view::<ForumPage>()
    };
    let admin = app.sign_in(HOST_A, "admin@acme.example").await;
    let saved = app
        .call(
            HOST_A,
            "save_category",
            Some(&admin),
            &[
                ("name", "Resellers"),
                ("description", "For resellers"),
                ("visibility", "partners"),
                ("language", "en"),
                ("versions[name_de]", "Wiederverkäufer"),
                ("versions[description_de]", "Für Wiederverkäufer"),
            ],
        )
        .await;
    assert!(
        saved.status.is_success() || saved.status.is_redirection(),
        "{}",
        saved.body
    );
    let sam = app.sign_in(HOST_A, "sam@northwind.example").await;
    app.call(HOST_A, "set_language", Some(&sam), &[("lang", "de")])
        .await;
    let german = forum(sam).await;
    let names: Vec<&str> = german.categories.iter().map(|c| c.name.as_str()).collect();
    assert!(names.contains(&"Wiederverkäufer"), "{names:?}");
    assert!(
        names.contains(&"Ankündigungen"),
        "the demo's too: {names:?}"
    );
    assert!(!names.contains(&"Resellers"), "{names:?}");
    let reseller = german
        .categories
        .iter()
        .find(|c| c.name == "Wiederverkäufer")
        .unwrap();
    assert_eq!(reseller.description, "Für Wiederverkäufer");
    assert_eq!(reseller.texts, None, "partners get what they see, no more");

    let olivia = app.sign_in(HOST_A, "olivia@northwind.example").await;
    let english = forum(olivia).await;
    assert!(english.categories.iter().any(|c| c.name == "Resellers"));

    // Staff get the stored texts to change them; an over-long version is
    // named on its own field.
    let staff = forum(admin.clone()).await;
    let texts = staff
        .categories
        .iter()
        .find(|c| c.name == "Resellers")
        .and_then(|c| c.texts.clone())
        .unwrap();
    assert_eq!(texts.original("name"), "Resellers");
    assert_eq!(
        texts.translations.get(app::locale::Locale::de, "name"),
        Some("Wiederverkäufer")
    );
    let long = "x".repeat(61);
    let refused = app
        .call(
            HOST_A,
            "save_category",
            Some(&admin),
            &[
                ("name", "Distributors"),
                ("visibility", "partners"),
                ("language", "en"),
                ("versions[name_de]", &long),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains("versions[name_de]") && refused.body.contains("At most 60"),
        "{}",
        refused.body
    );
}
both!(
    published_text_is_shown_in_the_readers_language,
    published_text_in_two_languages
);

/// Dates as each language writes them, on the same page.
async fn dates_in_the_readers_language(app: &TestApp) {
    let admin = app.sign_in(HOST_A, "admin@acme.example").await;
    let res = app
        .call(
            HOST_A,
            "create_budget",
            Some(&admin),
            &[
                ("key", "dates-budget-key-0001"),
                ("name", "FY27 Q1 MDF"),
                ("kind", "marketing"),
                ("currency", "EUR"),
                ("total", "1000"),
                ("starts_on", "2027-01-01"),
                ("ends_on", "2027-03-31"),
            ],
        )
        .await;
    assert!(res.status.is_success(), "{}", res.body);
    let english = page(app, "/funds", "en", Some(&admin)).await;
    assert!(english.body.contains("1 Jan 2027"), "{}", english.body);
    assert!(english.body.contains("31 Mar 2027"));
    app.call(HOST_A, "set_language", Some(&admin), &[("lang", "de")])
        .await;
    let german = page(app, "/funds", "en", Some(&admin)).await;
    assert!(german.body.contains("01.01.2027"), "{}", german.body);
    assert!(german.body.contains("31.03.2027"));
    assert!(!german.body.contains("31 Mar 2027"));
}
both!(
    dates_are_written_as_the_reader_writes_them,
    dates_in_the_readers_language
);

/// The demo program has a German-speaking partner: German from their first
/// sign-in, whatever the browser says.
async fn demo_german_partner(app: &TestApp) {
    let lena = app.sign_in(HOST_A, "lena@nordlicht.example").await;
    let dashboard = page(app, "/", "en-US,en", Some(&lena)).await;
    assert!(dashboard.body.contains(r#"<html lang="de""#));
    assert!(dashboard.body.contains("Hallo, Lena"), "{}", dashboard.body);
}
both!(the_demo_has_a_german_partner, demo_german_partner);
