//! GDELT GKG 2.1: one row per article, 27 tab-separated columns in the
//! codebook's order. Lists are `;`-separated; fields inside entries use `#`
//! (counts, locations, dates), `,` (names, themes, amounts) or `|`
//! (quotations), as GDELT's own files do.

use std::io::{self, Write};

use clio_lexicon::Lexicon;
use clio_model::{Doc, EntityType, MentionKind, QuoteKind, TimeExprKind};

use crate::CharOffsets;

/// The GKG 2.1 columns, in order.
pub const GKG_COLUMNS: [&str; 27] = [
    "GKGRECORDID",
    "V2.1DATE",
    "V2SOURCECOLLECTIONIDENTIFIER",
    "V2SOURCECOMMONNAME",
    "V2DOCUMENTIDENTIFIER",
    "V1COUNTS",
    "V2.1COUNTS",
    "V1THEMES",
    "V2ENHANCEDTHEMES",
    "V1LOCATIONS",
    "V2ENHANCEDLOCATIONS",
    "V1PERSONS",
    "V2ENHANCEDPERSONS",
    "V1ORGANIZATIONS",
    "V2ENHANCEDORGANIZATIONS",
    "V1.5TONE",
    "V2.1ENHANCEDDATES",
    "V2GCAM",
    "V2.1SHARINGIMAGE",
    "V2.1RELATEDIMAGES",
    "V2.1SOCIALIMAGEEMBEDS",
    "V2.1SOCIALVIDEOEMBEDS",
    "V2.1QUOTATIONS",
    "V2.1ALLNAMES",
    "V2.1AMOUNTS",
    "V2.1TRANSLATIONINFO",
    "V2EXTRASXML",
];

/// Writes the GKG table.
pub struct GkgWriter<W: Write> {
    out: W,
    n: u64,
}

/// No separators inside a value.
fn field(s: &str) -> String {
    s.replace(['\t', '\n', '\r', ';', '#', '|'], " ")
}

fn name(s: &str) -> String {
    field(s).replace(',', " ")
}

impl<W: Write> GkgWriter<W> {
    /// A writer over `out`.
    pub fn new(out: W) -> Self {
        GkgWriter { out, n: 0 }
    }

