//! People, organisations and places, with their roles, CAMEO actor codes
//! and every mention resolved within the article.
//!
//! The names come from the recogniser ([`clio_model::Doc::syntax`]): it
//! decides whether a run of capitals is a name and of what kind. The
//! dictionaries, the gazetteer, titles and roles then decide which actor
//! a name is and what code it gets. One left-to-right pass over the tokens:
//!
//! 1. **Chunks**: runs of capitalised words, joined by "of"/"the"/"for"
//!    only after an organisation or title head ("Bank of China", "Secretary
//!    of State"), never after a name ("President Xi of China" is two).
//! 2. **Analysis** of a chunk: country modifiers ("U.S.", "Chinese",
//!    "China's"), an organisation modifier ("WHO"), a title run ("Vice
//!    Foreign Minister"), and the name after it. A title followed by "of"
//!    is a role in an organisation, not a person. The names the recogniser
//!    found in the rest make people, organisations and places; the
//!    dictionaries alone make only countries, their adjectives and
//!    capitals ("U.S.", "Chinese", "Beijing").
//! 3. **Around a chunk**: "(ABBR)" after it is an alias; ", ROLE," after a
//!    person is a role ("Yang, also director of ..."); role words before it
//!    ("union negotiator", "his US counterpart") are roles too.
//! 4. **Coreference** as mentions come: a partial name ("Yang", "Pompeo",
//!    "President Xi") is the latest person with that name; "he"/"she"
//!    heading a clause is the latest person; "the latter"/"the former" the
//!    latest or the one before; "the commission", "the country" the latest
//!    organisation or country of that kind.
//! 5. **Actor codes**, after the pass (see [`actors`]).

mod actors;
pub mod words;

use std::collections::HashMap;
use std::sync::Arc;

use clio_lexicon::{AgentPlacement, LexMatch, Lexicon, PhraseIndex, Sense};
use clio_model::{
    ActorMention, Doc, Entity, EntityType, Layer, Mention, MentionKind, Name, NameKind, Place, Rel, RemovalReason,
    Span, Stage, Token, TokenKind, Upos, Xpos,
};
use jiff::civil::Date;
use words::*;

/// Stage: fills [`Doc::entities`] and [`Doc::actors`].
pub struct EntityStage {
    lex: Arc<Lexicon>,
    /// The language layer, for photo captions (read with the body).
    language: clio_nlp::LanguageStage,
    /// Acronyms of international organisations the dictionary spells out
    /// ("WHO" -> the WORLD_HEALTH_ORGANIZATION entry), from entries whose
    /// code ends with the acronym and whose words' initials spell it.
    acronyms: HashMap<String, u32>,
    /// The dictionaries' people by the first word of their names (lower
    /// case), with all the words: a name spelt one letter off is found
    /// among the few that share its first word.
    people: HashMap<String, Vec<(u32, Vec<String>)>>,
}

impl EntityStage {
    /// Builds the stage over a compiled lexicon and the language layer
    /// (whose names it reads; captions are read through it too).
    pub fn new(lex: Arc<Lexicon>, language: clio_nlp::LanguageStage) -> EntityStage {
        let mut acronyms = HashMap::new();
        for (i, a) in lex.actors.iter().enumerate() {
            let Some(code) = a.codes.first().map(|c| c.code.as_str()) else { continue };
            // An entry whose every code is dated is an office-holder ("the
            // CoEU's president in 1962"), a person: "EC" abbreviates the
            // organisation, not the initials of one of its presidents.
            let office_holder = a.codes.iter().all(|c| c.from.is_some() || c.until.is_some());
            if !(code.starts_with("IGO") || code.starts_with("NGO")) || code.len() < 6 || office_holder {
                continue;
            }
            for p in &a.phrases {
                let initials: String = p
                    .split(['_', ' '])
                    .filter(|w| !w.is_empty() && !is_in(&CONNECTORS, w))
                    .filter_map(|w| w.chars().next())
                    .collect();
                if initials.len() >= 2 && code.ends_with(&initials) {
                    acronyms.entry(initials).or_insert(i as u32);
                }
            }
        }
        let mut people: HashMap<String, Vec<(u32, Vec<String>)>> = HashMap::new();
        for (i, a) in lex.actors.iter().enumerate() {
            let personal =
                a.codes.iter().any(|c| c.code.len() > 3 && !c.code.starts_with("IGO") && !c.code.starts_with("NGO"));
            if !personal {
                continue;
            }
            for p in &a.phrases {
                let words: Vec<String> = p.split(['_', ' ']).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
                if let (true, Some(first)) = (words.len() >= 2, words.first()) {
                    people.entry(first.clone()).or_default().push((i as u32, words));
                }
            }
        }
        EntityStage { lex, language, acronyms, people }
    }

    /// The dictionary person whose name is `words` but for one letter
    /// more or less in one word after the first, that word at least six
    /// letters long in the dictionary ("Abdelaziz Bouteflicka", "Laurent
    /// Gbago"): transliterations and typing slips of a name the
    /// dictionaries have. None when two people fit.
    pub(crate) fn person_spelt_off(&self, words: &[String]) -> Option<u32> {
        let candidates = self.people.get(words.first()?)?;
        // (The same spelling in two dictionaries, the Phoenix one and the
        // roster, is one person: the first entry speaks for it.)
        let mut found: Option<(u32, &[String])> = None;
        for (entry, name) in candidates {
            let fits = name.len() == words.len()
                && name.iter().zip(words).filter(|(a, b)| a != b).count() == 1
                && name.iter().zip(words).all(|(a, b)| a == b || a.len() >= 6 && one_letter_apart(a, b));
            if fits {
                match found {
                    Some((f, spelt)) if f != *entry && spelt != name.as_slice() => return None,
                    Some(_) => {}
                    None => found = Some((*entry, name)),
                }
            }
        }
        found.map(|(entry, _)| entry)
    }
}

impl Stage for EntityStage {
    fn name(&self) -> &'static str {
        "entities"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Sentences, Layer::Date]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Entities]
    }
    fn run(&self, doc: &mut Doc) {
        // Captions go after the body, as paragraphs of their own, so that
        // their names merge with the body's and add titles ("U.S. President
        // Donald Trump"); their mentions are then moved out of the text.
        let captions: Vec<Span> =
            doc.removed.iter().filter(|r| r.reason == RemovalReason::PhotoCaption).map(|r| r.raw).collect();
        if captions.is_empty() {
            let mut b = Builder::new(self, doc);
            b.pass();
            let (entities, actors) = b.finish();
            doc.entities = entities;
            doc.actors = actors;
            return;
        }
        let mut combined = Doc::new(doc.id.clone(), String::new(), doc.format, String::new(), doc.text.clone());
        combined.paragraphs = doc.paragraphs.clone();
        combined.meta = doc.meta.clone();
        combined.date = doc.date.clone();
        let mut caption_at: Vec<(usize, usize, usize)> = Vec::new();
        for c in &captions {
            combined.text.push_str("\n\n");
            let at = combined.text.len();
            let caption = without_credit(c.slice(&doc.raw));
            combined.text.push_str(caption);
            caption_at.push((at, c.start(), caption.len()));
            if let Some(p) = Span::new(at, combined.text.len()) {
                combined.paragraphs.push(p);
            }
        }
        combined.tokens = clio_text::tokenize(&combined.text);
        combined.sentences = clio_text::split_sentences(&combined.text, &combined.tokens, &combined.paragraphs);
        self.language.run(&mut combined);
        let mut b = Builder::new(self, &combined);
        b.pass();
        let (mut entities, actors) = b.finish();
        let body = doc.text.len();
        let to_raw = |s: Span| {
            caption_at
                .iter()
                .find(|&&(at, _, len)| s.start() >= at && s.end() <= at + len)
                .and_then(|&(at, raw, _)| Span::new(raw + s.start() - at, raw + s.end() - at))
        };
        for e in &mut entities {
            let (text, caption): (Vec<Mention>, Vec<Mention>) = e.mentions.iter().partition(|m| m.span.end() <= body);
            e.mentions = text;
            e.caption_mentions = caption.iter().filter_map(|m| to_raw(m.span)).collect();
        }
        doc.entities = entities;
        doc.actors = actors.into_iter().filter(|a| a.span.end() <= body).collect();
    }
}

/// A country-block dictionary phrase and how it is used.
#[derive(Clone, Copy, Debug, PartialEq)]
enum CountryUse {
    /// The country's name ("China", "U.S.", "the United States").
    Name,
    /// An adjective ("Chinese").
    Demonym,
    /// The capital ("Beijing").
    Capital,
    /// Another place in it ("Wuhan", "Hubei").
    Place,
}

/// Working state of one entity.
struct Ent {
    e: Entity,
    /// Lower-case name words, for partial-name coreference.
    name_words: Vec<String>,
    /// Dictionary actor entry, if the name is in the dictionary.
    dict: Option<u32>,
    /// A title read before the name ("Secretary of State").
    title: Option<String>,
    /// Country named by a modifier ("U.S.", "Cambodian").
    modifier_country: Option<String>,
    /// Country of every dictionary person a surname alone may name, when
    /// it names no one person ([`Lexicon::surname_country`]).
    surname_country: Option<String>,
    /// Organisation the person speaks for ("WHO Director-General", "deputy
    /// director of the National Health Commission").
    affiliation: Option<usize>,
    /// Named so far by one word only, its dictionary person (or country)
    /// found by that surname: a full name with that surname later in the
    /// article says who it is ("Ginsburg" in a headline, "Ruth Bader
    /// Ginsburg" below), unless a title or a role already said ("President
    /// Reagan", then "Nancy Reagan").
    by_surname: bool,
    /// Country of a place or a country entity.
    is_country: bool,
}

struct Builder<'a> {
    stage: &'a EntityStage,
    lex: &'a Lexicon,
    text: &'a str,
    tokens: &'a [Token],
    date: Option<Date>,
    matches: Vec<LexMatch>,
    /// Token -> index of the dictionary match covering it.
    tok_match: Vec<Option<u32>>,
    sentence_start: Vec<bool>,
    /// Per token, whether it opens a paragraph.
    paragraph_start: Vec<bool>,
    ents: Vec<Ent>,
    actors: Vec<ActorMention>,
    /// Person mentions in text order: (token, entity).
    persons_seen: Vec<(usize, usize)>,
    /// Country named by the dateline, or most often in the text.
    doc_country: Option<String>,
    /// Role phrases to search for a person's organisation: (person, tokens).
    pending_affiliations: Vec<(usize, usize, usize)>,
    /// A plural title and its country, and the token its first name's
    /// chunk ended at: "Foreign Ministers Ann Lee of Kenya and Tom Okello
    /// of Uganda" gives the title to each name joined after it.
    plural_title: Option<(String, Option<String>, usize)>,
    /// Mentions of places and countries that only say where something is
    /// or whose ("the Paris accord", "U.S. dlrs", a dateline's "BEIRUT -"):
    /// entities, but no actors.
    places_not_actors: Vec<Span>,
    /// Per match: its country and use, if a country-block phrase.
    match_country: Vec<Option<(String, CountryUse)>>,
    /// The recogniser's names.
    names: &'a [Name],
    /// The language layer: tags and the dependency tree.
    syntax: &'a clio_model::Syntax,
    /// Token -> index of the name covering it.
    name_at: Vec<Option<u32>>,
    /// Per token, inside a stock ticker (see [`ticker_tokens`]).
    in_ticker: Vec<bool>,
}

/// Whether one letter more or less turns `a` into `b` ("Gbago",
/// "Gbagbo"). A changed letter is not enough: it makes another name too
/// often ("Hammes", "Hammer").
fn one_letter_apart(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (long, short) = if a.len() >= b.len() { (&a, &b) } else { (&b, &a) };
    if long.len() != short.len() + 1 {
        return false;
    }
    let prefix = long.iter().zip(short.iter()).take_while(|(x, y)| x == y).count();
    long[prefix + 1..] == short[prefix..]
}

fn lower(s: &str) -> String {
    s.to_lowercase()
}

