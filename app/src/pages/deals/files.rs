//! A registration's files: the list (each opens in a new tab) and, while
//! the registration is open, a plain multipart form to add more, which
//! works without JavaScript (on a phone the picker offers the camera too).

use crate::pages::file_size;
use crate::tr;
use crate::types::deal::DealDetail;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn Files(deal: DealDetail) -> impl IntoView {
    let query = use_query_map();
    let problem = move || query.read().get("file_error");
    let id = deal.id;
    let list = if deal.files.is_empty() {
        view! { <p class="muted">{tr!(deals.no_files)}</p> }.into_any()
    } else {
        view! {
            <ul class="files">
                {deal.files.iter().map(|f| view! {
                    <li>
                        <a href=format!("/media/deal-files/{}", f.id) target="_blank" rel="noopener">{f.name.clone()}</a>
                        <span class="muted">{format!(" · {} · {}", file_size(f.size_bytes), tr!(deals.file_by, who = &f.who, at = &f.at))}</span>
                        {f.removable.then(|| view! {
                            <form method="post" action=format!("/deals/{id}/files/{}/remove", f.id) class="inline">
                                <button type="submit" class="btn btn-quiet" aria-label=tr!(deals.remove_file, name = &f.name).to_string()>{tr!(deals.remove)}</button>
                            </form>
                        })}
                    </li>
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class="card" id="files">
            <h2>{tr!(deals.files)}</h2>
            {move || problem().map(|m| view! { <p class="notice notice-error" role="alert" id="file-error">{m}</p> })}
            {list}
            {deal.may.attach.then(|| view! {
                <form method="post" enctype="multipart/form-data" action=format!("/deals/{id}/files") class="proof-form">
                    <div class="field">
                        <label for="f-deal-file">{tr!(deals.add_file)}</label>
                        <p class="field-hint" id="f-deal-file-hint">{tr!(deals.file_hint)}</p>
                        <input id="f-deal-file" type="file" name="file" multiple accept="application/pdf,image/jpeg,image/png,image/heic" aria-describedby="f-deal-file-hint"/>
                    </div>
                    <button type="submit" class="btn">{tr!(deals.upload_file)}</button>
                </form>
            })}
        </section>
    }
}
