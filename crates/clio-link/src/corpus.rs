//! Stories, merged events and claims over a corpus's [`DocFeatures`].
//!
//! **Stories**: see [`crate::stories`]: articles join the story whose
//! TF-IDF centroid they are closest to, near-duplicates (MinHash over word
//! 5-shingles, found through LSH buckets: 16 bands of 4 values, so a
//! million articles never meet pairwise) first. Every article is in exactly
//! one story; each story has a label (the headline of its most central
//! article), its outlets and its dates.
//!
//! **Events**: the same source, target, CAMEO root and date (or, with no
//! date, the same story) are one corpus event listing its articles, with
//! GDELT's NumMentions, NumSources and NumArticles.
//!
//! **Claims**: the same value of the same thing as of the same date, in
//! several articles, is one claim; the same thing, subject and date with
//! different values is a conflict.

use std::collections::BTreeMap;

use jiff::civil::Date;
use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::features::{DocFeatures, MINHASH};
use crate::sym::Sym;

/// An LSH bucket with more articles than this is boilerplate, not news.
pub const COMMON: usize = 200;
const BANDS: usize = 16;
const ROWS: usize = MINHASH / BANDS;
/// MinHash agreement for near-duplicates (estimated Jaccard similarity).
const NEAR_DUPLICATE: f64 = 0.7;

/// A story: articles reporting the same happening.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Story {
    /// `S1`, `S2` ...
    pub id: String,
    /// Its articles, in input order.
    pub documents: Vec<Sym>,
    /// Pairs of its articles that are near-duplicates.
    pub near_duplicates: Vec<(Sym, Sym)>,
    /// The headline of its most central article (or that article's id).
    pub label: String,
    /// The outlets of its articles.
    pub outlets: Vec<String>,
    /// Its first and last dates.
    pub first_date: Option<Date>,
    /// See `first_date`.
    pub last_date: Option<Date>,
    /// Ids of the merged events its articles report.
    pub events: Vec<String>,
    /// Ids of the claims its articles make.
    pub claims: Vec<String>,
}

/// An event merged over the articles that report it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CorpusEvent {
    /// `E1`, `E2` ...
    pub id: String,
    /// The CAMEO code every report of it has.
    pub code: String,
    /// Source actor code.
    pub source: String,
    /// Target actor code.
    pub target: String,
    /// Date.
    pub date: Option<Date>,
    /// Articles reporting it.
    pub documents: Vec<Sym>,
    /// The sentence of its first report in the first of `documents` (from
    /// 1), where a reader finds it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentence: Option<usize>,
    /// GDELT NumMentions: times it is reported in all articles.
    pub num_mentions: u32,
    /// GDELT NumSources: distinct outlets.
    pub num_sources: u32,
    /// GDELT NumArticles: distinct articles.
    pub num_articles: u32,
    /// Each report: (article id, index of the event in that article).
    #[serde(skip)]
    pub members: Vec<(Sym, usize)>,
}

/// A quantity claim reported by several articles.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Claim {
    /// `C1`, `C2` ...
    pub id: String,
    /// The value.
    pub value: f64,
    /// What it counts.
    pub what: String,
    /// Subject.
    pub subject: Option<String>,
    /// As-of date.
    pub as_of: Option<Date>,
    /// Articles reporting it.
    pub documents: Vec<Sym>,
    /// Other values given for the same thing, subject and date.
    pub conflicts_with: Vec<f64>,
}

/// The corpus-level results.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct CorpusLinks {
    /// Stories.
    pub stories: Vec<Story>,
    /// Per article (input order), the index of its story.
    #[serde(skip)]
    pub story_of: Vec<usize>,
    /// Per article, the article of its story it may take its date from.
    #[serde(skip)]
    pub date_from: Vec<Option<usize>>,
    /// Merged events.
    pub events: Vec<CorpusEvent>,
    /// Claims reported by more than one article, and conflicting claims.
    pub claims: Vec<Claim>,
}

fn claim_key(c: &crate::features::ClaimKey) -> String {
    format!("{}|{}", c.value, c.what)
}

