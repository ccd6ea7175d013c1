//! Per-user token buckets (`governor`) for joins and invites, checked after validation and
//! before any room-state check (docs/membership.md, "Rate limits"). Limits are per process.

use std::num::NonZeroU32;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::state::keyed::DefaultKeyedStateStore;
use governor::{Quota, RateLimiter};

use crate::error::{LimitExceeded, limit_exceeded};

pub struct RateLimits {
    limiter: RateLimiter<String, DefaultKeyedStateStore<String>, DefaultClock>,
    clock: DefaultClock,
}

impl RateLimits {
    /// `per_second` requests a second on average, bursts of `burst`.
    pub fn new(per_second: f64, burst: u32) -> Self {
        let period = Duration::from_secs_f64(1.0 / per_second.max(1e-6));
        let quota = Quota::with_period(period)
            .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
            .allow_burst(NonZeroU32::new(burst.max(1)).unwrap_or(NonZeroU32::MIN));
        RateLimits {
            limiter: RateLimiter::keyed(quota),
            clock: DefaultClock::default(),
        }
    }

    /// Takes one token from `user`'s bucket, or says how long to wait.
    pub fn check(&self, user: &str) -> Result<(), LimitExceeded> {
        self.limiter
            .check_key(&user.to_string())
            .map_err(|not_until| limit_exceeded(not_until.wait_time_from(self.clock.now())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_then_a_refusal_with_a_wait() {
        let limits = RateLimits::new(0.001, 2);
        assert!(limits.check("@bob:hs").is_ok());
        assert!(limits.check("@bob:hs").is_ok());
        let refused = limits.check("@bob:hs").unwrap_err();
        assert_eq!(refused.body().errcode, "M_LIMIT_EXCEEDED");
        assert!(
            refused.body().additional_properties["retry_after_ms"]
                .as_u64()
                .unwrap()
                > 0
        );
        assert!(refused.headers().contains_key("retry-after"));
        assert!(limits.check("@carol:hs").is_ok(), "buckets are per user");
    }
}
