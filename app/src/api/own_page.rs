//! Where a form may send the browser back to: only a page of our own. Every
//! redirect target that arrives in a request (`next` after sign-in, `back`
//! after moderation) goes through [`own_page`], so none can point elsewhere
//! or break the response header.

/// `next` only when it is a plain path on our own origin, else `/` (no
/// open redirect). Control characters and
/// backslashes are refused outright (browsers drop tabs and newlines and
/// read `\\` as `/`, so `/\t/evil.example` means `//evil.example`); what
/// remains must resolve, as a browser resolves it, to the same origin. The
/// answer is the re-serialised path, query and fragment, so it is always a
/// valid header value.
pub fn own_page(next: Option<&str>) -> String {
    next.and_then(same_origin_path)
        .unwrap_or_else(|| "/".to_owned())
}

fn same_origin_path(next: &str) -> Option<String> {
    if !next.starts_with('/') || next.chars().any(|c| c.is_control() || c == '\\') {
        return None;
    }
    let base = url::Url::parse("https://portal.invalid/").ok()?;
    let resolved = base.join(next).ok()?;
    // A path that normalises to `//host` (as `/.//host` does) would leave.
    if resolved.origin() != base.origin() || resolved.path().starts_with("//") {
        return None;
    }
    let mut out = resolved.path().to_owned();
    if let Some(query) = resolved.query() {
        out.push('?');
        out.push_str(query);
    }
    if let Some(fragment) = resolved.fragment() {
        out.push('#');
        out.push_str(fragment);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::own_page;
    use proptest::prelude::*;

    #[test]
    fn own_paths_pass_and_known_tricks_go_home() {
        assert_eq!(
            own_page(Some("/funds/requests/7?tab=claim#proof")),
            "/funds/requests/7?tab=claim#proof"
        );
        assert_eq!(own_page(None), "/");
        for hostile in [
            "//evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\n/evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "https://evil.example/",
            "javascript:alert(1)",
            "evil.example",
            "/\u{0}/x",
            "",
        ] {
            assert_eq!(own_page(Some(hostile)), "/", "{hostile:?}");
        }
        // Percent-encoded characters stay encoded: the browser does not
        // decode them before resolving the path.
        assert_eq!(own_page(Some("/%09/evil.example")), "/%09/evil.example");
    }

    /// How a browser reads a Location header: resolved against our origin.
    fn browser_target(location: &str) -> url::Url {
        url::Url::parse("https://portal.invalid/sign-in")
            .and_then(|base| base.join(location))
            .expect("a valid location")
    }

    proptest! {
        #[test]
        fn every_answer_stays_on_our_origin(
            prefix in prop::sample::select(vec!["/", "//", "/\\", "\\", "/%2f", "/.", "/..", "", "https:", "/\t/", " /", "/\u{b}"]),
            middle in "[/\\\\ \t\r\n.:@%a-zA-Z0-9?#\u{0}-\u{1f}\u{7f}\u{85}\u{2028}]{0,24}",
        ) {
            let next = format!("{prefix}{middle}");
            let answer = own_page(Some(&next));
            prop_assert!(answer.starts_with('/') && !answer.starts_with("//"), "{next:?} -> {answer:?}");
            prop_assert!(http::HeaderValue::from_str(&answer).is_ok(), "{next:?} -> {answer:?}");
            let target = browser_target(&answer);
            prop_assert_eq!(target.host_str(), Some("portal.invalid"), "{:?}", next);
        }
    }
}
