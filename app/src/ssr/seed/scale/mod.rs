//! A large program for load tests: `server seed --scale N` creates the
//! tenant "scale" with N partners, two users each, two approved fund
//! requests with a submitted claim each (200,000 claims at N = 100,000), and
//! a forum of ten posts per partner (1,000,000 posts), with one topic of
//! exactly 50 replies for the topic-page benchmark, and a product catalogue
//! of one product per 20 partners, and ten deal registrations per partner
//! in every state (`deals`). Rows go in with multi-row
//! inserts and explicit ids, many per statement, so it takes minutes.

mod deals;
mod leads;

use super::{create_tenant, insert_user, DEMO_PASSWORD};
use crate::ssr::entities::{
    forum_category as category, forum_post as post, forum_topic as topic, fund_allocation,
    fund_budget, fund_claim, fund_ledger, fund_request, organization, product, product_family,
    territory, user,
};
use crate::ssr::password;
use crate::types::forum::{CategoryVisibility, PostStatus};
use crate::types::funds::{ActivityType, BudgetKind, ClaimStatus, LedgerKind, RequestStatus};
use crate::types::product::ProductUnit;
use crate::types::{OrgKind, Role};
use chrono::{Duration, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, DbErr,
    EntityTrait, PaginatorTrait, QueryFilter,
};

/// Rows per INSERT statement (kept under both databases' parameter limits).
const BATCH: usize = 1000;
pub const POSTS_PER_PARTNER: usize = 10;
pub const SLUG: &str = "scale";
/// The codes of the partner types every program starts with.
const TYPES: [&str; 6] = [
    "reseller",
    "var",
    "msp",
    "system_integrator",
    "distributor",
    "isv",
];
/// The codes of the tiers every program starts with.
const TIERS: [&str; 4] = ["platinum", "gold", "silver", "registered"];
pub const BENCH_TOPIC_TITLE: &str = "Benchmark topic with 50 replies";

pub struct Report {
    pub partners: usize,
    pub users: usize,
    pub requests: usize,
    pub claims: usize,
    pub topics: usize,
    pub posts: usize,
    pub products: usize,
    pub territories: usize,
    pub channel_links: usize,
    pub revenue_figures: usize,
    pub deals: usize,
    pub leads: usize,
    pub notifications: usize,
    pub bench_topic_id: i64,
}

/// A small deterministic generator, so runs are comparable.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() as usize) % items.len()]
    }
}

const WORDS: &[&str] = &[
    "controller",
    "firmware",
    "licence",
    "renewal",
    "access",
    "point",
    "switch",
    "uplink",
    "customer",
    "site",
    "upgrade",
    "roaming",
    "latency",
    "backup",
    "policy",
    "cluster",
    "gateway",
    "tunnel",
    "branch",
    "warehouse",
    "campus",
    "quote",
    "discount",
    "deal",
    "registration",
    "campaign",
    "webinar",
    "budget",
    "invoice",
    "claim",
    "training",
    "certification",
    "install",
    "rollout",
    "migration",
    "outage",
    "ticket",
    "escalation",
    "config",
    "template",
    "vlan",
    "radius",
    "certificate",
    "monitoring",
    "alert",
    "report",
];

fn sentence(rng: &mut Lcg, words: usize) -> String {
    let mut s: Vec<&str> = (0..words).map(|_| rng.pick(WORDS)).collect();
    let first = s[0].to_owned();
    let mut capital = first[..1].to_uppercase();
    capital.push_str(&first[1..]);
    s[0] = "";
    format!("{capital}{}.", s.join(" "))
}

async fn next_id(db: &impl ConnectionTrait, table: &str) -> Result<i64, DbErr> {
    let row = db
        .query_one_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            format!("SELECT COALESCE(MAX(id), 0) AS m FROM {table}"),
        ))
        .await?
        .ok_or_else(|| DbErr::Custom("no row".into()))?;
    Ok(row.try_get::<i64>("", "m")? + 1)
}

/// PostgreSQL sequences do not see explicit ids; move them past what we wrote.
async fn fix_sequence(db: &impl ConnectionTrait, table: &str) -> Result<(), DbErr> {
    if db.get_database_backend() == DbBackend::Postgres {
        db.execute_unprepared(&format!(
            "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
        ))
        .await?;
    }
    Ok(())
}

