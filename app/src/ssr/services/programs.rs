//! The operator's hold on a program (tenant): suspend it, resume it, move
//! it to another host name (`server program …`). Every instance sees the
//! change within its tenant cache's interval (`Config::tenant_cache_ttl`).

use crate::locale::Locale;
use crate::ssr::entities::tenant;
use crate::ssr::services::now;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// What the operator asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    Suspend,
    Resume,
    /// Serve the program at `<new slug>.<domain>` instead.
    MoveTo(String),
}

/// Applies `change` to the program at `slug`; an error names what is wrong.
pub async fn apply(db: &impl ConnectionTrait, slug: &str, change: Change) -> Result<(), String> {
    let found = crate::ssr::repo::tenants::by_slug(db, slug)
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("no program is served at {slug:?}"))?;
    let update = tenant::Entity::update_many().filter(tenant::Column::Id.eq(found.id));
    let update = match change {
        Change::Suspend => update.col_expr(tenant::Column::SuspendedAt, Expr::value(Some(now()))),
        Change::Resume => update.col_expr(
            tenant::Column::SuspendedAt,
            Expr::value(Option::<chrono::DateTime<chrono::Utc>>::None),
        ),
        Change::MoveTo(new_slug) => {
            check_slug(&new_slug)?;
            if crate::ssr::repo::tenants::by_slug(db, &new_slug)
                .await
                .map_err(|e| e.to_string())?
                .is_some()
            {
                return Err(format!("{new_slug:?} is taken by another program"));
            }
            update.col_expr(tenant::Column::Slug, Expr::value(new_slug))
        }
    };
    update.exec(db).await.map_err(|e| e.to_string())?;
    Ok(())
}

/// A host name's first label: lower-case letters, digits and inner hyphens.
fn check_slug(slug: &str) -> Result<(), String> {
    let fits = (1..=63).contains(&slug.len())
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-');
    if fits {
        Ok(())
    } else {
        Err(format!(
            "{slug:?} cannot start a host name: use a-z, 0-9 and inner hyphens, at most 63"
        ))
    }
}

/// What a visitor of a suspended program reads, in their language.
pub fn suspended_notice(locale: Locale, program: &str) -> String {
    crate::tr_in!(locale, errors.program_suspended, program = program).to_string()
}

/// What a visitor of a host that serves no program reads.
pub fn no_program_notice(locale: Locale) -> String {
    crate::tr_in!(locale, errors.no_program).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_host_labels() {
        assert!(check_slug("acme-eu").is_ok());
        assert!(check_slug("a1").is_ok());
        for bad in [
            "",
            "Acme",
            "-acme",
            "acme-",
            "ac.me",
            "ac me",
            &"a".repeat(64),
        ] {
            assert!(check_slug(bad).is_err(), "{bad:?}");
        }
    }
}