/// Links a corpus: stories, merged events, claims.
pub fn link(docs: &[DocFeatures]) -> CorpusLinks {
    // Near-duplicates through LSH buckets: per band, the articles sorted
    // by the hash of their band, so a bucket is a run of equal hashes (one
    // band's list at a time: no table of a million buckets).
    let mut near_dups: Vec<(usize, usize)> = Vec::new();
    let mut checked: rustc_hash::FxHashSet<(u32, u32)> = Default::default();
    let mut band_of: Vec<(u64, u32)> = Vec::with_capacity(docs.len());
    for band in 0..BANDS {
        band_of.clear();
        for (i, d) in docs.iter().enumerate().filter(|(_, d)| d.minhash.len() == MINHASH) {
            let h = d.minhash[band * ROWS..(band + 1) * ROWS]
                .iter()
                .fold(band as u64, |acc, &v| acc.rotate_left(7) ^ u64::from(v));
            band_of.push((h, i as u32));
        }
        band_of.sort_unstable();
        for members in band_of.chunk_by(|a, b| a.0 == b.0).filter(|m| m.len() > 1 && m.len() <= COMMON) {
            for (k, &(_, a)) in members.iter().enumerate() {
                for &(_, b) in &members[k + 1..] {
                    if !checked.insert((a, b)) {
                        continue;
                    }
                    let (a, b) = (a as usize, b as usize);
                    let same = docs[a].minhash.iter().zip(&docs[b].minhash).filter(|(x, y)| x == y).count();
                    if same as f64 / MINHASH as f64 >= NEAR_DUPLICATE {
                        near_dups.push((a, b));
                    }
                }
            }
        }
    }
    near_dups.sort_unstable();

    let clusters = crate::stories::cluster(docs, &near_dups);
    let mut links = CorpusLinks { story_of: clusters.story_of, date_from: clusters.date_from, ..Default::default() };
    for (k, &c) in clusters.central.iter().enumerate() {
        let central = &docs[c];
        links.stories.push(Story {
            id: format!("S{}", k + 1),
            documents: Vec::new(),
            near_duplicates: Vec::new(),
            label: central.title.as_deref().unwrap_or(central.id.as_str()).to_string(),
            outlets: Vec::new(),
            first_date: None,
            last_date: None,
            events: Vec::new(),
            claims: Vec::new(),
        });
    }
    for (i, doc) in docs.iter().enumerate() {
        let story = &mut links.stories[links.story_of[i]];
        story.documents.push(doc.id);
        if let Some(o) = &doc.outlet {
            if !story.outlets.iter().any(|x| x == o.as_str()) {
                story.outlets.push(o.to_string());
            }
        }
        if let Some(d) = doc.date {
            story.first_date = Some(story.first_date.map_or(d, |f| f.min(d)));
            story.last_date = Some(story.last_date.map_or(d, |l| l.max(d)));
        }
    }
    for s in &mut links.stories {
        s.outlets.sort();
    }
    for (a, b) in near_dups {
        let s = links.story_of[a];
        if links.story_of[b] == s {
            links.stories[s].near_duplicates.push((docs[a].id, docs[b].id));
        }
    }
    attach_events_and_claims(&mut links, docs);
    links
}

/// Links `docs` again after their events, claims or codes changed but
/// nothing stories are made of (see [`DocFeatures::same_for_stories`]):
/// the stories of `links` stand, their merged events and claims are made
/// again. Gives what [`link`] would, without clustering again.
pub fn relink_events(mut links: CorpusLinks, docs: &[DocFeatures]) -> CorpusLinks {
    for s in &mut links.stories {
        s.events.clear();
        s.claims.clear();
    }
    attach_events_and_claims(&mut links, docs);
    links
}

