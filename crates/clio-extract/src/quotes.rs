//! Quotations, direct and indirect, with their speakers.
//!
//! Direct quotes are read mark by mark: curly marks open and close, a
//! straight mark toggles; a quote still open at the end of a paragraph goes
//! on when the next paragraph opens with a mark (the news convention: 004's
//! Xi quote), else it ends there. A stray mark never stops the others.
//!
//! The speaker is the subject, in the parse, of the speech verb of the
//! attribution, sought in this order: a transcript line's name before a
//! colon (`“PENCE: Well, ...”`); after the closing mark, in its paragraph
//! and, when the quote ends its sentence, in that sentence (`,” Ma said`,
//! `” said the ministry`, `,” the mayor told reporters, referring to
//! Smith`: the mayor, not Smith; `,” Chen assured them`: any verb right
//! after a comma quote and a short noun phrase); a dash and a name after
//! it; the clause before the opening mark (`Xi said: “`, a colon ending the
//! paragraph before, `Haddad was blunt: “`); "according to X" opening its
//! sentence. A partial quote inside a clause ("is “tied for second” with
//! Rubio") is attributed by what governs it, never by a verb after it. Of
//! two subjects the parse gives a verb, the nearest, unless a comma closes
//! it off as an appositive; participles and joined verbs borrow their
//! clause's subject; nothing inside quotation marks speaks for a quote.
//! A quote with no attribution of its own continues the speaker of the
//! quote just before it, in its paragraph or the one before. The speaker
//! is an entity where the entity layer knows one (pronouns and bare
//! surnames through coreference), and in every case the words that name it
//! ("a senior official"). A short quoted phrase with no speaker and no
//! sentence inside it, or one only a labelling verb governs ("called it a
//! “done deal”"), is a quoted term, kept apart from speech.
//!
//! Indirect quotes: a speech or cognition verb's "that"-clause or complement
//! ("X said (that) ...", "..., X said"), "according to X, ...", and "adding
//! that ..." after a speaker; a narrator's clause with no such verb is not
//! reported speech.

use clio_model::{Doc, EntityType, Layer, LowerWords, Quote, QuoteKind, Rel, Span, Stage, Upos, Xpos};

word_list! {
    /// Lemmas of verbs that report speech or writing.
    pub(crate) fn is_speech_lemma = [
        "say", "tell", "add", "note", "stress", "emphasize", "emphasise", "point", "state", "announce", "warn",
        "insist", "reiterate", "explain", "argue", "claim", "assert", "remark", "observe", "affirm", "declare",
        "write", "tweet", "quote", "ask", "reply", "respond", "answer", "acknowledge", "admit", "concede",
        "continue", "recall", "suggest", "predict", "complain", "charge", "allege", "conclude", "confirm",
        "deny", "contend", "maintain", "testify", "post", "joke", "quip", "shout", "boast", "vow", "promise",
        "urge", "caution", "counter", "retort", "exclaim", "whisper", "mutter", "report", "reveal", "recount",
        "tout", "lament", "demand", "vent", "recommend", "remember", "chant", "elaborate", "assure", "yell",
        "scream", "riff", "muse", "plead", "rail", "scoff", "gush", "concur", "interject", "wonder",
    ]
}

word_list! {
    /// Nouns of when a thing was said, which the parser may take for its
    /// subject ("Iran earlier today said").
    fn is_time_noun = [
        "today", "yesterday", "tonight", "tomorrow", "monday", "tuesday", "wednesday", "thursday", "friday",
        "saturday", "sunday", "morning", "afternoon", "evening", "night", "weekend",
    ]
}
word_list! {
    /// Prepositions of where, when, how or to whom something was said ("in
    /// a statement", "after the meeting", "to reporters").
    fn is_setting_preposition = ["in", "at", "on", "after", "before", "during", "to", "with", "through", "via", "over"]
}
word_list! {
    /// Speech verbs whose object is whom they are said to ("told Reuters").
    fn is_telling_lemma = ["tell", "inform", "assure", "warn", "remind", "notify", "advise", "brief", "reassure"]
}
word_list! {
    /// Lemmas of verbs that say what someone called something: a quoted
    /// phrase in their clause is the subject's words ("blasted the media for
    /// being “dishonest”").
    fn is_labelling_lemma = [
        "call", "describe", "blast", "slam", "label", "brand", "dub", "term", "deem", "accuse", "criticize",
        "criticise", "praise", "mock", "dismiss", "denounce", "condemn", "attack", "hail", "refer", "characterize",
        "characterise", "liken", "compare", "vow", "pledge", "promise", "threaten", "urge",
    ]
}

word_list! {
    /// Lemmas of verbs that report a thought: with a clause complement
    /// they attribute it as indirect speech does.
    fn is_cognition_lemma = [
        "believe", "think", "expect", "hope", "fear", "worry", "doubt", "feel", "suspect", "estimate", "reckon",
        "assume", "agree", "calculate", "forecast",
    ]
}

word_list! {
    /// Nouns that describe a person ("the billionaire businessman", "the
    /// Democratic nominee"): a definite one refers to someone named before.
    pub(crate) fn is_person_noun = [
        "president", "candidate", "nominee", "businessman", "businesswoman", "billionaire", "senator", "governor",
        "congressman", "congresswoman", "lawmaker", "mogul", "frontrunner", "front-runner", "hopeful", "rival",
        "challenger", "incumbent", "star", "host", "commentator", "chairman", "chairwoman", "leader", "premier",
        "minister", "secretary", "mayor", "speaker", "prosecutor", "judge", "general", "ambassador", "envoy",
        "spokesman", "spokeswoman", "spokesperson", "executive", "founder", "director", "chief", "attorney",
        "lawyer", "activist", "author", "economist", "analyst", "official", "veteran", "reporter", "pastor",
        "actor", "actress", "singer", "rapper", "comedian", "player", "coach", "woman", "man",
    ]
}

/// Forms of the commonest speech verbs, for text the language layer has not
/// read (a lemma is then missing).
fn is_speech_form(w: &str) -> bool {
    matches!(
        w,
        "said"
            | "says"
            | "say"
            | "told"
            | "tells"
            | "added"
            | "adds"
            | "adding"
            | "noted"
            | "saying"
            | "wrote"
            | "stated"
            | "stressed"
            | "explained"
            | "argued"
            | "claimed"
            | "tweeted"
            | "warned"
            | "insisted"
    )
}

/// Forms no other part of speech shares: speech verbs even where the
/// tagger, on a long or odd sentence, read them as something else.
fn is_unmistakable_speech(w: &str) -> bool {
    matches!(
        w,
        "said" | "says" | "told" | "tells" | "tweeted" | "stated" | "wrote" | "insisted" | "explained" | "replied"
    )
}

/// Token -> between quotation marks in its paragraph: curly and backquote
/// marks open and close, straight marks toggle.
fn inside_marks(doc: &Doc) -> Vec<bool> {
    let mut out = vec![false; doc.tokens.len()];
    let mut inside = false;
    let mut para = 0;
    for (k, t) in doc.tokens.iter().enumerate() {
        let p = doc.paragraphs.partition_point(|p| p.end() < t.span.start());
        if p != para {
            (para, inside) = (p, false);
        }
        match doc.slice(t.span) {
            "\u{201C}" | "``" => inside = true,
            "\u{201D}" => inside = false,
            "\"" | "''" => inside = !inside,
            _ => out[k] = inside,
        }
    }
    out
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
        r.resolve_it(&mut quotes);
        doc.quotes = quotes;
        doc.quoted_terms = terms;
    }
}

/// An opening mark; straight marks ("), two apostrophes ('') and two
/// backquotes (``) open or close, as the text reads.
fn is_open(w: &str) -> bool {
    matches!(w, "\u{201C}" | "\"" | "''" | "``")
}

fn is_close(w: &str) -> bool {
    matches!(w, "\u{201D}" | "\"" | "''")
}

/// A mark that opens as well as it closes.
fn is_toggle(w: &str) -> bool {
    matches!(w, "\"" | "''")
}

/// Who a quote is attributed to: the entity, the words that name the
/// speaker, and the speech verb.
#[derive(Clone, Copy, Default)]
struct Attribution {
    entity: Option<u32>,
    span: Option<Span>,
    verb: Option<usize>,
}

impl Attribution {
    fn is_some(&self) -> bool {
        self.entity.is_some() || self.span.is_some()
    }
}

struct Reader<'a> {
    doc: &'a Doc,
    /// Token -> the entity (person or organisation, pronouns included) of
    /// the mention there.
    speaker_at: Vec<Option<u32>>,
    /// Token -> the country named there: a country speaks when it is the
    /// whole of the speaker's phrase ("Iran said", "the United States
    /// announced"), for its government; "U.S. officials" are no country.
    country_at: Vec<Option<u32>>,
    /// Token -> its sentence.
    sentence_of: Vec<u32>,
    lw: std::borrow::Cow<'a, LowerWords>,
    parsed: bool,
    /// Token -> inside a time expression.
    in_time: Vec<bool>,
    /// Token -> between quotation marks (by a first reading of the marks
    /// of its paragraph): no speaker of a quote is inside one.
    in_quote: Vec<bool>,
}

