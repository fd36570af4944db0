//! CAMEO actor codes for entities, each with the rule that gave it.
//!
//! | entity | rules, in order |
//! | --- | --- |
//! | place | its country's code; before a state's dissolution, the state's and the republic's as the dictionaries write them ("Moscow" in 1987 -> SUNRUS, "Kiev" -> USRUKR) |
//! | country word | the country (also a name the dictionary lists for it spelt one letter off: "Ethopia"); with a collective, an agent or a body of the state after it, that group's ("the Chinese side" -> CHNGOV, "Japan's Finance Ministry" -> JPNGOV, "Kenya's Supreme Court" -> KENJUD) |
//! | organisation | the dictionary (date-aware); an international organisation its name begins with ("United Nations Development Programme" -> IGOUNO); a country in its name (not a town: "Chase Manhattan" is no country's) + its head's agent ("Communist Party of China" -> CHN + PTY); the body named with its country elsewhere in the article ("Navy" after "U.S. Navy" -> USAMIL); a region in its name + a government head ("Gulf Cooperation Council" -> IGOPGS); the article's country + a government head ("National Health Commission" -> CHNGOV) |
//! | person | speaks for an international organisation ("WHO Director-General" -> the WHO's code); the dictionary, unless a national figure's role is outdated against the title or the text gives the titled person another country (a namesake); a titled name one letter off a single dictionary person's ("Secretary of State George Schultz"); title + country ("U.S. Secretary of State" -> USAGOV); a role in a national organisation; title + the article's country |

use clio_lexicon::{PhraseIndex, Sense};
use clio_model::EntityType;
use jiff::civil::Date;

use super::words::{is_in, one_of, COLLECTIVES, CONNECTORS, CORPORATE_FORMS, ORG_HEADS};
use super::Builder;

/// The agent a head word of an organisation's name implies.
pub(super) fn org_agent(head: &str) -> Option<&'static str> {
    let h = head.trim_end_matches('.').to_lowercase();
    let agent = match h.as_str() {
        "party" | "parties" => "PTY",
        "university" | "college" | "school" | "academy" | "institute" => "EDU",
        "post" | "times" | "news" | "press" | "broadcasting" | "television" | "radio" | "journal" | "herald"
        | "tribune" | "gazette" | "daily" | "network" => "MED",
        "army" | "forces" | "navy" | "brigade" | "brigades" => "MIL",
        "police" => "COP",
        "bank" | "banks" | "company" | "corporation" | "corp" | "co" | "cos" | "inc" | "ltd" | "plc" | "ag" | "nv"
        | "sa" | "spa" | "bhd" | "gmbh" | "llc" | "holdings" | "industries" | "airlines" | "airways" | "exchange" => {
            "BUS"
        }
        "hospital" => "HLH",
        "parliament" | "congress" | "senate" | "assembly" => "LEG",
        "court" | "tribunal" => "JUD",
        "commission" | "ministry" | "ministries" | "department" | "council" | "bureau" | "office" | "agency"
        | "committee" | "cabinet" | "administration" | "authority" | "board" | "secretariat" | "mission"
        | "treasury" | "government" => "GOV",
        _ => return None,
    };
    Some(agent)
}

/// Whether a title is a government office ("Minister", "President").
fn political_title(title: &str) -> bool {
    let t = title.to_lowercase();
    [
        "president",
        "minister",
        "secretary",
        "premier",
        "chancellor",
        "ambassador",
        "envoy",
        "spokes",
        "governor",
        "mayor",
        "director",
        "king",
        "queen",
        "emir",
        "sultan",
        "prince",
        "commissioner",
        "chairman",
        "leader",
        "official",
    ]
    .iter()
    .any(|w| t.contains(w))
}

