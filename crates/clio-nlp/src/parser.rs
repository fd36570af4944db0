//! The labelled dependency parser: Universal Dependencies trees.
//!
//! A greedy transition-based parser in the arc-hybrid system (Kuhlmann,
//! Gómez-Rodríguez & Satta 2011) with the root at the end of the buffer, so
//! every sentence gets exactly one root. An averaged perceptron scores the
//! transitions from rich features of the stack, the buffer and the
//! children found so far (after Zhang & Nivre 2011), and it is trained with
//! a dynamic oracle and error exploration (Goldberg & Nivre 2012, 2013):
//! it learns to recover from its own mistakes, not only to follow gold
//! trees. A model may instead be trained and searched with a beam (see
//! [`beam`]): more accurate, several times slower; the bundled parser is
//! greedy, for speed.
//!
//! Transitions, with `s0` the top of the stack, `s1` the one below and
//! `b0` the front of the buffer:
//! - SHIFT moves `b0` onto the stack;
//! - LEFT(l) makes `b0` the head of `s0` (label `l`) and pops `s0`;
//! - RIGHT(l) makes `s1` the head of `s0` and pops `s0`.

use crate::conllu::Sentence;
use crate::features::{f1, f2, f3, WordFeatures, NONE};
use crate::io::{ModelError, Reader, Writer};
use crate::linear::{LinearModel, Perceptron};
use crate::Rng;

mod beam;

/// "No word": a position of the state that is empty.
const NO: u32 = u32::MAX;

/// A parse: each word's head (an index into the sentence, or `None` for
/// the root) and relation label.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tree {
    /// Head of each word; `None` for the sentence's root.
    pub heads: Vec<Option<u32>>,
    /// Label of each word's relation, an index into [`Parser::labels`].
    pub labels: Vec<u8>,
}

/// A trained parser: one model scores every labelled move.
pub struct Parser {
    model: LinearModel,
    labels: Vec<String>,
    moves: Moves,
    /// Partial parses kept while parsing: 1 is greedy (see [`beam`]).
    beam: usize,
}

/// The moves as classes: 0 is SHIFT, then LEFT and RIGHT for each label.
#[derive(Clone, Copy)]
struct Moves {
    labels: usize,
    /// The label only LEFT onto the root takes.
    root: u8,
}

impl Moves {
    fn classes(self) -> usize {
        1 + 2 * self.labels
    }

    /// The class of a move (the inverse of [`Moves::decode`]).
    fn class(self, m: Move) -> usize {
        match m {
            Move::Shift => 0,
            Move::Left(l) => 1 + l as usize,
            Move::Right(l) => 1 + self.labels + l as usize,
        }
    }

    fn decode(self, class: usize) -> Move {
        let l = self.labels;
        if class == 0 {
            Move::Shift
        } else if class <= l {
            Move::Left((class - 1) as u8)
        } else {
            Move::Right((class - 1 - l) as u8)
        }
    }

    /// Calls `f` with each legal move's class: the legality of each kind
    /// of move is decided once, then each kind's classes are one range.
    fn each_legal(self, st: &State, mut f: impl FnMut(usize)) {
        let l = self.labels;
        let root = self.root as usize;
        if st.can_shift() {
            f(0);
        }
        if st.can_left() {
            if st.b == st.n {
                f(1 + root);
            } else {
                (1..=l).filter(|&c| c != 1 + root).for_each(&mut f);
            }
        }
        if st.can_right() {
            (l + 1..=2 * l).filter(|&c| c != l + 1 + root).for_each(&mut f);
        }
    }

    /// The best-scoring legal move.
    fn best(self, st: &State, scores: &[i32]) -> Option<usize> {
        let mut best: Option<(usize, i32)> = None;
        self.each_legal(st, |c| {
            if best.is_none_or(|(_, b)| scores[c] > b) {
                best = Some((c, scores[c]));
            }
        });
        best.map(|(c, _)| c)
    }
}

/// The parser's working state over a sentence of `n` words; word `n` is
/// the root, always last in the buffer.
#[derive(Clone)]
struct State {
    n: u32,
    stack: Vec<u32>,
    /// Front of the buffer (`n` when only the root is left).
    b: u32,
    head: Vec<u32>,
    label: Vec<u8>,
    /// Leftmost and second leftmost children (left children come in from
    /// the right, so the leftmost is the latest).
    l1: Vec<u32>,
    l2: Vec<u32>,
    /// Rightmost and second rightmost children.
    r1: Vec<u32>,
    r2: Vec<u32>,
    nl: Vec<u8>,
    nr: Vec<u8>,
    /// Labels of the left and right children, as bit sets.
    lset: Vec<u64>,
    rset: Vec<u64>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Move {
    Shift,
    Left(u8),
    Right(u8),
}

impl State {
    fn new(n: usize) -> State {
        let m = n + 1;
        State {
            n: n as u32,
            stack: Vec::with_capacity(n),
            b: 0,
            head: vec![NO; m],
            label: vec![0; m],
            l1: vec![NO; m],
            l2: vec![NO; m],
            r1: vec![NO; m],
            r2: vec![NO; m],
            nl: vec![0; m],
            nr: vec![0; m],
            lset: vec![0; m],
            rset: vec![0; m],
        }
    }

