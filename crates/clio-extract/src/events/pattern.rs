//! Matching PETRARCH verb patterns around a verb.

use clio_lexicon::{Code, Elem, Pattern, VerbBlock};

use clio_model::{Rel, Upos};

use super::{Act, Coder};

/// Words allowed between two elements of a pattern.
const GAP: usize = 6;
/// Words allowed between a preposition and its elements.
const PREP_GAP: usize = 4;

/// What a verb codes to.
pub(crate) struct Coded {
    /// The code, `None` when `[---]` forbids coding.
    pub code: Option<String>,
    /// The event the other way round, for a paired code (`[0841:0841]`).
    pub paired: Option<String>,
    /// `$` of the pattern.
    pub source: Option<Act>,
    /// `+` of the pattern.
    pub target: Option<Act>,
    /// `%` in the pattern: the subject's members act together.
    pub compound: bool,
    /// Words the pattern matched (0 for a default code).
    pub weight: usize,
    /// The pattern names words after the verb ("* &MILITARY"): what it
    /// matched there is the act's matter, not someone acted upon.
    pub names_object: bool,
    /// Provenance.
    pub rule: String,
}

#[derive(Default, Clone)]
struct Found {
    source: Option<Act>,
    target: Option<Act>,
    compound: bool,
    /// Inside a preposition the pattern names ("(AT +)").
    in_prep: bool,
    /// Matching the words after the verb.
    after_verb: bool,
}

/// A sentence's words, bare and without a plural ending, as ids in the
/// verb dictionary's word list (words it does not have are left out),
/// built once per sentence: a pattern whose literal words are not all
/// here, or with a synonym set none of whose members starts here, cannot
/// match.
pub(crate) struct Words {
    /// Sorted, without repeats.
    ids: Vec<u32>,
    /// The same as a bit set, for the many membership tests of patterns.
    bits: Vec<u64>,
}

impl Words {
    /// The words of tokens `a..b`.
    pub(crate) fn new(c: &Coder, a: usize, b: usize) -> Words {
        Words::except(c, a, b, 0..0)
    }

    /// The words of tokens `a..b` but those of `skip`.
    pub(crate) fn except(c: &Coder, a: usize, b: usize, skip: std::ops::Range<usize>) -> Words {
        let known = &c.lex().verbs.words;
        let mut ids = Vec::with_capacity(2 * (b - a));
        let mut add = |w: &str| ids.extend(known.get(w).copied());
        let mut stem = String::new();
        for i in (a..b).filter(|i| !skip.contains(i)) {
            let t = c.lword(i);
            add(t);
            if let Some(s) = t.strip_suffix('s') {
                add(s);
                if let Some(s) = s.strip_suffix('e') {
                    add(s);
                }
            }
            // "-ies" plurals as "-y" ("countries" -> "country").
            if let Some(s) = t.strip_suffix("ies") {
                stem.clear();
                stem.push_str(s);
                stem.push('y');
                add(&stem);
            }
        }
        ids.sort_unstable();
        ids.dedup();
        let mut bits = vec![0u64; known.len().div_ceil(64)];
        for &id in &ids {
            bits[id as usize / 64] |= 1 << (id % 64);
        }
        Words { ids, bits }
    }

    fn contains(&self, id: u32) -> bool {
        self.bits.get(id as usize / 64).is_some_and(|b| b & (1 << (id % 64)) != 0)
    }
}

/// The code the dictionary gives the verb at `v` by default (its own, else
/// its block's), whatever its clause says: what kind of verb it is.
pub(crate) fn default_code(c: &Coder, v: usize) -> Option<String> {
    let by_form = &c.lex().verbs.by_form;
    let verbs = by_form.get(c.lword(v)).or_else(|| by_form.get(c.lemma(v).to_lowercase().as_str()))?;
    verbs.iter().find_map(|&(bi, vi)| {
        let block = &c.lex().verbs.blocks[bi as usize];
        block.verbs[vi as usize].code.as_ref().unwrap_or(&block.code).primary.clone()
    })
}

