//! What a verb asserts: an act, an intent, a demand, or nothing (negated,
//! conditional), read from the tree: its auxiliaries ("will", "should"),
//! negation ("not", "never"), a condition marking its clause ("if"), the
//! verb or adjective whose infinitive it is ("agreed to send", "refused
//! to send", "ready to send"), and the verb an infinitive of purpose serves
//! ("refused to send troops to help").

use clio_model::{Rel, Upos};

use super::tree::Tree;

/// The mood of a verb in its clause.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mood {
    /// Asserted as done.
    Act,
    /// Intended, promised, offered, considered.
    Intent,
    /// Required of the subject by the speaker ("should", "must").
    Demand,
    /// Negated: not coded.
    Negated,
    /// Under a condition: not coded.
    Conditional,
    /// The infinitive of a verb that says something else of it ("urged X
    /// to leave", "threatened to retaliate"): that verb's event stands, and
    /// this one is not coded.
    Governed,
}

/// A verb's mood, and the verb or adjective that governs it through an
/// infinitive ("agreed" in "agreed to send"), whose own event the governed
/// one replaces.
pub(crate) struct Reading {
    pub mood: Mood,
    pub governor: Option<usize>,
}

word_list! {
    pub(crate) fn is_intent_aux = ["will", "would", "shall", "'ll", "wo", "may", "might", "could"]
}
word_list! {
    /// Words that rank a noun ("the first country to ...").
    fn is_rank = ["first", "second", "third", "last", "only", "latest", "next"]
}
word_list! {
    fn is_demand_aux = ["should", "must", "ought"]
}
word_list! {
    /// Lemmas whose infinitive states an intent: "agreed to", "plans to".
    pub(crate) fn is_intent_governor = [
        "agree", "offer", "promise", "pledge", "vow", "plan", "intend", "want", "seek", "hope", "aim", "expect",
        "prepare", "decide", "consider", "propose", "undertake", "commit", "volunteer", "resolve", "mean",
        "willing", "ready", "prepared", "determined", "eager", "keen", "set", "poised", "likely", "committed",
        "going",
    ]
}
word_list! {
    /// Intent governors that promise what their infinitive says ("agreed
    /// to", "offered to", "is willing to"), as against those that only
    /// plan or want it.
    pub(crate) fn is_promise = [
        "agree", "offer", "promise", "pledge", "vow", "commit", "undertake", "volunteer", "willing", "ready",
        "prepared", "committed",
    ]
}
word_list! {
    /// Lemmas whose infinitive is not done: "refused to", "failed to".
    pub(crate) fn is_negative_governor = [
        "refuse", "decline", "fail", "reject", "deny", "avoid", "cease", "stop", "hesitate", "unwilling",
        "unable", "reluctant",
    ]
}
word_list! {
    /// Lemmas whose infinitive is done: "continued to fire", "began to".
    pub(crate) fn is_aspect_governor = [
        "begin", "start", "continue", "keep", "resume", "manage", "proceed", "go", "come", "try", "attempt",
        "move", "act", "step", "rush", "hurry", "dare", "need", "have", "get", "be", "seem", "appear", "tend",
        "happen", "use",
    ]
}
word_list! {
    fn is_negation = ["not", "never", "n't", "no", "neither", "nor"]
}
word_list! {
    /// Verbs whose "that"-clause is said not to be so.
    fn is_denial = ["deny", "refute", "disprove"]
}
word_list! {
    fn is_condition = ["if", "unless", "whether"]
}

/// Whether `v` is the future's "going" ("is going to sell"), which goes
/// nowhere itself: "going" with a form of "be" and a "to"-infinitive.
pub(crate) fn is_going_to(t: &Tree, v: usize, lw: &dyn Fn(usize) -> String) -> bool {
    lw(v) == "going"
        && t.kids_with(v, |r| r == Rel::Xcomp).any(|x| t.has_to(x))
        && t.kids(v).iter().any(|&k| {
            t.rel(k) == Rel::Aux && matches!(lw(k).as_str(), "is" | "are" | "was" | "were" | "am" | "'s" | "'re" | "'m")
        })
}

