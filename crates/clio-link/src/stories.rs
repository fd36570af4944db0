//! Stories: articles that report the same happening, found by what they
//! say.
//!
//! Each article is a TF-IDF vector over its terms ([`DocFeatures::terms`]:
//! content-word lemmas, headline words twice, the global ids of the people,
//! organisations and places it names, numbers only with what they count),
//! with document frequencies taken over every article linked, stored and
//! new. Articles join stories one at a time, as streaming news clustering
//! does (Miranda et al. 2018): each joins the story whose centroid it is
//! closest to, if the cosine reaches [`JOIN`] and, when both are dated, the
//! story's dates are within [`WINDOW_DAYS`] of its own; else it starts a
//! story. A story is compared with the article as a whole, so two stories
//! never chain into one through a pair of articles that happen to share a
//! number. Near-duplicates (MinHash) are the strongest link: an article
//! joins the story of a near-duplicate placed before it.
//!
//! Candidate stories come from an inverted index of the terms of their
//! articles (a term in more than [`CROWDED`] stories is too common to find
//! any), so the work grows with the number of articles, not its square.
//! The articles are taken in one canonical order (by date, then id), so any
//! order or grouping of ingests gives the same stories.
//!
//! An undated article borrows a date only from the dated article of its
//! story closest to it, when that one alone is close enough to join it
//! ([`STRONG`], or a near-duplicate), nearly as close as any undated
//! article of the story ([`AS_CLOSE`]), and its date agrees with the month
//! and day the undated one may give.

use jiff::civil::Date;
use rustc_hash::FxHashMap;

use crate::features::{headline_words, DocFeatures};
use crate::sym::Sym;

/// Cosine to a story's centroid an article needs to join it (chosen on the
/// ECB+ dev topics, `clio eval stories`).
pub const JOIN: f32 = 0.25;
/// Cosine between two articles for one to lend the other its date: as
/// close, article to article, as joining a story takes article to story.
pub const STRONG: f32 = JOIN;
/// How close, against the undated article of its story closest to it, a
/// dated article must be to lend its date: a story can hold reports of
/// two happenings of a kind (a second quake on the same island, a coach
/// fired and his successor hired), and an article whose nearest reports
/// carry no date may be of the happening that has none (chosen on the
/// ECB+ dev topics: 92.5% -> 97.8% of the dates lent are of the article's
/// own event).
const AS_CLOSE: f32 = 0.75;
/// Days a dated article may be from a dated story's first or last article.
pub const WINDOW_DAYS: i32 = 7;
/// Stories a term may be in and still find candidates.
pub const CROWDED: usize = 100;
/// Terms of an article used to find candidate stories.
const PROBES: usize = 24;
/// Passes that let each article move to the story that suits it best once
/// all are placed.
const REFINE_PASSES: usize = 1;

/// The stories of a corpus.
#[derive(Debug, Default)]
pub struct Clusters {
    /// Per article (input order), its story (numbered by first article in
    /// input order).
    pub story_of: Vec<usize>,
    /// Per story, its most central article.
    pub central: Vec<usize>,
    /// Per article, the article it may take its date from.
    pub date_from: Vec<Option<usize>>,
}

/// An article's TF-IDF vector: its terms ([`DocFeatures::terms`], sorted
/// by term), each weighed as it is read: the term frequency's weight (a
/// table by count) times the term's inverse document frequency times the
/// article's scale to unit length. No list of weights is kept beside the
/// terms: a corpus's vectors cost 4 bytes an article, not 4 a term.
#[derive(Clone, Copy)]
struct Vector<'a> {
    terms: &'a [Sym],
    counts: &'a [u8],
    idf: &'a [f32],
    scale: f32,
}

/// Sublinear term frequency, 1 + ln(count), by count (0 counts as 1).
static TF: std::sync::LazyLock<[f32; 256]> =
    std::sync::LazyLock::new(|| std::array::from_fn(|c| 1.0 + (c.max(1) as f32).ln()));

