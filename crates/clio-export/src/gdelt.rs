//! GDELT 2.0 Event (61 columns) and Mentions (16 columns) tables:
//! tab-separated, no header, columns in the codebooks' order, so GDELT
//! tooling reads them. Geography uses FIPS 10-4 country codes, as GDELT
//! does; clio's JSON keeps ISO/CAMEO codes.

use std::io::{self, Write};

use clio_lexicon::Lexicon;
use clio_model::{Doc, Entity, Event, EventActor};

use crate::CharOffsets;

/// The Event table's columns, in order (GDELT 2.0 codebook).
pub const EVENT_COLUMNS: [&str; 61] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// The Mentions table's columns, in order.
pub const MENTION_COLUMNS: [&str; 16] = [
    "GLOBALEVENTID",
    "EventTimeDate",
    "MentionTimeDate",
    "MentionType",
    "MentionSourceName",
    "MentionIdentifier",
    "SentenceID",
    "Actor1CharOffset",
    "Actor2CharOffset",
    "ActionCharOffset",
    "InRawText",
    "Confidence",
    "MentionDocLen",
    "MentionDocTone",
    "MentionDocTranslationInfo",
    "Extras",
];

/// CAMEO role and class codes (the 3-letter links of an actor code that
/// are neither a country nor a known group).
const TYPE_CODES: &[&str] = &[
    "GOV", "MIL", "MED", "BUS", "ELI", "OPP", "REB", "COP", "JUD", "LEG", "EDU", "HLH", "AGR", "CVL", "LAB", "REF",
    "SPY", "UAF", "PTY", "IGO", "NGO", "IMG", "MNC", "CRM", "DEV", "ENV", "HRI", "MOD", "RAD", "SEP", "INS", "RES",
    "SET", "ATH", "VET", "INT", "UIS",
];

/// Where an event's fields come from that the article does not hold.
pub struct GdeltContext<'a> {
    /// Dictionaries: country codes and the gazetteer.
    pub lexicon: &'a Lexicon,
    /// DATEADDED, `YYYYMMDDHHMMSS` (UTC).
    pub date_added: String,
}

/// GDELT's counters of an event over the corpus.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Counts {
    /// NumMentions.
    pub mentions: u32,
    /// NumSources.
    pub sources: u32,
    /// NumArticles.
    pub articles: u32,
}

/// Writes the Event and Mentions tables.
pub struct GdeltWriter<W: Write> {
    events: W,
    mentions: W,
}

impl<W: Write> GdeltWriter<W> {
    /// Writers over the two tables.
    pub fn new(events: W, mentions: W) -> Self {
        GdeltWriter { events, mentions }
    }

    /// Writes an event's row, from one report of it (`doc`'s event `e`),
    /// with its corpus-wide counts.
    pub fn write_event(&mut self, id: u64, doc: &Doc, e: &Event, counts: Counts, ctx: &GdeltContext) -> io::Result<()> {
        writeln!(self.events, "{}", event_fields(id, doc, e, counts, ctx).join("\t"))
    }

    /// Writes one report (mention) of event `id`: `doc`'s event `e`.
    pub fn write_mention(&mut self, id: u64, doc: &Doc, e: &Event, ctx: &GdeltContext) -> io::Result<()> {
        writeln!(self.mentions, "{}", mention_fields(id, doc, e, ctx).join("\t"))
    }

    /// Flushes both tables.
    pub fn finish(mut self) -> io::Result<(W, W)> {
        self.events.flush()?;
        self.mentions.flush()?;
        Ok((self.events, self.mentions))
    }
}

/// An event's row ([`EVENT_COLUMNS`]), from one report of it (`doc`'s
/// event `e`), with its corpus-wide counts; blank fields are empty.
pub fn event_fields(id: u64, doc: &Doc, e: &Event, counts: Counts, ctx: &GdeltContext) -> Vec<String> {
    let url = doc.meta.url.clone().unwrap_or_else(|| doc.source.clone());
    event_row(id, doc, e, counts, ctx, &url)
}

