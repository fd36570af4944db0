//! Drives inputs through the pipeline in batches: read in order, process a
//! batch in parallel, hand it to the sinks (store, writers) in input order.
//! Problems with single inputs are reported, counted and skipped.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::Result;
use clio_ingest::{Inputs, Item, ReadOptions, SkipReason, Skipped};
use clio_model::{Doc, RawArticle};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use crate::pipeline::Pipeline;

/// Articles per batch: large enough to keep both cores busy, small enough
/// that an interruption loses little.
const BATCH_ARTICLES: usize = 512;
/// Raw bytes per batch, whichever limit comes first.
const BATCH_BYTES: usize = 16 << 20;
/// Skip messages printed per reason before only counting.
const MESSAGES_PER_REASON: u64 = 20;

/// What happened to a run's inputs.
#[derive(Debug, Default)]
pub struct Summary {
    /// Articles read and processed.
    pub articles: u64,
    /// Of those, newly stored.
    pub stored_new: u64,
    /// Of those, already in the store (same id).
    pub already_stored: u64,
    /// Inputs skipped, by reason.
    pub skipped: BTreeMap<SkipReason, u64>,
    /// Files in directories that are not article formats.
    pub ignored: u64,
    /// Non-fatal warnings (e.g. invalid UTF-8 replaced).
    pub warnings: u64,
    /// Raw bytes of the articles processed.
    pub bytes: u64,
    /// Wall time.
    pub elapsed: Duration,
    /// Wall time by phase: reading inputs, processing (all threads at
    /// once), storing, in that order; linking and writing are added by
    /// the command (see [`Phases`]).
    pub phases: Phases,
}

/// Where a run's wall time goes.
#[derive(Debug, Default)]
pub struct Phases {
    /// Reading and decoding inputs.
    pub read: Duration,
    /// The pipeline, on every core.
    pub process: Duration,
    /// Storing batches (and computing linking features).
    pub store: Duration,
    /// The corpus step: stories, merged events, claims.
    pub link: Duration,
    /// Writing the output files.
    pub write: Duration,
}

impl Phases {
    /// One line for the end of a run.
    pub fn line(&self, bytes: u64) -> String {
        let parts = [
            ("read", self.read),
            ("process", self.process),
            ("store", self.store),
            ("link", self.link),
            ("write", self.write),
        ];
        let shown: Vec<String> = parts
            .iter()
            .filter(|(_, d)| !d.is_zero())
            .map(|(name, d)| {
                let secs = d.as_secs_f64();
                format!("{name} {secs:.2} s ({:.1} MB/s)", bytes as f64 / 1e6 / secs.max(1e-9))
            })
            .collect();
        format!("  time: {}", shown.join(", "))
    }
}

impl Summary {
    /// Number of skipped inputs.
    pub fn skipped_total(&self) -> u64 {
        self.skipped.values().sum()
    }

    /// Prints the end-of-run summary to stderr.
    pub fn print(&self, stored: bool) {
        let secs = self.elapsed.as_secs_f64().max(1e-9);
        say!(
            "clio: {} articles in {:.2} s ({:.0} articles/s, {:.1} MB/s)",
            self.articles,
            secs,
            self.articles as f64 / secs,
            self.bytes as f64 / 1e6 / secs
        );
        say!("{}", self.phases.line(self.bytes));
        if stored {
            say!("  stored {} new, {} already stored", self.stored_new, self.already_stored);
        }
        if self.skipped_total() > 0 {
            let parts: Vec<String> = self.skipped.iter().map(|(r, n)| format!("{n} {}", r.label())).collect();
            say!("  skipped {}: {}", self.skipped_total(), parts.join(", "));
        }
        if self.ignored > 0 {
            say!("  ignored {} files in directories that are not .txt, .html, .jsonl, .warc or .warc.gz", self.ignored);
        }
        if self.warnings > 0 {
            say!("  {} warnings (see above)", self.warnings);
        }
    }
}

/// Where processed batches go.
pub trait Sink {
    /// Takes a batch in input order; returns how many were new to the store
    /// and how many it had already.
    fn accept(&mut self, docs: &mut [Doc]) -> Result<(u64, u64)>;
}

/// Options of a batch run.
pub struct RunOptions {
    /// How to read.
    pub read: ReadOptions,
    /// No progress bar.
    pub quiet: bool,
    /// Print every skip message, not the first few per reason.
    pub verbose: bool,
    /// Processing time an article may take before it is given up.
    pub budget: Duration,
}

