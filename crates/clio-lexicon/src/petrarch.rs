//! PETRARCH dictionary formats, read as they are.
//!
//! Actors (`*.actors.txt`): an entry is a phrase, its `+` synonyms, and its
//! codes, on the same line or on indented lines below; a code may carry a
//! date range (`[USAGOV >090120]`, `[CHNGOV 030101-050731]`, `<YYMMDD`).
//! Words are joined by `_`; a trailing `_` marks a whole word.
//!
//! Agents (`*.agents.txt`): `PHRASE [~GOV]` appends the agent to the
//! actor's code (CHN + GOV), `PHRASE [IGO~]` puts it first. `!PERSON! = MAN,
//! WOMAN` defines a substitution set used inside phrases; `{PLURAL}` gives
//! irregular plurals and `{}` none, otherwise a regular plural is made.
//!
//! Discards (`*.discards.txt`): phrases whose presence stops coding of the
//! sentence, or of the whole story when marked `+`.

use jiff::civil::Date;

/// A dictionary line that could not be read, with where it is.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct DictError {
    /// File name.
    pub file: String,
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// An actor code valid between two dates (inclusive, open when `None`).
#[derive(Clone, Debug, PartialEq)]
pub struct DatedCode {
    /// CAMEO actor code, e.g. `CHNGOV`.
    pub code: String,
    /// First day, if bounded.
    pub from: Option<Date>,
    /// Last day, if bounded.
    pub until: Option<Date>,
}

impl DatedCode {
    fn is_dated(&self) -> bool {
        self.from.is_some() || self.until.is_some()
    }

    fn covers(&self, d: Date) -> bool {
        self.from.is_none_or(|f| f <= d) && self.until.is_none_or(|u| d <= u)
    }

    /// Roughly how many days `d` lies outside the range (0 inside).
    fn distance(&self, d: Date) -> i32 {
        let day = |x: Date| i32::from(x.year()) * 372 + i32::from(x.month()) * 31 + i32::from(x.day());
        let before = self.from.map_or(0, |f| day(f) - day(d));
        let after = self.until.map_or(0, |u| day(d) - day(u));
        before.max(after).max(0)
    }
}

/// An actor: its phrases and codes.
#[derive(Clone, Debug, PartialEq)]
pub struct ActorEntry {
    /// The primary phrase first, then synonyms, as written (`YANG_JIECHI_`).
    pub phrases: Vec<String>,
    /// Codes, in file order.
    pub codes: Vec<DatedCode>,
}

impl ActorEntry {
    /// True when a dated code covers `date`.
    pub fn in_office_on(&self, date: Date) -> bool {
        self.codes.iter().any(|c| c.is_dated() && c.covers(date))
    }

    /// The code in force on `date`: the dated code whose range covers it,
    /// else an undated one. With no date, an undated code, else the latest
    /// open-ended one (the entry's current code). A date outside every
    /// range (someone between offices, or long out of one) keeps only the
    /// country of the nearest office: a former minister is still of that
    /// country, but no longer its government. With no date and only closed
    /// offices of different roles in one country ("SUHARTO_": elite, then
    /// government, then elite again), the country alone.
    pub fn code_on(&self, date: Option<Date>) -> Option<&str> {
        let undated = self.codes.iter().find(|c| !c.is_dated());
        match date {
            Some(d) => match self.codes.iter().find(|c| c.is_dated() && c.covers(d)).or(undated) {
                Some(c) => Some(c.code.as_str()),
                None => self.codes.iter().min_by_key(|c| c.distance(d)).map(|c| c.code.get(..3).unwrap_or(&c.code)),
            },
            None => match undated.or_else(|| self.codes.iter().filter(|c| c.until.is_none()).max_by_key(|c| c.from)) {
                Some(c) => Some(c.code.as_str()),
                None => {
                    let first = self.codes.first()?.code.as_str();
                    let same = |n: usize| self.codes.iter().all(|c| c.code.get(..n) == first.get(..n));
                    if same(first.len()) || !same(3) {
                        Some(first)
                    } else {
                        first.get(..3)
                    }
                }
            },
        }
    }
}

