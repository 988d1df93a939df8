use super::{StatsRow, StatusBadge};
use crate::api::campaigns::get_campaigns_page;
use crate::components::notice::LoadError;
use crate::resource::page_data;
use crate::types::campaign::{CampaignCard, CampaignsPage as Page};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn CampaignsPage() -> impl IntoView {
    let page = page_data(|| (), |_| get_campaigns_page());
    view! {
        <Title text="Campaigns"/>
        <Suspense fallback=|| view! { <p class="loading">"Loading campaigns…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Err(error) => view! { <LoadError error/> }.into_any(),
                    Ok(p) => view! { <List p/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn List(p: Page) -> impl IntoView {
    let empty = p.campaigns.is_empty();
    let partner = p.is_partner;
    view! {
        <div class="page-head">
            <h1>"Campaigns"</h1>
            {p.can_manage.then(|| view! { <a class="btn btn-primary" href="/campaigns/new">"New campaign"</a> })}
            {partner.then(|| view! { <a class="btn" href="/contacts">"Your contacts"</a> })}
        </div>
        {partner.then(|| view! {
            <p class="muted">"Ready-made campaigns from your vendor: opt in, put your brand on the material and send it to your own contacts."</p>
        })}
        {empty.then(|| view! {
            <p class="card muted">{if partner { "No campaigns for your company right now." } else { "No campaigns yet. Create the first one." }}</p>
        })}
        <ul class="campaign-list">
            {p.campaigns.into_iter().map(|c| view! { <Card c partner/> }).collect_view()}
        </ul>
    }
}

#[component]
fn Card(c: CampaignCard, partner: bool) -> impl IntoView {
    let href = format!("/campaigns/{}", c.id);
    let stats = c.stats.clone();
    let has_stats = stats.sent + stats.queued > 0;
    view! {
        <li class="card campaign-card">
            <div class="campaign-head">
                <a class="campaign-name" href=href>{c.name.clone()}</a>
                <StatusBadge status=c.status/>
                {(partner && c.joined).then(|| view! { <span class="badge badge-ok">"Opted in"</span> })}
            </div>
            <p>{c.goal.clone()}</p>
            <p class="muted">{format!("{} · {}", c.period, c.audience)}{(!partner).then(|| format!(" · {} partner(s) opted in", c.partners))}</p>
            {has_stats.then(|| view! { <StatsRow stats/> })}
        </li>
    }
}
