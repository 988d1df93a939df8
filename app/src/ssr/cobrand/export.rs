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
            crate::tr!(template.scale, w = &w, h = &h, max = MAX_PIXELS_SIDE).to_string(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cobrand::{render, RenderOptions};
    use crate::ssr::cobrand::compile::compile;
    use std::collections::BTreeMap;
    use std::path::PathBuf;

    fn flyer_svg() -> String {
        let source = include_str!("../seed/templates/flyer-a4.svg");
        let plan = compile(source).expect("seed flyer compiles").plan;
        render(
            &plan,
            &plan.defaults(),
            &BTreeMap::new(),
            RenderOptions::default(),
        )
    }

    fn golden_path() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/ssr/cobrand/testdata/flyer-a4.png")
    }

    /// The flyer at its defaults matches the reviewed image, allowing for
    /// anti-aliasing noise: at most 0.5% of pixels may differ by more than
    /// 24 in some channel. `PRM_UPDATE_GOLDEN=1` rewrites the image after a
    /// deliberate change (look at it before committing).
    #[test]
    fn png_export_matches_the_golden_image() {
        let png = png(&flyer_svg(), 1.0).expect("renders");
        if std::env::var("PRM_UPDATE_GOLDEN").is_ok_and(|v| v == "1") {
            std::fs::write(golden_path(), &png).expect("write golden");
        }
        let golden = std::fs::read(golden_path()).expect("golden image is committed");
        let expected = tiny_skia::Pixmap::decode_png(&golden).expect("golden decodes");
        let actual = tiny_skia::Pixmap::decode_png(&png).expect("export decodes");
        assert_eq!(
            (actual.width(), actual.height()),
            (expected.width(), expected.height())
        );
        let differing = actual
            .data()
            .chunks(4)
            .zip(expected.data().chunks(4))
            .filter(|(a, e)| a.iter().zip(e.iter()).any(|(x, y)| x.abs_diff(*y) > 24))
            .count();
        let total = (actual.width() * actual.height()) as usize;
        assert!(
            differing * 200 <= total,
            "{differing} of {total} pixels differ from the golden image"
        );
    }

    #[test]
    fn text_is_drawn_in_the_bundled_font() {
        // A page with nothing but a headline is not blank: glyphs came from
        // the bundled font, since no system font is ever loaded.
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60" viewBox="0 0 200 60"><text x="10" y="40" font-family="DejaVu Sans" font-size="30">Hello</text></svg>"#;
        let png = png(svg, 1.0).unwrap();
        let pixmap = tiny_skia::Pixmap::decode_png(&png).unwrap();
        assert!(pixmap.data().chunks(4).any(|p| p[3] > 0));
        assert_eq!(fonts().len(), 2);
    }

    #[test]
    fn pdf_is_vector_with_embedded_fonts_and_scale_is_bounded() {
        let pdf = pdf(&flyer_svg()).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        assert!(pdf.windows(9).any(|w| w == b"FontFile2"));
        assert!(png(&flyer_svg(), 2.0).is_ok());
        assert!(matches!(png(&flyer_svg(), 20.0), Err(AppError::Invalid(_))));
    }
}
