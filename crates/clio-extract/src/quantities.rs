//! Quantities: numbers in digits and words with what they count, their
//! qualifier, subject, as-of date and attribution.
//!
//! - Value: "1,300", "7.9", "1.2 million", "seven", "twenty-five".
//! - Not quantities: numbers inside dates and years, in names ("Disease
//!   2019", "COVID-19"), glued to `-`, `/` or `:` (codes, times, scores);
//!   clock times ("4 p.m. ET"); labels ("day 0", "page 3", "No. 5");
//!   offsets ("three days later"); number words that stand for a noun
//!   rather than count one ("the one that", "the two of them", "one of").
//! - What: in the parse, the noun the number counts and what modifies it,
//!   prepositional phrases included ("262,000 deaths from the virus in New
//!   York"); without a parse, the words after the number. When the number
//!   stands alone, the noun of a number beside it in the sentence ("China
//!   has 81,782"), else a measure noun before it ("the death toll ...
//!   stands at 1,290").
//! - Qualifier: "more than", "over", "at least", "about", "nearly", "up to",
//!   "less than" within the few words before it.
//! - Subject: in the parse, the subject of the verb the counted noun hangs
//!   on ("New York reported 262,000 cases"), when an actor names it; else
//!   the actor of its clause ("the US has a total of 85,505 cases, while
//!   China has 81,782"); with "respectively", the actors named before the
//!   numbers, in order.
//! - As of: the sentence's "as of" date. Attributed to: "according to X".
//! - Count type (GDELT): KILL, WOUND, ARREST, KIDNAP, PROTEST, AFFECT, by noun.
//!
//! Photo captions are read too; their quantities carry raw offsets.

use clio_model::{Doc, Layer, LowerWords, Quantity, Rel, RemovalReason, Span, Stage, Token, TokenKind, Upos};

use crate::entities::words::{is_in, CALENDAR, CURRENCIES};

/// Stage: fills [`Doc::quantities`].
pub struct QuantityStage;

impl Stage for QuantityStage {
    fn name(&self) -> &'static str {
        "quantities"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Entities, Layer::TimeExprs]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Quantities]
    }
    fn run(&self, doc: &mut Doc) {
        let mut out = Vec::new();
        let sentences: Vec<(usize, usize, Span)> =
            doc.sentences.iter().map(|s| (s.token_start as usize, s.token_end as usize, s.span)).collect();
        let ctx = Ctx::new(&doc.text, &doc.tokens, Some(doc), 0, false);
        for &(a, b, span) in &sentences {
            ctx.sentence(a, b, span, &mut out);
        }
        for r in doc.removed.iter().filter(|r| r.reason == RemovalReason::PhotoCaption) {
            let text = r.raw.slice(&doc.raw);
            let tokens = clio_text::tokenize(text);
            let Some(span) = Span::new(0, text.len()) else { continue };
            let ctx = Ctx::new(text, &tokens, None, r.raw.start(), true);
            ctx.sentence(0, tokens.len(), span, &mut out);
        }
        doc.quantities = out;
    }
}

