use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::Span;

/// Direct ("...", said X) or indirect (X said that ...) speech.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Words in quotation marks.
    Direct,
    /// Reported speech.
    Indirect,
}

/// A quotation with its speaker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// Direct or indirect.
    pub kind: QuoteKind,
    /// The speaker's entity (1-based id), when resolved.
    pub speaker: Option<u32>,
    /// The words that name the speaker where the quote is attributed ("a
    /// senior official", "he", "Caddell"), entity or not.
    #[serde(default)]
    pub speaker_span: Option<Span>,
    /// The words attributed: inside the marks, or the reported clause.
    pub span: Span,
    /// The speech verb ("said", "stressed"), when there is one.
    pub verb: Option<Span>,
}

/// A quantity: a number with what it counts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    /// The value ("1,300" -> 1300, "seven" -> 7).
    pub value: f64,
    /// Where the number is: in the text, or in [`crate::Doc::raw`] when
    /// `in_caption`.
    pub span: Span,
    /// "more than", "at least", "about", "nearly", "up to", "less than".
    pub qualifier: Option<String>,
    /// What it counts ("coronavirus cases", "death toll").
    pub what: Option<String>,
    /// CAMEO code of who it belongs to ("the US has 85,505 cases" -> USA).
    pub subject: Option<String>,
    /// The date it holds as of ("As of March 2").
    pub as_of: Option<Date>,
    /// Entity it is attributed to ("according to the WHO").
    pub attributed_to: Option<u32>,
    /// GDELT count type (KILL, WOUND, ARREST, AFFECT, PROTEST ...).
    pub count_type: Option<String>,
    /// Found in a removed photo caption.
    pub in_caption: bool,
}

/// GDELT's seven tone values for an article (V1.5TONE).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Tone {
    /// Positive minus negative score.
    pub tone: f32,
    /// Percent of words with positive valence.
    pub positive: f32,
    /// Percent of words with negative valence.
    pub negative: f32,
    /// Percent of words with any valence.
    pub polarity: f32,
    /// Percent of words that are verbs of action (the verb dictionary).
    pub activity_density: f32,
    /// Percent of words that are first-person pronouns.
    pub self_group_density: f32,
    /// Words counted.
    pub word_count: u32,
}

/// A theme keyword found in the text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThemeMention {
    /// Theme label (`HEALTH_PANDEMIC`).
    pub theme: String,
    /// Where.
    pub span: Span,
}
