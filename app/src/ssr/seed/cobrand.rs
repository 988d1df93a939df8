//! The demo program's co-branding templates, published and ready to use.

use crate::ssr::entities::{cobrand_template as template, cobrand_template_version as version};
use crate::ssr::services::cobrand::templates::compile_source;
use crate::types::cobrand::{TemplateFormat, TemplateKind, TemplateStatus};
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DbErr};

struct Seed {
    name: &'static str,
    description: &'static str,
    kind: TemplateKind,
    format: TemplateFormat,
    requires_approval: bool,
    source: &'static str,
}

const TEMPLATES: [Seed; 5] = [
    Seed {
        name: "AX7 launch flyer (A4)",
        description:
            "Print flyer for the AX7 Wi-Fi 7 access points, with your logo and contact details.",
        kind: TemplateKind::Svg,
        format: TemplateFormat::Flyer,
        requires_approval: false,
        source: include_str!("templates/flyer-a4.svg"),
    },
    Seed {
        name: "AX7 social post (1080×1080)",
        description:
            "Square post for LinkedIn, Instagram and Facebook. Acme approves it before it goes out.",
        kind: TemplateKind::Svg,
        format: TemplateFormat::SocialPost,
        requires_approval: true,
        source: include_str!("templates/social-1080.svg"),
    },
    Seed {
        name: "Web banner (1200×628)",
        description: "Link-preview and ad banner size, with a call-to-action button.",
        kind: TemplateKind::Svg,
        format: TemplateFormat::Banner,
        requires_approval: false,
        source: include_str!("templates/banner-1200x628.svg"),
    },
    Seed {
        name: "Email header (600×200)",
        description: "Header image for your newsletters and email signature campaigns.",
        kind: TemplateKind::Svg,
        format: TemplateFormat::EmailHeader,
        requires_approval: false,
        source: include_str!("templates/email-header-600x200.svg"),
    },
    Seed {
        name: "AX7 announcement email",
        description: "Responsive product announcement email under your brand.",
        kind: TemplateKind::Email,
        format: TemplateFormat::Email,
        requires_approval: false,
        source: include_str!("templates/newsletter.mjml"),
    },
];

pub async fn seed(db: &impl ConnectionTrait, tenant_id: i64, author: i64) -> Result<(), DbErr> {
    let at = Utc::now();
    for s in TEMPLATES {
        let plan = compile_source(s.kind, s.source)
            .map_err(|e| DbErr::Custom(format!("seed template {}: {}", s.name, e.join(" "))))?;
        let t = template::ActiveModel {
            tenant_id: Set(tenant_id),
            name: Set(s.name.into()),
            description: Set(s.description.into()),
            kind: Set(s.kind),
            format: Set(s.format),
            status: Set(TemplateStatus::Published),
            requires_approval: Set(s.requires_approval),
            audience_tiers: Set(String::new()),
            audience_types: Set(String::new()),
            published_version_id: Set(None),
            created_by: Set(author),
            created_at: Set(at),
            updated_at: Set(at),
            ..Default::default()
        }
        .insert(db)
        .await?;
        let v = version::ActiveModel {
            tenant_id: Set(tenant_id),
            template_id: Set(t.id),
            number: Set(1),
            source: Set(s.source.into()),
            plan: Set(serde_json::to_string(&plan).map_err(|e| DbErr::Custom(e.to_string()))?),
            note: Set("First version".into()),
            created_by: Set(author),
            created_at: Set(at),
            ..Default::default()
        }
        .insert(db)
        .await?;
        let mut t: template::ActiveModel = t.into();
        t.published_version_id = Set(Some(v.id));
        t.update(db).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cobrand::{check, render, RenderOptions};
    use std::collections::BTreeMap;

    #[test]
    fn every_seed_template_compiles_and_passes_its_own_guardrails() {
        for s in TEMPLATES {
            let plan =
                compile_source(s.kind, s.source).unwrap_or_else(|e| panic!("{}: {e:?}", s.name));
            assert!(plan.slots.len() >= 3, "{}", s.name);
            let issues = check(&plan, &plan.defaults(), &BTreeMap::new());
            assert!(issues.is_empty(), "{}: {issues:?}", s.name);
            if s.kind == TemplateKind::Svg {
                let svg = render(
                    &plan,
                    &plan.defaults(),
                    &BTreeMap::new(),
                    RenderOptions::default(),
                );
                assert!(roxmltree::Document::parse(&svg).is_ok(), "{}", s.name);
            }
        }
    }
}
