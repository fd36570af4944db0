//! Writers of clio's outputs: `documents.jsonl`, one JSON object per article
//! as `../shared/spec/output.md` describes it; `corpus.json`; and GDELT's
//! Event and Mentions tables ([`GdeltWriter`]).
//!
//! Inside the pipeline spans are byte offsets; the output contract counts
//! Unicode scalar values, so every span is converted here, at the edge, by
//! a [`CharOffsets`] table built once per text.
//!
//! ```
//! use clio_export::CharOffsets;
//! let t = "caf\u{e9} au lait";
//! assert_eq!(CharOffsets::new(t).of(6), 5); // byte 6 is char 5
//! ```

mod gdelt;
mod gkg;
pub mod parquet;

use std::io::{self, Write};

pub use gdelt::{event_fields, mention_fields, Counts, GdeltContext, GdeltWriter, EVENT_COLUMNS, MENTION_COLUMNS};
pub use gkg::{GkgWriter, GKG_COLUMNS};

use clio_link::{Claim, CorpusEvent, GlobalEntity, Story};
use clio_model::{Doc, Span};
use serde::Serialize;
use serde_json::{json, Value};

/// Byte offset -> char offset for one text.
pub struct CharOffsets {
    /// `None` for ASCII text, where the two are equal.
    table: Option<Vec<u32>>,
}

impl CharOffsets {
    /// Builds the table for `text` (free for ASCII).
    pub fn new(text: &str) -> CharOffsets {
        if text.is_ascii() {
            return CharOffsets { table: None };
        }
        let mut table = vec![0u32; text.len() + 1];
        let mut chars = 0u32;
        let mut last = 0;
        for (i, _) in text.char_indices() {
            for slot in &mut table[last..=i] {
                *slot = chars;
            }
            chars += 1;
            last = i + 1;
        }
        for slot in &mut table[last..] {
            *slot = chars;
        }
        CharOffsets { table: Some(table) }
    }

    /// The char offset of a byte offset (a byte inside a char maps to the
    /// char after it).
    pub fn of(&self, byte: usize) -> usize {
        match &self.table {
            None => byte,
            Some(t) => t.get(byte).or(t.last()).copied().unwrap_or(0) as usize,
        }
    }

    /// A span as `{"start": .., "end": ..}` in chars.
    fn span(&self, s: Span) -> (usize, usize) {
        (self.of(s.start()), self.of(s.end()))
    }
}

/// The fields of a `documents.jsonl` record that the output contract
/// (`../shared/spec/output.md`) requires; records carry more.
pub const DOCUMENT_FIELDS: [&str; 11] =
    ["id", "source", "title", "outlet", "dateline", "date", "text", "entities", "events", "quotes", "quantities"];

