//! House rules checked against the source itself, so a change that breaks
//! one fails `make test` instead of waiting for a reviewer.

use std::path::{Path, PathBuf};

/// Every `.rs` file under `app/src/<dir>`.
pub fn rust_files(dir: &str) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(dir),
        &mut out,
    );
    out.sort();
    out
}

/// Functions in `source` longer than `max` lines: (name, first line, lines).
/// rustfmt puts a function's closing brace at the indentation of its `fn`
/// line, which is all this needs to find where each one ends.
fn long_functions(source: &str, max: usize) -> Vec<(String, usize, usize)> {
    let lines: Vec<&str> = source.lines().collect();
    let mut found = Vec::new();
    for (at, line) in lines.iter().enumerate() {
        let body = line.trim_start();
        let indent = &line[..line.len() - body.len()];
        let signature = ["pub ", "pub(crate) ", "pub(super) ", "async ", "const "]
            .iter()
            .fold(body, |rest, prefix| {
                rest.strip_prefix(prefix).unwrap_or(rest)
            });
        let Some(name) = signature.strip_prefix("fn ") else {
            continue;
        };
        if line.trim_end().ends_with(';') {
            continue;
        }
        let closing = format!("{indent}}}");
        let Some(end) = lines[at..].iter().position(|l| *l == closing) else {
            continue;
        };
        if end + 1 > max {
            let name = name.split(['(', '<']).next().unwrap_or(name).to_owned();
            found.push((name, at + 1, end + 1));
        }
    }
    found
}

/// Workflows stay short enough to hold in one's head: a longer one is split
/// into named steps (parse, authorise, transact, notify).
#[test]
fn no_service_function_is_longer_than_80_lines() {
    let offenders: Vec<String> = rust_files("ssr/services")
        .iter()
        .flat_map(|file| {
            let source = std::fs::read_to_string(file).unwrap();
            long_functions(&source, 80)
                .into_iter()
                .map(move |(name, line, n)| format!("{}:{line} {name} ({n} lines)", file.display()))
        })
        .collect();
    assert!(
        offenders.is_empty(),
        "functions over 80 lines: {offenders:#?}"
    );
}

#[test]
fn a_long_function_is_found() {
    let body = "    let x = 1;\n".repeat(81);
    let source = format!("pub async fn long(a: i32) -> i32 {{\n{body}}}\n\nfn short() {{}}\n");
    assert_eq!(
        long_functions(&source, 80),
        vec![("long".to_owned(), 1, 83)]
    );
    assert!(long_functions(&source, 83).is_empty());
}
