//! Export: renders a design to PDF, PNG or HTML on the server and records
//! who exported which template version when (later proof of performance).

use super::designs::{self, images, issues_of, owner, template_for, withdrawn};
use super::templates::{plan_of, version_by_id};
use crate::cobrand::{render, RenderOptions};
use crate::error::{AppError, AppResult};
use crate::ssr::cobrand::{email, export};
use crate::ssr::entities::{
    cobrand_design as design, cobrand_export, cobrand_template_version as version, organization,
};
use crate::ssr::permission::Permission;
use crate::ssr::repo::{organizations, users};
use crate::ssr::scope::in_tenant;
use crate::ssr::services::now;
use crate::ssr::{Actor, AppState, Scope};
use crate::tr;
use crate::types::cobrand::{DesignStatus, ExportFormat, ExportInfo, TemplateKind};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::HashMap;

pub struct Download {
    pub bytes: Vec<u8>,
    pub content_type: &'static str,
    pub file_name: String,
}

/// A file name from the design's name: letters, digits and dashes.
fn file_stem(name: &str) -> String {
    let stem: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let stem = stem
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if stem.is_empty() {
        "design".into()
    } else {
        stem.chars().take(60).collect()
    }
}

pub async fn export(
    state: &AppState,
    actor: &Actor,
    design_id: i64,
    format: ExportFormat,
) -> AppResult<Download> {
    let d = designs::load(state, actor, design_id).await?;
    if !owner(actor, &d) && !actor.may(Permission::ReviewDesigns) {
        return Err(AppError::Forbidden);
    }
    let t = template_for(state, &d).await?;
    if withdrawn(&t) && !actor.role.is_vendor_staff() {
        return Err(AppError::Conflict(tr!(cobrand.withdrawn_export).into()));
    }
    let (plan, values, issues, org) = issues_of(state, actor, &d).await?;
    if let Some(first) = issues.first() {
        return Err(AppError::Conflict(
            tr!(cobrand.fix_before_export, first = &first.message).to_string(),
        ));
    }
    if t.requires_approval && d.status != DesignStatus::Approved {
        return Err(AppError::Conflict(
            tr!(cobrand.approval_before_export).into(),
        ));
    }
    let inline = images(state, &plan, &values, &org, true).await?;
    let stem = file_stem(&d.name);
    let download = match (t.kind, format) {
        (TemplateKind::Svg, ExportFormat::Pdf | ExportFormat::Png | ExportFormat::Png2x) => {
            let svg = render(&plan, &values, &inline, RenderOptions::default());
            // Rasterising and PDF conversion are CPU work: keep them off the
            // async workers.
            tokio::task::spawn_blocking(move || rendered(&svg, format, &stem))
                .await
                .map_err(|_| AppError::Internal)??
        }
        (TemplateKind::Email, ExportFormat::Html) => {
            let v = version_by_id(&state.db, actor.tenant_id, d.version_id).await?;
            Download {
                bytes: email::render(&v.source, &plan, &values, &inline)?.into_bytes(),
                content_type: "text/html; charset=utf-8",
                file_name: format!("{stem}.html"),
            }
        }
        _ => return Err(AppError::invalid("format", tr!(cobrand.format_unavailable))),
    };
    record(state, actor, &d, format, download.bytes.len()).await?;
    Ok(download)
}

/// An artwork design as a PDF or a PNG (twice the size for `Png2x`).
fn rendered(svg: &str, format: ExportFormat, stem: &str) -> AppResult<Download> {
    Ok(match format {
        ExportFormat::Pdf => Download {
            bytes: export::pdf(svg)?,
            content_type: "application/pdf",
            file_name: format!("{stem}.pdf"),
        },
        ExportFormat::Png2x => Download {
            bytes: export::png(svg, 2.0)?,
            content_type: "image/png",
            file_name: format!("{stem}@2x.png"),
        },
        _ => Download {
            bytes: export::png(svg, 1.0)?,
            content_type: "image/png",
            file_name: format!("{stem}.png"),
        },
    })
}

/// Who exported which template version when: the proof of performance.
async fn record(
    state: &AppState,
    actor: &Actor,
    d: &design::Model,
    format: ExportFormat,
    size: usize,
) -> AppResult<()> {
    cobrand_export::ActiveModel {
        tenant_id: Set(actor.tenant_id),
        design_id: Set(d.id),
        org_id: Set(d.org_id),
        template_id: Set(d.template_id),
        version_id: Set(d.version_id),
        format: Set(format),
        size_bytes: Set(size as i64),
        user_id: Set(actor.user_id),
        created_at: Set(now()),
        ..Default::default()
    }
    .insert(&state.db)
    .await?;
    Ok(())
}

