//! Across articles: [`GlobalEntities`] gives every entity
//! of every article the id of its real-world entity, so that "Mike Pompeo"
//! and "Michael R. Pompeo" share one id, and two people who share a surname
//! do not; [`corpus::link`] finds stories (near-duplicates and the same
//! happening told differently), merges events and claims, over the compact
//! [`features::DocFeatures`] of each article; [`codes`] lends an actor code
//! one article knows to the articles that name the same actor without one.
//!
//! Identity is a key computed from the entity alone ([`link_key`]), so
//! linking streams: each article is linked as it comes, in constant time,
//! and adding articles later gives the ids a run over all of them would.
//!
//! ```
//! use clio_link::name_key;
//! assert_eq!(name_key("Mike Pompeo"), name_key("Michael R. Pompeo"));
//! assert_ne!(name_key("Mike Pompeo"), name_key("Susan Pompeo"));
//! ```

pub mod codes;
pub mod corpus;
pub mod features;
pub mod stories;
pub mod sym;

use std::collections::HashMap;

pub use codes::{ActorCodes, KnownCode};
pub use corpus::{link, relink_events, Claim, CorpusEvent, CorpusLinks, Story};
pub use features::{features, DocFeatures};

use clio_model::{Doc, Entity, EntityType};
use serde::Serialize;

/// Common English short forms of given names, both ways ("Mike" = "Michael").
pub const NICKNAMES: &[(&str, &str)] = &[
    ("mike", "michael"),
    ("mick", "michael"),
    ("bill", "william"),
    ("will", "william"),
    ("billy", "william"),
    ("bob", "robert"),
    ("rob", "robert"),
    ("bobby", "robert"),
    ("jim", "james"),
    ("jimmy", "james"),
    ("joe", "joseph"),
    ("tom", "thomas"),
    ("tony", "anthony"),
    ("dick", "richard"),
    ("rick", "richard"),
    ("chris", "christopher"),
    ("dan", "daniel"),
    ("dave", "david"),
    ("don", "donald"),
    ("ed", "edward"),
    ("ted", "edward"),
    ("fred", "frederick"),
    ("jack", "john"),
    ("johnny", "john"),
    ("jon", "jonathan"),
    ("ken", "kenneth"),
    ("larry", "lawrence"),
    ("matt", "matthew"),
    ("nick", "nicholas"),
    ("pat", "patrick"),
    ("pete", "peter"),
    ("ron", "ronald"),
    ("sam", "samuel"),
    ("steve", "stephen"),
    ("steve", "steven"),
    ("tim", "timothy"),
    ("alex", "alexander"),
    ("andy", "andrew"),
    ("ben", "benjamin"),
    ("charlie", "charles"),
    ("chuck", "charles"),
    ("greg", "gregory"),
    ("jeff", "jeffrey"),
    ("jerry", "gerald"),
    ("josh", "joshua"),
    ("kate", "katherine"),
    ("kathy", "katherine"),
    ("liz", "elizabeth"),
    ("beth", "elizabeth"),
    ("sue", "susan"),
    ("jen", "jennifer"),
    ("jenny", "jennifer"),
    ("meg", "margaret"),
    ("peggy", "margaret"),
    ("vlad", "vladimir"),
    ("hank", "henry"),
    ("harry", "henry"),
    ("al", "albert"),
    ("ray", "raymond"),
    ("walt", "walter"),
];
/// The canonical given name ("mike" -> "michael").
fn canonical_given(name: &str) -> String {
    let n = name.to_lowercase();
    NICKNAMES.iter().find(|(short, _)| *short == n).map_or(n, |(_, full)| full.to_string())
}

/// A person's name as a key: canonical given name and surname, middle
/// names and initials dropped ("Michael R. Pompeo" -> "michael pompeo").
pub fn name_key(name: &str) -> String {
    let words: Vec<String> = name
        .split_whitespace()
        .map(|w| w.trim_end_matches('.').to_lowercase())
        .filter(|w| w.chars().count() > 1)
        .collect();
    match words.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [first, .., last] => format!("{} {last}", canonical_given(first)),
    }
}

/// The key that identifies an entity across articles.
pub fn link_key(e: &Entity) -> String {
    match e.etype {
        EntityType::Person => {
            // A dictionary name inside a longer one ("Samdech Techo Hun Sen" has "Hun Sen").
            let inner = e
                .aliases
                .iter()
                .filter(|a| a.split_whitespace().count() >= 2 && e.name.ends_with(a.as_str()))
                .min_by_key(|a| a.len());
            format!("person:{}", name_key(inner.unwrap_or(&e.name)))
        }
        EntityType::Org => {
            let name = e.name.strip_prefix("The ").unwrap_or(&e.name);
            format!("org:{}", name.to_lowercase())
        }
        EntityType::Loc => match (&e.place, &e.country) {
            (Some(p), Some(c)) if p.is_country => format!("loc:{c}"),
            (Some(p), _) if p.geonameid.is_some() => format!("loc:geo:{}", p.geonameid.unwrap_or(0)),
            _ => format!("loc:{}", e.name.to_lowercase()),
        },
    }
}

/// A corpus-level entity.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GlobalEntity {
    /// `P1`, `O3`, `L2`: type initial and number.
    pub id: String,
    /// The fullest name seen.
    pub name: String,
    /// Type.
    #[serde(rename = "type")]
    pub etype: EntityType,
    /// The linking key.
    #[serde(skip)]
    pub key: String,
    /// Articles that name it, in the order linked (interned: a corpus
    /// holds one per entity of every article).
    pub documents: Vec<sym::Sym>,
}

