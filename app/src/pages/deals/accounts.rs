//! `/deals/accounts`: the vendor admin's named accounts, customers the
//! vendor sells to itself; a partner registering one is told it is
//! reserved, never more.

use crate::api::deals::{get_named_accounts, AddNamedAccount, RemoveNamedAccount};
use crate::components::field::{SelectField, TextField};
use crate::components::notice::{FormError, LoadError, Success};
use crate::components::server_form::ServerForm;
use crate::pages::{action_error, field_error, kept};
use crate::resource::page_data;
use crate::tr;
use crate::types::deal::{NamedAccountRow, NamedAccountsPage};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn NamedAccountsPage() -> impl IntoView {
    let query = use_query_map();
    let add = ServerAction::<AddNamedAccount>::new();
    let remove = ServerAction::<RemoveNamedAccount>::new();
    let data = page_data(
        move || (add.version().get(), remove.version().get()),
        |_| get_named_accounts(),
    );
    let saved = move |what: &'static str| {
        Signal::derive(move || query.read().get("saved").as_deref() == Some(what))
    };
    view! {
        <Title text=tr!(deals.accounts_title)/>
        <p><a href="/deals">{tr!(deals.back)}</a></p>
        <h1>{tr!(deals.accounts_title)}</h1>
        <p class="muted">{tr!(deals.accounts_intro)}</p>
        <Success show=saved("added") text=tr!(deals.account_added)/>
        <Success show=saved("removed") text=tr!(deals.account_removed)/>
        <Suspense fallback=|| view! { <p class="loading">{tr!(common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <LoadError error/> }.into_any(),
                    Ok(page) => view! { <Accounts page add remove/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Accounts(
    page: NamedAccountsPage,
    add: ServerAction<AddNamedAccount>,
    remove: ServerAction<RemoveNamedAccount>,
) -> impl IntoView {
    let error = action_error(add);
    view! {
        <div class="grid">
            <section class="card">
                <h2>{tr!(deals.accounts_add)}</h2>
                <FormError error/>
                <ServerForm action=add attr:novalidate=true>
                    <TextField name="name" label=tr!(deals.customer_name) required=true value=kept(error, "name") error=field_error(error, "name") autocomplete="organization"/>
                    <TextField name="website" label=tr!(deals.website) value=kept(error, "website") error=field_error(error, "website") hint=tr!(deals.website_hint)/>
                    <SelectField name="country" label=tr!(deals.country) options=page.countries selected=kept(error, "country") empty=tr!(partners.choose) error=field_error(error, "country")/>
                    <button type="submit" class="btn btn-primary">{tr!(deals.accounts_add_submit)}</button>
                </ServerForm>
            </section>
            <section class="card">
                <h2>{tr!(deals.accounts_list, count = page.items.len()).to_string()}</h2>
                {page.items.is_empty().then(|| view! { <p class="muted">{tr!(deals.accounts_none)}</p> })}
                <ul class="plain" id="named-accounts">
                    {page.items.into_iter().map(|a| view! { <Account account=a remove/> }).collect_view()}
                </ul>
            </section>
        </div>
    }
}

#[component]
fn Account(account: NamedAccountRow, remove: ServerAction<RemoveNamedAccount>) -> impl IntoView {
    let place = [account.domain.as_str(), account.country_name.as_str()]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    view! {
        <li class="row-between">
            <span>
                <strong>{account.name.clone()}</strong><br/>
                <span class="muted">{place}" · "{tr!(deals.account_added_on, date = &account.added).to_string()}</span>
            </span>
            <ServerForm action=remove>
                <input type="hidden" name="id" value=account.id/>
                <button type="submit" class="btn btn-quiet" aria-label=tr!(deals.account_remove_named, name = &account.name).to_string()>{tr!(deals.account_remove)}</button>
            </ServerForm>
        </li>
    }
}
