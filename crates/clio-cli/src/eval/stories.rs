//! `clio eval stories`: clio's stories against ECB+-style topic folders.
//! Each file's gold story is its topic and half (`1_3ecb.xml` -> 1/ecb,
//! `1_3ecbplus.xml` -> 1/ecbplus): two events of the same kind per topic,
//! hard negatives for each other. Only the text goes to clio (tokens joined,
//! an `ecbplus` file's sentence 0, its source URL, left out). Scored with
//! B-cubed and pairwise precision, recall and F1, beside a TF-IDF cosine
//! baseline (average link at 0.2) over the same texts.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{bail, Context, Result};
use clio_ingest::CleanOptions;
use clio_lexicon::Lexicon;
use clio_link::{features, link, GlobalEntities};
use clio_model::{ArticleMeta, InputFormat, RawArticle};
use clio_nlp::Models;
use rustc_hash::FxHashMap;
use serde_json::json;

use super::read;

/// One gold article: its name, text and gold story.
struct Article {
    name: String,
    text: String,
    topic: String,
    half: String,
}

/// The tokens of an ECB+ XML file as text, a sentence per line.
fn ecb_text(xml: &str, plus: bool) -> String {
    let mut sentences: BTreeMap<u32, Vec<String>> = BTreeMap::new();
    for line in xml.lines() {
        let Some(rest) = line.trim().strip_prefix("<token ") else { continue };
        let Some(s) = rest.split("sentence=\"").nth(1).and_then(|x| x.split('"').next()).and_then(|x| x.parse().ok())
        else {
            continue;
        };
        let Some(word) = rest.split_once('>').and_then(|(_, w)| w.strip_suffix("</token>")) else { continue };
        let word = word
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&");
        sentences.entry(s).or_default().push(word);
    }
    sentences.into_iter().filter(|(s, _)| !(plus && *s == 0)).map(|(_, w)| w.join(" ")).collect::<Vec<_>>().join("\n\n")
}

fn articles(dir: &Path) -> Result<Vec<Article>> {
    let mut out = Vec::new();
    let mut topics: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {} (give the folder of ECB+ topic folders)", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    topics.sort();
    for t in topics {
        let topic = t.file_name().and_then(|x| x.to_str()).unwrap_or_default().to_string();
        let mut files: Vec<PathBuf> = std::fs::read_dir(&t)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "xml"))
            .collect();
        files.sort();
        for f in files {
            let name = f.file_stem().and_then(|x| x.to_str()).unwrap_or_default().to_string();
            let plus = name.ends_with("ecbplus");
            let half = if plus { "ecbplus" } else { "ecb" }.to_string();
            out.push(Article { text: ecb_text(&read(&f)?, plus), name, topic: topic.clone(), half });
        }
    }
    if out.is_empty() {
        bail!("{}: no topic folders with .xml files", dir.display());
    }
    Ok(out)
}

/// B-cubed (precision, recall) and pairwise (precision, recall) of
/// `predicted` clusters against `gold`, per item.
fn scores(predicted: &[usize], gold: &[usize]) -> ((f64, f64), (f64, f64)) {
    let n = predicted.len();
    let (mut bp, mut br) = (0.0, 0.0);
    let (mut both, mut same_p, mut same_g) = (0u64, 0u64, 0u64);
    for i in 0..n {
        let (mut inter, mut p, mut g) = (0.0, 0.0, 0.0);
        for j in 0..n {
            let sp = predicted[i] == predicted[j];
            let sg = gold[i] == gold[j];
            inter += (sp && sg) as u8 as f64;
            p += sp as u8 as f64;
            g += sg as u8 as f64;
            if j > i {
                both += (sp && sg) as u64;
                same_p += sp as u64;
                same_g += sg as u64;
            }
        }
        bp += inter / p;
        br += inter / g;
    }
    let frac = |a: u64, b: u64| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    ((bp / n as f64, br / n as f64), (frac(both, same_p), frac(both, same_g)))
}

