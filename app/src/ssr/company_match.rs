//! Is this the same customer company? The one matcher behind deal
//! registration's conflict check (and, later, recruitment's duplicate
//! check): names are normalised (accents folded, `&` read as "and",
//! punctuation and legal forms such as GmbH, Inc or plc dropped, common
//! abbreviations spelt out), websites and e-mail addresses are reduced to
//! their registrable domain (Public Suffix List, via `psl`; free-mail
//! domains say nothing about a company and are ignored), and names are
//! compared word by word with Jaro-Winkler (`strsim`), so a typo or an
//! umlaut written out matches while "Acme Networks" and "Acme Foods" do not.

use unicode_normalization::UnicodeNormalization;

/// Names this similar (0..1) are the same company when in the same country.
pub const NAME_THRESHOLD: f64 = 0.92;
/// What a shared city or postcode adds to a name's similarity.
const SAME_PLACE_BOOST: f64 = 0.03;
/// An acronym of the other name's words ("IBM") is this similar.
const ACRONYM_SIMILARITY: f64 = 0.95;

/// Legal forms and their pieces, dropped from the end of a name
/// ("Müller GmbH & Co. KG", "Acme Gesellschaft mit beschränkter Haftung").
const LEGAL_FORMS: &[&str] = &[
    "ab",
    "ag",
    "as",
    "beschrankter",
    "bv",
    "co",
    "company",
    "corp",
    "corporation",
    "gbr",
    "gesellschaft",
    "gmbh",
    "haftung",
    "inc",
    "incorporated",
    "kg",
    "kgaa",
    "limited",
    "llc",
    "llp",
    "lp",
    "ltd",
    "mbh",
    "mit",
    "nv",
    "ohg",
    "oy",
    "plc",
    "pty",
    "sa",
    "sarl",
    "sas",
    "se",
    "spa",
    "sl",
    "srl",
    "ug",
];

/// Abbreviations written out, so "Acme Intl" is "Acme International".
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("assoc", "associates"),
    ("bros", "brothers"),
    ("ctr", "center"),
    ("centre", "center"),
    ("dept", "department"),
    ("dt", "deutsche"),
    ("grp", "group"),
    ("hldgs", "holdings"),
    ("intl", "international"),
    ("mfg", "manufacturing"),
    ("mgmt", "management"),
    ("natl", "national"),
    ("svcs", "services"),
    ("sys", "systems"),
    ("tech", "technology"),
    ("technologies", "technology"),
    ("und", "and"),
];

/// Mail providers whose domain names a person, not their employer.
const FREE_MAIL: &[&str] = &[
    "163.com",
    "aol.com",
    "bluewin.ch",
    "btinternet.com",
    "freenet.de",
    "free.fr",
    "gmail.com",
    "googlemail.com",
    "icloud.com",
    "laposte.net",
    "libero.it",
    "mac.com",
    "mail.com",
    "mail.de",
    "mail.ru",
    "me.com",
    "msn.com",
    "online.de",
    "orange.fr",
    "posteo.de",
    "proton.me",
    "protonmail.com",
    "qq.com",
    "t-online.de",
    "web.de",
    "zoho.com",
];

/// Free-mail brands registered under many country domains (gmx.at, yahoo.co.uk).
const FREE_MAIL_BRANDS: &[&str] = &["gmx", "hotmail", "live", "outlook", "yahoo", "yandex"];

/// A company's name as compared: lower case ASCII words, legal form and
/// punctuation gone, abbreviations spelt out.
pub fn normalise_name(name: &str) -> String {
    words(name).join(" ")
}

fn words(name: &str) -> Vec<String> {
    let folded = fold(name);
    let mut words: Vec<String> = folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            ABBREVIATIONS
                .iter()
                .find(|(short, _)| *short == w)
                .map_or_else(|| w.to_owned(), |(_, long)| (*long).to_owned())
        })
        .collect();
    // Legal forms are dropped from the end only: "AG" inside a name is a word.
    while words.len() > 1
        && words
            .last()
            .is_some_and(|w| w == "and" || LEGAL_FORMS.contains(&w.as_str()))
    {
        words.pop();
    }
    if words.len() > 1 && words[0] == "the" {
        words.remove(0);
    }
    words
}

/// Lower case ASCII: accents dropped (é → e, ü → u), the letters that have
/// no accent to drop spelt out (ß → ss), `&` and `+` read as "and", and
/// apostrophes closed up (Int'l → intl).
fn fold(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.nfkd() {
        match c {
            '&' | '+' => out.push_str(" and "),
            '\'' | '’' | '`' => {}
            'ß' => out.push_str("ss"),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            'ø' | 'Ø' => out.push('o'),
            'ł' | 'Ł' => out.push('l'),
            'đ' | 'Đ' => out.push('d'),
            'þ' | 'Þ' => out.push_str("th"),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            // Combining marks (the accents NFKD split off) and anything
            // else outside ASCII separate nothing and say nothing.
            _ => {}
        }
    }
    out
}

