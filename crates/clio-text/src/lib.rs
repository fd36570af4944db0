//! The text layer: [`tokenize`] and [`split_sentences`], and the stages
//! [`Tokenizer`] and [`SentenceSplitter`] that run them on a Doc.
//!
//! Both are single forward scans with no allocation per token beyond the
//! output vectors, so every later stage can afford them on every article.
//!
//! ```
//! use clio_text::{tokenize, split_sentences};
//! use clio_model::Span;
//! let text = "Mr. Ma met U.S. officials on Jan. 5. They spoke by phone.";
//! let tokens = tokenize(text);
//! let paragraphs = [Span::new(0, text.len()).unwrap()];
//! let sentences = split_sentences(text, &tokens, &paragraphs);
//! assert_eq!(sentences.len(), 2);
//! assert_eq!(sentences[1].span.slice(text), "They spoke by phone.");
//! ```

use clio_model::{Doc, Layer, LowerWords, Sentence, Span, Stage, Token, TokenKind};

/// Splits text into words, numbers and punctuation with byte spans, the
/// way the English treebanks do (so the learned models see the words they
/// were trained on):
///
/// - clitics are words of their own: "don't" -> "do" "n't", "China's" ->
///   "China" "'s", "they're" -> "they" "'re", "cannot" -> "can" "not";
/// - a hyphen between words is a token of its own ("Al-Qaeda" -> "Al" "-"
///   "Qaeda", "COVID-19" -> "COVID" "-" "19"), except after a prefix that
///   keeps its word ("co-operate", "non-profit", "e-mail") and inside
///   numbers written with two or more hyphens ("2020-03-01");
/// - initialisms keep their periods ("U.S.", "e.g."), and so do
///   abbreviations and initials before a name ("Mr.", "Inc.", "Jan.",
///   "R."); numbers keep inner separators ("1,300", "7.9").
///
/// Any other non-space character is a punctuation token of its own.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let bytes = text.as_bytes();
    let mut chars = text.char_indices().peekable();
    let next_is_alnum = |i: usize| text[i..].chars().nth(1).is_some_and(char::is_alphanumeric);
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if !c.is_alphanumeric() {
            // Two apostrophes or backquotes are one quotation mark (the
            // treebanks' '' and ``, and some newspapers' own marks).
            if matches!(c, '\'' | '`') && bytes.get(start + 1) == Some(&(c as u8)) {
                chars.next();
                push(&mut tokens, start, start + 2, TokenKind::Punct);
                continue;
            }
            push(&mut tokens, start, start + c.len_utf8(), TokenKind::Punct);
            continue;
        }
        let mut end = start + c.len_utf8();
        let mut has_letter = c.is_alphabetic();
        let mut last_len = 1; // letters in the current dot-separated piece
        while let Some(&(i, d)) = chars.peek() {
            if d.is_alphanumeric() {
                has_letter |= d.is_alphabetic();
                last_len += 1;
            } else if matches!(d, '\'' | '\u{2019}' | '-' | '\u{2010}' | '\u{2011}') && next_is_alnum(i) {
                // "latter's" but not "latter’s" ending a quote: handled by next_is_alnum
                last_len = 0;
            } else if matches!(d, ',' | '.') && !has_letter && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
                // 1,300 and 7.9
            } else if d == '.' && has_letter && last_len == 1 && text[i + 1..].starts_with(char::is_alphabetic) {
                // U.S., e.g.: a period between single letters
                last_len = 0;
            } else if d == '.' && has_letter && last_len == 1 && is_initialism(&text[start..i]) {
                // the final period of "U.S." belongs to it
                chars.next();
                end = i + 1;
                break;
            } else {
                break;
            }
            chars.next();
            end = i + d.len_utf8();
        }
        if !has_letter && !text[start..end].contains(is_hyphen) {
            push(&mut tokens, start, end, TokenKind::Number);
            continue;
        }
        // An abbreviation or an initial takes its period ("Mr.", "R.").
        if has_letter && bytes.get(end) == Some(&b'.') && keeps_period(&text[start..end], &text[end + 1..]) {
            chars.next();
            end += 1;
        }
        split_word(text, start, end, &mut tokens);
    }
    tokens
}

