//! Percent-encoding of values placed in a URL query (redirect targets,
//! messages, filters), shared by the pages and the server.

/// Keeps unreserved characters and `/`; encodes everything else as UTF-8 bytes.
pub fn encode_query_value(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn encodes_reserved_and_non_ascii() {
        assert_eq!(
            super::encode_query_value("/partners?tier=gold"),
            "/partners%3Ftier%3Dgold"
        );
        assert_eq!(super::encode_query_value("A, b é"), "A%2C%20b%20%C3%A9");
    }
}