impl<'a> Reader<'a> {
    fn new(doc: &'a Doc) -> Reader<'a> {
        // Who can speak: people and organisations, by every mention
        // (pronouns resolved by coreference included).
        let mut speaker_at = vec![None; doc.tokens.len()];
        let mut country_at = vec![None; doc.tokens.len()];
        for e in &doc.entities {
            let slots = if e.etype != EntityType::Loc {
                &mut speaker_at
            } else if e.place.as_ref().is_some_and(|p| p.is_country) {
                &mut country_at
            } else {
                continue;
            };
            for m in &e.mentions {
                let start = doc.tokens.partition_point(|t| t.span.end() <= m.span.start());
                let end = doc.tokens.partition_point(|t| t.span.start() < m.span.end());
                for slot in slots.iter_mut().take(end).skip(start) {
                    slot.get_or_insert(e.id);
                }
            }
        }
        let mut sentence_of = vec![0; doc.tokens.len()];
        for (i, s) in doc.sentences.iter().enumerate() {
            for slot in sentence_of.iter_mut().take(s.token_end as usize).skip(s.token_start as usize) {
                *slot = i as u32;
            }
        }
        let parsed = doc.syntax.len() == doc.tokens.len();
        let mut in_time = vec![false; doc.tokens.len()];
        for t in &doc.time_exprs {
            let start = doc.tokens.partition_point(|x| x.span.end() <= t.span.start());
            let end = doc.tokens.partition_point(|x| x.span.start() < t.span.end());
            for slot in in_time.iter_mut().take(end).skip(start) {
                *slot = true;
            }
        }
        let in_quote = inside_marks(doc);
        Reader { doc, speaker_at, country_at, sentence_of, lw: doc.lower_words(), parsed, in_time, in_quote }
    }

    fn w(&self, i: usize) -> &str {
        self.lw.get(i)
    }

    fn raw(&self, i: usize) -> &str {
        self.doc.tokens.get(i).map_or("", |t| self.doc.slice(t.span))
    }

    fn rel(&self, i: usize) -> Rel {
        self.doc.syntax.rel.get(i).copied().unwrap_or_default()
    }

    fn upos(&self, i: usize) -> Upos {
        self.doc.syntax.upos.get(i).copied().unwrap_or_default()
    }

    /// A speech verb: by its lemma where the text was parsed (and read as a
    /// verb), else by its form; never a word inside a name.
    fn is_speech(&self, i: usize) -> bool {
        // "as Vulture put it": the idiom reports words.
        let put_it = matches!(self.w(i), "put" | "puts") && self.w(i + 1) == "it";
        let verb = if self.parsed {
            (matches!(self.upos(i), Upos::Verb) && self.has_speech_lemma(i))
                || is_unmistakable_speech(self.w(i))
                || put_it
        } else {
            is_speech_form(self.w(i))
        };
        verb && self.speaker_at.get(i).is_some_and(Option::is_none) && !self.in_quote[i]
    }

    /// Whether the word at `i` is a form of a speech verb: by its lemma,
    /// or by its regular endings where the lemmatiser missed ("boasted").
    fn has_speech_lemma(&self, i: usize) -> bool {
        if is_speech_lemma(&self.doc.syntax.lemma(i).to_lowercase()) {
            return true;
        }
        let w = self.w(i);
        let stem = |suffix: &str| w.strip_suffix(suffix).filter(|s| s.len() > 2);
        ["ed", "d", "es", "s", "ing"].into_iter().filter_map(stem).any(is_speech_lemma)
            || stem("ing").is_some_and(|s| is_speech_lemma(&format!("{s}e")))
    }

    fn paragraph_of(&self, tok: usize) -> usize {
        let at = self.doc.tokens[tok].span.start();
        self.doc.paragraphs.partition_point(|p| p.end() < at)
    }

    fn sentence(&self, i: usize) -> (usize, usize) {
        let s = &self.doc.sentences[self.sentence_of[i] as usize];
        (s.token_start as usize, s.token_end as usize)
    }

    /// Whether entity `e` is a person.
    fn is_person(&self, e: u32) -> bool {
        self.doc.entities.get(e as usize - 1).is_some_and(|x| x.etype == EntityType::Person)
    }

    /// The country a speaker's phrase is, when it is nothing else ("Iran",
    /// "the United States").
    fn country_speaking(&self, phrase: std::ops::Range<usize>) -> Option<u32> {
        let c = phrase.clone().find_map(|k| self.country_at[k])?;
        phrase.into_iter().all(|k| self.country_at[k] == Some(c) || self.w(k) == "the").then_some(c)
    }

    /// The subject of speech verb `v` in the parse: a participle ("adding",
    /// "saying") borrows its clause's. The speaker is the subject's noun
    /// phrase; its entity is the one mentioned there (a pronoun or a bare
    /// surname through coreference).
    /// `quoted` is the quote's own tokens: a subject there is the parser's
    /// slip, as is a date ("said Friday").
    fn attribution(&self, v: usize, quoted: std::ops::Range<usize>) -> Attribution {
        let mut a = Attribution { verb: Some(v), ..Attribution::default() };
        if !self.parsed {
            return a;
        }
        let (lo, hi) = self.sentence(v);
        // Of two subjects the parse gave a verb, the one nearest before it
        // ("In a swipe against X, Clinton said"), unless a comma closes it
        // off as an appositive ("Yang, also director of ..., said").
        let subject_of = |h: usize| {
            let is_subject = |&k: &usize| {
                self.doc.syntax.head_of(k) == Some(h)
                    && self.rel(k).is_subject()
                    && k != h
                    && !quoted.contains(&k)
                    && !self.in_quote[k]
                    && !self.in_time[k]
                    && !is_time_noun(self.w(k))
            };
            let before: Vec<usize> = (lo..h).filter(is_subject).collect();
            match before[..] {
                [.., first, last] if (last..h).any(|k| self.raw(k) == ",") => Some(first),
                [.., last] => Some(last),
                [] => (h + 1..hi).find(is_subject),
            }
        };
        // "sought to calm them, and took a heckler in stride, saying": up
        // through participles and joined verbs to the clause's subject.
        let mut subject = subject_of(v).or_else(|| self.subject_next_to(v, lo, &quoted));
        let mut cur = v;
        for _ in 0..3 {
            if subject.is_some() || !matches!(self.rel(cur), Rel::Advcl | Rel::Xcomp | Rel::Conj) {
                break;
            }
            let Some(mut h) = self.doc.syntax.head_of(cur).filter(|&h| !self.in_quote[h]) else { break };
            // A participle the parser hung on the verb of a "that"-clause
            // ("dismissed fears that the takeover would break the law,
            // saying ...") speaks for the sentence's own clause: the
            // clause's subject is what was feared, not who spoke.
            if self.rel(cur) == Rel::Advcl
                && self.doc.syntax.xpos.get(cur) == Some(&Xpos::Vbg)
                && matches!(self.rel(h), Rel::Ccomp | Rel::Acl | Rel::AclRelcl)
            {
                while let Some(up) = self.doc.syntax.head_of(h).filter(|&u| (lo..hi).contains(&u)) {
                    h = up;
                }
            }
            subject = subject_of(h);
            cur = h;
        }
        // "X, who said ...": a relative pronoun stands for the noun the
        // clause describes.
        let relative = |k: usize| matches!(self.w(k), "who" | "that" | "which");
        let subject = match subject {
            Some(k) if relative(k) => self
                .relative_head(v)
                .or_else(|| self.doc.syntax.head_of(k).and_then(|c| self.relative_head(c)))
                // "Briam, who ..., also said": the name before the comma.
                .or_else(|| {
                    (k >= lo + 2 && self.raw(k - 1) == "," && matches!(self.upos(k - 2), Upos::Propn | Upos::Noun))
                        .then(|| k - 2)
                })
                .or(Some(k)),
            other => other,
        };
        let Some(h) = subject else {
            // "Boreing said": a name the tagger took for something else
            // still opens the clause, in capitals.
            let names = (lo..cur).all(|k| {
                (self.raw(k).chars().next().is_some_and(char::is_uppercase) || self.raw(k) == ".")
                    && !matches!(
                        self.upos(k),
                        Upos::Adp
                            | Upos::Sconj
                            | Upos::Cconj
                            | Upos::Det
                            | Upos::Pron
                            | Upos::Adv
                            | Upos::Part
                            | Upos::Num
                    )
            });
            if cur > lo && cur - lo <= 4 && names && !self.in_quote[lo] {
                a.span = Span::new(self.doc.tokens[lo].span.start(), self.doc.tokens[cur - 1].span.end());
                a.entity = (lo..cur)
                    .find_map(|k| self.speaker_at[k])
                    .or_else(|| self.person_named(self.raw(cur - 1)))
                    .or_else(|| self.country_speaking(lo..cur));
            }
            return a;
        };
        // The noun phrase: the head and what modifies it, not the clauses
        // that hang on it ("X, who ... , said").
        let (mut from, mut to) = (h, h + 1);
        let mut stack = vec![h];
        while let Some(n) = stack.pop() {
            from = from.min(n);
            to = to.max(n + 1);
            for k in lo..hi {
                if self.doc.syntax.head_of(k) == Some(n)
                    && matches!(
                        self.rel(k),
                        Rel::Det
                            | Rel::Amod
                            | Rel::Compound
                            | Rel::Flat
                            | Rel::NmodPoss
                            | Rel::NmodDesc
                            | Rel::Nummod
                            | Rel::Case
                            | Rel::Nmod
                    )
                {
                    stack.push(k);
                }
            }
        }
        // A person named right before a body's phrase ("Bijan Rahmani of
        // Harvard's energy centre") is who speaks, of that body, however
        // the parser headed the phrase: at the body, or at its preposition.
        let of_body = |k: usize| matches!(self.w(k), "of" | "for" | "at" | "with");
        // (Never a person inside what was said.)
        let person_before = |k: usize| {
            self.speaker_at[k - 1].filter(|&e| self.is_person(e) && !quoted.contains(&(k - 1)) && !self.in_quote[k - 1])
        };
        // (Or before the person's role and a comma: "Mark Rogers, paper
        // analyst for Prudential Bache said"; the words naming the speaker
        // then start at the role, after the comma that sets off what was
        // said before the name.)
        let role_start = (lo + 2..from)
            .rev()
            .take(6)
            .take_while(|&k| self.raw(k).starts_with(char::is_lowercase) && self.upos(k) != Upos::Verb)
            .last()
            .filter(|&k| self.raw(k - 1) == ",");
        let at_preposition = (from > lo && of_body(from))
            .then(|| {
                person_before(from)
                    .map(|p| {
                        let mut start = from - 1;
                        while start > lo && self.speaker_at[start - 1] == Some(p) {
                            start -= 1;
                        }
                        (p, start)
                    })
                    .or_else(|| role_start.and_then(|k| person_before(k - 1).map(|p| (p, k))))
            })
            .flatten();
        let inside = || {
            (from + 1..to)
                .find(|&k| of_body(k))
                .and_then(|k| {
                    person_before(k).filter(|&p| (from..k).all(|j| self.speaker_at[j].is_none_or(|e| e == p)))
                })
                .map(|p| (p, from))
        };
        if let Some((p, start)) = at_preposition.or_else(inside) {
            a.span = Span::new(self.doc.tokens[start].span.start(), self.doc.tokens[to - 1].span.end());
            a.entity = Some(p);
            return a;
        }
        a.span = Span::new(self.doc.tokens[from].span.start(), self.doc.tokens[to - 1].span.end());
        a.entity = self.speaker_at[h].or_else(|| (from..to).find_map(|k| self.speaker_at[k])).or_else(|| {
            if let Some(c) = self.country_speaking(from..to) {
                return Some(c);
            }
            // A surname the entity layer did not tie to its person.
            if to - from == 1 && self.upos(h) == Upos::Propn {
                return self.person_named(self.raw(h));
            }
            // "the mayor": the person of that role named before; "the
            // billionaire businessman": the person last named.
            if !matches!(self.w(from), "the") {
                return None;
            }
            let before = self.doc.tokens[from].span.start();
            self.person_with_role(self.w(h), before)
                .or_else(|| is_person_noun(self.w(h)).then(|| self.last_person(before)).flatten())
        });
        a
    }

    /// The subject of speech verb `v` the parse lost, read along the text:
    /// the noun right before a finite verb after "and" or "but" ("..., and
    /// diplomats said", with "diplomats" joined to something else), or the
    /// noun of a "with" right before a participle ("with Lima saying").
    fn subject_next_to(&self, v: usize, lo: usize, quoted: &std::ops::Range<usize>) -> Option<usize> {
        let k = v.checked_sub(1).filter(|&k| k >= lo)?;
        let nominal = matches!(self.upos(k), Upos::Noun | Upos::Propn | Upos::Pron)
            && !quoted.contains(&k)
            && !self.in_quote[k]
            && !self.in_time[k];
        if !nominal {
            return None;
        }
        let case = |w: &str| {
            (lo..k).any(|c| self.doc.syntax.head_of(c) == Some(k) && self.rel(c) == Rel::Case && self.w(c) == w)
        };
        let finite = matches!(self.doc.syntax.xpos.get(v), Some(Xpos::Vbd | Xpos::Vbz | Xpos::Vbp));
        // (Not after a capitalised word: "Standard and Poor's said" is one
        // name.)
        let after_and =
            k > lo + 1 && matches!(self.w(k - 1), "and" | "but") && !self.raw(k - 2).starts_with(char::is_uppercase);
        // (Someone: a name, a pronoun or a group, "with analysts saying".)
        let someone = matches!(self.upos(k), Upos::Propn | Upos::Pron)
            || matches!(self.doc.syntax.xpos.get(k), Some(Xpos::Nns | Xpos::Nnps));
        let participle = self.doc.syntax.xpos.get(v) == Some(&Xpos::Vbg);
        ((finite && after_and) || (participle && someone && case("with"))).then_some(k)
    }

    /// The first token of the quote that closes at `close`: its opening
    /// mark, searched back in its paragraph.
    fn quote_start(&self, close: usize) -> usize {
        let para = self.paragraph_of(close);
        (0..close)
            .rev()
            .take_while(|&k| self.paragraph_of(k) + 1 >= para)
            .find(|&k| is_open(self.raw(k)))
            .unwrap_or(close)
    }

    /// The noun a relative clause (headed by verb `v`, or a verb it is
    /// joined to) describes.
    fn relative_head(&self, v: usize) -> Option<usize> {
        let mut cur = v;
        for _ in 0..3 {
            let h = self.doc.syntax.head_of(cur)?;
            match self.rel(cur) {
                Rel::AclRelcl | Rel::Acl => return Some(h),
                Rel::Conj => cur = h,
                _ => return None,
            }
        }
        None
    }

    /// The last person named before `before` whose role has the word
    /// `role` ("the mayor" after "Mayor Bill de Blasio").
    fn person_with_role(&self, role: &str, before: usize) -> Option<u32> {
        if role.len() < 3 {
            return None;
        }
        self.doc
            .entities
            .iter()
            .filter(|e| e.etype == EntityType::Person)
            .filter(|e| e.roles.iter().any(|r| r.split_whitespace().any(|w| w.eq_ignore_ascii_case(role))))
            .filter_map(|e| e.mentions.iter().map(|m| m.span.start()).filter(|&s| s < before).max().map(|s| (s, e.id)))
            .max()
            .map(|(_, id)| id)
    }

    /// The person mentioned last before `before`.
    fn last_person(&self, before: usize) -> Option<u32> {
        self.doc
            .entities
            .iter()
            .filter(|e| e.etype == EntityType::Person)
            .filter_map(|e| e.mentions.iter().map(|m| m.span.start()).filter(|&s| s < before).max().map(|s| (s, e.id)))
            .max()
            .map(|(_, id)| id)
    }

    /// The person whose name ends with `surname` (any case: "PENCE").
    fn person_named(&self, surname: &str) -> Option<u32> {
        self.doc
            .entities
            .iter()
            .rev()
            .find(|e| {
                e.etype == EntityType::Person
                    && e.name.split_whitespace().last().is_some_and(|l| l.eq_ignore_ascii_case(surname))
            })
            .map(|e| e.id)
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
            let new_paragraph = i > 0 && self.paragraph_of(i) != self.paragraph_of(i - 1);
            // A straight mark that ends its paragraph closes what was said
            // (whatever mark was missed before it): it opens nothing.
            let ends_paragraph = i + 1 >= toks.len() || self.paragraph_of(i + 1) != self.paragraph_of(i);
            match open {
                None if is_open(w) && !(is_toggle(w) && ends_paragraph) => open = Some(i),
                // A closing mark that opens a paragraph opens a quote: a
                // slip of the keyboard some sites make.
                None if w == "\u{201D}" && new_paragraph => open = Some(i),
                // A straight mark opening a paragraph while a quote from the
                // one before is open continues it, or, on a transcript's
                // next line ("WALLACE: ..."), starts the next speaker's.
                Some(o) if is_toggle(w) && new_paragraph && self.paragraph_of(o) < self.paragraph_of(i) => {
                    let next_speaker = self.transcript(i + 1, toks.len().min(i + 6)).is_some();
                    if next_speaker {
                        self.finish_quote(o, i, &mut quotes, &mut terms);
                        open = Some(i);
                    }
                }
                Some(o) if is_close(w) && i > o + 1 => {
                    self.finish_quote(o, i, &mut quotes, &mut terms);
                    open = None;
                }
                Some(o) if is_open(w) && !is_toggle(w) => {
                    // A new opening mark: fine at the start of a paragraph that
                    // continues the quote; otherwise the earlier mark was stray.
                    let continues = new_paragraph && self.paragraph_of(o) < self.paragraph_of(i);
                    if !continues {
                        // A curly quote inside a transcript line (`"PENCE:
                        // ... an episode of “Shark Tank.” ...`) ends what the
                        // line said so far.
                        let line = is_toggle(self.raw(o)) && self.transcript(o + 1, i).is_some();
                        if line && self.paragraph_of(o) == self.paragraph_of(i) {
                            self.finish_quote(o, i, &mut quotes, &mut terms);
                        }
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
        self.continue_speakers(&mut quotes);
        (quotes, terms)
    }

    /// A quote between the mark at `o` and the one at `c` (or the end of
    /// its paragraph).
    fn finish_quote(&self, o: usize, c: usize, quotes: &mut Vec<Quote>, terms: &mut Vec<Span>) {
        let toks = &self.doc.tokens;
        let first = o + 1;
        let mut last = c;
        while last > first && (matches!(self.raw(last - 1), ",") || is_open(self.raw(last - 1))) {
            last -= 1;
        }
        if last <= first {
            return;
        }
        // The cues, most specific first: a transcript line's name (no part
        // of what was said), the attribution after the quote, a dash and a
        // name after it, the clause before it, "according to" in its
        // sentence.
        let mut first = first;
        let mut attribution = None;
        if let Some((a, colon)) = self.transcript(first, last) {
            attribution = Some(a);
            first = colon + 1;
        }
        if last <= first {
            return;
        }
        let Some(span) = Span::new(toks[first].span.start(), toks[last - 1].span.end()) else { return };
        let attribution = attribution
            .or_else(|| self.speaker_after(c))
            .or_else(|| self.dash_after(c))
            .or_else(|| self.speaker_before(o))
            .or_else(|| self.according_to(first))
            .or_else(|| self.said_at_end(c));
        let words = (first..last).filter(|&k| toks[k].kind != clio_model::TokenKind::Punct).count();
        let sentence_inside = (first..last).any(|k| matches!(self.raw(k), "." | "!" | "?" | ","));
        // A short phrase only a labelling verb governs ("called it a “done
        // deal”") is a term the writer quotes, not a quotation.
        let phrase = words <= 4 && !sentence_inside;
        // A short phrase in capitals inside a sentence names something
        // (its movie “Beverly Hills Cop II”, an “R” rating): a title, not
        // a quotation.
        let titled = phrase
            && (first..last)
                .filter(|&k| toks[k].kind != clio_model::TokenKind::Punct)
                .all(|k| self.raw(k).starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()));
        if titled && o > self.sentence(o).0 && !matches!(self.raw(o - 1), ":" | "," | "-" | "\u{2014}") {
            terms.push(span);
            return;
        }
        let attribution = attribution
            .or_else(|| self.governing_verb(first, last, phrase))
            .or_else(|| if phrase { None } else { self.sentence_before(o) })
            .unwrap_or_default();
        if attribution.verb.is_none() && !attribution.is_some() && words <= 4 && !sentence_inside {
            terms.push(span);
            return;
        }
        quotes.push(Quote {
            kind: QuoteKind::Direct,
            speaker: attribution.entity,
            speaker_span: attribution.span,
            span,
            verb: attribution.verb.and_then(|v| toks.get(v)).map(|t| t.span),
        });
    }

    /// The speech verb after a closing mark, in its sentence: `,” Ma said`,
    /// `” said the ministry`, `,” the mayor told reporters`.
    fn speaker_after(&self, close: usize) -> Option<Attribution> {
        let n = self.doc.tokens.len();
        if close + 1 >= n {
            return None;
        }
        // Up to the end of the sentence the attribution is in, or the next
        // opening mark.
        // Only a quote that ends at punctuation (`,”`, `?”`, `”,`) is
        // attributed after it: "is “tied for second” with Rubio, in a
        // finish he said ..." is a phrase inside its own clause. Never
        // past the paragraph.
        let para = self.paragraph_of(close);
        if !is_close(self.raw(close)) {
            return None;
        }
        let ends_at_punct = close > 0
            && matches!(
                self.raw(close - 1),
                "," | "." | "?" | "!" | "\u{2026}" | "\u{2014}" | "-" | "--" | "'" | "\u{2019}"
            )
            || self.raw(close + 1) == ",";
        if !ends_at_punct || self.paragraph_of(close + 1) != para {
            return None;
        }
        // A quote that ends its sentence (`.”`) has its attribution in that
        // sentence or none after it.
        let stop = if matches!(self.raw(close - 1), ".") { close } else { close + 1 };
        let (_, sentence_end) = self.sentence(stop);
        let limit = n.min(close + 24).min(sentence_end.max(close + 2));
        let end = (close + 1..limit).find(|&k| is_open(self.raw(k)) || self.paragraph_of(k) != para).unwrap_or(limit);
        // Right after the quote a speech lemma speaks whatever the tagger
        // made of it (`,” Viguerie notes.`).
        let near = |k: usize| {
            k <= close + 5
                && self.speaker_at[k].is_none()
                && is_speech_lemma(&self.doc.syntax.lemma(k).to_lowercase())
                && k > 0
                && matches!(self.upos(k - 1), Upos::Propn | Upos::Pron)
        };
        // `,” Trump assured Jones`: after a quote that ends with a comma
        // (or ? or !), a short noun phrase and its verb attribute it, the
        // verb whatever it is.
        let continues = close > 0 && matches!(self.raw(close - 1), "," | "?" | "!");
        let any_verb = |k: usize| {
            continues
                && self.parsed
                && k <= close + 6
                && self.upos(k) == Upos::Verb
                && k > close + 1
                && (close + 1..k).all(|j| self.nominal(j))
        };
        let verb = (close + 1..end).find(|&k| self.is_speech(k) || (self.parsed && near(k)) || any_verb(k))?;
        let quoted = self.quote_start(close)..close + 1;
        // The subject follows the quote (`,” the mayor said`) or the verb
        // (`,” said the mayor`); one before the quote is the parser's slip.
        let quoted = self.sentence(verb).0.min(quoted.start)..close + 1;
        let a = self.with_window(self.attribution(verb, quoted), close + 1, verb, true);
        if a.is_some() {
            return Some(a);
        }
        // A verb with no one to say it (`,” adding, “...”`, `,” when
        // asked whether ...`) leaves the quote to the clause before it.
        let a = self.inverted(verb, end);
        let a = if a.is_some() { a } else { self.noun_phrase_between(close + 1, verb, a) };
        a.is_some().then_some(a)
    }

    /// A word that can be part of a short noun phrase naming a speaker.
    fn nominal(&self, k: usize) -> bool {
        matches!(self.upos(k), Upos::Det | Upos::Adj | Upos::Noun | Upos::Propn | Upos::Num | Upos::Pron | Upos::Punct)
            && !matches!(self.raw(k), "," | "." | ";" | ":" | "(" | ")")
            && !is_open(self.raw(k))
            && !is_close(self.raw(k))
    }

    /// `,” the 43-year-old asked`: the words between the quote and its
    /// verb name the speaker when they are a short noun phrase, whatever
    /// the parse made of them.
    fn noun_phrase_between(&self, from: usize, verb: usize, mut a: Attribution) -> Attribution {
        // A bracketed party and state ("Jason Chaffetz (R-Utah)") is part
        // of the name.
        let bracket = |k: usize| matches!(self.raw(k), "(" | ")");
        if verb > from && verb - from <= 10 && (from..verb).all(|k| self.nominal(k) || bracket(k)) {
            a.span = Span::new(self.doc.tokens[from].span.start(), self.doc.tokens[verb - 1].span.end());
        }
        a
    }

    /// `,” said one Democrat familiar with the talks`: the noun phrase right
    /// after the verb, up to a comma or a clause.
    fn inverted(&self, verb: usize, end: usize) -> Attribution {
        let mut a = Attribution { verb: Some(verb), ..Attribution::default() };
        let np = (verb + 1..end)
            .take_while(|&k| {
                matches!(self.upos(k), Upos::Det | Upos::Adj | Upos::Noun | Upos::Propn | Upos::Num | Upos::Adp)
                    && !matches!(self.w(k), "that" | "on" | "in" | "at" | "to")
            })
            .last();
        if let Some(last) =
            np.filter(|_| matches!(self.upos(verb + 1), Upos::Det | Upos::Adj | Upos::Noun | Upos::Propn | Upos::Num))
        {
            a.span = Span::new(self.doc.tokens[verb + 1].span.start(), self.doc.tokens[last].span.end());
        }
        a
    }

    /// The speech verb before an opening mark, in its paragraph: `Xi said:
    /// “`, `he told reporters, “`.
    fn speaker_before(&self, open: usize) -> Option<Attribution> {
        // A colon right before the mark, even at the end of the paragraph
        // before ("In a 1963 speech, he declared:" / "“It is ..."),
        // introduces the quote.
        let colon = (open.saturating_sub(2)..open).rev().find(|&k| self.raw(k) == ":");
        let para = colon.map_or(self.paragraph_of(open), |c| self.paragraph_of(c));
        let from = open.saturating_sub(24);
        // The speech verb is in the quote's own sentence (or the colon's).
        let (lo, _) = self.sentence(colon.unwrap_or(open));
        let speech = (from.max(lo)..open)
            .rev()
            .find(|&k| self.is_speech(k) && self.paragraph_of(k) == para)
            .map(|k| self.speaking_verb(k));
        // "Kasich resisted: “...”": the clause before the colon introduces
        // the quote, whatever its verb. Its head is a verb ("Kasich
        // resisted") or, with a copula, what it says of the subject
        // ("Haddad was blunt").
        let verb = speech.or_else(|| {
            let colon = colon?;
            let (lo, _) = self.sentence(colon);
            let from = lo.max(colon.saturating_sub(30));
            let heads = |k: &usize| self.doc.syntax.head_of(*k).is_none_or(|h| h < from || h >= colon);
            let here = |k: &usize| self.paragraph_of(*k) == para;
            // Where the parse hung the clause on a noun ("In response to
            // ..., Trump issued the following statement:"), the verb
            // nearest the colon with a subject of its own.
            let with_subject = |k: &usize| self.upos(*k) == Upos::Verb && self.attribution(*k, 0..0).is_some();
            (from..colon)
                .filter(heads)
                .filter(here)
                .find(|&k| matches!(self.upos(k), Upos::Verb | Upos::Adj))
                .or_else(|| (from..colon).rev().filter(here).find(with_subject))
                .or_else(|| (from..colon).filter(heads).filter(here).find(|&k| self.upos(k) == Upos::Noun))
        })?;
        let mut a = self.with_window(self.attribution(verb, open..open + 1), from.min(verb), verb, false);
        if !a.is_some() {
            // "That, the commission said, “...”": the noun phrase right
            // before the verb, whatever the parse made of it.
            let start = (verb.saturating_sub(6)..verb).rev().take_while(|&k| self.nominal(k)).last();
            a = start.map_or(a, |s| self.noun_phrase_between(s, verb, a));
        }
        Some(if speech.is_some() { a } else { Attribution { verb: None, ..a } })
    }

    /// `A cashier who “steals a handful” is held to account, Warren said.`:
    /// a speech verb closing the quote's sentence after a comma.
    fn said_at_end(&self, close: usize) -> Option<Attribution> {
        if !self.parsed || close + 1 >= self.doc.tokens.len() {
            return None;
        }
        let (_, hi) = self.sentence(close);
        let hi = if hi > close + 1 { hi } else { return None };
        let verb = (close + 1..hi).rev().take(14).find(|&k| self.is_speech(k))?;
        let comma = (close + 1..verb).rev().find(|&k| self.raw(k) == ",")?;
        let a = self.attribution(verb, 0..comma + 1);
        a.is_some().then_some(Attribution { verb: None, ..a })
    }

    /// "According to his physician, the businessman had “excellent”
    /// results": the source a sentence opens with speaks for its quotes.
    fn according_to(&self, first: usize) -> Option<Attribution> {
        let (lo, _) = self.sentence(first);
        let a = (lo..first.min(lo + 3)).find(|&k| self.w(k) == "according" && self.w(k + 1) == "to")?;
        let comma = (a + 2..first).find(|&k| self.raw(k) == ",")?;
        let entity = (a + 2..comma).find_map(|k| self.speaker_at[k]);
        let span = Span::new(self.doc.tokens[a + 2].span.start(), self.doc.tokens[comma - 1].span.end());
        Some(Attribution { entity, span, verb: None })
    }

    /// Speech verb `v`, or one above it in the parse when `v`'s subject is
    /// no one who speaks ("Ryan said the spate of shootings demands that
    /// ...": said, not demands).
    fn speaking_verb(&self, v: usize) -> usize {
        if !self.parsed || self.names_someone(&self.attribution(v, 0..0)) {
            return v;
        }
        let (lo, hi) = self.sentence(v);
        let mut cur = v;
        for _ in 0..4 {
            let Some(h) = self.doc.syntax.head_of(cur).filter(|h| (lo..hi).contains(h)) else { break };
            if self.is_speech(h) && self.names_someone(&self.attribution(h, 0..0)) {
                return h;
            }
            cur = h;
        }
        v
    }

    /// Whether an attribution names someone who can speak: an entity, a
    /// name in capitals or a personal pronoun, not "the spate of shootings".
    fn names_someone(&self, a: &Attribution) -> bool {
        a.entity.is_some()
            || a.span.is_some_and(|s| {
                self.doc.slice(s).split_whitespace().any(|w| {
                    let determiner = matches!(w, "The" | "A" | "An" | "This" | "That" | "These" | "Those");
                    (w.chars().next().is_some_and(char::is_uppercase) && !determiner)
                        || matches!(w, "he" | "He" | "she" | "She" | "they" | "They" | "we" | "We" | "I")
                })
            })
    }

    /// A quote that opens a sentence with no cue of its own, after a
    /// sentence of the same paragraph whose speaker it goes on with: the
    /// subject of that sentence's speech verb ("..., Schiff said. “The
    /// other factor ...”") or of its main verb when that names a person
    /// ("Cummings called him a master. “He showed again and again ...”").
    fn sentence_before(&self, open: usize) -> Option<Attribution> {
        if !self.parsed {
            return None;
        }
        let s = self.sentence_of[open] as usize;
        let (lo, _) = self.sentence(open);
        if s == 0 || lo + 1 < open || self.paragraph_of(lo.saturating_sub(1)) != self.paragraph_of(open) {
            return None;
        }
        let (plo, phi) = self.sentence(lo - 1);
        if (plo..phi).any(|k| self.in_quote[k] || is_open(self.raw(k))) {
            return None;
        }
        if let Some(v) = (plo..phi).rev().find(|&k| self.is_speech(k)) {
            let a = self.attribution(v, 0..0);
            return self.names_someone(&a).then_some(Attribution { verb: None, ..a });
        }
        let root = (plo..phi).find(|&k| self.doc.syntax.head_of(k).is_none() && self.upos(k) == Upos::Verb)?;
        let a = self.attribution(root, 0..0);
        let person =
            a.entity.and_then(|e| self.doc.entities.get(e as usize - 1)).is_some_and(|e| e.etype == EntityType::Person);
        person.then_some(Attribution { verb: None, ..a })
    }

    /// `”― Sonya Herridge`: a name after a dash that follows the quote.
    fn dash_after(&self, close: usize) -> Option<Attribution> {
        let d = close + 1;
        if !matches!(self.raw(d), "\u{2015}" | "\u{2014}" | "\u{2013}" | "-" | "--") {
            return None;
        }
        // The dash may open the next paragraph ("“...”" / "-President
        // Obama, tweeting after the speech").
        if d + 1 >= self.doc.tokens.len() || self.paragraph_of(d) > self.paragraph_of(close) + 1 {
            return None;
        }
        let para = self.paragraph_of(d);
        let names = (d + 1..self.doc.tokens.len().min(d + 7))
            .take_while(|&k| self.paragraph_of(k) == para)
            .take_while(|&k| self.raw(k).chars().next().is_some_and(char::is_uppercase) || self.raw(k) == ".")
            .last()?;
        let span = Span::new(self.doc.tokens[d + 1].span.start(), self.doc.tokens[names].span.end());
        let entity = self.speaker_at[d + 1].or_else(|| self.person_named(self.raw(names)));
        Some(Attribution { entity, span, verb: None })
    }

    /// A quoted phrase inside someone's clause: the nearest verb above it
    /// in the parse that reports speech or says what someone called
    /// something ("blasted the media for being “dishonest”": whoever
    /// blasted).
    fn governing_verb(&self, first: usize, last: usize, speech_only: bool) -> Option<Attribution> {
        if !self.parsed {
            return None;
        }
        let (lo, hi) = self.sentence(first);
        let mut cur = (first..last).find(|&k| self.doc.syntax.head_of(k).is_some_and(|h| h < first || h >= last))?;
        // The nearest verb above: a speech or labelling verb's subject
        // speaks, whoever it is; any other verb's ("credited the win to
        // “a closed primary”") when the subject is a person or a body.
        let mut nearest: Option<Attribution> = None;
        for _ in 0..10 {
            let h = self.doc.syntax.head_of(cur).filter(|h| (lo..hi).contains(h))?;
            if self.upos(h) == Upos::Verb && !(first..last).contains(&h) {
                let lemma = self.doc.syntax.lemma(h).to_lowercase();
                let a = self.attribution(h, first..last);
                if is_speech_lemma(&lemma) || (!speech_only && is_labelling_lemma(&lemma)) {
                    if a.is_some() {
                        return Some(Attribution { verb: None, ..a });
                    }
                } else if !speech_only && nearest.is_none() && a.entity.is_some() {
                    nearest = Some(Attribution { verb: None, ..a });
                }
            }
            cur = h;
        }
        nearest
    }

    /// Where the parse gave no subject, a mention in the words of the
    /// attribution: the one nearest the verb before a quote (`In a jab at
    /// X, Chen said: “`), the first one after a quote (`,” Blige sings to
    /// Clinton before asking`).
    fn with_window(&self, mut a: Attribution, from: usize, to: usize, after_quote: bool) -> Attribution {
        if !a.is_some() && to > from && to < self.doc.tokens.len() {
            let (lo, _) = self.sentence(to);
            let from = from.max(lo);
            let speaks = |k: &usize| self.speaker_at[*k].is_some() && !self.in_quote[*k];
            let found = if after_quote { (from..to).find(speaks) } else { (from..to).rev().find(speaks) };
            if let Some(k) = found {
                a.entity = self.speaker_at[k];
                a.span = self.doc.tokens.get(k).map(|t| t.span);
            }
        }
        a
    }

    /// A transcript's line: `“PENCE: Well, ...”` names its speaker before
    /// the colon, in capitals or as a name.
    fn transcript(&self, first: usize, last: usize) -> Option<(Attribution, usize)> {
        let colon = (first..last.min(first + 4)).find(|&k| self.raw(k) == ":")?;
        let named = (first..colon).all(|k| self.raw(k).chars().next().is_some_and(char::is_uppercase));
        if !named || colon == first {
            return None;
        }
        let span = Span::new(self.doc.tokens[first].span.start(), self.doc.tokens[colon - 1].span.end());
        let entity = self.speaker_at[first].or_else(|| self.person_named(self.raw(colon - 1)));
        Some((Attribution { entity, span, verb: None }, colon))
    }

    /// A quote with no attribution of its own goes on with the speaker of
    /// the quote just before it, in its paragraph or the one before.
    /// "It said ...": an organisation speaking of itself as "it" is the
    /// organisation that spoke last, within the two paragraphs before
    /// ("Norlake Corp said ... It said ..."); a person or a group said
    /// nothing as "it".
    fn resolve_it(&self, quotes: &mut [Quote]) {
        let para = |q: &Quote| self.quote_paragraph(q);
        let org = |q: &Quote| {
            q.speaker
                .filter(|&e| self.doc.entities.get(e as usize - 1).is_some_and(|x| x.etype == EntityType::Org))
                .map(|e| (e, para(q)))
        };
        let mut last: Option<(u32, usize)> = None;
        for q in quotes.iter_mut() {
            let it =
                q.speaker.is_none() && q.speaker_span.is_some_and(|s| self.doc.slice(s).eq_ignore_ascii_case("it"));
            if let (true, Some((e, p))) = (it, last) {
                if para(q) <= p + 2 {
                    q.speaker = Some(e);
                }
            }
            last = org(q).or(last);
        }
    }

    /// The paragraph a quote starts in.
    fn quote_paragraph(&self, q: &Quote) -> usize {
        self.doc.paragraphs.partition_point(|p| p.end() < q.span.start())
    }

    fn continue_speakers(&self, quotes: &mut [Quote]) {
        let para = |q: &Quote| self.quote_paragraph(q);
        for i in 1..quotes.len() {
            let (before, rest) = quotes.split_at_mut(i);
            let (prev, q) = (&before[i - 1], &mut rest[0]);
            let attributed = q.speaker.is_some() || q.speaker_span.is_some();
            if attributed || prev.speaker_span.is_none() || para(q) > para(prev) + 1 {
                continue;
            }
            q.speaker = prev.speaker;
            q.speaker_span = prev.speaker_span;
        }
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
                    let entity = (a + 2..comma).find_map(|k| self.speaker_at[k]);
                    let span = Span::new(self.doc.tokens[a + 2].span.start(), self.doc.tokens[comma - 1].span.end());
                    self.push(&mut out, Attribution { entity, span, verb: None }, comma + 1, b);
                }
                continue;
            }
            // Reported speech and reported thought ("officials believe the
            // dam will hold").
            let cognition = |k: usize| {
                self.parsed
                    && self.upos(k) == Upos::Verb
                    && is_cognition_lemma(&self.doc.syntax.lemma(k).to_lowercase())
                    && !self.in_quote[k]
            };
            let verbs: Vec<usize> =
                (a..b).filter(|&k| (self.is_speech(k) || cognition(k)) && !inside_direct(k)).collect();
            // A speech verb reports what a thought verb before it does not
            // ("Kenya agreed to reopen the border, officials said": the
            // officials' report, not Kenya's thought).
            let Some(&v) = verbs.iter().find(|&&k| self.is_speech(k)).or(verbs.first()) else { continue };
            // "CONTENT, X said [, adding that CONTENT2]"
            let comma = (a..v).rev().find(|&k| self.raw(k) == ",");
            let mut who = self.attribution(v, 0..0);
            if !who.is_some() {
                who = self.with_window(who, comma.map_or(a, |c| c + 1), v, comma.is_some());
            }
            // The speaker stands between the comma and the verb; a speaker
            // before the comma ("Yang, also director of ..., said that")
            // has an appositive there, not what was said.
            let after_comma = |c: usize| who.span.is_none_or(|s| s.start() >= self.doc.tokens[c].span.end());
            // "Later in the show, Maher stated that ...": a verb with its
            // clause after it reports that clause; what the comma closes
            // off is no statement without a verb.
            let has_verb = |c: usize| (a..c).any(|k| matches!(self.upos(k), Upos::Verb | Upos::Aux));
            let clause_after = self.parsed
                && (v + 1..b).any(|k| self.doc.syntax.head_of(k) == Some(v) && matches!(self.rel(k), Rel::Ccomp));
            let speaker_close = comma.is_some_and(|c| v - c <= 8 && after_comma(c) && has_verb(c)) && !clause_after;
            if let (Some(c), true, true) = (comma, who.is_some(), speaker_close) {
                if !(a..c).any(|k| inside_direct(k) || is_open(self.raw(k)) || is_close(self.raw(k))) {
                    self.push(&mut out, who, a, c);
                }
                if let Some(&add) =
                    verbs.iter().find(|&&k| k > v && matches!(self.w(k), "adding" | "noting" | "saying"))
                {
                    let start = if self.w(add + 1) == "that" { add + 2 } else { add + 1 };
                    self.push(&mut out, Attribution { verb: Some(add), ..who }, start, b);
                }
                continue;
            }
            // "X said (that) CONTENT": what the verb governs, where the parse
            // says it governs a clause.
            if !who.is_some() || inside_direct(v) || (self.parsed && !self.governs_clause(v, a, b)) {
                continue;
            }
            // What was said is the clause the verb governs: whoever was told
            // and when stand before it ("told Reuters the dollar would
            // fall", "announced last night that ...").
            let mut start = self.clause_after(v, b).unwrap_or(v + 1);
            while start < b && matches!(self.w(start), "that" | "out" | "reporters" | ":" | "," | "on") {
                start += 1;
            }
            // The content ends where a direct quote or another speaker's
            // clause begins ("..., Park boasted, “...”").
            let speaker_clause = |c: usize| {
                self.raw(c) == ","
                    && (c + 2..b.min(c + 7))
                        .find(|&k| self.is_speech(k))
                        .is_some_and(|v2| (c + 1..v2).all(|k| self.nominal(k)))
            };
            // A quotation inside the clause ("said the plan was “dead on
            // arrival”") is part of what was reported.
            let quotation_apart =
                |k: usize| is_open(self.raw(k)) && (k == start || matches!(self.raw(k - 1), "," | ":" | ";"));
            let further_speech =
                |k: usize| self.raw(k) == "," && matches!(self.w(k + 1), "adding" | "saying" | "noting");
            let end = (start..b).find(|&k| quotation_apart(k) || speaker_clause(k) || further_speech(k)).unwrap_or(b);
            if start < b && !is_open(self.raw(start)) {
                self.push(&mut out, who, start, end);
            }
        }
        out
    }

