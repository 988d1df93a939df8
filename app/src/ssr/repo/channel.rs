//! The channel tree kept in `channel_links`: every (ancestor, descendant)
//! pair with the steps between them, written whenever a partner is added
//! or moved under another, so reading "everyone below" never walks the
//! tree.

use crate::ssr::entities::{channel_link, organization};
use crate::ssr::scope::tenant_is;
use sea_orm::sea_query::{Query, SelectStatement};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Statement,
};

/// Puts `org` (and everyone below it) under `parent`, or at the top of the
/// channel when `None`: the pairs linking its subtree to its former
/// ancestors go, and pairs to the new parent and its ancestors come. The
/// caller has checked that `parent` is not below `org` ([`is_below`]) and
/// runs this in the transaction that changes `parent_id`.
pub async fn place(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    org: i64,
    parent: Option<i64>,
) -> Result<(), DbErr> {
    // The subtree is `org` itself and its descendants; its former
    // ancestors are org's own.
    super::execute(
        db,
        "DELETE FROM channel_links WHERE tenant_id = $1 \
           AND ancestor_id IN (SELECT ancestor_id FROM channel_links WHERE tenant_id = $1 AND descendant_id = $2) \
           AND (descendant_id = $2 OR descendant_id IN \
                (SELECT descendant_id FROM channel_links WHERE tenant_id = $1 AND ancestor_id = $2))",
        vec![tenant_id.into(), org.into()],
    )
    .await?;
    let Some(parent) = parent else {
        return Ok(());
    };
    super::execute(
        db,
        "INSERT INTO channel_links (tenant_id, ancestor_id, descendant_id, depth) \
         SELECT $1, a.ancestor_id, d.descendant_id, a.depth + d.depth + 1 \
         FROM (SELECT ancestor_id, depth FROM channel_links WHERE tenant_id = $1 AND descendant_id = $3 \
               UNION ALL SELECT $3, 0) a \
         CROSS JOIN (SELECT descendant_id, depth FROM channel_links WHERE tenant_id = $1 AND ancestor_id = $2 \
               UNION ALL SELECT $2, 0) d",
        vec![tenant_id.into(), org.into(), parent.into()],
    )
    .await
}

/// Whether `org` is somewhere below `ancestor`.
pub async fn is_below(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    org: i64,
    ancestor: i64,
) -> Result<bool, DbErr> {
    use channel_link::Column as L;
    Ok(channel_link::Entity::find()
        .filter(tenant_is::<channel_link::Entity>(tenant_id))
        .filter(L::AncestorId.eq(ancestor))
        .filter(L::DescendantId.eq(org))
        .one(db)
        .await?
        .is_some())
}

/// Whether anyone buys through `org`.
pub async fn has_partners_below(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    org: i64,
) -> Result<bool, DbErr> {
    use channel_link::Column as L;
    Ok(channel_link::Entity::find()
        .filter(tenant_is::<channel_link::Entity>(tenant_id))
        .filter(L::AncestorId.eq(org))
        .one(db)
        .await?
        .is_some())
}

/// The ids of everyone below `org`, at any depth: a subquery for
/// [`crate::ssr::Scope`].
pub fn below(tenant_id: i64, org: i64) -> SelectStatement {
    use channel_link::Column as L;
    Query::select()
        .column(L::DescendantId)
        .from(channel_link::Entity)
        .cond_where(tenant_is::<channel_link::Entity>(tenant_id))
        .and_where(L::AncestorId.eq(org))
        .to_owned()
}

/// The ids of everyone below the companies a channel manager looks after.
pub fn below_managed_by(tenant_id: i64, manager: i64) -> SelectStatement {
    use channel_link::Column as L;
    use organization::Column as O;
    let managed = Query::select()
        .column(O::Id)
        .from(organization::Entity)
        .cond_where(tenant_is::<organization::Entity>(tenant_id))
        .and_where(O::ChannelManagerId.eq(manager))
        .to_owned();
    Query::select()
        .column(L::DescendantId)
        .from(channel_link::Entity)
        .cond_where(tenant_is::<channel_link::Entity>(tenant_id))
        .and_where(L::AncestorId.in_subquery(managed))
        .to_owned()
}

/// The companies `org` buys through, from the top of the channel down to
/// its direct parent.
pub async fn path_above(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    org: i64,
) -> Result<Vec<(i64, String)>, DbErr> {
    use channel_link::Column as L;
    let ancestors: Vec<(i64, i32)> = channel_link::Entity::find()
        .select_only()
        .column(L::AncestorId)
        .column(L::Depth)
        .filter(tenant_is::<channel_link::Entity>(tenant_id))
        .filter(L::DescendantId.eq(org))
        .order_by_desc(L::Depth)
        .into_tuple()
        .all(db)
        .await?;
    let ids: Vec<i64> = ancestors.iter().map(|(id, _)| *id).collect();
    let names: std::collections::HashMap<i64, String> =
        super::organizations::names(db, tenant_id, ids.clone())
            .await?
            .into_iter()
            .collect();
    Ok(ids
        .into_iter()
        .filter_map(|id| names.get(&id).map(|n| (id, n.clone())))
        .collect())
}

/// Makes the program's channel moves wait for each other until the
/// transaction ends. Two concurrent moves (A under B, B under A) would each
/// pass the loop check alone; on PostgreSQL a transaction-scoped advisory
/// lock per tenant orders them. SQLite already runs one writer at a time.
pub async fn serialize_moves(db: &impl ConnectionTrait, tenant_id: i64) -> Result<(), DbErr> {
    if db.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    db.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT pg_advisory_xact_lock($1, $2)",
        [
            MOVES_LOCK.into(),
            i32::try_from(tenant_id % i64::from(i32::MAX))
                .unwrap_or(0)
                .into(),
        ],
    ))
    .await
    .map(|_| ())
}

/// The first key of the channel-move advisory locks (the second is the
/// tenant).
const MOVES_LOCK: i32 = 0x4348_4e4c; // "CHNL"
