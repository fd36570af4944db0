//! CAMEO event coding from raw sentences with the PETRARCH verb dictionary
//! and a shallow reading of each sentence's structure.
//!
//! Per sentence:
//!
//! 1. **Speech** ([`speech`]): "X said (that) ...", "..., X said", "according
//!    to X, ..." split the sentence into the speaker's clause and the
//!    reported content. Events in the content are coded with their own
//!    actors; when nothing is, the speaker makes a statement (010) to the
//!    first other actor named in it.
//! 2. **Verbs**: each word that is a form of a dictionary verb, unless it
//!    is part of a name or follows a determiner (then it is a noun: "a
//!    phone call"). Its clause runs from the start of its region (speaker
//!    clause or content) to the next finite verb, `;`, `:` or quote.
//! 3. **Patterns** ([`pattern`]): the block's patterns are matched around the
//!    verb (elements in order, a few words allowed between them); the one
//!    with the most words wins, `[---]` forbids coding; else the verb's or the
//!    block's own code.
//! 4. **Actors**: the source is the `$` of the pattern, else the head of the
//!    first noun phrase of the clause that is not inside a prepositional
//!    phrase ("Yang Jiechi, member of the Political Bureau of ..., spoke");
//!    "A and B" is a compound subject. Targets are the `+` of the pattern,
//!    else the actors after the verb, with lists distributed ("to Pakistan
//!    and Japan" is two events). Passive voice ("was criticised by X")
//!    swaps them; a compound subject with no object is reciprocal ("Xi and
//!    Trump spoke"). Places after "in"/"at" are places, not targets.
//! 5. **Modality** ([`modality`]): "will", "is willing to", "is considering"
//!    make an intent (03x, never 07x); negation, questions and conditionals
//!    code nothing; "X should ..." in someone's speech is that speaker's
//!    demand (100) of X.

mod modality;
mod pattern;
mod speech;

use std::borrow::Cow;
use std::sync::Arc;

use clio_lexicon::{Cameo, Lexicon};
use clio_model::{Doc, EntityType, Event, EventActor, Layer, LowerWords, Modality, Span, Stage, TokenKind};

use modality::{intent_code, modality_before, Mood};
use speech::{find_speech, Speech};

/// Stage: fills [`Doc::events`].
pub struct EventStage {
    lex: Arc<Lexicon>,
}

impl EventStage {
    /// Builds the stage over a compiled lexicon (verbs and CAMEO codes).
    pub fn new(lex: Arc<Lexicon>) -> EventStage {
        EventStage { lex }
    }
}

impl Stage for EventStage {
    fn name(&self) -> &'static str {
        "events"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Entities, Layer::TimeExprs]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Events]
    }
    fn run(&self, doc: &mut Doc) {
        let events = Coder::new(&self.lex, doc).code();
        doc.events = events;
    }
}

/// An actor mention as the coder sees it: tokens, code, entity, and
/// whether it is a place (after "in", "at" ...).
#[derive(Clone, Debug)]
pub(crate) struct Act {
    pub start: usize,
    pub end: usize,
    pub code: String,
    pub entity: Option<u32>,
    pub span: Span,
    pub locative: bool,
}

word_list! {
    fn is_preposition = [
        "of", "in", "from", "for", "with", "by", "to", "at", "under", "including", "on", "about", "against", "between",
        "among", "over", "into", "toward", "towards", "across", "near", "than", "like", "via", "through",
    ]
}
word_list! {
    fn is_locative = ["in", "at", "near", "outside", "inside", "across", "around", "throughout", "within"]
}
word_list! {
    fn is_determiner = [
        "a", "an", "the", "its", "his", "her", "their", "our", "this", "that", "these", "those", "no", "any", "every",
        "all", "some", "many", "several", "most", "few", "both", "each", "such", "whose",
    ]
}
word_list! {
    /// Words before an -ing form that make it a verb of the clause ("have been
    /// trading", "kept discrediting", "is considering donating"); otherwise an
    /// -ing form is a participle clause or a noun, not an event.
    fn is_ing_lead = [
        "is", "are", "was", "were", "be", "been", "being", "am", "'s", "kept", "keep", "keeps", "keeping", "continue",
        "continues", "continued", "started", "starts", "began", "begin", "begins", "stopped", "considering",
        "consider", "considers", "considered", "not",
    ]
}
word_list! {
    /// Words before a title noun ("deputy head"): what follows is a noun.
    fn is_title_modifier = ["deputy", "vice", "chief", "acting", "former", "senior", "assistant"]
}
word_list! {
    /// Words that are verb forms in the dictionary but here never verbs.
    fn is_never_verb = ["according", "including", "regarding", "concerning", "following", "given", "during"]
}
word_list! {
    fn is_list_link = [
        ",", "and", "or", "including", "such", "as", "well", "the", "especially", "notably", "namely", "both",
    ]
}

