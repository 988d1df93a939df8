//! The signed-in shell: a top bar, navigation (a bottom tab bar on phones, a
//! side bar on wide screens) and the page. The page itself sits outside any
//! suspense boundary so it is built once per request.

use crate::api::auth::{get_current_user, SignOut};
use crate::components::server_form::ServerForm;
use crate::error::AppError;
use crate::resource::{page_data, PageData};
use crate::tr;
use crate::types::views::CurrentUser;
use crate::types::OrgKind;
use crate::types::Permission;
use leptos::prelude::*;
use leptos_router::components::{Outlet, Redirect};
use leptos_router::hooks::use_location;

/// The signed-in user, loaded once by the layout and shared with pages.
#[derive(Clone, Copy)]
pub struct Me(PageData<Result<Option<CurrentUser>, AppError>>);

impl Me {
    pub async fn user(self) -> Result<CurrentUser, AppError> {
        self.0
            .await
            .and_then(|u| u.ok_or(AppError::Unauthenticated))
    }
}

pub fn use_me() -> Me {
    expect_context::<Me>()
}

#[component]
pub fn PortalLayout() -> impl IntoView {
    let me = Me(page_data(|| (), |_| get_current_user()));
    provide_context(me);
    let sign_out = ServerAction::<SignOut>::new();
    // Read here, under the router: the links below render inside a
    // suspense, whose future may run where the router's context is not.
    let path = use_location().pathname;
    view! {
        <div class="app">
            <a class="skip-link" href="#main">{tr!(common.skip)}</a>
            <header class="topbar">
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        match me.user().await {
                            Ok(user) => {
                                reload_if_language_differs(&user.locale);
                                view! { <Identity user/> }.into_any()
                            }
                            Err(AppError::Unauthenticated) => view! { <Redirect path="/sign-in"/> }.into_any(),
                            Err(_) => ().into_any(),
                        }
                    })}
                </Suspense>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        me.user().await.ok().map(|user| view! { <Bell unread=user.unread_notifications/> })
                    })}
                </Suspense>
                <a class="btn btn-quiet account-link" href="/account">{tr!(common.account)}</a>
                <ServerForm action=sign_out attr:class="signout">
                    <button type="submit" class="btn btn-quiet">{tr!(common.sign_out)}</button>
                </ServerForm>
            </header>
            <nav class="mainnav" aria-label=tr!(common.main_nav)>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move { me.user().await.ok().map(|user| view! { <NavLinks user path/> }) })}
                </Suspense>
            </nav>
            <main id="main" class="page" tabindex="-1">
                <Outlet/>
            </main>
        </div>
    }
}

