//! Business time in the program's time zone (Saturday and Sunday are not
//! business days): a deal registration's decision is due a set number of
//! business days after it was sent, at the same hour; a lead offered to a
//! partner must be accepted within a set number of business hours.

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc, Weekday};
use chrono_tz::Tz;

/// When the decision on a registration submitted at `at` is due.
pub fn decision_due(at: DateTime<Utc>, business_days: u32, zone: Tz) -> DateTime<Utc> {
    let local = at.with_timezone(&zone);
    let day = add_business_days(local.date_naive(), business_days);
    let due = day.and_time(local.time());
    // A local time the clocks skip (spring forward) is read an hour later.
    zone.from_local_datetime(&due)
        .earliest()
        .or_else(|| {
            zone.from_local_datetime(&(due + Duration::hours(1)))
                .earliest()
        })
        .map_or(at + Duration::days(i64::from(business_days)), |d| {
            d.with_timezone(&Utc)
        })
}

/// Halfway between submission and the due moment: when the channel
/// manager is reminded.
pub fn half_time(submitted: DateTime<Utc>, due: DateTime<Utc>) -> DateTime<Utc> {
    submitted + (due - submitted) / 2
}

/// `hours` business hours after `at`: only the hours of Monday to Friday
/// in `zone` count (an offer made on Friday evening runs on into Monday).
pub fn business_hours_due(at: DateTime<Utc>, hours: u32, zone: Tz) -> DateTime<Utc> {
    let mut t = at;
    let mut left = hours;
    while left > 0 {
        // The hour starting at `t` counts when it starts on a weekday.
        let weekday = t.with_timezone(&zone).weekday();
        t += Duration::hours(1);
        if !matches!(weekday, Weekday::Sat | Weekday::Sun) {
            left -= 1;
        }
    }
    t
}

fn add_business_days(from: NaiveDate, days: u32) -> NaiveDate {
    let mut day = from;
    let mut counted = 0;
    while counted < days {
        day += Duration::days(1);
        if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            counted += 1;
        }
    }
    day
}

/// The program's zone, UTC when the stored name is not one.
pub fn zone(name: &str) -> Tz {
    name.parse().unwrap_or(Tz::UTC)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn business_hours_skip_the_weekend_in_the_programs_zone() {
        let berlin = zone("Europe/Berlin");
        // Tuesday 10:00 in Berlin: 24 business hours later is Wednesday.
        assert_eq!(
            business_hours_due(utc("2026-12-08T09:00:00Z"), 24, berlin),
            utc("2026-12-09T09:00:00Z")
        );
        // Friday 18:00 in Berlin: 6 hours count on Friday, 18 on Monday.
        assert_eq!(
            business_hours_due(utc("2026-12-11T17:00:00Z"), 24, berlin),
            utc("2026-12-14T17:00:00Z")
        );
        // Saturday noon: the clock starts on Monday at midnight.
        assert_eq!(
            business_hours_due(utc("2026-12-12T11:00:00Z"), 2, berlin),
            utc("2026-12-14T01:00:00Z")
        );
        assert_eq!(
            business_hours_due(utc("2026-12-12T11:00:00Z"), 0, berlin),
            utc("2026-12-12T11:00:00Z")
        );
    }

    #[test]
    fn business_days_skip_the_weekend_in_the_programs_zone() {
        let berlin = zone("Europe/Berlin");
        // Monday 10:00 in Berlin: due Wednesday 10:00.
        assert_eq!(
            decision_due(utc("2026-12-07T09:00:00Z"), 2, berlin),
            utc("2026-12-09T09:00:00Z")
        );
        // Friday 17:00: due Tuesday 17:00.
        assert_eq!(
            decision_due(utc("2026-12-11T16:00:00Z"), 2, berlin),
            utc("2026-12-15T16:00:00Z")
        );
        // Saturday: Monday counts as the first day.
        assert_eq!(
            decision_due(utc("2026-12-12T11:00:00Z"), 1, berlin),
            utc("2026-12-14T11:00:00Z")
        );
        // Friday 23:30 UTC is already Saturday in Berlin (due Monday 00:30
        // there), but still Friday in New York: the program's zone decides.
        let friday_night = utc("2026-12-11T23:30:00Z");
        assert_eq!(
            decision_due(friday_night, 1, berlin),
            utc("2026-12-13T23:30:00Z")
        );
        assert_eq!(
            decision_due(friday_night, 1, zone("America/New_York")),
            utc("2026-12-14T23:30:00Z")
        );
        assert_eq!(
            decision_due(friday_night, 2, zone("America/New_York")),
            utc("2026-12-15T23:30:00Z")
        );
    }

    #[test]
    fn the_due_hour_holds_across_a_clock_change() {
        // Friday 27 March 2026, 09:00 in Berlin (UTC+1); due Tuesday 31
        // March 09:00, now UTC+2.
        assert_eq!(
            decision_due(utc("2026-03-27T08:00:00Z"), 2, zone("Europe/Berlin")),
            utc("2026-03-31T07:00:00Z")
        );
    }

    #[test]
    fn half_time_is_halfway() {
        let at = utc("2026-12-07T09:00:00Z");
        let due = utc("2026-12-09T09:00:00Z");
        assert_eq!(half_time(at, due), utc("2026-12-08T09:00:00Z"));
        assert_eq!(zone("Not/AZone"), Tz::UTC);
    }
}
