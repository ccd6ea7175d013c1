//! The results: one row per measured load, printed as a table beside the targets,
//! and serialised as JSON.

use serde::Serialize;

use crate::load::Outcome;

/// The machine's cores, for "share of the machine" figures.
fn cores() -> f64 {
    std::thread::available_parallelism().map_or(1.0, |n| n.get() as f64)
}

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub workload: String,
    pub durability: String,
    pub concurrency: usize,
    pub requests: usize,
    pub per_second: f64,
    pub p50_ms: f64,
    pub p90_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
    pub non_200: usize,
    pub first_failure: Option<String>,
    /// Server CPU seconds per 1,000 requests.
    pub server_cpu_per_1k: Option<f64>,
    /// The load generator's CPU use, as a share of the whole machine (all cores).
    pub client_machine_share: f64,
}

impl Row {
    pub fn new(
        workload: &str,
        durability: &str,
        concurrency: usize,
        outcome: &Outcome,
        server_cpu: Option<f64>,
    ) -> Row {
        let seconds = outcome.elapsed.as_secs_f64();
        Row {
            workload: workload.to_string(),
            durability: durability.to_string(),
            concurrency,
            requests: outcome.requests,
            per_second: outcome.per_second(),
            p50_ms: outcome.quantile_ms(0.50),
            p90_ms: outcome.quantile_ms(0.90),
            p99_ms: outcome.quantile_ms(0.99),
            max_ms: outcome.quantile_ms(1.0),
            non_200: outcome.non_200,
            first_failure: outcome.first_failure.clone(),
            server_cpu_per_1k: server_cpu.map(|cpu| cpu / outcome.requests.max(1) as f64 * 1000.0),
            client_machine_share: outcome.client_cpu / seconds.max(f64::EPSILON) / cores(),
        }
    }

    pub fn print_progress(&self) {
        println!(
            "  {:<28} {:<13} c={:<3} {:>8.0}/s  p50 {:>6.2} ms  p99 {:>6.2} ms  non-200 {}",
            self.workload,
            self.durability,
            self.concurrency,
            self.per_second,
            self.p50_ms,
            self.p99_ms,
            self.non_200
        );
        if let Some(failure) = &self.first_failure {
            println!("    first failure: {failure}");
        }
    }
}

#[derive(Debug, Default, Serialize)]
pub struct Report {
    pub generator_ms: Vec<f64>,
    pub rows: Vec<Row>,
    pub scaling: Vec<Row>,
    pub ceiling: Vec<Row>,
    /// Joins and invites on PostgreSQL, with one and with two server processes.
    pub postgres: Vec<Row>,
    pub memberships_stored: usize,
    pub server_rss_mib: f64,
    pub server_peak_rss_mib: f64,
    pub big_rooms: Option<crate::big_rooms::BigRooms>,
    /// A `--joins-only` run: only the joins' targets are printed.
    pub joins_only: bool,
}

/// Prints one target: its name, the measured value (and unit), and whether it is met.
type Target<'a> = dyn Fn(&str, Option<f64>, &str, &dyn Fn(f64) -> bool) + 'a;

pub fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted.get(sorted.len() / 2).copied().unwrap_or(0.0)
}

impl Report {
    /// The median of the ceiling's runs at `concurrency`.
    fn ceiling_at(&self, concurrency: usize) -> Option<f64> {
        let runs: Vec<f64> = self
            .ceiling
            .iter()
            .filter(|row| row.concurrency == concurrency)
            .map(|row| row.per_second)
            .collect();
        (!runs.is_empty()).then(|| median(&runs))
    }

    fn find(&self, workload: &str, durability: &str, concurrency: usize) -> Option<&Row> {
        self.rows.iter().find(|row| {
            row.workload == workload
                && row.durability == durability
                && row.concurrency == concurrency
        })
    }

