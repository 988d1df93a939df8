//! Markdown (CommonMark with tables, strikethrough and task lists) rendered
//! by pulldown-cmark, then cleaned by ammonia's allow-list, so nothing a
//! member writes can run script, carry event handlers or link to
//! `javascript:`. Rendering happens once, when a post is saved.

use ammonia::Builder;
use pulldown_cmark::{html, CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// Where forum image attachments are served; the only image source allowed
/// (the Content Security Policy blocks other hosts anyway).
pub const ATTACHMENT_PREFIX: &str = "/forum/files/";

/// Whether `src` is exactly the path of a stored forum picture,
/// `/forum/files/{program}/{name}.{png|jpg|webp|gif}`, with nothing that a
/// browser could decode or resolve to another route (`..`, `%2e`, `?`, `#`,
/// backslashes): the only image source a post may have.
pub fn is_attachment_src(src: &str) -> bool {
    let Some(rest) = src.strip_prefix(ATTACHMENT_PREFIX) else {
        return false;
    };
    let Some((tenant, file)) = rest.split_once('/') else {
        return false;
    };
    let Some((stem, ext)) = file.split_once('.') else {
        return false;
    };
    !tenant.is_empty()
        && tenant.len() <= 19
        && tenant.bytes().all(|b| b.is_ascii_digit())
        && (1..=64).contains(&stem.len())
        && stem
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        && matches!(ext, "png" | "jpg" | "webp" | "gif")
}

/// The stored pictures of program `tenant_id` that rendered `html` shows,
/// by file name (`{token}.{ext}`), each once.
pub fn pictures_shown(html: &str, tenant_id: i64) -> Vec<String> {
    let own = format!("{ATTACHMENT_PREFIX}{tenant_id}/");
    let mut names: Vec<String> = html
        .split("src=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|src| is_attachment_src(src))
        .filter_map(|src| src.strip_prefix(&own))
        .map(str::to_owned)
        .collect();
    names.sort();
    names.dedup();
    names
}

pub struct Rendered {
    /// Sanitised HTML, safe to insert into the page.
    pub html: String,
    /// Plain text for search and excerpts.
    pub text: String,
}

static CLEANER: LazyLock<Builder<'static>> = LazyLock::new(|| {
    let mut b = Builder::default();
    b.url_schemes(HashSet::from(["http", "https", "mailto"]))
        .link_rel(Some("nofollow noopener ugc"))
        .add_tags(["span", "input"])
        .add_allowed_classes("span", ["mention"])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .attribute_filter(|element, attribute, value| match (element, attribute) {
            ("img", "src") if !is_attachment_src(value) => None,
            ("input", "type") if value != "checkbox" => None,
            _ => Some(value.into()),
        })
        .set_tag_attribute_values(HashMap::from([(
            "input",
            HashMap::from([("disabled", "")]),
        )]));
    b
});

/// Renders `markdown`, turning `@handle` into a mention wherever `known`
/// holds the handle (outside code). Images from anywhere but our own
/// attachments become plain links.
pub fn render(markdown: &str, known: &HashSet<String>) -> Rendered {
    let mut text = String::new();
    let mut in_code_block = false;
    let mut events: Vec<Event> = Vec::new();
    let mut image_as_link = Vec::new();
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                in_code_block = true;
                events.push(Event::Start(Tag::CodeBlock(match kind {
                    // The info string is not needed and is one more input.
                    CodeBlockKind::Fenced(_) => CodeBlockKind::Fenced(CowStr::from("")),
                    indented => indented,
                })));
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code_block = false;
                text.push(' ');
                events.push(Event::End(TagEnd::CodeBlock));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let external = !is_attachment_src(&dest_url);
                image_as_link.push(external);
                events.push(Event::Start(if external {
                    Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }
                } else {
                    Tag::Image {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }
                }));
            }
            Event::End(TagEnd::Image) => {
                events.push(Event::End(if image_as_link.pop().unwrap_or(false) {
                    TagEnd::Link
                } else {
                    TagEnd::Image
                }));
            }
            Event::Text(t) => {
                push_text(&mut text, &t);
                if in_code_block {
                    events.push(Event::Text(t));
                } else {
                    link_mentions(&t, known, &mut events);
                }
            }
            Event::Code(t) => {
                push_text(&mut text, &t);
                events.push(Event::Code(t));
            }
            Event::SoftBreak | Event::HardBreak => {
                text.push(' ');
                events.push(event);
            }
            // Block ends separate words in the search text.
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::TableRow
                | TagEnd::TableHead
                | TagEnd::BlockQuote(_),
            ) => {
                text.push(' ');
                events.push(event);
            }
            other => events.push(other),
        }
    }
    let mut raw = String::with_capacity(markdown.len() * 2);
    html::push_html(&mut raw, events.into_iter());
    Rendered {
        html: CLEANER.clean(&raw).to_string(),
        text: text.split_whitespace().collect::<Vec<_>>().join(" "),
    }
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

