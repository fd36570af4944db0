//! The named-entity recogniser: people, organisations, places and other
//! names (PER, ORG, LOC, MISC, as in CoNLL-2003).
//!
//! A greedy left-to-right averaged perceptron over BILOU labels (Ratinov &
//! Roth 2009: greedy decoding loses nothing to Viterbi here), with the
//! label sequence kept valid. Beyond the word, its shape, affixes and
//! clusters and the words around it, it reads what clio knows: the
//! part-of-speech tags, whether the words are in the PETRARCH dictionaries
//! or the gazetteer (and as what: a country, a city, a title, a party,
//! ...), whether the sentence is a headline in capitals, and what the same
//! word was taken for earlier in the article ("Jordan said" after "Rep. Jim
//! Jordan" is the person).

use clio_model::NameKind;
use rustc_hash::FxHashMap;

use crate::features::{f1, f2, f3, flag, WordFeatures, NONE};
use crate::io::{ModelError, Reader, Writer};
use crate::linear::{LinearModel, Perceptron};
use crate::Rng;

/// A name found: words `start..end` of a sentence (or a document).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Name {
    /// First word.
    pub start: usize,
    /// One past the last word.
    pub end: usize,
    /// What it names.
    pub kind: NameKind,
}

/// A sentence as the recogniser reads it.
pub struct Sentence<'a> {
    /// Its words.
    pub words: &'a [WordFeatures],
    /// Their tags ([`crate::tagger::Tagger::key`]).
    pub tags: &'a [u64],
    /// Their dictionary features (see [`Gazetteer`]).
    pub gazetteer: &'a [Gazetteer],
}

/// What the dictionaries say of a word: up to four hashed categories with
/// the word's place in the phrase (0: no category). Made by the caller, the
/// same way in training and in use (see `clio_nlp::stage`).
pub type Gazetteer = [u64; 4];

/// BILOU labels: 0 is O; then for each kind, B, I, L, U.
mod label {
    pub const O: u16 = 0;
    pub const COUNT: usize = 17;

    pub fn kind(l: u16) -> Option<usize> {
        (l != O).then(|| (l as usize - 1) / 4)
    }

    /// 0 B, 1 I, 2 L, 3 U.
    pub fn part(l: u16) -> usize {
        (l as usize - 1) % 4
    }

    pub fn make(kind: usize, part: usize) -> u16 {
        (1 + kind * 4 + part) as u16
    }

    /// Whether `next` may follow `prev` (`None` at a sentence start).
    pub fn valid(prev: Option<u16>, next: u16) -> bool {
        let open = prev.filter(|&p| p != O && matches!(part(p), 0 | 1)).and_then(kind);
        match (open, kind(next)) {
            (Some(k), Some(n)) => k == n && matches!(part(next), 1 | 2),
            (Some(_), None) => false,
            (None, Some(_)) => matches!(part(next), 0 | 3),
            (None, None) => true,
        }
    }

    /// Whether a sentence may end after `l`.
    pub fn may_end(l: u16) -> bool {
        l == O || matches!(part(l), 2 | 3)
    }
}

mod t {
    pub const BIAS: u32 = 301;
    pub const WORD: u32 = 302;
    pub const FORM: u32 = 303;
    pub const SHAPE: u32 = 304;
    pub const PREFIX: u32 = 305; // + 0..3
    pub const SUFFIX: u32 = 308; // + 0..4
    pub const FLAGS: u32 = 312;
    pub const WORD_AT: u32 = 313; // + 0..5 (offsets -2..=2)
    pub const SHAPE_AT: u32 = 318; // + 0..5
    pub const SHAPES: u32 = 323;
    pub const CLUSTER: u32 = 324; // + level*5 + offset (0..15)
    pub const TAG_AT: u32 = 340; // + 0..3 (offsets -1..=1)
    pub const PREV_LABEL: u32 = 343;
    pub const PREV_LABELS: u32 = 344;
    pub const PREV_LABEL_SHAPE: u32 = 345;
    pub const PREV_LABEL_WORD: u32 = 346;
    pub const GAZ: u32 = 347;
    pub const GAZ_PREV: u32 = 348;
    pub const GAZ_NEXT: u32 = 349;
    pub const HEADLINE_SHAPE: u32 = 350;
    pub const HEADLINE_WORD: u32 = 351;
    pub const HISTORY: u32 = 352;
    pub const HISTORY_SHAPE: u32 = 353;
    pub const PREV_WORD_WORD: u32 = 354;
    pub const WORD_NEXT_WORD: u32 = 355;
    pub const FIRST_WORD: u32 = 356;
    pub const TAG_WORD: u32 = 357;
    pub const GAZ_WORD: u32 = 358;
}

