//! Times as the signed-in user reads and types them: in the time zone they
//! chose under Account (UTC until they choose).

use chrono::offset::LocalResult;
use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

/// The zones the account page offers: UTC, then the IANA "Area/City" names
/// (old area-less aliases such as "US/Eastern" or "GB" and the "Etc/GMT+5"
/// kind, whose sign is inverted, are left out).
pub fn zones() -> Vec<&'static str> {
    const AREAS: &[&str] = &[
        "Africa",
        "America",
        "Antarctica",
        "Asia",
        "Atlantic",
        "Australia",
        "Europe",
        "Indian",
        "Pacific",
    ];
    let mut names: Vec<&'static str> = chrono_tz::TZ_VARIANTS
        .iter()
        .map(|tz| tz.name())
        .filter(|name| {
            name.split_once('/')
                .is_some_and(|(area, _)| AREAS.contains(&area))
        })
        .collect();
    names.sort_unstable();
    names.insert(0, "UTC");
    names
}

/// A stored zone name; anything unknown reads as UTC.
pub fn zone(name: &str) -> Tz {
    name.parse().unwrap_or(Tz::UTC)
}

/// "29 Nov 2026, 15:05 CET" (German "29.11.2026, 15:05 CET"): minutes, with
/// the zone's abbreviation (or its offset where the zone has none) so a
/// reader never has to guess.
pub fn format(at: DateTime<Utc>, tz: Tz) -> String {
    format_in(crate::locale::current(), at, tz)
}

/// The same in a given language, for mail to someone else.
pub fn format_in(locale: crate::locale::Locale, at: DateTime<Utc>, tz: Tz) -> String {
    let local = at.with_timezone(&tz);
    format!(
        "{} {}",
        crate::locale::date_time_in(locale, local.naive_local()),
        local.format("%Z")
    )
}

/// A wall-clock time typed in `tz`, as an instant. When the clocks go back
/// the hour happens twice and the first is meant; when they go forward the
/// skipped times do not exist and are refused.
pub fn from_local(naive: NaiveDateTime, tz: Tz) -> Result<DateTime<Utc>, String> {
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(at) => Ok(at.with_timezone(&Utc)),
        LocalResult::Ambiguous(first, _) => Ok(first.with_timezone(&Utc)),
        LocalResult::None => Err(crate::tr!(
            checks.time_skipped,
            time = crate::locale::date_time_in(crate::locale::current(), naive),
            zone = tz.name()
        )
        .to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    }

    #[test]
    fn shows_times_in_the_users_zone() {
        let instant = at(2026, 11, 29, 14, 5).and_utc();
        assert_eq!(format(instant, Tz::UTC), "29 Nov 2026, 14:05 UTC");
        assert_eq!(
            format(instant, zone("Europe/Berlin")),
            "29 Nov 2026, 15:05 CET"
        );
        let summer = at(2026, 7, 1, 14, 5).and_utc();
        assert_eq!(
            format(summer, zone("Europe/Berlin")),
            "1 Jul 2026, 16:05 CEST"
        );
        assert_eq!(
            format(instant, zone("Australia/Sydney")),
            "30 Nov 2026, 01:05 AEDT"
        );
        assert_eq!(
            format(instant, zone("not a zone")),
            "29 Nov 2026, 14:05 UTC"
        );
        assert_eq!(
            format_in(crate::locale::Locale::de, instant, zone("Europe/Berlin")),
            "29.11.2026, 15:05 CET"
        );
    }

    #[test]
    fn reads_typed_times_across_daylight_saving_changes() {
        let berlin = zone("Europe/Berlin");
        assert_eq!(
            from_local(at(2027, 1, 15, 9, 0), berlin).unwrap(),
            at(2027, 1, 15, 8, 0).and_utc()
        );
        // 2027-03-28 02:30 is skipped in Berlin.
        let gap = from_local(at(2027, 3, 28, 2, 30), berlin).unwrap_err();
        assert!(gap.contains("does not exist in Europe/Berlin"), "{gap}");
        // 2027-10-31 02:30 happens twice: the first (still summer time) is meant.
        assert_eq!(
            from_local(at(2027, 10, 31, 2, 30), berlin).unwrap(),
            at(2027, 10, 31, 0, 30).and_utc()
        );
    }

    #[test]
    fn offers_canonical_place_names() {
        let zones = zones();
        assert_eq!(zones[0], "UTC");
        for name in [
            "Europe/Berlin",
            "America/New_York",
            "Asia/Kolkata",
            "Pacific/Auckland",
        ] {
            assert!(zones.contains(&name), "{name}");
        }
        for alias in ["US/Eastern", "Etc/GMT+5", "GB"] {
            assert!(!zones.contains(&alias), "{alias}");
        }
        assert!(zones.len() > 300, "{}", zones.len());
    }
}