/// Pushes the treebank words of the word `text[start..end]`: clitics and
/// joining hyphens split off.
fn split_word(text: &str, start: usize, end: usize, tokens: &mut Vec<Token>) {
    let word = &text[start..end];
    if !word.contains(['\'', '\u{2019}', '-', '\u{2010}', '\u{2011}']) && !word.eq_ignore_ascii_case("cannot") {
        let split = fused_split(word);
        push_piece(tokens, text, start, start + split);
        if split < word.len() {
            push_piece(tokens, text, start + split, end);
        }
        return;
    }
    if word.eq_ignore_ascii_case("cannot") {
        push_piece(tokens, text, start, start + 3);
        push_piece(tokens, text, start + 3, end);
        return;
    }
    // Hyphens: split unless the word is a number with two or more hyphens.
    let hyphens: Vec<(usize, char)> = word.char_indices().filter(|&(_, c)| is_hyphen(c)).collect();
    let numeric = word.chars().all(|c| c.is_ascii_digit() || is_hyphen(c));
    let mut piece_start = start;
    if !(numeric && hyphens.len() >= 2) {
        for &(at, h) in &hyphens {
            let piece = &text[piece_start..start + at];
            if KEEP_PREFIX.iter().any(|p| piece.eq_ignore_ascii_case(p)) && piece_start == start {
                continue; // "co-operate": the prefix keeps its word
            }
            push_clitics(text, piece_start, start + at, tokens);
            push(tokens, start + at, start + at + h.len_utf8(), TokenKind::Punct);
            piece_start = start + at + h.len_utf8();
        }
    }
    push_clitics(text, piece_start, end, tokens);
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Prefixes that keep their hyphenated word in the treebank ("non-profit").
const KEEP_PREFIX: &[&str] = &[
    "e", "non", "mid", "pre", "anti", "re", "post", "co", "over", "pro", "multi", "ex", "sub", "semi", "cross", "neo",
    "psycho", "socio", "counter", "intra", "micro", "un",
];

/// Clitics split from the end of a word, longest first.
const CLITICS: &[&str] = &["n't", "'s", "'re", "'ve", "'ll", "'d", "'m"];

/// Pushes `text[start..end]` with a final clitic split off ("do" "n't").
fn push_clitics(text: &str, start: usize, end: usize, tokens: &mut Vec<Token>) {
    let word = &text[start..end];
    // Compare with straight apostrophes; a curly one is as long in bytes as
    // "\u{2019}" (3), so look for the clitic by characters.
    let mut normal = String::with_capacity(word.len());
    for c in word.chars() {
        normal.push(if c == '\u{2019}' { '\'' } else { c.to_ascii_lowercase() });
    }
    for clitic in CLITICS {
        if normal.len() > clitic.len() && normal.ends_with(clitic) {
            // The clitic's first character may be a 3-byte curly apostrophe.
            let chars = clitic.chars().count();
            let cut = word.char_indices().rev().nth(chars - 1).map_or(0, |(i, _)| i);
            if cut > 0 && word[..cut].chars().last().is_some_and(char::is_alphanumeric) {
                push_piece(tokens, text, start, start + cut);
                push_piece(tokens, text, start + cut, end);
                return;
            }
        }
    }
    let split = fused_split(word);
    push_piece(tokens, text, start, start + split);
    if split < word.len() {
        push_piece(tokens, text, start + split, end);
    }
}

/// Where a fused form splits ("gonna" -> "gon" "na"); the word's length
/// when it does not.
fn fused_split(word: &str) -> usize {
    match word.to_ascii_lowercase().as_str() {
        "gonna" | "wanna" | "gotta" => 3,
        _ => word.len(),
    }
}

/// Abbreviations that keep their period in the treebank: titles, months,
/// weekdays, company words; "No." only before a number.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "messrs", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm", "gov", "sen", "rep",
    "rev", "hon", "pres", "st", "mt", "ft", "jr", "sr", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "inc", "corp", "co",
    "ltd", "plc", "bros", "dept", "govt", "intl", "assn", "ave", "blvd",
];

/// Lower-case abbreviations that keep their period in any case.
const LOWER_ABBREVIATIONS: &[&str] = &["etc", "vs", "approx", "est"];