/// Reads `paths`, processes every article and passes batches to `sink`.
pub fn drive(paths: &[PathBuf], opts: RunOptions, pipeline: &Pipeline, sink: &mut dyn Sink) -> Result<Summary> {
    let start = Instant::now();
    let total = clio_ingest::read::total_bytes(paths);
    let bar = progress_bar(total, opts.quiet);
    let mut inputs = Inputs::new(paths, opts.read);
    let mut summary = Summary::default();
    let mut batch: Vec<RawArticle> = Vec::new();
    let mut batch_bytes = 0;
    loop {
        let read = Instant::now();
        let item = inputs.next();
        summary.phases.read += read.elapsed();
        let end = item.is_none();
        match item {
            Some(Item::Article(a)) => {
                batch_bytes += a.raw.len();
                batch.push(*a);
            }
            Some(Item::Skipped(s)) => report_skip(&s, &mut summary, opts.verbose, &bar),
            Some(Item::Ignored(_)) => summary.ignored += 1,
            None => {}
        }
        if batch.len() >= BATCH_ARTICLES || batch_bytes >= BATCH_BYTES || (end && !batch.is_empty()) {
            let processing = Instant::now();
            let processed: Vec<_> =
                std::mem::take(&mut batch).into_par_iter().map(|a| pipeline.process_within(a, opts.budget)).collect();
            summary.phases.process += processing.elapsed();
            let mut done = Vec::with_capacity(processed.len());
            for p in processed {
                match p {
                    Ok(doc) => done.push(doc),
                    Err(e) => {
                        let s = Skipped {
                            source: e.source,
                            reason: SkipReason::OverBudget,
                            detail: format!(
                                "given up after {:.1} s in the {} stage (budget {} s); nothing stored. Raise --budget to process it",
                                e.spent.as_secs_f64(),
                                e.stage,
                                opts.budget.as_secs_f64()
                            ),
                        };
                        report_skip(&s, &mut summary, opts.verbose, &bar);
                    }
                }
            }
            let (furniture, mut docs): (Vec<Doc>, Vec<Doc>) =
                done.into_iter().partition(clio_ingest::is_furniture_only);
            for d in &furniture {
                let s = Skipped {
                    source: d.source.clone(),
                    reason: SkipReason::Furniture,
                    detail: format!(
                        "no article text, only page furniture ({}); nothing stored. If this is an article, `--no-clean` keeps its text as given",
                        clio_ingest::furniture_kinds(d)
                    ),
                };
                report_skip(&s, &mut summary, opts.verbose, &bar);
            }
            summary.articles += docs.len() as u64;
            summary.bytes += batch_bytes as u64;
            batch_bytes = 0;
            for d in &docs {
                for w in &d.warnings {
                    summary.warnings += 1;
                    bar.suspend(|| say!("clio: {}: warning: {w}", d.source));
                }
            }
            let storing = Instant::now();
            let (new, old) = sink.accept(&mut docs)?;
            summary.phases.store += storing.elapsed();
            summary.stored_new += new;
            summary.already_stored += old;
            bar.set_position(inputs.consumed());
            bar.set_message(format!("{} articles", summary.articles));
        }
        if end {
            break;
        }
    }
    bar.finish_and_clear();
    summary.elapsed = start.elapsed();
    Ok(summary)
}

/// Counts a skipped input and names it on stderr, the first few of each
/// kind (all with `--verbose`).
fn report_skip(s: &Skipped, summary: &mut Summary, verbose: bool, bar: &ProgressBar) {
    let n = summary.skipped.entry(s.reason).or_default();
    *n += 1;
    if verbose || *n <= MESSAGES_PER_REASON {
        bar.suspend(|| say!("clio: {s}"));
    } else if *n == MESSAGES_PER_REASON + 1 {
        bar.suspend(|| say!("clio: more inputs skipped as {}; counting only (--verbose shows all)", s.reason.label()));
    }
}

fn progress_bar(total: Option<u64>, quiet: bool) -> ProgressBar {
    if quiet {
        return ProgressBar::hidden();
    }
    match total {
        Some(t) => {
            let bar = ProgressBar::new(t);
            if let Ok(style) =
                ProgressStyle::with_template("{bar:30} {bytes}/{total_bytes} {msg} [{elapsed_precise}, {eta} left]")
            {
                bar.set_style(style);
            }
            bar
        }
        None => ProgressBar::new_spinner(),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // a failure here is a failed test

    use super::*;
    use std::sync::Arc;

    /// Records the ids it is given; fails on batch `fail_at` when set.
    struct Recorder {
        ids: Vec<String>,
        batches: usize,
        fail_at: Option<usize>,
    }

    impl Sink for Recorder {
        fn accept(&mut self, docs: &mut [Doc]) -> Result<(u64, u64)> {
            self.batches += 1;
            if self.fail_at == Some(self.batches) {
                anyhow::bail!("the store is full");
            }
            self.ids.extend(docs.iter().map(|d| d.id.0.clone()));
            Ok((docs.len() as u64, 0))
        }
    }

    fn run(sink: &mut Recorder) -> Result<Summary> {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("in.jsonl");
        let lines: String = (0..1300)
            .map(|i| format!("{{\"id\": \"a{i:04}\", \"text\": \"Kenya and Uganda met in Nairobi on day {i}.\"}}\n"))
            .collect();
        std::fs::write(&file, lines).unwrap();
        let pipeline = Pipeline::new(
            clio_ingest::CleanOptions::default(),
            Arc::new(clio_lexicon::Lexicon::bundled()),
            Arc::new(clio_nlp::Models::bundled().unwrap()),
        )
        .unwrap();
        let opts =
            RunOptions { read: ReadOptions::default(), quiet: true, verbose: false, budget: Duration::from_secs(30) };
        drive(&[file], opts, &pipeline, sink)
    }

    #[test]
    fn batches_reach_the_sink_whole_and_in_input_order() {
        let mut sink = Recorder { ids: Vec::new(), batches: 0, fail_at: None };
        let summary = run(&mut sink).unwrap();
        assert_eq!(sink.batches, 3, "1300 articles in batches of {BATCH_ARTICLES}");
        let want: Vec<String> = (0..1300).map(|i| format!("a{i:04}")).collect();
        assert_eq!(sink.ids, want);
        assert_eq!((summary.articles, summary.stored_new), (1300, 1300));
    }

    #[test]
    fn a_failing_store_stops_the_run_with_its_error() {
        let mut sink = Recorder { ids: Vec::new(), batches: 0, fail_at: Some(2) };
        let err = run(&mut sink).unwrap_err();
        assert!(err.to_string().contains("the store is full"), "{err}");
        assert_eq!(sink.ids.len(), BATCH_ARTICLES, "only the first batch was taken");
    }
}
