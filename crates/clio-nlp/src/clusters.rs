//! Word clusters learned from unlabelled text: words that occur in the
//! same contexts share a cluster, so a model that learned "Monday" or
//! "Ministry" from its gold data also knows words it never saw labelled.
//!
//! Clusters are made by the exchange algorithm (Kneser & Ney 1993; Martin,
//! Liermann & Ney 1998) under the class-bigram model of Brown et al.
//! (1992): each word in turn moves to the class that most raises the
//! likelihood of the text, until few words move. It is run at three sizes
//! (coarse to fine), which the models use as Brown-cluster prefixes are
//! used (Koo et al. 2008; Ratinov & Roth 2009).
//!
//! Shipped as word hashes and cluster numbers, never as words.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::features::hash_str;
use crate::io::{ModelError, Reader, Writer};

/// The cluster sizes, coarse to fine.
pub const SIZES: [usize; 3] = [64, 256, 1024];

/// Word -> its clusters at each of [`SIZES`] (numbered from 1; 0 is
/// unknown), and its case profile: how often it is written with a capital
/// inside a sentence, in buckets (see [`case_bucket`]; 0 is unknown). A
/// word that is mostly capitalised in running text is mostly a name.
#[derive(Default)]
pub struct Clusters {
    map: FxHashMap<u64, [u16; 4]>,
}

/// The case-profile bucket of a word seen capitalised `cap` times and in
/// lower case `lower` times inside sentences: 1 (never capitalised) to 6
/// (always).
pub fn case_bucket(cap: u32, lower: u32) -> u16 {
    let total = cap + lower;
    if total == 0 {
        return 0;
    }
    let r = cap as f64 / total as f64;
    match r {
        r if r < 0.02 => 1,
        r if r < 0.2 => 2,
        r if r < 0.5 => 3,
        r if r < 0.8 => 4,
        r if r < 0.98 => 5,
        _ => 6,
    }
}

impl Clusters {
    /// The clusters and case profile of a lower-cased, digit-normalised
    /// word (see [`crate::features::WordFeatures::lower`]).
    #[inline]
    pub fn get(&self, lower: &str) -> [u16; 4] {
        if self.map.is_empty() {
            return [0; 4];
        }
        self.map.get(&hash_str(lower)).copied().unwrap_or([0; 4])
    }

    /// [`Clusters::get`] of a word by its hash.
    #[inline]
    pub fn get_hashed(&self, lower: u64) -> [u16; 4] {
        if self.map.is_empty() {
            return [0; 4];
        }
        self.map.get(&lower).copied().unwrap_or([0; 4])
    }

    /// Number of words with clusters.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True when no word has a cluster.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The model file's bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut keys: Vec<&u64> = self.map.keys().collect();
        keys.sort_unstable();
        let mut w = Writer::model("clusters");
        w.u64s(&keys.iter().map(|&&k| k).collect::<Vec<_>>());
        for level in 0..4 {
            w.u16s(&keys.iter().map(|k| self.map[*k][level]).collect::<Vec<_>>());
        }
        w.finish()
    }

    /// Reads a model file made by [`Clusters::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Clusters, ModelError> {
        let mut r = Reader::model(bytes, "clusters")?;
        let keys = r.u64s()?;
        let levels = [r.u16s()?, r.u16s()?, r.u16s()?, r.u16s()?];
        if levels.iter().any(|l| l.len() != keys.len()) {
            return Err(ModelError::Corrupt("cluster table lengths differ"));
        }
        let map = keys.iter().enumerate().map(|(i, &k)| (k, [0, 1, 2, 3].map(|l| levels[l][i]))).collect();
        Ok(Clusters { map })
    }
}

/// Counts for clustering: the vocabulary and its bigrams.
pub struct Corpus {
    /// Words kept, most frequent first; id = index.
    words: Vec<String>,
    counts: Vec<u64>,
    /// Bigram counts (previous id, next id); rare words and text edges
    /// share the id `words.len()`.
    bigrams: FxHashMap<(u32, u32), u64>,
}

