//! The HTML shell and the route table.

use crate::boot::Boot;
use crate::components::layout::PortalLayout;
use crate::pages::account::AccountPage;
use crate::pages::background_work::BackgroundWorkPage;
use crate::pages::campaigns::{
    CampaignPage, CampaignsPage, ContactsPage, EditCampaignPage, NewCampaignPage,
};
use crate::pages::cobrand::{
    CobrandPage, DesignPage, NewDesignPage, NewTemplatePage, TemplatePage,
};
use crate::pages::forum::{
    EditPostPage, ForumPage, HistoryPage, ModerationPage, NewTopicPage, SearchPage,
    TopicPage as ForumTopicPage,
};
use crate::pages::funds::{FundsPage, NewRequestPage, RequestPage};
use crate::pages::products::{EditProductPage, NewProductPage, ProductsPage};
use crate::pages::{
    accept_invitation::AcceptInvitationPage, dashboard::DashboardPage,
    forgot_password::ForgotPasswordPage, not_found::NotFoundPage, notifications::NotificationsPage,
    partner::PartnerPage, partners::PartnersPage, reset_password::ResetPasswordPage,
    revenue::RevenuePage, sign_in::SignInPage, tiers::TiersPage, users::UsersPage,
};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::{
    components::{ParentRoute, Redirect, Route, Router, Routes},
    path, Lazy, LazyRoute, SsrMode,
};

pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::ssr::csp::apply();
    // Resolved once per request; pages read it from context, the browser
    // from `<html lang>`.
    let locale = crate::locale::current();
    provide_context(locale);
    view! {
        <!DOCTYPE html>
        <html lang=crate::locale::code_of(locale)>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#0b5cab"/>
                <meta name="description" content=crate::tr!(meta_description)/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <AutoReload options=options.clone()/>
                <Boot options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// "<page> · Partner portal"; a title that already ends so stays as it is.
fn page_title(title: String) -> String {
    let suffix = crate::tr!(portal);
    if title.is_empty() || title == suffix {
        suffix.to_owned()
    } else if title.ends_with(&format!(" · {suffix}")) {
        title
    } else {
        format!("{title} · {suffix}")
    }
}

/// The title the server rendered, kept while a lazily loaded page hydrates
/// (its own `<Title>` only runs once its code has arrived; until then the
/// document would have an empty title).
fn server_title() -> String {
    if cfg!(feature = "hydrate") {
        document().title()
    } else {
        String::new()
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Stylesheet id="leptos" href="/pkg/prm.css"/>
        <Title formatter=page_title text=server_title()/>
        <Router>
            <Routes fallback=NotFoundPage>
                <Route path=path!("/sign-in") view=SignInPage ssr=SsrMode::Async/>
                <Route path=path!("/forgot-password") view=ForgotPasswordPage ssr=SsrMode::Async/>
                <Route path=path!("/reset-password") view=ResetPasswordPage ssr=SsrMode::Async/>
                <Route path=path!("/invitation") view=AcceptInvitationPage ssr=SsrMode::Async/>
                <ParentRoute path=path!("") view=PortalLayout ssr=SsrMode::Async>
                    <Route path=path!("") view=DashboardPage ssr=SsrMode::Async/>
                    <Route path=path!("partners") view={Lazy::<PartnersRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("partners/:id") view={Lazy::<PartnerRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("users") view={Lazy::<UsersRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("account") view={Lazy::<AccountRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("products") view={Lazy::<ProductsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("products/new") view={Lazy::<NewProductRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("products/:id") view={Lazy::<EditProductRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("tiers") view={Lazy::<TiersRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("background-work") view={Lazy::<BackgroundWorkRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("funds") view={Lazy::<FundsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("cobrand") view={Lazy::<CobrandRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("cobrand/templates/new") view={Lazy::<NewTemplateRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("cobrand/templates/:id") view={Lazy::<TemplateRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("cobrand/templates/:id/customise") view={Lazy::<NewDesignRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("cobrand/designs/:id") view={Lazy::<DesignRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("campaigns") view={Lazy::<CampaignsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("campaigns/new") view={Lazy::<NewCampaignRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("campaigns/:id") view={Lazy::<CampaignRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("campaigns/:id/edit") view={Lazy::<EditCampaignRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("contacts") view={Lazy::<ContactsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("forum") view={Lazy::<ForumRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("forum/new") view={Lazy::<NewTopicRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("forum/search") view={Lazy::<SearchRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("notifications") view={Lazy::<NotificationsRoute>::new()} ssr=SsrMode::Async/>
                    // Where the forum kept them; mails already sent link here.
                    <Route path=path!("forum/notifications") view=|| view! { <Redirect path="/notifications"/> } ssr=SsrMode::Async/>
                    <Route path=path!("forum/moderation") view={Lazy::<ModerationRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("forum/topics/:id") view={Lazy::<ForumTopicRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("forum/posts/:id/edit") view={Lazy::<EditPostRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("forum/posts/:id/history") view={Lazy::<HistoryRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("revenue") view={Lazy::<RevenueRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("funds/requests/new") view={Lazy::<NewRequestRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("funds/requests/:id") view={Lazy::<RequestRoute>::new()} ssr=SsrMode::Async/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}

// Code splitting (`cargo leptos build --split`): each area's pages are one
// lazily loaded wasm module, fetched when one of them is first shown (on a full
// page load, before hydrating it), so a phone downloads the code of the areas
// it opens, not of the whole portal. One module per area rather than per page
// keeps the shared code in a few chunks instead of hundreds of tiny ones. On
// the server and in unsplit builds these render like plain routes.

/// Declares an area: an enum naming its pages, one lazily loaded function
/// rendering any of them (`#[lazy]` also defines its chunk loader, named
/// `__preload_<function>`), and a route type per page that calls it.
macro_rules! lazy_area {
    ($area:ident, $preload:ident, $pages:ident { $($route:ident => $page:ident),+ $(,)? }) => {
        // Variants share their route type's name (and so its "Route" ending).
        #[allow(clippy::enum_variant_names)]
        #[derive(Clone, Copy)]
        enum $pages {
            $($route),+
        }

        #[cfg(not(feature = "islands"))]
        #[lazy]
        fn $area(page: $pages) -> AnyView {
            match page {
                $($pages::$route => view! { <$page/> }.into_any()),+
            }
        }

        // Islands hydrate no page, so no area is a chunk: a split point
        // would keep every page's code in the bundle.
        #[cfg(feature = "islands")]
        async fn $area(page: $pages) -> AnyView {
            match page {
                $($pages::$route => view! { <$page/> }.into_any()),+
            }
        }

        $(
            pub struct $route;

            impl LazyRoute for $route {
                fn data() -> Self {
                    $route
                }

                async fn view(_this: Self) -> AnyView {
                    $area($pages::$route).await
                }

                // Hydration loads the chunk first, so the server's HTML is
                // hydrated in place rather than rendered again.
                async fn preload() {
                    #[cfg(all(target_arch = "wasm32", not(feature = "islands")))]
                    $preload().await;
                }
            }
        )+
    };
}

lazy_area!(people_area, __preload_people_area, PeoplePage {
    PartnersRoute => PartnersPage,
    PartnerRoute => PartnerPage,
    UsersRoute => UsersPage,
    AccountRoute => AccountPage,
});

// The program's set-up and machinery, for vendor staff. Its own area: with a fifth
// page in the people area, wasm-split kept every area's static data in the
// main module (+34 KB brotli on every first load; docs/performance.md).
lazy_area!(admin_area, __preload_admin_area, AdminPage {
    TiersRoute => TiersPage,
    BackgroundWorkRoute => BackgroundWorkPage,
});

// The product catalogue: read by everyone, kept by vendor staff.
lazy_area!(catalogue_area, __preload_catalogue_area, CataloguePage {
    ProductsRoute => ProductsPage,
    NewProductRoute => NewProductPage,
    EditProductRoute => EditProductPage,
});

lazy_area!(funds_area, __preload_funds_area, FundsPage {
    FundsRoute => FundsPage,
    NewRequestRoute => NewRequestPage,
    RequestRoute => RequestPage,
    RevenueRoute => RevenuePage,
});

lazy_area!(cobrand_area, __preload_cobrand_area, CobrandPage {
    CobrandRoute => CobrandPage,
    NewTemplateRoute => NewTemplatePage,
    TemplateRoute => TemplatePage,
    NewDesignRoute => NewDesignPage,
    DesignRoute => DesignPage,
});

lazy_area!(campaigns_area, __preload_campaigns_area, CampaignsPage {
    CampaignsRoute => CampaignsPage,
    NewCampaignRoute => NewCampaignPage,
    CampaignRoute => CampaignPage,
    EditCampaignRoute => EditCampaignPage,
    ContactsRoute => ContactsPage,
});

lazy_area!(forum_area, __preload_forum_area, ForumPage {
    ForumRoute => ForumPage,
    NewTopicRoute => NewTopicPage,
    SearchRoute => SearchPage,
    NotificationsRoute => NotificationsPage,
    ModerationRoute => ModerationPage,
    ForumTopicRoute => ForumTopicPage,
    EditPostRoute => EditPostPage,
    HistoryRoute => HistoryPage,
});
