//! Raw article -> [`Doc`]: the cleaned body, the furniture removed from it
//! (each removal with its raw span and reason), headline, dateline and
//! outlet, and the map from cleaned offsets back to raw ones.
//!
//! Furniture is recognised by the shape and position of a block (a line, or
//! a paragraph of hard-wrapped text), never by listing known strings:
//!
//! | rule | shape | position |
//! | --- | --- | --- |
//! | breadcrumb | short segments joined by `>`, `»`, `›`, `\|` | before the body |
//! | headline | 3-30 words, no final `.`/`!`/`?` | first block, plain-text input |
//! | photo caption | ends with a credit `(Agency/Name)` or `/ Agency Photo`, starts "Photo taken…", names positions "(L)", or is an unpunctuated line ending in a date | anywhere |
//! | share prompt | at most 8 words opening with a share action ("Share", "Email", "Follow"), or ending in a colon that introduces nothing | anywhere / last |
//! | related headline | 3-14 words, capitalised, no final punctuation, few digits | between body paragraphs |
//! | menu | a run of blocks of at most 4 words without punctuation | after the body |
//! | consent banner | speaks to the reader ("you", "we use") about cookies, consent, their data, in at least two of those words; and the short buttons beside it | anywhere |
//! | newsletter prompt | at most 60 words speaking to the reader about a newsletter, their inbox or signing up | anywhere |
//! | photo credit | a line of at most 10 words that is only a credit: "Photo: ...", "© ...", "REUTERS/Jane Doe", "Jane Doe via Getty Images"; or such a credit after the last sentence of a paragraph | anywhere |
//! | chart labels | a run of 3 or more lines of only numbers, percentages, years and months, with the "Source:"/"Chart:" lines beside it | anywhere |
//! | timestamp | a "Published"/"Posted"/"Updated" label and a date with its year, with only weekdays, times and time zones besides: "Published: Tuesday, 9 March 2021, 3:41 PM EAT" (its date is the publication date metadata lacks) | anywhere |
//! | byline | "By" and the writers' names, with "and", an agency or a timestamp: "By Jane Doe and Ali Khan, Reuters" | anywhere |
//!
//! An article that is nothing but furniture has no text left; the run
//! reports and skips it rather than reading it as news.
//!
//! Cleaning only deletes: every kept byte is a raw byte, so the offset map
//! is exact (blocks are joined by inserted blank lines, which map to nothing).

use std::sync::LazyLock;

use clio_model::{Doc, DocId, InputFormat, OffsetMap, RawArticle, Removal, RemovalReason, Span};
use regex::Regex;
use xxhash_rust::xxh3::xxh3_64;

use crate::html;
use crate::meta::domain_of;
use crate::regex;

/// What cleaning does.
#[derive(Clone, Copy, Debug)]
pub struct CleanOptions {
    /// Remove furniture and find headline and dateline. When false the text
    /// is kept exactly as given, so offsets equal the input's.
    pub remove_furniture: bool,
}

impl Default for CleanOptions {
    fn default() -> Self {
        CleanOptions { remove_furniture: true }
    }
}

/// The id an article gets: the input's own, else a hash of title and body.
pub fn article_id(a: &RawArticle) -> DocId {
    if let Some(id) = &a.id {
        return DocId(id.clone());
    }
    let mut content = a.meta.title.clone().unwrap_or_default();
    content.push('\n');
    content.push_str(&a.raw);
    DocId(format!("{:016x}", xxh3_64(content.as_bytes())))
}

/// Cleans one article into a Doc with [`clio_model::Layer::Text`] filled.
pub fn clean(article: RawArticle, opts: CleanOptions) -> Doc {
    let id = article_id(&article);
    let RawArticle { source, format, raw, is_html, meta, warnings, .. } = article;
    let mut doc = Doc::new(id, source, format, String::new(), String::new());
    doc.meta = meta;
    doc.warnings = warnings;

    // The text to clean, and its map to raw when it is not raw itself (HTML).
    let (src, src_map) = if is_html {
        let page = html::extract(&raw);
        let m = &mut doc.meta;
        m.title = m.title.take().or(page.meta.title);
        m.outlet = m.outlet.take().or(page.meta.outlet);
        m.url = m.url.take().or(page.meta.url);
        m.published = m.published.or(page.meta.published);
        (page.text, Some(page.to_raw))
    } else {
        (String::new(), None)
    };
    let src: &str = if is_html { &src } else { &raw };

    let mut blocks = split_blocks(src);
    let mut verdicts = vec![None; blocks.len()];
    let mut found = Found::default();
    if opts.remove_furniture {
        let headline_allowed = format == InputFormat::Text && doc.meta.title.is_none();
        classify(src, &blocks, &mut verdicts, headline_allowed, &mut found);
        if let Some(first) = blocks.iter().zip(&verdicts).position(|(_, v)| v.is_none()) {
            if let Some((dl, rest)) = split_dateline(blocks[first].slice(src)) {
                let cut = blocks[first].start() + rest;
                found.removed.push((Span::new(blocks[first].start(), cut), RemovalReason::Dateline));
                blocks[first] = Span::new(cut, blocks[first].end()).unwrap_or(blocks[first]);
                found.dateline = Some(dl);
            }
        }
        for (b, v) in blocks.iter_mut().zip(&verdicts) {
            if v.is_none() {
                if let Some((credit_start, agency)) = trailing_credit(b.slice(src)) {
                    found.removed.push((Span::new(b.start() + credit_start, b.end()), RemovalReason::PhotoCredit));
                    *b = Span::new(b.start(), b.start() + b.slice(src)[..credit_start].trim_end().len()).unwrap_or(*b);
                    found.credit_agency = found.credit_agency.or(Some(agency).filter(|a| !a.is_empty()));
                }
            }
        }
    } else if !is_html {
        // Kept exactly as given: one segment, offsets equal the input's.
        doc.text = raw.clone();
        doc.offset_map.push(0, 0, raw.len());
        doc.paragraphs = blocks;
        doc.raw = raw;
        fill_meta_fallbacks(&mut doc, Found::default());
        return doc;
    }

    // Assemble the cleaned text from the kept blocks.
    for (b, v) in blocks.iter().zip(&verdicts) {
        match v {
            Some(reason) => found.removed.push((Some(*b), *reason)),
            None if b.is_empty() => {}
            None => {
                if !doc.text.is_empty() {
                    doc.text.push_str("\n\n");
                }
                let at = doc.text.len();
                doc.text.push_str(b.slice(src));
                if let Some(p) = Span::new(at, doc.text.len()) {
                    doc.paragraphs.push(p);
                }
                match &src_map {
                    None => doc.offset_map.push(at, b.start(), b.len()),
                    Some(m) => compose(&mut doc.offset_map, m, at, *b),
                }
            }
        }
    }
    let map_raw = |s: Span| match &src_map {
        None => Some(s),
        Some(m) => m.span_to_raw(s),
    };
    let mut removed: Vec<Removal> =
        found.removed.iter().filter_map(|&(s, reason)| Some(Removal { raw: map_raw(s?)?, reason })).collect();
    removed.sort_by_key(|r| r.raw);
    doc.removed = removed;
    doc.raw = raw;
    fill_meta_fallbacks(&mut doc, found);
    doc
}