    /// The tree built so far: heads (`None` for the root) and labels; a
    /// word never attached (only when parsing stopped early) is a root.
    fn write_tree(&self, moves: Moves, tree: &mut Tree) {
        tree.heads.clear();
        tree.labels.clear();
        let n = self.n;
        for i in 0..n as usize {
            let h = self.head[i];
            tree.heads.push(if h == n || h == NO { None } else { Some(h) });
            tree.labels.push(if h == NO { moves.root } else { self.label[i] });
        }
    }

    /// The move to make without scoring, when it is the only legal one:
    /// SHIFT onto an empty stack, or the last word onto the root.
    fn forced(&self, moves: Moves) -> Option<Move> {
        if self.stack.is_empty() && self.can_shift() {
            Some(Move::Shift)
        } else if self.b == self.n && self.stack.len() == 1 {
            Some(Move::Left(moves.root))
        } else {
            None
        }
    }

    fn done(&self) -> bool {
        self.b == self.n + 1
    }

    fn s(&self, k: usize) -> u32 {
        let len = self.stack.len();
        if k < len {
            self.stack[len - 1 - k]
        } else {
            NO
        }
    }

    fn can_shift(&self) -> bool {
        self.b < self.n
    }

    /// LEFT needs a stack; onto the root only the last word on the stack.
    fn can_left(&self) -> bool {
        !self.stack.is_empty() && (self.b < self.n || (self.b == self.n && self.stack.len() == 1))
    }

    fn can_right(&self) -> bool {
        self.stack.len() >= 2
    }

    fn attach(&mut self, h: u32, d: u32, l: u8) {
        let (h_, d_) = (h as usize, d as usize);
        self.head[d_] = h;
        self.label[d_] = l;
        let bit = 1u64 << (l & 63);
        if d < h {
            self.l2[h_] = self.l1[h_];
            self.l1[h_] = d;
            self.nl[h_] = self.nl[h_].saturating_add(1);
            self.lset[h_] |= bit;
        } else {
            self.r2[h_] = self.r1[h_];
            self.r1[h_] = d;
            self.nr[h_] = self.nr[h_].saturating_add(1);
            self.rset[h_] |= bit;
        }
    }

