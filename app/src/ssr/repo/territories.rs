//! Partners' territories: their areas, and who works at a place.

use crate::ssr::entities::{organization, territory};
use crate::ssr::scope::{in_tenant, tenant_is};
use crate::types::territory::Country;
use sea_orm::sea_query::{Expr, ExprTrait, Query, SelectStatement};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, FromQueryResult, QueryFilter,
    QueryOrder, Statement,
};

/// The partner's areas, by country, region and postcode.
pub async fn of_partner(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    partner_id: i64,
) -> Result<Vec<territory::Model>, DbErr> {
    use territory::Column as T;
    in_tenant::<territory::Entity>(tenant_id)
        .filter(T::PartnerId.eq(partner_id))
        .order_by_asc(T::Country)
        .order_by_asc(T::Region)
        .order_by_asc(T::PostcodePrefix)
        .all(db)
        .await
}

/// The countries any of the program's partners work in. A loose index
/// scan (one seek per country in the place index), so 100,000 partners'
/// areas cost what a hundred do; a `DISTINCT` would read them all.
pub async fn countries_in_use(
    db: &impl ConnectionTrait,
    tenant_id: i64,
) -> Result<Vec<Country>, DbErr> {
    #[derive(FromQueryResult)]
    struct Row {
        country: String,
    }
    let backend = db.get_database_backend();
    let (first, next) = if backend == DbBackend::Postgres {
        ("$1", "$2")
    } else {
        ("?", "?")
    };
    let sql = format!(
        "WITH RECURSIVE c(country) AS ( \
           SELECT MIN(country) FROM territories WHERE tenant_id = {first} \
           UNION ALL \
           SELECT (SELECT MIN(t.country) FROM territories t \
                   WHERE t.tenant_id = {next} AND t.country > c.country) \
           FROM c WHERE c.country IS NOT NULL) \
         SELECT country FROM c WHERE country IS NOT NULL"
    );
    let rows = Row::find_by_statement(Statement::from_sql_and_values(
        backend,
        sql,
        [tenant_id.into(), tenant_id.into()],
    ))
    .all(db)
    .await?;
    Ok(rows
        .iter()
        .filter_map(|r| Country::parse(&r.country))
        .collect())
}

/// Removes one of the partner's areas; whether there was one.
pub async fn delete(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    partner_id: i64,
    id: i64,
) -> Result<bool, DbErr> {
    use territory::Column as T;
    let res = territory::Entity::delete_many()
        .filter(tenant_is::<territory::Entity>(tenant_id))
        .filter(T::PartnerId.eq(partner_id))
        .filter(T::Id.eq(id))
        .exec(db)
        .await?;
    Ok(res.rows_affected > 0)
}

/// Ids of the partners working in a country, or at one postcode of it:
/// there an area answers if it is the whole country or a prefix the
/// postcode starts with (each of the postcode's prefixes is looked up in
/// the place index, so the query never scans). `postcode` is a
/// `postcode_key`.
pub fn partners_working_in(tenant_id: i64, country: Country, postcode: &str) -> SelectStatement {
    use territory::Column as T;
    let mut query = Query::select();
    query
        .column(T::PartnerId)
        .from(territory::Entity)
        .and_where(tenant_is::<territory::Entity>(tenant_id))
        .and_where(T::Country.eq(country.code()));
    if !postcode.is_empty() {
        // Regions are named, not drawn: a postcode cannot be placed in one,
        // so with a postcode only whole countries and prefixes answer.
        let prefixes: Vec<String> = (0..=postcode.len())
            .filter(|end| postcode.is_char_boundary(*end))
            .map(|end| postcode[..end].to_owned())
            .collect();
        query
            .and_where(T::Region.eq(""))
            .and_where(T::PostcodePrefix.is_in(prefixes));
    }
    query.to_owned()
}

/// "The partner in `partner` (a column of the outer query) works in the
/// country, or at the postcode": for `EXISTS`, probing the area index once
/// per partner.
pub fn works_in(
    tenant_id: i64,
    partner: (organization::Entity, organization::Column),
    country: Country,
    postcode: &str,
) -> SelectStatement {
    use territory::Column as T;
    let mut query = partners_working_in(tenant_id, country, postcode);
    query.and_where(Expr::col((territory::Entity, T::PartnerId)).equals(partner));
    query
}

/// How many areas answer for the place, counting no further than `cap`
/// (from the place index alone).
pub async fn count_areas_up_to(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    country: Country,
    postcode: &str,
    cap: u64,
) -> Result<u64, DbErr> {
    super::count_rows_up_to(db, partners_working_in(tenant_id, country, postcode), cap).await
}
