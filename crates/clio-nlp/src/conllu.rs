//! CoNLL-U, the Universal Dependencies format: what the tagger and parser
//! train on and `clio eval ud` scores against.

use std::fmt;

/// One syntactic word of a treebank sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The word as written.
    pub form: String,
    /// Its lemma.
    pub lemma: String,
    /// Universal part of speech.
    pub upos: String,
    /// Language-specific (Penn) part of speech.
    pub xpos: String,
    /// Index of the head word, 1-based; 0 is the root.
    pub head: usize,
    /// Dependency relation to the head ("nsubj", "obl:tmod").
    pub deprel: String,
    /// No space follows the word in the text.
    pub no_space_after: bool,
}

/// A treebank sentence: its words, and the multiword tokens that group
/// them as written ("don't" = "do" + "n't"), as (first, last, surface)
/// with 0-based word indices.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sentence {
    /// Sentence id, from `# sent_id`.
    pub id: String,
    /// The syntactic words.
    pub rows: Vec<Row>,
    /// Multiword tokens.
    pub multiword: Vec<(usize, usize, String)>,
}

impl Sentence {
    /// The forms of the words.
    pub fn forms(&self) -> Vec<&str> {
        self.rows.iter().map(|r| r.form.as_str()).collect()
    }

    /// The sentence's text as written (words joined as `SpaceAfter` says,
    /// multiword tokens by their surface form).
    pub fn text(&self) -> String {
        let mut out = String::new();
        let mut i = 0;
        while i < self.rows.len() {
            if let Some(&(_, last, ref surface)) = self.multiword.iter().find(|m| m.0 == i) {
                out.push_str(surface);
                i = last + 1;
                if !self.rows[last].no_space_after {
                    out.push(' ');
                }
                continue;
            }
            out.push_str(&self.rows[i].form);
            if !self.rows[i].no_space_after {
                out.push(' ');
            }
            i += 1;
        }
        out.truncate(out.trim_end().len());
        out
    }
}

/// A line that is not CoNLL-U.
#[derive(Debug, PartialEq)]
pub struct FormatError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub reason: String,
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.reason)
    }
}

/// Reads every sentence of a CoNLL-U text. Empty nodes (ids like `8.1`)
/// are skipped; a malformed line is an error naming it.
pub fn parse(text: &str) -> Result<Vec<Sentence>, FormatError> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    for (n, line) in text.lines().enumerate() {
        let err = |reason: &str| FormatError { line: n + 1, reason: reason.to_string() };
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            if !cur.rows.is_empty() {
                check_heads(&cur).map_err(|r| err(&r))?;
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            if let Some(id) = c.trim().strip_prefix("sent_id = ") {
                cur.id = id.to_string();
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(err(&format!("{} columns, CoNLL-U has 10", cols.len())));
        }
        let id = cols[0];
        if id.contains('.') {
            continue;
        }
        if let Some((a, b)) = id.split_once('-') {
            let (Ok(a), Ok(b)) = (a.parse::<usize>(), b.parse::<usize>()) else {
                return Err(err(&format!("bad multiword id {id:?}")));
            };
            if a == 0 || b < a {
                return Err(err(&format!("bad multiword id {id:?}")));
            }
            cur.multiword.push((a - 1, b - 1, cols[1].to_string()));
            continue;
        }
        match id.parse::<usize>() {
            Ok(i) if i == cur.rows.len() + 1 => {}
            _ => return Err(err(&format!("word id {id:?} out of order"))),
        }
        let head = match cols[6] {
            "_" => 0,
            h => h.parse().map_err(|_| err(&format!("bad head {h:?}")))?,
        };
        cur.rows.push(Row {
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            head,
            deprel: cols[7].to_string(),
            no_space_after: cols[9].split('|').any(|m| m == "SpaceAfter=No"),
        });
    }
    if !cur.rows.is_empty() {
        check_heads(&cur).map_err(|reason| FormatError { line: text.lines().count(), reason })?;
        out.push(cur);
    }
    Ok(out)
}

fn check_heads(s: &Sentence) -> Result<(), String> {
    match s.rows.iter().position(|r| r.head > s.rows.len()) {
        Some(i) => Err(format!("word {} of sentence {:?} has a head past the sentence's end", i + 1, s.id)),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# sent_id = s1\n# text = We don't swim.\n\
1\tWe\twe\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n\
2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n\
2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_\n\
3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n\
4\tswim\tswim\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n\
4.1\tX\tx\tX\tX\t_\t_\t_\t_\t_\n\
5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n";

    #[test]
    fn sentences_words_and_multiword_tokens_are_read() {
        let s = parse(SAMPLE).unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].id, "s1");
        assert_eq!(s[0].forms(), ["We", "do", "n't", "swim", "."]);
        assert_eq!(s[0].rows[0].head, 3);
        assert_eq!(s[0].multiword, [(1, 2, "don't".to_string())]);
        assert_eq!(s[0].text(), "We don't swim.");
    }

    #[test]
    fn malformed_lines_are_named() {
        let e = parse("1\tWe\twe\n").unwrap_err();
        assert_eq!(e.line, 1);
        let e = parse("# c\n2\tWe\twe\tPRON\tPRP\t_\t0\troot\t_\t_\n").unwrap_err();
        assert_eq!(e.line, 2);
        let e = parse("1\tWe\twe\tPRON\tPRP\t_\t9\troot\t_\t_\n\n").unwrap_err();
        assert!(e.reason.contains("head"));
    }
}