/// The registrable domain of a website or an e-mail address
/// (`https://www.shop.acme.co.uk/de` and `jo@sales.acme.co.uk` are both
/// `acme.co.uk`); `None` for free mail, a bare suffix or what is not a
/// domain at all.
pub fn registrable_domain(website_or_email: &str) -> Option<String> {
    let raw = website_or_email.trim();
    let host = match raw.rsplit_once('@') {
        Some((_, domain)) => domain.to_owned(),
        None => {
            let without_scheme = raw.split_once("://").map_or(raw, |(_, rest)| rest);
            without_scheme
                .split(['/', '?', '#'])
                .next()
                .unwrap_or_default()
                .to_owned()
        }
    };
    // Read as a browser would: IDNA to ASCII, port and credentials gone.
    let url = url::Url::parse(&format!("http://{}", host.trim_end_matches('.'))).ok()?;
    let host = url.host_str()?.to_owned();
    if !host.contains('.') || host.parse::<std::net::IpAddr>().is_ok() {
        return None;
    }
    let domain = psl::domain_str(&host)?.to_owned();
    let brand = domain.split('.').next().unwrap_or_default();
    if FREE_MAIL.contains(&domain.as_str()) || FREE_MAIL_BRANDS.contains(&brand) {
        return None;
    }
    Some(domain)
}

/// A customer company as entered, reduced to what is compared.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Company {
    pub name: String,
    pub domain: Option<String>,
    pub country: String,
    pub city: String,
    pub postcode: String,
}

impl Company {
    /// From what a form holds: the name, a website or e-mail, the place.
    pub fn new(
        name: &str,
        website_or_email: &str,
        country: &str,
        city: &str,
        postcode: &str,
    ) -> Self {
        Company {
            name: normalise_name(name),
            domain: registrable_domain(website_or_email),
            country: country.trim().to_ascii_uppercase(),
            city: normalise_name(city),
            postcode: postcode
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_ascii_uppercase(),
        }
    }
}

/// Why two companies were taken for one: what the reviewer is shown.
#[derive(Clone, Debug, PartialEq)]
pub struct Evidence {
    /// The registrable domain both share.
    pub domain: Option<String>,
    /// How alike the names are (1 when they normalise to the same words).
    pub name_similarity: f64,
    /// Same city or postcode.
    pub same_place: bool,
    /// What ranks matches: 1 for a shared domain or identical name.
    pub score: f64,
}

/// `Some` when `a` and `b` are taken for the same company: a shared
/// registrable domain, identical normalised names, or names alike enough
/// within one country (more alike counting a shared city or postcode).
pub fn compare(a: &Company, b: &Company) -> Option<Evidence> {
    let domain = match (&a.domain, &b.domain) {
        (Some(x), Some(y)) if x == y => Some(x.clone()),
        _ => None,
    };
    let similarity = name_similarity(&a.name, &b.name);
    let same_place = !a.country.is_empty()
        && a.country == b.country
        && ((!a.city.is_empty() && a.city == b.city)
            || (!a.postcode.is_empty() && a.postcode == b.postcode));
    let same_country = !a.country.is_empty() && a.country == b.country;
    let boosted = similarity + if same_place { SAME_PLACE_BOOST } else { 0.0 };
    let identical = !a.name.is_empty() && a.name == b.name;
    let score = if domain.is_some() || identical {
        1.0
    } else if same_country && boosted >= NAME_THRESHOLD {
        boosted.min(0.99)
    } else {
        return None;
    };
    Some(Evidence {
        domain,
        name_similarity: similarity,
        same_place,
        score,
    })
}

/// How alike two normalised names are, 0..1: each word's best match in the
/// other name, weighted by its length, from both sides (the lower counts,
/// so "Acme" is not "Acme Networks"); an acronym of the other's words is
/// taken as alike.
pub fn name_similarity(a: &str, b: &str) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    if a == b {
        return 1.0;
    }
    let (wa, wb): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    if is_acronym(&wa, &wb) || is_acronym(&wb, &wa) {
        return ACRONYM_SIMILARITY;
    }
    aligned(&wa, &wb).min(aligned(&wb, &wa))
}

/// Each word of `from` against its best match in `to`, length-weighted.
fn aligned(from: &[&str], to: &[&str]) -> f64 {
    let (mut sum, mut weight) = (0.0, 0.0);
    for w in from {
        let best = to
            .iter()
            .map(|t| strsim::jaro_winkler(w, t))
            .fold(0.0, f64::max);
        let len = w.len() as f64;
        sum += best * len;
        weight += len;
    }
    if weight == 0.0 {
        0.0
    } else {
        sum / weight
    }
}

