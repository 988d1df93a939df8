use crate::api::dashboard::get_dashboard;
use crate::api::notifications::get_needs_you;
use crate::components::avatar::Avatar;
use crate::components::layout::use_me;
use crate::components::notice::LoadError;
use crate::resource::page_data;
use crate::tr;
use crate::types::funds::FundsTotal;
use crate::types::money::Money;
use crate::types::notification::NeedsYou;
use crate::types::views::{
    Count, CurrentUser, Dashboard, PartnerDashboard, PartnerSummary, VendorDashboard,
};
use crate::types::Permission;
use crate::types::Role;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let me = use_me();
    let data = page_data(|| (), |_| get_dashboard());
    let needs_you = page_data(|| (), |_| get_needs_you());
    view! {
        <Title text=tr!(dashboard.title)/>
        <Suspense fallback=|| view! { <p class="loading">{tr!(dashboard.loading)}</p> }>
            {move || Suspend::new(async move {
                let (user, data) = (me.user().await, data.await);
                match user.and_then(|u| data.map(|d| (u, d))) {
                    Ok((user, d)) => {
                        let first = user.name.split_whitespace().next().unwrap_or(&user.name).to_owned();
                        let body = match d {
                            Dashboard::Vendor(d) => view! { <VendorHome dashboard=d user/> }.into_any(),
                            Dashboard::Partner(d) => view! { <PartnerHome dashboard=*d user/> }.into_any(),
                        };
                        // The card is a courtesy: the page stands without it.
                        let needs_you = needs_you.await.ok().map(|n| view! { <NeedsYouCard needs_you=n/> });
                        view! { <h1>{tr!(dashboard.hello, name = first).to_string()}</h1>{needs_you}{body} }.into_any()
                    }
                    Err(error) => view! { <LoadError error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// What waits for the reader, most urgent first, then the newest unread
/// notifications.
#[component]
fn NeedsYouCard(needs_you: NeedsYou) -> impl IntoView {
    if needs_you.tasks.is_empty() && needs_you.items.is_empty() {
        return ().into_any();
    }
    view! {
        <section class="card needs-you">
            <div class="page-head">
                <h2>{tr!(notify.needs_you)}</h2>
                {(needs_you.unread > 0).then(|| view! {
                    <a href="/notifications">{tr!(notify.see_all, count = needs_you.unread).to_string()}</a>
                })}
            </div>
            {(!needs_you.tasks.is_empty()).then(|| view! {
                <ul class="rows tasks" id="work">
                    {needs_you.tasks.into_iter().map(|t| view! {
                        <li class:urgent=t.urgent>
                            <a href=t.href>{t.sentence}</a>
                            {t.urgent.then(|| view! { <span class="badge badge-urgent">{tr!(work.urgent)}</span> })}
                        </li>
                    }).collect_view()}
                </ul>
            })}
            {(!needs_you.items.is_empty()).then(|| view! {
                <ul class="rows notifications">
                    {needs_you.items.into_iter().map(|n| view! {
                        <li class="unread">
                            // A server route (marks read, then redirects): a full page load.
                            <a href=n.href rel="external">{n.sentence}</a>
                            <span class="muted">{n.created_at}</span>
                        </li>
                    }).collect_view()}
                </ul>
            })}
        </section>
    }
    .into_any()
}

#[component]
fn Stat(
    #[prop(into)] label: String,
    value: u64,
    #[prop(optional_no_strip)] href: Option<String>,
) -> impl IntoView {
    let body =
        view! { <span class="stat-value">{value}</span><span class="stat-label">{label}</span> };
    match href {
        Some(href) => view! { <a class="stat" href=href>{body}</a> }.into_any(),
        None => view! { <div class="stat">{body}</div> }.into_any(),
    }
}

#[component]
fn Bars(#[prop(into)] title: String, counts: Vec<Count>) -> impl IntoView {
    let max = counts.iter().map(|c| c.count).max().unwrap_or(0).max(1);
    view! {
        <section class="card">
            <h2>{title}</h2>
            <ul class="bars">
                {counts.into_iter().map(|c| {
                    let width = format!("width: {}%", (c.count * 100 / max).max(2));
                    view! {
                        <li>
                            <span class="bar-label">{c.label}</span>
                            <span class="bar-track"><span class="bar-fill" style=width></span></span>
                            <span class="bar-count">{c.count}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
pub fn PartnerCard(partner: PartnerSummary) -> impl IntoView {
    let place = [partner.city.as_str(), partner.country.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <li class="partner-card">
            <a href=format!("/partners/{}", partner.id)>
                <Avatar name=partner.name.clone() colour=partner.brand_color.clone() logo=partner.logo_url.clone()/>
                <span class="partner-main">
                    <span class="partner-name">{partner.name.clone()}</span>
                    <span class="partner-meta">
                        {partner.partner_type.map(|t| t.name)}
                        {(!place.is_empty()).then(|| format!(" · {place}"))}
                    </span>
                    {partner.parent_name.map(|n| view! { <span class="partner-meta">{tr!(dashboard.via, name = n).to_string()}</span> })}
                </span>
                {partner.tier.map(|t| view! { <span class=format!("tier tier-{}", t.code)>{t.name}</span> })}
            </a>
        </li>
    }
}

/// Fund balances per currency, linking to the funds page.
#[component]
fn FundsCard(funds: Vec<FundsTotal>, locale: String, #[prop(into)] title: String) -> impl IntoView {
    view! {
        <section class="card">
            <h2>{title}</h2>
            {if funds.is_empty() {
                view! { <p>{tr!(dashboard.no_funds)}</p> }.into_any()
            } else {
                view! {
                    {funds.into_iter().map(|f| {
                        let m = |v: i64| Money::new(v, f.currency.clone()).format(&locale);
                        view! {
                            <dl class="balance-figures">
                                <div><dt>{tr!(dashboard.available)}</dt><dd class="big">{m(f.balances.available)}</dd></div>
                                <div><dt>{tr!(dashboard.allocated)}</dt><dd>{m(f.balances.allocated)}</dd></div>
                                <div><dt>{tr!(dashboard.reserved)}</dt><dd>{m(f.balances.reserved)}</dd></div>
                                <div><dt>{tr!(dashboard.claimed)}</dt><dd>{m(f.balances.claimed)}</dd></div>
                                <div><dt>{tr!(dashboard.paid)}</dt><dd>{m(f.balances.paid)}</dd></div>
                            </dl>
                        }
                    }).collect_view()}
                }.into_any()
            }}
            <p><a href="/funds">{tr!(dashboard.open_funds)}</a></p>
        </section>
    }
}

#[component]
fn VendorHome(dashboard: VendorDashboard, user: CurrentUser) -> impl IntoView {
    let me = user;
    let scope_note = if me.role == Role::ChannelManager {
        tr!(dashboard.assigned_partners)
    } else {
        tr!(dashboard.your_program)
    };
    let is_admin = me.role.may(Permission::ManageUsers);
    view! {
        <p class="muted">{scope_note}</p>
        <div class="stats">
            <Stat label=tr!(dashboard.partners) value=dashboard.partner_count href=Some("/partners".to_string())/>
            <Stat label=tr!(dashboard.partner_users) value=dashboard.partner_users/>
            <Stat label=tr!(dashboard.pending_invitations) value=dashboard.pending_invitations href=is_admin.then(|| "/users".to_string())/>
            <Stat label=tr!(dashboard.never_signed_in) value=dashboard.never_signed_in/>
            {(me.role != Role::ChannelManager).then(|| view! { <Stat label=tr!(dashboard.without_manager) value=dashboard.unassigned_partners/> })}
            {(dashboard.requests_waiting > 0).then(|| view! { <Stat label=tr!(dashboard.requests_to_review) value=dashboard.requests_waiting href=Some("/funds".to_string())/> })}
        </div>
        <div class="grid">
            <FundsCard funds=dashboard.funds locale=me.locale.clone() title=tr!(dashboard.mdf)/>
            <Bars title=tr!(dashboard.by_tier) counts=dashboard.by_tier/>
            <Bars title=tr!(dashboard.by_region) counts=dashboard.by_region/>
            <Bars title=tr!(dashboard.by_type) counts=dashboard.by_type/>
            <section class="card">
                <h2>{tr!(dashboard.newest_partners)}</h2>
                <ul class="partner-list">
                    {dashboard.newest_partners.into_iter().map(|p| view! { <PartnerCard partner=p/> }).collect_view()}
                </ul>
                <p><a href="/partners">{tr!(dashboard.open_directory)}</a></p>
            </section>
        </div>
    }
}

#[component]
fn PartnerHome(dashboard: PartnerDashboard, user: CurrentUser) -> impl IntoView {
    let me = user;
    let profile_href = format!("/partners/{}", dashboard.partner.id);
    view! {
        <p class="muted">{dashboard.partner.name.clone()}</p>
        <div class="stats">
            <div class="stat">
                <span class="stat-value">{dashboard.partner.tier.clone().map_or_else(|| "—".to_owned(), |t| t.name)}</span>
                <span class="stat-label">{tr!(dashboard.program_tier)}</span>
            </div>
            <Stat label=tr!(dashboard.colleagues) value=dashboard.colleagues href=me.role.may(Permission::ManageUsers).then(|| "/users".to_string())/>
            {me.role.may(Permission::ManageUsers).then(|| view! { <Stat label=tr!(dashboard.pending_invitations) value=dashboard.pending_invitations href=Some("/users".to_string())/> })}
        </div>
        <div class="grid">
            <FundsCard funds=dashboard.funds locale=me.locale.clone() title=tr!(dashboard.your_funds)/>
            <section class="card">
                <h2>{tr!(dashboard.your_manager)}</h2>
                {match dashboard.channel_manager {
                    Some(c) => view! {
                        <p><strong>{c.name}</strong></p>
                        <p><a href=format!("mailto:{}", c.email)>{c.email.clone()}</a></p>
                    }.into_any(),
                    None => view! { <p>{tr!(dashboard.no_manager)}</p> }.into_any(),
                }}
            </section>
            <section class="card">
                <h2>{tr!(dashboard.company_profile)}</h2>
                {if dashboard.profile_gaps.is_empty() {
                    view! { <p>{tr!(dashboard.profile_complete)}</p> }.into_any()
                } else {
                    view! {
                        <p>{tr!(dashboard.profile_gaps, gaps = dashboard.profile_gaps.join(", ")).to_string()}</p>
                    }.into_any()
                }}
                <p><a class="btn" href=profile_href>{tr!(dashboard.view_profile)}</a></p>
            </section>
            {dashboard.channel.map(|channel| {
                let count = if channel.total_capped {
                    tr!(partner.below_more, count = channel.total).to_string()
                } else {
                    tr!(partner.below_count, count = channel.total).to_string()
                };
                view! {
                    <section class="card">
                        <h2>{tr!(dashboard.your_channel)}</h2>
                        <p>{count}</p>
                        <ul>{channel.direct.into_iter().map(|r| view! { <li><a href=format!("/partners/{}", r.id)>{r.name}</a></li> }).collect_view()}</ul>
                        <p><a class="btn" href="/partners">{tr!(dashboard.open_channel)}</a></p>
                    </section>
                }
            })}
        </div>
    }
}
