//! The part-of-speech tagger: Universal and Penn tags in one decision.
//!
//! A greedy left-to-right averaged perceptron (Collins 2002) over the word,
//! its affixes, shape and clusters, the words around it and the tags
//! already given to the two before it. Frequent words that (almost) always
//! take one tag are tagged from a table without scoring. Each class is a
//! (UPOS, XPOS) pair seen in training, so the two tags always agree. The
//! model's choice is then held to what English allows a form of a verb of
//! the bundled verb dictionary (see [`Tagger::tag`]): the web treebank it
//! learns from has little of the news past tense.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use crate::conllu::Sentence;
use crate::features::{f1, f2, f3, flag, hash_str, WordFeatures, NONE};
use crate::io::{ModelError, Reader, Writer};
use crate::linear::{argmax, LinearModel, Perceptron};
use crate::Rng;
use clio_model::Upos;

/// A trained tagger.
pub struct Tagger {
    model: LinearModel,
    /// Class -> (UPOS, XPOS).
    tags: Vec<(Upos, String)>,
    /// Word form hash -> class, for frequent unambiguous words.
    fixed: FxHashMap<u64, u16>,
    /// Lower-case word hash -> its ambiguity class: a hash of the set of
    /// classes it took in training (words seen at least 3 times). The
    /// classes the next words can take stand in for the tags not yet given.
    ambiguity: FxHashMap<u64, u64>,
}

/// Feature templates (numbers are part of the model: never reuse one).
mod t {
    pub const BIAS: u32 = 1;
    pub const WORD: u32 = 2;
    pub const FORM: u32 = 3;
    pub const PREFIX: u32 = 4; // + 0..3
    pub const SUFFIX: u32 = 8; // + 0..4
    pub const SHAPE: u32 = 12;
    pub const FLAGS: u32 = 13;
    pub const PREV_WORD: u32 = 14;
    pub const PREV2_WORD: u32 = 15;
    pub const NEXT_WORD: u32 = 16;
    pub const NEXT2_WORD: u32 = 17;
    pub const PREV_SUFFIX3: u32 = 18;
    pub const NEXT_SUFFIX3: u32 = 19;
    pub const PREV_SHAPE: u32 = 20;
    pub const NEXT_SHAPE: u32 = 21;
    pub const PREV_TAG: u32 = 22;
    pub const PREV2_TAG: u32 = 23;
    pub const PREV_TAGS: u32 = 24;
    pub const PREV_TAG_WORD: u32 = 25;
    pub const PREV_WORD_WORD: u32 = 26;
    pub const WORD_NEXT_WORD: u32 = 27;
    pub const CLUSTER: u32 = 28; // + 0..3
    pub const PREV_CLUSTER: u32 = 31; // + 0..3
    pub const NEXT_CLUSTER: u32 = 34; // + 0..3
    pub const NEXT2_CLUSTER: u32 = 37;
    pub const FIRST_CAP: u32 = 38;
    pub const PREV_TAG_SUFFIX3: u32 = 39;
    pub const NEXT_FLAGS: u32 = 40;
    pub const AMB: u32 = 41;
    pub const NEXT_AMB: u32 = 42;
    pub const NEXT2_AMB: u32 = 43;
    pub const AMB_NEXT_AMB: u32 = 44;
    pub const PREV_TAG_NEXT_AMB: u32 = 45;
    pub const PREV_TAG_AMB: u32 = 46;
}

/// What English makes of one form of a verb.
#[derive(Clone, Copy)]
struct VerbForm {
    /// Also an auxiliary ("had", "will", "got").
    auxiliary: bool,
    /// Only a past tense: an irregular form that is no verb's base form and
    /// no -s, -ing, -ed or -n form ("overran", "withdrew", "undertook"),
    /// which is neither a noun nor an adjective.
    past_only: bool,
    /// A regular -ed form: past tense and participle alike ("shelled").
    regular_past: bool,
    /// A verb's base form ("end", "withdraw").
    base: bool,
}

