//! Catalogue queries: products a page at a time, families with their sizes.

use crate::ssr::entities::{product, product_family};
use crate::ssr::Scope;
use crate::types::product::{ProductFilter, ProductStatus};
use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Select,
};
use std::collections::HashMap;

pub const PAGE_SIZE: u64 = 25;

/// Products matching the filters, before paging. The search looks at the
/// SKU and the stored name.
pub fn filtered(scope: &Scope<'_>, filter: &ProductFilter) -> Select<product::Entity> {
    use product::Column as P;
    let mut query = scope.products();
    let q = filter.q.trim();
    if !q.is_empty() {
        let pattern = super::contains_pattern(q);
        let mut any = Condition::any();
        for col in [P::Name, P::Sku] {
            any = any.add(
                Expr::expr(Func::lower(Expr::col((product::Entity, col))))
                    .like(LikeExpr::new(pattern.clone()).escape('\\')),
            );
        }
        query = query.filter(any);
    }
    if let Ok(family) = filter.family.parse::<i64>() {
        query = query.filter(P::FamilyId.eq(family));
    }
    match ProductStatus::parse(&filter.status) {
        Some(ProductStatus::Active) => query = query.filter(P::Active.eq(true)),
        Some(ProductStatus::Inactive) => query = query.filter(P::Active.eq(false)),
        None => {}
    }
    query
}

/// One page ordered by (name, id) after the row `after` (keyset), the
/// number of matches, and whether more follow.
pub async fn page(
    db: &impl ConnectionTrait,
    scope: &Scope<'_>,
    filter: &ProductFilter,
) -> Result<(Vec<product::Model>, u64, bool), DbErr> {
    use product::Column as P;
    let total = filtered(scope, filter).count(db).await?;
    let mut query = filtered(scope, filter);
    if let Ok(after_id) = filter.after.parse::<i64>() {
        if let Some(last) = visible(db, scope, after_id).await? {
            query = query.filter(
                Condition::any().add(P::Name.gt(last.name.clone())).add(
                    Condition::all()
                        .add(P::Name.eq(last.name))
                        .add(P::Id.gt(last.id)),
                ),
            );
        }
    }
    let mut rows = query
        .order_by_asc(P::Name)
        .order_by_asc(P::Id)
        .limit(PAGE_SIZE + 1)
        .all(db)
        .await?;
    let more = rows.len() as u64 > PAGE_SIZE;
    rows.truncate(PAGE_SIZE as usize);
    Ok((rows, total, more))
}

pub async fn visible(
    db: &impl ConnectionTrait,
    scope: &Scope<'_>,
    id: i64,
) -> Result<Option<product::Model>, DbErr> {
    scope
        .products()
        .filter(product::Column::Id.eq(id))
        .one(db)
        .await
}

/// Every family of the program, by name.
pub async fn families(
    db: &impl ConnectionTrait,
    scope: &Scope<'_>,
) -> Result<Vec<product_family::Model>, DbErr> {
    scope
        .product_families()
        .order_by_asc(product_family::Column::Name)
        .order_by_asc(product_family::Column::Id)
        .all(db)
        .await
}

/// How many products the reader sees in each family (one grouped query).
pub async fn family_sizes(
    db: &impl ConnectionTrait,
    scope: &Scope<'_>,
) -> Result<HashMap<i64, u64>, DbErr> {
    let rows: Vec<(i64, i64)> = scope
        .products()
        .select_only()
        .column(product::Column::FamilyId)
        .column_as(product::Column::Id.count(), "n")
        .group_by(product::Column::FamilyId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(family, n)| (family, u64::try_from(n).unwrap_or(0)))
        .collect())
}
