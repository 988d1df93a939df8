//! The campaign's day-by-day activity as a bar chart (leptos-chartistry).
//! It is drawn in the browser only, after hydration, since its size comes
//! from the page; the table beside it carries the same numbers for
//! everyone else (and for screen readers).

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

fn points(days: &[DayCount]) -> Vec<Point> {
    days.iter()
        .filter_map(|d| {
            let day = NaiveDate::parse_from_str(&d.day, "%Y-%m-%d").ok()?;
            Some(Point {
                day: day.and_hms_opt(12, 0, 0)?.and_utc(),
                sent: d.sent as f64,
                opened: d.opened as f64,
                clicked: d.clicked as f64,
            })
        })
        .collect()
}

#[component]
pub fn ActivityChart(days: Vec<DayCount>) -> impl IntoView {
    if days.is_empty() {
        return view! { <p class="muted">"Nothing sent yet."</p> }.into_any();
    }
    let mounted = RwSignal::new(false);
    Effect::new(move |_| mounted.set(true));
    let data = Signal::stored(points(&days));
    let series = Series::new(|p: &Point| p.day)
        .bar(Bar::new(|p: &Point| p.sent).with_name("Sent"))
        .bar(Bar::new(|p: &Point| p.opened).with_name("Opened"))
        .bar(Bar::new(|p: &Point| p.clicked).with_name("Clicked"))
        .with_min_y(0.0);
    view! {
        <figure class="chart">
            {move || mounted.get().then(|| view! {
                <Chart
                    aspect_ratio=AspectRatio::from_env_width(220.0)
                    series=series.clone()
                    data=data
                    left=TickLabels::aligned_floats()
                    bottom=TickLabels::timestamps()
                    top=Legend::end()
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
                    <thead><tr><th>"Day (UTC)"</th><th>"Sent"</th><th>"Opened"</th><th>"Clicked"</th></tr></thead>
                    <tbody>
                        {days.iter().map(|d| view! { <tr><td>{d.day.clone()}</td><td>{d.sent}</td><td>{d.opened}</td><td>{d.clicked}</td></tr> }).collect_view()}
                    </tbody>
                </table>
            </figcaption>
        </figure>
    }
    .into_any()
}