/// The forms of English verbs, as lower-case word hashes: the forms of the
/// bundled verb dictionary's verbs ("overran", "withdrew", "beat",
/// "cutting"), less the few that are also function words ("like", "back",
/// "save", "mine"). A facts table, the same whatever dictionaries a run is
/// given.
static VERB_FORMS: LazyLock<FxHashMap<u64, VerbForm>> = LazyLock::new(|| {
    let verbs = clio_lexicon::bundled_verbs();
    let none = crate::clusters::Clusters::default();
    let all = || verbs.blocks.iter().flat_map(|b| &b.verbs);
    let bases: rustc_hash::FxHashSet<&str> = all().filter_map(|v| v.words.first().map(String::as_str)).collect();
    let past_only = |f: &str| !bases.contains(f) && !["S", "ING", "ED", "N"].iter().any(|e| f.ends_with(e));
    all()
        .flat_map(|v| &v.forms)
        .filter_map(|f| {
            let lower = f.to_lowercase();
            let form = VerbForm {
                auxiliary: AUXILIARIES.contains(&lower.as_str()),
                past_only: past_only(f),
                regular_past: regular_past(f, &bases),
                base: bases.contains(f.as_str()),
            };
            (!FUNCTION_WORDS.contains(&lower.as_str())).then(|| (WordFeatures::new(&lower, &none).lower, form))
        })
        .collect()
});

/// Whether `form` (upper case) is a regular -ed form of one of `bases`:
/// the base with "d" or "ed" ("agreed", "killed"), a doubled consonant
/// and "ed" ("stopped"), or "y" made "ied" ("carried"). A base that ends
/// so ("need", "proceed") has no base under it; a form the dictionary also
/// opens a phrase with ("killed and ...") still has its own.
fn regular_past(form: &str, bases: &rustc_hash::FxHashSet<&str>) -> bool {
    let Some(stem) = form.strip_suffix("ED") else { return false };
    let doubled = stem.len() >= 2 && stem.as_bytes()[stem.len() - 1] == stem.as_bytes()[stem.len() - 2];
    bases.contains(stem)
        || bases.contains(&form[..form.len() - 1])
        || (doubled && bases.contains(&stem[..stem.len() - 1]))
        || stem.strip_suffix('I').is_some_and(|s| bases.contains(format!("{s}Y").as_str()))
}

/// Hashes of the few words [`Tagger::subject_ends_at`] reads.
struct SmallWords {
    times: Vec<u64>,
    before_times: Vec<u64>,
    of: u64,
    that: u64,
    particles: Vec<u64>,
    /// Forms of the verbs whose "that"-clause takes a base-form verb
    /// ("demanded that the army withdraw"); looked up at every word.
    mandative: rustc_hash::FxHashSet<u64>,
    /// Words for people that are also adjectives ("a senior official",
    /// "official figures").
    person_adjectives: rustc_hash::FxHashSet<u64>,
    /// Endings a gerund or present participle (VBG) may have: "-ng" (of
    /// "-ing", kept by misspellings), and the spoken "-in", "-in'" and
    /// "gon" (of "gonna").
    gerund_endings: [u64; 4],
}

static SMALL_WORDS: LazyLock<SmallWords> = LazyLock::new(|| {
    let none = crate::clusters::Clusters::default();
    let hashes = |ws: &[&str]| ws.iter().map(|w| WordFeatures::new(w, &none).lower).collect::<Vec<_>>();
    SmallWords {
        times: hashes(&[
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
            "today",
            "yesterday",
            "tonight",
            "overnight",
        ]),
        before_times: hashes(&["on", "late", "early", "last", "this"]),
        gerund_endings: {
            let last = |w: &str, k: usize| WordFeatures::new(w, &none).suffix[k];
            [last("going", 1), last("goin", 1), last("goin'", 2), last("gon", 2)]
        },
        person_adjectives: hashes(&[
            "official",
            "representative",
            "militant",
            "radical",
            "rebel",
            "conservative",
            "liberal",
            "moderate",
            "socialist",
            "communist",
            "nationalist",
            "separatist",
            "extremist",
            "fundamentalist",
            "native",
            "civilian",
        ])
        .into_iter()
        .collect(),
        of: WordFeatures::new("of", &none).lower,
        that: WordFeatures::new("that", &none).lower,
        particles: hashes(&["over", "up", "out", "down", "off", "back", "away"]),
        mandative: hashes(&[
            "demand",
            "demands",
            "demanded",
            "demanding",
            "insist",
            "insists",
            "insisted",
            "insisting",
            "urge",
            "urges",
            "urged",
            "urging",
            "ask",
            "asks",
            "asked",
            "asking",
            "request",
            "requests",
            "requested",
            "requesting",
            "require",
            "requires",
            "required",
            "requiring",
            "recommend",
            "recommends",
            "recommended",
            "recommending",
            "propose",
            "proposes",
            "proposed",
            "proposing",
            "order",
            "orders",
            "ordered",
            "ordering",
        ])
        .into_iter()
        .collect(),
    }
});

