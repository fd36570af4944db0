//! CoNLL-2003 named-entity files: what the recogniser trains on and
//! `clio eval conll` scores against. Their tokens are re-read with clio's
//! tokenizer, so the recogniser learns on the words it will meet; gold and
//! found names are compared on the file's own tokens.

use clio_model::{NameKind, Token};

use crate::ner::Name;

/// A sentence of a CoNLL-2003 file, re-tokenized.
#[derive(Clone, Debug)]
pub struct Sentence {
    /// The file's tokens joined into text (clitics such as "'s" attached
    /// to the word before, as they were written).
    pub text: String,
    /// The file's tokens: byte spans in `text`.
    pub file_tokens: Vec<(usize, usize)>,
    /// clio's tokens of `text`.
    pub tokens: Vec<Token>,
    /// For each of clio's tokens, the file token it lies in.
    pub file_token_of: Vec<usize>,
    /// Gold names over the file's tokens.
    pub gold: Vec<Name>,
}

impl Sentence {
    /// Gold names over clio's tokens.
    pub fn gold_on_tokens(&self) -> Vec<Name> {
        self.gold
            .iter()
            .filter_map(|n| {
                let start = self.file_token_of.iter().position(|&f| f == n.start)?;
                let end = self.file_token_of.iter().rposition(|&f| f == n.end - 1)? + 1;
                Some(Name { start, end, kind: n.kind })
            })
            .collect()
    }

    /// Names over clio's tokens, as spans of the file's tokens (a name
    /// covers each file token it touches).
    pub fn to_file_tokens(&self, names: &[Name]) -> Vec<Name> {
        names
            .iter()
            .filter(|n| n.start < n.end && n.end <= self.tokens.len())
            .map(|n| Name { start: self.file_token_of[n.start], end: self.file_token_of[n.end - 1] + 1, kind: n.kind })
            .collect()
    }
}

/// A document: the sentences between two `-DOCSTART-` lines.
pub type Document = Vec<Sentence>;

/// Reads a CoNLL-2003 file (`word POS chunk NER` per line, IOB1 or IOB2
/// tags, blank lines between sentences, `-DOCSTART-` between documents).
/// A line of another shape is an error naming it.
pub fn parse(text: &str) -> Result<Vec<Document>, String> {
    let mut docs: Vec<Document> = Vec::new();
    let mut doc: Document = Vec::new();
    let mut words: Vec<(String, String)> = Vec::new();
    let flush = |words: &mut Vec<(String, String)>, doc: &mut Document| {
        if !words.is_empty() {
            doc.push(sentence(words));
            words.clear();
        }
    };
    for (n, line) in text.lines().enumerate() {
        let cols: Vec<&str> = line.split_whitespace().collect();
        match cols.as_slice() {
            [] => flush(&mut words, &mut doc),
            ["-DOCSTART-", ..] => {
                flush(&mut words, &mut doc);
                if !doc.is_empty() {
                    docs.push(std::mem::take(&mut doc));
                }
            }
            [word, .., tag] if cols.len() >= 2 => {
                if *tag != "O" && !tag.starts_with("I-") && !tag.starts_with("B-") {
                    return Err(format!("line {}: {tag:?} is not an IOB tag", n + 1));
                }
                words.push((word.to_string(), tag.to_string()));
            }
            _ => return Err(format!("line {}: expected `word ... tag`", n + 1)),
        }
    }
    flush(&mut words, &mut doc);
    if !doc.is_empty() {
        docs.push(doc);
    }
    Ok(docs)
}

/// Gold names from IOB1/IOB2 tags.
fn names_of_tags(tags: &[String]) -> Vec<Name> {
    let mut out = Vec::new();
    let mut open: Option<(usize, NameKind)> = None;
    for (i, tag) in tags.iter().enumerate() {
        let (prefix, kind) = match tag.split_once('-') {
            Some((p, k)) => (p, NameKind::parse(k)),
            None => ("O", None),
        };
        let continues = prefix == "I" && open.is_some_and(|(_, k)| Some(k) == kind);
        if !continues {
            if let Some((s, k)) = open.take() {
                out.push(Name { start: s, end: i, kind: k });
            }
            open = kind.map(|k| (i, k));
        }
    }
    if let Some((s, k)) = open {
        out.push(Name { start: s, end: tags.len(), kind: k });
    }
    out
}

fn sentence(words: &[(String, String)]) -> Sentence {
    let mut text = String::new();
    let mut file_tokens = Vec::with_capacity(words.len());
    for (w, _) in words {
        // "'s", "n't": written against the word before, as in running text.
        let clitic = w.starts_with('\'') && w.len() > 1 && w[1..].chars().all(char::is_alphabetic)
            || w.eq_ignore_ascii_case("n't");
        if !text.is_empty() && !clitic {
            text.push(' ');
        }
        let start = text.len();
        text.push_str(w);
        file_tokens.push((start, text.len()));
    }
    let tokens = clio_text::tokenize(&text);
    let file_token_of =
        tokens.iter().map(|t| file_tokens.iter().rposition(|&(s, _)| s <= t.span.start()).unwrap_or(0)).collect();
    let tags: Vec<String> = words.iter().map(|(_, t)| t.clone()).collect();
    Sentence { text, file_tokens, tokens, file_token_of, gold: names_of_tags(&tags) }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "-DOCSTART- -X- -X- O\n\nLena NNP I-NP I-PER\nHolm NNP I-NP I-PER\nof IN I-PP O\nAnglo-Dutch NNP I-NP I-ORG\nGroup NNP I-NP I-ORG\n's POS B-NP O\nvisit NN I-NP O\nto TO I-PP O\nOslo NNP I-NP I-LOC\nB-LOC NNP I-NP B-LOC\n\n-DOCSTART- -X- -X- O\n\nHi UH O O\n";

    #[test]
    fn names_come_from_iob_tags_and_map_across_tokenizations() {
        let docs = parse(SAMPLE).unwrap();
        assert_eq!(docs.len(), 2);
        let s = &docs[0][0];
        assert_eq!(s.text, "Lena Holm of Anglo-Dutch Group's visit to Oslo B-LOC");
        let kinds: Vec<(usize, usize, &str)> = s.gold.iter().map(|n| (n.start, n.end, n.kind.as_str())).collect();
        // "B-LOC" after "Oslo" starts a second place.
        assert_eq!(kinds, [(0, 2, "PER"), (3, 5, "ORG"), (8, 9, "LOC"), (9, 10, "LOC")]);
        // clio splits "Anglo-Dutch" and "B-LOC": the names follow.
        let on_tokens = s.gold_on_tokens();
        let words: Vec<&str> = s.tokens.iter().map(|t| t.span.slice(&s.text)).collect();
        let org = on_tokens.iter().find(|n| n.kind == NameKind::Org).unwrap();
        assert_eq!(words[org.start..org.end], ["Anglo", "-", "Dutch", "Group"]);
        assert_eq!(s.to_file_tokens(&on_tokens), s.gold);
        assert!(parse("word\n").is_err());
        assert!(parse("a NN X-PER\n").is_err());
    }
}
