//! One form, one argument per field, as the HTML form posts it.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use crate::types::deal::{DealOrigin, DealStage};
use crate::types::Choice;
use leptos::prelude::*;

/// Saves a registration as a draft, or sends it when `send` is set (the
/// form's "Submit" button). `key` makes a double submit of a new form
/// create one registration; `id` and `version` change an existing one
/// (the parts a reviewer did not flag for change are kept whatever is
/// posted: a locked part posts nothing). A distributor names the reseller
/// it registers for in `for_partner`.
#[server(prefix = "/api", endpoint = "save_deal")]
pub async fn save_deal(
    key: String,
    #[server(default)] id: Option<i64>,
    #[server(default)] version: Option<i32>,
    #[server(default)] for_partner: String,
    #[server(default)] reference: String,
    #[server(default)] customer_name: String,
    #[server(default)] website: String,
    #[server(default)] country: String,
    #[server(default)] region: String,
    #[server(default)] city: String,
    #[server(default)] postcode: String,
    #[server(default)] contact_name: String,
    #[server(default)] contact_email: String,
    #[server(default)] contact_phone: String,
    #[server(default)] currency: String,
    #[server(default)] family_1: String,
    #[server(default)] quantity_1: String,
    #[server(default)] amount_1: String,
    #[server(default)] family_2: String,
    #[server(default)] quantity_2: String,
    #[server(default)] amount_2: String,
    #[server(default)] family_3: String,
    #[server(default)] quantity_3: String,
    #[server(default)] amount_3: String,
    #[server(default)] family_4: String,
    #[server(default)] quantity_4: String,
    #[server(default)] amount_4: String,
    #[server(default)] family_5: String,
    #[server(default)] quantity_5: String,
    #[server(default)] amount_5: String,
    #[server(default)] expected_close_on: String,
    #[server(default)] stage: Choice<DealStage>,
    #[server(default)] origin: Choice<DealOrigin>,
    #[server(default)] competitor: String,
    #[server(default)] notes: String,
    #[server(default)] sourced_by: String,
    #[server(default)] lead: Option<i64>,
    #[server(default)] send: Option<String>,
) -> Result<i64, AppError> {
    use crate::ssr::services::deals::register::{self, DealInput, LineInput};
    crate::api::as_actor(|state, actor| async move {
        let line = |family, quantity, amount| LineInput {
            family,
            quantity,
            amount,
        };
        let input = DealInput {
            for_partner,
            reference,
            customer_name,
            website,
            country,
            region,
            city,
            postcode,
            contact_name,
            contact_email,
            contact_phone,
            currency,
            lines: vec![
                line(family_1, quantity_1, amount_1),
                line(family_2, quantity_2, amount_2),
                line(family_3, quantity_3, amount_3),
                line(family_4, quantity_4, amount_4),
                line(family_5, quantity_5, amount_5),
            ],
            expected_close_on,
            stage,
            origin,
            competitor,
            notes,
            sourced_by,
            lead,
        };
        let existing = id.zip(version);
        let send = send.is_some();
        let id = register::save(&state, &actor, &key, existing, input, send).await?;
        let saved = if send { "submitted" } else { "saved" };
        leptos_axum::redirect(&format!("/deals/{id}?saved={saved}"));
        Ok(id)
    })
    .await
}
