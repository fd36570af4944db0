//! Property tests of the readers: any text, HTML page or JSON Lines file,
//! however broken, is read or skipped with its place named; never a panic,
//! and the cleaned text maps back to the input byte for byte.
//! `CLIO_SOAK_CASES=N` runs N cases per property (README: Reliability).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failure here is a failed test

use std::path::PathBuf;

use clio_ingest::{clean, CleanOptions, Inputs, Item, RawArticle, ReadOptions};
use clio_model::{ArticleMeta, Doc, InputFormat, Span};
use proptest::prelude::*;

fn cases(default: u32) -> u32 {
    std::env::var("CLIO_SOAK_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Pieces of markup, news furniture and text that readers treat specially.
const PIECES: &[&str] = &[
    "<p>",
    "</p>",
    "<div class=\"share\">",
    "</div>",
    "<script>",
    "</script>",
    "<!--",
    "-->",
    "<br/>",
    "<",
    ">",
    "&amp;",
    "&#x2014;",
    "&",
    "<meta property=\"article:published_time\" content=\"2024-02-30\">",
    "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":",
    "}",
    "\"",
    "\u{201C}",
    "\n",
    "\n\n",
    "\r\n",
    "\u{a0}",
    "\t",
    " ",
    "Accept all",
    "Sign up for our newsletter",
    "Photo: Jo Lee/AP",
    "LONDON (Reuters) - ",
    "Mr. Smith said.",
    "Advertisement",
    "1,200",
    "\u{FEFF}",
    "\u{0}",
    "\u{FFFD}",
    "caf\u{e9}",
    "\u{4E2D}\u{56FD}",
];

fn hostile_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        proptest::collection::vec(0..PIECES.len(), 0..200).prop_map(|ix| ix.into_iter().map(|i| PIECES[i]).collect()),
        proptest::collection::vec(any::<u8>(), 0..600).prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
    ]
}

/// Every byte of the cleaned text the offset map places in the raw input
/// is that byte of the input; removals lie inside the input.
fn exact(doc: &Doc) -> Result<(), TestCaseError> {
    let whole = Span::new(0, doc.text.len()).unwrap();
    for (clean, raw, len) in doc.offset_map.segments_in(whole) {
        let a = doc.text.as_bytes().get(clean..clean + len);
        prop_assert!(a.is_some() && a == doc.raw.as_bytes().get(raw..raw + len), "segment ({clean}, {raw}, {len})");
    }
    for r in &doc.removed {
        prop_assert!(doc.raw.get(r.raw.start()..r.raw.end()).is_some());
    }
    for p in &doc.paragraphs {
        prop_assert!(doc.text.get(p.start()..p.end()).is_some());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(500), ..ProptestConfig::default() })]

    #[test]
    fn any_text_or_page_cleans_with_an_exact_offset_map(raw in hostile_text(), html: bool, keep: bool) {
        let article = RawArticle {
            id: None,
            source: "prop".into(),
            format: if html { InputFormat::Html } else { InputFormat::Text },
            is_html: html,
            raw,
            meta: ArticleMeta::default(),
            warnings: vec![],
        };
        exact(&clean(article, CleanOptions { remove_furniture: !keep }))?;
    }

    #[test]
    fn every_line_of_a_json_lines_file_is_an_article_or_a_named_skip(
        lines in proptest::collection::vec(prop_oneof![
            hostile_text(),
            (hostile_text(), any::<bool>()).prop_map(|(t, html)| {
                let key = if html { "html" } else { "text" };
                serde_json::json!({"id": t.chars().take(8).collect::<String>(), key: t}).to_string()
            }),
            Just("{\"text\": null}".to_string()),
            Just("{\"text\": [1, 2]}".to_string()),
            Just("{\"text\": 42}".to_string()),
        ], 1..12),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("in.jsonl");
        // One record per line: a newline inside a generated string would
        // make two.
        let body: Vec<String> = lines.iter().map(|l| l.replace(['\n', '\r'], " ")).collect();
        std::fs::write(&path, body.join("\n")).unwrap();
        let items: Vec<Item> = Inputs::new(std::slice::from_ref(&path), ReadOptions::default()).collect();
        let expected = body.iter().filter(|l| !l.bytes().all(|b| b.is_ascii_whitespace())).count();
        prop_assert_eq!(items.len(), expected, "one item per line that is not blank");
        for item in &items {
            match item {
                Item::Article(a) => prop_assert!(a.source.starts_with(&*path.display().to_string())),
                Item::Skipped(s) => {
                    let line: Option<usize> = s.source.rsplit(':').next().and_then(|n| n.parse().ok());
                    prop_assert!(line.is_some_and(|n| (1..=body.len()).contains(&n)), "{s}");
                }
                Item::Ignored(p) => prop_assert!(false, "a file given by name is never ignored: {}", p.display()),
            }
        }
    }
}

/// A WARC response record of my own making.
fn warc_record(n: usize, body: &str) -> String {
    let block = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>{body}</p>");
    format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{n}>\r\nWARC-Date: 2024-05-02T10:00:00Z\r\n\
         WARC-Target-URI: https://example.org/{n}\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
        block.len()
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(300), ..ProptestConfig::default() })]

    #[test]
    fn any_damage_to_a_web_archive_is_reported_never_a_panic(
        texts in proptest::collection::vec("[a-zA-Z ,.]{0,80}", 1..5),
        cut in 0.0..1.0f64,
        noise in proptest::collection::vec((0.0..1.0f64, any::<u8>()), 0..6),
    ) {
        let mut bytes: Vec<u8> = texts.iter().enumerate().map(|(i, t)| warc_record(i, t)).collect::<String>().into_bytes();
        for (at, b) in noise {
            let i = ((bytes.len() as f64) * at) as usize;
            if i < bytes.len() {
                bytes[i] = b;
            }
        }
        bytes.truncate(((bytes.len() as f64) * (0.5 + cut / 2.0)) as usize);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.warc");
        std::fs::write(&path, &bytes).unwrap();
        let items: Vec<Item> = Inputs::new(std::slice::from_ref(&path), ReadOptions::default()).collect();
        prop_assert!(items.len() <= texts.len() + 1);
        for item in &items {
            match item {
                Item::Article(a) => prop_assert!(a.source.contains("x.warc:record ")),
                Item::Skipped(s) => prop_assert!(s.source.contains("x.warc:record "), "{s}"),
                Item::Ignored(p) => prop_assert!(false, "{}", p.display()),
            }
        }
    }
}

#[test]
fn the_readers_handle_the_shapes_the_properties_generate() {
    // A record with the text in a list is named with its line.
    let dir = tempfile::tempdir().unwrap();
    let path: PathBuf = dir.path().join("x.jsonl");
    std::fs::write(&path, "{\"text\": \"Rain fell.\"}\n{\"text\": [1]}\n").unwrap();
    let items: Vec<Item> = Inputs::new(&[path], ReadOptions::default()).collect();
    assert!(matches!(&items[0], Item::Article(_)));
    assert!(matches!(&items[1], Item::Skipped(s) if s.source.ends_with(":2")), "{items:?}");
}
