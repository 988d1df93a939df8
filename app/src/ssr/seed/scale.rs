//! A large program for load tests: `server seed --scale N` creates the
//! tenant "scale" with N partners, two users each and a forum of ten posts
//! per partner (1,000,000 posts at N = 100,000), plus one topic with exactly
//! 50 replies for the topic-page benchmark. Rows go in with multi-row
//! inserts and explicit ids, many per statement, so it takes minutes.

use super::{create_tenant, insert_user, DEMO_PASSWORD};
use crate::ssr::entities::{
    forum_category as category, forum_post as post, forum_topic as topic, organization, user,
};
use crate::ssr::password;
use crate::types::{OrgKind, PartnerType, Role, Tier};
use chrono::{Duration, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, DbErr,
    EntityTrait, PaginatorTrait, QueryFilter, TransactionTrait,
};

/// Rows per INSERT statement (kept under both databases' parameter limits).
const BATCH: usize = 1000;
pub const POSTS_PER_PARTNER: usize = 10;
pub const SLUG: &str = "scale";
pub const BENCH_TOPIC_TITLE: &str = "Benchmark topic with 50 replies";

pub struct Report {
    pub partners: usize,
    pub users: usize,
    pub topics: usize,
    pub posts: usize,
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
            kind: Set(OrgKind::Partner.as_str().into()),
            name: Set(format!("Partner {i:06}")),
            partner_type: Set(Some(
                PartnerType::ALL[i % PartnerType::ALL.len()].as_str().into(),
            )),
            tier: Set(Some(Tier::ALL[i % Tier::ALL.len()].as_str().into())),
            region: Set(Some("na".into())),
            segment: Set(Some("sales".into())),
            parent_id: Set(None),
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
                }
                .as_str()
                .into()),
                password_hash: Set(Some(hash.clone())),
                active: Set(true),
                version: Set(1),
                created_at: Set(now),
                last_sign_in_at: Set(None),
                handle: Set(format!("{who}.{p}")),
                forum_email: Set("none".into()),
            }
        });
        user::Entity::insert_many(rows)
            .exec_without_returning(db)
            .await?;
    }
    fix_sequence(db, "users").await?;

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
            visibility: Set("partners".into()),
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
    let txn = db.begin().await?;
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
            status: Set("published".into()),
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
                status: Set("published".into()),
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
    // Fresh statistics, so the planners pick the keyset indexes.
    db.execute_unprepared("ANALYZE").await?;
    Ok(Report {
        partners,
        users,
        topics: threads.len(),
        posts: total_posts.max(51),
        bench_topic_id: first_topic,
    })
}
