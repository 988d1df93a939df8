use crate::error::AppError;
use crate::types::deal::{DealAge, DealStatus, DealsPage};
use crate::types::org::Region;
use crate::types::Choice;
use leptos::prelude::*;

/// One page of the registrations the reader sees, narrowed by `status`,
/// `partner` (an id or a name), the partners' `region`, product `family` and waiting `age` (an
/// unknown value is ignored); `after` continues after that registration.
#[server(prefix = "/api", endpoint = "get_deals")]
pub async fn get_deals(
    #[server(default)] status: Choice<DealStatus>,
    #[server(default)] partner: String,
    #[server(default)] family: String,
    #[server(default)] region: Choice<Region>,
    #[server(default)] age: Choice<DealAge>,
    #[server(default)] after: Option<i64>,
) -> Result<DealsPage, AppError> {
    use crate::ssr::services::deals::list::{self, ListFilter};
    crate::api::as_actor(|state, actor| async move {
        let filter = ListFilter {
            status: status.known(),
            partner,
            family: family.trim().parse().ok(),
            region: region.known(),
            age: age.known(),
        };
        list::page(&state, &actor, &filter, after).await
    })
    .await
}
