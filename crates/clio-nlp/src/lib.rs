//! clio's learned language layer: a part-of-speech tagger, a labelled
//! dependency parser and a named-entity recogniser, each a linear model
//! trained by clio itself on open gold data (`clio train`), and word
//! clusters learned from unlabelled news that all three use.

pub mod clusters;
pub mod conll03;
pub mod conllu;
pub mod dictionary;
pub mod features;
pub mod io;
pub mod lemma;
pub mod linear;
pub mod models;
pub mod ner;
pub mod parser;
pub mod stage;
pub mod tagger;

pub use models::Models;
pub use stage::LanguageStage;

/// A small deterministic random number generator (xorshift64*), so that
/// training shuffles the same way on every machine.
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed (any value; 0 is replaced).
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number below `n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// Shuffles in place (Fisher-Yates).
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}
