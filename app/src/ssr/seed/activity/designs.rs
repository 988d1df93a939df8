//! Designs in use: drafts with exports, a social post approved and
//! exported, one waiting for the marketing manager and one sent back to
//! the German partner with a comment.

use super::Demo;
use crate::error::{AppError, AppResult};
use crate::ssr::entities::cobrand_design as design;
use crate::ssr::services::cobrand::{designs, exports};
use crate::types::cobrand::ExportFormat;
use sea_orm::EntityTrait;

const FLYER: &str = "AX7 launch flyer (A4)";
const SOCIAL: &str = "AX7 social post (1080×1080)";
const BANNER: &str = "Web banner (1200×628)";
const MAYA: &str = "maya.lin@acme.example";

/// A design a partner makes, and how far it gets.
struct Made {
    by: &'static str,
    template: &'static str,
    name: &'static str,
    values: &'static [(&'static str, &'static str)],
    /// The day it is made, from today.
    made: i64,
    then: Then,
}

enum Then {
    Exported(&'static [ExportFormat]),
    Waits,
    Approved(&'static [ExportFormat]),
    SentBack(&'static str),
}

const MADE: [Made; 5] = [
    Made {
        by: "olivia@northwind.example",
        template: FLYER,
        name: "Seattle roadshow flyer",
        values: &[
            ("headline", "Wi-Fi 7 for every Seattle office"),
            ("cta", "Book your seat at the roadshow"),
        ],
        made: -55,
        then: Then::Exported(&[ExportFormat::Pdf, ExportFormat::Png]),
    },
    Made {
        by: "olivia@northwind.example",
        template: SOCIAL,
        name: "AX7 launch week post",
        values: &[("headline", "Wi-Fi 7 has landed in Seattle")],
        made: -10,
        then: Then::Approved(&[ExportFormat::Png2x]),
    },
    Made {
        by: "sam@northwind.example",
        template: SOCIAL,
        name: "Hospital webinar post",
        values: &[("headline", "Wi-Fi 7 for hospitals: join our webinar")],
        made: -1,
        then: Then::Waits,
    },
    Made {
        by: "lena@nordlicht.example",
        template: SOCIAL,
        name: "Hausmesse München",
        values: &[(
            "headline",
            "Erleben Sie Wi-Fi 7 live auf unserer Hausmesse in München",
        )],
        made: -5,
        then: Then::SentBack(
            "Bitte die Überschrift kürzen: Auf dem Handy bricht sie in drei Zeilen um. Der Rest passt.",
        ),
    },
    Made {
        by: "ines@bluepeak.example",
        template: BANNER,
        name: "Chicago enablement day banner",
        values: &[("headline", "Reseller enablement day, Chicago")],
        made: -44,
        then: Then::Exported(&[ExportFormat::Png]),
    },
];

pub(super) async fn seed(demo: &Demo<'_>) -> AppResult<()> {
    for made in MADE {
        play(demo, made).await?;
    }
    Ok(())
}

async fn play(demo: &Demo<'_>, made: Made) -> AppResult<()> {
    let partner = demo.member(made.by).await?;
    let template = demo.template_id(made.template).await?;
    let values = made
        .values
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    let id = demo
        .on(made.made, 10, async {
            designs::save(demo.state, &partner, None, template, 0, made.name, &values).await
        })
        .await?;
    let export = |formats: &'static [ExportFormat], day: i64| {
        let partner = &partner;
        async move {
            for (n, format) in formats.iter().enumerate() {
                demo.on(day, 11 + n as u32, async {
                    exports::export(demo.state, partner, id, *format).await
                })
                .await?;
            }
            Ok::<_, AppError>(())
        }
    };
    let review = |approve: bool, comment: &'static str| {
        let partner = &partner;
        async move {
            let version = version_of(demo, id).await?;
            demo.on(made.made, 12, async {
                designs::submit(demo.state, partner, id, version).await
            })
            .await?;
            let maya = demo.member(MAYA).await?;
            let version = version_of(demo, id).await?;
            demo.on((made.made + 1).min(0), 9, async {
                designs::review(demo.state, &maya, id, version, approve, comment).await
            })
            .await
        }
    };
    match made.then {
        Then::Exported(formats) => export(formats, made.made).await,
        Then::Waits => {
            let version = version_of(demo, id).await?;
            demo.on(made.made, 12, async {
                designs::submit(demo.state, &partner, id, version).await
            })
            .await
        }
        Then::Approved(formats) => {
            review(true, "").await?;
            export(formats, (made.made + 1).min(0)).await
        }
        Then::SentBack(comment) => review(false, comment).await,
    }
}

async fn version_of(demo: &Demo<'_>, id: i64) -> AppResult<i32> {
    design::Entity::find_by_id(id)
        .one(&demo.state.db)
        .await?
        .map(|d| d.version)
        .ok_or(AppError::NotFound)
}
