//! The partner's contacts: the list, one contact added by hand, and the CSV
//! import with column mapping and a row-by-row check before anything is
//! stored.

use crate::api::campaigns::{get_contacts, AddContact, ImportContacts, RemoveContact};
use crate::components::field::{Check, TextField};
use crate::components::notice::{FormError, LoadError, Success};
use crate::components::server_form::ServerForm;
use crate::pages::{action_error, field_error, kept};
use crate::resource::page_data;
use crate::tr;
use crate::types::campaign::{ContactField, ContactsPage as Page, ImportPreview};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use std::collections::BTreeMap;

#[component]
pub fn ContactsPage() -> impl IntoView {
    let query = use_query_map();
    let add = ServerAction::<AddContact>::new();
    let page = page_data(
        move || {
            let q = query.read();
            (
                q.get("before").and_then(|b| b.parse::<i64>().ok()),
                q.get("removed"),
                q.get("imported"),
                add.version().get(),
            )
        },
        |(before, _, _, _)| get_contacts(before),
    );
    let imported = move || {
        let q = query.read();
        let count = q.get("imported")?.parse::<usize>().ok()?;
        let rejected = q
            .get("rejected")
            .and_then(|r| r.parse::<usize>().ok())
            .unwrap_or(0);
        let imported = tr!(campaigns.imported_done, count).to_string();
        Some(match rejected {
            0 => imported,
            n => format!("{imported} {}", tr!(campaigns.left_out, count = n)),
        })
    };
    let removed = Signal::derive(move || query.read().get("removed").is_some());
    let added = Signal::derive(move || {
        query.read().get("added").is_some() || add.value().get().is_some_and(|r| r.is_ok())
    });
    view! {
        <Title text=tr!(campaigns.contacts)/>
        <div class="page-head">
            <h1>{tr!(campaigns.your_contacts)}</h1>
            <a class="btn" href="/campaigns">{tr!(nav.campaigns)}</a>
        </div>
        <p class="muted">{tr!(campaigns.contacts_intro)}</p>
        <Success show=removed text=tr!(campaigns.contact_removed)/>
        <Success show=added text=tr!(campaigns.contact_added)/>
        {move || imported().map(|text| view! { <p class="notice notice-ok" role="status" id="import-result">{text}</p> })}
        <div class="grid">
            <AddOne action=add/>
            <Import/>
        </div>
        <Suspense fallback=|| view! { <p class="loading">{tr!(campaigns.loading_contacts)}</p> }>
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
    let remove = ServerAction::<RemoveContact>::new();
    let error = Signal::derive(move || remove.value().get().and_then(|r| r.err()));
    view! {
        <section class="card">
            <h2>{tr!(campaigns.contact_count, count = page.total).to_string()}</h2>
            <FormError error/>
            <p class="muted" id="mailable">{tr!(campaigns.mailable_line, mailable = page.mailable, unsubscribed = page.total - page.mailable).to_string()}</p>
            {(!page.contacts.is_empty()).then(|| view! {
                <div class="table-scroll" tabindex="0">
                    <table class="table" id="contacts">
                        <thead><tr><th>{tr!(campaigns.email)}</th><th>{tr!(funds.name)}</th><th>{tr!(users.company)}</th><th>{tr!(funds.status)}</th><th><span class="sr-only">{tr!(funds.remove)}</span></th></tr></thead>
                        <tbody>
                            {page.contacts.clone().into_iter().map(|c| view! {
                                <tr>
                                    <td>{c.email.clone()}</td>
                                    <td>{c.name.clone()}</td>
                                    <td>{c.company.clone()}</td>
                                    <td title=c.consent.clone()>{if c.unsubscribed { tr!(funds.unsubscribed) } else { tr!(campaigns.subscribed) }}</td>
                                    <td>
                                        <ServerForm action=remove attr:class="inline-form">
                                            <input type="hidden" name="id" value=c.id/>
                                            <button type="submit" class="btn btn-small btn-danger" aria-label=tr!(campaigns.remove_who, email = &c.email).to_string()>{tr!(funds.remove)}</button>
                                        </ServerForm>
                                    </td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
            {page.next.map(|n| view! { <a class="btn" href=format!("/contacts?before={n}")>{tr!(campaigns.older_contacts)}</a> })}
        </section>
    }
}

/// One contact typed in by hand; works as a plain form without JavaScript.
#[component]
fn AddOne(action: ServerAction<AddContact>) -> impl IntoView {
    let error = action_error(action);
    let consent_error = field_error(error, "consent");
    view! {
        <section class="card">
            <h2>{tr!(campaigns.add_contact_title)}</h2>
            <FormError error/>
            <ServerForm action attr:novalidate=true attr:id="add-contact">
                <TextField name="email" label=tr!(campaigns.email_address) kind="email" autocomplete="off" required=true
                    id="contact-email" value=kept(error, "email") error=field_error(error, "email") check=Check::Email/>
                <TextField name="name" label=tr!(funds.name) id="contact-name" autocomplete="off"
                    value=kept(error, "name") error=field_error(error, "name")/>
                <TextField name="company" label=tr!(users.company) id="contact-company" autocomplete="off"
                    value=kept(error, "company") error=field_error(error, "company")/>
                <div class="field" class:field-invalid=move || consent_error.get().is_some()>
                    <label class="check">
                        <input type="checkbox" name="consent" id="contact-consent"
                            aria-invalid=move || consent_error.get().is_some().then_some("true")
                            aria-describedby=move || consent_error.get().is_some().then_some("contact-consent-error")/>
                        {tr!(campaigns.consent_one)}
                    </label>
                    {move || consent_error.get().map(|m| view! { <p class="field-error" id="contact-consent-error">{m}</p> })}
                </div>
                <button type="submit" class="btn btn-primary" disabled=move || action.pending().get()>{tr!(campaigns.add_contact)}</button>
            </ServerForm>
        </section>
    }
}

/// The CSV import: check, map the columns, import. Once imported, the page
/// loads again with the new list and the counts.
#[island]
fn Import() -> impl IntoView {
    let action = ServerAction::<ImportContacts>::new();
    let csv = RwSignal::new(String::new());
    let consent_all = RwSignal::new(false);
    let mapping = RwSignal::new(Vec::<String>::new());
    let preview = RwSignal::new(None::<ImportPreview>);
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    Effect::new(move |_| {
        if let Some(Ok(p)) = action.value().get() {
            mapping.set(p.mapping.iter().map(|m| m.as_str().to_string()).collect());
            if let Some(count) = p.imported {
                show_imported(count, p.rejected);
                return;
            }
            preview.set(Some(p));
        }
    });
    let run = move |commit: bool| {
        let map: BTreeMap<usize, String> =
            mapping.get_untracked().into_iter().enumerate().collect();
        action.dispatch(ImportContacts {
            csv: csv.get_untracked(),
            mapping: map,
            consent_all: consent_all.get_untracked().then(|| "on".to_string()),
            commit: commit.then(|| "1".to_string()),
        });
    };
    view! {
        <section class="card">
            <h2>{tr!(campaigns.import_csv)}</h2>
            <noscript><p class="notice">{tr!(campaigns.needs_js)}</p></noscript>
            <div class="field">
                <label for="csv-file">{tr!(campaigns.choose_file)}</label>
                <input id="csv-file" type="file" accept=".csv,text/csv,text/plain" data-fill="csv-text"/>
            </div>
            <div class="field">
                <label for="csv-text">{tr!(campaigns.or_paste)}</label>
                <textarea id="csv-text" rows="5" placeholder="email,name,company,consent" prop:value=move || csv.get()
                    on:input=move |ev| { csv.set(event_target_value(&ev)); mapping.set(Vec::new()); preview.set(None); }></textarea>
                <p class="field-hint">{tr!(campaigns.csv_hint)}</p>
            </div>
            <label class="check">
                <input type="checkbox" id="consent-all" prop:checked=move || consent_all.get() on:change=move |ev| consent_all.set(event_target_checked(&ev))/>
                {tr!(campaigns.consent_all)}
            </label>
            <FormError error/>
            <div class="button-row">
                <button type="button" class="btn" id="check-csv" disabled=move || csv.get().trim().is_empty() || action.pending().get() on:click=move |_| run(false)>{tr!(campaigns.check_file)}</button>
            </div>
            {move || preview.get().map(|p| view! { <Preview preview=p mapping run/> })}
        </section>
    }
}

#[component]
fn Preview(
    preview: ImportPreview,
    mapping: RwSignal<Vec<String>>,
    run: impl Fn(bool) + Send + Sync + Copy + 'static,
) -> impl IntoView {
    let problems: Vec<_> = preview
        .rows
        .iter()
        .filter(|r| r.problem.is_some())
        .cloned()
        .collect();
    let fields: Vec<ContactField> = ContactField::ALL.to_vec();
    view! {
        <div class="import-preview">
            {view! {
                    <h3>{tr!(campaigns.columns)}</h3>
                    <div class="mapping">
                        {preview.columns.iter().enumerate().map(|(i, name)| {
                            let fields = fields.clone();
                            let current = preview.mapping.get(i).copied().unwrap_or(ContactField::Ignore);
                            view! {
                                <div class="field">
                                    <label for=format!("map-{i}")>{format!("“{name}”")}</label>
                                    <select id=format!("map-{i}") on:change=move |ev| {
                                        let v = event_target_value(&ev);
                                        mapping.update(|m| if let Some(slot) = m.get_mut(i) { *slot = v; });
                                        run(false);
                                    }>
                                        {fields.iter().map(|f| view! { <option value=f.as_str() selected=*f == current>{f.label()}</option> }).collect_view()}
                                    </select>
                                </div>
                            }
                        }).collect_view()}
                    </div>
                    <p id="import-summary"><strong>{tr!(campaigns.ready, count = preview.importable).to_string()}</strong>{tr!(campaigns.not_imported, count = preview.rejected).to_string()}</p>
                    <button type="button" class="btn btn-primary btn-block" id="import-csv" disabled=preview.importable == 0 on:click=move |_| run(true)>{tr!(campaigns.import_n, count = preview.importable).to_string()}</button>
            }}
            {(!problems.is_empty()).then(|| view! {
                <h3>{tr!(campaigns.rows_not_imported)}</h3>
                <div class="table-scroll" tabindex="0">
                    <table class="table" id="import-problems">
                        <thead><tr><th>{tr!(campaigns.line)}</th><th>{tr!(campaigns.email)}</th><th>{tr!(campaigns.why)}</th></tr></thead>
                        <tbody>
                            {problems.into_iter().map(|r| view! { <tr><td>{r.line}</td><td>{r.email}</td><td>{r.problem.unwrap_or_default()}</td></tr> }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
        </div>
    }
}

/// Loads the page again with the imported contacts and the counts.
fn show_imported(count: usize, rejected: usize) {
    #[cfg(feature = "hydrate")]
    {
        let _ = window()
            .location()
            .set_href(&format!("/contacts?imported={count}&rejected={rejected}"));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (count, rejected);
}