/// Where an agent code goes relative to the actor's code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AgentPlacement {
    /// `~GOV`: after (CHN + GOV = CHNGOV).
    Suffix,
    /// `IGO~`: before.
    Prefix,
}

/// An agent phrase ("FOREIGN MINISTER") and its code.
#[derive(Clone, Debug, PartialEq)]
pub struct AgentEntry {
    /// The phrase, substitutions expanded.
    pub phrase: String,
    /// Code without the `~` (`GOV`).
    pub code: String,
    /// Where it goes.
    pub placement: AgentPlacement,
}

/// A discard phrase.
#[derive(Clone, Debug, PartialEq)]
pub struct Discard {
    /// The phrase.
    pub phrase: String,
    /// True for `+`: the whole story is not coded.
    pub story: bool,
}

fn strip_comment(line: &str) -> &str {
    line.split('#').next().unwrap_or("")
}

/// Parses a date of a code range: YYMMDD (years < 40 are 20YY) or YYYYMMDD.
fn parse_code_date(s: &str) -> Option<Date> {
    let s = s.trim();
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (y, rest) = match s.len() {
        6 => {
            let yy: i16 = s[..2].parse().ok()?;
            (if yy < 40 { 2000 + yy } else { 1900 + yy }, &s[2..])
        }
        8 => (s[..4].parse().ok()?, &s[4..]),
        _ => return None,
    };
    Date::new(y, rest[..2].parse().ok()?, rest[2..].parse().ok()?).ok()
}

/// Parses the inside of `[...]`: a code and an optional range.
fn parse_code(inner: &str) -> Result<DatedCode, String> {
    let mut parts = inner.split_whitespace();
    let code = parts.next().ok_or("empty code brackets")?.to_string();
    if !code.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(format!("code {code:?} is not letters and digits"));
    }
    // The range may be written with spaces: "> 140608", "100101 - 151231".
    let range: String = parts.collect();
    let range = Some(range.as_str()).filter(|r| !r.is_empty());
    let bad = |r: &str| format!("date range {r:?} is not >YYMMDD, <YYMMDD or YYMMDD-YYMMDD");
    let (from, until) = match range {
        None => (None, None),
        Some(r) if r.starts_with('>') => (Some(parse_code_date(&r[1..]).ok_or_else(|| bad(r))?), None),
        Some(r) if r.starts_with('<') => (None, Some(parse_code_date(&r[1..]).ok_or_else(|| bad(r))?)),
        Some(r) => {
            let (a, b) = r.split_once('-').ok_or_else(|| bad(r))?;
            (Some(parse_code_date(a).ok_or_else(|| bad(r))?), Some(parse_code_date(b).ok_or_else(|| bad(r))?))
        }
    };
    Ok(DatedCode { code, from, until })
}

/// Splits a line into its phrase and the bracketed codes after it.
fn split_codes(line: &str) -> Result<(&str, Vec<&str>), String> {
    let Some(open) = line.find('[') else { return Ok((line.trim(), Vec::new())) };
    let phrase = line[..open].trim();
    let mut codes = Vec::new();
    let mut rest = &line[open..];
    while let Some(o) = rest.find('[') {
        let close = rest[o..].find(']').ok_or("a '[' is not closed")?;
        codes.push(&rest[o + 1..o + close]);
        rest = &rest[o + close + 1..];
    }
    Ok((phrase, codes))
}

