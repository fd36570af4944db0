use serde::{Deserialize, Serialize};

use crate::{ActorMention, ArticleDate, Entity, Event, Quantity, Quote, Span, Syntax, ThemeMention, TimeExpr, Tone};

/// An article's identity: the id its input gives, else a hash of its content.
/// Re-ingesting the same article yields the same id, so nothing is stored twice.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DocId(pub String);

impl std::fmt::Display for DocId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// How an input was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InputFormat {
    /// A scraped plain-text article.
    Text,
    /// A news web page.
    Html,
    /// One record of a JSON Lines file.
    Jsonl,
}

/// Metadata that came with the input (JSON fields, HTML meta tags), before
/// cleaning looks at the text.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ArticleMeta {
    /// Headline.
    pub title: Option<String>,
    /// Publisher's name ("Xinhua"), from metadata, dateline or URL domain.
    pub outlet: Option<String>,
    /// Place named by the dateline ("Beijing").
    pub dateline: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Publication date from metadata, when one was given and parsed; else
    /// the one a line of the text gives (see `published_line`).
    pub published: Option<jiff::civil::Date>,
    /// The line of the text the publication date was read from (a
    /// dateline, a timestamp, a byline), when metadata gave none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_line: Option<String>,
    /// The day the page was fetched (a web archive record's date): when it
    /// was on the web, not when it was published, so no date is taken from
    /// it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fetched: Option<jiff::civil::Date>,
}

/// One article as a reader produced it, before cleaning.
#[derive(Clone, Debug, PartialEq)]
pub struct RawArticle {
    /// Id given by the input (a JSON `id`), if any.
    pub id: Option<String>,
    /// Where it came from: a path, `path:line` for JSON Lines, or `-` for stdin.
    pub source: String,
    /// How it was read.
    pub format: InputFormat,
    /// The raw text: the whole file, the page's HTML, or a record's body.
    pub raw: String,
    /// True when `raw` is HTML to extract the article from.
    pub is_html: bool,
    /// Metadata the input carried.
    pub meta: ArticleMeta,
    /// Problems that did not stop the read (e.g. invalid UTF-8 replaced).
    pub warnings: Vec<String>,
}

/// The annotation layers a [`crate::Stage`] can require or assign.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Layer {
    /// Cleaned text, paragraphs, removals and the offset map (made by cleaning).
    Text,
    /// [`Doc::tokens`].
    Tokens,
    /// [`Doc::sentences`].
    Sentences,
    /// [`Doc::syntax`]: tags, lemmas, dependency trees and names.
    Syntax,
    /// [`Doc::time_exprs`].
    TimeExprs,
    /// [`Doc::date`].
    Date,
    /// [`Doc::entities`] and [`Doc::actors`].
    Entities,
    /// [`Doc::events`].
    Events,
    /// [`Doc::quotes`] and [`Doc::quoted_terms`].
    Quotes,
    /// [`Doc::quantities`].
    Quantities,
    /// [`Doc::tone`] and [`Doc::themes`].
    Tone,
}

/// Why cleaning removed a stretch of the raw input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RemovalReason {
    /// Navigation trail such as "Home > News".
    Breadcrumb,
    /// "Share", "Suggest To A Friend:", "Print" and the like.
    SharePrompt,
    /// A photo caption, with or without its credit.
    PhotoCaption,
    /// A photo credit left inside a kept paragraph.
    PhotoCredit,
    /// A headline of another story inside the body.
    RelatedHeadline,
    /// A run of short menu-like lines at the start or end of the page.
    Menu,
    /// The headline, kept as `title` rather than in the body.
    Headline,
    /// The dateline, kept as `dateline`/`outlet` rather than in the body.
    Dateline,
    /// Markup and page elements outside the article (HTML only).
    Markup,
    /// A cookie or consent notice and its buttons.
    ConsentBanner,
    /// A prompt to sign up for a newsletter or subscribe.
    Newsletter,
    /// Axis labels and the source line of a chart.
    ChartLabel,
    /// A line that only says when the article was published or updated
    /// ("Published: Tuesday, 9 March 2021, 3:41 PM"); its date is kept as
    /// the publication date when metadata gives none.
    Timestamp,
    /// A line that only names the writers ("By Jane Doe and Ali Khan,
    /// Reuters").
    Byline,
}