    /// Whether verb `v` has a clause complement in sentence `a..b` ("said
    /// (that) the port would reopen"), as reported speech does.
    /// A complementiser right after the verb ("noted that ...") says so
    /// even where the parse of a long clause went astray.
    /// A reporting clause hung on the verb ("..., officials said") is not
    /// what the verb governs.
    fn governs_clause(&self, v: usize, a: usize, b: usize) -> bool {
        (v + 1 < b && self.w(v + 1) == "that" && self.upos(v + 1) == Upos::Sconj)
            || (a..b).any(|k| {
                self.doc.syntax.head_of(k) == Some(v)
                    && (self.rel(k) == Rel::Ccomp || self.rel(k) == Rel::Parataxis && !self.is_speech(k))
            })
    }

    /// Where what verb `v` reports begins, in a sentence ending at `b`:
    /// after whom it was told to and when or where, when the parse hangs
    /// those on the verb before the clause it governs ("told Reuters the
    /// dollar would fall", "announced last night that ...", "said in a
    /// statement it ..."). Anything else before the clause (a subject the
    /// parse hung elsewhere) is kept.
    fn clause_after(&self, v: usize, b: usize) -> Option<usize> {
        let syntax = &self.doc.syntax;
        let clause = (v + 1..b).find(|&k| syntax.head_of(k) == Some(v) && self.rel(k) == Rel::Ccomp)?;
        // A clause the parse left without its subject was misread: its
        // subject may be among what stands before it.
        let subject = |k: usize| {
            self.rel(k) == Rel::Expl
                || self.rel(k).is_subject() && matches!(self.upos(k), Upos::Noun | Upos::Propn | Upos::Pron)
        };
        if !syntax.dependents(clause, v + 1..b).any(subject) {
            return None;
        }
        // The dependent of `v` that `k` is part of.
        let part_of = |mut k: usize| {
            for _ in 0..64 {
                match syntax.head_of(k) {
                    Some(h) if h == v => return Some(k),
                    Some(h) => k = h,
                    None => return None,
                }
            }
            None
        };
        let addressee = || is_telling_lemma(&syntax.lemma(v).to_lowercase());
        let told_or_when = |d: usize| {
            d != clause
                && match self.rel(d) {
                    Rel::Iobj | Rel::OblUnmarked | Rel::Advmod => true,
                    Rel::Obl => syntax
                        .dependents(d, v + 1..b)
                        .any(|k| self.rel(k) == Rel::Case && is_setting_preposition(self.w(k))),
                    Rel::Obj => addressee(),
                    _ => false,
                }
        };
        (v + 1..b).find(|&k| !part_of(k).is_some_and(told_or_when))
    }

