//! Product families on the catalogue page: each with its size, renamed in
//! place, and a new one added.

use crate::api::products::SaveProductFamily;
use crate::components::field::TextField;
use crate::components::notice::FormError;
use crate::components::server_form::ServerForm;
use crate::components::versions::{VersionFields, VersionedField};
use crate::pages::{action_error, field_error, kept};
use crate::tr;
use crate::types::product::FamilyView;
use leptos::prelude::*;

#[component]
pub fn Families(families: Vec<FamilyView>) -> impl IntoView {
    view! {
        <section class="card">
            <h2>{tr!(products.families)}</h2>
            <p class="muted">{tr!(products.families_hint)}</p>
            <ul class="people families">
                {families.into_iter().map(|f| view! { <FamilyLine family=f/> }).collect_view()}
            </ul>
            <FamilyForm family=None/>
        </section>
    }
}

#[component]
fn FamilyLine(family: FamilyView) -> impl IntoView {
    let count = tr!(products.family_size, count = family.products).to_string();
    view! {
        <li>
            <div class="family-line">
                <a href=format!("/products?family={}", family.id)>{family.name.clone()}</a>
                <span class="muted">{count}</span>
            </div>
            <FamilyForm family=Some(family)/>
        </li>
    }
}

/// Renames `family`, or adds a new one.
#[component]
fn FamilyForm(family: Option<FamilyView>) -> impl IntoView {
    let action = ServerAction::<SaveProductFamily>::new();
    let error = action_error(action);
    let open = move || error.get().is_some();
    let prefix = family
        .as_ref()
        .map_or_else(|| "family-new".to_owned(), |f| format!("family-{}", f.id));
    let texts = family.as_ref().and_then(|f| f.texts.clone());
    let stored = texts
        .as_ref()
        .map(|t| t.original("name"))
        .unwrap_or_default();
    let name = Some(kept(error, "name"))
        .filter(|v| !v.is_empty())
        .unwrap_or(stored);
    let (summary, button) = if family.is_some() {
        (tr!(products.rename_family), tr!(products.save_family))
    } else {
        (tr!(products.new_family), tr!(products.add_family))
    };
    view! {
        <details class="family-form" open=open>
            <summary class=if family.is_some() { "btn btn-quiet" } else { "btn" }>{summary}</summary>
            <ServerForm action attr:class="form" attr:novalidate=true>
                <FormError error/>
                {family.as_ref().map(|f| view! { <input type="hidden" name="id" value=f.id/> })}
                <TextField name="name" id=format!("{prefix}-name") label=tr!(products.family_name) value=name required=true error=field_error(error, "name")/>
                <VersionFields texts id_prefix=prefix error fields=vec![
                    VersionedField::line("name", tr!(products.family_name).to_owned()),
                ]/>
                <button type="submit" class="btn btn-primary" disabled=move || action.pending().get()>{button}</button>
            </ServerForm>
        </details>
    }
}
