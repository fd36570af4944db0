//! What clio's dictionaries say of each word, as features for the
//! recogniser: the kind of entry a word is part of (a country, a city, a
//! nationality, a title or role, a government or party actor, an
//! international organisation, ...) and its place in the phrase. The
//! dictionaries then never decide alone whether a run of capitals is a
//! name; the recogniser weighs them with the context ("Jordan said" of a
//! congressman is not the country).

use clio_lexicon::{Lexicon, PhraseIndex, Sense};
use clio_model::Token;

use crate::features::{f2, hash_str};
use crate::ner::Gazetteer;

/// The dictionary features of each token of a text.
pub fn features(lex: &Lexicon, text: &str, tokens: &[Token]) -> Vec<Gazetteer> {
    let mut out = vec![[0u64; 4]; tokens.len()];
    let idx = PhraseIndex::new(text, tokens);
    for m in lex.find(&idx) {
        let mut categories: Vec<String> = Vec::with_capacity(4);
        for s in lex.senses(m.phrase) {
            let c = category(lex, *s);
            if !categories.contains(&c) {
                categories.push(c);
            }
        }
        let (start, end) = (m.token_start, m.token_end.min(tokens.len()));
        for (i, slots) in out.iter_mut().enumerate().take(end).skip(start) {
            let place = match (i == start, i + 1 == end) {
                (true, true) => 3,
                (true, false) => 0,
                (false, false) => 1,
                (false, true) => 2,
            };
            for (slot, c) in slots.iter_mut().zip(&categories) {
                *slot = f2(0x6A2, hash_str(c), place);
            }
        }
    }
    out
}

/// The kind of dictionary entry a sense is.
fn category(lex: &Lexicon, sense: Sense) -> String {
    match sense {
        Sense::Country(_) => "country".into(),
        Sense::City(c) => match lex.gazetteer.cities.get(c as usize) {
            Some(city) if city.capital => "capital".into(),
            _ => "city".into(),
        },
        Sense::Demonym(_) => "demonym".into(),
        Sense::Agent(a) => format!("agent:{}", lex.agent(a).map_or("", |a| a.code.as_str())),
        Sense::Actor(a) => {
            let code = lex.actor(a).and_then(|e| e.codes.first()).map_or("", |c| c.code.as_str());
            if lex.is_country_code(code) {
                "actor:country".into()
            } else if code.get(..3).is_some_and(|c| lex.is_country_code(c)) {
                format!("actor:{}", code.get(3..6).unwrap_or(""))
            } else {
                format!("actor:{}", code.get(..3).unwrap_or(""))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dictionary_words_get_their_entry_kind_and_place() {
        let lex = Lexicon::bundled();
        let text = "The Foreign Minister of Sweden flew to Paris.";
        let toks = clio_text::tokenize(text);
        let f = features(&lex, text, &toks);
        let word = |w: &str| toks.iter().position(|t| t.span.slice(text) == w).unwrap();
        assert_ne!(f[word("Sweden")][0], 0);
        assert_ne!(f[word("Paris")][0], 0);
        assert_eq!(f[word("flew")], [0; 4]);
        // "Sweden" (a country) and "Paris" (a capital) differ in kind.
        assert!(f[word("Paris")].iter().any(|c| *c != 0 && !f[word("Sweden")].contains(c)));
    }
}
