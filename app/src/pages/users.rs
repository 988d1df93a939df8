use super::{action_error, field_error, kept, reset_on_success};
use crate::api::users::{list_users, InviteUser, RevokeInvitation, SetUserActive};
use crate::components::field::{checks, SelectField, TextField};
use crate::components::layout::use_me;
use crate::components::notice::{FormError, LoadError, Success};
use crate::components::server_form::ServerForm;
use crate::resource::page_data;
use crate::types::views::UserAdmin;
use crate::types::OrgKind;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn UsersPage() -> impl IntoView {
    let query = use_query_map();
    let me = use_me();
    let invite = ServerAction::<InviteUser>::new();
    let revoke = ServerAction::<RevokeInvitation>::new();
    let toggle = ServerAction::<SetUserActive>::new();
    let data = page_data(
        move || {
            (
                invite.version().get(),
                revoke.version().get(),
                toggle.version().get(),
            )
        },
        |_| list_users(),
    );
    let invited = Signal::derive(move || {
        query.read().get("invited").is_some() || invite.value().get().is_some_and(|r| r.is_ok())
    });
    view! {
        <Title text="Users"/>
        <h1>"Users"</h1>
        <Success show=invited text="Invitation sent. The link works for 7 days."/>
        <FormError error=action_error(revoke)/>
        <FormError error=action_error(toggle)/>
        <Suspense fallback=|| view! { <p class="loading">"Loading users…"</p> }>
            {move || Suspend::new(async move {
                let (user, data) = (me.user().await, data.await);
                match user.and_then(|u| data.map(|d| (u, d))) {
                    Err(error) => view! { <LoadError error/> }.into_any(),
                    Ok((user, d)) => view! { <UserAdminView admin=d me_id=user.id invite revoke toggle/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn UserAdminView(
    admin: UserAdmin,
    me_id: i64,
    invite: ServerAction<InviteUser>,
    revoke: ServerAction<RevokeInvitation>,
    toggle: ServerAction<SetUserActive>,
) -> impl IntoView {
    let error = action_error(invite);
    // After a successful invitation the form starts over for the next one.
    let form = reset_on_success(invite);
    let orgs: Vec<(String, String)> = admin
        .organizations
        .iter()
        .map(|o| {
            let label = if o.kind == OrgKind::Vendor {
                format!("{} (vendor staff)", o.name)
            } else {
                o.name.clone()
            };
            (o.id.to_string(), label)
        })
        .collect();
    let single_org = (orgs.len() == 1).then(|| orgs[0].0.clone());
    let roles: Vec<(String, String)> = admin
        .roles
        .iter()
        .map(|r| (r.as_str().to_owned(), r.label().to_owned()))
        .collect();
    view! {
        <div class="grid">
            <section class="card">
                <h2>"Invite someone"</h2>
                <p class="muted">"They get an email with a link to set their name and password."</p>
                <FormError error/>
                <ServerForm action=invite node_ref=form attr:novalidate=true>
                    {match single_org {
                        Some(id) => view! { <input type="hidden" name="organization_id" value=id/> }.into_any(),
                        None => view! {
                            <SelectField name="organization_id" label="Company" options=orgs.clone()
                                selected=kept(error, "organization_id") empty="Choose…" error=field_error(error, "organization_id")/>
                        }.into_any(),
                    }}
                    <TextField name="email" label="Email" kind="email" autocomplete="off" required=true
                        value=kept(error, "email") error=field_error(error, "email") check=checks::email/>
                    <SelectField name="role" label="Role" options=roles selected=kept(error, "role") empty="Choose…" error=field_error(error, "role")/>
                    <button type="submit" class="btn btn-primary" disabled=move || invite.pending().get()>"Send invitation"</button>
                </ServerForm>
            </section>
            <section class="card">
                <h2>"Pending invitations"</h2>
                {if admin.invitations.is_empty() {
                    view! { <p>"No invitation is waiting."</p> }.into_any()
                } else {
                    view! {
                        <ul class="people">
                            {admin.invitations.into_iter().map(|i| view! {
                                <li>
                                    <span class="person-name">{i.email.clone()}</span>
                                    <span class="muted">{format!("{} at {} · expires {}", i.role.label(), i.organization_name, i.expires_on)}</span>
                                    <ServerForm action=revoke attr:class="inline">
                                        <input type="hidden" name="id" value=i.id/>
                                        <button type="submit" class="btn btn-quiet" aria-label=format!("Revoke the invitation for {}", i.email)>"Revoke"</button>
                                    </ServerForm>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
        </div>
        <section class="card">
            <h2>{format!("People ({})", admin.users.len())}</h2>
            <ul class="people">
                {admin.users.into_iter().map(|u| {
                    let is_me = u.id == me_id;
                    let label = if u.active { format!("Deactivate {}", u.name) } else { format!("Reactivate {}", u.name) };
                    view! {
                        <li class:inactive=!u.active>
                            <span class="person-name">{u.name.clone()}{is_me.then_some(" (you)")}</span>
                            <span class="muted">{format!("{} · {} · {}", u.role.label(), u.organization_name, u.email)}</span>
                            <span class="muted">{match u.last_sign_in { Some(admin) => format!("Last signed in {admin}"), None => "Never signed in".into() }}</span>
                            {(!u.active).then(|| view! { <span class="badge">"Deactivated"</span> })}
                            {(!is_me).then(|| view! {
                                <ServerForm action=toggle attr:class="inline">
                                    <input type="hidden" name="id" value=u.id/>
                                    <input type="hidden" name="active" value=(!u.active).to_string()/>
                                    <button type="submit" class="btn btn-quiet" aria-label=label>
                                        {if u.active { "Deactivate" } else { "Reactivate" }}
                                    </button>
                                </ServerForm>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}
