//! The app's icon: the portal's mark on the program's colour, drawn from
//! SVG so every size is sharp.

use resvg::{tiny_skia, usvg};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// A rounded square at 192 or 512 px, for launchers that show it as is.
    Rounded(u32),
    /// Full-bleed colour with the mark inside the central safe zone, for
    /// launchers that cut their own shape (circle, squircle).
    Maskable,
}

impl Shape {
    pub fn from_file(file: &str) -> Option<Shape> {
        match file {
            "192.png" => Some(Shape::Rounded(192)),
            "512.png" => Some(Shape::Rounded(512)),
            "maskable-512.png" => Some(Shape::Maskable),
            _ => None,
        }
    }

    fn size(self) -> u32 {
        match self {
            Shape::Rounded(px) => px,
            Shape::Maskable => 512,
        }
    }
}

/// `colour` when it is `#rrggbb` (it lands in SVG and CSS), else the
/// portal's blue.
pub fn safe_colour(colour: &str) -> String {
    if app::cobrand::render::is_hex_color(colour) {
        colour.to_ascii_lowercase()
    } else {
        super::DEFAULT_BRAND.to_owned()
    }
}

fn svg(shape: Shape, colour: &str) -> String {
    // The favicon's mark, on a 32-unit grid.
    let mark = "M9 23V9h7a5 5 0 0 1 0 10h-3v4z";
    match shape {
        Shape::Rounded(_) => format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\">\
             <rect width=\"32\" height=\"32\" rx=\"7\" fill=\"{colour}\"/>\
             <path d=\"{mark}\" fill=\"#fff\"/></svg>"
        ),
        // The mark shrunk to 60% around the centre stays inside the 80%
        // circle every launcher keeps.
        Shape::Maskable => format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\">\
             <rect width=\"32\" height=\"32\" fill=\"{colour}\"/>\
             <path d=\"{mark}\" fill=\"#fff\" transform=\"translate(6.4 6.4) scale(.6)\"/></svg>"
        ),
    }
}

/// The icon as PNG bytes.
pub fn png(shape: Shape, colour: &str) -> Option<Vec<u8>> {
    let tree =
        usvg::Tree::from_str(&svg(shape, &safe_colour(colour)), &usvg::Options::default()).ok()?;
    let px = shape.size();
    let mut pixmap = tiny_skia::Pixmap::new(px, px)?;
    let scale = px as f32 / tree.size().width();
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap.encode_png().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_each_size_in_the_programs_colour() {
        for (file, px) in [
            ("192.png", 192),
            ("512.png", 512),
            ("maskable-512.png", 512),
        ] {
            let shape = Shape::from_file(file).expect(file);
            let png = png(shape, "#7c3aed").expect(file);
            let pixmap = tiny_skia::Pixmap::decode_png(&png).expect("decodes");
            assert_eq!((pixmap.width(), pixmap.height()), (px, px), "{file}");
            // Just inside the top-left corner: brand colour (the maskable
            // icon is full-bleed; the rounded one is clear in the corner).
            let corner = pixmap.pixel(px / 10, px / 10).expect("pixel");
            assert_eq!(
                (corner.red(), corner.green(), corner.blue()),
                (0x7c, 0x3a, 0xed),
                "{file}"
            );
        }
        assert_eq!(Shape::from_file("../secret.png"), None);
    }

    #[test]
    fn refuses_a_colour_that_is_not_hex() {
        assert_eq!(safe_colour("#ABCDEF"), "#abcdef");
        assert_eq!(safe_colour("red;}</style>"), super::super::DEFAULT_BRAND);
    }
}
