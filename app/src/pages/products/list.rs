//! `/products`: search and filter the catalogue; keepers also find the
//! families, the CSV import and the export here.

use super::families::Families;
use crate::api::products::{get_catalogue, ImportProducts};
use crate::components::field::{SelectField, TextField};
use crate::components::notice::{FormError, LoadError, Success};
use crate::components::server_form::ServerForm;
use crate::pages::{action_error, field_error, kept};
use crate::resource::page_data;
use crate::tr;
use crate::types::product::{CatalogueView, ProductFilter, ProductRow, ProductStatus};
use crate::types::url::encode_query_value;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ProductsPage() -> impl IntoView {
    let query = use_query_map();
    let filter = move || {
        let q = query.read();
        let get = |k: &str| q.get(k).unwrap_or_default();
        ProductFilter {
            q: get("q"),
            family: get("family"),
            status: get("status"),
            after: get("after"),
        }
    };
    let catalogue = page_data(filter, get_catalogue);
    let saved = move |what: &'static str| {
        Signal::derive(move || query.read().get("saved").as_deref() == Some(what))
    };
    let imported = move || {
        let q = query.read();
        let count = |k: &str| q.get(k).and_then(|v| v.parse::<usize>().ok()).unwrap_or(0);
        tr!(
            products.imported,
            created = count("created"),
            updated = count("updated")
        )
        .to_string()
    };
    view! {
        <Title text=tr!(products.title)/>
        <Success show=saved("product") text=tr!(products.saved)/>
        <Success show=saved("family") text=tr!(products.family_saved)/>
        {move || saved("import").get().then(|| view! { <p class="notice notice-ok" role="status">{imported()}</p> })}
        <Transition fallback=|| view! { <h1>{tr!(products.title)}</h1><p class="loading">{tr!(common.loading)}</p> }>
            {move || Suspend::new(async move {
                match catalogue.await {
                    Err(error) => view! { <h1>{tr!(products.title)}</h1><LoadError error/> }.into_any(),
                    Ok(page) => view! { <Catalogue page filter=filter()/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Catalogue(page: CatalogueView, filter: ProductFilter) -> impl IntoView {
    let none = Signal::derive(|| None::<String>);
    let families: Vec<(String, String)> = page
        .families
        .iter()
        .map(|f| (f.id.to_string(), f.name.clone()))
        .collect();
    let statuses: Vec<(String, String)> = ProductStatus::ALL
        .iter()
        .map(|s| (s.as_str().to_owned(), s.label().to_owned()))
        .collect();
    let next_href = {
        let f = filter.clone();
        move |after: String| {
            format!(
                "/products?q={}&family={}&status={}&after={after}",
                encode_query_value(&f.q),
                encode_query_value(&f.family),
                encode_query_value(&f.status),
            )
        }
    };
    let can_edit = page.can_edit;
    let shown = page.items.len();
    view! {
        <div class="page-head">
            <h1>{tr!(products.title)}</h1>
            {can_edit.then(|| view! { <a class="btn btn-primary" href="/products/new">{tr!(products.add)}</a> })}
        </div>
        <p class="muted">{if can_edit { tr!(products.intro_keeper) } else { tr!(products.intro_partner) }}</p>
        <Form method="GET" action="/products" attr:class="filters" attr:role="search">
            <div class="field field-search">
                <label for="f-q">{tr!(products.search)}</label>
                <input id="f-q" type="search" name="q" value=filter.q.clone() placeholder=tr!(products.search_hint)/>
            </div>
            <SelectField id="filter-family" name="family" label=tr!(products.family) options=families selected=filter.family.clone() empty=tr!(products.any_family) error=none/>
            {can_edit.then(|| view! {
                <SelectField id="filter-status" name="status" label=tr!(products.status) options=statuses selected=filter.status.clone() empty=tr!(products.any_status) error=none/>
            })}
            <div class="filter-actions">
                <button type="submit" class="btn btn-primary">{tr!(partners.filter)}</button>
                <a class="btn btn-quiet" href="/products">{tr!(partners.clear)}</a>
            </div>
        </Form>
        <p class="muted" role="status">{tr!(products.match_count, count = page.total).to_string()}</p>
        {(shown == 0).then(|| view! {
            <p class="card">{if can_edit && page.families.is_empty() { tr!(products.empty_keeper) } else { tr!(products.no_match) }}</p>
        })}
        <ul class="product-list">
            {page.items.into_iter().map(|p| view! { <ProductLine product=p can_edit/> }).collect_view()}
        </ul>
        {page.next_after.map(|after| view! {
            <p class="pager"><a class="btn" href=next_href(after)>{tr!(partners.next_page)}</a></p>
        })}
        {can_edit.then(|| view! {
            <Families families=page.families.clone()/>
            <ImportExport/>
        })}
    }
}

#[component]
fn ProductLine(product: ProductRow, can_edit: bool) -> impl IntoView {
    let meta = format!("{} · {}", product.family, product.unit.label());
    let name = if can_edit {
        view! { <a href=format!("/products/{}", product.id)>{product.name.clone()}</a> }.into_any()
    } else {
        view! { <span>{product.name.clone()}</span> }.into_any()
    };
    view! {
        <li class="card product">
            <div class="product-head">
                <h2 class="product-name">{name}</h2>
                {(!product.active).then(|| view! { <span class="badge">{tr!(products.not_sold)}</span> })}
            </div>
            <p class="product-meta"><code class="sku">{product.sku}</code>" · "{meta}</p>
            {(!product.description.is_empty()).then(|| view! { <p class="product-description">{product.description}</p> })}
        </li>
    }
}

/// The CSV file: the export for a spreadsheet, the import back.
#[component]
fn ImportExport() -> impl IntoView {
    let action = ServerAction::<ImportProducts>::new();
    let error = action_error(action);
    view! {
        <section class="card">
            <h2>{tr!(products.file)}</h2>
            <p class="muted">{tr!(products.file_hint)}</p>
            <p><a class="btn" href="/products/export" download="">{tr!(products.export)}</a></p>
            <FormError error/>
            <ServerForm action attr:novalidate=true>
                <TextField id="products-csv" name="csv" label=tr!(products.csv_label) multiline=true value=kept(error, "csv")
                    hint=tr!(products.csv_hint) error=field_error(error, "csv")/>
                <button type="submit" class="btn btn-primary" disabled=move || action.pending().get()>{tr!(products.import)}</button>
            </ServerForm>
        </section>
    }
}
