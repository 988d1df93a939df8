//! Co-branding timings on this machine: what one keystroke costs the
//! preview (fit + guardrails + render, the code the browser runs), and the
//! server's PNG and PDF export of the A4 flyer. Run in release:
//! `make bench-editor`. Prints the median and the 95th percentile.

use app::cobrand::{check, render, RenderOptions};
use app::ssr::cobrand::{compile::compile, export};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

const FLYER: &str = include_str!("../../../app/src/ssr/seed/templates/flyer-a4.svg");

fn time(label: &str, runs: usize, mut f: impl FnMut()) {
    f(); // warm up
    let mut samples: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{label:<44} median {:>8.3} ms   p95 {:>8.3} ms   ({runs} runs)",
        ms(samples[runs / 2]),
        ms(samples[runs * 95 / 100])
    );
}

fn main() {
    let plan = compile(FLYER).expect("the seed flyer compiles").plan;
    let images = BTreeMap::new();
    let mut values = plan.defaults();
    let mut n = 0;
    time("preview per keystroke (fit+check+render)", 2000, || {
        n += 1;
        values.insert("headline".into(), format!("Wi-Fi 7 for every office {n}"));
        let issues = check(&plan, &values, &images);
        let svg = render(
            &plan,
            &values,
            &images,
            RenderOptions {
                mark_overflow: true,
            },
        );
        assert!(issues.is_empty() && !svg.is_empty());
    });
    time("compile uploaded SVG (sanitise + slots)", 200, || {
        compile(FLYER).expect("compiles");
    });
    let svg = render(&plan, &plan.defaults(), &images, RenderOptions::default());
    time("export PNG 1x (A4 flyer, 794x1123)", 30, || {
        export::png(&svg, 1.0).expect("png");
    });
    time("export PNG 2x (A4 flyer, 1588x2246)", 30, || {
        export::png(&svg, 2.0).expect("png");
    });
    time("export PDF (A4 flyer, fonts embedded)", 30, || {
        export::pdf(&svg).expect("pdf");
    });
}
