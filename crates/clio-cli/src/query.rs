//! `clio query`: the corpus in the store, as a table or JSON.

use std::fmt::Write as _;

use anyhow::{bail, Result};
use clio_store::Store;
use serde_json::Value;

/// What to list.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum What {
    /// Stories: articles reporting the same happening.
    Stories,
    /// Merged events with GDELT's counts.
    Events,
    /// Quantity claims reported by several articles, and conflicts.
    Claims,
    /// Global entities.
    Entities,
}

/// Filters for events.
pub struct Filters {
    /// Source or target actor code starts with this ("CHN").
    pub actor: Option<String>,
    /// CAMEO code starts with this ("04").
    pub code: Option<String>,
    /// Date on or after this (YYYY-MM-DD).
    pub since: Option<String>,
}

fn s(v: &Value, k: &str) -> String {
    match &v[k] {
        Value::String(x) => x.clone(),
        Value::Null => "-".into(),
        x => x.to_string(),
    }
}

/// A warning when the corpus answering `what` is older than the articles
/// stored (a run stopped after storing articles, before its corpus step),
/// saying how to bring it up to date.
pub fn stale_corpus(store: &Store, what: What) -> Result<Option<String>> {
    if matches!(what, What::Entities) {
        return Ok(None); // entities are saved with their articles
    }
    Ok(match store.corpus_coverage()? {
        // A corpus saved by a clio that did not count: nothing to compare.
        (None, stored) if stored > 0 && store.corpus("stories")?.is_none() => Some(format!(
            "{stored} articles are stored but none is linked into stories, events or claims yet (a run stopped before its corpus step); `clio link` links them"
        )),
        (Some(linked), stored) if linked < stored => Some(format!(
            "stories, events and claims are linked over {linked} of the {stored} stored articles (a run stopped before its corpus step); `clio link` brings them up to date"
        )),
        _ => None,
    })
}

/// Runs a query and returns what to print.
pub fn query(store: &Store, what: What, f: &Filters, json: bool) -> Result<String> {
    let (rows, stored) = rows(store, what, f)?;
    if json {
        return Ok(serde_json::to_string_pretty(&rows)? + "\n");
    }
    table(what, &rows, stored)
}

/// The stored rows of `what` that pass the filters, and how many are
/// stored in all (for `clio query` and `clio serve`).
pub fn rows(store: &Store, what: What, f: &Filters) -> Result<(Vec<Value>, usize)> {
    if let Some(since) = &f.since {
        if since.parse::<jiff::civil::Date>().is_err() {
            bail!("--since takes a date as YYYY-MM-DD, got {since:?}");
        }
    }
    let rows: Vec<Value> = match what {
        What::Entities => store
            .global_entities()?
            .into_iter()
            .map(|g| serde_json::json!({"id": g.id, "name": g.name, "type": g.etype}))
            .collect(),
        _ => {
            let key = match what {
                What::Stories => "stories",
                What::Events => "events",
                _ => "claims",
            };
            let text = store.corpus(key)?.unwrap_or_else(|| "[]".into());
            serde_json::from_str(&text)?
        }
    };
    if matches!(what, What::Entities) && (f.actor.is_some() || f.code.is_some() || f.since.is_some()) {
        bail!("--actor, --code and --since filter events, stories and claims, not entities");
    }
    // A story matches by the merged events its articles report.
    let events: Vec<Value> = if matches!(what, What::Stories) && (f.actor.is_some() || f.code.is_some()) {
        serde_json::from_str(&store.corpus("events")?.unwrap_or_else(|| "[]".into()))?
    } else {
        Vec::new()
    };
    let stored = rows.len();
    Ok((filter(what, rows, &events, f), stored))
}

/// The rows of `what` that pass the filters; stories match by `events`,
/// the merged events (needed only with an actor or code filter).
pub fn filter(what: What, rows: Vec<Value>, events: &[Value], f: &Filters) -> Vec<Value> {
    let actor_ok = |r: &Value| {
        f.actor
            .as_ref()
            .is_none_or(|a| s(r, "source").starts_with(a.as_str()) || s(r, "target").starts_with(a.as_str()))
    };
    let code_ok = |r: &Value| f.code.as_ref().is_none_or(|c| s(r, "code").starts_with(c.as_str()));
    let since_ok = |date: Option<&str>| f.since.as_ref().is_none_or(|d| date.is_some_and(|x| x >= d.as_str()));
    rows.into_iter()
        .filter(|r| match what {
            What::Events => actor_ok(r) && code_ok(r) && since_ok(r["date"].as_str()),
            What::Stories => {
                let ids: Vec<&str> = r["events"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
                let has_event = (f.actor.is_none() && f.code.is_none())
                    || events.iter().any(|e| ids.contains(&s(e, "id").as_str()) && actor_ok(e) && code_ok(e));
                has_event && since_ok(r["last_date"].as_str())
            }
            What::Claims => {
                let subject_ok = f.actor.as_ref().is_none_or(|a| s(r, "subject").starts_with(a.as_str()));
                subject_ok && f.code.is_none() && since_ok(r["as_of"].as_str())
            }
            What::Entities => true,
        })
        .collect()
}

/// The rows as a table for a person.
fn table(what: What, rows: &[Value], stored: usize) -> Result<String> {
    let mut out = String::new();
    for r in rows {
        let docs = r["documents"].as_array().map_or(0, Vec::len);
        match what {
            What::Stories => {
                let ids: Vec<String> = r["documents"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|d| d.as_str().map(str::to_string))
                    .collect();
                let list = |k: &str| r[k].as_array().map_or(0, Vec::len);
                let outlets: Vec<&str> =
                    r["outlets"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
                let dates = match (r["first_date"].as_str(), r["last_date"].as_str()) {
                    (Some(a), Some(b)) if a == b => a.to_string(),
                    (Some(a), Some(b)) => format!("{a}..{b}"),
                    _ => "undated".to_string(),
                };
                writeln!(
                    out,
                    "{:<6} {:>3} articles  {dates}  {} events  {} claims  \"{}\"",
                    s(r, "id"),
                    docs,
                    list("events"),
                    list("claims"),
                    s(r, "label")
                )?;
                if !outlets.is_empty() {
                    writeln!(out, "       outlets: {}", outlets.join(", "))?;
                }
                writeln!(out, "       {}", ids.join(", "))?;
            }
            What::Events => writeln!(
                out,
                "{:<6} {:<10} {:>10} -> {:<12} {:<5} mentions {} sources {} articles {}",
                s(r, "id"),
                s(r, "date"),
                s(r, "source"),
                s(r, "target"),
                s(r, "code"),
                s(r, "num_mentions"),
                s(r, "num_sources"),
                s(r, "num_articles")
            )?,
            What::Claims => {
                let conflicts = r["conflicts_with"]
                    .as_array()
                    .filter(|c| !c.is_empty())
                    .map(|c| format!("  conflicts with {}", Value::Array(c.clone())));
                writeln!(
                    out,
                    "{:<6} {} {}  as of {}  {} articles{}",
                    s(r, "id"),
                    s(r, "value"),
                    s(r, "what"),
                    s(r, "as_of"),
                    docs,
                    conflicts.unwrap_or_default()
                )?;
            }
            What::Entities => writeln!(out, "{:<6} {:<7} {}", s(r, "id"), s(r, "type"), s(r, "name"))?,
        }
    }
    if rows.is_empty() && stored == 0 {
        out.push_str("(nothing stored yet; run `clio ingest` or `clio run` first)\n");
    } else if rows.is_empty() {
        let _ = writeln!(out, "(none of the {stored} matches the filters)");
    }
    Ok(out)
}