/// Whether cleaning left no article: fewer than three words of text, all
/// else removed as furniture (a page that is only a consent banner).
pub fn is_furniture_only(doc: &Doc) -> bool {
    !doc.removed.is_empty() && word_count(&doc.text, 3) < 3
}

/// The furniture an article that is nothing else was made of, for the
/// message that skips it ("consent-banner, menu").
pub fn furniture_kinds(doc: &Doc) -> String {
    let mut kinds: Vec<String> = doc
        .removed
        .iter()
        .filter_map(|r| serde_json::to_value(r.reason).ok())
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect();
    kinds.sort();
    kinds.dedup();
    kinds.join(", ")
}

/// What the rules found besides the verdicts.
#[derive(Default)]
struct Found {
    title: Option<String>,
    dateline: Option<Dateline>,
    /// The date of the first timestamp line ("Published: March 9, 2021"),
    /// and the line.
    stamp: Option<(jiff::civil::Date, String)>,
    credit_agency: Option<String>,
    removed: Vec<(Option<Span>, RemovalReason)>,
}

/// Outlet and dateline in order of trust: the input's metadata, the
/// dateline, the URL's domain, and last a photo credit's agency.
fn fill_meta_fallbacks(doc: &mut Doc, found: Found) {
    let m = &mut doc.meta;
    m.title = m.title.take().or(found.title);
    let from_field = m.dateline.take().and_then(|d| {
        split_dateline(&d).map(|(dl, _)| dl).or(Some(Dateline {
            place: Some(d.trim().to_string()),
            outlet: None,
            date: None,
            text: d.trim().to_string(),
        }))
    });
    let dl = found.dateline.or(from_field);
    // The dateline's date, else a timestamp line's, stands for the
    // publication date metadata lacks.
    if m.published.is_none() {
        let from_line = match dl.as_ref().and_then(|d| d.date.map(|x| (x, d.text.clone()))) {
            Some(x) => Some(x),
            None => found.stamp,
        };
        if let Some((date, line)) = from_line {
            m.published = Some(date);
            m.published_line = Some(line);
        }
    }
    m.dateline = dl.as_ref().and_then(|d| d.place.clone()).filter(|p| !p.is_empty());
    m.outlet = m
        .outlet
        .take()
        .or_else(|| dl.and_then(|d| d.outlet))
        .or_else(|| m.url.as_deref().and_then(domain_of))
        .or(found.credit_agency);
}

/// Pushes the segments of `map` (source -> raw) that cover `src`, shifted to
/// start at `at` in the cleaned text.
fn compose(out: &mut OffsetMap, map: &OffsetMap, at: usize, src: Span) {
    for (from, raw, len) in map.segments_in(src) {
        out.push(at + (from - src.start()), raw, len);
    }
}

/// Splits text into blocks: lines, or for hard-wrapped text (newswire
/// bodies wrapped at ~70 columns) paragraphs separated by blank or indented
/// lines. Spans are trimmed of surrounding whitespace.
fn split_blocks(src: &str) -> Vec<Span> {
    let mut lines: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    for (i, _) in src.match_indices('\n') {
        lines.push((start, i));
        start = i + 1;
    }
    lines.push((start, src.len()));

    let trim = |(s, e): (usize, usize)| -> Option<Span> {
        let line = &src[s..e];
        let lead = line.len() - line.trim_start().len();
        let t = line.trim();
        if t.is_empty() {
            None
        } else {
            Span::new(s + lead, s + lead + t.len())
        }
    };
    let nonempty: Vec<(usize, Span)> = lines.iter().enumerate().filter_map(|(i, &l)| Some((i, trim(l)?))).collect();
    let continues = |w: &[(usize, Span)]| w[1].0 == w[0].0 + 1 && !ends_sentence(w[0].1.slice(src));
    let continued = nonempty.windows(2).filter(|w| continues(w)).count();
    // A sentence that goes on in lower case on the next line is wrapped
    // whatever the text's length: a short item of two or three lines
    // ("said it is raising its\nprime rate ...") shows too few breaks to
    // count, but that one says it.
    let mid_sentence =
        nonempty.windows(2).any(|w| continues(w) && w[1].1.slice(src).starts_with(|c: char| c.is_lowercase()));
    let wrapped = (continued >= 3 || mid_sentence) && continued * 5 >= nonempty.len() * 2;
    if !wrapped {
        return nonempty.into_iter().map(|(_, s)| s).collect();
    }
    let mut blocks: Vec<Span> = Vec::new();
    let mut prev_line: Option<usize> = None;
    for (i, span) in nonempty {
        let (ls, _) = lines[i];
        let indented = span.start() > ls;
        match (blocks.last_mut(), prev_line) {
            (Some(last), Some(p)) if p + 1 == i && !indented => {
                *last = Span::new(last.start(), span.end()).unwrap_or(*last);
            }
            _ => blocks.push(span),
        }
        prev_line = Some(i);
    }
    blocks
}

/// The last char that is not a closing quote or bracket.
fn last_significant(s: &str) -> Option<char> {
    s.trim_end().chars().rev().find(|c| !matches!(c, '"' | '\'' | '\u{201D}' | '\u{2019}' | ')' | ']' | '\u{BB}'))
}

/// True when a block ends like a sentence.
fn ends_sentence(s: &str) -> bool {
    matches!(last_significant(s), Some('.' | '!' | '?' | '\u{2026}' | ';'))
}

/// The number of words in `s`, counted up to `cap` (blocks are classified
/// by small counts; a long paragraph need not be read to its end).
fn word_count(s: &str, cap: usize) -> usize {
    if !s.is_ascii() {
        return s.split_whitespace().take(cap).count();
    }
    // Words start where a non-space byte follows a space (or the start).
    let mut n = 0;
    let mut in_space = true;
    for b in s.bytes() {
        let space = b.is_ascii_whitespace() || b == 0x0B;
        if in_space && !space {
            n += 1;
            if n == cap {
                break;
            }
        }
        in_space = space;
    }
    n
}

static BREADCRUMB_SEP: LazyLock<Regex> = LazyLock::new(|| regex(r"\s[>»›|]\s"));
static SHARE_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)^\W*(share|tweet|e-?mail|print|facebook|twitter|whatsapp|linkedin|reddit|subscribe|follow|comments?|bookmark|download|sign up)\b",
    )
});
// "(Xinhua/Xiao Yijiu)", "(AP Photo/Jane Doe)" at the end of a block.
static CREDIT_PAREN: LazyLock<Regex> =
    LazyLock::new(|| regex(r"\(\s*(\p{Lu}[\p{L} .&'-]{0,30}?)(?:\s+Photo)?\s*/\s*\p{Lu}[\p{L} .'-]{0,40}\)\s*$"));
