//! Beam search over the parser's moves, and its global training.
//!
//! The greedy parser commits to each move; a beam keeps the `k` best
//! partial parses (by the sum of their moves' scores) and returns the best
//! complete one, so an early move that looked good but leads nowhere can
//! lose to one that scored a little lower. Scores summed over a sentence
//! only mean something if the model was trained on such sums: training is
//! the structured perceptron with beam search and max-violation updates
//! (Zhang & Clark 2008; Huang, Fayong & Guo 2012), with the dynamic
//! oracle's cheapest moves, the best-scoring first, as the gold path (so
//! a sentence whose gold tree crosses itself still trains, on a tree the
//! moves can build).
//!
//! Moves that are the only legal one (SHIFT onto an empty stack, the root's
//! last LEFT) are neither scored nor trained, as in greedy parsing.

use super::{cheapest, features, Example, Moves, Part, Scorer, State, Tree, NO};
use crate::features::WordFeatures;
use crate::linear::{LinearModel, Perceptron};

/// A step of a partial parse: the step before (an index into the arena,
/// `NO` for the start) and the move's class.
#[derive(Clone, Copy)]
struct Step {
    before: u32,
    class: u8,
}

/// A partial parse in the beam.
struct Item<S> {
    st: State,
    score: S,
    /// Its last step in the arena (`NO` before the first).
    at: u32,
}

/// A candidate for the next beam: extend item `from` with `class`.
#[derive(Clone, Copy)]
struct Candidate<S> {
    score: S,
    from: usize,
    class: usize,
}

/// Keeps the `k` best candidates, best first; ties go to the earlier item
/// and the lower class, so search is deterministic.
fn select<S: Copy + PartialOrd>(cands: &mut Vec<Candidate<S>>, k: usize) {
    let order = |a: &Candidate<S>, b: &Candidate<S>| {
        b.score
            .partial_cmp(&a.score)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.from.cmp(&b.from))
            .then(a.class.cmp(&b.class))
    };
    if cands.len() > k {
        cands.select_nth_unstable_by(k - 1, order);
        cands.truncate(k);
    }
    cands.sort_unstable_by(order);
}

/// Moves the beam one step: each kept candidate's state is its item's,
/// copied into a reused state, with its move applied.
fn advance<S: Copy>(
    beam: &mut Vec<Item<S>>,
    spare: &mut Vec<Item<S>>,
    cands: &[Candidate<S>],
    arena: &mut Vec<Step>,
    moves: Moves,
) {
    let mut next = Vec::with_capacity(cands.len());
    for c in cands {
        let parent = &beam[c.from];
        let mut item = spare.pop().unwrap_or_else(|| Item { st: parent.st.clone(), score: c.score, at: NO });
        item.st.clone_from(&parent.st);
        item.st.apply(moves.decode(c.class));
        item.score = c.score;
        arena.push(Step { before: parent.at, class: c.class as u8 });
        item.at = arena.len() as u32 - 1;
        next.push(item);
    }
    spare.append(beam);
    *beam = next;
}

/// The classes of the steps ending at `at`, first step first.
fn path(arena: &[Step], mut at: u32) -> Vec<usize> {
    let mut out = Vec::new();
    while at != NO {
        let s = arena[at as usize];
        out.push(s.class as usize);
        at = s.before;
    }
    out.reverse();
    out
}

/// Parses with a beam of `k` (see the module comment).
pub(super) fn parse(
    model: &LinearModel,
    moves: Moves,
    k: usize,
    words: &[WordFeatures],
    tags: &[u64],
    tree: &mut Tree,
) {
    let n = words.len();
    let mut beam = vec![Item { st: State::new(n), score: 0i64, at: NO }];
    let mut spare = Vec::new();
    let mut arena = Vec::with_capacity(2 * n * k);
    let mut cands = Vec::with_capacity(k * model.classes());
    let mut scorer = Scorer::new(n, model.classes());
    while !beam[0].st.done() {
        cands.clear();
        for (i, item) in beam.iter().enumerate() {
            let st = &item.st;
            if let Some(m) = st.forced(moves) {
                cands.push(Candidate { score: item.score, from: i, class: moves.class(m) });
                continue;
            }
            let scores = scorer.score(model, st, words, tags);
            moves.each_legal(st, |c| cands.push(Candidate { score: item.score + scores[c] as i64, from: i, class: c }));
        }
        if cands.is_empty() {
            break;
        }
        select(&mut cands, k);
        advance(&mut beam, &mut spare, &cands, &mut arena, moves);
    }
    beam[0].st.write_tree(moves, tree);
}

/// Global training with a beam: the moves, the beam's width and the
/// buffers reused from sentence to sentence.
pub(super) struct Trainer {
    moves: Moves,
    k: usize,
    feats: Vec<u64>,
    scores: Vec<f32>,
    cands: Vec<Candidate<f64>>,
    arena: Vec<Step>,
}

