//! The product form (new and edit), for those who keep the catalogue.

use crate::api::products::{get_product_form, SaveProduct};
use crate::components::field::{SelectField, TextField};
use crate::components::notice::{FormError, LoadError};
use crate::components::server_form::ServerForm;
use crate::components::versions::{VersionFields, VersionedField};
use crate::error::AppError;
use crate::pages::{action_error, field_error, kept};
use crate::resource::{page_data, PageData};
use crate::tr;
use crate::types::product::{ProductForm, ProductUnit};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn NewProductPage() -> impl IntoView {
    let form = page_data(|| (), |_| get_product_form(None));
    view! {
        <Title text=tr!(products.new_product)/>
        <p><a class="btn btn-quiet" href="/products">{tr!(products.back)}</a></p>
        <h1>{tr!(products.new_product)}</h1>
        <Loaded form/>
    }
}

#[component]
pub fn EditProductPage() -> impl IntoView {
    let params = use_params_map();
    let form = page_data(
        move || params.read().get("id").and_then(|v| v.parse::<i64>().ok()),
        |id| async move {
            match id {
                Some(id) => get_product_form(Some(id)).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Title text=tr!(products.edit_product)/>
        <p><a class="btn btn-quiet" href="/products">{tr!(products.back)}</a></p>
        <h1>{tr!(products.edit_product)}</h1>
        <Loaded form/>
    }
}

#[component]
fn Loaded(form: PageData<Result<ProductForm, AppError>>) -> impl IntoView {
    view! {
        <Suspense fallback=|| view! { <p class="loading">{tr!(common.loading)}</p> }>
            {move || Suspend::new(async move {
                match form.await {
                    Err(error) => view! { <LoadError error/> }.into_any(),
                    Ok(f) if f.families.is_empty() => view! {
                        <section class="card"><p>{tr!(products.family_first)}</p>
                        <a class="btn" href="/products">{tr!(products.back)}</a></section>
                    }.into_any(),
                    Ok(f) => view! { <Fields form=f/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// What the form shows in a field: what was typed before a failed submit,
/// else the stored value.
fn shown(error: Signal<Option<AppError>>, field: &str, stored: String) -> String {
    if error.get_untracked().is_some() {
        kept(error, field)
    } else {
        stored
    }
}

#[component]
fn Fields(form: ProductForm) -> impl IntoView {
    let action = ServerAction::<SaveProduct>::new();
    let error = action_error(action);
    let stored = form.product.clone();
    let texts = stored.as_ref().map(|p| p.texts.clone());
    let text = |field: &str| {
        texts
            .as_ref()
            .map(|t| t.original(field))
            .unwrap_or_default()
    };
    let families: Vec<(String, String)> = form
        .families
        .iter()
        .map(|f| (f.id.to_string(), f.name.clone()))
        .collect();
    // A program with one family has nothing to choose.
    let only_family = (families.len() == 1).then(|| families[0].0.clone());
    let units: Vec<(String, String)> = ProductUnit::ALL
        .iter()
        .map(|u| (u.as_str().to_owned(), u.label().to_owned()))
        .collect();
    let sku = shown(
        error,
        "sku",
        stored.as_ref().map(|p| p.sku.clone()).unwrap_or_default(),
    );
    let family = shown(
        error,
        "family",
        stored
            .as_ref()
            .map(|p| p.family_id.to_string())
            .or(only_family)
            .unwrap_or_default(),
    );
    let unit = shown(
        error,
        "unit",
        stored
            .as_ref()
            .map_or(ProductUnit::Piece, |p| p.unit)
            .as_str()
            .to_owned(),
    );
    let active = if error.get_untracked().is_some() {
        !kept(error, "active").is_empty()
    } else {
        stored.as_ref().is_none_or(|p| p.active)
    };
    let name = shown(error, "name", text("name"));
    let description = shown(error, "description", text("description"));
    view! {
        <section class="card">
            <FormError error/>
            <ServerForm action attr:class="form" attr:novalidate=true>
                {stored.as_ref().map(|p| view! { <input type="hidden" name="id" value=p.id/> })}
                <TextField name="sku" label=tr!(products.sku) value=sku required=true hint=tr!(products.sku_hint)
                    error=field_error(error, "sku") check=crate::components::field::Check::Sku/>
                <TextField name="name" label=tr!(products.name) value=name required=true error=field_error(error, "name")/>
                <div class="row">
                    <SelectField name="family" label=tr!(products.family) options=families selected=family empty=tr!(partners.choose) error=field_error(error, "family")/>
                    <SelectField name="unit" label=tr!(products.unit) options=units selected=unit error=field_error(error, "unit")/>
                </div>
                <TextField name="description" label=tr!(products.description) value=description multiline=true error=field_error(error, "description")/>
                <VersionFields texts id_prefix="product" error fields=vec![
                    VersionedField::line("name", tr!(products.name).to_owned()),
                    VersionedField::lines("description", tr!(products.description).to_owned()),
                ]/>
                <label class="check">
                    <input type="checkbox" name="active" id="f-active" checked=active/>
                    {tr!(products.active_label)}
                </label>
                <p class="field-hint">{tr!(products.active_hint)}</p>
                <button type="submit" class="btn btn-primary" disabled=move || action.pending().get()>{tr!(products.save)}</button>
            </ServerForm>
        </section>
    }
}
