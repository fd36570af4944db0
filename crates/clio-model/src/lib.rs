//! clio's data model: one [`Doc`] per article owns its texts and every
//! annotation layer; annotations are [`Span`]s into [`Doc::text`].
//!
//! Data moves through the pipeline as follows: a reader turns input into a
//! [`RawArticle`]; cleaning turns that into a [`Doc`] whose cleaned `text`
//! maps back to `raw` through an [`OffsetMap`]; then each [`Stage`] reads the
//! layers it [`requires`](Stage::requires) and fills the ones it
//! [`assigns`](Stage::assigns).
//!
//! ```
//! use clio_model::{Span, OffsetMap};
//! let mut map = OffsetMap::default();
//! map.push(0, 10, 5); // cleaned bytes 0..5 are raw bytes 10..15
//! assert_eq!(map.to_raw(3), Some(13));
//! assert_eq!(Span::new(2, 4).map(|s| s.len()), Some(2));
//! ```

pub mod calendar;
mod date;
mod doc;
mod entity;
mod event;
mod said;
mod span;
mod stage;
mod syntax;

pub use date::{ArticleDate, DateBasis, PartialDate, TimeExpr, TimeExprKind};
pub use doc::{
    ArticleMeta, Doc, DocId, InputFormat, Layer, LowerWords, OffsetMap, RawArticle, Removal, RemovalReason, Sentence,
    Token, TokenKind,
};
pub use entity::{ActorMention, Entity, EntityType, Mention, MentionKind, Place};
pub use event::{Event, EventActor, Modality};
pub use said::{Quantity, Quote, QuoteKind, ThemeMention, Tone};
pub use span::Span;
pub use stage::{check_order, PipelineError, Stage};
pub use syntax::{Name, NameKind, Rel, Syntax, Upos, Xpos, ROOT};