pub async fn seed(db: &DatabaseConnection, partners: usize) -> Result<Report, DbErr> {
    if crate::ssr::entities::tenant::Entity::find()
        .filter(crate::ssr::entities::tenant::Column::Slug.eq(SLUG))
        .count(db)
        .await?
        > 0
    {
        return Err(DbErr::Custom(format!(
            "the \"{SLUG}\" program already exists; use a fresh database"
        )));
    }
    let hash = password::hash(DEMO_PASSWORD.to_owned())
        .await
        .map_err(|_| DbErr::Custom("could not hash the password".into()))?;
    let (t, vendor) = create_tenant(db, SLUG, "Scale Test Networks", "#0b5cab").await?;
    insert_user(
        db,
        t.id,
        vendor.id,
        "admin@scale.example",
        "Scale Admin",
        Role::VendorAdmin,
        &hash,
    )
    .await?;
    let now = Utc::now();
    let mut rng = Lcg(42);

    // Partners.
    let first_org = next_id(db, "organizations").await?;
    for start in (0..partners).step_by(BATCH) {
        let rows = (start..(start + BATCH).min(partners)).map(|i| organization::ActiveModel {
            id: Set(first_org + i as i64),
            tenant_id: Set(t.id),
            kind: Set(OrgKind::Partner),
            name: Set(format!("Partner {i:06}")),
            partner_type: Set(Some(TYPES[i % TYPES.len()].into())),
            tier: Set(Some(TIERS[i % TIERS.len()].into())),
            region: Set(Some("na".into())),
            segment: Set(Some("sales".into())),
            parent_id: Set(channel_parent(i, partners).map(|p| first_org + p as i64)),
            channel_manager_id: Set(None),
            website: Set(format!("https://partner{i}.example")),
            phone: Set("+1 415 555 0100".into()),
            email: Set(format!("hello@partner{i}.example")),
            address: Set(String::new()),
            city: Set("Springfield".into()),
            country: Set("United States".into()),
            brand_color: Set("#334155".into()),
            logo_key: Set(None),
            description: Set(String::new()),
            latitude_e6: Set(None),
            longitude_e6: Set(None),
            service_radius_km: Set(None),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        });
        organization::Entity::insert_many(rows)
            .exec_without_returning(db)
            .await?;
    }
    fix_sequence(db, "organizations").await?;

    // Two users per partner: an admin and a user.
    let first_user = next_id(db, "users").await?;
    let users = partners * 2;
    for start in (0..users).step_by(BATCH) {
        let rows = (start..(start + BATCH).min(users)).map(|u| {
            let (p, admin) = (u / 2, u % 2 == 0);
            let who = if admin { "admin" } else { "user" };
            user::ActiveModel {
                id: Set(first_user + u as i64),
                tenant_id: Set(t.id),
                organization_id: Set(first_org + p as i64),
                email: Set(format!("{who}{p}@partner{p}.example")),
                name: Set(format!("{} {p}", if admin { "Admin" } else { "User" })),
                role: Set(if admin {
                    Role::PartnerAdmin
                } else {
                    Role::PartnerUser
                }),
                password_hash: Set(Some(hash.clone())),
                active: Set(true),
                version: Set(1),
                created_at: Set(now),
                last_sign_in_at: Set(None),
                handle: Set(format!("{who}.{p}")),
                time_zone: Set("UTC".into()),
                locale: Set(None),
            }
        });
        user::Entity::insert_many(rows)
            .exec_without_returning(db)
            .await?;
    }
    fix_sequence(db, "users").await?;

    let (requests, claims) = funds(db, t.id, first_org, partners, first_user - 1).await?;

    // Forum: four open categories, topics of ten posts, one of 51.
    let mut cats = Vec::new();
    for (i, name) in ["General", "Technical", "Marketing", "Sales"]
        .iter()
        .enumerate()
    {
        let c = category::Entity::insert(category::ActiveModel {
            tenant_id: Set(t.id),
            name: Set((*name).into()),
            description: Set(format!("{name} questions")),
            visibility: Set(CategoryVisibility::Partners),
            audience_tiers: Set(String::new()),
            audience_types: Set(String::new()),
            position: Set(i as i32),
            created_at: Set(now),
            ..Default::default()
        })
        .exec(db)
        .await?;
        cats.push(c.last_insert_id);
    }
    let total_posts = partners * POSTS_PER_PARTNER;
    let mut threads: Vec<usize> = vec![51];
    let mut left = total_posts.saturating_sub(51);
    while left > 0 {
        let n = left.min(10);
        threads.push(n);
        left -= n;
    }
    let first_topic = next_id(db, "forum_topics").await?;
    let first_post = next_id(db, "forum_posts").await?;
    let start_time = now - Duration::days(365);
    let mut post_id = first_post;
    let mut topic_rows = Vec::new();
    let mut post_rows = Vec::new();
    let txn = crate::ssr::repo::begin_write(db).await?;
    for (ti, &size) in threads.iter().enumerate() {
        let topic_id = first_topic + ti as i64;
        let at = start_time + Duration::seconds(ti as i64 * 30);
        let title = if ti == 0 {
            BENCH_TOPIC_TITLE.to_owned()
        } else {
            let mut s = sentence(&mut rng, 6);
            s.pop();
            format!("{s}?")
        };
        let asker = first_user + (rng.next() as i64 % users as i64);
        topic_rows.push(topic::ActiveModel {
            id: Set(topic_id),
            tenant_id: Set(t.id),
            category_id: Set(cats[ti % cats.len()]),
            author_id: Set(asker),
            title: Set(title.clone()),
            tags: Set(String::new()),
            status: Set(PostStatus::Published),
            pinned: Set(false),
            locked: Set(false),
            accepted_post_id: Set(None),
            last_post_id: Set(post_id + size as i64 - 1),
            last_post_at: Set(at + Duration::seconds(size as i64)),
            reply_count: Set(size as i32 - 1),
            created_at: Set(at),
        });
        for k in 0..size {
            let author = if k == 0 {
                asker
            } else {
                first_user + (rng.next() as i64 % users as i64)
            };
            let text = format!(
                "{} {} {}",
                sentence(&mut rng, 12),
                sentence(&mut rng, 9),
                sentence(&mut rng, 14)
            );
            post_rows.push(post::ActiveModel {
                id: Set(post_id),
                tenant_id: Set(t.id),
                topic_id: Set(topic_id),
                author_id: Set(author),
                is_first: Set(k == 0),
                body_md: Set(text.clone()),
                body_html: Set(format!("<p>{text}</p>")),
                search_title: Set(if k == 0 { title.clone() } else { String::new() }),
                search_body: Set(text),
                status: Set(PostStatus::Published),
                like_count: Set(0),
                edit_count: Set(0),
                version: Set(1),
                edited_at: Set(None),
                created_at: Set(at + Duration::seconds(k as i64)),
            });
            post_id += 1;
        }
        // Topics go in before their posts (foreign key).
        if topic_rows.len() >= BATCH || post_rows.len() >= BATCH {
            topic::Entity::insert_many(std::mem::take(&mut topic_rows))
                .exec_without_returning(&txn)
                .await?;
        }
        while post_rows.len() >= BATCH {
            let rest = post_rows.split_off(BATCH);
            post::Entity::insert_many(std::mem::replace(&mut post_rows, rest))
                .exec_without_returning(&txn)
                .await?;
        }
    }
    if !topic_rows.is_empty() {
        topic::Entity::insert_many(topic_rows)
            .exec_without_returning(&txn)
            .await?;
    }
    if !post_rows.is_empty() {
        post::Entity::insert_many(post_rows)
            .exec_without_returning(&txn)
            .await?;
    }
    txn.commit().await?;
    fix_sequence(db, "forum_topics").await?;
    fix_sequence(db, "forum_posts").await?;
    let products = catalogue(db, t.id, partners, &mut rng).await?;
    let territories = territories(db, t.id, first_org, partners).await?;
    let channel_links = channel(db, t.id, first_org, partners).await?;
    let revenue_figures = revenue(db, t.id, first_org, partners).await?;
    let deal_ids = deals::Ids {
        tenant_id: t.id,
        first_org,
        first_user,
    };
    let deals = deals::seed(db, &deal_ids, partners).await?;
    let leads = leads::seed(db, &deal_ids, partners).await?;
    let notifications = notifications(
        db,
        t.id,
        first_user,
        partners,
        first_topic,
        BENCH_TOPIC_TITLE,
    )
    .await?;
    // Fresh statistics, so the planners pick the keyset indexes.
    db.execute_unprepared("ANALYZE").await?;
    Ok(Report {
        partners,
        users,
        requests,
        claims,
        topics: threads.len(),
        posts: total_posts.max(51),
        products,
        territories,
        channel_links,
        revenue_figures,
        deals,
        leads,
        notifications,
        bench_topic_id: first_topic,
    })
}

