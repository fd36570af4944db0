//! The event coder against unit records in PETRARCH's validation format
//! (`tests/records/*.records.txt`): each record a sentence, its date, the
//! mechanism it shows and the events a careful coder finds in it, coded with
//! the dictionaries its file's environment names. A record passes when clio
//! finds exactly those events, no fewer and no more.
//!
//! ```text
//! <Environment>
//! <Dictionaries>toy</Dictionaries>
//! </Environment>
//! <Sentence date="20230105" id="MODAL-01" category="2">
//! <Text>Norland will send troops to Ostria.</Text>
//! <EventCoding code="0334" source="NRL" target="OST"/>
//! </Sentence>
//! ```
//!
//! `<EventCoding noevents="True"/>` expects none; an event with no target
//! leaves `target` out. `category` is the number of the mechanism (1-10,
//! as the issue that asked for them lists them) the record shows.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use clio_lexicon::{DictFiles, Lexicon};
use clio_model::{Doc, DocId, InputFormat, Span, Stage};

use super::EventStage;
use crate::{DateStage, EntityStage};

/// One record.
#[derive(Debug)]
struct Record {
    id: String,
    category: u8,
    date: Option<jiff::civil::Date>,
    text: String,
    expected: Vec<String>,
}

fn records_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("records")
}

/// The value of attribute `name` in a tag.
fn attr(tag: &str, name: &str) -> Option<String> {
    let at = tag.find(&format!("{name}="))? + name.len() + 1;
    let rest = tag[at..].trim_start().strip_prefix('"')?;
    Some(rest[..rest.find('"')?].to_string())
}

/// Reads a records file: its dictionaries' directory (or "bundled") and
/// its records.
fn parse(text: &str) -> (String, Vec<Record>) {
    let mut dictionaries = "bundled".to_string();
    let mut out = Vec::new();
    let mut current: Option<Record> = None;
    let mut in_text = false;
    for line in text.lines() {
        let l = line.trim();
        if let Some(d) = l.strip_prefix("<Dictionaries>").and_then(|x| x.strip_suffix("</Dictionaries>")) {
            dictionaries = d.trim().to_string();
        } else if l.starts_with("<Sentence") {
            current = Some(Record {
                id: attr(l, "id").unwrap_or_default(),
                category: attr(l, "category").and_then(|c| c.parse().ok()).unwrap_or(0),
                date: attr(l, "date").and_then(|d| jiff::civil::Date::strptime("%Y%m%d", &d).ok()),
                text: String::new(),
                expected: Vec::new(),
            });
        } else if let Some(r) = current.as_mut() {
            if l.starts_with("<Text>") || in_text {
                let body = l.trim_start_matches("<Text>");
                let (body, done) = match body.strip_suffix("</Text>") {
                    Some(b) => (b, true),
                    None => (body, false),
                };
                if !body.is_empty() {
                    if !r.text.is_empty() {
                        r.text.push(' ');
                    }
                    r.text.push_str(body.trim());
                }
                in_text = !done;
            } else if l.starts_with("<EventCoding") {
                if attr(l, "noevents").is_none() {
                    let code = attr(l, "code").unwrap_or_default();
                    let source = attr(l, "source").unwrap_or_default();
                    let target = attr(l, "target").unwrap_or_else(|| "-".into());
                    r.expected.push(format!("{source} {code} {target}"));
                }
            } else if l.starts_with("</Sentence>") {
                out.extend(current.take());
            }
        }
    }
    (dictionaries, out)
}

/// The stages that code a record, over one file's dictionaries (the
/// language layer reads them too, as a run with `--dictionaries` does).
struct Coding {
    language: clio_nlp::LanguageStage,
    entities: EntityStage,
    events: EventStage,
}

impl Coding {
    fn new(lex: &Arc<Lexicon>) -> Coding {
        let models = Arc::new(clio_nlp::Models::bundled().expect("bundled models"));
        let language = clio_nlp::LanguageStage::new(models, lex.clone());
        Coding {
            entities: EntityStage::new(lex.clone(), language.clone()),
            events: EventStage::new(lex.clone()),
            language,
        }
    }
}

/// The events clio finds in a record, as "SRC CODE TGT".
fn code(c: &Coding, r: &Record) -> Vec<String> {
    let mut d = Doc::new(DocId(r.id.clone()), r.id.clone(), InputFormat::Text, r.text.clone(), r.text.clone());
    d.paragraphs.extend(Span::new(0, r.text.len()));
    d.meta.published = r.date;
    clio_text::Tokenizer.run(&mut d);
    clio_text::SentenceSplitter.run(&mut d);
    c.language.run(&mut d);
    DateStage.run(&mut d);
    c.entities.run(&mut d);
    c.events.run(&mut d);
    let mut got: Vec<String> = d
        .events
        .iter()
        .map(|e| format!("{} {} {}", e.source.code, e.code, e.target.as_ref().map_or("-", |t| t.code.as_str())))
        .collect();
    got.sort();
    got.dedup();
    got
}

#[test]
fn unit_records_code_as_a_careful_coder_would() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(records_dir())
        .expect("the records directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".records.txt"))
        .collect();
    files.sort();
    let mut failures = Vec::new();
    let mut per_category: BTreeMap<u8, usize> = BTreeMap::new();
    let mut total = 0;
    for file in files {
        let text = std::fs::read_to_string(&file).expect("a records file");
        let (dictionaries, records) = parse(&text);
        let lex: Arc<Lexicon> = match dictionaries.as_str() {
            "bundled" => crate::testing::BUNDLED.clone(),
            dir => {
                let files = DictFiles::read_dir(&records_dir().join(dir)).expect("the records' dictionaries");
                let lex = Lexicon::with_files(&files);
                assert!(lex.errors.is_empty(), "{:?}", lex.errors);
                Arc::new(lex)
            }
        };
        let coding = Coding::new(&lex);
        for r in &records {
            total += 1;
            *per_category.entry(r.category).or_default() += 1;
            let mut want = r.expected.clone();
            want.sort();
            let got = code(&coding, r);
            if got != want {
                failures.push(format!("{} ({}): {}\n   want {want:?}\n   got  {got:?}", r.id, r.category, r.text));
            }
        }
    }
    assert!(failures.is_empty(), "{} of {total} records fail:\n{}", failures.len(), failures.join("\n"));
    assert!(total >= 150, "{total} records; the suite keeps at least 150");
    for c in 1..=10 {
        assert!(per_category.get(&c).copied().unwrap_or(0) >= 5, "mechanism {c} has too few records: {per_category:?}");
    }
}

#[test]
fn the_record_format_reads_text_codings_and_no_events() {
    let (dicts, records) = parse(
        "<Environment>\n<Dictionaries>toy</Dictionaries>\n</Environment>\n\
         <Sentence date=\"20230105\" id=\"X-1\" category=\"2\">\n<Text>\nNorland will\nsend troops.\n</Text>\n\
         <EventCoding code=\"0334\" source=\"NRL\" target=\"OST\"/>\n<EventCoding code=\"030\" source=\"NRL\"/>\n</Sentence>\n\
         <Sentence id=\"X-2\" category=\"1\">\n<Text>Nothing.</Text>\n<EventCoding noevents=\"True\"/>\n</Sentence>\n",
    );
    assert_eq!(dicts, "toy");
    assert_eq!(records.len(), 2);
    assert_eq!(records[0].text, "Norland will send troops.");
    assert_eq!(records[0].expected, ["NRL 0334 OST", "NRL 030 -"]);
    assert_eq!(records[0].date, jiff::civil::Date::new(2023, 1, 5).ok());
    assert!(records[1].expected.is_empty());
}
