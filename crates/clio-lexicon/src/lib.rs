//! Dictionaries, compiled once at start-up and shared by every article.
//!
//! [`Lexicon`] holds the PETRARCH actors, agents and discards
//! ([`petrarch`]), and the [`gazetteer`]; all their phrases are compiled
//! into one trie over words ([`phrases`]). Per article, a [`PhraseIndex`]
//! normalises the tokens (upper case, possessives dropped, hyphenated words
//! split) and [`Lexicon::find`] returns every longest dictionary phrase in
//! it, each with its [`Sense`]s.
//!
//! ```
//! use clio_lexicon::{Lexicon, PhraseIndex, Sense};
//! let lex = Lexicon::bundled();
//! let text = "Chinese President Xi Jinping met the press.";
//! let tokens = clio_text::tokenize(text);
//! let found = lex.find(&PhraseIndex::new(text, &tokens));
//! let names: Vec<&str> = found.iter().map(|m| m.span.slice(text)).collect();
//! assert_eq!(names, ["Chinese", "President", "Xi Jinping"]);
//! ```

pub mod cameo;
pub mod gazetteer;
pub mod petrarch;
mod phrases;
pub mod tone;
pub mod verbs;

use std::collections::HashMap;
use std::path::Path;

use clio_model::Span;
use phrases::{norm_phrase, PhraseTrie};
use rustc_hash::{FxHashMap, FxHashSet};

pub use cameo::{Cameo, CameoCode};
pub use gazetteer::{City, Country, Gazetteer};
pub use petrarch::{ActorEntry, AgentEntry, AgentPlacement, DatedCode, DictError, Discard};
pub use phrases::PhraseIndex;
pub use tone::{Sentiment, Themes, ToneWord};
pub use verbs::{Code, Elem, Pattern, VerbBlock, VerbDict};

/// What a dictionary phrase means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sense {
    /// An actor entry (index into [`Lexicon::actors`]).
    Actor(u32),
    /// An agent (index into [`Lexicon::agents`]).
    Agent(u32),
    /// A city (index into the gazetteer's cities).
    City(u32),
    /// A country's name (index into the gazetteer's countries).
    Country(u32),
    /// A country's adjective ("Swedish"; index into the gazetteer's demonyms).
    Demonym(u32),
}

/// A dictionary phrase found in a text.
#[derive(Clone, Debug, PartialEq)]
pub struct LexMatch {
    /// Where, in the text.
    pub span: Span,
    /// First token index.
    pub token_start: usize,
    /// One past the last token index.
    pub token_end: usize,
    /// The phrase's id, for [`Lexicon::senses`].
    pub phrase: u32,
}

/// All dictionaries, compiled.
pub struct Lexicon {
    /// Actor entries.
    pub actors: Vec<ActorEntry>,
    /// Agents.
    pub agents: Vec<AgentEntry>,
    /// Discards.
    pub discards: Vec<Discard>,
    /// Countries and cities.
    pub gazetteer: Gazetteer,
    /// The verb dictionary.
    pub verbs: VerbDict,
    /// The CAMEO codebook.
    pub cameo: Cameo,
    /// Word valences for tone (VADER).
    pub sentiment: Sentiment,
    /// Theme keywords.
    pub themes: Themes,
    /// Problems met reading the dictionaries.
    pub errors: Vec<DictError>,
    senses: Vec<Vec<Sense>>,
    /// Per phrase: a short all-capitals abbreviation ("US", "WHO") that
    /// must be written in capitals to match.
    caps_only: Vec<bool>,
    agent_codes: FxHashSet<String>,
    /// First words of agent phrases: the only phrases that may start with
    /// a lower-case word. A small set, checked before the large trie.
    agent_first_words: FxHashSet<Box<str>>,
    phrases: PhraseTrie,
    /// Last word of a person's name (normalised) -> the actor entries of
    /// that surname.
    surnames: FxHashMap<String, Vec<u32>>,
    /// Country code -> the name of its dictionary entry, as written
    /// ("OSTRIA_" -> "Ostria"), for countries the gazetteer lacks.
    country_names: FxHashMap<String, String>,
}