impl<'a> Vector<'a> {
    fn weight(&self, k: usize) -> f32 {
        TF[self.counts[k] as usize] * self.idf[self.terms[k].index() as usize] * self.scale
    }

    /// (term number, weight) in the order of the terms.
    fn iter(self) -> impl Iterator<Item = (u32, f32)> + 'a {
        (0..self.terms.len()).map(move |k| (self.terms[k].index(), self.weight(k)))
    }
}

fn dot(a: Vector, b: Vector) -> f32 {
    let (mut i, mut j, mut s) = (0, 0, 0.0);
    while i < a.terms.len() && j < b.terms.len() {
        match a.terms[i].cmp(&b.terms[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += a.weight(i) * b.weight(j);
                i += 1;
                j += 1;
            }
        }
    }
    s
}

/// What every article's vector is read from: the terms' inverse document
/// frequencies and each article's scale.
struct Vectors<'a> {
    docs: &'a [DocFeatures],
    idf: Vec<f32>,
    scale: Vec<f32>,
}

impl Vectors<'_> {
    fn get(&self, i: usize) -> Vector<'_> {
        let terms = &self.docs[i].terms;
        Vector { terms: terms.syms(), counts: terms.counts(), idf: &self.idf, scale: self.scale[i] }
    }
}

/// TF-IDF vectors of the articles (sublinear term frequency; smoothed
/// inverse document frequency, ln((n+1)/(df+1)) + 1, so that in a small
/// collection the words two reports share still count), and per
/// term number whether it is an anchor: a named entity, or a word rare
/// enough (in at most 1% of the articles, and no more than 25; at least 3)
/// to say which happening it is (a number is none: two reports sharing
/// "15 cents" share no happening).
fn vectors(docs: &[DocFeatures]) -> (Vectors<'_>, Vec<bool>, Vec<u32>) {
    let size = docs.iter().flat_map(|d| d.terms.syms().iter().map(|t| t.index() as usize + 1)).max().unwrap_or(0);
    let mut df: Vec<u32> = vec![0; size];
    let mut sym_of: Vec<Option<Sym>> = vec![None; size];
    for t in docs.iter().flat_map(|d| d.terms.syms()) {
        df[t.index() as usize] += 1;
        sym_of[t.index() as usize] = Some(*t);
    }
    let n = docs.len() as f32;
    let rare = (docs.len() / 100).clamp(3, 25) as u32;
    // Only what two articles can share can anchor them.
    let anchor: Vec<bool> = df
        .iter()
        .zip(&sym_of)
        .map(|(&f, t)| f >= 2 && t.is_some_and(|t| t.starts_with('@') || (!t.starts_with('#') && f <= rare)))
        .collect();
    let idf: Vec<f32> = df.iter().map(|&f| ((n + 1.0) / (f as f32 + 1.0)).ln() + 1.0).collect();
    // Each article's scale: one over the length of its unscaled vector.
    let scale = docs
        .iter()
        .map(|d| {
            let unscaled = Vector { terms: d.terms.syms(), counts: d.terms.counts(), idf: &idf, scale: 1.0 };
            let norm = unscaled.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
            if norm > 0.0 {
                1.0 / norm
            } else {
                1.0
            }
        })
        .collect();
    (Vectors { docs, idf, scale }, anchor, df)
}

struct Forming {
    centroid: FxHashMap<u32, f32>,
    norm2: f32,
    first: Option<Date>,
    last: Option<Date>,
    /// Month and day its undated articles give.
    partials: Vec<(i8, i8)>,
    members: Vec<usize>,
}

impl Forming {
    fn cosine(&self, v: Vector) -> f32 {
        let d: f32 = v.iter().filter_map(|(t, w)| self.centroid.get(&t).map(|c| c * w)).sum();
        if self.norm2 > 0.0 {
            d / self.norm2.sqrt()
        } else {
            0.0
        }
    }

