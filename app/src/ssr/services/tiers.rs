//! A program's tiers: loaded once per request where tiers are named or
//! offered ([`ProgramTiers`]), and kept by vendor admins on `/tiers`
//! (names in two languages, rank, benefits; new tiers).

use crate::error::{AppError, AppResult};
use crate::locale::{self, Locale};
use crate::ssr::entities::{organization, tier};
use crate::ssr::permission::Permission;
use crate::ssr::repo::{self, organizations};
use crate::ssr::scope::in_tenant;
use crate::ssr::services::by_code::{ByCode, Coded};
use crate::ssr::services::now;
use crate::ssr::{Actor, AppState, Scope};
use crate::tr;
use crate::types::form::check;
use crate::types::localized::{submitted_versions, Texts};
use crate::types::tier::{
    code_from_name, percent_to_bp, AudienceChoices, TierView, TiersPage, MAX_LEAD_WEIGHT,
    MAX_PROTECTION_DAYS, MAX_TIER_NAME,
};
use crate::types::FormErrors;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryOrder,
};
use std::collections::{BTreeMap, HashMap};

/// What an audience (a forum category's, a campaign's, a template's) is
/// drawn from: the program's tiers and partner types.
#[derive(Clone, Debug, Default)]
pub struct Audiences {
    pub tiers: ProgramTiers,
    pub types: super::partner_types::ProgramTypes,
}

impl Audiences {
    pub async fn load(db: &impl ConnectionTrait, tenant_id: i64) -> Result<Self, DbErr> {
        Ok(Self {
            tiers: ProgramTiers::load(db, tenant_id).await?,
            types: super::partner_types::ProgramTypes::load(db, tenant_id).await?,
        })
    }

    /// Both as a form's choices, in `reader`'s language.
    pub fn choices(&self, reader: Locale) -> AudienceChoices {
        AudienceChoices {
            tiers: self.tiers.options(reader),
            partner_types: self.types.options(reader),
            countries: Vec::new(),
        }
    }
}

/// The choices a directory filter or an audience form offers (vendor staff,
/// and partner admins filtering their channel).
pub async fn choices(state: &AppState, actor: &Actor) -> AppResult<AudienceChoices> {
    actor.require(Permission::ViewChannel)?;
    let reader = locale::current();
    let mut choices = Audiences::load(&state.db, actor.tenant_id)
        .await?
        .choices(reader);
    let countries = repo::territories::countries_in_use(&state.db, actor.tenant_id).await?;
    choices.countries = crate::ssr::countries::options_of(countries, reader);
    Ok(choices)
}

/// The program's tiers, highest first.
pub type ProgramTiers = ByCode<tier::Model>;

impl Coded for tier::Model {
    fn code(&self) -> &str {
        &self.code
    }

    fn name_for(&self, reader: Locale) -> String {
        tier::Model::name_for(self, reader)
    }
}

impl ProgramTiers {
    pub async fn load(db: &impl ConnectionTrait, tenant_id: i64) -> Result<Self, DbErr> {
        Ok(ByCode(
            in_tenant::<tier::Entity>(tenant_id)
                .order_by_asc(tier::Column::Rank)
                .order_by_asc(tier::Column::Id)
                .all(db)
                .await?,
        ))
    }
}

/// The tiers page: every tier with its benefits and how many partners hold it.
pub async fn page(state: &AppState, actor: &Actor) -> AppResult<TiersPage> {
    actor.require(Permission::ViewProgram)?;
    let scope = Scope::new(actor);
    let db = &state.db;
    let tiers = ProgramTiers::load(db, actor.tenant_id).await?;
    let sizes: HashMap<String, u64> =
        organizations::count_by(db, &scope, organization::Column::Tier)
            .await?
            .into_iter()
            .filter_map(|(code, n)| Some((code?, u64::try_from(n).unwrap_or(0))))
            .collect();
    let can_edit = actor.may(Permission::ManageTiersAndTypes);
    let reader = locale::current();
    let type_sizes: HashMap<String, u64> =
        organizations::count_by(db, &scope, organization::Column::PartnerType)
            .await?
            .into_iter()
            .filter_map(|(code, n)| Some((code?, u64::try_from(n).unwrap_or(0))))
            .collect();
    let partner_types = super::partner_types::ProgramTypes::load(db, actor.tenant_id)
        .await?
        .views(&type_sizes, can_edit);
    Ok(TiersPage {
        partner_types,
        tiers: tiers
            .0
            .iter()
            .map(|t| TierView {
                id: t.id,
                code: t.code.clone(),
                name: t.name_for(reader),
                rank: t.rank,
                deal_protection_days: t.deal_protection_days,
                lead_weight: t.lead_weight,
                mdf_accrual_bp: t.mdf_accrual_bp,
                discount_bp: t.discount_bp,
                partners: sizes.get(&t.code).copied().unwrap_or(0),
                texts: can_edit
                    .then(|| Texts::of(&t.language, &t.translations, &[("name", &t.name)])),
            })
            .collect(),
        can_edit,
    })
}

