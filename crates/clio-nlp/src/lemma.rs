//! Lemmas by rule and table: for each Penn tag, the ending rules the
//! treebank's words follow ("-ies" -> "-y" for NNS, "-pped" -> "-p" for
//! VBD), learnt from the training treebank, and the words that break them
//! ("went" -> "go"), kept as hashes of the word with the edit to make.
//!
//! An edit is "drop the last `n` characters, add `s`".

use rustc_hash::FxHashMap;

use crate::conllu::Sentence;
use crate::features::{f2, hash_str};
use crate::io::{ModelError, Reader, Writer};

/// An edit from a word to its lemma.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Edit {
    drop: u8,
    add: String,
}

impl Edit {
    /// The edit that turns `form` into `lemma` (both lower case).
    fn between(form: &str, lemma: &str) -> Edit {
        let common = form.chars().zip(lemma.chars()).take_while(|(a, b)| a == b).count();
        let drop = form.chars().count() - common;
        Edit { drop: drop.min(255) as u8, add: lemma.chars().skip(common).collect() }
    }

    fn apply(&self, form: &str) -> Option<String> {
        let n = form.chars().count();
        let keep = n.checked_sub(self.drop as usize)?;
        let mut out: String = form.chars().take(keep).collect();
        out.push_str(&self.add);
        (!out.is_empty()).then_some(out)
    }
}

/// Longest word ending a rule looks at.
const MAX_ENDING: usize = 5;

/// A trained lemmatizer.
#[derive(Default)]
pub struct Lemmatizer {
    edits: Vec<Edit>,
    /// (Penn tag, ending) hash -> edit: the commonest edit of words with
    /// that tag and ending.
    rules: FxHashMap<u64, u16>,
    /// (Penn tag, word) hash -> edit, for words the rules get wrong.
    exceptions: FxHashMap<u64, u16>,
}

/// Tags whose lemma keeps the word's case (names).
fn keeps_case(xpos: &str) -> bool {
    matches!(xpos, "NNP" | "NNPS")
}

/// Tags whose words may differ from their lemma by more than case (the
/// rest are their own lemma: "quickly", "of").
fn inflects(xpos: &str) -> bool {
    matches!(
        xpos,
        "NN" | "NNS"
            | "NNPS"
            | "VB"
            | "VBD"
            | "VBN"
            | "VBG"
            | "VBZ"
            | "VBP"
            | "MD"
            | "JJ"
            | "JJR"
            | "JJS"
            | "RB"
            | "RBR"
            | "RBS"
            | "PRP"
            | "PRP$"
            | "WP"
            | "DT"
    )
}

fn rule_key(xpos: &str, ending: &str) -> u64 {
    f2(0x1E33, hash_str(xpos), hash_str(ending))
}

fn word_key(xpos: &str, word: &str) -> u64 {
    f2(0x1E34, hash_str(xpos), hash_str(word))
}

impl Lemmatizer {
    /// The lemma of a word with its Penn tag.
    pub fn lemma(&self, word: &str, xpos: &str) -> String {
        let mut out = String::with_capacity(word.len());
        self.lemma_into(word, xpos, &mut out);
        out
    }

    /// Appends the lemma of a word with its Penn tag to `out` (no string
    /// is made for a word that is its own lemma but for case).
    pub fn lemma_into(&self, word: &str, xpos: &str, out: &mut String) {
        let keep_case = keeps_case(xpos) || word == "I";
        if !inflects(xpos) {
            let at = out.len();
            if keep_case {
                out.push_str(word);
            } else if word.is_ascii() {
                out.push_str(word);
                out[at..].make_ascii_lowercase();
            } else {
                out.extend(word.chars().flat_map(char::to_lowercase));
            }
            return;
        }
        let form = if keep_case { word.to_string() } else { word.to_lowercase() };
        let tag = hash_str(xpos);
        let edit = self.exceptions.get(&f2(0x1E34, tag, hash_str(&form))).or_else(|| {
            let starts: Vec<usize> = form.char_indices().map(|(i, _)| i).collect();
            (1..=MAX_ENDING.min(starts.len())).rev().find_map(|k| {
                let ending = &form[starts[starts.len() - k]..];
                self.rules.get(&f2(0x1E33, tag, hash_str(ending)))
            })
        });
        match edit.and_then(|&e| self.edits.get(e as usize)).and_then(|e| e.apply(&form)) {
            Some(lemma) => out.push_str(&lemma),
            None => out.push_str(&form),
        }
    }