/// A stretch of raw input that is not in the cleaned text, and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Removal {
    /// Byte span in [`Doc::raw`].
    pub raw: Span,
    /// Why it went.
    pub reason: RemovalReason,
}

/// Maps byte offsets of the cleaned text back to byte offsets of the raw
/// input, as sorted segments `(clean_start, raw_start, len)`.
///
/// Invariant: segments are sorted by `clean_start` and do not overlap. Bytes
/// that cleaning inserted (paragraph separators) map to nothing.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct OffsetMap {
    segments: Vec<(u32, u32, u32)>,
}

impl OffsetMap {
    /// Appends a segment; segments must come in increasing `clean_start`.
    pub fn push(&mut self, clean_start: usize, raw_start: usize, len: usize) {
        let (Ok(c), Ok(r), Ok(l)) = (u32::try_from(clean_start), u32::try_from(raw_start), u32::try_from(len)) else {
            return;
        };
        debug_assert!(self.segments.last().is_none_or(|&(pc, _, pl)| pc + pl <= c));
        self.segments.push((c, r, l));
    }

    /// The raw byte offset of a cleaned byte offset, if that byte came from
    /// the raw input. An offset at a segment's end maps too, so span ends do.
    pub fn to_raw(&self, clean: usize) -> Option<usize> {
        let clean = u32::try_from(clean).ok()?;
        let i = self.segments.partition_point(|&(c, _, _)| c <= clean);
        let &(c, r, l) = self.segments.get(i.checked_sub(1)?)?;
        (clean <= c + l).then(|| (r + (clean - c)) as usize)
    }

    /// The raw span of a cleaned span, when both ends map.
    pub fn span_to_raw(&self, span: Span) -> Option<Span> {
        Span::new(self.to_raw(span.start())?, self.to_raw(span.end())?)
    }

    /// The segments overlapping `span`, clipped to it, as
    /// `(clean_start, raw_start, len)`: how to compose this map with another.
    pub fn segments_in(&self, span: Span) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
        let first = self.segments.partition_point(|&(c, _, l)| ((c + l) as usize) <= span.start());
        self.segments[first..].iter().map_while(move |&(c, r, l)| {
            let (c, r, l) = (c as usize, r as usize, l as usize);
            (c < span.end()).then(|| {
                let from = c.max(span.start());
                let to = (c + l).min(span.end());
                (from, r + (from - c), to - from)
            })
        })
    }

    /// Number of segments.
    pub fn len(&self) -> usize {
        self.segments.len()
    }

    /// True when nothing maps (e.g. a record with no text).
    pub fn is_empty(&self) -> bool {
        self.segments.is_empty()
    }
}

/// The class of a token, enough for sentence splitting and pattern rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TokenKind {
    /// Letters, possibly with inner `'`, `-`, `.` ("U.S.", "vice-foreign").
    Word,
    /// Digits with inner `,` or `.` ("1,300", "7.9").
    Number,
    /// One punctuation character.
    Punct,
}

/// Each token of a text in lower case, in one string: the words every
/// stage compares, made once per article without a string per token.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LowerWords {
    words: String,
    /// Where each token's word is in `words`.
    spans: Vec<(u32, u32)>,
    /// `words` is the whole text lower-cased, offsets unchanged.
    whole: bool,
}

