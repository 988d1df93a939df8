//! The campaign page: vendor staff see the campaign and its results; a
//! partner opts in, co-brands the assets, sends the e-mail and follows how
//! it does, and can ask for funds for it.

use super::chart::ActivityChart;
use super::{StatsRow, StatusBadge};
use crate::api::campaigns::{
    get_campaign, CancelSend, ChangeCampaignStatus, JoinCampaign, SendCampaign,
};
use crate::components::field::TextField;
use crate::components::notice::{FormError, LoadError, Success};
use crate::components::server_form::ServerForm;
use crate::error::AppError;
use crate::pages::{action_error, field_error};
use crate::resource::page_data;
use crate::tr;
use crate::types::campaign::{CampaignAsset, CampaignDetail, CampaignStatus, SendStats, SendView};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn CampaignPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.read().get("id").and_then(|v| v.parse::<i64>().ok());
    let detail = page_data(
        move || (id(), query.read().to_query_string()),
        move |(id, _)| {
            let partner = query
                .read_untracked()
                .get("partner")
                .and_then(|p| p.parse::<i64>().ok());
            async move {
                match id {
                    Some(id) => get_campaign(id, partner).await,
                    None => Err(AppError::NotFound),
                }
            }
        },
    );
    let q = move |key: &'static str| query.read().get(key);
    let saved =
        move |what: &'static str| Signal::derive(move || q("saved").as_deref() == Some(what));
    let queued = Signal::derive(move || q("queued").unwrap_or_default());
    let already = Signal::derive(move || q("already").filter(|a| a != "0"));
    view! {
        <Suspense fallback=|| view! { <p class="loading">{tr!(campaigns.loading_campaign)}</p> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Err(error) => view! { <Title text=tr!(campaigns.campaign)/><LoadError error/> }.into_any(),
                    Ok(d) => view! {
                        <Title text=d.card.name.clone()/>
                        <Success show=saved("1") text=tr!(campaigns.saved)/>
                        <Success show=saved("publish") text=tr!(campaigns.published)/>
                        <Success show=saved("pause") text=tr!(campaigns.paused)/>
                        <Success show=saved("resume") text=tr!(campaigns.resumed)/>
                        <Success show=saved("end") text=tr!(campaigns.ended)/>
                        <Success show=saved("joined") text=tr!(campaigns.joined)/>
                        <Success show=Signal::derive(move || !queued.get().is_empty()) text=tr!(campaigns.queued, count = queued.get_untracked().parse::<u64>().unwrap_or(0)).to_string()/>
                        {move || already.get().map(|a| view! { <p class="notice">{tr!(campaigns.already, count = a.parse::<u64>().unwrap_or(0)).to_string()}</p> })}
                        <Success show=Signal::derive(move || q("cancelled").is_some()) text=tr!(campaigns.cancelled)/>
                        <Header campaign=d.clone()/>
                        {if d.is_partner { view! { <PartnerView campaign=d/> }.into_any() } else { view! { <VendorView detail=d/> }.into_any() }}
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Header(campaign: CampaignDetail) -> impl IntoView {
    let c = campaign.card.clone();
    view! {
        <div class="page-head">
            <h1>{c.name.clone()}</h1>
            <StatusBadge status=c.status/>
        </div>
        <p class="lead">{c.goal.clone()}</p>
        <p class="muted">{format!("{} · {}", c.period, c.audience)}</p>
        {(!campaign.description.is_empty()).then(|| view! { <p class="pre-line">{campaign.description.clone()}</p> })}
    }
}

#[component]
fn Schedule(steps: Vec<String>) -> impl IntoView {
    (!steps.is_empty()).then(|| view! {
        <section class="card">
            <h2>{tr!(campaigns.schedule)}</h2>
            <ol class="schedule">{steps.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ol>
        </section>
    })
}

#[component]
fn VendorView(detail: CampaignDetail) -> impl IntoView {
    let id = detail.card.id;
    let status = detail.card.status;
    let action = ServerAction::<ChangeCampaignStatus>::new();
    let error = action_error(action);
    view! {
        {detail.can_manage.then(|| view! {
            <section class="card actions-card">
                <FormError error/>
                <div class="button-row">
                    {(status != CampaignStatus::Ended).then(|| view! { <a class="btn" href=format!("/campaigns/{id}/edit")>{tr!(common.edit)}</a> })}
                    {status.moves().into_iter().map(|m| view! {
                        <ServerForm action attr:class="inline-form">
                            <input type="hidden" name="id" value=id/>
                            <input type="hidden" name="action" value=m.as_str()/>
                            <button type="submit" class=if m == crate::types::campaign::CampaignMove::Publish { "btn btn-primary" } else { "btn" }>{m.label()}</button>
                        </ServerForm>
                    }).collect_view()}
                </div>
            </section>
        })}
        <Schedule steps=detail.schedule.clone()/>
        <section class="card">
            <h2>{tr!(campaigns.what_partners_get)}</h2>
            <ul class="rows">
                {detail.email_template_id.map(|_| view! { <li><span>{tr!(campaigns.email_named, name = &detail.email_template_name).to_string()}</span><span class="muted">{tr!(campaigns.subject_named, subject = &detail.email_subject).to_string()}</span></li> })}
                {detail.assets.iter().map(|a| view! { <li><a href=format!("/cobrand/templates/{}", a.template_id)>{a.name.clone()}</a><span class="muted">{tr!(campaigns.material_to_cobrand)}</span></li> }).collect_view()}
                {detail.social_template_id.map(|_| view! { <li><span>{tr!(campaigns.social_post)}</span><span class="muted">{detail.social_copy.clone()}</span></li> })}
            </ul>
        </section>
        <section class="card">
            <div class="section-head">
                <h2>{tr!(funds.results)}</h2>
                <a class="btn btn-small" href=format!("/campaigns/{id}/report") download="">{tr!(campaigns.download_csv)}</a>
            </div>
            <p class="muted">{tr!(campaigns.opted_in_count, count = detail.card.partners).to_string()}</p>
            <StatsRow stats=detail.card.stats.clone()/>
            <h3 id="activity">{match &detail.focus { Some(p) => tr!(campaigns.activity_of, name = &p.org_name).to_string(), None => tr!(campaigns.activity_all).to_string() }}</h3>
            {detail.focus.is_some().then(|| view! { <a href=format!("/campaigns/{id}#activity")>{tr!(campaigns.show_all)}</a> })}
            <ActivityChart days=detail.days.clone() zone=detail.time_zone.clone()/>
            <h3>{tr!(campaigns.by_partner)}</h3>
            {if detail.partners.is_empty() {
                view! { <p class="muted">{tr!(campaigns.no_partner_yet)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll" tabindex="0">
                        <table class="table" id="partner-results">
                            <thead><tr><th>{tr!(funds.partner)}</th><th>{tr!(campaigns.sent)}</th><th>{tr!(funds.delivered)}</th><th>{tr!(funds.opened)}</th><th>{tr!(funds.clicked)}</th><th>{tr!(funds.unsubscribed)}</th><th>{tr!(campaigns.responded)}</th></tr></thead>
                            <tbody>
                                {detail.partners.iter().map(|p| {
                                    let s = &p.stats;
                                    view! {
                                        <tr>
                                            <td><a href=format!("/campaigns/{id}?partner={}#activity", p.org_id) title=tr!(campaigns.show_partner_activity)>{p.org_name.clone()}</a><br/><span class="muted">{tr!(campaigns.since, date = crate::locale::date(p.joined_at)).to_string()}</span></td>
                                            <td>{s.sent}</td>
                                            <td>{s.delivered}</td>
                                            <td>{format!("{} ({})", s.opened, SendStats::rate(s.opened, s.delivered))}</td>
                                            <td>{format!("{} ({})", s.clicked, SendStats::rate(s.clicked, s.delivered))}</td>
                                            <td>{s.unsubscribed}</td>
                                            <td>{s.responded}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}

fn design_status(a: &CampaignAsset) -> &'static str {
    a.design_status.map(|s| s.label()).unwrap_or("")
}

#[component]
fn AssetRow(asset: CampaignAsset, what: &'static str) -> impl IntoView {
    let (href, action) = match asset.design_id {
        Some(id) => (format!("/cobrand/designs/{id}"), tr!(campaigns.open_yours)),
        None => (
            format!("/cobrand/templates/{}/customise", asset.template_id),
            tr!(campaigns.customise),
        ),
    };
    view! {
        <li>
            <span>{tr!(campaigns.asset_named, what, name = &asset.name).to_string()}</span>
            <span class="muted">{design_status(&asset)}</span>
            <a class="btn btn-small" href=href>{action}</a>
        </li>
    }
}

#[component]
fn PartnerView(campaign: CampaignDetail) -> impl IntoView {
    let id = campaign.card.id;
    let running = campaign.card.status == CampaignStatus::Published;
    if !campaign.card.joined {
        let join = ServerAction::<JoinCampaign>::new();
        let error = action_error(join);
        return view! {
            <section class="card">
                <h2>{tr!(campaigns.run)}</h2>
                <p>{tr!(campaigns.run_intro)}</p>
                <FormError error/>
                <ServerForm action=join>
                    <input type="hidden" name="id" value=id/>
                    <button type="submit" class="btn btn-primary btn-block" disabled=move || join.pending().get()>{tr!(campaigns.opt_in)}</button>
                </ServerForm>
            </section>
            <Schedule steps=campaign.schedule.clone()/>
        }
        .into_any();
    }
    view! {
        <section class="card">
            <h2>"1. Make it yours"</h2>
            <ul class="rows">
                {campaign.email_design.clone().map(|a| view! { <AssetRow asset=a what=tr!(campaigns.email)/> })}
                {campaign.assets.iter().cloned().map(|a| view! { <AssetRow asset=a what=tr!(campaigns.material)/> }).collect_view()}
                {campaign.social_design.clone().map(|a| view! { <AssetRow asset=a what=tr!(campaigns.social_image)/> })}
            </ul>
            {(!campaign.social_copy.is_empty()).then(|| view! { <SocialPost copy=campaign.social_copy.clone() image=campaign.social_design.as_ref().and_then(|a| a.design_id)/> })}
        </section>
        <Schedule steps=campaign.schedule.clone()/>
        <section class="card">
            <h2>"2. Your contacts"</h2>
            <p>{tr!(campaigns.can_receive, count = campaign.mailable_contacts).to_string()}</p>
            <a class="btn" href="/contacts">{tr!(campaigns.import_or_view)}</a>
        </section>
        {campaign.email_design.is_some().then(|| view! { <SendForm campaign=campaign.clone() running/> })}
        <section class="card">
            <h2>{tr!(funds.results)}</h2>
            <StatsRow stats=campaign.card.stats.clone()/>
            <ActivityChart days=campaign.days.clone() zone=campaign.time_zone.clone()/>
            {(!campaign.sends.is_empty()).then(|| view! { <Sends campaign_id=id sends=campaign.sends.clone()/> })}
        </section>
        <section class="card">
            <h2>{tr!(campaigns.fund_it)}</h2>
            <p>{tr!(campaigns.fund_intro)}</p>
            {(!campaign.fund_requests.is_empty()).then(|| view! {
                <ul class="rows">
                    {campaign.fund_requests.iter().map(|(rid, title, status)| view! {
                        <li><a href=format!("/funds/requests/{rid}")>{title.clone()}</a><span class="muted">{status.clone()}</span></li>
                    }).collect_view()}
                </ul>
            })}
            <a class="btn" href=format!("/funds/requests/new?campaign={id}")>{tr!(campaigns.request_funds)}</a>
        </section>
    }
    .into_any()
}

#[island]
fn SocialPost(copy: String, image: Option<i64>) -> impl IntoView {
    let copied = RwSignal::new(false);
    let text = copy.clone();
    let on_copy = move |_| {
        #[cfg(feature = "hydrate")]
        {
            if let Some(w) = web_sys::window() {
                let _ = w.navigator().clipboard().write_text(&text);
                copied.set(true);
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = &text;
    };
    view! {
        <div class="field">
            <label for="social-copy">{tr!(campaigns.social_post)}</label>
            <textarea id="social-copy" readonly=true rows="4">{copy}</textarea>
            <div class="button-row">
                <button type="button" class="btn btn-small" on:click=on_copy>{move || if copied.get() { tr!(campaigns.copied) } else { tr!(campaigns.copy_text) }}</button>
                {image.map(|i| view! { <a class="btn btn-small" href=format!("/cobrand/designs/{i}/export/png2x")>{tr!(campaigns.download_image)}</a> })}
            </div>
        </div>
    }
}

#[component]
fn SendForm(campaign: CampaignDetail, running: bool) -> impl IntoView {
    let action = ServerAction::<SendCampaign>::new();
    let error = action_error(action);
    view! {
        <section class="card">
            <h2>"3. Send"</h2>
            {if !running {
                view! { <p class="muted">{tr!(campaigns.not_running)}</p> }.into_any()
            } else {
                view! {
                    <ServerForm action attr:class="form" attr:novalidate=true>
                        <FormError error/>
                        <input type="hidden" name="id" value=campaign.card.id/>
                        <TextField name="subject" label=tr!(campaigns.subject) value=campaign.email_subject.clone() error=field_error(error, "subject")/>
                        <TextField name="when" label=tr!(campaigns.schedule_later) kind="datetime-local" hint=tr!(campaigns.when_hint, zone = &campaign.time_zone).to_string() error=field_error(error, "when")/>
                        <p class="muted">{tr!(campaigns.goes_to, count = campaign.mailable_contacts).to_string()}</p>
                        <button type="submit" class="btn btn-primary btn-block" disabled=move || action.pending().get()>{tr!(campaigns.send_email)}</button>
                    </ServerForm>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn Sends(campaign_id: i64, sends: Vec<SendView>) -> impl IntoView {
    let cancel = ServerAction::<CancelSend>::new();
    let error = action_error(cancel);
    view! {
        <h3>{tr!(campaigns.your_sends)}</h3>
        <FormError error/>
        <ul class="rows sends">
            {sends.into_iter().map(|s| view! {
                <li>
                    <span>{s.subject.clone()}<br/><span class="muted">{format!("{} · {} recipient(s)", s.scheduled_at, s.recipients)}</span></span>
                    <span class="muted">{if s.cancelled { tr!(enums.send_status.cancelled).to_string() } else { tr!(campaigns.send_line, sent = s.stats.sent, opened = s.stats.opened, clicked = s.stats.clicked, queued = s.stats.queued).to_string() }}</span>
                    {(s.pending && !s.cancelled).then(|| view! {
                        <ServerForm action=cancel attr:class="inline-form">
                            <input type="hidden" name="campaign_id" value=campaign_id/>
                            <input type="hidden" name="send_id" value=s.id/>
                            <button type="submit" class="btn btn-small">{tr!(campaigns.cancel_rest)}</button>
                        </ServerForm>
                    })}
                </li>
            }).collect_view()}
        </ul>
    }
}