/// "OSTRIA_" -> "Ostria", "NEW_ZEALAND_" -> "New Zealand".
fn title_case(phrase: &str) -> String {
    phrase
        .split(['_', ' '])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let lower = w.to_lowercase();
            let mut cs = lower.chars();
            cs.next().map(|f| f.to_uppercase().collect::<String>() + cs.as_str()).unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether piece `p` is an Arabic article in lower case before a
/// capitalised word: "al Qaeda", "el Sisi" open names as "Al Qaeda" does.
fn lower_article(idx: &PhraseIndex, p: usize) -> bool {
    (idx.word(p).eq_ignore_ascii_case("al") || idx.word(p).eq_ignore_ascii_case("el"))
        && idx.pieces.get(p + 1).is_some_and(|n| n.capitalised)
}

macro_rules! data {
    ($path:literal) => {
        include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/", $path))
    };
}

const CORRECTIONS: &str = "corrections.actors.txt";
const BUNDLED_ACTORS: &[(&str, &[u8])] = &[
    // clio's corrections first: of two entries for one phrase, the first wins.
    (CORRECTIONS, data!("clio/corrections.actors.txt")),
    ("Phoenix.Countries.actors.txt", data!("petrarch/Phoenix.Countries.actors.txt")),
    ("Phoenix.International.actors.txt", data!("petrarch/Phoenix.International.actors.txt")),
    ("Phoenix.MilNonState.actors.txt", data!("petrarch/Phoenix.MilNonState.actors.txt")),
    // Office-holders past the Phoenix files' 2014 horizon, dated: the roster
    // built from public data, and clio's own list of bodies and officials.
    ("roster.actors.txt", data!("roster/roster.actors.txt")),
    ("officials.actors.txt", data!("clio/officials.actors.txt")),
    // Places and former country names the Phoenix country blocks lack.
    ("places.actors.txt", data!("clio/places.actors.txt")),
];
const BUNDLED_AGENTS: &[u8] = data!("petrarch/Phoenix.agents.txt");
const BUNDLED_DISCARDS: &[u8] = data!("petrarch/Phoenix.discards.txt");
const BUNDLED_VERBS: &[u8] = data!("petrarch/CAMEO.2.0.txt");
const CLIO_VERBS: &[u8] = data!("clio/verbs.supplement.txt");
const CLIO_AGENTS: &[u8] = data!("clio/agents.supplement.txt");
const CAMEO_CODES: &[u8] = data!("cameo/cameo_codes.tsv");
const VADER: &[u8] = data!("vader/vader_lexicon.txt");
const THEMES: &[u8] = data!("clio/themes.tsv");
const COUNTRIES: &[u8] = data!("gazetteer/countries.tsv");
const CITIES: &[u8] = data!("gazetteer/cities.tsv");
const DEMONYMS: &[u8] = data!("gazetteer/demonyms.tsv");

/// Errors that stop a dictionary directory from loading at all.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The directory or a file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// What.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// Nothing in the directory looks like a PETRARCH dictionary.
    #[error(
        "{0}: no PETRARCH dictionaries here (expected file names containing 'actors', 'agents', 'discards' or 'verbs')"
    )]
    Empty(String),
}

/// The kind of a PETRARCH file, from its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DictKind {
    /// `*actors*`.
    Actors,
    /// `*agents*`.
    Agents,
    /// `*discards*`.
    Discards,
    /// `*verbs*` or PETRARCH2's `CAMEO.*.txt` verb dictionary.
    Verbs,
}

/// Recognises a dictionary file by PETRARCH's naming.
pub fn dict_kind(file_name: &str) -> Option<DictKind> {
    let n = file_name.to_ascii_lowercase();
    if n.contains("actors") {
        Some(DictKind::Actors)
    } else if n.contains("agents") {
        Some(DictKind::Agents)
    } else if n.contains("discards") {
        Some(DictKind::Discards)
    } else if n.contains("verbs") || (n.starts_with("cameo.") && n.ends_with(".txt")) {
        Some(DictKind::Verbs)
    } else {
        None
    }
}

/// A user's dictionary files, read from a directory.
#[derive(Default)]
pub struct DictFiles {
    /// `(file name, contents)` per kind.
    pub files: Vec<(DictKind, String, String)>,
}

impl DictFiles {
    /// Reads the PETRARCH files in `dir`.
    pub fn read_dir(dir: &Path) -> Result<DictFiles, LoadError> {
        let io = |source| LoadError::Io { path: dir.display().to_string(), source };
        let mut names: Vec<_> = std::fs::read_dir(dir).map_err(io)?.filter_map(Result::ok).map(|e| e.path()).collect();
        names.sort();
        let mut files = Vec::new();
        for path in names {
            let Some(name) = path.file_name().and_then(|n| n.to_str()).map(str::to_string) else { continue };
            let Some(kind) = dict_kind(&name) else { continue };
            let bytes =
                std::fs::read(&path).map_err(|source| LoadError::Io { path: path.display().to_string(), source })?;
            files.push((kind, name, String::from_utf8_lossy(&bytes).into_owned()));
        }
        if files.is_empty() {
            return Err(LoadError::Empty(dir.display().to_string()));
        }
        Ok(DictFiles { files })
    }

    fn of(&self, kind: DictKind) -> impl Iterator<Item = (&str, &str)> {
        self.files.iter().filter(move |(k, _, _)| *k == kind).map(|(_, n, t)| (n.as_str(), t.as_str()))
    }

    /// True when a file of this kind was given.
    pub fn has(&self, kind: DictKind) -> bool {
        self.of(kind).next().is_some()
    }
}

/// The bundled verb dictionary (PETRARCH2's CAMEO.2.0.txt with clio's
/// supplement): also a list of English verb forms, which the tagger reads.
pub fn bundled_verbs() -> VerbDict {
    let lossy = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    verbs::parse_verbs(&format!("{}\n{}", lossy(BUNDLED_VERBS), lossy(CLIO_VERBS)), "CAMEO.2.0.txt").0
}

impl Lexicon {
    /// The bundled dictionaries and gazetteer.
    pub fn bundled() -> Lexicon {
        Lexicon::build(None)
    }

    /// The user's dictionaries in place of the bundled ones of the same
    /// kinds; the gazetteer stays.
    pub fn with_files(files: &DictFiles) -> Lexicon {
        Lexicon::build(Some(files))
    }

