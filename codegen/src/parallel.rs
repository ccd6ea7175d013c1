//! Independent jobs on all cores: the generator's two expensive steps, parsing spec files
//! and formatting output files, are many jobs of uneven size that share nothing.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::error::{Error, Result};

/// Runs `run` on every item, on as many threads as the machine has (at most four, the
/// calling thread among them), and returns the results in the items' order. Workers take
/// the next item when they finish one, so callers put the largest items first: then no
/// worker is left with a big one at the end. A panicking job is an internal error.
pub fn map<T: Sync, R: Send>(items: &[T], run: impl Fn(&T) -> R + Sync) -> Result<Vec<R>> {
    let workers = if items.len() > 1 {
        cores().min(items.len())
    } else {
        1
    };
    if workers <= 1 {
        return Ok(items.iter().map(run).collect());
    }
    let tickets = Tickets::new(items.len());
    let work = || {
        let mut done = Vec::new();
        while let Some(index) = tickets.next() {
            done.push((index, run(&items[index])));
        }
        done
    };
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..workers).map(|_| scope.spawn(work)).collect();
        let mut done =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).map_err(|_| panicked())?;
        for helper in helpers {
            done.extend(helper.join().map_err(|_| panicked())?);
        }
        Ok::<_, Error>(done)
    })?;
    done.sort_unstable_by_key(|(index, _)| *index);
    Ok(done.into_iter().map(|(_, result)| result).collect())
}

/// Hands out the indices `0..len` to whichever thread asks next, each exactly once: the
/// work queue of threads that take jobs from one list.
pub struct Tickets {
    next: AtomicUsize,
    len: usize,
}

impl Tickets {
    pub fn new(len: usize) -> Self {
        Tickets {
            next: AtomicUsize::new(0),
            len,
        }
    }

    /// The next index nobody has taken, if any is left.
    pub fn next(&self) -> Option<usize> {
        let index = self.next.fetch_add(1, Ordering::Relaxed);
        (index < self.len).then_some(index)
    }
}

/// The threads worth running, asked for once: on Linux the answer takes system calls and
/// reads of cgroup files.
pub fn cores() -> usize {
    static CORES: OnceLock<usize> = OnceLock::new();
    *CORES.get_or_init(|| {
        std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, 4)
    })
}

pub fn panicked() -> Error {
    Error::other("internal error: a generator thread panicked")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_items_order() {
        let items: Vec<u64> = (0..100).rev().collect();
        let squares = map(&items, |n| n * n).unwrap();
        assert_eq!(squares, items.iter().map(|n| n * n).collect::<Vec<_>>());
        assert!(map(&[] as &[u8], |n| *n).unwrap().is_empty());
    }

    #[test]
    fn a_panicking_job_is_an_error() {
        let items = [1, 2, 3, 4];
        let result = map(&items, |n| {
            if *n == 3 {
                panic!("job failed");
            }
            *n
        });
        assert!(result.is_err());
    }
}