    fn push(&self, out: &mut Vec<Quote>, who: Attribution, a: usize, b: usize) {
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
                speaker: who.entity,
                speaker_span: who.span,
                span,
                verb: who.verb.and_then(|v| toks.get(v)).map(|t| t.span),
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
    fn the_reporting_verb_reports_the_clause_a_thought_verb_opens() {
        // "agreed", "believe": what the officials say, not the thought of
        // the sentence's subject.
        let d = doc("Chile and Peru agreed on Monday to reopen their border, officials said. Farmers believe the dam will hold, Minister Omar Haddad said.");
        let q = quotes(&d);
        assert_eq!(
            q,
            [
                (QuoteKind::Indirect, "?".into(), "Chile and Peru agreed on Monday to reopen their border".into()),
                (QuoteKind::Indirect, "Omar Haddad".into(), "Farmers believe the dam will hold".into()),
            ]
        );
    }

    #[test]
    fn what_is_reported_starts_after_whom_it_was_told_to_and_when() {
        let d = doc("Minister Omar Haddad told Reuters the port would reopen in June. The ministry announced last night that 40 candidates would stand. Haddad said in a statement his country would send envoys.");
        let texts: Vec<String> = quotes(&d).into_iter().map(|x| x.2).collect();
        assert_eq!(
            texts,
            ["the port would reopen in June", "40 candidates would stand", "his country would send envoys"]
        );
    }

    #[test]
    fn a_title_in_quotation_marks_is_a_term_and_a_quotation_inside_reported_speech_is_part_of_it() {
        let d = doc("Northstar Films said its movie \u{201C}Harbour Lights II\u{201D} sold 2 mln tickets. Minister Omar Haddad said the plan was \u{201C}dead on arrival\u{201D} and would be dropped.");
        assert_eq!(d.quoted_terms.iter().map(|s| d.slice(*s)).collect::<Vec<_>>(), ["Harbour Lights II"]);
        let q = quotes(&d);
        assert!(q.iter().any(|x| x.2 == "the plan was \u{201C}dead on arrival\u{201D} and would be dropped"), "{q:?}");
    }

    #[test]
    fn a_stray_straight_mark_ending_a_paragraph_opens_no_quote() {
        let d = doc("Minister Omar Haddad said the port would reopen soon.\"\n\nHaddad said his plan was to widen the harbour, but to \"keep the old quay for fishing boats.\"");
        let q = quotes(&d);
        assert!(q.iter().all(|x| !x.2.starts_with("Haddad said")), "{q:?}");
        assert!(q.iter().any(|x| x.0 == QuoteKind::Direct && x.2.starts_with("keep the old quay")), "{q:?}");
    }

    #[test]
    fn the_speaker_is_no_time_word_and_a_relative_pronoun_stands_for_its_noun() {
        let d = doc("Kenya earlier today said its troops had left the border town. Minister Omar Haddad, who described the talks as hard, also said a deal was close.");
        let q = attributed(&d);
        let named: Vec<&str> = q.iter().map(|x| x.1.as_str()).collect();
        assert_eq!(named, ["Kenya", "Minister Omar Haddad"], "{q:?}");
        assert_eq!(q[1].0, "Omar Haddad", "{q:?}");
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

    /// (speaker name or "?", the words that name the speaker, text).
    fn attributed(d: &Doc) -> Vec<(String, String, String)> {
        d.quotes
            .iter()
            .map(|q| {
                let sp = q.speaker.and_then(|e| d.entities.get(e as usize - 1)).map_or("?".into(), |e| e.name.clone());
                let named = q.speaker_span.map_or("?".into(), |s| d.slice(s).to_string());
                (sp, named, d.slice(q.span).to_string())
            })
            .collect()
    }

    #[test]
    fn speakers_named_by_a_dash_a_transcript_line_or_a_colon() {
        let d = doc("The march ended at dawn.\n\n\u{201C}Keep the lights on for the people who still live here.\u{201D} \u{2015} Dana Whitfield\n\nThe police left soon after.");
        let q = attributed(&d);
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].1, "Dana Whitfield", "the name stops at its paragraph: {q:?}");
        let d = doc("\u{201C}KOVAC: We are ready to talk tonight.\u{201D}");
        assert_eq!(attributed(&d), [("?".into(), "KOVAC".into(), "We are ready to talk tonight.".into())]);
        let d = doc("Minister Omar Haddad was blunt: \u{201C}The deal is dead.\u{201D}");
        assert_eq!(attributed(&d)[0].0, "Omar Haddad");
    }