    fn build(user: Option<&DictFiles>) -> Lexicon {
        let mut errors = Vec::new();
        let mut actors = Vec::new();
        let mut agents = Vec::new();
        let mut discards = Vec::new();
        let lossy = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        match user.filter(|u| u.has(DictKind::Actors)) {
            Some(u) => {
                for (name, text) in u.of(DictKind::Actors) {
                    let (a, e) = petrarch::parse_actors(text, name);
                    actors.extend(a);
                    errors.extend(e);
                }
            }
            None => {
                // A correction replaces the whole entry of its first
                // phrase, synonyms and all: a wrong synonym ("ORGANIZATION_"
                // of TANZIM_) goes with it.
                let mut corrected: FxHashSet<String> = FxHashSet::default();
                for (name, bytes) in BUNDLED_ACTORS {
                    let entries = petrarch::parse_actors(&lossy(bytes), name).0;
                    let first = |e: &ActorEntry| e.phrases.first().map(|p| p.trim_end_matches('_').to_string());
                    if *name == CORRECTIONS {
                        corrected.extend(entries.iter().filter_map(first));
                        actors.extend(entries);
                    } else {
                        actors.extend(entries.into_iter().filter(|e| first(e).is_none_or(|p| !corrected.contains(&p))));
                    }
                }
            }
        }
        match user.filter(|u| u.has(DictKind::Agents)) {
            Some(u) => {
                for (name, text) in u.of(DictKind::Agents) {
                    let (a, e) = petrarch::parse_agents(text, name);
                    agents.extend(a);
                    errors.extend(e);
                }
            }
            // As with verbs, clio's supplement goes with the bundled file only.
            None => {
                agents = petrarch::parse_agents(&lossy(BUNDLED_AGENTS), "Phoenix.agents.txt").0;
                agents.extend(petrarch::parse_agents(&lossy(CLIO_AGENTS), "agents.supplement.txt").0);
            }
        }
        match user.filter(|u| u.has(DictKind::Discards)) {
            Some(u) => u.of(DictKind::Discards).for_each(|(_, t)| discards.extend(petrarch::parse_discards(t))),
            None => discards = petrarch::parse_discards(&lossy(BUNDLED_DISCARDS)),
        }
        // A user's verb files replace the bundled dictionary and clio's
        // supplement, so an old PETRARCH setup reruns unchanged.
        let verbs = match user.filter(|u| u.has(DictKind::Verbs)) {
            Some(u) => {
                let text: String = u.of(DictKind::Verbs).map(|(_, t)| format!("{t}\n")).collect();
                let name = u.of(DictKind::Verbs).map(|(n, _)| n).collect::<Vec<_>>().join("+");
                let (v, e) = verbs::parse_verbs(&text, &name);
                errors.extend(e);
                v
            }
            None => bundled_verbs(),
        };
        let cameo = Cameo::parse(&lossy(CAMEO_CODES));
        let sentiment = Sentiment::parse(&lossy(VADER)).with_active(verbs.by_form.keys().map(String::as_str));
        let themes = Themes::parse(&lossy(THEMES));
        let gazetteer = Gazetteer::parse(&lossy(COUNTRIES), &lossy(CITIES), &lossy(DEMONYMS));

        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut patterns: Vec<Vec<String>> = Vec::new();
        let mut senses: Vec<Vec<Sense>> = Vec::new();
        let mut add = |phrase: &str, sense: Sense| {
            let p = norm_phrase(phrase);
            if p.is_empty() {
                return;
            }
            let id = *ids.entry(p.join(" ")).or_insert_with(|| {
                patterns.push(p);
                senses.push(Vec::new());
                (senses.len() - 1) as u32
            });
            if !senses[id as usize].contains(&sense) {
                senses[id as usize].push(sense);
            }
        };
        // Words that make a phrase's head a title or a country, not a name:
        // the agents' words, countries and their adjectives, honorifics.
        let mut title_words: rustc_hash::FxHashSet<String> = agents
            .iter()
            .flat_map(|a| norm_phrase(&a.phrase))
            .chain(gazetteer.countries.iter().flat_map(|c| norm_phrase(&c.name)))
            .chain(gazetteer.demonyms.iter().flat_map(|(d, _)| norm_phrase(d)))
            .collect();
        title_words.extend(
            ["MR", "MR.", "MRS", "MRS.", "MS", "MS.", "DR", "DR.", "SIR", "US", "U.S.", "UN", "U.N."].map(String::from),
        );
        let mut surnames: FxHashMap<String, Vec<u32>> = FxHashMap::default();
        // A person listed with middle names ("CARLOS_SAUL_MENEM_") is
        // mostly written with the first and last alone ("Carlos Menem"), or
        // with one of the middle names ("Omar Hassan al-Bashir" of
        // "OMAR_HASSAN_AHMAD AL_BASHIR_"): each short form (see
        // [`short_names`]) names the entry when no other entry has it, long
        // or short, and its surname is no one's first name ("John Paul"
        // names no one). Gathered here, added once every name is known.
        let mut given: FxHashSet<String> = FxHashSet::default();
        let mut listed: FxHashSet<String> = FxHashSet::default();
        let mut short_forms: FxHashMap<String, Vec<u32>> = FxHashMap::default();
        let plain = |w: &String| w.chars().all(|c| c.is_alphabetic()) && !title_words.contains(w) && !is_particle(w);
        for (i, a) in actors.iter().enumerate() {
            let names: Vec<Vec<String>> = a.phrases.iter().map(|p| norm_phrase(p)).collect();
            let personal =
                a.codes.iter().all(|c| c.code.len() > 3 && !c.code.starts_with("IGO") && !c.code.starts_with("NGO"));
            // A one-word name ("SUHARTO_") is its own surname.
            if let Some(last) = names.first().filter(|_| personal).and_then(|n| n.last()) {
                let v = surnames.entry(last.clone()).or_default();
                if !v.contains(&(i as u32)) {
                    v.push(i as u32);
                }
            }
            let person = personal
                && !a.codes.is_empty()
                && a.codes.iter().all(|c| !c.code.starts_with("MNC") && !c.code.contains("BUS"));
            if let Some(name) = names.first().filter(|n| person && n.len() >= 3) {
                for form in short_names(name, plain) {
                    short_forms.entry(form).or_default().push(i as u32);
                }
            }
            for (p, words) in a.phrases.iter().zip(&names) {
                given.extend(words.first().cloned());
                listed.insert(words.join(" "));
                // "ISRAELI_PRIME_MINISTER_EHUD_BARAK" beside "EHUD_BARAK_":
                // the title and country are read as such, and the name is
                // matched alone; a longest match over all of it would hide
                // them.
                // "OSAMA_BIN_LADEN_" beside "BIN_LADEN" is a longer name, no title.
                let titled = names.iter().any(|n| {
                    n.len() >= 2
                        && n.len() < words.len()
                        && words.ends_with(n)
                        && words[..words.len() - n.len()].iter().any(|w| title_words.contains(w))
                });
                if !titled {
                    add(p, Sense::Actor(i as u32));
                }
            }
        }
        for (short, people) in &short_forms {
            let mut words = short.rsplit(' ');
            let (last, before) = (words.next().unwrap_or_default(), words.next().unwrap_or_default());
            let first_name = !is_particle(before) && given.contains(last);
            if let ([i], false, false) = (people.as_slice(), listed.contains(short), first_name) {
                add(short, Sense::Actor(*i));
            }
        }
        for (i, a) in agents.iter().enumerate() {
            add(&a.phrase, Sense::Agent(i as u32));
        }
        for (i, c) in gazetteer.cities.iter().enumerate() {
            add(&c.name, Sense::City(i as u32));
            if let Some(plain) = unaccented(&c.name) {
                add(&plain, Sense::City(i as u32));
            }
        }
        for (i, c) in gazetteer.countries.iter().enumerate() {
            add(&c.name, Sense::Country(i as u32));
        }
        for (i, (d, _)) in gazetteer.demonyms.iter().enumerate() {
            add(d, Sense::Demonym(i as u32));
            // Its people: "Nigerians", "Iraqis" (as PETRARCH's own
            // "PALESTINIANS" is its country).
            if let Some(people) = demonym_plural(d) {
                add(&people, Sense::Demonym(i as u32));
            }
        }
        // Abbreviations of three letters or fewer ("US", "UN", "WHO") must
        // be written in capitals, or they would match common words ("us",
        // "who"); longer names match as names do ("Gaza", "Nato"), and the
        // gazetteer's never need capitals ("Iran", "Lima").
        let caps_only = patterns
            .iter()
            .zip(&senses)
            .map(|(p, senses)| {
                let named = senses.iter().any(|s| matches!(s, Sense::City(_) | Sense::Country(_) | Sense::Demonym(_)));
                let letters = p.first().map_or(0, |w| w.chars().filter(|c| c.is_alphabetic()).count());
                p.len() == 1 && !named && letters <= 3
            })
            .collect();
        let mut phrases = PhraseTrie::default();
        for (id, p) in patterns.iter().enumerate() {
            phrases.insert(p, id as u32);
        }
        let agent_codes: FxHashSet<String> = agents.iter().map(|a| a.code.clone()).collect();
        let mut country_names: FxHashMap<String, String> = FxHashMap::default();
        for a in &actors {
            if let ([c], Some(name)) = (a.codes.as_slice(), a.phrases.first()) {
                let bare = c.code.len() == 3 && c.code.bytes().all(|b| b.is_ascii_uppercase());
                if bare && !agent_codes.contains(&c.code) {
                    country_names.entry(c.code.clone()).or_insert_with(|| title_case(name));
                }
            }
        }
        let agent_first_words = patterns
            .iter()
            .zip(&senses)
            .filter(|(_, s)| s.iter().any(|x| matches!(x, Sense::Agent(_))))
            .map(|(p, _)| p[0].as_str().into())
            .collect();
        Lexicon {
            actors,
            agents,
            discards,
            gazetteer,
            verbs,
            cameo,
            sentiment,
            themes,
            errors,
            senses,
            caps_only,
            agent_codes,
            agent_first_words,
            phrases,
            surnames,
            country_names,
        }
    }

