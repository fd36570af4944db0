//! PETRARCH2's verb dictionary (`CAMEO.2.0.txt`), read as it is.
//!
//! - `&NAME` starts a synonym set; its `+MEMBER` lines follow.
//! - `---  NAME   [CODE]  ---` starts a verb block with its default code
//!   (`[---]`: none). Verb lines follow: `SPEAK {SPOKE SPOKEN ...} [040]`
//!   (irregular forms in braces, an optional code of the verb's own);
//!   `+SET_UP {+SETS_UP ...}` is a verb of several words.
//! - Pattern lines `- PRE * POST [CODE] # verb` code the block's verbs in a
//!   context: `*` is the verb, `$` the source, `+` the target, `^` skips a
//!   phrase, `%` a compound actor, `{A B}` words together, `(PREP ...)` a
//!   prepositional phrase, `&SET` any member of a synonym set. `[---]` means
//!   "do not code"; in `[041:041]` the first code is used.
//! - A block of a name already read (from a later file) adds to it: its
//!   patterns go ahead of the first's. A verb written again in its block
//!   with a code takes that code, in one file or across two.
//! - `~ ...` lines after `TRANSFORMATIONS` rewrite nested events; they are
//!   read and kept, and counted by [`VerbDict::transformations`].

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use crate::petrarch::DictError;

/// One element of a pattern.
#[derive(Clone, Debug, PartialEq)]
pub enum Elem {
    /// A word (upper case); `exact` when written with a trailing `_`
    /// (no plural).
    Word {
        /// The word.
        text: String,
        /// No inflection allowed.
        exact: bool,
    },
    /// Any member of a synonym set (`&CURRENCY`).
    Synset(String),
    /// Words that must be adjacent (`{HUMANITARIAN AID}`).
    Group(Vec<Elem>),
    /// A prepositional phrase: the preposition, then its elements.
    Prep(Vec<Elem>),
    /// `$`: the source actor.
    Source,
    /// `+`: the target actor.
    Target,
    /// `^`: skip a phrase.
    Skip,
    /// `%`: a compound actor (both source and target).
    Compound,
}

/// A pattern: elements before and after the verb, and its code.
#[derive(Clone, Debug, PartialEq)]
pub struct Pattern {
    /// Elements before the verb, in text order.
    pub before: Vec<Elem>,
    /// Elements after the verb, in text order.
    pub after: Vec<Elem>,
    /// The CAMEO code (its primary is `None` for `[---]`: do not code).
    pub code: Code,
    /// The pattern as written, for provenance.
    pub text: String,
    /// Its literal words, as ids in [`VerbDict::words`]: a clause lacking
    /// one cannot match.
    pub required_ids: Vec<u32>,
    /// Per synonym set it names, the ids of the set members' first words:
    /// a clause with none of them cannot match.
    pub set_heads: Vec<Vec<u32>>,
}

impl Pattern {
    /// Its literal words (lower case) and the synonym sets it names, in
    /// order.
    fn literals(&self) -> (Vec<String>, Vec<String>) {
        fn collect(e: &Elem, words: &mut Vec<String>, sets: &mut Vec<String>) {
            match e {
                Elem::Word { text, .. } if text != "*" => words.push(text.to_lowercase()),
                Elem::Synset(name) => sets.push(name.clone()),
                Elem::Group(g) | Elem::Prep(g) => g.iter().for_each(|x| collect(x, words, sets)),
                _ => {}
            }
        }
        let (mut words, mut sets) = (Vec::new(), Vec::new());
        self.before.iter().chain(&self.after).for_each(|e| collect(e, &mut words, &mut sets));
        (words, sets)
    }

