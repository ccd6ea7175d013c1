//! Reads as large as a room (`/state`, `/members`, `/initialSync`) run on a thread of their
//! own, one after another: they never occupy the async workers, the blocking pool the other
//! reads use, or the SQLite writer; at most [`THREADS`] answers are being built at once;
//! and however many clients ask for them, they take at most [`THREADS`] cores, leaving the
//! rest to small reads and joins.

use std::panic::AssertUnwindSafe;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};

/// Threads for large reads (on SQLite, each with a read-only connection of its own).
pub const THREADS: usize = 1;

type Job = Box<dyn FnOnce() + Send>;

pub struct BulkReads {
    jobs: Mutex<Option<Sender<Job>>>,
}

impl BulkReads {
    pub fn start() -> std::io::Result<BulkReads> {
        let (jobs, queue) = channel::<Job>();
        let queue = Arc::new(Mutex::new(queue));
        for index in 0..THREADS {
            let queue = queue.clone();
            std::thread::Builder::new()
                .name(format!("bulk-read-{index}"))
                .spawn(move || serve(&queue))?;
        }
        Ok(BulkReads {
            jobs: Mutex::new(Some(jobs)),
        })
    }

    /// Queues `job`; `false` when the threads are gone (the job is dropped unrun).
    pub fn submit(&self, job: Job) -> bool {
        let jobs = self.jobs.lock().unwrap_or_else(|e| e.into_inner());
        jobs.as_ref().is_some_and(|jobs| jobs.send(job).is_ok())
    }
}

impl Drop for BulkReads {
    fn drop(&mut self) {
        // Closing the queue ends each thread once it is idle.
        self.jobs.lock().unwrap_or_else(|e| e.into_inner()).take();
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