/// The registry of global entities.
#[derive(Debug, Default)]
pub struct GlobalEntities {
    by_key: HashMap<String, usize>,
    entities: Vec<GlobalEntity>,
    counts: [u32; 3],
    /// Index of the first entity not yet saved.
    saved: usize,
}

fn type_index(t: EntityType) -> (usize, char) {
    match t {
        EntityType::Person => (0, 'P'),
        EntityType::Org => (1, 'O'),
        EntityType::Loc => (2, 'L'),
    }
}

impl GlobalEntities {
    /// A registry continuing from entities already stored.
    pub fn from_saved(saved: Vec<GlobalEntity>) -> GlobalEntities {
        let mut g = GlobalEntities::default();
        for e in saved {
            let (t, _) = type_index(e.etype);
            let n: u32 = e.id[1..].parse().unwrap_or(0);
            g.counts[t] = g.counts[t].max(n);
            g.by_key.insert(e.key.clone(), g.entities.len());
            g.entities.push(e);
        }
        g.saved = g.entities.len();
        g
    }

    /// Sets `link_key` and `global_id` of every entity of `doc`.
    pub fn link(&mut self, doc: &mut Doc) {
        for e in &mut doc.entities {
            let key = link_key(e);
            let i = match self.by_key.get(&key) {
                Some(&i) => i,
                None => {
                    let (t, initial) = type_index(e.etype);
                    self.counts[t] += 1;
                    self.entities.push(GlobalEntity {
                        id: format!("{initial}{}", self.counts[t]),
                        name: e.name.clone(),
                        etype: e.etype,
                        key: key.clone(),
                        documents: Vec::new(),
                    });
                    self.by_key.insert(key.clone(), self.entities.len() - 1);
                    self.entities.len() - 1
                }
            };
            let g = &mut self.entities[i];
            if e.name.len() > g.name.len() && e.etype == EntityType::Person {
                g.name = e.name.clone();
            }
            // An article's entities are linked together; one linked again
            // (re-dated, re-coded) may be listed twice, which
            // `for_documents` folds.
            let id = sym::Sym::new(&doc.id.0);
            if g.documents.last() != Some(&id) {
                g.documents.push(id);
            }
            e.link_key = key;
            e.global_id = Some(g.id.clone());
        }
    }

    /// Entities created since the last call (to save them).
    pub fn take_unsaved(&mut self) -> &[GlobalEntity] {
        let from = self.saved;
        self.saved = self.entities.len();
        &self.entities[from..]
    }

    /// Global entities named by any of `docs`, with only those documents.
    pub fn for_documents(&self, docs: &[sym::Sym]) -> Vec<GlobalEntity> {
        let docs: std::collections::HashSet<&sym::Sym> = docs.iter().collect();
        self.entities
            .iter()
            .filter_map(|g| {
                let mut seen = std::collections::HashSet::new();
                let documents: Vec<sym::Sym> =
                    g.documents.iter().copied().filter(|d| docs.contains(d) && seen.insert(*d)).collect();
                (!documents.is_empty()).then(|| GlobalEntity { documents, ..g.clone() })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clio_model::{InputFormat, Span};

    fn person(name: &str, aliases: &[&str]) -> Entity {
        Entity {
            id: 1,
            name: name.into(),
            etype: EntityType::Person,
            actor: None,
            actor_rule: None,
            country: None,
            roles: vec![],
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            mentions: vec![clio_model::Mention { span: Span::new(0, 1).unwrap(), kind: clio_model::MentionKind::Name }],
            caption_mentions: vec![],
            place: None,
            link_key: String::new(),
            global_id: None,
        }
    }

    fn doc(id: &str, entities: Vec<Entity>) -> Doc {
        let mut d = Doc::new(clio_model::DocId(id.into()), id.into(), InputFormat::Text, String::new(), String::new());
        d.entities = entities;
        d
    }

    #[test]
    fn nicknames_and_initials_link_different_surnames_do_not() {
        let mut g = GlobalEntities::default();
        let mut a = doc("a", vec![person("Mike Pompeo", &[]), person("Yang Jiechi", &[])]);
        let mut b = doc("b", vec![person("Michael R. Pompeo", &["Pompeo"]), person("Yang Jing", &[])]);
        g.link(&mut a);
        g.link(&mut b);
        assert_eq!(a.entities[0].global_id, b.entities[0].global_id);
        assert_ne!(a.entities[1].global_id, b.entities[1].global_id, "same surname, different people");
        let all = g.for_documents(&[sym::Sym::new("a"), sym::Sym::new("b")]);
        assert_eq!(all[0].documents.len(), 2);
        assert_eq!(all[0].name, "Michael R. Pompeo");
    }

    #[test]
    fn a_dictionary_name_inside_a_longer_one_links() {
        let mut g = GlobalEntities::default();
        let mut a = doc("a", vec![person("Samdech Techo Hun Sen", &["Hun Sen"])]);
        let mut b = doc("b", vec![person("Hun Sen", &[])]);
        g.link(&mut a);
        g.link(&mut b);
        assert_eq!(a.entities[0].global_id, b.entities[0].global_id);
    }

    #[test]
    fn a_registry_continues_from_what_was_saved() {
        let mut g = GlobalEntities::default();
        let mut a = doc("a", vec![person("Ada Lovelace", &[])]);
        g.link(&mut a);
        let saved = g.take_unsaved().to_vec();
        let mut g2 = GlobalEntities::from_saved(saved);
        let mut b = doc("b", vec![person("Ada Lovelace", &[]), person("Alan Turing", &[])]);
        g2.link(&mut b);
        assert_eq!(b.entities[0].global_id.as_deref(), Some("P1"));
        assert_eq!(b.entities[1].global_id.as_deref(), Some("P2"));
    }
}