/// The tier form as posted (every number as typed).
#[derive(Clone, Debug, Default)]
pub struct TierInput {
    pub id: Option<i64>,
    pub name: String,
    pub language: String,
    pub versions: BTreeMap<String, String>,
    pub rank: String,
    pub deal_protection_days: String,
    pub lead_weight: String,
    pub mdf_accrual: String,
    pub discount: String,
}

struct ValidTier {
    name: String,
    language: Locale,
    translations: crate::types::localized::Translations,
    rank: i32,
    deal_protection_days: i32,
    lead_weight: i32,
    mdf_accrual_bp: i32,
    discount_bp: i32,
}

/// A whole number in `lo..=hi`, or `message` on `field`.
fn number(e: &mut FormErrors, field: &str, raw: &str, lo: i32, hi: i32, message: String) -> i32 {
    match raw.trim().parse::<i32>() {
        Ok(n) if (lo..=hi).contains(&n) => n,
        _ => {
            e.add(field, message);
            lo
        }
    }
}

fn percent(e: &mut FormErrors, field: &str, raw: &str) -> i32 {
    percent_to_bp(raw).unwrap_or_else(|| {
        e.add(field, tr!(tiers.percent));
        0
    })
}

fn validate(input: &TierInput) -> AppResult<ValidTier> {
    let mut e = FormErrors::new().with_values(&[
        ("name", &input.name),
        ("rank", &input.rank),
        ("deal_protection_days", &input.deal_protection_days),
        ("lead_weight", &input.lead_weight),
        ("mdf_accrual", &input.mdf_accrual),
        ("discount", &input.discount),
    ]);
    let name = check::required(
        &mut e,
        "name",
        &input.name,
        tr!(tiers.the_name),
        MAX_TIER_NAME,
    );
    let (language, translations) = submitted_versions(
        &input.language,
        &input.versions,
        &[("name", MAX_TIER_NAME)],
        &mut e,
    );
    let rank = number(
        &mut e,
        "rank",
        &input.rank,
        1,
        99,
        tr!(tiers.rank_range).to_owned(),
    );
    let deal_protection_days = number(
        &mut e,
        "deal_protection_days",
        &input.deal_protection_days,
        0,
        MAX_PROTECTION_DAYS,
        tr!(tiers.days_range, max = MAX_PROTECTION_DAYS).to_string(),
    );
    let lead_weight = number(
        &mut e,
        "lead_weight",
        &input.lead_weight,
        0,
        MAX_LEAD_WEIGHT,
        tr!(tiers.weight_range, max = MAX_LEAD_WEIGHT).to_string(),
    );
    let mdf_accrual_bp = percent(&mut e, "mdf_accrual", &input.mdf_accrual);
    let discount_bp = percent(&mut e, "discount", &input.discount);
    if !e.is_empty() {
        return Err(AppError::Invalid(e));
    }
    Ok(ValidTier {
        name,
        language,
        translations,
        rank,
        deal_protection_days,
        lead_weight,
        mdf_accrual_bp,
        discount_bp,
    })
}

