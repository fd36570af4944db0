//! Helpers for this crate's tests: articles built from text written in the
//! tests, with the bundled dictionaries compiled once.

use std::sync::{Arc, LazyLock};

use clio_lexicon::Lexicon;
use clio_model::{Doc, DocId, InputFormat, Span, Stage};

use crate::{DateStage, EntityStage};

/// The bundled dictionaries, compiled once for all tests.
pub static BUNDLED: LazyLock<Arc<Lexicon>> = LazyLock::new(|| Arc::new(Lexicon::bundled()));

/// An article whose paragraphs are separated by blank lines, tokenized and
/// split into sentences.
pub fn paragraphs(text: &str) -> Doc {
    let mut d = Doc::new(DocId("t".into()), "t".into(), InputFormat::Text, text.into(), text.into());
    let mut at = 0;
    for p in text.split("\n\n") {
        if let Some(span) = Span::new(at, at + p.len()) {
            d.paragraphs.push(span);
        }
        at += p.len() + 2;
    }
    clio_text::Tokenizer.run(&mut d);
    clio_text::SentenceSplitter.run(&mut d);
    d
}

/// [`paragraphs`], then dates and entities with `lex`.
pub fn with_entities(lex: &Arc<Lexicon>, text: &str) -> Doc {
    let mut d = paragraphs(text);
    DateStage.run(&mut d);
    EntityStage::new(lex.clone()).run(&mut d);
    d
}