    /// Takes article `i` out again (its dates stay in the range: a story's
    /// range only widens, so a second pass never splits on dates).
    fn remove(&mut self, i: usize, v: Vector, partial: Option<(i8, i8)>) {
        if let Some(k) = partial.and_then(|p| self.partials.iter().position(|x| *x == p)) {
            self.partials.swap_remove(k);
        }
        for (t, w) in v.iter() {
            if let Some(c) = self.centroid.get_mut(&t) {
                *c -= w;
            }
        }
        let d: f32 = v.iter().filter_map(|(t, w)| self.centroid.get(&t).map(|c| c * w)).sum();
        self.norm2 = (self.norm2 - 2.0 * d - 1.0).max(0.0);
        self.members.retain(|&m| m != i);
    }

    fn add(&mut self, i: usize, v: Vector, date: Option<Date>, partial: Option<(i8, i8)>) {
        if let (None, Some(p)) = (date, partial) {
            self.partials.push(p);
        }
        let d: f32 = v.iter().filter_map(|(t, w)| self.centroid.get(&t).map(|c| c * w)).sum();
        self.norm2 += 2.0 * d + 1.0;
        for (t, w) in v.iter() {
            *self.centroid.entry(t).or_default() += w;
        }
        if let Some(x) = date {
            self.first = Some(self.first.map_or(x, |f| f.min(x)));
            self.last = Some(self.last.map_or(x, |l| l.max(x)));
        }
        self.members.push(i);
    }

    /// Whether an article of `date` (or of month and day `partial` only)
    /// may be of this story, by its dates.
    fn in_window(&self, date: Option<Date>, partial: Option<(i8, i8)>) -> bool {
        let days = |a: Date, b: Date| a.since(b).map_or(i32::MAX, |s| s.get_days().abs());
        let near_span = |x: Date, first: Date, last: Date| {
            (first..=last).contains(&x) || days(x, first) <= WINDOW_DAYS || days(x, last) <= WINDOW_DAYS
        };
        // A dated article must agree with the months and days its undated
        // articles give: near the span they make in its year, as it must
        // be near the span of its dated articles.
        if let Some(x) = date {
            let in_year = |&(m, d): &(i8, i8)| Date::new(x.year(), m, d).ok();
            let lo = self.partials.iter().filter_map(in_year).min();
            let hi = self.partials.iter().filter_map(in_year).max();
            if let (Some(lo), Some(hi)) = (lo, hi) {
                if !near_span(x, lo, hi) {
                    return false;
                }
            }
        }
        let (Some(first), Some(last)) = (self.first, self.last) else { return true };
        let near = |x: Date| near_span(x, first, last);
        match (date, partial) {
            (Some(x), _) => near(x),
            // "March 16" with no year: in the year of either end.
            (None, Some((m, d))) => [first.year(), last.year()].iter().any(|&y| Date::new(y, m, d).is_ok_and(near)),
            (None, None) => true,
        }
    }
}

/// The [`PROBES`] heaviest terms of an article, that find its candidate
/// stories.
fn probes(v: Vector) -> Vec<(u32, f32)> {
    let mut p: Vec<(u32, f32)> = v.iter().collect();
    p.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    p.truncate(PROBES);
    p
}

/// Lists story `s` under the terms of article `v` that joined it (once per
/// term, however many of its articles have it). A list past [`CROWDED`]
/// finds nothing more: it stops growing there.
fn post(postings: &mut FxHashMap<u32, Vec<u32>>, v: Vector, s: usize) {
    let s = s as u32;
    for (t, _) in v.iter() {
        let p = postings.entry(t).or_default();
        if p.last() != Some(&s) && p.len() <= CROWDED {
            p.push(s);
        }
    }
}

