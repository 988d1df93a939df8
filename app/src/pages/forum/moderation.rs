use super::ForumTabs;
use crate::api::forum::{get_moderation, ModeratePost, SetForumApproval, SuspendMember};
use crate::components::notice::{FormError, LoadError, Success};
use crate::components::server_form::ServerForm;
use crate::pages::action_error;
use crate::resource::page_data;
use crate::tr;
use crate::types::forum::{PostAction, PostStatus, QueuedPost};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ModerationPage() -> impl IntoView {
    let query = use_query_map();
    let act = ServerAction::<ModeratePost>::new();
    let suspend = ServerAction::<SuspendMember>::new();
    let settings = ServerAction::<SetForumApproval>::new();
    let page = page_data(
        move || {
            (
                act.version().get(),
                suspend.version().get(),
                settings.version().get(),
            )
        },
        |_| get_moderation(),
    );
    let act_error = action_error(act);
    let suspend_error = action_error(suspend);
    let saved = move |what: &'static str| {
        Signal::derive(move || query.read().get("saved").as_deref() == Some(what))
    };
    view! {
        <Title text=tr!(forum.moderation)/>
        <ForumTabs moderator=true/>
        <h1>{tr!(forum.moderation)}</h1>
        <Success show=saved("suspension") text=tr!(forum.suspension_saved)/>
        <Success show=saved("settings") text=tr!(forum.setting_saved)/>
        <FormError error=act_error/>
        <FormError error=suspend_error/>
        <Transition fallback=|| view! { <p class="loading">{tr!(forum.loading_queue)}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Err(error) => view! { <LoadError error/> }.into_any(),
                    Ok(m) => view! {
                        <Queue title=tr!(forum.flagged_posts) empty=tr!(forum.no_flags) posts=m.flagged act suspend/>
                        <Queue title=tr!(forum.waiting_approval) empty=tr!(forum.none_waiting) posts=m.pending act suspend/>
                        <Queue title=tr!(forum.hidden_posts) empty=tr!(forum.nothing_hidden) posts=m.hidden act suspend/>
                        <section class="card">
                            <h2>{tr!(forum.suspended_members)}</h2>
                            {m.suspensions.is_empty().then(|| view! { <p class="muted">{tr!(forum.nobody_suspended)}</p> })}
                            <ul class="rows">
                                {m.suspensions.into_iter().map(|s| view! {
                                    <li>
                                        <span>{s.user_name.clone()}</span>
                                        <span class="muted">{format!("until {} · {}", s.until, s.reason)}</span>
                                        <ServerForm action=suspend attr:class="inline-form">
                                            <input type="hidden" name="user_id" value=s.user_id/>
                                            <input type="hidden" name="days" value="0"/>
                                            <button type="submit" class="btn">{tr!(forum.lift)}</button>
                                        </ServerForm>
                                    </li>
                                }).collect_view()}
                            </ul>
                        </section>
                        <section class="card">
                            <h2>{tr!(forum.new_members)}</h2>
                            <ServerForm action=settings attr:class="form">
                                <label class="check"><input type="checkbox" name="approve_first_posts" checked=m.approve_first_posts/>{tr!(forum.approve_first_posts)}</label>
                                <button type="submit" class="btn">{tr!(funds.save)}</button>
                            </ServerForm>
                        </section>
                    }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Queue(
    title: &'static str,
    empty: &'static str,
    posts: Vec<QueuedPost>,
    act: ServerAction<ModeratePost>,
    suspend: ServerAction<SuspendMember>,
) -> impl IntoView {
    view! {
        <section class="card">
            <h2>{title}</h2>
            {posts.is_empty().then(|| view! { <p class="muted">{empty}</p> })}
            <ul class="queue">
                {posts.into_iter().map(|p| {
                    let actions: &[PostAction] = match p.status {
                        PostStatus::Pending => &[PostAction::Approve, PostAction::Reject],
                        PostStatus::Hidden => &[PostAction::Restore],
                        _ => &[PostAction::Hide, PostAction::Dismiss],
                    };
                    let reason_id = format!("suspend-reason-{}", p.post_id);
                    let days_id = format!("suspend-days-{}", p.post_id);
                    view! {
                        <li class="queued">
                            <p><a href=format!("/forum/topics/{}#post-{}", p.topic_id, p.post_id)>{p.topic_title.clone()}</a>
                                <span class="muted">{format!(" · {} · {}{}", p.author_name, p.created_at, if p.is_first { " · question" } else { "" })}</span></p>
                            <div class="post-body" inner_html=p.body_html.clone()></div>
                            {p.flags.iter().map(|f| view! {
                                <p class="flag-line"><strong>{f.reason.label()}</strong>{format!(" — {} ({})", f.by, f.at)}{(!f.note.is_empty()).then(|| format!(": {}", f.note))}</p>
                            }).collect_view()}
                            <ServerForm action=act attr:class="inline-form">
                                <input type="hidden" name="post_id" value=p.post_id/>
                                <input type="hidden" name="back" value="/forum/moderation"/>
                                {actions.iter().map(|a| view! { <button type="submit" class="btn" name="action" value=a.as_str()>{a.label()}</button> }).collect_view()}
                            </ServerForm>
                            <details class="post-more">
                                <summary class="btn btn-quiet">{tr!(forum.suspend_who, name = &p.author_name).to_string()}</summary>
                                <ServerForm action=suspend attr:class="form">
                                    <input type="hidden" name="user_id" value=p.author_id/>
                                    <label for=days_id.clone()>{tr!(forum.days)}</label>
                                    <input id=days_id name="days" type="number" min="1" max="365" value="7"/>
                                    <label for=reason_id.clone()>{tr!(forum.suspend_reason)}</label>
                                    <input id=reason_id name="reason" required=true/>
                                    <button type="submit" class="btn btn-danger">{tr!(forum.suspend_posting)}</button>
                                </ServerForm>
                            </details>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}