    fn apply(&mut self, m: Move) {
        match m {
            Move::Shift => {
                self.stack.push(self.b);
                self.b += 1;
            }
            Move::Left(l) => {
                if let Some(s0) = self.stack.pop() {
                    self.attach(self.b, s0, l);
                    if self.b == self.n {
                        self.b += 1; // the root took its child: done
                    }
                }
            }
            Move::Right(l) => {
                if let Some(s0) = self.stack.pop() {
                    let s1 = self.s(0);
                    self.attach(s1, s0, l);
                }
            }
        }
    }
}

/// Feature templates (numbers are part of the model: never reuse one).
mod t {
    pub const S0W: u32 = 1;
    pub const S0P: u32 = 2;
    pub const S0WP: u32 = 3;
    pub const B0W: u32 = 4;
    pub const B0P: u32 = 5;
    pub const B0WP: u32 = 6;
    pub const B1W: u32 = 7;
    pub const B1P: u32 = 8;
    pub const B1WP: u32 = 9;
    pub const B2W: u32 = 10;
    pub const B2P: u32 = 11;
    pub const S1W: u32 = 12;
    pub const S1P: u32 = 13;
    pub const S1WP: u32 = 14;
    pub const S2P: u32 = 15;
    pub const S0WP_B0WP: u32 = 16;
    pub const S0WP_B0W: u32 = 17;
    pub const S0W_B0WP: u32 = 18;
    pub const S0WP_B0P: u32 = 19;
    pub const S0P_B0WP: u32 = 20;
    pub const S0W_B0W: u32 = 21;
    pub const S0P_B0P: u32 = 22;
    pub const B0P_B1P: u32 = 23;
    pub const S1P_S0P: u32 = 24;
    pub const S1W_S0W: u32 = 25;
    pub const S1WP_S0P: u32 = 26;
    pub const S1P_S0WP: u32 = 27;
    pub const B0P_B1P_B2P: u32 = 28;
    pub const S0P_B0P_B1P: u32 = 29;
    pub const S1P_S0P_B0P: u32 = 30;
    pub const S0P_S0L1P_B0P: u32 = 31;
    pub const S0P_S0R1P_B0P: u32 = 32;
    pub const S0P_B0P_B0L1P: u32 = 33;
    pub const S1P_S1R1P_S0P: u32 = 34;
    pub const S1P_S1L1P_S0P: u32 = 35;
    pub const S0W_D: u32 = 36;
    pub const S0P_D: u32 = 37;
    pub const B0W_D: u32 = 38;
    pub const B0P_D: u32 = 39;
    pub const S0W_B0W_D: u32 = 40;
    pub const S0P_B0P_D: u32 = 41;
    pub const S1P_S0P_D: u32 = 42;
    pub const S0W_VR: u32 = 43;
    pub const S0P_VR: u32 = 44;
    pub const S0W_VL: u32 = 45;
    pub const S0P_VL: u32 = 46;
    pub const B0W_VL: u32 = 47;
    pub const B0P_VL: u32 = 48;
    pub const S1P_VR: u32 = 49;
    pub const S0L1W: u32 = 50;
    pub const S0L1P: u32 = 51;
    pub const S0L1L: u32 = 52;
    pub const S0R1W: u32 = 53;
    pub const S0R1P: u32 = 54;
    pub const S0R1L: u32 = 55;
    pub const B0L1W: u32 = 56;
    pub const B0L1P: u32 = 57;
    pub const B0L1L: u32 = 58;
    pub const S1L1P: u32 = 59;
    pub const S1L1L: u32 = 60;
    pub const S1R1P: u32 = 61;
    pub const S1R1L: u32 = 62;
    pub const S0L2W: u32 = 63;
    pub const S0L2P: u32 = 64;
    pub const S0L2L: u32 = 65;
    pub const S0R2W: u32 = 66;
    pub const S0R2P: u32 = 67;
    pub const S0R2L: u32 = 68;
    pub const B0L2W: u32 = 69;
    pub const B0L2P: u32 = 70;
    pub const B0L2L: u32 = 71;
    pub const S0P_S0L1P_S0L2P: u32 = 72;
    pub const S0P_S0R1P_S0R2P: u32 = 73;
    pub const B0P_B0L1P_B0L2P: u32 = 74;
    pub const S0W_SR: u32 = 75;
    pub const S0P_SR: u32 = 76;
    pub const S0W_SL: u32 = 77;
    pub const S0P_SL: u32 = 78;
    pub const B0W_SL: u32 = 79;
    pub const B0P_SL: u32 = 80;
    pub const S0C: u32 = 81;
    pub const B0C: u32 = 82;
    pub const S1C: u32 = 83;
    pub const S0C_B0C: u32 = 84;
    pub const S0C_B0P: u32 = 85;
    pub const S0P_B0C: u32 = 86;
    pub const S0CC_B0CC: u32 = 87;
    pub const B1C: u32 = 88;
    pub const S1C_S0C: u32 = 89;
    pub const S0W_S0R1P: u32 = 90;
    pub const B0W_B0L1P: u32 = 91;
    pub const S0P_S0R1L: u32 = 92;
    pub const B0P_B0L1L: u32 = 93;
}

/// What the features see of one position: word, tag, clusters, label.
#[derive(Clone, Copy)]
struct Slot {
    w: u64,
    p: u64,
    c: u64,
    cc: u64,
    l: u64,
}

const EMPTY_SLOT: Slot = Slot { w: NONE, p: NONE, c: NONE, cc: NONE, l: NONE };
const ROOT_SLOT: Slot = Slot { w: 0x7007, p: 0x7007, c: 0x7007, cc: 0x7007, l: NONE };

fn distance(a: u32, b: u32) -> u64 {
    if a == NO || b == NO {
        return NONE;
    }
    match a.abs_diff(b) {
        d @ 0..=4 => d as u64,
        5..=7 => 5,
        8..=12 => 6,
        _ => 7,
    }
}

/// Which features [`features`] gives. Those of the buffer's front (its
/// first three words, no children) change only on SHIFT, and those of a
/// stack word alone (`s0`, `s1`: word, tag, cluster) only with the word:
/// parsing scores each of them once per position and adds the sums.
#[derive(Clone, Copy)]
struct Part(u8);

impl Part {
    const BUFFER: Part = Part(1);
    const S0: Part = Part(2);
    const S1: Part = Part(4);
    /// Everything else: pairs across stack and buffer, children, distances.
    const REST: Part = Part(8);
    const ALL: Part = Part(15);
}

fn features(st: &State, words: &[WordFeatures], tags: &[u64], part: Part, out: &mut Vec<u64>) {
    out.clear();
    let n = st.n;
    let slot = |i: u32| -> Slot {
        if i == NO {
            EMPTY_SLOT
        } else if i == n {
            ROOT_SLOT
        } else {
            let w = &words[i as usize];
            Slot {
                w: w.lower,
                p: tags[i as usize],
                c: w.cluster[2] as u64,
                cc: w.cluster[0] as u64,
                l: st.label[i as usize] as u64,
            }
        }
    };
    let child = |i: u32, v: &Vec<u32>| if i == NO { NO } else { v[i as usize] };
    let (s0i, s1i, s2i) = (st.s(0), st.s(1), st.s(2));
    let b0i = if st.b <= n { st.b } else { NO };
    let b1i = if st.b < n { st.b + 1 } else { NO };
    let b2i = if st.b + 1 < n { st.b + 2 } else { NO };
    let (s0, s1, s2, b0, b1, b2) = (slot(s0i), slot(s1i), slot(s2i), slot(b0i), slot(b1i), slot(b2i));
    let s0l1 = slot(child(s0i, &st.l1));
    let s0l2 = slot(child(s0i, &st.l2));
    let s0r1 = slot(child(s0i, &st.r1));
    let s0r2 = slot(child(s0i, &st.r2));
    let s1l1 = slot(child(s1i, &st.l1));
    let s1r1 = slot(child(s1i, &st.r1));
    let b0l1 = slot(child(b0i, &st.l1));
    let b0l2 = slot(child(b0i, &st.l2));
    let d = distance(s0i, b0i);
    let d1 = distance(s1i, s0i);
    let val = |i: u32, v: &Vec<u8>| if i == NO || i == n { NONE } else { v[i as usize] as u64 };
    let set = |i: u32, v: &Vec<u64>| if i == NO || i == n { NONE } else { v[i as usize] };
    // A feature is hashed only when its part is wanted.
    macro_rules! p {
        ($of:expr, $f:expr) => {
            if part.0 & $of.0 != 0 {
                out.push($f)
            }
        };
    }
    p!(Part::S0, f1(t::S0W, s0.w));
    p!(Part::S0, f1(t::S0P, s0.p));
    p!(Part::S0, f2(t::S0WP, s0.w, s0.p));
    p!(Part::BUFFER, f1(t::B0W, b0.w));
    p!(Part::BUFFER, f1(t::B0P, b0.p));
    p!(Part::BUFFER, f2(t::B0WP, b0.w, b0.p));
    p!(Part::BUFFER, f1(t::B1W, b1.w));
    p!(Part::BUFFER, f1(t::B1P, b1.p));
    p!(Part::BUFFER, f2(t::B1WP, b1.w, b1.p));
    p!(Part::BUFFER, f1(t::B2W, b2.w));
    p!(Part::BUFFER, f1(t::B2P, b2.p));
    p!(Part::S1, f1(t::S1W, s1.w));
    p!(Part::S1, f1(t::S1P, s1.p));
    p!(Part::S1, f2(t::S1WP, s1.w, s1.p));
    p!(Part::REST, f1(t::S2P, s2.p));
    p!(Part::REST, f3(t::S0WP_B0WP, f2(0, s0.w, s0.p), b0.w, b0.p));
    p!(Part::REST, f3(t::S0WP_B0W, s0.w, s0.p, b0.w));
    p!(Part::REST, f3(t::S0W_B0WP, s0.w, b0.w, b0.p));
    p!(Part::REST, f3(t::S0WP_B0P, s0.w, s0.p, b0.p));
    p!(Part::REST, f3(t::S0P_B0WP, s0.p, b0.w, b0.p));
    p!(Part::REST, f2(t::S0W_B0W, s0.w, b0.w));
    p!(Part::REST, f2(t::S0P_B0P, s0.p, b0.p));
    p!(Part::BUFFER, f2(t::B0P_B1P, b0.p, b1.p));
    p!(Part::REST, f2(t::S1P_S0P, s1.p, s0.p));
    p!(Part::REST, f2(t::S1W_S0W, s1.w, s0.w));
    p!(Part::REST, f3(t::S1WP_S0P, s1.w, s1.p, s0.p));
    p!(Part::REST, f3(t::S1P_S0WP, s1.p, s0.w, s0.p));
    p!(Part::BUFFER, f3(t::B0P_B1P_B2P, b0.p, b1.p, b2.p));
    p!(Part::REST, f3(t::S0P_B0P_B1P, s0.p, b0.p, b1.p));
    p!(Part::REST, f3(t::S1P_S0P_B0P, s1.p, s0.p, b0.p));
    p!(Part::REST, f3(t::S0P_S0L1P_B0P, s0.p, s0l1.p, b0.p));
    p!(Part::REST, f3(t::S0P_S0R1P_B0P, s0.p, s0r1.p, b0.p));
    p!(Part::REST, f3(t::S0P_B0P_B0L1P, s0.p, b0.p, b0l1.p));
    p!(Part::REST, f3(t::S1P_S1R1P_S0P, s1.p, s1r1.p, s0.p));
    p!(Part::REST, f3(t::S1P_S1L1P_S0P, s1.p, s1l1.p, s0.p));
    p!(Part::REST, f2(t::S0W_D, s0.w, d));
    p!(Part::REST, f2(t::S0P_D, s0.p, d));
    p!(Part::REST, f2(t::B0W_D, b0.w, d));
    p!(Part::REST, f2(t::B0P_D, b0.p, d));
    p!(Part::REST, f3(t::S0W_B0W_D, s0.w, b0.w, d));
    p!(Part::REST, f3(t::S0P_B0P_D, s0.p, b0.p, d));
    p!(Part::REST, f3(t::S1P_S0P_D, s1.p, s0.p, d1));
    p!(Part::REST, f2(t::S0W_VR, s0.w, val(s0i, &st.nr)));
    p!(Part::REST, f2(t::S0P_VR, s0.p, val(s0i, &st.nr)));
    p!(Part::REST, f2(t::S0W_VL, s0.w, val(s0i, &st.nl)));
    p!(Part::REST, f2(t::S0P_VL, s0.p, val(s0i, &st.nl)));
    p!(Part::REST, f2(t::B0W_VL, b0.w, val(b0i, &st.nl)));
    p!(Part::REST, f2(t::B0P_VL, b0.p, val(b0i, &st.nl)));
    p!(Part::REST, f2(t::S1P_VR, s1.p, val(s1i, &st.nr)));
    p!(Part::REST, f1(t::S0L1W, s0l1.w));
    p!(Part::REST, f1(t::S0L1P, s0l1.p));
    p!(Part::REST, f1(t::S0L1L, s0l1.l));
    p!(Part::REST, f1(t::S0R1W, s0r1.w));
    p!(Part::REST, f1(t::S0R1P, s0r1.p));
    p!(Part::REST, f1(t::S0R1L, s0r1.l));
    p!(Part::REST, f1(t::B0L1W, b0l1.w));
    p!(Part::REST, f1(t::B0L1P, b0l1.p));
    p!(Part::REST, f1(t::B0L1L, b0l1.l));
    p!(Part::REST, f1(t::S1L1P, s1l1.p));
    p!(Part::REST, f1(t::S1L1L, s1l1.l));
    p!(Part::REST, f1(t::S1R1P, s1r1.p));
    p!(Part::REST, f1(t::S1R1L, s1r1.l));
    p!(Part::REST, f1(t::S0L2W, s0l2.w));
    p!(Part::REST, f1(t::S0L2P, s0l2.p));
    p!(Part::REST, f1(t::S0L2L, s0l2.l));
    p!(Part::REST, f1(t::S0R2W, s0r2.w));
    p!(Part::REST, f1(t::S0R2P, s0r2.p));
    p!(Part::REST, f1(t::S0R2L, s0r2.l));
    p!(Part::REST, f1(t::B0L2W, b0l2.w));
    p!(Part::REST, f1(t::B0L2P, b0l2.p));
    p!(Part::REST, f1(t::B0L2L, b0l2.l));
    p!(Part::REST, f3(t::S0P_S0L1P_S0L2P, s0.p, s0l1.p, s0l2.p));
    p!(Part::REST, f3(t::S0P_S0R1P_S0R2P, s0.p, s0r1.p, s0r2.p));
    p!(Part::REST, f3(t::B0P_B0L1P_B0L2P, b0.p, b0l1.p, b0l2.p));
    p!(Part::REST, f2(t::S0W_SR, s0.w, set(s0i, &st.rset)));
    p!(Part::REST, f2(t::S0P_SR, s0.p, set(s0i, &st.rset)));
    p!(Part::REST, f2(t::S0W_SL, s0.w, set(s0i, &st.lset)));
    p!(Part::REST, f2(t::S0P_SL, s0.p, set(s0i, &st.lset)));
    p!(Part::REST, f2(t::B0W_SL, b0.w, set(b0i, &st.lset)));
    p!(Part::REST, f2(t::B0P_SL, b0.p, set(b0i, &st.lset)));
    p!(Part::S0, f1(t::S0C, s0.c));
    p!(Part::BUFFER, f1(t::B0C, b0.c));
    p!(Part::S1, f1(t::S1C, s1.c));
    p!(Part::REST, f2(t::S0C_B0C, s0.c, b0.c));
    p!(Part::REST, f2(t::S0C_B0P, s0.c, b0.p));
    p!(Part::REST, f2(t::S0P_B0C, s0.p, b0.c));
    p!(Part::REST, f2(t::S0CC_B0CC, s0.cc, b0.cc));
    p!(Part::BUFFER, f1(t::B1C, b1.c));
    p!(Part::REST, f2(t::S1C_S0C, s1.c, s0.c));
    p!(Part::REST, f2(t::S0W_S0R1P, s0.w, s0r1.p));
    p!(Part::REST, f2(t::B0W_B0L1P, b0.w, b0l1.p));
    p!(Part::REST, f2(t::S0P_S0R1L, s0.p, s0r1.l));
    p!(Part::REST, f2(t::B0P_B0L1L, b0.p, b0l1.l));
}

impl Parser {
    /// Parses a tagged sentence (`tags`: each word's [`crate::tagger::Tagger::key`]).
    pub fn parse(&self, words: &[WordFeatures], tags: &[u64], tree: &mut Tree) {
        tree.heads.clear();
        tree.labels.clear();
        if words.is_empty() {
            return;
        }
        if self.beam > 1 {
            beam::parse(&self.model, self.moves, self.beam, words, tags, tree);
        } else {
            self.greedy(words, tags, tree);
        }
    }

