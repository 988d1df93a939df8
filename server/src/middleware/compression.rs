//! Compression of what the server renders: pages, server-function answers,
//! CSV exports.
//!
//! After the first visit the code is cached, and the HTML is most of what a
//! phone downloads per page: a forum topic with 50 replies is about 99 KB of
//! markup and hydration data, 10.6 KB as zstd. Static assets are compressed
//! at build time (`--precompress`) and served with their `Content-Encoding`,
//! which these layers leave alone.
//!
//! The encoders run on every response, so they are chosen for speed (README,
//! "Compressed pages"): zstd at its default level for the browsers that take
//! it (Chromium, Firefox), otherwise brotli or gzip at quality 1, which cost
//! a fraction of the CPU of their defaults for a few KB more.
//!
//! Not compressed: live updates (`text/event-stream` would be held back in
//! the encoder's buffer), images and PDFs (already compressed), and bodies
//! under 32 bytes. Compressing pages is safe from BREACH-style guessing
//! because no page carries a secret that stays the same between responses:
//! writes are guarded by their Origin, not by a token in the form, and the
//! session travels in a cookie header, which is not compressed.

use tower::layer::util::{Identity, Stack};
use tower::ServiceBuilder;
use tower_http::compression::predicate::{And, DefaultPredicate, NotForContentType, Predicate};
use tower_http::compression::CompressionLayer;
use tower_http::CompressionLevel;

/// tower-http's defaults (no images, event streams, gRPC or tiny bodies),
/// and no PDFs.
pub type Compressible = And<DefaultPredicate, NotForContentType>;

pub fn compressible() -> Compressible {
    DefaultPredicate::new().and(NotForContentType::const_new("application/pdf"))
}

type Layers = ServiceBuilder<
    Stack<CompressionLayer<Compressible>, Stack<CompressionLayer<Compressible>, Identity>>,
>;

/// zstd when the client accepts it; brotli or gzip (the client's preference)
/// otherwise. The inner layer answers first; the outer one skips a response
/// that already has a `Content-Encoding`.
pub fn layers() -> Layers {
    let zstd = CompressionLayer::new()
        .no_br()
        .no_gzip()
        .no_deflate()
        .compress_when(compressible());
    let fallback = CompressionLayer::new()
        .no_zstd()
        .no_deflate()
        .quality(CompressionLevel::Precise(1))
        .compress_when(compressible());
    ServiceBuilder::new().layer(fallback).layer(zstd)
}