impl Trainer {
    /// A trainer keeping `k` partial parses.
    pub fn new(moves: Moves, k: usize) -> Trainer {
        let classes = moves.classes();
        Trainer {
            moves,
            k,
            feats: Vec::with_capacity(128),
            scores: vec![0.0; classes],
            cands: Vec::new(),
            arena: Vec::new(),
        }
    }

    /// Searches one training sentence with the beam beside its gold path
    /// and, where the beam's best is furthest ahead of gold, moves the
    /// weights toward gold's moves and away from the best's.
    pub fn sentence(&mut self, p: &mut Perceptron, ex: &Example, gold: (&[u32], &[u8]), observe: bool) {
        let moves = self.moves;
        let n = ex.words.len();
        self.arena.clear();
        let mut beam = vec![Item { st: State::new(n), score: 0f64, at: NO }];
        let mut spare = Vec::new();
        let mut g = Item { st: State::new(n), score: 0f64, at: NO };
        // (violation, best's last step, gold's last step)
        let mut worst: Option<(f64, u32, u32)> = None;
        let mut gold_in_beam = Some(0usize);
        while !beam[0].st.done() {
            self.cands.clear();
            for (i, item) in beam.iter().enumerate() {
                self.expand(p, ex, i, item);
            }
            if self.cands.is_empty() {
                break;
            }
            // Gold's move: the best-scoring of the moves that lose no gold arc.
            let (gclass, gscore) = self.gold_move(p, ex, &g.st, gold, observe);
            select(&mut self.cands, self.k);
            let kept = gold_in_beam.and_then(|gi| self.cands.iter().position(|c| c.from == gi && c.class == gclass));
            advance(&mut beam, &mut spare, &self.cands, &mut self.arena, moves);
            g.st.apply(moves.decode(gclass));
            g.score += gscore;
            gold_in_beam = kept;
            if let Some(gi) = kept {
                g.at = beam[gi].at;
            } else {
                self.arena.push(Step { before: g.at, class: gclass as u8 });
                g.at = self.arena.len() as u32 - 1;
            }
            if kept != Some(0) {
                let v = beam[0].score - g.score;
                if worst.is_none_or(|(w, _, _)| v > w) {
                    worst = Some((v, beam[0].at, g.at));
                }
            }
        }
        if let Some((v, best, gold_at)) = worst {
            if v >= 0.0 {
                self.update(p, ex, gold_at, 1.0);
                self.update(p, ex, best, -1.0);
            }
        }
        p.tick();
    }

    fn expand(&mut self, p: &Perceptron, ex: &Example, i: usize, item: &Item<f64>) {
        let moves = self.moves;
        if let Some(m) = item.st.forced(moves) {
            self.cands.push(Candidate { score: item.score, from: i, class: moves.class(m) });
            return;
        }
        features(&item.st, &ex.words, &ex.tags, Part::ALL, &mut self.feats);
        p.score(&self.feats, &mut self.scores);
        let (scores, cands) = (&self.scores, &mut self.cands);
        moves.each_legal(&item.st, |c| {
            cands.push(Candidate { score: item.score + scores[c] as f64, from: i, class: c })
        });
    }

    fn gold_move(
        &mut self,
        p: &mut Perceptron,
        ex: &Example,
        st: &State,
        gold: (&[u32], &[u8]),
        observe: bool,
    ) -> (usize, f64) {
        let moves = self.moves;
        if let Some(m) = st.forced(moves) {
            return (moves.class(m), 0.0);
        }
        features(st, &ex.words, &ex.tags, Part::ALL, &mut self.feats);
        if observe {
            p.observe(&self.feats);
        }
        p.score(&self.feats, &mut self.scores);
        cheapest(moves, st, &self.scores, gold).map_or((0, 0.0), |(c, _)| (c, self.scores[c] as f64))
    }