// "... / CGTN Photo", "Photo: Reuters", "Photo by Jane Doe" at the end.
static CREDIT_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?:/\s*(\p{Lu}[\p{L}.&'-]*(?:\s\p{Lu}[\p{L}.&'-]*){0,3})\s+(?:Photo|Photos|Images?|Pictures?)|\b(?:Photo|Image|Picture|Credit)s?\s*(?::|by)\s*(\p{Lu}[\p{L}.&' -]{0,40}))\s*$",
    )
});
static CAPTION_START: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"^(?i:(?:an?\s+)?(?:aerial|file|undated|handout|this|the)?\s*(?:photo|picture|image)s?\s+(?:taken|shows?|made|released|provided)\b)",
    )
});
// "(L)", "(R)", "(C)", "(2nd L)", "(front)", "(center)": positions in a photo.
static POSITION: LazyLock<Regex> =
    LazyLock::new(|| regex(r"\((?:\d(?:st|nd|rd|th)\s+)?(?:[LRC]|left|right|cent(?:er|re)|front|back|top|bottom)\)"));
static ENDS_IN_DATE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?:\b[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+(?:19|20)\d{2}|\b\d{1,2}\s+[A-Z][a-z]{2,8}\.?,?\s+(?:19|20)\d{2})\s*$",
    )
});

/// Whether `s` has one of the words a credit line must have (CREDIT_TAIL
/// is costly to run, and most blocks have none of them).
fn has_credit_word(s: &str) -> bool {
    ["Photo", "Image", "Picture", "Credit"].iter().any(|w| s.contains(w))
}

fn is_caption(s: &str) -> bool {
    // Cheap tests first: each pattern needs a character it cannot do without.
    let last = s.trim_end().chars().next_back();
    (last == Some(')') && s.contains('/') && CREDIT_PAREN.is_match(s))
        || (last.is_some_and(char::is_alphabetic)
            && !ends_sentence(s)
            && has_credit_word(s)
            && CREDIT_TAIL.is_match(s)
            && !credit_after_paragraph(s))
        || CAPTION_START.is_match(s)
        || (s.contains('(') && POSITION.is_match(s))
        || (last.is_some_and(|c| c.is_ascii_digit())
            && !ends_sentence(s)
            && word_count(s, 6) >= 6
            && ENDS_IN_DATE.is_match(s))
}

/// A photo credit at the end of a kept paragraph: its offset and agency
/// ("(Xinhua/Xiao Yijiu)"), or its offset alone after the paragraph's last
/// sentence ("... said. Photo: Jane Doe").
fn trailing_credit(s: &str) -> Option<(usize, String)> {
    if has_credit_word(s) && !ends_sentence(s) && credit_after_paragraph(s) {
        if let Some(m) = CREDIT_AFTER_SENTENCE.captures(s).and_then(|c| c.get(1)) {
            return Some((m.start(), String::new()));
        }
    }
    if !s.trim_end().ends_with(')') || !s.contains('/') {
        return None;
    }
    let c = CREDIT_PAREN.captures(s)?;
    let whole = c.get(0)?;
    Some((whole.start(), c.get(1)?.as_str().trim().to_string()))
}

/// The agency named by a caption's credit ("Xinhua", "CGTN").
fn credit_agency(s: &str) -> Option<String> {
    if let Some((_, a)) = trailing_credit(s).filter(|(_, a)| !a.is_empty()) {
        return Some(a);
    }
    let c = has_credit_word(s).then(|| CREDIT_TAIL.captures(s)).flatten()?;
    Some(c.get(1).or_else(|| c.get(2))?.as_str().trim().to_string())
}

