//! The signed-in shell: a top bar, navigation (a bottom tab bar on phones, a
//! side bar on wide screens) and the page. The page itself sits outside any
//! suspense boundary so it is built once per request.

use crate::api::auth::{get_current_user, SignOut};
use crate::components::nav::{Area, Group, Navigation};
use crate::components::server_form::ServerForm;
use crate::error::AppError;
use crate::resource::{page_data, PageData};
use crate::tr;
use crate::types::views::CurrentUser;
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
    // Copied here, under the router and on the render's own thread, into
    // a plain signal: the links below render in a suspense future, and a
    // memo read from futures on two server threads at once can be seen
    // clean before its value is back (a reactive_graph race that panicked).
    // On the browser an effect keeps the copy current as the user navigates.
    let location = use_location().pathname;
    let path = RwSignal::new(location.get_untracked());
    Effect::new(move || path.set(location.get()));
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
                    {move || Suspend::new(async move { me.user().await.ok().map(|user| view! { <NavLinks user path=path.read_only()/> }) })}
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
    let style =
        crate::cobrand::render::is_hex_color(&colour).then(|| format!(":root{{--brand:{colour}}}"));
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

/// The phone's tab bar (four tabs and "More") and the desktop's grouped
/// side bar. Both are plain links, and "More" is a `<details>` sheet, so the
/// navigation works before and without any code in the browser.
#[component]
fn NavLinks(user: CurrentUser, path: ReadSignal<String>) -> impl IntoView {
    let nav = Navigation::for_user(&user);
    let current = {
        let (nav, user) = (nav.clone(), user.clone());
        Signal::derive(move || nav.current(&user, &path.read()))
    };
    let link = |area: Area| {
        view! {
            <a href=area.href(&user) aria-current=move || (current.get() == Some(area)).then_some("page")>
                <svg viewBox="0 0 24 24" aria-hidden="true" width="24" height="24"><path d=area.icon() fill="currentColor"/></svg>
                <span>{area.label()}</span>
            </a>
        }
    };
    let grouped = |areas: &[Area]| {
        Group::ALL
            .into_iter()
            .filter_map(|group| {
                let members: Vec<Area> = areas.iter().copied().filter(|a| a.group() == group).collect();
                (!members.is_empty()).then(|| view! {
                    <li class="nav-group">
                        {group.label().map(|l| view! { <p class="nav-heading">{l}</p> })}
                        <ul>{members.into_iter().map(|a| view! { <li>{link(a)}</li> }).collect_view()}</ul>
                    </li>
                })
            })
            .collect_view()
    };
    let more = nav.more();
    let more_is_current = {
        let more = more.clone();
        move || current.get().is_some_and(|c| more.contains(&c))
    };
    view! {
        <ul class="tabbar">
            {nav.tabs.iter().map(|a| view! { <li>{link(*a)}</li> }).collect_view()}
            {(!more.is_empty()).then(|| view! {
                <li>
                    <details class="more">
                        <summary class:current=more_is_current>
                            <svg viewBox="0 0 24 24" aria-hidden="true" width="24" height="24"><path d="M4 6h16v2H4zm0 5h16v2H4zm0 5h16v2H4z" fill="currentColor"/></svg>
                            <span>{tr!(nav.more)}</span>
                        </summary>
                        <ul class="more-sheet">{grouped(&more)}</ul>
                    </details>
                </li>
            })}
        </ul>
        <ul class="sidebar">{grouped(&nav.all)}</ul>
    }
}
