//! Linear models over hashed features: trained as averaged perceptrons
//! ([`Perceptron`]), shipped as compact quantised tables ([`LinearModel`]).
//!
//! A feature is a 64-bit hash of a template and its values (see
//! [`crate::features`]); a model maps each feature it kept to a sparse row
//! of class weights. Training keeps dense `f32` rows; shipping keeps, per
//! feature, only the classes whose averaged weight matters, as `i16`, in an
//! open-addressed table keyed by a 32-bit fingerprint, so a lookup is one
//! 8-byte slot and one short run of entries.

use rustc_hash::FxHashMap;

use crate::io::{ModelError, Reader, Writer};

/// An averaged perceptron under training (Collins 2002), with the averaging
/// done lazily (Daumé 2006): each weight `w` keeps `u`, the sum of its
/// updates times the step at which they were made, so the average is
/// `w - u / step` at the end, without touching every weight at every step.
pub struct Perceptron {
    classes: usize,
    rows: FxHashMap<u64, u32>,
    w: Vec<f32>,
    u: Vec<f64>,
    step: u64,
    /// How often each feature was seen, while counting (see
    /// [`Perceptron::observe`]); after [`Perceptron::drop_rare`], the
    /// features kept.
    counts: FxHashMap<u64, u32>,
    /// Only features in `counts` may get weights.
    frozen: bool,
}

impl Perceptron {
    /// A perceptron over `classes` classes with no weights yet.
    pub fn new(classes: usize) -> Perceptron {
        Perceptron {
            classes,
            rows: FxHashMap::default(),
            w: Vec::new(),
            u: Vec::new(),
            step: 1,
            counts: FxHashMap::default(),
            frozen: false,
        }
    }

    /// The number of classes.
    pub fn classes(&self) -> usize {
        self.classes
    }

    /// Adds each feature's current weights to `scores` (one per class).
    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        scores.fill(0.0);
        for f in feats {
            if let Some(&r) = self.rows.get(f) {
                let row = &self.w[r as usize * self.classes..][..self.classes];
                for (s, w) in scores.iter_mut().zip(row) {
                    *s += w;
                }
            }
        }
    }

    /// Counts the features of one decision (call during a first pass, then
    /// [`Perceptron::drop_rare`]).
    pub fn observe(&mut self, feats: &[u64]) {
        if !self.frozen {
            for &f in feats {
                *self.counts.entry(f).or_default() += 1;
            }
        }
    }

    /// From now on only features observed at least `min` times get
    /// weights; weights of the others are dropped. Rare features are mostly
    /// noise, and every feature kept costs memory and lookups.
    pub fn drop_rare(&mut self, min: u32) {
        if self.frozen {
            return;
        }
        self.counts.retain(|_, n| *n >= min);
        self.frozen = true;
        let mut rows: Vec<(u64, u32)> = self.rows.iter().map(|(&k, &r)| (k, r)).collect();
        rows.sort_unstable_by_key(|&(_, r)| r);
        let (old_w, old_u) = (std::mem::take(&mut self.w), std::mem::take(&mut self.u));
        self.rows.clear();
        for (k, r) in rows {
            if self.counts.contains_key(&k) {
                let at = r as usize * self.classes;
                self.rows.insert(k, (self.w.len() / self.classes) as u32);
                self.w.extend_from_slice(&old_w[at..at + self.classes]);
                self.u.extend_from_slice(&old_u[at..at + self.classes]);
            }
        }
    }

    /// Moves the weights of `feats` for `class` by `delta`.
    pub fn update(&mut self, feats: &[u64], class: usize, delta: f32) {
        let step = self.step as f64;
        for &f in feats {
            if self.frozen && !self.counts.contains_key(&f) {
                continue;
            }
            let next = self.rows.len() as u32;
            let r = *self.rows.entry(f).or_insert(next) as usize;
            if r == next as usize {
                self.w.resize(self.w.len() + self.classes, 0.0);
                self.u.resize(self.u.len() + self.classes, 0.0);
            }
            let i = r * self.classes + class;
            self.w[i] += delta;
            self.u[i] += step * delta as f64;
        }
    }

    /// One training example is done: advances the averaging clock.
    pub fn tick(&mut self) {
        self.step += 1;
    }

    /// The averaged weights, as dense rows per feature.
    pub fn averaged(&self) -> Averaged {
        let step = self.step as f64;
        let w = self.w.iter().zip(&self.u).map(|(&w, &u)| (w as f64 - u / step) as f32).collect();
        Averaged { classes: self.classes, rows: self.rows.clone(), w }
    }
}