    #[test]
    fn two_apostrophes_and_backquotes_mark_quotes() {
        let d = doc("``We will appeal the ruling,'' said lawyer Tom Berg.");
        assert_eq!(attributed(&d), [("Tom Berg".into(), "lawyer Tom Berg".into(), "We will appeal the ruling".into())]);
    }

    #[test]
    fn a_speaker_by_role_or_description_and_never_the_person_spoken_of() {
        let d = doc("Senator Mia Chen spoke to the press. \u{201C}He should resign right away,\u{201D} the senator told reporters, referring to Governor Paul Smith.");
        assert_eq!(attributed(&d), [("Mia Chen".into(), "the senator".into(), "He should resign right away".into())]);
        let d = doc("\u{201C}The border is closed to all traffic,\u{201D} said one official.");
        assert_eq!(attributed(&d), [("?".into(), "one official".into(), "The border is closed to all traffic".into())]);
    }

    #[test]
    fn a_person_named_before_a_bodys_phrase_speaks() {
        for (text, speaker) in [
            ("But Dana Kowalski of Harbor University's Energy and Transport Policy Center said that supplies would stay tight.", "Dana Kowalski"),
            ("\u{201C}Prices should hold,\u{201D} Tomas Brenner of Westfield Securities Inc said.", "Tomas Brenner"),
            ("\u{201C}Demand will recover by summer,\u{201D} Lena Ortiz, senior analyst for Harlow Brothers said.", "Lena Ortiz"),
            ("\u{201C}Prices will stay firm,\u{201D} Carl Jensen, director of commodity research for Staley Grain Co. said.", "Carl Jensen"),
            ("Registrations remain open and there are no plans to close them, Rosa Mendez, president of the private growers' association said.", "Rosa Mendez"),
        ] {
            let q = attributed(&doc(text));
            assert_eq!(q.len(), 1, "{text}: {q:?}");
            assert_eq!(q[0].0, speaker, "{text}: {q:?}");
        }
    }