impl Builder<'_> {
    /// The agent code of a title, from the agents dictionary, else GOV for
    /// a government office. A spokesperson speaks for what the title names
    /// before ("army spokesman" is the army's), so the dictionary's media
    /// code for the word alone is not the title's.
    fn title_agent(&self, title: &str) -> Option<String> {
        let toks = clio_text::tokenize(title);
        let found = self.lex.find(&PhraseIndex::new(title, &toks));
        let any = || self.last_agent(title, &found);
        let political = || political_title(title).then(|| "GOV".to_string());
        // A spokesman speaks for what the title names before ("army
        // spokesman"); a role told in a phrase ("president of the
        // opposition party") by its last word the dictionary knows.
        // Otherwise the title's last word names the role and the words
        // before it qualify it ("Deputy Under Secretary" is a secretary,
        // whatever the dictionary makes of a deputy alone).
        // ("and" joins two portfolios of one office: "Trade and Industry
        // Minister" is a minister.)
        let words = || title.split_whitespace().filter(|w| *w != "and");
        let phrase = words().count() > 4 || words().any(|w| is_in(&CONNECTORS, w));
        if phrase || title.split_whitespace().last().is_some_and(|w| w.to_lowercase().starts_with("spokes")) {
            // A minister's portfolio qualifies a government office
            // ("secretary for trade and industry" is GOVBUS, as the
            // dictionary's "industry minister" is), where the president
            // of a party is the party's.
            let minister = title.split_whitespace().next().is_some_and(|w| one_of(&["minister", "secretary"], w));
            return match any() {
                Some(a) if minister && !a.starts_with("GOV") => Some(format!("GOV{a}")),
                agent => agent.or_else(political),
            };
        }
        let head = found.iter().rev().filter(|m| m.token_end == toks.len()).find_map(|m| self.agent_of(m));
        head.or_else(political).or_else(any)
    }

    /// The agent of a phrase of two or more words the dictionary knows
    /// that ends `text`, with at most a country before it ("Swiss
    /// National Bank": NATIONAL_BANK); not inside a company's name
    /// ("Security Pacific National Bank").
    fn phrase_agent(&self, text: &str) -> Option<String> {
        let toks = clio_text::tokenize(text);
        let found = self.lex.find(&PhraseIndex::new(text, &toks));
        let country = |m: &clio_lexicon::LexMatch| {
            self.lex.senses(m.phrase).iter().any(|s| matches!(s, Sense::Country(_) | Sense::Demonym(_)))
        };
        let by_countries = |start: usize| {
            let mut k = 0;
            while k < start {
                match found.iter().find(|m| m.token_start == k && m.token_end <= start && country(m)) {
                    Some(m) => k = m.token_end,
                    None => return k == start,
                }
            }
            true
        };
        found
            .iter()
            .filter(|m| m.token_end == toks.len() && m.token_end - m.token_start >= 2 && by_countries(m.token_start))
            .find_map(|m| self.agent_of(m))
    }

    /// The agent code of a dictionary match, if it is an agent's.
    fn agent_of(&self, m: &clio_lexicon::LexMatch) -> Option<String> {
        self.lex.senses(m.phrase).iter().find_map(|s| match *s {
            Sense::Agent(a) => self.lex.agent(a).map(|a| a.code.clone()).filter(|c| !c.is_empty()),
            _ => None,
        })
    }

    /// The agent of the last of `found` (matches in `text`) that names
    /// one; a spokesman's word is not the role of what he speaks for.
    fn last_agent(&self, text: &str, found: &[clio_lexicon::LexMatch]) -> Option<String> {
        let speaks_for = |m: &&clio_lexicon::LexMatch| !m.span.slice(text).to_lowercase().starts_with("spokes");
        found.iter().rev().filter(speaks_for).find_map(|m| self.agent_of(m))
    }

    /// The agent of a title that names the person's company, `org`
    /// ("head of the planning division of Thai Farmers Bank Ltd"): one the
    /// title's own words name ("chief economist"), else the company's
    /// branch; the words of a company's name ("Farmers") are its name,
    /// not the person's role. Government at large, a guess from words
    /// like "president", only when nothing more specific is said.
    fn company_title_agent(&self, title: &str, org: &str, branch: Option<String>) -> Option<String> {
        // The role is the words before the first connector ("deputy
        // director | of the ..."), read as a title of its own.
        let own = title.find(org).map_or(title, |at| title[..at].trim_end());
        let role: Vec<&str> = own
            .split_whitespace()
            .skip_while(|w| one_of(&["the", "a", "an"], w))
            .take_while(|w| !is_in(&CONNECTORS, w))
            .collect();
        let own = Some(role.join(" ")).filter(|r| !r.is_empty()).and_then(|r| self.title_agent(&r));
        own.clone().filter(|a| a != "GOV").or(branch).or(own)
    }

    /// The code of an international or non-governmental organisation
    /// the dictionaries know that `name` begins with, followed by more
    /// words: by its name, or by the abbreviation its initials spell ("EC
    /// Commission").
    /// (`toks` and `found`: the name's tokens and dictionary phrases.)
    fn international_prefix(
        &self,
        name: &str,
        toks: &[clio_model::Token],
        found: &[clio_lexicon::LexMatch],
    ) -> Option<String> {
        let international = |c: &String| c.starts_with("IGO") || c.starts_with("NGO");
        let named = found
            .iter()
            .filter(|m| m.token_start == 0 && m.token_end < toks.len())
            .flat_map(|m| self.lex.senses(m.phrase).iter())
            .find_map(|s| match *s {
                Sense::Actor(a) => self.dict_code(a).filter(international),
                _ => None,
            });
        let first = toks.first().filter(|_| toks.len() > 1).map(|t| t.span.slice(name));
        named.or_else(|| {
            let entry = *self.stage.acronyms.get(first?)?;
            self.dict_code(entry).filter(international)
        })
    }

    /// The code of a body the dictionaries know by two or more words that
    /// `name` begins with, after its country if it names one, and goes on
    /// past ("U.S. Federal Reserve", "Federal Reserve Board":
    /// FEDERAL_RESERVE, USAGOVBUS): the body, or a part of it. A bare
    /// country's code is no body's; a country named first must be the
    /// body's own.
    fn known_body(&self, toks: &[clio_model::Token], found: &[clio_lexicon::LexMatch]) -> Option<String> {
        // The country a phrase names: a country block of the dictionaries,
        // a country or its adjective in the gazetteer.
        let country_of = |m: &clio_lexicon::LexMatch| {
            self.lex.senses(m.phrase).iter().find_map(|s| match *s {
                Sense::Actor(a) => self.dict_code(a).filter(|c| self.lex.is_country_code(c)),
                Sense::Country(c) => self.lex.gazetteer.countries.get(c as usize).map(|c| c.iso3.clone()),
                Sense::Demonym(d) => self.lex.gazetteer.demonyms.get(d as usize).map(|(_, c)| c.clone()),
                _ => None,
            })
        };
        let country = found.iter().filter(|m| m.token_start == 0).find_map(|m| Some((m.token_end, country_of(m)?)));
        let from = country.as_ref().map_or(0, |(end, _)| *end);
        let own = |c: &String| c.len() > 3 && country.as_ref().is_none_or(|(_, k)| c.starts_with(k.as_str()));
        found
            .iter()
            .filter(|m| {
                m.token_start == from && m.token_end - m.token_start >= 2 && (from > 0 || m.token_end < toks.len())
            })
            .flat_map(|m| self.lex.senses(m.phrase).iter())
            .find_map(|s| match *s {
                Sense::Actor(a) => self.dict_code(a).filter(own),
                _ => None,
            })
    }

    fn dict_code(&self, entry: u32) -> Option<String> {
        self.lex.actor(entry).and_then(|a| a.code_on(self.date)).map(str::to_string)
    }
}

