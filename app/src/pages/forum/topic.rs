use super::compose::{clear_draft, BodyEditor, QuoteRequest};
use super::ForumTabs;
use crate::api::forum::{
    get_quote, get_topic, AcceptAnswer, DeletePost, FlagPost, LikePost, ModeratePost,
    ModerateTopic, ReplyToTopic, SetWatch,
};
use crate::components::notice::{FormError, LoadError, Success};
use crate::components::server_form::ServerForm;
use crate::error::AppError;
use crate::pages::{action_error, error_of, field_error};
use crate::resource::page_data;
use crate::tr;
use crate::types::forum::{
    FlagReason, PostAction, PostStatus, PostView, TopicAction, TopicPage as Page, WatchLevel,
};
use leptos::html::Textarea;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// Shows the effect of an action taken inside an island (the buttons of a
/// reply that arrived live): the page loads again. Outside an island the
/// form posts and the page comes back by itself.
fn reload_on_success<I>(action: ServerAction<I>)
where
    I: leptos::server_fn::ServerFn<Error = crate::error::AppError> + Clone + Send + Sync + 'static,
    I::Output: Clone + Send + Sync + 'static,
{
    Effect::new(move |_| {
        if action.value().get().is_some_and(|r| r.is_ok()) {
            let _ = window().location().reload();
        }
    });
}

