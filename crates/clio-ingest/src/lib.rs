//! Ingest: inputs -> [`RawArticle`]s -> cleaned [`clio_model::Doc`]s.
//!
//! [`Inputs`] walks files, directories and stdin and yields one [`Item`] at a
//! time: an article, or a [`Skipped`] input naming its file and line. Readers
//! know three formats: plain text, HTML pages ([`html`]) and JSON Lines
//! ([`jsonl`]). [`clean()`] then removes page furniture and finds headline,
//! dateline and outlet, keeping an exact map back to the raw input.
//!
//! ```
//! use clio_ingest::{clean, CleanOptions};
//! use clio_model::{ArticleMeta, InputFormat, RawArticle};
//! let raw = RawArticle {
//!     id: None, source: "-".into(), format: InputFormat::Text, is_html: false,
//!     raw: "PARIS (Example) \u{2014} Talks began on Monday.".into(),
//!     meta: ArticleMeta::default(), warnings: vec![],
//! };
//! let doc = clean(raw, CleanOptions::default());
//! assert_eq!(doc.text, "Talks began on Monday.");
//! assert_eq!(doc.meta.dateline.as_deref(), Some("Paris"));
//! ```

pub mod clean;
pub mod html;
pub mod jsonl;
pub mod meta;
pub mod read;
mod warc;

pub use clean::{clean, furniture_kinds, is_furniture_only, CleanOptions};
pub use clio_model::RawArticle;
pub use jsonl::FieldMap;
pub use read::{Inputs, Item, ReadOptions, SkipReason, Skipped};

/// Compiles a regex written in this crate's source.
pub(crate) fn regex(pattern: &str) -> regex::Regex {
    #[allow(clippy::expect_used)] // literal patterns, each exercised by a test
    regex::Regex::new(pattern).expect("valid regex")
}
