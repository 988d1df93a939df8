//! Territories: where a partner works, and whether a place falls in it.
//!
//! A territory is a set of areas (a country, or one region or postcode
//! prefix of it) and optionally the partner's location with the radius it
//! serves. The matching here is plain Rust so lead routing, audiences and
//! filters share one answer, and it is tested beside the code.

use serde::{Deserialize, Serialize};

/// ISO 3166-1 alpha-2 codes in use, and Kosovo's XK, which CLDR names and
/// businesses use.
const COUNTRY_CODES: &str =
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI \
BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE \
DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS \
GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW \
KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW \
MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO \
RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM \
TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW";

pub const MAX_REGION: usize = 80;
pub const MAX_POSTCODE_PREFIX: usize = 10;
/// Prefixes one form may add at once.
pub const MAX_PREFIXES: usize = 50;
pub const MAX_RADIUS_KM: u32 = 5_000;

/// A country, by its ISO 3166-1 alpha-2 code in capitals.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Country([u8; 2]);

impl Country {
    /// Every known country code.
    pub fn all() -> impl Iterator<Item = Country> {
        COUNTRY_CODES.split(' ').filter_map(Country::parse)
    }

    /// A known code, in either case, with spaces around.
    pub fn parse(raw: &str) -> Option<Country> {
        let code = raw.trim().to_ascii_uppercase();
        let bytes: [u8; 2] = code.as_bytes().try_into().ok()?;
        let known =
            bytes.iter().all(u8::is_ascii_uppercase) && COUNTRY_CODES.split(' ').any(|c| c == code);
        known.then_some(Country(bytes))
    }

    pub fn code(&self) -> &str {
        // Two ASCII capitals, checked by `parse`.
        std::str::from_utf8(&self.0).unwrap_or("")
    }
}

/// The same region typed two ways ("Nordrhein-Westfalen ", "nordrhein-westfalen")
/// compares equal.
pub fn region_key(raw: &str) -> String {
    raw.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A postcode or prefix as compared: capitals, no spaces or dashes
/// ("sw1a 1aa" and "SW1A-1AA" are one postcode).
pub fn postcode_key(raw: &str) -> String {
    raw.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_uppercase)
        .collect()
}

/// What narrows an area to part of its country.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Within {
    WholeCountry,
    /// A region as the vendor names it (a state, a county).
    Region(String),
    /// Postcodes starting with this (compared by [`postcode_key`]).
    Postcodes(String),
}

/// One area of a territory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Area {
    pub country: Country,
    pub within: Within,
}

/// A place to match: a lead's or a customer's address as far as known.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Place {
    pub country: Option<Country>,
    pub region: String,
    pub postcode: String,
    pub at: Option<Coordinates>,
}

impl Area {
    pub fn covers(&self, place: &Place) -> bool {
        place.country == Some(self.country)
            && match &self.within {
                Within::WholeCountry => true,
                Within::Region(region) => {
                    !place.region.trim().is_empty()
                        && region_key(region) == region_key(&place.region)
                }
                Within::Postcodes(prefix) => {
                    let postcode = postcode_key(&place.postcode);
                    !postcode.is_empty() && postcode.starts_with(&postcode_key(prefix))
                }
            }
    }
}

/// A partner's territory: its areas and where it sits.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Territory {
    pub areas: Vec<Area>,
    pub location: Option<Location>,
}

impl Territory {
    /// Whether the partner works at the place: an area covers it, or it is
    /// within the radius the partner serves around its location.
    pub fn covers(&self, place: &Place) -> bool {
        self.areas.iter().any(|a| a.covers(place))
            || match (&self.location, &place.at) {
                (
                    Some(Location {
                        at,
                        radius_km: Some(r),
                    }),
                    Some(p),
                ) => at.distance_km(p) <= f64::from(*r),
                _ => false,
            }
    }
}

/// A point on the earth, kept in millionths of a degree (about 11 cm), so it
/// is stored and compared exactly.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coordinates {
    pub lat_e6: i32,
    pub lon_e6: i32,
}

/// Why typed coordinates are not a point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CoordinatesProblem {
    /// Not two numbers.
    Shape,
    /// A latitude past ±90 or a longitude past ±180.
    OutOfRange,
}

