//! Upload progress for plain multipart forms marked `data-progress="<id>"`:
//! with JavaScript the form is sent by XMLHttpRequest and the named
//! `<progress>` shows how much has gone up; the page then follows the
//! server's redirect as a normal submit would. Without JavaScript, or if
//! anything here fails, the form submits normally.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    Event, FormData, HtmlFormElement, HtmlProgressElement, ProgressEvent, SubmitEvent,
    XmlHttpRequest,
};

pub fn install() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let handler = Closure::<dyn FnMut(SubmitEvent)>::new(|ev: SubmitEvent| {
        let Some(form) = ev
            .target()
            .and_then(|t| t.dyn_into::<HtmlFormElement>().ok())
        else {
            return;
        };
        let Some(progress_id) = form.get_attribute("data-progress") else {
            return;
        };
        if send(&form, &progress_id).is_ok() {
            ev.prevent_default();
        }
    });
    let _ = document.add_event_listener_with_callback("submit", handler.as_ref().unchecked_ref());
    // Lives as long as the page.
    handler.forget();
}

fn send(form: &HtmlFormElement, progress_id: &str) -> Result<(), JsValue> {
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    let document = window.document().ok_or(JsValue::NULL)?;
    let progress: HtmlProgressElement = document
        .get_element_by_id(progress_id)
        .ok_or(JsValue::NULL)?
        .dyn_into()?;
    let data = FormData::new_with_form(form)?;
    let xhr = XmlHttpRequest::new()?;
    xhr.open("POST", &form.action())?;

    let bar = progress.clone();
    let on_progress = Closure::<dyn FnMut(ProgressEvent)>::new(move |e: ProgressEvent| {
        if e.length_computable() && e.total() > 0.0 {
            bar.set_value(e.loaded() / e.total() * 100.0);
        }
    });
    xhr.upload()?
        .set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
    on_progress.forget();

    // The request followed the server's redirect; show where it landed.
    let done = xhr.clone();
    let target = form.action();
    let on_done = Closure::<dyn FnMut(Event)>::new(move |_| {
        let url = done.response_url();
        let url = if url.is_empty() { target.clone() } else { url };
        if let Some(w) = web_sys::window() {
            let _ = w.location().set_href(&url);
        }
    });
    xhr.set_onload(Some(on_done.as_ref().unchecked_ref()));
    xhr.set_onerror(Some(on_done.as_ref().unchecked_ref()));
    on_done.forget();

    progress.set_value(0.0);
    progress.set_hidden(false);
    xhr.send_with_opt_form_data(Some(&data))
}