    /// A country's name: the gazetteer's, else its dictionary entry's (a
    /// user's dictionaries may name countries the gazetteer lacks).
    pub fn country_name(&self, code: &str) -> Option<String> {
        self.gazetteer.country(code).map(|c| c.name.clone()).or_else(|| self.country_names.get(code).cloned())
    }

    /// What a phrase means.
    pub fn senses(&self, phrase: u32) -> &[Sense] {
        self.senses.get(phrase as usize).map_or(&[], Vec::as_slice)
    }

    /// Every longest dictionary phrase in the text, left to right. Actor,
    /// city and country phrases must start with a capital (a name), and
    /// short abbreviations ("US", "WHO") must be in capitals; agents
    /// ("minister", "officials") match in any case.
    pub fn find(&self, idx: &PhraseIndex) -> Vec<LexMatch> {
        let mut out = Vec::new();
        let mut p = 0;
        // The longest phrase at a word, if accepted, is a match and the
        // search goes on after it.
        while p < idx.pieces.len() {
            let mut next = p + 1;
            let possible =
                idx.pieces[p].capitalised || self.agent_first_words.contains(idx.word(p)) || lower_article(idx, p);
            if let Some((len, phrase)) = possible.then(|| self.phrases.longest(idx, p)).flatten() {
                if let Some(found) = self.accept(idx, p, p + len - 1, phrase) {
                    next = p + len;
                    out.push(found);
                }
            }
            p = next;
        }
        out
    }