/// Whether the word before a period keeps it: an initial ("R."), an
/// abbreviation ("Mr.", capitalised), "etc.", or "No." before a number.
fn keeps_period(word: &str, after: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    let capitalised = word.starts_with(|c: char| c.is_uppercase());
    let single_capital = word.chars().count() == 1 && capitalised;
    if single_capital {
        // An initial, unless it is the last word of a sentence ("plan B.").
        return after.trim_start().starts_with(|c: char| c.is_uppercase()) && !after.starts_with(['\n', '\r']);
    }
    if lower == "no" {
        return capitalised && after.trim_start().starts_with(|c: char| c.is_ascii_digit());
    }
    (capitalised && ABBREVIATIONS.contains(&lower.as_str())) || LOWER_ABBREVIATIONS.contains(&lower.as_str())
}

/// "U.S", "e.g": single letters separated by periods.
pub fn is_initialism(s: &str) -> bool {
    s.contains('.') && s.split('.').all(|p| p.chars().count() == 1)
}

/// Pushes a piece of a word: a word when it has a letter, else a number.
fn push_piece(tokens: &mut Vec<Token>, text: &str, start: usize, end: usize) {
    let kind = if text[start..end].chars().any(char::is_alphabetic) { TokenKind::Word } else { TokenKind::Number };
    push(tokens, start, end, kind);
}

fn push(tokens: &mut Vec<Token>, start: usize, end: usize, kind: TokenKind) {
    if let Some(span) = Span::new(start, end) {
        if start < end {
            tokens.push(Token { span, kind });
        }
    }
}

/// Abbreviations that never end a sentence: titles before a name, and
/// words always followed by a number.
const TITLE_ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm", "gov", "sen", "rep", "rev",
    "hon", "pres", "st", "mt", "ft", "no", "nos", "vol", "art", "fig", "pp", "vs", "v",
];

/// Abbreviations that may end a sentence; they end one only when a usual
/// sentence opener follows.
const OTHER_ABBREVIATIONS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "corp", "co", "ltd",
    "plc", "jr", "sr", "etc", "intl", "dept", "govt", "approx", "est", "ave", "blvd", "bros", "assn",
];

/// Words that open sentences and rarely follow an abbreviation mid-sentence.
const SENTENCE_OPENERS: &[&str] = &[
    "the",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "but",
    "in",
    "on",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "there",
    "its",
    "his",
    "her",
    "their",
    "our",
    "however",
    "meanwhile",
    "also",
    "as",
    "at",
    "after",
    "since",
];

fn is_opening(c: char) -> bool {
    c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '\u{201C}' | '\u{2018}' | '\'' | '(' | '[')
}

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '\u{201D}' | '\u{2019}' | '\'' | ')' | ']')
}

/// Splits each paragraph into sentences. A sentence ends at `.`, `!`, `?`
/// or `…` (with any closing quotes or brackets after it) when the next
/// token opens a sentence, unless the period closes an abbreviation or an
/// initial ("Mr.", "R."); after "U.S." or "Jan." it ends only before a usual
/// sentence opener ("The", "He"). A paragraph always ends a sentence, so
/// headlines need no period, and a quotation that opens in each paragraph
/// and closes only at the last one does not glue paragraphs together.
pub fn split_sentences(text: &str, tokens: &[Token], paragraphs: &[Span]) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    let mut t = 0;
    for (pi, para) in paragraphs.iter().enumerate() {
        while t < tokens.len() && tokens[t].span.start() < para.start() {
            t += 1;
        }
        let first = t;
        while t < tokens.len() && tokens[t].span.end() <= para.end() {
            t += 1;
        }
        let toks = &tokens[first..t];
        let mut s = 0;
        let mut i = 0;
        while i < toks.len() {
            let mut end = i + 1;
            if is_terminal(text, toks, i) {
                while end < toks.len()
                    && toks[end].span.start() == toks[end - 1].span.end()
                    && toks[end].span.slice(text).chars().next().is_some_and(is_closing)
                {
                    end += 1;
                }
                if end < toks.len() && opens_sentence(text, toks, i, end) {
                    push_sentence(&mut sentences, toks, s, end, first, pi);
                    s = end;
                }
            }
            i = end;
        }
        if s < toks.len() {
            push_sentence(&mut sentences, toks, s, toks.len(), first, pi);
        }
    }
    sentences
}