    /// Writes one article's row; `date_added` is `YYYYMMDDHHMMSS`.
    pub fn write(&mut self, doc: &Doc, lex: &Lexicon, date_added: &str) -> io::Result<()> {
        self.n += 1;
        let c = CharOffsets::new(&doc.text);
        let url = doc.meta.url.clone().unwrap_or_else(|| doc.source.clone());
        let mut v1_counts = String::new();
        let mut v2_counts = String::new();
        for q in doc.quantities.iter().filter(|q| !q.in_caption) {
            if let Some(t) = &q.count_type {
                let base = format!("{t}#{}#{}#0######", q.value, name(q.what.as_deref().unwrap_or("")));
                v1_counts.push_str(&format!("{base};"));
                v2_counts.push_str(&format!("{base}#{};", c.of(q.span.start())));
            }
        }
        let mut v1_themes: Vec<&str> = doc.themes.iter().map(|t| t.theme.as_str()).collect();
        v1_themes.sort();
        v1_themes.dedup();
        let v2_themes: String = doc.themes.iter().map(|t| format!("{},{};", t.theme, c.of(t.span.start()))).collect();
        let (mut v1_locs, mut v2_locs) = (String::new(), String::new());
        for e in doc.entities.iter().filter(|e| e.etype == EntityType::Loc) {
            let (Some(p), Some(m)) = (&e.place, e.mentions.first()) else { continue };
            let ty = if p.is_country {
                1
            } else if p.fips == "US" {
                3
            } else {
                4
            };
            let country =
                e.country.as_deref().and_then(|x| lex.gazetteer.country(x)).map(|x| x.name.clone()).unwrap_or_default();
            let full = if p.is_country { country } else { format!("{}, {country}", e.name) };
            let adm1 = p.admin1.as_deref().map(|a| format!("{}{a}", p.fips)).unwrap_or_else(|| p.fips.clone());
            let feature = p.geonameid.map_or(p.fips.clone(), |g| g.to_string());
            let full = name(&full);
            v1_locs.push_str(&format!("{ty}#{full}#{}#{adm1}#{:.4}#{:.4}#{feature};", p.fips, p.lat, p.lon));
            v2_locs.push_str(&format!(
                "{ty}#{full}#{}#{adm1}##{:.4}#{:.4}#{feature}#{};",
                p.fips,
                p.lat,
                p.lon,
                c.of(m.span.start())
            ));
        }
        let names_of = |t: EntityType| {
            let mut v1 = String::new();
            let mut v2 = String::new();
            for e in doc.entities.iter().filter(|e| e.etype == t && !e.mentions.is_empty()) {
                v1.push_str(&format!("{};", name(&e.name)));
                for m in e.mentions.iter().filter(|m| m.kind == MentionKind::Name) {
                    v2.push_str(&format!("{},{};", name(&e.name), c.of(m.span.start())));
                }
            }
            (v1, v2)
        };
        let (v1_persons, v2_persons) = names_of(EntityType::Person);
        let (v1_orgs, v2_orgs) = names_of(EntityType::Org);
        let t = &doc.tone;
        let tone = format!(
            "{:.4},{:.4},{:.4},{:.4},{:.4},{:.4},{}",
            t.tone, t.positive, t.negative, t.polarity, t.activity_density, t.self_group_density, t.word_count
        );
        let dates: String = doc
            .time_exprs
            .iter()
            .filter(|e| !e.in_caption && matches!(e.kind, TimeExprKind::Calendar))
            .map(|e| {
                let s = e.stated;
                let res = match (s.year, s.month, s.day) {
                    (Some(_), Some(_), Some(_)) => 3,
                    (None, Some(_), Some(_)) => 4,
                    (Some(_), Some(_), None) => 2,
                    _ => 1,
                };
                format!(
                    "{res}#{}#{}#{}#{};",
                    s.month.unwrap_or(0),
                    s.day.unwrap_or(0),
                    s.year.unwrap_or(0),
                    c.of(e.span.start())
                )
            })
            .collect();
        let quotations: Vec<String> = doc
            .quotes
            .iter()
            .filter(|q| q.kind == QuoteKind::Direct)
            .map(|q| {
                let verb = q.verb.map(|v| field(doc.slice(v))).unwrap_or_default();
                let text = field(doc.slice(q.span)).replace('#', " ");
                format!("{}|{}|{verb}|{text}", c.of(q.span.start()), doc.slice(q.span).chars().count())
            })
            .collect();
        let all_names: String = doc
            .entities
            .iter()
            .flat_map(|e| e.mentions.iter().filter(|m| m.kind == MentionKind::Name).map(move |m| (e, m)))
            .map(|(e, m)| format!("{},{};", name(&e.name), c.of(m.span.start())))
            .collect();
        let amounts: String = doc
            .quantities
            .iter()
            .filter(|q| !q.in_caption)
            .map(|q| format!("{},{},{};", q.value, name(q.what.as_deref().unwrap_or("")), c.of(q.span.start())))
            .collect();
        let extras =
            doc.meta.title.as_deref().map(|t| format!("<PAGE_TITLE>{}</PAGE_TITLE>", field(t))).unwrap_or_default();
        let row = [
            format!("{date_added}-{}", self.n),
            date_added.to_string(),
            "1".into(),
            field(doc.meta.outlet.as_deref().unwrap_or("")),
            field(&url),
            v1_counts,
            v2_counts,
            v1_themes.iter().map(|t| format!("{t};")).collect(),
            v2_themes,
            v1_locs,
            v2_locs,
            v1_persons,
            v2_persons,
            v1_orgs,
            v2_orgs,
            tone,
            dates,
            format!("wc:{}", t.word_count),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            quotations.join("#"),
            all_names,
            amounts,
            String::new(),
            extras,
        ];
        writeln!(self.out, "{}", row.join("\t"))
    }

