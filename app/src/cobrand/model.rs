//! A compiled template: the sanitised document cut into static markup and
//! holes the slots fill, plus the slot list with its guardrails.

use crate::tr;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Slot name → value. Text slots hold the text, colour slots `#rrggbb`,
/// image slots a reference the server resolves (see [`ImageSource`]).
pub type Values = BTreeMap<String, String>;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SlotKind {
    Text,
    Multiline,
    Image,
    Color,
}

impl SlotKind {
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "text" => Some(Self::Text),
            "multiline" => Some(Self::Multiline),
            "image" => Some(Self::Image),
            "color" | "colour" => Some(Self::Color),
            _ => None,
        }
    }

    pub fn is_text(self) -> bool {
        matches!(self, Self::Text | Self::Multiline)
    }
}

/// Partner profile fields a slot can auto-fill from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Binding {
    CompanyName,
    Logo,
    Phone,
    Email,
    Website,
    Address,
}

impl Binding {
    pub const ALL: [Binding; 6] = [
        Self::CompanyName,
        Self::Logo,
        Self::Phone,
        Self::Email,
        Self::Website,
        Self::Address,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::CompanyName => "company_name",
            Self::Logo => "logo",
            Self::Phone => "phone",
            Self::Email => "email",
            Self::Website => "website",
            Self::Address => "address",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|b| b.as_str() == raw)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::CompanyName => tr!(partners.company_name),
            Self::Logo => tr!(partner.logo),
            Self::Phone => tr!(partner.phone),
            Self::Email => tr!(users.email),
            Self::Website => tr!(partner.website),
            Self::Address => tr!(partner.address),
        }
    }
}

/// One editable (or locked) part of a template and its guardrails.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Slot {
    pub name: String,
    pub label: String,
    pub kind: SlotKind,
    pub help: String,
    pub required: bool,
    pub locked: bool,
    pub bind: Option<Binding>,
    pub default: String,
    /// Text: hard character limit.
    pub max_chars: Option<u32>,
    /// Text: lines the box holds.
    pub max_lines: u32,
    /// Text: the font shrinks from `font_max` towards `font_min` to fit.
    pub font_min: f32,
    pub font_max: f32,
    /// Image: the smallest source image in pixels.
    pub min_width: u32,
    pub min_height: u32,
    /// Colour: the allowed `#rrggbb` values.
    pub allowed_colors: Vec<String>,
}

impl Slot {
    /// The value a slot starts with. An image slot's value is a reference
    /// (`""` for the template's own image, `"logo"` for the partner's logo);
    /// its `default` holds the template's image itself.
    pub fn default_value(&self) -> &str {
        if self.kind == SlotKind::Image {
            ""
        } else {
            &self.default
        }
    }

    pub fn new(name: &str, kind: SlotKind) -> Self {
        Self {
            name: name.to_string(),
            label: name.to_string(),
            kind,
            help: String::new(),
            required: false,
            locked: false,
            bind: None,
            default: String::new(),
            max_chars: None,
            max_lines: 1,
            font_min: 12.0,
            font_max: 12.0,
            min_width: 0,
            min_height: 0,
            allowed_colors: Vec::new(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FontWeight {
    Regular,
    Bold,
}

/// Where a text slot is drawn: the box its lines wrap in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TextBox {
    pub slot: usize,
    pub x: f32,
    /// Baseline of the first line.
    pub y: f32,
    pub width: f32,
    pub line_height: f32,
    pub weight: FontWeight,
    /// The element's other attributes, already sanitised and serialised
    /// (leading space included), e.g. ` fill="#ffffff" text-anchor="middle"`.
    pub attrs: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Part {
    /// Sanitised markup, copied as is.
    Static(String),
    Text(TextBox),
    /// An `<image>` element: its other attributes, then the slot's href.
    Image {
        slot: usize,
        attrs: String,
    },
    /// The value of a `fill` attribute (inside the quotes).
    Fill {
        slot: usize,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// Size in user units (the viewBox).
    pub width: f32,
    pub height: f32,
    pub slots: Vec<Slot>,
    pub parts: Vec<Part>,
    /// The wording of text slots in other languages: language code → slot
    /// name → text. A design in that language starts from it, and its
    /// locked slots keep it ([`Plan::in_language`]).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub variants: BTreeMap<String, BTreeMap<String, String>>,
}

impl Plan {
    /// The plan a design in `language` (a code) is made with: text slots
    /// worded in that language where the template has it, else as written.
    /// The result carries no variants: the editor needs only its own.
    pub fn in_language(&self, language: &str) -> Plan {
        let mut plan = self.clone();
        plan.variants = BTreeMap::new();
        if let Some(texts) = self.variants.get(language) {
            for slot in plan.slots.iter_mut().filter(|s| s.kind.is_text()) {
                if let Some(text) = texts.get(&slot.name) {
                    slot.default = text.clone();
                }
            }
        }
        plan
    }

    /// The text slots a template can word in other languages.
    pub fn text_slots(&self) -> impl Iterator<Item = &Slot> {
        self.slots.iter().filter(|s| s.kind.is_text())
    }

    pub fn slot(&self, name: &str) -> Option<&Slot> {
        self.slots.iter().find(|s| s.name == name)
    }

    /// The template's own values: every slot at its default.
    pub fn defaults(&self) -> Values {
        self.slots
            .iter()
            .map(|s| (s.name.clone(), s.default_value().to_string()))
            .collect()
    }

    /// `values` with locked slots forced back to their defaults and unknown
    /// names dropped: what a partner's input may actually change.
    pub fn effective(&self, values: &Values) -> Values {
        self.slots
            .iter()
            .map(|s| {
                let value = match values.get(&s.name) {
                    Some(v) if !s.locked => v.clone(),
                    _ => s.default_value().to_string(),
                };
                (s.name.clone(), value)
            })
            .collect()
    }
}

/// A resolved image for an image slot: what to put in `href` and the source
/// size in pixels (for the minimum-resolution guardrail).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ImageSource {
    pub href: String,
    pub width: u32,
    pub height: u32,
}
