//! Quotations, direct and indirect, with their speakers.
//!
//! Direct quotes are read mark by mark: curly marks open and close, a
//! straight mark toggles; a quote still open at the end of a paragraph goes
//! on when the next paragraph opens with a mark (the news convention: 004's
//! Xi quote), else it ends there. A stray mark never stops the others.
//!
//! The speaker is read after the closing mark (`,” Ma said`, `” said the
//! ministry`), else before the opening one (`Xi said: “`). A short quoted
//! phrase with no speaker and no sentence inside it is a quoted term
//! ("Chinese virus"), kept apart from speech.
//!
//! Indirect quotes: "X said (that) ...", "..., X said", "according to X, ...",
//! and "adding that ..." after a speaker. The speaker is an entity,
//! pronouns included ("he said" is whoever coreference says).

use clio_model::{Doc, EntityType, Layer, LowerWords, Quote, QuoteKind, Span, Stage};

/// Verbs that report speech.
pub(crate) const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "noted",
    "notes",
    "note",
    "stressed",
    "stresses",
    "emphasized",
    "emphasised",
    "emphasizes",
    "emphasises",
    "added",
    "adds",
    "adding",
    "told",
    "tells",
    "pointed",
    "stated",
    "states",
    "announced",
    "announces",
    "warned",
    "warns",
    "insisted",
    "insists",
    "reiterated",
    "explained",
    "argued",
    "claimed",
    "asserted",
    "remarked",
    "observed",
    "affirmed",
    "declared",
    "wrote",
    "tweeted",
    "quoted",
    "saying",
    "noting",
];

/// Whether a lower-case word is a speech verb (a set lookup: this runs on
/// every word).
pub(crate) fn is_speech_verb(w: &str) -> bool {
    static SET: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::LazyLock::new(|| SPEECH_VERBS.iter().copied().collect());
    w.len() <= 10 && SET.contains(w)
}

/// Stage: fills [`Doc::quotes`] and [`Doc::quoted_terms`].
pub struct QuoteStage;

impl Stage for QuoteStage {
    fn name(&self) -> &'static str {
        "quotes"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Entities]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Quotes]
    }
    fn run(&self, doc: &mut Doc) {
        let r = Reader::new(doc);
        let (mut quotes, terms) = r.direct();
        let indirect = r.indirect(&quotes);
        quotes.extend(indirect);
        quotes.sort_by_key(|q| q.span);
        doc.quotes = quotes;
        doc.quoted_terms = terms;
    }
}

fn is_open(w: &str) -> bool {
    matches!(w, "\u{201C}" | "\"")
}

fn is_close(w: &str) -> bool {
    matches!(w, "\u{201D}" | "\"")
}

struct Reader<'a> {
    doc: &'a Doc,
    /// Token -> (entity, is a person or a pronoun) of the actor mention there.
    speaker_at: Vec<Option<u32>>,
    lw: std::borrow::Cow<'a, LowerWords>,
}