/// Reads an actors file. Bad lines are returned as errors and skipped.
pub fn parse_actors(text: &str, file: &str) -> (Vec<ActorEntry>, Vec<DictError>) {
    let mut entries: Vec<ActorEntry> = Vec::new();
    let mut errors = Vec::new();
    let mut current: Option<ActorEntry> = None;
    let err = |line: usize, message: String| DictError { file: file.into(), line, message };
    let finish = |cur: &mut Option<ActorEntry>, entries: &mut Vec<ActorEntry>| {
        if let Some(e) = cur.take() {
            if !e.codes.is_empty() {
                entries.push(e);
            }
        }
    };
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let line = strip_comment(raw);
        if line.trim().is_empty() {
            continue;
        }
        let (phrase, codes) = match split_codes(line) {
            Ok(x) => x,
            Err(m) => {
                errors.push(err(n, m));
                continue;
            }
        };
        let mut parsed = Vec::new();
        for c in codes {
            match parse_code(c) {
                Ok(c) => parsed.push(c),
                Err(m) => errors.push(err(n, m)),
            }
        }
        let indented = raw.starts_with([' ', '\t']);
        let phrase = underscored(phrase);
        let phrase = phrase.as_str();
        if phrase.is_empty() {
            match current.as_mut() {
                Some(e) => e.codes.extend(parsed),
                None if !parsed.is_empty() => errors.push(err(n, "a code with no actor above it".into())),
                None => {}
            }
        } else if let Some(syn) = phrase.strip_prefix('+') {
            match current.as_mut() {
                Some(e) => {
                    e.phrases.extend(with_acronym_dropped(syn.trim()));
                    e.codes.extend(parsed);
                }
                None => errors.push(err(n, format!("synonym {syn:?} with no actor above it"))),
            }
        } else if indented && current.is_some() && parsed.is_empty() {
            errors.push(err(n, format!("indented line {phrase:?} is neither a code nor a synonym")));
        } else {
            finish(&mut current, &mut entries);
            current = Some(ActorEntry { phrases: with_acronym_dropped(phrase), codes: parsed });
        }
    }
    finish(&mut current, &mut entries);
    (entries, errors)
}

/// A phrase with spaces written for underscores, as some entries have
/// them ("UNITED_NATIONS COMMISSION_FOR_REFUGEES_", "ANTONIO_ NDONG_"):
/// the name is still one phrase of all its words.
fn underscored(phrase: &str) -> String {
    let mut out = String::with_capacity(phrase.len());
    for (i, part) in phrase.split_whitespace().enumerate() {
        if i > 0 && !out.ends_with('_') {
            out.push('_');
        }
        out.push_str(part);
    }
    out
}

/// A phrase, and without its acronym when it ends with one in brackets
/// ("LIBERATION_TIGERS_OF_TAMIL_EELAM_(LTTE)_": the name is written
/// without it in text; the acronym after a name is read as its alias).
/// Brackets that are not the name's initials ("SAMOA_(AMERICAN)") stay.
fn with_acronym_dropped(phrase: &str) -> Vec<String> {
    let mut out = vec![phrase.to_string()];
    let trimmed = phrase.trim_end_matches('_');
    if let Some((name, acronym)) = trimmed.strip_suffix(')').and_then(|p| p.rsplit_once('(')) {
        let name = name.trim_end_matches('_');
        let initials: String = name
            .split('_')
            .filter(|w| !w.is_empty() && !matches!(*w, "OF" | "THE" | "FOR" | "AND" | "DE" | "DU"))
            .filter_map(|w| w.chars().next())
            .collect();
        if acronym.len() >= 2 && acronym.chars().all(|c| c.is_ascii_uppercase()) && initials == acronym {
            out.push(format!("{name}_"));
        }
    }
    out
}