/// Averaged perceptron weights: dense rows per feature (training-side).
pub struct Averaged {
    classes: usize,
    rows: FxHashMap<u64, u32>,
    w: Vec<f32>,
}

impl Averaged {
    /// Adds each feature's weights to `scores`.
    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        scores.fill(0.0);
        for f in feats {
            if let Some(&r) = self.rows.get(f) {
                for (s, w) in scores.iter_mut().zip(&self.w[r as usize * self.classes..][..self.classes]) {
                    *s += w;
                }
            }
        }
    }

    /// Number of features with a row.
    pub fn features(&self) -> usize {
        self.rows.len()
    }

    /// Compacts into a shipping model: weights with `|w| < min_weight`
    /// dropped, the rest quantised to `i16`.
    pub fn compact(&self, min_weight: f32) -> LinearModel {
        let max = self.w.iter().fold(0f32, |m, w| m.max(w.abs())).max(1e-6);
        let scale = max / i16::MAX as f32;
        let mut keys: Vec<(u64, u32)> = self.rows.iter().map(|(&k, &r)| (k, r)).collect();
        keys.sort_unstable();
        let mut rows: Vec<(u64, Vec<u32>)> = Vec::with_capacity(keys.len());
        for (k, r) in keys {
            let row = &self.w[r as usize * self.classes..][..self.classes];
            let entries: Vec<u32> = row
                .iter()
                .enumerate()
                .filter(|(_, w)| w.abs() >= min_weight)
                .filter_map(|(c, &w)| {
                    let q = (w / scale).round() as i32;
                    (q != 0).then_some(((c as u32) << 16) | (q as i16 as u16 as u32))
                })
                .collect();
            if !entries.is_empty() {
                rows.push((k, entries));
            }
        }
        LinearModel::build(self.classes, scale, rows)
    }
}

/// A shipped linear model: `i16` rows in an open-addressed table.
///
/// A slot is `fingerprint << 32 | dense << 31 | start << 8 | len` (0 when
/// empty). A sparse row is `len` entries `class << 16 | weight as u16` at
/// `entries[start..]`; a dense row (one with weights for many classes, as
/// the features that fire on every word have) is row `start` of `dense`,
/// a weight per class, added with vector instructions. Invariant: the slot
/// count is a power of two at least 4/3 of the features, so probes stay
/// short.
#[derive(Debug)]
pub struct LinearModel {
    classes: usize,
    scale: f32,
    shift: u32,
    slots: Vec<u64>,
    entries: Vec<u32>,
    dense: Vec<i16>,
    /// The processor's vector instructions, detected once per model.
    arch: pulp::Arch,
}

const DENSE: u64 = 1 << 31;
const START_MAX: u64 = (1 << 23) - 1;

const EMPTY: u64 = 0;

#[inline]
fn fingerprint(h: u64) -> u64 {
    // The low half of the hash (the table is indexed by the high bits);
    // never 0, which marks an empty slot.
    (h & 0xffff_ffff).max(1)
}

impl LinearModel {
    fn build(classes: usize, scale: f32, rows: Vec<(u64, Vec<u32>)>) -> LinearModel {
        let want = (rows.len() * 4 / 3 + 1).next_power_of_two().max(16);
        let shift = 64 - want.trailing_zeros();
        let mut slots = vec![EMPTY; want];
        let mut entries = Vec::new();
        let mut dense: Vec<i16> = Vec::new();
        for (k, row) in rows {
            let slot = if row.len() * 4 >= classes {
                let start = (dense.len() / classes) as u64;
                let at = dense.len();
                dense.resize(at + classes, 0);
                for &e in &row {
                    dense[at + (e >> 16) as usize] = e as u16 as i16;
                }
                fingerprint(k) << 32 | DENSE | start.min(START_MAX) << 8
            } else {
                let start = entries.len() as u64;
                entries.extend_from_slice(&row);
                fingerprint(k) << 32 | start.min(START_MAX) << 8 | row.len().min(255) as u64
            };
            let mut i = (k >> shift) as usize;
            while slots[i] != EMPTY {
                i = (i + 1) & (want - 1);
            }
            slots[i] = slot;
        }
        LinearModel { classes, scale, shift, slots, entries, dense, arch: pulp::Arch::new() }
    }

