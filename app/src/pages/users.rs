use super::{action_error, field_error, kept};
use crate::api::users::{list_users, InviteUser, RevokeInvitation, SetUserActive};
use crate::components::field::{Check, SelectField, TextField};
use crate::components::layout::use_me;
use crate::components::notice::{FormError, LoadError, Success};
use crate::components::server_form::ServerForm;
use crate::locale;
use crate::resource::page_data;
use crate::tr;
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
        <Title text=tr!(users.title)/>
        <h1>{tr!(users.title)}</h1>
        <Success show=invited text=tr!(users.invited)/>
        <FormError error=action_error(revoke)/>
        <FormError error=action_error(toggle)/>
        <Suspense fallback=|| view! { <p class="loading">{tr!(users.loading)}</p> }>
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
    let orgs: Vec<(String, String)> = admin
        .organizations
        .iter()
        .map(|o| {
            let label = if o.kind == OrgKind::Vendor {
                tr!(users.vendor_staff, name = &o.name).to_string()
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
                <h2>{tr!(users.invite)}</h2>
                <p class="muted">{tr!(users.invite_hint)}</p>
                <FormError error/>
                <ServerForm action=invite attr:novalidate=true>
                    {match single_org {
                        Some(id) => view! { <input type="hidden" name="organization_id" value=id/> }.into_any(),
                        None => view! {
                            <SelectField name="organization_id" label=tr!(users.company) options=orgs.clone()
                                selected=kept(error, "organization_id") empty=tr!(users.choose) error=field_error(error, "organization_id")/>
                        }.into_any(),
                    }}
                    <TextField name="email" label=tr!(users.email) kind="email" autocomplete="off" required=true
                        value=kept(error, "email") error=field_error(error, "email") check=Check::Email/>
                    <SelectField name="role" label=tr!(users.role) options=roles selected=kept(error, "role") empty=tr!(users.choose) error=field_error(error, "role")/>
                    <SelectField name="lang" label=tr!(users.mail_language) options=languages()
                        selected=Some(kept(error, "lang")).filter(|l| !l.is_empty()).unwrap_or_else(|| locale::current_code().to_owned())
                        error=field_error(error, "lang")/>
                    <button type="submit" class="btn btn-primary" disabled=move || invite.pending().get()>{tr!(users.send_invitation)}</button>
                </ServerForm>
            </section>
            <section class="card">
                <h2>{tr!(users.pending)}</h2>
                {if admin.invitations.is_empty() {
                    view! { <p>{tr!(users.none_pending)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="people">
                            {admin.invitations.into_iter().map(|i| view! {
                                <li>
                                    <span class="person-name">{i.email.clone()}</span>
                                    <span class="muted">{tr!(users.invitation_line, role = i.role.label(), organization = &i.organization_name, date = &i.expires_on).to_string()}</span>
                                    <ServerForm action=revoke attr:class="inline">
                                        <input type="hidden" name="id" value=i.id/>
                                        <button type="submit" class="btn btn-quiet" aria-label=tr!(users.revoke_for, email = &i.email).to_string()>{tr!(users.revoke)}</button>
                                    </ServerForm>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
        </div>
        <section class="card">
            <h2>{tr!(users.people, count = admin.users.len()).to_string()}</h2>
            <ul class="people">
                {admin.users.into_iter().map(|u| {
                    let is_me = u.id == me_id;
                    let label = if u.active { tr!(users.deactivate_who, name = &u.name).to_string() } else { tr!(users.reactivate_who, name = &u.name).to_string() };
                    view! {
                        <li class:inactive=!u.active>
                            <span class="person-name">{u.name.clone()}{is_me.then_some(tr!(users.you))}</span>
                            <span class="muted">{format!("{} · {} · {}", u.role.label(), u.organization_name, u.email)}</span>
                            <span class="muted">{match u.last_sign_in { Some(when) => tr!(users.last_signed_in, when).to_string(), None => tr!(users.never_signed_in).into() }}</span>
                            {(!u.active).then(|| view! { <span class="badge">{tr!(users.deactivated)}</span> })}
                            {(!is_me).then(|| view! {
                                <ServerForm action=toggle attr:class="inline">
                                    <input type="hidden" name="id" value=u.id/>
                                    <input type="hidden" name="active" value=(!u.active).to_string()/>
                                    <button type="submit" class="btn btn-quiet" aria-label=label>
                                        {if u.active { tr!(users.deactivate) } else { tr!(users.reactivate) }}
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

/// The languages an invitation can be written in, each named in itself.
fn languages() -> Vec<(String, String)> {
    locale::all()
        .iter()
        .map(|l| {
            let name = crate::locale::endonym(*l);
            (locale::code_of(*l).to_owned(), name.to_owned())
        })
        .collect()
}
