//! Labelled form fields that show the server's message beside the input and
//! mirror the same checks in the browser as the user leaves the field.

use leptos::prelude::*;

/// A browser-side mirror of one of the server's checks (the server stays the
/// authority). An enum rather than a function so that a checked field can be
/// an island, whose props travel to the browser as data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Check {
    Email,
    OptionalEmail,
    NewPassword,
    Sku,
    Name,
    Website,
    Phone,
    Colour,
}

impl Check {
    /// The message for `value`, or `None` when it passes.
    pub fn verdict(self, value: &str) -> Option<String> {
        match self {
            Check::Email => checks::email(value),
            Check::OptionalEmail => checks::optional_email(value),
            Check::NewPassword => checks::new_password(value),
            Check::Sku => checks::sku(value),
            Check::Name => checks::name(value),
            Check::Website => checks::website(value),
            Check::Phone => checks::phone(value),
            Check::Colour => checks::colour(value),
        }
    }
}

/// What a text field shows, apart from its message.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct FieldSpec {
    pub id: String,
    pub name: String,
    pub label: String,
    pub value: String,
    pub kind: String,
    pub autocomplete: Option<String>,
    pub list: Option<String>,
    pub hint: Option<String>,
    pub required: bool,
    pub multiline: bool,
}

#[component]
pub fn TextField(
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    /// Element id; defaults to `f-<name>`. Needed when a page has two forms with the same field.
    #[prop(into, optional)]
    id: Option<String>,
    /// Initial value (e.g. what the user typed before a failed submit).
    #[prop(into, optional)]
    value: Option<String>,
    #[prop(into, default = "text".to_string())] kind: String,
    #[prop(into, optional)] autocomplete: Option<String>,
    /// Id of a `<datalist>` with suggestions.
    #[prop(into, optional)]
    list: Option<String>,
    #[prop(into, optional)] hint: Option<String>,
    #[prop(optional)] required: bool,
    #[prop(optional)] multiline: bool,
    /// Message from the server for this field.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// Browser-side mirror of the server's check.
    #[prop(optional)]
    check: Option<Check>,
) -> impl IntoView {
    let spec = FieldSpec {
        id: id.unwrap_or_else(|| format!("f-{name}")),
        name,
        label,
        value: value.unwrap_or_default(),
        kind,
        autocomplete,
        list,
        hint,
        required,
        multiline,
    };
    match check {
        // The check runs in the browser, so the field hydrates; the server's
        // message is the one of this render.
        Some(check) => view! { <CheckedField spec error=error.get_untracked() check/> }.into_any(),
        None => field(spec, error, None).into_any(),
    }
}

/// A text field whose check runs in the browser as the user leaves it.
#[island]
fn CheckedField(spec: FieldSpec, error: Option<String>, check: Check) -> impl IntoView {
    field(spec, Signal::stored(error), Some(check))
}