/// Reads an agents file. Bad lines are returned as errors and skipped.
pub fn parse_agents(text: &str, file: &str) -> (Vec<AgentEntry>, Vec<DictError>) {
    let mut sets: Vec<(String, Vec<String>)> = Vec::new();
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let line = strip_comment(raw).trim();
        if line.is_empty() {
            continue;
        }
        if line.starts_with('!') && line.contains('=') && !line.contains('[') {
            if let Some((name, alts)) = line.split_once('=') {
                let alts = alts.split(',').map(|a| a.trim().to_string()).filter(|a| !a.is_empty()).collect();
                sets.push((name.trim().to_string(), alts));
            }
            continue;
        }
        let (head, codes) = match split_codes(line) {
            Ok(x) => x,
            Err(m) => {
                errors.push(DictError { file: file.into(), line: n, message: m });
                continue;
            }
        };
        let [code] = codes.as_slice() else {
            errors.push(DictError {
                file: file.into(),
                line: n,
                message: "an agent needs one [~CODE] or [CODE~]".into(),
            });
            continue;
        };
        let code = code.trim();
        let (code, placement) = if let Some(c) = code.strip_prefix('~') {
            (c, AgentPlacement::Suffix)
        } else if let Some(c) = code.strip_suffix('~') {
            (c, AgentPlacement::Prefix)
        } else {
            errors.push(DictError { file: file.into(), line: n, message: format!("agent code {code:?} has no '~'") });
            continue;
        };
        // "PHRASE {PLURAL_A, PLURAL_B}": explicit plurals; "{}": none.
        let (phrase, plurals) = match head.find('{') {
            Some(o) => {
                let close = head[o..].find('}').map_or(head.len(), |c| o + c);
                let inner = &head[o + 1..close];
                (head[..o].trim(), Some(inner.split(',').map(str::trim).filter(|p| !p.is_empty()).collect::<Vec<_>>()))
            }
            None => (head, None),
        };
        let mut forms = vec![phrase.to_string()];
        match plurals {
            Some(ps) => forms.extend(ps.into_iter().map(str::to_string)),
            None => forms.push(regular_plural(phrase)),
        }
        for form in forms {
            for expanded in expand_sets(&form, &sets) {
                out.push(AgentEntry { phrase: expanded, code: code.to_string(), placement });
            }
        }
    }
    (out, errors)
}

/// "MINISTER" -> "MINISTERS", "CHURCH" -> "CHURCHES", "ARMY" -> "ARMIES".
fn regular_plural(phrase: &str) -> String {
    let p = phrase.trim_end_matches('_');
    if p.ends_with('!') {
        return p.to_string(); // substitution sets carry their own plurals
    }
    let upper = p.to_ascii_uppercase();
    if upper.ends_with('Y') && !upper.ends_with("AY") && !upper.ends_with("EY") && !upper.ends_with("OY") {
        format!("{}IES", &p[..p.len() - 1])
    } else if ["S", "X", "CH", "SH", "Z"].iter().any(|e| upper.ends_with(e)) {
        format!("{p}ES")
    } else {
        format!("{p}S")
    }
}

/// Every expansion of `!SET!` references in a phrase, read left to right:
/// each reference in the phrase is replaced by each alternative, and an
/// alternative is taken as written (in a broken file one may name its own
/// set, which would otherwise expand forever). A phrase gives at most
/// [`MAX_EXPANSIONS`].
fn expand_sets(phrase: &str, sets: &[(String, Vec<String>)]) -> Vec<String> {
    let mut out = Vec::new();
    expand_from(String::new(), phrase, sets, &mut out);
    out
}

/// Expansions of one phrase at most (a file's sets multiply).
const MAX_EXPANSIONS: usize = 4096;

/// Expands the references in `rest`, after `done` (already expanded).
fn expand_from(done: String, rest: &str, sets: &[(String, Vec<String>)], out: &mut Vec<String>) {
    if out.len() >= MAX_EXPANSIONS {
        return;
    }
    let first = sets
        .iter()
        .filter(|(name, _)| !name.is_empty())
        .filter_map(|(name, alts)| rest.find(name.as_str()).map(|at| (at, name, alts)))
        .min_by_key(|&(at, _, _)| at);
    let Some((at, name, alts)) = first else {
        out.push(done + rest);
        return;
    };
    for alt in alts {
        expand_from(format!("{done}{}{alt}", &rest[..at]), &rest[at + name.len()..], sets, out);
    }
}

