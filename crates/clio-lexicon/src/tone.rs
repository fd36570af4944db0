//! The sentiment lexicon for tone (VADER, MIT) and clio's theme keywords.

use aho_corasick::{AhoCorasick, MatchKind};
use rustc_hash::FxHashMap;

/// VADER's word valences (-4..4), and the words GDELT's activity density
/// counts (verb forms), in one table: the tone of an article is one lookup
/// per word.
#[derive(Debug, Default)]
pub struct Sentiment {
    words: FxHashMap<Box<str>, ToneWord>,
}

/// What tone makes of a lower-case word.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ToneWord {
    /// Its VADER valence, if it has one.
    pub valence: Option<f32>,
    /// A verb form: an active word.
    pub active: bool,
}

impl Sentiment {
    /// Reads `vader_lexicon.txt` (word, mean valence, ...; tab-separated).
    pub fn parse(text: &str) -> Sentiment {
        let words = text
            .lines()
            .filter_map(|l| {
                let mut f = l.split('\t');
                let word: Box<str> = f.next()?.into();
                Some((word, ToneWord { valence: Some(f.next()?.parse().ok()?), active: false }))
            })
            .collect();
        Sentiment { words }
    }

    /// Marks `words` (lower case) as active.
    pub fn with_active<'w>(mut self, words: impl IntoIterator<Item = &'w str>) -> Sentiment {
        for w in words {
            self.words.entry(w.into()).or_default().active = true;
        }
        self
    }

    /// The valence of a lower-case word, if it has one.
    pub fn valence(&self, word: &str) -> Option<f32> {
        self.word(word).valence
    }

    /// What tone makes of a lower-case word.
    pub fn word(&self, word: &str) -> ToneWord {
        self.words.get(word).copied().unwrap_or_default()
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
        let s = s.with_active(["kill", "meet"]);
        assert_eq!(s.word("kill"), ToneWord { valence: Some(-3.7), active: true });
        assert_eq!(s.word("meet"), ToneWord { valence: None, active: true });
        assert_eq!(s.word("good"), ToneWord { valence: Some(1.9), active: false });
        let t = Themes::parse("# c\nAID\taid\nHEALTH\tpublic health\n");
        let found: Vec<_> = t.find("public health aid, not said or aide").collect();
        assert_eq!(found, [("HEALTH", 0, 13), ("AID", 14, 17)]);
    }
}
