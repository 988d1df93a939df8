//! @mention handles: derived from names, found in text, completed at the
//! cursor.

/// Longest handle we derive or recognise.
pub const MAX_HANDLE: usize = 32;

fn is_handle_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '.' || c == '_' || c == '-'
}

/// A handle from a person's name: lower-case ASCII letters and digits, words
/// joined by dots ("Maya Lin" → "maya.lin"). Common Latin accents fold to
/// their base letter; a name with nothing usable gives "member".
pub fn handle_base(name: &str) -> String {
    let words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .map(|w| {
            w.chars()
                .map(fold)
                .filter(char::is_ascii_alphanumeric)
                .map(|c| c.to_ascii_lowercase())
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let mut handle = words.join(".");
    handle.truncate(MAX_HANDLE - 3);
    let handle = handle.trim_end_matches('.').to_owned();
    if handle.is_empty() {
        "member".into()
    } else {
        handle
    }
}

/// The base letter of a common accented Latin letter.
fn fold(c: char) -> char {
    const GROUPS: [(&str, char); 13] = [
        ("àáâãäåāăą", 'a'),
        ("çćč", 'c'),
        ("ďđ", 'd'),
        ("èéêëēėęě", 'e'),
        ("ìíîïī", 'i'),
        ("łľ", 'l'),
        ("ñńň", 'n'),
        ("òóôõöøō", 'o'),
        ("ŕř", 'r'),
        ("śšş", 's'),
        ("ùúûüūů", 'u'),
        ("ýÿ", 'y'),
        ("žźż", 'z'),
    ];
    let lower = c.to_lowercase().next().unwrap_or(c);
    GROUPS
        .iter()
        .find(|(set, _)| set.contains(lower))
        .map_or(c, |&(_, base)| base)
}

/// Handles written as `@handle` in the text, each once, in order. An `@`
/// inside a word (an e-mail address) is not a mention, and trailing dots
/// belong to the sentence.
pub fn find(text: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for (start, len) in spans(text) {
        let handle = text[start + 1..start + len].to_ascii_lowercase();
        if !found.contains(&handle) {
            found.push(handle);
        }
    }
    found
}

/// Byte ranges (start of the `@`, length including it) of mentions.
pub fn spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        if c == '@' && !prev.is_some_and(|p| p.is_alphanumeric() || is_handle_char(p)) {
            let rest = &text[i + 1..];
            let mut end = rest
                .char_indices()
                .find(|(_, c)| !is_handle_char(*c))
                .map_or(rest.len(), |(j, _)| j);
            while end > 0 && matches!(rest.as_bytes()[end - 1], b'.' | b'-' | b'_') {
                end -= 1;
            }
            if (2..=MAX_HANDLE).contains(&end) {
                out.push((i, end + 1));
            }
        }
        prev = Some(c);
    }
    out
}

/// The partial handle being typed just before `cursor` (a char index), if
/// the user is in the middle of an @mention: what autocomplete looks up.
pub fn typing_at(text: &str, cursor: usize) -> Option<(usize, String)> {
    let before: Vec<char> = text.chars().take(cursor).collect();
    let mut i = before.len();
    while i > 0 && is_handle_char(before[i - 1]) {
        i -= 1;
    }
    if i == 0 || before[i - 1] != '@' {
        return None;
    }
    if i >= 2 && (before[i - 2].is_alphanumeric() || is_handle_char(before[i - 2])) {
        return None;
    }
    let partial: String = before[i..].iter().collect();
    (partial.chars().count() <= MAX_HANDLE).then(|| (i - 1, partial.to_ascii_lowercase()))
}

/// `text` with the partial mention starting at char `at` replaced by the
/// full handle and a space; returns the new text and the cursor after it.
pub fn complete(text: &str, at: usize, cursor: usize, handle: &str) -> (String, usize) {
    let chars: Vec<char> = text.chars().collect();
    let head: String = chars[..at.min(chars.len())].iter().collect();
    let tail: String = chars[cursor.min(chars.len())..].iter().collect();
    let inserted = format!("@{handle} ");
    let new_cursor = head.chars().count() + inserted.chars().count();
    (format!("{head}{inserted}{tail}"), new_cursor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handles_come_from_names() {
        assert_eq!(handle_base("Maya Lin"), "maya.lin");
        assert_eq!(handle_base("  Olivia  O'Brien "), "olivia.o.brien");
        assert_eq!(handle_base("José Ñúñez"), "jose.nunez");
        assert_eq!(handle_base("Łukasz Żak"), "lukasz.zak");
        assert_eq!(handle_base("李"), "member");
        assert!(handle_base(&"x".repeat(100)).len() <= MAX_HANDLE - 3);
    }

    #[test]
    fn finds_mentions_but_not_email_addresses() {
        assert_eq!(
            find("Thanks @maya.lin, and @Sam. Mail sam@northwind.example or @maya.lin again"),
            vec!["maya.lin", "sam"]
        );
        assert!(find("@ alone, @x too short").is_empty());
        assert_eq!(find("(@dana.cole)"), vec!["dana.cole"]);
    }

    #[test]
    fn spans_cover_the_at_sign_and_handle() {
        let text = "hi @sam.";
        let (start, len) = spans(text)[0];
        assert_eq!(&text[start..start + len], "@sam");
    }

    #[test]
    fn completes_the_handle_being_typed() {
        let text = "Ask @ma about it";
        assert_eq!(typing_at(text, 7), Some((4, "ma".into())));
        assert_eq!(typing_at(text, 3), None);
        assert_eq!(typing_at("mail a@b", 8), None);
        let (done, cursor) = complete(text, 4, 7, "maya.lin");
        assert_eq!(done, "Ask @maya.lin  about it");
        assert_eq!(cursor, 14);
    }
}