    /// Parses committing to the best move at each step.
    fn greedy(&self, words: &[WordFeatures], tags: &[u64], tree: &mut Tree) {
        let mut st = State::new(words.len());
        let mut scorer = Scorer::new(words.len(), self.model.classes());
        while !st.done() {
            if let Some(m) = st.forced(self.moves) {
                st.apply(m);
                continue;
            }
            let scores = scorer.score(&self.model, &st, words, tags);
            let Some(best) = self.moves.best(&st, scores) else { break };
            st.apply(self.moves.decode(best));
        }
        st.write_tree(self.moves, tree);
    }

    /// Partial parses kept while parsing (1: greedy).
    pub fn beam(&self) -> usize {
        self.beam
    }

    /// The relation labels, by index.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// The model file's bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::model("parser");
        w.strs(&self.labels);
        // The root label and the beam share a number: models written
        // before the beam (greedy ones) read as beam 0, that is 1.
        w.u32(self.moves.root as u32 | (self.beam as u32) << 8);
        self.model.write(&mut w);
        w.finish()
    }

    /// Reads a model file made by [`Parser::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Parser, ModelError> {
        let mut r = Reader::model(bytes, "parser")?;
        let labels = r.strs()?;
        let root_and_beam = r.u32()?;
        let (root, beam) = (root_and_beam & 0xff, (root_and_beam >> 8).max(1) as usize);
        let model = LinearModel::read(&mut r)?;
        let moves = Moves { labels: labels.len(), root: root as u8 };
        if labels.len() > 64 || root as usize >= labels.len() || model.classes() != moves.classes() {
            return Err(ModelError::Corrupt("parser labels"));
        }
        Ok(Parser { model, labels, moves, beam })
    }

    /// Bytes of the weights.
    pub fn size_bytes(&self) -> usize {
        self.model.size_bytes()
    }
}

