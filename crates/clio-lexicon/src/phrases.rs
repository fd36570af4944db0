//! Dictionary phrases as a trie over words, and the per-article index
//! that is matched against it.
//!
//! Phrases start and end at words, so matching is a walk from a word
//! through the words after it; a word no phrase contains stops the walk at
//! once. Words are compared normalised: upper case, curly apostrophes
//! straightened, a possessive `'s` dropped, hyphenated words split.

use clio_model::{Token, TokenKind};
use rustc_hash::FxHashMap;

/// No word or phrase.
const NONE: u32 = u32::MAX;

/// Normalises one word for matching: upper case, curly apostrophes
/// straightened, a possessive `'s` dropped.
fn norm_word(w: &str) -> String {
    let mut u = String::with_capacity(w.len());
    push_norm_word(&mut u, w);
    u
}

/// Appends the normalised form of `w` to `out` (see [`norm_word`]).
fn push_norm_word(out: &mut String, w: &str) {
    let start = out.len();
    if w.is_ascii() {
        out.push_str(w);
        out[start..].make_ascii_uppercase();
    } else {
        for c in w.chars() {
            match c {
                '\u{2019}' => out.push('\''),
                c if c.is_ascii() => out.push(c.to_ascii_uppercase()),
                c => out.extend(c.to_uppercase()),
            }
        }
    }
    if out[start..].ends_with("'S") {
        out.truncate(out.len() - 2);
    } else if out.len() > start + 1 && out.ends_with('\'') {
        out.pop();
    }
}

/// A dictionary phrase (`YANG_JIECHI_`, `CHIEF EXECUTIVE`) as the words it
/// is matched by: `["YANG", "JIECHI"]`; underscores, hyphens, brackets and
/// commas separate words.
pub(crate) fn norm_phrase(p: &str) -> Vec<String> {
    let spaced = p.replace(['_', '-'], " ").replace('(', " ( ").replace(')', " ) ").replace(',', " , ");
    spaced.split_whitespace().map(norm_word).filter(|w| !w.is_empty()).collect()
}

/// Phrases as a trie over word ids.
#[derive(Default)]
pub(crate) struct PhraseTrie {
    /// Normalised word -> (id, the node a phrase starting with it reaches
    /// or [`NONE`]): the first step of a walk is this one lookup.
    words: FxHashMap<Box<str>, (u32, u32)>,
    /// (node, word) -> node; node 0 is the root.
    edges: FxHashMap<(u32, u32), u32>,
    /// Per node: the phrase ending there, or [`NONE`].
    phrase_at: Vec<u32>,
}

impl PhraseTrie {
    /// Adds a phrase (non-empty words) with its id.
    pub(crate) fn insert(&mut self, words: &[String], phrase: u32) {
        if self.phrase_at.is_empty() {
            self.phrase_at.push(NONE);
        }
        let mut node = 0;
        for (k, w) in words.iter().enumerate() {
            let next_word = self.words.len() as u32;
            let entry = self.words.entry(w.as_str().into()).or_insert((next_word, NONE));
            let wid = entry.0;
            let next_node = self.phrase_at.len() as u32;
            node = *self.edges.entry((node, wid)).or_insert(next_node);
            if k == 0 {
                entry.1 = node;
            }
            if node == next_node {
                self.phrase_at.push(NONE);
            }
        }
        self.phrase_at[node as usize] = phrase;
    }

    /// The longest phrase made of the pieces of `idx` from `p` on: its
    /// length in pieces and its id.
    pub(crate) fn longest(&self, idx: &PhraseIndex, p: usize) -> Option<(usize, u32)> {
        let mut node = match self.words.get(idx.word(p)) {
            Some(&(_, root)) if root != NONE => root,
            _ => return None,
        };
        let mut best = None;
        let mut k = 1;
        loop {
            let phrase = self.phrase_at[node as usize];
            if phrase != NONE {
                best = Some((k, phrase));
            }
            if p + k >= idx.pieces.len() {
                break;
            }
            let Some(&(w, _)) = self.words.get(idx.word(p + k)) else { break };
            let Some(&next) = self.edges.get(&(node, w)) else { break };
            node = next;
            k += 1;
        }
        best
    }
}

/// One word piece of an article: a token, or a part of a hyphenated one.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Piece {
    /// Its normalised form: `norm[norm_start..norm_end]`.
    norm_start: u32,
    norm_end: u32,
    /// Where it is in the text.
    pub text_start: u32,
    pub text_end: u32,
    /// Its token.
    pub token: u32,
    /// The text word is all capitals.
    pub caps: bool,
    /// The text word starts with a capital (or a digit).
    pub capitalised: bool,
}

