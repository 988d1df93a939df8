use super::compose::{clear_draft, quote_of, BodyEditor, QuoteRequest};
use super::ForumTabs;
use crate::api::forum::{
    get_topic, AcceptAnswer, DeletePost, FlagPost, LikePost, ModeratePost, ModerateTopic,
    ReplyToTopic, SetWatch,
};
use crate::components::notice::{FormError, LoadError, Success};
use crate::pages::{action_error, field_error};
use crate::types::forum::{FlagReason, PostStatus, PostView, TopicPage as Page, WatchLevel};
use leptos::html::Textarea;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// Bumped by any action on the page, so the topic reloads with its effect.
#[derive(Clone, Copy)]
struct Reload(RwSignal<u32>);

fn reload_on_success<I>(action: ServerAction<I>)
where
    I: leptos::server_fn::ServerFn<Error = crate::error::AppError> + Clone + Send + Sync + 'static,
    I::Output: Clone + Send + Sync + 'static,
{
    let Reload(n) = expect_context::<Reload>();
    Effect::new(move |_| {
        if action.value().get().is_some_and(|r| r.is_ok()) {
            n.update(|n| *n += 1);
        }
    });
}

#[component]
pub fn TopicPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let reload = RwSignal::new(0u32);
    provide_context(Reload(reload));
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
            reload.get(),
        )
    };
    let page = Resource::new(args, |(id, after, _)| get_topic(id, after));
    let saved = move |what: &'static str| {
        Signal::derive(move || query.read().get("saved").as_deref() == Some(what))
    };
    view! {
        <Success show=saved("flagged") text="Thanks. The moderators will look at that post."/>
        <Success show=saved("accepted") text="Accepted answer updated."/>
        <Success show=saved("deleted") text="Post deleted."/>
        <Success show=saved("watch") text="Notification setting saved."/>
        <Transition fallback=|| view! { <p class="loading">"Loading the topic…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Err(error) => view! { <LoadError error/> }.into_any(),
                    Ok(p) => view! { <TopicView p/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn TopicView(p: Page) -> impl IntoView {
    let query = use_query_map();
    let t = p.topic.clone();
    let fresh = RwSignal::new(Vec::<PostView>::new());
    let last = RwSignal::new(p.last_post_id);
    if p.next_cursor.is_none() && !t.deleted {
        live_updates(t.id, last, fresh);
    }
    // ?quote=ID prefills the reply (the Quote link without JavaScript).
    let quoted = query
        .read_untracked()
        .get("quote")
        .and_then(|q| q.parse::<i64>().ok())
        .and_then(|id| p.posts.iter().find(|x| x.id == id))
        .map(|x| quote_of(&x.author_handle, &x.body_md))
        .unwrap_or_default();
    let next = p
        .next_cursor
        .map(|after| format!("/forum/topics/{}?after={after}", t.id));
    let ctx = PostCtx {
        topic_id: t.id,
        accepted: t.accepted_post_id,
        can_accept: p.can_accept,
        moderator: p.can_moderate,
        locked: t.locked,
    };
    let accepted = p.accepted.clone();
    let first_is_question = p.posts.first().is_some_and(|x| x.is_first);
    let mut posts = p.posts.clone().into_iter();
    let question = if first_is_question {
        posts.next()
    } else {
        None
    };
    let replies: Vec<PostView> = posts.collect();
    view! {
        <Title text=t.title.clone()/>
        <ForumTabs moderator=p.can_moderate/>
        <article class="topic">
            <header class="topic-head">
                <p class="muted"><a href=format!("/forum?category={}", t.category_id)>{t.category_name.clone()}</a></p>
                <h1>{t.title.clone()}</h1>
                <p class="topic-badges">
                    {t.accepted_post_id.is_some().then(|| view! { <span class="badge badge-ok">"Solved"</span> })}
                    {t.pinned.then(|| view! { <span class="badge badge-info">"Pinned"</span> })}
                    {t.locked.then(|| view! { <span class="badge">"Locked"</span> })}
                    {t.pending.then(|| view! { <span class="badge badge-wait">"Awaiting approval"</span> })}
                    {t.tags.iter().map(|tag| view! { <a class="tag" href=format!("/forum?tag={tag}")>{format!("#{tag}")}</a> }).collect_view()}
                </p>
                <TopicTools topic_id=t.id watch=p.watch moderator=p.can_moderate pinned=t.pinned locked=t.locked/>
            </header>
            {p.continued.then(|| view! { <p class="pager"><a class="btn btn-quiet" href=format!("/forum/topics/{}", t.id)>"Back to the question"</a></p> })}
            {question.map(|q| view! { <PostCard post=q ctx/> })}
            {accepted.map(|a| view! {
                <section class="accepted" aria-labelledby="accepted-title">
                    <h2 id="accepted-title">"Accepted answer"</h2>
                    <PostCard post=a ctx compact=true/>
                </section>
            })}
            <h2 class="replies-title">{format!("{} {}", t.reply_count, if t.reply_count == 1 { "reply" } else { "replies" })}</h2>
            <ol class="posts">
                {replies.into_iter().map(|x| view! { <li><PostCard post=x ctx/></li> }).collect_view()}
                <For each=move || fresh.get() key=|x| x.id let:x>
                    <li class="fresh"><PostCard post=x ctx/></li>
                </For>
            </ol>
            {next.map(|href| view! { <p class="pager"><a class="btn" href=href>"Newer replies"</a></p> })}
            <ReplyBox topic_id=t.id can_reply=p.can_reply blocked=p.reply_blocked.clone() quoted/>
        </article>
    }
}

#[derive(Clone, Copy)]
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
            <ActionForm action=set_watch attr:class="inline-form">
                <input type="hidden" name="target_kind" value="topic"/>
                <input type="hidden" name="target_id" value=topic_id/>
                <label for="topic-watch">"Notify me"</label>
                <select id="topic-watch" name="level">
                    {WatchLevel::ALL.iter().map(|l| view! {
                        <option value=l.as_str() selected=*l == watch>{match l { WatchLevel::Normal => "When mentioned", WatchLevel::Watch => "Of every reply", WatchLevel::Mute => "Never (muted)" }}</option>
                    }).collect_view()}
                </select>
                <button type="submit" class="btn">"Save"</button>
            </ActionForm>
            {moderator.then(|| view! {
                <ActionForm action=moderate attr:class="inline-form">
                    <input type="hidden" name="topic_id" value=topic_id/>
                    <button type="submit" class="btn" name="action" value=if pinned { "unpin" } else { "pin" }>{if pinned { "Unpin" } else { "Pin" }}</button>
                    <button type="submit" class="btn" name="action" value=if locked { "unlock" } else { "lock" }>{if locked { "Unlock" } else { "Lock" }}</button>
                </ActionForm>
            })}
        </div>
    }
}

#[component]
fn PostCard(post: PostView, ctx: PostCtx, #[prop(optional)] compact: bool) -> impl IntoView {
    let like = ServerAction::<LikePost>::new();
    let accept = ServerAction::<AcceptAnswer>::new();
    let delete = ServerAction::<DeletePost>::new();
    let flag = ServerAction::<FlagPost>::new();
    let moderate = ServerAction::<ModeratePost>::new();
    for_each_reload(like, accept, delete, flag, moderate);
    let flag_error = action_error(flag);
    let like_error = action_error(like);
    let quote = use_context::<QuoteRequest>();
    let id = post.id;
    let deleted = post.status == PostStatus::Deleted;
    let is_answer = ctx.accepted == Some(id);
    let anchor = if compact {
        format!("answer-{id}")
    } else {
        format!("post-{id}")
    };
    let quote_text = quote_of(&post.author_handle, &post.body_md);
    let on_quote = move |ev: leptos::ev::MouseEvent| {
        if let Some(QuoteRequest(q)) = quote {
            ev.prevent_default();
            q.set(Some(quote_text.clone()));
        }
    };
    let status_note = match post.status {
        PostStatus::Pending => {
            Some("Awaiting a moderator's approval: only you and the moderators see it.")
        }
        PostStatus::Hidden => {
            Some("Hidden by a moderator: only the author and the moderators see it.")
        }
        _ => None,
    };
    view! {
        <div class="post" id=anchor class:post-answer=is_answer class:post-muted=status_note.is_some()>
            <div class="post-author">
                <span class="author-name">{post.author_name.clone()}</span>
                {post.author_is_staff.then(|| view! { <span class="badge badge-info">"Staff"</span> })}
                <span class="muted">{format!("@{} · {}", post.author_handle, post.author_org)}</span>
                <span class="muted post-time">{post.created_at.clone()}
                    {post.edited.then(|| view! { " · " <a href=format!("/forum/posts/{id}/history")>"edited"</a> })}
                </span>
            </div>
            {status_note.map(|n| view! { <p class="notice notice-info">{n}</p> })}
            {if deleted {
                view! { <p class="muted">"This post was deleted."</p> }.into_any()
            } else {
                view! { <div class="post-body" inner_html=post.body_html.clone()></div> }.into_any()
            }}
            {(!deleted && !compact).then(|| view! {
                <div class="post-actions">
                    <ActionForm action=like attr:class="inline-form">
                        <input type="hidden" name="post_id" value=id/>
                        // A toggle button named by its visible count ("3 likes", pressed or
                        // not): the spoken name must contain all visible text.
                        <button type="submit" class="btn btn-quiet" disabled=!post.can_like aria-pressed=if post.liked_by_me { "true" } else { "false" }
                            title=if post.liked_by_me { "Unlike" } else { "Like" }>
                            <svg class="heart" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
                                <path d="M12 21s-7.5-4.6-9.6-9.2C.9 8.4 3 4.5 6.8 4.5c2.2 0 3.9 1.3 5.2 3.1 1.3-1.8 3-3.1 5.2-3.1 3.8 0 5.9 3.9 4.4 7.3C19.5 16.4 12 21 12 21z"
                                    fill=if post.liked_by_me { "currentColor" } else { "none" } stroke="currentColor" stroke-width="2"/>
                            </svg>
                            {post.like_count}<span class="sr-only">{if post.like_count == 1 { " like" } else { " likes" }}</span>
                        </button>
                    </ActionForm>
                    {(!ctx.locked || ctx.moderator).then(|| view! {
                        <a class="btn btn-quiet" href=format!("?quote={id}#reply") on:click=on_quote.clone()>"Quote"</a>
                    })}
                    {(ctx.can_accept && !post.is_first && post.status == PostStatus::Published).then(|| view! {
                        <ActionForm action=accept attr:class="inline-form">
                            <input type="hidden" name="topic_id" value=ctx.topic_id/>
                            {(!is_answer).then(|| view! { <input type="hidden" name="post_id" value=id/> })}
                            <button type="submit" class="btn btn-quiet">{if is_answer { "Unmark answer" } else { "✓ Accept answer" }}</button>
                        </ActionForm>
                    })}
                    {post.can_edit.then(|| view! { <a class="btn btn-quiet" href=format!("/forum/posts/{id}/edit")>"Edit"</a> })}
                    {post.can_edit.then(|| view! {
                        <details class="post-more">
                            <summary class="btn btn-quiet">"Delete"</summary>
                            <ActionForm action=delete attr:class="inline-form">
                                <input type="hidden" name="post_id" value=id/>
                                <span>{if post.is_first { "Delete the whole topic?" } else { "Delete this post?" }}</span>
                                <button type="submit" class="btn btn-danger">"Yes, delete"</button>
                            </ActionForm>
                        </details>
                    })}
                    {(post.can_like && !post.flagged_by_me).then(|| view! { <FlagForm action=flag post_id=id error=flag_error/> })}
                    {post.flagged_by_me.then(|| view! { <span class="muted">"Flagged"</span> })}
                    {ctx.moderator.then(|| {
                        let (action, label) = match post.status {
                            PostStatus::Hidden => ("restore", "Restore"),
                            PostStatus::Pending => ("approve", "Approve"),
                            _ => ("hide", "Hide"),
                        };
                        view! {
                            <ActionForm action=moderate attr:class="inline-form">
                                <input type="hidden" name="post_id" value=id/>
                                <button type="submit" class="btn btn-quiet" name="action" value=action>{label}</button>
                            </ActionForm>
                        }
                    })}
                </div>
                <FormError error=like_error/>
            })}
        </div>
    }
}

fn for_each_reload(
    like: ServerAction<LikePost>,
    accept: ServerAction<AcceptAnswer>,
    delete: ServerAction<DeletePost>,
    flag: ServerAction<FlagPost>,
    moderate: ServerAction<ModeratePost>,
) {
    reload_on_success(like);
    reload_on_success(accept);
    reload_on_success(delete);
    reload_on_success(flag);
    reload_on_success(moderate);
}

#[component]
fn FlagForm(
    action: ServerAction<FlagPost>,
    post_id: i64,
    error: Signal<Option<crate::error::AppError>>,
) -> impl IntoView {
    let open = move || error.get().is_some();
    let select_id = format!("flag-reason-{post_id}");
    let note_id = format!("flag-note-{post_id}");
    view! {
        <details class="post-more" open=open>
            <summary class="btn btn-quiet">"Flag"</summary>
            <ActionForm action attr:class="form flag-form">
                <FormError error/>
                <input type="hidden" name="post_id" value=post_id/>
                <label for=select_id.clone()>"What is wrong?"</label>
                <select id=select_id name="reason">
                    {FlagReason::ALL.iter().map(|r| view! { <option value=r.as_str()>{r.label()}</option> }).collect_view()}
                </select>
                <label for=note_id.clone()>"Note for the moderators (optional)"</label>
                <input id=note_id name="note" maxlength="500"/>
                {move || field_error(error, "note").get().map(|m| view! { <p class="field-error">{m}</p> })}
                <button type="submit" class="btn">"Send to moderators"</button>
            </ActionForm>
        </details>
    }
}

#[component]
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
    let Reload(n) = expect_context::<Reload>();
    {
        let key = key.clone();
        Effect::new(move |_| {
            if reply.value().get().is_some_and(|r| r.is_ok()) {
                clear_draft(&key);
                if let Some(el) = node.get_untracked() {
                    el.set_value("");
                }
                n.update(|n| *n += 1);
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
            <h2>"Your reply"</h2>
            <ActionForm action=reply attr:class="form" attr:novalidate=true>
                <FormError error/>
                <input type="hidden" name="topic_id" value=topic_id/>
                <BodyEditor id="reply-body" label="Reply" draft_key=key value error=field_error(error, "body") node/>
                <button type="submit" class="btn btn-primary" disabled=move || reply.pending().get()>"Post reply"</button>
            </ActionForm>
        </section>
    }
    .into_any()
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
