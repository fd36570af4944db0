//! What linking needs of an article, compact enough to keep for a whole
//! corpus (and to store, so later runs link against earlier ones).

use clio_model::{Doc, MentionKind};

use crate::codes::ActorCodes;
use crate::sym::Sym;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64_with_seed;

/// Number of MinHash values per article.
pub const MINHASH: usize = 64;

/// A quantity as a claim: value, what it counts (head noun), subject, date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClaimKey {
    /// The value.
    pub value: f64,
    /// Head noun of what it counts, singular, lower case ("country").
    pub what: Sym,
    /// What it counts, as written.
    pub what_text: Sym,
    /// Subject code.
    pub subject: Option<Sym>,
    /// As-of date.
    pub as_of: Option<Date>,
}

/// An event as merging sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventKey {
    /// Source actor code.
    pub source: Sym,
    /// Target actor code.
    pub target: Sym,
    /// CAMEO code.
    pub code: Sym,
    /// Date.
    pub date: Option<Date>,
    /// The sentence it was coded from (from 1; 0 in features stored before
    /// it was kept).
    #[serde(default)]
    pub sentence: usize,
}

/// Terms kept per article for story similarity.
pub const TERMS: usize = 150;

/// An article's terms and how often it uses each, sorted by term: two
/// lists side by side, a count in one byte (counts are whole numbers; one
/// past 255 uses is as telling as 255, the weight grows with its
/// logarithm), so a corpus step holds 5 bytes a term instead of 8. Reads
/// and writes as a list of `[term, count]` pairs, as stored features
/// always have.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Terms {
    syms: Vec<Sym>,
    counts: Vec<u8>,
}

impl Terms {
    /// The terms, in order.
    pub fn syms(&self) -> &[Sym] {
        &self.syms
    }

    /// How often each term is used, in the order of the terms.
    pub fn counts(&self) -> &[u8] {
        &self.counts
    }

    /// (term, count) in the order of the terms.
    pub fn iter(&self) -> impl Iterator<Item = (Sym, f32)> + '_ {
        self.syms.iter().zip(&self.counts).map(|(s, c)| (*s, f32::from(*c)))
    }

    /// Renames each term with `f`, keeping the list sorted (global entity
    /// ids renumbered across shards).
    pub fn rename(&mut self, f: impl Fn(Sym) -> Sym) {
        let renamed: Vec<(Sym, f32)> = self.iter().map(|(s, c)| (f(s), c)).collect();
        *self = renamed.into_iter().collect();
    }

    fn shrink_to_fit(&mut self) {
        self.syms.shrink_to_fit();
        self.counts.shrink_to_fit();
    }
}

impl FromIterator<(Sym, f32)> for Terms {
    /// From (term, count) pairs in any order (sorted here; a repeated
    /// term's counts add up).
    fn from_iter<I: IntoIterator<Item = (Sym, f32)>>(pairs: I) -> Terms {
        let mut pairs: Vec<(Sym, f32)> = pairs.into_iter().collect();
        pairs.sort_by_key(|a| a.0);
        let mut t = Terms { syms: Vec::with_capacity(pairs.len()), counts: Vec::with_capacity(pairs.len()) };
        for (s, c) in pairs {
            let c = c.round().clamp(0.0, 255.0) as u8;
            if t.syms.last() == Some(&s) {
                if let Some(last) = t.counts.last_mut() {
                    *last = last.saturating_add(c);
                }
            } else {
                t.syms.push(s);
                t.counts.push(c);
            }
        }
        t
    }
}