/// What the article said of a word form so far: the kind of name it was
/// last part of, or that it was no name (a hash, [`NONE`] when unseen).
#[derive(Default)]
struct History {
    seen: FxHashMap<u64, u64>,
}

impl History {
    fn get(&self, form: u64) -> u64 {
        self.seen.get(&form).copied().unwrap_or(NONE)
    }

    /// Remembers the labels given to a sentence's capitalised words.
    fn record(&mut self, words: &[WordFeatures], labels: &[u16]) {
        for (w, &l) in words.iter().zip(labels) {
            if w.has(flag::INIT_CAP) {
                self.seen.insert(w.form, label::kind(l).map_or(99, |k| k as u64));
            }
        }
    }
}

/// Is the sentence in title case ("Senator Seeks More Funds As Talks
/// Stall"): nearly every word after the first capitalised, among them a
/// function word, which running text never capitalises inside a sentence
/// and a name seldom holds. Its capitals then say nothing of names (see
/// [`confirm_title_case`]). A line or table of names ("Ann Lee, Bo Chen,
/// Jo Little") has no such word; a headline in capitals is
/// [`is_headline`]'s.
fn is_title_case(s: &Sentence) -> bool {
    let (mut caps, mut lower, mut function) = (0, 0, 0);
    for (k, w) in s.words.iter().enumerate().skip(1) {
        if w.has(flag::LOWER) {
            lower += 1;
        } else if w.has(flag::INIT_CAP) {
            caps += 1;
            // After a bracket, a colon or a quote a word may open a name
            // or a phrase of its own ("( The Oval )").
            let opens = s.words[k - 1].has(flag::PUNCT);
            if !opens && !w.has(flag::ALL_CAPS) && FUNCTION_WORDS.contains(&w.lower) {
                function += 1;
            }
        }
    }
    caps >= 3 && lower * 4 <= caps && function >= 1
}

/// The shape of an initial ("A.").
static INITIAL_SHAPE: std::sync::LazyLock<u64> = std::sync::LazyLock::new(|| crate::features::hash_str("X."));

/// Hashes (as [`WordFeatures::lower`]) of English function words:
/// prepositions, conjunctions, articles, pronouns, auxiliaries.
static FUNCTION_WORDS: std::sync::LazyLock<rustc_hash::FxHashSet<u64>> = std::sync::LazyLock::new(|| {
    [
        "a", "an", "the", "of", "to", "in", "on", "at", "for", "with", "from", "by", "as", "after", "before", "over",
        "under", "into", "onto", "about", "against", "toward", "towards", "than", "and", "but", "or", "nor", "if",
        "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "can", "could", "should",
        "may", "might", "must", "not", "he", "she", "it", "we", "they", "his", "her", "its", "their", "our", "who",
        "what", "why", "how", "when", "where", "up", "out", "off", "down",
    ]
    .iter()
    .map(|w| crate::features::hash_str(w))
    .collect()
});