/// One `documents.jsonl` record.
pub fn document_json(doc: &Doc) -> Value {
    let text_chars = CharOffsets::new(&doc.text);
    let raw_chars = CharOffsets::new(&doc.raw);
    let removed: Vec<Value> = doc
        .removed
        .iter()
        .map(|r| {
            let (start, end) = raw_chars.span(r.raw);
            json!({"reason": r.reason, "raw_start": start, "raw_end": end, "text": r.raw.slice(&doc.raw)})
        })
        .collect();
    let time_exprs: Vec<Value> = doc
        .time_exprs
        .iter()
        .filter(|e| !e.in_caption)
        .map(|e| {
            let (start, end) = text_chars.span(e.span);
            json!({
                "text": doc.slice(e.span), "start": start, "end": end, "as_of": e.as_of,
                "value": e.resolved.map(|p| p.to_string()), "basis": e.basis,
            })
        })
        .collect();
    let sentences: Vec<[usize; 2]> = doc
        .sentences
        .iter()
        .map(|s| {
            let (a, b) = text_chars.span(s.span);
            [a, b]
        })
        .collect();
    let entities: Vec<Value> = doc
        .entities
        .iter()
        .map(|e| {
            let mentions: Vec<Value> = e
                .mentions
                .iter()
                .map(|m| {
                    let (start, end) = text_chars.span(m.span);
                    json!({"start": start, "end": end, "text": doc.slice(m.span), "kind": m.kind})
                })
                .collect();
            json!({
                "id": format!("e{}", e.id), "global_id": e.global_id, "name": e.name, "type": e.etype,
                "actor": e.actor, "actor_rule": e.actor_rule, "country": e.country, "roles": e.roles,
                "aliases": e.aliases, "mentions": mentions, "place": e.place,
            })
        })
        .collect();
    let actors: Vec<Value> = doc
        .actors
        .iter()
        .map(|a| {
            let (start, end) = text_chars.span(a.span);
            json!({"start": start, "end": end, "text": doc.slice(a.span), "code": a.code,
                   "entity": a.entity.map(|e| format!("e{e}")), "rule": a.rule})
        })
        .collect();
    let side = |a: &clio_model::EventActor| json!({"code": a.code, "entity": a.entity.map(|e| format!("e{e}")), "text": doc.slice(a.span)});
    let events: Vec<Value> = doc
        .events
        .iter()
        .map(|e| {
            let (start, end) = text_chars.span(e.evidence);
            let (astart, aend) = text_chars.span(e.action);
            json!({
                "id": format!("v{}", e.id), "code": e.code, "base_code": e.base, "root_code": e.root,
                "quad_class": e.quad_class, "goldstein": e.goldstein,
                "source": side(&e.source), "target": e.target.as_ref().map(side),
                "date": e.date.map(|d| d.to_string()), "modality": e.modality,
                "place": e.place.map(|p| format!("e{p}")),
                "evidence": {"start": start, "end": end},
                "action": {"start": astart, "end": aend, "text": doc.slice(e.action)},
                "sentence": e.sentence + 1, "confidence": e.confidence, "rule": e.rule, "is_root": e.is_root,
            })
        })
        .collect();
    let quotes: Vec<Value> = doc
        .quotes
        .iter()
        .map(|q| {
            let (start, end) = text_chars.span(q.span);
            let speaker = q.speaker.and_then(|e| doc.entities.get(e as usize - 1));
            let named = q.speaker_span.map(|s| {
                let (start, end) = text_chars.span(s);
                json!({"text": doc.slice(s), "start": start, "end": end})
            });
            let speaker = match (speaker, named) {
                (Some(e), named) => Some(
                    json!({"entity": format!("e{}", e.id), "name": e.name, "global_id": e.global_id, "mention": named}),
                ),
                // Named but no entity ("a senior official"): the words as
                // written, on one line (the mention keeps the text's own
                // line breaks).
                (None, Some(n)) => {
                    let name = n["text"].as_str().unwrap_or("").split_whitespace().collect::<Vec<_>>().join(" ");
                    Some(json!({"entity": null, "name": name, "global_id": null, "mention": n}))
                }
                (None, None) => None,
            };
            json!({
                "kind": q.kind,
                "speaker": speaker,
                "text": doc.slice(q.span), "start": start, "end": end, "verb": q.verb.map(|v| doc.slice(v)),
            })
        })
        .collect();
    let terms: Vec<Value> = doc
        .quoted_terms
        .iter()
        .map(|t| {
            let (start, end) = text_chars.span(*t);
            json!({"text": doc.slice(*t), "start": start, "end": end})
        })
        .collect();
    let quantities: Vec<Value> = doc
        .quantities
        .iter()
        .map(|q| {
            let (text, start, end) = if q.in_caption {
                (q.span.slice(&doc.raw), raw_chars.of(q.span.start()), raw_chars.of(q.span.end()))
            } else {
                let (s, e) = text_chars.span(q.span);
                (doc.slice(q.span), s, e)
            };
            let mut v = json!({
                "value": q.value, "qualifier": q.qualifier, "what": q.what, "subject": q.subject,
                "as_of": q.as_of.map(|d| d.to_string()), "text": text, "count_type": q.count_type,
                "attributed_to": q.attributed_to.map(|e| format!("e{e}")),
            });
            // Caption quantities point into the raw input, not the text.
            let (ks, ke) = if q.in_caption { ("raw_start", "raw_end") } else { ("start", "end") };
            v[ks] = json!(start);
            v[ke] = json!(end);
            v["in_caption"] = json!(q.in_caption);
            v
        })
        .collect();
    let themes: Vec<Value> = doc
        .themes
        .iter()
        .map(|t| {
            let (start, end) = text_chars.span(t.span);
            json!({"theme": t.theme, "start": start, "end": end, "text": doc.slice(t.span)})
        })
        .collect();
    let mut record = json!({
        "id": doc.id,
        "source": doc.source,
        "url": doc.meta.url,
        "title": doc.meta.title,
        "outlet": doc.meta.outlet,
        "dateline": doc.meta.dateline,
        "date": {
            "value": doc.date.value.map(|d| d.to_string()),
            "basis": doc.date.basis,
            "partial": doc.date.partial.map(|p| p.to_string()),
            "reason": doc.date.reason,
        },
        "text": doc.text,
        "entities": entities,
        "actors": actors,
        "events": events,
        "quotes": quotes,
        "quoted_terms": terms,
        "quantities": quantities,
        "tone": doc.tone,
        "themes": themes,
        "sentences": sentences,
        "time_expressions": time_exprs,
        "removed": removed,
        "warnings": doc.warnings,
    });
    // A web archive's crawl day, for the pages that have one.
    if let Some(fetched) = doc.meta.fetched {
        record["fetched"] = json!(fetched.to_string());
    }
    record
}

