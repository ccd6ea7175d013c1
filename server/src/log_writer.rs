//! The thread that writes the log. A line is appended to a buffer by the thread that logs
//! it; the writing thread, woken by a line only when it was waiting for one, writes what is
//! there with one write and pauses for a moment before taking more, so that on a busy
//! server the lines of many requests go out together and a line wakes no thread.
//!
//! Why not a channel with a line per message (what `tracing-appender` does): on a busy
//! server the writing thread had emptied the channel before the next line came, so every
//! request's line woke it (a system call in the request, a thread switch on a machine
//! whose cores the requests need) and cost a write of its own.
//!
//! Memory is bounded: past [`WAITING_BYTES`] waiting, a thread logging waits until the
//! lines are taken; a line is never dropped. A line is written at once when the writer is
//! idle, within about [`GATHER`] when it is busy; a `kill -9` loses the lines waiting then.

use std::io::Write;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

use tracing_subscriber::fmt::MakeWriter;

/// Lines waiting past which a thread logging waits for the writer: about 10,000 request
/// lines, a burst that long is absorbed.
pub const WAITING_BYTES: usize = 2 << 20;

/// How long the writer pauses after a write, letting lines gather for the next one.
pub const GATHER: Duration = Duration::from_millis(10);

/// How long closing waits for the lines still waiting to be written.
const CLOSING_WAIT: Duration = Duration::from_secs(1);

#[derive(Default)]
struct State {
    lines: Vec<u8>,
    closing: bool,
    /// The writer is waiting for lines: the next line must wake it. Otherwise (it is
    /// writing or pausing) it takes them when it comes back, and a line wakes nobody.
    writer_waiting: bool,
}

struct Shared {
    state: Mutex<State>,
    /// Lines arrived in an empty buffer, or closing started.
    arrived: Condvar,
    /// The writer took the lines.
    taken: Condvar,
    limit: usize,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A thread that panicked while appending left whole lines: go on with them.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn append(&self, line: &[u8]) {
        let mut state = self.lock();
        while !state.lines.is_empty() && state.lines.len() >= self.limit && !state.closing {
            state = self.taken.wait(state).unwrap_or_else(|e| e.into_inner());
        }
        if state.closing {
            // The writer may be gone (closing may have begun while this thread waited for
            // room): write this one straight away.
            drop(state);
            let _ = std::io::stderr().write_all(line);
            return;
        }
        state.lines.extend_from_slice(line);
        let wake = std::mem::take(&mut state.writer_waiting);
        drop(state);
        if wake {
            self.arrived.notify_one();
        }
    }
}

/// Where `tracing_subscriber` writes each formatted line (one `write` per line).
#[derive(Clone)]
pub struct Lines(Arc<Shared>);

/// One event's writer.
pub struct Line<'a>(&'a Shared);

