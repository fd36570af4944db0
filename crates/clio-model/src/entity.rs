use serde::{Deserialize, Serialize};

use crate::Span;

/// The type of an entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EntityType {
    /// A person.
    #[serde(rename = "PERSON")]
    Person,
    /// An organisation.
    #[serde(rename = "ORG")]
    Org,
    /// A place.
    #[serde(rename = "LOC")]
    Loc,
}

/// How a mention refers to its entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MentionKind {
    /// The full name ("Yang Jiechi").
    Name,
    /// An abbreviation ("WHO") or another written form.
    Alias,
    /// Part of a name ("Yang", "Pompeo", "President Xi").
    PartialName,
    /// A pronoun heading a clause ("he said").
    Pronoun,
    /// "the latter" / "the former".
    LatterFormer,
    /// A definite description ("the commission", "the country").
    Nominal,
}

/// One mention of an entity in the text.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// Where.
    pub span: Span,
    /// How it refers.
    pub kind: MentionKind,
}

/// A place's coordinates and codes, for places the gazetteer knows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// FIPS 10-4 country code (GDELT's geography).
    pub fips: String,
    /// GeoNames admin-1 code, if a city.
    pub admin1: Option<String>,
    /// GeoNames id.
    pub geonameid: Option<u64>,
    /// True for a country, false for a city or region.
    pub is_country: bool,
}

/// An entity of one article, with every mention resolved to it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Index in [`crate::Doc::entities`]; printed as `e1`, `e2`...
    pub id: u32,
    /// The fullest name written.
    pub name: String,
    /// Person, organisation or place.
    pub etype: EntityType,
    /// CAMEO actor code (`CHNGOV`, `IGOUNOHLHWHO`), when one applies.
    pub actor: Option<String>,
    /// Which rule gave the actor code, for audit.
    pub actor_rule: Option<String>,
    /// CAMEO country code.
    pub country: Option<String>,
    /// Titles and roles ("Secretary of State", "member of the ...").
    pub roles: Vec<String>,
    /// Other names: abbreviations, partial names, dictionary names.
    pub aliases: Vec<String>,
    /// Every mention, in text order.
    pub mentions: Vec<Mention>,
    /// Mentions in photo captions, which cleaning removed from the text:
    /// byte spans of [`crate::Doc::raw`]. Captions name people and places
    /// (and their titles) but never code events.
    pub caption_mentions: Vec<Span>,
    /// Coordinates, for places the gazetteer knows.
    pub place: Option<Place>,
    /// Key that identifies the entity across articles.
    pub link_key: String,
    /// Id of the corpus-level entity, set when articles are linked.
    pub global_id: Option<String>,
}

/// A stretch of text that names an actor, with its CAMEO code: entity
/// mentions, and collective actors that are not entities ("the Chinese side").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActorMention {
    /// Where.
    pub span: Span,
    /// CAMEO actor code.
    pub code: String,
    /// The entity it refers to, if any.
    pub entity: Option<u32>,
    /// Which rule coded it.
    pub rule: String,
}