fn field(spec: FieldSpec, error: Signal<Option<String>>, check: Option<Check>) -> impl IntoView {
    let FieldSpec {
        id,
        name,
        label,
        value,
        kind,
        autocomplete,
        list,
        hint,
        required,
        multiline,
    } = spec;
    let err_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let local = RwSignal::new(None::<String>);
    // Once the user edits the field, the browser's verdict replaces the
    // server's until the next submit. Checks run when leaving the field, and
    // while typing only to clear a shown message, so nothing moves under the
    // pointer at the moment the user clicks submit.
    let touched = RwSignal::new(false);
    Effect::new(move |_| {
        error.track();
        touched.set(false);
        local.set(None);
    });
    let shown = Signal::derive(move || {
        if touched.get() {
            local.get()
        } else {
            error.get()
        }
    });
    let verdict = move |value: &str| check.and_then(|check| check.verdict(value));
    let on_input = move |ev: leptos::ev::Event| {
        if shown.get_untracked().is_some() {
            touched.set(true);
            local.set(verdict(&event_target_value(&ev)));
        }
    };
    let on_change = move |ev: leptos::ev::Event| {
        touched.set(true);
        local.set(verdict(&event_target_value(&ev)));
    };
    let described = {
        let err_id = err_id.clone();
        let hint_id = hint_id.clone();
        let has_hint = hint.is_some();
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if shown.get().is_some() {
                ids.push(err_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let invalid = move || shown.get().is_some().then_some("true");
    let input = if multiline {
        view! {
            <textarea id=id.clone() name=name.clone() rows="4" required=required
                aria-invalid=invalid aria-describedby=described.clone()
                on:input=on_input on:change=on_change>{value.clone()}</textarea>
        }
        .into_any()
    } else {
        view! {
            <input id=id.clone() name=name.clone() type=kind value=value.clone()
                autocomplete=autocomplete list=list required=required
                aria-invalid=invalid aria-describedby=described
                on:input=on_input on:change=on_change/>
        }
        .into_any()
    };
    view! {
        <div class="field" class:field-invalid=move || shown.get().is_some()>
            <label for=id>{label}</label>
            {hint.map(|h| view! { <p class="field-hint" id=hint_id>{h}</p> })}
            {input}
            {move || shown.get().map(|m| view! { <p class="field-error" id=err_id.clone()>{m}</p> })}
        </div>
    }
}

#[component]
pub fn SelectField(
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    /// Element id; defaults to `f-<name>`.
    #[prop(into, optional)]
    id: Option<String>,
    /// (value, label) pairs.
    options: Vec<(String, String)>,
    #[prop(into, optional)] selected: Option<String>,
    /// Text of a leading empty option, if any.
    #[prop(into, optional)]
    empty: Option<String>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let id = id.unwrap_or_else(|| format!("f-{name}"));
    let err_id = format!("{id}-error");
    let selected = selected.unwrap_or_default();
    let described = {
        let err_id = err_id.clone();
        move || error.get().map(|_| err_id.clone())
    };
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label for=id.clone()>{label}</label>
            <select id=id name=name aria-invalid=move || error.get().map(|_| "true") aria-describedby=described>
                {empty.map(|text| view! { <option value="" selected=selected.is_empty()>{text}</option> })}
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        let is = value == selected;
                        view! { <option value=value selected=is>{text}</option> }
                    })
                    .collect_view()}
            </select>
            {move || error.get().map(|m| view! { <p class="field-error" id=err_id.clone()>{m}</p> })}
        </div>
    }
}

/// Browser mirrors of the server's checks, behind [`Check`].
mod checks {
    use crate::types::form::check;
    use crate::types::FormErrors;

    fn run(f: impl FnOnce(&mut FormErrors)) -> Option<String> {
        let mut e = FormErrors::new();
        f(&mut e);
        e.fields.into_iter().next().map(|(_, m)| m)
    }

    pub fn email(v: &str) -> Option<String> {
        run(|e| {
            check::email(e, "x", v);
        })
    }

    pub fn optional_email(v: &str) -> Option<String> {
        if v.trim().is_empty() {
            None
        } else {
            email(v)
        }
    }

    pub fn new_password(v: &str) -> Option<String> {
        run(|e| check::new_password(e, v, v))
    }

    pub fn sku(v: &str) -> Option<String> {
        crate::types::product::normalise_sku(v)
            .err()
            .map(|problem| problem.message())
    }

    pub fn name(v: &str) -> Option<String> {
        run(|e| {
            check::required(e, "x", v, crate::tr!(checks.a_name), 120);
        })
    }

    pub fn website(v: &str) -> Option<String> {
        run(|e| {
            check::website(e, "x", v);
        })
    }

    pub fn phone(v: &str) -> Option<String> {
        run(|e| {
            check::phone(e, "x", v);
        })
    }

    pub fn colour(v: &str) -> Option<String> {
        run(|e| {
            check::colour(e, "x", v);
        })
    }
}