/// Verb forms that English also uses as prepositions, conjunctions,
/// pronouns or particles.
const FUNCTION_WORDS: &[&str] = &[
    "back", "cause", "mine", "save", "like", "near", "down", "out", "up", "off", "over", "round", "past", "except",
    "bar", "well", "but", "next", "plus", "minus", "less", "worth", "due",
];

/// Forms English makes auxiliaries of (be, have, do, get, the modals).
const AUXILIARIES: &[&str] = &[
    "be", "am", "is", "are", "was", "were", "been", "being", "have", "has", "had", "having", "do", "does", "did",
    "get", "gets", "got", "gotten", "getting", "will", "would", "shall", "should", "can", "could", "may", "might",
    "must", "ought", "need", "dare", "used",
];

/// What a verb form may be: a verb (an auxiliary too, if English makes it
/// one), or a word made of one (a participle read as an adjective or a
/// noun: "the wounded"; a base form that is a noun: "the attack"), never a
/// preposition, determiner or other closed-class word. The web treebank's
/// contexts would otherwise make a past tense it never saw a preposition
/// ("rebels overran the town", "soldiers overthrew the government") or a
/// copula ("police beat protesters").
fn verb_form_may_be(upos: Upos, auxiliary: bool) -> bool {
    matches!(upos, Upos::Verb | Upos::Noun | Upos::Adj | Upos::Adv | Upos::Propn | Upos::Intj | Upos::X)
        || auxiliary && upos == Upos::Aux
}

/// No tag yet (before the sentence start).
const START: u64 = 0xFFFF;

fn features(words: &[WordFeatures], amb: &[u64], i: usize, prev: u64, prev2: u64, out: &mut Vec<u64>) {
    out.clear();
    let a = |k: usize| amb.get(k).copied().unwrap_or(NONE);
    out.push(f1(t::AMB, a(i)));
    out.push(f1(t::NEXT_AMB, a(i + 1)));
    out.push(f1(t::NEXT2_AMB, a(i + 2)));
    out.push(f2(t::AMB_NEXT_AMB, a(i), a(i + 1)));
    out.push(f2(t::PREV_TAG_NEXT_AMB, prev, a(i + 1)));
    out.push(f2(t::PREV_TAG_AMB, prev, a(i)));
    let w = &words[i];
    let at = |k: isize| -> Option<&WordFeatures> { words.get(i.checked_add_signed(k)?) };
    let word = |k: isize| at(k).map_or(NONE, |x| x.lower);
    out.push(f1(t::BIAS, 0));
    out.push(f1(t::WORD, w.lower));
    out.push(f1(t::FORM, w.form));
    for (k, p) in w.prefix.iter().enumerate() {
        out.push(f1(t::PREFIX + k as u32, *p));
    }
    for (k, s) in w.suffix.iter().enumerate() {
        out.push(f1(t::SUFFIX + k as u32, *s));
    }
    out.push(f1(t::SHAPE, w.shape));
    out.push(f1(t::FLAGS, w.flags as u64));
    out.push(f1(t::PREV_WORD, word(-1)));
    out.push(f1(t::PREV2_WORD, word(-2)));
    out.push(f1(t::NEXT_WORD, word(1)));
    out.push(f1(t::NEXT2_WORD, word(2)));
    out.push(f1(t::PREV_SUFFIX3, at(-1).map_or(NONE, |x| x.suffix[2])));
    out.push(f1(t::NEXT_SUFFIX3, at(1).map_or(NONE, |x| x.suffix[2])));
    out.push(f1(t::PREV_SHAPE, at(-1).map_or(NONE, |x| x.shape)));
    out.push(f1(t::NEXT_SHAPE, at(1).map_or(NONE, |x| x.shape)));
    out.push(f1(t::NEXT_FLAGS, at(1).map_or(NONE, |x| x.flags as u64)));
    out.push(f1(t::PREV_TAG, prev));
    out.push(f1(t::PREV2_TAG, prev2));
    out.push(f2(t::PREV_TAGS, prev, prev2));
    out.push(f2(t::PREV_TAG_WORD, prev, w.lower));
    out.push(f2(t::PREV_TAG_SUFFIX3, prev, w.suffix[2]));
    out.push(f2(t::PREV_WORD_WORD, word(-1), w.lower));
    out.push(f2(t::WORD_NEXT_WORD, w.lower, word(1)));
    for level in 0..3 {
        let c = w.cluster[level];
        if c != 0 {
            out.push(f1(t::CLUSTER + level as u32, c as u64));
        }
        if let Some(c) = at(-1).map(|x| x.cluster[level]).filter(|&c| c != 0) {
            out.push(f1(t::PREV_CLUSTER + level as u32, c as u64));
        }
        if let Some(c) = at(1).map(|x| x.cluster[level]).filter(|&c| c != 0) {
            out.push(f1(t::NEXT_CLUSTER + level as u32, c as u64));
        }
    }
    if let Some(c) = at(2).map(|x| x.cluster[2]).filter(|&c| c != 0) {
        out.push(f1(t::NEXT2_CLUSTER, c as u64));
    }
    out.push(f3(t::FIRST_CAP, (i == 0) as u64, w.has(flag::INIT_CAP) as u64, w.has(flag::ALL_CAPS) as u64));
}