/// Scores the moves of parser states of one sentence. The features of the
/// buffer's front and of a stack word alone depend on the position only
/// (see [`Part`]): their sums are computed once per position and added.
struct Scorer {
    classes: usize,
    feats: Vec<u64>,
    scores: Vec<i32>,
    /// Per position (`n` for no word): the buffer front's, `s0`'s and
    /// `s1`'s sums, and whether each is filled yet.
    sums: [Vec<i32>; 3],
    filled: [Vec<bool>; 3],
}

impl Scorer {
    fn new(n: usize, classes: usize) -> Scorer {
        let sums = || vec![0; (n + 1) * classes];
        let filled = || vec![false; n + 1];
        Scorer {
            classes,
            feats: Vec::with_capacity(128),
            scores: vec![0; classes],
            sums: [sums(), sums(), sums()],
            filled: [filled(), filled(), filled()],
        }
    }

    /// Each class's score in `st`.
    fn score(&mut self, model: &LinearModel, st: &State, words: &[WordFeatures], tags: &[u64]) -> &[i32] {
        features(st, words, tags, Part::REST, &mut self.feats);
        model.score(&self.feats, &mut self.scores);
        let n = st.n as usize;
        let at = [(st.b as usize).min(n), (st.s(0) as usize).min(n), (st.s(1) as usize).min(n)];
        for (k, part) in [Part::BUFFER, Part::S0, Part::S1].into_iter().enumerate() {
            let sums = &mut self.sums[k][at[k] * self.classes..][..self.classes];
            if !self.filled[k][at[k]] {
                self.filled[k][at[k]] = true;
                features(st, words, tags, part, &mut self.feats);
                model.score(&self.feats, sums);
            }
            self.scores.iter_mut().zip(sums.iter()).for_each(|(x, y)| *x += y);
        }
        &self.scores
    }
}

