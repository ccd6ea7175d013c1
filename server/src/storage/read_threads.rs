//! Reads run on threads started for them, each taking the next queued read: never on the
//! async workers. Two sets (see `Store` and `sqlite.rs`): SQLite's small reads (an access
//! token, a membership, one state key) on as many threads as there are read connections,
//! and both engines' reads that grow with a room (`/state`, `/members`, `/initialSync`) on
//! one thread of their own, one after another, so that however many clients ask for those,
//! they take at most that thread's core and wait for each other, not in front of the small
//! reads and the joins. (PostgreSQL's small reads and writes stay on tokio's blocking pool:
//! each waits on the network, and the synchronous client needs a thread per call in flight.)
//!
//! Why not tokio's blocking pool for SQLite: it starts a thread whenever every thread it
//! has is busy. A burst of token lookups (the tokens of many clients expiring from the
//! cache together) started dozens of threads, which then only queued for the few read
//! connections, and the async workers paid for starting and waking them
//! (docs/performance.md).

use std::panic::AssertUnwindSafe;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};

use super::db::DbError;

type Job = Box<dyn FnOnce() + Send>;

pub struct ReadThreads {
    /// `None` once dropped: closing the queue ends the threads.
    jobs: Option<Sender<Job>>,
}

impl ReadThreads {
    /// Starts `threads` threads named `name-0`, `name-1`, ….
    pub fn start(name: &str, threads: usize) -> std::io::Result<ReadThreads> {
        let (jobs, queue) = channel::<Job>();
        let queue = Arc::new(Mutex::new(queue));
        for index in 0..threads.max(1) {
            let queue = queue.clone();
            std::thread::Builder::new()
                .name(format!("{name}-{index}"))
                .spawn(move || serve(&queue))?;
        }
        Ok(ReadThreads { jobs: Some(jobs) })
    }

    /// Runs `read` on the next free thread and answers with what it returned:
    /// [`DbError::NotRun`] when the threads are gone, [`DbError::Panicked`] when it panicked.
    /// A read whose caller has gone (its request dropped) by the time a thread is free is not
    /// run. A read waits for a thread without a time limit: each thread holds one
    /// connection, so a read never waits for a connection, only behind the reads queued
    /// before it.
    pub async fn run<T: Send + 'static>(
        &self,
        read: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, DbError> {
        let (answer, answered) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move || {
            if !answer.is_closed() {
                let _ = answer.send(read());
            }
        });
        let queued = self
            .jobs
            .as_ref()
            .is_some_and(|jobs| jobs.send(job).is_ok());
        if !queued {
            return Err(DbError::NotRun);
        }
        answered.await.map_err(|_| DbError::Panicked)
    }
}

impl Drop for ReadThreads {
    fn drop(&mut self) {
        // Closing the queue ends each thread once the reads queued before are done.
        self.jobs.take();
    }
}

fn serve(queue: &Mutex<Receiver<Job>>) {
    loop {
        let job = match queue.lock().unwrap_or_else(|e| e.into_inner()).recv() {
            Ok(job) => job,
            Err(_) => return,
        };
        // A panicking job drops its answer channel (its caller sees `Panicked`); the
        // thread carries on.
        let _ = std::panic::catch_unwind(AssertUnwindSafe(job));
    }
}

#[cfg(test)]
mod tests {
    use super::ReadThreads;
    use crate::storage::db::DbError;

    #[tokio::test]
    async fn answers_each_read_and_survives_a_panic() {
        // One thread: the read after the panic proves that thread carried on.
        let threads = ReadThreads::start("test-read", 1).unwrap();
        assert_eq!(threads.run(|| 6 * 7).await.unwrap(), 42);
        let panicked = threads
            .run(|| -> i32 { panic!("a read that panics") })
            .await;
        assert!(matches!(panicked, Err(DbError::Panicked)));
        assert_eq!(
            threads.run(|| "still serving").await.unwrap(),
            "still serving"
        );
    }

    #[tokio::test]
    async fn a_read_after_the_threads_are_gone_is_not_run() {
        let mut threads = ReadThreads::start("test-read", 1).unwrap();
        threads.jobs.take();
        assert!(matches!(threads.run(|| 1).await, Err(DbError::NotRun)));
    }
}
