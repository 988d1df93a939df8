//! Who gets a lead: the eligible partners (a tier with lead weight, the
//! lead's product family among their specialisations, not declined it
//! before, under their capacity, not paused, working where the lead is),
//! nearest first by widening territory (postcode → nearby → region →
//! country), then drawn by weight or strictly in turn. Pure: the caller
//! loads the partners, this decides, and the decision says why.

use crate::types::lead::{Candidate, Exclusion, Nearness, RoutingMode, RoutingReason};
use crate::types::territory::{Area, Place, Territory, Within};
use chrono::{DateTime, Utc};
use rand::distributions::{Distribution, WeightedIndex};
use rand::rngs::StdRng;
use rand::SeedableRng;

/// What routing knows of the lead.
#[derive(Clone, Debug, Default)]
pub struct LeadPlace {
    pub place: Place,
    pub city: String,
    pub family: Option<i64>,
    /// A certification the partner must hold.
    pub certification: Option<i64>,
}

/// What routing knows of one partner.
#[derive(Clone, Debug, Default)]
pub struct Partner {
    pub id: i64,
    pub name: String,
    pub tier_weight: i32,
    pub families: Vec<i64>,
    /// Certifications at least one of its people holds now.
    pub certifications: Vec<i64>,
    pub territory: Territory,
    /// The city it sits in, as its profile names it.
    pub city: String,
    /// Leads it takes per 30 days (None: no limit), and has been offered.
    pub capacity_30d: Option<i32>,
    pub offered_30d: u32,
    pub paused: bool,
    /// It declined this lead, or let an offer of it run out.
    pub missed_this: bool,
    /// Offers over the record's window, and how many it accepted.
    pub offered: u32,
    pub accepted: u32,
    pub last_offered: Option<DateTime<Utc>>,
}

/// The decision: the winner (None: back to the vendor's queue), why, and
/// every candidate weighed.
#[derive(Clone, Debug, PartialEq)]
pub struct Decision {
    pub winner: Option<i64>,
    pub reason: RoutingReason,
    pub candidates: Vec<Candidate>,
}

/// How near `p` is to the lead, if it works there at all.
fn nearness(lead: &LeadPlace, p: &Partner) -> Option<Nearness> {
    let in_areas = |keep: fn(&Within) -> bool| {
        p.territory
            .areas
            .iter()
            .filter(|a| keep(&a.within))
            .any(|a: &Area| a.covers(&lead.place))
    };
    let same_city = !lead.city.trim().is_empty()
        && lead.city.trim().to_lowercase() == p.city.trim().to_lowercase()
        && in_areas(|_| true);
    let by_radius = Territory {
        areas: Vec::new(),
        location: p.territory.location,
    }
    .covers(&lead.place);
    if in_areas(|w| matches!(w, Within::Postcodes(_))) {
        Some(Nearness::Postcode)
    } else if same_city || by_radius {
        Some(Nearness::Nearby)
    } else if in_areas(|w| matches!(w, Within::Region(_))) {
        Some(Nearness::Region)
    } else if in_areas(|w| matches!(w, Within::WholeCountry)) {
        Some(Nearness::Country)
    } else {
        None
    }
}

/// Why `p` may not take the lead, if it may not.
fn exclusion(lead: &LeadPlace, p: &Partner, near: Option<Nearness>) -> Option<Exclusion> {
    if p.tier_weight <= 0 {
        Some(Exclusion::NoLeadWeight)
    } else if lead.family.is_some_and(|f| !p.families.contains(&f)) {
        Some(Exclusion::NotSpecialised)
    } else if lead
        .certification
        .is_some_and(|c| !p.certifications.contains(&c))
    {
        Some(Exclusion::NotCertified)
    } else if p.missed_this {
        Some(Exclusion::Declined)
    } else if p.paused {
        Some(Exclusion::Paused)
    } else if p
        .capacity_30d
        .is_some_and(|c| i64::from(p.offered_30d) >= i64::from(c))
    {
        Some(Exclusion::AtCapacity)
    } else if near.is_none() {
        Some(Exclusion::OutsideTerritory)
    } else {
        None
    }
}

