//! Where the demo program's partners work: whole countries for the
//! distributors, regions and postcode prefixes for resellers, and a
//! location with a service radius for three of them.

use crate::ssr::entities::{organization, territory};
use crate::ssr::scope::tenant_is;
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use std::collections::HashMap;

/// (partner, country, region, postcode prefixes)
const AREAS: &[(&str, &str, &str, &[&str])] = &[
    ("Bluepeak Distribution", "US", "", &[]),
    ("Bluepeak Distribution", "CA", "", &[]),
    ("Eurolink Distribution", "NL", "", &[]),
    ("Eurolink Distribution", "BE", "", &[]),
    ("Eurolink Distribution", "LU", "", &[]),
    ("Eurolink Distribution", "DE", "", &[]),
    ("Northwind Systems", "US", "Washington", &[]),
    ("Northwind Systems", "US", "Oregon", &[]),
    ("Harbor IT Services", "US", "", &["021", "022", "024"]),
    ("Cobalt Integration Group", "CA", "Ontario", &[]),
    ("Prairie Network Solutions", "US", "Colorado", &[]),
    ("Andes Conectividad", "CL", "", &[]),
    ("Andes Conectividad", "AR", "", &[]),
    (
        "Nordlicht Netzwerke",
        "DE",
        "",
        &["80", "81", "82", "85", "86"],
    ),
    ("Nordlicht Netzwerke", "AT", "", &[]),
    ("Alpenblick IT", "AT", "Tirol", &[]),
    ("Tamesis Cloud", "GB", "", &["EC", "WC", "SW", "SE"]),
    ("Lumen Logic", "FR", "Auvergne-Rhône-Alpes", &[]),
    ("Lumen Logic", "CH", "", &[]),
    ("Sakura Systems", "JP", "Osaka", &[]),
    ("Koala Secure", "AU", "Queensland", &[]),
];

/// (partner, latitude, longitude in millionths of a degree, radius in km)
const LOCATIONS: &[(&str, i32, i32, Option<i32>)] = &[
    ("Northwind Systems", 47_606_200, -122_332_100, Some(150)),
    ("Harbor IT Services", 42_360_100, -71_058_900, Some(60)),
    ("Nordlicht Netzwerke", 48_137_200, 11_575_600, Some(120)),
];

pub async fn seed(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    partners: &HashMap<&str, i64>,
    created_by: i64,
) -> Result<(), DbErr> {
    let now = Utc::now();
    let mut rows = Vec::new();
    for (partner, country, region, prefixes) in AREAS {
        let Some(&partner_id) = partners.get(partner) else {
            continue;
        };
        let prefixes: Vec<&str> = if prefixes.is_empty() {
            vec![""]
        } else {
            prefixes.to_vec()
        };
        for prefix in prefixes {
            rows.push(territory::ActiveModel {
                tenant_id: Set(tenant_id),
                partner_id: Set(partner_id),
                country: Set((*country).to_owned()),
                region: Set((*region).to_owned()),
                postcode_prefix: Set(prefix.to_owned()),
                created_by: Set(created_by),
                created_at: Set(now),
                ..Default::default()
            });
        }
    }
    territory::Entity::insert_many(rows)
        .exec_without_returning(db)
        .await?;
    for (partner, lat, lon, radius) in LOCATIONS {
        let Some(&partner_id) = partners.get(partner) else {
            continue;
        };
        use organization::Column as O;
        organization::Entity::update_many()
            .col_expr(O::LatitudeE6, Expr::value(*lat))
            .col_expr(O::LongitudeE6, Expr::value(*lon))
            .col_expr(O::ServiceRadiusKm, Expr::value(*radius))
            .filter(tenant_is::<organization::Entity>(tenant_id))
            .filter(O::Id.eq(partner_id))
            .exec(db)
            .await?;
    }
    Ok(())
}