/// The value of a number word ("seven", "twenty", "dozen").
fn unit_value(w: &str) -> Option<f64> {
    Some(match w {
        "zero" => 0.0,
        "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        "dozen" => 12.0,
        _ => return None,
    })
}
/// The factor of a multiplier word ("million", "bln").
fn multiplier(w: &str) -> Option<f64> {
    Some(match w {
        "hundred" => 1e2,
        "thousand" => 1e3,
        "million" => 1e6,
        "mln" => 1e6,
        "billion" => 1e9,
        "bln" => 1e9,
        "trillion" => 1e12,
        _ => return None,
    })
}
/// `v` times the power of ten `m`, as exact as the number written:
/// "4.06 mln" is 4,060,000, not the 4,059,999.9999999995 that multiplying
/// the binary 4.06 by a million gives (the decimal exponent is applied in
/// parsing, which rounds once).
fn scaled(v: f64, m: f64) -> f64 {
    format!("{v}e{}", m.log10().round() as i32).parse().unwrap_or(v * m)
}
const QUALIFIERS: &[(&[&str], &str)] = &[
    (&["more", "than"], "more than"),
    (&["over"], "more than"),
    (&["above"], "more than"),
    (&["upwards", "of"], "more than"),
    (&["in", "excess", "of"], "more than"),
    (&["at", "least"], "at least"),
    (&["no", "fewer", "than"], "at least"),
    (&["about"], "about"),
    (&["around"], "about"),
    (&["approximately"], "about"),
    (&["roughly"], "about"),
    (&["some"], "about"),
    (&["nearly"], "nearly"),
    (&["almost"], "nearly"),
    (&["up", "to"], "up to"),
    (&["less", "than"], "less than"),
    (&["fewer", "than"], "less than"),
    (&["under"], "less than"),
];
word_list! {
    /// Words that end the noun phrase after a number.
    fn is_stop = [
        "and", "or", "but", "have", "has", "had", "is", "are", "was", "were", "will", "would", "be", "been", "being",
        "according", "from", "in", "on", "at", "for", "with", "by", "to", "since", "as", "while", "which", "that",
        "who", "than", "per", "each", "respectively", "this", "these", "the", "a", "an", "said", "says",
    ]
}
word_list! {
    fn is_measure = ["toll", "number", "total", "count", "tally", "figure", "figures"]
}
word_list! {
    /// Verbs of a change in an amount, whose subject is what the amount is
    /// of ("debt rose to 97 billion").
    fn is_change = [
        "rise", "fall", "grow", "increase", "decrease", "decline", "drop", "climb", "reach", "total", "stand",
        "jump", "surge", "slip", "ease", "dip", "plunge", "soar", "widen", "narrow", "shrink", "expand",
    ]
}
word_list! {
    /// Words after a number that make it a clock time.
    fn is_clock = [
        "a.m.", "p.m.", "am", "pm", "a.m", "p.m", "gmt", "utc", "et", "edt", "est", "ct", "cdt", "cst", "pt", "pdt",
        "pst", "bst", "cet", "cest", "o'clock", "hrs", "hours",
    ]
}
word_list! {
    /// Nouns a number labels rather than counts ("day 0", "page 3").
    fn is_label = [
        "day", "week", "page", "pages", "p.", "pp.", "p", "pp", "no.", "no", "nos.", "chapter", "section", "article",
        "articles", "item", "step", "level", "stage", "round", "game", "episode", "season", "part", "volume", "vol.",
        "issue", "figure", "fig.", "table", "room", "route", "highway", "flight", "gate", "platform", "line", "act",
        "paragraph", "clause", "rule", "resolution", "phase", "grade", "category", "class", "number", "ward",
        "district", "precinct", "channel", "lane", "exit", "apartment", "suite", "unit", "box", "row", "seat",
    ]
}
word_list! {
    /// Parts of a year a figure is reported for ("in the first half").
    fn is_period_word = ["quarter", "half", "period", "term", "session"]
}
word_list! {
    /// Units of time a number and "ago", "later" make an offset of.
    fn is_time_unit = [
        "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month",
        "months", "year", "years", "decade", "decades", "century", "centuries",
    ]
}
word_list! {
    fn is_offset_word = ["ago", "later", "earlier", "before", "after", "prior", "since", "from", "hence", "on"]
}
word_list! {
    /// Determiners before a number word that then stands for a noun ("the
    /// one that", "these two").
    fn is_determiner = ["the", "this", "that", "these", "those", "each", "every", "any", "no", "which", "another"]
}
const COUNT_TYPES: &[(&str, &str)] = &[
    ("killed", "KILL"),
    ("dead", "KILL"),
    ("death", "KILL"),
    ("deaths", "KILL"),
    ("died", "KILL"),
    ("fatalities", "KILL"),
    ("toll", "KILL"),
    ("wounded", "WOUND"),
    ("injured", "WOUND"),
    ("injuries", "WOUND"),
    ("arrested", "ARREST"),
    ("detained", "ARREST"),
    ("arrests", "ARREST"),
    ("kidnapped", "KIDNAP"),
    ("abducted", "KIDNAP"),
    ("hostages", "KIDNAP"),
    ("protesters", "PROTEST"),
    ("demonstrators", "PROTEST"),
    ("cases", "AFFECT"),
    ("infected", "AFFECT"),
    ("infections", "AFFECT"),
    ("affected", "AFFECT"),
    ("displaced", "AFFECT"),
    ("evacuated", "AFFECT"),
    ("refugees", "AFFECT"),
    ("homeless", "AFFECT"),
];

struct Ctx<'a> {
    text: &'a str,
    tokens: &'a [Token],
    /// Lower-case words, computed once.
    lower: std::borrow::Cow<'a, LowerWords>,
    /// Spans of the text's time expressions, sorted.
    dates: Vec<Span>,
    /// The article, when reading its text (captions have no layers).
    doc: Option<&'a Doc>,
    /// Offset of `text` in the raw input (captions).
    base: usize,
    in_caption: bool,
}

impl<'a> Ctx<'a> {
    fn new(text: &'a str, tokens: &'a [Token], doc: Option<&'a Doc>, base: usize, in_caption: bool) -> Ctx<'a> {
        let lower = match doc {
            Some(d) => d.lower_words(),
            None => std::borrow::Cow::Owned(LowerWords::new(text, tokens)),
        };
        let mut dates: Vec<Span> =
            doc.map_or(Vec::new(), |d| d.time_exprs.iter().filter(|e| !e.in_caption).map(|e| e.span).collect());
        dates.sort();
        Ctx { text, tokens, lower, dates, doc, base, in_caption }
    }

    fn w(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.span.slice(self.text))
    }