fn push_text(out: &mut String, t: &str) {
    out.push_str(t);
}

/// Splits a text run around known mentions; a mention becomes a span the
/// cleaner lets through with its class.
fn link_mentions<'a>(t: &CowStr<'a>, known: &HashSet<String>, events: &mut Vec<Event<'a>>) {
    let spans: Vec<(usize, usize)> = crate::forum::mention::spans(t)
        .into_iter()
        .filter(|&(start, len)| known.contains(&t[start + 1..start + len].to_ascii_lowercase()))
        .collect();
    if spans.is_empty() {
        events.push(Event::Text(t.clone()));
        return;
    }
    let mut at = 0;
    for (start, len) in spans {
        if start > at {
            events.push(Event::Text(CowStr::from(t[at..start].to_owned())));
        }
        let handle = t[start + 1..start + len].to_ascii_lowercase();
        events.push(Event::InlineHtml(CowStr::from(format!(
            "<span class=\"mention\">@{handle}</span>"
        ))));
        at = start + len;
    }
    if at < t.len() {
        events.push(Event::Text(CowStr::from(t[at..].to_owned())));
    }
}

/// The first `max` characters of plain text, cut at a word, with an ellipsis.
pub fn excerpt(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> HashSet<String> {
        HashSet::from(["maya.lin".to_owned()])
    }

    #[test]
    fn renders_common_markdown() {
        let r = render(
            "# Setup\n\n**Bold** and `code`, a [link](https://acme.example).\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done",
            &known(),
        );
        assert!(r.html.contains("<h1>Setup</h1>"));
        assert!(r.html.contains("<strong>Bold</strong>"));
        assert!(r.html.contains("<code>code</code>"));
        assert!(r.html.contains("<table>"));
        assert!(r
            .html
            .contains(r#"<a href="https://acme.example" rel="nofollow noopener ugc">link</a>"#));
        assert!(r.html.contains(r#"type="checkbox""#));
        assert_eq!(r.text, "Setup Bold and code, a link. a b 1 2 done");
    }

    #[test]
    fn links_only_known_mentions_outside_code() {
        let r = render(
            "Ask @maya.lin or @nobody. `@maya.lin`\n\n```\n@maya.lin\n```",
            &known(),
        );
        assert_eq!(
            r.html
                .matches(r#"<span class="mention">@maya.lin</span>"#)
                .count(),
            1
        );
        assert!(r.html.contains("@nobody"));
        assert!(r.html.contains("<code>@maya.lin</code>"));
    }

    #[test]
    fn external_images_become_links() {
        let r = render(
            "![tracker](https://evil.example/p.png) ![ok](/forum/files/1/a.png)",
            &known(),
        );
        assert!(!r.html.contains(r#"src="https://evil.example"#));
        assert!(r.html.contains(r#"<a href="https://evil.example/p.png""#));
        assert!(r
            .html
            .contains(r#"<img src="/forum/files/1/a.png" alt="ok">"#));
    }

    #[test]
    fn images_must_be_exactly_a_stored_picture() {
        for hostile in [
            "/forum/files/../cobrand/designs/3/export/pdf",
            "/forum/files/1/../../cobrand/designs/3/export/png",
            "/forum/files/%2e%2e/%2e%2e/forum/topics/4/live",
            "/forum/files/1/%2e%2e%2fx.png",
            "/forum/files/1/a.png?x=1",
            "/forum/files/1/a.png#x",
            "/forum/files/1\\..\\a.png",
            "/forum/files/1/a.svg",
            "/forum/files//a.png",
            "/forum/files/1/a.b.png",
            "/forum/files/x/a.png",
        ] {
            assert!(!is_attachment_src(hostile), "{hostile}");
            let r = render(&format!("![x]({hostile})"), &known());
            assert!(!r.html.contains("<img"), "{hostile}: {}", r.html);
        }
        let r = render(
            "![x](/forum/files/1/../../cobrand/designs/3/export/pdf)",
            &known(),
        );
        assert!(!r.html.contains("<img"));
        let r = render("<img src=\"/forum/files/1/%2e%2e/x.png\">", &known());
        assert!(!r.html.contains("src="), "{}", r.html);
        assert!(is_attachment_src("/forum/files/12/Ab-9_x.webp"));
    }

    #[test]
    fn finds_the_pictures_a_post_shows() {
        let r = render(
            "![a](/forum/files/7/x1.png) ![b](/forum/files/8/y.png) ![a again](/forum/files/7/x1.png) ![c](/forum/files/7/z_2.gif)",
            &known(),
        );
        assert_eq!(pictures_shown(&r.html, 7), vec!["x1.png", "z_2.gif"]);
    }

    #[test]
    fn excerpts_cut_at_words() {
        assert_eq!(excerpt("short", 10), "short");
        assert_eq!(excerpt("one two three four", 10), "one two…");
    }
}
