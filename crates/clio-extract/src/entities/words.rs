//! Closed word classes the entity layer relies on. Each list is small,
//! English, and about the language of news, not about any article.

use std::sync::LazyLock;

use rustc_hash::FxHashSet;

/// The longest word a [`WordSet`] can hold, in bytes.
const KEY: usize = 24;

/// A set of lower-case words, built on first use.
pub type WordSet = LazyLock<Words>;

/// Lower-case words, looked up as fixed-size keys: a lookup lower-cases
/// into a buffer and hashes it, with no string made or checked.
pub struct Words {
    /// The words, as listed.
    pub list: Vec<&'static str>,
    keys: FxHashSet<[u8; KEY + 1]>,
}

impl Words {
    fn new(list: &[&'static str]) -> Words {
        let keys = list.iter().filter_map(|w| key(w)).collect();
        Words { list: list.to_vec(), keys }
    }
}

/// `w` lower-cased (ASCII) into a zero-padded key ending with its
/// length, if it fits.
fn key(w: &str) -> Option<[u8; KEY + 1]> {
    if w.len() > KEY {
        return None;
    }
    let mut buf = [0u8; KEY + 1];
    buf[KEY] = w.len() as u8;
    for (b, c) in buf.iter_mut().zip(w.bytes()) {
        *b = c.to_ascii_lowercase();
    }
    Some(buf)
}

macro_rules! word_set {
    ($(#[$doc:meta])* $name:ident = [$($w:literal),* $(,)?]) => {
        $(#[$doc])*
        pub static $name: WordSet = LazyLock::new(|| Words::new(&[$($w),*]));
    };
}

word_set! {
    /// Words a nationality is joined to when it names a language
    /// ("Spanish-language", "French-speaking").
    LANGUAGE_HEADS = ["language", "languages", "speaking", "speaker", "speakers", "medium"]
}

word_set! {
    /// Heads of titles that make a person ("Minister", "President").
    TITLE_HEADS = [
    "president", "minister", "secretary", "premier", "chancellor", "director", "general", "chairman",
    "chairwoman", "chairperson", "chair", "king", "queen", "prince", "princess", "emperor", "ambassador", "envoy",
    "spokesman", "spokeswoman", "spokesperson", "senator", "governor", "mayor", "commissioner", "chief", "head",
    "leader", "pope", "sheikh", "emir", "sultan", "councillor", "councilor", "counselor", "representative",
    "commander", "admiral", "colonel", "captain", "lieutenant", "judge", "justice", "attorney", "negotiator",
    "official", "officer", "adviser", "advisor", "dr", "mr", "mrs", "ms", "professor", "lawmaker", "legislator",
    "mp", "congressman", "congresswoman", "speaker", "deputy", "vice", "member", "coordinator", "executive", "ceo",
]
}

word_set! {
    /// Words that qualify a title ("Foreign Minister", "Prime Minister").
    TITLE_QUALIFIERS = [
    "foreign", "prime", "state", "interior", "defense", "defence", "finance", "health", "trade", "economy",
    "economic", "justice", "home", "first", "assistant", "acting", "former", "senior", "chief", "general",
    "executive", "supreme", "grand", "crown", "national", "security", "affairs", "commerce", "agriculture",
    "energy", "education", "labor", "labour", "information", "transport", "environment", "culture", "defense",
    "deputy", "vice", "under", "permanent", "special", "high", "united", "nations", "majority", "minority",
    "industry",
]
}

word_set! {
    /// Heads of organisation names.
    ORG_HEADS = [
    "organization", "organisation", "commission", "ministry", "party", "committee", "union", "university",
    "department", "council", "nations", "post", "bureau", "office", "agency", "bank", "association", "mission",
    "assembly", "parliament", "congress", "army", "forces", "court", "institute", "foundation", "fund", "group",
    "company", "corporation", "corp", "inc", "ltd", "times", "news", "press", "broadcasting", "television", "radio",
    "network", "federation", "alliance", "front", "movement", "league", "society", "academy", "center", "centre",
    "authority", "administration", "board", "cabinet", "senate", "police", "navy", "regulations", "program",
    "programme", "secretariat", "tribunal", "treaty", "coalition", "brigade", "brigades", "hospital", "school",
    "college", "exchange", "airlines", "airways", "journal", "herald", "tribune", "gazette", "post", "daily",
    "service", "services", "industries", "holdings", "commissions", "unions", "ministries", "parties", "banks",
    "club", "treasury",
]
}

word_set! {
    /// Heads of names of buildings and sites: places, not people.
    FACILITY_HEADS = [
    "hall", "square", "palace", "house", "building", "airport", "station", "street", "road", "avenue", "bridge",
    "park", "stadium", "port", "gate", "tower", "temple", "cathedral", "mosque", "church", "plaza", "harbour",
    "harbor", "island", "islands", "river", "lake", "mountain", "mountains", "valley", "sea", "ocean", "bay",
    "dam", "terminal", "base", "camp", "prison", "embassy", "consulate",
]
}

word_set! {
    /// Words that make a capitalised run something other than a name.
    NOT_NAMES = [
    "disease", "virus", "coronavirus", "pneumonia", "covid", "report", "day", "week", "year", "internet", "twitter",
    "facebook", "god", "english", "i",
]
}

word_set! {
    /// Connectors allowed inside an organisation or title ("Bank of China").
    CONNECTORS = ["of", "the", "for", "on", "and"]
}

word_set! {
    /// Particles inside personal names ("Osama bin Laden", "Ursula von der Leyen").
    NAME_PARTICLES = ["bin", "al", "el", "van", "von", "der", "de", "da", "du", "la", "del", "di", "ibn"]
}

word_set! {
    /// Capitalised words that open sentences and are not names.
    SENTENCE_STARTERS = [
    "the", "a", "an", "as", "in", "on", "at", "given", "speaking", "according", "since", "following", "but", "and",
    "this", "that", "these", "those", "it", "he", "she", "they", "we", "his", "her", "its", "their", "our", "faced",
    "after", "before", "while", "when", "with", "for", "from", "by", "to", "of", "during", "despite", "although",
    "however", "meanwhile", "also", "more", "some", "many", "most", "all", "both", "each", "other", "last", "next",
    "under", "over", "if", "there", "what", "who", "why", "how", "where", "one", "two", "three", "about", "just",
    "discussed", "much", "cooperation", "so", "yet", "still", "only", "even", "now", "then", "today", "officials",
    "here", "such", "no", "not", "do", "does", "did", "is", "are", "was", "were", "will", "would", "can", "could",
    "should", "may", "might", "must", "you", "your", "my", "me", "us", "him", "them", "i", "rivers", "dam",
]
}

word_set! {
    /// Month and weekday names: dates, not names.
    CALENDAR = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
]
}

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
    ("radio", "MED"),
    ("television", "MED"),
    ("tv", "MED"),
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

word_set! {
    /// Currencies a country's name or adjective may come before ("421 U.S.
    /// dlrs", "Hong Kong dollars"): the country says whose money it is.
    CURRENCIES = [
        "dollar", "dollars", "dlr", "dlrs", "yen", "franc", "francs", "mark", "marks", "pound", "pounds", "peso",
        "pesos", "lira", "lire", "rupee", "rupees", "crown", "crowns", "rand", "riyal", "riyals", "dinar", "dinars",
        "currency", "stg", "sterling", "cts", "cents",
    ]
}

word_set! {
    /// A company's legal form, ending its name ("Acme Corp", "Nordhavn
    /// Shipping Ltd", "Divi Hotels N.V.").
    CORPORATE_FORMS = [
        "inc", "corp", "co", "cos", "ltd", "plc", "ag", "n.v", "nv", "s.a", "sa", "corporation", "company", "gmbh",
        "spa", "bv", "llc", "partnership",
    ]
}

word_set! {
    /// Prepositions after which a capital is a place, not its government.
    LOCATIVES = ["in", "at", "from", "near", "outside", "inside", "within", "into", "across", "around", "to", "of", "via", "through"]
}

/// Whether `word` is the plural of a title's head ("Ministers",
/// "Presidents"): a title two or more people hold.
pub fn is_plural_head(word: &str) -> bool {
    word.len() > 3 && word.ends_with('s') && is_in(&TITLE_HEADS, &word[..word.len() - 1])
}

/// Whether `word` (any case, final periods aside) is in `set`.
pub fn is_in(set: &WordSet, word: &str) -> bool {
    key(word.trim_end_matches('.')).is_some_and(|k| set.keys.contains(&k))
}

/// Whether `word` is one of a few words, any case.
pub fn one_of(words: &[&str], word: &str) -> bool {
    words.iter().any(|x| x.eq_ignore_ascii_case(word))
}

/// A demonym-shaped word ("Chinese", "Cambodian", "Pakistani"): an
/// adjective of a country, not the country itself.
pub fn is_demonym_shaped(word: &str) -> bool {
    const IRREGULAR: &[&str] =
        &["dutch", "french", "swiss", "greek", "czech", "british", "irish", "welsh", "thai", "lao", "us", "u.s."];
    let w = word.to_lowercase();
    if IRREGULAR.contains(&w.as_str()) {
        return true;
    }
    ["ese", "ian", "ean", "an", "ish", "ic", "ni", "li", "si", "di", "ti", "qi", "ki", "ri", "ais"]
        .iter()
        .any(|s| w.ends_with(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_sets_match_whole_words_in_any_case() {
        assert!(is_in(&TITLE_HEADS, "President"));
        assert!(is_in(&TITLE_HEADS, "PRESIDENT."));
        assert!(!is_in(&TITLE_HEADS, "Presidents"));
        assert!(!is_in(&TITLE_HEADS, "presiden"));
        assert!(!is_in(&TITLE_HEADS, "mr\0"), "a padded key is not a shorter word");
        assert!(!is_in(&TITLE_HEADS, &"president".repeat(4)), "longer than any key");
    }
}

word_set! {
    /// Last words of place names ("Hubei Province", "Orange County").
    PLACE_HEADS = ["province", "region", "prefecture", "county", "state", "city", "district", "township", "oblast"]
}

word_set! {
    /// Debt an organisation issues, named after it ("Treasury bills",
    /// "Bundesbank paper"): the name there says whose paper it is, and no
    /// one acts.
    INSTRUMENTS = [
    "bill", "bills", "bond", "bonds", "note", "notes", "securities", "paper", "papers", "yields", "futures",
    "certificates",
]
}

word_set! {
    /// Nouns that describe an organisation named right after them
    /// ("state broadcaster CCTV", "the news agency AFP").
    ORG_DESCRIPTORS = [
    "broadcaster", "agency", "newspaper", "daily", "network", "channel", "company", "firm", "group", "carrier",
    "airline", "bank", "insurer", "lender", "regulator", "outlet", "tabloid", "magazine", "publisher", "website",
    "charity", "party", "militia", "union", "watchdog", "maker", "manufacturer", "retailer", "operator",
]
}

word_set! {
    /// Last words of buildings and institutions whose names borrow places
    /// ("Mount Sinai Hospital", "St Mary's Church"): a country word in
    /// them is not their country.
    FACILITY_ORG_HEADS = [
    "hospital", "clinic", "church", "cathedral", "chapel", "mosque", "synagogue", "temple", "school", "hotel",
    "restaurant", "theatre", "theater", "museum", "library", "stadium", "arena", "center", "centre", "street",
    "avenue", "road", "square", "park",
]
}
