//! Tone and themes: GDELT's seven tone values from VADER's valences, and
//! clio's theme keywords with offsets.
//!
//! A word counts as positive (negative) when its VADER valence is above
//! (below) zero; scores are percentages of all words, as GDELT's are. A
//! negator ("not", "no", "never") right before a word flips it.

use std::sync::Arc;

use clio_lexicon::Lexicon;
use clio_model::{Doc, Layer, Span, Stage, ThemeMention, TokenKind, Tone};

word_list! {
    fn is_self_group = ["i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"]
}
word_list! {
    fn is_negator = ["not", "no", "never", "without", "nor"]
}

/// Stage: fills [`Doc::tone`] and [`Doc::themes`].
pub struct ToneStage {
    lex: Arc<Lexicon>,
}

impl ToneStage {
    /// Builds the stage over a compiled lexicon (sentiment and themes).
    pub fn new(lex: Arc<Lexicon>) -> ToneStage {
        ToneStage { lex }
    }
}

impl Stage for ToneStage {
    fn name(&self) -> &'static str {
        "tone"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Tokens]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Tone]
    }
    fn run(&self, doc: &mut Doc) {
        let (mut words, mut pos, mut neg, mut active, mut selfg) = (0u32, 0u32, 0u32, 0u32, 0u32);
        let mut prev_negator = false;
        let lower = doc.lower_words();
        for (t, w) in doc.tokens.iter().zip(lower.iter()) {
            if t.kind != TokenKind::Word {
                continue;
            }
            words += 1;
            let tw = self.lex.sentiment.word(w);
            if let Some(v) = tw.valence {
                let v = if prev_negator { -v } else { v };
                if v > 0.0 {
                    pos += 1;
                } else if v < 0.0 {
                    neg += 1;
                }
            }
            if tw.active {
                active += 1;
            }
            if is_self_group(w) {
                selfg += 1;
            }
            prev_negator = is_negator(w) || w.ends_with("n't");
        }
        let pct = |n: u32| if words == 0 { 0.0 } else { 100.0 * n as f32 / words as f32 };
        let tone = Tone {
            tone: pct(pos) - pct(neg),
            positive: pct(pos),
            negative: pct(neg),
            polarity: pct(pos + neg),
            activity_density: pct(active),
            self_group_density: pct(selfg),
            word_count: words,
        };
        // Lower-casing keeps byte offsets for the text clio handles (it can
        // change lengths only for a few scripts); a mismatch drops themes.
        // An ASCII text's lower-case copy is already made, with its words.
        let text = match lower.whole_text() {
            Some(l) => std::borrow::Cow::Borrowed(l),
            None => std::borrow::Cow::Owned(doc.text.to_lowercase()),
        };
        let themes = if text.len() == doc.text.len() {
            self.lex
                .themes
                .find(&text)
                .filter_map(|(theme, a, b)| Some(ThemeMention { theme: theme.to_string(), span: Span::new(a, b)? }))
                .collect()
        } else {
            Vec::new()
        };
        drop(text);
        drop(lower);
        doc.tone = tone;
        doc.themes = themes;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clio_model::DocId;

    fn run(text: &str) -> Doc {
        let mut d = Doc::new(DocId("t".into()), "t".into(), clio_model::InputFormat::Text, text.into(), text.into());
        clio_text::Tokenizer.run(&mut d);
        ToneStage::new(Arc::new(Lexicon::bundled())).run(&mut d);
        d
    }

    #[test]
    fn tone_counts_words_by_valence_with_negation() {
        let good = run("We welcome this good and fair agreement.");
        assert!(good.tone.tone > 0.0 && good.tone.positive > 0.0, "{:?}", good.tone);
        assert_eq!(good.tone.word_count, 7);
        assert!(good.tone.self_group_density > 14.0);
        let bad = run("They condemned the brutal attack that killed civilians.");
        assert!(bad.tone.tone < 0.0, "{:?}", bad.tone);
        let negated = run("This is not good.");
        assert!(negated.tone.negative > 0.0 && negated.tone.positive == 0.0, "{:?}", negated.tone);
    }

    #[test]
    fn themes_with_offsets() {
        let d = run("The coronavirus outbreak slowed trade; aid arrived.");
        let found: Vec<(&str, &str)> = d.themes.iter().map(|t| (t.theme.as_str(), d.slice(t.span))).collect();
        assert_eq!(
            found,
            [("HEALTH_PANDEMIC", "coronavirus"), ("HEALTH_PANDEMIC", "outbreak"), ("ECONOMY", "trade"), ("AID", "aid")]
        );
    }
}