#[component]
pub fn TopicPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    provide_context(QuoteRequest(RwSignal::new(None)));
    let args = move || {
        (
            params
                .read()
                .get("id")
                .and_then(|v| v.parse::<i64>().ok())
                .unwrap_or(0),
            query
                .read()
                .get("after")
                .and_then(|v| v.parse::<i64>().ok()),
            query
                .read()
                .get("quote")
                .and_then(|v| v.parse::<i64>().ok()),
        )
    };
    let page = page_data(args, |(id, after, quote)| get_topic(id, after, quote));
    let saved = move |what: &'static str| {
        Signal::derive(move || query.read().get("saved").as_deref() == Some(what))
    };
    view! {
        <Success show=saved("flagged") text=tr!(forum.flag_thanks)/>
        <Success show=saved("accepted") text=tr!(forum.accepted_updated)/>
        <Success show=saved("deleted") text=tr!(forum.post_deleted)/>
        <Success show=saved("watch") text=tr!(forum.watch_saved)/>
        <Transition fallback=|| view! { <p class="loading">{tr!(forum.loading_topic)}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Err(error) => view! { <LoadError error/> }.into_any(),
                    Ok(p) => view! { <TopicView page=p/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn TopicView(page: Page) -> impl IntoView {
    let query = use_query_map();
    let t = page.topic.clone();
    let live = page.next_cursor.is_none() && !t.deleted;
    // ?quote=ID prefills the reply (the Quote link without JavaScript).
    let quoted = page.quoted.clone().unwrap_or_default();
    let next = page
        .next_cursor
        .map(|after| format!("/forum/topics/{}?after={after}", t.id));
    let ctx = PostCtx {
        topic_id: t.id,
        accepted: t.accepted_post_id,
        can_accept: page.can_accept,
        moderator: page.can_moderate,
        locked: t.locked,
    };
    let flagging = query
        .read_untracked()
        .get("flag")
        .and_then(|v| v.parse::<i64>().ok());
    provide_context(PostActions::new(flagging));
    let accepted = page.accepted.clone();
    let first_is_question = page.posts.first().is_some_and(|x| x.is_first);
    let mut posts = page.posts.clone().into_iter();
    let question = if first_is_question {
        posts.next()
    } else {
        None
    };
    let replies: Vec<PostView> = posts.collect();
    view! {
        <Title text=t.title.clone()/>
        <ForumTabs moderator=page.can_moderate/>
        <HeartSymbol/>
        <ActionErrors/>
        <article class="topic">
            <header class="topic-head">
                <p class="muted"><a href=format!("/forum?category={}", t.category_id)>{t.category_name.clone()}</a></p>
                <h1>{t.title.clone()}</h1>
                <p class="topic-badges">
                    {t.accepted_post_id.is_some().then(|| view! { <span class="badge badge-ok">{tr!(enums.solved_filter.solved)}</span> })}
                    {t.pinned.then(|| view! { <span class="badge badge-info">{tr!(forum.pinned)}</span> })}
                    {t.locked.then(|| view! { <span class="badge">{tr!(forum.locked)}</span> })}
                    {t.pending.then(|| view! { <span class="badge badge-wait">{tr!(enums.post_status.pending)}</span> })}
                    {t.tags.iter().map(|tag| view! { <a class="tag" href=format!("/forum?tag={tag}")>{format!("#{tag}")}</a> }).collect_view()}
                </p>
                <TopicTools topic_id=t.id watch=page.watch moderator=page.can_moderate pinned=t.pinned locked=t.locked/>
            </header>
            {page.continued.then(|| view! { <p class="pager"><a class="btn btn-quiet" href=format!("/forum/topics/{}", t.id)>{tr!(forum.back_to_question)}</a></p> })}
            {question.map(|q| view! { <PostCard post=q ctx/> })}
            {accepted.map(|a| view! {
                <section class="accepted" aria-labelledby="accepted-title">
                    <h2 id="accepted-title">{tr!(forum.accepted_answer)}</h2>
                    <PostCard post=a ctx compact=true/>
                </section>
            })}
            <LiveReplies count=t.reply_count live last_post_id=page.last_post_id ctx>
                <ol class="posts">
                    {replies.into_iter().map(|x| view! { <li><PostCard post=x ctx/></li> }).collect_view()}
                </ol>
            </LiveReplies>
            {next.map(|href| view! { <p class="pager"><a class="btn" href=href>{tr!(forum.newer_replies)}</a></p> })}
            <ReplyBox topic_id=t.id can_reply=page.can_reply blocked=page.reply_blocked.clone() quoted/>
        </article>
    }
}

#[derive(Clone, Copy, serde::Serialize, serde::Deserialize)]
struct PostCtx {
    topic_id: i64,
    accepted: Option<i64>,
    can_accept: bool,
    moderator: bool,
    locked: bool,
}

#[component]
fn TopicTools(
    topic_id: i64,
    watch: WatchLevel,
    moderator: bool,
    pinned: bool,
    locked: bool,
) -> impl IntoView {
    let set_watch = ServerAction::<SetWatch>::new();
    let moderate = ServerAction::<ModerateTopic>::new();
    reload_on_success(set_watch);
    reload_on_success(moderate);
    view! {
        <div class="topic-tools">
            <ServerForm action=set_watch attr:class="inline-form">
                <input type="hidden" name="target_kind" value="topic"/>
                <input type="hidden" name="target_id" value=topic_id/>
                <label for="topic-watch">{tr!(forum.notify_me)}</label>
                <select id="topic-watch" name="level">
                    {WatchLevel::ALL.iter().map(|l| view! {
                        <option value=l.as_str() selected=*l == watch>{match l { WatchLevel::Normal => tr!(forum.when_mentioned), WatchLevel::Watch => tr!(forum.every_reply), WatchLevel::Mute => tr!(forum.never_muted) }}</option>
                    }).collect_view()}
                </select>
                <button type="submit" class="btn">{tr!(funds.save)}</button>
            </ServerForm>
            {moderator.then(|| view! {
                <ServerForm action=moderate attr:class="inline-form">
                    <input type="hidden" name="topic_id" value=topic_id/>
                    {let pin = if pinned { TopicAction::Unpin } else { TopicAction::Pin }; view! { <button type="submit" class="btn" name="action" value=pin.as_str()>{pin.label()}</button> }}
                    {let lock = if locked { TopicAction::Unlock } else { TopicAction::Lock }; view! { <button type="submit" class="btn" name="action" value=lock.as_str()>{lock.label()}</button> }}
                </ServerForm>
            })}
        </div>
    }
}

/// The actions a post offers, one of each for the whole page (not one per
/// post): a topic page renders 50 posts, and each action is several reactive
/// nodes the server builds and throws away on every request.
#[derive(Clone, Copy)]
struct PostActions {
    like: ServerAction<LikePost>,
    accept: ServerAction<AcceptAnswer>,
    delete: ServerAction<DeletePost>,
    flag: ServerAction<FlagPost>,
    moderate: ServerAction<ModeratePost>,
    /// The posts the last like and the last flag were for, so their errors
    /// show there.
    liked: RwSignal<Option<i64>>,
    flagged: RwSignal<Option<i64>>,
    /// The post whose flag form is open (`?flag=ID` without JavaScript).
    flagging: RwSignal<Option<i64>>,
}

impl PostActions {
    fn new(flagging: Option<i64>) -> Self {
        let actions = Self {
            like: ServerAction::new(),
            accept: ServerAction::new(),
            delete: ServerAction::new(),
            flag: ServerAction::new(),
            moderate: ServerAction::new(),
            liked: RwSignal::new(None),
            // A refused flag sent without JavaScript comes back to ?flag=ID.
            flagged: RwSignal::new(flagging),
            flagging: RwSignal::new(flagging),
        };
        reload_on_success(actions.like);
        reload_on_success(actions.accept);
        reload_on_success(actions.delete);
        reload_on_success(actions.flag);
        reload_on_success(actions.moderate);
        let Self {
            like,
            flag,
            liked,
            flagged,
            flagging,
            ..
        } = actions;
        Effect::new(move |_| {
            if let Some(id) = like.input().with(|i| i.as_ref().map(|i| i.post_id)) {
                liked.set(Some(id));
            }
        });
        Effect::new(move |_| {
            if let Some(id) = flag.input().with(|i| i.as_ref().map(|i| i.post_id)) {
                flagged.set(Some(id));
            }
        });
        Effect::new(move |_| {
            if flag.value().with(|v| matches!(v, Some(Ok(_)))) {
                flagging.set(None);
            }
        });
        actions
    }

    fn like_error(self, id: i64) -> Option<AppError> {
        (self.liked.get() == Some(id))
            .then(|| error_of(self.like))
            .flatten()
    }

    fn flag_error(self, id: i64) -> Option<AppError> {
        (self.flagged.get() == Some(id))
            .then(|| error_of(self.flag))
            .flatten()
    }
}

/// Errors of post actions not tied to one post's form (a like sent without
/// JavaScript comes back without knowing which post), shown above the topic.
#[component]
fn ActionErrors() -> impl IntoView {
    let a = expect_context::<PostActions>();
    let error = Signal::derive(move || {
        a.liked
            .get()
            .is_none()
            .then(|| error_of(a.like))
            .flatten()
            .or_else(|| error_of(a.accept))
            .or_else(|| error_of(a.delete))
            .or_else(|| error_of(a.moderate))
    });
    view! { <FormError error/> }
}

/// The like button's heart, drawn once and reused by every post.
#[component]
fn HeartSymbol() -> impl IntoView {
    view! {
        <svg class="symbols" aria-hidden="true">
            <symbol id="heart" viewBox="0 0 24 24">
                <path d="M12 21s-7.5-4.6-9.6-9.2C.9 8.4 3 4.5 6.8 4.5c2.2 0 3.9 1.3 5.2 3.1 1.3-1.8 3-3.1 5.2-3.1 3.8 0 5.9 3.9 4.4 7.3C19.5 16.4 12 21 12 21z"/>
            </symbol>
        </svg>
    }
}

#[component]
fn PostCard(post: PostView, ctx: PostCtx, #[prop(optional)] compact: bool) -> impl IntoView {
    let a = expect_context::<PostActions>();
    let quote = use_context::<QuoteRequest>();
    let id = post.id;
    let deleted = post.status == PostStatus::Deleted;
    let is_answer = ctx.accepted == Some(id);
    let anchor = if compact {
        format!("answer-{id}")
    } else {
        format!("post-{id}")
    };
    let quote_href = format!("?quote={id}#reply");
    let on_quote = {
        let href = quote_href.clone();
        move |ev: leptos::ev::MouseEvent| {
            if let Some(QuoteRequest(q)) = quote {
                ev.prevent_default();
                let href = href.clone();
                leptos::task::spawn_local(async move {
                    match get_quote(id).await {
                        Ok(text) => q.set(Some(text)),
                        // Let the server show what went wrong.
                        Err(_) => {
                            let _ = window().location().set_href(&href);
                        }
                    }
                });
            }
        }
    };
    let on_flag = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        a.flagging
            .update(|f| *f = if *f == Some(id) { None } else { Some(id) });
    };
    let status_note = match post.status {
        PostStatus::Pending => Some(tr!(forum.pending_note)),
        PostStatus::Hidden => Some(tr!(forum.hidden_note)),
        _ => None,
    };
    view! {
        <div class="post" id=anchor class:post-answer=is_answer class:post-muted=status_note.is_some()>
            <div class="post-author">
                <span class="author-name">{post.author_name.clone()}</span>
                {post.author_is_staff.then(|| view! { <span class="badge badge-info">{tr!(forum.staff)}</span> })}
                <span class="muted">{format!("@{} · {}", post.author_handle, post.author_org)}</span>
                <span class="muted post-time">{post.created_at.clone()}
                    {post.edited.then(|| view! { " · " <a href=format!("/forum/posts/{id}/history")>{tr!(forum.edited)}</a> })}
                </span>
            </div>
            {status_note.map(|n| view! { <p class="notice notice-info">{n}</p> })}
            {if deleted {
                view! { <p class="muted">{tr!(forum.deleted_post)}</p> }.into_any()
            } else {
                view! { <div class="post-body" inner_html=post.body_html.clone()></div> }.into_any()
            }}
            {(!deleted && !compact).then(|| view! {
                <div class="post-actions">
                    <ServerForm action=a.like attr:class="inline-form">
                        <input type="hidden" name="post_id" value=id/>
                        // A toggle button named by its visible count ("3 likes", pressed or
                        // not): the spoken name must contain all visible text.
                        <button type="submit" class="btn btn-quiet" disabled=!post.can_like aria-pressed=if post.liked_by_me { "true" } else { "false" }
                            title=if post.liked_by_me { tr!(forum.unlike) } else { tr!(forum.like) }>
                            <svg class="heart" width="16" height="16" aria-hidden="true"><use href="#heart"/></svg>
                            {post.like_count}<span class="sr-only">{tr!(forum.like_count, count = post.like_count).to_string()}</span>
                        </button>
                    </ServerForm>
                    {(!ctx.locked || ctx.moderator).then(|| view! {
                        <a class="btn btn-quiet" href=quote_href on:click=on_quote>{tr!(forum.quote)}</a>
                    })}
                    {(ctx.can_accept && !post.is_first && post.status == PostStatus::Published).then(|| view! {
                        <ServerForm action=a.accept attr:class="inline-form">
                            <input type="hidden" name="topic_id" value=ctx.topic_id/>
                            {(!is_answer).then(|| view! { <input type="hidden" name="post_id" value=id/> })}
                            <button type="submit" class="btn btn-quiet">{if is_answer { tr!(forum.unmark_answer) } else { tr!(forum.accept_answer) }}</button>
                        </ServerForm>
                    })}
                    {post.can_edit.then(|| view! { <a class="btn btn-quiet" href=format!("/forum/posts/{id}/edit")>{tr!(common.edit)}</a> })}
                    {post.can_edit.then(|| view! {
                        <details class="post-more">
                            <summary class="btn btn-quiet">{tr!(forum.delete)}</summary>
                            <ServerForm action=a.delete attr:class="inline-form">
                                <input type="hidden" name="post_id" value=id/>
                                <span>{if post.is_first { tr!(forum.delete_topic_q) } else { tr!(forum.delete_post_q) }}</span>
                                <button type="submit" class="btn btn-danger">{tr!(forum.yes_delete)}</button>
                            </ServerForm>
                        </details>
                    })}
                    {(post.can_like && !post.flagged_by_me).then(|| view! {
                        <a class="btn btn-quiet" href=format!("?flag={id}#post-{id}") on:click=on_flag
                            aria-expanded=move || if a.flagging.get() == Some(id) { "true" } else { "false" }>{tr!(forum.flag)}</a>
                    })}
                    {post.flagged_by_me.then(|| view! { <span class="muted">{tr!(forum.flagged)}</span> })}
                    {ctx.moderator.then(|| {
                        let action = match post.status {
                            PostStatus::Hidden => PostAction::Restore,
                            PostStatus::Pending => PostAction::Approve,
                            _ => PostAction::Hide,
                        };
                        view! {
                            <ServerForm action=a.moderate attr:class="inline-form">
                                <input type="hidden" name="post_id" value=id/>
                                <button type="submit" class="btn btn-quiet" name="action" value=action.as_str()>{action.label()}</button>
                            </ServerForm>
                        }
                    })}
                </div>
                {move || (a.flagging.get() == Some(id)).then(|| view! { <FlagForm post_id=id/> })}
                {move || a.like_error(id).map(|e| view! { <p class="notice notice-error" role="alert">{e.to_string()}</p> })}
            })}
        </div>
    }
}

/// Tells the moderators what is wrong with a post: opened under the post by
/// its Flag link.
#[component]
fn FlagForm(post_id: i64) -> impl IntoView {
    let a = expect_context::<PostActions>();
    let select_id = format!("flag-reason-{post_id}");
    let note_id = format!("flag-note-{post_id}");
    let error = Signal::derive(move || a.flag_error(post_id));
    view! {
        <ServerForm action=a.flag attr:class="form flag-form">
            <FormError error/>
            <input type="hidden" name="post_id" value=post_id/>
            <label for=select_id.clone()>{tr!(forum.what_wrong)}</label>
            <select id=select_id name="reason">
                {FlagReason::ALL.iter().map(|r| view! { <option value=r.as_str()>{r.label()}</option> }).collect_view()}
            </select>
            <label for=note_id.clone()>{tr!(forum.flag_note)}</label>
            <input id=note_id name="note" maxlength="500"/>
            {move || field_error(error, "note").get().map(|m| view! { <p class="field-error">{m}</p> })}
            <button type="submit" class="btn">{tr!(forum.send_to_moderators)}</button>
        </ServerForm>
    }
}

#[island]
fn ReplyBox(
    topic_id: i64,
    can_reply: bool,
    blocked: Option<String>,
    quoted: String,
) -> impl IntoView {
    let reply = ServerAction::<ReplyToTopic>::new();
    let error = action_error(reply);
    let node = NodeRef::<Textarea>::new();
    let key = format!("prm-draft:reply:{topic_id}");
    // The new reply arrives through the live updates.
    {
        let key = key.clone();
        Effect::new(move |_| {
            if reply.value().get().is_some_and(|r| r.is_ok()) {
                clear_draft(&key);
                if let Some(el) = node.get_untracked() {
                    el.set_value("");
                }
            }
        });
    }
    let kept = move || error.get_untracked().and_then(|e| e.kept("body"));
    if !can_reply {
        return view! {
            <section class="card" id="reply"><p class="muted">{blocked.unwrap_or_default()}</p></section>
        }
        .into_any();
    }
    let value = kept().unwrap_or(quoted);
    view! {
        <section class="card reply-box" id="reply">
            <h2>{tr!(forum.your_reply)}</h2>
            <ServerForm action=reply attr:class="form" attr:novalidate=true>
                <FormError error/>
                <input type="hidden" name="topic_id" value=topic_id/>
                <BodyEditor id="reply-body" label=tr!(forum.reply) draft_key=key value error=field_error(error, "body") node/>
                <button type="submit" class="btn btn-primary" disabled=move || reply.pending().get()>{tr!(forum.post_reply)}</button>
            </ServerForm>
        </section>
    }
    .into_any()
}

/// The replies (the served ones are its children) and, on a `live` page,
/// those posted while it is open, with the count above them following.
#[island]
fn LiveReplies(
    count: i32,
    live: bool,
    last_post_id: i64,
    ctx: PostCtx,
    children: Children,
) -> impl IntoView {
    if use_context::<PostActions>().is_none() {
        provide_context(PostActions::new(None));
    }
    let fresh = RwSignal::new(Vec::<PostView>::new());
    let last = RwSignal::new(last_post_id);
    if live {
        live_updates(ctx.topic_id, last, fresh);
    }
    let shown = move || {
        let arrived = i32::try_from(fresh.with(Vec::len)).unwrap_or(i32::MAX);
        tr!(forum.replies, count = count.saturating_add(arrived)).to_string()
    };
    view! {
        <h2 class="replies-title">{shown}</h2>
        {children()}
        <ol class="posts fresh-posts" aria-live="polite">
            <For each=move || fresh.get() key=|x| x.id let:x>
                <li class="fresh"><PostCard post=x ctx/></li>
            </For>
        </ol>
    }
}

/// Appends replies others post while the page is open: the server sends an
/// event when the topic grows, and the page fetches just the new posts.
fn live_updates(topic_id: i64, last: RwSignal<i64>, fresh: RwSignal<Vec<PostView>>) {
    #[cfg(feature = "hydrate")]
    {
        use crate::api::forum::get_new_posts;
        use wasm_bindgen::prelude::*;
        let Ok(source) = web_sys::EventSource::new(&format!(
            "/forum/topics/{topic_id}/live?after={}",
            last.get_untracked()
        )) else {
            return;
        };
        let on_message =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |_: web_sys::MessageEvent| {
                let after = last.get_untracked();
                leptos::task::spawn_local(async move {
                    if let Ok(posts) = get_new_posts(topic_id, after).await {
                        let shown = last.get_untracked();
                        let new: Vec<PostView> =
                            posts.into_iter().filter(|p| p.id > shown).collect();
                        if let Some(p) = new.last() {
                            last.set(p.id);
                        }
                        if !new.is_empty() {
                            fresh.update(|f| f.extend(new));
                        }
                    }
                });
            });
        source.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        let held = StoredValue::new_local((source, on_message));
        on_cleanup(move || held.with_value(|(source, _)| source.close()));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (topic_id, last, fresh);
}
