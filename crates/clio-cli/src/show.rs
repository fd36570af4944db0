//! `clio show` and `clio stats`: what the store holds, for a person.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

use anyhow::{bail, Result};
use clio_export::document_json;
use clio_model::Doc;
use clio_store::Store;
use serde_json::json;

/// Finds an article by id, unique id prefix, or (part of) its source path.
fn find(store: &Store, key: &str) -> Result<Doc> {
    if let Some(doc) = store.get(key)? {
        return Ok(doc);
    }
    let by_prefix = store.ids_with_prefix(key, 6)?;
    let ids = if by_prefix.is_empty() { store.ids_with_source(key, 6)? } else { by_prefix };
    match ids.as_slice() {
        [id] => match store.get(id)? {
            Some(doc) => Ok(doc),
            None => bail!("article {id} vanished while reading"),
        },
        [] => bail!("no stored article has the id, source or id prefix {key:?}; `clio stats` shows what is stored"),
        many => bail!(
            "{key:?} matches several articles ({}, ...); give more of the id",
            many[..many.len().min(5)].join(", ")
        ),
    }
}

/// Prints one article with its layers.
pub fn show(store: &Store, key: &str, as_json: bool) -> Result<()> {
    let mut doc = find(store, key)?;
    let mut out = String::new();
    doc.tokens = clio_text::tokenize(&doc.text);
    if as_json {
        return emit(&serde_json::to_string_pretty(&document_json(&doc))?);
    }
    let or_none = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
    writeln!(out, "id        {}", doc.id)?;
    writeln!(out, "source    {}", doc.source)?;
    writeln!(out, "title     {}", or_none(&doc.meta.title))?;
    writeln!(out, "outlet    {}", or_none(&doc.meta.outlet))?;
    writeln!(out, "dateline  {}", or_none(&doc.meta.dateline))?;
    let value = match (doc.date.value, doc.date.partial) {
        (Some(v), _) => v.to_string(),
        (None, Some(p)) => format!("unresolved (known: {p})"),
        (None, None) => "unresolved".into(),
    };
    writeln!(
        out,
        "date      {value} [{}] {}",
        serde_json::to_value(doc.date.basis)?.as_str().unwrap_or(""),
        doc.date.reason
    )?;
    for w in &doc.warnings {
        writeln!(out, "warning   {w}")?;
    }
    if !doc.removed.is_empty() {
        writeln!(out, "\nremoved from the raw input:")?;
        for r in &doc.removed {
            let reason = serde_json::to_value(r.reason)?;
            writeln!(out, "  {:>16}  {:?}", reason.as_str().unwrap_or(""), r.raw.slice(&doc.raw))?;
        }
    }
    writeln!(out, "\nsentences ({}, {} tokens):", doc.sentences.len(), doc.tokens.len())?;
    for (i, s) in doc.sentences.iter().enumerate() {
        writeln!(out, "  {:>3}  {}", i + 1, doc.slice(s.span).replace('\n', " "))?;
    }
    if !doc.entities.is_empty() {
        writeln!(out, "\nentities:")?;
        for e in &doc.entities {
            let etype = serde_json::to_value(e.etype)?;
            writeln!(
                out,
                "  e{:<3} {:<6} {:<32} {:<14} {} mentions{}",
                e.id,
                etype.as_str().unwrap_or(""),
                e.name,
                e.actor.as_deref().unwrap_or("-"),
                e.mentions.len(),
                if e.roles.is_empty() { String::new() } else { format!("; {}", e.roles.join("; ")) }
            )?;
        }
    }
    if !doc.events.is_empty() {
        writeln!(out, "\nevents:")?;
        for e in &doc.events {
            writeln!(
                out,
                "  v{:<3} {:<5} {} -> {}  {}  [{}]",
                e.id,
                e.code,
                if e.source.code.is_empty() { "(not named)" } else { e.source.code.as_str() },
                e.target.as_ref().map_or("-", |t| t.code.as_str()),
                e.date.map_or("-".into(), |d| d.to_string()),
                e.rule
            )?;
        }
    }
    if !doc.quotes.is_empty() {
        writeln!(out, "\nquotes:")?;
        for q in &doc.quotes {
            let speaker = q.speaker.and_then(|s| doc.entities.get(s as usize - 1)).map_or("?", |e| e.name.as_str());
            let kind = serde_json::to_value(q.kind)?;
            writeln!(
                out,
                "  {:<8} {:<24} {}",
                kind.as_str().unwrap_or(""),
                speaker,
                doc.slice(q.span).replace('\n', " ")
            )?;
        }
    }
    if !doc.quantities.is_empty() {
        writeln!(out, "\nquantities:")?;
        for q in doc.quantities.iter().filter(|q| !q.in_caption) {
            writeln!(
                out,
                "  {:<10} {:<10} {:<28} subject {:<6} as of {}",
                q.value,
                q.qualifier.as_deref().unwrap_or(""),
                q.what.as_deref().unwrap_or("-"),
                q.subject.as_deref().unwrap_or("-"),
                q.as_of.map_or("-".into(), |d| d.to_string())
            )?;
        }
    }
    let exprs: Vec<_> = doc.time_exprs.iter().filter(|e| !e.in_caption).collect();
    if !exprs.is_empty() {
        writeln!(out, "\ntime expressions:")?;
        for e in exprs {
            let v = e.resolved.map_or("?".into(), |p| p.to_string());
            let basis = serde_json::to_value(e.basis)?;
            let as_of = if e.as_of { " (as of)" } else { "" };
            writeln!(
                out,
                "  {:<20} -> {v} [{}]{as_of}",
                doc.slice(e.span).replace('\n', " "),
                basis.as_str().unwrap_or("")
            )?;
        }
    }
    emit(&out)
}

/// Prints a summary of the store.
pub fn stats(store: &Store, path: &Path, as_json: bool) -> Result<()> {
    let s = store.stats()?;
    let mut out = String::new();
    let version = store.format_version()?;
    if as_json {
        let v = json!({
            "db": path.display().to_string(), "format_version": version, "articles": s.articles,
            "text_bytes": s.text_bytes, "date_basis": s.by_basis, "top_outlets": s.top_outlets,
            "date_range": s.date_range,
        });
        return emit(&serde_json::to_string_pretty(&v)?);
    }
    writeln!(out, "store       {} (format {version})", path.display())?;
    writeln!(out, "articles    {}", s.articles)?;
    writeln!(out, "text        {:.1} MB", s.text_bytes as f64 / 1e6)?;
    if let Some((a, b)) = &s.date_range {
        writeln!(out, "dates       {a} .. {b}")?;
    }
    let basis: Vec<String> = s.by_basis.iter().map(|(b, n)| format!("{b} {n}")).collect();
    writeln!(out, "date basis  {}", basis.join(", "))?;
    if !s.top_outlets.is_empty() {
        let outlets: Vec<String> = s.top_outlets.iter().map(|(o, n)| format!("{o} {n}")).collect();
        writeln!(out, "outlets     {}", outlets.join(", "))?;
    }
    emit(&out)
}

/// Writes to stdout; a closed pipe (`clio show X | head`) is not an error.
fn emit(text: &str) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    let newline: &[u8] = if text.ends_with('\n') { b"" } else { b"\n" };
    match stdout.write_all(text.as_bytes()).and_then(|()| stdout.write_all(newline)) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        r => Ok(r?),
    }
}
