//! Access tokens remembered in memory, by hash. Every request is authenticated, and on
//! SQLite the database lookup was a third of a join's cost.
//!
//! Safe only where one process owns the database (SQLite): the process that rotates a token
//! is the one that forgets it. A lookup that raced a rotation must not bring the dead token
//! back, so forgetting bumps an epoch and a lookup remembers its answer only if no token was
//! forgotten since it started reading.

use std::sync::Mutex;

/// Entries kept; beyond this the least useful are evicted (and looked up again when used).
const ENTRIES: usize = 100_000;

pub struct TokenCache {
    users: quick_cache::sync::Cache<Vec<u8>, String>,
    /// How many tokens have been forgotten; guards remember/forget against each other.
    epoch: Mutex<u64>,
}

impl Default for TokenCache {
    fn default() -> Self {
        TokenCache {
            users: quick_cache::sync::Cache::new(ENTRIES),
            epoch: Mutex::new(0),
        }
    }
}

impl TokenCache {
    pub fn get(&self, access_hash: &[u8]) -> Option<String> {
        self.users.get(access_hash)
    }

    /// Read before looking a token up in the database; pass it to [`TokenCache::remember`].
    pub fn epoch(&self) -> u64 {
        *self.epoch.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Remembers what the database said, unless a token was forgotten since `epoch`.
    pub fn remember(&self, access_hash: &[u8], user: &str, epoch: u64) {
        let current = self.epoch.lock().unwrap_or_else(|e| e.into_inner());
        if *current == epoch {
            self.users.insert(access_hash.to_vec(), user.to_string());
        }
    }

    /// Forgets a token that is no longer valid (call after the commit that revoked it).
    pub fn forget(&self, access_hash: &[u8]) {
        let mut epoch = self.epoch.lock().unwrap_or_else(|e| e.into_inner());
        *epoch += 1;
        self.users.remove(access_hash);
    }
}

#[cfg(test)]
mod tests {
    use super::TokenCache;

    #[test]
    fn a_lookup_that_raced_a_revocation_is_not_remembered() {
        let cache = TokenCache::default();
        let before = cache.epoch();
        // The database said "valid", then the token was revoked before the answer was kept.
        cache.forget(b"old");
        cache.remember(b"old", "@a:hs", before);
        assert_eq!(cache.get(b"old"), None);
        // An undisturbed lookup is kept, and forgetting removes it.
        cache.remember(b"new", "@a:hs", cache.epoch());
        assert_eq!(cache.get(b"new").as_deref(), Some("@a:hs"));
        cache.forget(b"new");
        assert_eq!(cache.get(b"new"), None);
    }
}
