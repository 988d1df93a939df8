//! Choosing a partner in a form: a select while the program is small enough
//! to list every partner, else a name field whose suggestions follow the
//! typing (the server resolves the typed name, so it works without
//! JavaScript too).

use super::field::{SelectField, TextField};
use crate::api::partners::list_partners;
use crate::types::views::PartnerFilter;
use leptos::prelude::*;

#[component]
pub fn PartnerField(
    #[prop(into)] id: String,
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    /// Choices before the partners (e.g. tier pools): (value, label).
    #[prop(optional)]
    fixed: Vec<(String, String)>,
    /// (value, name) of each partner, when `all_listed`.
    partners: Vec<(String, String)>,
    all_listed: bool,
    #[prop(into)] selected: String,
    #[prop(into)] empty: String,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    if all_listed {
        let mut options = fixed;
        options.extend(partners);
        return view! {
            <SelectField id=id name=name label=label options=options selected=selected empty=empty error=error/>
        }
        .into_any();
    }
    let hint = if fixed.is_empty() {
        crate::tr!(partner_field.hint).to_owned()
    } else {
        let pools: Vec<&str> = fixed.iter().map(|(_, l)| l.as_str()).collect();
        crate::tr!(partner_field.hint_pools, pools = pools.join(", ")).to_string()
    };
    let pools = fixed.into_iter().map(|(_, label)| label).collect();
    view! { <PartnerNameField id name label hint pools selected error=error.get_untracked()/> }
        .into_any()
}

/// The name field with suggestions that follow the typing: it hydrates,
/// with the server's message of this render.
#[island]
fn PartnerNameField(
    id: String,
    name: String,
    label: String,
    hint: String,
    /// Names of the choices offered before any partner (tier pools).
    pools: Vec<String>,
    selected: String,
    error: Option<String>,
) -> impl IntoView {
    let list_id = format!("{id}-suggestions");
    let hints = RwSignal::new(Vec::<String>::new());
    let lookup = Action::new(move |q: &String| {
        let filter = PartnerFilter {
            q: q.clone(),
            ..Default::default()
        };
        async move {
            if let Ok(found) = list_partners(filter).await {
                hints.set(found.items.into_iter().map(|p| p.name).collect());
            }
        }
    });
    // Typing bubbles up from the input; two letters narrow 100,000 names enough.
    let on_input = move |ev: leptos::ev::Event| {
        let typed = event_target_value(&ev);
        if typed.trim().chars().count() >= 2 {
            lookup.dispatch(typed.trim().to_owned());
        } else {
            hints.set(Vec::new());
        }
    };
    view! {
        <div class="partner-field" on:input=on_input>
            <TextField id=id name=name label=label value=selected list=list_id.clone() autocomplete="off" hint=hint error=Signal::stored(error)/>
            <datalist id=list_id>
                {pools.into_iter().map(|l| view! { <option value=l></option> }).collect_view()}
                {move || hints.get().into_iter().map(|n| view! { <option value=n></option> }).collect_view()}
            </datalist>
        </div>
    }
}