/// Words of a consent notice: the page speaking about cookies and the
/// reader's data.
static CONSENT: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\b(cookies?|consent|privacy (?:policy|settings|notice|statement)|personal (?:data|information)|your data|personali[sz]ed (?:ads|content|advertising)|(?:our|third[- ]party) partners|tracking technologies|opt[- ]out|manage (?:preferences|settings|options|cookies)|accept all|reject all|legitimate interests?|store and/or access|browsing experience|GDPR)\b",
    )
});
/// The reader addressed: "you", "your", "we use", "we and our".
static READER: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)\b(?:you|your|we use|we and our|by continuing|by clicking)\b"));
/// A consent banner's buttons.
static CONSENT_BUTTON: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)^(?:accept|accept all|accept cookies|reject|reject all|decline|i agree|agree|agree and close|got it|ok|okay|allow all|allow cookies|manage options|more options|manage preferences|cookie settings|customi[sz]e|close|continue without accepting)[.!]?$",
    )
});
/// How a prompt to the reader opens when it does not say "you": with an
/// imperative ("Sign up", "Get our briefing", "Enter your email").
static PROMPT_START: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"^\s*(?i:sign|get|enter|subscribe|join|register|receive|stay|follow|never miss|don't miss|want)\b")
});
/// Words of a newsletter or subscription prompt.
static NEWSLETTER: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\b(newsletters?|inbox|sign up|signing up|subscribe|subscription|subscribers? only|enter your e-?mail|e-?mail address|delivered (?:to you|straight|every)|unsubscribe)\b",
    )
});
/// A line that is only a photo credit.
static CREDIT_LINE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"^(?:(?i:photo(?:graph)?s?|images?|pictures?|credits?|photo credit|image source|copyright)\s*(?::|,|by\b|\u{A9})\s*\S.*|\u{A9}\s*\S.*|\p{Lu}[\p{L}.&'-]*(?:\s\p{Lu}[\p{L}.&'-]*){0,3}\s*/\s*\p{Lu}[\p{L}.&' -]*|(?:\p{Lu}[\p{L}.'-]*\s){1,4}(?:via|for)\s(?:\p{Lu}[\p{L}.'-]*\s?){1,3})\.?$",
    )
});
/// A credit after the last sentence of a kept paragraph: "... said.
/// Photo: Jane Doe".
static CREDIT_AFTER_SENTENCE: LazyLock<Regex> = LazyLock::new(|| {
    regex(r#"[.!?]['"\u{201D}]?\s+((?i:photo|image|picture|credit)s?\s*(?::|by)\s*\p{Lu}[^.!?]{0,60})$"#)
});
/// Chart and graphic captions and their source lines.
static CHART_LINE: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^(?i:source|sources|chart|graphic|graph|infographic|data|note)s?\s*:\s*\S"));

/// Whether a block is a consent notice: it speaks to the reader, with at
/// least two different consent words.
fn is_consent(s: &str) -> bool {
    if !READER.is_match(s) {
        return false;
    }
    distinct_matches(&CONSENT, s) >= 2
}

/// How many different words (case aside) of `re` are in `s`.
fn distinct_matches(re: &Regex, s: &str) -> usize {
    let mut words: Vec<String> = re.find_iter(s).map(|m| m.as_str().to_lowercase()).collect();
    words.sort();
    words.dedup();
    words.len()
}

/// Whether a block prompts the reader to sign up for a newsletter.
fn is_newsletter(s: &str) -> bool {
    if word_count(s, 61) > 60 || !READER.is_match(s) && !PROMPT_START.is_match(s) {
        return false;
    }
    let words = distinct_matches(&NEWSLETTER, s);
    words >= 2 || (words == 1 && READER.is_match(s) && word_count(s, 21) <= 20)
}

/// Whether `s` is a paragraph of prose with a credit after its last
/// sentence ("... officials said. Photo: Tom Berg"): the credit goes, the
/// paragraph stays. Two sentences or a dozen words make it prose.
fn credit_after_paragraph(s: &str) -> bool {
    CREDIT_AFTER_SENTENCE.captures(s).and_then(|c| c.get(1)).is_some_and(|m| {
        let before = &s[..m.start()];
        word_count(before, 13) > 12 || before.matches(['.', '!', '?']).count() >= 2
    })
}

/// Whether a line is only a photo credit.
fn is_credit_line(s: &str) -> bool {
    word_count(s, 11) <= 10 && !s.ends_with(['!', '?', ':']) && CREDIT_LINE.is_match(s.trim())
}

/// A line of a chart's axis: only values ("0", "25%", "2019", "$1.2bn",
/// "10 20 30") or only ticks of time ("Jan", "Mon Tue"). A label beside a
/// value ("May 6765", "Wheat 2.55") is a table row, and stays.
fn is_axis_label(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    fn bare<'a>(w: &&'a str) -> &'a str {
        w.trim_matches(|c: char| {
            matches!(c, ',' | '(' | ')' | '$' | '%' | '+' | '-' | '\u{2212}' | '\u{20AC}' | '\u{A3}')
        })
    }
    let value = |w: &&str| {
        let w = bare(w);
        w.is_empty()
            || w.bytes()
                .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b',' | b'k' | b'K' | b'm' | b'M' | b'b' | b'n'))
            || matches!(w.to_ascii_lowercase().as_str(), "bn" | "mn" | "pct" | "percent")
    };
    let tick = |w: &&str| {
        let w = bare(w).to_ascii_lowercase();
        clio_model::calendar::month_number(&w).is_some()
            || ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].iter().any(|d| w.starts_with(d) && w.len() <= 9)
            || matches!(w.as_str(), "q1" | "q2" | "q3" | "q4")
    };
    !words.is_empty() && words.len() <= 4 && (words.iter().all(value) || words.iter().all(tick))
}

fn is_breadcrumb(s: &str) -> bool {
    let parts: Vec<&str> = s.split(['>', '»', '›', '|']).collect();
    BREADCRUMB_SEP.is_match(s) && parts.len() >= 2 && parts.iter().all(|p| (1..=5).contains(&word_count(p, 6)))
}

fn is_share_prompt(s: &str) -> bool {
    word_count(s, 9) <= 8 && !ends_sentence(s) && SHARE_WORDS.is_match(s)
}

fn is_headline(s: &str) -> bool {
    (3..=30).contains(&word_count(s, 31))
        && !matches!(last_significant(s), Some('.' | '!' | '?' | ':' | ',' | ';'))
        && split_dateline(s).is_none()
}

fn is_short_unpunctuated(s: &str) -> bool {
    word_count(s, 5) <= 4 && !ends_sentence(s) && !s.ends_with(':')
}

fn is_related_headline(s: &str) -> bool {
    (3..=14).contains(&word_count(s, 15))
        && last_significant(s).is_some_and(|c| c.is_alphanumeric())
        && s.chars().next().is_some_and(char::is_uppercase)
        && s.split_whitespace().filter(|w| w.bytes().any(|b| b.is_ascii_digit())).count() <= 1
}

/// A body block: long enough and punctuated like prose, or longer than
/// any headline.
fn is_body(s: &str) -> bool {
    let n = word_count(s, 31);
    (n >= 8 && ends_sentence(s)) || n > 30
}

fn classify(
    src: &str,
    blocks: &[Span],
    verdicts: &mut [Option<RemovalReason>],
    headline_allowed: bool,
    found: &mut Found,
) {
    let text = |i: usize| blocks[i].slice(src);
    let n = blocks.len();
    for (v, b) in verdicts.iter_mut().zip(blocks) {
        let s = b.slice(src);
        if is_consent(s) {
            *v = Some(RemovalReason::ConsentBanner);
        } else if is_newsletter(s) {
            *v = Some(RemovalReason::Newsletter);
        } else if is_credit_line(s) {
            *v = Some(RemovalReason::PhotoCredit);
        } else if is_caption(s) {
            *v = Some(RemovalReason::PhotoCaption);
            found.credit_agency = found.credit_agency.take().or_else(|| credit_agency(s));
        } else if is_share_prompt(s) {
            *v = Some(RemovalReason::SharePrompt);
        } else if let Some(date) = timestamp_date(s) {
            *v = Some(RemovalReason::Timestamp);
            found.stamp = found.stamp.take().or(date.map(|d| (d, s.trim().to_string())));
        } else if let Some(date) = byline(s) {
            *v = Some(RemovalReason::Byline);
            found.stamp = found.stamp.take().or(date.map(|d| (d, s.trim().to_string())));
        }
    }
    // A consent banner's buttons, within three blocks of it.
    for i in 0..n {
        let near_banner =
            (i.saturating_sub(3)..n.min(i + 4)).any(|j| verdicts[j] == Some(RemovalReason::ConsentBanner));
        if verdicts[i].is_none() && near_banner && CONSENT_BUTTON.is_match(text(i).trim()) {
            verdicts[i] = Some(RemovalReason::ConsentBanner);
        }
    }
    // Chart labels: runs of three or more axis lines, and the chart's
    // title and source lines beside them.
    let mut i = 0;
    while i < n {
        let run = (i..n).take_while(|&j| verdicts[j].is_none() && is_axis_label(text(j))).count();
        let numbers = (i..i + run).filter(|&j| text(j).bytes().any(|b| b.is_ascii_digit())).count();
        if run >= 3 && numbers >= 2 {
            let (from, to) = (i, i + run);
            let lines =
                |j: &usize| verdicts[*j].is_none() && CHART_LINE.is_match(text(*j)) && word_count(text(*j), 16) <= 15;
            // The chart's title: a short line with no sentence end right
            // before its axis.
            let title =
                |j: &usize| verdicts[*j].is_none() && word_count(text(*j), 11) <= 10 && !ends_sentence(text(*j));
            let before = (from.saturating_sub(2)..from).rev().take_while(|j| lines(j) || title(j)).count();
            let after = (to..n.min(to + 2)).take_while(lines).count();
            for v in &mut verdicts[from - before..to + after] {
                *v = Some(RemovalReason::ChartLabel);
            }
            i = to + after;
        } else {
            i += run.max(1);
        }
    }
    // Before the body: a run from the top of breadcrumbs, menus and the
    // headline; the first block that is none of these ends it.
    let first_body = (0..n).find(|&i| verdicts[i].is_none() && is_body(text(i))).unwrap_or(n);
    let mut headline_done = !headline_allowed;
    for (i, v) in verdicts.iter_mut().enumerate().take(first_body) {
        if v.is_some() {
            continue;
        }
        let s = text(i);
        if is_breadcrumb(s) {
            *v = Some(RemovalReason::Breadcrumb);
        } else if !headline_done && is_headline(s) && i + 1 < n {
            *v = Some(RemovalReason::Headline);
            found.title = Some(s.split_whitespace().collect::<Vec<_>>().join(" "));
            headline_done = true;
        } else if is_short_unpunctuated(s) && first_body < n {
            *v = Some(RemovalReason::Menu);
        } else {
            break;
        }
    }
    // After the body: a dangling colon introduces nothing; short lines are a menu.
    let last_body = (0..n).rev().find(|&i| verdicts[i].is_none() && is_body(text(i)));
    if let Some(last_body) = last_body {
        for i in last_body + 1..n {
            let s = text(i);
            if verdicts[i].is_none() {
                if is_short_unpunctuated(s) {
                    verdicts[i] = Some(RemovalReason::Menu);
                } else if s.ends_with(':')
                    && word_count(s, 9) <= 8
                    && (i + 1..n).all(|j| verdicts[j].is_some() || is_short_unpunctuated(text(j)))
                {
                    verdicts[i] = Some(RemovalReason::SharePrompt);
                }
            }
        }
        // Between body paragraphs: headlines of other stories.
        for (i, v) in verdicts.iter_mut().enumerate().take(last_body).skip(first_body + 1) {
            if v.is_none() && is_related_headline(text(i)) {
                *v = Some(RemovalReason::RelatedHeadline);
            }
        }
    }
}

