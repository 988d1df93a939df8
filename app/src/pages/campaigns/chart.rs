//! The campaign's day-by-day activity as a line chart (leptos-chartistry).
//! It is drawn in the browser only, after hydration, since its size comes
//! from the page; the table beside it carries the same numbers for
//! everyone else (and for screen readers).

use crate::tr;
use crate::types::campaign::DayCount;
use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;
use leptos_chartistry::*;

#[derive(Clone)]
struct Point {
    day: DateTime<Utc>,
    sent: f64,
    opened: f64,
    clicked: f64,
}

/// The days with activity, led by the quiet day before the first, so even
/// a campaign one day old draws a line rather than a lone dot.
fn points(days: &[DayCount]) -> Vec<Point> {
    let mut out: Vec<Point> = days
        .iter()
        .filter_map(|d| {
            let day = NaiveDate::parse_from_str(&d.day, "%Y-%m-%d").ok()?;
            Some(Point {
                day: day.and_hms_opt(12, 0, 0)?.and_utc(),
                sent: d.sent as f64,
                opened: d.opened as f64,
                clicked: d.clicked as f64,
            })
        })
        .collect();
    if let Some(first) = out.first().map(|p| p.day) {
        out.insert(
            0,
            Point {
                day: first - chrono::Duration::days(1),
                sent: 0.0,
                opened: 0.0,
                clicked: 0.0,
            },
        );
    }
    out
}

/// `zone` names the time zone the days are counted in (the viewer's).
#[island]
pub fn ActivityChart(days: Vec<DayCount>, zone: String) -> impl IntoView {
    if days.is_empty() {
        return view! { <p class="muted">{tr!(campaigns.nothing_sent)}</p> }.into_any();
    }
    let mounted = RwSignal::new(false);
    Effect::new(move |_| mounted.set(true));
    let data = Signal::stored(points(&days));
    let line = |name: &'static str, get: fn(&Point) -> f64| {
        Line::new(get)
            .with_name(name)
            .with_marker(MarkerShape::Circle)
    };
    let series = Series::new(|p: &Point| p.day)
        .line(line(tr!(campaigns.sent), |p| p.sent))
        .line(line(tr!(funds.opened), |p| p.opened))
        .line(line(tr!(funds.clicked), |p| p.clicked))
        .with_min_y(0.0);
    view! {
        <figure class="chart">
            {move || mounted.get().then(|| view! {
                <Chart
                    aspect_ratio=AspectRatio::from_env_width(220.0)
                    series=series.clone()
                    data=data
                    left=TickLabels::aligned_floats()
                    bottom=TickLabels::from_generator(Timestamps::from_period(Period::Day).with_strftime(crate::locale::day_month_pattern()))
                    top=Legend::start()
                    inner=[
                        AxisMarker::left_edge().into_inner(),
                        AxisMarker::bottom_edge().into_inner(),
                        YGridLine::default().into_inner(),
                    ]
                    tooltip=Tooltip::left_cursor()
                />
            })}
            <figcaption>
                <table class="table table-compact">
                    <thead><tr><th>{tr!(campaigns.day_in, zone = &zone).to_string()}</th><th>{tr!(campaigns.sent)}</th><th>{tr!(funds.opened)}</th><th>{tr!(funds.clicked)}</th></tr></thead>
                    <tbody>
                        {days.iter().map(|d| view! { <tr><td>{d.day.clone()}</td><td>{d.sent}</td><td>{d.opened}</td><td>{d.clicked}</td></tr> }).collect_view()}
                    </tbody>
                </table>
            </figcaption>
        </figure>
    }
    .into_any()
}
