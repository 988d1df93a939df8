//! The conflict check while the partner types: a moment after they stop
//! changing the customer, its place or the product families, the server
//! says whether another partner has registered the customer or the vendor
//! keeps it for itself, never who. The server checks again on submit, so
//! without JavaScript nothing is missed but the early warning.

use crate::api::deals::check_deal_customer;
use crate::tr;
use crate::types::deal::ConflictHint;
use leptos::prelude::*;

/// How long typing must pause before the check runs.
const PAUSE_MS: u64 = 400;

/// What the check reads of the form.
#[derive(Clone, Debug, Default, PartialEq)]
struct Typed {
    name: String,
    website: String,
    contact_email: String,
    country: String,
    city: String,
    postcode: String,
    /// The chosen families' ids, comma separated.
    families: String,
}

impl Typed {
    /// Too little to compare yet: a name of two letters matches half the
    /// program.
    fn too_short(&self) -> bool {
        self.name.trim().chars().count() < 3
            && self.website.trim().is_empty()
            && self.contact_email.trim().is_empty()
    }
}

/// Wraps the form's fields and shows what the check found above them.
#[island]
pub fn CustomerCheck(children: Children) -> impl IntoView {
    let hints = RwSignal::new(Vec::<ConflictHint>::new());
    let latest = StoredValue::new(Typed::default());
    let edits = StoredValue::new(0u64);
    let check = Action::new(move |typed: &Typed| {
        let t = typed.clone();
        async move {
            let asked = t.clone();
            let found = check_deal_customer(
                t.name,
                t.website,
                t.contact_email,
                t.country,
                t.city,
                t.postcode,
                t.families,
            )
            .await;
            // An answer overtaken by later typing is dropped.
            if let (Ok(found), true) = (found, latest.get_value() == asked) {
                hints.set(found);
            }
        }
    });
    let on_edit = move |ev: leptos::ev::Event| {
        let Some(typed) = read_form(&ev) else {
            return;
        };
        edits.update_value(|n| *n += 1);
        let this_edit = edits.get_value();
        set_timeout(
            move || {
                if edits.get_value() != this_edit || latest.get_value() == typed {
                    return;
                }
                latest.set_value(typed.clone());
                if typed.too_short() {
                    hints.set(Vec::new());
                } else {
                    check.dispatch(typed);
                }
            },
            std::time::Duration::from_millis(PAUSE_MS),
        );
    };
    view! {
        <div on:input=on_edit on:change=on_edit>
            <div id="customer-check" role="status" aria-live="polite">
                {move || hints.get().into_iter().map(|h| view! {
                    <p class="notice notice-warn">{match h {
                        ConflictHint::AlreadyRegistered => tr!(deals.hint_registered),
                        ConflictHint::ReservedAccount => tr!(deals.hint_reserved),
                    }}</p>
                }).collect_view()}
            </div>
            {children()}
        </div>
    }
}

/// The customer fields of the form the edited field belongs to.
#[cfg(feature = "hydrate")]
fn read_form(ev: &leptos::ev::Event) -> Option<Typed> {
    use wasm_bindgen::JsCast;
    let field = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    let form = field
        .closest("form")
        .ok()??
        .dyn_into::<web_sys::HtmlFormElement>()
        .ok()?;
    let data = web_sys::FormData::new_with_form(&form).ok()?;
    let get = |name: &str| data.get(name).as_string().unwrap_or_default();
    let families: Vec<String> = (1..=super::form::LINES)
        .map(|n| get(&format!("family_{n}")))
        .filter(|f| !f.is_empty())
        .collect();
    Some(Typed {
        name: get("customer_name"),
        website: get("website"),
        contact_email: get("contact_email"),
        country: get("country"),
        city: get("city"),
        postcode: get("postcode"),
        families: families.join(","),
    })
}

/// Events run in the browser only.
#[cfg(not(feature = "hydrate"))]
fn read_form(_: &leptos::ev::Event) -> Option<Typed> {
    None
}