    /// Literal words the pattern requires: its specificity. A content
    /// word says more than a preposition ("* ULTIMATUM" over "* (TO +)"
    /// for "issued an ultimatum to Ecuador"; "* (FROM TREATY)" over "*
    /// FROM +"), and words that must be adjacent more than apart.
    pub fn weight(&self) -> usize {
        const PREPOSITIONS: &[&str] = &[
            "OF", "IN", "ON", "AT", "TO", "FROM", "WITH", "BY", "FOR", "AGAINST", "OVER", "INTO", "ABOUT", "BETWEEN",
            "AMONG", "UNDER", "THROUGH", "TOWARD", "TOWARDS", "UPON", "AFTER", "BEFORE", "ACROSS", "AROUND", "NEAR",
            "OFF", "OUT", "UP", "DOWN", "BACK", "AWAY", "AS",
        ];
        fn w(e: &Elem) -> usize {
            match e {
                Elem::Word { text, .. } if PREPOSITIONS.contains(&text.as_str()) => 1,
                Elem::Word { .. } | Elem::Synset(_) => 2,
                Elem::Group(g) => g.iter().map(w).sum::<usize>() + 1,
                Elem::Prep(g) => g.iter().map(w).sum::<usize>(),
                _ => 0,
            }
        }
        self.before.iter().chain(&self.after).map(w).sum()
    }
}

/// A verb: its words (the first inflects) and its own code, if any.
#[derive(Clone, Debug, PartialEq)]
pub struct Verb {
    /// The words of the base form, upper case (`["SET", "UP"]`).
    pub words: Vec<String>,
    /// Forms of the first word: base, regular and irregular inflections.
    pub forms: Vec<String>,
    /// The verb's own code, overriding the block's (`[---]`: this verb is
    /// not coded, whatever its block's code); `None` to use the block's.
    pub code: Option<Code>,
}

/// A verb block.
#[derive(Clone, Debug, PartialEq)]
pub struct VerbBlock {
    /// The block's name (`SPEAK`).
    pub name: String,
    /// Default code (its primary is `None` for `[---]`).
    pub code: Code,
    /// Verbs.
    pub verbs: Vec<Verb>,
    /// Patterns, in file order.
    pub patterns: Vec<Pattern>,
    /// Patterns by their first literal word (an id in [`VerbDict::words`]),
    /// so a clause is tried only against patterns that can match it.
    pub by_word: FxHashMap<u32, Vec<u32>>,
    /// Patterns with no literal word (synonym sets and markers only).
    pub wordless: Vec<u32>,
}

/// The verb dictionary.
#[derive(Clone, Debug, Default)]
pub struct VerbDict {
    /// Synonym sets: name (with `&`) -> member phrases (upper case words).
    pub synsets: HashMap<String, Vec<Vec<String>>>,
    /// Verb blocks.
    pub blocks: Vec<VerbBlock>,
    /// Inflected first word (lower case) -> (block, verb) indices.
    pub by_form: FxHashMap<String, Vec<(u32, u32)>>,
    /// Transformation rules, as written.
    pub transformations: Vec<String>,
    /// The literal words of patterns and the first words of synonym set
    /// members, lower case, numbered: a sentence's words are looked up
    /// once, and patterns are checked against them by number.
    pub words: FxHashMap<String, u32>,
}

/// A dictionary code: `[070]`, `[---]` (do not code), or a pair
/// `[0841:0841]` whose second code is the event the other way round (the
/// target's, towards the source: prisoners exchanged both ways).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Code {
    /// The event from the source to the target; `None` for `---`.
    pub primary: Option<String>,
    /// The event from the target back to the source, if paired.
    pub paired: Option<String>,
}

impl Code {
    /// The code as written: the primary ("---" when none), or ":071" for
    /// the other way only.
    pub fn as_str(&self) -> String {
        match (&self.primary, &self.paired) {
            (Some(p), _) => p.clone(),
            (None, Some(q)) => format!(":{q}"),
            (None, None) => "---".to_string(),
        }
    }
}

fn parse_code(s: &str) -> Code {
    let one =
        |c: &str| Some(c.trim()).filter(|c| c.bytes().all(|b| b.is_ascii_digit()) && !c.is_empty()).map(str::to_string);
    let mut parts = s.split(':');
    let first = parts.next().unwrap_or("").trim();
    let paired = parts.next().and_then(one);
    match one(first) {
        Some(primary) => Code { primary: Some(primary), paired },
        // "[---]" is do-not-code; an empty first half ("[:071]") codes only
        // the other way (the target acting on the subject).
        None => Code { primary: None, paired },
    }
}

