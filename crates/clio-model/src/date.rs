use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::Span;

/// How an article's date was fixed. A wrong date is worse than none, so
/// `Unresolved` is a first-class answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateBasis {
    /// Given by the input's metadata.
    Metadata,
    /// Written in full in the text.
    Text,
    /// Computed from a relative expression and an anchor in the text.
    Inferred,
    /// Taken from another article of the same story.
    CrossDocument,
    /// Nothing in the input fixes it.
    Unresolved,
}

/// A date with parts possibly unknown: "16 March" has no year.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartialDate {
    /// Year, if known.
    pub year: Option<i16>,
    /// Month 1-12, if known.
    pub month: Option<i8>,
    /// Day 1-31, if known.
    pub day: Option<i8>,
}

impl PartialDate {
    /// The full date, when all parts are known and valid.
    pub fn full(self) -> Option<Date> {
        Date::new(self.year?, self.month?, self.day?).ok()
    }
}

impl std::fmt::Display for PartialDate {
    /// ISO-like, with `--` for an unknown year (`--03-16`) as ISO 8601 does.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.year {
            Some(y) => write!(f, "{y:04}")?,
            None => f.write_str("-")?,
        }
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

/// What kind of time expression the text holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "type")]
pub enum TimeExprKind {
    /// A calendar date, possibly partial ("Jan. 28, 2020", "16 March", "March 2020").
    Calendar,
    /// A weekday ("on Thursday").
    Weekday {
        /// Monday = 1 .. Sunday = 7.
        day: i8,
    },
    /// A month referred to relatively ("last December").
    LastMonth {
        /// 1-12.
        month: i8,
    },
    /// A year on its own ("in 2019"), or carried by a name ("COVID-19").
    Year,
}

/// A time expression found in the text, with what it resolved to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimeExpr {
    /// Where it is: in [`crate::Doc::text`], or in [`crate::Doc::raw`] when
    /// `in_caption` (captions are removed from the text, but their dates still
    /// serve as anchors when they are not stale).
    pub span: Span,
    /// What it is.
    pub kind: TimeExprKind,
    /// The parts the expression itself states.
    pub stated: PartialDate,
    /// Introduced by "as of": a status date, not the date of an act.
    pub as_of: bool,
    /// Found in a removed photo caption: a photo may be years older than the news.
    pub in_caption: bool,
    /// What it resolved to: a full date, or a month ("last December").
    pub resolved: Option<PartialDate>,
    /// How it resolved.
    pub basis: DateBasis,
}

/// The date of what an article reports.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArticleDate {
    /// The date, or `None` when nothing fixes it.
    pub value: Option<Date>,
    /// How it was fixed.
    pub basis: DateBasis,
    /// What is known when the full date is not (e.g. month and day only).
    pub partial: Option<PartialDate>,
    /// A sentence a user can audit: which expression and anchor gave it.
    pub reason: String,
}

impl ArticleDate {
    /// An unresolved date with the reason why.
    pub fn unresolved(reason: impl Into<String>) -> ArticleDate {
        ArticleDate { value: None, basis: DateBasis::Unresolved, partial: None, reason: reason.into() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates_print_iso_like() {
        let md = PartialDate { year: None, month: Some(3), day: Some(16) };
        assert_eq!(md.to_string(), "--03-16");
        assert_eq!(md.full(), None);
        let full = PartialDate { year: Some(2020), ..md };
        assert_eq!(full.to_string(), "2020-03-16");
        assert!(full.full().is_some());
    }

    #[test]
    fn basis_serialises_as_the_contract_spells_it() {
        let s = serde_json::to_string(&DateBasis::CrossDocument).unwrap_or_default();
        assert_eq!(s, "\"cross-document\"");
    }
}