impl Tagger {
    /// Tags a sentence: one class per word (see [`Tagger::upos`],
    /// [`Tagger::xpos`]), the model's best that English allows a verb form
    /// (no closed-class tag; a verb, not an adjective, between a subject
    /// and a determiner or number).
    pub fn tag(&self, words: &[WordFeatures], out: &mut Vec<u16>) {
        out.clear();
        let amb: Vec<u64> = words.iter().map(|w| self.ambiguity.get(&w.lower).copied().unwrap_or(NONE)).collect();
        let mut feats = Vec::with_capacity(48);
        let mut scores = vec![0i32; self.tags.len()];
        for i in 0..words.len() {
            let class = match self.fixed.get(&words[i].form) {
                Some(&c) => c,
                None => {
                    let prev = out.last().map_or(START, |&c| c as u64);
                    let prev2 = if i >= 2 { out[i - 2] as u64 } else { START };
                    features(words, &amb, i, prev, prev2, &mut feats);
                    self.model.score(&feats, &mut scores);
                    self.choose(&scores, words, i, out.last().copied())
                }
            };
            out.push(class);
        }
        self.person_noun(words, out);
        self.finite_verb(words, out);
        self.subjunctive(words, out);
    }

    /// A word for people that is also an adjective ("official"), read as
    /// an adjective at the end of a determiner's phrase right before a
    /// verb (a time may come between: "a top U.S. official today
    /// praised"), is the phrase's noun: an adjective there would leave the
    /// subject without one.
    fn person_noun(&self, words: &[WordFeatures], out: &mut [u16]) {
        let xpos = |c: u16| self.tags.get(c as usize).map_or("", |t| t.1.as_str());
        let Some(noun) = self.tags.iter().position(|t| t.0 == Upos::Noun && t.1 == "NN") else { return };
        for i in 1..out.len().saturating_sub(1) {
            if xpos(out[i]) != "JJ" || !SMALL_WORDS.person_adjectives.contains(&words[i].lower) {
                continue;
            }
            let mut next = i + 1;
            if SMALL_WORDS.times.contains(&words[next].lower) {
                next += 1;
            }
            let verb = |k: usize| matches!(out.get(k).map(|&c| xpos(c)), Some("VBD" | "VBN" | "VBZ" | "VBP" | "MD"));
            // Two verbs in a row: the first is the phrase's noun read as a
            // verb ("the official figures showed").
            if !verb(next) || verb(next + 1) {
                continue;
            }
            // Back over the phrase's modifiers to its determiner.
            let mut k = i;
            while k > 0 && matches!(xpos(out[k - 1]), "JJ" | "JJS" | "NNP" | "NN" | "HYPH") {
                k -= 1;
            }
            if k > 0 && matches!(xpos(out[k - 1]), "DT" | "PRP$") {
                out[i] = noun as u16;
            }
        }
    }