/// A training sentence: gold tree, words, and the tags the tagger gives
/// (predicted, not gold, so training sees what parsing will see).
pub struct Example {
    /// The gold sentence.
    pub gold: Sentence,
    /// Its words as the models see them.
    pub words: Vec<WordFeatures>,
    /// Predicted tags, as [`crate::tagger::Tagger::key`]s.
    pub tags: Vec<u64>,
}

/// The cost of a move: how many gold arcs it makes unreachable (the
/// arc-hybrid dynamic oracle of Goldberg & Nivre 2013, with a wrong label
/// counted as a lost arc).
fn cost(st: &State, m: Move, gold_head: &[u32], gold_label: &[u8]) -> u32 {
    let n = st.n;
    let b = st.b;
    let in_buffer = |k: u32| k >= b && k <= n;
    // Gold dependents of x still in the buffer.
    let deps_in_buffer = |x: u32| (b..n).filter(|&k| gold_head[k as usize] == x).count() as u32;
    match m {
        Move::Shift => {
            let deps_on_stack = st.stack.iter().filter(|&&k| gold_head[k as usize] == b).count() as u32;
            let h = gold_head[b as usize];
            let head_deep = st.stack.len() >= 2 && st.stack[..st.stack.len() - 1].contains(&h);
            deps_on_stack + head_deep as u32
        }
        Move::Left(l) => {
            let s0 = st.s(0);
            let h = gold_head[s0 as usize];
            let lost_head = h != b && (h == st.s(1) || in_buffer(h));
            let wrong_label = h == b && l != gold_label[s0 as usize];
            deps_in_buffer(s0) + lost_head as u32 + wrong_label as u32
        }
        Move::Right(l) => {
            let s0 = st.s(0);
            let h = gold_head[s0 as usize];
            let wrong_label = h == st.s(1) && l != gold_label[s0 as usize];
            deps_in_buffer(s0) + in_buffer(h) as u32 + wrong_label as u32
        }
    }
}