    #[test]
    fn a_country_speaks_when_it_is_the_whole_speaker() {
        let d = doc("Kenya said it would reopen the border crossing on Monday.\n\nKenyan officials said the road would stay closed.");
        let q = attributed(&d);
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(q[0].0, "Kenya", "{q:?}");
        assert_eq!(q[1].0, "?", "officials of a country are not the country: {q:?}");
    }

    #[test]
    fn an_unattributed_quote_continues_the_speaker_before_it() {
        let d = doc("\u{201C}We start on Monday,\u{201D} Mayor Lina Park said.\n\n\u{201C}There is no money left for the second phase.\u{201D}\n\nThe council meets in May. Its members have not voted. The budget is late.\n\nA new report came out.\n\n\u{201C}Nobody has read the whole report yet.\u{201D}");
        let q = attributed(&d);
        assert_eq!(q[1].0, "Lina Park", "{q:?}");
        assert_eq!(q[2].1, "?", "a quote paragraphs away is nobody's by default: {q:?}");
    }

    #[test]
    fn an_appositive_before_the_speech_verb_is_not_what_was_said() {
        let d = doc("Minister Omar Haddad spoke first. Haddad, also head of the ports agency, said that the ships would be unloaded next week. The city has closed three schools since the flood in March.");
        let q = quotes(&d);
        assert_eq!(q, [(QuoteKind::Indirect, "Omar Haddad".into(), "the ships would be unloaded next week".into())]);
    }

