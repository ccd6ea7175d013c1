//! Rate limits, per process (docs/membership.md, "Rate limits"): token buckets (`governor`)
//! per user for joins and invites, room creation and alias creation, and per client address
//! and per account for login attempts. Each is checked after a request is validated and
//! before any work it limits: a room-state read, an identity-server call, a password check.

use std::hash::Hash;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::state::keyed::DefaultKeyedStateStore;
use governor::{Quota, RateLimiter};

use crate::config::Config;
use crate::error::{BadRequest, LimitExceeded, limit_exceeded, matrix_error};

/// A bucket per key: `per_second` tokens a second on average, at most `burst` at once.
pub struct Buckets<K: Hash + Eq + Clone> {
    /// The limit's name in metrics (`rate_limit_refusals_total{limit=…}`).
    name: &'static str,
    limiter: RateLimiter<K, DefaultKeyedStateStore<K>, DefaultClock>,
    clock: DefaultClock,
    burst: u32,
}

/// Why tokens could not be taken.
pub enum Refused {
    /// Not now: try again later.
    Later(LimitExceeded),
    /// Never: more than the bucket holds.
    TooMany(BadRequest),
}

impl<K: Hash + Eq + Clone> Buckets<K> {
    pub fn new(name: &'static str, per_second: f64, burst: u32) -> Self {
        let period = Duration::from_secs_f64(1.0 / per_second.max(1e-6));
        let burst = NonZeroU32::new(burst.max(1)).unwrap_or(NonZeroU32::MIN);
        let quota = Quota::with_period(period)
            .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
            .allow_burst(burst);
        Buckets {
            name,
            limiter: RateLimiter::keyed(quota),
            clock: DefaultClock::default(),
            burst: burst.get(),
        }
    }

    /// Takes one token from `key`'s bucket, or says how long to wait.
    pub fn take(&self, key: &K) -> Result<(), LimitExceeded> {
        self.limiter.check_key(key).map_err(|not_until| {
            limit_exceeded(self.name, not_until.wait_time_from(self.clock.now()))
        })
    }

    /// Takes `n` tokens at once, or none.
    pub fn take_n(&self, key: &K, n: u32) -> Result<(), Refused> {
        let Some(n) = NonZeroU32::new(n) else {
            return Ok(());
        };
        match self.limiter.check_key_n(key, n) {
            Ok(Ok(())) => Ok(()),
            Ok(Err(not_until)) => Err(Refused::Later(limit_exceeded(
                self.name,
                not_until.wait_time_from(self.clock.now()),
            ))),
            Err(_) => Err(Refused::TooMany(matrix_error(
                "M_LIMIT_EXCEEDED",
                format!("At most {} at once: {n} can never pass.", self.burst),
            ))),
        }
    }

    /// Forgets the keys whose buckets are full again, so memory follows recent activity
    /// rather than every key ever seen.
    pub fn prune(&self) {
        self.limiter.retain_recent();
        self.limiter.shrink_to_fit();
    }
}

/// Every rate limit of the server.
pub struct RateLimits {
    /// Joins and invites per user (a new room's invitees included).
    pub membership: Buckets<String>,
    /// Rooms created per user.
    pub room_creation: Buckets<String>,
    /// Aliases created per user.
    pub alias_creation: Buckets<String>,
    /// Login attempts per client address.
    pub login_by_address: Buckets<IpAddr>,
    /// Login attempts per account (whether or not it exists).
    pub login_by_account: Buckets<String>,
}

impl RateLimits {
    pub fn new(config: &Config) -> Self {
        RateLimits {
            membership: Buckets::new(
                "membership",
                config.rate_limit_per_second,
                config.rate_limit_burst,
            ),
            room_creation: Buckets::new(
                "room_creation",
                config.room_creation_per_second,
                config.room_creation_burst,
            ),
            alias_creation: Buckets::new(
                "alias_creation",
                config.alias_creation_per_second,
                config.alias_creation_burst,
            ),
            login_by_address: Buckets::new(
                "login_by_address",
                config.login_per_second,
                config.login_burst,
            ),
            login_by_account: Buckets::new(
                "login_by_account",
                config.login_per_second,
                config.login_burst,
            ),
        }
    }

    /// One join or invite for `user`.
    pub fn check(&self, user: &str) -> Result<(), LimitExceeded> {
        self.membership.take(&user.to_string())
    }

    pub fn prune(&self) {
        self.membership.prune();
        self.room_creation.prune();
        self.alias_creation.prune();
        self.login_by_address.prune();
        self.login_by_account.prune();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_then_a_refusal_with_a_wait() {
        let buckets = Buckets::new("test", 0.001, 2);
        let bob = "@bob:hs".to_string();
        assert!(buckets.take(&bob).is_ok());
        assert!(buckets.take(&bob).is_ok());
        let refused = buckets.take(&bob).unwrap_err();
        assert_eq!(refused.body().errcode, "M_LIMIT_EXCEEDED");
        assert!(
            refused.body().additional_properties["retry_after_ms"]
                .as_u64()
                .unwrap()
                > 0
        );
        assert!(refused.headers().contains_key("retry-after"));
        assert!(
            buckets.take(&"@carol:hs".to_string()).is_ok(),
            "buckets are per key"
        );
    }

    #[test]
    fn several_tokens_at_once_or_none() {
        let buckets = Buckets::new("test", 0.001, 3);
        let bob = "@bob:hs".to_string();
        assert!(matches!(buckets.take_n(&bob, 4), Err(Refused::TooMany(_))));
        assert!(buckets.take_n(&bob, 2).is_ok());
        assert!(matches!(buckets.take_n(&bob, 2), Err(Refused::Later(_))));
        assert!(buckets.take(&bob).is_ok(), "the refused two were not taken");
    }
}
