//! Turns rows into the views pages render.

use crate::locale;
use crate::ssr::entities::{organization, user};
use crate::ssr::services::partner_types::ProgramTypes;
use crate::ssr::services::tiers::ProgramTiers;
use crate::ssr::Actor;
use crate::types::views::{PartnerSummary, UserRow};
use crate::types::Region;
use std::collections::HashMap;

pub fn partner_summary(
    org: &organization::Model,
    names: &HashMap<i64, String>,
    managers: &HashMap<i64, String>,
    tiers: &ProgramTiers,
    types: &ProgramTypes,
) -> PartnerSummary {
    PartnerSummary {
        id: org.id,
        name: org.name.clone(),
        partner_type: types.tag(org.partner_type.as_deref(), locale::current()),
        tier: tiers.tag(org.tier.as_deref(), locale::current()),
        region: org.region.as_deref().and_then(Region::parse),
        city: org.city.clone(),
        country: org.country.clone(),
        brand_color: org.brand_color.clone(),
        logo_url: logo_url(org),
        parent_name: org.parent_id.and_then(|id| names.get(&id).cloned()),
        channel_manager_name: org
            .channel_manager_id
            .and_then(|id| managers.get(&id).cloned()),
    }
}

/// The logo's address; the key's file name busts caches when it changes.
pub fn logo_url(org: &organization::Model) -> Option<String> {
    let key = org.logo_key.as_deref()?;
    let version = key.rsplit('/').next().unwrap_or(key);
    Some(format!("/media/logos/{}?v={version}", org.id))
}

pub fn user_row(actor: &Actor, u: &user::Model, org_names: &HashMap<i64, String>) -> UserRow {
    UserRow {
        id: u.id,
        name: u.name.clone(),
        email: u.email.clone(),
        role: u.role,
        organization_id: u.organization_id,
        organization_name: org_names
            .get(&u.organization_id)
            .cloned()
            .unwrap_or_default(),
        active: u.active,
        last_sign_in: u.last_sign_in_at.map(|t| actor.date(t)),
    }
}
