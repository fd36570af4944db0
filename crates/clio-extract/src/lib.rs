//! Extraction stages over a [`clio_model::Doc`], one module each. So far:
//! [`dates`], which finds time expressions and fixes the article's date, and
//! [`entities`], which finds people, organisations and places with their
//! roles, actor codes and mentions.
//!
//! ```
//! use clio_extract::dates::find_exprs;
//! let exprs = find_exprs("As of March 2, talks went on.", 0, false);
//! assert!(exprs[0].as_of);
//! ```

pub mod dates;
pub mod entities;
pub mod events;
pub mod quantities;
pub mod quotes;
pub mod tone;

#[cfg(test)]
mod testing;

pub use dates::DateStage;
pub use entities::EntityStage;
pub use events::EventStage;
pub use quantities::QuantityStage;
pub use quotes::QuoteStage;
pub use tone::ToneStage;

/// Compiles a regex written in this crate's source.
pub(crate) fn regex(pattern: &str) -> regex::Regex {
    #[allow(clippy::expect_used)] // literal patterns, each exercised by a test
    regex::Regex::new(pattern).expect("valid regex")
}
