use super::{StatsRow, StatusBadge};
use crate::api::campaigns::get_campaigns_page;
use crate::components::notice::LoadError;
use crate::resource::page_data;
use crate::tr;
use crate::types::campaign::{CampaignCard, CampaignsPage as Page};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn CampaignsPage() -> impl IntoView {
    let page = page_data(|| (), |_| get_campaigns_page());
    view! {
        <Title text=tr!(nav.campaigns)/>
        <Suspense fallback=|| view! { <p class="loading">{tr!(campaigns.loading)}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Err(error) => view! { <LoadError error/> }.into_any(),
                    Ok(p) => view! { <List page=p/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn List(page: Page) -> impl IntoView {
    let empty = page.campaigns.is_empty();
    let partner = page.is_partner;
    view! {
        <div class="page-head">
            <h1>{tr!(nav.campaigns)}</h1>
            {page.can_manage.then(|| view! { <a class="btn btn-primary" href="/campaigns/new">{tr!(campaigns.new_campaign)}</a> })}
            {partner.then(|| view! { <a class="btn" href="/contacts">{tr!(campaigns.your_contacts)}</a> })}
        </div>
        {partner.then(|| view! {
            <p class="muted">{tr!(campaigns.list_intro)}</p>
        })}
        {empty.then(|| view! {
            <p class="card muted">{if partner { tr!(campaigns.none_for_you) } else { tr!(campaigns.none_yet) }}</p>
        })}
        <ul class="campaign-list">
            {page.campaigns.into_iter().map(|c| view! { <Card card=c partner/> }).collect_view()}
        </ul>
    }
}

#[component]
fn Card(card: CampaignCard, partner: bool) -> impl IntoView {
    let href = format!("/campaigns/{}", card.id);
    let stats = card.stats.clone();
    let has_stats = stats.sent + stats.queued > 0;
    view! {
        <li class="card campaign-card">
            <div class="campaign-head">
                <a class="campaign-name" href=href>{card.name.clone()}</a>
                <StatusBadge status=card.status/>
                {(partner && card.joined).then(|| view! { <span class="badge badge-ok">{tr!(campaigns.opted_in)}</span> })}
            </div>
            <p>{card.goal.clone()}</p>
            <p class="muted">{format!("{} · {}", card.period, card.audience)}{(!partner).then(|| format!(" · {}", tr!(campaigns.opted_in_count, count = card.partners)))}</p>
            {has_stats.then(|| view! { <StatsRow stats/> })}
        </li>
    }
}