    /// The number of classes.
    pub fn classes(&self) -> usize {
        self.classes
    }

    /// The weight of one unit of score (for turning scores into margins).
    pub fn scale(&self) -> f32 {
        self.scale
    }

    /// The slot of a feature (0 when the model did not keep it).
    #[inline]
    fn find(&self, f: u64) -> u64 {
        let mask = self.slots.len() - 1;
        let fp = fingerprint(f);
        let mut i = (f >> self.shift) as usize;
        loop {
            let s = self.slots[i];
            if s == EMPTY || s >> 32 == fp {
                return s;
            }
            i = (i + 1) & mask;
        }
    }

    /// The sparse entries or the dense row a slot points to.
    #[inline]
    fn row_of(&self, slot: u64) -> (&[u32], &[i16]) {
        let start = ((slot >> 8) & START_MAX) as usize;
        if slot & DENSE != 0 {
            let at = start * self.classes;
            (&[], self.dense.get(at..at + self.classes).unwrap_or(&[]))
        } else {
            let len = (slot & 0xff) as usize;
            (self.entries.get(start..start + len).unwrap_or(&[]), &[])
        }
    }

    /// Sets `scores` (one per class) to the sum of the features' weights.
    #[inline]
    pub fn score(&self, feats: &[u64], scores: &mut [i32]) {
        scores.fill(0);
        self.add(feats, scores);
    }

    /// Adds the features' weights to `scores`.
    ///
    /// In phases per block of features: every first slot is touched,
    /// every slot found, every row touched, then every row added. The
    /// lookups of a block do not depend on each other, so their cache
    /// misses overlap instead of queueing (a large model does not fit in
    /// cache; the misses are its cost).
    #[inline]
    pub fn add(&self, feats: &[u64], scores: &mut [i32]) {
        self.arch.dispatch(Add { model: self, feats, scores })
    }

    /// [`LinearModel::add`] for any processor; inlined into each of
    /// [`Add`]'s versions, which compile it for the vector instructions the
    /// processor has.
    #[inline(always)]
    fn add_portable(&self, feats: &[u64], scores: &mut [i32]) {
        const BLOCK: usize = 32;
        let mut slots = [EMPTY; BLOCK];
        for block in feats.chunks(BLOCK) {
            // Touch every first slot, then every row, with loads whose
            // values only feed a sum: nothing waits on them, so the misses
            // of a block are in flight together; the probes and adds after
            // them then find their lines in cache.
            let mut touched = 0u64;
            for &f in block {
                touched ^= self.slots[(f >> self.shift) as usize];
            }
            for (s, &f) in slots.iter_mut().zip(block) {
                *s = self.find(f);
            }
            for &s in &slots[..block.len()] {
                let start = ((s >> 8) & START_MAX) as usize;
                touched ^= if s & DENSE != 0 {
                    self.dense.get(start * self.classes).copied().unwrap_or(0) as u64
                } else {
                    self.entries.get(start).copied().unwrap_or(0) as u64
                };
            }
            std::hint::black_box(touched);
            for &s in &slots[..block.len()] {
                let (sparse, dense) = self.row_of(s);
                for &e in sparse {
                    if let Some(x) = scores.get_mut((e >> 16) as usize) {
                        *x += e as u16 as i16 as i32;
                    }
                }
                for (x, &w) in scores.iter_mut().zip(dense) {
                    *x += w as i32;
                }
            }
        }
    }

    /// Bytes the model takes in memory and on disk (about).
    pub fn size_bytes(&self) -> usize {
        self.slots.len() * 8 + self.entries.len() * 4 + self.dense.len() * 2
    }

    /// Number of features kept.
    pub fn features(&self) -> usize {
        self.slots.iter().filter(|&&s| s != EMPTY).count()
    }

    /// Writes the model.
    pub fn write(&self, w: &mut Writer) {
        w.u32(self.classes as u32);
        w.f32(self.scale);
        w.u32(self.shift);
        w.u64s(&self.slots);
        w.u32s(&self.entries);
        w.u16s(&self.dense.iter().map(|&x| x as u16).collect::<Vec<_>>());
    }