impl Write for Line<'_> {
    fn write(&mut self, line: &[u8]) -> std::io::Result<usize> {
        self.0.append(line);
        Ok(line.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Lines {
    type Writer = Line<'a>;

    fn make_writer(&'a self) -> Line<'a> {
        Line(&self.0)
    }
}

/// The writing thread; dropping it writes the lines still waiting (waiting up to a second
/// for that) and ends the thread.
pub struct LogWriter {
    shared: Arc<Shared>,
    done: std::sync::mpsc::Receiver<()>,
}

impl Drop for LogWriter {
    fn drop(&mut self) {
        self.shared.lock().closing = true;
        self.shared.arrived.notify_one();
        self.shared.taken.notify_all();
        let _ = self.done.recv_timeout(CLOSING_WAIT);
    }
}

/// Starts the thread writing to `out`, letting lines wait up to `limit` bytes.
pub fn start(
    out: impl Write + Send + 'static,
    limit: usize,
) -> std::io::Result<(Lines, LogWriter)> {
    let shared = Arc::new(Shared {
        state: Mutex::new(State::default()),
        arrived: Condvar::new(),
        taken: Condvar::new(),
        limit,
    });
    let (finished, done) = std::sync::mpsc::channel();
    let writing = shared.clone();
    std::thread::Builder::new()
        .name("log-writer".into())
        .spawn(move || {
            write_lines(&writing, out);
            let _ = finished.send(());
        })?;
    Ok((Lines(shared.clone()), LogWriter { shared, done }))
}

/// The writing thread's loop: until closing, waits for lines, writes them, and pauses so
/// that the lines logged meanwhile go out together.
fn write_lines(shared: &Shared, mut out: impl Write) {
    // The buffer written last, emptied, swapped in for the next lines: two buffers in all.
    let mut taken = Vec::new();
    loop {
        let mut state = shared.lock();
        while state.lines.is_empty() && !state.closing {
            state.writer_waiting = true;
            state = shared
                .arrived
                .wait(state)
                .unwrap_or_else(|e| e.into_inner());
        }
        state.writer_waiting = false;
        std::mem::swap(&mut state.lines, &mut taken);
        let closing = state.closing;
        drop(state);
        shared.taken.notify_all();
        // Nowhere to report a failing stderr: the lines are lost, the server goes on.
        let _ = out.write_all(&taken).and_then(|()| out.flush());
        taken.clear();
        if closing {
            return;
        }
        std::thread::sleep(GATHER);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the writer wrote, and in how many writes.
    #[derive(Clone, Default)]
    struct Sink(Arc<Mutex<(Vec<u8>, usize)>>);

    impl Write for Sink {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            let mut sink = self.0.lock().unwrap();
            sink.0.extend_from_slice(bytes);
            sink.1 += 1;
            Ok(bytes.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn every_line_is_written_whole_and_in_each_threads_order() {
        let sink = Sink::default();
        let (lines, writer) = start(sink.clone(), WAITING_BYTES).unwrap();
        let threads: Vec<_> = (0..4)
            .map(|t| {
                let lines = lines.clone();
                std::thread::spawn(move || {
                    for i in 0..2_000 {
                        let line = format!("thread {t} line {i}\n");
                        lines.make_writer().write_all(line.as_bytes()).unwrap();
                    }
                })
            })
            .collect();
        for thread in threads {
            thread.join().unwrap();
        }
        drop(writer);
        let (written, _) = sink.0.lock().unwrap().clone();
        let written = String::from_utf8(written).unwrap();
        for t in 0..4 {
            let mine: Vec<&str> = written
                .lines()
                .filter(|l| l.starts_with(&format!("thread {t} ")))
                .collect();
            let expected: Vec<String> =
                (0..2_000).map(|i| format!("thread {t} line {i}")).collect();
            assert_eq!(mine, expected, "thread {t}'s lines, whole and in order");
        }
        assert_eq!(written.lines().count(), 8_000, "nothing else, nothing lost");
    }

    #[test]
    fn lines_logged_a_little_apart_go_out_many_per_write() {
        // As on a busy server: each line comes after the writer has written the one
        // before, so without the pause each would be a write (and a wake-up) of its own.
        let sink = Sink::default();
        let (lines, writer) = start(sink.clone(), WAITING_BYTES).unwrap();
        for i in 0..1_000 {
            lines
                .make_writer()
                .write_all(format!("line {i}\n").as_bytes())
                .unwrap();
            std::thread::sleep(Duration::from_micros(50));
        }
        drop(writer);
        let (written, writes) = sink.0.lock().unwrap().clone();
        assert_eq!(String::from_utf8(written).unwrap().lines().count(), 1_000);
        assert!(writes <= 200, "1,000 lines took {writes} writes");
    }

    /// A sink that takes nothing until released, then keeps what it is given.
    #[derive(Clone, Default)]
    struct Stuck {
        released: Arc<(Mutex<bool>, Condvar)>,
        kept: Sink,
    }

    impl Stuck {
        fn release(&self) {
            let (released, changed) = &*self.released;
            *released.lock().unwrap() = true;
            changed.notify_all();
        }
    }

    impl Write for Stuck {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            let (released, changed) = &*self.released;
            let mut released = released.lock().unwrap();
            while !*released {
                released = changed.wait(released).unwrap();
            }
            self.kept.write(bytes)
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_stuck_output_holds_back_the_threads_logging_instead_of_filling_memory() {
        use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
        let stuck = Stuck::default();
        let (lines, writer) = start(stuck.clone(), 1_000).unwrap();
        let logged = Arc::new(AtomicUsize::new(0));
        let logging = {
            let (lines, logged) = (lines.clone(), logged.clone());
            std::thread::spawn(move || {
                for i in 0..1_000 {
                    let line = format!("{i:0>99}\n");
                    lines.make_writer().write_all(line.as_bytes()).unwrap();
                    logged.fetch_add(1, SeqCst);
                }
            })
        };
        // Until the logging thread is held back: its count stops moving.
        let mut held = 0;
        for _ in 0..100 {
            std::thread::sleep(Duration::from_millis(50));
            let now = logged.load(SeqCst);
            if now == held && now > 0 {
                break;
            }
            held = now;
        }
        // The writer holds what it took before it got stuck (at most the limit and a
        // line); the buffer holds at most as much again.
        assert!(
            (1..=22).contains(&held),
            "{held} lines of 100 bytes logged against a 1,000-byte limit"
        );
        assert!(lines.0.lock().lines.len() < 1_000 + 100);
        stuck.release();
        logging.join().unwrap();
        drop(writer);
        let (written, _) = stuck.kept.0.lock().unwrap().clone();
        let expected: String = (0..1_000).map(|i| format!("{i:0>99}\n")).collect();
        assert_eq!(
            String::from_utf8(written).unwrap(),
            expected,
            "every line, once, in order"
        );
    }
}
