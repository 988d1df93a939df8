//! The versions of a published text (a category's name, a campaign's goal)
//! in the portal's other languages: one optional group of fields per
//! language under the originals (`types::localized`).

use crate::components::field::TextField;
use crate::error::AppError;
use crate::locale::{self, Locale};
use crate::tr;
use crate::types::localized::{field_name, other_languages, Texts};
use leptos::prelude::*;

/// One field that has versions: its name in the form, its label, and
/// whether it takes several lines.
#[derive(Clone)]
pub struct VersionedField {
    pub field: String,
    pub label: String,
    pub multiline: bool,
}

impl VersionedField {
    pub fn line(field: &str, label: String) -> Self {
        VersionedField {
            field: field.to_owned(),
            label,
            multiline: false,
        }
    }

    pub fn lines(field: &str, label: String) -> Self {
        VersionedField {
            field: field.to_owned(),
            label,
            multiline: true,
        }
    }
}

/// The hidden language of the originals and, per other language, a group
/// of the `fields`. `texts` is what is stored when changing a record; a new
/// one is written in the page's language.
#[component]
pub fn VersionFields(
    texts: Option<Texts>,
    fields: Vec<VersionedField>,
    /// Prefix for element ids, for pages with two such forms.
    #[prop(into)]
    id_prefix: String,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let original = texts
        .as_ref()
        .map(Texts::written_in)
        .unwrap_or_else(locale::current);
    let translations = texts.map(|t| t.translations).unwrap_or_default();
    view! {
        <input type="hidden" name="language" value=locale::code_of(original)/>
        {other_languages(original).into_iter().map(|other| {
            let language = locale::endonym(other);
            view! {
                <fieldset class="field versions">
                    <legend>{tr!(localized.optional, language = language).to_string()}</legend>
                    <p class="field-hint">{tr!(localized.hint, language = language).to_string()}</p>
                    {fields.iter().map(|f| version_field(f, other, &translations, &id_prefix, error)).collect_view()}
                </fieldset>
            }
        }).collect_view()}
    }
}

fn version_field(
    f: &VersionedField,
    other: Locale,
    translations: &crate::types::localized::Translations,
    id_prefix: &str,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let name = field_name(&f.field, other);
    let kept = error.get_untracked().and_then(|e| e.kept(&name));
    let value = kept.unwrap_or_else(|| {
        translations
            .get(other, &f.field)
            .unwrap_or_default()
            .to_owned()
    });
    // The language in the label too: a screen reader may not announce the
    // group's legend, and "Name" twice in a form is ambiguous.
    let label = tr!(
        localized.field_in,
        field = &f.label,
        language = locale::endonym(other)
    )
    .to_string();
    let id = format!(
        "{id_prefix}-{}-{}",
        f.field.replace(':', "-"),
        locale::code_of(other)
    );
    let message = {
        let name = name.clone();
        Signal::derive(move || error.get().and_then(|e| e.field(&name)))
    };
    view! {
        <TextField name=name id=id label=label value=value multiline=f.multiline error=message/>
    }
}