impl Serialize for Terms {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for Terms {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Terms, D::Error> {
        Ok(Vec::<(Sym, f32)>::deserialize(d)?.into_iter().collect())
    }
}

/// The linking features of one article. Its strings that repeat across
/// articles are interned ([`Sym`]): a corpus step holds these for every
/// stored article.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DocFeatures {
    /// Article id (interned: the results list articles by it many times).
    pub id: Sym,
    /// Outlet (for GDELT's NumSources).
    pub outlet: Option<Sym>,
    /// Article date.
    pub date: Option<Date>,
    /// Month and day, when only they are known.
    pub partial: Option<(i8, i8)>,
    /// Its quantities as claims.
    pub claims: Vec<ClaimKey>,
    /// Its events.
    pub events: Vec<EventKey>,
    /// MinHash of its word 5-shingles.
    pub minhash: Vec<u32>,
    /// Actor codes it knows, lacks and borrows (features stored by an older
    /// clio have none).
    #[serde(default)]
    pub codes: ActorCodes,
    /// Its headline.
    #[serde(default)]
    pub title: Option<Box<str>>,
    /// What it says, as (term, count): content-word lemmas, headline words
    /// (counted twice), `@`global ids of what it names, `#`numbers with what
    /// they count. The [`TERMS`] most frequent.
    #[serde(default)]
    pub terms: Terms,
}

impl DocFeatures {
    /// Whether stories are made of the same of `self` and `other`: text,
    /// terms, headline, date and outlet (events, claims and codes aside).
    pub fn same_for_stories(&self, other: &DocFeatures) -> bool {
        self.id == other.id
            && self.outlet == other.outlet
            && self.date == other.date
            && self.partial == other.partial
            && self.minhash == other.minhash
            && self.title == other.title
            && self.terms == other.terms
    }

    /// Gives back the room its lists grew into while they were read: a
    /// corpus step holds the features of every stored article.
    pub fn shrink(mut self) -> DocFeatures {
        self.claims.shrink_to_fit();
        self.events.shrink_to_fit();
        self.minhash.shrink_to_fit();
        self.terms.shrink_to_fit();
        self.codes.own.shrink_to_fit();
        self.codes.lacking.shrink_to_fit();
        self.codes.borrowed.shrink_to_fit();
        self
    }
}

/// The head noun of what a quantity counts, singular: "coronavirus cases"
/// -> "case", "international organizations" -> "organization".
pub fn head_noun(what: &str) -> String {
    let w = what.split_whitespace().rfind(|w| *w != "of").unwrap_or("").to_lowercase();
    if let Some(s) = w.strip_suffix("ies") {
        format!("{s}y")
    } else if w.ends_with("ss") {
        w
    } else {
        w.strip_suffix('s').map_or(w.clone(), str::to_string)
    }
}

/// MinHash of a text's lower-case word 5-shingles. 32-bit minima: a chance
/// collision (2^-32 per value) is far below what near-duplicate detection
/// notices, and the signature stored per article is half the size.
pub fn minhash(text: &str) -> Vec<u32> {
    let words: Vec<String> =
        text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    let mut mins = vec![u32::MAX; MINHASH];
    let k = 5.min(words.len().max(1));
    for shingle in words.windows(k) {
        let s = shingle.join(" ");
        for (seed, m) in mins.iter_mut().enumerate() {
            *m = (*m).min((xxh3_64_with_seed(s.as_bytes(), seed as u64) >> 32) as u32);
        }
    }
    mins
}

