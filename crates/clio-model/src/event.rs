use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::Span;

/// What an event's verb asserts: an act, an intention, a demand, or a
/// statement only.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    /// Done ("provided test kits").
    Act,
    /// Intended, promised, considered ("will provide", "is willing to").
    Intent,
    /// Demanded by the speaker ("the US side should correct ...").
    Demand,
    /// Said, with nothing more specific coded.
    Statement,
}

/// One side of an event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventActor {
    /// CAMEO actor code; empty for a doer the text does not name (an
    /// attack known only by its weapon: "killed by a roadside bomb").
    pub code: String,
    /// The entity, when the actor is one.
    pub entity: Option<u32>,
    /// Where the actor is named.
    pub span: Span,
}

/// A CAMEO-coded event found in one sentence.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// 1-based within the article (`v1`, `v2` ...).
    pub id: u32,
    /// CAMEO event code, leading zeros kept.
    pub code: String,
    /// Level-2 code (first three digits).
    pub base: String,
    /// Root code (first two digits).
    pub root: String,
    /// GDELT quad class 1-4.
    pub quad_class: u8,
    /// Goldstein value of the code.
    pub goldstein: f32,
    /// Who acts.
    pub source: EventActor,
    /// Who is acted upon; `None` for a one-sided event ("X threatened to
    /// retaliate": GDELT leaves Actor2 empty).
    pub target: Option<EventActor>,
    /// Index of the sentence in [`crate::Doc::sentences`].
    pub sentence: u32,
    /// The sentence (or clause) coded.
    pub evidence: Span,
    /// The verb.
    pub action: Span,
    /// The sentence's own date, else the article's.
    pub date: Option<Date>,
    /// The entity of the place the sentence names, if any.
    pub place: Option<u32>,
    /// Act, intent, demand or statement.
    pub modality: Modality,
    /// 0..1: how sure the coder is.
    pub confidence: f32,
    /// The rule or pattern that produced it, for audit.
    pub rule: String,
    /// In the article's first paragraph (GDELT's IsRootEvent).
    pub is_root: bool,
}
