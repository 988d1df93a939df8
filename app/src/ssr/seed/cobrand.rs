//! The demo program's co-branding templates, published and ready to use.

use crate::cobrand::Plan;
use crate::locale::Locale;
use crate::ssr::entities::{cobrand_template as template, cobrand_template_version as version};
use crate::ssr::services::cobrand::templates::compile_source;
use crate::types::cobrand::{TemplateFormat, TemplateKind, TemplateStatus};
use crate::types::localized::Translations;
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DbErr};
use std::collections::BTreeMap;

struct Seed {
    name: &'static str,
    description: &'static str,
    /// German name and description.
    german: (&'static str, &'static str),
    /// German wording of text slots: (slot, text).
    german_slots: &'static [(&'static str, &'static str)],
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
        german: ("AX7-Launch-Flyer (A4)", "Druckflyer für die Wi-Fi-7-Access-Points AX7, mit Ihrem Logo und Ihren Kontaktdaten."),
        german_slots: &[
            ("headline", "Wi-Fi 7 für jedes Büro"),
            ("subline", "Bis zu 4× der Durchsatz von Wi-Fi 6, verwaltet aus einem Cloud-Dashboard."),
            ("body", "Der Acme AX7 bringt Tri-Band-Wi-Fi-7 in Büros, Schulen und Lager. Multi-Link-Betrieb hält Videocalls stabil, während die ganze Etage streamt. Wir planen, installieren und betreuen Ihr Netz, damit Ihr Team sich einfach verbindet."),
            ("cta", "Kostenlose Standortanalyse buchen"),
            ("legal", "Acme und AX7 sind Marken der Acme Networks Inc. Technische Änderungen vorbehalten."),
        ],
        kind: TemplateKind::Svg,
        format: TemplateFormat::Flyer,
        requires_approval: false,
        source: include_str!("templates/flyer-a4.svg"),
    },
    Seed {
        name: "AX7 social post (1080×1080)",
        description:
            "Square post for LinkedIn, Instagram and Facebook. Acme approves it before it goes out.",
        german: ("AX7-Social-Post (1080×1080)", "Quadratischer Post für LinkedIn, Instagram und Facebook. Acme gibt ihn vor der Veröffentlichung frei."),
        german_slots: &[
            ("headline", "Schnelleres WLAN für Ihr ganzes Team"),
            ("subline", "Fragen Sie uns diesen Monat nach einer kostenlosen Standortanalyse."),
        ],
        kind: TemplateKind::Svg,
        format: TemplateFormat::SocialPost,
        requires_approval: true,
        source: include_str!("templates/social-1080.svg"),
    },
    Seed {
        name: "Web banner (1200×628)",
        description: "Link-preview and ad banner size, with a call-to-action button.",
        german: ("Web-Banner (1200×628)", "Banner im Format für Link-Vorschauen und Anzeigen, mit Call-to-Action-Button."),
        german_slots: &[
            ("headline", "Jetzt auf Wi-Fi 7 umsteigen"),
            ("cta", "Angebot anfordern"),
        ],
        kind: TemplateKind::Svg,
        format: TemplateFormat::Banner,
        requires_approval: false,
        source: include_str!("templates/banner-1200x628.svg"),
    },
    Seed {
        name: "Email header (600×200)",
        description: "Header image for your newsletters and email signature campaigns.",
        german: ("E-Mail-Kopfzeile (600×200)", "Kopfbild für Ihre Newsletter und E-Mail-Signaturen."),
        german_slots: &[("tagline", "Ihre Wi-Fi-7-Spezialisten vor Ort")],
        kind: TemplateKind::Svg,
        format: TemplateFormat::EmailHeader,
        requires_approval: false,
        source: include_str!("templates/email-header-600x200.svg"),
    },
    Seed {
        name: "AX7 announcement email",
        description: "Responsive product announcement email under your brand.",
        german: ("AX7-Ankündigungs-E-Mail", "Responsive Produktankündigung per E-Mail unter Ihrer Marke."),
        german_slots: &[
            ("headline", "Wi-Fi 7 ist da – und wir installieren es noch diesen Monat"),
            ("body", "Die Acme-AX7-Access-Points bringen Tri-Band-Wi-Fi-7 in Ihr Büro: bis zu viermal so schnell wie Wi-Fi 6 und stabile Videocalls auch auf einer vollen Etage.\nWir planen, installieren und betreuen es für Sie."),
            ("cta", "Standortanalyse buchen"),
        ],
        kind: TemplateKind::Email,
        format: TemplateFormat::Email,
        requires_approval: false,
        source: include_str!("templates/newsletter.mjml"),
    },
];

/// The compiled template with its German wording.
fn plan_of(s: &Seed) -> Result<Plan, Vec<String>> {
    let mut plan = compile_source(s.kind, s.source)?;
    let german: BTreeMap<String, String> = s
        .german_slots
        .iter()
        .map(|(slot, text)| ((*slot).to_owned(), (*text).to_owned()))
        .collect();
    plan.variants.insert("de".into(), german);
    Ok(plan)
}

pub async fn seed(db: &impl ConnectionTrait, tenant_id: i64, author: i64) -> Result<(), DbErr> {
    let at = Utc::now();
    for s in TEMPLATES {
        let plan = plan_of(&s)
            .map_err(|e| DbErr::Custom(format!("seed template {}: {}", s.name, e.join(" "))))?;
        let mut german = Translations::default();
        german.set(Locale::de, "name", s.german.0);
        german.set(Locale::de, "description", s.german.1);
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
            language: Set("en".into()),
            translations: Set(german.to_column()),
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

    #[test]
    fn every_seed_template_compiles_and_passes_its_own_guardrails() {
        for s in TEMPLATES {
            let full = plan_of(&s).unwrap_or_else(|e| panic!("{}: {e:?}", s.name));
            assert!(full.slots.len() >= 3, "{}", s.name);
            for (slot, _) in s.german_slots {
                assert!(
                    full.slot(slot).is_some_and(|x| x.kind.is_text()),
                    "{}: {slot}",
                    s.name
                );
            }
            // As written, and in German: both fit their boxes.
            for plan in [full.in_language("en"), full.in_language("de")] {
                let issues = check(&plan, &plan.defaults(), &BTreeMap::new());
                assert!(issues.is_empty(), "{}: {issues:?}", s.name);
            }
            let plan = full.in_language("de");
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
