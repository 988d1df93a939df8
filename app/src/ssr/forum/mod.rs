//! Forum text processing on the server: Markdown to sanitised HTML with
//! linked @mentions, and the plain text that search indexes.

pub mod markdown;
#[cfg(test)]
mod xss;