    pub fn print(&self) {
        println!(
            "\n| workload | durability | conc | requests | req/s | of ceiling | p50 ms | p90 ms | p99 ms | max ms | non-200 | server CPU s/1k | load gen. share of machine |"
        );
        println!("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for row in self.rows.iter().chain(&self.postgres).chain(&self.ceiling) {
            let fraction = self
                .ceiling_at(row.concurrency)
                .map_or("-".to_string(), |c| {
                    format!("{:.0}%", row.per_second / c * 100.0)
                });
            println!(
                "| {} | {} | {} | {} | {:.0} | {} | {:.2} | {:.2} | {:.2} | {:.2} | {} | {} | {:.0}% |",
                row.workload,
                row.durability,
                row.concurrency,
                row.requests,
                row.per_second,
                fraction,
                row.p50_ms,
                row.p90_ms,
                row.p99_ms,
                row.max_ms,
                row.non_200,
                row.server_cpu_per_1k
                    .map_or("-".into(), |c| format!("{c:.3}")),
                row.client_machine_share * 100.0
            );
        }
        if !self.scaling.is_empty() {
            println!("\n| scaling | p50 ms | p99 ms |\n|---|---:|---:|");
            for row in &self.scaling {
                println!(
                    "| {} | {:.2} | {:.2} |",
                    row.workload, row.p50_ms, row.p99_ms
                );
            }
            println!(
                "\nserver memory with {} memberships stored: RSS {:.1} MiB (peak {:.1} MiB)",
                self.memberships_stored, self.server_rss_mib, self.server_peak_rss_mib
            );
        }
        if let Some(big) = &self.big_rooms {
            println!(
                "\n| big room reads | conc | requests | req/s | p50 ms | p90 ms | p99 ms | max ms | non-200 |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|"
            );
            for row in &big.rows {
                println!(
                    "| {} | {} | {} | {:.1} | {:.2} | {:.2} | {:.2} | {:.2} | {} |",
                    row.workload,
                    row.concurrency,
                    row.requests,
                    row.per_second,
                    row.p50_ms,
                    row.p90_ms,
                    row.p99_ms,
                    row.max_ms,
                    row.non_200
                );
            }
            println!(
                "\n| 8 at once | one answer MiB | RSS before MiB | peak RSS MiB |\n|---|---:|---:|---:|"
            );
            for memory in &big.memory {
                println!(
                    "| /{} | {:.1} | {:.1} | {:.1} |",
                    memory.read, memory.response_mib, memory.before_mib, memory.peak_mib
                );
            }
        }

        println!("\n| target | measured | met |\n|---|---:|---|");
        let target = |name: &str, measured: Option<f64>, unit: &str, ok: &dyn Fn(f64) -> bool| {
            let (shown, met) = match measured {
                Some(value) => (
                    format!("{value:.2} {unit}"),
                    if ok(value) { "yes" } else { "NO" },
                ),
                None => ("-".into(), "NO"),
            };
            println!("| {name} | {shown} | {met} |");
        };
        // A partial run (`--big-rooms-only`, `--postgres-only`, `--joins-only`) prints only
        // its own targets.
        if self.joins_only {
            self.join_targets(&target);
        } else if !self.rows.is_empty() {
            self.load_targets(&target);
        }
        if let Some(big) = &self.big_rooms {
            self.big_room_targets(big, &target);
        }
        let big_rows = self.big_rooms.iter().flat_map(|big| &big.rows);
        let failures: usize = self
            .rows
            .iter()
            .chain(&self.scaling)
            .chain(&self.postgres)
            .chain(big_rows)
            .map(|r| r.non_200)
            .sum();
        target("non-200 answers = 0", Some(failures as f64), "", &|v| {
            v == 0.0
        });
    }

