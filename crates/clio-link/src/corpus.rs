//! Stories, merged events and claims over a corpus's [`DocFeatures`].
//!
//! **Stories**: articles are linked when they are near-duplicates (MinHash
//! over word 5-shingles, found through LSH buckets: 16 bands of 4 values, so
//! a million articles never meet pairwise), or when they report the same
//! happening: shared people and claims (a person counts 2, an organisation
//! 1, a claim 3; 5 links) on compatible dates (within two days; a month-day
//! without a year must agree with the other's date). Linked articles form a
//! story (connected components); every article is in exactly one.
//!
//! Candidates come from inverted indexes (a feature shared by more than
//! [`COMMON`] articles is too common to say anything) so the work grows with
//! the number of articles, not its square.
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

/// A feature shared by more articles than this says nothing about stories.
pub const COMMON: usize = 200;
const BANDS: usize = 16;
const ROWS: usize = MINHASH / BANDS;
/// MinHash agreement for near-duplicates (estimated Jaccard similarity).
const NEAR_DUPLICATE: f64 = 0.7;
/// Link score for the same story.
const SAME_STORY: u32 = 5;

/// A story: articles reporting the same happening.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Story {
    /// `S1`, `S2` ...
    pub id: String,
    /// Its articles, in input order.
    pub documents: Vec<String>,
    /// Pairs of its articles that are near-duplicates.
    pub near_duplicates: Vec<(String, String)>,
}

/// An event merged over the articles that report it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CorpusEvent {
    /// `E1`, `E2` ...
    pub id: String,
    /// The most reported CAMEO code.
    pub code: String,
    /// Source actor code.
    pub source: String,
    /// Target actor code.
    pub target: String,
    /// Date.
    pub date: Option<Date>,
    /// Articles reporting it.
    pub documents: Vec<String>,
    /// GDELT NumMentions: times it is reported in all articles.
    pub num_mentions: u32,
    /// GDELT NumSources: distinct outlets.
    pub num_sources: u32,
    /// GDELT NumArticles: distinct articles.
    pub num_articles: u32,
    /// Each report: (article id, index of the event in that article).
    #[serde(skip)]
    pub members: Vec<(String, usize)>,
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
    pub documents: Vec<String>,
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
    /// Merged events.
    pub events: Vec<CorpusEvent>,
    /// Claims reported by more than one article, and conflicting claims.
    pub claims: Vec<Claim>,
}

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn find(&mut self, x: usize) -> usize {
        let mut r = x;
        while self.0[r] != r {
            r = self.0[r];
        }
        let mut y = x;
        while self.0[y] != r {
            let next = self.0[y];
            self.0[y] = r;
            y = next;
        }
        r
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        // The smaller index is the root: components keep input order.
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.0[hi] = lo;
        }
    }
}

fn dates_compatible(a: &DocFeatures, b: &DocFeatures) -> bool {
    let near = |x: Date, y: Date| x.since(y).is_ok_and(|s| s.get_days().abs() <= 2);
    let md_near = |x: Date, (m, d): (i8, i8)| Date::new(x.year(), m, d).is_ok_and(|y| near(x, y));
    match (a.date, b.date) {
        (Some(x), Some(y)) => near(x, y),
        (Some(x), None) => b.partial.is_none_or(|p| md_near(x, p)),
        (None, Some(y)) => a.partial.is_none_or(|p| md_near(y, p)),
        (None, None) => a.partial.is_none() || b.partial.is_none() || a.partial == b.partial,
    }
}

fn claim_key(c: &crate::features::ClaimKey) -> String {
    format!("{}|{}", c.value, c.what)
}

