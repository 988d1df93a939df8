//! Program-wide fund settings.

use super::{commit_audited, Audited};
use crate::error::{AppError, AppResult};
use crate::ssr::entities::tenant;
use crate::ssr::permission::Permission;
use crate::ssr::repo::begin_write;
use crate::ssr::{Actor, AppState};
use crate::tr;
use crate::types::FormErrors;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// How many days after an activity ends its claim is accepted.
pub async fn claim_days(state: &AppState, tenant_id: i64) -> AppResult<i32> {
    Ok(tenant::Entity::find_by_id(tenant_id)
        .one(&state.db)
        .await?
        .map(|t| t.fund_claim_days)
        .unwrap_or(60))
}

pub async fn set_claim_days(state: &AppState, actor: &Actor, raw: &str) -> AppResult<()> {
    actor.require(Permission::ConfigureFunds)?;
    let Some(days) = raw
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|d| (1..=365).contains(d))
    else {
        let mut e = FormErrors::new().with_values(&[("days", raw)]);
        e.add("days", tr!(funds.days_range));
        return Err(AppError::Invalid(e));
    };
    let now = crate::ssr::services::now();
    let txn = begin_write(&state.db).await?;
    tenant::Entity::update_many()
        .col_expr(tenant::Column::FundClaimDays, Expr::value(days))
        .filter(tenant::Column::Id.eq(actor.tenant_id))
        .exec(&txn)
        .await?;
    let detail = format!("Claims accepted until {days} days after an activity ends");
    commit_audited(
        txn,
        actor,
        Audited::Program(actor.tenant_id),
        "claim_window",
        &detail,
        now,
    )
    .await
}
