//! Property tests of the PETRARCH dictionary readers: a user's dictionary
//! file, however broken, gives entries and errors that name their line;
//! never a panic. `CLIO_SOAK_CASES=N` runs N cases (README: Reliability).
#![allow(clippy::unwrap_used)] // a failure here is a failed test

use clio_lexicon::petrarch::{parse_actors, parse_agents, parse_discards};
use clio_lexicon::verbs::parse_verbs;
use proptest::prelude::*;

fn cases(default: u32) -> u32 {
    std::env::var("CLIO_SOAK_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// The syntax of the four dictionary kinds, in pieces (my own entries).
const PIECES: &[&str] = &[
    "RIVERLAND_",
    "ANA_BORG_",
    "+BORG_",
    "[RVL]",
    "[RVLGOV 20200101-20231231]",
    "[RVLGOV >20240101]",
    "[RVLGOV 2020 0101-2023]",
    "[---]",
    "[RVL:XYZ]",
    "{",
    "}",
    "(",
    ")",
    "<",
    ">",
    "%",
    "#",
    "~",
    "!",
    "=",
    "@",
    "---",
    "--- MEET  [040] ---",
    "- * CONSULT [040]",
    "- $ + TALKS WITH [043]",
    "- * {AND} [030]",
    "&",
    "*",
    "$",
    "+",
    "MINISTER",
    "~MINISTER",
    "MINISTER_ [~GOV]",
    "[~MIL] ",
    "\t",
    " ",
    "\n",
    "\r\n",
    "\u{FFFD}",
    "\u{e9}",
    "[",
    "]",
    "_",
    "0",
    "99999999",
    "-",
    "MEET",
    "VERB",
    "DISCARD",
    "+FILE",
    "<!",
    ">",
];

fn dictionary() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        proptest::collection::vec(0..PIECES.len(), 0..300).prop_map(|ix| ix.into_iter().map(|i| PIECES[i]).collect()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(1000), ..ProptestConfig::default() })]

    #[test]
    fn any_dictionary_file_reads_with_errors_that_name_their_line(text in dictionary()) {
        let lines = text.lines().count();
        let (_, errors) = parse_actors(&text, "my.actors.txt");
        let (_, more) = parse_agents(&text, "my.agents.txt");
        let (_, verbs) = parse_verbs(&text, "my.verbs.txt");
        for e in errors.iter().chain(&more).chain(&verbs) {
            prop_assert!((1..=lines).contains(&e.line), "line {} of {lines}: {}", e.line, e.message);
            prop_assert!(!e.message.is_empty());
        }
        let _ = parse_discards(&text);
    }
}