impl Corpus {
    /// Counts the words of `sentences` (each a list of lower-cased,
    /// digit-normalised words), keeping those seen at least `min_count` times.
    pub fn new(sentences: &[Vec<String>], min_count: u64) -> Corpus {
        let mut freq: FxHashMap<&str, u64> = FxHashMap::default();
        for s in sentences {
            for w in s {
                *freq.entry(w.as_str()).or_default() += 1;
            }
        }
        let mut kept: Vec<(&str, u64)> = freq.into_iter().filter(|&(_, n)| n >= min_count).collect();
        kept.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let words: Vec<String> = kept.iter().map(|(w, _)| w.to_string()).collect();
        let ids: FxHashMap<String, u32> = words.iter().enumerate().map(|(i, w)| (w.clone(), i as u32)).collect();
        let other = words.len() as u32;
        let mut counts = vec![0u64; words.len() + 1];
        let mut bigrams: FxHashMap<(u32, u32), u64> = FxHashMap::default();
        for s in sentences {
            let mut prev = other;
            for w in s {
                let id = ids.get(w).copied().unwrap_or(other);
                counts[id as usize] += 1;
                *bigrams.entry((prev, id)).or_default() += 1;
                prev = id;
            }
            *bigrams.entry((prev, other)).or_default() += 1;
            counts[other as usize] += 1;
        }
        Corpus { words, counts, bigrams }
    }

    /// Number of words that get clusters.
    pub fn vocabulary(&self) -> usize {
        self.words.len()
    }

    /// Clusters the vocabulary at each of `sizes` (coarse to fine; clio
    /// ships [`SIZES`]), reporting each pass to `progress` (size, pass,
    /// words moved); `case` gives each word's case-profile bucket.
    pub fn cluster(
        &self,
        sizes: [usize; 3],
        max_passes: usize,
        case: &dyn Fn(&str) -> u16,
        progress: &(dyn Fn(usize, usize, usize) + Sync),
    ) -> Clusters {
        let levels: Vec<Vec<u32>> = sizes.iter().map(|&k| self.exchange(k, max_passes, progress)).collect();
        let map = self
            .words
            .iter()
            .enumerate()
            .map(|(i, w)| {
                (hash_str(w), [levels[0][i] as u16 + 1, levels[1][i] as u16 + 1, levels[2][i] as u16 + 1, case(w)])
            })
            .collect();
        Clusters { map }
    }