/// Regular inflections of a verb: -S/-ES, -ED/-D, -ING, doubled final
/// consonants, and the British -ISE for -IZE (and back).
pub fn inflect(base: &str) -> Vec<String> {
    let b = base.to_ascii_uppercase();
    let mut out = vec![b.clone()];
    let vowel = |c: char| "AEIOU".contains(c);
    let chars: Vec<char> = b.chars().collect();
    let n = chars.len();
    if n == 0 {
        return out;
    }
    let last = chars[n - 1];
    // -S
    if b.ends_with('S')
        || b.ends_with('X')
        || b.ends_with("CH")
        || b.ends_with("SH")
        || b.ends_with('Z')
        || b.ends_with('O')
    {
        out.push(format!("{b}ES"));
    } else if last == 'Y' && n > 1 && !vowel(chars[n - 2]) {
        out.push(format!("{}IES", &b[..n - 1]));
    } else {
        out.push(format!("{b}S"));
    }
    // -ED and -ING
    if last == 'E' {
        out.push(format!("{b}D"));
        out.push(format!("{}ING", &b[..n - 1]));
    } else if last == 'Y' && n > 1 && !vowel(chars[n - 2]) {
        out.push(format!("{}IED", &b[..n - 1]));
        out.push(format!("{b}ING"));
    } else {
        out.push(format!("{b}ED"));
        out.push(format!("{b}ING"));
        // CVC: STOP -> STOPPED, EXPEL -> EXPELLED, COMMIT -> COMMITTED. Longer
        // verbs double only when the last syllable is stressed, which the
        // spelling does not tell; a doubled form that English never writes
        // ("VISITTED") matches nothing, so both are kept.
        if n >= 3 && !vowel(last) && vowel(chars[n - 2]) && !vowel(chars[n - 3]) && !"WXY".contains(last) {
            out.push(format!("{b}{last}ED"));
            out.push(format!("{b}{last}ING"));
        }
    }
    let swapped: Vec<String> = out
        .iter()
        .filter_map(|f| {
            if f.contains("IZ") {
                Some(f.replacen("IZ", "IS", 1))
            } else if f.contains("IS") && b.ends_with("ISE") {
                Some(f.replacen("IS", "IZ", 1))
            } else {
                None
            }
        })
        .collect();
    out.extend(swapped);
    out.sort();
    out.dedup();
    out
}

