//! Pictures in forum posts: a file input marked `data-attach="<textarea
//! id>"` uploads the chosen picture and inserts the Markdown that shows it
//! at the cursor. The element `<input id>-status` reports progress and
//! refusals. Without JavaScript the input is inert (it has no name, so the
//! reply form never sends it).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Event, FormData, HtmlInputElement, HtmlTextAreaElement, XmlHttpRequest};

pub fn install() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let handler = Closure::<dyn FnMut(Event)>::new(|ev: Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        else {
            return;
        };
        if let Some(target) = input.get_attribute("data-attach") {
            let _ = send(&input, &target);
        }
    });
    let _ = document.add_event_listener_with_callback("change", handler.as_ref().unchecked_ref());
    handler.forget();
}

fn status(input: &HtmlInputElement, text: &str) {
    let id = format!("{}-status", input.id());
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(&id))
    {
        el.set_text_content(Some(text));
    }
}

fn send(input: &HtmlInputElement, target: &str) -> Result<(), JsValue> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or(JsValue::NULL)?;
    let area: HtmlTextAreaElement = document
        .get_element_by_id(target)
        .ok_or(JsValue::NULL)?
        .dyn_into()?;
    let file = input.files().and_then(|f| f.get(0)).ok_or(JsValue::NULL)?;
    let data = FormData::new()?;
    data.append_with_blob_and_filename("file", &file, &file.name())?;
    let xhr = XmlHttpRequest::new()?;
    xhr.open("POST", "/forum/uploads")?;
    status(input, "Uploading the picture…");
    let done = xhr.clone();
    let field = input.clone();
    let on_load = Closure::<dyn FnMut()>::new(move || {
        let text = done.response_text().ok().flatten().unwrap_or_default();
        if done.status().unwrap_or(0) == 200 {
            insert(&area, &text);
            status(&field, "Picture added.");
        } else if text.is_empty() {
            status(&field, "The picture could not be uploaded. Try again.");
        } else {
            status(&field, &text);
        }
        field.set_value("");
    });
    xhr.set_onload(Some(on_load.as_ref().unchecked_ref()));
    on_load.forget();
    let failed = input.clone();
    let on_error = Closure::<dyn FnMut()>::new(move || {
        status(
            &failed,
            "The picture could not be uploaded. Check your connection and try again.",
        );
    });
    xhr.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    xhr.send_with_opt_form_data(Some(&data))
}

/// Puts the Markdown on its own line at the cursor, and tells the editor
/// (draft saving) that the text changed.
fn insert(area: &HtmlTextAreaElement, markdown: &str) {
    let value = area.value();
    let units: Vec<u16> = value.encode_utf16().collect();
    let at = (area
        .selection_start()
        .ok()
        .flatten()
        .unwrap_or(units.len() as u32) as usize)
        .min(units.len());
    let head = String::from_utf16_lossy(&units[..at]);
    let tail = String::from_utf16_lossy(&units[at..]);
    let before = if head.is_empty() || head.ends_with('\n') {
        ""
    } else {
        "\n"
    };
    let inserted = format!("{before}{markdown}\n");
    area.set_value(&format!("{head}{inserted}{tail}"));
    let cursor = (head.encode_utf16().count() + inserted.encode_utf16().count()) as u32;
    let _ = area.set_selection_range(cursor, cursor);
    if let Ok(ev) = Event::new("input") {
        let _ = area.dispatch_event(&ev);
    }
}