impl LowerWords {
    /// The tokens of `text` in lower case.
    pub fn new(text: &str, tokens: &[Token]) -> LowerWords {
        // ASCII text lower-cases in place, offsets unchanged: the words are
        // the tokens' own spans of one lower-cased copy.
        if text.is_ascii() {
            let words = text.to_ascii_lowercase();
            let spans = tokens.iter().map(|t| (t.span.start() as u32, t.span.end() as u32)).collect();
            return LowerWords { words, spans, whole: true };
        }
        let mut words = String::with_capacity(text.len() + 16);
        let mut spans = Vec::with_capacity(tokens.len());
        for t in tokens {
            let at = words.len() as u32;
            words.push_str(&t.span.slice(text).to_lowercase());
            spans.push((at, words.len() as u32));
        }
        LowerWords { words, spans, whole: false }
    }

    /// The whole text in lower case, when it was made that way (an ASCII
    /// text: same offsets as the text).
    pub fn whole_text(&self) -> Option<&str> {
        self.whole.then_some(self.words.as_str())
    }

    /// Token `i` in lower case ("" past the end).
    #[inline]
    pub fn get(&self, i: usize) -> &str {
        match self.spans.get(i) {
            Some(&(a, b)) => self.words.get(a as usize..b as usize).unwrap_or(""),
            None => "",
        }
    }

    /// The number of tokens.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// True when there are no tokens.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Each token's word, in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }
}

/// A token: a span of [`Doc::text`] and its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    /// Where it is.
    pub span: Span,
    /// What it is.
    pub kind: TokenKind,
}

/// A sentence: its span, paragraph and range of tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// Where it is.
    pub span: Span,
    /// Index into [`Doc::paragraphs`].
    pub paragraph: u32,
    /// First token index.
    pub token_start: u32,
    /// One past the last token index.
    pub token_end: u32,
}

/// One article and everything clio found in it.
///
/// The `Doc` owns the texts; every annotation is a [`Span`] into `text`
/// (byte offsets), and `text` maps back to `raw` through `offset_map`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Doc {
    /// Identity (see [`DocId`]).
    pub id: DocId,
    /// Where it came from.
    pub source: String,
    /// How it was read.
    pub format: InputFormat,
    /// Title, outlet, dateline, URL, publication date.
    pub meta: ArticleMeta,
    /// The input as decoded (UTF-8, lossily where needed).
    pub raw: String,
    /// The cleaned article body.
    pub text: String,
    /// Cleaned byte offset -> raw byte offset.
    pub offset_map: OffsetMap,
    /// What cleaning took out of `raw`, and why.
    pub removed: Vec<Removal>,
    /// Paragraph spans in `text`.
    pub paragraphs: Vec<Span>,
    /// Tokens, in text order.
    pub tokens: Vec<Token>,
    /// Each token in lower case, made with the tokens for the stages that
    /// compare words (not stored: cheaper to remake).
    #[serde(skip)]
    pub lower: LowerWords,
    /// Sentences, in text order.
    pub sentences: Vec<Sentence>,
    /// Tags, lemmas, dependency trees and names, per token (not stored:
    /// remade from the text by the language layer).
    #[serde(skip)]
    pub syntax: Syntax,
    /// Dates and times the text mentions.
    pub time_exprs: Vec<TimeExpr>,
    /// The date of what the article reports.
    pub date: ArticleDate,
    /// People, organisations and places, with their mentions.
    pub entities: Vec<Entity>,
    /// Every stretch of text that names a coded actor.
    pub actors: Vec<ActorMention>,
    /// CAMEO-coded events.
    pub events: Vec<Event>,
    /// Quotations with their speakers.
    pub quotes: Vec<Quote>,
    /// Words in quotation marks that are not speech ("Chinese virus").
    pub quoted_terms: Vec<Span>,
    /// Numbers with what they count.
    pub quantities: Vec<Quantity>,
    /// GDELT-style tone.
    pub tone: Tone,
    /// Theme keywords found.
    pub themes: Vec<ThemeMention>,
    /// Non-fatal problems met while reading or processing this article.
    pub warnings: Vec<String>,
}

