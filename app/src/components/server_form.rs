//! A form that calls a server function: Leptos's `ActionForm`, reading the
//! fields with [`crate::form_fields`] instead of serde_qs (a smaller browser
//! bundle; see that module). Outside an island, and without JavaScript, it
//! is a plain form posting to the function's URL.

use crate::form_fields;
use leptos::ev::{submit, SubmitEvent};
use leptos::form::form_data_from_event;
use leptos::html::form;
use leptos::prelude::*;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use leptos::server_fn::ServerFn;
use leptos::web_sys::UrlSearchParams;
use serde::de::DeserializeOwned;

/// The portal's form for server actions. Named apart from Leptos's
/// `ActionForm` (same props) so a page cannot get the other one by a missing
/// import.
#[component]
pub fn ServerForm<ServFn>(
    /// The action the form dispatches.
    action: ServerAction<ServFn>,
    children: Children,
) -> impl IntoView
where
    ServFn: DeserializeOwned + ServerFn + Clone + Send + Sync + 'static,
    ServFn::Output: Send + Sync + 'static,
    ServFn::Error: Send + Sync + 'static,
{
    let on_submit = move |ev: SubmitEvent| {
        if ev.default_prevented() {
            return;
        }
        ev.prevent_default();
        match read_arguments::<ServFn>(&ev) {
            Ok(input) => {
                action.dispatch(input);
            }
            // Shown like any failed call, where the page shows its errors.
            Err(message) => {
                let error = ServerFnErrorErr::Serialization(message);
                action
                    .value()
                    .set(Some(Err(ServFn::Error::from_server_fn_error(error))));
                action.version().update(|n| *n += 1);
            }
        }
    };
    form()
        .action(ServFn::url())
        .method("post")
        .on(submit, on_submit)
        .child(children())
}

/// The submitted fields (with the pressed button's name and value) as the
/// server function's arguments.
fn read_arguments<ServFn: DeserializeOwned>(ev: &SubmitEvent) -> Result<ServFn, String> {
    let data = form_data_from_event(ev).map_err(|e| e.to_string())?;
    let encoded = UrlSearchParams::new_with_str_sequence_sequence(&data)
        .map_err(|e| format!("{e:?}"))?
        .to_string()
        .as_string()
        .unwrap_or_default();
    form_fields::from_str(&encoded).map_err(|e| e.to_string())
}
