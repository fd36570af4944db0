//! `clio eval plover`: event coding against PLOVER gold records.

use std::path::Path;

use anyhow::{Context, Result};
use clio_lexicon::Lexicon;
use clio_nlp::Models;
use serde_json::json;

use super::{pct, read};

/// PLOVER 0.5 type names as the 2021 names the codebook uses.
fn plover_2021(event: &str) -> &str {
    match event {
        "DEMAND" => "REQUEST",
        "DISAPPROVE" | "INVESTIGATE" => "ACCUSE",
        "FIGHT" => "ASSAULT",
        e => e,
    }
}

/// A CAMEO actor code's country part, with the manual's old country codes
/// read as ISO ("JAP" -> "JPN").
fn country_of(code: &str) -> String {
    let c = code.get(..3).unwrap_or(code);
    match c {
        "JAP" => "JPN",
        "ITL" => "ITA",
        c => c,
    }
    .to_string()
}

/// The codes of a record's `source` or `target` (a list of actors, or "").
fn actor_codes(v: Option<&serde_json::Value>) -> Vec<String> {
    v.and_then(|v| v.as_array())
        .map(|a| a.iter().filter_map(|x| x.get("code").and_then(|c| c.as_str())).map(country_of).collect())
        .unwrap_or_default()
}

pub(super) fn eval_plover(path: &Path, models: Models, verbose: bool, as_json: bool) -> Result<()> {
    use clio_ingest::CleanOptions;
    use clio_model::{ArticleMeta, InputFormat, RawArticle};
    let records: Vec<serde_json::Value> = serde_json::from_str(&read(path)?)
        .with_context(|| format!("{}: not a JSON list of records", path.display()))?;
    let lexicon = std::sync::Arc::new(Lexicon::bundled());
    let pipeline = crate::pipeline::Pipeline::new(
        CleanOptions { remove_furniture: false },
        lexicon.clone(),
        std::sync::Arc::new(models),
    )?;
    let (mut n, mut found, mut src_ok, mut tgt_n, mut tgt_ok) = (0, 0, 0, 0, 0);
    // Records with a gold target, found or not.
    let mut with_target = 0;
    // Per type: (gold records, found among them, records where clio said it).
    let mut by_type: std::collections::BTreeMap<String, (usize, usize, usize)> = Default::default();
    for r in &records {
        let (Some(event), Some(text)) =
            (r.get("event").and_then(|e| e.as_str()), r.get("text").and_then(|t| t.as_str()))
        else {
            continue;
        };
        if event == "DOCUMENT" {
            continue;
        }
        let gold = plover_2021(event).to_string();
        let published = r.get("date").and_then(|d| d.as_str()).and_then(|d| d.parse::<jiff::civil::Date>().ok());
        let doc = pipeline.process(RawArticle {
            id: r.get("id").and_then(|i| i.as_str()).map(str::to_string),
            source: path.display().to_string(),
            format: InputFormat::Text,
            raw: text.to_string(),
            is_html: false,
            meta: ArticleMeta { published, ..ArticleMeta::default() },
            warnings: Vec::new(),
        });
        n += 1;
        with_target += usize::from(!actor_codes(r.get("target")).is_empty());
        let type_of = |code: &str| lexicon.cameo.get(code).map_or(String::new(), |c| c.plover.clone());
        let said: std::collections::BTreeSet<String> = doc
            .events
            .iter()
            .flat_map(|e| type_of(&e.code).split('/').map(str::to_string).collect::<Vec<_>>())
            .filter(|t| !t.is_empty())
            .collect();
        for t in &said {
            by_type.entry(t.clone()).or_default().2 += 1;
        }
        let entry = by_type.entry(gold.clone()).or_default();
        entry.0 += 1;
        let matching: Vec<&clio_model::Event> =
            doc.events.iter().filter(|e| type_of(&e.code).split('/').any(|t| t == gold)).collect();
        let id = r.get("id").and_then(|i| i.as_str()).unwrap_or("?");
        let show = |what: &str| {
            if verbose {
                let got: Vec<String> = doc
                    .events
                    .iter()
                    .map(|e| {
                        let target = e.target.as_ref().map_or("-", |t| t.code.as_str());
                        format!("{} {}->{target} ({})", e.code, e.source.code, type_of(&e.code))
                    })
                    .collect();
                let actors: Vec<String> = doc
                    .entities
                    .iter()
                    .filter(|e| e.etype != clio_model::EntityType::Loc)
                    .map(|e| format!("{}={}", e.name, e.actor.as_deref().unwrap_or("?")))
                    .collect();
                out!(
                    "{id}: {what}\n  {text}\n  gold {gold} {:?} -> {:?}; clio {got:?}\n  actors {actors:?}",
                    actor_codes(r.get("source")),
                    actor_codes(r.get("target"))
                );
                for e in &doc.events {
                    out!("    {} {}", e.code, e.rule);
                }
            }
        };
        if matching.is_empty() {
            show("type not found");
            continue;
        }
        found += 1;
        entry.1 += 1;
        let sources = actor_codes(r.get("source"));
        let s_ok = sources.iter().all(|g| matching.iter().any(|e| country_of(&e.source.code) == *g));
        src_ok += s_ok as usize;
        let targets = actor_codes(r.get("target"));
        let mut t_ok = true;
        if !targets.is_empty() {
            tgt_n += 1;
            t_ok = targets
                .iter()
                .all(|g| matching.iter().any(|e| e.target.as_ref().is_some_and(|t| country_of(&t.code) == *g)));
            tgt_ok += t_ok as usize;
        }
        if !(s_ok && t_ok) {
            show(if s_ok { "target wrong" } else { "source wrong" });
        }
    }
    let frac = |a: usize, b: usize| a as f64 / b.max(1) as f64;
    out!("{}: {n} records", path.display());
    out!("  type         records  recall  precision");
    for (t, &(gold, hit, said)) in &by_type {
        if gold > 0 {
            out!("  {t:<12} {gold:7}  {}%  {}%", pct(frac(hit, gold)), pct(frac(hit, said)));
        }
    }
    out!("  event type found     {}%  ({found} of {n} records)", pct(frac(found, n)));
    out!("  source country right {}%  (of those)", pct(frac(src_ok, found)));
    out!("  target country right {}%  (of those with a gold target: {tgt_n})", pct(frac(tgt_ok, tgt_n)));
    // The same over every record: finding one more event with a doubtful
    // actor can lower the shares above, never these.
    out!("  type and source right {}%  (of all {n} records)", pct(frac(src_ok, n)));
    out!(
        "  type and target right {}%  (of all {with_target} records with a gold target)",
        pct(frac(tgt_ok, with_target))
    );
    if as_json {
        let types: serde_json::Map<String, serde_json::Value> = by_type
            .iter()
            .filter(|(_, v)| v.0 > 0)
            .map(|(t, &(g, h, s))| (t.clone(), json!({"recall": frac(h, g), "precision": frac(h, s), "records": g})))
            .collect();
        out!(
            "{}",
            json!({"event_type": frac(found, n), "source": frac(src_ok, found), "target": frac(tgt_ok, tgt_n),
                "source_all": frac(src_ok, n), "target_all": frac(tgt_ok, with_target), "records": n, "by_type": types})
        );
    }
    Ok(())
}