// A date with its year: "March 9, 2021", "9 March 2021", "Tue Mar 9
// 2021", "2021-03-09", "03/09/2021".
const STAMP_DATE: &str = r"(?:(?P<m1>[A-Za-z]{3,9})\.?\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y1>(?:19|20)\d\d)|(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m2>[A-Za-z]{3,9})\.?,?\s+(?P<y2>(?:19|20)\d\d)|(?P<y3>(?:19|20)\d\d)[-./](?P<m3>\d{1,2})[-./](?P<d3>\d{1,2})|(?P<a4>\d{1,2})/(?P<b4>\d{1,2})/(?P<y4>(?:19|20)\d\d))";

static STAMP: LazyLock<Regex> = LazyLock::new(|| regex(STAMP_DATE));

// What a timestamp line may hold besides its dates: labels, weekdays,
// times, time zones and separators.
static STAMP_REST: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)^(?:[\s,:;|()\-\u{2013}\u{2014}/.@]|\b(?:last|first|posted|published|updated|modified|created|story|date|on|at|am|pm|a\.m\.|p\.m\.|(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?)\b|\b\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*[ap]\.?m\.?)?|\b(?-i:[A-Z]{2,5})(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?\b)*$",
    )
});

static STAMP_LABEL: LazyLock<Regex> = LazyLock::new(|| regex(r"(?i)\b(?:posted|published|updated|modified|created)\b"));

/// The date a timestamp line gives, if the line is one: a date with its
/// year, a "Published"/"Posted"/"Updated" label, and nothing else but
/// weekdays, times, time zones and separators. `Some(None)` for a timestamp whose
/// date cannot be read for certain ("03/04/2021": March or April).
fn timestamp_date(s: &str) -> Option<Option<jiff::civil::Date>> {
    stamp(s).filter(|&(_, labelled)| labelled).map(|(date, _)| date)
}

/// A line of dates with their years and only labels, weekdays, times,
/// time zones and separators besides: its first certain date, and
/// whether a label says it is a publication's.
fn stamp(s: &str) -> Option<(Option<jiff::civil::Date>, bool)> {
    let s = s.trim();
    if s.is_empty() || word_count(s, 25) > 24 || !s.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut dates = Vec::new();
    let mut rest = String::new();
    let mut at = 0;
    for c in STAMP.captures_iter(s) {
        let whole = c.get(0)?;
        let num = |n: &str| c.name(n).and_then(|m| m.as_str().parse::<i16>().ok());
        let month = |n: &str| c.name(n).and_then(|m| clio_model::calendar::month_number(m.as_str()));
        let (y, m, d) = if let Some(m) = month("m1") {
            (num("y1"), Some(m), num("d1"))
        } else if let Some(m) = month("m2") {
            (num("y2"), Some(m), num("d2"))
        } else if c.name("y3").is_some() {
            (num("y3"), num("m3").map(|m| m as i8), num("d3"))
        } else if let (Some(a), Some(b)) = (num("a4"), num("b4")) {
            // Day and month in either order: only one that cannot be the
            // other is read ("13/03/2021", "03/13/2021").
            match (a > 12, b > 12) {
                (true, false) => (num("y4"), Some(b as i8), Some(a)),
                (false, true) => (num("y4"), Some(a as i8), Some(b)),
                _ => (num("y4"), None, None),
            }
        } else {
            // "May 2021": a word that is no month.
            return None;
        };
        rest.push_str(&s[at..whole.start()]);
        at = whole.end();
        let date = match (y, m, d) {
            (Some(y), Some(m), Some(d)) => jiff::civil::Date::new(y, m, i8::try_from(d).ok()?).ok(),
            _ => None,
        };
        dates.push(date);
    }
    rest.push_str(&s[at..]);
    if dates.is_empty() || !STAMP_REST.is_match(&rest) {
        return None;
    }
    // "Published ... Updated ...": the first date is when it came out. A
    // date alone on a line may be a schedule's or an event's: only a label
    // (or a byline) says it is when the article came out.
    Some((dates.into_iter().flatten().next(), STAMP_LABEL.is_match(&rest)))
}

// "By Jane Doe", "By JANE DOE and Ali Khan, Reuters", "By Jane Doe |
// March 9, 2021": "By", then two to six capitalised names joined by
// "and" or commas, with an agency or a timestamp after a separator.
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"^[Bb][Yy]:?\s+(?P<names>\p{Lu}[\p{L}.'\-]*(?:(?:\s+|\s*,\s*|\s+and\s+)\p{Lu}[\p{L}.'\-]*){1,7})(?P<rest>\s*[,|\u{2013}\u{2014}\-]\s*.*)?$",
    )
});