impl Coordinates {
    /// "48.1372, 11.5756", "48.1372 11.5756", or with decimal commas as
    /// German tools write them ("48,1372; 11,5756" or "48,1372 11,5756").
    pub fn parse(raw: &str) -> Result<Coordinates, CoordinatesProblem> {
        let raw = raw.trim();
        let parts: Vec<String> = if raw.contains(';') {
            raw.split(';').map(|p| p.replace(',', ".")).collect()
        } else {
            let by_comma: Vec<&str> = raw.split(',').map(str::trim).collect();
            match by_comma.len() {
                2 if !by_comma[0].contains(' ') => by_comma.iter().map(|p| p.to_string()).collect(),
                // "48,1372, 11,5756": decimal commas and a separating one.
                4 => vec![
                    format!("{}.{}", by_comma[0], by_comma[1]),
                    format!("{}.{}", by_comma[2], by_comma[3]),
                ],
                _ => raw
                    .split_whitespace()
                    .map(|p| p.replace(',', "."))
                    .collect(),
            }
        };
        let [lat, lon] = parts.as_slice() else {
            return Err(CoordinatesProblem::Shape);
        };
        let number = |s: &str| {
            s.trim()
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .ok_or(CoordinatesProblem::Shape)
        };
        let (lat, lon) = (number(lat)?, number(lon)?);
        if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
            return Err(CoordinatesProblem::OutOfRange);
        }
        Ok(Coordinates {
            lat_e6: (lat * 1e6).round() as i32,
            lon_e6: (lon * 1e6).round() as i32,
        })
    }

    pub fn lat(&self) -> f64 {
        f64::from(self.lat_e6) / 1e6
    }

    pub fn lon(&self) -> f64 {
        f64::from(self.lon_e6) / 1e6
    }

    /// Great-circle distance (haversine on a sphere of the earth's mean
    /// radius): within 0.5% of the true distance, enough to rank partners.
    pub fn distance_km(&self, other: &Coordinates) -> f64 {
        const EARTH_KM: f64 = 6_371.0;
        let (la1, la2) = (self.lat().to_radians(), other.lat().to_radians());
        let dla = la2 - la1;
        let dlo = (other.lon() - self.lon()).to_radians();
        let h = (dla / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlo / 2.0).sin().powi(2);
        2.0 * EARTH_KM * h.sqrt().min(1.0).asin()
    }

    /// As typed back into the form: "48.137200, 11.575600".
    pub fn text(&self) -> String {
        format!("{:.6}, {:.6}", self.lat(), self.lon())
    }

    /// The point on OpenStreetMap, so the vendor can see that what they
    /// typed is where the partner is.
    pub fn map_url(&self) -> String {
        let (lat, lon) = (self.lat(), self.lon());
        format!(
            "https://www.openstreetmap.org/?mlat={lat:.6}&mlon={lon:.6}#map=13/{lat:.6}/{lon:.6}"
        )
    }
}

/// The partner's location and the radius it serves around it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    pub at: Coordinates,
    pub radius_km: Option<u32>,
}

/// One area as the partner page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AreaView {
    pub id: i64,
    pub country: String,
    /// In the reader's language.
    pub country_name: String,
    pub region: String,
    pub postcode_prefix: String,
}

