//! `clio eval polnear`: quotations and speakers against PolNeAR's brat
//! attribution files.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use clio_ingest::CleanOptions;
use clio_lexicon::Lexicon;
use clio_model::{ArticleMeta, Doc, InputFormat, QuoteKind, RawArticle, Span};
use clio_nlp::Models;
use serde_json::json;

use super::{pct, read};

/// A span of characters (not bytes), possibly in pieces.
type Chars = Vec<(usize, usize)>;

/// One article's gold: Content spans (with whether each is a direct quote)
/// and the Source spans of each Content.
#[derive(Default)]
struct Gold {
    contents: Vec<(Chars, bool)>,
    sources: HashMap<usize, Vec<Chars>>,
}

const MARKS: &[char] = &['"', '\u{201C}', '\u{201D}', '\u{2018}', '\u{2019}', '\''];

/// Reads a brat file: `T` lines (id, type, char ranges, text) and `E`
/// lines tying a Content to its Source.
fn parse_ann(text: &str) -> Gold {
    let mut spans: HashMap<&str, (&str, Chars, &str)> = HashMap::new();
    let mut events: Vec<HashMap<&str, &str>> = Vec::new();
    for line in text.lines() {
        let mut cols = line.split('\t');
        let (Some(id), Some(mid)) = (cols.next(), cols.next()) else { continue };
        let words = cols.next().unwrap_or("");
        if id.starts_with('T') {
            let Some((kind, ranges)) = mid.split_once(' ') else { continue };
            let chars: Chars = ranges
                .split(';')
                .filter_map(|r| {
                    let (a, b) = r.trim().split_once(' ')?;
                    Some((a.parse().ok()?, b.parse().ok()?))
                })
                .collect();
            spans.insert(id, (kind, chars, words));
        } else if id.starts_with('E') {
            events.push(mid.split_whitespace().filter_map(|p| p.split_once(':')).collect());
        }
    }
    let mut gold = Gold::default();
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut ids: Vec<&&str> = spans.keys().collect();
    ids.sort_by_key(|k| k[1..].parse::<u32>().unwrap_or(0));
    for id in ids {
        let (kind, chars, words) = &spans[*id];
        if *kind == "Content" {
            let w = words.trim();
            let direct = w.starts_with(MARKS) && w.ends_with(MARKS) && w.chars().count() > 2;
            index.insert(id, gold.contents.len());
            gold.contents.push((chars.clone(), direct));
        }
    }
    for e in events {
        let (Some(c), Some(s)) = (e.get("Content"), e.get("Source")) else { continue };
        let (Some(&ci), Some((_, chars, _))) = (index.get(c), spans.get(s)) else { continue };
        gold.sources.entry(ci).or_default().push(chars.clone());
    }
    gold
}

/// Characters of `a` inside `b`.
fn overlap(a: (usize, usize), b: &Chars) -> usize {
    b.iter().map(|&(s, e)| a.1.min(e).saturating_sub(a.0.max(s))).sum()
}

/// Maps spans of the cleaned text to character ranges of the raw file.
struct ToRawChars<'a> {
    doc: &'a Doc,
    /// Byte offset of each character of the raw text, in order.
    starts: Vec<usize>,
}

impl ToRawChars<'_> {
    fn chars(&self, span: Span) -> Option<(usize, usize)> {
        let a = self.doc.offset_map.to_raw(span.start())?;
        let b = self.doc.offset_map.to_raw(span.end().checked_sub(1)?)? + 1;
        let c = |byte: usize| self.starts.partition_point(|&s| s < byte);
        Some((c(a), c(b)))
    }
}

/// The annotation file of an article: NAME.ann, else the first NAME_*.ann.
fn ann_for(dir: &Path, name: &str) -> Option<PathBuf> {
    let exact = dir.join(format!("{name}.ann"));
    if exact.exists() {
        return Some(exact);
    }
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name().and_then(|f| f.to_str()).is_some_and(|f| {
                f.strip_prefix(name)
                    .and_then(|r| r.strip_prefix('_'))
                    .is_some_and(|r| r.ends_with(".ann") && !r.contains('_'))
            })
        })
        .collect();
    found.sort();
    found.into_iter().next()
}

#[derive(Default)]
struct Tally {
    said: usize,
    said_right: usize,
    gold: usize,
    gold_found: usize,
    speaker_n: usize,
    speaker_right: usize,
}