/// Whether a line is a byline; with the date of a timestamp after it
/// ("By Jane Doe | March 9, 2021").
fn byline(s: &str) -> Option<Option<jiff::civil::Date>> {
    let s = s.trim();
    if word_count(s, 17) > 16 {
        return None;
    }
    let c = BYLINE.captures(s)?;
    let rest = c.name("rest").map_or("", |m| m.as_str()).trim_start_matches(|ch: char| !ch.is_alphanumeric());
    if rest.is_empty() {
        return Some(None);
    }
    if let Some((date, _)) = stamp(rest) {
        return Some(date);
    }
    // An agency or outlet: a few capitalised words ("Reuters", "The
    // Associated Press").
    let words: Vec<&str> = rest.split_whitespace().collect();
    (words.len() <= 4 && words.iter().all(|w| w.starts_with(char::is_uppercase) || *w == "of")).then_some(None)
}

/// A dateline: the place (and the outlet, when it names one in brackets).
#[derive(Clone, Debug, PartialEq)]
pub struct Dateline {
    /// "Beijing".
    pub place: Option<String>,
    /// "Xinhua".
    pub outlet: Option<String>,
    /// The date, when the dateline gives one with its year
    /// ("LIMA, March 4, 2021 -").
    pub date: Option<jiff::civil::Date>,
    /// The dateline as written.
    pub text: String,
}

/// A dateline's date with its year: "March 4, 2021", "Sept. 4 2021".
fn dateline_date(s: &str) -> Option<jiff::civil::Date> {
    let words: Vec<&str> =
        s.split(|c: char| c.is_whitespace() || c == ',' || c == '.').filter(|w| !w.is_empty()).collect();
    let [month, day, year] = words.as_slice() else { return None };
    let m = month.get(..3)?.to_ascii_lowercase();
    let month = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        .iter()
        .position(|x| *x == m)?;
    jiff::civil::Date::new(year.parse().ok()?, month as i8 + 1, day.parse().ok()?).ok()
}

// "BEIJING (Xinhua) —", "Beijing, (SW)", "BEIJING, March 5 (Xinhua) --",
// "WASHINGTON —", "SALVADOR, Feb 26 -", "LIMA, March 4, 2021 -".
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"^(?P<place>\p{Lu}[\p{L}.'-]*(?:[ \u{A0}]\p{Lu}[\p{L}.'-]*){0,3})(?P<comma>,)?(?:\s*(?P<date>\p{Lu}[a-z]{2,8}\.?\s+\d{1,2}(?:,?\s+\d{4})?),?)?\s*(?:\((?P<outlet>[^()\n]{1,40})\)\s*)?(?P<dash>[—–]|--?|:)?\s*",
    )
});