/// The story closest to article `v` among those its probe terms find (and
/// `own`), of those `fits` allows, if the cosine to its centroid reaches
/// [`JOIN`]; ties go to the older story.
fn best_story(
    v: Vector,
    stories: &[Forming],
    postings: &FxHashMap<u32, Vec<u32>>,
    own: Option<usize>,
    fits: impl Fn(&Forming) -> bool,
) -> Option<usize> {
    let mut candidates: Vec<usize> = probes(v)
        .into_iter()
        .filter_map(|(t, _)| postings.get(&t))
        .filter(|p| p.len() <= CROWDED)
        .flatten()
        .map(|&s| s as usize)
        .chain(own)
        .collect();
    candidates.sort_unstable();
    candidates.dedup();
    candidates
        .into_iter()
        .filter(|&s| !stories[s].members.is_empty() && fits(&stories[s]))
        .map(|s| (stories[s].cosine(v), s))
        .filter(|(c, _)| *c >= JOIN)
        .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)))
        .map(|(_, s)| s)
}

/// Clusters articles into stories; `near` are the near-duplicate pairs.
pub fn cluster(docs: &[DocFeatures], near: &[(usize, usize)]) -> Clusters {
    let n = docs.len();
    let (vecs, anchor, df) = vectors(docs);
    let df_of = |w: &str| df.get(Sym::new(w).index() as usize).copied().unwrap_or(0);
    // An article with anchors joins only a story that shares one: genre
    // words alone ("shr", "net", "qtr") make no happening. One without
    // anchors whose headline names what no other article names ("<ACME
    // CORP> 4TH QTR NET": a company's own results) is its own happening:
    // it joins no story by genre words either.
    let own_name: Vec<bool> =
        docs.iter().map(|d| d.title.as_deref().is_some_and(|t| headline_words(t).any(|w| df_of(&w) <= 1))).collect();
    let anchored = |f: &Forming, i: usize, v: Vector| {
        let mut own = v.iter().filter(|(t, _)| anchor[*t as usize]).peekable();
        if own.peek().is_none() {
            return !own_name[i];
        }
        own.any(|(t, _)| f.centroid.get(&t).is_some_and(|c| *c > 1e-6))
    };
    let mut near_of: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b) in near {
        near_of[a].push(b);
        near_of[b].push(a);
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| {
        (docs[a].date.is_none(), docs[a].date, &docs[a].id).cmp(&(docs[b].date.is_none(), docs[b].date, &docs[b].id))
    });

    let mut stories: Vec<Forming> = Vec::new();
    let mut placed: Vec<Option<usize>> = vec![None; n];
    let mut postings: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
    for &i in &order {
        let v = vecs.get(i);
        let dup = near_of[i].iter().filter_map(|&j| placed[j]).min();
        let fits = |f: &Forming| f.in_window(docs[i].date, docs[i].partial) && anchored(f, i, v);
        let chosen = dup.or_else(|| best_story(v, &stories, &postings, None, fits));
        let s = chosen.unwrap_or_else(|| {
            stories.push(Forming {
                centroid: FxHashMap::default(),
                norm2: 0.0,
                first: None,
                last: None,
                partials: Vec::new(),
                members: Vec::new(),
            });
            stories.len() - 1
        });
        stories[s].add(i, v, docs[i].date, docs[i].partial);
        placed[i] = Some(s);
        post(&mut postings, v, s);
    }

    // A second pass over the same order: each article moves to the story
    // that suits it best now that all are placed (the first articles of a
    // story chose before it had grown).
    for _ in 0..REFINE_PASSES {
        for &i in &order {
            if !near_of[i].is_empty() {
                continue;
            }
            let v = vecs.get(i);
            let Some(own) = placed[i] else { continue };
            stories[own].remove(i, v, docs[i].date.map_or(docs[i].partial, |_| None));
            let fits = |f: &Forming| f.in_window(docs[i].date, docs[i].partial) && anchored(f, i, v);
            let s = best_story(v, &stories, &postings, Some(own), fits).unwrap_or(own);
            stories[s].add(i, v, docs[i].date, docs[i].partial);
            placed[i] = Some(s);
            post(&mut postings, v, s);
        }
    }

    // Stories numbered by their first article in input order.
    let mut number: Vec<Option<usize>> = vec![None; stories.len()];
    let mut next = 0;
    let mut story_of = Vec::with_capacity(n);
    for p in &placed {
        let s = p.unwrap_or(0);
        let k = *number[s].get_or_insert_with(|| {
            next += 1;
            next - 1
        });
        story_of.push(k);
    }
    let mut central = vec![0; next];
    let mut date_from = vec![None; n];
    for (s, f) in stories.iter().enumerate() {
        let Some(k) = number[s] else { continue };
        central[k] = f
            .members
            .iter()
            .copied()
            .max_by(|&a, &b| f.cosine(vecs.get(a)).total_cmp(&f.cosine(vecs.get(b))).then(b.cmp(&a)))
            .unwrap_or(0);
        for &i in f.members.iter().filter(|&&i| docs[i].date.is_none()) {
            let closeness = |j: usize| if near_of[i].contains(&j) { 1.0 } else { dot(vecs.get(i), vecs.get(j)) };
            let closest_undated = f
                .members
                .iter()
                .filter(|&&k| k != i && docs[k].date.is_none())
                .map(|&k| closeness(k))
                .fold(0.0f32, f32::max);
            date_from[i] = f
                .members
                .iter()
                .copied()
                .filter(|&j| docs[j].date.is_some() && partial_agrees(&docs[i], &docs[j]))
                .map(|j| (closeness(j), j))
                .filter(|(c, _)| *c >= STRONG && *c >= AS_CLOSE * closest_undated)
                .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)))
                .map(|(_, j)| j);
        }
    }
    Clusters { story_of, central, date_from }
}