/// Strings are rendered once per page load, so when the signed-in user's
/// language is not the page's (they signed in from a page in another
/// language), the page loads again in theirs.
fn reload_if_language_differs(code: &str) {
    #[cfg(feature = "hydrate")]
    if code != crate::locale::current_code() {
        let _ = window().location().reload();
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = code;
}

/// Link to the notifications with the unread count.
#[component]
fn Bell(unread: u64) -> impl IntoView {
    let label = match unread {
        0 => tr!(common.notifications).to_owned(),
        n => tr!(common.notifications_unread, count = n).to_string(),
    };
    view! {
        <a class="btn btn-quiet bell" href="/notifications" aria-label=label>
            <svg viewBox="0 0 24 24" aria-hidden="true" width="22" height="22"><path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1z"/></svg>
            {(unread > 0).then(|| view! { <span class="bell-count">{if unread > 99 { "99+".to_owned() } else { unread.to_string() }}</span> })}
        </a>
    }
}

/// Program name, brand colour and who is signed in.
#[component]
fn Identity(user: CurrentUser) -> impl IntoView {
    // The colour was validated as #rrggbb when stored; checked again here
    // because it lands in a style element.
    let colour = user.brand_color.clone();
    let safe = colour.len() == 7
        && colour.starts_with('#')
        && colour[1..].chars().all(|c| c.is_ascii_hexdigit());
    let style = safe.then(|| format!(":root{{--brand:{colour}}}"));
    view! {
        {style.map(|s| view! { <style>{s}</style> })}
        <a class="brand" href="/">
            <span class="brand-mark" aria-hidden="true"></span>
            <span>{user.tenant_name.clone()}</span>
        </a>
        <div class="whoami">
            <span class="whoami-name">{user.name.clone()}</span>
            <span class="whoami-role">{tr!(common.who, role = user.role.label(), organization = user.organization_name.clone()).to_string()}</span>
        </div>
    }
}

struct NavItem {
    href: String,
    label: &'static str,
    icon: &'static str,
}

fn nav_items(user: &CurrentUser) -> Vec<NavItem> {
    let mut items = vec![NavItem {
        href: "/".into(),
        label: tr!(nav.home),
        icon: "M3 11l9-7 9 7v9a1 1 0 0 1-1 1h-5v-6H9v6H4a1 1 0 0 1-1-1z",
    }];
    if user.org_kind == OrgKind::Vendor {
        items.push(NavItem { href: "/partners".into(), label: tr!(nav.partners), icon: "M7 11a4 4 0 1 1 0-8 4 4 0 0 1 0 8zm10 0a3 3 0 1 1 0-6 3 3 0 0 1 0 6zM1 21v-2a6 6 0 0 1 12 0v2zm14 0v-2a6 6 0 0 0-1.5-4A5 5 0 0 1 23 19v2z" });
    } else {
        items.push(NavItem { href: format!("/partners/{}", user.organization_id), label: tr!(nav.company), icon: "M4 21V5a2 2 0 0 1 2-2h8a2 2 0 0 1 2 2v4h2a2 2 0 0 1 2 2v10zm4-14v2h2V7zm0 4v2h2v-2zm0 4v2h2v-2zm4-8v2h2V7zm0 4v2h2v-2z" });
    }
    items.push(NavItem {
        href: "/cobrand".into(),
        label: tr!(nav.marketing),
        icon: "M4 4h16v12H5.2L4 17.2zm2 3v2h12V7zm0 4v2h8v-2zM3 20h18v2H3z",
    });
    items.push(NavItem {
        href: "/campaigns".into(),
        label: tr!(nav.campaigns),
        icon: "M3 10v4a1 1 0 0 0 1 1h2l5 4V5L6 9H4a1 1 0 0 0-1 1zm10-4.5v13l8 3.5V2z",
    });
    items.push(NavItem {
        href: "/forum".into(),
        label: tr!(nav.community),
        icon: "M4 3h16a1 1 0 0 1 1 1v11a1 1 0 0 1-1 1H9l-5 4v-4H4a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1zm3 4v2h10V7zm0 4v2h7v-2z",
    });
    items.push(NavItem {
        href: "/funds".into(),
        label: tr!(nav.funds),
        icon: "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm1 15.9V19h-2v-1.1c-1.7-.3-3-1.4-3.1-3h2c.1.8.9 1.4 2.1 1.4 1.3 0 2-.6 2-1.3 0-.8-.6-1.2-2.4-1.6-2.2-.5-3.4-1.3-3.4-3 0-1.5 1.1-2.5 2.8-2.8V6.5h2v1.1c1.6.3 2.6 1.4 2.7 2.8h-2c-.1-.7-.7-1.2-1.7-1.2-1.1 0-1.7.5-1.7 1.2 0 .7.6 1 2.3 1.4 2.2.5 3.5 1.3 3.5 3.1 0 1.6-1.2 2.7-3.1 3z",
    });
    if user.role.may(Permission::ManageUsers) {
        items.push(NavItem {
            href: "/users".into(),
            label: tr!(nav.users),
            icon: "M12 12a5 5 0 1 1 0-10 5 5 0 0 1 0 10zm-9 10v-2a7 7 0 0 1 7-7h4a7 7 0 0 1 7 7v2z",
        });
    }
    items
}

/// Plain links (the router still takes their clicks), marked as the current
/// area from the path.
#[component]
fn NavLinks(user: CurrentUser, path: Memo<String>) -> impl IntoView {
    let links = nav_items(&user)
        .into_iter()
        .map(|item| {
            let href = item.href.clone();
            let current = move || is_current_area(&path.read(), &href).then_some("page");
            view! {
                <li>
                    <a href=item.href aria-current=current>
                        <svg viewBox="0 0 24 24" aria-hidden="true" width="24" height="24"><path d=item.icon fill="currentColor"/></svg>
                        <span>{item.label}</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    view! { <ul>{links}</ul> }
}

/// Whether `path` is the page `href` names or one below it; home only for
/// itself.
fn is_current_area(path: &str, href: &str) -> bool {
    match path.strip_prefix(href) {
        Some(rest) => rest.is_empty() || (href != "/" && rest.starts_with('/')),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::is_current_area;

    #[test]
    fn marks_the_area_of_the_path() {
        assert!(is_current_area("/", "/"));
        assert!(!is_current_area("/forum", "/"));
        assert!(is_current_area("/forum", "/forum"));
        assert!(is_current_area("/forum/topics/7", "/forum"));
        assert!(!is_current_area("/forums", "/forum"));
        assert!(!is_current_area("/partners/4", "/partners/41"));
        assert!(is_current_area("/partners/41/edit", "/partners/41"));
    }
}