/// Per-article index: each word piece, normalised, with its case and place.
pub struct PhraseIndex {
    norm: String,
    pub(crate) pieces: Vec<Piece>,
}

impl PhraseIndex {
    /// Builds the index for a text and its tokens.
    pub fn new(text: &str, tokens: &[Token]) -> PhraseIndex {
        // An ASCII text upper-cases in place, offsets unchanged: each piece's
        // normal form is then a stretch of one copy (a possessive dropped by
        // ending the stretch early), with no string made per word.
        let ascii = text.is_ascii();
        let norm = if ascii { text.to_ascii_uppercase() } else { String::with_capacity(text.len()) };
        let mut idx = PhraseIndex { norm, pieces: Vec::with_capacity(tokens.len()) };
        let attached = |a: usize, b: usize| tokens[a].span.end() == tokens[b].span.start();
        for (ti, t) in tokens.iter().enumerate() {
            let w = t.span.slice(text);
            // A hyphen joining two words ("Al-Qaeda" is three tokens) and a
            // possessive ("China's", "Kurdistan Workers' Party") are not
            // words of a phrase.
            let joining_hyphen =
                w == "-" && ti > 0 && ti + 1 < tokens.len() && attached(ti - 1, ti) && attached(ti, ti + 1);
            let plural_possessive =
                matches!(w, "'" | "\u{2019}") && ti > 0 && tokens[ti - 1].span.slice(text).ends_with(['s', 'S']);
            let possessive = ti > 0
                && attached(ti - 1, ti)
                && (plural_possessive || matches!(w, "'s" | "\u{2019}s" | "'S" | "\u{2019}S"));
            if joining_hyphen || possessive {
                continue;
            }
            if t.kind == TokenKind::Word && w.bytes().any(|b| b == b'-') {
                let mut at = t.span.start();
                for p in w.split('-') {
                    idx.push(p, at, ti, ascii);
                    at += p.len() + 1;
                }
            } else {
                idx.push(w, t.span.start(), ti, ascii);
            }
        }
        // An Arabic article or particle joined by a hyphen to a capitalised
        // word starts a name in lower case ("al-Qaeda", "el-Sisi").
        for p in 1..idx.pieces.len() {
            let (a, b) = (idx.pieces[p - 1], idx.pieces[p]);
            if !a.capitalised
                && b.capitalised
                && a.text_end + 1 == b.text_start
                && text.get(a.text_end as usize..b.text_start as usize) == Some("-")
                && matches!(idx.word(p - 1), "AL" | "EL" | "AD" | "AS" | "AN" | "AR" | "AZ" | "AT" | "ASH")
            {
                idx.pieces[p - 1].capitalised = true;
            }
        }
        idx
    }

    /// Adds word piece `p`, at `start` in the text, of token `token`.
    fn push(&mut self, p: &str, start: usize, token: usize, ascii: bool) {
        let Some(&first) = p.as_bytes().first() else { return };
        let (norm_start, norm_end) = if ascii {
            let n = self.norm.get(start..start + p.len()).unwrap_or("");
            let strip = if n.ends_with("'S") {
                2
            } else if n.len() > 1 && n.ends_with('\'') {
                1
            } else {
                0
            };
            (start as u32, (start + n.len() - strip) as u32)
        } else {
            let at = self.norm.len() as u32;
            push_norm_word(&mut self.norm, p);
            (at, self.norm.len() as u32)
        };
        let (caps, capitalised) = if p.is_ascii() {
            let b = p.as_bytes();
            (
                b.iter().any(u8::is_ascii_alphabetic) && !b.iter().any(u8::is_ascii_lowercase),
                first.is_ascii_uppercase() || first.is_ascii_digit(),
            )
        } else {
            (
                p.chars().any(char::is_alphabetic) && !p.chars().any(char::is_lowercase),
                p.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()),
            )
        };
        self.pieces.push(Piece {
            norm_start,
            norm_end,
            text_start: start as u32,
            text_end: (start + p.len()) as u32,
            token: token as u32,
            caps,
            capitalised,
        });
    }

    /// The normalised word of piece `p`.
    pub(crate) fn word(&self, p: usize) -> &str {
        let piece = &self.pieces[p];
        &self.norm[piece.norm_start as usize..piece.norm_end as usize]
    }
}
