//! Closed word classes the entity layer relies on. Each list is small,
//! English, and about the language of news, not about any article.

/// Heads of titles that make a person ("Minister", "President").
pub const TITLE_HEADS: &[&str] = &[
    "president", "minister", "secretary", "premier", "chancellor", "director", "general", "chairman",
    "chairwoman", "chairperson", "chair", "king", "queen", "prince", "princess", "emperor", "ambassador", "envoy",
    "spokesman", "spokeswoman", "spokesperson", "senator", "governor", "mayor", "commissioner", "chief", "head",
    "leader", "pope", "sheikh", "emir", "sultan", "councillor", "councilor", "counselor", "representative",
    "commander", "admiral", "colonel", "captain", "lieutenant", "judge", "justice", "attorney", "negotiator",
    "official", "officer", "adviser", "advisor", "dr", "mr", "mrs", "ms", "professor", "lawmaker", "legislator",
    "mp", "congressman", "congresswoman", "speaker", "deputy", "vice", "member", "coordinator", "executive", "ceo",
];

/// Words that qualify a title ("Foreign Minister", "Prime Minister").
pub const TITLE_QUALIFIERS: &[&str] = &[
    "foreign", "prime", "state", "interior", "defense", "defence", "finance", "health", "trade", "economy",
    "economic", "justice", "home", "first", "assistant", "acting", "former", "senior", "chief", "general",
    "executive", "supreme", "grand", "crown", "national", "security", "affairs", "commerce", "agriculture",
    "energy", "education", "labor", "labour", "information", "transport", "environment", "culture", "defense",
    "deputy", "vice", "under", "permanent", "special", "high", "united", "nations",
];

/// Heads of organisation names.
pub const ORG_HEADS: &[&str] = &[
    "organization", "organisation", "commission", "ministry", "party", "committee", "union", "university",
    "department", "council", "nations", "post", "bureau", "office", "agency", "bank", "association", "mission",
    "assembly", "parliament", "congress", "army", "forces", "court", "institute", "foundation", "fund", "group",
    "company", "corporation", "corp", "inc", "ltd", "times", "news", "press", "broadcasting", "television", "radio",
    "network", "federation", "alliance", "front", "movement", "league", "society", "academy", "center", "centre",
    "authority", "administration", "board", "cabinet", "senate", "police", "navy", "regulations", "program",
    "programme", "secretariat", "tribunal", "treaty", "coalition", "brigade", "brigades", "hospital", "school",
    "college", "exchange", "airlines", "airways", "journal", "herald", "tribune", "gazette", "post", "daily",
    "service", "services", "industries", "holdings", "commissions", "unions", "ministries", "parties", "banks",
];

/// Words that make a capitalised run something other than a name.
pub const NOT_NAMES: &[&str] = &[
    "disease", "virus", "coronavirus", "pneumonia", "covid", "report", "day", "week", "year", "internet", "twitter",
    "facebook", "god", "english", "i",
];

/// Connectors allowed inside an organisation or title ("Bank of China").
pub const CONNECTORS: &[&str] = &["of", "the", "for", "on", "and"];

/// Particles inside personal names ("Osama bin Laden", "Ursula von der Leyen").
pub const NAME_PARTICLES: &[&str] = &["bin", "al", "van", "von", "der", "de", "da", "du", "la", "del", "di", "ibn"];

/// Capitalised words that open sentences and are not names.
pub const SENTENCE_STARTERS: &[&str] = &[
    "the", "a", "an", "as", "in", "on", "at", "given", "speaking", "according", "since", "following", "but", "and",
    "this", "that", "these", "those", "it", "he", "she", "they", "we", "his", "her", "its", "their", "our", "faced",
    "after", "before", "while", "when", "with", "for", "from", "by", "to", "of", "during", "despite", "although",
    "however", "meanwhile", "also", "more", "some", "many", "most", "all", "both", "each", "other", "last", "next",
    "under", "over", "if", "there", "what", "who", "why", "how", "where", "one", "two", "three", "about", "just",
    "discussed", "much", "cooperation", "so", "yet", "still", "only", "even", "now", "then", "today", "officials",
    "here", "such", "no", "not", "do", "does", "did", "is", "are", "was", "were", "will", "would", "can", "could",
    "should", "may", "might", "must", "you", "your", "my", "me", "us", "him", "them", "i", "rivers", "dam",
];