/// The names of a document with those of its title-case sentences kept
/// only where something else says they are names: the same name (or one
/// it is the last words of, "Trump" for "Donald Trump") found in running
/// text of the document, or every word of it in the dictionaries. A
/// name that holds names found elsewhere ("As The New Mitt Romney", "Trump
/// May Skip Debate") is cut to them; one with the last word of one found
/// elsewhere ("A. Mullally", "Mullally") is kept. The rest ("Stealth Over Health", "All Bets Are Off")
/// were read from capitals that every word of the line has.
fn confirm_title_case(doc: &[Sentence], mut found: Vec<Vec<Name>>) -> Vec<Vec<Name>> {
    let title: Vec<bool> = doc.iter().map(is_title_case).collect();
    if !title.contains(&true) {
        return found;
    }
    let words = |s: &Sentence, n: &Name| -> Vec<u64> { s.words[n.start..n.end].iter().map(|w| w.lower).collect() };
    let mut known: Vec<(Vec<u64>, NameKind)> = Vec::new();
    for (k, names) in found.iter().enumerate() {
        if !title[k] {
            known.extend(names.iter().map(|n| (words(&doc[k], n), n.kind)));
        }
    }
    // A name found in running text that `w` is, or is the last words of.
    let confirmed = |w: &[u64]| known.iter().any(|(k, _)| k.ends_with(w));
    // A name found in running text with the same last word ("A. Mullally"
    // and "Mullally").
    let same_surname = |w: &[u64]| known.iter().any(|(k, _)| k.last().is_some() && k.last() == w.last());
    for (k, names) in found.iter_mut().enumerate() {
        if !title[k] {
            continue;
        }
        let s = &doc[k];
        let mut kept = Vec::with_capacity(names.len());
        for n in names.iter() {
            let w = words(s, n);
            if confirmed(&w) {
                kept.push(*n);
                continue;
            }
            // Names found elsewhere inside it, the longest first from the
            // left ("Bernie Sanders Beats Hillary Clinton", "As The New Mitt
            // Romney", "Trump May Skip Debate").
            let before = kept.len();
            let mut a = 0;
            while a < w.len() {
                let longest = (a + 1..=w.len())
                    .rev()
                    .find_map(|b| known.iter().find(|(k, _)| k[..] == w[a..b]).map(|(_, kind)| (b, *kind)));
                match longest {
                    Some((b, kind)) => {
                        // With the initials before it ("A. Mullally").
                        let mut first = n.start + a;
                        while first > n.start && s.words[first - 1].shape == *INITIAL_SHAPE {
                            first -= 1;
                        }
                        kept.push(Name { start: first, end: n.start + b, kind });
                        a = b;
                    }
                    None => a += 1,
                }
            }
            if kept.len() == before && (same_surname(&w) || s.gazetteer[n.start..n.end].iter().all(|g| g[0] != 0)) {
                kept.push(*n);
            }
        }
        *names = kept;
    }
    found
}

/// Is the sentence a headline in capitals (most letters upper case)?
fn is_headline(s: &Sentence) -> bool {
    let caps = s.words.iter().filter(|w| w.has(flag::ALL_CAPS)).count();
    let lower = s.words.iter().filter(|w| w.has(flag::LOWER)).count();
    caps >= 2 && caps > 2 * lower
}