/// Reads the mood of verb `v`; `lw` gives a token in lower case.
pub(crate) fn read(t: &Tree, v: usize, lw: &dyn Fn(usize) -> String) -> Reading {
    let mut mood = Mood::Act;
    let mut governor = None;
    let mut cur = v;
    // "provided no support", "gave Kenya no assurances": what no one got
    // was not given.
    let none_of = |o: usize| t.kids(o).iter().any(|&d| t.rel(d) == Rel::Det && lw(d) == "no");
    if t.kids(v).iter().any(|&o| t.rel(o) == Rel::Obj && none_of(o)) {
        return reading(Mood::Negated, None);
    }
    // The verb, then the verbs it is the infinitive of or is joined to.
    for depth in 0..4 {
        for &k in t.kids(cur) {
            let w = lw(k);
            match t.rel(k) {
                Rel::Advmod | Rel::Dep | Rel::Det if is_negation(&w) => return reading(Mood::Negated, governor),
                Rel::Aux | Rel::AuxPass if w == "n't" || w == "not" => return reading(Mood::Negated, governor),
                Rel::Aux if is_demand_aux(&w) && mood == Mood::Act => mood = Mood::Demand,
                Rel::Aux if is_intent_aux(&w) && mood == Mood::Act => mood = Mood::Intent,
                Rel::Mark if is_condition(&w) && depth == 0 => return reading(Mood::Conditional, governor),
                _ => {}
            }
        }
        // "if ... X sends": a condition on the clause the verb is in.
        if matches!(t.rel(cur), Rel::Advcl)
            && t.kids(cur).iter().any(|&k| t.rel(k) == Rel::Mark && is_condition(&lw(k)))
        {
            return reading(Mood::Conditional, governor);
        }
        let Some(h) = t.head(cur) else { break };
        // An infinitive's governor: "refused to" negates it, "agreed to"
        // makes it an intent; `None` when it does neither.
        let governed = |mood: &mut Mood, governor: &mut Option<usize>| {
            let lemma = t.lemma(h).to_lowercase();
            if is_negative_governor(&lemma) {
                return Some(Mood::Negated);
            }
            // "is going to sell": the future, as "will sell".
            if is_intent_governor(&lemma) || is_going_to(t, h, lw) {
                *governor = Some(h);
                if *mood == Mood::Act {
                    *mood = Mood::Intent;
                }
                return Some(Mood::Intent);
            }
            None
        };
        match t.rel(cur) {
            Rel::Xcomp => {
                match governed(&mut mood, &mut governor) {
                    Some(Mood::Negated) => return reading(Mood::Negated, Some(h)),
                    None if !is_aspect_governor(&t.lemma(h).to_lowercase()) => return reading(Mood::Governed, Some(h)),
                    _ => {}
                }
                cur = h;
            }
            // "will meet and sign": auxiliaries hang on the first verb only.
            // A conjunct with a subject or an auxiliary of its own is a clause
            // of its own, and so is one in a tense of its own ("did not
            // believe ... and hoped": "hoped" is no "did not hope").
            Rel::Conj => {
                let own =
                    t.kids(cur).iter().any(|&k| t.rel(k).is_subject() || matches!(t.rel(k), Rel::Aux | Rel::AuxPass));
                if own || t.is_finite(cur) && t.is_base_form(h) {
                    break;
                }
                cur = h;
            }
            // What a noun says of an infinitive is not done ("Uganda's
            // refusal to withdraw", "the decision to reopen the border", "an
            // attempt to seize the town"), unless the noun is ranked ("the
            // first country to recognise it" did).
            Rel::Acl
                if matches!(t.upos(h), Upos::Noun | Upos::Propn)
                    && t.kids(cur).iter().any(|&k| t.rel(k) == Rel::Mark && lw(k) == "to")
                    && !t.kids(h).iter().any(|&k| is_rank(&lw(k))) =>
            {
                return reading(Mood::Governed, None);
            }
            // An infinitive of purpose shares its verb's mood ("is willing
            // to send troops to help": the help is intended too); after a
            // verb of intent it is what is intended, however far the parser
            // hung it ("agreed in principle on Saturday to provide aid").
            Rel::Advcl
                if t.is_base_form(cur) && t.kids(cur).iter().any(|&k| t.rel(k) == Rel::Mark && lw(k) == "to") =>
            {
                if governed(&mut mood, &mut governor) == Some(Mood::Negated) {
                    return reading(Mood::Negated, Some(h));
                }
                cur = h;
            }
            // "denied that Chile is sending weapons": what is denied is not
            // asserted.
            Rel::Ccomp if is_denial(&t.lemma(h).to_lowercase()) => return reading(Mood::Negated, Some(h)),
            _ => break,
        }
    }
    reading(mood, governor)
}

