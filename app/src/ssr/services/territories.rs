//! Where each partner works: vendor admins and the partner's channel
//! manager keep its areas, location and service radius; the partner reads
//! them on its own page.

use super::partners::visible_partner;
use crate::error::{AppError, AppResult};
use crate::locale::Locale;
use crate::ssr::countries;
use crate::ssr::entities::{organization, territory};
use crate::ssr::permission::{On, Permission};
use crate::ssr::repo::territories as repo_territories;
use crate::ssr::scope::tenant_is;
use crate::ssr::{Actor, AppState, Scope};
use crate::tr;
use crate::types::territory::{
    postcode_key, AreaView, Coordinates, CoordinatesProblem, Country, Location, TerritoryView,
    MAX_POSTCODE_PREFIX, MAX_PREFIXES, MAX_RADIUS_KM, MAX_REGION,
};
use crate::types::FormErrors;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// The partner's territory as its page shows it to the actor, who could
/// see the partner (`org` came through their scope).
pub async fn view(
    db: &impl ConnectionTrait,
    actor: &Actor,
    org: &organization::Model,
    reader: Locale,
) -> AppResult<TerritoryView> {
    let can_edit = actor.may_on(Permission::EditTerritories, On::Company(org.id));
    let areas = repo_territories::of_partner(db, actor.tenant_id, org.id).await?;
    let mut areas: Vec<AreaView> = areas
        .into_iter()
        .filter_map(|a| {
            let country = Country::parse(&a.country)?;
            Some(AreaView {
                id: a.id,
                country: a.country,
                country_name: countries::name(country, reader),
                region: a.region,
                postcode_prefix: a.postcode_prefix,
            })
        })
        .collect();
    // By country name in the reader's language, as the form lists them
    // (stable: the query's order by region and postcode stays within one).
    areas.sort_by_cached_key(|a| countries::sort_key(&a.country_name));
    Ok(TerritoryView {
        areas,
        location: location_of(org),
        can_edit,
        countries: if can_edit {
            countries::options(reader)
        } else {
            Vec::new()
        },
    })
}

pub fn location_of(org: &organization::Model) -> Option<Location> {
    Some(Location {
        at: Coordinates {
            lat_e6: org.latitude_e6?,
            lon_e6: org.longitude_e6?,
        },
        radius_km: org.service_radius_km.and_then(|r| u32::try_from(r).ok()),
    })
}

/// The partner the actor may keep the territory of, or why not.
async fn editable_partner(
    state: &AppState,
    actor: &Actor,
    partner_id: i64,
) -> AppResult<organization::Model> {
    actor.require(Permission::EditTerritories)?;
    let org = visible_partner(state, &Scope::new(actor), partner_id).await?;
    actor.require_on(Permission::EditTerritories, On::Company(org.id))?;
    Ok(org)
}

/// Areas as typed into the form: a country, and a region or postcode
/// prefixes (several, separated by commas or spaces).
#[derive(Clone, Debug, Default)]
pub struct AreasInput {
    pub country: String,
    pub region: String,
    pub postcodes: String,
}

impl AreasInput {
    /// An empty set of errors that gives the form back what was typed.
    fn errors(&self) -> FormErrors {
        FormErrors::new().with_values(&[
            ("country", &self.country),
            ("region", &self.region),
            ("postcodes", &self.postcodes),
        ])
    }
}

/// What the form asks to add: (country, region, postcode prefix) rows.
fn parse_areas(input: &AreasInput) -> Result<Vec<(Country, String, String)>, FormErrors> {
    let mut errors = input.errors();
    let country = Country::parse(&input.country);
    if country.is_none() {
        errors.add("country", tr!(territory.choose_country));
    }
    let region = input
        .region
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if region.chars().count() > MAX_REGION {
        errors.add(
            "region",
            tr!(
                checks.too_long,
                what = tr!(territory.the_region),
                max = MAX_REGION
            )
            .to_string(),
        );
    }
    let mut prefixes: Vec<String> = Vec::new();
    for typed in input.postcodes.split([',', ';', '\n']) {
        let prefix = postcode_key(typed);
        if prefix.is_empty() {
            continue;
        }
        let fits = prefix.chars().count() <= MAX_POSTCODE_PREFIX
            && prefix.chars().all(|c| c.is_ascii_alphanumeric());
        if !fits {
            errors.add(
                "postcodes",
                tr!(
                    territory.bad_prefix,
                    prefix = typed.trim(),
                    max = MAX_POSTCODE_PREFIX
                )
                .to_string(),
            );
        } else if !prefixes.contains(&prefix) {
            prefixes.push(prefix);
        }
    }
    if prefixes.len() > MAX_PREFIXES {
        errors.add(
            "postcodes",
            tr!(territory.too_many_prefixes, max = MAX_PREFIXES).to_string(),
        );
    }
    if !region.is_empty() && !prefixes.is_empty() {
        errors.add("postcodes", tr!(territory.region_or_postcodes));
    }
    let (Some(country), true) = (country, errors.is_empty()) else {
        return Err(errors);
    };
    Ok(if prefixes.is_empty() {
        vec![(country, region, String::new())]
    } else {
        prefixes
            .into_iter()
            .map(|p| (country, String::new(), p))
            .collect()
    })
}

