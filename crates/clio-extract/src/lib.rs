//! Extraction stages over a [`clio_model::Doc`], one module each:
//! [`dates`] (time expressions and the article's date), [`entities`]
//! (people, organisations and places with roles, actor codes and
//! mentions), [`quotes`], [`quantities`], [`events`] (CAMEO coding) and
//! [`tone`] (tone and themes).
//!
//! ```
//! use clio_extract::dates::find_exprs;
//! let exprs = find_exprs("As of March 2, talks went on.", 0, false);
//! assert!(exprs[0].as_of);
//! ```

/// Defines `fn $name(w: &str) -> bool`, true for the listed words. A
/// match on literals compiles to inline length and byte comparisons; a
/// search of a slice of strings calls `memcmp` per candidate, and these
/// lists are consulted for nearly every word of every article.
macro_rules! word_list {
    ($(#[$doc:meta])* $vis:vis fn $name:ident = [$($w:literal),* $(,)?]) => {
        $(#[$doc])*
        $vis fn $name(w: &str) -> bool {
            matches!(w, $($w)|*)
        }
    };
}

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
