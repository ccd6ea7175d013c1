//! Password checks, bounded: argon2 is deliberately expensive (a core and ~19 MiB for ~70
//! ms), so a flood of logins must not run one per request. At most a few run at once, each
//! on a blocking thread; a few more may wait; beyond that a login is told to come back
//! later; and one client address has at most two running or waiting, so that one client
//! cannot fill the queue for everyone. A login for an unknown user is checked against a hash of no one's password, so
//! that both answers take the same time and do not tell which users exist.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use argon2::Block;
use tokio::sync::Semaphore;

use crate::credentials::{hash_password, random_string, verify_password_in};
use crate::error::{InternalError, LimitExceeded, limit_exceeded};

pub struct PasswordChecks {
    running: Arc<Semaphore>,
    /// argon2's working memory, one per check that may run at once, reused: the server's
    /// footprint for password checks is this, however many logins arrive.
    memories: Arc<Mutex<Vec<Vec<Block>>>>,
    /// Checks running or waiting.
    admitted: AtomicUsize,
    /// The most checks running or waiting.
    capacity: usize,
    /// Checks running or waiting per client address: one address cannot fill the queue.
    per_address: Mutex<HashMap<IpAddr, usize>>,
    /// A hash of a random password nobody knows, checked for unknown users.
    nobodys: String,
}

impl PasswordChecks {
    /// `at_once` checks running, `queue` more waiting.
    pub fn new(at_once: usize, queue: usize) -> anyhow::Result<Self> {
        Ok(PasswordChecks {
            running: Arc::new(Semaphore::new(at_once.max(1))),
            memories: Arc::new(Mutex::new(vec![Vec::new(); at_once.max(1)])),
            admitted: AtomicUsize::new(0),
            capacity: at_once.max(1) + queue,
            per_address: Mutex::default(),
            nobodys: hash_password(&random_string(24))?,
        })
    }

    /// Whether `password` matches `hash`; without a hash (an unknown user) it is checked
    /// against nobody's, and is `false` after the same work. Refused when too many checks
    /// are running and waiting already.
    /// A client address has at most [`PER_ADDRESS`] checks running or waiting.
    pub async fn verify(
        &self,
        address: Option<IpAddr>,
        password: String,
        hash: Option<String>,
    ) -> Result<bool, CheckRefused> {
        let busy = |limit| CheckRefused::Busy(limit_exceeded(limit, Duration::from_secs(1)));
        let _address = match address {
            Some(address) => Some(
                AddressShare::take(&self.per_address, address)
                    .ok_or_else(|| busy("password_checks_per_address"))?,
            ),
            None => None,
        };
        let admitted = self.admitted.fetch_add(1, Ordering::AcqRel);
        let _leave = Admitted(&self.admitted);
        if admitted >= self.capacity {
            return Err(busy("password_checks"));
        }
        let permit = self
            .running
            .clone()
            .acquire_owned()
            .await
            .map_err(|e| CheckRefused::Internal(InternalError(e.into())))?;
        let known = hash.is_some();
        let hash = hash.unwrap_or_else(|| self.nobodys.clone());
        let memories = self.memories.clone();
        let matched = tokio::task::spawn_blocking(move || {
            // A permit holder always finds memory: there are as many as permits.
            let mut memory = lock(&memories).pop().unwrap_or_default();
            let matched = verify_password_in(&mut memory, &password, &hash);
            lock(&memories).push(memory);
            drop(permit);
            matched
        })
        .await
        .map_err(|e| CheckRefused::Internal(InternalError(e.into())))?;
        Ok(known && matched)
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// Why a password was not checked.
pub enum CheckRefused {
    /// Too many checks running and waiting: come back later.
    Busy(LimitExceeded),
    Internal(InternalError),
}

/// Password checks one client address may have running or waiting.
pub const PER_ADDRESS: usize = 2;

/// One of an address's checks, counted until dropped.
struct AddressShare<'a> {
    table: &'a Mutex<HashMap<IpAddr, usize>>,
    address: IpAddr,
}

impl<'a> AddressShare<'a> {
    fn take(table: &'a Mutex<HashMap<IpAddr, usize>>, address: IpAddr) -> Option<Self> {
        let mut held = lock(table);
        let count = held.entry(address).or_default();
        if *count >= PER_ADDRESS {
            return None;
        }
        *count += 1;
        Some(AddressShare { table, address })
    }
}

impl Drop for AddressShare<'_> {
    fn drop(&mut self) {
        let mut held = lock(self.table);
        if let Some(count) = held.get_mut(&self.address) {
            *count -= 1;
            if *count == 0 {
                held.remove(&self.address);
            }
        }
    }
}

/// Counts a check out when it ends, however it ends.
struct Admitted<'a>(&'a AtomicUsize);

impl Drop for Admitted<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn checks_beyond_the_queue_are_refused_and_unknown_users_never_match() {
        let checks = Arc::new(PasswordChecks::new(1, 1).unwrap());
        let hash = hash_password("right").unwrap();
        assert!(matches!(
            checks
                .verify(None, "right".into(), Some(hash.clone()))
                .await,
            Ok(true)
        ));
        assert!(matches!(
            checks
                .verify(None, "wrong".into(), Some(hash.clone()))
                .await,
            Ok(false)
        ));
        assert!(matches!(
            checks.verify(None, "right".into(), None).await,
            Ok(false)
        ));
        // Five at once: one runs, one waits, the rest are told to come back.
        let tasks: Vec<_> = (0..5)
            .map(|_| {
                let (checks, hash) = (checks.clone(), hash.clone());
                tokio::spawn(async move { checks.verify(None, "wrong".into(), Some(hash)).await })
            })
            .collect();
        let mut busy = 0;
        for task in tasks {
            if matches!(task.await.unwrap(), Err(CheckRefused::Busy(_))) {
                busy += 1;
            }
        }
        assert!(busy >= 3, "{busy} refused");
    }
}