    /// A verb of demand takes a "that"-clause whose verb is a bare base
    /// form ("demanded that the government end curbs", "urged that the
    /// troops withdraw"), which the treebank seldom shows and the tagger
    /// reads as a noun: the first word after the clause's subject that is
    /// a verb's base form, read as a noun and followed by an object, is the
    /// clause's verb.
    fn subjunctive(&self, words: &[WordFeatures], out: &mut [u16]) {
        let xpos = |c: u16| self.tags.get(c as usize).map_or("", |t| t.1.as_str());
        let Some(base) = self.tags.iter().position(|t| t.0 == Upos::Verb && t.1 == "VB") else { return };
        let noun = |x: &str| matches!(x, "NN" | "NNS" | "NNP" | "NNPS" | "PRP");
        let np = |x: &str| matches!(x, "DT" | "JJ" | "CD" | "PRP$" | "POS" | "HYPH") || noun(x);
        for i in 0..out.len().saturating_sub(3) {
            if !SMALL_WORDS.mandative.contains(&words[i].lower)
                || !xpos(out[i]).starts_with("VB")
                || words[i + 1].lower != SMALL_WORDS.that
            {
                continue;
            }
            // The clause's subject, a noun phrase (with its "of" phrases),
            // and the first base form after one of its nouns that takes an
            // object of its own: a determiner, modifier, number, possessive
            // or plural noun ("end curbs"; not "price" in "price freeze").
            let opens_object =
                |j: usize| j < out.len() && matches!(xpos(out[j]), "DT" | "NNS" | "NNPS" | "JJ" | "CD" | "PRP$");
            let mut j = i + 2;
            while j + 1 < out.len() && (np(xpos(out[j])) || words[j].lower == SMALL_WORDS.of) {
                if j > i + 2
                    && xpos(out[j]) == "NN"
                    && noun(xpos(out[j - 1]))
                    && VERB_FORMS.get(&words[j].lower).is_some_and(|f| f.base)
                    && opens_object(j + 1)
                {
                    out[j] = base as u16;
                    break;
                }
                j += 1;
            }
        }
    }

    /// A clause says something with a finite verb: a regular -ed form, or
    /// an irregular past ("held", "sent"), read
    /// as a participle between a noun or pronoun and the phrase it takes
    /// as object (a particle may come between: "rounded up 40 traders"), with
    /// no verb before it, is the past tense of the sentence's first clause
    /// ("Israeli tanks shelled positions", "the US on Thursday rejected
    /// calls ..., officials said"), which the web treebank's many fragments
    /// ("a plot foiled in Canada", "suspect arrested") taught the tagger to
    /// doubt. A participle that only describes its noun takes no object
    /// ("the troops killed in the raid were buried"): no candidate.
    fn finite_verb(&self, words: &[WordFeatures], out: &mut [u16]) {
        let xpos = |c: u16| self.tags.get(c as usize).map_or("", |t| t.1.as_str());
        let Some(past) = self.tags.iter().position(|t| t.0 == Upos::Verb && t.1 == "VBD") else { return };
        let tag = |i: usize| out.get(i).map_or("", |&c| xpos(c));
        // An object may open with a participle of its own ("extradited
        // suspected militants").
        let opens_object = |i: usize| {
            matches!(tag(i), "DT" | "NN" | "NNS" | "NNP" | "NNPS" | "JJ" | "CD" | "PRP$")
                || (matches!(tag(i), "VBN" | "VBG") && matches!(tag(i + 1), "NN" | "NNS" | "NNP" | "NNPS" | "JJ"))
        };
        let particle = |i: usize| SMALL_WORDS.particles.contains(&words[i].lower);
        for i in 1..out.len().saturating_sub(1) {
            match xpos(out[i]) {
                // A verb before: the candidate is not the first clause's.
                "VB" | "VBD" | "VBZ" | "VBP" | "MD" => return,
                "VBN"
                    if self.subject_ends_at(words, out, i)
                        && (opens_object(i + 1) || (particle(i + 1) && opens_object(i + 2)))
                        && VERB_FORMS.get(&words[i].lower).is_some_and(|f| f.regular_past || f.past_only) =>
                {
                    out[i] = past as u16;
                    return;
                }
                _ => {}
            }
        }
    }

