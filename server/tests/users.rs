//! Invitations (vendor admin invites partner admins, partner admins invite
//! colleagues) and deactivation.

// A test's unwrap is its assertion: a failure names the line.
#![allow(clippy::unwrap_used)]

mod common;

use axum::http::StatusCode;
use common::{TestApp, HOST_A};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

async fn org_id(app: &TestApp, name: &str) -> String {
    use app::ssr::entities::organization;
    organization::Entity::find()
        .filter(organization::Column::Name.eq(name))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id
        .to_string()
}

async fn invitation_lifecycle(app: &TestApp) {
    let admin = app.sign_in(HOST_A, "admin@acme.example").await;
    let lumen = org_id(app, "Lumen Logic").await;

    let bad = app
        .call(
            HOST_A,
            "invite_user",
            Some(&admin),
            &[
                ("organization_id", &lumen),
                ("email", "nope"),
                ("role", "finance"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let text = bad.json().to_string();
    assert!(
        text.contains("Enter an email address") && text.contains("Choose a role"),
        "vendor roles are not for partner companies: {text}"
    );
    let taken = app
        .call(
            HOST_A,
            "invite_user",
            Some(&admin),
            &[
                ("organization_id", &lumen),
                ("email", "claire@lumenlogic.example"),
                ("role", "partner_user"),
            ],
        )
        .await;
    assert!(
        taken.body.contains("already has an account"),
        "{}",
        taken.body
    );

    let ok = app
        .call(
            HOST_A,
            "invite_user",
            Some(&admin),
            &[
                ("organization_id", &lumen),
                ("email", "Noah@LumenLogic.example"),
                ("role", "partner_admin"),
            ],
        )
        .await;
    assert!(ok.status.is_success(), "{}", ok.body);
    let token = app.mailed_token("noah@lumenlogic.example", "/invitation");
    let info = app
        .call(HOST_A, "get_invitation", None, &[("token", &token)])
        .await
        .json();
    assert_eq!(info["organization_name"], "Lumen Logic");
    assert_eq!(info["role"], "PartnerAdmin");
    let page = app
        .get(HOST_A, &format!("/invitation?token={token}"), None)
        .await;
    assert!(
        page.body.contains("Lumen Logic"),
        "the invitation page renders without JavaScript"
    );

    let mismatch = app
        .call(
            HOST_A,
            "accept_invitation",
            None,
            &[
                ("token", &token),
                ("name", "Noah"),
                ("password", "long enough pw"),
                ("confirm", "different pw!!"),
            ],
        )
        .await;
    assert_eq!(mismatch.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(mismatch.body.contains("Noah"), "name is kept");
    let accepted = app
        .call(
            HOST_A,
            "accept_invitation",
            None,
            &[
                ("token", &token),
                ("name", "Noah Petit"),
                ("password", "long enough pw"),
                ("confirm", "long enough pw"),
            ],
        )
        .await;
    assert!(accepted.status.is_success(), "{}", accepted.body);
    let noah = accepted.session_cookie().expect("signed in on acceptance");
    let home = app.get(HOST_A, "/", Some(&noah)).await;
    assert!(home.body.contains("Hello, Noah"));
    let reuse = app
        .call(
            HOST_A,
            "accept_invitation",
            None,
            &[
                ("token", &token),
                ("name", "Eve"),
                ("password", "long enough pw"),
                ("confirm", "long enough pw"),
            ],
        )
        .await;
    assert_eq!(
        reuse.status,
        StatusCode::CONFLICT,
        "an invitation works once"
    );

    // The new partner admin invites a colleague, only into their own company.
    let own = app
        .call(
            HOST_A,
            "invite_user",
            Some(&noah),
            &[
                ("organization_id", &lumen),
                ("email", "zoe@lumenlogic.example"),
                ("role", "partner_user"),
            ],
        )
        .await;
    assert!(own.status.is_success(), "{}", own.body);
    let northwind = org_id(app, "Northwind Systems").await;
    let other = app
        .call(
            HOST_A,
            "invite_user",
            Some(&noah),
            &[
                ("organization_id", &northwind),
                ("email", "x@northwind.example"),
                ("role", "partner_user"),
            ],
        )
        .await;
    assert_eq!(other.status, StatusCode::UNPROCESSABLE_ENTITY);
    let vendor_role = app
        .call(
            HOST_A,
            "invite_user",
            Some(&noah),
            &[
                ("organization_id", &lumen),
                ("email", "y@lumenlogic.example"),
                ("role", "vendor_admin"),
            ],
        )
        .await;
    assert_eq!(vendor_role.status, StatusCode::UNPROCESSABLE_ENTITY);
    let sam = app.sign_in(HOST_A, "sam@northwind.example").await;
    let user_invites = app
        .call(
            HOST_A,
            "invite_user",
            Some(&sam),
            &[
                ("organization_id", &northwind),
                ("email", "z@northwind.example"),
                ("role", "partner_user"),
            ],
        )
        .await;
    assert_eq!(user_invites.status, StatusCode::FORBIDDEN);

    // Revoking makes the link useless.
    let view = app
        .call(HOST_A, "list_users", Some(&noah), &[])
        .await
        .json();
    let pending = view["invitations"].as_array().unwrap();
    assert_eq!(pending.len(), 1);
    let zoe_token = app.mailed_token("zoe@lumenlogic.example", "/invitation");
    let id = pending[0]["id"].to_string();
    assert!(app
        .call(HOST_A, "revoke_invitation", Some(&noah), &[("id", &id)])
        .await
        .status
        .is_success());
    assert_eq!(
        app.call(HOST_A, "get_invitation", None, &[("token", &zoe_token)])
            .await
            .status,
        StatusCode::CONFLICT
    );
}
both!(invitation_lifecycle_test, invitation_lifecycle);

async fn deactivation_ends_sessions(app: &TestApp) {
    use app::ssr::entities::user;
    let sam_id = user::Entity::find()
        .filter(user::Column::Email.eq("sam@northwind.example"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let sam = app.sign_in(HOST_A, "sam@northwind.example").await;
    let olivia = app.sign_in(HOST_A, "olivia@northwind.example").await;
    let me = user::Entity::find()
        .filter(user::Column::Email.eq("olivia@northwind.example"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let own = app
        .call(
            HOST_A,
            "set_user_active",
            Some(&olivia),
            &[("id", &me.to_string()), ("active", "false")],
        )
        .await;
    assert_eq!(own.status, StatusCode::CONFLICT, "no locking yourself out");
    let res = app
        .call(
            HOST_A,
            "set_user_active",
            Some(&olivia),
            &[("id", &sam_id.to_string()), ("active", "false")],
        )
        .await;
    assert!(res.status.is_success(), "{}", res.body);
    assert!(app
        .get(HOST_A, "/", Some(&sam))
        .await
        .status
        .is_redirection());
    let again = app
        .call(
            HOST_A,
            "sign_in",
            None,
            &[
                ("email", "sam@northwind.example"),
                ("password", common::PASSWORD),
            ],
        )
        .await;
    assert!(again.body.contains("deactivated"), "{}", again.body);
    // Another company's admin cannot touch Sam.
    let priya = app.sign_in(HOST_A, "priya@harborit.example").await;
    let foreign = app
        .call(
            HOST_A,
            "set_user_active",
            Some(&priya),
            &[("id", &sam_id.to_string()), ("active", "true")],
        )
        .await;
    assert_eq!(foreign.status, StatusCode::NOT_FOUND);
    assert!(app
        .call(
            HOST_A,
            "set_user_active",
            Some(&olivia),
            &[("id", &sam_id.to_string()), ("active", "true")]
        )
        .await
        .status
        .is_success());
    app.sign_in(HOST_A, "sam@northwind.example").await;
}
both!(deactivation_ends_sessions_test, deactivation_ends_sessions);
