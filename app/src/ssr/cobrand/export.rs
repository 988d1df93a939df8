//! Server-side export: PNG through resvg and vector PDF through svg2pdf, with
//! only the bundled fonts loaded, so every machine produces the same files.

use crate::error::{AppError, AppResult};
use resvg::{tiny_skia, usvg};
use std::sync::{Arc, OnceLock};

const FONTS: [&[u8]; 2] = [
    include_bytes!("../../../fonts/DejaVuSans.ttf"),
    include_bytes!("../../../fonts/DejaVuSans-Bold.ttf"),
];

/// The largest PNG side we produce, in pixels (memory bound: 64 MB RGBA).
pub const MAX_PIXELS_SIDE: u32 = 4096;

fn internal(step: &str, cause: impl std::fmt::Display) -> AppError {
    tracing::error!(%cause, "export: {step} failed");
    AppError::Internal
}

fn fonts() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        for font in FONTS {
            db.load_font_data(font.to_vec());
        }
        db.set_sans_serif_family(crate::cobrand::render::FONT_FAMILY);
        Arc::new(db)
    })
    .clone()
}

/// Parses a rendered document. Only inline images resolve: no file or
/// network lookups, whatever the markup says.
pub fn tree(svg: &str) -> AppResult<usvg::Tree> {
    let options = usvg::Options {
        font_family: crate::cobrand::render::FONT_FAMILY.to_string(),
        fontdb: fonts(),
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: usvg::ImageHrefResolver::default_data_resolver(),
            resolve_string: Box::new(|_, _| None),
        },
        ..usvg::Options::default()
    };
    usvg::Tree::from_str(svg, &options).map_err(|e| internal("parse", e))
}

/// A PNG at `scale` × the template's size.
pub fn png(svg: &str, scale: f32) -> AppResult<Vec<u8>> {
    let tree = tree(svg)?;
    let size = tree.size();
    let (w, h) = (
        (size.width() * scale).ceil() as u32,
        (size.height() * scale).ceil() as u32,
    );
    if w == 0 || h == 0 || w > MAX_PIXELS_SIDE || h > MAX_PIXELS_SIDE {
        return Err(AppError::invalid(
            "format",
            format!("At this scale the image would be {w}×{h} px; the limit is {MAX_PIXELS_SIDE} px a side."),
        ));
    }
    let mut pixmap = tiny_skia::Pixmap::new(w, h).ok_or_else(|| internal("allocate", "pixmap"))?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap.encode_png().map_err(|e| internal("encode png", e))
}

/// A vector PDF, one page the size of the template, fonts embedded.
pub fn pdf(svg: &str) -> AppResult<Vec<u8>> {
    let tree = tree(svg)?;
    svg2pdf::to_pdf(
        &tree,
        svg2pdf::ConversionOptions::default(),
        svg2pdf::PageOptions::default(),
    )
    .map_err(|e| internal("convert to pdf", e))
}