/// Words that say nothing of what happened.
fn is_stopword(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "and"
            | "for"
            | "that"
            | "with"
            | "this"
            | "from"
            | "have"
            | "has"
            | "had"
            | "was"
            | "were"
            | "are"
            | "been"
            | "will"
            | "would"
            | "said"
            | "say"
            | "says"
            | "its"
            | "their"
            | "his"
            | "her"
            | "they"
            | "them"
            | "who"
            | "which"
            | "what"
            | "when"
            | "where"
            | "there"
            | "than"
            | "then"
            | "into"
            | "about"
            | "after"
            | "before"
            | "over"
            | "also"
            | "more"
            | "most"
            | "other"
            | "some"
            | "such"
            | "only"
            | "just"
            | "very"
            | "can"
            | "could"
            | "may"
            | "might"
            | "must"
            | "should"
            | "not"
            | "but"
            | "all"
            | "any"
            | "one"
            | "two"
            | "new"
            | "year"
            | "years"
            | "day"
            | "days"
            | "time"
            | "week"
            | "month"
            | "told"
            | "get"
            | "make"
            | "take"
            | "come"
            | "know"
            | "see"
            | "like"
            | "people"
            | "first"
            | "last"
            | "news"
            | "report"
            | "be"
            | "do"
            | "go"
            | "out"
            | "up"
            | "you"
            | "your"
            | "our"
            | "we"
            | "she"
            | "he"
            | "it"
            | "an"
            | "of"
            | "to"
            | "in"
            | "on"
            | "at"
            | "by"
            | "or"
            | "as"
            | "is"
            | "if"
            | "so"
            | "no"
            | "yes"
            | "mr"
            | "mrs"
            | "ms"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "today"
            | "yesterday"
            | "tomorrow"
            | "accord"
    )
}

/// The words of a headline that are terms: lower case, alphabetic, three
/// letters or more, no stopwords.
pub fn headline_words(title: &str) -> impl Iterator<Item = String> + '_ {
    title
        .split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.len() >= 3 && w.chars().all(char::is_alphabetic) && !is_stopword(w))
}

/// What an article says, as counted terms (see [`DocFeatures::terms`]).
pub fn terms(doc: &Doc) -> Terms {
    use clio_model::Upos;
    let mut counts: rustc_hash::FxHashMap<String, f32> = rustc_hash::FxHashMap::default();
    let mut add = |t: String, by: f32| *counts.entry(t).or_default() += by;
    let word = |w: &str| w.len() >= 3 && w.chars().all(char::is_alphabetic) && !is_stopword(w);
    let parsed = doc.syntax.len() == doc.tokens.len();
    for (i, t) in doc.tokens.iter().enumerate() {
        let content = !parsed || matches!(doc.syntax.upos[i], Upos::Noun | Upos::Propn | Upos::Verb | Upos::Adj);
        if !content {
            continue;
        }
        let w = if parsed { doc.syntax.lemma(i).to_lowercase() } else { doc.slice(t.span).to_lowercase() };
        if word(&w) {
            add(w, 1.0);
        }
    }
    for w in doc.meta.title.iter().flat_map(|t| headline_words(t)) {
        add(w, 2.0);
    }
    for e in &doc.entities {
        if let Some(g) = &e.global_id {
            let named = e.mentions.iter().filter(|m| m.kind != MentionKind::Pronoun).count();
            add(format!("@{g}"), (1 + named.min(3)) as f32);
        }
    }
    for q in &doc.quantities {
        if let Some(what) = q.what.as_deref().filter(|w| !w.is_empty()) {
            add(format!("#{} {}", q.value, head_noun(what)), 1.0);
        }
    }
    let mut terms: Vec<(String, f32)> = counts.into_iter().collect();
    terms.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    terms.truncate(TERMS);
    terms.into_iter().map(|(t, n)| (Sym::new(&t), n)).collect()
}

