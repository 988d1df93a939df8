//! The demo program's product catalogue: five families, a German version
//! of each family name, and one product no longer sold.

use crate::locale::Locale;
use crate::ssr::entities::{product, product_family};
use crate::types::localized::Translations;
use crate::types::product::ProductUnit::{self, *};
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DbErr};

/// (family, its German name, products: SKU, name, unit, sold, description).
type Family = (
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str, ProductUnit, bool, &'static str)],
);

const CATALOGUE: &[Family] = &[
    (
        "Wireless access points",
        "WLAN-Access-Points",
        &[
            (
                "AP-515",
                "Access point 515 (Wi-Fi 6, indoor)",
                Piece,
                true,
                "Dual-band 4x4 access point for offices and classrooms.",
            ),
            (
                "AP-635",
                "Access point 635 (Wi-Fi 6E, indoor)",
                Piece,
                true,
                "Tri-band access point for dense sites: auditoriums, open-plan floors.",
            ),
            (
                "AP-577",
                "Access point 577 (outdoor, IP67)",
                Piece,
                true,
                "For campuses, warehouses' yards and stadiums.",
            ),
            (
                "AP-305",
                "Access point 305 (Wi-Fi 5)",
                Piece,
                false,
                "Replaced by the AP-515.",
            ),
        ],
    ),
    (
        "Switches",
        "Switches",
        &[
            (
                "SW-2930-24P",
                "Switch 2930, 24 ports PoE+",
                Piece,
                true,
                "Access switch for branch offices.",
            ),
            (
                "SW-6300-48",
                "Switch 6300, 48 ports",
                Piece,
                true,
                "Aggregation and campus core.",
            ),
            ("SW-CX-10K", "Data-centre switch CX 10000", Piece, true, ""),
        ],
    ),
    (
        "Security appliances",
        "Sicherheits-Appliances",
        &[
            (
                "GW-9004",
                "SD-WAN gateway 9004",
                Piece,
                true,
                "Branch gateway with firewall and SD-WAN.",
            ),
            (
                "GW-9240",
                "SD-WAN gateway 9240",
                Piece,
                true,
                "Head-office and data-centre gateway.",
            ),
        ],
    ),
    (
        "Cloud licences",
        "Cloud-Lizenzen",
        &[
            (
                "LIC-CENTRAL-AP-1Y",
                "Central licence for one access point, 1 year",
                Licence,
                true,
                "Cloud management, monitoring and firmware.",
            ),
            (
                "LIC-CENTRAL-SW-1Y",
                "Central licence for one switch, 1 year",
                Licence,
                true,
                "",
            ),
            (
                "LIC-CLEARPASS-100",
                "ClearPass, 100 users",
                Seat,
                true,
                "Network access control for guests and devices.",
            ),
        ],
    ),
    (
        "Services",
        "Dienstleistungen",
        &[
            (
                "SVC-INSTALL-DAY",
                "Installation by an Acme engineer",
                Day,
                true,
                "On site, per engineer and day.",
            ),
            (
                "SVC-CARE-YEAR",
                "Acme Care, next business day",
                Year,
                true,
                "Hardware replacement and support, per device.",
            ),
            ("SVC-CONSULT-HOUR", "Design consultation", Hour, true, ""),
        ],
    ),
];

/// German versions of some product names, as a German-speaking
/// partner sees them.
const GERMAN_NAMES: &[(&str, &str)] = &[
    ("AP-577", "Access Point 577 (Außenbereich, IP67)"),
    ("SVC-INSTALL-DAY", "Installation durch einen Acme-Techniker"),
    ("SVC-CARE-YEAR", "Acme Care, nächster Werktag"),
    ("SVC-CONSULT-HOUR", "Planungsberatung"),
];

pub async fn seed(db: &impl ConnectionTrait, tenant_id: i64) -> Result<(), DbErr> {
    let now = Utc::now();
    for (family, german, products) in CATALOGUE {
        let mut versions = Translations::default();
        if german != family {
            versions.set(Locale::de, "name", german);
        }
        let f = product_family::ActiveModel {
            tenant_id: Set(tenant_id),
            name: Set((*family).to_owned()),
            language: Set("en".to_owned()),
            translations: Set(versions.to_column()),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
        for (sku, name, unit, active, description) in *products {
            let mut versions = Translations::default();
            if let Some((_, german)) = GERMAN_NAMES.iter().find(|(s, _)| s == sku) {
                versions.set(Locale::de, "name", german);
            }
            product::ActiveModel {
                tenant_id: Set(tenant_id),
                family_id: Set(f.id),
                sku: Set((*sku).to_owned()),
                name: Set((*name).to_owned()),
                description: Set((*description).to_owned()),
                unit: Set(*unit),
                active: Set(*active),
                language: Set("en".to_owned()),
                translations: Set(versions.to_column()),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
    }
    Ok(())
}
