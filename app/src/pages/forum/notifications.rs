use super::ForumTabs;
use crate::api::forum::{get_notifications, ReadNotifications, SetForumEmail};
use crate::components::notice::{FormError, LoadError, Success};
use crate::components::server_form::ServerForm;
use crate::pages::action_error;
use crate::resource::page_data;
use crate::types::forum::EmailPreference;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let query = use_query_map();
    let read = ServerAction::<ReadNotifications>::new();
    let email = ServerAction::<SetForumEmail>::new();
    let page = page_data(
        move || (read.version().get(), email.version().get()),
        |_| get_notifications(),
    );
    let email_error = action_error(email);
    let saved = Signal::derive(move || query.read().get("saved").as_deref() == Some("email"));
    view! {
        <Title text="Notifications"/>
        <ForumTabs/>
        <h1>"Notifications"</h1>
        <Success show=saved text="E-mail setting saved."/>
        <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Err(error) => view! { <LoadError error/> }.into_any(),
                    Ok(p) => {
                        let pref = p.email;
                        view! {
                            <section class="card">
                                <div class="page-head">
                                    <h2>{format!("{} unread", p.unread)}</h2>
                                    {(p.unread > 0).then(|| view! {
                                        <ServerForm action=read attr:class="inline-form">
                                            <button type="submit" class="btn">"Mark all read"</button>
                                        </ServerForm>
                                    })}
                                </div>
                                {p.items.is_empty().then(|| view! { <p class="muted">"Nothing yet. When someone mentions you or replies in a topic you watch, it shows here."</p> })}
                                <ul class="rows notifications">
                                    {p.items.into_iter().map(|n| view! {
                                        <li class:unread=n.unread>
                                            <a href=n.href.clone()>{format!("{} {} “{}”", n.actor_name, n.kind.label(), n.topic_title)}</a>
                                            <span class="muted">{n.created_at.clone()}</span>
                                            {n.unread.then(|| view! { <span class="badge">"New"</span> })}
                                        </li>
                                    }).collect_view()}
                                </ul>
                            </section>
                            <section class="card">
                                <h2>"E-mail me"</h2>
                                <FormError error=email_error/>
                                <ServerForm action=email attr:class="form">
                                    <fieldset class="field">
                                        <legend class="sr-only">"Forum e-mail"</legend>
                                        {EmailPreference::ALL.iter().map(|e| view! {
                                            <label class="check"><input type="radio" name="email" value=e.as_str() checked=*e == pref/>{e.label()}</label>
                                        }).collect_view()}
                                    </fieldset>
                                    <button type="submit" class="btn btn-primary">"Save"</button>
                                </ServerForm>
                            </section>
                        }.into_any()
                    }
                }
            })}
        </Transition>
    }
}
