use crate::error::AppError;
use crate::types::deal::DealAge;
use crate::types::lead::{LeadStatus, LeadsPage};
use crate::types::Choice;
use leptos::prelude::*;

/// One page of the leads the reader sees, narrowed by `status`, `partner`
/// (an id or a name), `country`, product `family` and `age` (an unknown
/// value is ignored); `after` continues after that lead.
#[server(prefix = "/api", endpoint = "get_leads")]
pub async fn get_leads(
    #[server(default)] status: Choice<LeadStatus>,
    #[server(default)] partner: String,
    #[server(default)] family: String,
    #[server(default)] country: String,
    #[server(default)] age: Choice<DealAge>,
    #[server(default)] after: Option<i64>,
) -> Result<LeadsPage, AppError> {
    use crate::ssr::services::leads::list::{self, ListFilter};
    use crate::types::territory::Country;
    crate::api::as_actor(|state, actor| async move {
        let filter = ListFilter {
            status: status.known(),
            partner,
            family: family.trim().parse().ok(),
            country: Country::parse(&country),
            age: age.known(),
        };
        list::page(&state, &actor, &filter, after).await
    })
    .await
}