impl Doc {
    /// A Doc with the given texts and no annotations yet.
    pub fn new(id: DocId, source: String, format: InputFormat, raw: String, text: String) -> Doc {
        Doc {
            id,
            source,
            format,
            meta: ArticleMeta::default(),
            raw,
            text,
            offset_map: OffsetMap::default(),
            removed: Vec::new(),
            paragraphs: Vec::new(),
            tokens: Vec::new(),
            lower: LowerWords::default(),
            sentences: Vec::new(),
            syntax: Syntax::default(),
            time_exprs: Vec::new(),
            date: ArticleDate::unresolved("not computed"),
            entities: Vec::new(),
            actors: Vec::new(),
            events: Vec::new(),
            quotes: Vec::new(),
            quoted_terms: Vec::new(),
            quantities: Vec::new(),
            tone: Tone::default(),
            themes: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// The tokens in lower case: the tokens stage's [`Doc::lower`], or made
    /// here when a caller set the tokens without it.
    pub fn lower_words(&self) -> std::borrow::Cow<'_, LowerWords> {
        if self.lower.len() == self.tokens.len() {
            std::borrow::Cow::Borrowed(&self.lower)
        } else {
            std::borrow::Cow::Owned(LowerWords::new(&self.text, &self.tokens))
        }
    }

    /// The text of a span of this Doc.
    #[inline]
    pub fn slice(&self, span: Span) -> &str {
        span.slice(&self.text)
    }

    /// The sentence containing byte `offset`, if any.
    pub fn sentence_at(&self, offset: usize) -> Option<&Sentence> {
        let i = self.sentences.partition_point(|s| s.span.end() <= offset);
        self.sentences.get(i).filter(|s| s.span.start() <= offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_words_of_ascii_and_other_texts() {
        let tok = |a: usize, b: usize| Token { span: Span::new(a, b).unwrap(), kind: TokenKind::Word };
        let lw = LowerWords::new("The UN met", &[tok(0, 3), tok(4, 6), tok(7, 10)]);
        assert_eq!(lw.iter().collect::<Vec<_>>(), ["the", "un", "met"]);
        assert_eq!(lw.whole_text(), Some("the un met"));
        // "İ" lower-cases to two characters: offsets move, words stay right.
        let text = "\u{130}STANBUL and ZÜRICH";
        let lw = LowerWords::new(text, &[tok(0, 9), tok(10, 13), tok(14, 21)]);
        assert_eq!(lw.get(0), "\u{130}stanbul".to_lowercase());
        assert_eq!((lw.get(1), lw.get(2), lw.get(3), lw.len()), ("and", "zürich", "", 3));
        assert_eq!(lw.whole_text(), None);
    }

    #[test]
    fn offset_map_maps_ends_and_skips_inserted_bytes() {
        let mut m = OffsetMap::default();
        m.push(0, 4, 3); // "abc" at raw 4
        m.push(5, 20, 2); // after an inserted "\n\n"
        assert_eq!(m.to_raw(0), Some(4));
        assert_eq!(m.to_raw(3), Some(7));
        assert_eq!(m.to_raw(4), None);
        assert_eq!(m.to_raw(6), Some(21));
        let s = Span::new(5, 7).and_then(|s| m.span_to_raw(s));
        assert_eq!(s, Span::new(20, 22));
    }

    #[test]
    fn sentence_lookup_by_offset() {
        let mut d = Doc::new(DocId("x".into()), "-".into(), InputFormat::Text, String::new(), "A b. C d.".into());
        for (s, e) in [(0, 4), (5, 9)] {
            if let Some(span) = Span::new(s, e) {
                d.sentences.push(Sentence { span, paragraph: 0, token_start: 0, token_end: 0 });
            }
        }
        assert_eq!(d.sentence_at(6).map(|s| s.span.start()), Some(5));
        assert!(d.sentence_at(4).is_none());
    }
}