    /// Replays the path ending at `at` from the start and moves the
    /// weights of each scored step's features for its class by `delta`.
    fn update(&mut self, p: &mut Perceptron, ex: &Example, at: u32, delta: f32) {
        let moves = self.moves;
        let mut st = State::new(ex.words.len());
        for class in path(&self.arena, at) {
            if st.forced(moves).is_none() {
                features(&st, &ex.words, &ex.tags, Part::ALL, &mut self.feats);
                p.update(&self.feats, class, delta);
            }
            st.apply(moves.decode(class));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{evaluate, train, Parser, TrainOptions};
    use super::*;
    use crate::clusters::Clusters;
    use crate::conllu;
    use crate::features::f1;
    use crate::Models;

    /// Words and tags as parsing sees them, from the bundled tagger.
    fn tagged(m: &Models, text: &str) -> (Vec<WordFeatures>, Vec<u64>) {
        let words: Vec<WordFeatures> = text.split(' ').map(|w| WordFeatures::new(w, &m.clusters)).collect();
        let mut classes = Vec::new();
        m.tagger.tag(&words, &mut classes);
        let tags = classes.iter().map(|&c| m.tagger.key(c)).collect();
        (words, tags)
    }

    #[test]
    fn a_beam_of_one_parses_as_the_greedy_parser_does() {
        let m = Models::bundled().unwrap();
        for text in [
            "The council postponed its vote on the budget until next week .",
            "Rebels who seized the town on Friday said they would hold it .",
            "Talks resumed , but neither side expects a deal soon .",
        ] {
            let (words, tags) = tagged(&m, text);
            let (mut greedy, mut beam) = (Tree::default(), Tree::default());
            m.parser.greedy(&words, &tags, &mut greedy);
            parse(&m.parser.model, m.parser.moves, 1, &words, &tags, &mut beam);
            assert_eq!(greedy, beam, "{text}");
        }
    }

    /// A small treebank of my own: three projective sentences and one whose
    /// gold tree crosses itself ("hearing ... on the issue" around the verb).
    const TREEBANK: &str = "\
1\tShips\tship\tNOUN\tNNS\t_\t2\tnsubj\t_\t_
2\tleft\tleave\tVERB\tVBD\t_\t0\troot\t_\t_
3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_
4\tport\tport\tNOUN\tNN\t_\t2\tobj\t_\t_
5\tat\tat\tADP\tIN\t_\t6\tcase\t_\t_
6\tdawn\tdawn\tNOUN\tNN\t_\t2\tobl\t_\t_
7\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
2\tmayor\tmayor\tNOUN\tNN\t_\t3\tnsubj\t_\t_
3\tsaid\tsay\tVERB\tVBD\t_\t0\troot\t_\t_
4\tthe\tthe\tDET\tDT\t_\t5\tdet\t_\t_
5\tbridge\tbridge\tNOUN\tNN\t_\t7\tnsubj\t_\t_
6\twould\twould\tAUX\tMD\t_\t7\taux\t_\t_
7\treopen\treopen\tVERB\tVB\t_\t3\tccomp\t_\t_
8\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

1\tFarmers\tfarmer\tNOUN\tNNS\t_\t2\tnsubj\t_\t_
2\tblocked\tblock\tVERB\tVBD\t_\t0\troot\t_\t_
3\troads\troad\tNOUN\tNNS\t_\t2\tobj\t_\t_
4\tand\tand\tCCONJ\tCC\t_\t5\tcc\t_\t_
5\tburned\tburn\tVERB\tVBD\t_\t2\tconj\t_\t_
6\ttyres\ttyre\tNOUN\tNNS\t_\t5\tobj\t_\t_
7\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

1\tA\ta\tDET\tDT\t_\t2\tdet\t_\t_
2\thearing\thearing\tNOUN\tNN\t_\t4\tnsubj:pass\t_\t_
3\tis\tbe\tAUX\tVBZ\t_\t4\taux:pass\t_\t_
4\tscheduled\tschedule\tVERB\tVBN\t_\t0\troot\t_\t_
5\ton\ton\tADP\tIN\t_\t7\tcase\t_\t_
6\tthe\tthe\tDET\tDT\t_\t7\tdet\t_\t_
7\tissue\tissue\tNOUN\tNN\t_\t2\tnmod\t_\t_
8\ttoday\ttoday\tNOUN\tNN\t_\t4\tobl:tmod\t_\t_
";

    #[test]
    fn beam_training_learns_the_trees_it_is_trained_on_and_the_model_file_keeps_its_beam() {
        let clusters = Clusters::default();
        let examples: Vec<Example> = conllu::parse(TREEBANK)
            .unwrap()
            .into_iter()
            .map(|gold| {
                let words = gold.rows.iter().map(|r| WordFeatures::new(&r.form, &clusters)).collect();
                let tags =
                    gold.rows.iter().map(|r| f1(0, r.xpos.len() as u64 * 31 + r.xpos.as_bytes()[0] as u64)).collect();
                Example { gold, words, tags }
            })
            .collect();
        let opts = TrainOptions { epochs: 10, explore_from: 2, explore: 0.0, min_weight: 0.0, min_count: 1, beam: 4 };
        let parser = train(&examples, &examples, &opts, &|_| {});
        assert_eq!(parser.beam(), 4);
        let projective = evaluate(&parser, &examples[..3]);
        assert_eq!(projective.las, 1.0, "{projective:?}");
        // The crossing tree cannot be built, but its sentence still gets a
        // tree: one root, every other word a head.
        let mut tree = Tree::default();
        parser.parse(&examples[3].words, &examples[3].tags, &mut tree);
        assert_eq!(tree.heads.iter().filter(|h| h.is_none()).count(), 1, "{tree:?}");
        let read = Parser::from_bytes(&parser.to_bytes()).unwrap();
        assert_eq!(read.beam(), 4);
    }
}
