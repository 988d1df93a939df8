//! "Load from a file" for source text areas: a file input marked
//! `data-fill="<textarea id>"` reads the chosen file into the text area, so
//! a vendor can pick an SVG or MJML file instead of pasting it. Without
//! JavaScript the input is inert and pasting still works.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Event, FileReader, HtmlInputElement, HtmlTextAreaElement};

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
        let Some(target_id) = input.get_attribute("data-fill") else {
            return;
        };
        let file = input.files().and_then(|files| files.get(0));
        let area = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(&target_id))
            .and_then(|e| e.dyn_into::<HtmlTextAreaElement>().ok());
        let (Some(file), Some(area), Ok(reader)) = (file, area, FileReader::new()) else {
            return;
        };
        let done = {
            let reader = reader.clone();
            Closure::<dyn FnMut()>::new(move || {
                if let Some(text) = reader.result().ok().and_then(|r| r.as_string()) {
                    area.set_value(&text);
                    if let Ok(input) = Event::new("input") {
                        let _ = area.dispatch_event(&input);
                    }
                }
            })
        };
        reader.set_onload(Some(done.as_ref().unchecked_ref()));
        done.forget();
        let _ = reader.read_as_text(&file);
    });
    let _ = document.add_event_listener_with_callback("change", handler.as_ref().unchecked_ref());
    handler.forget();
}
