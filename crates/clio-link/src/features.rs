//! What linking needs of an article, compact enough to keep for a whole
//! corpus (and to store, so later runs link against earlier ones).

use clio_model::{Doc, EntityType};

use crate::codes::ActorCodes;
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
    pub what: String,
    /// What it counts, as written.
    pub what_text: String,
    /// Subject code.
    pub subject: Option<String>,
    /// As-of date.
    pub as_of: Option<Date>,
}

/// An event as merging sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventKey {
    /// Source actor code.
    pub source: String,
    /// Target actor code.
    pub target: String,
    /// CAMEO code.
    pub code: String,
    /// Date.
    pub date: Option<Date>,
}

/// The linking features of one article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocFeatures {
    /// Article id.
    pub id: String,
    /// Outlet (for GDELT's NumSources).
    pub outlet: Option<String>,
    /// Article date.
    pub date: Option<Date>,
    /// Month and day, when only they are known.
    pub partial: Option<(i8, i8)>,
    /// Global ids of the people it names.
    pub persons: Vec<String>,
    /// Global ids of the organisations it names.
    pub orgs: Vec<String>,
    /// Its quantities as claims.
    pub claims: Vec<ClaimKey>,
    /// Its events.
    pub events: Vec<EventKey>,
    /// MinHash of its word 5-shingles.
    pub minhash: Vec<u64>,
    /// Actor codes it knows, lacks and borrows (features stored by an older
    /// clio have none).
    #[serde(default)]
    pub codes: ActorCodes,
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

/// MinHash of a text's lower-case word 5-shingles.
pub fn minhash(text: &str) -> Vec<u64> {
    let words: Vec<String> =
        text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    let mut mins = vec![u64::MAX; MINHASH];
    let k = 5.min(words.len().max(1));
    for shingle in words.windows(k) {
        let s = shingle.join(" ");
        for (seed, m) in mins.iter_mut().enumerate() {
            *m = (*m).min(xxh3_64_with_seed(s.as_bytes(), seed as u64));
        }
    }
    mins
}

/// The features of a processed, globally linked article.
pub fn features(doc: &Doc) -> DocFeatures {
    let ids = |t: EntityType| {
        let mut v: Vec<String> =
            doc.entities.iter().filter(|e| e.etype == t).filter_map(|e| e.global_id.clone()).collect();
        v.sort();
        v.dedup();
        v
    };
    DocFeatures {
        id: doc.id.0.clone(),
        outlet: doc.meta.outlet.clone(),
        date: doc.date.value,
        partial: doc.date.partial.and_then(|p| Some((p.month?, p.day?))),
        persons: ids(EntityType::Person),
        orgs: ids(EntityType::Org),
        claims: doc
            .quantities
            .iter()
            .filter_map(|q| {
                let what = q.what.as_deref()?;
                Some(ClaimKey {
                    value: q.value,
                    what: head_noun(what),
                    what_text: what.to_string(),
                    subject: q.subject.clone(),
                    as_of: q.as_of,
                })
            })
            .collect(),
        events: doc
            .events
            .iter()
            .map(|e| EventKey {
                source: e.source.code.clone(),
                target: e.target.as_ref().map_or(String::new(), |t| t.code.clone()),
                code: e.code.clone(),
                date: e.date,
            })
            .collect(),
        minhash: minhash(&doc.text),
        codes: ActorCodes::of(doc),
    }
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
    fn similar_texts_have_similar_minhashes() {
        let a = minhash(
            "The ministers of three countries agreed on Tuesday to share river data from their dams after floods.",
        );
        let b = minhash(
            "The ministers of three countries agreed on Tuesday to share river data from their dams after the floods.",
        );
        let c =
            minhash("Stocks fell sharply in early trading as investors worried about interest rates and oil prices.");
        let same = |x: &[u64], y: &[u64]| x.iter().zip(y).filter(|(p, q)| p == q).count();
        assert!(same(&a, &b) > 40, "{}", same(&a, &b));
        assert!(same(&a, &c) < 8, "{}", same(&a, &c));
    }
}