    /// Whether the words before `i` end in a noun phrase that can be a
    /// subject: a noun or pronoun, with its modifiers and "of" phrases
    /// ("thousands of Spanish farmers"), not the object of another
    /// preposition ("in a statement released today"); a time between
    /// subject and verb is passed over ("the US on Thursday rejected").
    fn subject_ends_at(&self, words: &[WordFeatures], out: &[u16], i: usize) -> bool {
        let xpos = |k: usize| self.tags.get(out[k] as usize).map_or("", |t| t.1.as_str());
        let is = |k: usize, set: &[u64]| set.contains(&words[k].lower);
        let mut k = i;
        if k > 0 && is(k - 1, &SMALL_WORDS.times) {
            k -= 1;
            if k > 0 && is(k - 1, &SMALL_WORDS.before_times) {
                k -= 1;
            }
        }
        loop {
            if k == 0 || !matches!(xpos(k - 1), "NN" | "NNS" | "NNP" | "NNPS" | "PRP") {
                return false;
            }
            while k > 0
                && matches!(
                    xpos(k - 1),
                    "NN" | "NNS"
                        | "NNP"
                        | "NNPS"
                        | "PRP"
                        | "JJ"
                        | "JJR"
                        | "JJS"
                        | "DT"
                        | "CD"
                        | "PRP$"
                        | "POS"
                        | "HYPH"
                )
            {
                k -= 1;
            }
            match k.checked_sub(1) {
                Some(p) if words[p].lower == SMALL_WORDS.of => k = p,
                Some(p) if matches!(xpos(p), "IN" | "TO") => return false,
                _ => return true,
            }
        }
    }

    /// The best class of word `i` by `scores`, as English allows it: a
    /// form of a verb is an open-class word ([`verb_form_may_be`]), and
    /// an adjective does not stand between a subject and a determiner or a
    /// number, so a verb form there is the verb ("rebels wounded two
    /// soldiers", "killed or wounded 1,500"); after a determiner or a
    /// modifier it may well be one ("a slight 0.2 pct", "an estimated
    /// 5,000"). `prev` is the class of the word before.
    fn choose(&self, scores: &[i32], words: &[WordFeatures], i: usize, prev: Option<u16>) -> u16 {
        let form = VERB_FORMS.get(&words[i].lower).copied();
        // A past tense the treebank seldom shows is the verb it is ("a
        // judge undertook an inquiry", not a compound noun); one it shows
        // often keeps the classes the treebank taught ("left").
        let unseen_past = form.is_some_and(|f| f.past_only) && !self.ambiguity.contains_key(&words[i].lower);
        // A gerund or present participle ends in "-ing", or in one of the
        // spellings of it in [`SmallWords::gerund_endings`] ("watchdog" is
        // none, whatever its context suggests).
        let w = &words[i];
        let ends = &SMALL_WORDS.gerund_endings;
        let gerund =
            w.suffix[1] == ends[0] || w.suffix[1] == ends[1] || w.suffix[2] == ends[2] || w.suffix[2] == ends[3];
        let may_be = |c: usize| {
            form.is_none_or(|f| verb_form_may_be(self.tags[c].0, f.auxiliary))
                && (!unseen_past || matches!(self.tags[c].0, Upos::Verb | Upos::Aux))
                && (gerund || self.tags[c].1 != "VBG")
        };
        let best = argmax(scores, may_be).unwrap_or(0);
        if form.is_none() || self.tags[best].0 != Upos::Adj {
            return best as u16;
        }
        let opens_phrase = words.get(i + 1).is_some_and(|n| {
            n.has(crate::features::flag::DIGIT)
                || self.fixed.get(&n.form).is_some_and(|&c| matches!(self.upos(c), Upos::Det | Upos::Num))
        });
        let after_modifier =
            prev.is_some_and(|c| matches!(self.upos(c), Upos::Det | Upos::Adj | Upos::Num | Upos::Adp | Upos::Pron));
        if opens_phrase && !after_modifier {
            argmax(scores, |c| self.tags[c].0 == Upos::Verb).unwrap_or(best) as u16
        } else {
            best as u16
        }
    }

    /// The number of classes.
    pub fn classes(&self) -> usize {
        self.tags.len()
    }

    /// The Universal tag of a class.
    pub fn upos(&self, class: u16) -> Upos {
        self.tags.get(class as usize).map_or(Upos::X, |t| t.0)
    }

    /// A number that stands for a class's tags in other models' features
    /// (the same for the same tags, whatever the class numbering).
    pub fn key(&self, class: u16) -> u64 {
        self.tags.get(class as usize).map_or(0, |(u, x)| crate::features::f2(0, hash_str(u.as_str()), hash_str(x)))
    }