/// The move training follows: of the legal moves that lose fewest gold
/// arcs, the best-scoring (the first on a tie), with its cost; `None` when
/// no move is legal.
fn cheapest(moves: Moves, st: &State, scores: &[f32], (gh, gl): (&[u32], &[u8])) -> Option<(usize, u32)> {
    let mut best: Option<(usize, u32)> = None;
    moves.each_legal(st, |c| {
        let k = cost(st, moves.decode(c), gh, gl);
        if best.is_none_or(|(b, bk)| k < bk || (k == bk && scores[c] > scores[b])) {
            best = Some((c, k));
        }
    });
    best
}

/// Training settings.
pub struct TrainOptions {
    /// Passes over the training sentences.
    pub epochs: usize,
    /// From this epoch on, the parser follows its own (possibly wrong)
    /// moves with probability `explore`, so it learns to recover.
    pub explore_from: usize,
    /// See `explore_from`.
    pub explore: f64,
    /// Weights smaller than this are dropped from the shipped model.
    pub min_weight: f32,
    /// Features seen fewer times than this in the first epoch get no weight.
    pub min_count: u32,
    /// Partial parses kept in training and parsing: 1 trains the greedy
    /// parser with the dynamic oracle, more the beam parser (see [`beam`]).
    pub beam: usize,
}

/// A parser trained on `train`; the epoch that parses `dev` best (LAS) is
/// kept. `log` hears each epoch's dev scores.
pub fn train(train: &[Example], dev: &[Example], opts: &TrainOptions, log: &dyn Fn(&str)) -> Parser {
    let mut labels: Vec<String> = Vec::new();
    for ex in train {
        for r in &ex.gold.rows {
            if !labels.contains(&r.deprel) {
                labels.push(r.deprel.clone());
            }
        }
    }
    labels.sort();
    labels.truncate(64);
    let root = labels.iter().position(|l| l == "root").unwrap_or(0) as u8;
    let label_of = |s: &str| labels.iter().position(|l| l == s).unwrap_or(0) as u8;
    let golds: Vec<(Vec<u32>, Vec<u8>)> = train
        .iter()
        .map(|ex| {
            let n = ex.gold.rows.len() as u32;
            let heads = ex.gold.rows.iter().map(|r| if r.head == 0 { n } else { r.head as u32 - 1 }).collect();
            let labs = ex.gold.rows.iter().map(|r| label_of(&r.deprel)).collect();
            (heads, labs)
        })
        .collect();
    let moves = Moves { labels: labels.len(), root };
    let classes = moves.classes();
    let mut p = Perceptron::new(classes);
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut rng = Rng::new(0x009A_25E4);
    let mut best: Option<(f64, Parser)> = None;
    let mut feats = Vec::with_capacity(128);
    let mut scores = vec![0f32; classes];
    let mut beam_trainer = (opts.beam > 1).then(|| beam::Trainer::new(moves, opts.beam));
    for epoch in 1..=opts.epochs {
        rng.shuffle(&mut order);
        for &si in &order {
            let ex = &train[si];
            let (gh, gl) = &golds[si];
            if let Some(trainer) = beam_trainer.as_mut() {
                trainer.sentence(&mut p, ex, (gh, gl), epoch == 1);
                continue;
            }
            let mut st = State::new(ex.words.len());
            while !st.done() {
                features(&st, &ex.words, &ex.tags, Part::ALL, &mut feats);
                if epoch == 1 {
                    p.observe(&feats);
                }
                p.score(&feats, &mut scores);
                let Some((gold, min)) = cheapest(moves, &st, &scores, (gh, gl)) else { break };
                let mut guess = gold;
                moves.each_legal(&st, |c| {
                    if scores[c] > scores[guess] || (scores[c] == scores[guess] && c < guess) {
                        guess = c;
                    }
                });
                if cost(&st, moves.decode(guess), gh, gl) > min {
                    p.update(&feats, gold, 1.0);
                    p.update(&feats, guess, -1.0);
                }
                p.tick();
                let explore = epoch >= opts.explore_from && rng.below(1_000_000) < (opts.explore * 1e6) as usize;
                st.apply(moves.decode(if explore { guess } else { gold }));
            }
        }
        p.drop_rare(opts.min_count);
        let parser = Parser {
            model: p.averaged().compact(opts.min_weight),
            labels: labels.clone(),
            moves,
            beam: opts.beam.max(1),
        };
        let score = evaluate(&parser, dev);
        log(&format!(
            "epoch {epoch}: dev UAS {:.2}%, LAS {:.2}%, {} features, {:.1} MB",
            100.0 * score.uas,
            100.0 * score.las,
            parser.model.features(),
            parser.size_bytes() as f64 / 1e6
        ));
        if best.as_ref().is_none_or(|(b, _)| score.las > *b) {
            best = Some((score.las, parser));
        }
    }
    match best {
        Some((_, parser)) => parser,
        None => Parser { model: p.averaged().compact(opts.min_weight), labels, moves, beam: opts.beam.max(1) },
    }
}