/// Accepted of offered, in per cent; a partner never offered one counts
/// as 100 (a newcomer is not held back).
fn acceptance_pct(p: &Partner) -> u32 {
    (p.accepted * 100).checked_div(p.offered).unwrap_or(100)
}

/// Its share of capacity left (1 without a limit).
fn free_share(p: &Partner) -> (Option<u32>, f64) {
    match p.capacity_30d {
        Some(c) if c > 0 => {
            let free = u32::try_from(c).unwrap_or(0).saturating_sub(p.offered_30d);
            (Some(free), f64::from(free) / f64::from(c.max(1)))
        }
        Some(_) => (Some(0), 0.0),
        None => (None, 1.0),
    }
}

/// Weighs one partner for the lead.
pub fn weigh(lead: &LeadPlace, p: &Partner) -> Candidate {
    let near = nearness(lead, p);
    let excluded = exclusion(lead, p, near);
    let acceptance = acceptance_pct(p);
    let (free, share) = free_share(p);
    // A partner that accepts none still gets a small chance to recover.
    let record = f64::from(acceptance.max(5)) / 100.0;
    let score = if excluded.is_some() {
        0.0
    } else {
        f64::from(p.tier_weight) * record * share
    };
    let distance_km = match (&p.territory.location, &lead.place.at) {
        (Some(l), Some(at)) => Some(l.at.distance_km(at).round() as u32),
        _ => None,
    };
    Candidate {
        partner_id: p.id,
        name: p.name.clone(),
        nearness: near,
        distance_km,
        tier_weight: p.tier_weight,
        acceptance_pct: acceptance,
        free_capacity: free,
        score: (score * 1000.0).round() / 1000.0,
        excluded,
    }
}

/// Routes the lead among `partners`. `seed` makes the draw repeatable (the
/// lead's id and how many times it was routed).
pub fn decide(lead: &LeadPlace, partners: &[Partner], mode: RoutingMode, seed: u64) -> Decision {
    let candidates: Vec<Candidate> = partners.iter().map(|p| weigh(lead, p)).collect();
    let eligible = |c: &&Candidate| c.excluded.is_none() && c.score > 0.0;
    let Some(nearest) = candidates
        .iter()
        .filter(eligible)
        .filter_map(|c| c.nearness)
        .min_by_key(|n| rank(*n))
    else {
        let weighed = u32::try_from(candidates.len()).unwrap_or(u32::MAX);
        return Decision {
            winner: None,
            reason: RoutingReason::NoCandidate { weighed },
            candidates,
        };
    };
    let pool: Vec<&Candidate> = candidates
        .iter()
        .filter(eligible)
        .filter(|c| c.nearness == Some(nearest))
        .collect();
    let among = u32::try_from(pool.len()).unwrap_or(u32::MAX);
    let (winner, reason) = match mode {
        RoutingMode::Weighted => {
            let total: f64 = pool.iter().map(|c| c.score).sum();
            let at = WeightedIndex::new(pool.iter().map(|c| c.score))
                .map(|w| w.sample(&mut StdRng::seed_from_u64(seed)))
                .unwrap_or(0);
            let chance_pct = (pool[at].score / total * 1000.0).round() / 10.0;
            let reason = RoutingReason::Drawn {
                nearness: nearest,
                among,
                chance_pct,
            };
            (pool[at].partner_id, reason)
        }
        RoutingMode::RoundRobin => {
            let last = |id: i64| {
                partners
                    .iter()
                    .find(|p| p.id == id)
                    .and_then(|p| p.last_offered)
            };
            // Never offered first, then the longest ago; ties by id.
            let next = pool
                .iter()
                .min_by_key(|c| (last(c.partner_id), c.partner_id))
                .map_or(pool[0].partner_id, |c| c.partner_id);
            (
                next,
                RoutingReason::InTurn {
                    nearness: nearest,
                    among,
                },
            )
        }
    };
    Decision {
        winner: Some(winner),
        reason,
        candidates,
    }
}