/// Who the bench's partner pages sign in as: partner 4's admin.
const BENCH_PARTNER: usize = 4;
/// Notifications the bench's partner admin has, newest first on the page.
const BENCH_NOTIFICATIONS: usize = 500;

/// Every partner admin was told of a reply in the bench topic; the bench's
/// partner admin has a long history, most of it read. Returns how many.
async fn notifications(
    db: &DatabaseConnection,
    tenant_id: i64,
    first_user: i64,
    partners: usize,
    topic_id: i64,
    title: &str,
) -> Result<usize, DbErr> {
    use crate::ssr::entities::notification;
    use crate::ssr::services::notifications::{row, Notice, Recipient};
    use crate::types::notification::{Delivery, Details, NotificationKind};
    let now = Utc::now();
    let admin = |p: usize| first_user + 2 * p as i64;
    let notice = |p: usize, n: usize| Notice {
        to: Recipient {
            id: admin(p),
            email: String::new(),
            name: String::new(),
            language: Default::default(),
        },
        kind: NotificationKind::ForumReply,
        subject_id: Some(topic_id),
        details: Details::Forum {
            who: format!("User {}", (p + n + 1) % partners.max(1)),
            topic: title.to_owned(),
            excerpt: String::new(),
        },
        link: format!("/forum/topics/{topic_id}"),
    };
    let bench = (BENCH_PARTNER < partners).then_some(BENCH_PARTNER);
    let all: Vec<(usize, usize)> = (0..partners)
        .map(|p| (p, 0))
        .chain(
            bench
                .into_iter()
                .flat_map(|p| (1..BENCH_NOTIFICATIONS).map(move |n| (p, n))),
        )
        .collect();
    let txn = crate::ssr::repo::begin_write(db).await?;
    for chunk in all.chunks(BATCH) {
        let rows = chunk.iter().map(|&(p, n)| {
            let at = now - Duration::minutes(n as i64 * 7);
            // The newest few are unread.
            let read = (n >= 5).then_some(at + Duration::minutes(1));
            row(tenant_id, notice(p, n), Delivery::Bell, at, read)
        });
        notification::Entity::insert_many(rows)
            .exec_without_returning(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(all.len())
}

/// One area per partner, over eight countries: a third of them whole
/// countries, the rest two-digit postcode prefixes. Returns how many.
async fn territories(
    db: &DatabaseConnection,
    tenant_id: i64,
    first_org: i64,
    partners: usize,
) -> Result<usize, DbErr> {
    const COUNTRIES: [&str; 8] = ["US", "DE", "FR", "GB", "NL", "AT", "CH", "CA"];
    let now = Utc::now();
    for start in (0..partners).step_by(BATCH) {
        let rows = (start..(start + BATCH).min(partners)).map(|i| territory::ActiveModel {
            tenant_id: Set(tenant_id),
            partner_id: Set(first_org + i as i64),
            country: Set(COUNTRIES[i % COUNTRIES.len()].into()),
            region: Set(String::new()),
            postcode_prefix: Set(if i % 3 == 0 {
                String::new()
            } else {
                format!("{:02}", (i / COUNTRIES.len()) % 100)
            }),
            created_by: Set(0),
            created_at: Set(now),
            ..Default::default()
        });
        territory::Entity::insert_many(rows)
            .exec_without_returning(db)
            .await?;
    }
    Ok(partners)
}

/// Partners per channel: each block of 30 is a three-level channel under
/// its first distributor (partner 30b + 4): the block's VARs and other
/// distributors buy through it, everyone else through the VAR of their
/// group of six. A distributor's admin reads 29 partners, in the small
/// program as in the large one.
const CHANNEL: usize = 30;

/// Whom partner `i` buys through, if anyone (an index like `i`).
fn channel_parent(i: usize, partners: usize) -> Option<usize> {
    let (block, j) = (i - i % CHANNEL, i % CHANNEL);
    let top = block + 4;
    let parent = match j {
        4 => return None,
        // TYPES[j % 6]: 1 is a VAR, 4 a distributor.
        _ if j % 6 == 1 || j % 6 == 4 => top,
        _ => block + j - j % 6 + 1,
    };
    (parent < partners && parent != i).then_some(parent)
}

/// The `channel_links` of [`channel_parent`]'s tree. Returns how many.
async fn channel(
    db: &DatabaseConnection,
    tenant_id: i64,
    first_org: i64,
    partners: usize,
) -> Result<usize, DbErr> {
    use crate::ssr::entities::channel_link;
    let mut links = Vec::new();
    for i in 0..partners {
        let (mut above, mut depth) = (channel_parent(i, partners), 1);
        while let Some(a) = above {
            links.push(channel_link::ActiveModel {
                tenant_id: Set(tenant_id),
                ancestor_id: Set(first_org + a as i64),
                descendant_id: Set(first_org + i as i64),
                depth: Set(depth),
            });
            above = channel_parent(a, partners);
            depth += 1;
        }
    }
    let n = links.len();
    let mut rows = links.into_iter().peekable();
    while rows.peek().is_some() {
        let batch: Vec<_> = rows.by_ref().take(BATCH).collect();
        channel_link::Entity::insert_many(batch)
            .exec_without_returning(db)
            .await?;
    }
    Ok(n)
}

/// Two quarters of revenue per partner, every fifth in euros, with the
/// period sums the ledger keeps and a euro rate. Returns how many figures.
async fn revenue(
    db: &DatabaseConnection,
    tenant_id: i64,
    first_org: i64,
    partners: usize,
) -> Result<usize, DbErr> {
    use crate::ssr::entities::{partner_revenue, revenue_total};
    use crate::types::revenue::{Rate, RevenueSource};
    use std::collections::BTreeMap;
    let now = Utc::now();
    let mut sums: BTreeMap<(String, &str), (chrono::NaiveDate, i64, i64)> = BTreeMap::new();
    let mut figures = Vec::new();
    let (last, this) = super::revenue::quarters(now.date_naive());
    for parsed in [last, this] {
        let period = parsed.to_string();
        let start = crate::ssr::repo::revenue::first_day(parsed);
        for i in 0..partners {
            let currency = if i % 5 == 0 { "EUR" } else { "USD" };
            let amount = 1_000_000 + (i as i64 % 997) * 10_000;
            let sum = sums
                .entry((period.clone(), currency))
                .or_insert((start, 0, 0));
            sum.1 += 1;
            sum.2 += amount;
            figures.push(partner_revenue::ActiveModel {
                tenant_id: Set(tenant_id),
                partner_id: Set(first_org + i as i64),
                period: Set(period.clone()),
                period_start: Set(start),
                source: Set(RevenueSource::Imported),
                deal_id: Set(None),
                currency: Set(currency.to_owned()),
                amount_minor: Set(amount),
                created_by: Set(0),
                created_at: Set(now),
                ..Default::default()
            });
        }
    }
    let n = figures.len();
    let mut rows = figures.into_iter().peekable();
    while rows.peek().is_some() {
        let batch: Vec<_> = rows.by_ref().take(BATCH).collect();
        partner_revenue::Entity::insert_many(batch)
            .exec_without_returning(db)
            .await?;
    }
    let totals = sums
        .into_iter()
        .map(
            |((period, currency), (start, count, amount))| revenue_total::ActiveModel {
                tenant_id: Set(tenant_id),
                period: Set(period),
                period_start: Set(start),
                currency: Set(currency.to_owned()),
                figures: Set(count),
                amount_minor: Set(amount),
            },
        );
    revenue_total::Entity::insert_many(totals)
        .exec_without_returning(db)
        .await?;
    if let Some(rate) = Rate::parse("1.0845") {
        let day = crate::ssr::repo::revenue::first_day(last);
        crate::ssr::repo::revenue::set_rate(db, tenant_id, "EUR", day, rate, 0, now).await?;
    }
    Ok(n)
}

/// One product per 20 partners (5,000 at N = 100,000; at least 20) in
/// twenty families, one in ten no longer sold. Returns how many.
async fn catalogue(
    db: &DatabaseConnection,
    tenant_id: i64,
    partners: usize,
    rng: &mut Lcg,
) -> Result<usize, DbErr> {
    const FAMILIES: usize = 20;
    let count = (partners / 20).clamp(20, 10_000);
    let now = Utc::now();
    let first_family = next_id(db, "product_families").await?;
    let families = (0..FAMILIES).map(|i| product_family::ActiveModel {
        id: Set(first_family + i as i64),
        tenant_id: Set(tenant_id),
        name: Set(format!("Family {i:02}")),
        language: Set("en".into()),
        translations: Set(String::new()),
        created_at: Set(now),
    });
    product_family::Entity::insert_many(families)
        .exec_without_returning(db)
        .await?;
    fix_sequence(db, "product_families").await?;
    let first = next_id(db, "products").await?;
    for start in (0..count).step_by(BATCH) {
        let rows: Vec<product::ActiveModel> = (start..(start + BATCH).min(count))
            .map(|i| product::ActiveModel {
                id: Set(first + i as i64),
                tenant_id: Set(tenant_id),
                family_id: Set(first_family + (i % FAMILIES) as i64),
                sku: Set(format!("SKU-{i:06}")),
                name: Set(format!("{} {i:06}", sentence(rng, 3).trim_end_matches('.'))),
                description: Set(sentence(rng, 12)),
                unit: Set(ProductUnit::ALL[i % ProductUnit::ALL.len()]),
                active: Set(i % 10 != 9),
                language: Set("en".into()),
                translations: Set(String::new()),
                created_at: Set(now),
                updated_at: Set(now),
            })
            .collect();
        product::Entity::insert_many(rows)
            .exec_without_returning(db)
            .await?;
    }
    fix_sequence(db, "products").await?;
    Ok(count)
}

/// Per partner: an allocation of $10,000 from one marketing budget, two
/// approved $3,000 requests holding reservations, and a submitted claim on
/// each. Ledger entries match, so every balance is what the app computes.
async fn funds(
    db: &DatabaseConnection,
    tenant_id: i64,
    first_org: i64,
    partners: usize,
    admin: i64,
) -> Result<(usize, usize), DbErr> {
    const ALLOCATED: i64 = 1_000_000;
    const REQUESTED: i64 = 300_000;
    const CLAIMED: i64 = 290_000;
    let now = Utc::now();
    let today = now.date_naive();
    let budget = fund_budget::Entity::insert(fund_budget::ActiveModel {
        tenant_id: Set(tenant_id),
        name: Set("Scale marketing funds".into()),
        kind: Set(BudgetKind::Marketing),
        currency: Set("USD".into()),
        total_minor: Set(ALLOCATED * partners as i64),
        unallocated_minor: Set(0),
        coop_percent_bp: Set(None),
        starts_on: Set(today - Duration::days(180)),
        ends_on: Set(today + Duration::days(180)),
        idempotency_key: Set("scale-budget".into()),
        version: Set(1),
        created_by: Set(admin),
        created_at: Set(now),
        ..Default::default()
    })
    .exec(db)
    .await?
    .last_insert_id;
    let first_alloc = next_id(db, "fund_allocations").await?;
    let first_request = next_id(db, "fund_requests").await?;
    let first_claim = next_id(db, "fund_claims").await?;
    let txn = crate::ssr::repo::begin_write(db).await?;
    let per_batch = BATCH / 2;
    for start in (0..partners).step_by(per_batch) {
        let range = start..(start + per_batch).min(partners);
        let mut allocations = Vec::new();
        let mut requests = Vec::new();
        let mut claims = Vec::new();
        let mut ledger = Vec::new();
        for i in range {
            let partner = first_org + i as i64;
            let alloc = first_alloc + i as i64;
            allocations.push(fund_allocation::ActiveModel {
                id: Set(alloc),
                tenant_id: Set(tenant_id),
                budget_id: Set(budget),
                partner_id: Set(Some(partner)),
                tier: Set(None),
                amount_minor: Set(ALLOCATED),
                available_minor: Set(ALLOCATED - 2 * REQUESTED),
                idempotency_key: Set(format!("scale-allocation-{i}")),
                version: Set(1),
                created_at: Set(now),
            });
            let entry = |kind: LedgerKind, amount: i64, request: Option<i64>, reason: &str| {
                fund_ledger::ActiveModel {
                    tenant_id: Set(tenant_id),
                    budget_id: Set(budget),
                    allocation_id: Set(Some(alloc)),
                    request_id: Set(request),
                    kind: Set(kind),
                    amount_minor: Set(amount),
                    currency: Set("USD".into()),
                    actor_id: Set(admin),
                    reason: Set(reason.into()),
                    created_at: Set(now),
                    ..Default::default()
                }
            };
            ledger.push(entry(LedgerKind::Credit, ALLOCATED, None, "Allocated"));
            for k in 0..2 {
                let n = 2 * i + k;
                let request = first_request + n as i64;
                let ends = today - Duration::days(10 + (n % 40) as i64);
                requests.push(fund_request::ActiveModel {
                    id: Set(request),
                    tenant_id: Set(tenant_id),
                    partner_id: Set(partner),
                    allocation_id: Set(alloc),
                    activity_type: Set(ActivityType::ALL[n % 4]),
                    title: Set(format!("Partner {i:06} activity {}", k + 1)),
                    description: Set("Generated for load tests.".into()),
                    starts_on: Set(ends - Duration::days(2)),
                    ends_on: Set(ends),
                    requested_minor: Set(REQUESTED),
                    approved_minor: Set(Some(REQUESTED)),
                    partner_share_minor: Set(0),
                    expected_leads: Set(20),
                    expected_attendees: Set(40),
                    expected_pipeline_minor: Set(5_000_000),
                    status: Set(RequestStatus::Approved),
                    decision_reason: Set(None),
                    idempotency_key: Set(format!("scale-request-{n}")),
                    claim_reminded_at: Set(None),
                    campaign_id: Set(None),
                    version: Set(2),
                    created_by: Set(admin),
                    created_at: Set(now),
                    updated_at: Set(now),
                });
                ledger.push(entry(
                    LedgerKind::Reserve,
                    REQUESTED,
                    Some(request),
                    "Approved",
                ));
                claims.push(fund_claim::ActiveModel {
                    id: Set(first_claim + n as i64),
                    tenant_id: Set(tenant_id),
                    request_id: Set(request),
                    partner_id: Set(partner),
                    actual_minor: Set(CLAIMED),
                    approved_minor: Set(None),
                    actual_leads: Set(18),
                    actual_attendees: Set(35),
                    actual_pipeline_minor: Set(4_000_000),
                    results: Set("Generated for load tests.".into()),
                    status: Set(ClaimStatus::Submitted),
                    decision_reason: Set(None),
                    paid_on: Set(None),
                    payment_reference: Set(None),
                    version: Set(1),
                    created_by: Set(admin),
                    created_at: Set(now),
                    updated_at: Set(now),
                });
            }
        }
        fund_allocation::Entity::insert_many(allocations)
            .exec_without_returning(&txn)
            .await?;
        fund_request::Entity::insert_many(requests)
            .exec_without_returning(&txn)
            .await?;
        fund_claim::Entity::insert_many(claims)
            .exec_without_returning(&txn)
            .await?;
        fund_ledger::Entity::insert_many(ledger)
            .exec_without_returning(&txn)
            .await?;
    }
    txn.commit().await?;
    for table in ["fund_allocations", "fund_requests", "fund_claims"] {
        fix_sequence(db, table).await?;
    }
    Ok((partners * 2, partners * 2))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Everyone below partner `top`, at any depth.
    fn below(top: usize, partners: usize) -> Vec<usize> {
        (0..partners)
            .filter(|&i| {
                let mut above = channel_parent(i, partners);
                while let Some(a) = above {
                    if a == top {
                        return true;
                    }
                    above = channel_parent(a, partners);
                }
                false
            })
            .collect()
    }

    #[test]
    fn each_block_is_a_three_level_channel_under_its_distributor() {
        for partners in [100, 1000] {
            assert_eq!(below(4, partners).len(), CHANNEL - 1);
            for i in 0..partners {
                let mut depth = 0;
                let mut above = channel_parent(i, partners);
                while let Some(a) = above {
                    assert_eq!(a / CHANNEL, i / CHANNEL, "{i} stays in its block");
                    depth += 1;
                    above = channel_parent(a, partners);
                }
                assert!(depth <= 2, "{i}: {depth} levels above");
            }
        }
        // The top is a distributor, the middle VARs and distributors.
        assert_eq!(TYPES[4], "distributor");
        assert_eq!(TYPES[channel_parent(0, 100).unwrap() % 6], "var");
    }
}