/// Codes the verb at `v` within clause tokens `left..right` of a sentence
/// whose words are `words`; `passive_subject` is the subject's head word of
/// a passive verb.
pub(crate) fn code_verb(
    c: &Coder,
    v: usize,
    left: usize,
    right: usize,
    words: &Words,
    passive_subject: Option<usize>,
) -> Option<Coded> {
    // The form as written, else its lemma (a form the dictionary's regular
    // inflections miss: "expelled" of EXPEL).
    let by_form = &c.lex().verbs.by_form;
    let verbs = by_form.get(c.lword(v)).or_else(|| by_form.get(c.lemma(v).to_lowercase().as_str()))?;
    let possible = |p: &Pattern| {
        p.required_ids.iter().all(|&w| words.contains(w))
            && p.set_heads.iter().all(|h| h.iter().any(|&w| words.contains(w)))
    };
    // The best so far, with its weight and block; its rule is written once,
    // at the end.
    let mut best: Option<(usize, &VerbBlock, Choice)> = None;
    let mut by_word: Vec<u32> = Vec::new();
    for &(bi, vi) in verbs {
        let block = &c.lex().verbs.blocks[bi as usize];
        let verb = &block.verbs[vi as usize];
        // A verb of several words: the rest must follow ("set up").
        let mut end = v + 1;
        let mut ok = true;
        for w in verb.words.iter().skip(1) {
            if c.lword(end).eq_ignore_ascii_case(w) {
                end += 1;
            } else {
                ok = false;
                break;
            }
        }
        if !ok {
            continue;
        }
        // Only patterns whose first word is in the clause can match, in file
        // order (ties go to the first). Each pattern is in exactly one list.
        by_word.clear();
        for w in &words.ids {
            if let Some(ps) = block.by_word.get(w) {
                by_word.extend(ps);
            }
        }
        by_word.sort_unstable();
        let candidates = merge_sorted(&block.wordless, &by_word);
        for p in candidates.filter_map(|i| block.patterns.get(i as usize)) {
            if !possible(p) {
                continue;
            }
            let Some(found) = match_pattern(c, p, left, v, end, right, passive_subject) else { continue };
            let weight = p.weight();
            if best.as_ref().is_none_or(|b| weight > b.0) {
                best = Some((weight, block, Choice::Pattern(p, found)));
            }
        }
        // The verb's own code, else its block's; either may be [---]. A
        // second entry of the verb (clio's supplement) that gives a code
        // wins over one that gives none.
        let default = verb.code.as_ref().unwrap_or(&block.code);
        let better = match &best {
            None => true,
            Some((_, _, Choice::Default(c))) => c.primary.is_none() && default.primary.is_some(),
            Some(_) => false,
        };
        if better {
            best = Some((0, block, Choice::Default(default)));
        }
    }
    let (weight, block, how) = best?;
    Some(match how {
        Choice::Pattern(p, found) => Coded {
            code: p.code.primary.clone(),
            paired: p.code.paired.clone(),
            source: found.source,
            target: found.target,
            compound: found.compound,
            weight,
            names_object: p.after.iter().any(|e| matches!(e, Elem::Word { .. } | Elem::Synset(_))),
            rule: format!("verb '{}' ({}) pattern '{}' [{}]", c.word(v), block.name, p.text, p.code.as_str()),
        },
        Choice::Default(code) => Coded {
            rule: format!("verb '{}' ({}) default [{}]", c.word(v), block.name, code.as_str()),
            code: code.primary.clone(),
            paired: code.paired.clone(),
            source: None,
            target: None,
            compound: false,
            weight: 0,
            names_object: false,
        },
    })
}