/// A mention's row ([`MENTION_COLUMNS`]): `doc`'s event `e`, a report of
/// event `id`.
pub fn mention_fields(id: u64, doc: &Doc, e: &Event, ctx: &GdeltContext) -> Vec<String> {
    let chars = CharOffsets::new(&doc.text);
    let url = doc.meta.url.clone().unwrap_or_else(|| doc.source.clone());
    vec![
        id.to_string(),
        ctx.date_added.clone(),
        ctx.date_added.clone(),
        "1".into(),
        clean(doc.meta.outlet.as_deref().unwrap_or("")),
        clean(&url),
        (e.sentence + 1).to_string(),
        chars.of(e.source.span.start()).to_string(),
        e.target.as_ref().map_or(String::new(), |t| chars.of(t.span.start()).to_string()),
        chars.of(e.action.start()).to_string(),
        "1".into(),
        format!("{:.0}", e.confidence * 100.0),
        doc.text.chars().count().to_string(),
        format!("{:.4}", doc.tone.tone),
        String::new(),
        String::new(),
    ]
}

/// No tabs or newlines inside a field.
fn clean(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

/// The parts of a CAMEO actor code: country, known group, up to three types.
fn split_actor(code: &str, lex: &Lexicon) -> (String, String, [String; 3]) {
    let mut country = String::new();
    let mut group = String::new();
    let mut types: Vec<String> = Vec::new();
    let links: Vec<&str> = (0..code.len() / 3).filter_map(|i| code.get(i * 3..i * 3 + 3)).collect();
    for l in links {
        if country.is_empty() && group.is_empty() && types.is_empty() && lex.is_country_code(l) {
            country = l.to_string();
        } else if TYPE_CODES.contains(&l) {
            types.push(l.to_string());
        } else if group.is_empty() {
            group = l.to_string();
        }
    }
    types.resize(3, String::new());
    (country, group, [types[0].clone(), types[1].clone(), types[2].clone()])
}

fn actor_fields(a: &EventActor, doc: &Doc, lex: &Lexicon) -> Vec<String> {
    let (country, group, types) = split_actor(&a.code, lex);
    // An actor with no code is one the text does not name (the doer of
    // "killed by a roadside bomb"): GDELT leaves all its fields empty.
    let name = match a.code.is_empty() {
        true => String::new(),
        false => entity(doc, a.entity).map_or_else(|| doc.slice(a.span).to_string(), |e| e.name.clone()),
    };
    let mut f =
        vec![a.code.clone(), clean(&name.to_uppercase()), country, group, String::new(), String::new(), String::new()];
    f.extend(types);
    f
}

fn entity(doc: &Doc, id: Option<u32>) -> Option<&Entity> {
    id.and_then(|i| doc.entities.get((i as usize).checked_sub(1)?))
}

/// The 8 geography fields of an entity that is a place, else blanks.
fn geo_fields(e: Option<&Entity>, lex: &Lexicon) -> Vec<String> {
    let Some((e, p)) = e.and_then(|e| e.place.as_ref().map(|p| (e, p))) else { return vec![String::new(); 8] };
    let country_name =
        e.country.as_deref().and_then(|c| lex.gazetteer.country(c)).map(|c| c.name.clone()).unwrap_or_default();
    let (kind, full, adm1, feature) = if p.is_country {
        ("1", country_name, p.fips.clone(), p.fips.clone())
    } else {
        let kind = if p.fips == "US" { "3" } else { "4" };
        let adm1 = p.admin1.as_deref().map(|a| format!("{}{a}", p.fips)).unwrap_or_default();
        (kind, format!("{}, {country_name}", e.name), adm1, p.geonameid.map(|g| g.to_string()).unwrap_or_default())
    };
    vec![
        kind.into(),
        clean(&full),
        p.fips.clone(),
        adm1,
        String::new(),
        format!("{:.4}", p.lat),
        format!("{:.4}", p.lon),
        feature,
    ]
}

fn event_row(id: u64, doc: &Doc, e: &Event, counts: Counts, ctx: &GdeltContext, url: &str) -> Vec<String> {
    let lex = ctx.lexicon;
    let (sqldate, month_year, year, fraction) = match e.date {
        Some(d) => {
            let f = (f64::from(d.month()) * 30.0 + f64::from(d.day())) / 365.0;
            (
                d.strftime("%Y%m%d").to_string(),
                d.strftime("%Y%m").to_string(),
                d.year().to_string(),
                format!("{:.4}", f64::from(d.year()) + f),
            )
        }
        None => (String::new(), String::new(), String::new(), String::new()),
    };
    let mut row = vec![id.to_string(), sqldate, month_year, year, fraction];
    row.extend(actor_fields(&e.source, doc, lex));
    match &e.target {
        Some(t) => row.extend(actor_fields(t, doc, lex)),
        // A one-sided event: GDELT leaves Actor2's ten fields empty.
        None => row.extend(std::iter::repeat_n(String::new(), 10)),
    }
    row.extend([
        u8::from(e.is_root).to_string(),
        e.code.clone(),
        e.base.clone(),
        e.root.clone(),
        e.quad_class.to_string(),
        format!("{:.1}", e.goldstein),
        counts.mentions.to_string(),
        counts.sources.to_string(),
        counts.articles.to_string(),
        format!("{:.4}", doc.tone.tone),
    ]);
    row.extend(geo_fields(entity(doc, e.source.entity), lex));
    row.extend(geo_fields(entity(doc, e.target.as_ref().and_then(|t| t.entity)), lex));
    row.extend(geo_fields(entity(doc, e.place), lex));
    row.push(ctx.date_added.clone());
    row.push(clean(url));
    row
}

#[cfg(test)]
mod tests {
    use super::*;
    use clio_model::{DocId, EntityType, InputFormat, Modality, Place, Span};

    /// The codebooks' column lists, written out from GDELT's header rows.
    const EVENT_HEADER: &str = "GLOBALEVENTID SQLDATE MonthYear Year FractionDate Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode Actor1Religion1Code Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode Actor2Religion1Code Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions NumSources NumArticles AvgTone Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code Actor1Geo_ADM2Code Actor1Geo_Lat Actor1Geo_Long Actor1Geo_FeatureID Actor2Geo_Type Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code Actor2Geo_ADM2Code Actor2Geo_Lat Actor2Geo_Long Actor2Geo_FeatureID ActionGeo_Type ActionGeo_FullName ActionGeo_CountryCode ActionGeo_ADM1Code ActionGeo_ADM2Code ActionGeo_Lat ActionGeo_Long ActionGeo_FeatureID DATEADDED SOURCEURL";
    const MENTION_HEADER: &str = "GLOBALEVENTID EventTimeDate MentionTimeDate MentionType MentionSourceName MentionIdentifier SentenceID Actor1CharOffset Actor2CharOffset ActionCharOffset InRawText Confidence MentionDocLen MentionDocTone MentionDocTranslationInfo Extras";

    #[test]
    fn column_order_matches_the_codebooks() {
        assert_eq!(EVENT_COLUMNS.join(" "), EVENT_HEADER);
        assert_eq!(MENTION_COLUMNS.join(" "), MENTION_HEADER);
    }

    fn doc() -> Doc {
        let text = "\u{201C}Norway\u{201D} aid: Norway sent aid to Wuhan.";
        let mut d = Doc::new(DocId("d".into()), "in/a.txt".into(), InputFormat::Text, text.into(), text.into());
        d.meta.outlet = Some("Example".into());
        let at = |s: &str| text.find(s).unwrap();
        let span = |s: &str| Span::new(at(s), at(s) + s.len()).unwrap();
        d.entities.push(Entity {
            id: 1,
            name: "Wuhan".into(),
            etype: EntityType::Loc,
            actor: Some("CHN".into()),
            actor_rule: None,
            country: Some("CHN".into()),
            roles: vec![],
            aliases: vec![],
            mentions: vec![],
            caption_mentions: vec![],
            place: Some(Place {
                lat: 30.58,
                lon: 114.27,
                fips: "CH".into(),
                admin1: Some("12".into()),
                geonameid: Some(1791247),
                is_country: false,
            }),
            link_key: String::new(),
            global_id: None,
        });
        d.events.push(Event {
            id: 1,
            code: "073".into(),
            base: "073".into(),
            root: "07".into(),
            quad_class: 2,
            goldstein: 7.4,
            source: EventActor { code: "NORGOV".into(), entity: None, span: span("Norway sent") },
            target: Some(EventActor { code: "IGOUNOHLHWHO".into(), entity: None, span: span("Wuhan") }),
            sentence: 0,
            evidence: Span::new(0, text.len()).unwrap(),
            action: span("sent"),
            date: jiff::civil::Date::new(2020, 3, 5).ok(),
            place: Some(1),
            modality: Modality::Act,
            confidence: 0.8,
            rule: String::new(),
            is_root: true,
        });
        d
    }

    #[test]
    fn rows_have_the_columns_and_values_in_place() {
        let lex = Lexicon::bundled();
        let ctx = GdeltContext { lexicon: &lex, date_added: "20260101120000".into() };
        let mut w = GdeltWriter::new(Vec::new(), Vec::new());
        let d = doc();
        w.write_event(7, &d, &d.events[0], Counts { mentions: 3, sources: 2, articles: 2 }, &ctx).unwrap();
        w.write_mention(7, &d, &d.events[0], &ctx).unwrap();
        let (ev, me) = w.finish().unwrap();
        let ev = String::from_utf8(ev).unwrap();
        let row: Vec<&str> = ev.trim_end_matches('\n').split('\t').collect();
        assert_eq!(row.len(), 61);
        let col = |name: &str| row[EVENT_COLUMNS.iter().position(|c| *c == name).unwrap()];
        assert_eq!(
            (col("GLOBALEVENTID"), col("SQLDATE"), col("MonthYear"), col("Year")),
            ("7", "20200305", "202003", "2020")
        );
        assert_eq!(col("FractionDate"), "2020.2603"); // (3 * 30 + 5) / 365
        assert_eq!((col("Actor1Code"), col("Actor1CountryCode"), col("Actor1Type1Code")), ("NORGOV", "NOR", "GOV"));
        assert_eq!(
            (col("Actor2KnownGroupCode"), col("Actor2Type1Code"), col("Actor2Type2Code")),
            ("UNO", "IGO", "HLH")
        );
        assert_eq!(
            (col("EventCode"), col("EventBaseCode"), col("EventRootCode"), col("QuadClass")),
            ("073", "073", "07", "2")
        );
        assert_eq!((col("GoldsteinScale"), col("IsRootEvent")), ("7.4", "1"));
        assert_eq!((col("NumMentions"), col("NumSources"), col("NumArticles")), ("3", "2", "2"));
        assert_eq!(
            (col("ActionGeo_Type"), col("ActionGeo_CountryCode"), col("ActionGeo_ADM1Code")),
            ("4", "CH", "CH12")
        );
        assert_eq!((col("ActionGeo_FullName"), col("ActionGeo_FeatureID")), ("Wuhan, China", "1791247"));
        assert_eq!((col("DATEADDED"), col("SOURCEURL")), ("20260101120000", "in/a.txt"));
        let me = String::from_utf8(me).unwrap();
        let m: Vec<&str> = me.trim_end_matches('\n').split('\t').collect();
        assert_eq!(m.len(), 16);
        // Char offsets, not bytes: the curly quotes are 3 bytes each.
        assert_eq!((m[0], m[6], m[7], m[9]), ("7", "1", "14", "21"));
        assert_eq!((m[11], m[12]), ("80", "39"));
    }

    #[test]
    fn a_one_sided_event_leaves_actor2_empty() {
        let lex = Lexicon::bundled();
        let ctx = GdeltContext { lexicon: &lex, date_added: "20260101120000".into() };
        let mut w = GdeltWriter::new(Vec::new(), Vec::new());
        let mut d = doc();
        d.events[0].target = None;
        w.write_event(8, &d, &d.events[0], Counts { mentions: 1, sources: 1, articles: 1 }, &ctx).unwrap();
        w.write_mention(8, &d, &d.events[0], &ctx).unwrap();
        let (ev, me) = w.finish().unwrap();
        let ev = String::from_utf8(ev).unwrap();
        let row: Vec<&str> = ev.trim_end_matches('\n').split('\t').collect();
        assert_eq!(row.len(), 61);
        let col = |name: &str| row[EVENT_COLUMNS.iter().position(|c| *c == name).unwrap()];
        assert_eq!(col("Actor1Code"), "NORGOV");
        for c in EVENT_COLUMNS.iter().filter(|c| c.starts_with("Actor2")) {
            assert_eq!(col(c), "", "{c}");
        }
        let me = String::from_utf8(me).unwrap();
        let m: Vec<&str> = me.trim_end_matches('\n').split('\t').collect();
        assert_eq!((m.len(), m[8]), (16, ""), "no Actor2 offset");
    }

    #[test]
    fn a_doer_the_text_does_not_name_leaves_actor1_empty() {
        let lex = Lexicon::bundled();
        let ctx = GdeltContext { lexicon: &lex, date_added: "20260101120000".into() };
        let mut w = GdeltWriter::new(Vec::new(), Vec::new());
        let mut d = doc();
        d.events[0].source.code = String::new();
        w.write_event(9, &d, &d.events[0], Counts { mentions: 1, sources: 1, articles: 1 }, &ctx).unwrap();
        let (ev, _) = w.finish().unwrap();
        let ev = String::from_utf8(ev).unwrap();
        let row: Vec<&str> = ev.trim_end_matches('\n').split('\t').collect();
        let col = |name: &str| row[EVENT_COLUMNS.iter().position(|c| *c == name).unwrap()];
        for c in ["Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1Type1Code"] {
            assert_eq!(col(c), "", "{c}");
        }
        assert_eq!(col("Actor2Code"), "IGOUNOHLHWHO");
    }
}
