use super::{action_error, field_error, kept};
use crate::api::account::{list_time_zones, ChangeMyPassword, RenameMe, SetTimeZone};
use crate::components::field::{Check, SelectField, TextField};
use crate::components::language::LanguageSwitch;
use crate::components::layout::use_me;
use crate::components::notice::{FormError, LoadError, Success};
use crate::components::server_form::ServerForm;
use crate::resource::page_data;
use crate::tr;
use crate::types::form::check::MIN_PASSWORD;
use crate::types::permission::Permission;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AccountPage() -> impl IntoView {
    let me = use_me();
    let query = use_query_map();
    let saved = move |what: &'static str| {
        Signal::derive(move || query.read().get("saved").as_deref() == Some(what))
    };
    let rename = ServerAction::<RenameMe>::new();
    let password = ServerAction::<ChangeMyPassword>::new();
    let set_zone = ServerAction::<SetTimeZone>::new();
    let zones = page_data(|| (), |_| list_time_zones());
    let rename_error = action_error(rename);
    let zone_error = action_error(set_zone);
    let password_error = action_error(password);
    view! {
        <Title text=tr!(account.title)/>
        <h1>{tr!(account.title)}</h1>
        <Success show=saved("name") text=tr!(account.name_saved)/>
        <Success show=saved("zone") text=tr!(account.zone_saved)/>
        <Success show=saved("password") text=tr!(account.password_saved)/>
        <Suspense fallback=|| view! { <p class="loading">{tr!(common.loading)}</p> }>
            {move || Suspend::new(async move {
                let (user, zones) = (me.user().await, zones.await);
                match user.and_then(|user| zones.map(|zones| (user, zones))) {
                    Err(error) => view! { <LoadError error/> }.into_any(),
                    Ok((user, zones)) => {
                        let zone = Some(kept(zone_error, "zone")).filter(|z| !z.is_empty()).unwrap_or(user.time_zone.clone());
                        let zones: Vec<(String, String)> = zones.into_iter().map(|z| (z.clone(), z.replace('_', " "))).collect();
                        let name = Some(kept(rename_error, "name")).filter(|n| !n.is_empty()).unwrap_or(user.name.clone());
                        view! {
                            <div class="grid">
                                <section class="card">
                                    <h2>{tr!(account.profile)}</h2>
                                    <p class="muted">{format!("{} · {} · {}", user.email, user.role.label(), user.organization_name)}</p>
                                    <FormError error=rename_error/>
                                    <ServerForm action=rename attr:novalidate=true>
                                        <TextField name="name" label=tr!(auth.your_name) autocomplete="name" required=true value=name
                                            error=field_error(rename_error, "name") check=Check::Name/>
                                        <button type="submit" class="btn btn-primary" disabled=move || rename.pending().get()>{tr!(account.save_name)}</button>
                                    </ServerForm>
                                </section>
                                <section class="card">
                                    <h2>{tr!(language.label)}</h2>
                                    <p class="muted">{tr!(language.hint)}</p>
                                    <LanguageSwitch/>
                                </section>
                                <section class="card">
                                    <h2>{tr!(account.time_zone)}</h2>
                                    <p class="muted">{tr!(account.time_zone_hint)}</p>
                                    <FormError error=zone_error/>
                                    <ServerForm action=set_zone attr:novalidate=true>
                                        <SelectField name="zone" label=tr!(account.your_time_zone) options=zones selected=zone error=field_error(zone_error, "zone")/>
                                        <button type="submit" class="btn btn-primary" disabled=move || set_zone.pending().get()>{tr!(account.save_time_zone)}</button>
                                    </ServerForm>
                                </section>
                                {user.role.may(Permission::ViewProgram).then(|| view! {
                                    <section class="card">
                                        <h2>{tr!(tiers.title)}</h2>
                                        <p class="muted">{tr!(tiers.account_hint)}</p>
                                        <a class="btn" href="/tiers">{tr!(tiers.open)}</a>
                                    </section>
                                })}
                                <section class="card">
                                    <h2>{tr!(products.title)}</h2>
                                    <p class="muted">{if user.role.may(Permission::ManageProducts) { tr!(products.account_hint_keeper) } else { tr!(products.account_hint) }}</p>
                                    <a class="btn" href="/products">{tr!(products.open)}</a>
                                </section>
                                {user.role.may(Permission::ViewBackgroundWork).then(|| view! {
                                    <section class="card">
                                        <h2>{tr!(background_work.title)}</h2>
                                        <p class="muted">{tr!(background_work.account_hint)}</p>
                                        <a class="btn" href="/background-work">{tr!(background_work.open)}</a>
                                    </section>
                                })}
                                <section class="card">
                                    <h2>{tr!(account.password)}</h2>
                                    <FormError error=password_error/>
                                    <ServerForm action=password attr:novalidate=true>
                                        <TextField name="current" label=tr!(account.current_password) kind="password" autocomplete="current-password" required=true
                                            error=field_error(password_error, "current")/>
                                        <TextField id="f-new-password" name="password" label=tr!(auth.new_password) kind="password" autocomplete="new-password" required=true
                                            hint=tr!(checks.password_hint, min = MIN_PASSWORD).to_string() error=field_error(password_error, "password") check=Check::NewPassword/>
                                        <TextField name="confirm" label=tr!(auth.repeat_new_password) kind="password" autocomplete="new-password" required=true
                                            error=field_error(password_error, "confirm")/>
                                        <button type="submit" class="btn btn-primary" disabled=move || password.pending().get()>{tr!(account.change_password)}</button>
                                    </ServerForm>
                                </section>
                            </div>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}