/// The ring of nearness `p` is in for the lead, nearest first: 0 postcode,
/// 1 nearby, 2 region, 3 country, 4 not working where the lead is. Routing
/// weighs partners ring by ring: a winner in an inner ring is the winner
/// whoever sits further out.
pub fn ring(lead: &LeadPlace, p: &Partner) -> u8 {
    nearness(lead, p).map_or(4, rank)
}

/// Nearest first.
fn rank(n: Nearness) -> u8 {
    match n {
        Nearness::Postcode => 0,
        Nearness::Nearby => 1,
        Nearness::Region => 2,
        Nearness::Country => 3,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::territory::{Coordinates, Country, Location};

    fn de() -> Country {
        Country::parse("DE").unwrap()
    }

    fn area(within: Within) -> Area {
        Area {
            country: de(),
            within,
        }
    }

    fn partner(id: i64, areas: Vec<Area>) -> Partner {
        Partner {
            id,
            name: format!("P{id}"),
            tier_weight: 10,
            families: vec![1],
            territory: Territory {
                areas,
                location: None,
            },
            ..Default::default()
        }
    }

    fn munich_lead() -> LeadPlace {
        LeadPlace {
            place: Place {
                country: Some(de()),
                region: "Bayern".into(),
                postcode: "80331".into(),
                at: None,
            },
            city: "München".into(),
            family: Some(1),
            certification: None,
        }
    }

    #[test]
    fn the_nearest_eligible_partners_win() {
        let country = partner(1, vec![area(Within::WholeCountry)]);
        let region = partner(2, vec![area(Within::Region("Bayern".into()))]);
        let postcode = partner(3, vec![area(Within::Postcodes("80".into()))]);
        let d = decide(
            &munich_lead(),
            &[country.clone(), region.clone(), postcode.clone()],
            RoutingMode::Weighted,
            7,
        );
        assert_eq!(d.winner, Some(3));
        assert!(matches!(
            d.reason,
            RoutingReason::Drawn {
                nearness: Nearness::Postcode,
                among: 1,
                ..
            }
        ));
        // Without the postcode partner, the region's wins over the country's.
        let d = decide(&munich_lead(), &[country, region], RoutingMode::Weighted, 7);
        assert_eq!(d.winner, Some(2));
        assert_eq!(d.candidates.len(), 2);
    }

    #[test]
    fn a_lead_needing_a_certification_goes_to_a_certified_partner() {
        let everywhere = || vec![area(Within::WholeCountry)];
        let mut certified = partner(1, everywhere());
        certified.certifications = vec![9];
        certified.tier_weight = 1;
        let mut heavier = partner(2, everywhere());
        heavier.tier_weight = 100;
        let mut lead = munich_lead();
        lead.certification = Some(9);
        let d = decide(&lead, &[certified, heavier], RoutingMode::Weighted, 5);
        assert_eq!(d.winner, Some(1));
        assert_eq!(d.candidates[1].excluded, Some(Exclusion::NotCertified));
    }

    #[test]
    fn a_partner_nearby_by_radius_beats_a_region() {
        let mut near = partner(1, Vec::new());
        let marienplatz = Coordinates::parse("48.137, 11.575").unwrap();
        near.territory.location = Some(Location {
            at: marienplatz,
            radius_km: Some(30),
        });
        let region = partner(2, vec![area(Within::Region("Bayern".into()))]);
        let mut lead = munich_lead();
        lead.place.at = Some(Coordinates::parse("48.2, 11.6").unwrap());
        let d = decide(&lead, &[region, near], RoutingMode::Weighted, 1);
        assert_eq!(d.winner, Some(1));
        assert_eq!(d.candidates[1].nearness, Some(Nearness::Nearby));
        assert!(d.candidates[1].distance_km.is_some_and(|k| k < 30));
    }

    #[test]
    fn exclusions_are_named() {
        let everywhere = || vec![area(Within::WholeCountry)];
        let mut no_weight = partner(1, everywhere());
        no_weight.tier_weight = 0;
        let mut other_family = partner(2, everywhere());
        other_family.families = vec![2];
        let mut declined = partner(3, everywhere());
        declined.missed_this = true;
        let mut full = partner(4, everywhere());
        full.capacity_30d = Some(5);
        full.offered_30d = 5;
        let mut paused = partner(5, everywhere());
        paused.paused = true;
        let elsewhere = Partner {
            territory: Territory {
                areas: vec![Area {
                    country: Country::parse("FR").unwrap(),
                    within: Within::WholeCountry,
                }],
                location: None,
            },
            ..partner(6, Vec::new())
        };
        let d = decide(
            &munich_lead(),
            &[no_weight, other_family, declined, full, paused, elsewhere],
            RoutingMode::Weighted,
            3,
        );
        assert_eq!(d.winner, None);
        assert_eq!(d.reason, RoutingReason::NoCandidate { weighed: 6 });
        let why: Vec<_> = d.candidates.iter().map(|c| c.excluded).collect();
        assert_eq!(
            why,
            [
                Some(Exclusion::NoLeadWeight),
                Some(Exclusion::NotSpecialised),
                Some(Exclusion::Declined),
                Some(Exclusion::AtCapacity),
                Some(Exclusion::Paused),
                Some(Exclusion::OutsideTerritory),
            ]
        );
    }

    #[test]
    fn the_draw_follows_the_weights_and_repeats_with_its_seed() {
        let everywhere = || vec![area(Within::WholeCountry)];
        let mut gold = partner(1, everywhere());
        gold.tier_weight = 30;
        let silver = partner(2, everywhere());
        let mut picky = partner(3, everywhere());
        picky.offered = 10;
        picky.accepted = 1;
        let partners = [gold, silver, picky];
        let lead = munich_lead();
        let first = decide(&lead, &partners, RoutingMode::Weighted, 42);
        assert_eq!(first, decide(&lead, &partners, RoutingMode::Weighted, 42));
        let mut wins = [0u32; 3];
        for seed in 0..2000 {
            let d = decide(&lead, &partners, RoutingMode::Weighted, seed);
            wins[(d.winner.unwrap() - 1) as usize] += 1;
        }
        // Weights 30, 10, 10 × 10 %: about 73 %, 24 %, 2 %.
        assert!((1350..1600).contains(&wins[0]), "{wins:?}");
        assert!((380..600).contains(&wins[1]), "{wins:?}");
        assert!(wins[2] < 100, "{wins:?}");
        // Free capacity weighs too: half full, half the chance.
        let mut half = partner(4, everywhere());
        half.capacity_30d = Some(10);
        half.offered_30d = 5;
        let c = weigh(&lead, &half);
        assert_eq!((c.free_capacity, c.score), (Some(5), 5.0));
    }

    #[test]
    fn round_robin_takes_turns() {
        let everywhere = || vec![area(Within::WholeCountry)];
        let t = |h: i64| Some(Utc::now() - chrono::Duration::hours(h));
        let mut a = partner(1, everywhere());
        a.last_offered = t(1);
        let mut b = partner(2, everywhere());
        b.last_offered = t(5);
        let c = partner(3, everywhere());
        let d = decide(
            &munich_lead(),
            &[a.clone(), b.clone(), c],
            RoutingMode::RoundRobin,
            0,
        );
        assert_eq!(d.winner, Some(3), "never offered goes first");
        let d = decide(&munich_lead(), &[a, b], RoutingMode::RoundRobin, 0);
        assert_eq!(d.winner, Some(2), "then the one waiting longest");
    }
}