/// Merges the events and claims of `docs` over the stories of `links`,
/// and lists each story's.
fn attach_events_and_claims(links: &mut CorpusLinks, docs: &[DocFeatures]) {
    links.events = merge_events(docs, &links.story_of);
    links.claims = claims(docs);
    let index: FxHashMap<Sym, usize> = docs.iter().enumerate().map(|(i, d)| (d.id, i)).collect();
    let story_of = |id: &Sym| index.get(id).map(|&i| links.story_of[i]);
    let mut per_story: Vec<(usize, bool, String)> = Vec::new();
    for e in &links.events {
        let mut stories: Vec<usize> = e.documents.iter().filter_map(story_of).collect();
        stories.dedup();
        per_story.extend(stories.into_iter().map(|s| (s, true, e.id.clone())));
    }
    for c in &links.claims {
        let mut stories: Vec<usize> = c.documents.iter().filter_map(story_of).collect();
        stories.sort_unstable();
        stories.dedup();
        per_story.extend(stories.into_iter().map(|s| (s, false, c.id.clone())));
    }
    for (s, is_event, id) in per_story {
        let story = &mut links.stories[s];
        let list = if is_event { &mut story.events } else { &mut story.claims };
        if !list.contains(&id) {
            list.push(id);
        }
    }
}

/// Source, target, CAMEO code, and the date (or the story, when undated):
/// as GDELT's deduplication, reports agree on the whole code, so a merged
/// event has one code in every output (the corpus, the store, GDELT's
/// tables) and two distinct events of one sentence stay two.
type EventGroupKey = (Sym, Sym, Sym, String);
/// A report: article index, index of the event in the article.
type Report = (usize, usize);

fn merge_events(docs: &[DocFeatures], story_of: &[usize]) -> Vec<CorpusEvent> {
    let mut groups: BTreeMap<EventGroupKey, Vec<Report>> = BTreeMap::new();
    let mut order: Vec<EventGroupKey> = Vec::new();
    for (i, d) in docs.iter().enumerate() {
        for (ei, e) in d.events.iter().enumerate() {
            let when = e.date.map_or_else(|| format!("story {}", story_of[i]), |x| x.to_string());
            let key = (e.source, e.target, e.code, when);
            let g = groups.entry(key.clone()).or_default();
            if g.is_empty() {
                order.push(key);
            }
            g.push((i, ei));
        }
    }
    order
        .into_iter()
        .enumerate()
        .filter_map(|(k, key)| {
            let g = groups.get(&key)?;
            let mut documents: Vec<Sym> = g.iter().map(|(i, _)| docs[*i].id).collect();
            documents.dedup();
            let mut outlets: Vec<Sym> = g.iter().filter_map(|(i, _)| docs[*i].outlet).collect();
            outlets.sort_unstable();
            outlets.dedup();
            let first = g.first().and_then(|(i, ei)| docs[*i].events.get(*ei));
            let date = first.and_then(|e| e.date);
            let sentence = first.map(|e| e.sentence).filter(|&k| k > 0);
            Some(CorpusEvent {
                id: format!("E{}", k + 1),
                code: key.2.to_string(),
                sentence,
                source: key.0.to_string(),
                target: key.1.to_string(),
                date,
                num_mentions: g.len() as u32,
                num_sources: outlets.len().max(1) as u32,
                num_articles: documents.len() as u32,
                documents,
                members: g.iter().map(|(i, ei)| (docs[*i].id, *ei)).collect(),
            })
        })
        .collect()
}