    #[test]
    fn a_complementiser_after_a_speech_verb_marks_reported_speech() {
        let d = doc("Haddad noted that thanks to the hard work of the crews under the direction of the new port authority, which has been in charge since May, the backlog of ships is shrinking steadily.");
        let q = quotes(&d);
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(q[0].2.ends_with("the backlog of ships is shrinking steadily"), "{q:?}");
    }

    #[test]
    fn an_attribution_after_a_quote_stays_in_its_paragraph_and_sentence() {
        let d = doc("\u{201C}The pier will be rebuilt by spring.\u{201D}\n\nThe council did not respond to requests for comment.");
        assert_eq!(attributed(&d)[0].1, "?", "{:?}", attributed(&d));
        let d = doc("Governor Paul Smith says he is \u{201C}nearly level with the leader\u{201D} after a count that Senator Mia Chen said was flawed.");
        assert_eq!(attributed(&d)[0].0, "Paul Smith", "a phrase inside a clause: {:?}", attributed(&d));
    }

    #[test]
    fn a_participle_hung_inside_a_that_clause_speaks_for_the_sentence() {
        let d = doc("Ruiz also dismissed fears that the merger would break competition law, saying the deal was fair.");
        let q = attributed(&d);
        assert!(q.iter().any(|(who, _, what)| who == "Ruiz" && what.starts_with("the deal was fair")), "{q:?}");
    }

