//! Co-branding pages: the gallery, the vendor's template manager and the
//! partner's editor.

mod editor;
mod gallery;
mod template;

pub use editor::{DesignPage, NewDesignPage};
pub use gallery::CobrandPage;
pub use template::{NewTemplatePage, TemplatePage};

use crate::types::cobrand::DesignStatus;
use leptos::prelude::*;

#[component]
fn StatusBadge(status: DesignStatus) -> impl IntoView {
    let class = match status {
        DesignStatus::Draft => "badge",
        DesignStatus::Submitted => "badge badge-wait",
        DesignStatus::Approved => "badge badge-ok",
        DesignStatus::Rejected => "badge badge-bad",
    };
    view! { <span class=class>{status.label()}</span> }
}

/// A sanitised template rendering, shown inline (the server compiled it
/// from an allow-list, and every value in it is escaped).
#[component]
fn Thumb(svg: String, #[prop(into)] label: String) -> impl IntoView {
    view! { <div class="thumb" role="img" aria-label=label inner_html=svg></div> }
}