/// Month and weekday names: dates, not names.
pub const CALENDAR: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Nouns that, after a country or demonym, name its government or people
/// as a collective actor ("the Chinese side"), with the agent code.
pub const COLLECTIVES: &[(&str, &str)] = &[
    ("side", "GOV"),
    ("government", "GOV"),
    ("governments", "GOV"),
    ("authorities", "GOV"),
    ("administration", "GOV"),
    ("leadership", "GOV"),
    ("officials", "GOV"),
    ("official", "GOV"),
    ("delegation", "GOV"),
    ("leaders", "GOV"),
    ("diplomats", "GOV"),
    ("military", "MIL"),
    ("troops", "MIL"),
    ("forces", "MIL"),
    ("army", "MIL"),
    ("police", "COP"),
    ("media", "MED"),
    ("broadcaster", "MED"),
    ("people", ""),
    ("nationals", ""),
    ("citizens", ""),
    ("figures", ""),
    ("politicians", ""),
    ("lawmakers", "LEG"),
    ("opposition", "OPP"),
    ("rebels", "REB"),
    ("businesses", "BUS"),
    ("companies", "BUS"),
];

/// Prepositions after which a capital is a place, not its government.
pub const LOCATIVES: &[&str] =
    &["in", "at", "from", "near", "outside", "inside", "within", "into", "across", "around", "to", "of", "via", "through"];

/// Common English short forms of given names, both ways ("Mike" = "Michael").
pub const NICKNAMES: &[(&str, &str)] = &[
    ("mike", "michael"), ("mick", "michael"), ("bill", "william"), ("will", "william"), ("billy", "william"),
    ("bob", "robert"), ("rob", "robert"), ("bobby", "robert"), ("jim", "james"), ("jimmy", "james"),
    ("joe", "joseph"), ("tom", "thomas"), ("tony", "anthony"), ("dick", "richard"), ("rick", "richard"),
    ("chris", "christopher"), ("dan", "daniel"), ("dave", "david"), ("don", "donald"), ("ed", "edward"),
    ("ted", "edward"), ("fred", "frederick"), ("jack", "john"), ("johnny", "john"), ("jon", "jonathan"),
    ("ken", "kenneth"), ("larry", "lawrence"), ("matt", "matthew"), ("nick", "nicholas"), ("pat", "patrick"),
    ("pete", "peter"), ("ron", "ronald"), ("sam", "samuel"), ("steve", "stephen"), ("steve", "steven"),
    ("tim", "timothy"), ("alex", "alexander"), ("andy", "andrew"), ("ben", "benjamin"), ("charlie", "charles"),
    ("chuck", "charles"), ("greg", "gregory"), ("jeff", "jeffrey"), ("jerry", "gerald"), ("josh", "joshua"),
    ("kate", "katherine"), ("kathy", "katherine"), ("liz", "elizabeth"), ("beth", "elizabeth"), ("sue", "susan"),
    ("jen", "jennifer"), ("jenny", "jennifer"), ("meg", "margaret"), ("peggy", "margaret"), ("vlad", "vladimir"),
    ("hank", "henry"), ("harry", "henry"), ("al", "albert"), ("ray", "raymond"), ("walt", "walter"),
];

/// Whether `word` (any case) is in `list`.
pub fn is_in(list: &[&str], word: &str) -> bool {
    let w = word.to_lowercase();
    let w = w.trim_end_matches('.');
    list.contains(&w)
}

/// The canonical given name ("mike" -> "michael").
pub fn canonical_given(name: &str) -> String {
    let n = name.to_lowercase();
    NICKNAMES.iter().find(|(short, _)| *short == n).map_or(n, |(_, full)| full.to_string())
}

/// A demonym-shaped word ("Chinese", "Cambodian", "Pakistani"): an
/// adjective of a country, not the country itself.
pub fn is_demonym_shaped(word: &str) -> bool {
    const IRREGULAR: &[&str] = &["dutch", "french", "swiss", "greek", "czech", "british", "irish", "welsh", "thai", "lao", "us", "u.s."];
    let w = word.to_lowercase();
    if IRREGULAR.contains(&w.as_str()) {
        return true;
    }
    ["ese", "ian", "ean", "an", "ish", "ic", "ni", "li", "si", "di", "ti", "qi", "ki", "ri", "ais"].iter().any(|s| w.ends_with(s))
}
