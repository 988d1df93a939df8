//! The language switch: a plain form posting to `set_language`, so the
//! whole page reloads in the chosen language (strings are not reactive).

use crate::api::account::SetLanguage;
use crate::locale::{self, Locale};
use crate::tr;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_location;

/// One button per other language, named in that language; comes back to
/// the page it was pressed on.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let here = use_location();
    let next = move || format!("{}{}", here.pathname.get(), here.search.get());
    let current = locale::current();
    view! {
        <form class="language-switch" method="post" action=SetLanguage::url()>
            <input type="hidden" name="next" value=next/>
            <span class="muted">{tr!(language.label)}": "</span>
            {locale::all().iter().copied().map(|l| language_button(l, current)).collect_view()}
        </form>
    }
}

fn language_button(option: Locale, current: Locale) -> impl IntoView {
    let code = locale::code_of(option);
    let name = locale::endonym(option);
    view! {
        <button type="submit" name="lang" value=code lang=code class="btn btn-quiet"
            aria-pressed=if option == current { "true" } else { "false" }
            disabled=option == current>
            {name}
        </button>
    }
}