    /// A phrase found on pieces `first..=last`, if its case fits.
    fn accept(&self, idx: &PhraseIndex, first: usize, last: usize, phrase: u32) -> Option<LexMatch> {
        let senses = self.senses(phrase);
        let any_agent = senses.iter().any(|s| matches!(s, Sense::Agent(_)));
        let caps_ok = !self.caps_only[phrase as usize] || idx.pieces[first..=last].iter().all(|p| p.caps);
        let capitalised = idx.pieces[first].capitalised || last > first && lower_article(idx, first);
        if !(any_agent || capitalised && caps_ok) {
            return None;
        }
        let (f, l) = (idx.pieces[first], idx.pieces[last]);
        let span = Span::new(f.text_start as usize, l.text_end as usize)?;
        Some(LexMatch { span, token_start: f.token as usize, token_end: l.token as usize + 1, phrase })
    }

    /// Whether `word` names a country's people ("Serbs", "Iraqis"): the
    /// plural of one of the gazetteer's adjectives.
    pub fn is_people_word(&self, word: &str) -> bool {
        let Some(singular) = word.strip_suffix('s') else { return false };
        self.gazetteer.demonyms.iter().any(|(d, _)| d.eq_ignore_ascii_case(singular) && demonym_plural(d).is_some())
    }

    /// Whether a three-letter code names a country (or country-like actor),
    /// rather than a role: not an agent code of the agents dictionary, nor
    /// one of CAMEO's organisation classes. (ETH, CAMEO's ethnic type, is
    /// no agent any dictionary gives, and it is Ethiopia's code.)
    pub fn is_country_code(&self, code: &str) -> bool {
        const CLASSES: &[&str] = &["IGO", "NGO", "IMG", "MNC", "UIS", "INT", "ELI", "CVL", "OPP", "REB", "PTY", "REL"];
        code.len() == 3
            && code.bytes().all(|b| b.is_ascii_uppercase())
            && !CLASSES.contains(&code)
            && !self.agent_codes.contains(code)
    }

    /// The agent code of an agent sense.
    pub fn agent(&self, i: u32) -> Option<&AgentEntry> {
        self.agents.get(i as usize)
    }

    /// An actor entry.
    pub fn actor(&self, i: u32) -> Option<&ActorEntry> {
        self.actors.get(i as usize)
    }

    /// The one person a surname alone names on `date` ("Arafat", "President
    /// Mugabe"): of the dictionary's people with that surname, the only one
    /// in office on the date; with no date, the only one there is. A
    /// surname two people share names neither.
    pub fn person_by_surname(&self, surname: &str, date: Option<jiff::civil::Date>) -> Option<u32> {
        let people = self.people_by_surname(surname, date);
        (people.len() == 1).then(|| people[0])
    }

    /// The one dictionary person of this first name and surname with only
    /// initials between ("Clayton Yeutter" for CLAYTON_K._YEUTTER_), in
    /// office or not: a full name says who it is. A middle name the text
    /// leaves out may be another person's (JOHN_HILARY_SMITH_ is not every
    /// John Smith).
    pub fn person_by_first_and_surname(&self, first: &str, surname: &str) -> Option<u32> {
        let key = norm_phrase(surname);
        let [word] = key.as_slice() else { return None };
        let first = norm_phrase(first);
        let [first] = first.as_slice() else { return None };
        let initials_between = |p: &str| {
            let parts: Vec<&str> = p.split('_').filter(|w| !w.is_empty()).collect();
            parts.len() >= 3
                && parts[0] == first.as_str()
                && parts[1..parts.len() - 1].iter().all(|m| m.trim_end_matches('.').chars().count() == 1)
        };
        let mut found = self
            .surnames
            .get(word)?
            .iter()
            .copied()
            .filter(|&a| self.actors[a as usize].phrases.first().is_some_and(|p| initials_between(p)));
        let one = found.next()?;
        found.next().is_none().then_some(one)
    }

    /// The dictionary's people a surname alone may name on `date`: those
    /// in office then; with no date, all of them.
    fn people_by_surname(&self, surname: &str, date: Option<jiff::civil::Date>) -> Vec<u32> {
        let key = norm_phrase(surname);
        let [word] = key.as_slice() else { return Vec::new() };
        let Some(people) = self.surnames.get(word) else { return Vec::new() };
        match date {
            Some(d) => people.iter().copied().filter(|&a| self.actors[a as usize].in_office_on(d)).collect(),
            None => people.clone(),
        }
    }

    /// The country a surname alone fixes when it names no one person: the
    /// dictionary's people of that name (on `date`, as
    /// [`Lexicon::person_by_surname`] reads them) are two or more, but
    /// every office of every one is of the same country ("Assad": Hafez or
    /// Bashar, both of Syria). A name whose offices span countries or
    /// international bodies fixes none.
    pub fn surname_country(&self, surname: &str, date: Option<jiff::civil::Date>) -> Option<&str> {
        let people = self.people_by_surname(surname, date);
        let mut codes = people.iter().flat_map(|&a| &self.actors[a as usize].codes).map(|c| c.code.as_str());
        let country = codes.next()?.get(..3)?;
        let national = self.is_country_code(country) && codes.all(|c| c.get(..3) == Some(country));
        national.then_some(country)
    }