fn claims(docs: &[DocFeatures]) -> Vec<Claim> {
    // Same value, thing and date: one claim.
    let mut by_key: BTreeMap<(String, Option<Date>), (usize, Claim)> = BTreeMap::new();
    for (i, d) in docs.iter().enumerate() {
        for c in d.claims.iter().filter(|c| !c.what.is_empty()) {
            let key = (claim_key(c), c.as_of);
            let entry = by_key.entry(key).or_insert_with(|| {
                (
                    i,
                    Claim {
                        id: String::new(),
                        value: c.value,
                        what: c.what_text.to_string(),
                        subject: c.subject.map(|s| s.to_string()),
                        as_of: c.as_of,
                        documents: Vec::new(),
                        conflicts_with: Vec::new(),
                    },
                )
            });
            if entry.1.documents.last() != Some(&d.id) {
                entry.1.documents.push(d.id);
            }
            // The same words whatever article came first.
            if *c.what_text < *entry.1.what {
                entry.1.what = c.what_text.to_string();
            }
        }
    }
    let all: Vec<(usize, Claim, String)> = by_key
        .into_iter()
        .map(|((k, _), (first, c))| {
            let what = k.split_once('|').map_or(String::new(), |(_, w)| w.to_string());
            (first, c, what)
        })
        .collect();
    // Same thing, subject and as-of date, different values: conflicts (only
    // for claims with an as-of date: undated counts may count different
    // things, "cases prevented" and "cases confirmed").
    // The values given per thing, subject and as-of date.
    type Thing<'a> = (&'a str, &'a Option<String>, Option<Date>);
    let mut same_thing: FxHashMap<Thing, Vec<f64>> = FxHashMap::default();
    for (_, c, what) in all.iter().filter(|(_, c, _)| c.as_of.is_some()) {
        same_thing.entry((what.as_str(), &c.subject, c.as_of)).or_default().push(c.value);
    }
    let mut out: Vec<(usize, Claim)> = Vec::new();
    for (first, c, what) in &all {
        let mut claim = c.clone();
        if let Some(values) = same_thing.get(&(what.as_str(), &c.subject, c.as_of)) {
            claim.conflicts_with = values.iter().copied().filter(|v| *v != c.value).collect();
        }
        if claim.documents.len() > 1 || !claim.conflicts_with.is_empty() {
            out.push((*first, claim));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.value.total_cmp(&b.1.value)));
    out.into_iter()
        .enumerate()
        .map(|(k, (_, mut c))| {
            c.id = format!("C{}", k + 1);
            c
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::{minhash, ClaimKey, EventKey};

    fn d(
        id: &str,
        text: &str,
        date: Option<&str>,
        persons: &[&str],
        claims: &[(f64, &str, Option<&str>)],
    ) -> DocFeatures {
        DocFeatures {
            id: id.into(),
            outlet: Some(Sym::new(&format!("outlet-{id}"))),
            date: date.and_then(|x| x.parse().ok()),
            partial: None,
            claims: claims
                .iter()
                .map(|(v, w, a)| ClaimKey {
                    value: *v,
                    what: Sym::new(w),
                    what_text: Sym::new(w),
                    subject: None,
                    as_of: a.and_then(|x| x.parse().ok()),
                })
                .collect(),
            events: vec![],
            minhash: minhash(text),
            codes: Default::default(),
            title: None,
            terms: {
                let mut t: Vec<(String, f32)> = text
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| w.len() >= 4)
                    .map(|w| (w.to_lowercase(), 1.0))
                    .chain(persons.iter().map(|p| (format!("@{p}"), 2.0)))
                    .chain(claims.iter().map(|(v, w, _)| (format!("#{v} {w}"), 1.0)))
                    .collect();
                t.sort_by(|a, b| a.0.cmp(&b.0));
                t.dedup_by(|a, b| a.0 == b.0);
                t.into_iter().map(|(w, n)| (Sym::new(&w), n)).collect()
            },
        }
    }

    #[test]
    fn near_duplicates_and_rewritten_reports_are_one_story() {
        let a = d("a", "The ministers of three countries agreed on Tuesday to share river data from their dams after the floods last year.", Some("2024-05-07"), &[], &[]);
        let b = d("b", "The ministers of three countries agreed on Tuesday to share river data from their dams after the floods last year, officials said.", Some("2024-05-07"), &[], &[]);
        let c = d(
            "c",
            "Dam operators will publish levels daily, a spokesman for the Lao foreign minister told reporters.",
            Some("2024-05-08"),
            &["P1", "P2"],
            &[(12.0, "dam", None)],
        );
        let e = d(
            "e",
            "Twelve dams will report water levels every day under a pact announced by the Lao minister.",
            None,
            &["P1", "P2"],
            &[(12.0, "dam", None)],
        );
        let other = d("x", "Stocks fell sharply as investors worried about rates.", Some("2024-05-07"), &["P9"], &[]);
        let l = link(&[a, b, c, e, other]);
        assert_eq!(l.story_of, [0, 0, 1, 1, 2]);
        assert_eq!(l.stories[0].near_duplicates, [(Sym::new("a"), Sym::new("b"))]);
        assert_eq!(l.stories.iter().map(|s| s.documents.len()).sum::<usize>(), 5, "every article in exactly one story");
    }

    #[test]
    fn same_people_on_different_days_stay_apart() {
        let a = d("a", "Yang and Pompeo spoke by phone.", Some("2020-01-29"), &["P1", "P2", "P3"], &[]);
        let mut b = d("b", "Yang took a call from Pompeo.", None, &["P1", "P2", "P3"], &[]);
        b.partial = Some((3, 16));
        let l = link(&[a, b]);
        assert_eq!(l.story_of, [0, 1]);
    }

    /// An event of 5 March 2020 in sentence `sentence`.
    fn event(source: &str, target: &str, code: &str, sentence: usize) -> EventKey {
        EventKey {
            source: source.into(),
            target: target.into(),
            code: code.into(),
            date: "2020-03-05".parse().ok(),
            sentence,
        }
    }

    #[test]
    fn events_merge_with_gdelt_counts() {
        let mut a = d("a", "one", Some("2020-03-05"), &[], &[]);
        let mut b = d("b", "two", Some("2020-03-05"), &[], &[]);
        let ev = |code: &str| event("CHN", "KOR", code, 2);
        a.events = vec![ev("070"), ev("070")];
        b.events = vec![ev("070"), ev("073"), EventKey { date: "2020-03-09".parse().ok(), ..ev("070") }];
        let l = link(&[a, b]);
        let codes: Vec<(&str, u32)> = l.events.iter().map(|e| (e.code.as_str(), e.num_mentions)).collect();
        assert_eq!(codes, [("070", 3), ("073", 1), ("070", 1)], "another code or another date is another event");
        let e = &l.events[0];
        assert_eq!((e.num_mentions, e.num_sources, e.num_articles), (3, 2, 2));
        assert_eq!(e.sentence, Some(2), "where its first report is");
    }

    #[test]
    fn events_linked_again_over_standing_stories_equal_a_new_link() {
        let a = d("a", "The ministers agreed to share river data from their dams.", Some("2020-03-05"), &["P1"], &[]);
        let b = d("b", "The ministers agreed to share data from their dams.", Some("2020-03-05"), &["P1"], &[]);
        let c = d("c", "Prices of rice rose in Asian markets.", Some("2020-03-05"), &[], &[(9.0, "dam", None)]);
        let ev = |code: &str| event("KEN", "UGA", code, 1);
        let mut docs = vec![a, b, c];
        docs[0].events = vec![ev("030")];
        let before = link(&docs);
        // A re-coding changes an event and adds one; no term, date or text.
        docs[0].events = vec![ev("036")];
        docs[1].events = vec![ev("036")];
        assert_eq!(relink_events(before, &docs), link(&docs));
    }

    #[test]
    fn claims_merge_and_conflicts_are_flagged() {
        let a = d("a", "x", None, &[], &[(62.0, "country", Some("2020-03-02")), (9.0, "dam", None)]);
        let b = d("b", "y", None, &[], &[(62.0, "country", Some("2020-03-02"))]);
        let c = d("c", "z", None, &[], &[(64.0, "country", Some("2020-03-02"))]);
        let l = link(&[a, b, c]);
        let claim = l.claims.iter().find(|c| c.value == 62.0).unwrap();
        assert_eq!(claim.documents, ["a", "b"]);
        assert_eq!(claim.conflicts_with, [64.0]);
        assert!(l.claims.iter().any(|c| c.value == 64.0 && c.conflicts_with == [62.0]));
        assert!(!l.claims.iter().any(|c| c.value == 9.0), "reported once, no conflict: not a corpus claim");
    }
}