    /// The exchange algorithm with `k` classes; returns each word's class.
    fn exchange(&self, k: usize, max_passes: usize, progress: &(dyn Fn(usize, usize, usize) + Sync)) -> Vec<u32> {
        let n = self.words.len() + 1; // the last id: rare words and edges, fixed in its own class
        let k_all = k + 1;
        let fixed = k as u32;
        let mut class: Vec<u32> = (0..n).map(|i| if i == n - 1 { fixed } else { (i % k) as u32 }).collect();
        // Word adjacency: successors and predecessors with counts.
        let mut succ: Vec<Vec<(u32, f64)>> = vec![Vec::new(); n];
        let mut pred: Vec<Vec<(u32, f64)>> = vec![Vec::new(); n];
        let mut pairs: Vec<(&(u32, u32), &u64)> = self.bigrams.iter().collect();
        pairs.sort_unstable();
        for (&(a, b), &c) in pairs {
            succ[a as usize].push((b, c as f64));
            pred[b as usize].push((a, c as f64));
        }
        let wcount: Vec<f64> = self.counts.iter().map(|&c| c as f64).collect();
        // Class bigram and unigram counts.
        let mut cc = vec![0f64; k_all * k_all];
        let mut cn = vec![0f64; k_all];
        for (a, s) in succ.iter().enumerate() {
            for &(b, c) in s {
                cc[class[a] as usize * k_all + class[b as usize] as usize] += c;
            }
        }
        for (w, &c) in wcount.iter().enumerate() {
            cn[class[w] as usize] += c;
        }
        let f = |x: f64| if x > 0.0 { x * x.ln() } else { 0.0 };
        let mut out = vec![0f64; k_all];
        let mut inn = vec![0f64; k_all];
        for pass in 1..=max_passes {
            let mut moved = 0;
            for w in 0..n - 1 {
                // Counts from w to each class and back, without w's self-loops.
                let mut self_loop = 0.0;
                let mut out_classes: Vec<usize> = Vec::new();
                let mut in_classes: Vec<usize> = Vec::new();
                for &(v, c) in &succ[w] {
                    if v as usize == w {
                        self_loop += c;
                        continue;
                    }
                    let cv = class[v as usize] as usize;
                    if out[cv] == 0.0 {
                        out_classes.push(cv);
                    }
                    out[cv] += c;
                }
                for &(v, c) in &pred[w] {
                    if v as usize == w {
                        continue;
                    }
                    let cv = class[v as usize] as usize;
                    if inn[cv] == 0.0 {
                        in_classes.push(cv);
                    }
                    inn[cv] += c;
                }
                let old = class[w] as usize;
                // Take w out of its class.
                for &c in &out_classes {
                    cc[old * k_all + c] -= out[c];
                }
                for &c in &in_classes {
                    cc[c * k_all + old] -= inn[c];
                }
                cc[old * k_all + old] -= self_loop;
                cn[old] -= wcount[w];
                // The gain of putting it into each class.
                let gain = |t: usize| -> f64 {
                    let mut g = 0.0;
                    for &c in &out_classes {
                        if c != t {
                            let x = cc[t * k_all + c];
                            g += f(x + out[c]) - f(x);
                        }
                    }
                    for &c in &in_classes {
                        if c != t {
                            let x = cc[c * k_all + t];
                            g += f(x + inn[c]) - f(x);
                        }
                    }
                    let x = cc[t * k_all + t];
                    g += f(x + out[t] + inn[t] + self_loop) - f(x);
                    g - 2.0 * (f(cn[t] + wcount[w]) - f(cn[t]))
                };
                let best = (0..k).into_par_iter().map(|t| (gain(t), t)).reduce(
                    || (f64::NEG_INFINITY, usize::MAX),
                    |a, b| if b.0 > a.0 || (b.0 == a.0 && b.1 < a.1) { b } else { a },
                );
                let stay = gain(old);
                let new = if best.0 > stay + 1e-9 { best.1 } else { old };
                if new != old {
                    moved += 1;
                    class[w] = new as u32;
                }
                for &c in &out_classes {
                    cc[new * k_all + c] += out[c];
                    out[c] = 0.0;
                }
                for &c in &in_classes {
                    cc[c * k_all + new] += inn[c];
                    inn[c] = 0.0;
                }
                cc[new * k_all + new] += self_loop;
                cn[new] += wcount[w];
            }
            progress(k, pass, moved);
            if moved * 1000 < n {
                break;
            }
        }
        class.truncate(n - 1);
        class
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_in_the_same_contexts_share_a_cluster() {
        // Days follow "on" and precede "the"; verbs follow pronouns.
        let mut sentences = Vec::new();
        let days = ["monday", "tuesday", "friday"];
        let verbs = ["said", "added", "noted"];
        let people = ["he", "she", "they"];
        for i in 0..60 {
            let s = format!("{} {} it happened on {} the night", people[i % 3], verbs[(i / 3) % 3], days[(i / 9) % 3]);
            sentences.push(s.split(' ').map(str::to_string).collect::<Vec<_>>());
        }
        let corpus = Corpus::new(&sentences, 1);
        let clusters = corpus.cluster([3, 6, 8], 20, &|w| if w == "monday" { 6 } else { 1 }, &|_, _, _| {});
        let finest = |w: &str| clusters.get(w)[2];
        assert_eq!(finest("monday"), finest("friday"));
        assert_eq!(finest("said"), finest("noted"));
        assert_ne!(finest("said"), finest("monday"));
        assert_eq!(clusters.get("unseen"), [0, 0, 0, 0]);
        assert_eq!(clusters.get("monday")[3], 6);
        assert_eq!((case_bucket(0, 50), case_bucket(49, 1), case_bucket(0, 0)), (1, 6, 0));
        let back = Clusters::from_bytes(&clusters.to_bytes()).unwrap();
        assert_eq!(back.get("tuesday"), clusters.get("tuesday"));
    }
}