/// Fills `actor`, `actor_rule` and `country` of every entity.
pub(super) fn assign_codes(b: &mut Builder) {
    // Places and organisations first: people may speak for them.
    for i in 0..b.ents.len() {
        let (code, rule) = match b.ents[i].e.etype {
            EntityType::Loc => match b.ents[i].dict.and_then(|d| b.dict_code(d)).filter(|c| c.len() > 3) {
                Some(code) => (Some(code), "dictionary"),
                None => match b.ents[i].e.country.as_deref().and_then(|c| within_former_state(c, b.date)) {
                    // "Moscow" in 1987 is a place of the Soviet Union.
                    Some(code) => {
                        b.ents[i].e.country = Some(code[..3].to_string());
                        (Some(code), "place in its country, then part of another state")
                    }
                    None => (b.ents[i].e.country.clone(), "place in its country"),
                },
            },
            EntityType::Org => org_code(b, i),
            EntityType::Person => continue,
        };
        set(b, i, code, rule);
    }
    for i in 0..b.ents.len() {
        if b.ents[i].e.etype == EntityType::Person {
            let (code, rule) = person_code(b, i);
            set(b, i, code, rule);
        }
    }
}

/// The code of a country that was part of a state since dissolved, on
/// `date`, as the actor dictionaries write its own entry: Russia in the
/// Soviet Union "SUNRUS" (`RUSSIAN_SFSR`), the other Soviet republics
/// "USR" + the republic until the day each declared independence
/// (`UKRAINE_ [USRUKR <910824]`), Yugoslavia's "YUG" + the republic,
/// Czechoslovakia's "CSK" (users truncate to the state). `None` when the
/// country stood on its own then, or the date is unknown.
fn within_former_state(country: &str, date: Option<Date>) -> Option<String> {
    const UNTIL: &[(&str, &str, (i16, i8, i8))] = &[
        ("RUS", "SUNRUS", (1991, 12, 26)),
        ("ARM", "USRARM", (1990, 8, 23)),
        ("AZE", "USRAZE", (1991, 10, 18)),
        ("BLR", "USRBLR", (1991, 8, 25)),
        ("GEO", "USRGEO", (1991, 4, 9)),
        ("KAZ", "USRKAZ", (1991, 12, 16)),
        ("KGZ", "USRKGZ", (1991, 8, 31)),
        ("MDA", "USRMDA", (1991, 8, 27)),
        ("TJK", "USRTJK", (1991, 9, 9)),
        ("TKM", "USRTKM", (1991, 10, 16)),
        ("UKR", "USRUKR", (1991, 8, 24)),
        ("UZB", "USRUZB", (1991, 9, 1)),
        ("HRV", "YUGHRV", (1991, 6, 25)),
        ("SVN", "YUGSVN", (1991, 6, 25)),
        ("MKD", "YUGMKD", (1991, 9, 8)),
        ("BIH", "YUGBIH", (1992, 3, 5)),
        ("MNE", "YUGMNE", (1992, 4, 27)),
        ("SRB", "YUGSRB", (1992, 4, 27)),
        ("CZE", "CSK", (1993, 1, 1)),
        ("SVK", "CSK", (1993, 1, 1)),
    ];
    let date = date?;
    let &(_, code, (y, m, d)) = UNTIL.iter().find(|(c, _, _)| *c == country)?;
    Date::new(y, m, d).is_ok_and(|end| date < end).then(|| code.to_string())
}