/// Attachment scores.
#[derive(Clone, Copy, Debug, Default)]
pub struct Attachment {
    /// Share of words with the right head.
    pub uas: f64,
    /// Share of words with the right head and label (universal part of the
    /// label, before any `:`, as the CoNLL 2018 shared task scores).
    pub las: f64,
    /// Share of words with the right head and full label ("obl:tmod").
    pub las_full: f64,
    /// Words scored.
    pub words: usize,
}

/// Parses the examples (with their predicted tags) and compares with gold.
pub fn evaluate(parser: &Parser, gold: &[Example]) -> Attachment {
    let (mut uas, mut las, mut full, mut n) = (0, 0, 0, 0);
    let mut tree = Tree::default();
    for ex in gold {
        parser.parse(&ex.words, &ex.tags, &mut tree);
        for (i, r) in ex.gold.rows.iter().enumerate() {
            let head = tree.heads[i].map_or(0, |h| h as usize + 1);
            let label = parser.labels.get(tree.labels[i] as usize).map_or("", String::as_str);
            let universal = |l: &str| l.split(':').next().unwrap_or("").to_string();
            if head == r.head {
                uas += 1;
                if universal(label) == universal(&r.deprel) {
                    las += 1;
                }
                if label == r.deprel {
                    full += 1;
                }
            }
            n += 1;
        }
    }
    let n1 = n.max(1) as f64;
    Attachment { uas: uas as f64 / n1, las: las as f64 / n1, las_full: full as f64 / n1, words: n }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clusters::Clusters;
    use std::collections::HashMap;

    fn sorted(mut v: Vec<u64>) -> Vec<u64> {
        v.sort_unstable();
        v
    }

    /// Parsing scores the buffer's part once per front word and a stack
    /// word's part once per word: that is exact only if the parts split the
    /// features without loss and each part depends on its position alone.
    /// Checked on every state of walks of random legal moves.
    #[test]
    fn the_cached_parts_split_the_features_and_depend_on_their_position_only() {
        let clusters = Clusters::default();
        let text = "The minister said on Monday that the talks with the rebels would resume in May .";
        let words: Vec<WordFeatures> = text.split(' ').map(|w| WordFeatures::new(w, &clusters)).collect();
        let tags: Vec<u64> = (0..words.len() as u64).map(|i| i % 5 + 1).collect();
        let moves = Moves { labels: 4, root: 0 };
        let mut rng = Rng::new(7);
        let mut seen: HashMap<(u8, u32), Vec<u64>> = HashMap::new();
        let mut out = Vec::new();
        let mut checked = 0;
        for _ in 0..20 {
            let mut st = State::new(words.len());
            while !st.done() {
                features(&st, &words, &tags, Part::ALL, &mut out);
                let all = sorted(out.clone());
                let mut parts = Vec::new();
                for (part, at) in [(Part::BUFFER, st.b), (Part::S0, st.s(0)), (Part::S1, st.s(1)), (Part::REST, 0)] {
                    features(&st, &words, &tags, part, &mut out);
                    parts.extend_from_slice(&out);
                    if part.0 != Part::REST.0 {
                        let first = seen.entry((part.0, at)).or_insert_with(|| out.clone());
                        assert_eq!(first, &out, "part {} at {at} changed with the rest of the state", part.0);
                    }
                }
                assert_eq!(all, sorted(parts));
                checked += 1;
                let mut legal = Vec::new();
                moves.each_legal(&st, |c| legal.push(c));
                st.apply(moves.decode(legal[rng.below(legal.len())]));
            }
        }
        assert!(checked > 300, "{checked} states");
    }
}