/// `corpus.json`: what only the whole corpus shows: stories, global
/// entities, merged events, claims, and what of the corpus the file covers.
/// Written with [`CorpusFile::write`] straight from these lists: a
/// corpus's file is never built as one JSON tree in memory.
#[derive(Serialize)]
pub struct CorpusFile<'a> {
    /// Claims.
    pub claims: &'a [&'a Claim],
    /// Global entities, with their articles.
    pub entities: &'a [GlobalEntity],
    /// Merged events.
    pub events: &'a [&'a CorpusEvent],
    /// What the file covers.
    pub scope: Value,
    /// Stories.
    pub stories: &'a [&'a Story],
}

impl CorpusFile<'_> {
    /// Writes the file, indented.
    pub fn write<W: Write>(&self, out: W) -> std::io::Result<()> {
        let mut out = std::io::BufWriter::new(out);
        serde_json::to_writer_pretty(&mut out, self)?;
        out.write_all(b"\n")?;
        out.flush()
    }
}

/// Writes `documents.jsonl`: one line per article, in the order given.
pub struct DocumentsWriter<W: Write> {
    out: W,
}

impl<W: Write> DocumentsWriter<W> {
    /// A writer over `out` (wrap files in a `BufWriter`).
    pub fn new(out: W) -> Self {
        DocumentsWriter { out }
    }

    /// Appends one article.
    pub fn write(&mut self, doc: &Doc) -> io::Result<()> {
        self.write_with(doc, &[])
    }

    /// Appends a record made by [`document_json`].
    pub fn write_record(&mut self, record: &Value) -> io::Result<()> {
        write_line(&mut self.out, record)
    }

    /// Appends one article with extra fields (its story, say).
    pub fn write_with(&mut self, doc: &Doc, extra: &[(&str, Value)]) -> io::Result<()> {
        let mut v = document_json(doc);
        for (k, x) in extra {
            v[*k] = x.clone();
        }
        write_line(&mut self.out, &v)
    }

    /// Flushes and returns the inner writer.
    pub fn finish(mut self) -> io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

fn write_line<W: Write, T: Serialize>(out: &mut W, v: &T) -> io::Result<()> {
    serde_json::to_writer(&mut *out, v).map_err(io::Error::other)?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use clio_model::{DocId, InputFormat, Removal, RemovalReason};

    #[test]
    fn char_offsets_count_scalars_not_bytes() {
        let t = "\u{201C}Hi\u{201D} \u{4E2D}";
        let c = CharOffsets::new(t);
        assert_eq!(c.of(0), 0);
        assert_eq!(c.of(3), 1); // after the 3-byte quote
        assert_eq!(c.of(t.len()), 6);
    }

    #[test]
    fn a_record_has_the_contract_fields_with_char_offsets() {
        let raw = "Home \u{203A} News\nChina\u{2019}s minister spoke.";
        let text = "China\u{2019}s minister spoke.";
        let mut d = Doc::new(DocId("x1".into()), "a.txt".into(), InputFormat::Text, raw.into(), text.into());
        d.removed.push(Removal { raw: Span::new(0, 13).unwrap(), reason: RemovalReason::Breadcrumb });
        d.sentences.push(clio_model::Sentence {
            span: Span::new(0, text.len()).unwrap(),
            paragraph: 0,
            token_start: 0,
            token_end: 0,
        });
        let v = document_json(&d);
        for k in DOCUMENT_FIELDS {
            assert!(v.get(k).is_some(), "{k}");
        }
        assert_eq!(v["date"]["basis"], "unresolved");
        assert_eq!(v["sentences"][0][1], text.chars().count());
        assert_eq!(v["removed"][0]["text"], "Home \u{203A} News");
        assert_eq!(v["removed"][0]["raw_end"], 11);
        let mut w = DocumentsWriter::new(Vec::new());
        w.write(&d).unwrap();
        let bytes = w.finish().unwrap();
        assert_eq!(bytes.iter().filter(|&&b| b == b'\n').count(), 1);
    }

    #[test]
    fn a_speaker_with_no_entity_is_named_on_one_line() {
        let text = "Talks failed, a senior\nofficial said.";
        let mut d = Doc::new(DocId("x2".into()), "a.txt".into(), InputFormat::Text, text.into(), text.into());
        d.quotes.push(clio_model::Quote {
            kind: clio_model::QuoteKind::Indirect,
            speaker: None,
            speaker_span: Span::new(14, 31),
            span: Span::new(0, 12).unwrap(),
            verb: Span::new(32, 36),
        });
        let v = document_json(&d);
        assert_eq!(v["quotes"][0]["speaker"]["name"], "a senior official");
        assert_eq!(v["quotes"][0]["speaker"]["mention"]["text"], "a senior\nofficial");
    }
}