/// Splits a pattern into symbols: brackets, markers and words.
fn symbols(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in s.chars() {
        if matches!(c, '(' | ')' | '{' | '}') || c.is_whitespace() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            if !c.is_whitespace() {
                out.push(c.to_string());
            }
        } else {
            cur.push(c);
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn parse_elems(syms: &[String], i: &mut usize, close: Option<&str>) -> Result<Vec<Elem>, String> {
    let mut out = Vec::new();
    while *i < syms.len() {
        let s = syms[*i].as_str();
        *i += 1;
        match s {
            ")" | "}" => {
                return if Some(s) == close { Ok(out) } else { Err(format!("unexpected '{s}'")) };
            }
            "(" => out.push(Elem::Prep(parse_elems(syms, i, Some(")"))?)),
            "{" => out.push(Elem::Group(parse_elems(syms, i, Some("}"))?)),
            "$" => out.push(Elem::Source),
            "+" => out.push(Elem::Target),
            "^" => out.push(Elem::Skip),
            "%" => out.push(Elem::Compound),
            "*" => out.push(Elem::Word { text: "*".into(), exact: true }),
            w if w.starts_with('&') => out.push(Elem::Synset(w.trim_end_matches('_').to_string())),
            w => {
                // "IDEA_OF": words joined by '_' are adjacent.
                let exact = w.ends_with('_');
                let parts: Vec<&str> = w.split('_').filter(|p| !p.is_empty()).collect();
                match parts.as_slice() {
                    [] => {}
                    [one] => out.push(Elem::Word { text: one.to_ascii_uppercase(), exact }),
                    many => out.push(Elem::Group(
                        many.iter().map(|p| Elem::Word { text: p.to_ascii_uppercase(), exact }).collect(),
                    )),
                }
            }
        }
    }
    match close {
        Some(c) => Err(format!("a '{}' is not closed", if c == ")" { "(" } else { "{" })),
        None => Ok(out),
    }
}

/// Parses a pattern line (without its leading `-`).
fn parse_pattern(body: &str) -> Result<Pattern, String> {
    let (text, code) = match (body.rfind('['), body.rfind(']')) {
        (Some(o), Some(c)) if o < c => (body[..o].trim(), &body[o + 1..c]),
        _ => return Err("a pattern needs a [CODE]".into()),
    };
    let syms = symbols(text);
    let star = syms.iter().position(|s| s == "*").ok_or("a pattern needs a '*' for the verb")?;
    let before = parse_elems(&syms[..star], &mut 0, None)?;
    let after = parse_elems(&syms[star + 1..], &mut 0, None)?;
    Ok(Pattern {
        before,
        after,
        code: parse_code(code),
        text: text.to_string(),
        required_ids: Vec::new(),
        set_heads: Vec::new(),
    })
}

/// Reads a verb dictionary. Bad lines are returned as errors and skipped.
pub fn parse_verbs(text: &str, file: &str) -> (VerbDict, Vec<DictError>) {
    let mut d = VerbDict::default();
    let mut errors = Vec::new();
    let mut synset: Option<String> = None;
    let mut in_transformations = false;
    // For a reopened block: how many patterns it had (new ones go first).
    let mut reopened: Option<usize> = None;
    let err = |line: usize, message: String| DictError { file: file.into(), line, message };
    for (idx, raw) in text.lines().enumerate() {
        let n = idx + 1;
        if raw.trim_start().starts_with("####") && raw.contains("TRANSFORMATIONS") {
            in_transformations = true;
            continue;
        }
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        // A block header or synonym set after the transformations (a
        // second file) starts a new dictionary section.
        if in_transformations && (line.starts_with("---") || line.starts_with('&')) {
            in_transformations = false;
        }
        if in_transformations {
            if line.starts_with('~') {
                d.transformations.push(line.to_string());
            }
            continue;
        }
        if let Some(name) = line.strip_prefix('&') {
            let name = format!("&{}", name.trim().trim_end_matches('_'));
            d.synsets.entry(name.clone()).or_default();
            synset = Some(name);
            continue;
        }
        if line.starts_with("---") {
            synset = None;
            if let (Some(old), Some(b)) = (reopened.take(), d.blocks.last_mut()) {
                b.patterns.rotate_left(old);
            }
            let inner = line.trim_matches('-').trim();
            let (name, code) = match (inner.find('['), inner.find(']')) {
                (Some(o), Some(c)) if o < c => (inner[..o].trim(), parse_code(&inner[o + 1..c])),
                _ => {
                    errors.push(err(n, "a verb block header needs a [CODE]".into()));
                    continue;
                }
            };
            // A block of the same name (from a second file) adds to the first,
            // its patterns ahead of the first's: the later file overrides.
            match d.blocks.iter().position(|b| b.name == name) {
                None => d.blocks.push(VerbBlock {
                    name: name.to_string(),
                    code,
                    verbs: Vec::new(),
                    patterns: Vec::new(),
                    by_word: FxHashMap::default(),
                    wordless: Vec::new(),
                }),
                Some(pos) => {
                    let b = d.blocks.remove(pos);
                    reopened = Some(b.patterns.len());
                    d.blocks.push(b);
                }
            }
            continue;
        }
        if let (Some(set), Some(member)) = (&synset, line.strip_prefix('+')) {
            let words: Vec<String> =
                member.split(['_', ' ']).filter(|w| !w.is_empty()).map(|w| w.to_ascii_uppercase()).collect();
            if !words.is_empty() {
                d.synsets.entry(set.clone()).or_default().push(words);
            }
            continue;
        }
        let Some(block) = d.blocks.last_mut() else {
            errors.push(err(n, format!("{line:?} is outside any verb block")));
            continue;
        };
        if let Some(body) = line.strip_prefix('-') {
            match parse_pattern(body) {
                Ok(p) => block.patterns.push(p),
                Err(m) => errors.push(err(n, m)),
            }
            continue;
        }
        // A verb line: WORD(S) {IRREGULAR FORMS} [CODE]
        let (head, code) = match (line.find('['), line.find(']')) {
            (Some(o), Some(c)) if o < c => (&line[..o], Some(&line[o + 1..c])),
            (Some(_), _) => {
                errors.push(err(n, "a '[' is not closed".into()));
                continue;
            }
            _ => (line, None),
        };
        let code = code.map(parse_code);
        let (base, irregular) = match (head.find('{'), head.find('}')) {
            (Some(o), Some(c)) if o < c => (head[..o].trim(), head[o + 1..c].split_whitespace().collect::<Vec<_>>()),
            (Some(_), None) => {
                errors.push(err(n, "a '{' is not closed".into()));
                continue;
            }
            _ => (head.trim(), Vec::new()),
        };
        let words: Vec<String> = base
            .trim_start_matches('+')
            .split(['_', ' '])
            .filter(|w| !w.is_empty())
            .map(|w| w.to_ascii_uppercase())
            .collect();
        let Some(first) = words.first() else { continue };
        let mut forms = inflect(first);
        for f in irregular {
            if let Some(w) = f.trim_start_matches('+').split('_').next().filter(|w| !w.is_empty()) {
                forms.push(w.to_ascii_uppercase());
            }
        }
        forms.sort();
        forms.dedup();
        // A verb the block has already, written again with a code, takes
        // that code: the later line recodes it (a later file's, or the
        // dictionary's own second line: "GREET", then "GREET [050]").
        if let Some(known) = block.verbs.iter_mut().find(|v| v.words == words) {
            if code.is_some() {
                known.code = code;
            }
            known.forms.extend(forms);
            known.forms.sort();
            known.forms.dedup();
            continue;
        }
        block.verbs.push(Verb { words, forms, code });
    }
    if let (Some(old), Some(b)) = (reopened.take(), d.blocks.last_mut()) {
        b.patterns.rotate_left(old);
    }
    fn word_id(words: &mut FxHashMap<String, u32>, w: &str) -> u32 {
        let next = words.len() as u32;
        *words.entry(w.to_string()).or_insert(next)
    }
    let mut words = FxHashMap::default();
    let synset_heads: FxHashMap<&str, Vec<u32>> = d
        .synsets
        .iter()
        .map(|(k, members)| {
            let mut heads: Vec<u32> =
                members.iter().filter_map(|m| m.first()).map(|w| word_id(&mut words, &w.to_lowercase())).collect();
            heads.sort_unstable();
            heads.dedup();
            (k.as_str(), heads)
        })
        .collect();
    for b in &mut d.blocks {
        for (pi, p) in b.patterns.iter_mut().enumerate() {
            let (literal, sets) = p.literals();
            p.required_ids = literal.iter().map(|w| word_id(&mut words, w)).collect();
            p.set_heads = sets.iter().map(|s| synset_heads.get(s.as_str()).cloned().unwrap_or_default()).collect();
            match p.required_ids.first() {
                Some(&w) => b.by_word.entry(w).or_default().push(pi as u32),
                None => b.wordless.push(pi as u32),
            }
        }
    }
    d.words = words;
    for (bi, b) in d.blocks.iter().enumerate() {
        for (vi, v) in b.verbs.iter().enumerate() {
            for f in &v.forms {
                d.by_form.entry(f.to_lowercase()).or_default().push((bi as u32, vi as u32));
            }
        }
    }
    (d, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DICT: &str = "&CURRENCY\n+MONEY\n+CASH_\n\n####### VERB PATTERNS #######\n\
---  GIVE   [---]  ---\n\
DONATE [070]\n\
GIVE {GIVES GIVING GAVE GIVEN }\n\
+HAND_OVER {+HANDS_OVER +HANDED_OVER}\n\
- * &CURRENCY (TO +)                  [071]  # GIVE\n\
- $ TROOP * {HUMANITARIAN AID}        [0733] # GIVE\n\
- * ACCESS                            [---]  # GIVE\n\
- * (TO {BANNED PARTIES} $            [1722] # broken\n\
---  SPEAK   [010]  ---\n\
SPEAK {SPOKE SPOKEN}\n\
- * (BY TELEPHONE)                    [041:041] # SPEAK\n\
- % *                                 [:046] # SPEAK\n\
######## TRANSFORMATIONS ##########\n\
~ a (a b ATTACK) SAY = a b 015\n";

    #[test]
    fn blocks_verbs_forms_and_codes() {
        let (d, errors) = parse_verbs(DICT, "t.verbs.txt");
        assert_eq!(d.blocks.len(), 2);
        let give = &d.blocks[0];
        assert_eq!(give.code.primary, None);
        assert_eq!(give.verbs[0].code.as_ref().and_then(|c| c.primary.as_deref()), Some("070"));
        assert_eq!(give.verbs[1].code, None, "GIVE takes its block's code");
        assert!(d.by_form.get("gave").is_some_and(|v| v[0] == (0, 1)));
        assert!(d.by_form.contains_key("donated"));
        assert_eq!(give.verbs[2].words, ["HAND", "OVER"]);
        assert!(d.by_form.contains_key("handed"));
        assert_eq!(d.blocks[1].code.primary.as_deref(), Some("010"));
        assert_eq!(d.synsets["&CURRENCY"], [vec!["MONEY".to_string()], vec!["CASH".to_string()]]);
        assert_eq!(d.transformations.len(), 1);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].line, 13);
    }

    #[test]
    fn a_second_file_after_transformations_extends_and_overrides() {
        let more = "---  SPEAK   [010]  ---\nCHAT\n- * (BY TELEPHONE)  [042]\n";
        let (d, errors) = parse_verbs(&format!("{DICT}\n{more}"), "t");
        assert!(errors.len() == 1, "{errors:?}");
        let speak = d.blocks.iter().find(|b| b.name == "SPEAK").unwrap();
        assert_eq!(speak.verbs.len(), 2, "CHAT added");
        assert_eq!(speak.patterns[0].code.primary.as_deref(), Some("042"), "the later pattern first");
        assert!(d.by_form.contains_key("chatted") || d.by_form.contains_key("chats"));
    }

    #[test]
    fn pattern_elements() {
        let (d, _) = parse_verbs(DICT, "t");
        let p = &d.blocks[0].patterns[0];
        assert_eq!(
            p.after,
            [
                Elem::Synset("&CURRENCY".into()),
                Elem::Prep(vec![Elem::Word { text: "TO".into(), exact: false }, Elem::Target])
            ]
        );
        assert_eq!(p.code.primary.as_deref(), Some("071"));
        let p = &d.blocks[0].patterns[1];
        assert_eq!(p.before, [Elem::Source, Elem::Word { text: "TROOP".into(), exact: false }]);
        assert_eq!(d.blocks[0].patterns[2].code.primary, None, "[---] is do-not-code");
        let paired = &d.blocks[1].patterns[0].code;
        assert_eq!((paired.primary.as_deref(), paired.paired.as_deref()), (Some("041"), Some("041")));
        let reverse = &d.blocks[1].patterns[1].code;
        assert_eq!(
            (reverse.primary.as_deref(), reverse.paired.as_deref()),
            (None, Some("046")),
            "[:046]: the other way only"
        );
        assert_eq!(parse_code("---").primary, None);
        assert_eq!(parse_code("0841:0842").paired.as_deref(), Some("0842"));
        assert_eq!(d.blocks[1].patterns[1].before, [Elem::Compound]);
    }

    #[test]
    fn a_later_file_reopens_a_block_to_recode_a_verb_and_put_its_patterns_first() {
        let later = "---  GIVE   [---]  ---\nDONATE [071]\nHAND_OVER\n- * &CURRENCY (TO +)   [0711]  # GIVE\n";
        let (d, errors) = parse_verbs(&format!("{DICT}\n{later}"), "t.verbs.txt");
        assert_eq!(errors.len(), parse_verbs(DICT, "t.verbs.txt").1.len(), "the later file reads clean: {errors:?}");
        let give = d.blocks.iter().find(|b| b.name == "GIVE").unwrap();
        assert_eq!(give.verbs.len(), 3, "no verb is added twice");
        assert_eq!(give.verbs[0].code.as_ref().and_then(|c| c.primary.as_deref()), Some("071"));
        assert_eq!(give.verbs[2].words, ["HAND", "OVER"]);
        assert_eq!(give.patterns[0].code.primary.as_deref(), Some("0711"), "the later pattern is tried first");
        assert_eq!(d.by_form.get("donated").map(Vec::len), Some(1));
    }

    #[test]
    fn regular_inflections() {
        for (base, form) in [
            ("PROVIDE", "PROVIDED"),
            ("CRITICIZE", "CRITICISED"),
            ("CRITICISE", "CRITICIZES"),
            ("STOP", "STOPPED"),
            ("CARRY", "CARRIED"),
            ("URGE", "URGING"),
            ("PUSH", "PUSHES"),
        ] {
            assert!(inflect(base).contains(&form.to_string()), "{base} -> {form}: {:?}", inflect(base));
        }
    }
}