pub(super) fn eval_polnear(dir: &Path, models: Models, verbose: bool, as_json: bool) -> Result<()> {
    let text_dir = dir.join("text");
    let ann_dir = dir.join("attributions");
    let mut names: Vec<String> = std::fs::read_dir(&text_dir)
        .with_context(|| {
            format!("reading {} (give a PolNeAR split: the folder with text/ and attributions/)", text_dir.display())
        })?
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().to_str().and_then(|f| f.strip_suffix(".txt")).map(str::to_string))
        .collect();
    names.sort();
    if names.is_empty() {
        bail!("{}: no .txt files", text_dir.display());
    }
    let lexicon = std::sync::Arc::new(Lexicon::bundled());
    let pipeline = crate::pipeline::Pipeline::new(CleanOptions::default(), lexicon, std::sync::Arc::new(models))?;
    let mut t = Tally::default();
    let mut articles = 0;
    for name in &names {
        let Some(ann) = ann_for(&ann_dir, name) else { continue };
        let gold = parse_ann(&read(&ann)?);
        let path = text_dir.join(format!("{name}.txt"));
        let raw = read(&path)?;
        articles += 1;
        let doc = pipeline.process(RawArticle {
            id: Some(name.clone()),
            source: path.display().to_string(),
            format: InputFormat::Text,
            raw: raw.clone(),
            is_html: false,
            meta: ArticleMeta::default(),
            warnings: Vec::new(),
        });
        let map = ToRawChars { doc: &doc, starts: raw.char_indices().map(|(b, _)| b).collect() };
        let mut found = vec![false; gold.contents.len()];
        for q in doc.quotes.iter().filter(|q| q.kind == QuoteKind::Direct) {
            let Some(chars) = map.chars(q.span) else { continue };
            t.said += 1;
            let len = chars.1.saturating_sub(chars.0).max(1);
            let best = gold
                .contents
                .iter()
                .enumerate()
                .map(|(i, (g, _))| (overlap(chars, g), i))
                .max()
                .filter(|&(o, _)| 2 * o >= len);
            let quoted = || doc.slice(q.span).chars().take(80).collect::<String>();
            let Some((_, gi)) = best else {
                if verbose {
                    out!("{name}: not a quotation: \"{}\"", quoted());
                }
                continue;
            };
            t.said_right += 1;
            found[gi] = true;
            let Some(sources) = gold.sources.get(&gi) else { continue };
            t.speaker_n += 1;
            let speaker = q.speaker.and_then(|e| doc.entities.get(e as usize - 1));
            let hits = |c: (usize, usize)| sources.iter().any(|s| overlap(c, s) > 0);
            let named_here = q.speaker_span.and_then(|s| map.chars(s)).is_some_and(hits);
            let right =
                named_here || speaker.is_some_and(|e| e.mentions.iter().filter_map(|m| map.chars(m.span)).any(hits));
            t.speaker_right += right as usize;
            if verbose && !right {
                let gold_source: Vec<String> = sources
                    .iter()
                    .flatten()
                    .map(|&(a, b)| raw.chars().skip(a).take(b - a).collect::<String>())
                    .collect();
                out!(
                    "{name}: speaker {:?} ({:?}), gold {gold_source:?}: \"{}\"",
                    speaker.map(|e| e.name.as_str()),
                    q.speaker_span.map(|s| doc.slice(s)),
                    quoted()
                );
            }
        }
        for (i, (g, direct)) in gold.contents.iter().enumerate() {
            if !direct {
                continue;
            }
            t.gold += 1;
            t.gold_found += found[i] as usize;
            if verbose && !found[i] {
                let (a, b) = (g[0].0, g.last().map_or(g[0].1, |x| x.1));
                let words: String = raw.chars().skip(a).take((b - a).min(80)).collect();
                out!("{name}: missed: {words}");
            }
        }
    }
    let frac = |a: usize, b: usize| a as f64 / b.max(1) as f64;
    let (p, r) = (frac(t.said_right, t.said), frac(t.gold_found, t.gold));
    let f1 = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    let speaker = frac(t.speaker_right, t.speaker_n);
    out!("{}: {articles} articles, {} gold direct quotes", dir.display(), t.gold);
    out!("  direct quotes  precision {}%  recall {}%  F1 {}%", pct(p), pct(r), pct(f1));
    out!("  speaker right  {}%  (of {} quotes found with a gold source)", pct(speaker), t.speaker_n);
    if as_json {
        out!(
            "{}",
            json!({"precision": p, "recall": r, "f1": f1, "speaker": speaker, "articles": articles, "gold": t.gold, "found": t.said})
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brat_contents_sources_and_direct_quotes() {
        let ann = "T1\tSource 0 5\tAlice\nT2\tCue 6 10\tsaid\nT3\tContent 11 24\t\u{201C}We will go\u{201D}\n\
                   T4\tContent 30 40\tthat it was\nE1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n\
                   T5\tSource 41 44;50 53\tBob\n E2\tContent:T4 Source:T5\n";
        let g = parse_ann(ann);
        assert_eq!(g.contents.len(), 2);
        assert_eq!(g.contents[0], (vec![(11, 24)], true));
        assert!(!g.contents[1].1, "a paraphrase is not a direct quote");
        assert_eq!(g.sources[&0], [vec![(0, 5)]]);
        assert_eq!(overlap((10, 20), &vec![(11, 24)]), 9);
        assert_eq!(overlap((0, 60), &vec![(41, 44), (50, 53)]), 6);
    }
}