/// An article's month and day, when it gives them, agree with the other's
/// date (within two days).
fn partial_agrees(undated: &DocFeatures, dated: &DocFeatures) -> bool {
    let (Some((m, d)), Some(x)) = (undated.partial, dated.date) else { return true };
    Date::new(x.year(), m, d).is_ok_and(|y| x.since(y).is_ok_and(|s| s.get_days().abs() <= 2))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, date: Option<&str>, terms: &[&str]) -> DocFeatures {
        let mut counts: FxHashMap<String, f32> = FxHashMap::default();
        for t in terms {
            *counts.entry(t.to_string()).or_default() += 1.0;
        }
        let mut terms: Vec<(String, f32)> = counts.into_iter().collect();
        terms.sort_by(|a, b| a.0.cmp(&b.0));
        let terms = terms.into_iter().map(|(t, n)| (crate::sym::Sym::new(&t), n)).collect();
        DocFeatures { id: id.into(), date: date.and_then(|d| d.parse().ok()), terms, ..DocFeatures::default() }
    }

    #[test]
    fn articles_that_say_the_same_join_and_a_shared_number_chains_nothing() {
        let flood = ["river", "flood", "dam", "town", "evacuate", "water", "rain"];
        let quake = ["earthquake", "magnitude", "epicentre", "building", "collapse", "rescue"];
        let a = doc("a", Some("2024-05-07"), &[&flood[..], &["#12 dead"]].concat());
        let b = doc("b", Some("2024-05-08"), &flood[1..]);
        let c = doc("c", Some("2024-05-08"), &[&quake[..], &["#12 dead"]].concat());
        let d = doc("d", Some("2024-05-09"), &quake[..5]);
        let others: Vec<DocFeatures> =
            (0..6).map(|k| doc(&format!("o{k}"), Some("2024-05-08"), &[&format!("word{k}"), "said"])).collect();
        let mut all = vec![a, b, c, d];
        all.extend(others);
        let cl = cluster(&all, &[]);
        assert_eq!(cl.story_of[0], cl.story_of[1]);
        assert_eq!(cl.story_of[2], cl.story_of[3]);
        assert_ne!(cl.story_of[0], cl.story_of[2], "one shared count links no stories");
    }

    #[test]
    fn genre_words_join_no_article_whose_headline_names_what_no_other_names() {
        // Results tables: the same words, each of another company.
        let genre = ["shr", "net", "revs", "qtr", "profit", "oper"];
        let titled: Vec<DocFeatures> = ["ACME", "ZENITH", "ORBIS", "HALCYON", "PERIDOT"]
            .iter()
            .map(|name| {
                let mut d = doc(name, Some("2024-05-07"), &genre);
                d.title = Some(format!("{name} CORP 4TH QTR NET").into());
                d
            })
            .collect();
        let cl = cluster(&titled, &[]);
        assert_eq!(cl.central.len(), 5, "each company's results are their own: {:?}", cl.story_of);
        // Without headlines nothing says they differ: they stay one story.
        let untitled: Vec<DocFeatures> = (0..5).map(|k| doc(&format!("u{k}"), Some("2024-05-07"), &genre)).collect();
        assert_eq!(cluster(&untitled, &[]).central.len(), 1);
    }

    #[test]
    fn any_input_order_gives_the_same_stories() {
        let docs: Vec<DocFeatures> = (0..12)
            .map(|k| {
                let topic = ["alpha", "beta", "gamma"][k % 3];
                doc(&format!("d{k}"), None, &[topic, topic, "news", &format!("x{k}")])
            })
            .collect();
        let groups = |docs: &[DocFeatures]| {
            let cl = cluster(docs, &[]);
            let mut g: Vec<Vec<String>> = vec![Vec::new(); cl.central.len()];
            for (i, s) in cl.story_of.iter().enumerate() {
                g[*s].push(docs[i].id.to_string());
            }
            g.iter_mut().for_each(|x| x.sort());
            g.sort();
            g
        };
        let mut reversed = docs.clone();
        reversed.reverse();
        assert_eq!(groups(&docs), groups(&reversed));
        assert_eq!(groups(&docs).len(), 3);
    }

    #[test]
    fn a_date_is_lent_only_by_a_close_article_whose_date_agrees() {
        let words = ["summit", "leaders", "trade", "pact", "signed", "capital"];
        let dated = doc("a", Some("2024-03-16"), &words);
        let close = doc("b", None, &words[..5]);
        let mut disagrees = doc("c", None, &words[1..]);
        disagrees.partial = Some((7, 1));
        let cl = cluster(&[dated, close, disagrees], &[]);
        assert_eq!(cl.story_of, [0, 0, 1], "July 1 is no day of a March story");
        assert_eq!(cl.date_from, [None, Some(0), None]);
    }

    #[test]
    fn no_date_is_lent_to_an_article_whose_closest_reports_are_undated() {
        // One story, two quakes on one island: the dated report is of the
        // earlier one; two undated reports of the later one share its
        // magnitude and village, and are far closer to each other.
        let island = ["quake", "island", "struck", "coast", "villages", "damaged"];
        let earlier = doc("a", Some("2005-11-27"), &[&island[..], &["dead", "tents"]].concat());
        let later = ["#5.6 magnitude", "dargahan", "injured", "five"];
        let first = doc("b", None, &[&island[..4], &later[..]].concat());
        let second = doc("c", None, &[&island[..3], &later[..], &["tremor"]].concat());
        let own = doc("d", None, &[&island[..], &["dead"]].concat());
        let cl = cluster(&[earlier, first, second, own], &[]);
        assert_eq!(cl.story_of, [0, 0, 0, 0]);
        assert_eq!(cl.date_from, [None, None, None, Some(0)], "only the report closest to the dated one borrows");
    }

    #[test]
    fn a_dated_article_joins_a_story_near_the_days_its_undated_articles_give() {
        // Undated reports of May 2 and May 20 make a story of those weeks:
        // a report dated May 24 is near its last days; one of July is not.
        let words = ["clinic", "actress", "rehab", "court", "sentence", "judge"];
        let mut early = doc("a", None, &words);
        early.partial = Some((5, 2));
        let mut late = doc("b", None, &words[1..]);
        late.partial = Some((5, 20));
        let near = doc("c", Some("2013-05-24"), &words[..5]);
        let far = doc("d", Some("2013-07-24"), &words[..5]);
        let cl = cluster(&[early, late, near, far], &[]);
        assert_eq!(cl.story_of[..3], [0, 0, 0], "May 24 is within a week of May 20");
        assert_ne!(cl.story_of[3], 0, "late July is no day of a May story");
    }
}
