//! `clio bench`: the pipeline's throughput on a corpus, with where the time
//! goes. Reading is done once, before timing; nothing is stored.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{bail, Result};
use clio_ingest::{Inputs, Item, ReadOptions};
use clio_model::RawArticle;
use rayon::prelude::*;

use crate::pipeline::Pipeline;

/// Runs the benchmark and prints its report.
pub fn bench(paths: &[PathBuf], read: ReadOptions, pipeline: &Pipeline, repeat: u32) -> Result<()> {
    let t = Instant::now();
    let articles: Vec<RawArticle> = Inputs::new(paths, read)
        .filter_map(|i| match i {
            Item::Article(a) => Some(*a),
            _ => None,
        })
        .collect();
    if articles.is_empty() {
        bail!("no articles in the inputs to benchmark");
    }
    let bytes: usize = articles.iter().map(|a| a.raw.len()).sum();
    eprintln!(
        "read {} articles, {:.1} MB, in {:.2} s (not timed below)",
        articles.len(),
        bytes as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );

    // Warm-up pass, which also counts what the pipeline produced.
    let docs: Vec<_> = articles.par_iter().map(|a| pipeline.process(a.clone())).collect();
    let sentences: usize = docs.iter().map(|d| d.sentences.len()).sum();
    let dated = docs.iter().filter(|d| d.date.value.is_some()).count();
    drop(docs);

    let threads = rayon::current_num_threads();
    let mut best = Duration::MAX;
    for _ in 0..repeat.max(1) {
        let t = Instant::now();
        let n: usize = articles.par_iter().map(|a| pipeline.process(a.clone()).sentences.len()).sum();
        best = best.min(t.elapsed());
        if n != sentences {
            bail!("the pipeline is not deterministic: {n} sentences, then {sentences}");
        }
    }
    let secs = best.as_secs_f64();
    let mb = bytes as f64 / 1e6;
    println!("articles    {} ({} dated), {sentences} sentences, {mb:.1} MB", articles.len(), dated);
    println!("threads     {threads}");
    println!(
        "throughput  {:.0} articles/s, {:.0} sentences/s, {:.1} MB/s ({:.1} MB/s per thread); best of {repeat}: {secs:.3} s",
        articles.len() as f64 / secs,
        sentences as f64 / secs,
        mb / secs,
        mb / secs / threads as f64
    );

    // Where the time goes: one single-threaded pass with per-stage timers.
    let names = pipeline.stage_names();
    let mut timings = vec![Duration::ZERO; names.len()];
    for a in &articles {
        pipeline.process_timed(a.clone(), &mut timings);
    }
    let total: f64 = timings.iter().map(Duration::as_secs_f64).sum();
    println!("stages      (one thread, {:.2} s in all)", total);
    for (name, t) in names.iter().zip(&timings) {
        let s = t.as_secs_f64();
        println!("  {name:<10} {:>5.1}%  {:>7.1} MB/s", 100.0 * s / total.max(1e-9), mb / s.max(1e-9));
    }
    Ok(())
}