/// Splits a dateline off the start of a paragraph: the dateline and where
/// the rest of the paragraph starts.
pub fn split_dateline(s: &str) -> Option<(Dateline, usize)> {
    // A dateline needs an outlet in brackets or a dash (see `ok` below):
    // without either character anywhere, the costly captures are skipped.
    if !s.contains(['(', '\u{2014}', '\u{2013}', '-', ':']) {
        return None;
    }
    let c = DATELINE.captures(s)?;
    let place = c.name("place")?.as_str();
    let all_caps =
        place.chars().all(|ch| !ch.is_lowercase()) && place.chars().filter(|c| c.is_alphabetic()).count() >= 3;
    let outlet = c.name("outlet").map(|m| m.as_str().trim().to_string());
    let dash = c.name("dash").is_some();
    // A place alone must be in capitals and followed by a dash; a place with
    // an outlet must have a comma before or a dash after the brackets.
    let ok = match &outlet {
        Some(o) => {
            (dash || c.name("comma").is_some())
                && word_count(o, 5) <= 4
                && o.chars().next().is_some_and(char::is_uppercase)
        }
        None => all_caps && dash,
    };
    if !ok {
        return None;
    }
    let place = if all_caps {
        place
            .split(|c: char| c.is_whitespace())
            .map(|w| {
                let mut cs = w.chars();
                cs.next().map(|f| f.to_string() + &cs.as_str().to_lowercase()).unwrap_or_default()
            })
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        place.to_string()
    };
    let date = c.name("date").and_then(|d| dateline_date(d.as_str()));
    let text = c.get(0)?.as_str().trim().to_string();
    Some((Dateline { place: Some(place), outlet, date, text }, c.get(0)?.end()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clio_model::ArticleMeta;

    #[test]
    fn word_count_agrees_with_unicode_whitespace() {
        for s in ["", "  ", "one", " two  words ", "tab\tand\nnew\x0Bline\x0C\r end", "caf\u{e9} au\u{A0}lait x"] {
            assert_eq!(word_count(s, usize::MAX), s.split_whitespace().count(), "{s:?}");
            assert_eq!(word_count(s, 2), s.split_whitespace().count().min(2), "{s:?}");
        }
    }

    fn raw(text: &str) -> RawArticle {
        RawArticle {
            id: None,
            source: "t.txt".into(),
            format: InputFormat::Text,
            raw: text.into(),
            is_html: false,
            meta: ArticleMeta::default(),
            warnings: vec![],
        }
    }

    fn reasons(doc: &Doc) -> Vec<(String, RemovalReason)> {
        doc.removed.iter().map(|r| (r.raw.slice(&doc.raw).to_string(), r.reason)).collect()
    }

    const STORY: &str = "Home \u{a0}>\u{a0} World News\n\
Ministers Agree to Share River Data\n\n\
VIENTIANE (Lao News) \u{2014} Ministers from three countries agreed on Tuesday to share river data for flood warnings.\n\n\
A photo taken on May 1, 2024 shows the dam at dawn. (Lao News/Jo Lee)\n\n\
The pact covers dam releases and will be reviewed in a year, officials said.\n\n\
Dam opens upstream amid dry season\n\n\
Talks will resume in June, said a spokesman for the ministry.\n\n\
Share this article:\n\n\
Vientiane\n\nBangkok\n\nHanoi\n";

    #[test]
    fn removes_furniture_by_shape_and_keeps_the_body() {
        let doc = clean(raw(STORY), CleanOptions::default());
        assert_eq!(doc.meta.title.as_deref(), Some("Ministers Agree to Share River Data"));
        assert_eq!(doc.meta.dateline.as_deref(), Some("Vientiane"));
        assert_eq!(doc.meta.outlet.as_deref(), Some("Lao News"));
        assert!(doc.text.starts_with("Ministers from three countries agreed"));
        assert_eq!(doc.paragraphs.len(), 3, "{}", doc.text);
        let r = reasons(&doc);
        let has = |t: &str, why| r.iter().any(|(s, w)| s.contains(t) && *w == why);
        assert!(has("World News", RemovalReason::Breadcrumb), "{r:?}");
        assert!(has("Share River Data", RemovalReason::Headline));
        assert!(has("VIENTIANE (Lao News)", RemovalReason::Dateline));
        assert!(has("shows the dam", RemovalReason::PhotoCaption));
        assert!(has("Dam opens upstream", RemovalReason::RelatedHeadline));
        assert!(has("Share this article:", RemovalReason::SharePrompt));
        assert!(has("Hanoi", RemovalReason::Menu));
        for gone in ["Jo Lee", "Bangkok", "Share this", "Dam opens"] {
            assert!(!doc.text.contains(gone), "{gone}");
        }
    }

    /// A page of this project's own making: a consent banner and its
    /// buttons, a newsletter prompt, photo credits under paragraphs and
    /// after a paragraph's last sentence, and a chart's axis and source.
    const FURNITURE_PAGE: &str = "We use cookies and similar tracking technologies to improve your browsing experience. By clicking Accept all, you consent to our use of cookies and to our partners processing your personal data.\n\n\
Accept all\n\n\
Manage preferences\n\n\
The river rose two metres overnight and flooded the lower town, the mayor said on Tuesday.\n\n\
Anna Kovac/Valley Herald\n\n\
Rescue crews moved 300 families to the school on the hill before dawn, officials said. Photo: Tom Berg\n\n\
Get our morning briefing delivered straight to your inbox. Sign up here.\n\n\
River level at the bridge (metres)\n\n\
0\n\n\
2.5\n\n\
5\n\n\
Mon Tue\n\n\
Source: Valley Water Board\n\n\
The water is expected to fall by the weekend, forecasters said.\n";

    #[test]
    fn consent_banners_newsletter_prompts_credits_and_chart_labels_go() {
        let doc = clean(raw(FURNITURE_PAGE), CleanOptions::default());
        let r = reasons(&doc);
        let has = |t: &str, why| r.iter().any(|(s, w)| s.contains(t) && *w == why);
        assert!(has("We use cookies", RemovalReason::ConsentBanner), "{r:?}");
        assert!(has("Accept all", RemovalReason::ConsentBanner), "{r:?}");
        assert!(has("Manage preferences", RemovalReason::ConsentBanner), "{r:?}");
        assert!(has("Anna Kovac/Valley Herald", RemovalReason::PhotoCredit), "{r:?}");
        assert!(has("Photo: Tom Berg", RemovalReason::PhotoCredit), "{r:?}");
        assert!(has("morning briefing", RemovalReason::Newsletter), "{r:?}");
        assert!(has("2.5", RemovalReason::ChartLabel), "{r:?}");
        assert!(has("Source: Valley Water Board", RemovalReason::ChartLabel), "{r:?}");
        assert_eq!(doc.paragraphs.len(), 3, "{}", doc.text);
        assert!(doc.text.contains("officials said.\n\n"), "the credit after the sentence goes: {}", doc.text);
        for p in &doc.paragraphs {
            let raw_span = doc.offset_map.span_to_raw(*p).unwrap();
            assert_eq!(raw_span.slice(&doc.raw), doc.slice(*p), "every removal keeps raw offsets");
        }
        assert!(!is_furniture_only(&doc));
    }

    #[test]
    fn a_prompt_opens_with_an_imperative_or_speaks_to_the_reader() {
        for prompt in [
            "Get the morning briefing in your inbox: sign up here.",
            "Join 40,000 subscribers. Subscribe to the weekly newsletter.",
            "Want the evening edition? Sign up for the newsletter.",
        ] {
            assert!(is_newsletter(prompt), "{prompt}");
        }
        // News about newsletters is not a prompt.
        for news in [
            "The council said its newsletter had 3,000 subscribers before the vote.",
            "Shares of the newsletter publisher fell after subscription sales slowed.",
        ] {
            assert!(!is_newsletter(news), "{news}");
        }
    }

    #[test]
    fn a_page_of_nothing_but_furniture_is_recognised() {
        let banner = "We value your privacy. We and our partners use cookies to store and/or access information on your device and to show personalised ads.\n\nAccept all\n\nReject all\n\nSign up for our newsletter and get the news delivered to your inbox.";
        let doc = clean(raw(banner), CleanOptions::default());
        assert!(is_furniture_only(&doc), "{:?} {:?}", doc.text, reasons(&doc));
        assert_eq!(furniture_kinds(&doc), "consent-banner, newsletter");
    }

    #[test]
    fn every_kept_byte_maps_back_to_the_same_raw_byte() {
        let doc = clean(raw(STORY), CleanOptions::default());
        for p in &doc.paragraphs {
            let r = doc.offset_map.span_to_raw(*p).unwrap();
            assert_eq!(r.slice(&doc.raw), doc.slice(*p));
        }
    }

    #[test]
    fn no_clean_keeps_text_and_offsets_as_given() {
        let doc = clean(raw(STORY), CleanOptions { remove_furniture: false });
        assert_eq!(doc.text, STORY);
        assert_eq!(doc.offset_map.to_raw(100), Some(100));
        assert!(doc.removed.is_empty());
    }

    #[test]
    fn a_sentence_first_line_is_not_a_headline() {
        let doc = clean(
            raw("Leaders met on Monday in the capital to talk.\nThey agreed to meet again next year, aides said."),
            CleanOptions::default(),
        );
        assert_eq!(doc.meta.title, None);
        assert_eq!(doc.paragraphs.len(), 2);
    }

    #[test]
    fn caption_credit_names_the_outlet_when_nothing_else_does() {
        let t = "Officials met on Friday to discuss the new border crossing, a statement said.\n\
Trucks wait at the crossing near the river. / Border Times Photo\n\
The crossing will open next month after repairs, the statement added.";
        let doc = clean(raw(t), CleanOptions::default());
        assert_eq!(doc.meta.outlet.as_deref(), Some("Border Times"));
        assert!(!doc.text.contains("Trucks wait"));
    }

    #[test]
    fn short_table_rows_inside_the_body_are_kept() {
        let t = "Prices for the week were as follows (dlrs per ton) -\n     Wheat   2.55\n     Corn    1.35\nPrices were little changed from the previous week, traders said.";
        let mut a = raw(t);
        a.meta.title = Some("Grain prices".into()); // given, as JSON records give it
        let doc = clean(a, CleanOptions::default());
        assert!(doc.text.contains("Wheat   2.55") && doc.text.contains("Corn    1.35"), "{:?}", doc.removed);
    }

    #[test]
    fn hard_wrapped_newswire_is_read_as_paragraphs() {
        let t = "The central bank raised its key rate by half a point\non Tuesday, citing inflation that has run above target\nfor a year, the bank said in a statement.\n    Analysts had expected the move after figures showed\nprices rising faster than wages in the first quarter.\n Reuter\n";
        let doc = clean(raw(t), CleanOptions::default());
        assert_eq!(doc.paragraphs.len(), 2, "{:?}", doc.text);
        assert!(doc.text.contains("point\non Tuesday"));
        assert!(!doc.text.contains("Reuter"));
    }

    #[test]
    fn a_short_wrapped_item_is_one_paragraph() {
        let t = "Andes Savings Bank said it is raising its\nprime rate to 8-1/4 pct from 8 pct, effective May 2.\n";
        let doc = clean(raw(t), CleanOptions::default());
        assert_eq!(doc.paragraphs.len(), 1, "{:?}", doc.text);
        // Lines that each end a sentence stay apart.
        let t = "Rates were unchanged.\nTrading was thin.\n";
        assert_eq!(clean(raw(t), CleanOptions::default()).paragraphs.len(), 2);
    }

    #[test]
    fn timestamp_lines_give_their_date_when_it_is_certain() {
        let day = |y, m, d| Some(Some(jiff::civil::Date::new(y, m, d).unwrap()));
        assert_eq!(timestamp_date("Published: Tuesday, 9 March 2021, 3:41 PM EAT"), day(2021, 3, 9));
        assert_eq!(timestamp_date("Updated 8:41 p.m. EST, Tue March 2, 2021"), day(2021, 3, 2));
        assert_eq!(timestamp_date("Posted 11/27/2019 7:21 AM | Updated 11/28/2019 3:41 PM"), day(2019, 11, 27));
        assert_eq!(timestamp_date("Last modified 2021-03-09 14:05 GMT+3"), day(2021, 3, 9));
        // A date alone may be an event's: no label, no timestamp.
        assert_eq!(timestamp_date("Tuesday, 9 March 2021"), None);
        // Day and month either way round: a timestamp, no date.
        assert_eq!(timestamp_date("Posted 03/04/2021"), Some(None));
        // Sentences with dates are no timestamps.
        assert_eq!(timestamp_date("Kenya and Uganda met on March 9, 2021."), None);
        assert_eq!(timestamp_date("The vote is on 9 March 2021 at 3:41 PM"), None);
        assert_eq!(timestamp_date("March 2021"), None);
    }

    #[test]
    fn bylines_name_writers_only() {
        assert_eq!(byline("By Jane Doe"), Some(None));
        assert_eq!(byline("By JANE DOE and Ali Khan, Reuters"), Some(None));
        assert_eq!(byline("By Jane Doe | March 9, 2021"), Some(Some(jiff::civil::Date::new(2021, 3, 9).unwrap())));
        assert_eq!(byline("By Monday, the talks had ended."), None);
        assert_eq!(byline("By the end of the year prices rose."), None);
        assert_eq!(byline("By Friday Kenya, Uganda and Tanzania had agreed to talks."), None);
    }

    #[test]
    fn a_timestamp_and_a_byline_leave_the_body_and_date_it() {
        let doc = clean(
            raw("Kenya and Uganda reopen border\n\nPublished: Tuesday, 9 March 2021, 3:41 PM\n\nBy Jane Doe\n\nKenya and Uganda reopened their border on Monday, officials said.\n"),
            CleanOptions::default(),
        );
        assert!(doc.text.starts_with("Kenya and Uganda reopened"), "{:?}", doc.text);
        let kinds: Vec<RemovalReason> = reasons(&doc).into_iter().map(|(_, r)| r).collect();
        assert!(kinds.contains(&RemovalReason::Timestamp) && kinds.contains(&RemovalReason::Byline), "{kinds:?}");
        assert_eq!(doc.meta.published, jiff::civil::Date::new(2021, 3, 9).ok());
        assert_eq!(doc.meta.published_line.as_deref(), Some("Published: Tuesday, 9 March 2021, 3:41 PM"));
        // Metadata's date comes first.
        let mut r = raw(
            "Talks\n\nPublished: 9 March 2021\n\nKenya and Uganda reopened their border on Monday, officials said.\n",
        );
        r.meta.published = jiff::civil::Date::new(2021, 3, 10).ok();
        let doc = clean(r, CleanOptions::default());
        assert_eq!((doc.meta.published, doc.meta.published_line), (jiff::civil::Date::new(2021, 3, 10).ok(), None));
    }

    #[test]
    fn datelines() {
        let d = |s: &str| split_dateline(s).map(|(d, at)| (d.place.unwrap_or_default(), d.outlet, at));
        assert_eq!(d("BEIJING (Xinhua) \u{2014} Yang said."), Some(("Beijing".into(), Some("Xinhua".into()), 21)));
        assert_eq!(d("Beijing, (SW)\u{a0}Xi said.").map(|x| x.0), Some("Beijing".into()));
        assert_eq!(
            d("NEW YORK, March 5 (Reuters) - Stocks fell.").map(|x| (x.0, x.1)),
            Some(("New York".into(), Some("Reuters".into())))
        );
        assert_eq!(d("SALVADOR, Feb 26 -").map(|x| x.0), Some("Salvador".into()));
        let (lima, at) = split_dateline("LIMA, March 4, 2021 - Talks ended.").unwrap();
        assert_eq!(lima.date, jiff::civil::Date::new(2021, 3, 4).ok());
        assert_eq!(&"LIMA, March 4, 2021 - Talks ended."[at..], "Talks ended.");
        assert_eq!(split_dateline("SALVADOR, Feb 26 - x").unwrap().0.date, None, "no year, no date");
        assert_eq!(d("Chinese President Xi Jinping (L) holds talks"), None);
        assert_eq!(d("China will do its utmost"), None);
    }

    #[test]
    fn html_is_extracted_then_cleaned() {
        let mut a = raw("<html><head><meta property=\"og:site_name\" content=\"Example\"></head><body><div><p>PARIS (Example) \u{2014} Talks began on Monday between the two delegations.</p><p>They will last a week, officials said.</p></div></body></html>");
        a.is_html = true;
        a.format = InputFormat::Html;
        let doc = clean(a, CleanOptions::default());
        assert_eq!(doc.meta.outlet.as_deref(), Some("Example"));
        assert_eq!(doc.meta.dateline.as_deref(), Some("Paris"));
        assert!(doc.text.starts_with("Talks began"));
        let at = doc.text.find("delegations").unwrap();
        let r = doc.offset_map.to_raw(at).unwrap();
        assert!(doc.raw[r..].starts_with("delegations"));
    }

    #[test]
    fn ids_are_given_or_content_hashes() {
        let a = raw("Same text.");
        assert_eq!(article_id(&a), article_id(&raw("Same text.")));
        assert_ne!(article_id(&a), article_id(&raw("Other text.")));
        let mut b = raw("x");
        b.id = Some("reuters-7".into());
        assert_eq!(article_id(&b).0, "reuters-7");
    }
}