    fn lw(&self, i: usize) -> &str {
        self.lower.get(i)
    }

    fn glued(&self, a: usize, b: usize) -> bool {
        matches!((self.tokens.get(a), self.tokens.get(b)), (Some(x), Some(y)) if x.span.end() == y.span.start())
    }

    /// The value of the number starting at token `i` and the token after it.
    fn value_at(&self, i: usize) -> Option<(f64, usize)> {
        let t = self.tokens.get(i)?;
        let w = self.lw(i);
        let (mut v, mut end) = if t.kind == TokenKind::Number {
            let v = if w.contains(',') { w.replace(',', "").parse::<f64>() } else { w.parse::<f64>() };
            (v.ok()?, i + 1)
        } else if t.kind == TokenKind::Word {
            // "seven", "twenty-five" (three tokens: "twenty" "-" "five"):
            // the first word is tested first, as almost every word fails there.
            let first = unit_value(w)?;
            let joined = self.w(i + 1) == "-" && self.glued(i, i + 1) && self.glued(i + 1, i + 2);
            match joined.then(|| unit_value(self.lw(i + 2))).flatten() {
                Some(second) if first >= 20.0 && second < 10.0 => (first + second, i + 3),
                _ => (first, i + 1),
            }
        } else {
            return None;
        };
        while let Some(m) = multiplier(self.lw(end)) {
            v = scaled(v, m);
            end += 1;
        }
        Some((v, end))
    }

    fn is_excluded(&self, i: usize, end: usize, value: f64, first: usize) -> bool {
        let t = &self.tokens[i];
        // Glued to -, /, : (codes, times, scores, dates like 5/14/82).
        let glued_mark = |k: usize| matches!(self.w(k), "-" | "/" | ":" | "." | "$" | "#");
        if (i > 0 && self.glued(i - 1, i) && glued_mark(i - 1))
            || (self.glued(end - 1, end) && glued_mark(end) && self.w(end) != ".")
        {
            return true;
        }
        if self.lw(i) == "one" && self.lw(end) == "of" {
            return true;
        }
        // "4 p.m. ET", "10 GMT".
        if is_clock(self.lw(end)) {
            return true;
        }
        // "day 0", "page 3", "No. 5": a label, not a count.
        if i > first && is_label(self.lw(i - 1)) && t.kind == TokenKind::Number {
            return true;
        }
        // "three days later", "two weeks ago".
        if is_time_unit(self.lw(end)) && is_offset_word(self.lw(end + 1)) {
            return true;
        }
        if t.kind == TokenKind::Word && self.stands_for_a_noun(i, end) {
            return true;
        }
        // Inside a date or time expression of the text.
        if self.doc.is_some() {
            let k = self.dates.partition_point(|d| d.start() <= t.span.start());
            if k > 0 && self.dates[k - 1].contains(t.span) {
                return true;
            }
        } else if i > 0 && clio_model::calendar::month_number(self.w(i - 1)).is_some() {
            return true;
        }
        // A year: four digits between 1900 and 2100 with no noun after it.
        let is_year = t.kind == TokenKind::Number && self.w(i).len() == 4 && (1900.0..=2100.0).contains(&value);
        if is_year {
            return true;
        }
        // Part of a name: after a capitalised word inside a sentence ("Disease 2019").
        i > first + 1
            && self.tokens[i - 1].kind == TokenKind::Word
            && self.w(i - 1).starts_with(char::is_uppercase)
            && t.kind == TokenKind::Number
            && self.lw(i - 1) != "over"
    }

