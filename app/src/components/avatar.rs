use leptos::prelude::*;

/// A partner's logo, or its initials on its brand colour when it has none.
#[component]
pub fn Avatar(
    #[prop(into)] name: String,
    #[prop(into)] colour: String,
    logo: Option<String>,
    #[prop(optional)] large: bool,
) -> impl IntoView {
    let class = if large { "avatar avatar-lg" } else { "avatar" };
    match logo {
        Some(src) => view! { <img class=format!("{class} avatar-img") src=src alt="" width="56" height="56" loading="lazy"/> }.into_any(),
        None => {
            let initials: String = name.split_whitespace().filter_map(|w| w.chars().next()).take(2).collect();
            view! { <span class=class style=format!("--swatch: {colour}") aria-hidden="true">{initials}</span> }.into_any()
        }
    }
}