/// Whether negated verb `v` is a refusal: negated with a modal of will or
/// ability ("will not accept", "cannot agree", "won't meet"), not a report
/// that something was not done ("did not send").
pub(crate) fn is_refusal(t: &Tree, v: usize, lw: &dyn Fn(usize) -> String) -> bool {
    t.kids(v).iter().any(|&k| t.rel(k) == Rel::Aux && (is_intent_aux(&lw(k)) || matches!(lw(k).as_str(), "can" | "ca")))
}

fn reading(mood: Mood, governor: Option<usize>) -> Reading {
    Reading { mood, governor }
}

/// The intent counterpart of an act's code: "will provide aid" (070) is an
/// intent to provide aid (033), "will meet" (04x) an intent to meet (036),
/// "will impose sanctions" a threat of them (131).
pub(crate) fn intent_code(code: &str) -> String {
    let root = &code[..code.len().min(2)];
    let c = match root {
        // To mediate is CAMEO's own intent (039); any other meeting, 036.
        "04" if code == "045" => "039",
        "04" => "036",
        "05" => "032",
        "06" => "031",
        "07" => match code {
            "071" => "0331",
            "072" => "0332",
            "073" => "0333",
            "074" => "0334",
            _ => "033",
        },
        "08" => "035",
        "09" => "030",
        "15" => "130",
        "16" | "17" | "18" | "19" | "20" => threat_code(code),
        _ => code,
    };
    c.to_string()
}

/// True when `v` has a clause of condition marked "unless" ("will withdraw
/// its force unless the fighting stops"): an intent on such a condition
/// is a threat, whatever it promises.
pub(crate) fn on_condition(tree: &Tree, v: usize, lw: &dyn Fn(usize) -> String) -> bool {
    tree.kids_with(v, |r| r == Rel::Advcl).any(|c| tree.kids_with(c, |r| r == Rel::Mark).any(|m| lw(m) == "unless"))
}

/// The threat an intent on a condition makes (CAMEO 13): to protest or
/// boycott (133), to cut relations, aid or trade (131), to repress (137),
/// to use force (138), else a threat unspecified (130).
pub(crate) fn threat_code(code: &str) -> &'static str {
    match &code[..code.len().min(2)] {
        "14" => "133",
        "16" => "131",
        "17" => "137",
        "18" | "19" | "20" => "138",
        _ => "130",
    }
}

#[cfg(test)]
mod tests {
    use super::{intent_code, threat_code};

    #[test]
    fn threats_of_acts() {
        assert_eq!(threat_code("0874"), "130");
        assert_eq!(threat_code("145"), "133");
        assert_eq!(threat_code("161"), "131");
        assert_eq!(threat_code("190"), "138");
    }

    #[test]
    fn intents_of_acts() {
        assert_eq!(intent_code("070"), "033");
        assert_eq!(intent_code("073"), "0333");
        assert_eq!(intent_code("042"), "036");
        assert_eq!(intent_code("190"), "138");
        assert_eq!(intent_code("020"), "020");
        assert_eq!(intent_code("084"), "035");
    }
}