fn f1((p, r): (f64, f64)) -> f64 {
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

/// The baseline: TF-IDF cosine over lower-case words, average-link
/// clustering that stops below 0.2.
fn baseline(texts: &[&str]) -> Vec<usize> {
    let docs: Vec<FxHashMap<String, f64>> = texts
        .iter()
        .map(|t| {
            let mut m: FxHashMap<String, f64> = FxHashMap::default();
            for w in t.split(|c: char| !c.is_alphanumeric()).filter(|w| w.len() > 2) {
                *m.entry(w.to_lowercase()).or_default() += 1.0;
            }
            m
        })
        .collect();
    let mut df: FxHashMap<&str, f64> = FxHashMap::default();
    for d in &docs {
        for w in d.keys() {
            *df.entry(w.as_str()).or_default() += 1.0;
        }
    }
    let n = docs.len() as f64;
    let vecs: Vec<FxHashMap<&str, f64>> = docs
        .iter()
        .map(|d| {
            let mut v: FxHashMap<&str, f64> =
                d.iter().map(|(w, tf)| (w.as_str(), tf * (n / df[w.as_str()]).ln())).collect();
            let norm = v.values().map(|x| x * x).sum::<f64>().sqrt().max(1e-12);
            v.values_mut().for_each(|x| *x /= norm);
            v
        })
        .collect();
    let k = vecs.len();
    let mut sim = vec![vec![0.0; k]; k];
    for i in 0..k {
        for j in i + 1..k {
            let s: f64 = vecs[i].iter().filter_map(|(w, x)| vecs[j].get(w).map(|y| x * y)).sum();
            sim[i][j] = s;
            sim[j][i] = s;
        }
    }
    // Average link: clusters as member lists, merged while the best
    // average similarity is at least 0.2.
    let mut clusters: Vec<Vec<usize>> = (0..k).map(|i| vec![i]).collect();
    loop {
        let mut best = (0.2, usize::MAX, usize::MAX);
        for a in 0..clusters.len() {
            for b in a + 1..clusters.len() {
                let total: f64 = clusters[a]
                    .iter()
                    .flat_map(|&i| clusters[b].iter().map(move |&j| (i, j)))
                    .map(|(i, j)| sim[i][j])
                    .sum();
                let avg = total / (clusters[a].len() * clusters[b].len()) as f64;
                if avg >= best.0 {
                    best = (avg, a, b);
                }
            }
        }
        if best.1 == usize::MAX {
            break;
        }
        let merged = clusters.remove(best.2);
        clusters[best.1].extend(merged);
    }
    let mut out = vec![0; k];
    for (c, members) in clusters.iter().enumerate() {
        for &i in members {
            out[i] = c;
        }
    }
    out
}

pub(super) fn eval_stories(dir: &Path, models: Models, verbose: bool, as_json: bool) -> Result<()> {
    let arts = articles(dir)?;
    let lexicon = Arc::new(Lexicon::bundled());
    let pipeline = crate::pipeline::Pipeline::new(CleanOptions::default(), lexicon, Arc::new(models))?;
    let mut entities = GlobalEntities::default();
    let feats: Vec<_> = arts
        .iter()
        .map(|a| {
            let mut doc = pipeline.process(RawArticle {
                id: Some(a.name.clone()),
                source: a.name.clone(),
                format: InputFormat::Text,
                raw: a.text.clone(),
                is_html: false,
                meta: ArticleMeta::default(),
                warnings: Vec::new(),
            });
            entities.link(&mut doc);
            features(&doc)
        })
        .collect();
    let links = link(&feats);
    let mut gold_ids: BTreeMap<(String, String), usize> = BTreeMap::new();
    let gold: Vec<usize> = arts
        .iter()
        .map(|a| {
            let next = gold_ids.len();
            *gold_ids.entry((a.topic.clone(), a.half.clone())).or_insert(next)
        })
        .collect();
    let predicted = &links.story_of;
    let ((bp, br), pair) = scores(predicted, &gold);
    let texts: Vec<&str> = arts.iter().map(|a| a.text.as_str()).collect();
    let base = baseline(&texts);
    let ((qp, qr), _) = scores(&base, &gold);
    // Topics whose two halves share a story.
    let mut mixed: Vec<&str> = Vec::new();
    let topics: Vec<&str> = {
        let mut t: Vec<&str> = arts.iter().map(|a| a.topic.as_str()).collect();
        t.dedup();
        t
    };
    for t in &topics {
        let halves = |h: &str| -> Vec<usize> {
            arts.iter().zip(predicted).filter(|(a, _)| a.topic == *t && a.half == h).map(|(_, s)| *s).collect()
        };
        let (a, b) = (halves("ecb"), halves("ecbplus"));
        if a.iter().any(|s| b.contains(s)) {
            mixed.push(t);
        }
    }
    // Dates lent from one article to another of its story: how many, and
    // how many came from an article of another gold story (a date of the
    // other event, often years apart).
    let lent: Vec<(usize, usize)> =
        links.date_from.iter().enumerate().filter_map(|(i, from)| from.map(|j| (i, j))).collect();
    let lent_across = lent.iter().filter(|(i, j)| gold[*i] != gold[*j]).count();
    let lent_precision = if lent.is_empty() { 1.0 } else { 1.0 - lent_across as f64 / lent.len() as f64 };
    if verbose {
        for (k, s) in links.stories.iter().enumerate().filter(|(_, s)| s.documents.len() > 1) {
            let golds: Vec<String> = s
                .documents
                .iter()
                .filter_map(|id| arts.iter().find(|a| a.name == id.as_str()).map(|a| a.name.clone()))
                .collect();
            out!("story {k}: {} articles: {}", s.documents.len(), golds.join(" "));
        }
    }
    out!(
        "{}: {} articles, {} gold stories, {} stories found",
        dir.display(),
        arts.len(),
        gold_ids.len(),
        links.stories.len()
    );
    out!("  B-cubed   precision {}%  recall {}%  F1 {}%", super::pct(bp), super::pct(br), super::pct(f1((bp, br))));
    out!("  pairwise  precision {}%  recall {}%  F1 {}%", super::pct(pair.0), super::pct(pair.1), super::pct(f1(pair)));
    out!("  baseline (TF-IDF cosine, average link at 0.2): B-cubed F1 {}%", super::pct(f1((qp, qr))));
    out!("  topics whose two events share a story: {} of {} {:?}", mixed.len(), topics.len(), mixed);
    out!(
        "  dates lent within a story: {} to articles without one, {} of them from the other event ({}% right)",
        lent.len(),
        lent_across,
        super::pct(lent_precision)
    );
    if as_json {
        out!(
            "{}",
            json!({
                "b3_precision": bp, "b3_recall": br, "b3_f1": f1((bp, br)),
                "pairwise_precision": pair.0, "pairwise_recall": pair.1, "pairwise_f1": f1(pair),
                "baseline_b3_f1": f1((qp, qr)), "b3_over_baseline": f1((bp, br)) - f1((qp, qr)),
                "mixed_topics": mixed.len(), "topics_apart": topics.len() - mixed.len(), "stories": links.stories.len(),
                "articles": arts.len(), "dates_lent": lent.len(), "dates_lent_precision": lent_precision,
            })
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn b_cubed_and_pairwise_scores() {
        // Gold {0,1,2} {3}; predicted {0,1} {2,3}.
        let ((bp, br), (pp, pr)) = scores(&[0, 0, 1, 1], &[0, 0, 0, 1]);
        assert!((bp - (1.0 + 1.0 + 0.5 + 0.5) / 4.0).abs() < 1e-9);
        assert!((br - (2.0 / 3.0 + 2.0 / 3.0 + 1.0 / 3.0 + 1.0) / 4.0).abs() < 1e-9);
        assert!((pp - 0.5).abs() < 1e-9 && (pr - 1.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn ecb_tokens_become_text_without_the_source_url() {
        let xml = "<Document>\n<token t_id=\"1\" sentence=\"0\" number=\"0\">http</token>\n<token t_id=\"2\" sentence=\"1\" number=\"0\">Rain</token>\n<token t_id=\"3\" sentence=\"1\" number=\"1\">&amp;</token>\n<token t_id=\"4\" sentence=\"1\" number=\"2\">wind</token>\n</Document>";
        assert_eq!(ecb_text(xml, true), "Rain & wind");
        assert_eq!(ecb_text(xml, false), "http\n\nRain & wind");
    }
}