    /// Reads a model written by [`LinearModel::write`], checking that
    /// every slot points inside the entries.
    pub fn read(r: &mut Reader) -> Result<LinearModel, ModelError> {
        let classes = r.u32()? as usize;
        let scale = r.f32()?;
        let shift = r.u32()?;
        let slots = r.u64s()?;
        let entries = r.u32s()?;
        let dense: Vec<i16> = r.u16s()?.into_iter().map(|x| x as i16).collect();
        let fits = |s: u64| {
            let start = ((s >> 8) & START_MAX) as usize;
            if s & DENSE != 0 {
                (start + 1) * classes <= dense.len()
            } else {
                start + (s & 0xff) as usize <= entries.len()
            }
        };
        let sound = classes > 0
            && slots.len().is_power_of_two()
            && shift == 64 - slots.len().trailing_zeros()
            && slots.iter().all(|&s| s == EMPTY || fits(s))
            && slots.contains(&EMPTY)
            && entries.iter().all(|&e| ((e >> 16) as usize) < classes);
        if !sound {
            return Err(ModelError::Corrupt("linear model table"));
        }
        Ok(LinearModel { classes, scale, shift, slots, entries, dense, arch: pulp::Arch::new() })
    }
}

/// One call of [`LinearModel::add`], run by the version compiled for the
/// processor's widest vectors (AVX2 or AVX-512 where present): a dense
/// row's weights are added eight or sixteen at a time, not four, and most
/// of a parser's time is these adds.
struct Add<'a> {
    model: &'a LinearModel,
    feats: &'a [u64],
    scores: &'a mut [i32],
}

impl pulp::WithSimd for Add<'_> {
    type Output = ();

    #[inline(always)]
    fn with_simd<S: pulp::Simd>(self, _: S) {
        self.model.add_portable(self.feats, self.scores)
    }
}

/// The index of the best score among `allowed` classes (all when `None`).
#[inline]
pub fn argmax<T: PartialOrd + Copy>(scores: &[T], allowed: impl Fn(usize) -> bool) -> Option<usize> {
    let mut best: Option<(usize, T)> = None;
    for (i, &s) in scores.iter().enumerate() {
        if allowed(i) && best.is_none_or(|(_, b)| s > b) {
            best = Some((i, s));
        }
    }
    best.map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_perceptron_learns_a_separable_rule_and_survives_compaction() {
        // Class 1 has feature 7, class 0 feature 8; 20..24 are noise.
        let examples: Vec<(Vec<u64>, usize)> =
            (0..40).map(|i| if i % 3 == 0 { (vec![7, 20 + i % 4], 1) } else { (vec![8, 20 + i % 4], 0) }).collect();
        let mut p = Perceptron::new(2);
        let mut scores = [0f32; 2];
        for _ in 0..5 {
            for (f, gold) in &examples {
                p.score(f, &mut scores);
                let guess = argmax(&scores, |_| true).unwrap();
                if guess != *gold {
                    p.update(f, *gold, 1.0);
                    p.update(f, guess, -1.0);
                }
                p.tick();
            }
        }
        let model = p.averaged().compact(0.0);
        let mut q = [0i32; 2];
        for (f, gold) in &examples {
            model.score(f, &mut q);
            assert_eq!(argmax(&q, |_| true), Some(*gold), "{f:?} {q:?}");
        }
        // Unknown features score nothing.
        model.score(&[12345, 999], &mut q);
        assert_eq!(q, [0, 0]);
        // Round trip through bytes.
        let mut w = Writer::default();
        model.write(&mut w);
        let bytes = w.into_bytes();
        let back = LinearModel::read(&mut Reader::new(&bytes)).unwrap();
        back.score(&[1, 7], &mut q);
        assert!(q[1] > q[0]);
    }

    #[test]
    fn a_corrupt_table_is_refused() {
        let mut w = Writer::default();
        w.u32(2);
        w.f32(1.0);
        w.u32(59); // 16 slots need a shift of 60
        w.u64s(&[0; 16]);
        w.u32s(&[]);
        assert!(LinearModel::read(&mut Reader::new(&w.into_bytes())).is_err());
    }
}