fn features(s: &Sentence, i: usize, prev: u64, prev2: u64, headline: bool, history: &History, out: &mut Vec<u64>) {
    out.clear();
    let w = &s.words[i];
    let at = |k: isize| i.checked_add_signed(k).and_then(|j| s.words.get(j));
    let mut p = |f: u64| out.push(f);
    p(f1(t::BIAS, 0));
    p(f1(t::WORD, w.lower));
    p(f1(t::FORM, w.form));
    p(f1(t::SHAPE, w.shape));
    for (k, x) in w.prefix.iter().enumerate() {
        p(f1(t::PREFIX + k as u32, *x));
    }
    for (k, x) in w.suffix.iter().enumerate() {
        p(f1(t::SUFFIX + k as u32, *x));
    }
    p(f1(t::FLAGS, w.flags as u64));
    for (k, off) in [-2isize, -1, 1, 2].into_iter().enumerate() {
        p(f1(t::WORD_AT + k as u32, at(off).map_or(NONE, |x| x.lower)));
    }
    for (k, off) in [-1isize, 1].into_iter().enumerate() {
        p(f1(t::SHAPE_AT + k as u32, at(off).map_or(NONE, |x| x.shape)));
    }
    p(f3(t::SHAPES, at(-1).map_or(NONE, |x| x.shape), w.shape, at(1).map_or(NONE, |x| x.shape)));
    for level in 0..3 {
        for (k, off) in [-1isize, 0, 1].into_iter().enumerate() {
            if let Some(c) = at(off).map(|x| x.cluster[level]).filter(|&c| c != 0) {
                p(f1(t::CLUSTER + (level * 5 + k) as u32, c as u64));
            }
        }
    }
    for (k, off) in [-1isize, 0, 1].into_iter().enumerate() {
        let tag = i.checked_add_signed(off).and_then(|j| s.tags.get(j)).copied().unwrap_or(NONE);
        p(f1(t::TAG_AT + k as u32, tag));
    }
    p(f2(t::TAG_WORD, s.tags[i], w.lower));
    p(f1(t::PREV_LABEL, prev));
    p(f2(t::PREV_LABELS, prev, prev2));
    p(f2(t::PREV_LABEL_SHAPE, prev, w.shape));
    p(f2(t::PREV_LABEL_WORD, prev, w.lower));
    p(f2(t::PREV_WORD_WORD, at(-1).map_or(NONE, |x| x.lower), w.lower));
    p(f2(t::WORD_NEXT_WORD, w.lower, at(1).map_or(NONE, |x| x.lower)));
    p(f2(t::FIRST_WORD, (i == 0) as u64, w.shape));
    for &g in s.gazetteer[i].iter().filter(|&&g| g != 0) {
        p(f1(t::GAZ, g));
        p(f2(t::GAZ_WORD, g, w.shape));
    }
    if i > 0 {
        for &g in s.gazetteer[i - 1].iter().filter(|&&g| g != 0) {
            p(f1(t::GAZ_PREV, g));
        }
    }
    if let Some(next) = s.gazetteer.get(i + 1) {
        for &g in next.iter().filter(|&&g| g != 0) {
            p(f1(t::GAZ_NEXT, g));
        }
    }
    if headline {
        p(f1(t::HEADLINE_SHAPE, w.shape));
        p(f1(t::HEADLINE_WORD, w.lower));
    }
    if w.has(flag::INIT_CAP) || w.has(flag::ALL_CAPS) {
        let h = history.get(w.form);
        p(f1(t::HISTORY, h));
        p(f2(t::HISTORY_SHAPE, h, w.shape));
    }
}

/// A trained recogniser.
pub struct Recogniser {
    model: LinearModel,
}

/// Decodes one sentence greedily with valid transitions; `learn` is
/// called at each word with the features, the guess and the valid labels.
fn decode(
    s: &Sentence,
    history: &History,
    score: &mut dyn FnMut(&[u64], &mut [f32]),
    gold: Option<&[u16]>,
    learn: &mut dyn FnMut(&[u64], u16, u16),
    out: &mut Vec<u16>,
) {
    out.clear();
    let headline = is_headline(s);
    let mut feats = Vec::with_capacity(80);
    let mut scores = [0f32; label::COUNT];
    let n = s.words.len();
    for i in 0..n {
        let prev = out.last().copied();
        let prev2 = if i >= 2 { out[i - 2] as u64 } else { NONE };
        features(s, i, prev.map_or(NONE, |p| p as u64), prev2, headline, history, &mut feats);
        score(&feats, &mut scores);
        let mut best: Option<u16> = None;
        for l in 0..label::COUNT as u16 {
            // The last word must close any name; a name may not stay open.
            if !label::valid(prev, l) || (i + 1 == n && !label::may_end(l)) {
                continue;
            }
            if best.is_none_or(|b| scores[l as usize] > scores[b as usize]) {
                best = Some(l);
            }
        }
        let guess = best.unwrap_or(label::O);
        match gold {
            Some(g) => {
                learn(&feats, guess, g[i]);
                // Follow the gold path when training (its labels are valid).
                out.push(g[i]);
            }
            None => out.push(guess),
        }
    }
}

/// The names a label sequence marks.
pub fn names_of(labels: &[u16]) -> Vec<Name> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, &l) in labels.iter().enumerate() {
        let Some(k) = label::kind(l) else {
            open = None;
            continue;
        };
        match label::part(l) {
            0 => open = Some((i, k)),
            1 => {}
            2 => {
                if let Some((s, ok)) = open.take().filter(|&(_, ok)| ok == k) {
                    out.push(Name { start: s, end: i + 1, kind: NameKind::ALL[ok] });
                }
            }
            _ => out.push(Name { start: i, end: i + 1, kind: NameKind::ALL[k] }),
        }
    }
    out
}