fn set(b: &mut Builder, i: usize, code: Option<String>, rule: &str) {
    let e = &mut b.ents[i].e;
    if let Some(code) = code {
        if e.country.is_none() && code.len() >= 3 && !code.starts_with("IGO") && !code.starts_with("NGO") {
            e.country = Some(code[..3].to_string());
        }
        e.actor = Some(code);
        e.actor_rule = Some(rule.to_string());
    }
}

fn org_code(b: &Builder, i: usize) -> (Option<String>, &'static str) {
    let ent = &b.ents[i];
    if let Some(code) = ent.dict.and_then(|d| b.dict_code(d)) {
        return (Some(code), "dictionary");
    }
    // A body named after the international organisation it belongs to
    // ("United Nations Development Programme", "European Union Naval
    // Force") is part of it, when the dictionaries lack the body itself.
    let name = &ent.e.name;
    let toks = clio_text::tokenize(name);
    let found = b.lex.find(&PhraseIndex::new(name, &toks));
    if let Some(code) = b.international_prefix(name, &toks, &found) {
        return (Some(code), "international organisation its name begins with");
    }
    // A company's legal form ends its name ("Software Services of America
    // Inc") and says what it is: it keeps only a company's code of a body
    // its name begins with ("West Point-Pepperell Inc" is no military
    // academy).
    let form = name.split_whitespace().last().filter(|w| is_in(&CORPORATE_FORMS, w));
    let business = |c: &String| form.is_none() || c.starts_with("MNC") || c.contains("BUS");
    if let Some(code) = b.known_body(&toks, &found).filter(business) {
        return (Some(code), "dictionary body its name begins with");
    }
    // Else the head of "A of B" is in A ("the Federation of Government
    // Employees" is a federation, not a government of employees).
    let is_head = |w: &&str| is_in(&ORG_HEADS, w) || is_in(&CORPORATE_FORMS, w) || w.eq_ignore_ascii_case("government");
    let before_of = name.split(" of ").next().unwrap_or_default();
    let head = form
        .or_else(|| before_of.split_whitespace().rev().find(is_head))
        .or_else(|| name.split_whitespace().rev().find(is_head))
        .map(str::to_string);
    // A descriptor ("state broadcaster") names the agent when the name does not.
    let descriptor = ent
        .title
        .as_deref()
        .and_then(|t| t.split_whitespace().last())
        .and_then(|w| COLLECTIVES.iter().find(|(n, _)| *n == w).map(|(_, a)| *a).filter(|a| !a.is_empty()));
    // The dictionary's agent for the phrase the head word ends ("Central
    // Bank", "Swiss National Bank": a central bank, GOVBUS), before what
    // the head word alone implies (a bank: BUS).
    let head_agent = form.is_none().then(|| b.phrase_agent(before_of)).flatten();
    let agent = head_agent.as_deref().or_else(|| head.as_deref().and_then(org_agent)).or(descriptor);
    if let Some(c) = &ent.e.country {
        return (Some(format!("{c}{}", agent.unwrap_or(""))), "country in the name + head");
    }
    // A council, commission or court named after a region ("Gulf
    // Cooperation Council", "Nordic Council") is its states' body, not the
    // article's country's: the dictionaries code such bodies IGO + region.
    // A national one ("African National Congress") and an agency ("Gulf
    // News Agency") are a country's.
    // A body of a state named by its head alone ("Navy personnel stormed
    // ...") after one named with its country ("U.S. Navy warships") is that
    // one (not a company: "Corp" alone is no one company).
    // (A branch of the state: its code opens with one of theirs, "GOVBUS"
    // for a ministry of industry.)
    let of_state = |a: &str| ["MIL", "COP", "GOV", "LEG", "JUD"].iter().any(|s| a.starts_with(s));
    if let (Some(h), Some(a)) = (head.as_deref(), agent.filter(|a| of_state(a))) {
        let named_with_country = (ent.e.name.split_whitespace().count() == 1)
            .then(|| {
                b.ents.iter().filter(|o| o.e.etype == EntityType::Org).find_map(|o| {
                    let last = o.e.name.split_whitespace().last()?;
                    (last.eq_ignore_ascii_case(h) && o.e.name.len() > h.len()).then_some(o.e.country.clone()?)
                })
            })
            .flatten();
        if let Some(c) = named_with_country {
            return (Some(format!("{c}{a}")), "the same body named with its country");
        }
    }
    let of_states = head.as_deref().is_some_and(|h| {
        one_of(&["council", "commission", "community", "union", "assembly", "parliament", "court", "league"], h)
    }) && !ent.e.name.split_whitespace().any(|w| w.eq_ignore_ascii_case("national"));
    if let (true, Some(region)) = (of_states, region_of(&ent.e.name)) {
        return (Some(format!("IGO{region}")), "region in the name + government head");
    }
    match (agent.filter(|a| of_state(a)), &b.doc_country) {
        (Some(a), Some(c)) => (Some(format!("{c}{a}")), "article's country + government head"),
        _ => (None, ""),
    }
}

