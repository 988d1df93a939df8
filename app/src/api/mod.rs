//! Server functions: one public endpoint per file. Each takes the actor from
//! the session (never from arguments), calls a service and returns `AppError`.

pub mod account;
pub mod admin;
pub mod auth;
pub mod campaigns;
pub mod cobrand;
pub mod dashboard;
pub mod deals;
pub mod forum;
pub mod funds;
pub mod leads;
pub mod notifications;
#[cfg(feature = "ssr")]
pub mod own_page;
pub mod partners;
pub mod products;
pub mod revenue;
pub mod territories;
pub mod tiers;
pub mod users;

#[cfg(feature = "ssr")]
mod respond {
    use crate::error::AppResult;
    use crate::ssr::{context, Actor, AppState};
    use std::future::Future;

    /// The body of a signed-in server function: it gets the state and the
    /// actor from the request, and its error gets its HTTP status.
    pub async fn as_actor<T, F, Fut>(body: F) -> AppResult<T>
    where
        F: FnOnce(AppState, Actor) -> Fut,
        Fut: Future<Output = AppResult<T>>,
    {
        let result = async {
            let state = context::state()?;
            let actor = context::actor()?;
            body(state, actor).await
        };
        with_status(result.await)
    }

    /// The body of a server function anyone may call (sign-in, password
    /// reset, the public brand): the state only, and the same status mapping.
    pub async fn as_visitor<T, F, Fut>(body: F) -> AppResult<T>
    where
        F: FnOnce(AppState) -> Fut,
        Fut: Future<Output = AppResult<T>>,
    {
        let result = async { body(context::state()?).await };
        with_status(result.await)
    }

    /// Gives an error its HTTP status, so clients and logs see 4xx/5xx.
    /// A plain HTML form post (no JavaScript) is left alone: it must get the
    /// redirect back to the form, which then shows the error.
    fn with_status<T>(result: AppResult<T>) -> AppResult<T> {
        let from_html_form =
            leptos::prelude::use_context::<http::request::Parts>().is_some_and(|parts| {
                parts.method == http::Method::POST
                    && parts
                        .headers
                        .get(http::header::ACCEPT)
                        .and_then(|v| v.to_str().ok())
                        .is_some_and(|accept| accept.contains("text/html"))
            });
        if from_html_form {
            return result;
        }
        if let Err(err) = &result {
            if let Some(res) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
                if let Ok(code) = http::StatusCode::from_u16(err.status()) {
                    res.set_status(code);
                }
            }
        }
        result
    }

    #[cfg(test)]
    mod tests {
        use leptos::prelude::{provide_context, use_context, Owner};
        use std::sync::{mpsc, Arc, Mutex};
        use std::time::Duration;

        /// A context whose clone lets go of the last outside handle on its
        /// owner tree: a request's tree is dropped the same way, from another
        /// thread, when its client goes away while a resource still runs.
        struct DropsTree(Arc<Mutex<Option<Owner>>>);

        impl Clone for DropsTree {
            fn clone(&self) -> Self {
                drop(self.0.lock().unwrap().take());
                DropsTree(self.0.clone())
            }
        }

        /// `with_status` looks up the request's parts from a resource's owner.
        /// The published reactive_graph deadlocked such a lookup on itself
        /// when the tree was dropped under it (vendor/reactive_graph/PATCHED.md).
        #[test]
        fn context_lookup_survives_its_tree_being_dropped() {
            let (done, finished) = mpsc::channel();
            std::thread::spawn(move || {
                let root = Owner::new();
                let handle = Arc::new(Mutex::new(None));
                root.with(|| provide_context(DropsTree(handle.clone())));
                let child = root.child();
                *handle.lock().unwrap() = Some(root);
                let found = child.with(|| use_context::<DropsTree>().is_some());
                let _ = done.send(found);
            });
            let found = finished
                .recv_timeout(Duration::from_secs(10))
                .expect("the lookup returned instead of deadlocking");
            assert!(found);
        }
    }
}
#[cfg(feature = "ssr")]
pub(crate) use respond::{as_actor, as_visitor};