/// BILOU labels for names over `n` words.
pub fn labels_of(names: &[Name], n: usize) -> Vec<u16> {
    let mut out = vec![label::O; n];
    for name in names.iter().filter(|m| m.end <= n && m.start < m.end) {
        let k = name.kind as usize;
        if name.end - name.start == 1 {
            out[name.start] = label::make(k, 3);
        } else {
            out[name.start] = label::make(k, 0);
            for slot in &mut out[name.start + 1..name.end - 1] {
                *slot = label::make(k, 1);
            }
            out[name.end - 1] = label::make(k, 2);
        }
    }
    out
}

impl Recogniser {
    /// The names of each sentence of a document, in order (the sentences
    /// are read in order: what a word was taken for earlier counts).
    pub fn recognise(&self, doc: &[Sentence]) -> Vec<Vec<Name>> {
        let mut history = History::default();
        let mut labels = Vec::new();
        let mut scores_i = [0i32; label::COUNT];
        let found: Vec<Vec<Name>> = doc
            .iter()
            .map(|s| {
                let mut score = |f: &[u64], out: &mut [f32]| {
                    self.model.score(f, &mut scores_i);
                    for (o, &x) in out.iter_mut().zip(&scores_i) {
                        *o = x as f32;
                    }
                };
                decode(s, &history, &mut score, None, &mut |_, _, _| {}, &mut labels);
                history.record(s.words, &labels);
                names_of(&labels)
            })
            .collect();
        confirm_title_case(doc, found)
    }

    /// The model file's bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::model("ner");
        self.model.write(&mut w);
        w.finish()
    }

    /// Reads a model file made by [`Recogniser::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Recogniser, ModelError> {
        let mut r = Reader::model(bytes, "ner")?;
        let model = LinearModel::read(&mut r)?;
        if model.classes() != label::COUNT {
            return Err(ModelError::Corrupt("recogniser labels"));
        }
        Ok(Recogniser { model })
    }

    /// Bytes of the weights.
    pub fn size_bytes(&self) -> usize {
        self.model.size_bytes()
    }
}

/// A training document: its sentences and their gold names.
pub struct Document<'a> {
    /// The sentences.
    pub sentences: Vec<Sentence<'a>>,
    /// Gold names per sentence.
    pub names: Vec<Vec<Name>>,
}

/// Training settings.
pub struct TrainOptions {
    /// Passes over the training documents.
    pub epochs: usize,
    /// Weights smaller than this are dropped from the shipped model.
    pub min_weight: f32,
    /// Features seen fewer times than this in the first pass get no weight.
    pub min_count: u32,
}