    /// The Penn tag of a class.
    pub fn xpos(&self, class: u16) -> &str {
        self.tags.get(class as usize).map_or("", |t| t.1.as_str())
    }

    /// The model file's bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::model("tagger");
        w.strs(&self.tags.iter().map(|t| t.0.as_str()).collect::<Vec<_>>());
        w.strs(&self.tags.iter().map(|t| t.1.as_str()).collect::<Vec<_>>());
        let mut fixed: Vec<(u64, u16)> = self.fixed.iter().map(|(&k, &v)| (k, v)).collect();
        fixed.sort_unstable();
        w.u64s(&fixed.iter().map(|f| f.0).collect::<Vec<_>>());
        w.u16s(&fixed.iter().map(|f| f.1).collect::<Vec<_>>());
        let mut amb: Vec<(u64, u64)> = self.ambiguity.iter().map(|(&k, &v)| (k, v)).collect();
        amb.sort_unstable();
        w.u64s(&amb.iter().map(|f| f.0).collect::<Vec<_>>());
        w.u64s(&amb.iter().map(|f| f.1).collect::<Vec<_>>());
        self.model.write(&mut w);
        w.finish()
    }

    /// Reads a model file made by [`Tagger::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, ModelError> {
        let mut r = Reader::model(bytes, "tagger")?;
        let upos = r.strs()?;
        let xpos = r.strs()?;
        if upos.len() != xpos.len() {
            return Err(ModelError::Corrupt("tag lists differ"));
        }
        let tags = upos.iter().zip(xpos).map(|(u, x)| (Upos::parse(u), x)).collect::<Vec<_>>();
        let keys = r.u64s()?;
        let classes = r.u16s()?;
        if keys.len() != classes.len() || classes.iter().any(|&c| c as usize >= tags.len()) {
            return Err(ModelError::Corrupt("tag table"));
        }
        let fixed = keys.into_iter().zip(classes).collect();
        let keys = r.u64s()?;
        let values = r.u64s()?;
        if keys.len() != values.len() {
            return Err(ModelError::Corrupt("ambiguity table"));
        }
        let ambiguity = keys.into_iter().zip(values).collect();
        let model = LinearModel::read(&mut r)?;
        if model.classes() != tags.len() {
            return Err(ModelError::Corrupt("tagger classes"));
        }
        Ok(Tagger { model, tags, fixed, ambiguity })
    }

    /// Bytes of the weights.
    pub fn size_bytes(&self) -> usize {
        self.model.size_bytes() + self.fixed.len() * 10 + self.ambiguity.len() * 16
    }
}

/// Training settings.
pub struct TrainOptions {
    /// Passes over the training sentences.
    pub epochs: usize,
    /// Weights smaller than this are dropped from the shipped model.
    pub min_weight: f32,
    /// Features seen fewer times than this in the first epoch get no
    /// weight (0 or 1: every feature may).
    pub min_count: u32,
}

