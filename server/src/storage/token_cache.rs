//! Access tokens remembered in memory, by hash. Every request is authenticated, and on
//! SQLite the database lookup was a third of a join's cost.
//!
//! The process that rotates or revokes a token forgets it at once. A lookup that raced such
//! a change must not bring the dead token back, so forgetting bumps an epoch and a lookup
//! remembers its answer only if no token was forgotten since it started reading. Another
//! process may delete a token too (`server user tokens revoke`, `user deactivate`), and
//! this one cannot hear of it: every entry is therefore trusted only for a bounded time
//! (`token_cache_seconds`), after which the database is asked again.

use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Entries kept; beyond this the least useful are evicted (and looked up again when used).
const ENTRIES: usize = 100_000;

pub struct TokenCache {
    /// Token hash → (user, when the database said so).
    users: quick_cache::sync::Cache<Vec<u8>, (String, Instant)>,
    /// How long an answer is trusted; zero turns the cache off.
    lifetime: Duration,
    /// How many tokens have been forgotten; guards remember/forget against each other.
    epoch: Mutex<u64>,
}

impl TokenCache {
    /// A cache whose entries are trusted for `lifetime`.
    pub fn new(lifetime: Duration) -> Self {
        TokenCache {
            users: quick_cache::sync::Cache::new(ENTRIES),
            lifetime,
            epoch: Mutex::new(0),
        }
    }

    pub fn get(&self, access_hash: &[u8]) -> Option<String> {
        let (user, since) = self.users.get(access_hash)?;
        if since.elapsed() < self.lifetime {
            Some(user)
        } else {
            self.users.remove(access_hash);
            None
        }
    }

    /// Read before looking a token up in the database; pass it to [`TokenCache::remember`].
    pub fn epoch(&self) -> u64 {
        *self.epoch.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Remembers what the database said at `asked` (taken before asking), unless a token
    /// was forgotten since `epoch`.
    pub fn remember(&self, access_hash: &[u8], user: &str, epoch: u64, asked: Instant) {
        if self.lifetime.is_zero() {
            return;
        }
        let current = self.epoch.lock().unwrap_or_else(|e| e.into_inner());
        if *current == epoch {
            self.users
                .insert(access_hash.to_vec(), (user.to_string(), asked));
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
    use std::time::{Duration, Instant};

    use super::TokenCache;

    #[test]
    fn a_lookup_that_raced_a_revocation_is_not_remembered() {
        let cache = TokenCache::new(Duration::from_secs(60));
        let before = cache.epoch();
        // The database said "valid", then the token was revoked before the answer was kept.
        cache.forget(b"old");
        cache.remember(b"old", "@a:hs", before, Instant::now());
        assert_eq!(cache.get(b"old"), None);
        // An undisturbed lookup is kept, and forgetting removes it.
        cache.remember(b"new", "@a:hs", cache.epoch(), Instant::now());
        assert_eq!(cache.get(b"new").as_deref(), Some("@a:hs"));
        cache.forget(b"new");
        assert_eq!(cache.get(b"new"), None);
    }

    #[test]
    fn answers_are_trusted_only_for_the_lifetime() {
        let cache = TokenCache::new(Duration::from_millis(50));
        cache.remember(b"t", "@a:hs", cache.epoch(), Instant::now());
        assert_eq!(cache.get(b"t").as_deref(), Some("@a:hs"));
        std::thread::sleep(Duration::from_millis(60));
        assert_eq!(cache.get(b"t"), None, "a stale answer is asked again");
        let off = TokenCache::new(Duration::ZERO);
        off.remember(b"t", "@a:hs", off.epoch(), Instant::now());
        assert_eq!(off.get(b"t"), None);
    }
}