pub(crate) struct Coder<'a> {
    lex: &'a Lexicon,
    doc: &'a Doc,
    acts: Vec<Act>,
    /// Token -> index in `acts`.
    act_at: Vec<Option<usize>>,
    /// Lower-case words, computed once.
    lw: Cow<'a, LowerWords>,
    /// Tokens that open a sentence.
    sentence_start: Vec<bool>,
    /// Tokens read as verbs (only in sentences with an actor).
    verb_at: Vec<bool>,
    /// Per token, how many tokens before it are inside actors: a stretch
    /// with none can hold no event, and is not read at all.
    acts_before: Vec<u32>,
}

/// The same actor, or a country and its own government or people: not an
/// event between two parties.
fn same_actor(a: &str, b: &str) -> bool {
    a == b || (a.get(..3) == b.get(..3) && (a.len() == 3 || b.len() == 3))
}

impl<'a> Coder<'a> {
    fn new(lex: &'a Lexicon, doc: &'a Doc) -> Coder<'a> {
        let lw = doc.lower_words();
        let mut act_at = vec![None; doc.tokens.len()];
        let mut acts = Vec::new();
        for a in &doc.actors {
            let start = doc.tokens.partition_point(|t| t.span.end() <= a.span.start());
            let end = doc.tokens.partition_point(|t| t.span.start() < a.span.end());
            if start >= end || act_at[start..end].iter().any(Option::is_some) {
                continue;
            }
            let is_place =
                a.entity.and_then(|e| doc.entities.get(e as usize - 1)).is_some_and(|e| e.etype == EntityType::Loc);
            let prev = if start > 0 { lw.get(start - 1) } else { "" };
            let prev2 = if start > 1 { lw.get(start - 2) } else { "" };
            let locative = is_place && (is_locative(prev) || (prev == "the" && is_locative(prev2)));
            let i = acts.len();
            acts.push(Act { start, end, code: a.code.clone(), entity: a.entity, span: a.span, locative });
            for slot in &mut act_at[start..end] {
                *slot = Some(i);
            }
        }
        let mut sentence_start = vec![false; doc.tokens.len()];
        for s in &doc.sentences {
            if let Some(slot) = sentence_start.get_mut(s.token_start as usize) {
                *slot = true;
            }
        }
        let mut acts_before = Vec::with_capacity(doc.tokens.len() + 1);
        let mut n = 0;
        for slot in &act_at {
            acts_before.push(n);
            n += u32::from(slot.is_some());
        }
        acts_before.push(n);
        let mut c = Coder { lex, doc, acts, act_at, lw, sentence_start, verb_at: Vec::new(), acts_before };
        let mut verb_at = vec![false; doc.tokens.len()];
        for s in &doc.sentences {
            let (a, b) = (s.token_start as usize, (s.token_end as usize).min(verb_at.len()));
            if c.has_actor(a, b) {
                for (i, slot) in verb_at.iter_mut().enumerate().take(b).skip(a) {
                    *slot = c.reads_as_verb(i);
                }
            }
        }
        c.verb_at = verb_at;
        c
    }

    /// Whether any token of `a..b` is inside an actor.
    fn has_actor(&self, a: usize, b: usize) -> bool {
        let at = |i: usize| self.acts_before.get(i).or(self.acts_before.last()).copied().unwrap_or(0);
        b > a && at(b) > at(a)
    }

    pub(crate) fn word(&self, i: usize) -> &'a str {
        self.doc.tokens.get(i).map_or("", |t| self.doc.slice(t.span))
    }

    pub(crate) fn lword(&self, i: usize) -> &str {
        self.lw.get(i)
    }

    pub(crate) fn act_starting(&self, i: usize) -> Option<&Act> {
        self.act_at.get(i).copied().flatten().map(|a| &self.acts[a]).filter(|a| a.start == i)
    }

    fn code(&self) -> Vec<Event> {
        let mut events: Vec<Event> = Vec::new();
        let mut paragraph_speaker: Option<(u32, Act)> = None;
        for (si, s) in self.doc.sentences.iter().enumerate() {
            let (a, b) = (s.token_start as usize, s.token_end as usize);
            // Every event has an actor of its own sentence as source or
            // target, so a sentence without one is skipped.
            if b <= a || self.word(b - 1) == "?" || !self.has_actor(a, b) {
                continue;
            }
            let speech = find_speech(self, a, b);
            // Speech continues over a paragraph: "Yang pointed out that ...
            // The US side should ..." is still Yang's.
            let speaker = match &speech {
                Some(Speech { speaker: Some(sp), .. }) => {
                    paragraph_speaker = Some((s.paragraph, sp.clone()));
                    Some(sp.clone())
                }
                _ => paragraph_speaker.as_ref().filter(|(p, _)| *p == s.paragraph).map(|(_, sp)| sp.clone()),
            };
            let before = events.len();
            let regions: Vec<(usize, usize)> = match &speech {
                Some(sp) => vec![sp.content, sp.main],
                None => vec![(a, b)],
            };
            let words = pattern::Words::new(self, a, b);
            for &(ra, rb) in &regions {
                self.code_region(si, ra, rb, speech.as_ref().map(|sp| sp.verb), speaker.as_ref(), &words, &mut events);
            }
            if let (Some(sp), true) = (&speech, events.len() == before) {
                self.statement(si, sp, &mut events);
            }
        }
        for (i, e) in events.iter_mut().enumerate() {
            e.id = i as u32 + 1;
        }
        events
    }

    /// Codes the verbs of tokens `ra..rb` (of a sentence whose words are `words`).
    #[allow(clippy::too_many_arguments)]
    fn code_region(
        &self,
        si: usize,
        ra: usize,
        rb: usize,
        speech_verb: Option<usize>,
        speaker: Option<&Act>,
        words: &pattern::Words,
        out: &mut Vec<Event>,
    ) {
        let verbs: Vec<usize> = (ra..rb).filter(|&i| Some(i) != speech_verb && self.is_verb_at(i)).collect();
        let mut demanded = false;
        for (k, &v) in verbs.iter().enumerate() {
            // The clause ends at the next finite verb after "and", ",", "which"...
            let right = verbs[k + 1..]
                .iter()
                .copied()
                .find(|&n| {
                    (v + 1..n).any(|j| matches!(self.word(j), "," | "and" | "which" | "who" | "while" | "but"))
                        && self.word(n - 1) != "to"
                })
                .unwrap_or(rb);
            let right = (v + 1..right)
                .find(|&j| matches!(self.word(j), ";" | ":" | "\u{201C}" | "\u{201D}" | "\""))
                .unwrap_or(right);
            if !self.has_actor(ra, right) {
                continue;
            }
            // The subject is in the verb's own clause: after the last "that"
            // or ":" before it, when an actor is there.
            let opener = (ra..v).rev().find(|&j| matches!(self.lword(j), "that" | ":" | ";"));
            let subject = opener.and_then(|o| self.subject(o + 1, v)).or_else(|| self.subject(ra, v));
            let mood = modality_before(self, subject.as_ref().map_or(ra, |s| s.last().map_or(ra, |a| a.end)), v, ra);
            match mood {
                Mood::Negated | Mood::Conditional => continue,
                Mood::Demand => {
                    if let (Some(sp), Some(subj), false) = (speaker, subject.as_ref().and_then(|s| s.first()), demanded)
                    {
                        if sp.code != subj.code {
                            demanded = true;
                            self.push(
                                out,
                                si,
                                "100",
                                sp,
                                subj,
                                v,
                                Modality::Demand,
                                0.6,
                                "modal 'should/must' in reported speech: the speaker's demand".into(),
                            );
                        }
                    }
                    continue;
                }
                _ => {}
            }
            let Some(coded) = pattern::code_verb(self, v, ra, right, words) else { continue };
            let Some(code) = coded.code.clone() else { continue };
            let mut sources: Vec<Act> = coded.source.clone().map(|s| vec![s]).or(subject.clone()).unwrap_or_default();
            let mut targets: Vec<Act> = match (&coded.target, &coded.source) {
                (Some(t), _) => self.with_list(t.clone(), right),
                // "$" after the verb ("took a call from $"): the subject is the target.
                (None, Some(s)) if s.start > v => subject.clone().unwrap_or_default(),
                _ => self.targets_after(v, right, &sources),
            };
            if self.is_passive(v) {
                if let Some(agent) =
                    (v + 1..right).find(|&j| self.word(j) == "by").and_then(|j| self.first_actor(j + 1, right))
                {
                    targets = sources;
                    sources = vec![agent];
                }
            }
            // "Xi and Trump spoke": consulting and cooperating are reciprocal,
            // and so is whatever a "%" pattern codes.
            if targets.is_empty()
                && sources.len() >= 2
                && (coded.compound || matches!(&code[..code.len().min(2)], "04" | "05"))
            {
                targets = vec![sources[1].clone()];
                sources.truncate(1);
            }
            let Some(source) = sources.first().cloned() else { continue };
            if targets.is_empty() {
                targets.extend(self.implicit_target(si, &code, &source, out));
            }
            if targets.is_empty() {
                targets.extend(self.place_country(v, right, &code));
            }
            let (code, modality, rule) = match mood {
                Mood::Intent => {
                    let intent = intent_code(&code);
                    let rule = format!("{}; intent (will, willing, considering ...): {code} -> {intent}", coded.rule);
                    (intent, Modality::Intent, rule)
                }
                _ => (code, Modality::Act, coded.rule.clone()),
            };
            let confidence = (0.5 + 0.1 * coded.weight as f32).min(0.95);
            for t in targets.iter().filter(|t| !same_actor(&source.code, &t.code)) {
                self.push(out, si, &code, &source, t, v, modality, confidence, rule.clone());
            }
        }
    }

    /// A speaker's statement (010) when nothing more specific was coded.
    fn statement(&self, si: usize, sp: &Speech, out: &mut Vec<Event>) {
        let Some(speaker) = &sp.speaker else { return };
        let (ca, cb) = sp.content;
        let target = (ca..cb)
            .filter_map(|i| self.act_starting(i))
            .find(|a| !a.locative && a.code.get(..3) != speaker.code.get(..3))
            .cloned();
        if let Some(t) = target {
            let rule = format!("speech verb '{}' with nothing more specific coded: statement", self.word(sp.verb));
            self.push(out, si, "010", speaker, &t, sp.verb, Modality::Statement, 0.5, rule);
        }
    }

    /// The target a verbal-conflict reaction with none named is aimed at:
    /// the source of the event before it in the paragraph. "The Chinese side
    /// expresses its strong condemnation", after "some US political figures
    /// have kept discrediting China", is aimed at the US.
    fn implicit_target(&self, si: usize, code: &str, source: &Act, out: &[Event]) -> Option<Act> {
        if !matches!(&code[..code.len().min(2)], "10" | "11" | "12" | "13" | "14") {
            return None;
        }
        let para = self.doc.sentences[si].paragraph;
        let prev = out.last().filter(|e| self.doc.sentences[e.sentence as usize].paragraph == para)?;
        (prev.source.code != source.code).then(|| Act {
            start: 0,
            end: 0,
            code: prev.source.code.clone(),
            entity: prev.source.entity,
            span: prev.source.span,
            locative: false,
        })
    }

    /// For a verbal event with no actor as target, a country named as its
    /// place: "sympathy for the casualties ... in China" is for China.
    fn place_country(&self, v: usize, right: usize, code: &str) -> Option<Act> {
        if !matches!(&code[..code.len().min(2)], "01" | "02" | "03" | "04" | "05" | "10" | "11" | "12" | "13" | "14") {
            return None;
        }
        (v + 1..right)
            .filter_map(|j| self.act_starting(j))
            .find(|a| {
                a.locative
                    && a.entity
                        .and_then(|e| self.doc.entities.get(e as usize - 1))
                        .is_some_and(|e| e.place.as_ref().is_some_and(|p| p.is_country))
            })
            .cloned()
    }

    pub(crate) fn lex(&self) -> &'a Lexicon {
        self.lex
    }

    pub(crate) fn act_at_token(&self, i: usize) -> bool {
        self.act_at.get(i).is_some_and(Option::is_some)
    }

    /// The speaker of "X said": the subject before the speech verb.
    pub(crate) fn subject_before(&self, a: usize, sv: usize) -> Option<Act> {
        self.subject(a, sv).and_then(|s| s.into_iter().next())
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &self,
        out: &mut Vec<Event>,
        si: usize,
        code: &str,
        source: &Act,
        target: &Act,
        verb: usize,
        modality: Modality,
        confidence: f32,
        rule: String,
    ) {
        let s = &self.doc.sentences[si];
        if out.iter().any(|e| {
            e.sentence == si as u32 && e.code == code && e.source.code == source.code && e.target.code == target.code
        }) {
            return;
        }
        let entry = self.lex.cameo.get(code);
        let date = self.sentence_date(s.span).or(self.doc.date.value);
        let place = (s.token_start as usize..s.token_end as usize)
            .filter_map(|i| self.act_starting(i))
            .find(|a| a.locative)
            .and_then(|a| a.entity);
        out.push(Event {
            id: 0,
            code: code.to_string(),
            base: Cameo::base(code).to_string(),
            root: Cameo::root(code).to_string(),
            quad_class: entry.map_or(0, |e| e.quad_class),
            goldstein: entry.map_or(0.0, |e| e.goldstein),
            source: EventActor { code: source.code.clone(), entity: source.entity, span: source.span },
            target: EventActor { code: target.code.clone(), entity: target.entity, span: target.span },
            sentence: si as u32,
            evidence: s.span,
            action: self.doc.tokens[verb].span,
            date,
            place,
            modality,
            confidence,
            rule,
            is_root: s.paragraph == 0,
        });
    }

    fn sentence_date(&self, span: Span) -> Option<jiff::civil::Date> {
        self.doc
            .time_exprs
            .iter()
            .filter(|e| !e.in_caption && !e.as_of && span.contains(e.span))
            .find_map(|e| e.resolved.and_then(|p| p.full()))
    }

    /// Whether token `i` is a verb (for other modules).
    pub(crate) fn is_verb_at(&self, i: usize) -> bool {
        self.verb_at.get(i).copied().unwrap_or(false)
    }

    /// A word that is a verb form of the dictionary, used as a verb.
    fn reads_as_verb(&self, i: usize) -> bool {
        let t = &self.doc.tokens[i];
        if t.kind != TokenKind::Word || self.act_at[i].is_some() {
            return false;
        }
        let w = self.lword(i);
        if !self.lex.verbs.by_form.contains_key(w) || modality::is_modal_word(self, i) || is_never_verb(w) {
            return false;
        }
        // A capitalised word inside a sentence is a name ("Secretary of State").
        if !self.sentence_start[i] && self.word(i).starts_with(char::is_uppercase) {
            return false;
        }
        let prev = if i > 0 { self.lword(i - 1) } else { "" };
        // An -ing form is a verb of its clause only after an auxiliary.
        if w.ends_with("ing") {
            let lead = |k: usize| k < i && is_ing_lead(self.lword(k));
            if !(i >= 1 && lead(i - 1) || i >= 2 && lead(i - 2) && self.lword(i - 1).ends_with("ly")) {
                return false;
            }
        }
        // After a determiner, a possessive, a preposition ("by phone"),
        // "it" ("made it clear") or "make" ("make clear") it is a noun or an
        // adjective.
        if is_determiner(prev)
            || matches!(prev, "make" | "makes" | "made" | "making")
            || is_title_modifier(prev)
            || prev.ends_with("'s")
            || prev.ends_with("\u{2019}s")
            || prev == "it"
            || (is_preposition(prev) && prev != "to")
        {
            return false;
        }
        // After a name that follows a determiner: "the SCMP report".
        if i > 0 && self.act_at_token(i - 1) {
            if let Some(a) = self.act_at[i - 1].map(|k| &self.acts[k]) {
                if a.start > 0 && is_determiner(self.lword(a.start - 1)) && a.end - a.start == 1 {
                    return false;
                }
            }
        }
        // A participle after another verb: "provide urgently needed materials".
        if w.ends_with("ed") && i > 1 {
            let k = if self.lword(i - 1).ends_with("ly") { i - 2 } else { i - 1 };
            if self.lex.verbs.by_form.contains_key(self.lword(k)) && k + 1 < i {
                return false;
            }
        }
        true
    }

    fn is_passive(&self, v: usize) -> bool {
        let w = self.lword(v);
        let participle = w.ends_with("ed") || w.ends_with("en") || w.ends_with('t');
        participle && v > 0 && {
            let mut k = v - 1;
            // "was strongly criticised": skip adverbs.
            while k > 0 && self.lword(k).ends_with("ly") {
                k -= 1;
            }
            matches!(self.lword(k), "is" | "are" | "was" | "were" | "been" | "being" | "be")
        }
    }

    /// The subject: heads of the noun phrases of the clause before the verb
    /// that are not inside a prepositional phrase; two when joined by "and".
    fn subject(&self, ra: usize, v: usize) -> Option<Vec<Act>> {
        let mut i = ra;
        let mut found: Vec<Act> = Vec::new();
        while i < v {
            if let Some(a) = self.act_starting(i).cloned() {
                let in_pp = self.preceded_by_preposition(a.start, ra);
                if !in_pp && !a.locative {
                    let head = self.np_head(a, v);
                    let next = head.end;
                    found.push(head);
                    // "A and B": a compound subject.
                    if self.word(next) == "and" {
                        if let Some(b) = (next + 1..v.min(next + 6)).find_map(|j| self.act_starting(j)).cloned() {
                            found.push(self.np_head(b, v));
                        }
                    }
                    return Some(found);
                }
                i = a.end;
            } else {
                i += 1;
            }
        }
        None
    }

    /// Whether a preposition governs the tokens before `start` (within the
    /// noun phrase: determiners, adjectives, possessives in between).
    fn preceded_by_preposition(&self, start: usize, floor: usize) -> bool {
        let mut k = start;
        while k > floor {
            let w = self.lword(k - 1);
            if is_preposition(w) {
                return true;
            }
            let np_word = is_determiner(w)
                || w.chars().all(char::is_lowercase)
                    && !self.lex.verbs.by_form.contains_key(w)
                    && w.len() > 2
                    && k + 3 > start;
            if !np_word {
                return false;
            }
            k -= 1;
        }
        false
    }

    /// The head of the noun phrase starting with `a`: "Chinese President Xi
    /// Jinping" is Xi Jinping, "Cambodian Prime Minister Hun Sen" Hun Sen.
    pub(crate) fn np_head(&self, a: Act, limit: usize) -> Act {
        let mut head = a;
        loop {
            let next = (head.end..limit.min(head.end + 4)).find_map(|j| self.act_starting(j)).cloned();
            // Between the two: titles and nouns ("U.S. Secretary of State Mike
            // Pompeo", "his US counterpart Donald Trump"), not verbs, commas or
            // other prepositions.
            let joins = |j: usize| {
                let w = self.lword(j);
                self.word(j).starts_with(char::is_uppercase)
                    || matches!(w, "the" | "of" | "'s" | "\u{2019}s")
                    || (w.chars().all(char::is_alphabetic)
                        && !self.lex.verbs.by_form.contains_key(w)
                        && !is_preposition(w)
                        && !is_list_link(w))
            };
            match next {
                Some(n) if (head.end..n.start).all(joins) => head = n,
                _ => return head,
            }
        }
    }

    fn first_actor(&self, from: usize, to: usize) -> Option<Act> {
        (from..to).find_map(|j| self.act_starting(j)).filter(|a| !a.locative).cloned().map(|a| self.np_head(a, to))
    }

    /// Targets after the verb: the first actor not in a place phrase, and the
    /// actors listed with it.
    fn targets_after(&self, v: usize, right: usize, sources: &[Act]) -> Vec<Act> {
        let mut j = v + 1;
        while j < right {
            if let Some(a) = self.act_starting(j).cloned() {
                if !a.locative && !sources.iter().any(|s| s.start == a.start) {
                    return self.with_list(self.np_head(a, right), right);
                }
                j = a.end;
            } else {
                j += 1;
            }
        }
        Vec::new()
    }

    /// An actor and those listed after it ("Pakistan and Japan", "A, B, and
    /// the C").
    fn with_list(&self, first: Act, right: usize) -> Vec<Act> {
        let mut out = vec![first];
        loop {
            let last_end = out.last().map_or(right, |a| a.end);
            let mut j = last_end;
            let mut linked = false;
            while j < right && is_list_link(self.lword(j)) {
                linked |= matches!(self.word(j), "," | "and" | "or" | "including");
                j += 1;
            }
            // Titles and adjectives before a listed name: "Mongolian President X".
            let next = (j..right.min(j + 5)).find_map(|k| self.act_starting(k)).cloned();
            match next {
                Some(n)
                    if linked
                        && (j..n.start).all(|k| {
                            self.word(k).chars().next().is_some_and(char::is_uppercase) || self.lword(k) == "the"
                        }) =>
                {
                    if n.locative {
                        return out;
                    }
                    out.push(self.np_head(n, right));
                }
                _ => return out,
            }
        }
    }
}

#[cfg(test)]
mod tests;
