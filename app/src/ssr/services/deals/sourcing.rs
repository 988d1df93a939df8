//! What sourced a registration: one of the partner's MDF activities (a
//! fund request the vendor approved) or a through-channel campaign it took
//! part in. A won deal that names one counts in the return on that
//! activity's funds (`funds::roi`).

use crate::error::AppResult;
use crate::ssr::entities::{campaign, campaign_participant, deal, fund_request};
use crate::ssr::scope::{in_tenant, tenant_is};
use crate::ssr::Actor;
use crate::tr;
use crate::types::funds::RequestStatus;
use crate::types::FormErrors;
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder, QuerySelect};

/// Activities and campaigns the form offers, newest first, of each kind.
const OFFERED: u64 = 50;

/// What a registration names as its source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    FundRequest(i64),
    Campaign(i64),
}

impl Source {
    /// As the form's select sends it: `request:12`, `campaign:3`.
    pub fn parse(raw: &str) -> Option<Source> {
        let (kind, id) = raw.trim().split_once(':')?;
        let id = id.parse().ok()?;
        match kind {
            "request" => Some(Source::FundRequest(id)),
            "campaign" => Some(Source::Campaign(id)),
            _ => None,
        }
    }

    pub fn input(self) -> String {
        match self {
            Source::FundRequest(id) => format!("request:{id}"),
            Source::Campaign(id) => format!("campaign:{id}"),
        }
    }

    /// The stored pair (fund request, campaign).
    pub fn columns(source: Option<Source>) -> (Option<i64>, Option<i64>) {
        match source {
            Some(Source::FundRequest(id)) => (Some(id), None),
            Some(Source::Campaign(id)) => (None, Some(id)),
            None => (None, None),
        }
    }

    /// The source a registration names.
    pub fn of(d: &deal::Model) -> Option<Source> {
        d.fund_request_id
            .map(Source::FundRequest)
            .or(d.campaign_id.map(Source::Campaign))
    }
}

/// The MDF activities (approved or done) of `partners`, newest first.
fn activities(tenant_id: i64, partners: &[i64]) -> sea_orm::Select<fund_request::Entity> {
    in_tenant::<fund_request::Entity>(tenant_id)
        .filter(fund_request::Column::PartnerId.is_in(partners.to_vec()))
        .filter(
            fund_request::Column::Status.is_in([RequestStatus::Approved, RequestStatus::Closed]),
        )
}

/// The campaigns `partners` joined.
fn joined(tenant_id: i64, partners: &[i64]) -> sea_orm::Select<campaign::Entity> {
    let ids = sea_orm::sea_query::Query::select()
        .column(campaign_participant::Column::CampaignId)
        .from(campaign_participant::Entity)
        .and_where(tenant_is::<campaign_participant::Entity>(tenant_id))
        .and_where(campaign_participant::Column::OrgId.is_in(partners.to_vec()))
        .to_owned();
    in_tenant::<campaign::Entity>(tenant_id).filter(campaign::Column::Id.in_subquery(ids))
}

/// The form's choices (value, label) for the actor's company.
pub async fn options(db: &impl ConnectionTrait, actor: &Actor) -> AppResult<Vec<(String, String)>> {
    if actor.role.is_vendor_staff() {
        return Ok(Vec::new());
    }
    let partners = [actor.organization_id];
    let requests = activities(actor.tenant_id, &partners)
        .order_by_desc(fund_request::Column::Id)
        .limit(OFFERED)
        .all(db)
        .await?;
    let campaigns = joined(actor.tenant_id, &partners)
        .order_by_desc(campaign::Column::Id)
        .limit(OFFERED)
        .all(db)
        .await?;
    let requests = requests.into_iter().map(|r| {
        let label = tr!(deals.source_activity, title = &r.title).to_string();
        (Source::FundRequest(r.id).input(), label)
    });
    let campaigns = campaigns.into_iter().map(|c| {
        let label = tr!(deals.source_campaign, name = &c.name).to_string();
        (Source::Campaign(c.id).input(), label)
    });
    Ok(requests.chain(campaigns).collect())
}

/// The source `raw` names, if it belongs to one of `partners` (the
/// registering partner, or the distributor writing for it); a message on
/// `sourced_by` when it names something else.
pub async fn resolve(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    partners: &[i64],
    raw: &str,
    e: &mut FormErrors,
) -> AppResult<Option<Source>> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    let found = match Source::parse(raw) {
        Some(Source::FundRequest(id)) => activities(tenant_id, partners)
            .filter(fund_request::Column::Id.eq(id))
            .one(db)
            .await?
            .is_some(),
        Some(Source::Campaign(id)) => joined(tenant_id, partners)
            .filter(campaign::Column::Id.eq(id))
            .one(db)
            .await?
            .is_some(),
        None => false,
    };
    if found {
        Ok(Source::parse(raw))
    } else {
        e.add("sourced_by", tr!(deals.choose_source));
        Ok(None)
    }
}

/// How the registration page names its source.
pub async fn label(db: &impl ConnectionTrait, d: &deal::Model) -> AppResult<Option<String>> {
    Ok(match Source::of(d) {
        Some(Source::FundRequest(id)) => in_tenant::<fund_request::Entity>(d.tenant_id)
            .filter(fund_request::Column::Id.eq(id))
            .one(db)
            .await?
            .map(|r| tr!(deals.source_activity, title = &r.title).to_string()),
        Some(Source::Campaign(id)) => in_tenant::<campaign::Entity>(d.tenant_id)
            .filter(campaign::Column::Id.eq(id))
            .one(db)
            .await?
            .map(|c| tr!(deals.source_campaign, name = &c.name).to_string()),
        None => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_read_as_the_form_sends_them() {
        assert_eq!(Source::parse("request:12"), Some(Source::FundRequest(12)));
        assert_eq!(Source::parse(" campaign:3 "), Some(Source::Campaign(3)));
        assert_eq!(Source::parse("campaign:x"), None);
        assert_eq!(Source::parse("budget:1"), None);
        assert_eq!(Source::parse(""), None);
        let s = Source::Campaign(7);
        assert_eq!(Source::parse(&s.input()), Some(s));
        assert_eq!(Source::columns(Some(s)), (None, Some(7)));
    }
}