/// The features of a processed, globally linked article.
pub fn features(doc: &Doc) -> DocFeatures {
    DocFeatures {
        id: Sym::new(&doc.id.0),
        outlet: doc.meta.outlet.as_ref().map(Sym::from),
        date: doc.date.value,
        partial: doc.date.partial.and_then(|p| Some((p.month?, p.day?))),
        claims: doc
            .quantities
            .iter()
            .filter_map(|q| {
                let what = q.what.as_deref()?;
                Some(ClaimKey {
                    value: q.value,
                    what: Sym::new(&head_noun(what)),
                    what_text: Sym::new(what),
                    subject: q.subject.as_ref().map(Sym::from),
                    as_of: q.as_of,
                })
            })
            .collect(),
        events: doc
            .events
            .iter()
            .map(|e| EventKey {
                source: Sym::new(&e.source.code),
                target: Sym::new(e.target.as_ref().map_or("", |t| t.code.as_str())),
                code: Sym::new(&e.code),
                date: e.date,
                sentence: e.sentence as usize + 1,
            })
            .collect(),
        minhash: minhash(&doc.text),
        codes: ActorCodes::of(doc),
        title: doc.meta.title.as_deref().map(Box::from),
        terms: terms(doc),
    }
    .shrink()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn head_nouns_are_singular() {
        assert_eq!(head_noun("coronavirus cases"), "case");
        assert_eq!(head_noun("international organizations"), "organization");
        assert_eq!(head_noun("tons of"), "ton");
        assert_eq!(head_noun("local hospitals"), "hospital");
    }

    #[test]
    fn an_entity_weighs_by_how_often_it_is_named_not_by_its_pronouns() {
        use clio_model::{DocId, Entity, EntityType, InputFormat, Mention, Span};
        let mention = |start: usize, kind: MentionKind| Mention { span: Span::new(start, start + 2).unwrap(), kind };
        let person = |id: u32, global: &str, mentions: Vec<Mention>| Entity {
            id,
            name: global.into(),
            etype: EntityType::Person,
            actor: None,
            actor_rule: None,
            country: None,
            roles: vec![],
            aliases: vec![],
            mentions,
            caption_mentions: vec![],
            place: None,
            link_key: String::new(),
            global_id: Some(global.into()),
        };
        let mut doc = Doc::new(DocId("d".into()), "d".into(), InputFormat::Text, String::new(), String::new());
        doc.entities = vec![
            person(1, "P1", vec![mention(0, MentionKind::Name), mention(10, MentionKind::PartialName)]),
            person(
                2,
                "P2",
                vec![
                    mention(20, MentionKind::Name),
                    mention(30, MentionKind::Pronoun),
                    mention(40, MentionKind::Pronoun),
                    mention(50, MentionKind::Pronoun),
                ],
            ),
        ];
        let t = terms(&doc);
        let count = |g: &str| t.iter().find(|(s, _)| s.as_str() == g).map(|(_, c)| c);
        // Named twice: 1 + 2; named once and "he" three times: 1 + 1, as
        // a resolution of "he" may be wrong and the story must not move.
        assert_eq!(count("@P1"), Some(3.0));
        assert_eq!(count("@P2"), Some(2.0));
    }

    #[test]
    fn terms_read_and_write_as_sorted_pairs_and_counts_stay_whole() {
        let t: Terms =
            [(Sym::new("zeta"), 2.0), (Sym::new("alpha"), 1.0), (Sym::new("zeta"), 1.0)].into_iter().collect();
        assert_eq!(
            t.iter().map(|(s, c)| (s.to_string(), c)).collect::<Vec<_>>(),
            [("alpha".into(), 1.0), ("zeta".to_string(), 3.0)]
        );
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(json, r#"[["alpha",1.0],["zeta",3.0]]"#);
        assert_eq!(serde_json::from_str::<Terms>(&json).unwrap(), t);
        // Stored features of any age read back; a count past a byte saturates.
        let old: Terms = serde_json::from_str(r#"[["beta",900.0],["alpha",2.0]]"#).unwrap();
        assert_eq!(old.iter().map(|(_, c)| c).collect::<Vec<_>>(), [2.0, 255.0]);
    }

    #[test]
    fn similar_texts_have_similar_minhashes() {
        let a = minhash(
            "The ministers of three countries agreed on Tuesday to share river data from their dams after floods.",
        );
        let b = minhash(
            "The ministers of three countries agreed on Tuesday to share river data from their dams after the floods.",
        );
        let c =
            minhash("Stocks fell sharply in early trading as investors worried about interest rates and oil prices.");
        let same = |x: &[u32], y: &[u32]| x.iter().zip(y).filter(|(p, q)| p == q).count();
        assert!(same(&a, &b) > 40, "{}", same(&a, &b));
        assert!(same(&a, &c) < 8, "{}", same(&a, &c));
    }
}