    /// Flushes the table.
    pub fn finish(mut self) -> io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GKG_HEADER: &str = "GKGRECORDID V2.1DATE V2SOURCECOLLECTIONIDENTIFIER V2SOURCECOMMONNAME V2DOCUMENTIDENTIFIER V1COUNTS V2.1COUNTS V1THEMES V2ENHANCEDTHEMES V1LOCATIONS V2ENHANCEDLOCATIONS V1PERSONS V2ENHANCEDPERSONS V1ORGANIZATIONS V2ENHANCEDORGANIZATIONS V1.5TONE V2.1ENHANCEDDATES V2GCAM V2.1SHARINGIMAGE V2.1RELATEDIMAGES V2.1SOCIALIMAGEEMBEDS V2.1SOCIALVIDEOEMBEDS V2.1QUOTATIONS V2.1ALLNAMES V2.1AMOUNTS V2.1TRANSLATIONINFO V2EXTRASXML";

    #[test]
    fn column_order_matches_the_codebook() {
        assert_eq!(GKG_COLUMNS.join(" "), GKG_HEADER);
    }

    #[test]
    fn a_row_has_27_columns_and_the_delimiters_of_each_field() {
        use clio_model::{DocId, InputFormat, Quantity, Quote, Span, ThemeMention, Tone};
        let text = "\u{201C}We won,\u{201D} Ada said. Floods killed 12 people, per the report of 3 May 2021.";
        let mut d = Doc::new(DocId("g".into()), "g.txt".into(), InputFormat::Text, text.into(), text.into());
        let at = |s: &str| text.find(s).unwrap();
        let sp = |s: &str| Span::new(at(s), at(s) + s.len()).unwrap();
        d.quotes.push(Quote {
            kind: QuoteKind::Direct,
            speaker: None,
            speaker_span: None,
            span: sp("We won"),
            verb: Some(sp("said")),
        });
        d.quantities.push(Quantity {
            value: 12.0,
            span: sp("12"),
            qualifier: None,
            what: Some("people".into()),
            subject: None,
            as_of: None,
            attributed_to: None,
            count_type: Some("KILL".into()),
            in_caption: false,
        });
        d.themes.push(ThemeMention { theme: "DISASTER".into(), span: sp("Floods") });
        d.tone = Tone {
            tone: -5.0,
            positive: 0.0,
            negative: 5.0,
            polarity: 5.0,
            activity_density: 10.0,
            self_group_density: 5.0,
            word_count: 16,
        };
        d.meta.title = Some("Floods".into());
        let lex = Lexicon::bundled();
        let mut w = GkgWriter::new(Vec::new());
        w.write(&d, &lex, "20260101000000").unwrap();
        let out = String::from_utf8(w.finish().unwrap()).unwrap();
        let row: Vec<&str> = out.trim_end_matches('\n').split('\t').collect();
        assert_eq!(row.len(), 27);
        let col = |n: &str| row[GKG_COLUMNS.iter().position(|c| *c == n).unwrap()];
        assert_eq!(col("GKGRECORDID"), "20260101000000-1");
        // Char offsets: the curly quote before "We" is one char.
        assert_eq!(col("V2.1COUNTS"), format!("KILL#12#people#0#######{};", text[..at("12")].chars().count()));
        assert_eq!(col("V1THEMES"), "DISASTER;");
        assert_eq!(col("V2ENHANCEDTHEMES"), format!("DISASTER,{};", text[..at("Floods")].chars().count()));
        assert_eq!(col("V1.5TONE"), "-5.0000,0.0000,5.0000,5.0000,10.0000,5.0000,16");
        assert_eq!(col("V2.1QUOTATIONS"), "1|6|said|We won");
        assert_eq!(col("V2.1AMOUNTS"), format!("12,people,{};", text[..at("12")].chars().count()));
        assert_eq!(col("V2EXTRASXML"), "<PAGE_TITLE>Floods</PAGE_TITLE>");
        assert_eq!(col("V2GCAM"), "wc:16");
    }
}
