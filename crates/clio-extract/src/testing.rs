//! Helpers for this crate's tests: articles built from text written in the
//! tests, with the bundled dictionaries compiled once.

use std::sync::{Arc, LazyLock};

use clio_lexicon::Lexicon;
use clio_model::{Doc, DocId, InputFormat, Span, Stage};

use crate::{DateStage, EntityStage};

/// The bundled dictionaries, compiled once for all tests.
pub static BUNDLED: LazyLock<Arc<Lexicon>> = LazyLock::new(|| Arc::new(Lexicon::bundled()));

/// The language layer over the bundled models, loaded once for all tests.
pub static LANGUAGE: LazyLock<clio_nlp::LanguageStage> = LazyLock::new(|| {
    #[allow(clippy::expect_used)] // the bundled models are tested in clio-nlp
    let models = clio_nlp::Models::bundled().expect("bundled models");
    clio_nlp::LanguageStage::new(Arc::new(models), BUNDLED.clone())
});

/// An article whose paragraphs are separated by blank lines, tokenized,
/// split into sentences and read by the language layer.
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
    LANGUAGE.run(&mut d);
    d
}

/// [`paragraphs`], then dates and entities with `lex`.
pub fn with_entities(lex: &Arc<Lexicon>, text: &str) -> Doc {
    let mut d = paragraphs(text);
    DateStage.run(&mut d);
    EntityStage::new(lex.clone(), LANGUAGE.clone()).run(&mut d);
    d
}
