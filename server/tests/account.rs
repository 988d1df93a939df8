//! A user's own account: name and password.

// A test's unwrap is its assertion: a failure names the line.
#![allow(clippy::unwrap_used)]

mod common;

use axum::http::StatusCode;
use common::{TestApp, HOST_A, PASSWORD};

async fn own_account(app: &TestApp) {
    let laptop = app.sign_in(HOST_A, "sam@northwind.example").await;
    let phone = app.sign_in(HOST_A, "sam@northwind.example").await;
    let page = app.get(HOST_A, "/account", Some(&laptop)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Your account"));

    let empty = app
        .call(HOST_A, "rename_me", Some(&laptop), &[("name", "  ")])
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(app
        .call(
            HOST_A,
            "rename_me",
            Some(&laptop),
            &[("name", "Samuel Rivera")]
        )
        .await
        .status
        .is_success());
    assert_eq!(
        app.call(HOST_A, "get_current_user", Some(&phone), &[])
            .await
            .json()["name"],
        "Samuel Rivera"
    );

    // Time zone: only names from the list; UTC until chosen.
    let me = app
        .call(HOST_A, "get_current_user", Some(&laptop), &[])
        .await
        .json();
    assert_eq!(me["time_zone"], "UTC");
    let zones = app
        .call(HOST_A, "list_time_zones", Some(&laptop), &[])
        .await
        .json();
    assert_eq!(zones[0], "UTC");
    assert!(zones
        .as_array()
        .unwrap()
        .iter()
        .any(|z| z == "Asia/Kolkata"));
    for bad in ["Mars/Olympus_Mons", "Etc/GMT+5", ""] {
        let res = app
            .call(HOST_A, "set_time_zone", Some(&laptop), &[("zone", bad)])
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        assert!(res.body.contains("Choose a time zone from the list."));
    }
    let res = app
        .call(
            HOST_A,
            "set_time_zone",
            Some(&laptop),
            &[("zone", "Asia/Kolkata")],
        )
        .await;
    assert!(
        res.status.is_success() || res.status.is_redirection(),
        "{}",
        res.body
    );
    let me = app
        .call(HOST_A, "get_current_user", Some(&phone), &[])
        .await
        .json();
    assert_eq!(me["time_zone"], "Asia/Kolkata", "every session sees it");
    let page = app.get(HOST_A, "/account", Some(&laptop)).await;
    assert!(
        page.body
            .contains(r#"<option value="Asia/Kolkata" selected"#),
        "chosen zone preselected"
    );

    let wrong = app
        .call(
            HOST_A,
            "change_my_password",
            Some(&laptop),
            &[
                ("current", "nope"),
                ("password", "brand new password"),
                ("confirm", "brand new password"),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        wrong.body.contains("not your current password"),
        "{}",
        wrong.body
    );
    let short = app
        .call(
            HOST_A,
            "change_my_password",
            Some(&laptop),
            &[
                ("current", PASSWORD),
                ("password", "short"),
                ("confirm", "short"),
            ],
        )
        .await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    let ok = app
        .call(
            HOST_A,
            "change_my_password",
            Some(&laptop),
            &[
                ("current", PASSWORD),
                ("password", "brand new password"),
                ("confirm", "brand new password"),
            ],
        )
        .await;
    assert!(ok.status.is_success(), "{}", ok.body);
    assert_eq!(
        app.get(HOST_A, "/", Some(&laptop)).await.status,
        StatusCode::OK,
        "this session stays"
    );
    assert!(
        app.get(HOST_A, "/", Some(&phone))
            .await
            .status
            .is_redirection(),
        "other sessions end"
    );
    let old = app
        .call(
            HOST_A,
            "sign_in",
            None,
            &[("email", "sam@northwind.example"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(old.status, StatusCode::UNPROCESSABLE_ENTITY);
    let new = app
        .call(
            HOST_A,
            "sign_in",
            None,
            &[
                ("email", "sam@northwind.example"),
                ("password", "brand new password"),
            ],
        )
        .await;
    assert!(new.session_cookie().is_some());
    assert_eq!(
        app.call(HOST_A, "rename_me", None, &[("name", "x")])
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
}
both!(own_account_name_and_password, own_account);