impl<'a> Reader<'a> {
    fn new(doc: &'a Doc) -> Reader<'a> {
        // Who can speak: people and organisations, by every mention
        // (pronouns resolved by coreference included).
        let mut speaker_at = vec![None; doc.tokens.len()];
        for e in doc.entities.iter().filter(|e| e.etype != EntityType::Loc) {
            for m in &e.mentions {
                let start = doc.tokens.partition_point(|t| t.span.end() <= m.span.start());
                let end = doc.tokens.partition_point(|t| t.span.start() < m.span.end());
                for slot in speaker_at.iter_mut().take(end).skip(start) {
                    slot.get_or_insert(e.id);
                }
            }
        }
        Reader { doc, speaker_at, lw: doc.lower_words() }
    }

    fn w(&self, i: usize) -> &str {
        self.lw.get(i)
    }

    fn raw(&self, i: usize) -> &str {
        self.doc.tokens.get(i).map_or("", |t| self.doc.slice(t.span))
    }

    fn is_speech(&self, i: usize) -> bool {
        is_speech_verb(self.w(i)) && self.speaker_at.get(i).is_some_and(Option::is_none)
    }

    fn paragraph_of(&self, tok: usize) -> usize {
        let at = self.doc.tokens[tok].span.start();
        self.doc.paragraphs.partition_point(|p| p.end() < at)
    }

    /// Direct quotes and quoted terms.
    fn direct(&self) -> (Vec<Quote>, Vec<Span>) {
        let toks = &self.doc.tokens;
        let mut quotes = Vec::new();
        let mut terms = Vec::new();
        let mut open: Option<usize> = None; // token of the opening mark
        let mut i = 0;
        while i < toks.len() {
            let w = self.raw(i);
            match open {
                None if is_open(w) => open = Some(i),
                Some(o) if is_close(w) && i > o + 1 => {
                    self.finish_quote(o, i, &mut quotes, &mut terms);
                    open = None;
                }
                Some(o) if is_open(w) && w != "\"" => {
                    // A new opening mark: fine at the start of a paragraph that
                    // continues the quote; otherwise the earlier mark was stray.
                    let new_paragraph = self.paragraph_of(i) != self.paragraph_of(i - 1);
                    let continues = new_paragraph && self.paragraph_of(o) < self.paragraph_of(i);
                    if !continues {
                        open = Some(i);
                    }
                }
                _ => {}
            }
            // At a paragraph's end: a quote still open goes on only if the next
            // paragraph opens with a mark.
            if let Some(o) = open {
                let para_end = i + 1 >= toks.len() || self.paragraph_of(i + 1) != self.paragraph_of(i);
                if para_end && !(i + 1 < toks.len() && is_open(self.raw(i + 1))) && i > o + 1 {
                    self.finish_quote(o, i + 1, &mut quotes, &mut terms);
                    open = None;
                }
            }
            i += 1;
        }
        (quotes, terms)
    }

    /// A quote between the mark at `o` and the one at `c` (or the end of
    /// its paragraph).
    fn finish_quote(&self, o: usize, c: usize, quotes: &mut Vec<Quote>, terms: &mut Vec<Span>) {
        let toks = &self.doc.tokens;
        let first = o + 1;
        let mut last = c;
        while last > first && matches!(self.raw(last - 1), "," | "\u{201C}" | "\"") {
            last -= 1;
        }
        if last <= first {
            return;
        }
        let Some(span) = Span::new(toks[first].span.start(), toks[last - 1].span.end()) else { return };
        let (speaker, verb) = self.speaker_after(c).or_else(|| self.speaker_before(o)).unwrap_or((None, None));
        let words = (first..last).filter(|&k| toks[k].kind != clio_model::TokenKind::Punct).count();
        let sentence_inside = (first..last).any(|k| matches!(self.raw(k), "." | "!" | "?" | ","));
        if verb.is_none() && words <= 4 && !sentence_inside {
            terms.push(span);
            return;
        }
        quotes.push(Quote {
            kind: QuoteKind::Direct,
            speaker,
            span,
            verb: verb.and_then(|v| toks.get(v)).map(|t| t.span),
        });
    }

    /// `,” Ma said` / `” said the ministry` / `,” he said`.
    fn speaker_after(&self, close: usize) -> Option<(Option<u32>, Option<usize>)> {
        let end = (close + 1..self.doc.tokens.len().min(close + 9))
            .find(|&k| matches!(self.raw(k), "." | "\u{201C}"))
            .unwrap_or(self.doc.tokens.len().min(close + 9));
        let verb = (close + 1..end).find(|&k| self.is_speech(k))?;
        let speaker = (close + 1..end).find_map(|k| self.speaker_at[k]);
        Some((speaker, Some(verb)))
    }

    /// `Xi said: “` / `he said, “` in the same paragraph.
    fn speaker_before(&self, open: usize) -> Option<(Option<u32>, Option<usize>)> {
        let para = self.paragraph_of(open);
        let from = open.saturating_sub(10);
        let verb = (from..open).rev().find(|&k| self.is_speech(k) && self.paragraph_of(k) == para)?;
        let speaker = (from..verb).rev().find_map(|k| self.speaker_at[k]);
        Some((speaker, Some(verb)))
    }

    /// Indirect quotes in sentences (parts of sentences) outside direct ones.
    fn indirect(&self, direct: &[Quote]) -> Vec<Quote> {
        let mut out = Vec::new();
        for s in &self.doc.sentences {
            let (a, b) = (s.token_start as usize, s.token_end as usize);
            let inside_direct = |k: usize| direct.iter().any(|q| q.span.contains(self.doc.tokens[k].span));
            // "According to X, CONTENT"
            if self.w(a) == "according" && self.w(a + 1) == "to" {
                if let Some(comma) = (a + 2..b).find(|&k| self.raw(k) == ",") {
                    let speaker = (a + 2..comma).find_map(|k| self.speaker_at[k]);
                    self.push(&mut out, speaker, None, comma + 1, b);
                }
                continue;
            }
            let verbs: Vec<usize> = (a..b).filter(|&k| self.is_speech(k) && !inside_direct(k)).collect();
            let Some(&v) = verbs.first() else { continue };
            // "CONTENT, X said [, adding that CONTENT2]"
            let comma = (a..v).rev().find(|&k| self.raw(k) == ",");
            let after_comma_speaker = comma.and_then(|c| (c + 1..v).find_map(|k| self.speaker_at[k]));
            let speaker_close = comma.is_some_and(|c| v - c <= 8);
            if let (Some(c), Some(sp), true) = (comma, after_comma_speaker, speaker_close) {
                if !(a..c).any(|k| inside_direct(k) || is_open(self.raw(k)) || is_close(self.raw(k))) {
                    self.push(&mut out, Some(sp), Some(v), a, c);
                }
                if let Some(&add) =
                    verbs.iter().find(|&&k| k > v && matches!(self.w(k), "adding" | "noting" | "saying"))
                {
                    let start = if self.w(add + 1) == "that" { add + 2 } else { add + 1 };
                    self.push(&mut out, Some(sp), Some(add), start, b);
                }
                continue;
            }
            // "X said (that) CONTENT": the speaker is the sentence's first
            // person before the verb, else its nearest actor.
            let person = (a..v).find_map(|k| {
                self.speaker_at[k]
                    .filter(|&e| self.doc.entities.get(e as usize - 1).is_some_and(|x| x.etype == EntityType::Person))
            });
            let speaker = person.or_else(|| (a..v).rev().find_map(|k| self.speaker_at[k]));
            if speaker.is_none() || inside_direct(v) {
                continue;
            }
            let mut start = v + 1;
            while start < b && matches!(self.w(start), "that" | "out" | "reporters" | ":" | "," | "on") {
                start += 1;
            }
            if start < b && !is_open(self.raw(start)) {
                self.push(&mut out, speaker, Some(v), start, b);
            }
        }
        out
    }

    fn push(&self, out: &mut Vec<Quote>, speaker: Option<u32>, verb: Option<usize>, a: usize, b: usize) {
        let toks = &self.doc.tokens;
        let mut b = b;
        while b > a && matches!(self.raw(b - 1), "." | "," | ";") {
            b -= 1;
        }
        if b <= a + 3 {
            return;
        }
        if let Some(span) = Span::new(toks[a].span.start(), toks[b - 1].span.end()) {
            out.push(Quote {
                kind: QuoteKind::Indirect,
                speaker,
                span,
                verb: verb.and_then(|v| toks.get(v)).map(|t| t.span),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{with_entities, BUNDLED};

    fn doc(text: &str) -> Doc {
        let mut d = with_entities(&BUNDLED, text);
        QuoteStage.run(&mut d);
        d
    }

    /// (kind, speaker name, text) of each quote.
    fn quotes(d: &Doc) -> Vec<(QuoteKind, String, String)> {
        d.quotes
            .iter()
            .map(|q| {
                let sp = q.speaker.and_then(|e| d.entities.get(e as usize - 1)).map_or("?".into(), |e| e.name.clone());
                (q.kind, sp, d.slice(q.span).to_string())
            })
            .collect()
    }

    #[test]
    fn direct_quotes_with_speaker_after_or_before() {
        let d = doc("\u{201C}We will rebuild the bridge,\u{201D} Mayor Lina Park said on Monday.\n\nPark told reporters: \u{201C}Work starts in June.\u{201D}");
        assert_eq!(
            quotes(&d),
            [
                (QuoteKind::Direct, "Lina Park".into(), "We will rebuild the bridge".into()),
                (QuoteKind::Direct, "Lina Park".into(), "Work starts in June.".into()),
            ]
        );
    }

    #[test]
    fn a_quote_split_by_its_attribution_is_two_quotes_by_one_speaker() {
        let d = doc(
            "\u{201C}The plan is ready,\u{201D} Minister Omar Haddad said, \u{201C}and the money is there.\u{201D}",
        );
        let q = quotes(&d);
        assert_eq!(q.len(), 2, "{q:?}");
        assert!(q.iter().all(|(k, s, _)| *k == QuoteKind::Direct && s == "Omar Haddad"), "{q:?}");
    }

    #[test]
    fn a_quote_over_paragraphs_is_one_quote() {
        let d = doc("In the speech, President Ana Silva said: \u{201C}We are ready.\n\n\u{201C}Cooperation is the only way.\u{201D}\n\nShe left.");
        let q = quotes(&d);
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(q[0].2.contains("We are ready") && q[0].2.contains("only way"));
        assert_eq!(q[0].1, "Ana Silva");
    }

    #[test]
    fn pronouns_take_the_speaker_of_the_paragraph_before() {
        let d = doc("Finance Minister Karl Berg spoke first.\n\n\u{201C}Taxes will not rise,\u{201D} he said.\n\nDeputy Minister Eva Lund spoke next.\n\n\u{201C}Spending will fall,\u{201D} she said.");
        let q = quotes(&d);
        assert_eq!(q[0].1, "Karl Berg");
        assert_eq!(q[1].1, "Eva Lund");
    }

    #[test]
    fn indirect_speech_forms() {
        let d = doc("Minister Omar Haddad said that the port would reopen soon. The talks went well, Haddad said, adding that a deal was close. According to Haddad, the ships are waiting offshore.");
        let q = quotes(&d);
        let texts: Vec<&str> = q.iter().map(|x| x.2.as_str()).collect();
        assert_eq!(
            texts,
            ["the port would reopen soon", "The talks went well", "a deal was close", "the ships are waiting offshore"]
        );
        assert!(q.iter().all(|(k, s, _)| *k == QuoteKind::Indirect && s == "Omar Haddad"), "{q:?}");
    }

    #[test]
    fn a_nested_quote_stays_inside_its_quote() {
        let d = doc("\u{201C}He called the plan \u{2018}a disgrace\u{2019} twice,\u{201D} Senator Mia Chen said.");
        let q = quotes(&d);
        assert_eq!(
            q,
            [(QuoteKind::Direct, "Mia Chen".into(), "He called the plan \u{2018}a disgrace\u{2019} twice".into())]
        );
    }

    #[test]
    fn scare_quotes_are_terms_not_speech_and_stray_marks_do_no_harm() {
        let d = doc("The senator called it a \u{201C}done deal\u{201D} before the vote.\n\nA stray \u{201D} mark here. \u{201C}We won,\u{201D} Senator Mia Chen said.\n\nAn unclosed \u{201C}quote runs to the end");
        assert_eq!(d.quoted_terms.iter().map(|s| d.slice(*s)).collect::<Vec<_>>(), ["done deal"]);
        let q = quotes(&d);
        assert!(q.iter().any(|(_, s, t)| s == "Mia Chen" && t == "We won"), "{q:?}");
        assert!(!q.iter().any(|(_, _, t)| t == "done deal"));
    }
}