/// Reads a discards file.
pub fn parse_discards(text: &str) -> Vec<Discard> {
    text.lines()
        .map(|l| strip_comment(l).trim())
        .filter(|l| !l.is_empty())
        .map(|l| match l.strip_prefix('+') {
            Some(p) => Discard { phrase: p.trim().to_string(), story: true },
            None => Discard { phrase: l.to_string(), story: false },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACTORS: &str = "# test actors\n\
NORLAND_  [NRL]\n\
+NORLANDIC_\n\
+NORBURG_ # the capital\n\
JAN_OLSEN_  # CountryInfo.txt\n\
+PRESIDENT_JAN_OLSEN\n\
\t[NRLGOV 100101-151231]\n\
\t[NRLOPP >160101]\n\
\t[NRLELI]\n\
BAD_ENTRY\n\
\t[NRLGOV 2004017-20061201]\n\
+ORPHAN\n";

    fn d(y: i16, m: i8, day: i8) -> Option<Date> {
        Date::new(y, m, day).ok()
    }

    #[test]
    fn a_name_is_also_read_without_its_acronym_in_brackets() {
        assert_eq!(
            with_acronym_dropped("LIBERATION_TIGERS_OF_TAMIL_EELAM_(LTTE)_"),
            ["LIBERATION_TIGERS_OF_TAMIL_EELAM_(LTTE)_", "LIBERATION_TIGERS_OF_TAMIL_EELAM_"]
        );
        assert_eq!(with_acronym_dropped("SAMOA_(AMERICAN)_"), ["SAMOA_(AMERICAN)_"]);
        assert_eq!(with_acronym_dropped("NORLAND_"), ["NORLAND_"]);
    }

    #[test]
    fn a_name_written_with_spaces_for_underscores_is_one_phrase() {
        let text = "NORLAND_ COAST_GUARD_  [NRLMIL]\nJAN  OLSEN_ # a comment\n\t[NRLGOV]\n+JAN_ERIK OLSEN_\n";
        let (entries, errors) = parse_actors(text, "t.actors.txt");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(entries[0].phrases, ["NORLAND_COAST_GUARD_"]);
        assert_eq!(entries[1].phrases, ["JAN_OLSEN_", "JAN_ERIK_OLSEN_"]);
    }

    #[test]
    fn actors_synonyms_and_dated_codes() {
        let (entries, errors) = parse_actors(ACTORS, "t.actors.txt");
        assert_eq!(entries[0].phrases, ["NORLAND_", "NORLANDIC_", "NORBURG_"]);
        assert_eq!(entries[0].code_on(None), Some("NRL"));
        let olsen = &entries[1];
        assert_eq!(olsen.phrases[1], "PRESIDENT_JAN_OLSEN");
        assert_eq!(olsen.code_on(d(2012, 5, 1)), Some("NRLGOV"));
        assert_eq!(olsen.code_on(d(2019, 5, 1)), Some("NRLOPP"));
        assert_eq!(olsen.code_on(d(1990, 5, 1)), Some("NRLELI"), "outside every range: the undated code");
        assert_eq!(olsen.code_on(None), Some("NRLELI"));
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].line, 11);
        assert!(errors[0].to_string().starts_with("t.actors.txt:11: date range"));
    }

    #[test]
    fn ranges_written_with_spaces_keep_their_entry() {
        let (e, errors) = parse_actors("SISI_\n\t[EGYGOV > 140608]\n\t[EGYMIL 100101 - 140607]\n", "a");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(e[0].code_on(d(2015, 1, 1)), Some("EGYGOV"));
        assert_eq!(e[0].code_on(d(2012, 1, 1)), Some("EGYMIL"));
    }

    #[test]
    fn no_date_picks_the_current_open_ended_code() {
        let (e, _) = parse_actors("YANG_\n\t[CHNGOV 030101-050731]\n\t[CHNGOV >070601]\n", "a");
        assert_eq!(e[0].codes[1].from, d(2007, 6, 1));
        assert_eq!(e[0].code_on(None), Some("CHNGOV"));
        let (e, _) = parse_actors("X_\n\t[AAAGOV <051231]\n\t[AAAOPP >060101]\n", "a");
        assert_eq!(e[0].code_on(None), Some("AAAOPP"));
        assert_eq!(e[0].code_on(d(2004, 1, 1)), Some("AAAGOV"));
        // Between two offices, or after the last: the country of the nearest.
        let (e, _) = parse_actors("Y_\n\t[BBBGOV 100101-121231]\n\t[IGOUNO 150101-161231]\n", "a");
        assert_eq!(e[0].code_on(d(2013, 3, 1)), Some("BBB"));
        assert_eq!(e[0].code_on(d(2020, 3, 1)), Some("IGO"));
        assert_eq!(e[0].code_on(d(2016, 3, 1)), Some("IGOUNO"));
    }

    #[test]
    fn no_date_and_only_closed_offices_of_one_country_give_the_country() {
        let (e, _) = parse_actors("Z_\n\t[CCCELI 600101-700312]\n\t[CCCGOV 700312-980521]\n", "a");
        assert_eq!(e[0].code_on(None), Some("CCC"), "which role is unknown, the country is not");
        assert_eq!(e[0].code_on(d(1980, 1, 1)), Some("CCCGOV"));
        let (e, _) = parse_actors("W_\n\t[DDDGOV 600101-700312]\n", "a");
        assert_eq!(e[0].code_on(None), Some("DDDGOV"), "one role: that role");
        let (e, _) = parse_actors("V_\n\t[DDDGOV 600101-700312]\n\t[IGOUNO 700313-800101]\n", "a");
        assert_eq!(e[0].code_on(None), Some("DDDGOV"), "two countries: the first office, as before");
    }

    #[test]
    fn agents_substitution_plurals_and_placement() {
        let text = "!PERSON! = MAN, WOMAN\n!MINIST! = MINISTER, MINISTRY\nFOREIGN_!MINIST! [~GOV]\nCHAIR!PERSON! [~GOV]\nPEACEKEEPING_TROOPS {} [IGO~]\nCHAMBER_OF_COMMERCE {CHAMBERS_OF_COMMERCE} [~BUS]\nARMY [~MIL]\nBROKEN [GOV]\n";
        let (agents, errors) = parse_agents(text, "t.agents.txt");
        let phrases: Vec<&str> = agents.iter().map(|a| a.phrase.as_str()).collect();
        for p in ["FOREIGN_MINISTER", "FOREIGN_MINISTRY", "CHAIRMAN", "CHAIRWOMAN", "CHAMBERS_OF_COMMERCE", "ARMIES"] {
            assert!(phrases.contains(&p), "{p} in {phrases:?}");
        }
        assert!(!phrases.contains(&"PEACEKEEPING_TROOPSS"));
        let igo = agents.iter().find(|a| a.phrase == "PEACEKEEPING_TROOPS").unwrap();
        assert_eq!((igo.code.as_str(), igo.placement), ("IGO", AgentPlacement::Prefix));
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 8);
    }

    #[test]
    fn a_substitution_set_that_names_itself_expands_once() {
        // A broken agents file: the set's alternatives name the set again.
        let text = "!CHIEF! = !CHIEF!, HEAD\n!CHIEF!_OF_STAFF [~MIL]\n";
        let (agents, errors) = parse_agents(text, "my.agents.txt");
        assert!(errors.is_empty(), "{errors:?}");
        let mut phrases: Vec<&str> = agents.iter().map(|a| a.phrase.as_str()).collect();
        phrases.sort_unstable();
        // The phrase and its plural, each with the set's two alternatives
        // as written.
        assert_eq!(phrases, ["!CHIEF!_OF_STAFF", "!CHIEF!_OF_STAFFS", "HEAD_OF_STAFF", "HEAD_OF_STAFFS"]);
    }

    #[test]
    fn discards_sentence_and_story_level() {
        let d = parse_discards("# c\nBRONZE MEDAL\n+Manchester United   # pas\n");
        assert_eq!(
            d,
            [
                Discard { phrase: "BRONZE MEDAL".into(), story: false },
                Discard { phrase: "Manchester United".into(), story: true }
            ]
        );
    }
}
