//! `/notifications`: everything the portal told the reader, newest first,
//! and how they want to hear of each kind (bell, mail now, daily digest,
//! off). The bell in the top bar links here.

use crate::api::notifications::{get_notifications, ReadNotifications, SetNotificationPreferences};
use crate::components::field::SelectField;
use crate::components::notice::{FormError, LoadError, Success};
use crate::components::server_form::ServerForm;
use crate::pages::action_error;
use crate::resource::page_data;
use crate::tr;
use crate::types::notification::{Delivery, NotificationArea, NotificationView, PreferenceView};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let query = use_query_map();
    let read = ServerAction::<ReadNotifications>::new();
    let save = ServerAction::<SetNotificationPreferences>::new();
    let page = page_data(
        move || (read.version().get(), save.version().get()),
        |_| get_notifications(),
    );
    let saved = Signal::derive(move || query.read().get("saved").as_deref() == Some("preferences"));
    view! {
        <Title text=tr!(common.notifications)/>
        <h1>{tr!(common.notifications)}</h1>
        <Transition fallback=|| view! { <p class="loading">{tr!(common.loading)}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Err(error) => view! { <LoadError error/> }.into_any(),
                    Ok(p) => view! {
                        <Inbox items=p.items unread=p.unread read/>
                        <Settings preferences=p.preferences save saved/>
                    }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The list, with "mark all read" while anything is unread.
#[component]
fn Inbox(
    items: Vec<NotificationView>,
    unread: u64,
    read: ServerAction<ReadNotifications>,
) -> impl IntoView {
    view! {
        <section class="card">
            <div class="page-head">
                <h2>{tr!(notify.unread_count, count = unread).to_string()}</h2>
                {(unread > 0).then(|| view! {
                    <ServerForm action=read attr:class="inline-form">
                        <button type="submit" class="btn">{tr!(notify.mark_all_read)}</button>
                    </ServerForm>
                })}
            </div>
            {items.is_empty().then(|| view! { <p class="muted">{tr!(notify.nothing_yet)}</p> })}
            <ul class="rows notifications">
                {items.into_iter().map(|n| view! {
                    <li class:unread=n.unread>
                        // A server route (marks read, then redirects): a full page load.
                        <a href=n.href rel="external">{n.sentence}</a>
                        <span class="muted">{n.created_at}</span>
                        {n.unread.then(|| view! { <span class="badge">{tr!(notify.new_badge)}</span> })}
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

/// One choice per kind, grouped by the part of the portal it comes from.
#[component]
fn Settings(
    preferences: Vec<PreferenceView>,
    save: ServerAction<SetNotificationPreferences>,
    saved: Signal<bool>,
) -> impl IntoView {
    let error = action_error(save);
    let options: Vec<(String, String)> = Delivery::ALL
        .iter()
        .map(|d| (d.as_str().to_owned(), d.label().to_owned()))
        .collect();
    let areas: Vec<(NotificationArea, Vec<PreferenceView>)> = NotificationArea::ALL
        .iter()
        .map(|area| {
            let kinds = preferences
                .iter()
                .filter(|p| p.kind.area() == *area)
                .cloned()
                .collect();
            (*area, kinds)
        })
        .filter(|(_, kinds): &(_, Vec<PreferenceView>)| !kinds.is_empty())
        .collect();
    view! {
        <section class="card" id="settings">
            <h2>{tr!(notify.how_you_hear)}</h2>
            <p class="muted">{tr!(notify.how_you_hear_hint)}</p>
            <Success show=saved text=tr!(notify.saved)/>
            <FormError error/>
            <ServerForm action=save attr:class="form">
                {areas.into_iter().map(|(area, kinds)| view! {
                    <fieldset class="fieldset">
                        <legend>{area.label()}</legend>
                        {kinds.into_iter().map(|p| {
                            let name = format!("delivery[{}]", p.kind.as_str());
                            let field = name.clone();
                            let message = Signal::derive(move || error.get().and_then(|e| e.field(&field)));
                            view! {
                                <SelectField
                                    name=name
                                    id=format!("pref-{}", p.kind.as_str())
                                    label=p.kind.label()
                                    options=options.clone()
                                    selected=p.delivery.as_str()
                                    error=message
                                />
                            }
                        }).collect_view()}
                    </fieldset>
                }).collect_view()}
                <button type="submit" class="btn btn-primary">{tr!(notify.save)}</button>
            </ServerForm>
        </section>
    }
}