/// What a verb codes to: a pattern that matched and what it found, or the
/// verb's (or its block's) default code.
enum Choice<'d> {
    Pattern(&'d Pattern, Found),
    Default(&'d Code),
}

/// Two sorted lists as one sorted sequence, without repeats.
fn merge_sorted<'l>(a: &'l [u32], b: &'l [u32]) -> impl Iterator<Item = u32> + 'l {
    let (mut i, mut j) = (0, 0);
    std::iter::from_fn(move || {
        let next = match (a.get(i), b.get(j)) {
            (Some(&x), Some(&y)) if x <= y => x,
            (_, Some(&y)) => y,
            (Some(&x), None) => x,
            (None, None) => return None,
        };
        i += usize::from(a.get(i) == Some(&next));
        j += usize::from(b.get(j) == Some(&next));
        Some(next)
    })
}

fn match_pattern(
    c: &Coder,
    p: &Pattern,
    left: usize,
    v: usize,
    verb_end: usize,
    right: usize,
    passive_subject: Option<usize>,
) -> Option<Found> {
    let mut found = Found { after_verb: true, ..Found::default() };
    // After the verb: elements in order. A passive's subject is the
    // pattern's object turned round ("money was sent to X" is "* MONEY
    // (TO +)"): a first word or synonym set may match it there.
    let mut pos = verb_end;
    let mut after = p.after.as_slice();
    if let (Some(s), Some(first @ (Elem::Word { .. } | Elem::Synset(_)))) = (passive_subject, after.first()) {
        if match_at(c, first, s, s + 4, &mut found).is_some() {
            after = &after[1..];
        }
    }
    for e in after {
        pos = match_gapped(c, e, pos, right, GAP, &mut found)?;
    }
    // Before the verb: elements in reverse order, each ending before the next.
    found.after_verb = false;
    let mut end = v;
    for e in p.before.iter().rev() {
        let mut hit = None;
        for start in (left..end).rev().take(GAP + 6) {
            let mut f = found.clone();
            if let Some(e_end) = match_at(c, e, start, end, &mut f) {
                if e_end <= end && end - e_end <= GAP {
                    hit = Some((start, f));
                    break;
                }
            }
        }
        let (start, f) = hit?;
        found = f;
        end = start;
    }
    Some(found)
}

/// Matches `e` starting within `gap` words of `pos`; returns its end.
fn match_gapped(c: &Coder, e: &Elem, pos: usize, right: usize, gap: usize, found: &mut Found) -> Option<usize> {
    if matches!(e, Elem::Skip) {
        return Some(pos);
    }
    (pos..right.min(pos + gap + 1)).find_map(|p| match_at(c, e, p, right, found))
}

/// A token (lower case) against a dictionary word (upper case), with a
/// regular plural unless the word is exact.
fn word_matches(t: &str, word: &str, exact: bool) -> bool {
    let eq = |a: &str, b: &str| a.eq_ignore_ascii_case(b);
    if t.len() == word.len() && eq(t, word) {
        return true;
    }
    !exact
        && (t.strip_suffix('s').is_some_and(|s| eq(s, word))
            || t.strip_suffix("es").is_some_and(|s| eq(s, word))
            || (word.ends_with('Y') && t.strip_suffix("ies").is_some_and(|s| eq(s, &word[..word.len() - 1]))))
}

/// Whether token `p` is the verb of a clause of its own (an infinitive,
/// an adverbial or a relative clause): a pattern's word names a thing
/// ("mounted an attack": * ATTACK), and that verb is coded by itself ("said
/// the reports that Iran intended to attack ships" is no "said * ATTACK").
fn heads_own_clause(c: &Coder, p: usize) -> bool {
    let syntax = &c.doc.syntax;
    // (A "that"-clause of a demand is what is demanded, and its verb the
    // demand's pattern may name: "demanded that the government release"
    // is DEMAND * RELEASE.)
    syntax.upos.get(p) == Some(&Upos::Verb)
        && syntax
            .rel
            .get(p)
            .is_some_and(|&r| matches!(r, Rel::Xcomp | Rel::Advcl | Rel::AdvclRelcl | Rel::Acl | Rel::AclRelcl))
}

/// A word that is a verb's particle in a phrasal verb ("broke off talks",
/// "called up reservists") and also a preposition: as the preposition of a
/// phrase of place or time ("attacked a tanker off the coast") it is no
/// pattern's particle.
fn is_particle_word(w: &str) -> bool {
    // ("out of", "back to" go on with the verb: "pushed the troops out of
    // their positions" is PUSH * OUT.)
    matches!(w, "OFF" | "UP" | "DOWN")
}

/// Matches `e` exactly at `p` (not past `right`); returns its end.
fn match_at(c: &Coder, e: &Elem, p: usize, right: usize, found: &mut Found) -> Option<usize> {
    if p >= right {
        return None;
    }
    match e {
        Elem::Word { .. } | Elem::Synset(_) if heads_own_clause(c, p) => None,
        Elem::Word { text, .. } if is_particle_word(text) && c.doc.syntax.rel.get(p) == Some(&Rel::Case) => None,
        // Nor is the preposition of a date or a time ("totaled 10 billion
        // dlrs on April 2" is no "COUNT ON").
        Elem::Word { .. } if c.doc.syntax.upos.get(p) == Some(&Upos::Adp) && c.is_time(p + 1) => None,
        Elem::Word { text, exact } => {
            // Words of an actor are the actor, not the pattern's; but the
            // agent noun ending an object's name may be one a pattern names
            // ("expelled two Russian diplomats": DEPORT * DIPLOMAT). A
            // subject's ("Somali gunmen killed") or a bare agent's
            // ("Congress began") is the actor alone.
            let agent_noun = || {
                found.after_verb
                    && c.act_covering(p).is_some_and(|a| a.end == p + 1 && a.end - a.start >= 2)
                    && c.agent_of(c.lemma(p)).is_some()
            };
            if c.act_at_token(p) && !agent_noun() {
                return None;
            }
            // The "to" of an infinitive is no pattern's TO ("led the attempt
            // to get" is no "* TO", "managed to acquire" no "* (TO)").
            if text == "TO" && c.doc.syntax.upos.get(p) == Some(&Upos::Part) {
                return None;
            }
            // A share of something ("captured part of a stronghold") is
            // the thing for the pattern: "part" there is not the "part" of
            // "took part in", and the pattern reads on to the thing.
            if matches!(c.lword(p), "part" | "parts") && c.lword(p + 1) == "of" {
                return None;
            }
            word_matches(c.lword(p), text, *exact).then_some(p + 1)
        }
        Elem::Synset(name) => {
            let members = c.lex().verbs.synsets.get(name)?;
            members.iter().find_map(|m| {
                let ok = m.iter().enumerate().all(|(k, w)| p + k < right && word_matches(c.lword(p + k), w, false));
                ok.then_some(p + m.len())
            })
        }
        Elem::Group(items) => {
            let mut q = p;
            for it in items {
                q = match_at(c, it, q, right, found)?;
            }
            Some(q)
        }
        Elem::Prep(items) => {
            let (first, rest) = items.split_first()?;
            let mut q = match_at(c, first, p, right, found)?;
            // "telephoned X on Tuesday" is no "call on": a preposition of a
            // date or a time is not the pattern's.
            if c.is_time(q) || c.is_time(p) {
                return None;
            }
            // The pattern names the preposition: an actor after it is its
            // target even after "at" or "in" ("fired at X").
            found.in_prep = true;
            let mut end = Some(q);
            for it in rest {
                end = match_gapped(c, it, q, right, PREP_GAP, found);
                let Some(next) = end else { break };
                q = next;
            }
            found.in_prep = false;
            end
        }
        Elem::Source | Elem::Target | Elem::Compound => {
            let a = c.act_starting(p)?.clone();
            if a.locative && !found.in_prep {
                return None;
            }
            let head = c.np_head(a, right);
            let mut end = head.end;
            match e {
                Elem::Source => found.source = Some(head),
                Elem::Target => found.target = Some(head),
                _ => {
                    // "A and B": both, acting together; one actor alone is
                    // no compound.
                    let b = (c.word(end) == "and").then(|| c.act_starting(end + 1)).flatten()?;
                    found.compound = true;
                    end = b.end;
                }
            }
            Some(end)
        }
        Elem::Skip => Some(p),
    }
}