    /// The model file's bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::model("lemmas");
        w.u32(self.edits.len() as u32);
        for e in &self.edits {
            w.u32(e.drop as u32);
            w.str(&e.add);
        }
        for table in [&self.rules, &self.exceptions] {
            let mut rows: Vec<(u64, u16)> = table.iter().map(|(&k, &v)| (k, v)).collect();
            rows.sort_unstable();
            w.u64s(&rows.iter().map(|r| r.0).collect::<Vec<_>>());
            w.u16s(&rows.iter().map(|r| r.1).collect::<Vec<_>>());
        }
        w.finish()
    }

    /// Reads a model file made by [`Lemmatizer::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Lemmatizer, ModelError> {
        let mut r = Reader::model(bytes, "lemmas")?;
        let n = r.u32()? as usize;
        let mut edits = Vec::with_capacity(n.min(1 << 16));
        for _ in 0..n {
            let drop = r.u32()?.min(255) as u8;
            edits.push(Edit { drop, add: r.str()?.to_string() });
        }
        let mut tables = Vec::new();
        for _ in 0..2 {
            let keys = r.u64s()?;
            let values = r.u16s()?;
            if keys.len() != values.len() || values.iter().any(|&v| v as usize >= edits.len()) {
                return Err(ModelError::Corrupt("lemma tables"));
            }
            tables.push(keys.into_iter().zip(values).collect::<FxHashMap<_, _>>());
        }
        let exceptions = tables.pop().unwrap_or_default();
        let rules = tables.pop().unwrap_or_default();
        Ok(Lemmatizer { edits, rules, exceptions })
    }
}

/// Learns the rules and exceptions from a treebank's words.
pub fn train(sentences: &[Sentence]) -> Lemmatizer {
    let mut lem = Lemmatizer::default();
    let mut edit_ids: FxHashMap<Edit, u16> = FxHashMap::default();
    let mut by_ending: FxHashMap<u64, FxHashMap<u16, u32>> = FxHashMap::default();
    let mut words: Vec<(String, String, u16)> = Vec::new();
    for s in sentences {
        for r in &s.rows {
            if !inflects(&r.xpos) || r.lemma == "_" {
                continue;
            }
            let form = if keeps_case(&r.xpos) || r.form == "I" { r.form.clone() } else { r.form.to_lowercase() };
            let lemma = if keeps_case(&r.xpos) { r.lemma.clone() } else { r.lemma.to_lowercase() };
            let edit = Edit::between(&form, &lemma);
            let next = lem.edits.len() as u16;
            let id = *edit_ids.entry(edit.clone()).or_insert_with(|| {
                lem.edits.push(edit);
                next
            });
            let chars: Vec<(usize, char)> = form.char_indices().collect();
            for k in 1..=MAX_ENDING.min(chars.len()) {
                let ending = &form[chars[chars.len() - k].0..];
                *by_ending.entry(rule_key(&r.xpos, ending)).or_default().entry(id).or_default() += 1;
            }
            words.push((form, r.xpos.clone(), id));
        }
    }
    for (key, counts) in by_ending {
        if let Some((&id, _)) = counts.iter().max_by_key(|&(&id, &n)| (n, std::cmp::Reverse(id))) {
            lem.rules.insert(key, id);
        }
    }
    // Words the rules get wrong become exceptions.
    for (form, xpos, id) in words {
        let want = lem.edits[id as usize].apply(&form);
        let key = word_key(&xpos, &form);
        if lem.exceptions.contains_key(&key) {
            continue;
        }
        let got = lem.lemma(&form, &xpos);
        if want.as_deref() != Some(got.as_str()) {
            lem.exceptions.insert(key, id);
        }
    }
    lem
}

/// Share of `gold`'s words whose lemma (lower-cased) is right, with the gold tags.
pub fn evaluate(lem: &Lemmatizer, gold: &[Sentence]) -> f64 {
    let (mut right, mut n) = (0, 0);
    for s in gold {
        for r in &s.rows {
            right += (lem.lemma(&r.form, &r.xpos).to_lowercase() == r.lemma.to_lowercase()) as usize;
            n += 1;
        }
    }
    right as f64 / n.max(1) as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conllu::Row;

    fn row(form: &str, lemma: &str, xpos: &str) -> Row {
        Row {
            form: form.into(),
            lemma: lemma.into(),
            upos: String::new(),
            xpos: xpos.into(),
            head: 0,
            deprel: String::new(),
            no_space_after: false,
        }
    }

    #[test]
    fn endings_generalise_and_irregular_words_are_kept() {
        let rows = vec![
            row("cities", "city", "NNS"),
            row("parties", "party", "NNS"),
            row("talks", "talk", "NNS"),
            row("ships", "ship", "NNS"),
            row("stopped", "stop", "VBD"),
            row("dropped", "drop", "VBD"),
            row("walked", "walk", "VBD"),
            row("went", "go", "VBD"),
            row("Talks", "talk", "NNS"),
            row("Smiths", "Smith", "NNPS"),
        ];
        let s = vec![Sentence { id: String::new(), rows, multiword: vec![] }];
        let lem = train(&s);
        assert_eq!(lem.lemma("counties", "NNS"), "county", "an unseen word follows its ending");
        assert_eq!(lem.lemma("shipped", "VBD"), "ship");
        assert_eq!(lem.lemma("went", "VBD"), "go");
        assert_eq!(lem.lemma("Ships", "NNS"), "ship");
        assert_eq!(lem.lemma("Oslo", "NNP"), "Oslo", "names keep their case");
        assert_eq!(lem.lemma("quickly", "RB"), "quickly");
        let back = Lemmatizer::from_bytes(&lem.to_bytes()).unwrap();
        assert_eq!(back.lemma("went", "VBD"), "go");
    }
}
