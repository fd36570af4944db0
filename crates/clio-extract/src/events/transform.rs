//! PETRARCH's transformations: what one actor says, claims, wants or
//! attempts of an act recodes it. The verb dictionary writes them as
//!
//! ```text
//! ~ a (a b ATTACK) SAY = a b 015     a says a attacked b: a admits it (015)
//! ~ a (b . ATTACK) SAY = a b 112     a says b attacked: a accuses b (112)
//! ~ a (a b Q) SAY = a b Q            a says a did Q to b: the act stands
//! ~ a (_ b ASSASSINATE) ATTEMPT = a b 185
//! ```
//!
//! The outer verb (SAY) is the verb the act's clause hangs on; a verb word
//! in a rule stands for its dictionary block (SAY for "said", "stated" ...,
//! ATTACK for every verb coded with it); `Q` is any act. In the inner
//! clause `a` is the outer verb's subject, `b` another actor, `_` no
//! subject of the clause's own (an infinitive), `.` no one in particular.

use clio_lexicon::VerbDict;
use clio_model::Rel;

use super::tree::Tree;

/// Who the inner clause's subject is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Inner {
    /// The outer verb's subject (`a`).
    Same,
    /// Another actor (`b`).
    Other,
    /// None of its own (`_`).
    Unsaid,
}

/// One transformation, its verb words resolved to dictionary blocks.
#[derive(Clone, Debug)]
pub(crate) struct Transformation {
    /// Blocks of the outer verb word.
    outer: Vec<u32>,
    /// Blocks of the inner verb word; empty for `Q` (any act).
    inner: Vec<u32>,
    subject: Inner,
    /// The code the pair becomes; `None` for `Q` (the act's own).
    code: Option<String>,
    /// The rule as the dictionary writes it.
    pub text: String,
}

/// What a transformation makes of an act.
pub(crate) struct Recoded {
    /// The new code.
    pub code: String,
    /// Whether the result is aimed at the inner act's source (else at its
    /// target).
    pub at_inner_source: bool,
}

/// The dictionary blocks a verb form belongs to.
pub(crate) fn verb_blocks(verbs: &VerbDict, word: &str) -> Vec<u32> {
    let mut v: Vec<u32> =
        verbs.by_form.get(&word.to_lowercase()).map_or(Vec::new(), |x| x.iter().map(|&(b, _)| b).collect());
    v.sort_unstable();
    v.dedup();
    v
}

/// Reads the dictionary's transformation lines; lines it cannot read (or
/// whose verbs it does not know) are left out.
pub(crate) fn parse(verbs: &VerbDict) -> Vec<Transformation> {
    verbs.transformations.iter().filter_map(|line| parse_line(verbs, line)).collect()
}

fn parse_line(verbs: &VerbDict, line: &str) -> Option<Transformation> {
    let body = line.split('#').next()?.trim().strip_prefix('~')?.trim();
    let (lhs, rhs) = body.split_once('=')?;
    let open = lhs.find('(')?;
    let close = lhs.find(')')?;
    let inner: Vec<&str> = lhs[open + 1..close].split_whitespace().collect();
    let outer_word = lhs[close + 1..].trim();
    let [who, _target, inner_word] = inner.as_slice() else { return None };
    let subject = match *who {
        "a" => Inner::Same,
        "b" => Inner::Other,
        "_" => Inner::Unsaid,
        _ => return None,
    };
    let result: Vec<&str> = rhs.split_whitespace().collect();
    let [_, _, code] = result.as_slice() else { return None };
    let outer = verb_blocks(verbs, outer_word);
    let inner = if *inner_word == "Q" { Vec::new() } else { verb_blocks(verbs, inner_word) };
    if outer.is_empty() || (*inner_word != "Q" && inner.is_empty()) {
        return None;
    }
    Some(Transformation {
        outer,
        inner,
        subject,
        code: (*code != "Q").then(|| code.to_string()),
        text: line.trim().to_string(),
    })
}

impl Transformation {
    /// What this rule makes of the act of verb `v` (of the blocks
    /// `v_blocks`) whose clause hangs on a verb of `outer_blocks`, given
    /// whether the act's source is that verb's subject. A result aimed at
    /// the inner act's source is an `Other` rule's ("a says b attacked" is
    /// aimed at b); else it is aimed at the inner act's target.
    pub(crate) fn apply(
        &self,
        tree: &Tree,
        v: usize,
        v_blocks: &[u32],
        outer_blocks: &[u32],
        same_source: bool,
        code: &str,
    ) -> Option<Recoded> {
        if !self.outer.iter().any(|b| outer_blocks.contains(b)) {
            return None;
        }
        if !self.inner.is_empty() && !self.inner.iter().any(|b| v_blocks.contains(b)) {
            return None;
        }
        let own_subject = tree.kids(v).iter().any(|&k| matches!(tree.rel(k), Rel::Nsubj | Rel::NsubjPass | Rel::Csubj));
        let fits = match self.subject {
            Inner::Same => same_source,
            Inner::Other => !same_source,
            Inner::Unsaid => !own_subject,
        };
        fits.then(|| Recoded {
            code: self.code.clone().unwrap_or_else(|| code.to_string()),
            at_inner_source: self.subject == Inner::Other,
        })
    }
}
