//! A sentence's dependency tree as the event coder reads it: each verb's
//! subject, objects and prepositional phrases, with what a clause borrows
//! from the clause it hangs on ("agreed to provide": the subject of
//! "agreed" provides; "urged Norway to leave": Norway leaves).

use clio_model::{Rel, Syntax, Upos, Xpos};

/// The dependents of every token of a sentence, in text order.
pub(crate) struct Tree<'a> {
    pub syntax: &'a Syntax,
    /// First token of the sentence.
    pub start: usize,
    /// One past its last token.
    pub end: usize,
    /// Per token (relative to `start`): its dependents (absolute indices).
    kids: Vec<Vec<usize>>,
    /// Clauses read on another head than the parser's: (token, head,
    /// relation). See [`Tree::new`].
    moved: Vec<(usize, usize, Rel)>,
}

/// The head of a word [`Tree::rehang`] makes the sentence's root.
const NO_HEAD: usize = usize::MAX;

/// A prepositional (or other oblique) argument: the preposition's words
/// and the noun it governs.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Oblique {
    pub prep: String,
    pub noun: usize,
}

/// What a verb's clause says of who does what to whom.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Args {
    /// Who acts: the subject, or the agent of a passive ("by X").
    pub subjects: Vec<usize>,
    /// Where the subjects came from ("own", "xcomp of 'agreed'"...).
    pub subject_from: &'static str,
    /// Who is acted upon: objects, and a passive's subject.
    pub objects: Vec<usize>,
    /// Prepositional phrases, in text order.
    pub obliques: Vec<Oblique>,
    /// The verb is passive.
    pub passive: bool,
    /// The verb these are the arguments of.
    pub verb: Option<usize>,
}

/// Relations that open a clause of its own: its words are not the words
/// of the clause it hangs on.
pub(crate) fn opens_clause(r: Rel) -> bool {
    matches!(
        r,
        Rel::Ccomp
            | Rel::Xcomp
            | Rel::Advcl
            | Rel::AdvclRelcl
            | Rel::AclRelcl
            | Rel::Acl
            | Rel::Parataxis
            | Rel::Csubj
            | Rel::CsubjPass
            | Rel::Conj
            | Rel::List
    )
}

