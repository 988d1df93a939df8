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
use crate::pages::deals::{DealPage, DealsPage, EditDealPage, NamedAccountsPage, NewDealPage};
use crate::pages::forum::{
    EditPostPage, ForumPage, HistoryPage, ModerationPage, NewTopicPage, SearchPage,
    TopicPage as ForumTopicPage,
};
use crate::pages::funds::{FundsPage, NewRequestPage, RequestPage};
use crate::pages::leads::{LeadFairnessPage, LeadPage, LeadSettingsPage, LeadsPage, NewLeadPage};
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
    path, SsrMode,
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
                <meta name="theme-color" content=theme_colour()/>
                <meta name="description" content=crate::tr!(meta_description)/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <link rel="manifest" href="/manifest.webmanifest"/>
                <link rel="apple-touch-icon" href="/app-icon/192.png"/>
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

/// The program's colour for the browser's bar (checked as `#rrggbb`: it
/// lands in an attribute only, but a bad value would show as no colour).
fn theme_colour() -> String {
    #[cfg(feature = "ssr")]
    if let Ok(tenant) = crate::ssr::context::tenant() {
        if crate::cobrand::render::is_hex_color(&tenant.brand_color) {
            return tenant.brand_color;
        }
    }
    "#0b5cab".to_owned()
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

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Stylesheet id="leptos" href=format!("/pkg/prm.css?v={}", crate::boot::asset_version())/>
        <Title formatter=page_title/>
        <Router>
            <Routes fallback=NotFoundPage>
                <Route path=path!("/sign-in") view=SignInPage ssr=SsrMode::Async/>
                <Route path=path!("/forgot-password") view=ForgotPasswordPage ssr=SsrMode::Async/>
                <Route path=path!("/reset-password") view=ResetPasswordPage ssr=SsrMode::Async/>
                <Route path=path!("/invitation") view=AcceptInvitationPage ssr=SsrMode::Async/>
                <ParentRoute path=path!("") view=PortalLayout ssr=SsrMode::Async>
                    <Route path=path!("") view=DashboardPage ssr=SsrMode::Async/>
                    <Route path=path!("partners") view=PartnersPage ssr=SsrMode::Async/>
                    <Route path=path!("partners/:id") view=PartnerPage ssr=SsrMode::Async/>
                    <Route path=path!("users") view=UsersPage ssr=SsrMode::Async/>
                    <Route path=path!("account") view=AccountPage ssr=SsrMode::Async/>
                    <Route path=path!("products") view=ProductsPage ssr=SsrMode::Async/>
                    <Route path=path!("products/new") view=NewProductPage ssr=SsrMode::Async/>
                    <Route path=path!("products/:id") view=EditProductPage ssr=SsrMode::Async/>
                    <Route path=path!("tiers") view=TiersPage ssr=SsrMode::Async/>
                    <Route path=path!("background-work") view=BackgroundWorkPage ssr=SsrMode::Async/>
                    <Route path=path!("funds") view=FundsPage ssr=SsrMode::Async/>
                    <Route path=path!("deals") view=DealsPage ssr=SsrMode::Async/>
                    <Route path=path!("deals/new") view=NewDealPage ssr=SsrMode::Async/>
                    <Route path=path!("deals/accounts") view=NamedAccountsPage ssr=SsrMode::Async/>
                    <Route path=path!("deals/:id") view=DealPage ssr=SsrMode::Async/>
                    <Route path=path!("deals/:id/edit") view=EditDealPage ssr=SsrMode::Async/>
                    <Route path=path!("leads") view=LeadsPage ssr=SsrMode::Async/>
                    <Route path=path!("leads/new") view=NewLeadPage ssr=SsrMode::Async/>
                    <Route path=path!("leads/fairness") view=LeadFairnessPage ssr=SsrMode::Async/>
                    <Route path=path!("leads/settings") view=LeadSettingsPage ssr=SsrMode::Async/>
                    <Route path=path!("leads/:id") view=LeadPage ssr=SsrMode::Async/>
                    <Route path=path!("cobrand") view=CobrandPage ssr=SsrMode::Async/>
                    <Route path=path!("cobrand/templates/new") view=NewTemplatePage ssr=SsrMode::Async/>
                    <Route path=path!("cobrand/templates/:id") view=TemplatePage ssr=SsrMode::Async/>
                    <Route path=path!("cobrand/templates/:id/customise") view=NewDesignPage ssr=SsrMode::Async/>
                    <Route path=path!("cobrand/designs/:id") view=DesignPage ssr=SsrMode::Async/>
                    <Route path=path!("campaigns") view=CampaignsPage ssr=SsrMode::Async/>
                    <Route path=path!("campaigns/new") view=NewCampaignPage ssr=SsrMode::Async/>
                    <Route path=path!("campaigns/:id") view=CampaignPage ssr=SsrMode::Async/>
                    <Route path=path!("campaigns/:id/edit") view=EditCampaignPage ssr=SsrMode::Async/>
                    <Route path=path!("contacts") view=ContactsPage ssr=SsrMode::Async/>
                    <Route path=path!("forum") view=ForumPage ssr=SsrMode::Async/>
                    <Route path=path!("forum/new") view=NewTopicPage ssr=SsrMode::Async/>
                    <Route path=path!("forum/search") view=SearchPage ssr=SsrMode::Async/>
                    <Route path=path!("notifications") view=NotificationsPage ssr=SsrMode::Async/>
                    // Where the forum kept them; mails already sent link here.
                    <Route path=path!("forum/notifications") view=|| view! { <Redirect path="/notifications"/> } ssr=SsrMode::Async/>
                    <Route path=path!("forum/moderation") view=ModerationPage ssr=SsrMode::Async/>
                    <Route path=path!("forum/topics/:id") view=ForumTopicPage ssr=SsrMode::Async/>
                    <Route path=path!("forum/posts/:id/edit") view=EditPostPage ssr=SsrMode::Async/>
                    <Route path=path!("forum/posts/:id/history") view=HistoryPage ssr=SsrMode::Async/>
                    <Route path=path!("revenue") view=RevenuePage ssr=SsrMode::Async/>
                    <Route path=path!("funds/requests/new") view=NewRequestPage ssr=SsrMode::Async/>
                    <Route path=path!("funds/requests/:id") view=RequestPage ssr=SsrMode::Async/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}