fn push_sentence(out: &mut Vec<Sentence>, toks: &[Token], s: usize, e: usize, base: usize, para: usize) {
    if let Some(span) = Span::new(toks[s].span.start(), toks[e - 1].span.end()) {
        out.push(Sentence {
            span,
            paragraph: para as u32,
            token_start: (base + s) as u32,
            token_end: (base + e) as u32,
        });
    }
}

/// Token `i` is a sentence-final mark, or a word ending in one ("U.S.").
fn is_terminal(text: &str, toks: &[Token], i: usize) -> bool {
    let s = toks[i].span.slice(text);
    matches!(s, "." | "!" | "?" | "\u{2026}") || (toks[i].kind == TokenKind::Word && s.ends_with('.'))
}

/// Whether the token at `next` starts a new sentence after the terminal
/// token at `i`.
fn opens_sentence(text: &str, toks: &[Token], i: usize, next: usize) -> bool {
    let next_text = toks[next].span.slice(text);
    if !next_text.chars().next().is_some_and(is_opening) {
        return false;
    }
    // A period with no space after it inside a symbol ("<MIET.T>",
    // "<REED.L>": a ticker) ends nothing; one before a capitalised word
    // ("said.The") is a missing space.
    if toks[next].span.start() == toks[next - 1].span.end() {
        let mut letters = next_text.chars().skip(1);
        if !letters.next().is_some_and(char::is_lowercase) {
            return false;
        }
    }
    let mark = toks[i].span.slice(text);
    let opener = || SENTENCE_OPENERS.contains(&next_text.to_ascii_lowercase().as_str());
    if mark.len() > 1 {
        return opener(); // "U.S." then "The"
    }
    if mark != "." || i == 0 || toks[i - 1].span.end() != toks[i].span.start() {
        return true;
    }
    let prev = &toks[i - 1];
    if prev.kind != TokenKind::Word {
        return true;
    }
    let word = prev.span.slice(text);
    let lower = word.to_ascii_lowercase();
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return false; // an initial: "Michael R. Pompeo"
    }
    if TITLE_ABBREVIATIONS.contains(&lower.as_str()) {
        return false;
    }
    if OTHER_ABBREVIATIONS.contains(&lower.as_str()) {
        return opener();
    }
    true
}

/// Stage: fills [`Doc::tokens`].
pub struct Tokenizer;

impl Stage for Tokenizer {
    fn name(&self) -> &'static str {
        "tokens"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Text]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Tokens]
    }
    fn run(&self, doc: &mut Doc) {
        doc.tokens = tokenize(&doc.text);
        doc.lower = LowerWords::new(&doc.text, &doc.tokens);
    }
}

/// Stage: fills [`Doc::sentences`].
pub struct SentenceSplitter;

