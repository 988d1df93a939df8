//! Co-branding wire types: template and design states, and the views the
//! template gallery, the template manager and the editor render.

use crate::cobrand::{ImageSource, Issue, Plan, Values};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

string_enum!(
    /// SVG artwork or an MJML email.
    TemplateKind in template_kind {
        Svg => ("svg", svg),
        Email => ("email", email),
    }
);

string_enum!(
    /// What the material is, for the gallery's grouping.
    TemplateFormat in template_format {
        Flyer => ("flyer", flyer),
        SocialPost => ("social_post", social_post),
        Banner => ("banner", banner),
        EmailHeader => ("email_header", email_header),
        BusinessCard => ("business_card", business_card),
        Email => ("email", email),
        Other => ("other", other),
    }
);

string_enum!(
    TemplateStatus in template_status {
        Draft => ("draft", draft),
        Published => ("published", published),
        Archived => ("archived", archived),
    }
);

string_enum!(
    /// Where a partner's design stands. Only templates that need approval
    /// use the middle states.
    DesignStatus in design_status {
        Draft => ("draft", draft),
        Submitted => ("submitted", submitted),
        Approved => ("approved", approved),
        Rejected => ("rejected", rejected),
    }
);

string_enum!(
    ExportFormat in export_format {
        Pdf => ("pdf", pdf),
        Png => ("png", png),
        Png2x => ("png2x", png2x),
        Html => ("html", html),
    }
);

/// A template in the gallery.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TemplateCard {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub kind: TemplateKind,
    pub format: TemplateFormat,
    pub status: TemplateStatus,
    pub requires_approval: bool,
    pub audience: String,
    pub published_number: Option<i32>,
    /// The template at its defaults (sanitised SVG), for the thumbnail.
    pub preview_svg: String,
}

/// A partner's design in a list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DesignCard {
    pub id: i64,
    pub name: String,
    pub template_name: String,
    pub org_name: String,
    pub status: DesignStatus,
    pub updated_at: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TemplatesPage {
    /// Vendor marketing managers and admins.
    pub can_manage: bool,
    /// Partners, who make designs of their own; other vendor staff only
    /// look at the templates.
    pub can_design: bool,
    pub templates: Vec<TemplateCard>,
    /// The partner's own designs, or every visible design for vendor staff.
    pub designs: Vec<DesignCard>,
    /// Designs waiting for the viewer's approval.
    pub awaiting_review: Vec<DesignCard>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VersionInfo {
    pub number: i32,
    pub note: String,
    pub created_at: String,
    pub created_by: String,
    pub published: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportInfo {
    pub format: ExportFormat,
    pub version_number: i32,
    pub user_name: String,
    pub org_name: String,
    pub created_at: String,
}

/// The template manager's view of one template.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TemplateDetail {
    pub card: TemplateCard,
    /// The stored texts and the latest version's other wordings, for the
    /// form ("slot:<name>" fields hold a text slot's wording).
    pub texts: crate::types::localized::Texts,
    pub audience_tiers: Vec<String>,
    /// The program's tiers and partner types for the audience checkboxes.
    pub choices: crate::types::tier::AudienceChoices,
    pub audience_types: Vec<String>,
    pub latest_number: i32,
    pub source: String,
    pub plan: Plan,
    pub versions: Vec<VersionInfo>,
    pub designs: Vec<DesignCard>,
    pub exports: Vec<ExportInfo>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RevisionInfo {
    pub id: i64,
    pub name: String,
    pub saved_at: String,
    pub saved_by: String,
    /// Slot labels that differ from the revision before.
    pub changed: Vec<String>,
}

/// One slot where the partner's value differs from the template's.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SlotChange {
    pub label: String,
    pub template_value: String,
    pub partner_value: String,
}

/// Everything the editor needs; the preview renders from `plan`, `values`
/// and `images` in the browser without asking the server.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EditorData {
    pub design_id: Option<i64>,
    pub design_version: i32,
    pub name: String,
    pub template_id: i64,
    pub template_name: String,
    pub kind: TemplateKind,
    pub version_number: i32,
    /// A newer published version exists.
    pub newer_version: Option<i32>,
    pub plan: Plan,
    pub values: Values,
    /// Resolved images: the partner's logo for slots set to `logo`.
    pub images: BTreeMap<String, ImageSource>,
    pub status: DesignStatus,
    pub requires_approval: bool,
    pub review_comment: String,
    pub org_name: String,
    /// The viewer belongs to the design's company (may edit and export).
    pub is_owner: bool,
    /// The viewer may approve or reject it.
    pub can_review: bool,
    /// Server-side issues (the editor recomputes them as the partner types).
    pub issues: Vec<Issue>,
    pub changes: Vec<SlotChange>,
    pub revisions: Vec<RevisionInfo>,
    pub exports: Vec<ExportInfo>,
}

string_enum!(
    /// A reviewer's answer to a design sent for approval.
    DesignDecision in design_decision {
        Approve => ("approve", approve),
        Reject => ("reject", reject),
    }
);