impl<'a> Builder<'a> {
    fn new(stage: &'a EntityStage, doc: &'a Doc) -> Builder<'a> {
        let lex = stage.lex.as_ref();
        let idx = PhraseIndex::new(&doc.text, &doc.tokens);
        let mut matches = lex.find(&idx);
        // A nationality joined to "language" or "speaking" names a
        // language ("Spanish-language television", "French-speaking
        // cantons"), not a country.
        let word = |i: usize| doc.tokens.get(i).map_or("", |t| t.span.slice(&doc.text));
        let joined = |a: usize| matches!((doc.tokens.get(a), doc.tokens.get(a + 1)), (Some(x), Some(y)) if x.span.end() == y.span.start());
        matches.retain(|m| {
            let e = m.token_end;
            !(word(e) == "-" && joined(e - 1) && joined(e) && is_in(&LANGUAGE_HEADS, word(e + 1)))
        });
        let mut tok_match = vec![None; doc.tokens.len()];
        for (mi, m) in matches.iter().enumerate() {
            for slot in &mut tok_match[m.token_start..m.token_end.min(doc.tokens.len())] {
                *slot = Some(mi as u32);
            }
        }
        let mut sentence_start = vec![false; doc.tokens.len()];
        let mut paragraph_start = vec![false; doc.tokens.len()];
        let mut paragraph = None;
        for s in &doc.sentences {
            if let Some(slot) = sentence_start.get_mut(s.token_start as usize) {
                *slot = true;
            }
            if paragraph != Some(s.paragraph) {
                paragraph = Some(s.paragraph);
                if let Some(slot) = paragraph_start.get_mut(s.token_start as usize) {
                    *slot = true;
                }
            }
        }
        let date = doc.date.value.or(doc.meta.published);
        let in_ticker = ticker_tokens(&doc.text, &doc.tokens);
        let mut name_at = vec![None; doc.tokens.len()];
        for (ni, n) in doc.syntax.names.iter().enumerate() {
            if (n.token_start..n.token_end).any(|k| in_ticker.get(k as usize) == Some(&true)) {
                continue;
            }
            for slot in name_at.iter_mut().take(n.token_end as usize).skip(n.token_start as usize) {
                *slot = Some(ni as u32);
            }
        }
        let mut b = Builder {
            stage,
            lex,
            text: &doc.text,
            tokens: &doc.tokens,
            date,
            matches,
            tok_match,
            sentence_start,
            paragraph_start,
            ents: Vec::new(),
            actors: Vec::new(),
            persons_seen: Vec::new(),
            doc_country: None,
            pending_affiliations: Vec::new(),
            plural_title: None,
            places_not_actors: Vec::new(),
            match_country: Vec::new(),
            names: &doc.syntax.names,
            syntax: &doc.syntax,
            name_at,
            in_ticker,
        };
        b.match_country = b.matches.iter().map(|m| b.compute_country(m)).collect();
        b.doc_country = b.dateline_country(doc.meta.dateline.as_deref());
        b
    }

    fn word(&self, i: usize) -> &'a str {
        self.tokens.get(i).map_or("", |t| t.span.slice(self.text))
    }

    /// The recogniser's name covering token `i` (none for a ticker).
    fn name_at(&self, i: usize) -> Option<&'a Name> {
        let names: &'a [Name] = self.names;
        self.name_at.get(i).copied().flatten().and_then(|n| names.get(n as usize))
    }

    /// The kind of name the recogniser made of token `i`, if any.
    fn kind_at(&self, i: usize) -> Option<NameKind> {
        self.name_at(i).map(|n| n.kind)
    }

    /// The recogniser's names inside tokens `start..end`, clipped to them.
    fn names_in(&self, start: usize, end: usize) -> Vec<(usize, usize, NameKind)> {
        let mut out: Vec<(usize, usize, NameKind)> = Vec::new();
        for i in start..end {
            if let Some(n) = self.name_at(i) {
                let (a, b) = ((n.token_start as usize).max(start), (n.token_end as usize).min(end));
                if out.last().is_none_or(|&(x, y, _)| (x, y) != (a, b)) {
                    out.push((a, b, n.kind));
                }
            }
        }
        out
    }

    /// A word (a possessive is a token of its own: "China" "'s").
    fn bare(&self, i: usize) -> &'a str {
        self.word(i)
    }

    /// Token `i` is followed by a possessive ("China" in "China's").
    fn is_possessive(&self, i: usize) -> bool {
        self.adjacent(i, i + 1) && is_possessive_mark(self.word(i + 1))
    }

    /// Token `i` is a hyphen joining the words around it ("Director-General").
    fn is_joining_hyphen(&self, i: usize) -> bool {
        self.word(i) == "-" && i > 0 && self.adjacent(i - 1, i) && self.adjacent(i, i + 1) && self.is_word(i + 1)
    }

    /// A lower-case name particle at `i` joined by a hyphen to a capital
    /// ("al-Bashir", "el-Baradei"): three tokens of one surname.
    fn is_joined_particle(&self, i: usize) -> bool {
        is_in(&NAME_PARTICLES, self.word(i))
            && self.adjacent(i, i + 1)
            && self.is_joining_hyphen(i + 1)
            && self.is_cap(i + 2)
    }

    fn is_word(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.kind == TokenKind::Word)
    }

    /// A word that can start or continue a name: capitalised, or an
    /// Arabic article or particle hyphened to a capitalised word
    /// ("al-Qaeda", "el-Sisi").
    fn is_cap(&self, i: usize) -> bool {
        self.is_word(i)
            && !self.in_ticker[i]
            && (self.word(i).chars().next().is_some_and(char::is_uppercase)
                || matches!(self.word(i), "al" | "el" | "ad" | "as" | "an" | "ar" | "az" | "at" | "ash")
                    && self.is_joining_hyphen(i + 1)
                    && self.word(i + 2).chars().next().is_some_and(char::is_uppercase))
    }

    fn is_acronym(&self, i: usize) -> bool {
        let w = self.bare(i);
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        self.is_word(i) && (2..=6).contains(&letters) && !w.chars().any(char::is_lowercase) && !w.contains('-')
    }

    fn span(&self, from: usize, to: usize) -> Option<Span> {
        let a = self.tokens.get(from)?.span.start();
        let b = self.tokens.get(to.checked_sub(1)?)?.span.end();
        Span::new(a, b)
    }

    /// The words of tokens `from..to`, spaces normalised, a final
    /// possessive dropped ("CPC's" -> "CPC").
    fn text_of(&self, from: usize, to: usize) -> String {
        let t = self
            .span(from, to)
            .map_or(String::new(), |s| s.slice(self.text).split_whitespace().collect::<Vec<_>>().join(" "));
        let bare = t.strip_suffix("\u{2019}s").or_else(|| t.strip_suffix("'s")).unwrap_or(&t);
        bare.to_string()
    }

    /// The dictionary phrase that is exactly tokens `start..end`, or them
    /// with "the" before ("the United Nations").
    fn dict_match(&self, start: usize, end: usize) -> Option<LexMatch> {
        let exact = self.match_at(start).filter(|m| m.token_end == end);
        let with_the = || {
            (start > 0 && self.word(start - 1).eq_ignore_ascii_case("the"))
                .then(|| self.match_at(start - 1).filter(|m| m.token_end == end))
                .flatten()
        };
        exact.or_else(with_the).cloned()
    }

    /// The dictionary phrase that is exactly tokens `start..end` read on
    /// their own: a name a longer phrase of the dictionary ran over ("UN"
    /// of "UN Secretary-General", which the dictionary lists too).
    fn phrase_alone(&self, start: usize, end: usize) -> Option<LexMatch> {
        let span = self.span(start, end)?;
        let text = span.slice(self.text);
        let toks = clio_text::tokenize(text);
        let m = self.lex.find(&PhraseIndex::new(text, &toks)).into_iter().next()?;
        (m.token_start == 0 && m.token_end == end - start).then(|| LexMatch {
            span: Span::new(span.start() + m.span.start(), span.start() + m.span.end()).unwrap_or(span),
            token_start: start,
            token_end: end,
            phrase: m.phrase,
        })
    }

    /// The dictionary match starting exactly at token `i`.
    fn match_at(&self, i: usize) -> Option<&LexMatch> {
        let m = &self.matches[self.tok_match.get(i).copied().flatten()? as usize];
        (m.token_start == i).then_some(m)
    }

    /// The dictionary match ending exactly before token `j`.
    fn match_ending_at(&self, j: usize) -> Option<&LexMatch> {
        let m = &self.matches[self.tok_match.get(j.checked_sub(1)?).copied().flatten()? as usize];
        (m.token_end == j).then_some(m)
    }

    /// The country block a phrase belongs to, and how it is used
    /// (computed once per match, in [`Builder::new`]).
    fn country_of_match(&self, m: &LexMatch) -> Option<(String, CountryUse)> {
        let mi = self.tok_match.get(m.token_start).copied().flatten()? as usize;
        if self.matches.get(mi).is_some_and(|x| x.token_start == m.token_start && x.phrase == m.phrase) {
            return self.match_country.get(mi).cloned().flatten();
        }
        self.compute_country(m)
    }

    fn compute_country(&self, m: &LexMatch) -> Option<(String, CountryUse)> {
        let phrase = m.span.slice(self.text);
        let bare = phrase.strip_suffix("\u{2019}s").or_else(|| phrase.strip_suffix("'s")).unwrap_or(phrase);
        let mut code = None;
        let mut primary: Option<String> = None;
        let mut gaz_country = false;
        let mut demonym = false;
        let mut city: Option<&clio_lexicon::City> = None;
        for s in self.lex.senses(m.phrase) {
            match *s {
                Sense::Actor(a) => {
                    if let Some(e) = self.lex.actor(a) {
                        let c = e.code_on(self.date).unwrap_or("");
                        // A country block: a three-letter code that is a country.
                        if code.is_none() && self.lex.is_country_code(c) {
                            code = Some(c.to_string());
                            primary = e.phrases.first().map(|p| p.replace('_', " ").trim().to_lowercase());
                        }
                    }
                }
                Sense::Country(c) => {
                    gaz_country = true;
                    if code.is_none() {
                        code = self.lex.gazetteer.countries.get(c as usize).map(|c| c.iso3.clone());
                    }
                }
                Sense::City(c) => city = city.or(self.lex.gazetteer.cities.get(c as usize)),
                Sense::Demonym(d) => {
                    if code.is_none() {
                        code = self.lex.gazetteer.demonyms.get(d as usize).map(|(_, c)| c.clone());
                        demonym = true;
                    }
                }
                Sense::Agent(_) => {}
            }
        }
        let words = bare.split_whitespace().count();
        if let (None, Some(c)) = (&code, city) {
            // An acronym that is only a town's name is the acronym ("the
            // GAO", not Gao in Mali).
            if words == 1 && bare.len() <= 4 && bare.chars().all(|c| c.is_ascii_uppercase()) {
                return None;
            }
            code = self.iso2_to_code(&c.iso2);
        }
        let code = code?;
        // Another name of the country: part of its dictionary or gazetteer
        // name ("America" in "United States of America"), or that name
        // spelt one letter off, as the dictionary lists among the country's
        // names beside its towns ("Ethopia" under ETHIOPIA).
        let lower_bare = bare.to_lowercase();
        let part_of_name = bare.len() > 3
            && (primary.as_deref().is_some_and(|p| {
                p.split_whitespace().any(|w| w == lower_bare)
                    || p.contains(&lower_bare) && lower_bare.contains(' ')
                    || p.len() >= 6 && !p.contains(' ') && one_letter_apart(p, &lower_bare)
            }) || self.lex.gazetteer.country(&code).is_some_and(|c| c.name.to_lowercase().contains(&lower_bare)));
        let usage = if demonym {
            CountryUse::Demonym
        } else if gaz_country
            || part_of_name
            || bare.contains('.')
            || (words > 1 && city.is_none())
            || bare.len() <= 3 && bare.chars().all(|c| c.is_uppercase())
        {
            CountryUse::Name
        } else if city.is_some_and(|c| c.capital) {
            CountryUse::Capital
        } else if city.is_some() || words > 1 {
            CountryUse::Place
        } else if is_demonym_shaped(bare) {
            CountryUse::Demonym
        } else {
            CountryUse::Place
        };
        Some((code, usage))
    }

    /// The country a dictionary phrase belongs to: its country block, or
    /// the country prefix of its actor code ("COMMUNIST_PARTY_OF_CHINA" ->
    /// CHN).
    fn country_code_of(&self, m: &LexMatch) -> Option<String> {
        if let Some((code, _)) = self.country_of_match(m) {
            return Some(code);
        }
        let code = self.lex.actor(self.actor_entry(m)?)?.code_on(self.date)?;
        let prefix = code.get(..3)?;
        self.lex.is_country_code(prefix).then(|| prefix.to_string())
    }

    fn iso2_to_code(&self, iso2: &str) -> Option<String> {
        self.lex.gazetteer.country(iso2).map(|c| c.iso3.clone())
    }

    fn dateline_country(&self, dateline: Option<&str>) -> Option<String> {
        let place = dateline?;
        let toks = clio_text::tokenize(place);
        let found = self.lex.find(&PhraseIndex::new(place, &toks));
        found.iter().find_map(|m| {
            self.lex.senses(m.phrase).iter().find_map(|s| match *s {
                Sense::City(c) => self.lex.gazetteer.cities.get(c as usize).and_then(|c| self.iso2_to_code(&c.iso2)),
                Sense::Country(c) => self.lex.gazetteer.countries.get(c as usize).map(|c| c.iso3.clone()),
                _ => None,
            })
        })
    }

    // ---- the pass --------------------------------------------------------

    fn pass(&mut self) {
        let mut i = 0;
        while i < self.tokens.len() {
            // An Arabic article in lower case opening a name the dictionary
            // knows ("al Qaeda", "al Shabaab") is part of it.
            let article = matches!(self.word(i), "al" | "el")
                && self.match_at(i).is_some_and(|m| m.token_end > i + 1 && self.actor_entry(m).is_some());
            if let Some(end) = article.then(|| self.chunk_at(i + 1)).flatten() {
                self.analyse_chunk(i, end);
                i = end;
            } else if let Some(end) = self.chunk_at(i) {
                // "Treasury bills", "Canadian Treasury bonds": an
                // organisation's debt, no mention of it acting.
                let issuer = is_in(&ORG_HEADS, self.bare(end - 1))
                    && is_word_lower(self.word(end))
                    && is_in(&INSTRUMENTS, self.word(end));
                if !issuer {
                    self.analyse_chunk(i, end);
                    self.actor_past_chunk(i, end);
                }
                i = end;
            } else {
                self.coreference_at(i);
                i += 1;
            }
        }
        self.owned_organisations();
    }

    /// "Japan's NEC Corp": a country that owns an organisation named with
    /// no country of its own is its country; not one that owns a thing the
    /// organisation's name qualifies ("China's GATT membership" is China's
    /// membership).
    fn owned_organisations(&mut self) {
        for x in 0..self.ents.len() {
            // A name of common words ("Central Bank", "Development") is
            // every country's: what one article's country owns is not
            // another's.
            let generic = || !self.ents[x].e.name.split_whitespace().any(|w| self.stage.language.name_word(w));
            if self.ents[x].e.etype != EntityType::Org || self.ents[x].e.country.is_some() || generic() {
                continue;
            }
            let owner = self.ents[x].e.mentions.iter().find_map(|m| {
                let at = self.tokens.partition_point(|t| t.span.end() <= m.span.start());
                let end = self.tokens.partition_point(|t| t.span.start() < m.span.end());
                let qualifies = self.syntax.upos.get(end) == Some(&Upos::Noun) && is_word_lower(self.word(end));
                let mark = at.checked_sub(1).filter(|&j| is_possessive_mark(self.word(j)) && !qualifies)?;
                let m = self.match_ending_at(mark)?;
                // The country is the whole owner, not the end of a longer
                // name ("Chrysler Canada's", "the Bank of Japan's").
                let before = m.token_start.checked_sub(1);
                if before.is_some_and(|j| self.word(j) == "of" || (self.is_cap(j) && !self.sentence_start[j + 1])) {
                    return None;
                }
                match self.country_of_match(m)? {
                    (code, CountryUse::Name | CountryUse::Demonym) => Some(code),
                    _ => None,
                }
            });
            self.ents[x].e.country = owner;
        }
    }

    /// The end of the capitalised chunk starting at `i`, if one does.
    /// A month or weekday used as a date: "March 2", "Jan.", "on Friday",
    /// "last December" (but "Jan Olsen" is a name).
    fn is_date_word(&self, i: usize) -> bool {
        let w = self.word(i);
        if !is_in(&CALENDAR, w) {
            return false;
        }
        let next = self.word(i + 1);
        let prev = if i > 0 { lower(self.word(i - 1)) } else { String::new() };
        let full_name = w.len() > 3;
        next.starts_with(|c: char| c.is_ascii_digit())
            || next == "."
            || (full_name && !self.is_cap(i + 1))
            || [
                "on", "in", "since", "by", "last", "next", "this", "until", "from", "of", "early", "late", "mid",
                "before", "after",
            ]
            .contains(&prev.as_str())
    }

    /// A dictionary actor that goes on in lower case past the capitals
    /// ("the Bush administration"): an actor of its own, coded by the
    /// dictionary, beside the name the chunk holds (which stays the
    /// entity: the administration is the president's).
    fn actor_past_chunk(&mut self, start: usize, end: usize) {
        let Some(m) = self.match_at(start).cloned() else { return };
        if m.token_end <= end || !(end..m.token_end).all(|k| self.is_word(k) && is_word_lower(self.word(k))) {
            return;
        }
        let code = self.actor_entry(&m).and_then(|a| self.lex.actor(a)).and_then(|e| e.code_on(self.date));
        if let (Some(code), Some(span)) = (code.map(str::to_string), self.span(start, m.token_end)) {
            self.actors.push(ActorMention { span, code, entity: None, rule: "dictionary phrase".into() });
        }
    }

    /// "the U.S. And Japan": wire copy capitalises the word after an
    /// abbreviation's period as if a sentence began there; a conjunction
    /// so written joins two names, it is neither in one nor one.
    fn is_conjunction_after_abbreviation(&self, i: usize) -> bool {
        i > 0 && matches!(self.word(i), "And" | "Or" | "But") && {
            let before = self.word(i - 1);
            before.len() > 2 && before.ends_with('.')
        }
    }

    /// Capitals from token `i` on (a possessive between them) end in a
    /// company's legal form after at most `words` words ("Poor's Corp",
    /// "Investors Service Inc"): the rest of one company's name, not a
    /// second company ("and UNC Nuclear Industries Inc").
    fn reaches_legal_form(&self, i: usize, words: usize) -> bool {
        let mut k = i;
        let mut seen = 0;
        while seen <= words && (self.is_cap(k) || self.word(k) == "'s") {
            if is_in(&CORPORATE_FORMS, self.bare(k)) && self.is_cap(k) {
                return true;
            }
            seen += usize::from(self.is_cap(k));
            k += 1;
        }
        false
    }

    /// Token `k` before "and" may be the first part of a company's name:
    /// no country, place or person of its own ("Standard and Poor's", not
    /// "Britain and Acme Corp").
    fn may_join_company(&self, k: usize) -> bool {
        let place = self.tok_match[k].is_some_and(|m| self.match_country[m as usize].is_some());
        !place && !self.kind_at(k).is_some_and(|n| matches!(n, NameKind::Per | NameKind::Loc))
    }

    fn chunk_at(&self, i: usize) -> Option<usize> {
        if !self.is_cap(i) || self.is_date_word(i) || self.is_conjunction_after_abbreviation(i) {
            return None;
        }
        let mut start_ok = true;
        if self.sentence_start[i] && is_in(&SENTENCE_STARTERS, self.word(i)) && self.match_at(i).is_none() {
            start_ok = false;
        }
        if !start_ok {
            return None;
        }
        let mut end = i + 1;
        loop {
            let w = self.word(end);
            if self.is_cap(end)
                && !self.is_date_word(end)
                && !self.is_possessive(end - 1)
                && !self.is_conjunction_after_abbreviation(end)
            {
                end += 1;
            } else if matches!(w, "'" | "\u{2019}")
                && self.is_possessive(end - 1)
                && self.is_cap(end + 1)
                && self.name_at(end - 1).is_some_and(|n| n.token_end as usize > end + 1)
            {
                end += 2; // a plural possessive inside a name: "Kurdistan Workers' Party"
            } else if (w == "'s" && self.adjacent(end - 1, end) && self.reaches_legal_form(end + 1, 3)
                || w == "and" && self.may_join_company(end - 1) && self.reaches_legal_form(end + 1, 2))
                && self.is_cap(end + 1)
                && !is_in(&CORPORATE_FORMS, self.bare(end - 1))
            {
                end += 1; // a company's name: "Moody's Investors Service Inc", "Standard and Poor's Corp"
            } else if w == "and"
                && self.is_title_word(end - 1)
                && self.is_cap(end + 1)
                && self.title_head_after(end + 1)
            {
                end += 1; // one title of two portfolios: "Trade and Industry Minister"
            } else if self.is_joining_hyphen(end) && (self.is_cap(end + 1) || self.is_cap(end - 1)) {
                end += 2; // "Director-General", "Al-Qaeda", "Jong-un"
            } else if w == "."
                && self.word(end - 1).chars().count() == 1
                && self.is_cap(end + 1)
                && self.adjacent(end - 1, end)
            {
                end += 1; // an initial: "Michael R. Pompeo"
            } else if is_in(&NAME_PARTICLES, w) && self.is_cap(end + 1) && !self.is_cap(end) {
                end += 1;
            } else if self.is_joined_particle(end) {
                end += 3; // a particle joined to the surname: "Omar Hassan al-Bashir"
            } else if is_in(&CONNECTORS, w) && w != "and" && !self.is_cap(end) && self.joins_after(end - 1) {
                // "of the", "for": only after an organisation or title head, and
                // only when a capitalised word follows.
                let mut k = end;
                while is_in(&CONNECTORS, self.word(k)) && !self.is_cap(k) && k < end + 2 {
                    k += 1;
                }
                if self.is_cap(k) && !self.is_date_word(k) {
                    end = k;
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        // A dictionary name that goes on through "of" or "the" to more
        // capitals ("Liberation Tigers of Tamil Eelam") is one chunk.
        if let Some(m) = self.match_at(i).filter(|m| {
            m.token_end > end
                && self.is_cap(m.token_end - 1)
                && (end..m.token_end).all(|k| self.is_cap(k) || is_in(&CONNECTORS, self.word(k)))
        }) {
            end = m.token_end;
        }
        Some(end)
    }

    fn adjacent(&self, a: usize, b: usize) -> bool {
        matches!((self.tokens.get(a), self.tokens.get(b)), (Some(x), Some(y)) if x.span.end() == y.span.start())
    }

    /// Whether a connector may follow token `i` inside a chunk.
    fn joins_after(&self, i: usize) -> bool {
        let w = self.bare(i);
        let last = w.rsplit('-').next().unwrap_or(w);
        is_in(&ORG_HEADS, last) || is_in(&TITLE_HEADS, last) || one_of(&["affairs", "state", "people"], last)
    }

    fn is_title_word(&self, i: usize) -> bool {
        let w = self.bare(i);
        w.split('-').all(|p| is_in(&TITLE_HEADS, p) || is_in(&TITLE_QUALIFIERS, p) || is_plural_head(p))
            && self.is_word(i)
    }

    /// Title words from token `i` on reach a title's head ("Industry
    /// Minister").
    fn title_head_after(&self, i: usize) -> bool {
        (i..i + 4).take_while(|&k| self.is_title_word(k)).any(|k| self.is_title_head(k))
    }

    /// A common word capitalised before a title's words says what the
    /// office is for ("Budget Director", "Tourism Minister", "Water
    /// Secretary"), as the listed qualifiers do ("Finance Minister"), when
    /// a name follows the title (alone, the words may end an
    /// organisation's name: "the United Nations Humanitarian
    /// Coordinator").
    fn portfolio_before_title(&self, i: usize) -> bool {
        self.is_cap(i)
            && self.word(i).chars().skip(1).all(char::is_lowercase)
            && !self.is_title_word(i)
            && self.title_head_after(i + 1)
            && self.stage.language.mostly_lower_case(self.word(i))
    }

    fn is_title_head(&self, i: usize) -> bool {
        let w = self.bare(i);
        w.split('-').any(|p| is_in(&TITLE_HEADS, p) || is_plural_head(p))
    }

    fn has_org_head(&self, from: usize, to: usize) -> bool {
        (from..to).any(|k| {
            let w = self.bare(k);
            let head = w.rsplit('-').next().unwrap_or(w);
            is_in(&ORG_HEADS, head) || is_in(&CORPORATE_FORMS, head)
        })
    }

    /// Gives person `p` a title, the country and organisation it was
    /// written with.
    fn give_title(&mut self, p: usize, title: String, country: Option<String>, org: Option<usize>) {
        let e = &mut self.ents[p];
        if !e.e.roles.contains(&title) {
            e.e.roles.insert(0, title.clone());
        }
        e.title = e.title.take().or(Some(title));
        e.modifier_country = e.modifier_country.take().or(country);
        e.affiliation = e.affiliation.or(org);
    }

    /// A name joined by "and" to the name a plural title opened ("Foreign
    /// Ministers Ann Lee of Kenya | and Tom Okello of Uganda"): that
    /// person holds the title too, with the country named after the name
    /// where one is.
    fn joined_to_plural_title(&mut self, start: usize, end: usize) -> bool {
        let Some((title, country, first_end)) = self.plural_title.clone() else { return false };
        let joined = start > first_end
            && start - first_end <= 4
            && self.word(start - 1) == "and"
            && (first_end..start - 1).all(|k| self.word(k) == "of" || self.is_cap(k));
        if !joined {
            return false;
        }
        self.plural_title = None;
        let Some(&(a, b, _)) = self.names_in(start, end).iter().find(|n| n.2 == NameKind::Per) else { return false };
        let p = self.person(a, b, MentionKind::Name);
        // The first name's country is not the second's.
        let named_after = self.word(b) == "of";
        self.give_title(p, title, if named_after { None } else { country }, None);
        self.after_person(p, end);
        true
    }

    fn analyse_chunk(&mut self, start: usize, end: usize) {
        if self.joined_to_plural_title(start, end) {
            return;
        }
        // Country and organisation modifiers at the left.
        let mut k = start;
        let mut modifier_country: Option<String> = None;
        let mut modifier_org: Option<usize> = None;
        while k < end {
            if let Some(m) = self.match_at(k).cloned().filter(|m| m.token_end <= end) {
                if let Some((code, usage)) = self.country_of_match(&m) {
                    // A country name or adjective before more words modifies them
                    // (unless the whole chunk is an organisation's name).
                    let rest_is_org = self.has_org_head(m.token_end, end) && !self.is_possessive(m.token_end - 1);
                    // A city's or a region's office is its country's
                    // ("Bonn Environment Minister", "Bavarian Interior
                    // Minister"): a place before a title says whose it is.
                    let place_before_title = k == start && self.title_head_after(m.token_end);
                    if m.token_end < end && !rest_is_org && (usage != CountryUse::Place || place_before_title) {
                        self.country_mention(m.token_start, m.token_end, &code, usage, true);
                        modifier_country = Some(code);
                        k = m.token_end;
                        continue;
                    }
                }
            }
            if k + 1 < end && self.is_acronym(k) && self.is_title_word(k + 1) {
                if let Some(org) = self.acronym_entity(k) {
                    modifier_org = Some(org);
                    k += 1;
                    continue;
                }
            }
            break;
        }
        // Wire copy capitalises the word after a country's abbreviation
        // ("U.S. Trade", "U.K. Lenders"): words mostly written in lower case
        // name nothing there, the country alone is named.
        if modifier_country.is_some()
            && k > start
            && k < end
            && self.word(k - 1).ends_with('.')
            && clio_text::is_initialism(self.word(k - 1).trim_end_matches('.'))
            && !self.has_org_head(k, end)
            && (k..end).all(|i| {
                let w = self.word(i);
                self.stage.language.mostly_lower_case(w) && !COLLECTIVES.iter().any(|(c, _)| c.eq_ignore_ascii_case(w))
            })
        {
            return;
        }
        // An organisation's name before a title and a person's name
        // ("Supreme Court Justice Ann Lee", "Senate Majority Leader Bo
        // Chen"): the organisation, then the titled person, who belongs to
        // it.
        if let Some(j) = self.org_before_title_at(k, end) {
            modifier_org = Some(self.org_before_title(k, j));
            k = j;
        }
        // A title run, then a name.
        let mut t = k;
        while t < end
            && (self.is_title_word(t)
                || self.portfolio_before_title(t) && (t + 1..end).any(|j| !self.is_title_word(j) && self.is_cap(j))
                || (t > k && is_in(&CONNECTORS, self.word(t)) && t + 1 < end && self.is_title_word(t + 1))
                || (t > k && self.is_joining_hyphen(t) && t + 1 < end && self.is_title_word(t + 1)))
        {
            t += 1;
        }
        let title_end = t;
        let has_title = (k..title_end).any(|i| self.is_title_head(i));
        // A title word opening a company's name is the name's own
        // ("General Electric Co", "King World Productions Inc"): no one
        // is titled before a company's legal form.
        if title_end > k && title_end < end && is_in(&CORPORATE_FORMS, self.bare(end - 1)) {
            self.org_chunk(k, end);
            return;
        }
        if has_title && k == start && modifier_country.is_none() {
            modifier_country = self.country_before_qualifiers(start);
        }
        if has_title && title_end < end {
            let title = self.text_of(k, title_end);
            if is_in(&CONNECTORS, self.word(title_end)) || self.has_org_head(title_end, end) {
                // "Director of the Office of ...": a role in an organisation.
                let org_start = (title_end..end).find(|&i| !is_in(&CONNECTORS, self.word(i))).unwrap_or(end);
                self.org_chunk(org_start, end);
                return;
            }
            let name_end = if self.word(end - 1) == "." { end - 1 } else { end };
            // The person is the name the recogniser found after the title;
            // the title says it is a person even where the recogniser was
            // unsure of the kind (a name it called "other").
            let names = self.names_in(title_end, name_end);
            // (Or a name of another kind the dictionary lists as a person's:
            // "President Omar Hassan al-Bashir" read as an organisation.)
            let dictionary_person = |n: &&(usize, usize, NameKind)| {
                self.match_at(n.0).is_some_and(|m| m.token_end == n.1 && self.person_entry(m).is_some())
            };
            // (Or the end of one name the recogniser ran over an
            // organisation and the title, or over part of the title, cut at
            // the title: "Supreme Court Justice Ann Lee", "Industry Minister
            // Ann Lee" read as one organisation.)
            let cut_at_title = |n: &&(usize, usize, NameKind)| {
                n.2 == NameKind::Org
                    && !self.has_org_head(n.0, n.1)
                    && self.name_at(n.0).is_some_and(|x| {
                        // (A title of one word the name opens with may be
                        // the name's own: "Executive Life Insurance Co".)
                        let from = x.token_start as usize;
                        let whole_title = title_end - k >= 2 && self.is_title_head(title_end - 1);
                        from < k || (from < title_end && whole_title)
                    })
            };
            let Some(&(a, mut b, _)) = names
                .iter()
                .find(|n| matches!(n.2, NameKind::Per | NameKind::Misc) || dictionary_person(n) || cut_at_title(n))
            else {
                for (a, b, kind) in names {
                    self.named(a, b, kind);
                }
                return;
            };
            // A surname the recogniser cut at its particle ("Omar Hassan"
            // of "Omar Hassan al-Bashir") goes on to the end of the chunk.
            if b + 3 <= name_end && self.is_joined_particle(b) {
                b += 3;
            }
            let plural = (k..title_end).any(|i| self.word(i).split('-').any(is_plural_head));
            if plural {
                self.plural_title = Some((title.clone(), modifier_country.clone(), end));
            }
            let p = self.person(a, b, MentionKind::Name);
            self.give_title(p, title, modifier_country, modifier_org);
            self.after_person(p, end);
            return;
        }
        if has_title {
            // A title alone ("Foreign Minister"): a collective actor at most.
            if let Some(c) = modifier_country {
                if let Some(span) = self.span(start, end) {
                    self.actors.push(ActorMention {
                        span,
                        code: format!("{c}GOV"),
                        entity: None,
                        rule: "country + title".into(),
                    });
                }
            }
            return;
        }
        let (s, e) =
            if modifier_country.is_some() && self.is_possessive(k.saturating_sub(1)) { (k, end) } else { (start, end) };
        self.plain_chunk(s, e);
    }

    /// The country whose adjective or name stands before lower-case words
    /// that qualify a title opening the chunk at `start` ("Italian acting
    /// | Finance Minister", "Kenyan deputy | Foreign Minister"): the
    /// capitals start at the title, the country before still says whose
    /// office it is.
    fn country_before_qualifiers(&self, start: usize) -> Option<String> {
        let mut j = start;
        while j > 0
            && start - j < 3
            && self.word(j - 1).chars().all(char::is_lowercase)
            && self.is_title_word(j - 1)
            && !self.is_title_head(j - 1)
        {
            j -= 1;
        }
        // "Chile's Foreign Minister": the country owns the office.
        let owner = (j > 1 && is_possessive_mark(self.word(j - 1))).then_some(j - 1);
        if j == start && owner.is_none() {
            return None;
        }
        match self.country_of_match(self.match_ending_at(owner.unwrap_or(j))?) {
            Some((code, CountryUse::Name | CountryUse::Demonym)) => Some(code),
            _ => None,
        }
    }

    /// A chunk with no title: the recogniser's names in it become people,
    /// organisations and places; where it found none, only a country, its
    /// adjective or its capital (from the dictionaries) is read.
    fn plain_chunk(&mut self, start: usize, end: usize) {
        if start >= end {
            return;
        }
        let names = self.names_in(start, end);
        // A run the recogniser saw no person, organisation or place in,
        // ending with an organisation's head word, names an organisation
        // ("Swedish Maritime Administration").
        let strong = names.iter().any(|n| n.2 != NameKind::Misc);
        if !strong && end - start >= 2 && is_in(&ORG_HEADS, self.bare(end - 1)) {
            self.org_chunk(start, end);
            return;
        }
        // So does a run of capitals ending with a company's legal form,
        // whatever the recogniser made of its first words ("Major Video
        // Corp" read as a person "Corp"), unless it found a person or a
        // place before the form.
        let company = end - start >= 2
            && is_in(&CORPORATE_FORMS, self.bare(end - 1))
            && (start..end)
                .all(|k| self.is_cap(k) || is_in(&CONNECTORS, self.word(k)) || matches!(self.word(k), "&" | "'s"))
            && matches!(self.syntax.upos.get(start), Some(Upos::Propn | Upos::Noun | Upos::Adj))
            && !names.iter().any(|n| matches!(n.2, NameKind::Per | NameKind::Loc) && n.1 < end);
        if company {
            self.org_chunk(start, end);
            return;
        }
        // So does a run opening with a country's adjective whose head word
        // the recogniser named alone, before "of" and more capitals
        // ("Nigerian Union of Teachers": "Nigerian", then "Union"): it
        // broke a name it seldom saw whole, and the country is the
        // organisation's.
        let opens_with_country = self
            .match_at(start)
            .filter(|m| m.token_end < end)
            .is_some_and(|m| self.country_of_match(m).is_some_and(|(_, usage)| usage != CountryUse::Place));
        let org_cut = names.iter().all(|n| matches!(n.2, NameKind::Org | NameKind::Misc))
            && names.iter().any(|&(a, b, kind)| {
                kind == NameKind::Org
                    && b < end
                    && matches!(self.word(b), "of" | "for")
                    && (a..b).any(|k| is_in(&ORG_HEADS, self.bare(k)))
            });
        if opens_with_country && org_cut {
            self.org_chunk(start, end);
            return;
        }
        if names.is_empty() {
            let whole = self.match_at(start).cloned().filter(|m| m.token_end == end);
            if let Some((code, usage)) = whole.as_ref().and_then(|m| self.country_of_match(m)) {
                self.country_mention(start, end, &code, usage, false);
            } else if end - start == 1 {
                self.single_token(start, whole);
            } else if (start + 1..end).all(|k| self.adjacent(k - 1, k))
                && whole.as_ref().and_then(|m| self.actor_entry(m)).is_some()
            {
                // One hyphenated word the dictionary names ("al-Qaeda").
                self.org_chunk(start, end);
            }
            return;
        }
        // A name the dictionary knows whole, which the recogniser broke at a
        // particle in lower case ("Osama bin Laden", "Ayman al Zawahiri"):
        // one name, a person's if any piece was or the recogniser was unsure.
        let whole = self.match_at(start).cloned().filter(|m| m.token_end == end);
        let names = match names.first() {
            Some(&(_, _, first))
                if names.len() <= 2
                    && names != [(start, end, first)]
                    && (start..end).any(|k| is_word_lower(self.word(k)))
                    && whole.as_ref().and_then(|m| self.actor_entry(m)).is_some() =>
            {
                let kind = if names.iter().any(|n| matches!(n.2, NameKind::Per | NameKind::Misc)) {
                    NameKind::Per
                } else if first == NameKind::Loc && whole.as_ref().is_some_and(|m| self.country_of_match(m).is_none()) {
                    // A piece read as a place ("Qaeda" of "al Qaeda") in
                    // a name the dictionary knows as no place's.
                    NameKind::Org
                } else {
                    first
                };
                vec![(start, end, kind)]
            }
            _ => names,
        };
        // "al-" before a name the recogniser began after it belongs to it.
        let names: Vec<(usize, usize, NameKind)> = names
            .into_iter()
            .map(
                |(a, b, kind)| {
                    if a == start + 2 && self.is_joining_hyphen(start + 1) {
                        (start, b, kind)
                    } else {
                        (a, b, kind)
                    }
                },
            )
            .collect();
        // Words before the first name ("Russian" in "Russian Foreign ...")
        // may still be a country's adjective.
        if let Some(&(a, _, _)) = names.first() {
            self.countries_in(start, a);
        }
        for (a, b, kind) in names {
            self.named(a, b, kind);
        }
    }

    /// Countries, their adjectives and capitals among tokens `start..end`.
    fn countries_in(&mut self, start: usize, end: usize) {
        let mut k = start;
        while k < end {
            match self.match_at(k).cloned().filter(|m| m.token_end <= end) {
                Some(m) => {
                    if let Some((code, usage)) = self.country_of_match(&m) {
                        self.country_mention(m.token_start, m.token_end, &code, usage, false);
                    }
                    k = m.token_end;
                }
                None => k += 1,
            }
        }
    }

    /// A name the recogniser found, of its kind; the dictionaries say which
    /// actor it is.
    fn named(&mut self, start: usize, end: usize, kind: NameKind) {
        let whole = self.dict_match(start, end);
        if end - start == 1 {
            self.single_token(start, whole);
            return;
        }
        let country = whole.as_ref().and_then(|m| self.country_of_match(m));
        // The name's last word can say more than the recogniser's kind: an
        // organisation's head ("... University") or a place's ("... Province").
        let last = self.bare(end - 1);
        let kind = if is_in(&PLACE_HEADS, last) {
            NameKind::Loc
        } else if matches!(kind, NameKind::Per | NameKind::Loc) && is_in(&ORG_HEADS, last) {
            NameKind::Org
        } else {
            kind
        };
        match kind {
            NameKind::Per => {
                let p = self.person(start, end, MentionKind::Name);
                if let Some(a) = whole.as_ref().and_then(|m| self.person_entry(m)) {
                    self.ents[p].dict = self.ents[p].dict.or(Some(a));
                }
                self.after_person(p, end);
            }
            NameKind::Org if country.is_none() || self.has_org_head(start, end) => {
                self.org_chunk(start, end);
            }
            NameKind::Loc | NameKind::Org | NameKind::Misc => {
                if let Some((code, usage)) = country {
                    self.country_mention(start, end, &code, usage, false);
                } else if kind == NameKind::Loc {
                    self.place(start, end);
                } else if kind == NameKind::Misc {
                    self.countries_in(start, end);
                }
            }
        }
    }

    /// One capitalised word: a country word, a partial name of a person
    /// named before, an alias, an organisation's acronym, or a name of
    /// its own, as the recogniser's kind for it allows.
    fn single_token(&mut self, i: usize, whole: Option<LexMatch>) {
        let w = self.bare(i).to_string();
        let kind = self.kind_at(i);
        if is_in(&NOT_NAMES, &w) || is_in(&SENTENCE_STARTERS, &w) && !self.is_acronym(i) && kind.is_none() {
            return;
        }
        // A country word, unless the recogniser read a person or an
        // organisation there, or it is the subject and a person of that
        // name came before ("Jordan said" of a congressman).
        let person_subject =
            self.syntax.rel.get(i).is_some_and(|r| r.is_subject()) && self.latest_person_named(&lower(&w)).is_some();
        // A country's own name the recogniser read as an organisation is
        // the country acting ("Japan said", "talks between the U.S. and
        // Japan").
        let country = whole.as_ref().and_then(|m| self.country_of_match(m));
        let country_name = matches!(country, Some((_, CountryUse::Name)));
        if (kind != Some(NameKind::Per) && (kind != Some(NameKind::Org) || country_name)) && !person_subject {
            if let Some((code, usage)) = country {
                self.country_mention(i, i + 1, &code, usage, false);
                return;
            }
        }
        // A person named before, by surname: where the recogniser says so,
        // or says nothing, or the word is a clause's subject ("Jordan said"
        // after "Rep. Jim Jordan", even if it read the country).
        let subject = self.syntax.rel.get(i).is_some_and(|r| r.is_subject());
        if matches!(kind, None | Some(NameKind::Per)) || subject {
            if let Some(p) = self.latest_person_named(&lower(&w)) {
                self.add_mention(p, i, i + 1, MentionKind::PartialName);
                self.after_person(p, i + 1);
                return;
            }
        }
        if kind != Some(NameKind::Per) {
            if let Some(org) = self.alias_entity(&w) {
                self.add_mention(org, i, i + 1, MentionKind::Alias);
                return;
            }
        }
        match kind {
            Some(NameKind::Org | NameKind::Misc) | None if self.is_acronym(i) && !w.contains('.') => {
                // A known abbreviation, else an organisation of its own when
                // the recogniser says so or a descriptor names one ("state
                // broadcaster CCTV").
                let known = self.acronym_entity(i).is_some();
                if !known && (kind == Some(NameKind::Org) || self.org_descriptor_before(i)) {
                    self.org_chunk(i, i + 1);
                }
            }
            // An organisation's head word alone is no one's name ("The Fund
            // suggested", "Holiday | Corp said"): the organisation it heads.
            Some(NameKind::Per) if is_in(&ORG_HEADS, &w) => {
                self.org_chunk(i, i + 1);
            }
            Some(NameKind::Per) => {
                // One word the recogniser calls a person may be a one-word
                // dictionary entry ("ALKARI_ [KSTREB]").
                let p = self.person(i, i + 1, MentionKind::Name);
                if let Some(a) = whole.as_ref().and_then(|m| self.person_entry_of(m, 1)) {
                    self.ents[p].dict = Some(a);
                }
            }
            Some(NameKind::Org) => {
                self.org_chunk(i, i + 1);
            }
            Some(NameKind::Loc) => self.place(i, i + 1),
            // A dictionary actor the recogniser did not see: the dictionary
            // is the evidence (PETRARCH codes its one-word entries).
            _ if whole.as_ref().and_then(|m| self.actor_entry(m)).is_some() => {
                self.org_chunk(i, i + 1);
            }
            _ => {}
        }
    }

    /// The words right before token `i` describe an organisation
    /// ("the state broadcaster", "news agency").
    fn org_descriptor_before(&self, i: usize) -> bool {
        i > 0 && is_word_lower(self.word(i - 1)) && is_in(&ORG_DESCRIPTORS, self.word(i - 1))
    }

    /// An acronym's organisation: one named in this article with that
    /// alias, or a dictionary organisation it abbreviates.
    fn acronym_entity(&mut self, i: usize) -> Option<usize> {
        let w = self.bare(i).to_string();
        if let Some(e) = self.alias_entity(&w) {
            self.add_mention(e, i, i + 1, MentionKind::Alias);
            return Some(e);
        }
        let entry = *self.stage.acronyms.get(&w)?;
        let name = self.lex.actor(entry).and_then(|a| a.phrases.first()).map(|p| title_case(p))?;
        let e = self.entity_named(&name, EntityType::Org);
        self.ents[e].dict = Some(entry);
        add_alias(&mut self.ents[e].e, &w);
        self.add_mention(e, i, i + 1, MentionKind::Alias);
        Some(e)
    }

    fn alias_entity(&self, w: &str) -> Option<usize> {
        self.ents
            .iter()
            .rposition(|e| e.e.aliases.iter().any(|a| a == w) || (e.e.etype == EntityType::Org && e.e.name == w))
    }

    /// The dictionary person a phrase of two words or more names.
    fn person_entry(&self, m: &LexMatch) -> Option<u32> {
        self.person_entry_of(m, 2)
    }

    /// The dictionary person a phrase of at least `min_words` names: an
    /// entry with a personal code (a country and a role, at some date: a
    /// person out of office is still one), not an organisation's name.
    /// Of several (a Phoenix entry that ends in 2009, a roster entry since
    /// 2021), the one in office on the article's date.
    fn person_entry_of(&self, m: &LexMatch, min_words: usize) -> Option<u32> {
        let phrase = m.span.slice(self.text);
        let name_shaped = phrase.split_whitespace().count() >= min_words && {
            let lower = lower(phrase);
            !ORG_HEADS.list.iter().any(|h| lower.contains(h))
        };
        if !name_shaped {
            return None;
        }
        let people: Vec<u32> = self
            .lex
            .senses(m.phrase)
            .iter()
            .filter_map(|s| match *s {
                Sense::Actor(a) => Some(a),
                _ => None,
            })
            .filter(|&a| {
                self.lex.actor(a).is_some_and(|e| {
                    e.codes.iter().any(|c| c.code.len() > 3 && !c.code.starts_with("IGO") && !c.code.starts_with("NGO"))
                })
            })
            .collect();
        let in_office = |a: u32| self.date.is_some_and(|d| self.lex.actor(a).is_some_and(|e| e.in_office_on(d)));
        people.iter().copied().find(|&a| in_office(a)).or(people.first().copied())
    }

    fn actor_entry(&self, m: &LexMatch) -> Option<u32> {
        self.lex.actor_on(m.phrase, self.date)
    }

    /// A place chunk that is not a whole country-block match ("Hubei Province").
    fn place(&mut self, start: usize, end: usize) {
        let full = self.text_of(start, end);
        let generic = matches!(self.bare(end - 1), "Province" | "Region" | "Prefecture" | "County" | "State" | "City");
        let name = if generic && end - start > 1 { self.text_of(start, end - 1) } else { full.clone() };
        let country = (start..end)
            .find_map(|i| self.match_at(i).cloned().and_then(|m| self.country_of_match(&m)))
            .map(|(c, _)| c);
        let e = self.entity_named(&name, EntityType::Loc);
        if self.ents[e].e.country.is_none() {
            self.ents[e].e.country = country;
        }
        // A place the dictionary codes as an actor ("KREMLIN_ [RUSGOV]").
        let entry = self.match_at(start).filter(|m| m.token_end == end).cloned().and_then(|m| self.actor_entry(&m));
        self.ents[e].dict = self.ents[e].dict.or(entry);
        add_alias(&mut self.ents[e].e, &full);
        self.add_mention(e, start, end, MentionKind::Name);
    }

    /// A country-block phrase: the country, its adjective, its capital, or
    /// another of its places. Capitals not after "in"/"at"... stand for the
    /// government; country words before a collective noun ("the Chinese
    /// side") code that collective.
    fn country_mention(&mut self, start: usize, end: usize, code: &str, usage: CountryUse, as_modifier: bool) {
        let Some(span) = self.span(start, end) else { return };
        // "421 U.S. dlrs": whose money, no one who acts.
        let currency = self.syntax.upos.get(end) != Some(&Upos::Verb) && is_in(&CURRENCIES, self.word(end));
        if currency {
            self.places_not_actors.push(span);
        }
        let as_modifier = as_modifier || currency;
        let phrase = self.text_of(start, end);
        let bare = phrase.strip_prefix("The ").or_else(|| phrase.strip_prefix("the ")).unwrap_or(&phrase).to_string();
        let collective =
            if as_modifier { None } else { self.collective_after(end).or_else(|| self.state_body_after(start, end)) };
        // "BEIRUT - Syria intervened": a dateline, in capitals, says where
        // the story was filed ("Moscow - which had warned Kiev - sent" is
        // Moscow acting).
        let dateline = self.sentence_start[start]
            && !phrase.chars().any(char::is_lowercase)
            && matches!(self.word(end), "-" | "--" | "\u{2013}" | "\u{2014}");
        if dateline {
            self.places_not_actors.push(span);
        }
        let locative = dateline
            || start > 0 && is_in(&LOCATIVES, self.word(start - 1))
            || (start > 1
                && self.word(start - 1).eq_ignore_ascii_case("the")
                && is_in(&LOCATIVES, self.word(start - 2)));
        match usage {
            CountryUse::Name | CountryUse::Demonym => {
                let e = self.country_entity(code, (usage == CountryUse::Name).then_some(bare.as_str()));
                if let Some(e) = e {
                    let kind = if usage == CountryUse::Name && self.ents[e].e.name == bare {
                        MentionKind::Name
                    } else {
                        MentionKind::Alias
                    };
                    self.add_mention(e, start, end, kind);
                    if kind == MentionKind::Alias {
                        add_alias(&mut self.ents[e].e, &bare);
                    }
                }
                match collective {
                    Some((agent, cend)) => {
                        let code = format!("{code}{agent}");
                        if let Some(span) = self.span(start, cend) {
                            self.actors.push(ActorMention {
                                span,
                                code,
                                entity: None,
                                rule: "country + collective noun".into(),
                            });
                        }
                    }
                    None if usage == CountryUse::Name && !as_modifier => {
                        self.actors.push(ActorMention {
                            span,
                            code: code.into(),
                            entity: e.map(|x| x as u32),
                            rule: "country name".into(),
                        });
                    }
                    None => {}
                }
            }
            CountryUse::Capital | CountryUse::Place => {
                let e = self.entity_named(&bare, EntityType::Loc);
                self.ents[e].e.country.get_or_insert_with(|| code.to_string());
                self.set_place(e, &bare);
                self.add_mention(e, start, end, MentionKind::Name);
                // A capital before a common noun names where something is
                // or was agreed ("the Paris accord", "Tokyo trading"), not
                // the government that acts; before a collective ("Beijing
                // officials") it is the government's.
                let names_a_place = collective.is_none() && self.modifies_common_noun(end - 1);
                if names_a_place {
                    self.places_not_actors.push(span);
                }
                if usage == CountryUse::Capital && !locative && !as_modifier && !names_a_place {
                    self.actors.push(ActorMention {
                        span,
                        code: format!("{code}GOV"),
                        entity: Some(e as u32),
                        rule: "capital stands for the government".into(),
                    });
                }
            }
        }
    }

    /// Token `i` modifies a lower-case common noun after it, as the first
    /// part of a compound ("Tokyo | trading").
    fn modifies_common_noun(&self, i: usize) -> bool {
        let syntax = &self.syntax;
        let head = syntax.head.get(i).map(|&h| h as usize);
        syntax.rel.get(i) == Some(&Rel::Compound)
            && head.is_some_and(|h| {
                h > i && syntax.upos.get(h) == Some(&Upos::Noun) && self.word(h).starts_with(char::is_lowercase)
            })
    }

    /// "side", "government", "political figures", or an agent of the
    /// agents dictionary ("foreign minister"), right after token `end`.
    /// Forces a country leads are its own: "-led" or "-commanded" may
    /// come between ("Vietnamese-led forces"); "-backed" may not (those it
    /// backs are others). So may the possessive: "Poland's parliament" is
    /// the Polish legislature as "the Polish parliament" is.
    fn collective_after(&self, end: usize) -> Option<(String, usize)> {
        let led = self.is_joining_hyphen(end) && ["led", "commanded"].contains(&lower(self.word(end + 1)).as_str());
        let possessive = matches!(self.word(end), "'s" | "\u{2019}s");
        let end = if led { end + 2 } else { end + possessive as usize };
        for skip in 0..=1 {
            let k = end + skip;
            // The country's sentence ends before a collective it could name.
            if self.sentence_start.get(k) == Some(&true) {
                break;
            }
            // One lower-case modifier may come between ("Chinese military
            // officials"); a verb may not ("Norland sent troops").
            let modifier = matches!(self.syntax.upos.get(end), Some(Upos::Adj | Upos::Noun));
            if skip == 1 && !(self.is_word(end) && self.word(end).chars().all(char::is_lowercase) && modifier) {
                break;
            }
            // After a possessive the agent is what is owned, a noun: not
            // "official" of "Nigeria's official debts".
            if possessive && self.syntax.upos.get(k) != Some(&Upos::Noun) {
                continue;
            }
            let w = lower(self.word(k));
            if let Some((_, agent)) = COLLECTIVES.iter().find(|(n, _)| *n == w) {
                return Some((agent.to_string(), k + 1));
            }
            if let Some(m) = self.match_at(k).filter(|_| self.word(k).starts_with(char::is_lowercase)) {
                let agent = self.lex.senses(m.phrase).iter().find_map(|s| match *s {
                    Sense::Agent(a) => self.lex.agent(a).filter(|a| a.placement == AgentPlacement::Suffix),
                    _ => None,
                });
                if let Some(a) = agent {
                    return Some((a.code.clone(), m.token_end));
                }
            }
        }
        None
    }

    /// A body of the state named after its country (`start..end`): "the
    /// Russian Foreign Ministry", "Japan's Finance Ministry", "Kenya's
    /// Supreme Court", "China's foreign ministry". Its head word says which
    /// (ministry, court, parliament, army...); up to two words of the name
    /// may come first; it is that country's body whether or not the
    /// recogniser took the name for an organisation. Not a company's head
    /// ("British Airways"); not a country inside another name ("a Senate
    /// Iran committee"); a lower-case head only at the end of its phrase
    /// ("a U.S. car assembly plant" is no legislature).
    fn state_body_after(&self, start: usize, end: usize) -> Option<(String, usize)> {
        if start > 0 && self.syntax.upos.get(start - 1) == Some(&Upos::Propn) {
            return None;
        }
        let possessive = matches!(self.word(end), "'s" | "\u{2019}s");
        let from = end + possessive as usize;
        let capitalised = |j: usize| self.word(j).starts_with(char::is_uppercase);
        let nominal =
            |j: usize| self.is_word(j) && matches!(self.syntax.upos.get(j), Some(Upos::Adj | Upos::Noun | Upos::Propn));
        // Within the country's sentence ("... between Japan and the U.S. |
        // Ministry officials said" names no ministry of the U.S.).
        let within = |j: usize| !self.sentence_start.get(j).copied().unwrap_or(true);
        (from..(from + 3).min(self.tokens.len())).take_while(|&k| nominal(k) && within(k)).find_map(|k| {
            let agent = actors::org_agent(self.word(k))?;
            // An office of the state has its name in capitals ("the Foreign
            // Office"); "its Kenyan office" is a company's branch.
            if self.word(k) == "office" {
                return None;
            }
            // "Foreign Ministry" and "foreign ministry", not "Foreign
            // ministry officials" read across two phrases.
            let one_phrase = (from..k).all(|j| capitalised(j) == capitalised(k));
            let head = capitalised(k) || !(k + 1 < self.tokens.len() && nominal(k + 1));
            (matches!(agent, "GOV" | "LEG" | "JUD" | "MIL" | "COP") && one_phrase && head)
                .then(|| (agent.to_string(), k + 1))
        })
    }

    /// The country's entity, created when named.
    fn country_entity(&mut self, code: &str, name: Option<&str>) -> Option<usize> {
        if let Some(e) = self.ents.iter().position(|e| e.is_country && e.e.country.as_deref() == Some(code)) {
            return Some(e);
        }
        let name = self.lex.country_name(code).or_else(|| name.map(str::to_string))?;
        if name.is_empty() {
            return None;
        }
        let e = self.entity_named(&name, EntityType::Loc);
        let ent = &mut self.ents[e];
        ent.is_country = true;
        ent.e.country = Some(code.to_string());
        self.set_place(e, &name.clone());
        Some(e)
    }

    fn set_place(&mut self, e: usize, name: &str) {
        let gaz = &self.lex.gazetteer;
        let ent = &self.ents[e];
        let place = if ent.is_country {
            ent.e.country.as_deref().and_then(|c| gaz.country(c)).map(|c| {
                let capital = gaz.capital(&c.iso2);
                Place {
                    lat: capital.map_or(0.0, |x| x.lat),
                    lon: capital.map_or(0.0, |x| x.lon),
                    fips: c.fips.clone(),
                    admin1: None,
                    geonameid: None,
                    is_country: true,
                }
            })
        } else {
            let iso2 = ent.e.country.as_deref().and_then(|c| gaz.country(c)).map(|c| c.iso2.clone());
            gaz.cities_named(name).find(|c| iso2.as_deref().is_none_or(|i| i == c.iso2)).map(|c| Place {
                lat: c.lat,
                lon: c.lon,
                fips: gaz.country(&c.iso2).map(|x| x.fips.clone()).unwrap_or_default(),
                admin1: Some(c.admin1.clone()),
                geonameid: Some(c.geonameid),
                is_country: false,
            })
        };
        if place.is_some() {
            self.ents[e].e.place = place;
        }
    }

    /// Where the organisation's name that opens chunk `k..end` ends and a
    /// title followed by a person's name begins ("Supreme Court | Justice
    /// Ann Lee", "Senate | Majority Leader Bo Chen"), if it does.
    fn org_before_title_at(&self, k: usize, end: usize) -> Option<usize> {
        if k >= end || self.is_title_head(k) {
            return None;
        }
        let head = (k + 1..end).find(|&j| self.is_title_head(j) && self.is_title_word(j))?;
        // With the words that qualify the title ("Majority Leader"), unless
        // they end the organisation's name ("Department of Agriculture
        // Deputy ...").
        let mut j = head;
        while j - 1 > k && (self.is_title_word(j - 1) || self.is_joining_hyphen(j - 1) && self.is_title_word(j - 2)) {
            j -= 1;
        }
        if is_in(&CONNECTORS, self.word(j - 1)) {
            j = head;
        }
        // The title run, then capitalised words that are no organisation's.
        let mut rest = head + 1;
        while rest < end && self.is_title_word(rest) {
            rest += 1;
        }
        let name_like = rest < end
            && (rest..end).all(|i| {
                self.is_cap(i) || self.word(i) == "." || self.is_joined_particle(i) || self.is_joining_hyphen(i)
            })
            && !(rest..end).any(|i| is_in(&ORG_HEADS, self.bare(i)) || is_in(&FACILITY_HEADS, self.bare(i)));
        // Before the title, words of an organisation: not the title's own
        // ("Labour Minister", after a country's name too: "U.S. Trade
        // Representative"), not cut inside a name ("Department of"), no
        // person.
        let before = self.names_in(k, j);
        let own = self
            .match_at(k)
            .filter(|m| m.token_end < j && self.country_of_match(m).is_some())
            .map_or(k, |m| m.token_end);
        let org_named = (own..j).any(|i| !self.is_title_word(i))
            && !is_in(&CONNECTORS, self.word(j - 1))
            && !before.iter().any(|n| n.2 == NameKind::Per);
        // The recogniser found the person after the title, and an
        // organisation's head word or an organisation's name of two words
        // or more before it ("Radical Party Deputy", "Fundamental
        // Management Chairman"); or (a name it seldom saw whole) it ran one
        // name over all of it: then an organisation's head word must say
        // where the organisation ends ("Federal Reserve Board Governor Ann
        // Lee", not "Continental General Insurance").
        // A name of one word is enough when it is all that stands before
        // the title ("Bundesbank President", "Treasury Secretary").
        // Or the dictionary names an organisation there ("NATO", "OPEC").
        let dictionary_org = self.match_at(k).is_some_and(|m| {
            m.token_end == j
                && self.actor_entry(m).is_some()
                && self.person_entry(m).is_none()
                && self.country_of_match(m).is_none()
        });
        let org_before = self.has_org_head(k, j)
            || dictionary_org
            || before.iter().any(|n| n.2 == NameKind::Org && (n.1 - n.0 >= 2 || (n.0, n.1) == (k, j)));
        let person_after = self.names_in(rest, end).iter().any(|n| n.2 == NameKind::Per) && org_before;
        let merged = self.name_at(j).is_some_and(|n| (n.token_start as usize) < j && n.token_end as usize > rest)
            && (self.has_org_head(k, j) || dictionary_org);
        (name_like && org_named && (person_after || merged)).then_some(j)
    }

    /// The organisation of tokens `start..end` before a title: one the
    /// article named in full before, of which this is the name without its
    /// last word ("Staunton Police" of "Staunton Police Department"), or
    /// a new one.
    fn org_before_title(&mut self, start: usize, end: usize) -> usize {
        let from = if self.word(start).eq_ignore_ascii_case("the") { start + 1 } else { start };
        let name = self.text_of(from, end);
        let fuller = self.ents.iter().position(|x| {
            x.e.etype == EntityType::Org
                && x.e.name.strip_prefix(name.as_str()).is_some_and(|rest| {
                    rest.strip_prefix(' ').is_some_and(|w| !w.contains(' ') && is_in(&ORG_HEADS, w))
                })
        });
        match fuller {
            Some(e) => {
                self.add_mention(e, from, end, MentionKind::Name);
                e
            }
            None => self.org_chunk(start, end),
        }
    }

    /// An organisation named by tokens `start..end`, with "(ABBR)" after it.
    fn org_chunk(&mut self, start: usize, end: usize) -> usize {
        let whole = self.dict_match(start, end).or_else(|| self.phrase_alone(start, end));
        let name_start =
            if end - start > 1 && self.word(start).eq_ignore_ascii_case("the") { start + 1 } else { start };
        let name = self.text_of(name_start, end);
        // The head of an organisation named before, alone ("the EC
        // Commission ... the Commission"), is that organisation, as "the
        // commission" is; the dictionary's one-word names aside, and a head
        // after a proper noun the recogniser left out ("The Justice
        // Department" is not the Defense Department named before).
        let after_name = name_start > 0
            && self.word(name_start - 1).starts_with(char::is_uppercase)
            && matches!(self.syntax.upos.get(name_start - 1), Some(Upos::Propn | Upos::Noun | Upos::Adj));
        if whole.is_none() && end - name_start == 1 && is_in(&ORG_HEADS, &name) && !after_name {
            let head = lower(&name);
            let named =
                |x: &Ent| x.e.etype == EntityType::Org && x.name_words.len() > 1 && x.name_words.last() == Some(&head);
            if let Some(e) = self.last_mentioned(named, name_start) {
                self.add_mention(e, name_start, end, MentionKind::PartialName);
                return e;
            }
        }
        let e = self.entity_named(&name, EntityType::Org);
        if let Some(m) = whole {
            self.ents[e].dict = self.ents[e].dict.or_else(|| self.actor_entry(&m));
        }
        self.add_mention(e, name_start, end, MentionKind::Name);
        // Country words inside the name ("Communist Party of China"), but
        // not in a building's name ("Mount Sinai Hospital" is not Egypt's),
        // and not a town's name: a town names many a company and club of
        // other countries ("Bristol-Myers", "Chase Manhattan", "the Paris
        // Club").
        let mut k = if is_in(&FACILITY_ORG_HEADS, self.bare(end - 1)) { end } else { name_start };
        while k < end {
            match self.tok_match[k].map(|m| self.matches[m as usize].clone()).filter(|m| m.token_end <= end) {
                Some(m) => {
                    let senses = self.lex.senses(m.phrase);
                    let town = senses.iter().any(|s| matches!(s, Sense::City(_)))
                        && !senses.iter().any(|s| matches!(s, Sense::Country(_) | Sense::Demonym(_)));
                    if let Some(code) = self.country_code_of(&m).filter(|_| !town) {
                        self.ents[e].e.country.get_or_insert(code);
                    }
                    k = m.token_end.max(k + 1);
                }
                None => k += 1,
            }
        }
        // A descriptor before it: "China's state broadcaster CCTV",
        // "Japan's ruling party"; its words are nouns, adjectives and
        // participles ("Japanese officials and the Bundesbank" describe no
        // bank).
        if self.ents[e].e.country.is_none() {
            let describes = |k: usize| match self.syntax.upos.get(k) {
                Some(Upos::Noun | Upos::Adj) => true,
                Some(Upos::Verb) => matches!(self.syntax.xpos.get(k), Some(Xpos::Vbg | Xpos::Vbn)),
                _ => false,
            };
            let mut j = name_start;
            while j > 0
                && name_start - j < 4
                && self.is_word(j - 1)
                && self.word(j - 1).chars().all(char::is_lowercase)
                && describes(j - 1)
            {
                j -= 1;
            }
            // The country may own the descriptor: "China" "'s" "state broadcaster".
            let owner = if j > 1 && is_possessive_mark(self.word(j - 1)) { j - 1 } else { j };
            if j < name_start && owner > 0 {
                if let Some(code) = self.match_ending_at(owner).and_then(|m| self.country_code_of(m)) {
                    let descriptor = self.text_of(j, name_start);
                    self.ents[e].e.country = Some(code);
                    self.ents[e].title.get_or_insert(descriptor);
                }
            }
        }
        self.abbreviation_after(name_start, end, e);
        e
    }

    /// "(ABBR)" right after a name: the abbreviation of the name, or of
    /// the shortest tail of it whose initials spell it ("Political Bureau of
    /// the Communist Party of China (CPC)": CPC is the party).
    fn abbreviation_after(&mut self, start: usize, end: usize, e: usize) {
        if self.word(end) != "(" || self.word(end + 2) != ")" || !self.is_acronym(end + 1) {
            return;
        }
        let abbr = self.word(end + 1).to_string();
        let initials = |from: usize| -> String {
            (from..end).filter(|&i| self.is_cap(i)).filter_map(|i| self.word(i).chars().next()).collect::<String>()
        };
        let target = (start..end).rev().find(|&s| self.is_cap(s) && initials(s) == abbr);
        let e = match target {
            Some(s) if s > start => self.org_entity_for(s, end),
            _ => e,
        };
        add_alias(&mut self.ents[e].e, &abbr);
        self.add_mention(e, end + 1, end + 2, MentionKind::Alias);
    }

    fn org_entity_for(&mut self, start: usize, end: usize) -> usize {
        let name = self.text_of(start, end);
        let e = self.entity_named(&name, EntityType::Org);
        self.add_mention(e, start, end, MentionKind::Name);
        for k in start..end {
            if let Some(m) = self.match_at(k).cloned() {
                if m.token_start == start && m.token_end == end {
                    self.ents[e].dict = self.ents[e].dict.or_else(|| self.actor_entry(&m));
                }
                if let Some(code) = self.country_code_of(&m) {
                    self.ents[e].e.country.get_or_insert(code);
                }
            }
        }
        e
    }

    /// A person named by `start..end` (an existing one when the name or a
    /// name word matches), with role words before the name.
    fn person(&mut self, start: usize, end: usize, kind: MentionKind) -> usize {
        let name = self.text_of(start, end);
        let words: Vec<String> =
            (start..end).map(|i| lower(self.bare(i))).filter(|w| w != "." && w.len() > 1).collect();
        // A surname alone seen first, now named in full.
        let named_in_full = (words.len() >= 2)
            .then(|| {
                self.ents.iter().rposition(|e| {
                    e.e.etype == EntityType::Person
                        && e.by_surname
                        && e.title.is_none()
                        && e.e.roles.is_empty()
                        && e.name_words.first() == words.last()
                })
            })
            .flatten();
        if let Some(p) = named_in_full {
            let surname = std::mem::replace(&mut self.ents[p].e.name, name.clone());
            add_alias(&mut self.ents[p].e, &surname);
            // The dictionary person the surname found stays only if the
            // full name has its first name ("Clayton Yeutter" for
            // CLAYTON_K._YEUTTER_, not "Ruth Ginsburg" for LUIS_..._GINSBURG_).
            let same_first = |a: u32| {
                self.lex.actor(a).and_then(|e| e.phrases.first()).is_some_and(|ph| {
                    ph.split('_').next().is_some_and(|f| words.first().is_some_and(|w| f.eq_ignore_ascii_case(w)))
                })
            };
            let kept = self.ents[p].dict.filter(|&a| same_first(a));
            let e = &mut self.ents[p];
            e.name_words = words;
            e.dict = kept;
            e.surname_country = None;
            e.by_surname = false;
            self.add_mention(p, start, end, kind);
            self.read_dictionary_name(p, start, end, &name);
            self.roles_before(p, start, end);
            self.role_before_comma(p, start, end);
            return p;
        }
        let existing =
            self.ents.iter().rposition(|e| e.e.etype == EntityType::Person && e.e.name == name).or_else(|| {
                // "Xi" after "Xi Jinping"; "Michael Pompeo" after "Michael R. Pompeo".
                (words.len() == 1).then(|| self.latest_person_named(&words[0])).flatten().or_else(|| {
                    self.ents.iter().rposition(|e| {
                        e.e.etype == EntityType::Person
                            && words.len() >= 2
                            && e.name_words.first() == words.first()
                            && e.name_words.last() == words.last()
                    })
                })
            });
        let p = match existing {
            Some(p) => {
                let kind = if self.ents[p].e.name == name { kind } else { MentionKind::PartialName };
                if kind == MentionKind::PartialName && !self.ents[p].e.aliases.contains(&name) {
                    self.ents[p].e.aliases.push(name.clone());
                }
                self.add_mention(p, start, end, kind);
                p
            }
            None => {
                let p = self.new_entity(&name, EntityType::Person);
                self.ents[p].name_words = words;
                self.add_mention(p, start, end, kind);
                self.read_dictionary_name(p, start, end, &name);
                // A surname alone, first seen here ("President Mugabe"):
                // the one dictionary person of that name in office.
                if end - start == 1 {
                    self.ents[p].by_surname = true;
                    if self.ents[p].dict.is_none() {
                        self.ents[p].dict = self.lex.person_by_surname(&name, self.date);
                        if self.ents[p].dict.is_none() {
                            self.ents[p].surname_country =
                                self.lex.surname_country(&name, self.date).map(str::to_string);
                        }
                    }
                }
                p
            }
        };
        self.roles_before(p, start, end);
        self.role_before_comma(p, start, end);
        p
    }

    /// The dictionary person person `p`'s name `start..end` is or holds: a
    /// dictionary name inside ("Samdech Techo Hun Sen" holds "Hun Sen"), or
    /// one the dictionary writes with the title before it
    /// ("PRESIDENT_XI_JINPING" over "President Xi Jinping").
    fn read_dictionary_name(&mut self, p: usize, start: usize, end: usize, name: &str) {
        let titled = self
            .tok_match
            .get(start)
            .copied()
            .flatten()
            .map(|m| self.matches[m as usize].clone())
            .filter(|m| m.token_start < start && m.token_end == end && self.is_title_word(m.token_start));
        if let Some(a) = titled.as_ref().and_then(|m| self.person_entry(m)) {
            self.ents[p].dict.get_or_insert(a);
        }
        for k in start..end {
            if let Some(m) = self.match_at(k).cloned().filter(|m| m.token_end <= end) {
                if let Some(a) = self.person_entry(&m) {
                    self.ents[p].dict.get_or_insert(a);
                    let alias = self.text_of(m.token_start, m.token_end);
                    if alias != name {
                        add_alias(&mut self.ents[p].e, &alias);
                    }
                }
            }
        }
        // The dictionary's name with a middle name or initial the text
        // leaves out ("Clayton Yeutter", CLAYTON_K._YEUTTER_).
        if self.ents[p].dict.is_none() && end - start >= 2 {
            self.ents[p].dict = self.lex.person_by_first_and_surname(self.bare(start), self.bare(end - 1));
        }
    }

    /// Role words right before a name: "union negotiator Niek Stam", "his
    /// US counterpart Donald Trump" (a counterpart holds the role of the
    /// person "his" refers to, in another country).
    fn roles_before(&mut self, p: usize, start: usize, end: usize) {
        // The country of the words that modify the name in the parse
        // ("Swedish Foreign ministry spokeswoman Karin Lund").
        if self.ents[p].modifier_country.is_none() {
            let from = self.left_modifiers(start, end);
            self.ents[p].modifier_country = self.country_in(from, start);
        }
        self.roles_before_words(p, start);
    }

    /// The first token of the words right before `start` that the parse
    /// makes dependents of the name `start..end` (its title and modifiers),
    /// `start` when none.
    fn left_modifiers(&self, start: usize, end: usize) -> usize {
        let inside = |mut k: usize| {
            // Whether token k hangs, through its heads, on the name.
            for _ in 0..8 {
                match self.syntax.head_of(k) {
                    Some(h) if (start..end).contains(&h) => return true,
                    Some(h) if h < end && h + 8 > start => k = h,
                    _ => return false,
                }
            }
            false
        };
        let mut from = start;
        while from > 0 && start - from < 8 && self.is_word(from - 1) && inside(from - 1) {
            from -= 1;
        }
        from
    }

    fn roles_before_words(&mut self, p: usize, start: usize) {
        let mut k = start;
        while k > 0 && self.is_word(k - 1) && (start - k) < 4 {
            let w = self.word(k - 1);
            if w.chars().next().is_some_and(char::is_lowercase) || self.match_at(k - 1).is_some() {
                k -= 1;
            } else {
                break;
            }
        }
        let words: Vec<usize> = (k..start).collect();
        if let Some(&c) =
            words.iter().find(|&&i| lower(self.word(i)) == "counterpart" || lower(self.word(i)) == "counterparts")
        {
            let possessor = words.iter().any(|&i| matches!(lower(self.word(i)).as_str(), "his" | "her" | "their"));
            if possessor {
                if let Some(&(_, other)) = self.persons_seen.iter().rev().find(|&&(_, e)| e != p) {
                    if let Some(role) = self.ents[other].e.roles.first().cloned() {
                        add_role(&mut self.ents[p].e, &role);
                        self.ents[p].title.get_or_insert(role);
                    }
                }
            }
            for &i in words.iter().filter(|&&i| i < c) {
                if let Some(m) = self.match_at(i).cloned() {
                    if let Some((code, _)) = self.country_of_match(&m) {
                        self.ents[p].modifier_country.get_or_insert(code);
                    }
                }
            }
            return;
        }
        let role_from =
            words.iter().position(|&i| self.is_title_head(i) && self.word(i).chars().all(char::is_lowercase));
        if let Some(r) = role_from {
            let first = words
                .iter()
                .take(r + 1)
                .rposition(|&i| {
                    !self.is_title_word(i) && !one_of(&["union", "party", "state", "team", "chief"], self.word(i))
                })
                .map_or(words[0], |x| words[x + 1]);
            let role = self.text_of(first, start);
            if !role.is_empty() {
                add_role(&mut self.ents[p].e, &role);
                // A current role in lower case ("Chilean minister Tomas
                // Ferrada") is a title as much as a capitalised one.
                let former = (k..start).any(|i| is_former(self.word(i)));
                if !former {
                    self.ents[p].title.get_or_insert(role);
                }
            }
        }
    }

    /// The country named in tokens `from..to` (the first), if any.
    fn country_in(&self, from: usize, to: usize) -> Option<String> {
        let mut k = from;
        while k < to {
            match self.match_at(k).cloned().filter(|m| m.token_end <= to) {
                Some(m) => {
                    if let Some((code, CountryUse::Name | CountryUse::Demonym)) = self.country_of_match(&m) {
                        return Some(code);
                    }
                    k = m.token_end;
                }
                None => k += 1,
            }
        }
        None
    }

    /// Whether a role starts at `k`: a title word, or a country ("Kenya's",
    /// "Kenyan") and a few lower-case words before a title head ("Kenya's
    /// army spokesman").
    fn role_starts(&self, k: usize) -> bool {
        if self.is_title_head(k) || self.is_title_word(k) {
            return true;
        }
        let mut j = k;
        if let Some(m) = self.match_at(j).filter(|m| self.country_of_match(m).is_some()) {
            j = m.token_end;
            if self.is_possessive(j - 1) {
                j += 1;
            }
        }
        // The head may be a title ("spokesman") or a word the agents
        // dictionary gives a role, at the end of a noun phrase ("Algeria's
        // leading human rights activist", "a Kenyan farmer"; not "speaking
        // to reporters").
        let from = j;
        let head = |j: usize| {
            self.is_title_head(j)
                || self.is_agent_noun(j)
                    && (from..j).all(|i| !matches!(self.syntax.upos.get(i), Some(Upos::Adp | Upos::Part)))
        };
        while j < k + 6 && self.is_word(j) && !head(j) && is_word_lower(self.word(j)) {
            j += 1;
        }
        j > k && head(j) && is_word_lower(self.word(j))
    }

    /// Token `j` opens a noun phrase the agents dictionary codes
    /// ("farmer", "human rights activist"): a role a person may hold.
    fn is_agent_noun(&self, j: usize) -> bool {
        self.match_at(j).is_some_and(|m| {
            self.syntax.upos.get(m.token_end - 1) == Some(&Upos::Noun)
                && self.lex.senses(m.phrase).iter().any(|s| matches!(s, Sense::Agent(_)))
        })
    }

    /// Before a person mention: "The Kenyan army spokesman, Paul Njoroge,":
    /// a role between the start of the clause and a comma, the name closed
    /// by another comma.
    fn role_before_comma(&mut self, p: usize, start: usize, end: usize) {
        if start < 2 || self.word(start - 1) != "," || self.word(end) != "," {
            return;
        }
        let stop = start - 1;
        let mut k = stop;
        while k > 0 && stop - k < 8 && self.is_word(k - 1) && !self.sentence_start[k] {
            k -= 1;
        }
        // The role must open the clause: a sentence start or punctuation before it.
        if !(k == 0 || self.sentence_start[k] || !self.is_word(k - 1)) {
            return;
        }
        while matches!(lower(self.word(k)).as_str(), "the" | "a" | "an") && k < stop {
            k += 1;
        }
        if k >= stop || !self.role_starts(k) || !self.is_title_head(stop - 1) {
            return;
        }
        let role = self.text_of(k, stop);
        add_role(&mut self.ents[p].e, &role);
        let country = self.country_in(k, stop);
        let e = &mut self.ents[p];
        e.title.get_or_insert(role);
        if e.modifier_country.is_none() {
            e.modifier_country = country;
        }
    }

    /// After a person mention: ", ROLE," apposition.
    fn after_person(&mut self, p: usize, end: usize) {
        // "King Hassan of Morocco": a titled person's country said after
        // the name.
        if self.word(end) == "of" && self.ents[p].title.is_some() {
            let country = self
                .match_at(end + 1)
                .cloned()
                .and_then(|m| self.country_of_match(&m))
                .filter(|(_, usage)| *usage == CountryUse::Name)
                .map(|(code, _)| code);
            if let (Some(code), None) = (country, &self.ents[p].modifier_country) {
                self.ents[p].modifier_country = Some(code);
            }
            return;
        }
        if self.word(end) != "," {
            return;
        }
        let mut k = end + 1;
        while matches!(lower(self.word(k)).as_str(), "the" | "a" | "an" | "also" | "now" | "currently") {
            k += 1;
        }
        let mut office = k;
        while is_former(self.word(office)) {
            office += 1;
        }
        if !self.is_word(office) || !self.role_starts(office) {
            return;
        }
        let mut stop = k;
        while stop < self.tokens.len()
            && !matches!(self.word(stop), "," | "." | ";" | ":" | "\u{201D}" | "\"")
            && !self.sentence_start[stop]
        {
            stop += 1;
        }
        if stop - k > 25 {
            return;
        }
        let role = self.text_of(k, stop);
        add_role(&mut self.ents[p].e, &role);
        // ", Kenya's army spokesman," is the person's title and country; a
        // former office gives the country only. A role in a named
        // organisation ("director of the Swedish Maritime Administration")
        // takes the organisation's code instead (its affiliation, below).
        let in_org = (k..stop).any(|i| is_in(&CONNECTORS, self.word(i)));
        let country = if in_org { None } else { self.country_in(k, stop) };
        let e = &mut self.ents[p];
        if office == k {
            e.title.get_or_insert(role);
        }
        if e.modifier_country.is_none() {
            e.modifier_country = country;
        }
        // The organisation the role is in ("deputy director of the National
        // Health Commission") is the person's affiliation: found later in the
        // pass, linked at the end by position.
        self.pending_affiliations.push((p, k, stop));
    }

    fn latest_person_named(&self, word: &str) -> Option<usize> {
        self.persons_seen
            .iter()
            .rev()
            .map(|&(_, e)| e)
            .find(|&e| self.ents[e].name_words.iter().any(|w| w == word))
            .or_else(|| {
                self.ents
                    .iter()
                    .rposition(|e| e.e.etype == EntityType::Person && e.name_words.iter().any(|w| w == word))
            })
    }

    /// The person that is the subject of the clause governing the clause
    /// pronoun `i` is the subject of, named before it: "Smith said the plan
    /// was made by Jones, but he warned ..." and "Smith said he ..." are
    /// Smith's, however many people were named between. A clause is
    /// governed through "and"/"but", a subordinate clause or reported speech.
    fn governing_subject(&self, i: usize) -> Option<usize> {
        if !self.syntax.rel.get(i).is_some_and(|r| r.is_subject()) {
            return None;
        }
        let mut v = self.syntax.head_of(i)?;
        for _ in 0..3 {
            if !matches!(self.syntax.rel.get(v), Some(Rel::Conj | Rel::Advcl | Rel::Ccomp | Rel::Parataxis)) {
                return None;
            }
            let u = self.syntax.head_of(v)?;
            // "said that A did it and that he ...": a second "that"-clause
            // is governed by what governs the first, not by it.
            let before = i.saturating_sub(60)..i;
            let marked = self.syntax.dependents(v, before.clone()).any(|k| self.syntax.rel.get(k) == Some(&Rel::Mark));
            if self.syntax.rel.get(v) == Some(&Rel::Conj) && marked {
                v = u;
                continue;
            }
            let subject = self
                .syntax
                .dependents(u, before)
                .filter(|&k| self.syntax.rel.get(k).is_some_and(|r| r.is_subject()))
                .last();
            if let Some(k) = subject {
                return self.person_at(k);
            }
            v = u;
        }
        None
    }

    /// The person one of whose mentions so far covers token `k`.
    fn person_at(&self, k: usize) -> Option<usize> {
        let at = self.tokens[k].span;
        self.ents.iter().position(|e| {
            e.e.etype == EntityType::Person
                && e.e.mentions.iter().any(|m| m.span.start() <= at.start() && at.end() <= m.span.end())
        })
    }

    /// Whether token `i` is inside a quotation opened in its paragraph.
    fn in_quotation(&self, i: usize) -> bool {
        let (mut straight, mut open) = (0, 0i32);
        for k in (0..i).rev() {
            match self.word(k) {
                "\"" => straight += 1,
                "\u{201C}" => open += 1,
                "\u{201D}" => open -= 1,
                _ => {}
            }
            if self.paragraph_start[k] {
                break;
            }
        }
        straight % 2 == 1 || open > 0
    }

    /// Whether a person with no name is the subject of a clause between
    /// token `from` (the latest mention of person `p`) and pronoun `i` ("The
    /// Iranian spokesman said ... He said"): "he" may be that one, so it is
    /// not `p`'s. A title `p` holds ("the president" after President
    /// Reagan) is `p` again.
    fn unnamed_person_since(&self, from: usize, p: usize, i: usize) -> bool {
        let holds = |w: &str| {
            let ent = &self.ents[p];
            ent.title.iter().chain(&ent.e.roles).any(|t| t.split_whitespace().any(|x| x.eq_ignore_ascii_case(w)))
        };
        let named = |k: usize| self.person_at(k).is_some();
        // A title after a name with no verb between describes the name
        // ("Seguel, Chile's best-known union leader, said").
        let describes_a_name = |k: usize| {
            (from..k)
                .rev()
                .take_while(|&j| {
                    !matches!(self.syntax.upos.get(j), Some(Upos::Verb | Upos::Aux)) && !self.sentence_start[j + 1]
                })
                .any(named)
        };
        // (The subject of a main clause: one inside what is said, "said the
        // president was forced to act", is no new speaker.)
        let main_clause = |k: usize| {
            self.syntax.head_of(k).is_some_and(|h| {
                !matches!(
                    self.syntax.rel.get(h),
                    Some(Rel::Ccomp | Rel::Advcl | Rel::Acl | Rel::AclRelcl | Rel::Xcomp | Rel::Csubj)
                )
            })
        };
        (from + 1..i).any(|k| {
            self.syntax.rel.get(k).is_some_and(|r| r.is_subject())
                && main_clause(k)
                && self.word(k).chars().all(char::is_lowercase)
                && is_in(&TITLE_HEADS, self.bare(k))
                && !holds(self.bare(k))
                && !named(k)
                && !describes_a_name(k)
        })
    }

    fn coreference_at(&mut self, i: usize) {
        let w = self.word(i);
        if !(w.eq_ignore_ascii_case("he") || w.eq_ignore_ascii_case("she") || w.eq_ignore_ascii_case("the")) {
            return;
        }
        let w = lower(w);
        match w.as_str() {
            "he" | "she" => {
                // A pronoun that is a clause's subject (in the parse, or
                // where a clause starts) is the latest person.
                let subject = self.syntax.rel.get(i).is_some_and(|r| r.is_subject());
                let heads_clause = subject
                    || i == 0
                    || self.sentence_start[i]
                    || matches!(self.word(i - 1), "," | "\u{201D}" | "\"" | "that" | ";" | "and" | "but");
                if heads_clause {
                    let e = self.governing_subject(i).or_else(|| {
                        let &(start, e) = self.persons_seen.last()?;
                        // (Inside a quotation "he" is not its speaker.)
                        (self.in_quotation(i) || !self.unnamed_person_since(start, e, i)).then_some(e)
                    });
                    if let Some(e) = e {
                        self.add_mention(e, i, i + 1, MentionKind::Pronoun);
                    }
                }
            }
            "the" => {
                let next = lower(self.bare(i + 1));
                match next.as_str() {
                    "latter" | "former" => {
                        let mut distinct: Vec<usize> = Vec::new();
                        for &(_, e) in self.persons_seen.iter().rev() {
                            if !distinct.contains(&e) {
                                distinct.push(e);
                            }
                            if distinct.len() == 2 {
                                break;
                            }
                        }
                        let pick = if next == "latter" { distinct.first() } else { distinct.get(1) };
                        if let Some(&e) = pick {
                            self.add_mention(e, i, i + 2, MentionKind::LatterFormer);
                        }
                    }
                    "country" => {
                        // The latest country named as a noun; one only
                        // named by an adjective ("with British and German
                        // interests") describes something else, and is the
                        // country only when no other was named.
                        let as_noun = |m: &Mention| {
                            let k = self.tokens.partition_point(|t| t.span.start() < m.span.start());
                            self.syntax.upos.get(k) != Some(&Upos::Adj)
                        };
                        let last = self
                            .latest_mentioned(|x| x.is_country, as_noun, i)
                            .or_else(|| self.last_mentioned(|x| x.is_country, i));
                        if let Some(e) = last {
                            self.add_mention(e, i, i + 2, MentionKind::Nominal);
                        }
                    }
                    // "the company", "the firm": the latest company, whatever
                    // its name's last word ("Ohio Mattress Co", "Red Lion
                    // Inns Limited Partnership").
                    "company" | "firm" | "corporation" if self.word(i + 1).chars().all(char::is_lowercase) => {
                        let company = |x: &Ent| {
                            x.e.etype == EntityType::Org
                                && x.e.name.split_whitespace().any(|w| {
                                    is_in(&CORPORATE_FORMS, w)
                                        || one_of(&["group", "holdings", "industries", "limited"], w)
                                })
                        };
                        if let Some(e) = self.last_mentioned(company, i) {
                            self.add_mention(e, i, i + 2, MentionKind::Nominal);
                        }
                    }
                    head if is_in(&ORG_HEADS, head) && self.word(i + 1).chars().all(char::is_lowercase) => {
                        let last = self.last_mentioned(
                            |x| x.e.etype == EntityType::Org && lower(&x.e.name).split_whitespace().any(|w| w == head),
                            i,
                        );
                        if let Some(e) = last {
                            self.add_mention(e, i, i + 2, MentionKind::Nominal);
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }

    /// The entity satisfying `pred` whose latest mention before token `i` is latest.
    fn last_mentioned(&self, pred: impl Fn(&Ent) -> bool, i: usize) -> Option<usize> {
        self.latest_mentioned(pred, |_| true, i)
    }

    /// The entity satisfying `pred` whose latest mention before token `i`
    /// of those `mention` accepts is latest.
    fn latest_mentioned(
        &self,
        pred: impl Fn(&Ent) -> bool,
        mention: impl Fn(&Mention) -> bool,
        i: usize,
    ) -> Option<usize> {
        let at = self.tokens.get(i)?.span.start();
        self.ents
            .iter()
            .enumerate()
            .filter(|(_, e)| pred(e))
            .filter_map(|(k, e)| {
                e.e.mentions
                    .iter()
                    .filter(|m| m.span.start() < at && mention(m))
                    .map(|m| m.span.start())
                    .max()
                    .map(|s| (s, k))
            })
            .max()
            .map(|(_, k)| k)
    }

    fn entity_named(&mut self, name: &str, etype: EntityType) -> usize {
        match self.ents.iter().position(|e| e.e.etype == etype && e.e.name == name) {
            Some(e) => e,
            None => self.new_entity(name, etype),
        }
    }

    fn new_entity(&mut self, name: &str, etype: EntityType) -> usize {
        let id = self.ents.len() as u32;
        self.ents.push(Ent {
            e: Entity {
                id,
                name: name.to_string(),
                etype,
                actor: None,
                actor_rule: None,
                country: None,
                roles: Vec::new(),
                aliases: Vec::new(),
                mentions: Vec::new(),
                caption_mentions: Vec::new(),
                place: None,
                link_key: String::new(),
                global_id: None,
            },
            name_words: name.split_whitespace().map(lower).collect(),
            dict: None,
            title: None,
            modifier_country: None,
            surname_country: None,
            by_surname: false,
            affiliation: None,
            is_country: false,
        });
        self.ents.len() - 1
    }

    fn add_mention(&mut self, e: usize, start: usize, end: usize, kind: MentionKind) {
        let Some(span) = self.span(start, end) else { return };
        let ent = &mut self.ents[e];
        if ent.e.mentions.iter().any(|m| m.span == span) {
            return;
        }
        let at = ent.e.mentions.partition_point(|m| m.span < span);
        ent.e.mentions.insert(at, Mention { span, kind });
        if ent.e.etype == EntityType::Person {
            self.persons_seen.push((start, e));
        }
    }

    /// Links each role phrase to the first organisation named inside it.
    fn link_affiliations(&mut self) {
        for (p, a, b) in std::mem::take(&mut self.pending_affiliations) {
            let (Some(from), Some(to)) = (self.span(a, a + 1), self.span(b - 1, b)) else { continue };
            let org = self
                .ents
                .iter()
                .enumerate()
                .filter(|(_, e)| e.e.etype == EntityType::Org)
                .filter_map(|(k, e)| {
                    e.e.mentions
                        .iter()
                        .find(|m| m.span.start() >= from.start() && m.span.end() <= to.end())
                        .map(|m| (m.span.start(), k))
                })
                .min()
                .map(|(_, k)| k);
            if self.ents[p].affiliation.is_none() {
                self.ents[p].affiliation = org;
            }
        }
    }

    fn finish(mut self) -> (Vec<Entity>, Vec<ActorMention>) {
        self.link_affiliations();
        actors::assign_codes(&mut self);
        let mut actors = std::mem::take(&mut self.actors);
        for ent in &self.ents {
            if let Some(code) = &ent.e.actor {
                for m in ent.e.mentions.iter().filter(|m| !self.places_not_actors.contains(&m.span)) {
                    actors.push(ActorMention {
                        span: m.span,
                        code: code.clone(),
                        entity: Some(ent.e.id),
                        rule: ent.e.actor_rule.clone().unwrap_or_default(),
                    });
                }
            }
        }
        actors.sort_by_key(|a| (a.span.start(), std::cmp::Reverse(a.span.end())));
        actors.dedup_by(|a, b| a.span == b.span);
        let entities = self.ents.into_iter().filter(|e| !e.e.mentions.is_empty()).map(|e| e.e).collect::<Vec<_>>();
        // (Caption mentions are still in `mentions` here: the combined text
        // puts captions after the body, so ordering by first mention puts
        // caption-only entities last.)
        // Renumber so ids are dense and in order of first mention.
        let mut order: Vec<(usize, u32)> = entities.iter().map(|e| (e.mentions[0].span.start(), e.id)).collect();
        order.sort();
        let remap: HashMap<u32, u32> = order.iter().enumerate().map(|(new, &(_, old))| (old, new as u32 + 1)).collect();
        let mut entities: Vec<Entity> = entities
            .into_iter()
            .map(|mut e| {
                e.id = remap[&e.id];
                e
            })
            .collect();
        entities.sort_by_key(|e| e.id);
        for a in &mut actors {
            a.entity = a.entity.and_then(|id| remap.get(&id).copied());
        }
        (entities, actors)
    }
}

/// A caption without its photo credit ("... (Xinhua/Xiao Yijiu)", "... /
/// CGTN Photo"): the credit names the photographer, not the news.
fn without_credit(caption: &str) -> &str {
    let c = caption.trim_end();
    if c.ends_with(')') {
        if let Some(open) = c.rfind('(') {
            if c[open..].contains('/') {
                return c[..open].trim_end();
            }
        }
    }
    if c.ends_with("Photo") || c.ends_with("Photos") {
        if let Some(slash) = c.rfind('/') {
            return c[..slash].trim_end();
        }
    }
    c
}

/// Words that make an office a past one.
fn is_former(w: &str) -> bool {
    one_of(&["former", "then", "ex", "late", "retired", "outgoing"], w)
}

/// A word in lower case.
fn is_word_lower(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_lowercase)
}

/// A possessive mark: "'s", "’s", or the lone apostrophe of a plural.
fn is_possessive_mark(w: &str) -> bool {
    matches!(w, "'s" | "\u{2019}s" | "'S" | "\u{2019}S" | "'" | "\u{2019}")
}

fn add_alias(e: &mut Entity, alias: &str) {
    if alias != e.name && !e.aliases.iter().any(|a| a == alias) {
        e.aliases.push(alias.to_string());
    }
}

fn add_role(e: &mut Entity, role: &str) {
    if !e.roles.iter().any(|r| r.eq_ignore_ascii_case(role)) {
        e.roles.push(role.to_string());
    }
}

/// "WORLD_HEALTH_ORGANIZATION_" -> "World Health Organization".
fn title_case(phrase: &str) -> String {
    phrase
        .split(['_', ' '])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let l = w.to_lowercase();
            if is_in(&CONNECTORS, &l) {
                l
            } else {
                let mut c = l.chars();
                c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Per token, whether it is inside a stock ticker in angle brackets with
/// no space inside ("<MIET.T>", "<CIGZ.Z>"): a code of the company named
/// before it, no name of its own. A company's name in brackets ("<Fujian
/// Fujitsu Software Ltd>") has spaces, or lower-case letters.
fn ticker_tokens(text: &str, tokens: &[Token]) -> Vec<bool> {
    let mut inside = vec![false; tokens.len()];
    let mut i = 0;
    while i < tokens.len() {
        if tokens[i].span.slice(text) == "<" {
            let mut j = i + 1;
            while j < tokens.len()
                && tokens[j].span.start() == tokens[j - 1].span.end()
                && !tokens[j].span.slice(text).chars().any(char::is_lowercase)
                && tokens[j].span.slice(text) != ">"
            {
                j += 1;
            }
            let closed = j < tokens.len() && j > i + 1 && tokens[j].span.slice(text) == ">";
            if closed && tokens[j].span.start() == tokens[j - 1].span.end() {
                inside[i + 1..j].iter_mut().for_each(|x| *x = true);
                i = j;
            }
        }
        i += 1;
    }
    inside
}

#[cfg(test)]
mod tests;