/// A tagger trained on `train`; the epoch whose averaged weights tag `dev`
/// best is kept. `log` hears each epoch's dev accuracy.
pub fn train(
    train: &[(Sentence, Vec<WordFeatures>)],
    dev: &[(Sentence, Vec<WordFeatures>)],
    opts: &TrainOptions,
    log: &dyn Fn(&str),
) -> Tagger {
    let mut tags: Vec<(Upos, String)> = Vec::new();
    let mut class_of: FxHashMap<(String, String), u16> = FxHashMap::default();
    let mut counts: FxHashMap<u64, FxHashMap<u16, u32>> = FxHashMap::default();
    let mut lower_counts: FxHashMap<u64, FxHashMap<u16, u32>> = FxHashMap::default();
    let gold: Vec<Vec<u16>> = train
        .iter()
        .map(|(s, w)| {
            s.rows
                .iter()
                .zip(w)
                .map(|(r, wf)| {
                    let key = (r.upos.clone(), r.xpos.clone());
                    let next = tags.len() as u16;
                    let c = *class_of.entry(key).or_insert_with(|| {
                        tags.push((Upos::parse(&r.upos), r.xpos.clone()));
                        next
                    });
                    *counts.entry(wf.form).or_default().entry(c).or_default() += 1;
                    *lower_counts.entry(wf.lower).or_default().entry(c).or_default() += 1;
                    c
                })
                .collect()
        })
        .collect();
    // Words seen at least 20 times with one tag at least 99.5% of the time.
    let fixed: FxHashMap<u64, u16> = counts
        .iter()
        .filter_map(|(&w, by)| {
            let total: u32 = by.values().sum();
            let (&c, &n) = by.iter().max_by_key(|(&c, &n)| (n, std::cmp::Reverse(c)))?;
            (total >= 20 && n as f64 >= 0.995 * total as f64).then_some((w, c))
        })
        .collect();
    let ambiguity: FxHashMap<u64, u64> = lower_counts
        .iter()
        .filter(|(_, by)| by.values().sum::<u32>() >= 3)
        .map(|(&w, by)| {
            let mut set: Vec<u16> = by.keys().copied().collect();
            set.sort_unstable();
            (w, set.iter().fold(0x5EED, |h, &c| crate::features::mix(h, c as u64)))
        })
        .collect();
    let mut p = Perceptron::new(tags.len());
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut rng = Rng::new(0x007A_66E5);
    let mut best: Option<(f64, Tagger)> = None;
    let mut feats = Vec::new();
    let mut scores = vec![0f32; tags.len()];
    for epoch in 1..=opts.epochs {
        rng.shuffle(&mut order);
        for &si in &order {
            let (_, words) = &train[si];
            let amb: Vec<u64> = words.iter().map(|w| ambiguity.get(&w.lower).copied().unwrap_or(NONE)).collect();
            let mut guess: Vec<u16> = Vec::with_capacity(words.len());
            for i in 0..words.len() {
                let g = gold[si][i];
                if let Some(&c) = fixed.get(&words[i].form) {
                    guess.push(c);
                    continue;
                }
                let prev = guess.last().map_or(START, |&c| c as u64);
                let prev2 = if i >= 2 { guess[i - 2] as u64 } else { START };
                features(words, &amb, i, prev, prev2, &mut feats);
                if epoch == 1 && opts.min_count > 1 {
                    p.observe(&feats);
                }
                p.score(&feats, &mut scores);
                let y = argmax(&scores, |_| true).unwrap_or(0) as u16;
                if y != g {
                    p.update(&feats, g as usize, 1.0);
                    p.update(&feats, y as usize, -1.0);
                }
                p.tick();
                guess.push(y);
            }
        }
        if opts.min_count > 1 {
            p.drop_rare(opts.min_count);
        }
        let tagger = Tagger {
            model: p.averaged().compact(opts.min_weight),
            tags: tags.clone(),
            fixed: fixed.clone(),
            ambiguity: ambiguity.clone(),
        };
        let acc = evaluate(&tagger, dev);
        log(&format!(
            "epoch {epoch}: dev UPOS {:.2}%, XPOS {:.2}%, {} features, {:.1} MB",
            100.0 * acc.upos,
            100.0 * acc.xpos,
            tagger.model.features(),
            tagger.size_bytes() as f64 / 1e6
        ));
        if best.as_ref().is_none_or(|(b, _)| acc.upos > *b) {
            best = Some((acc.upos, tagger));
        }
    }
    match best {
        Some((_, t)) => t,
        None => Tagger { model: p.averaged().compact(opts.min_weight), tags, fixed, ambiguity },
    }
}

/// Tagging accuracy.
#[derive(Clone, Copy, Debug, Default)]
pub struct Accuracy {
    /// Share of words with the right Universal tag.
    pub upos: f64,
    /// Share of words with the right Penn tag.
    pub xpos: f64,
    /// Words scored.
    pub words: usize,
}

/// Tags `gold`'s words and compares.
pub fn evaluate(tagger: &Tagger, gold: &[(Sentence, Vec<WordFeatures>)]) -> Accuracy {
    let (mut up, mut xp, mut n) = (0, 0, 0);
    let mut out = Vec::new();
    for (s, words) in gold {
        tagger.tag(words, &mut out);
        for (r, &c) in s.rows.iter().zip(&out) {
            up += (tagger.upos(c).as_str() == r.upos) as usize;
            xp += (tagger.xpos(c) == r.xpos) as usize;
            n += 1;
        }
    }
    let n1 = n.max(1) as f64;
    Accuracy { upos: up as f64 / n1, xpos: xp as f64 / n1, words: n }
}
