//! The community's moderation queue: a sales pitch posted into a support
//! question, flagged by a partner.

use super::Demo;
use crate::error::{AppError, AppResult};
use crate::ssr::entities::forum_topic as topic;
use crate::ssr::scope::in_tenant;
use crate::ssr::services::forum::posts;
use crate::types::forum::FlagReason;
use crate::types::Choice;
use sea_orm::{ColumnTrait, QueryFilter};

const QUESTION: &str = "Licence renewal for multi-site SD-WAN customers";

pub(super) async fn seed(demo: &Demo<'_>) -> AppResult<()> {
    let topic = in_tenant::<topic::Entity>(demo.tenant.id)
        .filter(topic::Column::Title.eq(QUESTION))
        .one(&demo.state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let jan = demo.member("jan@eurolink.example").await?;
    let (pitch, _) = demo
        .on(-1, 16, async {
            posts::reply(
                demo.state,
                &jan,
                topic.id,
                "Anyone need SD-WAN boxes fast? We have 40 refurbished units at half the list price this week only. Message me for a quote!",
            )
            .await
        })
        .await?;
    let asker = demo.member("olivia@northwind.example").await?;
    demo.on(-1, 18, async {
        posts::flag(
            demo.state,
            &asker,
            pitch,
            &Choice::from(FlagReason::OffTopic),
            "A sales offer in a question about licence renewals.",
        )
        .await
    })
    .await?;
    Ok(())
}