    /// The generator's and the SQLite load's targets, each printed with `target`.
    fn load_targets(&self, target: &Target<'_>) {
        target(
            "generator median ≤ 50 ms",
            Some(median(&self.generator_ms)),
            "ms",
            &|v| v <= 50.0,
        );
        self.join_targets(target);
        let power = self.find("join", "power-loss", 64);
        target(
            "joins c=64 ≥ 2,400/s (power-loss)",
            power.map(|r| r.per_second),
            "/s",
            &|v| v >= 2400.0,
        );
        target(
            "joins c=64 p99 ≤ 20 ms (power-loss)",
            power.map(|r| r.p99_ms),
            "ms",
            &|v| v <= 20.0,
        );
        let invites = self.find("invite", "process-crash", 64);
        target(
            "invites c=64 ≥ 3,000/s",
            invites.map(|r| r.per_second),
            "/s",
            &|v| v >= 3000.0,
        );
        let ratio = match self.scaling.as_slice() {
            [small, large] => Some(large.p50_ms / small.p50_ms.max(f64::EPSILON)),
            _ => None,
        };
        target("large/small room join p50 ≤ 1.5×", ratio, "×", &|v| {
            v <= 1.5
        });
        target(
            "RSS ≤ 150 MB with 1,000,000 memberships",
            Some(self.server_rss_mib * 1.048_576),
            "MB",
            &|v| v <= 150.0,
        );
    }

    /// The targets of the joins at 64 in flight (process-crash).
    fn join_targets(&self, target: &Target<'_>) {
        let join64 = self.find("join", "process-crash", 64);
        target(
            "joins c=64 ≥ 5,000/s (process-crash)",
            join64.map(|r| r.per_second),
            "/s",
            &|v| v >= 5000.0,
        );
        target(
            "joins c=64 p99 ≤ 20 ms (process-crash)",
            join64.map(|r| r.p99_ms),
            "ms",
            &|v| v <= 20.0,
        );
        target(
            "joins c=64 server CPU ≤ 0.12 ms per join (process-crash)",
            join64.and_then(|r| r.server_cpu_per_1k),
            "ms",
            &|v| v <= 0.12,
        );
        target(
            "joins c=64 ≥ 25% of the ceiling at c=64 (median of its runs)",
            join64.and_then(|r| Some(r.per_second / self.ceiling_at(64)? * 100.0)),
            "%",
            &|v| v >= 25.0,
        );
    }

    /// The big-room targets (issue 21), each printed with `target`.
    fn big_room_targets(&self, big: &crate::big_rooms::BigRooms, target: &Target<'_>) {
        let p50 = |workload: &str| big.find(workload).map(|row| row.p50_ms);
        let p99 = |workload: &str| big.find(workload).map(|row| row.p99_ms);
        target(
            "one key, 100,000 members: p50 ≤ 1 ms",
            p50("one key, 100,000 members"),
            "ms",
            &|v| v <= 1.0,
        );
        let ratio = match (p50("one key, 100,000 members"), p50("one key, 10 members")) {
            (Some(large), Some(small)) => Some(large / small.max(f64::EPSILON)),
            _ => None,
        };
        target(
            "one key: 100,000 / 10 members p50 ≤ 1.5×",
            ratio,
            "×",
            &|v| v <= 1.5,
        );
        target(
            "one key, 100,000 members, former member: p50 ≤ 1 ms",
            p50("one key, 100,000 members, former member"),
            "ms",
            &|v| v <= 1.0,
        );
        for read in crate::big_rooms::FULL_READS {
            target(
                &format!("/{read}, 100,000 members: p50 ≤ 150 ms"),
                p50(&format!("/{read}, 100,000 members")),
                "ms",
                &|v| v <= 150.0,
            );
        }
        for memory in &big.memory {
            let limit = 100.0 + 8.0 * memory.response_mib * 1.048_576;
            target(
                &format!(
                    "/{}, 8 at once: peak RSS ≤ 100 MB + 8 × {:.1} MB = {limit:.0} MB",
                    memory.read,
                    memory.response_mib * 1.048_576
                ),
                Some(memory.peak_mib * 1.048_576),
                "MB",
                &|v| v <= limit,
            );
        }
        target(
            "bystander small-room read p99 ≤ 10 ms during 8 full reads",
            p99("bystander one key, 10 members, during full reads"),
            "ms",
            &|v| v <= 10.0,
        );
        target(
            "joins c=16 p99 ≤ 25 ms during 8 full reads",
            p99("joins elsewhere, during full reads"),
            "ms",
            &|v| v <= 25.0,
        );
    }
}
