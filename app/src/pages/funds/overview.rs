use super::{money, RequestList};
use crate::api::funds::{
    get_funds_overview, AccrueWonDeals, AllocateFunds, CreateBudget, ImportRevenue, RecordRevenue,
    SetClaimWindow,
};
use crate::components::field::{SelectField, TextField};
use crate::components::layout::use_me;
use crate::components::notice::{FormError, LoadError, Success};
use crate::components::partner_field::PartnerField;
use crate::components::server_form::ServerForm;
use crate::pages::{action_error, field_error, kept};
use crate::resource::page_data;
use crate::tr;
use crate::types::funds::{
    Balances, BudgetKind, FundsOverview, RequestFilter, RequestStatus, RoiRow,
};
use crate::types::money::currency_codes;
use crate::types::Choice;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

#[component]
pub fn FundsPage() -> impl IntoView {
    let me = use_me();
    let query = use_query_map();
    let budget = ServerAction::<CreateBudget>::new();
    let allocate = ServerAction::<AllocateFunds>::new();
    let filter = move || {
        let q = query.read();
        let get = |k: &str| q.get(k).unwrap_or_default();
        RequestFilter {
            status: Choice::parse(&get("status")),
            activity_type: Choice::parse(&get("activity")),
            region: Choice::parse(&get("region")),
            partner_id: get("partner"),
            from: get("from"),
            to: get("to"),
        }
    };
    let data = page_data(
        move || (budget.version().get(), allocate.version().get(), filter()),
        |(_, _, filter)| get_funds_overview(filter),
    );
    let saved = move |what: &'static str| {
        Signal::derive(move || query.read().get("saved").as_deref() == Some(what))
    };
    view! {
        <Title text=tr!(funds.title)/>
        <h1>{tr!(dashboard.mdf)}</h1>
        <Success show=saved("budget") text=tr!(funds.budget_created)/>
        <Success show=saved("allocation") text=tr!(funds.allocated_ok)/>
        <Success show=saved("revenue") text=tr!(funds.revenue_ok)/>
        <Success show=saved("window") text=tr!(funds.window_ok)/>
        <Success show=saved("won_deals") text=won_deals_done(&query.read_untracked())/>
        <Suspense fallback=|| view! { <p class="loading">{tr!(funds.loading)}</p> }>
            {move || Suspend::new(async move {
                let (user, data) = (me.user().await, data.await);
                match user.and_then(|u| data.map(|d| (u, d))) {
                    Err(error) => view! { <LoadError error/> }.into_any(),
                    Ok((user, d)) => view! { <Overview overview=d locale=user.locale budget allocate filter=filter()/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn BalanceBar(balances: Balances, currency: String, locale: String) -> impl IntoView {
    let total = balances.allocated.max(1);
    let pct = |v: i64| format!("width: {}%", (v.max(0) * 100 / total).min(100));
    view! {
        <div class="balance">
            <div class="balance-bar" aria-hidden="true">
                <span class="seg seg-paid" style=pct(balances.paid)></span>
                <span class="seg seg-claimed" style=pct(balances.claimed)></span>
                <span class="seg seg-reserved" style=pct(balances.reserved)></span>
            </div>
            <dl class="balance-figures">
                <div><dt>{tr!(dashboard.available)}</dt><dd class="big">{money(balances.available, &currency, &locale)}</dd></div>
                <div><dt>{tr!(dashboard.allocated)}</dt><dd>{money(balances.allocated, &currency, &locale)}</dd></div>
                <div><dt>{tr!(dashboard.reserved)}</dt><dd>{money(balances.reserved, &currency, &locale)}</dd></div>
                <div><dt>{tr!(dashboard.claimed)}</dt><dd>{money(balances.claimed, &currency, &locale)}</dd></div>
                <div><dt>{tr!(dashboard.paid)}</dt><dd>{money(balances.paid, &currency, &locale)}</dd></div>
            </dl>
        </div>
    }
}

#[component]
fn Overview(
    overview: FundsOverview,
    locale: String,
    budget: ServerAction<CreateBudget>,
    allocate: ServerAction<AllocateFunds>,
    filter: RequestFilter,
) -> impl IntoView {
    let is_vendor =
        overview.can_manage_budgets || !overview.budgets.is_empty() || !overview.queue.is_empty();
    let partner_view = overview.can_request.then(|| {
        let locale = locale.clone();
        view! {
            <div class="page-head">
                <h2>{tr!(funds.yours)}</h2>
                <a class="btn btn-primary" href="/funds/requests/new">{tr!(funds.request)}</a>
            </div>
            {if overview.allocations.is_empty() {
                view! { <p class="card">{tr!(funds.none_allocated)}</p> }.into_any()
            } else {
                view! {
                    <div class="grid">
                        {overview.allocations.iter().map(|a| view! {
                            <section class="card">
                                <h3>{a.budget_name.clone()}</h3>
                                <p class="muted">{tr!(funds.holder_until, holder = &a.holder, date = crate::locale::date(a.ends_on)).to_string()}</p>
                                <BalanceBar balances=a.balances.clone() currency=a.currency.clone() locale=locale.clone()/>
                            </section>
                        }).collect_view()}
                    </div>
                }.into_any()
            }}
            <section class="card">
                <h2>{tr!(funds.your_requests)}</h2>
                {if overview.requests.is_empty() {
                    view! { <p>{tr!(funds.no_requests)}</p> }.into_any()
                } else {
                    view! { <RequestList rows=overview.requests.clone() locale=locale.clone()/> }.into_any()
                }}
            </section>
        }
    });
    let queue = (!overview.queue.is_empty() || (is_vendor && !overview.can_request)).then(|| {
        let locale = locale.clone();
        view! {
            <section class="card">
                <h2>{tr!(funds.waiting_count, count = overview.queue.len()).to_string()}</h2>
                {if overview.queue.is_empty() {
                    view! { <p>{tr!(funds.nothing_waiting)}</p> }.into_any()
                } else {
                    view! { <RequestList rows=overview.queue.clone() locale=locale.clone() show_partner=true/> }.into_any()
                }}
            </section>
        }
    });
    let claims = (!overview.claim_queue_title.is_empty()).then(|| {
        let locale = locale.clone();
        view! {
            <section class="card">
                <h2>{tr!(funds.queue_count, title = &overview.claim_queue_title, count = overview.claim_queue.len()).to_string()}</h2>
                {if overview.claim_queue.is_empty() {
                    view! { <p>{tr!(funds.nothing_waiting)}</p> }.into_any()
                } else {
                    view! { <RequestList rows=overview.claim_queue.clone() locale=locale.clone() show_partner=true/> }.into_any()
                }}
            </section>
        }
    });
    let budgets = overview.can_manage_budgets.then(|| {
        let locale = locale.clone();
        view! {
            <div class="page-head">
                <h2>{tr!(funds.budgets)}</h2>
                <a class="btn" href="/revenue">{tr!(revenue.open_ledger)}</a>
                <a class="btn" href="/funds/ledger/export" download="funds-ledger.csv">{tr!(funds.download_ledger)}</a>
            </div>
            {if overview.budgets.is_empty() {
                view! { <p class="card">{tr!(funds.no_budget)}</p> }.into_any()
            } else {
                view! {
                    <div class="grid">
                        {overview.budgets.iter().map(|b| view! {
                            <section class="card">
                                <h3>{b.name.clone()}</h3>
                                <p class="muted">{tr!(funds.budget_line, kind = b.kind.label(), from = crate::locale::date(b.starts_on), to = crate::locale::date(b.ends_on)).to_string()}</p>
                                <p>{tr!(funds.total_unallocated, total = money(b.total_minor, &b.currency, &locale), unallocated = money(b.unallocated_minor, &b.currency, &locale)).to_string()}</p>
                                <BalanceBar balances=b.balances.clone() currency=b.currency.clone() locale=locale.clone()/>
                                <details class="history">
                                    <summary>{tr!(funds.history)}</summary>
                                    <ol class="audit">
                                        {b.history.iter().map(|a| view! {
                                            <li><span class="audit-what">{format!("{} — {}", a.actor, a.detail)}</span><span class="muted">{a.at.clone()}</span></li>
                                        }).collect_view()}
                                    </ol>
                                </details>
                            </section>
                        }).collect_view()}
                    </div>
                }.into_any()
            }}
            <div class="grid">
                {overview.budgets.iter().any(|b| b.kind == BudgetKind::Coop).then(|| view! { <CoopRevenue overview=overview.clone()/> })}
                {overview.can_configure.then(|| view! { <ClaimWindow days=overview.claim_days/> })}
                <NewBudget action=budget key=overview.form_key.clone()/>
                {(!overview.budgets.is_empty()).then(|| view! { <Allocate action=allocate overview=overview.clone()/> })}
            </div>
        }
    });
    let recent = (is_vendor && !overview.can_request).then(|| {
        let none = Signal::derive(|| None::<String>);
        let statuses: Vec<(String, String)> = RequestStatus::ALL.iter().map(|s| (s.as_str().to_owned(), s.label().to_owned())).collect();
        let partners: Vec<(String, String)> = overview.partners.iter().map(|(id, n)| (id.to_string(), n.clone())).collect();
        view! {
            <section class="card">
                <h2>{tr!(funds.requests)}</h2>
                <Form method="GET" action="/funds" attr:class="filters" attr:role="search" attr:aria-label=tr!(funds.filter_requests)>
                    <SelectField id="rf-status" name="status" label=tr!(funds.status) options=statuses selected=filter.status.raw() empty=tr!(funds.any_status) error=none/>
                    <SelectField id="rf-activity" name="activity" label=tr!(funds.activity) options=super::activity_options() selected=filter.activity_type.raw() empty=tr!(funds.any_activity) error=none/>
                    <SelectField id="rf-region" name="region" label=tr!(partners.region) options=crate::pages::partners::region_options() selected=filter.region.raw() empty=tr!(partners.any_region) error=none/>
                    {(!partners.is_empty()).then(|| view! {
                        <PartnerField id="rf-partner" name="partner" label=tr!(funds.partner) partners=partners all_listed=overview.all_partners_listed
                            selected=filter.partner_id.clone() empty=tr!(funds.any_partner) error=none/>
                    })}
                    <TextField id="rf-from" name="from" label=tr!(funds.starting_from) kind="date" value=filter.from.clone() error=none/>
                    <TextField id="rf-to" name="to" label=tr!(funds.starting_until) kind="date" value=filter.to.clone() error=none/>
                    <div class="filter-actions">
                        <button type="submit" class="btn btn-primary">{tr!(partners.filter)}</button>
                        <a class="btn btn-quiet" href="/funds">{tr!(partners.clear)}</a>
                    </div>
                </Form>
                {if overview.requests.is_empty() {
                    view! { <p>{tr!(funds.no_match)}</p> }.into_any()
                } else {
                    view! { <RequestList rows=overview.requests.clone() locale=locale.clone() show_partner=true/> }.into_any()
                }}
            </section>
        }
    });
    let roi = (!overview.roi.is_empty()).then(|| {
        let locale = locale.clone();
        view! {
            <section class="card">
                <h2>{tr!(funds.roi)}</h2>
                <p class="muted">{tr!(funds.roi_hint)}</p>
                <div class="table-scroll" tabindex="0">
                    <table class="roi">
                        <thead><tr><th scope="col">{tr!(funds.activity)}</th><th scope="col">{tr!(funds.claims)}</th><th scope="col">{tr!(funds.spent)}</th><th scope="col">{tr!(funds.leads)}</th><th scope="col">{tr!(funds.cost_per_lead)}</th><th scope="col">{tr!(funds.pipeline)}</th><th scope="col">{tr!(funds.won_deals)}</th></tr></thead>
                        <tbody>
                            {overview.roi.iter().map(|r| view! {
                                <tr>
                                    <th scope="row">{r.activity_type.label()}</th>
                                    <td>{r.claims}</td>
                                    <td>{money(r.spent_minor, &r.currency, &locale)}</td>
                                    <td>{r.leads}</td>
                                    <td>{if r.leads > 0 { money(r.spent_minor / r.leads, &r.currency, &locale) } else { "—".into() }}</td>
                                    <td>{money(r.pipeline_minor, &r.currency, &locale)}</td>
                                    <td>{won(r, &locale)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </section>
        }
    });
    view! { {partner_view}{queue}{claims}{budgets}{roi}{recent} }
}

#[component]
fn NewBudget(action: ServerAction<CreateBudget>, key: String) -> impl IntoView {
    let error = action_error(action);
    let kinds: Vec<(String, String)> = BudgetKind::ALL
        .iter()
        .map(|k| (k.as_str().to_owned(), k.label().to_owned()))
        .collect();
    let currencies: Vec<(String, String)> = currency_codes()
        .map(|c| (c.to_owned(), c.to_owned()))
        .collect();
    let currency = Some(kept(error, "currency"))
        .filter(|c| !c.is_empty())
        .unwrap_or_else(|| "USD".into());
    view! {
        <section class="card">
            <h2>{tr!(funds.new_budget)}</h2>
            <FormError error/>
            <ServerForm action=action attr:novalidate=true>
                <input type="hidden" name="key" value=key/>
                <TextField name="name" label=tr!(funds.name) required=true value=kept(error, "name") error=field_error(error, "name")/>
                <SelectField name="kind" label=tr!(funds.kind) options=kinds selected=kept(error, "kind") empty=tr!(partners.choose) error=field_error(error, "kind")/>
                <div class="row">
                    <SelectField name="currency" label=tr!(funds.currency) options=currencies selected=currency error=field_error(error, "currency")/>
                    <TextField name="total" label=tr!(funds.total) kind="text" value=kept(error, "total") error=field_error(error, "total")
                        hint="e.g. 50,000.00"/>
                </div>
                <div class="row">
                    <TextField id="f-budget-starts" name="starts_on" label=tr!(funds.starts) kind="date" value=kept(error, "starts_on") error=field_error(error, "starts_on")/>
                    <TextField id="f-budget-ends" name="ends_on" label=tr!(funds.ends) kind="date" value=kept(error, "ends_on") error=field_error(error, "ends_on")/>
                </div>
                <TextField name="coop_percent" label=tr!(funds.coop_percent) value=kept(error, "coop_percent")
                    hint=tr!(funds.coop_only) error=field_error(error, "coop_percent")/>
                <button type="submit" class="btn btn-primary" disabled=move || action.pending().get()>{tr!(funds.create_budget)}</button>
            </ServerForm>
        </section>
    }
}

#[component]
fn Allocate(action: ServerAction<AllocateFunds>, overview: FundsOverview) -> impl IntoView {
    let error = action_error(action);
    let budgets: Vec<(String, String)> = overview
        .budgets
        .iter()
        .map(|b| (b.id.to_string(), format!("{} ({})", b.name, b.currency)))
        .collect();
    let pools = overview.tier_pools.clone();
    let partners: Vec<(String, String)> = overview
        .partners
        .iter()
        .map(|(id, name)| (format!("p:{id}"), name.clone()))
        .collect();
    view! {
        <section class="card">
            <h2>{tr!(funds.allocate_title)}</h2>
            <FormError error/>
            <ServerForm action=action attr:novalidate=true>
                <input type="hidden" name="key" value=format!("{}-a", overview.form_key)/>
                <SelectField name="budget_id" label=tr!(funds.from_budget) options=budgets selected=kept(error, "budget_id") empty=tr!(partners.choose) error=field_error(error, "budget_id")/>
                <PartnerField id="f-target" name="target" label=tr!(funds.to) fixed=pools partners all_listed=overview.all_partners_listed
                    selected=kept(error, "target") empty=tr!(funds.choose_target) error=field_error(error, "target")/>
                <TextField id="f-allocate-amount" name="amount" label=tr!(funds.amount) value=kept(error, "amount") error=field_error(error, "amount")/>
                <button type="submit" class="btn btn-primary" disabled=move || action.pending().get()>{tr!(funds.allocate)}</button>
            </ServerForm>
        </section>
    }
}

/// "3 partners' won deals accrued; 1 already had a figure": from the
/// query the accrual answered with.
fn won_deals_done(query: &leptos_router::params::ParamsMap) -> String {
    let count = |k: &str| {
        query
            .get(k)
            .and_then(|v| v.parse::<usize>().ok())
            .unwrap_or(0)
    };
    let mut text = tr!(funds.won_deals_ok, count = count("accrued")).to_string();
    if count("skipped") > 0 {
        text.push(' ');
        text.push_str(&tr!(funds.won_deals_skipped, count = count("skipped")).to_string());
    }
    text
}

/// Co-op budgets accrue from partner revenue: one figure at a time, or a
/// pasted CSV export from the ERP; or from the won deal registrations.
#[component]
fn CoopRevenue(overview: FundsOverview) -> impl IntoView {
    let one = ServerAction::<RecordRevenue>::new();
    let many = ServerAction::<ImportRevenue>::new();
    let won = ServerAction::<AccrueWonDeals>::new();
    let e1 = action_error(one);
    let e2 = action_error(many);
    let e3 = action_error(won);
    let budgets: Vec<(String, String)> = overview
        .budgets
        .iter()
        .filter(|b| b.kind == BudgetKind::Coop)
        .map(|b| (b.id.to_string(), format!("{} ({})", b.name, b.currency)))
        .collect();
    let partners: Vec<(String, String)> = overview
        .partners
        .iter()
        .map(|(id, n)| (id.to_string(), n.clone()))
        .collect();
    let single = if budgets.len() == 1 {
        budgets[0].0.clone()
    } else {
        String::new()
    };
    let one_budget = Some(kept(e1, "budget_id"))
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| single.clone());
    let many_budget = Some(kept(e2, "budget_id"))
        .filter(|v| !v.is_empty())
        .unwrap_or(single);
    let budgets_again = budgets.clone();
    let budgets_won = budgets.clone();
    let won_budget = Some(kept(e3, "budget_id"))
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| many_budget.clone());
    view! {
        <section class="card">
            <h2>{tr!(funds.coop_revenue)}</h2>
            <p class="muted">{tr!(funds.coop_revenue_hint)}</p>
            <FormError error=e1/>
            <ServerForm action=one attr:novalidate=true>
                <SelectField id="rv-budget" name="budget_id" label=tr!(funds.coop_budget) options=budgets selected=one_budget empty=tr!(partners.choose) error=field_error(e1, "budget_id")/>
                <PartnerField id="rv-partner" name="partner_id" label=tr!(funds.partner) partners all_listed=overview.all_partners_listed
                    selected=kept(e1, "partner_id") empty=tr!(partners.choose) error=field_error(e1, "partner_id")/>
                <div class="row">
                    <TextField id="rv-period" name="period" label=tr!(funds.period) value=kept(e1, "period") hint=tr!(funds.period_hint) error=field_error(e1, "period")/>
                    <TextField id="rv-revenue" name="revenue" label=tr!(funds.revenue) value=kept(e1, "revenue") error=field_error(e1, "revenue")/>
                </div>
                <button type="submit" class="btn btn-primary" disabled=move || one.pending().get()>{tr!(funds.record_revenue)}</button>
            </ServerForm>
            <h3>{tr!(funds.import_csv)}</h3>
            <FormError error=e2/>
            <ServerForm action=many attr:novalidate=true>
                <SelectField id="rv-import-budget" name="budget_id" label=tr!(funds.coop_budget) options=budgets_again selected=many_budget empty=tr!(partners.choose) error=field_error(e2, "budget_id")/>
                <TextField id="rv-csv" name="csv" label=tr!(funds.csv_rows) multiline=true value=kept(e2, "csv")
                    hint=tr!(funds.csv_hint) error=field_error(e2, "csv")/>
                <button type="submit" class="btn" disabled=move || many.pending().get()>{tr!(funds.import)}</button>
            </ServerForm>
            <h3>{tr!(funds.from_won_deals)}</h3>
            <p class="muted">{tr!(funds.from_won_deals_hint)}</p>
            <FormError error=e3/>
            <ServerForm action=won attr:novalidate=true>
                <div class="row">
                    <SelectField id="rv-won-budget" name="budget_id" label=tr!(funds.coop_budget) options=budgets_won selected=won_budget empty=tr!(partners.choose) error=field_error(e3, "budget_id")/>
                    <TextField id="rv-won-period" name="period" label=tr!(funds.period) value=kept(e3, "period") hint=tr!(funds.period_hint) error=field_error(e3, "period")/>
                </div>
                <button type="submit" class="btn" disabled=move || won.pending().get()>{tr!(funds.accrue_won_deals)}</button>
            </ServerForm>
        </section>
    }
}

#[component]
fn ClaimWindow(days: i32) -> impl IntoView {
    let action = ServerAction::<SetClaimWindow>::new();
    let error = action_error(action);
    let value = Some(kept(error, "days"))
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| days.to_string());
    view! {
        <section class="card">
            <h2>{tr!(funds.claim_window)}</h2>
            <p class="muted">{tr!(funds.claim_window_hint)}</p>
            <FormError error/>
            <ServerForm action=action attr:novalidate=true>
                <TextField id="f-claim-days" name="days" label=tr!(funds.days_after) kind="number" value=value error=field_error(error, "days")/>
                <button type="submit" class="btn" disabled=move || action.pending().get()>{tr!(funds.save)}</button>
            </ServerForm>
        </section>
    }
}

/// "3 · $120,000.00 · €30,000.00": the won deals an activity sourced, each
/// currency on its own.
fn won(row: &RoiRow, locale: &str) -> String {
    if row.won_deals == 0 {
        return "—".into();
    }
    let mut parts = vec![row.won_deals.to_string()];
    parts.extend(row.won.iter().map(|(c, m)| money(*m, c, locale)));
    parts.join(" · ")
}