/// The CAMEO region code of a name's first word, when it names a region
/// of several states ("Gulf", "Arab", "Nordic"); a compass word before it
/// may make a country ("South African", "Central African Republic"), so
/// only the first word counts.
fn region_of(name: &str) -> Option<&'static str> {
    const REGIONS: &[(&str, &str)] = &[
        ("gulf", "PGS"),
        ("arab", "ARB"),
        ("african", "AFR"),
        ("asian", "ASA"),
        ("european", "EUR"),
        ("nordic", "SCN"),
        ("scandinavian", "SCN"),
        ("caribbean", "CRB"),
        ("balkan", "BLK"),
        ("mediterranean", "MDT"),
        ("andean", "SAM"),
    ];
    let first = name.split_whitespace().next()?.to_lowercase();
    REGIONS.iter().find(|(w, _)| *w == first).map(|(_, code)| *code)
}

fn person_code(b: &Builder, i: usize) -> (Option<String>, &'static str) {
    let ent = &b.ents[i];
    let affiliation = ent.affiliation.and_then(|a| b.ents[a].e.actor.clone());
    if let Some(code) = affiliation.as_ref().filter(|c| c.starts_with("IGO") || c.starts_with("NGO")) {
        return (Some(code.clone()), "speaks for an international organisation");
    }
    // The role the text gives: its title's, or else the branch of the
    // national organisation it holds it in ("FBI Director": COP).
    let branch = affiliation
        .as_deref()
        .filter(|c| c.get(..3).is_some_and(|c| b.lex.is_country_code(c)))
        .and_then(|c| c.get(3..6))
        .filter(|a| !a.is_empty())
        .map(str::to_string);
    // A title that names the person's company gives the role by its own
    // words, then by the company's code.
    let company = |t: &str| {
        ent.affiliation
            .map(|a| b.ents[a].e.name.as_str())
            .filter(|n| n.split_whitespace().last().is_some_and(|w| is_in(&CORPORATE_FORMS, w)) && t.contains(n))
    };
    let title_agent = match ent.title.as_deref() {
        Some(t) => match company(t) {
            Some(org) => b.company_title_agent(t, org, branch),
            None => b.title_agent(t).or(branch),
        },
        None => branch,
    };
    let country = ent.modifier_country.clone();
    if let Some(code) = ent.dict.and_then(|d| b.dict_code(d)) {
        // A national figure's dictionary role may be outdated by a title
        // ("President X", coded as opposition before an election); a
        // transnational one's (a militant group's, an international
        // organisation's) is no country's office.
        let national = code.get(..3).is_some_and(|c| b.lex.is_country_code(c));
        // A titled person the text gives another country ("King Hassan of
        // Morocco") is not the dictionary's namesake of that name.
        let namesake = national
            && title_agent.is_some()
            && country.as_deref().is_some_and(|c| b.lex.is_country_code(c) && !code.starts_with(c));
        let outdated = namesake
            || national && title_agent.as_ref().is_some_and(|a| code.len() > 3 && !code[3..].starts_with(a.as_str()));
        // A dictionary person whose role the date does not fix (only their
        // country) takes the role of their title ("President Suharto").
        if national && code.len() == 3 && !namesake {
            if let Some(a) = title_agent {
                return (Some(format!("{code}{a}")), "dictionary country + title");
            }
        }
        if !outdated {
            return (Some(code), "dictionary");
        }
        let c = country.unwrap_or_else(|| code[..3].to_string());
        return (Some(format!("{c}{}", title_agent.unwrap_or_default())), "title + country (dictionary role outdated)");
    }
    // A titled person the dictionaries have under a spelling one letter
    // off ("President Abdelaziz Bouteflicka").
    if title_agent.is_some() {
        let words: Vec<String> = ent.e.name.split_whitespace().map(|w| w.to_lowercase()).collect();
        if let Some(code) = b.stage.person_spelt_off(&words).and_then(|d| b.dict_code(d)) {
            return (Some(code), "dictionary, spelt one letter off");
        }
    }
    if let (Some(c), Some(a)) = (&country, &title_agent) {
        return (Some(format!("{c}{a}")), "title + country");
    }
    if let Some(code) = affiliation.filter(|c| c.len() > 3 || b.lex.is_country_code(c)) {
        // The organisation's branch ("Supreme Court": JUD, "Senate": LEG)
        // unless the title names another than government at large; not of
        // an organisation of no country ("MED": a news agency's role is no
        // government's). An organisation coded by its country alone ("the
        // Foreign Bankers Association of Japan") is no branch of the state:
        // its head is that country's, in no role the text gives.
        let (c, branch) = code.split_at(code.len().min(3));
        let agent = match title_agent.as_deref() {
            Some(a) if a != "GOV" => a,
            _ => branch,
        };
        return (Some(format!("{c}{agent}")), "role in a national organisation");
    }
    if let Some(c) = &country {
        return (Some(c.clone()), "country named before the name");
    }
    // A surname several dictionary people share, all of one country, under
    // a title ("President Assad"): the title says a person in office, the
    // surname which country's. Without a title the surname alone may be a
    // company's short name ("Baker" for Baker International) or anyone's.
    if let (Some(c), Some(a)) = (&ent.surname_country, &title_agent) {
        return (Some(format!("{c}{a}")), "title + country of every dictionary person of that surname");
    }
    (None, "")
}