/// Creates (no `id`) or changes a tier; a new tier's code comes from its
/// name. Returns the code.
pub async fn save(state: &AppState, actor: &Actor, mut input: TierInput) -> AppResult<String> {
    actor.require(Permission::ManageTiersAndTypes)?;
    let db = &state.db;
    let tiers = ProgramTiers::load(db, actor.tenant_id).await?;
    let existing = match input.id {
        Some(id) => Some(
            tiers
                .0
                .iter()
                .find(|t| t.id == id)
                .cloned()
                .ok_or(AppError::NotFound)?,
        ),
        None => None,
    };
    if let Some(t) = &existing {
        input.language = t.language.clone();
    }
    let v = validate(&input)?;
    let taken = |message: &str| {
        let mut e = FormErrors::new().with_values(&[("name", &input.name)]);
        e.add("name", message);
        AppError::Invalid(e)
    };
    let same_name = tiers
        .0
        .iter()
        .any(|t| Some(t.id) != input.id && t.name.to_lowercase() == v.name.to_lowercase());
    if same_name {
        return Err(taken(tr!(tiers.name_taken)));
    }
    let mut m: tier::ActiveModel = match existing {
        Some(t) => t.into(),
        None => {
            let code = code_from_name(&v.name);
            if code.is_empty() || tiers.knows(&code) {
                return Err(taken(tr!(tiers.name_taken)));
            }
            tier::ActiveModel {
                tenant_id: Set(actor.tenant_id),
                code: Set(code),
                created_at: Set(now()),
                ..Default::default()
            }
        }
    };
    m.name = Set(v.name);
    m.language = Set(locale::code_of(v.language).to_owned());
    m.translations = Set(v.translations.to_column());
    m.rank = Set(v.rank);
    m.deal_protection_days = Set(v.deal_protection_days);
    m.lead_weight = Set(v.lead_weight);
    m.mdf_accrual_bp = Set(v.mdf_accrual_bp);
    m.discount_bp = Set(v.discount_bp);
    let rank_taken = tiers
        .0
        .iter()
        .any(|t| t.rank == v.rank && Some(t.id) != input.id);
    let txn = repo::begin_write(db).await?;
    if rank_taken {
        make_room(&txn, actor.tenant_id, v.rank, input.id).await?;
    }
    let saved = if input.id.is_some() {
        m.update(&txn).await
    } else {
        m.insert(&txn).await
    };
    let saved = match saved {
        Ok(t) => txn.commit().await.map(|()| t),
        Err(e) => Err(e),
    };
    match saved {
        Ok(t) => Ok(t.code),
        Err(e) if repo::is_unique_violation(&e) => Err(taken(tr!(tiers.name_taken))),
        Err(e) => Err(e.into()),
    }
}

/// Moves the tiers at `rank` and below one down, so a tier placed at a
/// taken rank goes above the one that held it.
async fn make_room(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    rank: i32,
    except: Option<i64>,
) -> Result<(), DbErr> {
    use sea_orm::sea_query::{Expr, ExprTrait};
    let mut update = tier::Entity::update_many()
        .col_expr(tier::Column::Rank, Expr::col(tier::Column::Rank).add(1))
        .filter(crate::ssr::scope::tenant_is::<tier::Entity>(tenant_id))
        .filter(tier::Column::Rank.gte(rank));
    if let Some(id) = except {
        update = update.filter(tier::Column::Id.ne(id));
    }
    update.exec(db).await.map(|_| ())
}

/// The four tiers every new program starts with (rank, benefits), as the
/// migration gave existing programs.
pub async fn create_defaults(db: &impl ConnectionTrait, tenant_id: i64) -> Result<(), DbErr> {
    /// (code, name, German name, rank, protection days, lead weight %,
    /// accrual bp, discount bp)
    type Starting = (
        &'static str,
        &'static str,
        &'static str,
        i32,
        i32,
        i32,
        i32,
        i32,
    );
    const DEFAULTS: [Starting; 4] = [
        ("platinum", "Platinum", "Platin", 1, 120, 150, 300, 2500),
        ("gold", "Gold", "Gold", 2, 90, 125, 200, 2000),
        ("silver", "Silver", "Silber", 3, 90, 100, 100, 1500),
        (
            "registered",
            "Registered",
            "Registriert",
            4,
            60,
            50,
            0,
            1000,
        ),
    ];
    for (code, name, german, rank, days, weight, accrual, discount) in DEFAULTS {
        let mut versions = crate::types::localized::Translations::default();
        if german != name {
            versions.set(Locale::de, "name", german);
        }
        tier::ActiveModel {
            tenant_id: Set(tenant_id),
            code: Set(code.to_owned()),
            name: Set(name.to_owned()),
            language: Set("en".to_owned()),
            translations: Set(versions.to_column()),
            rank: Set(rank),
            deal_protection_days: Set(days),
            lead_weight: Set(weight),
            mdf_accrual_bp: Set(accrual),
            discount_bp: Set(discount),
            created_at: Set(now()),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}