/// "ibm" against "international business machines".
fn is_acronym(short: &[&str], long: &[&str]) -> bool {
    let [word] = short else {
        return false;
    };
    long.len() >= 2
        && word.len() == long.len()
        && word.chars().zip(long.iter()).all(|(c, w)| w.starts_with(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn company(name: &str, web: &str, country: &str, city: &str) -> Company {
        Company::new(name, web, country, city, "")
    }

    /// Real-world pairs as partners type them: (a, b, same country, match).
    #[rustfmt::skip]
    const PAIRS: &[(&str, &str, bool, bool)] = &[
        ("Müller Maschinenbau GmbH", "Mueller Maschinenbau", true, true),
        ("Müller Maschinenbau GmbH", "Muller Maschinenbau GmbH & Co. KG", true, true),
        ("Schön & Partner GmbH", "Schoen und Partner", true, true),
        ("Schön & Partner GmbH", "Schön and Partner Gesellschaft mbH", true, true),
        ("Acme Networks GmbH", "ACME Networks Gesellschaft mit beschränkter Haftung", true, true),
        ("Acme Networks Inc.", "Acme Networks, Inc", true, true),
        ("Acme Networks Ltd", "Acme Networks Limited", true, true),
        ("Acme International", "Acme Intl.", true, true),
        ("Acme Int'l Holdings", "ACME International Holdings", true, true),
        ("International Business Machines", "IBM", true, true),
        ("Northwind Systems", "Nortwind Systems", true, true),
        ("Northwind Systems", "Northwind Sytems LLC", true, true),
        ("Société Générale SA", "Societe Generale", true, true),
        ("Straßenbau Nord AG", "Strassenbau Nord", true, true),
        ("Bäckerei Ølsen", "Baeckerei Olsen", true, true),
        ("The Coffee Company", "Coffee", true, true),
        ("Acme Networks", "Acme Foods", true, false),
        ("Northwind Systems", "Northwind Solutions", true, false),
        ("Acme", "Acme Networks", true, false),
        ("Siemens AG", "Siemens Healthineers AG", true, false),
        ("Meyer Logistik", "Meier Logistik", true, true),
        // Alike, but countries apart: not one customer.
        ("Nortwind Systems", "Northwind Systems", false, false),
    ];

    #[test]
    fn real_world_name_pairs_match_as_a_reviewer_would() {
        let mut wrong = Vec::new();
        for (a, b, same_country, expected) in PAIRS {
            let x = company(a, "", "DE", "");
            let y = company(b, "", if *same_country { "DE" } else { "AT" }, "");
            let got = compare(&x, &y);
            if got.is_some() != *expected {
                wrong.push(format!(
                    "{a} / {b}: {:.3} ({:?} / {:?})",
                    name_similarity(&x.name, &y.name),
                    x.name,
                    y.name
                ));
            }
        }
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn identical_names_match_across_countries() {
        let a = company("Acme GmbH", "", "DE", "");
        let b = company("ACME Inc.", "", "US", "");
        assert_eq!(compare(&a, &b).map(|e| e.score), Some(1.0));
    }

    #[test]
    fn a_shared_city_lifts_a_near_name_over_the_line() {
        let similarity = name_similarity("alpha daten", "alfa daten");
        assert!(similarity < NAME_THRESHOLD && similarity + SAME_PLACE_BOOST >= NAME_THRESHOLD);
        let a = company("Alpha Daten GmbH", "", "DE", "Köln");
        let b = company("Alfa Daten", "", "DE", "Koeln");
        assert!(compare(&a, &b).is_none(), "Köln and Koeln are spelt apart");
        let b = company("Alfa Daten", "", "DE", "Köln");
        assert!(compare(&a, &b).is_some_and(|e| e.same_place));
    }

    #[test]
    fn websites_and_addresses_reduce_to_the_registrable_domain() {
        for (input, domain) in [
            ("https://www.acme.de/kontakt?x=1", Some("acme.de")),
            ("www.shop.acme.co.uk", Some("acme.co.uk")),
            ("jo.smith@sales.acme.co.uk", Some("acme.co.uk")),
            ("ACME.COM.", Some("acme.com")),
            ("http://user:pw@acme.com:8080/", Some("acme.com")),
            ("münchen-bau.de", Some("xn--mnchen-bau-9db.de")),
            ("someone@gmail.com", None),
            ("someone@gmx.at", None),
            ("someone@yahoo.co.uk", None),
            ("co.uk", None),
            ("localhost", None),
            ("10.0.0.1", None),
            ("", None),
            ("not a domain", None),
        ] {
            assert_eq!(registrable_domain(input).as_deref(), domain, "{input}");
        }
    }

    #[test]
    fn a_shared_domain_matches_whatever_the_names() {
        let a = company("Acme", "https://acme.de", "DE", "");
        let b = company("ACME Vertrieb", "einkauf@acme.de", "AT", "");
        let evidence = compare(&a, &b).unwrap();
        assert_eq!(evidence.domain.as_deref(), Some("acme.de"));
        assert_eq!(evidence.score, 1.0);
        // Two people on one free-mail provider are not one company.
        let a = company("Alpha", "alpha@gmail.com", "DE", "");
        let b = company("Beta", "beta@gmail.com", "DE", "");
        assert!(compare(&a, &b).is_none());
    }
}