impl Stage for SentenceSplitter {
    fn name(&self) -> &'static str {
        "sentences"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Tokens]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Sentences]
    }
    fn run(&self, doc: &mut Doc) {
        doc.sentences = split_sentences(&doc.text, &doc.tokens, &doc.paragraphs);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.span.slice(text)).collect()
    }

    fn sentences(text: &str) -> Vec<&str> {
        let mut paragraphs = Vec::new();
        let mut at = 0;
        for p in text.split("\n\n") {
            paragraphs.push(Span::new(at, at + p.len()).unwrap());
            at += p.len() + 2;
        }
        let toks = tokenize(text);
        split_sentences(text, &toks, &paragraphs).iter().map(|s| s.span.slice(text)).collect()
    }

    #[test]
    fn tokens_keep_inner_marks() {
        assert_eq!(
            words("U.S. e.g. 1,300 and 7.9 tons, 85,505."),
            ["U.S.", "e.g.", "1,300", "and", "7.9", "tons", ",", "85,505", "."]
        );
        assert_eq!(words("\u{201C}Much respect.\u{201D}"), ["\u{201C}", "Much", "respect", ".", "\u{201D}"]);
        assert_eq!(words("intl. Jan. 5"), ["intl", ".", "Jan.", "5"]);
    }

    #[test]
    fn clitics_are_words_of_their_own() {
        assert_eq!(words("the latter\u{2019}s request"), ["the", "latter", "\u{2019}s", "request"]);
        assert_eq!(
            words("We don't know; they're sure it can't be"),
            ["We", "do", "n't", "know", ";", "they", "'re", "sure", "it", "ca", "n't", "be"]
        );
        assert_eq!(
            words("I'm, you'll, she'd, we've"),
            ["I", "'m", ",", "you", "'ll", ",", "she", "'d", ",", "we", "'ve"]
        );
        assert_eq!(words("You cannot; we're gonna"), ["You", "can", "not", ";", "we", "'re", "gon", "na"]);
        // A name with an apostrophe inside stays whole; a plural possessive
        // keeps its apostrophe apart.
        assert_eq!(words("O'Neill met the ministers' aides"), ["O'Neill", "met", "the", "ministers", "'", "aides"]);
    }

    #[test]
    fn hyphens_join_words_as_the_treebank_splits_them() {
        assert_eq!(words("a Vice-Premier of Al-Qaeda"), ["a", "Vice", "-", "Premier", "of", "Al", "-", "Qaeda"]);
        assert_eq!(words("COVID-19 cases"), ["COVID", "-", "19", "cases"]);
        // Prefixes that keep their word, and dates written with hyphens.
        assert_eq!(words("a non-profit co-operative e-mail"), ["a", "non-profit", "co-operative", "e-mail"]);
        assert_eq!(words("on 2020-03-01 and 5-10 people"), ["on", "2020-03-01", "and", "5", "-", "10", "people"]);
        // A hyphen and a clitic in one word.
        assert_eq!(words("the Vice-President's"), ["the", "Vice", "-", "President", "'s"]);
    }

    #[test]
    fn abbreviations_and_initials_keep_their_periods() {
        assert_eq!(
            words("Mr. Ma and Dr. Li of Acme Inc. met"),
            ["Mr.", "Ma", "and", "Dr.", "Li", "of", "Acme", "Inc.", "met"]
        );
        assert_eq!(words("Michael R. Pompeo"), ["Michael", "R.", "Pompeo"]);
        assert_eq!(words("It was plan B.\nThen"), ["It", "was", "plan", "B", ".", "Then"]);
        assert_eq!(words("No. 10 said no. Then"), ["No.", "10", "said", "no", ".", "Then"]);
        assert_eq!(words("apples, pears etc. and more"), ["apples", ",", "pears", "etc.", "and", "more"]);
    }

    #[test]
    fn a_period_inside_a_ticker_ends_no_sentence_and_a_missing_space_still_does() {
        assert_eq!(
            sentences("Acme Motors Co <ACMO.T> said it will build a plant. Output starts in May."),
            ["Acme Motors Co <ACMO.T> said it will build a plant.", "Output starts in May."]
        );
        assert_eq!(sentences("The plant closed.Workers left."), ["The plant closed.", "Workers left."]);
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        assert_eq!(
            sentences("Secretary of State Michael R. Pompeo called. Mr. Ma answered."),
            ["Secretary of State Michael R. Pompeo called.", "Mr. Ma answered."]
        );
        assert_eq!(
            sentences("Officials: China to continue intl. cooperation on the battle"),
            ["Officials: China to continue intl. cooperation on the battle"]
        );
        assert_eq!(
            sentences("Photo taken on Jan. 28, 2020 shows a site."),
            ["Photo taken on Jan. 28, 2020 shows a site."]
        );
        assert_eq!(sentences("He met U.S. officials. They agreed."), ["He met U.S. officials.", "They agreed."]);
        assert_eq!(
            sentences("It was sent to the U.S. The talks ended."),
            ["It was sent to the U.S.", "The talks ended."]
        );
    }

    #[test]
    fn quotes_close_with_their_sentence() {
        assert_eq!(
            sentences("\u{201C}We agree.\u{201D} He left. \u{201C}Why?\u{201D} she asked."),
            ["\u{201C}We agree.\u{201D}", "He left.", "\u{201C}Why?\u{201D} she asked."]
        );
    }

    #[test]
    fn a_quote_over_paragraphs_splits_per_paragraph() {
        let t = "Xi said: \u{201C}The virus knows no borders. We must unite.\n\n\u{201C}Cooperation is the only choice.\u{201D}\n\nA headline without a period";
        assert_eq!(
            sentences(t),
            [
                "Xi said: \u{201C}The virus knows no borders.",
                "We must unite.",
                "\u{201C}Cooperation is the only choice.\u{201D}",
                "A headline without a period"
            ]
        );
    }
}