    #[test]
    fn a_subject_the_parse_lost_is_read_along_the_text() {
        let d = doc("The Peruvian premier is currently in Lima, and diplomats said he would seek Chilean help.");
        let q = attributed(&d);
        assert!(q.iter().any(|(_, who, what)| who == "diplomats" && what.starts_with("he would seek")), "{q:?}");
        let d = doc("The offensive was halted, with Lima saying the rebels had gained only a narrow strip of land.");
        let q = attributed(&d);
        assert!(q.iter().any(|(_, who, what)| who == "Lima" && what.starts_with("the rebels had")), "{q:?}");
    }

    #[test]
    fn it_is_the_organisation_that_spoke_last() {
        let d = doc("Norlake Shipping Corp said it would cut 300 jobs this year.\n\nIt said the cuts would fall mostly on its Oslo yard.");
        let q = attributed(&d);
        assert!(
            q.iter().any(|(who, named, what)| who == "Norlake Shipping Corp"
                && named == "It"
                && what.starts_with("the cuts")),
            "{q:?}"
        );
    }

    #[test]
    fn a_participle_after_a_quote_speaks_for_the_clause_before() {
        let d = doc("Mayor Lina Park told the radio station that the budget \u{201C}has a hole in it,\u{201D} adding, \u{201C}We will fill it by June.\u{201D}");
        let q = attributed(&d);
        assert_eq!(q.len(), 3, "{q:?}");
        let quoted: Vec<_> = q.iter().filter(|x| x.2.contains("hole") || x.2.contains("fill")).collect();
        assert_eq!(quoted.len(), 3, "{q:?}");
        assert!(quoted.iter().any(|x| x.2.starts_with("We will fill")), "{q:?}");
        assert!(quoted.iter().all(|x| x.0 == "Lina Park"), "{q:?}");
    }

    #[test]
    fn any_verb_right_after_a_comma_quote_attributes_it() {
        let d = doc("\u{201C}Your plan is excellent,\u{201D} Senator Mia Chen assured the builders.");
        assert_eq!(attributed(&d)[0].0, "Mia Chen");
    }

    #[test]
    fn of_two_subjects_the_nearest_unless_the_other_has_an_appositive() {
        let d = doc("In a jab at Governor Paul Smith, Senator Mia Chen said the plan was \u{201C}a fantasy from start to finish.\u{201D}");
        assert_eq!(attributed(&d)[0].0, "Mia Chen");
    }

    #[test]
    fn a_colon_ending_a_paragraph_introduces_the_next() {
        let d = doc("Senator Mia Chen declared:\n\n\u{201C}We will not give up this fight, whatever it costs.\u{201D}");
        assert_eq!(attributed(&d)[0].0, "Mia Chen");
    }

    #[test]
    fn transcript_lines_in_paragraphs_are_each_their_speakers() {
        let d = doc("Part of the interview follows:\n\n\"HOST: Let us begin with the budget vote tonight.\n\n\"KOVAC: Well, the vote was a close one, as you know.\n\n\"We expect a second vote soon.");
        let q = attributed(&d);
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!((q[0].1.as_str(), q[1].1.as_str()), ("HOST", "KOVAC"), "{q:?}");
        assert!(q[1].2.contains("second vote"), "a line without a name goes on: {q:?}");
    }

    #[test]
    fn according_to_and_a_dash_in_the_next_paragraph() {
        let d = doc("According to Senator Mia Chen, the port had \u{201C}wildly uneven\u{201D} results.");
        assert_eq!(attributed(&d)[0].1, "Senator Mia Chen");
        let d = doc("\u{201C}We should all be proud of this town today.\u{201D}\n\n\u{2014}Mayor Lina Park, speaking after the parade");
        assert_eq!(attributed(&d)[0].0, "Lina Park");
    }

    #[test]
    fn a_quote_opening_a_sentence_goes_on_with_the_sentence_before() {
        let d = doc("The port will stay shut until May, Minister Omar Haddad said. \u{201C}Nobody can work in these conditions, not even the best crews we have.\u{201D}");
        assert_eq!(attributed(&d)[0].0, "Omar Haddad");
        let d = doc("Senator Mia Chen called the plan a failure. \u{201C}It has cost the city more than it has saved, and nobody can say otherwise.\u{201D}");
        assert_eq!(attributed(&d)[0].0, "Mia Chen");
    }

    #[test]
    fn names_the_parse_missed_still_speak() {
        // A bracketed party and state stays with the name.
        let d = doc("\u{201C}The inquiry must go on until every file is read,\u{201D} Committee Chairman Paul Smith (R-Ohio) said on Friday.");
        assert_eq!(attributed(&d)[0].0, "Paul Smith");
        // A noun phrase right before the verb.
        let d =
            doc("That, the commission said, \u{201C}would settle the question for every election official.\u{201D}");
        assert_eq!(attributed(&d)[0].1, "the commission");
    }

    #[test]
    fn a_speech_verb_the_lemmatiser_missed_is_still_one() {
        let d = doc("When the auditor noted that the mayor paid no tax, Mayor Lina Park boasted, \u{201C}That makes me clever.\u{201D}");
        let q = quotes(&d);
        assert_eq!(
            q[0],
            (QuoteKind::Indirect, "?".into(), "the mayor paid no tax".into()),
            "the content stops at the next speaker"
        );
        assert_eq!(q[1].1, "Lina Park", "{q:?}");
    }

    #[test]
    fn a_verb_with_no_speaker_after_a_quote_leaves_it_to_the_clause_before() {
        let d = doc("Senator Mia Chen had said, \u{201C}We shall see,\u{201D} when asked whether she would run again.");
        assert_eq!(attributed(&d)[0].0, "Mia Chen");
    }

    #[test]
    fn reported_thought_is_indirect_and_a_narrators_clause_is_not() {
        let d = doc("Engineers believe the dam will hold through the spring floods. The dam held through the spring, and the town was saved.");
        assert_eq!(
            quotes(&d),
            [(QuoteKind::Indirect, "?".into(), "the dam will hold through the spring floods".into())]
        );
    }
}
