//! A registration returned for changes: the reviewer flags the parts to
//! change, and the partner may change only those. The others are shown
//! locked and, whatever a form posts, kept as stored.

use super::register::{DealInput, LineInput};
use super::sourcing::Source;
use crate::error::{AppError, AppResult};
use crate::ssr::entities::{deal, deal_line};
use crate::ssr::scope::in_tenant;
use crate::ssr::services::now;
use crate::ssr::{Actor, AppState};
use crate::types::deal::{DealPart, DealStatus};
use crate::types::money::to_input;
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, QueryFilter, QueryOrder};

/// The parts the partner may change (None: all of them). A close date
/// that has passed is open to change even when not flagged: it could not
/// be sent again otherwise.
pub fn editable_parts(row: &deal::Model, today: NaiveDate) -> Option<Vec<DealPart>> {
    if row.status != DealStatus::Returned {
        return None;
    }
    let mut parts = DealPart::parse_list(&row.returned_fields);
    if parts.is_empty() {
        return None;
    }
    if row.expected_close_on < today && !parts.contains(&DealPart::CloseDate) {
        parts.push(DealPart::CloseDate);
    }
    Some(parts)
}

/// The actor's today, as the close date is checked.
pub fn today(actor: &Actor) -> NaiveDate {
    now().with_timezone(&actor.time_zone).date_naive()
}

/// Puts the stored values of registration `id` into every part of `input`
/// the partner may not change.
pub async fn keep_locked_parts(
    state: &AppState,
    actor: &Actor,
    id: i64,
    input: &mut DealInput,
) -> AppResult<()> {
    let row = super::read::readable(actor)
        .filter(deal::Column::Id.eq(id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let Some(editable) = editable_parts(&row, today(actor)) else {
        return Ok(());
    };
    for part in DealPart::ALL {
        if editable.contains(part) {
            continue;
        }
        if *part == DealPart::Products {
            let lines = in_tenant::<deal_line::Entity>(actor.tenant_id)
                .filter(deal_line::Column::DealId.eq(row.id))
                .order_by_asc(deal_line::Column::Id)
                .all(&state.db)
                .await?;
            keep_products(&row, &lines, input);
        } else {
            keep(*part, &row, input);
        }
    }
    Ok(())
}

/// The stored currency and product lines.
fn keep_products(row: &deal::Model, lines: &[deal_line::Model], input: &mut DealInput) {
    input.currency = row.currency.clone();
    input.lines = lines
        .iter()
        .map(|l| LineInput {
            family: l.product_family_id.to_string(),
            quantity: l.quantity.to_string(),
            amount: to_input(l.amount_minor, &row.currency),
        })
        .collect();
}

/// The stored value of one part other than the products.
fn keep(part: DealPart, row: &deal::Model, input: &mut DealInput) {
    match part {
        DealPart::Customer => {
            input.customer_name = row.customer_name.clone();
            input.website = row.customer_website.clone();
        }
        DealPart::Place => {
            input.country = row.country.clone();
            input.region = row.region.clone();
            input.city = row.city.clone();
            input.postcode = row.postcode.clone();
        }
        DealPart::Contact => {
            input.contact_name = row.contact_name.clone();
            input.contact_email = row.contact_email.clone();
            input.contact_phone = row.contact_phone.clone();
        }
        DealPart::CloseDate => input.expected_close_on = row.expected_close_on.to_string(),
        DealPart::Stage => input.stage = row.stage.into(),
        DealPart::Origin => {
            input.origin = row.origin.into();
            input.sourced_by = Source::of(row).map(Source::input).unwrap_or_default();
        }
        DealPart::Competitor => input.competitor = row.competitor.clone(),
        DealPart::Reference => input.reference = row.reference.clone(),
        DealPart::Notes => input.notes = row.notes.clone(),
        DealPart::Products => {}
    }
}

/// The parts a reviewer ticked when returning a registration (the form's
/// `parts[customer]` boxes), in the order the form lists them.
pub fn ticked(keys: &[String]) -> Vec<DealPart> {
    DealPart::ALL
        .iter()
        .copied()
        .filter(|p| keys.iter().any(|k| k == p.as_str()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticked_keeps_known_parts_in_form_order() {
        let keys = vec!["notes".into(), "bogus".into(), "customer".into()];
        assert_eq!(ticked(&keys), vec![DealPart::Customer, DealPart::Notes]);
        assert!(ticked(&[]).is_empty());
    }

    #[test]
    fn stored_parts_round_trip() {
        let parts = vec![DealPart::Contact, DealPart::CloseDate];
        assert_eq!(DealPart::parse_list(&DealPart::join(&parts)), parts);
        assert!(DealPart::parse_list("").is_empty());
    }
}