    /// The actor entry a phrase names on `date`. A name in two files
    /// (a Phoenix entry that stops in 2014, a roster entry dated since) is
    /// read from the entry with an office covering the date, else the first.
    pub fn actor_on(&self, phrase: u32, date: Option<jiff::civil::Date>) -> Option<u32> {
        let mut actors = self.senses(phrase).iter().filter_map(|s| match *s {
            Sense::Actor(a) => Some(a),
            _ => None,
        });
        let first = actors.next()?;
        let in_office = |a: u32| date.is_some_and(|d| self.actors[a as usize].in_office_on(d));
        if in_office(first) {
            return Some(first);
        }
        Some(actors.find(|&a| in_office(a)).unwrap_or(first))
    }
}

/// The plural of a country's adjective that names its people ("Nigerian"
/// -> "Nigerians", "Iraqi" -> "Iraqis", "Serb" -> "Serbs"), if English
/// makes one by adding "s": never for "Chinese", "Swiss", "French" or
/// "Polish", whose plural is the adjective itself or another word.
/// A word that opens a surname ("AL BASHIR", "BIN LADEN", "VAN GOGH").
fn is_particle(w: &str) -> bool {
    matches!(w, "AL" | "EL" | "BIN" | "IBN" | "ABU" | "ABD" | "VAN" | "VON" | "DE" | "DA" | "DI" | "LA" | "LE")
}

/// The shorter forms a person's listed name (upper-case words, three or
/// more) is written in: the first name and the surname, with no middle name
/// or one of them, the surname with the particles before it; and each,
/// with the full name, with Arabic's article as "al" and as "el". None
/// when a word of the name is no `plain` word (a title, an initial).
fn short_names(name: &[String], plain: impl Fn(&String) -> bool) -> Vec<String> {
    let mut cut = name.len() - 1;
    while cut > 1 && is_particle(&name[cut - 1]) {
        cut -= 1;
    }
    let (first, middles, surname) = (&name[0], &name[1..cut], &name[cut..]);
    if !(plain(first) && middles.iter().all(&plain) && surname.last().is_some_and(&plain)) {
        return Vec::new();
    }
    let surname = surname.join(" ");
    let mut forms = Vec::new();
    if !middles.is_empty() {
        forms.push(format!("{first} {surname}"));
    }
    if middles.len() >= 2 {
        forms.extend(middles.iter().map(|m| format!("{first} {m} {surname}")));
    }
    let other_article = |s: &str| {
        let swap = |from: &str, to: &str| s.strip_prefix(from).map(|rest| format!("{to}{rest}"));
        swap("AL ", "EL ").or_else(|| swap("EL ", "AL "))
    };
    let spelt_other: Vec<String> = forms
        .iter()
        .cloned()
        .chain([name.join(" ")])
        .filter_map(|f| {
            let (head, tail) = f.split_at(f.len() - surname.len());
            other_article(tail).map(|t| format!("{head}{t}"))
        })
        .collect();
    forms.extend(spelt_other);
    forms
}

fn demonym_plural(adjective: &str) -> Option<String> {
    let lower = adjective.to_lowercase();
    let invariable = ["ese", "ss", "sh", "ch", "s", "x", "z", "ic"].iter().any(|e| lower.ends_with(e));
    (!invariable && !adjective.contains(' ')).then(|| format!("{adjective}s"))
}

