//! Reported speech: who speaks, and which tokens are what they said.

use super::{Act, Coder};
use crate::quotes::is_speech_verb;

/// A sentence's reported speech.
#[derive(Clone, Debug)]
pub(crate) struct Speech {
    /// The speaker, when an actor.
    pub speaker: Option<Act>,
    /// The speech verb's token.
    pub verb: usize,
    /// Tokens of what was said.
    pub content: (usize, usize),
    /// The other tokens of the sentence (the speaker's own clause).
    pub main: (usize, usize),
}

fn is_quote(w: &str) -> bool {
    matches!(w, "\"" | "\u{201C}" | "\u{201D}")
}

/// Finds the speech of sentence tokens `a..b`.
pub(crate) fn find_speech(c: &Coder, a: usize, b: usize) -> Option<Speech> {
    // "According to X, CONTENT"
    if c.lword(a) == "according" && c.lword(a + 1) == "to" {
        let comma = (a + 2..b).find(|&i| c.word(i) == ",")?;
        let speaker = c.first_actor(a + 2, comma);
        return Some(Speech { speaker, verb: a, content: (comma + 1, b), main: (a, comma + 1) });
    }
    let sv = (a..b).find(|&i| is_speech_verb(c.lword(i)) && c.act_starting(i).is_none())?;
    // "“...,” Ma said, ...": the speaker between the closing quote and the verb.
    if is_quote(c.word(a)) {
        if let Some(close) = (a + 1..sv).rev().find(|&i| is_quote(c.word(i))) {
            let speaker = c.first_actor(close + 1, sv);
            return Some(Speech { speaker, verb: sv, content: (a + 1, close), main: (sv + 1, b) });
        }
    }
    // "CONTENT, X said [at a briefing on Thursday | , adding that ...]": a
    // comma, then the speaker, right before the verb.
    if let Some(comma) = (a..sv).rev().find(|&i| c.word(i) == ",") {
        let speaker = c.first_actor(comma + 1, sv);
        // Between speaker and verb at most a bracketed abbreviation and a
        // noun: "the South China Morning Post (SCMP) newspaper said".
        let speaker_next_to_verb =
            speaker.as_ref().is_some_and(|s| sv - s.end <= 5 && (s.end..sv).all(|j| !c.is_verb_at(j)))
                || comma + 3 >= sv;
        if speaker_next_to_verb && comma > a + 2 {
            return Some(Speech { speaker, verb: sv, content: (a, comma), main: (comma, b) });
        }
    }
    // "X said (that) CONTENT", "X told reporters that", "X pointed out that".
    let speaker = c.subject_before(a, sv);
    let mut start = sv + 1;
    while start < b
        && matches!(c.lword(start), "that" | "out" | "reporters" | ":" | "," | "on" | "in" | "a" | "statement")
    {
        start += 1;
    }
    Some(Speech { speaker, verb: sv, content: (start, b), main: (a, sv + 1) })
}
