//! The post body editor: a Markdown textarea that keeps an unsent draft in
//! the browser (it survives a reload on the phone), completes @mentions as
//! the user types, and takes quotes from the posts above.

use crate::api::forum::find_members;
use crate::forum::mention;
use crate::tr;
use crate::types::forum::MemberHint;
use leptos::html::Textarea;
use leptos::prelude::*;

/// Quotes requested by a post's "Quote" button, for the editor on the page.
#[derive(Clone, Copy)]
pub struct QuoteRequest(pub RwSignal<Option<String>>);

#[cfg(feature = "hydrate")]
mod storage {
    pub fn load(key: &str) -> Option<String> {
        let store = leptos::prelude::window().local_storage().ok()??;
        store.get_item(key).ok()?
    }

    pub fn save(key: &str, value: &str) {
        if let Ok(Some(store)) = leptos::prelude::window().local_storage() {
            let _ = if value.trim().is_empty() {
                store.remove_item(key)
            } else {
                store.set_item(key, value)
            };
        }
    }
}

/// Forgets a draft (after it was posted).
pub fn clear_draft(_key: &str) {
    #[cfg(feature = "hydrate")]
    storage::save(_key, "");
}

/// The body editor for a form that posts without an island around it (a new
/// topic, an edit): its draft is forgotten when the form is sent, since a
/// refused post comes back with what was typed.
#[island]
pub fn DraftBody(
    id: String,
    label: String,
    draft_key: String,
    value: String,
    error: Option<String>,
) -> impl IntoView {
    let node = NodeRef::<Textarea>::new();
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let key = draft_key.clone();
        let listener = window_event_listener(leptos::ev::submit, move |ev| {
            let sent = ev.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
            if let (Some(form), Some(area)) = (sent, node.get_untracked()) {
                if form.contains(Some(&area)) {
                    clear_draft(&key);
                }
            }
        });
        on_cleanup(move || listener.remove());
    }
    view! { <BodyEditor id label draft_key value error=Signal::stored(error) node/> }
}

#[component]
pub fn BodyEditor(
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    /// localStorage key of the draft.
    #[prop(into)]
    draft_key: String,
    /// Text to start with (what the server kept, or a quote).
    #[prop(into, optional)]
    value: String,
    #[prop(into)] error: Signal<Option<String>>,
    node: NodeRef<Textarea>,
) -> impl IntoView {
    let hints = RwSignal::new(Vec::<MemberHint>::new());
    // (char index of the @, cursor) of the mention being typed.
    let typing = RwSignal::new(None::<(usize, usize)>);
    let err_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let list_id = format!("{id}-mentions");
    let quote = use_context::<QuoteRequest>();

    // Restore a draft once the page is interactive, unless the server
    // already filled the box (a failed submit keeps the typed text).
    #[cfg(feature = "hydrate")]
    {
        let key = draft_key.clone();
        Effect::new(move |_| {
            if let Some(el) = node.get() {
                if el.value().trim().is_empty() {
                    if let Some(saved) = storage::load(&key) {
                        el.set_value(&saved);
                    }
                }
            }
        });
    }
    if let Some(QuoteRequest(request)) = quote {
        Effect::new(move |_| {
            if let Some(text) = request.get() {
                if let Some(el) = node.get_untracked() {
                    let current = el.value();
                    let joined = if current.trim().is_empty() {
                        text
                    } else {
                        format!("{}\n\n{text}", current.trim_end())
                    };
                    el.set_value(&joined);
                    let _ = el.focus();
                }
                request.set(None);
            }
        });
    }

    let lookup = Action::new(move |prefix: &String| {
        let prefix = prefix.clone();
        async move {
            if let Ok(found) = find_members(prefix).await {
                hints.set(found);
            }
        }
    });
    let key = draft_key.clone();
    let on_input = move |_ev: leptos::ev::Event| {
        let Some(el) = node.get_untracked() else {
            return;
        };
        let text = el.value();
        #[cfg(feature = "hydrate")]
        storage::save(&key, &text);
        let _ = &key;
        let cursor_byte = el.selection_start().ok().flatten().unwrap_or(0) as usize;
        // selectionStart counts UTF-16 units; convert to chars.
        let cursor = utf16_to_chars(&text, cursor_byte);
        match mention::typing_at(&text, cursor) {
            Some((at, partial)) if !partial.is_empty() => {
                typing.set(Some((at, cursor)));
                lookup.dispatch(partial);
            }
            _ => {
                typing.set(None);
                hints.set(Vec::new());
            }
        }
    };
    let pick = move |handle: String| {
        let (Some(el), Some((at, cursor))) = (node.get_untracked(), typing.get_untracked()) else {
            return;
        };
        let (text, new_cursor) = mention::complete(&el.value(), at, cursor, &handle);
        el.set_value(&text);
        let pos = chars_to_utf16(&text, new_cursor) as u32;
        let _ = el.set_selection_range(pos, pos);
        let _ = el.focus();
        hints.set(Vec::new());
        typing.set(None);
    };
    let described = {
        let err_id = err_id.clone();
        let hint_id = hint_id.clone();
        move || {
            if error.get().is_some() {
                format!("{hint_id} {err_id}")
            } else {
                hint_id.clone()
            }
        }
    };
    let list_for_aria = list_id.clone();
    let area_id = id.clone();
    let file_id = format!("{id}-picture");
    let status_id = format!("{file_id}-status");
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label for=id.clone()>{label}</label>
            <p class="field-hint" id=hint_id>{tr!(forum.markdown_hint)}</p>
            <textarea id=id name="body" rows="6" node_ref=node
                aria-invalid=move || error.get().map(|_| "true")
                aria-describedby=described
                aria-controls=list_for_aria
                on:input=on_input>{value}</textarea>
            <ul class="mention-hints" id=list_id role="listbox" aria-label=tr!(forum.people_to_mention) hidden=move || hints.get().is_empty()>
                {move || hints.get().into_iter().map(|h| {
                    let handle = h.handle.clone();
                    view! {
                        <li role="option">
                            <button type="button" class="btn btn-quiet" on:click=move |_| pick(handle.clone())>
                                <strong>{format!("@{}", h.handle)}</strong>" "<span class="muted">{format!("{} · {}", h.name, h.org)}</span>
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            {move || error.get().map(|m| view! { <p class="field-error" id=err_id.clone()>{m}</p> })}
            <div class="attach">
                <label for=file_id.clone() class="btn btn-quiet">{tr!(forum.add_picture)}</label>
                <input id=file_id.clone() class="sr-only" type="file" accept="image/png,image/jpeg,image/webp,image/gif" data-attach=area_id/>
                <span class="muted" id=status_id role="status"></span>
            </div>
        </div>
    }
}

fn utf16_to_chars(text: &str, units: usize) -> usize {
    let mut seen = 0;
    for (i, c) in text.chars().enumerate() {
        if seen >= units {
            return i;
        }
        seen += c.len_utf16();
    }
    text.chars().count()
}

fn chars_to_utf16(text: &str, chars: usize) -> usize {
    text.chars().take(chars).map(char::len_utf16).sum()
}
