//! The vendor's named accounts: customers it sells to itself. A partner
//! registering one is told it is a reserved account; the vendor admin keeps
//! the list (`/deals/accounts`). Removing one frees the customer for new
//! registrations; the clashes already decided keep their record.

use crate::error::{AppError, AppResult};
use crate::locale;
use crate::ssr::company_match::{normalise_name, registrable_domain};
use crate::ssr::entities::deal_named_account as named;
use crate::ssr::permission::Permission;
use crate::ssr::scope::in_tenant;
use crate::ssr::services::now;
use crate::ssr::{Actor, AppState};
use crate::tr;
use crate::types::deal::{NamedAccountRow, NamedAccountsPage};
use crate::types::form::check;
use crate::types::territory::Country;
use crate::types::FormErrors;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
};

/// The list, by name, with what the form offers.
pub async fn page(state: &AppState, actor: &Actor) -> AppResult<NamedAccountsPage> {
    actor.require(Permission::ConfigureDeals)?;
    let reader = locale::current();
    let items = in_tenant::<named::Entity>(actor.tenant_id)
        .order_by_asc(named::Column::Name)
        .order_by_asc(named::Column::Id)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|a| NamedAccountRow {
            id: a.id,
            country_name: Country::parse(&a.country)
                .map(|c| crate::ssr::countries::name(c, reader))
                .unwrap_or_default(),
            domain: a.domain.unwrap_or_default(),
            added: locale::date(a.created_at.date_naive()),
            name: a.name,
        })
        .collect();
    Ok(NamedAccountsPage {
        items,
        countries: crate::ssr::countries::options(reader),
    })
}

/// Takes an account off the list.
pub async fn remove(state: &AppState, actor: &Actor, id: i64) -> AppResult<()> {
    actor.require(Permission::ConfigureDeals)?;
    let gone = named::Entity::delete_many()
        .filter(crate::ssr::scope::tenant_is::<named::Entity>(
            actor.tenant_id,
        ))
        .filter(named::Column::Id.eq(id))
        .exec(&state.db)
        .await?
        .rows_affected;
    if gone == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// Adds an account the vendor sells to itself.
pub async fn add(
    state: &AppState,
    actor: &Actor,
    name: &str,
    website: &str,
    country: &str,
) -> AppResult<i64> {
    actor.require(Permission::ConfigureDeals)?;
    let mut e = FormErrors::new().with_values(&[
        ("name", name),
        ("website", website),
        ("country", country),
    ]);
    let name = check::required(&mut e, "name", name, tr!(deals.customer_name), 160);
    let country = Country::parse(country);
    if country.is_none() {
        e.add("country", tr!(deals.choose_country));
    }
    let domain = registrable_domain(website);
    if !website.trim().is_empty() && domain.is_none() {
        e.add("website", tr!(deals.website_not_a_company_domain));
    }
    let Some(country) = country.filter(|_| e.is_empty()) else {
        return Err(AppError::Invalid(e));
    };
    let row = named::ActiveModel {
        tenant_id: Set(actor.tenant_id),
        name_key: Set(normalise_name(&name)),
        name: Set(name),
        domain: Set(domain),
        country: Set(country.code().to_owned()),
        created_by: Set(actor.user_id),
        created_at: Set(now()),
        ..Default::default()
    }
    .insert(&state.db)
    .await?;
    Ok(row.id)
}