/// Adds the typed areas to the partner's territory; those it already has
/// are left as they are. How many were new.
pub async fn add_areas(
    state: &AppState,
    actor: &Actor,
    partner_id: i64,
    input: AreasInput,
) -> AppResult<u64> {
    let org = editable_partner(state, actor, partner_id).await?;
    let rows = parse_areas(&input).map_err(AppError::Invalid)?;
    let now = super::now();
    let models = rows
        .into_iter()
        .map(|(country, region, prefix)| territory::ActiveModel {
            tenant_id: Set(actor.tenant_id),
            partner_id: Set(org.id),
            country: Set(country.code().to_owned()),
            region: Set(region),
            postcode_prefix: Set(prefix),
            created_by: Set(actor.user_id),
            created_at: Set(now),
            ..Default::default()
        });
    use territory::Column as T;
    let added = territory::Entity::insert_many(models)
        .on_conflict(
            OnConflict::columns([
                T::TenantId,
                T::PartnerId,
                T::Country,
                T::Region,
                T::PostcodePrefix,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(&state.db)
        .await?;
    if added == 0 {
        let mut errors = input.errors();
        errors.add("country", tr!(territory.already_there));
        return Err(AppError::Invalid(errors));
    }
    Ok(added)
}

/// Takes one area out of the partner's territory.
pub async fn remove_area(
    state: &AppState,
    actor: &Actor,
    partner_id: i64,
    area_id: i64,
) -> AppResult<()> {
    let org = editable_partner(state, actor, partner_id).await?;
    if repo_territories::delete(&state.db, actor.tenant_id, org.id, area_id).await? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// The location form as typed: coordinates and a radius in kilometres,
/// both optional (empty clears them).
#[derive(Clone, Debug, Default)]
pub struct LocationInput {
    pub coordinates: String,
    pub radius_km: String,
}

fn parse_location(input: &LocationInput) -> Result<Option<Location>, FormErrors> {
    let mut errors = FormErrors::new().with_values(&[
        ("coordinates", &input.coordinates),
        ("radius_km", &input.radius_km),
    ]);
    let at = match input.coordinates.trim() {
        "" => None,
        typed => match Coordinates::parse(typed) {
            Ok(at) => Some(at),
            Err(CoordinatesProblem::Shape) => {
                errors.add("coordinates", tr!(territory.coordinates_shape));
                None
            }
            Err(CoordinatesProblem::OutOfRange) => {
                errors.add("coordinates", tr!(territory.coordinates_range));
                None
            }
        },
    };
    let radius_km = match input.radius_km.trim() {
        "" => None,
        typed => match typed.parse::<u32>() {
            Ok(r) if (1..=MAX_RADIUS_KM).contains(&r) => Some(r),
            _ => {
                errors.add(
                    "radius_km",
                    tr!(territory.radius_range, max = MAX_RADIUS_KM).to_string(),
                );
                None
            }
        },
    };
    if radius_km.is_some() && at.is_none() && input.coordinates.trim().is_empty() {
        errors.add("radius_km", tr!(territory.radius_needs_location));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(at.map(|at| Location { at, radius_km }))
}

/// Sets (or clears) where the partner sits and the radius it serves.
/// Its own columns only: the profile's version is left alone, so an open
/// profile form is not made stale by it.
pub async fn set_location(
    state: &AppState,
    actor: &Actor,
    partner_id: i64,
    input: LocationInput,
) -> AppResult<()> {
    let org = editable_partner(state, actor, partner_id).await?;
    let location = parse_location(&input).map_err(AppError::Invalid)?;
    use organization::Column as O;
    organization::Entity::update_many()
        .col_expr(O::LatitudeE6, Expr::value(location.map(|l| l.at.lat_e6)))
        .col_expr(O::LongitudeE6, Expr::value(location.map(|l| l.at.lon_e6)))
        .col_expr(
            O::ServiceRadiusKm,
            Expr::value(location.and_then(|l| l.radius_km).map(|r| r as i32)),
        )
        .filter(tenant_is::<organization::Entity>(actor.tenant_id))
        .filter(O::Id.eq(org.id))
        .exec(&state.db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn areas(
        country: &str,
        region: &str,
        postcodes: &str,
    ) -> Result<Vec<(Country, String, String)>, FormErrors> {
        parse_areas(&AreasInput {
            country: country.into(),
            region: region.into(),
            postcodes: postcodes.into(),
        })
    }

    #[test]
    fn a_form_adds_a_country_a_region_or_several_prefixes() {
        let de = Country::parse("DE").unwrap();
        assert_eq!(
            areas("DE", "", "").unwrap(),
            vec![(de, String::new(), String::new())]
        );
        assert_eq!(
            areas("de", "  Nordrhein-  Westfalen ", "").unwrap(),
            vec![(de, "Nordrhein- Westfalen".to_owned(), String::new())]
        );
        let rows = areas("DE", "", "80, 81;8 2\n80").unwrap();
        let prefixes: Vec<&str> = rows.iter().map(|r| r.2.as_str()).collect();
        assert_eq!(prefixes, ["80", "81", "82"]);
        let rows = areas("GB", "", "sw1, SE-1\n80, sw1").unwrap();
        let prefixes: Vec<&str> = rows.iter().map(|r| r.2.as_str()).collect();
        assert_eq!(prefixes, ["SW1", "SE1", "80"]);
    }

    #[test]
    fn bad_areas_name_the_field() {
        let e = areas("", "", "").unwrap_err();
        assert!(e.message("country").is_some());
        let e = areas("ZZ", "", "").unwrap_err();
        assert!(e.message("country").is_some());
        let e = areas("DE", "Bayern", "80").unwrap_err();
        assert!(e.message("postcodes").is_some());
        let e = areas("DE", "", "80<script>").unwrap_err();
        assert!(e.message("postcodes").unwrap().contains("80<script>"));
        let e = areas("DE", "", "12345678901").unwrap_err();
        assert!(e.message("postcodes").is_some());
        let e = areas("DE", &"x".repeat(MAX_REGION + 1), "").unwrap_err();
        assert!(e.message("region").is_some());
        let many: Vec<String> = (0..=MAX_PREFIXES).map(|i| i.to_string()).collect();
        let e = areas("DE", "", &many.join(",")).unwrap_err();
        assert!(e.message("postcodes").is_some());
        assert_eq!(
            e.value("postcodes").as_deref(),
            Some(many.join(",").as_str())
        );
    }

    fn location(coordinates: &str, radius_km: &str) -> Result<Option<Location>, FormErrors> {
        parse_location(&LocationInput {
            coordinates: coordinates.into(),
            radius_km: radius_km.into(),
        })
    }

    #[test]
    fn a_location_is_coordinates_and_an_optional_radius() {
        assert_eq!(location("", "").unwrap(), None);
        let l = location("48.1372, 11.5756", "80").unwrap().unwrap();
        assert_eq!((l.at.lat_e6, l.radius_km), (48_137_200, Some(80)));
        assert_eq!(
            location("48.1372, 11.5756", "").unwrap().unwrap().radius_km,
            None
        );
        assert!(location("north", "")
            .unwrap_err()
            .message("coordinates")
            .is_some());
        assert!(location("95, 11", "")
            .unwrap_err()
            .message("coordinates")
            .is_some());
        assert!(location("48, 11", "0")
            .unwrap_err()
            .message("radius_km")
            .is_some());
        assert!(location("48, 11", "5001")
            .unwrap_err()
            .message("radius_km")
            .is_some());
        assert!(location("48, 11", "-3")
            .unwrap_err()
            .message("radius_km")
            .is_some());
        assert!(location("", "50")
            .unwrap_err()
            .message("radius_km")
            .is_some());
    }
}
