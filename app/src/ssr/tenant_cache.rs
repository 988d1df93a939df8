//! The tenant a host name stands for, remembered for a few seconds. Every
//! request resolves it before anything else; the cache saves that query on
//! all but one request per host and interval. Each instance keeps its own,
//! so the interval is how long a change made elsewhere (a program
//! suspended or moved to another host by the operator, on any instance)
//! can take to reach this one: `Config::tenant_cache_ttl`, 5 s by default.

use super::RequestTenant;
use std::collections::HashMap;
use std::sync::RwLock;
use std::time::{Duration, Instant};

/// Keyed by the host's first label, and by "" for the fallback tenant, so
/// made-up host names cannot grow it: only labels that named a tenant are kept.
pub struct TenantCache {
    ttl: Duration,
    entries: RwLock<HashMap<String, (Instant, RequestTenant)>>,
}

impl TenantCache {
    pub fn new(ttl: Duration) -> Self {
        Self {
            ttl,
            entries: RwLock::default(),
        }
    }

    pub fn get(&self, key: &str) -> Option<RequestTenant> {
        self.get_at(key, Instant::now())
    }

    pub fn put(&self, key: &str, tenant: RequestTenant) {
        self.put_at(key, tenant, Instant::now());
    }

    fn get_at(&self, key: &str, now: Instant) -> Option<RequestTenant> {
        let entries = self.entries.read().unwrap_or_else(|e| e.into_inner());
        entries
            .get(key)
            .filter(|(at, _)| now.duration_since(*at) < self.ttl)
            .map(|(_, t)| t.clone())
    }

    fn put_at(&self, key: &str, tenant: RequestTenant, now: Instant) {
        let mut entries = self.entries.write().unwrap_or_else(|e| e.into_inner());
        entries.insert(key.to_owned(), (now, tenant));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn acme() -> RequestTenant {
        RequestTenant {
            id: 1,
            slug: "acme".into(),
            name: "Acme Networks".into(),
            brand_color: "#0b5cab".into(),
            suspended: false,
        }
    }

    #[test]
    fn remembers_for_its_interval_only() {
        const TTL: Duration = Duration::from_secs(60);
        let cache = TenantCache::new(TTL);
        let t0 = Instant::now();
        assert!(cache.get_at("acme", t0).is_none());
        cache.put_at("acme", acme(), t0);
        assert_eq!(
            cache
                .get_at("acme", t0 + Duration::from_secs(59))
                .map(|t| t.id),
            Some(1)
        );
        assert!(cache.get_at("acme", t0 + TTL).is_none(), "looked up again");
        assert!(cache.get_at("other", t0).is_none());
    }
}
