use super::ForumTabs;
use crate::api::forum::{get_notifications, ReadNotifications, SetForumEmail};
use crate::components::notice::{FormError, LoadError, Success};
use crate::components::server_form::ServerForm;
use crate::pages::action_error;
use crate::resource::page_data;
use crate::tr;
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
        <Title text=tr!(common.notifications)/>
        <ForumTabs/>
        <h1>{tr!(common.notifications)}</h1>
        <Success show=saved text=tr!(forum.email_saved)/>
        <Transition fallback=|| view! { <p class="loading">{tr!(common.loading)}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Err(error) => view! { <LoadError error/> }.into_any(),
                    Ok(p) => {
                        let pref = p.email;
                        view! {
                            <section class="card">
                                <div class="page-head">
                                    <h2>{tr!(forum.unread_count, count = p.unread).to_string()}</h2>
                                    {(p.unread > 0).then(|| view! {
                                        <ServerForm action=read attr:class="inline-form">
                                            <button type="submit" class="btn">{tr!(forum.mark_all_read)}</button>
                                        </ServerForm>
                                    })}
                                </div>
                                {p.items.is_empty().then(|| view! { <p class="muted">{tr!(forum.nothing_yet)}</p> })}
                                <ul class="rows notifications">
                                    {p.items.into_iter().map(|n| view! {
                                        <li class:unread=n.unread>
                                            <a href=n.href.clone()>{n.kind.sentence(&n.actor_name, &n.topic_title)}</a>
                                            <span class="muted">{n.created_at.clone()}</span>
                                            {n.unread.then(|| view! { <span class="badge">{tr!(forum.new_badge)}</span> })}
                                        </li>
                                    }).collect_view()}
                                </ul>
                            </section>
                            <section class="card">
                                <h2>{tr!(forum.email_me)}</h2>
                                <FormError error=email_error/>
                                <ServerForm action=email attr:class="form">
                                    <fieldset class="field">
                                        <legend class="sr-only">{tr!(forum.forum_email)}</legend>
                                        {EmailPreference::ALL.iter().map(|e| view! {
                                            <label class="check"><input type="radio" name="email" value=e.as_str() checked=*e == pref/>{e.label()}</label>
                                        }).collect_view()}
                                    </fieldset>
                                    <button type="submit" class="btn btn-primary">{tr!(funds.save)}</button>
                                </ServerForm>
                            </section>
                        }.into_any()
                    }
                }
            })}
        </Transition>
    }
}
