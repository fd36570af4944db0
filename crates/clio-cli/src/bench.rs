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
    say!(
        "read {} articles, {:.1} MB, in {:.2} s (not timed below)",
        articles.len(),
        bytes as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );

    // Warm-up pass, which also counts what the pipeline produced.
    let docs: Vec<_> = articles.par_iter().map(|a| pipeline.process(a.clone())).collect();
    let sentences: usize = docs.iter().map(|d| d.sentences.len()).sum();
    let tokens: usize = docs.iter().map(|d| d.tokens.len()).sum();
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
    out!("articles    {} ({} dated), {sentences} sentences, {tokens} tokens, {mb:.1} MB", articles.len(), dated);
    out!("threads     {threads}");
    out!(
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
    out!(
        "stages      (one thread, {:.2} s in all: {:.1} MB/s, {:.0} tokens/s)",
        total,
        mb / total,
        tokens as f64 / total
    );
    for (name, t) in names.iter().zip(&timings) {
        let s = t.as_secs_f64().max(1e-9);
        out!(
            "  {name:<10} {:>5.1}%  {:>7.1} MB/s  {:>10.0} tokens/s",
            100.0 * s / total.max(1e-9),
            mb / s,
            tokens as f64 / s
        );
    }
    Ok(())
}

/// Links a synthetic corpus of `n` articles made from templates (stories
/// of 1 to 4 articles, people, claims, dates), at several sizes, and
/// reports time, stories found and peak memory: the growth should be near
/// linear.
pub fn bench_linking(n: usize) -> Result<()> {
    use clio_link::features::{minhash, ClaimKey, EventKey};
    use clio_link::{link, sym::Sym, DocFeatures};

    const TEMPLATES: &[&str] = &[
        "Leaders of {a} and {b} met in {c} on {d} to discuss {t}, officials said after the talks ended.",
        "{a} and {b} agreed on {d} to expand cooperation on {t}, a statement from {c} said.",
        "Ministers from {a} criticised {b} on {d} over {t}, the foreign ministry in {c} said.",
    ];
    const TOPICS: &[&str] =
        &["trade", "energy", "border security", "water", "migration", "health", "fisheries", "rail"];
    let make = |i: usize| -> DocFeatures {
        let story = i / 3 + (i % 7) / 5; // stories of varying size
        let day = jiff::civil::Date::new(2020, 1, 1)
            .ok()
            .and_then(|d| d.checked_add(jiff::Span::new().days((story % 1500) as i64)).ok());
        let text = TEMPLATES[(i + story) % TEMPLATES.len()]
            .replace("{a}", &format!("Country{}", story % 211))
            .replace("{b}", &format!("Country{}", (story * 7 + 3) % 211))
            .replace("{c}", &format!("City{}", story % 997))
            .replace("{d}", &format!("day {story}"))
            .replace("{t}", TOPICS[story % TOPICS.len()]);
        DocFeatures {
            id: Sym::new(&format!("doc{i}")),
            outlet: Some(Sym::new(&format!("outlet{}", i % 40))),
            date: day,
            partial: None,
            claims: vec![ClaimKey {
                value: (story % 1000) as f64 + 10.0,
                what: Sym::new("case"),
                what_text: Sym::new("cases"),
                subject: None,
                as_of: day,
            }],
            events: vec![EventKey {
                source: Sym::new(&format!("C{:02}", story % 90)),
                target: Sym::new(&format!("C{:02}", (story + 1) % 90)),
                code: Sym::new("042"),
                date: day,
                sentence: 1,
            }],
            minhash: minhash(&text),
            codes: Default::default(),
            title: None,
            terms: {
                let mut t: Vec<(String, f32)> = text
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| w.len() >= 3)
                    .map(|w| (w.to_lowercase(), 1.0))
                    .chain([(format!("@P{}", story * 2), 2.0), (format!("@O{}", story % 500), 2.0)])
                    .collect();
                t.sort_by(|a, b| a.0.cmp(&b.0));
                t.dedup_by(|a, b| a.0 == b.0);
                t.into_iter().map(|(w, n)| (Sym::new(&w), n)).collect()
            },
        }
    };
    out!("{:>9} {:>10} {:>9} {:>12} {:>10}", "articles", "seconds", "stories", "per article", "peak MB");
    let sizes: Vec<usize> = [n / 10, n / 2, n].into_iter().filter(|&s| s > 0).collect();
    for size in sizes {
        let docs: Vec<DocFeatures> = (0..size).into_par_iter().map(make).collect();
        let t = Instant::now();
        let links = link(&docs);
        let secs = t.elapsed().as_secs_f64();
        out!(
            "{size:>9} {secs:>10.2} {:>9} {:>10.1} us {:>10.0}",
            links.stories.len(),
            secs * 1e6 / size as f64,
            peak_memory_mb().unwrap_or(0.0)
        );
    }
    Ok(())
}

/// Peak resident memory of this process, from /proc (Linux).
fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}
