//! What a verb asserts: act, intent, demand, or nothing (negated,
//! conditional), from the words between its subject and it.

use super::Coder;

/// The mood of a verb in its clause.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mood {
    /// Asserted as done.
    Act,
    /// Intended, promised, considered.
    Intent,
    /// Required of the subject by the speaker ("should", "must").
    Demand,
    /// Negated: not coded.
    Negated,
    /// Under a condition: not coded.
    Conditional,
}

word_list! {
    fn is_negation = [
        "not", "never", "no", "neither", "nor", "refused", "refuses", "declined", "declines", "denied", "denies",
        "failed", "fails", "without",
    ]
}
word_list! {
    fn is_demand = ["should", "must", "ought"]
}
word_list! {
    fn is_intent = [
        "will", "would", "shall", "'ll", "going", "plans", "plan", "planned", "planning", "intends", "intend",
        "intended", "pledged", "pledges", "pledge", "promised", "promises", "promise", "vowed", "vows", "vow",
        "willing", "ready", "wants", "want", "wanted", "hopes", "hope", "hoped", "seeks", "seek", "sought", "aims",
        "aim", "expected", "considering", "consider", "considers", "may", "might", "could", "prepared", "determined",
        "offered", "offers", "offer", "agreed", "agrees", "proposed", "proposes", "soon",
    ]
}
word_list! {
    fn is_condition = ["if", "unless", "whether"]
}

/// Words that only carry modality when a verb follows them ("willing to",
/// "considering donating"): not verbs to code themselves there.
pub(crate) fn is_modal_word(c: &Coder, i: usize) -> bool {
    let w = c.lword(i);
    is_intent(w) && (c.lword(i + 1) == "to" || c.lword(i + 1).ends_with("ing"))
}

/// The mood of the verb at `v`, from the words in `from..v`, and a
/// condition opening the clause in `clause..v`.
pub(crate) fn modality_before(c: &Coder, from: usize, v: usize, clause: usize) -> Mood {
    let words = from.min(v)..v;
    if words.clone().map(|i| c.lword(i)).any(|w| is_negation(w) || w.ends_with("n't")) {
        return Mood::Negated;
    }
    let clause_start = (clause..v).rev().find(|&i| matches!(c.word(i), "," | ";")).map_or(clause, |i| i + 1);
    if (clause_start..v).take(2).any(|i| is_condition(c.lword(i))) {
        return Mood::Conditional;
    }
    if words.clone().any(|i| is_demand(c.lword(i))) {
        return Mood::Demand;
    }
    // "is to": an intent too, when both words are before the verb.
    let is_to_intent = |i: usize| c.lword(i) == "is" && i + 1 < v && c.lword(i + 1) == "to";
    if words.clone().any(|i| is_intent(c.lword(i)) || is_to_intent(i)) {
        return Mood::Intent;
    }
    Mood::Act
}

/// The intent counterpart of an act's code: "will provide aid" (070) is an
/// intent to provide aid (033), "will meet" (04x) an intent to meet (036).
pub(crate) fn intent_code(code: &str) -> String {
    let root = &code[..code.len().min(2)];
    let c = match root {
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
        "08" => "034",
        "09" => "030",
        "15" | "16" | "17" => "130",
        "18" | "19" | "20" => "138",
        _ => code,
    };
    c.to_string()
}

#[cfg(test)]
mod tests {
    use super::intent_code;

    #[test]
    fn intents_of_acts() {
        assert_eq!(intent_code("070"), "033");
        assert_eq!(intent_code("073"), "0333");
        assert_eq!(intent_code("042"), "036");
        assert_eq!(intent_code("190"), "138");
        assert_eq!(intent_code("020"), "020");
    }
}