    /// The parse, when the article was parsed (captions are not).
    fn parsed(&self) -> Option<&'a clio_model::Syntax> {
        self.doc.map(|d| &d.syntax).filter(|s| s.len() == self.tokens.len())
    }

    /// A number word that stands for a noun instead of counting one: "the
    /// one that is good", "the two of them", "one" read as a pronoun.
    fn stands_for_a_noun(&self, i: usize, end: usize) -> bool {
        if multiplier(self.lw(i + 1)).is_some() {
            return false;
        }
        let determined = i > 0 && is_determiner(self.lw(i - 1));
        let Some(syntax) = self.parsed() else {
            return determined && self.lw(end) == "of";
        };
        let counts_a_noun = syntax.rel[end - 1] == Rel::Nummod;
        let is_number = syntax.upos[i] == Upos::Num;
        (self.lw(i) == "one" && !(counts_a_noun && is_number)) || (determined && !counts_a_noun)
    }

    /// The noun the number at `i..end` counts, in the parse: its head when
    /// the number modifies it.
    fn counted_noun(&self, i: usize, end: usize) -> Option<usize> {
        let syntax = self.parsed()?;
        (i..end)
            .filter(|&k| syntax.rel[k] == Rel::Nummod)
            .find_map(|k| syntax.head_of(k))
            .filter(|&h| h >= end && matches!(syntax.upos[h], Upos::Noun | Upos::Propn))
    }

    /// What the number counts, from the parse: the counted noun with its
    /// modifiers and prepositional phrases, from after the number to the
    /// last word that hangs on the noun ("deaths from the virus in New
    /// York"). Clauses, appositions and lists are left out.
    fn what_parsed(&self, end: usize, b: usize, h: usize) -> Option<String> {
        let syntax = self.parsed()?;
        let keep = |r: Rel| {
            matches!(
                r,
                Rel::Compound | Rel::Amod | Rel::Nmod | Rel::NmodPoss | Rel::Flat | Rel::Case | Rel::Det | Rel::Nummod
            )
        };
        // A comparison ("3.2 dlrs vs 1.06 dlrs") is another quantity, and so
        // is a figure it changed to or from ("11.7 pct to 5,314").
        let compared = |k: usize| {
            syntax.upos[k] == Upos::Num
                || (k.saturating_sub(3)..k)
                    .any(|c| syntax.head_of(c) == Some(k) && matches!(self.lw(c), "vs" | "vs." | "versus"))
                || (k.saturating_sub(3)..k).any(|c| syntax.head_of(c) == Some(k) && syntax.rel[c] == Rel::Nummod)
        };
        // A phrase of when ("10.4 pct in April", "2.0 pct from a year
        // earlier", "in the first half") says when, not what.
        let when = |k: usize| {
            syntax.rel[k] == Rel::Nmod && {
                let w = self.lw(k);
                is_time_unit(w) || is_period_word(w) || is_in(&CALENDAR, w)
            }
        };
        let mut kept = vec![h];
        let mut stack = vec![h];
        while let Some(n) = stack.pop() {
            for k in end..b.min(h + 14) {
                if syntax.head_of(k) == Some(n) && keep(syntax.rel[k]) && !self.in_date(k) && !compared(k) && !when(k) {
                    kept.push(k);
                    stack.push(k);
                }
            }
        }
        // Words between the number and its noun that hang elsewhere ("two
        // or three representatives") are left out.
        kept.sort_unstable();
        kept.dedup();
        let words: Vec<&str> = kept.into_iter().filter(|&k| k >= end).map(|k| self.w(k)).collect();
        (!words.is_empty()).then(|| words.join(" ").replace(" 's", "'s").replace(" ,", ","))
    }

    /// Whether token `k` is inside a time expression ("on Monday").
    fn in_date(&self, k: usize) -> bool {
        let at = self.tokens[k].span;
        let n = self.dates.partition_point(|d| d.start() <= at.start());
        n > 0 && self.dates[n - 1].contains(at)
    }

    /// "two of the victims": the noun of the "of" phrase a number heads.
    fn partitive(&self, i: usize, end: usize, b: usize) -> Option<String> {
        let syntax = self.parsed()?;
        let noun = (end..b.min(end + 6)).find(|&k| {
            syntax.head_of(k).is_some_and(|h| (i..end).contains(&h))
                && syntax.rel[k] == Rel::Nmod
                && (end..k).any(|c| syntax.head_of(c) == Some(k) && self.lw(c) == "of")
        })?;
        let start =
            (end..=noun).find(|&k| !matches!(self.lw(k), "of" | "the" | "these" | "those" | "its" | "their"))?;
        self.what_parsed(start, b, noun)
    }

    /// The subject of the verb the counted noun hangs on, up through the
    /// nouns it is part of ("the US has a total of 85,505 cases").
    fn subject_parsed(&self, h: usize, a: usize, b: usize, actors: &[(usize, String)]) -> Option<String> {
        let syntax = self.parsed()?;
        let mut cur = h;
        for _ in 0..4 {
            let head = syntax.head_of(cur).filter(|x| (a..b).contains(x))?;
            if matches!(syntax.upos[head], Upos::Verb | Upos::Aux) {
                let subject = (a..b).find(|&k| syntax.head_of(k) == Some(head) && syntax.rel[k].is_subject())?;
                // The actor named in the subject's words.
                let (from, to) = self.subtree_bounds(subject, a, b);
                return actors.iter().find(|(t, _)| (from..=to).contains(t)).map(|(_, c)| c.clone());
            }
            cur = head;
        }
        None
    }

    /// First and last token of the subtree under `n` within `a..b`.
    fn subtree_bounds(&self, n: usize, a: usize, b: usize) -> (usize, usize) {
        let Some(syntax) = self.parsed() else { return (n, n) };
        let (mut from, mut to) = (n, n);
        let mut stack = vec![n];
        while let Some(x) = stack.pop() {
            for k in a..b {
                if syntax.head_of(k) == Some(x) && !matches!(syntax.rel[k], Rel::AclRelcl | Rel::Acl | Rel::Punct) {
                    from = from.min(k);
                    to = to.max(k);
                    stack.push(k);
                }
            }
        }
        (from, to)
    }

    fn qualifier(&self, i: usize, floor: usize) -> Option<String> {
        let from = i.saturating_sub(4).max(floor);
        let words: Vec<&str> = (from..i).map(|k| self.lw(k)).collect();
        for (phrase, canon) in QUALIFIERS {
            let n = phrase.len();
            for start in 0..words.len().saturating_sub(n - 1) {
                if words[start..start + n].iter().zip(phrase.iter()).all(|(a, b)| a == b) {
                    // One-word qualifiers like "over" must touch the number.
                    if n == 1 && start + 1 != words.len() && !matches!(*canon, "about" | "nearly") {
                        continue;
                    }
                    return Some(canon.to_string());
                }
            }
        }
        None
    }

    /// The noun phrase after the number: words up to a stop word or mark.
    fn what_after(&self, end: usize, b: usize) -> Option<String> {
        let mut words = Vec::new();
        let mut k = end;
        while k < b && words.len() < 4 {
            let t = &self.tokens[k];
            let w = self.lw(k);
            if t.kind != TokenKind::Word || is_stop(w) {
                // "7.9 tons of supplies": keep the unit, stop at "of".
                break;
            }
            words.push(self.w(k).to_string());
            k += 1;
            if w == "of" {
                break;
            }
        }
        (!words.is_empty()).then(|| words.join(" "))
    }

    /// A currency right after the number or after a country's adjective
    /// ("210 mln stg", "50 mln Australian dlrs"), where the parse gave the
    /// number no noun.
    fn currency_after(&self, end: usize) -> Option<String> {
        if is_in(&CURRENCIES, self.lw(end)) {
            return Some(self.w(end).to_string());
        }
        let country = self.w(end).starts_with(char::is_uppercase);
        (country && is_in(&CURRENCIES, self.lw(end + 1))).then(|| format!("{} {}", self.w(end), self.w(end + 1)))
    }

    /// What a compared figure counts, from the one before: the same, or
    /// its opposite where the row turns ("Net loss 2.7 mln vs profit
    /// 911,000": a net profit).
    fn turned(&self, previous: &str, i: usize) -> String {
        let now = self.lw(i.saturating_sub(1));
        match previous.rsplit_once(' ') {
            Some((head, "loss" | "profit")) if matches!(now, "loss" | "profit") => format!("{head} {now}"),
            _ => previous.to_string(),
        }
    }

    /// The label a table row opens with ("Net 9,160,000 vs 7,722,000",
    /// "Avg shrs 3,960,000"): up to three words from the start of the line
    /// to the number, capitalised first, with no verb.
    fn row_label(&self, a: usize, i: usize) -> Option<String> {
        let line_break =
            |k: usize| self.text[self.tokens[k - 1].span.end()..self.tokens[k].span.start()].contains('\n');
        let mut k = i;
        while k > a && !line_break(k) {
            k -= 1;
        }
        // A row, not a wrapped line of prose: the line opens at a break
        // and holds nothing after the label but figures ("9,160,000 vs
        // 7,722,000", "loss 28 cts").
        if k > 0 && !line_break(k) {
            return None;
        }
        let mut j = i;
        while j < self.tokens.len() && (j == i || !line_break(j)) {
            let figure = self.tokens[j].kind != TokenKind::Word
                || multiplier(self.lw(j)).is_some()
                || unit_value(self.lw(j)).is_some()
                || is_in(&CURRENCIES, self.lw(j))
                || matches!(self.lw(j), "vs" | "vs." | "loss" | "profit" | "pct" | "nil");
            if !figure {
                return None;
            }
            j += 1;
        }
        let words = k..i;
        // (A capitalised label the tagger read as a verb, "Revs", is still
        // a label; a verb in lower case makes the line a clause.)
        let verb = |j: usize| {
            !self.w(j).starts_with(char::is_uppercase)
                && self.parsed().is_some_and(|s| matches!(s.upos.get(j), Some(Upos::Verb | Upos::Aux)))
        };
        let label = !words.is_empty()
            && words.len() <= 3
            && self.w(k).starts_with(char::is_uppercase)
            && words.clone().all(|j| self.tokens[j].kind == TokenKind::Word && !verb(j) && self.value_at(j).is_none());
        label.then(|| words.map(|j| self.w(j)).collect::<Vec<_>>().join(" "))
    }

    /// The subject of a verb of change the number is the amount of ("net
    /// foreign debt would grow from 81 billion to 97.2 billion"): what the
    /// number, given without a noun, counts.
    fn changing_subject(&self, i: usize, end: usize, a: usize, b: usize) -> Option<String> {
        let syntax = self.parsed()?;
        let top = (i..end).find(|&k| syntax.head_of(k).is_none_or(|h| !(i..end).contains(&h)))?;
        let v = syntax.head_of(top).filter(|h| (a..b).contains(h))?;
        if syntax.upos[v] != Upos::Verb || !is_change(&syntax.lemma(v).to_lowercase()) {
            return None;
        }
        let subject = (a..b).find(|&k| syntax.head_of(k) == Some(v) && syntax.rel[k].is_subject())?;
        if syntax.upos[subject] != Upos::Noun {
            return None;
        }
        let (from, to) = self.subtree_bounds(subject, a, b);
        let from = if matches!(self.lw(from), "the" | "a" | "an") { from + 1 } else { from };
        Some((from..=to).map(|k| self.w(k)).collect::<Vec<_>>().join(" ").replace(" 's", "'s"))
    }

    /// A measure noun earlier in the sentence ("the overall death toll").
    fn measure_before(&self, a: usize, i: usize) -> Option<String> {
        let k = (a..i).rev().find(|&k| is_measure(self.lw(k)))?;
        let modifier = (k > a
            && self.tokens[k - 1].kind == TokenKind::Word
            && !is_stop(self.lw(k - 1))
            && self.lw(k - 1) != "overall")
            .then(|| self.w(k - 1).to_string());
        Some(modifier.map_or(self.w(k).to_string(), |m| format!("{m} {}", self.w(k))))
    }

    /// Actor mentions of the sentence: (first token, code).
    fn actors(&self, a: usize, b: usize) -> Vec<(usize, String)> {
        let Some(doc) = self.doc else { return Vec::new() };
        let (Some(first), Some(last)) = (self.tokens.get(a), self.tokens.get(b.saturating_sub(1))) else {
            return Vec::new();
        };
        doc.actors
            .iter()
            .filter(|x| x.span.start() >= first.span.start() && x.span.end() <= last.span.end())
            .map(|x| (self.tokens.partition_point(|t| t.span.end() <= x.span.start()), x.code.clone()))
            .collect()
    }

    fn sentence(&self, a: usize, b: usize, span: Span, out: &mut Vec<Quantity>) {
        let mut found: Vec<(usize, usize, f64)> = Vec::new();
        let mut i = a;
        while i < b {
            match self.value_at(i) {
                Some((v, end)) if !self.is_excluded(i, end, v, a) => {
                    found.push((i, end, v));
                    i = end;
                }
                _ => i += 1,
            }
        }
        if found.is_empty() {
            return;
        }
        let actors = self.actors(a, b);
        let respectively = (a..b).any(|k| self.lw(k) == "respectively");
        let as_of = self.doc.and_then(|d| {
            d.time_exprs
                .iter()
                .filter(|e| e.as_of && !e.in_caption && span.contains(e.span))
                .find_map(|e| e.resolved.and_then(|p| p.full()))
        });
        let attributed_to = self.doc.and_then(|d| {
            let k = (a..b).find(|&k| self.lw(k) == "according" && self.lw(k + 1) == "to")?;
            let at = self.tokens.get(k + 2)?.span.start();
            d.actors.iter().find(|x| x.span.start() >= at && x.span.start() < at + 80).and_then(|x| x.entity)
        });
        let counted: Vec<Option<usize>> = found.iter().map(|&(i, end, _)| self.counted_noun(i, end)).collect();
        let whats: Vec<Option<String>> = found
            .iter()
            .zip(&counted)
            .map(|(&(i, end, _), h)| match h {
                Some(h) => self.what_parsed(end, b, *h),
                None if self.parsed().is_some() => self.partitive(i, end, b),
                None => self.what_after(end, b),
            })
            .collect();
        let first_number = found[0].0;
        let listed: Vec<&String> = actors.iter().filter(|(t, _)| *t < first_number).map(|(_, c)| c).collect();
        let mut previous_what: Option<String> = None;
        for (n, &(i, end, value)) in found.iter().enumerate() {
            // The clause: from the last ",", "while", ";" before the number.
            let clause =
                (a..i).rev().find(|&k| matches!(self.lw(k), "," | ";" | "while" | "whereas")).map_or(a, |k| k + 1);
            // A number alone counts the measure its clause names ("the toll
            // rose to 1,290"), else what a number beside it counts ("the US
            // has 85,505 cases, while China has 81,782").
            // "rose to 1,290, up from 1,100": a number compared with the one
            // before counts the same.
            // So does one after "vs" ("Net 9,160,000 vs 7,722,000", "Net
            // loss 2,733,000 vs profit 911,000"), and the second of "from X
            // to Y".
            let before = |d: usize| if i >= a + d { self.lw(i - d) } else { "" };
            let versus = |w: &str| matches!(w, "vs" | "vs." | "versus");
            let from_to = before(1) == "to" && n > 0 && {
                let p = found[n - 1].0;
                p > a && self.lw(p - 1) == "from"
            };
            let compared = n > 0
                && (before(1) == "from"
                    || versus(before(1))
                    || from_to
                    || matches!(before(1), "loss" | "profit") && versus(before(2)));
            let what = whats[n]
                .clone()
                .or_else(|| self.currency_after(end))
                .or_else(|| if compared { previous_what.as_deref().map(|w| self.turned(w, i)) } else { None })
                .or_else(|| self.row_label(a, i))
                .or_else(|| self.measure_before(clause, i))
                .or_else(|| self.changing_subject(i, end, a, b))
                .or_else(|| whats.iter().flatten().next().cloned())
                .or_else(|| self.measure_before(a, i));
            previous_what.clone_from(&what);
            let subject = if respectively && listed.len() >= found.len() {
                listed.get(listed.len() - found.len() + n).map(|c| c.to_string())
            } else {
                counted[n]
                    .and_then(|h| self.subject_parsed(h, a, b, &actors))
                    .or_else(|| actors.iter().rev().find(|(t, _)| *t >= clause && *t < i).map(|(_, c)| c.clone()))
            };
            let count_type = what
                .as_deref()
                .and_then(|w| {
                    w.split_whitespace().rev().find_map(|x| COUNT_TYPES.iter().find(|(n, _)| x.eq_ignore_ascii_case(n)))
                })
                .or_else(|| COUNT_TYPES.iter().find(|(n, _)| self.lw(end) == *n || self.lw(end + 1) == *n))
                .map(|(_, t)| t.to_string());
            let (Some(s), Some(e)) = (self.tokens.get(i), self.tokens.get(end - 1)) else { continue };
            let Some(sp) = Span::new(s.span.start() + self.base, e.span.end() + self.base) else { continue };
            out.push(Quantity {
                value,
                span: sp,
                qualifier: self.qualifier(i, a),
                what,
                subject,
                as_of,
                attributed_to,
                count_type,
                in_caption: self.in_caption,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{with_entities, BUNDLED};

    /// (value, qualifier, what, subject) of each quantity.
    type Seen = (f64, Option<String>, Option<String>, Option<String>);

    fn quantities(text: &str) -> Vec<Seen> {
        let mut d = with_entities(&BUNDLED, text);
        QuantityStage.run(&mut d);
        d.quantities.into_iter().map(|q| (q.value, q.qualifier, q.what, q.subject)).collect()
    }

    fn s(x: &str) -> Option<String> {
        Some(x.to_string())
    }

    #[test]
    fn digits_words_multipliers_and_what_they_count() {
        assert_eq!(
            quantities("Officials counted 1,300 stranded travellers, seven aid convoys and 2.5 million doses."),
            [
                (1300.0, None, s("stranded travellers"), None),
                (7.0, None, s("aid convoys"), None),
                (2_500_000.0, None, s("doses"), None)
            ]
        );
        assert_eq!(quantities("The ship carried 7.9 tons of rice.")[0], (7.9, None, s("tons of rice"), None));
        assert_eq!(quantities("Twenty-five villages flooded.")[0].0, 25.0);
        assert_eq!(quantities("The 40 buses left.")[0].0, 40.0, "a capitalised first word is not a name");
        let scaled: Vec<f64> = quantities("Output rose to 4.06 mln bags, 133.3 mln tonnes and 1.15 bln dlrs.")
            .iter()
            .map(|q| q.0)
            .collect();
        assert_eq!(scaled, [4_060_000.0, 133_300_000.0, 1_150_000_000.0], "as exact as written");
    }

    #[test]
    fn qualifiers() {
        let q = quantities("More than 500 people left, over 20 buses arrived and about 40 stayed, while police have at least detained 12 men.");
        let quals: Vec<Option<String>> = q.iter().map(|x| x.1.clone()).collect();
        assert_eq!(quals, [s("more than"), s("more than"), s("about"), s("at least")]);
    }

    #[test]
    fn subjects_by_clause_and_respectively_with_elided_nouns() {
        let q = quantities("Kenya has 1,200 cases, while Uganda has 800. The death toll in Kenya and Uganda stands at 14 and 9, respectively.");
        assert_eq!(q[0], (1200.0, None, s("cases"), s("KEN")));
        assert_eq!(q[1], (800.0, None, s("cases"), s("UGA")));
        assert_eq!(q[2], (14.0, None, s("death toll"), s("KEN")));
        assert_eq!(q[3], (9.0, None, s("death toll"), s("UGA")));
    }

    #[test]
    fn dates_years_names_codes_and_times_are_not_quantities() {
        let q = quantities("On 16 March 2020, COVID-19 and 2019-nCoV cases rose; Report 2019 came at 10:30 from office 12-B, call 555-1234, and one of them said so in 2021.");
        assert!(q.is_empty(), "{q:?}");
    }

    #[test]
    fn as_of_and_count_types() {
        let mut d = with_entities(&BUNDLED, "As of March 2, 2021, 62 people had been killed and 14 arrested.");
        QuantityStage.run(&mut d);
        assert_eq!(d.quantities.len(), 2);
        assert_eq!(d.quantities[0].as_of.map(|x| x.to_string()).as_deref(), Some("2021-03-02"));
        assert_eq!(d.quantities[1].count_type.as_deref(), Some("ARREST"));
    }

    #[test]
    fn what_is_counted_is_the_whole_noun_phrase_of_the_parse() {
        let q = quantities("The state reported 262,000 deaths from the virus in New York on Monday.");
        assert_eq!(q[0].2, s("deaths from the virus in New York"), "the date is no part of it");
        let q = quantities("Two or three members of the panel resigned, and two of the victims were children.");
        assert_eq!(q[0].2, s("members of the panel"));
        assert_eq!(q[1].2, s("members of the panel"), "the list's first word left out: {q:?}");
        assert_eq!(q[2].2, s("victims"), "what a number heads with of");
        let q = quantities("Net profit was 3.2 dollars a share versus 1.06 dollars, and the toll rose to 1,290 on Tuesday, up from 1,100.");
        assert_eq!((q[0].2.clone(), q[1].2.clone()), (s("dollars"), s("dollars")), "a comparison is apart: {q:?}");
        assert_eq!((q[2].2.clone(), q[3].2.clone()), (s("toll"), s("toll")), "{q:?}");
    }

    #[test]
    fn a_phrase_of_when_or_another_figure_is_no_part_of_what_is_counted() {
        let q = quantities("Exports fell 3.4 pct in May, and the firm earned 12 mln dlrs in the first half.");
        let whats: Vec<Option<String>> = q.iter().map(|x| x.2.clone()).collect();
        assert_eq!(whats, [s("pct"), s("dlrs")], "{q:?}");
        // Nor is a figure it changed to or from.
        let q = quantities("Car sales rose 11.7 pct to 5,314 from 4,758.");
        assert_eq!(q[0].2, s("pct"), "{q:?}");
    }

    #[test]
    fn the_subject_of_the_verb_the_count_hangs_on() {
        let q = quantities("Officials in the capital said on Monday that Kenya had reported a total of 262,000 cases.");
        assert_eq!(q[0].3, s("KEN"), "{q:?}");
    }

    #[test]
    fn pronouns_clock_times_labels_offsets_ordinals_and_pages_are_not_quantities() {
        let q = quantities("She is the one that the two of them chose at 4 p.m. ET on day 0, three days later, as the 2nd report says on page 3 and No. 5 of its annexes.");
        assert!(q.is_empty(), "{q:?}");
        assert_eq!(quantities("One official said 40 buses left.").iter().map(|x| x.0).collect::<Vec<_>>(), [1.0, 40.0]);
    }

    #[test]
    fn a_table_row_is_counted_by_its_label_and_a_compared_figure_by_the_one_before() {
        let q = quantities(
            "Shr loss 12 cts vs profit 9 cts\n\nNet loss 1,200,000 vs profit 870,000\n\nRevs 40.2 mln vs 38.9 mln",
        );
        let whats: Vec<Option<String>> = q.iter().map(|x| x.2.clone()).collect();
        assert_eq!(whats, [s("cts"), s("cts"), s("Net loss"), s("Net profit"), s("Revs"), s("Revs")], "{q:?}");
        // A wrapped line of prose opening with capitals is no row.
        let q = quantities("The ministry said on\nFriday at 31 sites the work had stopped.");
        assert_ne!(q[0].2, s("Friday at"), "{q:?}");
    }

    #[test]
    fn a_currency_after_a_country_and_the_subject_of_a_change_say_what_a_bare_figure_counts() {
        let q = quantities("The bank is raising 40 mln Kenyan shillings and 50 mln Australian dlrs.");
        assert_eq!(q[1].2, s("Australian dlrs"), "{q:?}");
        let q = quantities(
            "Kenya's foreign debt would grow from 81 billion in 1986 to 97 billion, and inflation would ease to 3 pct.",
        );
        assert_eq!((q[0].2.clone(), q[1].2.clone()), (s("Kenya's foreign debt"), s("Kenya's foreign debt")), "{q:?}");
        assert_eq!(q[2].2, s("pct"), "{q:?}");
    }
}