/// A recogniser trained on `train`; the epoch with the best F1 on `dev`
/// is kept. `log` hears each epoch's dev scores.
pub fn train(train: &[Document], dev: &[Document], opts: &TrainOptions, log: &dyn Fn(&str)) -> Recogniser {
    let mut p = Perceptron::new(label::COUNT);
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut rng = Rng::new(0x4EE5);
    let mut best: Option<(f64, Recogniser)> = None;
    let mut labels = Vec::new();
    let mut guesses = Vec::new();
    for epoch in 1..=opts.epochs {
        rng.shuffle(&mut order);
        for &di in &order {
            let doc = &train[di];
            let mut history = History::default();
            for (s, names) in doc.sentences.iter().zip(&doc.names) {
                let gold = labels_of(names, s.words.len());
                // The history holds what the model predicted, as at run
                // time, not the gold labels.
                guesses.clear();
                let p_cell = std::cell::RefCell::new(&mut p);
                let mut score = |f: &[u64], out: &mut [f32]| p_cell.borrow().score(f, out);
                let mut learn = |f: &[u64], guess: u16, g: u16| {
                    let mut p = p_cell.borrow_mut();
                    if epoch == 1 {
                        p.observe(f);
                    }
                    if guess != g {
                        p.update(f, g as usize, 1.0);
                        p.update(f, guess as usize, -1.0);
                    }
                    p.tick();
                    guesses.push(guess);
                };
                decode(s, &history, &mut score, Some(&gold), &mut learn, &mut labels);
                history.record(s.words, &guesses);
            }
        }
        p.drop_rare(opts.min_count);
        let model = Recogniser { model: p.averaged().compact(opts.min_weight) };
        let score = evaluate(&model, dev);
        log(&format!(
            "epoch {epoch}: dev F1 {:.2}% (P {:.2}%, R {:.2}%; {}), {} features, {:.1} MB",
            100.0 * score.overall.f1(),
            100.0 * score.overall.precision(),
            100.0 * score.overall.recall(),
            NameKind::ALL
                .iter()
                .map(|k| format!("{} {:.1}", k.as_str(), 100.0 * score.by_kind[*k as usize].f1()))
                .collect::<Vec<_>>()
                .join(", "),
            model.model.features(),
            model.size_bytes() as f64 / 1e6
        ));
        if best.as_ref().is_none_or(|(b, _)| score.overall.f1() > *b) {
            best = Some((score.overall.f1(), model));
        }
    }
    match best {
        Some((_, m)) => m,
        None => Recogniser { model: p.averaged().compact(opts.min_weight) },
    }
}

/// Counts for precision and recall.
#[derive(Clone, Copy, Debug, Default)]
pub struct Counts {
    /// Names found that are right.
    pub right: usize,
    /// Names found.
    pub found: usize,
    /// Gold names.
    pub gold: usize,
}

impl Counts {
    /// Share of names found that are right.
    pub fn precision(&self) -> f64 {
        self.right as f64 / self.found.max(1) as f64
    }

    /// Share of gold names found.
    pub fn recall(&self) -> f64 {
        self.right as f64 / self.gold.max(1) as f64
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    /// Adds the comparison of found and gold names (exact spans and kinds).
    pub fn add(&mut self, found: &[Name], gold: &[Name]) {
        self.found += found.len();
        self.gold += gold.len();
        self.right += found.iter().filter(|f| gold.contains(f)).count();
    }
}

/// Exact-span scores, overall and by kind.
#[derive(Clone, Copy, Debug, Default)]
pub struct Scores {
    /// All kinds.
    pub overall: Counts,
    /// Per kind, in [`NameKind::ALL`] order.
    pub by_kind: [Counts; 4],
}

impl Scores {
    /// Adds one sentence's comparison.
    pub fn add(&mut self, found: &[Name], gold: &[Name]) {
        self.overall.add(found, gold);
        for k in NameKind::ALL {
            let f: Vec<Name> = found.iter().filter(|n| n.kind == k).copied().collect();
            let g: Vec<Name> = gold.iter().filter(|n| n.kind == k).copied().collect();
            self.by_kind[k as usize].add(&f, &g);
        }
    }
}

/// Recognises the documents' names and scores them against gold.
pub fn evaluate(model: &Recogniser, docs: &[Document]) -> Scores {
    let mut scores = Scores::default();
    for d in docs {
        for (found, gold) in model.recognise(&d.sentences).iter().zip(&d.names) {
            scores.add(found, gold);
        }
    }
    scores
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bilou_labels_and_names_convert_both_ways() {
        let names = vec![
            Name { start: 0, end: 2, kind: NameKind::Per },
            Name { start: 3, end: 4, kind: NameKind::Loc },
            Name { start: 4, end: 7, kind: NameKind::Org },
        ];
        let labels = labels_of(&names, 8);
        assert_eq!(names_of(&labels), names);
        // Every step of a well-formed sequence is valid, and it may end.
        let mut prev = None;
        for &l in &labels {
            assert!(label::valid(prev, l));
            prev = Some(l);
        }
        assert!(label::may_end(labels[7]));
        // An open name cannot be left for O or another kind.
        let b_per = label::make(0, 0);
        assert!(!label::valid(Some(b_per), label::O));
        assert!(!label::valid(Some(b_per), label::make(1, 2)));
        assert!(!label::may_end(b_per));
    }
}