/// A partner's e-mail design rendered for sending in a campaign, held to
/// the same rules as an export: no flagged fields, and the vendor's
/// approval where the template asks for it.
pub async fn email_for_send(
    state: &AppState,
    actor: &Actor,
    design_id: i64,
) -> AppResult<(String, organization::Model)> {
    let d = designs::load(state, actor, design_id).await?;
    if !owner(actor, &d) {
        return Err(AppError::Forbidden);
    }
    let t = template_for(state, &d).await?;
    if withdrawn(&t) {
        return Err(AppError::Conflict(tr!(cobrand.withdrawn_email).into()));
    }
    if t.kind != TemplateKind::Email {
        return Err(AppError::Conflict(tr!(cobrand.not_email).into()));
    }
    let (plan, values, issues, org) = issues_of(state, actor, &d).await?;
    if let Some(first) = issues.first() {
        return Err(AppError::Conflict(
            tr!(cobrand.fix_before_send, first = &first.message).to_string(),
        ));
    }
    if t.requires_approval && d.status != DesignStatus::Approved {
        return Err(AppError::Conflict(tr!(cobrand.approval_before_send).into()));
    }
    let v = version_by_id(&state.db, actor.tenant_id, d.version_id).await?;
    let inline = images(state, &plan, &values, &org, true).await?;
    Ok((email::render(&v.source, &plan, &values, &inline)?, org))
}

/// The email preview for the editor: the design's values rendered to HTML.
pub async fn email_preview(
    state: &AppState,
    actor: &Actor,
    template_id: i64,
    design_id: Option<i64>,
    values: &crate::cobrand::Values,
) -> AppResult<String> {
    // A design keeps the wording it was started in; a new one starts in
    // the page's language (as the editor does).
    let (version_id, org, language) = match design_id {
        Some(id) => {
            let d = designs::load(state, actor, id).await?;
            let org = designs::org_of(state, actor, d.org_id).await?;
            (d.version_id, org, designs::language_of(Some(&d)))
        }
        None => {
            let t = super::templates::visible(state, actor, template_id).await?;
            let org = super::templates::own_org(state, actor).await?;
            let version_id = t.published_version_id.ok_or(AppError::NotFound)?;
            (version_id, org, designs::language_of(None))
        }
    };
    let v = version_by_id(&state.db, actor.tenant_id, version_id).await?;
    let plan = plan_of(&v)?.in_language(&language);
    let values = plan.effective(values);
    let inline = images(state, &plan, &values, &org, true).await?;
    email::render(&v.source, &plan, &values, &inline)
}

async fn infos(
    state: &AppState,
    actor: &Actor,
    rows: Vec<cobrand_export::Model>,
) -> AppResult<Vec<ExportInfo>> {
    let names: HashMap<i64, String> = users::names(
        &state.db,
        actor.tenant_id,
        rows.iter().map(|r| r.user_id).collect(),
    )
    .await?
    .into_iter()
    .collect();
    let orgs: HashMap<i64, String> = organizations::names(
        &state.db,
        actor.tenant_id,
        rows.iter().map(|r| r.org_id).collect(),
    )
    .await?
    .into_iter()
    .collect();
    let numbers: HashMap<i64, i32> = in_tenant::<version::Entity>(actor.tenant_id)
        .filter(version::Column::Id.is_in(rows.iter().map(|r| r.version_id)))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|v| (v.id, v.number))
        .collect();
    Ok(rows
        .into_iter()
        .map(|r| ExportInfo {
            format: r.format,
            version_number: numbers.get(&r.version_id).copied().unwrap_or(0),
            user_name: names.get(&r.user_id).cloned().unwrap_or_default(),
            org_name: orgs.get(&r.org_id).cloned().unwrap_or_default(),
            created_at: actor.time(r.created_at),
        })
        .collect())
}

/// The latest exports of one design or one template.
pub enum ExportsOf {
    Design(i64),
    Template(i64),
}

pub async fn list(state: &AppState, actor: &Actor, of: ExportsOf) -> AppResult<Vec<ExportInfo>> {
    use cobrand_export::Column as E;
    let (condition, limit) = match of {
        ExportsOf::Design(id) => (E::DesignId.eq(id), 50),
        ExportsOf::Template(id) => (E::TemplateId.eq(id), 100),
    };
    let rows = Scope::new(actor)
        .cobrand_exports()
        .filter(condition)
        .order_by_desc(E::Id)
        .limit(limit)
        .all(&state.db)
        .await?;
    infos(state, actor, rows).await
}