/// A partner's territory as the partner page shows it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TerritoryView {
    pub areas: Vec<AreaView>,
    pub location: Option<Location>,
    /// Vendor admins, and the partner's channel manager.
    pub can_edit: bool,
    /// (code, name in the reader's language), by name; editors only.
    pub countries: Vec<(String, String)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn de() -> Country {
        Country::parse("de").unwrap()
    }

    fn place(country: &str, region: &str, postcode: &str) -> Place {
        Place {
            country: Country::parse(country),
            region: region.into(),
            postcode: postcode.into(),
            at: None,
        }
    }

    #[test]
    fn countries_are_known_codes_only() {
        assert_eq!(de().code(), "DE");
        assert_eq!(Country::parse(" at ").unwrap().code(), "AT");
        for bad in ["", "D", "DEU", "ZZ", "<b", "d1", "ÄÖ"] {
            assert_eq!(Country::parse(bad), None, "{bad}");
        }
        assert_eq!(Country::all().count(), 250);
    }

    #[test]
    fn a_whole_country_covers_every_place_in_it() {
        let area = Area {
            country: de(),
            within: Within::WholeCountry,
        };
        assert!(area.covers(&place("DE", "", "")));
        assert!(area.covers(&place("de", "Bayern", "80331")));
        assert!(!area.covers(&place("AT", "", "")));
        assert!(!area.covers(&Place::default()));
    }

    #[test]
    fn a_postcode_prefix_covers_postcodes_starting_with_it() {
        let munich = Area {
            country: de(),
            within: Within::Postcodes("80".into()),
        };
        assert!(munich.covers(&place("DE", "", "80331")));
        assert!(!munich.covers(&place("DE", "", "10115")));
        assert!(
            !munich.covers(&place("DE", "", "")),
            "no postcode, no match"
        );
        assert!(!munich.covers(&place("AT", "", "8010")));
        let london = Area {
            country: Country::parse("GB").unwrap(),
            within: Within::Postcodes("sw1".into()),
        };
        assert!(london.covers(&place("GB", "", "SW1A 1AA")));
        assert!(london.covers(&place("GB", "", "sw1a-1aa")));
        assert!(!london.covers(&place("GB", "", "SE1 9GF")));
    }

    #[test]
    fn a_region_matches_however_it_is_typed() {
        let nrw = Area {
            country: de(),
            within: Within::Region("Nordrhein-Westfalen".into()),
        };
        assert!(nrw.covers(&place("DE", "  nordrhein-westfalen ", "")));
        assert!(!nrw.covers(&place("DE", "Bayern", "")));
        assert!(!nrw.covers(&place("DE", "", "")));
        assert_eq!(region_key("Baden -  Württemberg"), "baden - württemberg");
    }

    #[test]
    fn coordinates_read_as_people_type_them() {
        let munich = Coordinates {
            lat_e6: 48_137_200,
            lon_e6: 11_575_600,
        };
        for typed in [
            "48.1372, 11.5756",
            "48.1372,11.5756",
            " 48.1372 11.5756 ",
            "48,1372; 11,5756",
            "48,1372 11,5756",
            "48,1372, 11,5756",
        ] {
            assert_eq!(Coordinates::parse(typed), Ok(munich), "{typed}");
        }
        assert_eq!(munich.text(), "48.137200, 11.575600");
        assert_eq!(Coordinates::parse(&munich.text()), Ok(munich));
        assert_eq!(
            Coordinates::parse("-33.8688, 151.2093").unwrap().lat_e6,
            -33_868_800
        );
        for bad in [
            "",
            "48.1",
            "north",
            "1, 2, 3",
            "48.1 11.5 3",
            "NaN, 1",
            "inf 1",
        ] {
            assert_eq!(
                Coordinates::parse(bad),
                Err(CoordinatesProblem::Shape),
                "{bad}"
            );
        }
        for far in ["91, 0", "0, 180.5", "-90.1 0"] {
            assert_eq!(
                Coordinates::parse(far),
                Err(CoordinatesProblem::OutOfRange),
                "{far}"
            );
        }
    }

    #[test]
    fn distances_are_great_circle_kilometres() {
        let munich = Coordinates::parse("48.1372, 11.5756").unwrap();
        let berlin = Coordinates::parse("52.5200, 13.4050").unwrap();
        let sydney = Coordinates::parse("-33.8688, 151.2093").unwrap();
        let d = munich.distance_km(&berlin);
        assert!((500.0..510.0).contains(&d), "{d}");
        assert!(munich.distance_km(&munich) < 1e-9);
        let far = munich.distance_km(&sydney);
        assert!((16_000.0..16_400.0).contains(&far), "{far}");
    }

    #[test]
    fn a_territory_covers_its_areas_and_its_radius() {
        let munich = Coordinates::parse("48.1372, 11.5756").unwrap();
        let augsburg = Coordinates::parse("48.3705, 10.8978").unwrap();
        let territory = Territory {
            areas: vec![Area {
                country: Country::parse("AT").unwrap(),
                within: Within::WholeCountry,
            }],
            location: Some(Location {
                at: munich,
                radius_km: Some(80),
            }),
        };
        assert!(territory.covers(&place("AT", "", "")));
        let near = Place {
            at: Some(augsburg),
            ..place("DE", "", "86150")
        };
        assert!(
            territory.covers(&near),
            "Augsburg is about 55 km from Munich"
        );
        let narrower = Territory {
            location: Some(Location {
                at: munich,
                radius_km: Some(40),
            }),
            ..territory.clone()
        };
        assert!(!narrower.covers(&near));
        let no_radius = Territory {
            location: Some(Location {
                at: munich,
                radius_km: None,
            }),
            ..territory
        };
        assert!(!no_radius.covers(&near), "a location alone is not an area");
    }
}