/// A place's name as English news writes it, without its accents
/// ("Zürich" -> "Zurich", "São Paulo" -> "Sao Paulo", "Diyarbakır" ->
/// "Diyarbakir"), when that differs from the name.
fn unaccented(name: &str) -> Option<String> {
    use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};
    if name.is_ascii() {
        return None;
    }
    let plain: String = name
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'ı' => 'i',
            'ł' => 'l',
            'Ł' => 'L',
            'ø' => 'o',
            'Ø' => 'O',
            'đ' => 'd',
            'Đ' => 'D',
            _ => c,
        })
        .collect();
    (plain != name).then_some(plain)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_block_of_the_verb_supplement_adds_to_a_block_or_has_verbs() {
        // A block is joined to the dictionary's block of the same name; one
        // with neither verbs nor a namesake would hold patterns no verb reads.
        let lossy = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        let dictionary = verbs::parse_verbs(&lossy(BUNDLED_VERBS), "CAMEO.2.0.txt").0;
        let supplement = verbs::parse_verbs(&lossy(CLIO_VERBS), "verbs.supplement.txt").0;
        for block in &supplement.blocks {
            assert!(
                !block.verbs.is_empty() || dictionary.blocks.iter().any(|b| b.name == block.name),
                "supplement block {} names no block of the dictionary and has no verbs",
                block.name
            );
        }
    }

    fn found(lex: &Lexicon, text: &str) -> Vec<String> {
        let toks = clio_text::tokenize(text);
        lex.find(&PhraseIndex::new(text, &toks)).iter().map(|m| m.span.slice(text).to_string()).collect()
    }

    #[test]
    fn finds_actors_agents_and_places_on_word_boundaries() {
        let lex = Lexicon::bundled();
        let got = found(
            &lex,
            "U.S. Secretary of State Mike Pompeo spoke with Yang Jiechi in Beijing about the United Nations.",
        );
        for want in ["U.S.", "Secretary of State", "Yang Jiechi", "Beijing", "United Nations"] {
            assert!(got.iter().any(|g| g == want), "{want} in {got:?}");
        }
    }

    #[test]
    fn a_city_is_found_as_news_writes_it_without_its_accents() {
        let lex = Lexicon::bundled();
        let text = "Bankers in Zurich, Sao Paulo and Bogota met.";
        let toks = clio_text::tokenize(text);
        let cities: Vec<String> = lex
            .find(&PhraseIndex::new(text, &toks))
            .iter()
            .filter(|m| lex.senses(m.phrase).iter().any(|s| matches!(s, Sense::City(_))))
            .map(|m| m.span.slice(text).to_string())
            .collect();
        assert_eq!(cities, ["Zurich", "Sao Paulo", "Bogota"]);
        assert_eq!(unaccented("Diyarbakır").as_deref(), Some("Diyarbakir"));
        assert_eq!(unaccented("Geneva"), None);
    }

    #[test]
    fn a_surname_two_people_share_fixes_their_country_when_they_share_one() {
        let actors = "HAFIZ_AL_QASIM_\n\t[SYRGOV 700101-000610]\nBASIM_AL_QASIM_\n\t[SYRGOV >000717]\n\
                      DORA_QASIM_\n\t[SYRGOV >000717]\nOMAR_WELLS_\n\t[EGYGOV 800101-900101]\n\
                      LINA_WELLS_\n\t[JORGOV 800101-900101]\nTARNOV_\n\t[POLELI 600101-700101]\n\t[POLGOV 700102-800101]\n";
        let files = DictFiles { files: vec![(DictKind::Actors, "t.actors.txt".into(), actors.into())] };
        let lex = Lexicon::with_files(&files);
        let day = |y| jiff::civil::Date::new(y, 6, 1).ok();
        assert_eq!(lex.person_by_surname("Qasim", None), None, "two people: neither");
        assert_eq!(lex.surname_country("Qasim", None), Some("SYR"), "but both of Syria");
        assert!(lex.person_by_surname("Qasim", day(1990)).is_some(), "one in office then");
        assert_eq!(lex.surname_country("Wells", None), None, "Egypt or Jordan: no country");
        let one_word = lex.person_by_surname("Tarnov", None).and_then(|a| lex.actor(a));
        assert_eq!(one_word.and_then(|a| a.code_on(None)), Some("POL"), "a one-word name is its own surname");
        assert_eq!(one_word.and_then(|a| a.code_on(day(1975))), Some("POLGOV"));
    }

    #[test]
    fn a_name_with_middle_names_is_found_by_its_first_and_last_alone() {
        let actors = "CARLOTA_MARIA_ZENDEJAS_\n\t[MEXGOV 900101-991231]\nJOHN_PETER_ODUYA_\n\t[KENGOV]\n\
                      PETER_ODUYA_\n\t[UGAGOV]\nHENRY_LOUIS_PAUL_\n\t[GHAGOV]\nPAUL_KAMAU_\n\t[KENGOV]\n\
                      ANA_LUISA_BREK_\n\t[MNCMEX]\n";
        let files = DictFiles { files: vec![(DictKind::Actors, "t.actors.txt".into(), actors.into())] };
        let lex = Lexicon::with_files(&files);
        let got = found(&lex, "Carlota Zendejas met John Oduya, Henry Paul and Ana Brek.");
        assert!(got.iter().any(|g| g == "Carlota Zendejas"), "{got:?}");
        assert!(got.iter().any(|g| g == "John Oduya"), "no other entry is 'John Oduya': {got:?}");
        assert!(!got.iter().any(|g| g == "Henry Paul"), "Paul is someone's first name: {got:?}");
        assert!(!got.iter().any(|g| g == "Ana Brek"), "a company's entry is no person: {got:?}");
    }

    #[test]
    fn a_name_is_found_with_one_of_its_middle_names_and_its_surname_with_its_particle() {
        let actors = "HAMID_YUSUF_KAREEM AL_NOURI_\n\t[IRQGOV]\nNOURI_SALEH_\n\t[JORGOV]\n\
                      ZAINAB_ALI_NOURI_\n\t[SYRGOV]\n";
        let files = DictFiles { files: vec![(DictKind::Actors, "t.actors.txt".into(), actors.into())] };
        let lex = Lexicon::with_files(&files);
        let got = found(&lex, "Hamid Yusuf al-Nouri met Hamid El Nouri and Hamid Kareem el-Nouri in Basra.");
        for name in ["Hamid Yusuf al-Nouri", "Hamid El Nouri", "Hamid Kareem el-Nouri"] {
            assert!(got.iter().any(|g| g == name), "{name}: {got:?}");
        }
        // Nouri is someone's first name, so "Zainab Nouri" may be anyone;
        // "al-Nouri", with its particle, is no one's first name.
        let got = found(&lex, "Zainab Nouri met Hamid al-Nouri.");
        assert!(!got.iter().any(|g| g == "Zainab Nouri"), "{got:?}");
        assert!(got.iter().any(|g| g == "Hamid al-Nouri"), "{got:?}");
    }

    #[test]
    fn a_countrys_people_are_the_plural_of_its_adjective_where_english_has_one() {
        let lex = Lexicon::bundled();
        for people in ["Nigerians", "Iraqis", "Serbs", "Afghans"] {
            assert!(lex.is_people_word(people), "{people}");
        }
        for not in ["Chineses", "Swisss", "Frenchs", "Nigerian", "Lagos"] {
            assert!(!lex.is_people_word(not), "{not}");
        }
        let got = found(&lex, "Thousands of Nigerians and Iraqis marched.");
        assert!(got.iter().any(|g| g == "Nigerians") && got.iter().any(|g| g == "Iraqis"), "{got:?}");
    }

    #[test]
    fn a_longer_name_is_matched_whole_and_a_title_before_a_name_apart() {
        let lex = Lexicon::bundled();
        // "OSAMA_BIN_LADEN_" beside its synonym "BIN_LADEN": a longer name.
        let got = found(&lex, "Osama bin Laden threatened them.");
        assert!(got.iter().any(|g| g == "Osama bin Laden"), "{got:?}");
        // "US_PRESIDENT_BARACK_OBAMA" beside "BARACK_OBAMA": a title, read apart.
        let got = found(&lex, "US President Barack Obama spoke.");
        assert!(
            got.iter().any(|g| g == "Barack Obama") && !got.iter().any(|g| g.starts_with("US President B")),
            "{got:?}"
        );
    }

    #[test]
    fn an_arabic_article_in_lower_case_may_start_a_name() {
        let lex = Lexicon::bundled();
        let got = found(&lex, "A statement by al-Qaeda was read out.");
        assert!(got.iter().any(|g| g == "al-Qaeda"), "{got:?}");
    }

    #[test]
    fn possessives_and_hyphens_match_and_case_guards_hold() {
        let lex = Lexicon::bundled();
        let got = found(&lex, "China's foreign ministry and the vice-foreign minister told us who would go.");
        // The possessive is a token of its own, not part of the name.
        assert!(got.iter().any(|g| g == "China"), "{got:?}");
        assert!(got.iter().any(|g| g.eq_ignore_ascii_case("foreign ministry")), "{got:?}");
        assert!(!got.iter().any(|g| g == "us" || g == "who"), "pronouns are not the US or the WHO: {got:?}");
        // A four-letter place name matches as a name; a short abbreviation
        // only in capitals.
        let got = found(&lex, "Talks in Gaza resumed, the UN said.");
        assert!(got.iter().any(|g| g == "Gaza") && got.iter().any(|g| g == "UN"), "{got:?}");
        assert!(!found(&lex, "Talks would resume, he told us.").iter().any(|g| g == "us"));
        // The same in a text with a non-ASCII character (normalised word by word).
        let got = found(&lex, "China\u{2019}s foreign ministry and the vice-foreign minister met in Z\u{fc}rich.");
        assert!(got.iter().any(|g| g == "China"), "{got:?}");
        assert!(got.iter().any(|g| g.eq_ignore_ascii_case("foreign ministry")), "{got:?}");
    }

    /// The code of the one actor phrase in `text` on a date.
    fn code_on(lex: &Lexicon, text: &str, y: i16, m: i8, d: i8) -> Option<String> {
        let toks = clio_text::tokenize(text);
        let date = jiff::civil::Date::new(y, m, d).ok();
        lex.find(&PhraseIndex::new(text, &toks))
            .iter()
            .find_map(|x| lex.actor_on(x.phrase, date))
            .and_then(|a| lex.actor(a)?.code_on(date).map(str::to_string))
    }

    #[test]
    fn office_holders_past_2014_are_coded_by_the_date_of_the_story() {
        let lex = Lexicon::bundled();
        // The roster: a Secretary of State in office, then out of it.
        assert_eq!(code_on(&lex, "Mike Pompeo spoke.", 2019, 5, 1).as_deref(), Some("USAGOV"));
        assert_eq!(code_on(&lex, "Mike Pompeo spoke.", 2023, 5, 1).as_deref(), Some("USA"));
        // A minister twice, and between the two offices only British.
        assert_eq!(code_on(&lex, "Boris Johnson spoke.", 2017, 5, 1).as_deref(), Some("GBRGOV"));
        assert_eq!(code_on(&lex, "Boris Johnson spoke.", 2018, 12, 1).as_deref(), Some("GBR"));
        // clio's own officials file: heads of international bodies.
        assert_eq!(code_on(&lex, "Antonio Guterres spoke.", 2020, 5, 1).as_deref(), Some("IGOUNO"));
        assert_eq!(code_on(&lex, "Antonio Guterres spoke.", 2000, 5, 1).as_deref(), Some("PRTGOV"));
    }

    #[test]
    fn user_dictionaries_replace_the_bundled_ones_of_their_kind() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("Test.actors.txt"), "NORLAND_ [NRL]\n+NORLANDIC_\nBROKEN [NRL 99]\n").unwrap();
        std::fs::write(dir.path().join("notes.txt"), "not a dictionary").unwrap();
        let files = DictFiles::read_dir(dir.path()).unwrap();
        let lex = Lexicon::with_files(&files);
        assert_eq!(lex.actors.len(), 1, "only the user's actors");
        assert!(!lex.agents.is_empty(), "bundled agents stay");
        assert_eq!(lex.errors.len(), 1);
        assert!(lex.errors[0].to_string().starts_with("Test.actors.txt:3:"));
        assert!(found(&lex, "The Norlandic side spoke.").contains(&"Norlandic".to_string()));
        assert!(DictFiles::read_dir(tempfile::tempdir().unwrap().path()).is_err());
    }
}
