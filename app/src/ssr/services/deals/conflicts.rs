//! The conflict check, run while the partner types and again on submit:
//! another partner's live registration of the same customer for a product
//! family this one names, or a customer the vendor keeps for itself.
//! Candidates come from the database by shared domain, identical name, or
//! a name starting alike in the same country; `company_match` decides.

use crate::error::AppResult;
use crate::ssr::company_match::{compare, Company, Evidence};
use crate::ssr::entities::{deal, deal_line, deal_named_account as named};
use crate::ssr::scope::in_tenant;
use crate::types::deal::DealStatus;
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, QueryFilter, QuerySelect};
use std::collections::{HashMap, HashSet};

/// At most this many registrations (and named accounts) are compared.
const CANDIDATES: u64 = 500;
/// Names in one country are compared when their first letters agree.
const PREFIX_CHARS: usize = 2;

/// What is checked: one partner's customer and the families it names.
pub struct Probe<'a> {
    pub tenant_id: i64,
    pub partner_id: i64,
    pub company: &'a Company,
    /// Empty while the partner has not chosen any: every family counts.
    pub families: &'a [i64],
    /// The registration being checked, which does not clash with itself.
    pub deal_id: Option<i64>,
}

/// What the customer clashes with.
#[derive(Clone, Debug, PartialEq)]
pub enum Clash {
    /// Another partner's live registration, submitted at that moment
    /// (the first submission wins).
    Deal {
        id: i64,
        partner_id: i64,
        submitted_at: Option<DateTime<Utc>>,
    },
    /// A customer the vendor sells to itself.
    NamedAccount { id: i64 },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub clash: Clash,
    pub evidence: Evidence,
}

/// Every clash, named accounts first, then registrations in the order they
/// were submitted.
pub async fn find(db: &impl ConnectionTrait, probe: &Probe<'_>) -> AppResult<Vec<Found>> {
    if probe.company.name.is_empty() && probe.company.domain.is_none() {
        return Ok(Vec::new());
    }
    let mut found = named_accounts(db, probe).await?;
    found.extend(registrations(db, probe).await?);
    Ok(found)
}

/// Where a candidate may be: the same domain, the same name anywhere, or
/// a name starting alike in the same country.
fn nearby(
    company: &Company,
    domain: impl ColumnTrait,
    key: impl ColumnTrait,
    country: impl ColumnTrait,
) -> Condition {
    let mut any = Condition::any();
    if let Some(d) = &company.domain {
        any = any.add(domain.eq(d.as_str()));
    }
    if !company.name.is_empty() {
        any = any.add(key.eq(company.name.as_str()));
        let prefix: String = company.name.chars().take(PREFIX_CHARS).collect();
        if !company.country.is_empty() {
            any = any.add(
                Condition::all()
                    .add(country.eq(company.country.as_str()))
                    .add(key.starts_with(prefix.as_str())),
            );
        }
    }
    any
}

async fn registrations(db: &impl ConnectionTrait, probe: &Probe<'_>) -> AppResult<Vec<Found>> {
    let mut query = in_tenant::<deal::Entity>(probe.tenant_id)
        .filter(deal::Column::Status.is_in(DealStatus::LIVE))
        .filter(deal::Column::PartnerId.ne(probe.partner_id))
        .filter(nearby(
            probe.company,
            deal::Column::CustomerDomain,
            deal::Column::CustomerKey,
            deal::Column::Country,
        ));
    if let Some(id) = probe.deal_id {
        query = query.filter(deal::Column::Id.ne(id));
    }
    let candidates = query.limit(CANDIDATES).all(db).await?;
    let mut matched: Vec<(deal::Model, Evidence)> = candidates
        .into_iter()
        .filter_map(|d| {
            let other = company_of(&d);
            compare(probe.company, &other).map(|e| (d, e))
        })
        .collect();
    if !probe.families.is_empty() && !matched.is_empty() {
        let families = families_of(db, probe.tenant_id, matched.iter().map(|(d, _)| d.id)).await?;
        let wanted: HashSet<i64> = probe.families.iter().copied().collect();
        // A registration naming no family yet claims the customer whole.
        matched.retain(|(d, _)| {
            families
                .get(&d.id)
                .is_none_or(|theirs| theirs.iter().any(|f| wanted.contains(f)))
        });
    }
    matched.sort_by_key(|(d, _)| (d.submitted_at, d.id));
    Ok(matched
        .into_iter()
        .map(|(d, evidence)| Found {
            clash: Clash::Deal {
                id: d.id,
                partner_id: d.partner_id,
                submitted_at: d.submitted_at,
            },
            evidence,
        })
        .collect())
}

async fn named_accounts(db: &impl ConnectionTrait, probe: &Probe<'_>) -> AppResult<Vec<Found>> {
    let candidates = in_tenant::<named::Entity>(probe.tenant_id)
        .filter(nearby(
            probe.company,
            named::Column::Domain,
            named::Column::NameKey,
            named::Column::Country,
        ))
        .limit(CANDIDATES)
        .all(db)
        .await?;
    Ok(candidates
        .into_iter()
        .filter_map(|a| {
            let account = Company::new(
                &a.name,
                a.domain.as_deref().unwrap_or(""),
                &a.country,
                "",
                "",
            );
            compare(probe.company, &account).map(|evidence| Found {
                clash: Clash::NamedAccount { id: a.id },
                evidence,
            })
        })
        .collect())
}

/// A stored registration's customer as the matcher reads it.
pub fn company_of(d: &deal::Model) -> Company {
    Company {
        domain: d.customer_domain.clone(),
        ..Company::new(&d.customer_name, "", &d.country, &d.city, &d.postcode)
    }
}

async fn families_of(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    deals: impl Iterator<Item = i64>,
) -> AppResult<HashMap<i64, Vec<i64>>> {
    let mut out: HashMap<i64, Vec<i64>> = HashMap::new();
    for line in in_tenant::<deal_line::Entity>(tenant_id)
        .filter(deal_line::Column::DealId.is_in(deals.collect::<Vec<_>>()))
        .all(db)
        .await?
    {
        out.entry(line.deal_id)
            .or_default()
            .push(line.product_family_id);
    }
    Ok(out)
}