/// Links a corpus: stories, merged events, claims.
pub fn link(docs: &[DocFeatures]) -> CorpusLinks {
    let n = docs.len();
    let mut uf = UnionFind((0..n).collect());
    let mut near_dups: Vec<(usize, usize)> = Vec::new();

    // Near-duplicates through LSH buckets.
    let mut buckets: FxHashMap<(usize, u64), Vec<usize>> = FxHashMap::default();
    for (i, d) in docs.iter().enumerate() {
        if d.minhash.len() != MINHASH {
            continue;
        }
        for band in 0..BANDS {
            let h = d.minhash[band * ROWS..(band + 1) * ROWS].iter().fold(band as u64, |acc, v| acc.rotate_left(7) ^ v);
            buckets.entry((band, h)).or_default().push(i);
        }
    }
    let mut checked: rustc_hash::FxHashSet<(usize, usize)> = Default::default();
    for members in buckets.values().filter(|m| m.len() > 1 && m.len() <= COMMON) {
        for (k, &a) in members.iter().enumerate() {
            for &b in &members[k + 1..] {
                if !checked.insert((a, b)) {
                    continue;
                }
                let same = docs[a].minhash.iter().zip(&docs[b].minhash).filter(|(x, y)| x == y).count();
                if same as f64 / MINHASH as f64 >= NEAR_DUPLICATE {
                    uf.union(a, b);
                    near_dups.push((a, b));
                }
            }
        }
    }

    // Same happening: shared people and claims, on compatible dates.
    let mut index: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for (i, d) in docs.iter().enumerate() {
        for p in d.persons.iter().chain(&d.orgs) {
            index.entry(format!("e:{p}")).or_default().push(i);
        }
        for c in &d.claims {
            if c.value >= 10.0 || !c.what.is_empty() {
                index.entry(format!("c:{}", claim_key(c))).or_default().push(i);
            }
        }
    }
    let mut scores: FxHashMap<(usize, usize), u32> = FxHashMap::default();
    for (key, members) in index.iter().filter(|(_, m)| m.len() > 1 && m.len() <= COMMON) {
        let weight = if key.starts_with("c:") {
            3
        } else if key.starts_with("e:P") {
            2
        } else {
            1
        };
        let mut m = members.clone();
        m.dedup();
        for (k, &a) in m.iter().enumerate() {
            for &b in &m[k + 1..] {
                *scores.entry((a, b)).or_default() += weight;
            }
        }
    }
    let mut pairs: Vec<((usize, usize), u32)> = scores.into_iter().collect();
    pairs.sort_unstable();
    for ((a, b), score) in pairs {
        if score >= SAME_STORY && dates_compatible(&docs[a], &docs[b]) {
            uf.union(a, b);
        }
    }

    // Stories in input order.
    let mut story_index: FxHashMap<usize, usize> = FxHashMap::default();
    let mut links = CorpusLinks::default();
    for (i, doc) in docs.iter().enumerate() {
        let root = uf.find(i);
        let s = *story_index.entry(root).or_insert_with(|| {
            links.stories.push(Story {
                id: format!("S{}", links.stories.len() + 1),
                documents: Vec::new(),
                near_duplicates: Vec::new(),
            });
            links.stories.len() - 1
        });
        links.stories[s].documents.push(doc.id.clone());
        links.story_of.push(s);
    }
    near_dups.sort_unstable();
    for (a, b) in near_dups {
        let s = links.story_of[a];
        links.stories[s].near_duplicates.push((docs[a].id.clone(), docs[b].id.clone()));
    }
    links.events = merge_events(docs, &links.story_of);
    links.claims = claims(docs);
    links
}

/// Source, target, CAMEO root, and the date (or the story, when undated).
type EventGroupKey = (String, String, String, String);
/// A report: article index, code, index of the event in the article.
type Report = (usize, String, usize);

