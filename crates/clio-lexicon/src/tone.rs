//! The sentiment lexicon for tone (VADER, MIT) and clio's theme keywords.

use aho_corasick::{AhoCorasick, MatchKind};
use rustc_hash::FxHashMap;

/// VADER's word valences (-4..4).
#[derive(Debug, Default)]
pub struct Sentiment {
    valence: FxHashMap<String, f32>,
}

impl Sentiment {
    /// Reads `vader_lexicon.txt` (word, mean valence, ...; tab-separated).
    pub fn parse(text: &str) -> Sentiment {
        let valence = text
            .lines()
            .filter_map(|l| {
                let mut f = l.split('\t');
                Some((f.next()?.to_string(), f.next()?.parse().ok()?))
            })
            .collect();
        Sentiment { valence }
    }

    /// The valence of a lower-case word, if it has one.
    pub fn valence(&self, word: &str) -> Option<f32> {
        self.valence.get(word).copied()
    }
}

/// Theme keywords compiled into one automaton.
#[derive(Debug)]
pub struct Themes {
    labels: Vec<String>,
    automaton: AhoCorasick,
}

impl Themes {
    /// Reads `THEME<TAB>keyword` lines (`#` comments).
    pub fn parse(text: &str) -> Themes {
        let (labels, keys): (Vec<String>, Vec<String>) = text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| l.split_once('\t').map(|(t, k)| (t.trim().to_string(), k.trim().to_lowercase())))
            .unzip();
        #[allow(clippy::expect_used)] // plain lower-case strings
        let automaton =
            AhoCorasick::builder().match_kind(MatchKind::LeftmostLongest).build(&keys).expect("theme automaton builds");
        Themes { labels, automaton }
    }

    /// (theme, byte start, byte end) of each keyword in a lower-cased text,
    /// on word boundaries.
    pub fn find<'a>(&'a self, lower: &'a str) -> impl Iterator<Item = (&'a str, usize, usize)> + 'a {
        let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
        self.automaton.find_iter(lower).filter_map(move |m| {
            let before = lower[..m.start()].chars().next_back();
            let after = lower[m.end()..].chars().next();
            (!word(before) && !word(after)).then(|| (self.labels[m.pattern().as_usize()].as_str(), m.start(), m.end()))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valences_and_theme_words_on_boundaries() {
        let s = Sentiment::parse("good\t1.9\t0.9\t[]\nkill\t-3.7\t0.4\t[]\n");
        assert_eq!(s.valence("good"), Some(1.9));
        assert_eq!(s.valence("bad"), None);
        let t = Themes::parse("# c\nAID\taid\nHEALTH\tpublic health\n");
        let found: Vec<_> = t.find("public health aid, not said or aide").collect();
        assert_eq!(found, [("HEALTH", 0, 13), ("AID", 14, 17)]);
    }
}