impl<'a> Tree<'a> {
    /// The tree of tokens `start..end` (a sentence). A "that"-clause the
    /// parser hung on a time phrase ("said on Tuesday that it had ...", the
    /// clause read as describing Tuesday) is read as what the verb of the
    /// time phrase says.
    pub fn new(syntax: &'a Syntax, start: usize, end: usize) -> Tree<'a> {
        let end = end.min(syntax.len());
        let mut kids = vec![Vec::new(); end.saturating_sub(start)];
        for i in start..end {
            if let Some(h) = syntax.head_of(i).filter(|&h| (start..end).contains(&h)) {
                kids[h - start].push(i);
            }
        }
        let mut tree = Tree { syntax, start, end, kids, moved: Vec::new() };
        tree.promote_main_verb();
        tree.join_conjuncts_to_their_verbs();
        tree.read_infinitives_as_purposes();
        for v in start..end {
            // A verb, or an adjective with its copula ("that the US must be
            // ready to mediate").
            let predicate = tree.upos(v) == Upos::Verb
                || tree.upos(v) == Upos::Adj && tree.kids(v).iter().any(|&k| tree.rel(k) == Rel::Cop);
            if !matches!(tree.rel(v), Rel::Acl | Rel::AclRelcl) || !predicate {
                continue;
            }
            let Some(h) = tree.head(v) else { continue };
            let Some(g) = tree.head(h) else { continue };
            // "that" as its mark, or read as a relative pronoun subject
            // beside the clause's own subject ("that Uganda had shelled").
            let subjects = tree.kids(v).iter().filter(|&&k| tree.rel(k).is_subject()).count();
            let that_clause = tree.kids(v).iter().any(|&m| {
                tree.lemma(m).eq_ignore_ascii_case("that")
                    && (tree.rel(m) == Rel::Mark || tree.rel(m).is_subject() && subjects >= 2)
            });
            // Or, with no relative word, a subject of its own after a
            // report's time ("said on Sunday it had paid"): a report's
            // weekday is not described by a clause.
            let relative = tree.kids(v).iter().any(|&k| tree.is_relative_word(k));
            let reported = subjects >= 1 && !relative && super::is_report_verb(&tree.lemma(g).to_lowercase());
            let time_phrase = (that_clause || reported)
                && matches!(tree.rel(h), Rel::Obl | Rel::OblUnmarked | Rel::Nmod | Rel::NmodUnmarked)
                && tree.upos(g) == Upos::Verb
                && is_time_word(&tree.lemma(h).to_lowercase());
            if time_phrase {
                tree.rehang(v, g, Rel::Ccomp);
            }
        }
        // "..., officials said." closing a sentence reports it, however
        // the parser hung it (on a noun, as a relative clause): it is read
        // beside the sentence's main verb, as the treebank has it.
        if let Some(main) = (start..end).find(|&k| tree.head(k).is_none() && tree.upos(k) == Upos::Verb) {
            let last = (start..end).rev().find(|&k| tree.upos(k) != Upos::Punct);
            let closing = last.filter(|&v| {
                v > main
                    && matches!(tree.rel(v), Rel::Acl | Rel::AclRelcl)
                    && super::is_report_verb(&tree.lemma(v).to_lowercase())
                    && tree.kids(v).iter().any(|&k| k < v && tree.rel(k).is_subject())
                    && tree.subtree_start(v, main + 1).is_some_and(|k| tree.lemma(k) == "," || tree.lemma(k - 1) == ",")
                    && tree.kids(v).iter().all(|&k| k < v || tree.upos(k) == Upos::Punct)
            });
            if let Some(v) = closing {
                tree.rehang(v, main, Rel::Parataxis);
            }
        }
        // A clause opened by "and" or "but" with no subject of its own
        // ("..., but was still refusing entry") is joined to the clause
        // before it, however the parser hung it (beside it, under a report).
        for v in start..end {
            let verb = matches!(tree.upos(v), Upos::Verb);
            let opened = tree.kids(v).iter().any(|&k| k < v && tree.rel(k) == Rel::Cc);
            let subject = tree.kids(v).iter().any(|&k| tree.rel(k).is_subject() || tree.rel(k) == Rel::Expl);
            if !verb || !opened || subject || !matches!(tree.rel(v), Rel::Ccomp | Rel::Parataxis | Rel::Advcl) {
                continue;
            }
            let Some(h) = tree.head(v) else { continue };
            let before = tree.kids(h).iter().copied().rev().find(|&u| {
                u < v
                    && tree.upos(u) == Upos::Verb
                    && tree.rel(u) == tree.rel(v)
                    && tree.kids(u).iter().any(|&k| tree.rel(k).is_subject())
            });
            if let Some(u) = before {
                tree.rehang(v, u, Rel::Conj);
            }
        }
        // What a closing report says is a clause; a noun the parser gave it
        // for one, with no subject or copula of its own ("The army lifted
        // on Friday a blockade on the town, officials told AFP", the
        // blockade read as what was told), is the object of the verb the
        // report is joined to, when that verb has none.
        for n in start..end {
            if !matches!(tree.upos(n), Upos::Noun | Upos::Propn) || tree.rel(n) != Rel::Ccomp {
                continue;
            }
            if tree.kids(n).iter().any(|&k| tree.rel(k).is_subject() || tree.rel(k) == Rel::Cop) {
                continue;
            }
            let Some(report) = tree.head(n).filter(|&h| h > n && super::is_report_verb(&tree.lemma(h).to_lowercase()))
            else {
                continue;
            };
            let Some(u) = tree.head(report).filter(|&u| {
                u < n
                    && tree.upos(u) == Upos::Verb
                    && matches!(tree.rel(report), Rel::Conj | Rel::Parataxis)
                    && !tree.kids(u).iter().any(|&k| tree.rel(k) == Rel::Obj)
            }) else {
                continue;
            };
            tree.rehang(n, u, Rel::Obj);
        }
        // An infinitive after a predicate that has a subject of its own
        // completes it ("he is prepared to lift the ban", the infinitive
        // read as the clause's subject): a clause is a subject before its
        // predicate, or after it with "it" holding its place.
        for v in start..end {
            if tree.rel(v) != Rel::Csubj || tree.upos(v) != Upos::Verb {
                continue;
            }
            let Some(h) = tree.head(v).filter(|&h| h < v) else { continue };
            let subject = tree.kids(h).iter().any(|&k| {
                k < h && matches!(tree.rel(k), Rel::Nsubj | Rel::NsubjPass) && !tree.lemma(k).eq_ignore_ascii_case("it")
            });
            if tree.has_to(v) && subject {
                tree.rehang(v, h, Rel::Xcomp);
            }
        }
        // A place phrase between a subject and its verb describes the
        // subject ("Police in Mombasa arrested ...": Mombasa's police), not
        // where the act happened, however the parser hung it.
        for v in start..end {
            if tree.upos(v) != Upos::Verb {
                continue;
            }
            let Some(s) = tree.kids(v).iter().copied().find(|&k| k < v && tree.rel(k) == Rel::Nsubj) else { continue };
            let between: Vec<usize> =
                tree.kids(v).iter().copied().filter(|&o| s < o && o < v && tree.rel(o) == Rel::Obl).collect();
            for o in between {
                let case =
                    tree.kids_with(o, |r| r == Rel::Case).map(|c| tree.lemma(c).to_lowercase()).collect::<Vec<_>>();
                let place = matches!(case.as_slice(), [p] if matches!(p.as_str(), "in" | "from" | "at"));
                if place && !is_time_word(&tree.lemma(o).to_lowercase()) {
                    tree.rehang(o, s, Rel::Nmod);
                }
            }
        }
        tree
    }

    /// A verb the parser joined to a verb's object as its conjunct ("killing
    /// one person and arresting 12": "arresting" joined to "person") is joined
    /// to that verb of its form: conjuncts are alike. Not to a verb describing
    /// a noun ("the agency, which supervises trading, alleged ...": the
    /// relative clause ends before "alleged").
    fn join_conjuncts_to_their_verbs(&mut self) {
        for v in self.start..self.end {
            if self.upos(v) != Upos::Verb || self.rel(v) != Rel::Conj {
                continue;
            }
            let Some(n) = self.head(v).filter(|&n| matches!(self.upos(n), Upos::Noun | Upos::Propn | Upos::Pron))
            else {
                continue;
            };
            // Alike in form too: "plans an exchange and trading" joins a
            // noun and a gerund, not "plans" and "trading".
            let form = |k: usize| self.syntax.xpos.get(k).copied();
            if let Some(g) = self.head(n).filter(|&g| {
                self.rel(n) == Rel::Obj
                    && self.upos(g) == Upos::Verb
                    && form(g) == form(v)
                    && !matches!(self.rel(g), Rel::Acl | Rel::AclRelcl)
            }) {
                self.rehang(v, g, Rel::Conj);
            }
        }
    }

    /// A verb reports one clause: an infinitive with no subject hung beside an
    /// earlier clause of the same report ("police opened fire to disperse the
    /// crowd, sources said", "to disperse" read as a second thing said) is that
    /// clause's purpose; unless that clause's verb has its object do it ("will
    /// allow brokers to underwrite": the brokers underwrite, not the one who
    /// allows).
    fn read_infinitives_as_purposes(&mut self) {
        for v in self.start..self.end {
            if self.upos(v) != Upos::Verb || self.rel(v) != Rel::Ccomp || !self.has_to(v) {
                continue;
            }
            if self.kids(v).iter().any(|&k| self.rel(k).is_subject()) {
                continue;
            }
            let Some(h) = self.head(v) else { continue };
            let before = self.kids(h).iter().copied().rev().find(|&u| {
                u < v
                    && self.upos(u) == Upos::Verb
                    && self.rel(u) == Rel::Ccomp
                    && self.kids(u).iter().any(|&k| self.rel(k).is_subject())
            });
            let controls = |u: usize| {
                is_object_control_verb(&self.lemma(u).to_lowercase())
                    && self.kids_with(u, |r| r == Rel::Obj).next().is_some()
            };
            // The clause right before it: no verb between the two.
            let next_to = |u: usize| (u + 1..v).all(|k| self.upos(k) != Upos::Verb);
            if let Some(u) = before.filter(|&u| !controls(u) && next_to(u)) {
                self.rehang(v, u, Rel::Advcl);
            }
        }
    }

    /// A sentence the parser rooted in a noun, with the finite verb that
    /// follows hung below it as if it described a noun ("Russian aircraft
    /// including helicopter gunships killed 46 civilians": "killed" read
    /// as a relative clause of "gunships"), is a clause: the verb is its
    /// root and the noun its subject. English makes no relative clause of
    /// a finite verb without a relative word unless the clause has its
    /// own subject and the noun is its object ("the town rebels shelled"),
    /// so a subject between the two can only be a word of the noun's own
    /// phrase ("aircraft using guided missiles killed": the missiles are
    /// what the aircraft use; "aircraft including gunships killed").
    fn promote_main_verb(&mut self) {
        let nominal = |t: &Tree, k: usize| matches!(t.upos(k), Upos::Noun | Upos::Propn);
        let Some(root) = (self.start..self.end).find(|&k| self.head(k).is_none()) else { return };
        // A noun with a copula or a subject of its own is a clause already
        // ("whose committee is in charge of ...").
        if !nominal(self, root) || self.kids_with(root, |r| r == Rel::Cop || r.is_subject()).next().is_some() {
            return;
        }
        let finite = |t: &Tree, k: usize| t.upos(k) == Upos::Verb && t.is_finite(k);
        // A participle after an apposition and its comma that takes an
        // object with no auxiliary is a past tense the tagger missed ("Jo
        // Lind, the agency's head, demanded talks"): a passive participle
        // takes no object, bar a second one ("refugees, granted asylum,
        // ...": hung on the noun itself, not on an apposition).
        // So is one right after the sentence's noun that takes an object
        // ("Swiss doctors handed over medicine to ...": no sentence is a
        // noun and its reduced relative alone).
        let past = |t: &Tree, k: usize| {
            let after_apposition = t.head(k).is_some_and(|h| t.rel(h) == Rel::Appos)
                && k > t.start
                && t.syntax.xpos.get(k - 1) == Some(&Xpos::Comma);
            let after_subject = k == root + 1 && t.head(k) == Some(root);
            t.upos(k) == Upos::Verb
                && (after_apposition || after_subject)
                && t.syntax.xpos.get(k) == Some(&Xpos::Vbn)
                && t.kids_with(k, |r| r == Rel::Obj).next().is_some()
                && t.kids_with(k, |r| matches!(r, Rel::Aux | Rel::AuxPass)).next().is_none()
        };
        // The first finite verb after the noun, if it hangs below it
        // through nouns and participles only.
        let Some(v) = (root + 1..self.end).find(|&k| finite(self, k) || past(self, k)) else { return };
        // (A finite verb joined to a noun as its conjunct is the parser's
        // slip: conjuncts are alike.)
        if !matches!(self.rel(v), Rel::AclRelcl | Rel::Acl | Rel::Parataxis | Rel::Conj) {
            return;
        }
        let mut h = self.head(v);
        while let Some(x) = h.filter(|&x| x != root) {
            if !(nominal(self, x) || matches!(self.upos(x), Upos::Verb | Upos::Num) && !finite(self, x)) {
                return;
            }
            h = self.head(x);
        }
        if h != Some(root) {
            return;
        }
        if self.kids(v).iter().any(|&k| self.is_relative_word(k) || self.rel(k) == Rel::Mark) {
            return;
        }
        let subjects: Vec<usize> = self.kids_with(v, |r| r.is_subject()).collect();
        // A conjunct with a subject of its own is a clause of its own.
        if self.rel(v) == Rel::Conj && !subjects.is_empty() {
            return;
        }
        match subjects.as_slice() {
            [] => {}
            // A phrase of the noun's, with its preposition ("including
            // helicopter gunships").
            [s] if root < *s && self.kids_with(*s, |r| r == Rel::Case).next().is_some() => {
                self.rehang(*s, root, Rel::Nmod);
            }
            // The object of a participle of the noun's phrase.
            [s] if root < *s => {
                let Some(p) = (root + 1..*s)
                    .rev()
                    .find(|&p| self.upos(p) == Upos::Verb && !finite(self, p) && self.head(p) == Some(root))
                else {
                    return;
                };
                self.rehang(*s, p, Rel::Obj);
            }
            _ => return,
        }
        self.rehang(v, NO_HEAD, Rel::Root);
        self.rehang(root, v, Rel::Nsubj);
    }

    /// Reads token `k` as hung on `head` with relation `rel` (on none,
    /// the sentence's root, for [`NO_HEAD`]).
    fn rehang(&mut self, k: usize, head: usize, rel: Rel) {
        if let Some(h) = self.head(k) {
            self.kids[h - self.start].retain(|&x| x != k);
        }
        if head != NO_HEAD {
            let at = self.kids[head - self.start].partition_point(|&x| x < k);
            self.kids[head - self.start].insert(at, k);
        }
        // A word moved twice is where it was moved last.
        self.moved.retain(|m| m.0 != k);
        self.moved.push((k, head, rel));
    }

    pub fn kids(&self, i: usize) -> &[usize] {
        self.kids.get(i.wrapping_sub(self.start)).map_or(&[], Vec::as_slice)
    }

    pub fn rel(&self, i: usize) -> Rel {
        match self.moved.iter().find(|m| m.0 == i) {
            Some(&(_, _, r)) => r,
            None => self.syntax.rel.get(i).copied().unwrap_or_default(),
        }
    }

    pub fn upos(&self, i: usize) -> Upos {
        self.syntax.upos.get(i).copied().unwrap_or_default()
    }

    /// Whether word `k` opens a relative clause ("that", "which", "who",
    /// "where"), by its Penn tag or its lemma.
    fn is_relative_word(&self, k: usize) -> bool {
        matches!(self.syntax.xpos.get(k), Some(Xpos::Wdt | Xpos::Wp | Xpos::WpS | Xpos::Wrb))
            || matches!(self.lemma(k).to_lowercase().as_str(), "that" | "which" | "who" | "whom" | "whose")
    }

    /// Whether word `i` is a plural common noun ("rebels"), by its Penn tag.
    pub fn is_plural_noun(&self, i: usize) -> bool {
        self.syntax.xpos.get(i) == Some(&Xpos::Nns)
    }

    /// Whether word `i` is a verb's bare form ("to send"), by its Penn tag.
    pub fn is_base_form(&self, i: usize) -> bool {
        self.syntax.xpos.get(i) == Some(&Xpos::Vb)
    }

    /// Whether word `i` is a finite verb form, one that carries tense (and
    /// needs a subject of its own), by its Penn tag.
    pub fn is_finite(&self, i: usize) -> bool {
        matches!(self.syntax.xpos.get(i), Some(Xpos::Vbd | Xpos::Vbz | Xpos::Vbp))
    }

    /// Whether verb `v` is an infinitive with "to" ("to send").
    pub fn has_to(&self, v: usize) -> bool {
        self.kids(v).iter().any(|&k| k < v && self.rel(k) == Rel::Mark && self.lemma(k).eq_ignore_ascii_case("to"))
    }

    pub fn head(&self, i: usize) -> Option<usize> {
        if let Some(&(_, h, _)) = self.moved.iter().find(|m| m.0 == i) {
            return (h != NO_HEAD).then_some(h);
        }
        self.syntax.head_of(i).filter(|h| (self.start..self.end).contains(h))
    }

    pub fn lemma(&self, i: usize) -> &str {
        self.syntax.lemma(i)
    }

    /// The dependents of `i` with relation `r`.
    pub fn kids_with<'b>(&'b self, i: usize, r: impl Fn(Rel) -> bool + 'b) -> impl Iterator<Item = usize> + 'b {
        self.kids(i).iter().copied().filter(move |&k| r(self.rel(k)))
    }

    /// `i` and the nouns joined to it by "and"/"or" ("A, B and C"), and
    /// the names set beside them by commas (a list the parser read as
    /// appositions: "A, B, and C").
    pub fn with_conjuncts(&self, i: usize) -> Vec<usize> {
        let mut out = vec![i];
        let mut k = 0;
        while k < out.len() && out.len() < 12 {
            let n = out[k];
            // A list is joined by "and" or "or" somewhere ("A, B and C"),
            // or its members follow each other with nothing but names,
            // titles and commas between; a conjunct after other words is a
            // parser's slip ("Ostria, which borders Valmora" read as a list).
            let joined = self
                .kids(n)
                .iter()
                .any(|&c| self.rel(c) == Rel::Conj && self.kids(c).iter().any(|&k| matches!(self.rel(k), Rel::Cc)));
            let adjacent = |c: usize| {
                (n + 1..c).all(|k| {
                    matches!(self.upos(k), Upos::Propn | Upos::Punct | Upos::Det)
                        || self.head(k).is_some_and(|h| h > n && h <= c)
                            && !matches!(self.upos(k), Upos::Pron | Upos::Verb | Upos::Aux | Upos::Sconj)
                })
            };
            let next: Vec<usize> = self
                .kids(n)
                .iter()
                .copied()
                .filter(|&c| match self.rel(c) {
                    Rel::Conj => (joined || c > n && adjacent(c)) && self.upos(c) != Upos::Verb,
                    Rel::Appos => self.upos(c) == Upos::Propn && self.upos(n) == Upos::Propn,
                    _ => false,
                })
                .collect();
            out.extend(next);
            k += 1;
        }
        out
    }

    /// Whether the tree makes `v` the head of a clause (not a modifier of a
    /// noun, as a parser slip can: "has ... provided test kits" read with
    /// "provided" describing the kits).
    pub fn heads_clause(&self, v: usize) -> bool {
        matches!(
            self.rel(v),
            Rel::Root
                | Rel::Ccomp
                | Rel::Xcomp
                | Rel::Advcl
                | Rel::AdvclRelcl
                | Rel::Conj
                | Rel::Parataxis
                | Rel::AclRelcl
                | Rel::Acl
                | Rel::Csubj
                | Rel::List
        )
    }

    /// The words of the preposition of an oblique noun ("to", "according to").
    pub fn preposition(&self, noun: usize, word: &dyn Fn(usize) -> String) -> String {
        let mut words: Vec<usize> = self.kids_with(noun, |r| r == Rel::Case).collect();
        // A preposition the tagger read as an adverb ("complained over two
        // air raids", "over" as RB) still marks the phrase it opens.
        if words.is_empty() {
            let first = self.kids(noun).iter().copied().min().filter(|&k| k < noun);
            words.extend(first.filter(|&k| self.rel(k) == Rel::Advmod && is_adverb_preposition(&word(k))));
        }
        // "according to", "on behalf of": fixed expressions hang on the first word.
        let fixed: Vec<usize> = words.iter().flat_map(|&w| self.kids_with(w, |r| r == Rel::Fixed)).collect();
        words.extend(fixed);
        words.sort_unstable();
        words.iter().map(|&w| word(w)).collect::<Vec<_>>().join(" ")
    }

    /// The tokens of `i`'s clause: its subtree without the clauses that
    /// hang on it (a "that"-clause, a relative clause, another verb joined
    /// by "and"), as the first and one-past-last token of the unbroken run
    /// around the verb. A clause in the middle ends the run: patterns read
    /// text in order, and must not read into "demanded that Hamas renounce
    /// its struggle against Israel" for "demanded ... against".
    pub fn clause_span(&self, v: usize) -> (usize, usize) {
        let mut inside = vec![false; self.end - self.start];
        let mut stack = vec![v];
        while let Some(n) = stack.pop() {
            if let Some(slot) = inside.get_mut(n - self.start) {
                *slot = true;
            }
            for &k in self.kids(n) {
                // A noun the parser joined to the verb by "and" is no clause
                // ("launched artillery, mortar and rocket fire", misparsed).
                let noun_conj = self.rel(k) == Rel::Conj && matches!(self.upos(k), Upos::Noun | Upos::Propn);
                let own_clause = if n == v { !opens_clause(self.rel(k)) || noun_conj } else { !self.is_clause_head(k) };
                if own_clause {
                    stack.push(k);
                }
            }
        }
        let at = |k: usize| inside.get(k - self.start).copied().unwrap_or(false);
        let mut lo = v;
        while lo > self.start && at(lo - 1) {
            lo -= 1;
        }
        let mut hi = v + 1;
        while hi < self.end && at(hi) {
            hi += 1;
        }
        (lo, hi)
    }

    /// A token heads a clause of its own below a noun (a relative clause).
    fn is_clause_head(&self, k: usize) -> bool {
        matches!(self.rel(k), Rel::AclRelcl | Rel::Ccomp | Rel::Advcl | Rel::Parataxis)
    }

    /// Whether `k` lies in the subtree of `root`.
    /// The first token of `root`'s subtree at or after `from` (the start
    /// of a phrase that hangs after a word); none when `root` is before it.
    pub fn subtree_start(&self, root: usize, from: usize) -> Option<usize> {
        (from..=root).find(|&k| self.dominates(root, k))
    }

    /// The prepositional phrases hung on `nouns` ("aid to X", "talks with
    /// Y"), as obliques.
    pub fn noun_phrases(&self, nouns: impl Iterator<Item = usize>, word: &dyn Fn(usize) -> String) -> Vec<Oblique> {
        nouns
            .flat_map(|o| self.kids_with(o, |r| r == Rel::Nmod).collect::<Vec<_>>())
            .map(|n| Oblique { prep: self.preposition(n, word), noun: n })
            .collect()
    }

    pub fn dominates(&self, root: usize, mut k: usize) -> bool {
        for _ in 0..64 {
            if k == root {
                return true;
            }
            match self.head(k) {
                Some(h) => k = h,
                None => return false,
            }
        }
        false
    }

    /// The verb's own arguments (no borrowing).
    fn own_args(&self, v: usize, word: &dyn Fn(usize) -> String) -> Args {
        let mut a = Args::default();
        for &k in self.kids(v) {
            match self.rel(k) {
                Rel::Nsubj | Rel::NsubjOuter | Rel::Csubj => a.subjects.push(k),
                Rel::NsubjPass | Rel::CsubjPass => {
                    a.passive = true;
                    a.objects.push(k);
                }
                Rel::AuxPass => a.passive = true,
                // A "by"-phrase the parser took for the object of a past
                // participle ("camps besieged | by Amal militia") is its
                // agent.
                Rel::Obj
                    if self.syntax.xpos.get(v) == Some(&Xpos::Vbn)
                        && (v + 1..k).any(|t| {
                            word(t) == "by" && self.head(t).is_some_and(|h| h == k || self.head(h) == Some(k))
                        }) =>
                {
                    a.passive = true;
                    a.obliques.push(Oblique { prep: "by".into(), noun: k });
                }
                Rel::Obj | Rel::Iobj => a.objects.push(k),
                // An agent makes a passive, with or without its auxiliary
                // ("Uganda, hit by a slump, ..."), unless the verb has an
                // object of its own ("repelled an attack by three
                // divisions": the parser hung the noun's phrase on the verb).
                Rel::OblAgent => {
                    a.passive |= !self.kids(v).iter().any(|&o| self.rel(o) == Rel::Obj);
                    a.obliques.push(Oblique { prep: "by".into(), noun: k });
                }
                Rel::Obl | Rel::OblUnmarked | Rel::Nmod => {
                    a.obliques.push(Oblique { prep: self.preposition(k, word), noun: k });
                }
                _ => {}
            }
        }
        // "it is willing to": a pronoun the parser took for an expletive is
        // the subject when there is no other.
        if a.subjects.is_empty() && !a.passive {
            a.subjects.extend(
                self.kids_with(v, |r| r == Rel::Expl)
                    .filter(|&k| self.upos(k) == Upos::Pron && matches!(word(k).as_str(), "it" | "they")),
            );
        }
        // "Israel is opposed to the plan", "Kenya is involved in the
        // talks": a state, not a passive; its subject is who acts. So is a
        // "passive" subject of a verb with an object of its own and no
        // passive auxiliary ("Rebels on Tuesday blocked roads", misparsed).
        let misread = self.kids(v).iter().any(|&k| self.rel(k) == Rel::Obj)
            && !self.kids(v).iter().any(|&k| self.rel(k) == Rel::AuxPass);
        let stative = is_stative(&self.lemma(v).to_lowercase());
        if a.passive && !a.obliques.iter().any(|o| o.prep == "by") && (stative || misread) {
            let (subjects, objects): (Vec<usize>, Vec<usize>) =
                a.objects.iter().partition(|&&k| matches!(self.rel(k), Rel::NsubjPass | Rel::CsubjPass));
            a.subjects = subjects;
            a.objects = objects;
            a.passive = false;
        }
        if a.passive {
            // The agent of a passive acts.
            if let Some(by) = a.obliques.iter().position(|o| o.prep == "by") {
                let agent = a.obliques.remove(by);
                // A subject the parser gave a participle with an agent is
                // acted upon ("soldiers attacked by rebels", misparsed).
                a.objects.append(&mut a.subjects);
                a.subjects = vec![agent.noun];
            } else {
                a.subjects.clear();
            }
        }
        a.subject_from = "own subject";
        // "troops, who crossed the border": a relative pronoun stands for
        // the noun its clause describes ("that" is left: parsers often take
        // a noun's content clause, "the decision that imports harm ...", for
        // a relative one).
        if let ([s], Rel::AclRelcl, Some(h)) = (a.subjects.as_slice(), self.rel(v), self.head(v)) {
            if matches!(word(*s).as_str(), "who" | "which") && matches!(self.upos(h), Upos::Noun | Upos::Propn) {
                a.subjects = vec![h];
                a.subject_from = "the noun its relative pronoun stands for";
            }
        }
        a.verb = Some(v);
        a
    }

    /// The verb's arguments, with a subject borrowed from the clause it
    /// hangs on when it has none of its own: an infinitive takes the
    /// object of its governor when there is one ("urged Norway to leave"),
    /// else its subject ("agreed to provide"); a verb joined by "and"
    /// shares its first verb's subject; a relative clause's subject is the
    /// noun it describes; a participle clause's is the main clause's.
    pub fn args(&self, v: usize, word: &dyn Fn(usize) -> String) -> Args {
        let mut a = self.own_args(v, word);
        // A "to"-infinitive hung on a clause has a subject of its own only
        // after "for" ("for Iran to decide"); one the parser gave it
        // otherwise ("inspectors in central Iran to monitor") is a noun
        // before it, not who acts ("the goal is to occupy" keeps its own).
        // It does what the clause it hangs in says its subject does ("the
        // agency sent inspectors to the plant in Iran to monitor": the
        // agency), however far up the parser hung it.
        let marks: Vec<String> = self.kids_with(v, |r| r == Rel::Mark).map(word).collect();
        let modifier = matches!(self.rel(v), Rel::Advcl | Rel::Acl | Rel::Xcomp)
            && !self.kids(v).iter().any(|&k| matches!(self.rel(k), Rel::Cop | Rel::Aux));
        if modifier
            && !a.passive
            && !a.subjects.is_empty()
            && marks.iter().any(|m| m == "to")
            && !marks.iter().any(|m| m == "for")
        {
            a.subjects.clear();
            let mut cur = v;
            for _ in 0..8 {
                let Some(h) = self.head(cur) else { break };
                if self.upos(h) == Upos::Verb {
                    a.subjects = self.own_args(h, word).subjects;
                    a.subject_from = "subject of the clause it hangs in";
                    return a;
                }
                cur = h;
            }
            return a;
        }
        // A passive participle describing a noun acts on it ("soldiers
        // attacked by rebels": the soldiers are attacked).
        if a.passive && a.objects.is_empty() && self.rel(v) == Rel::Acl {
            a.objects.extend(self.head(v).filter(|&h| matches!(self.upos(h), Upos::Noun | Upos::Propn)));
        }
        if !a.subjects.is_empty() || a.passive && a.obliques.iter().any(|o| o.prep == "by") {
            return a;
        }
        let mut cur = v;
        for _ in 0..6 {
            let Some(h) = self.head(cur) else { break };
            let (subjects, from): (Vec<usize>, &'static str) = match self.rel(cur) {
                Rel::Xcomp => {
                    let ha = self.own_args(h, word);
                    if !ha.objects.is_empty() && !ha.passive {
                        (ha.objects.clone(), "object of the verb it completes")
                    } else if ha.passive && ha.subjects.is_empty() {
                        // "X is expected to visit", "X was asked to leave":
                        // the passive's subject does what is expected.
                        (ha.objects.iter().copied().filter(|&o| o < h).collect(), "subject of the passive it completes")
                    } else {
                        (ha.subjects, "subject of the verb it completes")
                    }
                }
                Rel::Conj => {
                    // A passive's subject is the one joined ("X was indicted
                    // by the court and will resign": X resigns), not its
                    // agent; a bare participle shares the passive ("were
                    // killed or captured"), and a bare "-ing" form may be
                    // joined to another verb than the parser says.
                    let ha = self.own_args(h, word);
                    let before: Vec<usize> = ha.objects.iter().copied().filter(|&o| o < h).collect();
                    let active = self.is_finite(cur) || self.kids_with(cur, |r| r == Rel::Aux).next().is_some();
                    if ha.passive && active && !before.is_empty() {
                        (before, "subject of the passive it is joined to")
                    } else {
                        (ha.subjects, "subject of the verb it is joined to")
                    }
                }
                // A clause with an object of its own the parser hung on a
                // name in a phrase of place ("police in Mombasa arrested
                // three men": Mombasa arrests no one) is the phrase's noun's.
                Rel::Acl
                    if self.upos(h) == Upos::Propn
                        && self.kids(cur).iter().any(|&k| self.rel(k) == Rel::Obj)
                        && self.rel(h) == Rel::Nmod
                        && matches!(self.preposition(h, word).as_str(), "in" | "at" | "from") =>
                {
                    (self.head(h).into_iter().collect(), "the noun whose place the clause was hung on")
                }
                Rel::AclRelcl | Rel::Acl => (vec![h], "the noun the clause describes"),
                // A bare past participle before or after a clause ("Wounded
                // in the attack, the soldier said") is passive in sense: the
                // clause's subject is who it befell, not who did it.
                Rel::Advcl
                    if self.syntax.xpos.get(cur) == Some(&Xpos::Vbn)
                        && !self
                            .kids(cur)
                            .iter()
                            .any(|&k| matches!(self.rel(k), Rel::Aux | Rel::AuxPass | Rel::Obj)) =>
                {
                    break
                }
                Rel::Advcl => (self.own_args(h, word).subjects, "subject of the main clause"),
                _ => break,
            };
            if !subjects.is_empty() {
                if a.passive {
                    // A passive's borrowed "subject" is acted upon.
                    a.objects.extend(subjects);
                    return a;
                }
                a.subjects = subjects;
                a.subject_from = from;
                return a;
            }
            cur = h;
        }
        a
    }
}

word_list! {
    /// Verbs whose object does what their infinitive says ("allowed the
    /// firms to bid", "caused prices to fall").
    fn is_object_control_verb = [
        "allow", "permit", "enable", "cause", "force", "compel", "oblige", "ask", "urge", "tell", "order", "help",
        "encourage", "persuade", "invite", "expect", "want", "require", "lead", "prompt", "get", "leave",
    ]
}

word_list! {
    /// Nouns of a time phrase ("on Tuesday", "last week").
    pub(crate) fn is_time_word = [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday",
        "tonight", "weekend", "week", "month", "year", "morning", "afternoon", "evening", "night",
    ]
}

word_list! {
    /// Verbs whose passive form states what its subject does or holds
    /// ("is opposed to", "are involved in"). Not "engaged in": ENGAGE codes
    /// a fight by default, and "engaged in cooperation" is none.
    fn is_stative = ["oppose", "involve"]
}

word_list! {
    /// Prepositions a tagger often reads as adverbs.
    fn is_adverb_preposition = [
        "over", "about", "around", "across", "along", "past", "through", "after", "before", "since", "outside",
        "inside", "near", "off", "up", "down",
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use clio_model::ROOT;

    /// A parse written by hand: word, tags, head (or [`ROOT`]), relation,
    /// lemma.
    fn parse(rows: &[(Upos, Xpos, u32, Rel, &str)]) -> Syntax {
        let mut syntax = Syntax::with_capacity(rows.len());
        for &(upos, xpos, head, rel, lemma) in rows {
            syntax.push(upos, xpos, head, rel, lemma);
        }
        syntax
    }

    #[test]
    fn an_infinitive_hung_on_a_clause_acts_for_that_clauses_subject() {
        // "Kenya sent monitors to Mbale in Uganda to observe the vote", with
        // "Uganda" parsed as the subject of "observe" and "observe" hung on
        // "in": Kenya observes. "The aim is to observe" keeps its subject.
        let words = ["Kenya", "sent", "monitors", "to", "Mbale", "in", "Uganda", "to", "observe", "the", "vote"];
        let syntax = parse(&[
            (Upos::Propn, Xpos::Nnp, 1, Rel::Nsubj, "Kenya"),
            (Upos::Verb, Xpos::Vbd, ROOT, Rel::Root, "send"),
            (Upos::Noun, Xpos::Nns, 1, Rel::Obj, "monitor"),
            (Upos::Adp, Xpos::In, 4, Rel::Case, "to"),
            (Upos::Propn, Xpos::Nnp, 2, Rel::Nmod, "Mbale"),
            (Upos::Adp, Xpos::In, 4, Rel::Appos, "in"),
            (Upos::Propn, Xpos::Nnp, 8, Rel::Nsubj, "Uganda"),
            (Upos::Part, Xpos::To, 8, Rel::Mark, "to"),
            (Upos::Verb, Xpos::Vb, 5, Rel::Advcl, "observe"),
            (Upos::Det, Xpos::Dt, 10, Rel::Det, "the"),
            (Upos::Noun, Xpos::Nn, 8, Rel::Obj, "vote"),
        ]);
        let tree = Tree::new(&syntax, 0, words.len());
        let word = |k: usize| words[k].to_lowercase();
        assert_eq!(tree.args(8, &word).subjects, [0]);
        let words = ["The", "aim", "is", "to", "observe"];
        let syntax = parse(&[
            (Upos::Det, Xpos::Dt, 1, Rel::Det, "the"),
            (Upos::Noun, Xpos::Nn, 4, Rel::Nsubj, "aim"),
            (Upos::Aux, Xpos::Vbz, 4, Rel::Cop, "be"),
            (Upos::Part, Xpos::To, 4, Rel::Mark, "to"),
            (Upos::Verb, Xpos::Vb, ROOT, Rel::Root, "observe"),
        ]);
        let tree = Tree::new(&syntax, 0, words.len());
        let word = |k: usize| words[k].to_lowercase();
        assert_eq!(tree.args(4, &word).subjects, [1]);
    }

    #[test]
    fn a_closing_report_hung_on_a_noun_reports_the_sentence() {
        // "Rebels shelled camps near Gulu, police said.", the report parsed
        // as a relative clause of "Gulu": read beside the main verb. A
        // relative clause with more after it ("the camps police said were
        // empty") stays where it is.
        let syntax = parse(&[
            (Upos::Noun, Xpos::Nns, 1, Rel::Nsubj, "rebel"),
            (Upos::Verb, Xpos::Vbd, ROOT, Rel::Root, "shell"),
            (Upos::Noun, Xpos::Nns, 1, Rel::Obj, "camp"),
            (Upos::Adp, Xpos::In, 4, Rel::Case, "near"),
            (Upos::Propn, Xpos::Nnp, 2, Rel::Nmod, "Gulu"),
            (Upos::Punct, Xpos::Comma, 6, Rel::Punct, ","),
            (Upos::Noun, Xpos::Nns, 7, Rel::Nsubj, "police"),
            (Upos::Verb, Xpos::Vbd, 4, Rel::AclRelcl, "say"),
            (Upos::Punct, Xpos::Period, 7, Rel::Punct, "."),
        ]);
        let tree = Tree::new(&syntax, 0, 9);
        assert_eq!((tree.head(7), tree.rel(7)), (Some(1), Rel::Parataxis));
        assert!(!tree.dominates(2, 6), "police are no part of the camps' phrase");
        // "Rebels shelled camps police said were empty."
        let syntax = parse(&[
            (Upos::Noun, Xpos::Nns, 1, Rel::Nsubj, "rebel"),
            (Upos::Verb, Xpos::Vbd, ROOT, Rel::Root, "shell"),
            (Upos::Noun, Xpos::Nns, 1, Rel::Obj, "camp"),
            (Upos::Noun, Xpos::Nns, 4, Rel::Nsubj, "police"),
            (Upos::Verb, Xpos::Vbd, 2, Rel::AclRelcl, "say"),
            (Upos::Aux, Xpos::Vbd, 6, Rel::Cop, "be"),
            (Upos::Adj, Xpos::Jj, 4, Rel::Ccomp, "empty"),
            (Upos::Punct, Xpos::Period, 1, Rel::Punct, "."),
        ]);
        let tree = Tree::new(&syntax, 0, 8);
        assert_eq!((tree.head(4), tree.rel(4)), (Some(2), Rel::AclRelcl));
    }

    #[test]
    fn a_clause_opened_by_but_with_no_subject_is_joined_to_the_clause_before() {
        // "Kenya opened markets, but was refusing entry, police said.", both
        // clauses hung on "said": the second acts for Kenya.
        let words = ["Kenya", "opened", "markets", ",", "but", "was", "refusing", "entry", ",", "police", "said", "."];
        let syntax = parse(&[
            (Upos::Propn, Xpos::Nnp, 1, Rel::Nsubj, "Kenya"),
            (Upos::Verb, Xpos::Vbd, 10, Rel::Ccomp, "open"),
            (Upos::Noun, Xpos::Nns, 1, Rel::Obj, "market"),
            (Upos::Punct, Xpos::Comma, 6, Rel::Punct, ","),
            (Upos::Cconj, Xpos::Cc, 6, Rel::Cc, "but"),
            (Upos::Aux, Xpos::Vbd, 6, Rel::Aux, "be"),
            (Upos::Verb, Xpos::Vbg, 10, Rel::Ccomp, "refuse"),
            (Upos::Noun, Xpos::Nn, 6, Rel::Obj, "entry"),
            (Upos::Punct, Xpos::Comma, 10, Rel::Punct, ","),
            (Upos::Noun, Xpos::Nns, 10, Rel::Nsubj, "police"),
            (Upos::Verb, Xpos::Vbd, ROOT, Rel::Root, "say"),
            (Upos::Punct, Xpos::Period, 10, Rel::Punct, "."),
        ]);
        let tree = Tree::new(&syntax, 0, words.len());
        let word = |k: usize| words[k].to_lowercase();
        assert_eq!((tree.head(6), tree.rel(6)), (Some(1), Rel::Conj));
        assert_eq!(tree.args(6, &word).subjects, [0]);
    }

    #[test]
    fn a_finite_verb_hung_below_a_root_noun_is_the_sentences_verb() {
        // "Norlandic jets including two bombers struck the depot", with
        // "struck" read as a relative clause of "jets" whose subject is
        // "bombers": the jets strike, the bombers are of their phrase.
        let words = ["Norlandic", "jets", "including", "two", "bombers", "struck", "the", "depot"];
        let syntax = parse(&[
            (Upos::Adj, Xpos::Jj, 1, Rel::Amod, "Norlandic"),
            (Upos::Noun, Xpos::Nns, ROOT, Rel::Root, "jet"),
            (Upos::Verb, Xpos::Vbg, 4, Rel::Case, "include"),
            (Upos::Num, Xpos::Cd, 4, Rel::Nummod, "two"),
            (Upos::Noun, Xpos::Nns, 5, Rel::Nsubj, "bomber"),
            (Upos::Verb, Xpos::Vbd, 1, Rel::AclRelcl, "strike"),
            (Upos::Det, Xpos::Dt, 7, Rel::Det, "the"),
            (Upos::Noun, Xpos::Nn, 5, Rel::Obj, "depot"),
        ]);
        let tree = Tree::new(&syntax, 0, words.len());
        let word = |k: usize| words[k].to_lowercase();
        assert_eq!((tree.head(5), tree.rel(5)), (None, Rel::Root));
        assert_eq!(tree.args(5, &word).subjects, [1]);
        assert!(tree.dominates(1, 4), "the bombers are of the jets' phrase");
        // "Norlandic jets using guided missiles struck the depot", "missiles"
        // read as the subject of "struck" hung beside "jets": the missiles
        // are what the jets use.
        let words = ["Norlandic", "jets", "using", "guided", "missiles", "struck", "the", "depot"];
        let syntax = parse(&[
            (Upos::Adj, Xpos::Jj, 1, Rel::Amod, "Norlandic"),
            (Upos::Noun, Xpos::Nns, ROOT, Rel::Root, "jet"),
            (Upos::Verb, Xpos::Vbg, 1, Rel::Acl, "use"),
            (Upos::Verb, Xpos::Vbn, 4, Rel::Amod, "guide"),
            (Upos::Noun, Xpos::Nns, 5, Rel::Nsubj, "missile"),
            (Upos::Verb, Xpos::Vbd, 1, Rel::Parataxis, "strike"),
            (Upos::Det, Xpos::Dt, 7, Rel::Det, "the"),
            (Upos::Noun, Xpos::Nn, 5, Rel::Obj, "depot"),
        ]);
        let tree = Tree::new(&syntax, 0, words.len());
        let word = |k: usize| words[k].to_lowercase();
        assert_eq!(tree.args(5, &word).subjects, [1]);
        assert_eq!((tree.head(4), tree.rel(4)), (Some(2), Rel::Obj));
        // A relative clause with a relative word stays one: "jets that
        // struck the depot" is a phrase, not a sentence.
        let syntax = parse(&[
            (Upos::Noun, Xpos::Nns, ROOT, Rel::Root, "jet"),
            (Upos::Pron, Xpos::Wdt, 2, Rel::Nsubj, "that"),
            (Upos::Verb, Xpos::Vbd, 0, Rel::AclRelcl, "strike"),
            (Upos::Det, Xpos::Dt, 4, Rel::Det, "the"),
            (Upos::Noun, Xpos::Nn, 2, Rel::Obj, "depot"),
        ]);
        let tree = Tree::new(&syntax, 0, 5);
        assert_eq!((tree.head(2), tree.rel(2)), (Some(0), Rel::AclRelcl));
        // Nor does a noun with a copula of its own ("whose unit is in charge
        // of the depot, met the envoy" is a clause already).
        let syntax = parse(&[
            (Upos::Noun, Xpos::Nn, 2, Rel::Nsubj, "unit"),
            (Upos::Aux, Xpos::Vbz, 2, Rel::Cop, "be"),
            (Upos::Noun, Xpos::Nn, ROOT, Rel::Root, "charge"),
            (Upos::Verb, Xpos::Vbd, 2, Rel::Parataxis, "meet"),
            (Upos::Noun, Xpos::Nn, 3, Rel::Obj, "envoy"),
        ]);
        let tree = Tree::new(&syntax, 0, 5);
        assert_eq!(tree.head(3), Some(2));
    }

    #[test]
    fn a_verb_read_as_the_conjunct_of_an_object_is_joined_to_the_verb_of_its_form() {
        // "Troops shelled the town, killing two men and wounding ten",
        // "wounding" joined to "men": it is joined to "killing".
        let syntax = parse(&[
            (Upos::Noun, Xpos::Nns, 1, Rel::Nsubj, "troop"),
            (Upos::Verb, Xpos::Vbd, ROOT, Rel::Root, "shell"),
            (Upos::Noun, Xpos::Nn, 1, Rel::Obj, "town"),
            (Upos::Verb, Xpos::Vbg, 1, Rel::Advcl, "kill"),
            (Upos::Num, Xpos::Cd, 5, Rel::Nummod, "two"),
            (Upos::Noun, Xpos::Nns, 3, Rel::Obj, "man"),
            (Upos::Cconj, Xpos::Cc, 7, Rel::Cc, "and"),
            (Upos::Verb, Xpos::Vbg, 5, Rel::Conj, "wound"),
            (Upos::Num, Xpos::Cd, 7, Rel::Obj, "ten"),
        ]);
        let tree = Tree::new(&syntax, 0, 9);
        assert_eq!((tree.head(7), tree.rel(7)), (Some(3), Rel::Conj));
        // "Kenya plans an exchange and trading": a gerund joined to a noun
        // is a noun's conjunct, not the conjunct of "plans".
        let syntax = parse(&[
            (Upos::Propn, Xpos::Nnp, 1, Rel::Nsubj, "Kenya"),
            (Upos::Verb, Xpos::Vbz, ROOT, Rel::Root, "plan"),
            (Upos::Det, Xpos::Dt, 3, Rel::Det, "a"),
            (Upos::Noun, Xpos::Nn, 1, Rel::Obj, "exchange"),
            (Upos::Cconj, Xpos::Cc, 5, Rel::Cc, "and"),
            (Upos::Verb, Xpos::Vbg, 3, Rel::Conj, "trade"),
        ]);
        let tree = Tree::new(&syntax, 0, 6);
        assert_eq!(tree.head(5), Some(3));
    }

    #[test]
    fn an_infinitive_read_as_a_second_thing_said_is_the_purpose_of_the_first() {
        // "Police fired shots to scatter the crowd, witnesses said", with
        // "to scatter" read as what the witnesses said beside "fired".
        let syntax = parse(&[
            (Upos::Noun, Xpos::Nns, 1, Rel::Nsubj, "police"),
            (Upos::Verb, Xpos::Vbd, 9, Rel::Ccomp, "fire"),
            (Upos::Noun, Xpos::Nns, 1, Rel::Obj, "shot"),
            (Upos::Part, Xpos::To, 4, Rel::Mark, "to"),
            (Upos::Verb, Xpos::Vb, 9, Rel::Ccomp, "scatter"),
            (Upos::Det, Xpos::Dt, 6, Rel::Det, "the"),
            (Upos::Noun, Xpos::Nn, 4, Rel::Obj, "crowd"),
            (Upos::Punct, Xpos::Comma, 8, Rel::Punct, ","),
            (Upos::Noun, Xpos::Nns, 9, Rel::Nsubj, "witness"),
            (Upos::Verb, Xpos::Vbd, ROOT, Rel::Root, "say"),
        ]);
        let tree = Tree::new(&syntax, 0, 10);
        assert_eq!((tree.head(4), tree.rel(4)), (Some(1), Rel::Advcl));
        // "Police allowed the crowd to leave, witnesses said": the crowd
        // leaves; the infinitive is not the police's purpose.
        let syntax = parse(&[
            (Upos::Noun, Xpos::Nns, 1, Rel::Nsubj, "police"),
            (Upos::Verb, Xpos::Vbd, 8, Rel::Ccomp, "allow"),
            (Upos::Det, Xpos::Dt, 3, Rel::Det, "the"),
            (Upos::Noun, Xpos::Nn, 1, Rel::Obj, "crowd"),
            (Upos::Part, Xpos::To, 5, Rel::Mark, "to"),
            (Upos::Verb, Xpos::Vb, 8, Rel::Ccomp, "leave"),
            (Upos::Punct, Xpos::Comma, 7, Rel::Punct, ","),
            (Upos::Noun, Xpos::Nns, 8, Rel::Nsubj, "witness"),
            (Upos::Verb, Xpos::Vbd, ROOT, Rel::Root, "say"),
        ]);
        let tree = Tree::new(&syntax, 0, 9);
        assert_eq!(tree.head(5), Some(8));
    }

    #[test]
    fn a_clause_with_its_own_subject_after_a_reports_weekday_is_what_was_said() {
        // "Kenya said on Sunday it had paid", "paid" read as a relative
        // clause of "Sunday": what Kenya said. "The day they met" stays.
        let syntax = parse(&[
            (Upos::Propn, Xpos::Nnp, 1, Rel::Nsubj, "Kenya"),
            (Upos::Verb, Xpos::Vbd, ROOT, Rel::Root, "say"),
            (Upos::Adp, Xpos::In, 3, Rel::Case, "on"),
            (Upos::Propn, Xpos::Nnp, 1, Rel::Obl, "Sunday"),
            (Upos::Pron, Xpos::Prp, 6, Rel::Nsubj, "it"),
            (Upos::Aux, Xpos::Vbd, 6, Rel::Aux, "have"),
            (Upos::Verb, Xpos::Vbn, 3, Rel::AclRelcl, "pay"),
        ]);
        let tree = Tree::new(&syntax, 0, 7);
        assert_eq!((tree.head(6), tree.rel(6)), (Some(1), Rel::Ccomp));
        let syntax = parse(&[
            (Upos::Propn, Xpos::Nnp, 1, Rel::Nsubj, "Kenya"),
            (Upos::Verb, Xpos::Vbd, ROOT, Rel::Root, "recall"),
            (Upos::Det, Xpos::Dt, 3, Rel::Det, "the"),
            (Upos::Noun, Xpos::Nn, 1, Rel::Obj, "day"),
            (Upos::Pron, Xpos::Prp, 5, Rel::Nsubj, "they"),
            (Upos::Verb, Xpos::Vbd, 3, Rel::AclRelcl, "meet"),
        ]);
        let tree = Tree::new(&syntax, 0, 6);
        assert_eq!(tree.head(5), Some(3));
    }

    #[test]
    fn a_finite_verb_read_as_a_nouns_conjunct_is_the_sentences_verb() {
        // "The union, the largest group of nurses, announced a strike", with
        // "announced" joined to "group" as its conjunct: the union announces.
        let words = ["The", "union", ",", "the", "largest", "group", "of", "nurses", ",", "announced", "a", "strike"];
        let syntax = parse(&[
            (Upos::Det, Xpos::Dt, 1, Rel::Det, "the"),
            (Upos::Noun, Xpos::Nn, ROOT, Rel::Root, "union"),
            (Upos::Punct, Xpos::Comma, 5, Rel::Punct, ","),
            (Upos::Det, Xpos::Dt, 5, Rel::Det, "the"),
            (Upos::Adj, Xpos::Jjs, 5, Rel::Amod, "large"),
            (Upos::Noun, Xpos::Nn, 1, Rel::Appos, "group"),
            (Upos::Adp, Xpos::In, 7, Rel::Case, "of"),
            (Upos::Noun, Xpos::Nns, 5, Rel::Nmod, "nurse"),
            (Upos::Punct, Xpos::Comma, 9, Rel::Punct, ","),
            (Upos::Verb, Xpos::Vbd, 5, Rel::Conj, "announce"),
            (Upos::Det, Xpos::Dt, 11, Rel::Det, "a"),
            (Upos::Noun, Xpos::Nn, 9, Rel::Obj, "strike"),
        ]);
        let tree = Tree::new(&syntax, 0, words.len());
        let word = |k: usize| words[k].to_lowercase();
        assert_eq!((tree.head(9), tree.rel(9)), (None, Rel::Root));
        assert_eq!(tree.args(9, &word).subjects, [1]);
        // A conjunct with a subject of its own is a clause of its own: "a
        // complaint, with the settlement the agency reached, and the
        // agency charged the firm" keeps "charged" where it is.
        let words = ["complaint", "with", "settlement", "and", "agency", "charged", "firm"];
        let syntax = parse(&[
            (Upos::Noun, Xpos::Nn, ROOT, Rel::Root, "complaint"),
            (Upos::Adp, Xpos::In, 2, Rel::Case, "with"),
            (Upos::Noun, Xpos::Nn, 0, Rel::Nmod, "settlement"),
            (Upos::Cconj, Xpos::Cc, 5, Rel::Cc, "and"),
            (Upos::Noun, Xpos::Nn, 5, Rel::Nsubj, "agency"),
            (Upos::Verb, Xpos::Vbd, 2, Rel::Conj, "charge"),
            (Upos::Noun, Xpos::Nn, 5, Rel::Obj, "firm"),
        ]);
        let tree = Tree::new(&syntax, 0, words.len());
        assert_eq!((tree.head(5), tree.rel(5)), (Some(2), Rel::Conj));
    }

    #[test]
    fn a_participle_with_an_object_after_an_apposition_is_the_sentences_verb() {
        // "Jo Lind, the agency's head, demanded talks", "demanded" read as
        // a participle hung on "head": a participle with an object and no
        // auxiliary is no passive, so it is the verb, and "Jo Lind" its
        // subject. "Jo Lind, the head, named by the board" (no object)
        // stays a phrase.
        let words = ["Jo", "Lind", ",", "the", "head", ",", "demanded", "talks"];
        let syntax = parse(&[
            (Upos::Propn, Xpos::Nnp, ROOT, Rel::Root, "Jo"),
            (Upos::Propn, Xpos::Nnp, 0, Rel::Flat, "Lind"),
            (Upos::Punct, Xpos::Comma, 4, Rel::Punct, ","),
            (Upos::Det, Xpos::Dt, 4, Rel::Det, "the"),
            (Upos::Noun, Xpos::Nn, 0, Rel::Appos, "head"),
            (Upos::Punct, Xpos::Comma, 6, Rel::Punct, ","),
            (Upos::Verb, Xpos::Vbn, 4, Rel::Acl, "demand"),
            (Upos::Noun, Xpos::Nns, 6, Rel::Obj, "talk"),
        ]);
        let tree = Tree::new(&syntax, 0, words.len());
        let word = |k: usize| words[k].to_lowercase();
        assert_eq!((tree.head(6), tree.rel(6)), (None, Rel::Root));
        assert_eq!(tree.args(6, &word).subjects, [0]);
        let syntax = parse(&[
            (Upos::Propn, Xpos::Nnp, ROOT, Rel::Root, "Jo"),
            (Upos::Propn, Xpos::Nnp, 0, Rel::Flat, "Lind"),
            (Upos::Punct, Xpos::Comma, 4, Rel::Punct, ","),
            (Upos::Det, Xpos::Dt, 4, Rel::Det, "the"),
            (Upos::Noun, Xpos::Nn, 0, Rel::Appos, "head"),
            (Upos::Punct, Xpos::Comma, 6, Rel::Punct, ","),
            (Upos::Verb, Xpos::Vbn, 4, Rel::Acl, "name"),
            (Upos::Adp, Xpos::In, 9, Rel::Case, "by"),
            (Upos::Det, Xpos::Dt, 9, Rel::Det, "the"),
            (Upos::Noun, Xpos::Nn, 6, Rel::Obl, "board"),
        ]);
        let tree = Tree::new(&syntax, 0, 10);
        assert_eq!((tree.head(6), tree.rel(6)), (Some(4), Rel::Acl));
        // "Refugees, granted asylum, ...": a passive with a second object,
        // hung on the noun itself.
        let syntax = parse(&[
            (Upos::Noun, Xpos::Nns, ROOT, Rel::Root, "refugee"),
            (Upos::Punct, Xpos::Comma, 2, Rel::Punct, ","),
            (Upos::Verb, Xpos::Vbn, 0, Rel::Acl, "grant"),
            (Upos::Noun, Xpos::Nn, 2, Rel::Obj, "asylum"),
        ]);
        let tree = Tree::new(&syntax, 0, 4);
        assert_eq!((tree.head(2), tree.rel(2)), (Some(0), Rel::Acl));
    }

    #[test]
    fn a_participle_with_an_object_right_after_the_sentences_noun_is_its_verb() {
        // "Doctors handed medicine to X", "handed" read as a participle on
        // "doctors": right after the noun, with an object and no
        // auxiliary, it is the verb. "Doctors trained abroad" (no object)
        // stays a phrase.
        let words = ["doctors", "handed", "medicine"];
        let syntax = parse(&[
            (Upos::Noun, Xpos::Nns, ROOT, Rel::Root, "doctor"),
            (Upos::Verb, Xpos::Vbn, 0, Rel::Acl, "hand"),
            (Upos::Noun, Xpos::Nn, 1, Rel::Obj, "medicine"),
        ]);
        let tree = Tree::new(&syntax, 0, words.len());
        let word = |k: usize| words[k].to_string();
        assert_eq!((tree.head(1), tree.rel(1)), (None, Rel::Root));
        assert_eq!(tree.args(1, &word).subjects, [0]);
        let syntax = parse(&[
            (Upos::Noun, Xpos::Nns, ROOT, Rel::Root, "doctor"),
            (Upos::Verb, Xpos::Vbn, 0, Rel::Acl, "train"),
            (Upos::Adv, Xpos::Rb, 1, Rel::Advmod, "abroad"),
        ]);
        let tree = Tree::new(&syntax, 0, 3);
        assert_eq!((tree.head(1), tree.rel(1)), (Some(0), Rel::Acl));
    }

    #[test]
    fn a_verb_joined_to_a_passive_acts_for_the_passives_subject() {
        // "The minister was indicted by the court and will resign": the
        // minister resigns. "Soldiers were killed or captured": the second
        // participle shares the passive, and no one is its subject.
        let words = ["The", "minister", "was", "indicted", "by", "the", "court", "and", "will", "resign"];
        let syntax = parse(&[
            (Upos::Det, Xpos::Dt, 1, Rel::Det, "the"),
            (Upos::Noun, Xpos::Nn, 3, Rel::NsubjPass, "minister"),
            (Upos::Aux, Xpos::Vbd, 3, Rel::AuxPass, "be"),
            (Upos::Verb, Xpos::Vbn, ROOT, Rel::Root, "indict"),
            (Upos::Adp, Xpos::In, 6, Rel::Case, "by"),
            (Upos::Det, Xpos::Dt, 6, Rel::Det, "the"),
            (Upos::Noun, Xpos::Nn, 3, Rel::OblAgent, "court"),
            (Upos::Cconj, Xpos::Cc, 9, Rel::Cc, "and"),
            (Upos::Aux, Xpos::Md, 9, Rel::Aux, "will"),
            (Upos::Verb, Xpos::Vb, 3, Rel::Conj, "resign"),
        ]);
        let tree = Tree::new(&syntax, 0, words.len());
        let word = |k: usize| words[k].to_lowercase();
        assert_eq!(tree.args(3, &word).subjects, [6]);
        assert_eq!(tree.args(9, &word).subjects, [1]);
        let words = ["Soldiers", "were", "killed", "or", "captured", "by", "rebels"];
        let syntax = parse(&[
            (Upos::Noun, Xpos::Nns, 2, Rel::NsubjPass, "soldier"),
            (Upos::Aux, Xpos::Vbd, 2, Rel::AuxPass, "be"),
            (Upos::Verb, Xpos::Vbn, ROOT, Rel::Root, "kill"),
            (Upos::Cconj, Xpos::Cc, 4, Rel::Cc, "or"),
            (Upos::Verb, Xpos::Vbn, 2, Rel::Conj, "capture"),
            (Upos::Adp, Xpos::In, 6, Rel::Case, "by"),
            (Upos::Noun, Xpos::Nns, 2, Rel::OblAgent, "rebel"),
        ]);
        let tree = Tree::new(&syntax, 0, words.len());
        let word = |k: usize| words[k].to_lowercase();
        assert!(!tree.args(4, &word).subjects.contains(&0), "the soldiers capture no one");
    }

    #[test]
    fn a_noun_a_closing_report_took_for_its_clause_is_the_object_before() {
        // "The army lifted on Friday a blockade, officials told AFP", with
        // "blockade" read as what was told: the army lifted it.
        let rows = |obj_of_lifted: bool| {
            let mut rows = vec![
                (Upos::Det, Xpos::Dt, 1, Rel::Det, "the"),
                (Upos::Noun, Xpos::Nn, 2, Rel::Nsubj, "army"),
                (Upos::Verb, Xpos::Vbd, ROOT, Rel::Root, "lift"),
                (Upos::Adp, Xpos::In, 4, Rel::Case, "on"),
                (Upos::Propn, Xpos::Nnp, 2, Rel::Obl, "Friday"),
                (Upos::Det, Xpos::Dt, 6, Rel::Det, "a"),
                (Upos::Noun, Xpos::Nn, 10, Rel::Ccomp, "blockade"),
                (Upos::Punct, Xpos::Comma, 10, Rel::Punct, ","),
                (Upos::Noun, Xpos::Nns, 10, Rel::Nsubj, "official"),
                (Upos::Propn, Xpos::Nnp, 10, Rel::Iobj, "AFP"),
                (Upos::Verb, Xpos::Vbd, 2, Rel::Conj, "tell"),
            ];
            if obj_of_lifted {
                // "The army lifted curbs on Friday, a blockade, officials told AFP"
                rows[4] = (Upos::Noun, Xpos::Nns, 2, Rel::Obj, "curb");
            }
            parse(&rows)
        };
        let syntax = rows(false);
        let tree = Tree::new(&syntax, 0, 11);
        assert_eq!((tree.head(6), tree.rel(6)), (Some(2), Rel::Obj));
        // A verb with an object of its own keeps it; the noun stays told.
        let syntax = rows(true);
        let tree = Tree::new(&syntax, 0, 11);
        assert_eq!(tree.head(6), Some(10));
    }

    #[test]
    fn an_infinitive_after_a_predicate_with_a_subject_completes_it() {
        // "He is prepared to lift the ban", with "to lift" read as the
        // subject of "prepared": it completes it, and he lifts. "It is
        // hard to lift the ban" keeps its clausal subject.
        let rows = |subject: &'static str| {
            parse(&[
                (Upos::Pron, Xpos::Prp, 2, Rel::Nsubj, subject),
                (Upos::Aux, Xpos::Vbz, 2, Rel::Cop, "be"),
                (Upos::Adj, Xpos::Jj, ROOT, Rel::Root, "prepared"),
                (Upos::Part, Xpos::To, 4, Rel::Mark, "to"),
                (Upos::Verb, Xpos::Vb, 2, Rel::Csubj, "lift"),
                (Upos::Det, Xpos::Dt, 6, Rel::Det, "the"),
                (Upos::Noun, Xpos::Nn, 4, Rel::Obj, "ban"),
            ])
        };
        let syntax = rows("he");
        let tree = Tree::new(&syntax, 0, 7);
        assert_eq!(tree.rel(4), Rel::Xcomp);
        let syntax = rows("it");
        let tree = Tree::new(&syntax, 0, 7);
        assert_eq!(tree.rel(4), Rel::Csubj);
    }

    #[test]
    fn a_word_moved_twice_is_where_it_was_moved_last() {
        let syntax = parse(&[
            (Upos::Noun, Xpos::Nns, 1, Rel::Nsubj, "police"),
            (Upos::Verb, Xpos::Vbd, ROOT, Rel::Root, "arrest"),
            (Upos::Noun, Xpos::Nns, 1, Rel::Obj, "man"),
        ]);
        let mut tree = Tree::new(&syntax, 0, 3);
        tree.rehang(2, 0, Rel::Nmod);
        tree.rehang(2, 1, Rel::Obl);
        assert_eq!((tree.head(2), tree.rel(2)), (Some(1), Rel::Obl));
        assert!(tree.kids(1).contains(&2) && !tree.kids(0).contains(&2));
    }

    #[test]
    fn a_place_phrase_between_subject_and_verb_is_the_subjects() {
        // "Police in Mombasa arrested three men", "in Mombasa" hung on the verb.
        let words = ["Police", "in", "Mombasa", "arrested", "three", "men"];
        let syntax = parse(&[
            (Upos::Noun, Xpos::Nns, 3, Rel::Nsubj, "police"),
            (Upos::Adp, Xpos::In, 2, Rel::Case, "in"),
            (Upos::Propn, Xpos::Nnp, 3, Rel::Obl, "Mombasa"),
            (Upos::Verb, Xpos::Vbd, ROOT, Rel::Root, "arrest"),
            (Upos::Num, Xpos::Cd, 5, Rel::Nummod, "three"),
            (Upos::Noun, Xpos::Nns, 3, Rel::Obj, "man"),
        ]);
        let tree = Tree::new(&syntax, 0, words.len());
        assert_eq!(tree.head(2), Some(0));
        assert_eq!(tree.rel(2), Rel::Nmod);
        assert!(tree.kids(0).contains(&2) && !tree.kids(3).contains(&2));
    }

    #[test]
    fn a_preposition_read_as_an_adverb_still_marks_its_phrase() {
        // "Ghana complained over raids", with "over" parsed as the noun's
        // adverb; in "Ghana complained raids often" the adverb does not
        // open the noun's phrase.
        let words = ["Ghana", "complained", "over", "raids"];
        let syntax = parse(&[
            (Upos::Propn, Xpos::Nnp, 1, Rel::Nsubj, "Ghana"),
            (Upos::Verb, Xpos::Vbd, ROOT, Rel::Root, "complain"),
            (Upos::Adv, Xpos::Rb, 3, Rel::Advmod, "over"),
            (Upos::Noun, Xpos::Nns, 1, Rel::Obl, "raid"),
        ]);
        let tree = Tree::new(&syntax, 0, 4);
        let word = |k: usize| words[k].to_string();
        assert_eq!(tree.preposition(3, &word), "over");
        assert_eq!(tree.preposition(0, &word), "");
        let words = ["Ghana", "complained", "raids", "often"];
        let syntax = parse(&[
            (Upos::Propn, Xpos::Nnp, 1, Rel::Nsubj, "Ghana"),
            (Upos::Verb, Xpos::Vbd, ROOT, Rel::Root, "complain"),
            (Upos::Noun, Xpos::Nns, 1, Rel::Obl, "raid"),
            (Upos::Adv, Xpos::Rb, 2, Rel::Advmod, "often"),
        ]);
        let tree = Tree::new(&syntax, 0, 4);
        let word = |k: usize| words[k].to_string();
        assert_eq!(tree.preposition(2, &word), "");
    }

    #[test]
    fn a_passive_subject_with_an_object_and_no_passive_auxiliary_acts() {
        // "Rebels on Tuesday blocked roads", the parser reading "Rebels" as
        // a passive subject; "Roads were blocked" stays passive.
        let words = ["Rebels", "on", "Tuesday", "blocked", "roads"];
        let syntax = parse(&[
            (Upos::Noun, Xpos::Nns, 3, Rel::NsubjPass, "rebel"),
            (Upos::Adp, Xpos::In, 2, Rel::Case, "on"),
            (Upos::Propn, Xpos::Nnp, 3, Rel::Obl, "Tuesday"),
            (Upos::Verb, Xpos::Vbn, ROOT, Rel::Root, "block"),
            (Upos::Noun, Xpos::Nns, 3, Rel::Obj, "road"),
        ]);
        let tree = Tree::new(&syntax, 0, 5);
        let args = tree.args(3, &|k: usize| words[k].to_string());
        assert_eq!((args.subjects.as_slice(), args.objects.as_slice(), args.passive), (&[0][..], &[4][..], false));
        let words = ["Roads", "were", "blocked"];
        let syntax = parse(&[
            (Upos::Noun, Xpos::Nns, 2, Rel::NsubjPass, "road"),
            (Upos::Aux, Xpos::Vbd, 2, Rel::AuxPass, "be"),
            (Upos::Verb, Xpos::Vbn, ROOT, Rel::Root, "block"),
        ]);
        let tree = Tree::new(&syntax, 0, 3);
        let args = tree.args(2, &|k: usize| words[k].to_string());
        assert!(args.passive && args.subjects.is_empty() && args.objects == [0]);
    }
}