fn merge_events(docs: &[DocFeatures], story_of: &[usize]) -> Vec<CorpusEvent> {
    let mut groups: BTreeMap<EventGroupKey, Vec<Report>> = BTreeMap::new();
    let mut order: Vec<EventGroupKey> = Vec::new();
    for (i, d) in docs.iter().enumerate() {
        for (ei, e) in d.events.iter().enumerate() {
            let when = e.date.map_or_else(|| format!("story {}", story_of[i]), |x| x.to_string());
            let key = (e.source.clone(), e.target.clone(), e.code[..e.code.len().min(2)].to_string(), when);
            let g = groups.entry(key.clone()).or_default();
            if g.is_empty() {
                order.push(key);
            }
            g.push((i, e.code.clone(), ei));
        }
    }
    order
        .into_iter()
        .enumerate()
        .filter_map(|(k, key)| {
            let g = groups.get(&key)?;
            let mut codes: BTreeMap<&str, usize> = BTreeMap::new();
            for (_, c, _) in g {
                *codes.entry(c.as_str()).or_default() += 1;
            }
            let code = codes.iter().max_by_key(|(c, n)| (**n, std::cmp::Reverse(*c))).map(|(c, _)| c.to_string())?;
            let mut documents: Vec<String> = g.iter().map(|(i, _, _)| docs[*i].id.clone()).collect();
            documents.dedup();
            let mut outlets: Vec<&str> = g.iter().filter_map(|(i, _, _)| docs[*i].outlet.as_deref()).collect();
            outlets.sort_unstable();
            outlets.dedup();
            let date = g.first().and_then(|(i, _, ei)| docs[*i].events.get(*ei).and_then(|e| e.date));
            Some(CorpusEvent {
                id: format!("E{}", k + 1),
                code,
                source: key.0.clone(),
                target: key.1.clone(),
                date,
                num_mentions: g.len() as u32,
                num_sources: outlets.len().max(1) as u32,
                num_articles: documents.len() as u32,
                documents,
                members: g.iter().map(|(i, _, ei)| (docs[*i].id.clone(), *ei)).collect(),
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
                        what: c.what_text.clone(),
                        subject: c.subject.clone(),
                        as_of: c.as_of,
                        documents: Vec::new(),
                        conflicts_with: Vec::new(),
                    },
                )
            });
            if entry.1.documents.last() != Some(&d.id) {
                entry.1.documents.push(d.id.clone());
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
    let mut out: Vec<(usize, Claim)> = Vec::new();
    for (first, c, what) in &all {
        let mut claim = c.clone();
        if c.as_of.is_some() {
            claim.conflicts_with = all
                .iter()
                .filter(|(_, o, w)| w == what && o.subject == c.subject && o.as_of == c.as_of && o.value != c.value)
                .map(|(_, o, _)| o.value)
                .collect();
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
            outlet: Some(format!("outlet-{id}")),
            date: date.and_then(|x| x.parse().ok()),
            partial: None,
            persons: persons.iter().map(|p| p.to_string()).collect(),
            orgs: vec![],
            claims: claims
                .iter()
                .map(|(v, w, a)| ClaimKey {
                    value: *v,
                    what: w.to_string(),
                    what_text: w.to_string(),
                    subject: None,
                    as_of: a.and_then(|x| x.parse().ok()),
                })
                .collect(),
            events: vec![],
            minhash: minhash(text),
            codes: Default::default(),
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
        assert_eq!(l.stories[0].near_duplicates, [("a".to_string(), "b".to_string())]);
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

    #[test]
    fn events_merge_with_gdelt_counts() {
        let mut a = d("a", "one", Some("2020-03-05"), &[], &[]);
        let mut b = d("b", "two", Some("2020-03-05"), &[], &[]);
        let ev = |code: &str| EventKey {
            source: "CHN".into(),
            target: "KOR".into(),
            code: code.into(),
            date: "2020-03-05".parse().ok(),
        };
        a.events = vec![ev("070"), ev("070")];
        b.events = vec![ev("073"), EventKey { date: "2020-03-09".parse().ok(), ..ev("070") }];
        let l = link(&[a, b]);
        assert_eq!(l.events.len(), 2, "another date is another event");
        let e = &l.events[0];
        assert_eq!((e.code.as_str(), e.num_mentions, e.num_sources, e.num_articles), ("070", 3, 2, 2));
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
