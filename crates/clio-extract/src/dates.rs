//! Time expressions and the date of what an article reports.
//!
//! 1. Find expressions: calendar dates, full or partial ("Jan. 28, 2020",
//!    "On 16 March", "March 2020"), weekdays ("on Thursday"), "last
//!    December", and years after a preposition ("in 2019"). "As of" marks a
//!    status date.
//! 2. Collect anchors: full dates stated in the text, and in removed photo
//!    captions. A caption's date is *stale* when the text shows the article
//!    is later: it names something that did not exist then ([`ERA_MARKERS`]:
//!    "COVID-19" dates a text to 2020-02-11 or later), or the text's own
//!    dates are over a year away. Stale anchors are refused.
//! 3. Resolve: with a publication date from metadata, everything resolves
//!    against it (a weekday is the latest such day on or before it).
//!    Without one, a yearless date takes its year from the nearest anchor,
//!    else from the era the text names (the first such day after the era
//!    began); a weekday is the first such day on or after the latest anchor.
//! 4. The article's date is its lead expression (the first non-"as of"
//!    date or weekday in its first two sentences), resolved; else the latest
//!    full date in the text; else unresolved. An unresolved date stays
//!    `null`, with what is known (month and day) kept as `partial`.

use std::sync::LazyLock;

use clio_model::calendar::{month_number, weekday_number};
use clio_model::{ArticleDate, DateBasis, Doc, Layer, PartialDate, RemovalReason, Span, Stage, TimeExpr, TimeExprKind};
use jiff::civil::Date;
use jiff::ToSpan;
use regex::Regex;

use crate::regex;

/// Names that date a text: it cannot have been written before the day the
/// name came into use. Facts, with their source: WHO named the disease
/// COVID-19 and the ICTV the virus SARS-CoV-2 on 2020-02-11; WHO's interim
/// name 2019-nCoV was in use from 2020-01-12.
pub const ERA_MARKERS: &[(&str, (i16, i8, i8))] = &[
    ("COVID-19", (2020, 2, 11)),
    ("COVID", (2020, 2, 11)),
    ("Coronavirus Disease 2019", (2020, 2, 11)),
    ("SARS-CoV-2", (2020, 2, 11)),
    ("2019-nCoV", (2020, 1, 12)),
];

const MONTHS: &str = "January|February|March|April|May|June|July|August|September|October|November|December|Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec";

static EXPR: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"\b(?:(?P<mdy_m>{MONTHS})\.?\s+(?P<mdy_d>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<mdy_y>(?:19|20)\d{{2}}))?|(?P<dmy_d>\d{{1,2}})\s+(?P<dmy_m>{MONTHS})\.?(?:,?\s+(?P<dmy_y>(?:19|20)\d{{2}}))?|(?P<my_m>{MONTHS})\.?,?\s+(?P<my_y>(?:19|20)\d{{2}})|(?P<iso_y>(?:19|20)\d{{2}})-(?P<iso_m>\d{{2}})-(?P<iso_d>\d{{2}})|(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|[Ll]ast\s+(?P<last_m>January|February|March|April|May|June|July|August|September|October|November|December)|(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Bb]efore|[Aa]fter|[Ff]rom)\s+(?P<year>(?:19|20)\d{{2}}))\b"
    ))
});

static AS_OF: LazyLock<Regex> = LazyLock::new(|| regex(r"(?i)\bas\s+of\s+(?:the\s+)?$"));

/// Finds the time expressions of `text`, in order; spans are offset by `base`.
pub fn find_exprs(text: &str, base: usize, in_caption: bool) -> Vec<TimeExpr> {
    let mut out = Vec::new();
    for c in EXPR.captures_iter(text) {
        let Some(whole) = c.get(0) else { continue };
        let num = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<i16>().ok());
        let month = |name: &str| c.name(name).and_then(|m| month_number(m.as_str()));
        let (kind, stated, start) = if let Some(m) = month("mdy_m") {
            (TimeExprKind::Calendar, partial(num("mdy_y"), Some(m), num("mdy_d")), whole.start())
        } else if let Some(m) = month("dmy_m") {
            (TimeExprKind::Calendar, partial(num("dmy_y"), Some(m), num("dmy_d")), whole.start())
        } else if let Some(m) = month("my_m") {
            (TimeExprKind::Calendar, partial(num("my_y"), Some(m), None), whole.start())
        } else if let Some(y) = num("iso_y") {
            (TimeExprKind::Calendar, partial(Some(y), num("iso_m").map(|m| m as i8), num("iso_d")), whole.start())
        } else if let Some(day) = c.name("wd").and_then(|m| weekday_number(m.as_str())) {
            (TimeExprKind::Weekday { day }, PartialDate::default(), whole.start())
        } else if let Some(month) = month("last_m") {
            (TimeExprKind::LastMonth { month }, PartialDate::default(), whole.start())
        } else if let Some(y) = c.name("year") {
            (TimeExprKind::Year, partial(y.as_str().parse().ok(), None, None), y.start())
        } else {
            continue;
        };
        // A stated day must exist in its month (no "February 30").
        if let (Some(m), Some(d)) = (stated.month, stated.day) {
            if Date::new(stated.year.unwrap_or(2000), m, d).is_err() {
                continue;
            }
        }
        // "Tuesday, March 9, 2021": the weekday names the date's day; one
        // expression, not a weekday to resolve on its own.
        let mut start = start;
        if kind == TimeExprKind::Calendar && stated.day.is_some() {
            if let Some(prev) = out.last().filter(|p: &&TimeExpr| matches!(p.kind, TimeExprKind::Weekday { .. })) {
                let gap = text.get(prev.span.end() - base..start).unwrap_or("x");
                if gap.len() <= 3 && gap.chars().all(|c| c == ',' || c.is_whitespace()) {
                    start = prev.span.start() - base;
                    out.pop();
                }
            }
        }
        let Some(span) = Span::new(base + start, base + whole.end()) else { continue };
        out.push(TimeExpr {
            span,
            kind,
            stated,
            as_of: AS_OF.is_match(&text[..start]),
            in_caption,
            resolved: stated.full().map(|_| stated),
            basis: if stated.full().is_some() { DateBasis::Text } else { DateBasis::Unresolved },
        });
    }
    out
}

fn partial(year: Option<i16>, month: Option<i8>, day: Option<i16>) -> PartialDate {
    PartialDate { year, month, day: day.and_then(|d| i8::try_from(d).ok()) }
}

/// The earliest date a text can have been written, from the names it uses.
pub fn era_floor(texts: &[&str]) -> Option<(Date, &'static str)> {
    ERA_MARKERS
        .iter()
        .filter(|(name, _)| texts.iter().any(|t| t.contains(name)))
        .filter_map(|&(name, (y, m, d))| Some((Date::new(y, m, d).ok()?, name)))
        .max()
}

/// A weekday's date: the first on or after `from` (`forward`), else the last
/// on or before it.
fn weekday_near(from: Date, day: i8, forward: bool) -> Option<Date> {
    let have = from.weekday().to_monday_one_offset();
    let delta = if forward { (day - have).rem_euclid(7) } else { -((have - day).rem_euclid(7)) };
    from.checked_add(i64::from(delta).days()).ok()
}

/// The year that puts month/day nearest to `reference`.
fn nearest_year(reference: Date, month: i8, day: i8) -> Option<Date> {
    let y = reference.year();
    [y - 1, y, y + 1]
        .into_iter()
        .filter_map(|y| Date::new(y, month, day).ok())
        .min_by_key(|d| d.since(reference).map_or(i32::MAX, |s| s.get_days().abs()))
}

/// Stage: fills [`Doc::time_exprs`] and [`Doc::date`].
pub struct DateStage;

impl Stage for DateStage {
    fn name(&self) -> &'static str {
        "dates"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Sentences]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::TimeExprs, Layer::Date]
    }
    fn run(&self, doc: &mut Doc) {
        let mut exprs = find_exprs(&doc.text, 0, false);
        let mut captions: Vec<&str> = Vec::new();
        for r in doc.removed.iter().filter(|r| r.reason == RemovalReason::PhotoCaption) {
            let text = r.raw.slice(&doc.raw);
            captions.push(text);
            exprs.extend(find_exprs(text, r.raw.start(), true));
        }
        let title = doc.meta.title.as_deref().unwrap_or("");
        let era = era_floor(&[&doc.text, title]);
        doc.date = resolve(&mut exprs, doc.meta.published, era, lead_end(doc));
        // A publication date read from a line of the text (a dateline, a
        // timestamp) is the text's, and says which line.
        if let (Some(line), DateBasis::Metadata) = (&doc.meta.published_line, doc.date.basis) {
            doc.date.basis = DateBasis::Text;
            doc.date.reason = format!("publication date from the line \"{line}\"");
        }
        doc.time_exprs = exprs;
    }
}

/// End of the article's lead: its first two sentences.
fn lead_end(doc: &Doc) -> usize {
    doc.sentences.get(1).or(doc.sentences.first()).map_or(0, |s| s.span.end())
}

/// Resolves every expression and picks the article's date (see module docs).
pub fn resolve(
    exprs: &mut [TimeExpr],
    published: Option<Date>,
    era: Option<(Date, &'static str)>,
    lead_end: usize,
) -> ArticleDate {
    if let Some(p) = published {
        for e in exprs.iter_mut() {
            resolve_one(e, p, false);
        }
        return ArticleDate {
            value: Some(p),
            basis: DateBasis::Metadata,
            partial: None,
            reason: "publication date from the input's metadata".into(),
        };
    }

    // Trusted full dates stated in the text; then captions not shown stale.
    let body: Vec<Date> = exprs.iter().filter(|e| !e.in_caption).filter_map(|e| e.stated.full()).collect();
    let mut refused: Vec<String> = Vec::new();
    for e in exprs.iter_mut().filter(|e| e.in_caption) {
        let Some(d) = e.stated.full() else { continue };
        let before_era = era.filter(|(floor, _)| d < *floor);
        let far = !body.is_empty() && body.iter().all(|b| (b.year() - d.year()).abs() > 1);
        if let Some((floor, name)) = before_era {
            refused.push(format!("the caption date {d} is stale: the text names {name}, in use from {floor}"));
        } else if far {
            refused.push(format!("the caption date {d} is stale: over a year from the text's own dates"));
        } else {
            continue;
        }
        e.resolved = None;
        e.basis = DateBasis::Unresolved;
    }
    let anchors = |exprs: &[TimeExpr]| -> Option<Date> {
        exprs
            .iter()
            .filter(|e| e.resolved.is_some() && matches!(e.kind, TimeExprKind::Calendar))
            .filter_map(|e| e.resolved?.full())
            .max()
    };

    // Yearless dates: the year nearest the anchors, else the era's first.
    let anchor = anchors(exprs);
    for e in exprs.iter_mut().filter(|e| e.resolved.is_none() && matches!(e.kind, TimeExprKind::Calendar)) {
        let (Some(m), Some(d)) = (e.stated.month, e.stated.day) else { continue };
        if e.stated.year.is_some() {
            continue;
        }
        let date = match (anchor, era) {
            (Some(a), _) => nearest_year(a, m, d),
            (None, Some((floor, _))) => [floor.year(), floor.year() + 1]
                .into_iter()
                .filter_map(|y| Date::new(y, m, d).ok())
                .find(|x| *x >= floor),
            (None, None) => None,
        };
        if let Some(date) = date {
            e.resolved = Some(full(date));
            e.basis = DateBasis::Inferred;
        }
    }
    // Weekdays and "last December": from the latest anchor.
    let anchor = anchors(exprs);
    if let Some(a) = anchor {
        for e in exprs.iter_mut().filter(|e| e.resolved.is_none()) {
            resolve_one(e, a, true);
        }
    }

    let lead = exprs
        .iter()
        .filter(|e| !e.in_caption && !e.as_of && e.span.end() <= lead_end)
        .find(|e| matches!(e.kind, TimeExprKind::Weekday { .. }) || e.stated.day.is_some());
    let refused_note = if refused.is_empty() { String::new() } else { format!("; {}", refused.join("; ")) };
    if let Some(lead) = lead {
        if let Some(value) = lead.resolved.and_then(PartialDate::full) {
            return ArticleDate {
                value: Some(value),
                basis: lead.basis,
                partial: None,
                reason: format!(
                    "the lead's time expression, anchored by {}{refused_note}",
                    anchor.map_or("itself".into(), |a| a.to_string())
                ),
            };
        }
        return ArticleDate {
            value: None,
            basis: DateBasis::Unresolved,
            partial: (lead.stated != PartialDate::default()).then_some(lead.stated),
            reason: format!("the lead's time expression has no trustworthy anchor{refused_note}"),
        };
    }
    match exprs.iter().filter(|e| !e.in_caption).filter_map(|e| e.stated.full()).max() {
        Some(d) => ArticleDate {
            value: Some(d),
            basis: DateBasis::Text,
            partial: None,
            reason: "the latest full date in the text".into(),
        },
        None => ArticleDate::unresolved(format!("no date in the metadata or the text{refused_note}")),
    }
}

fn full(d: Date) -> PartialDate {
    PartialDate { year: Some(d.year()), month: Some(d.month()), day: Some(d.day()) }
}

/// Dates an article whose own text could not through another article of
/// its story: its relative expressions ("on Thursday", "As of Monday")
/// resolve backwards from `reference`, the story's date, as they would from
/// a publication date. The article's date becomes its lead's resolved date
/// (else `reference`) with basis [`DateBasis::CrossDocument`].
pub fn anchor_to(doc: &mut Doc, reference: Date, from: &str) {
    for e in doc.time_exprs.iter_mut().filter(|e| !e.in_caption && e.resolved.is_none()) {
        resolve_one(e, reference, false);
        if e.resolved.is_some() {
            e.basis = DateBasis::CrossDocument;
        }
    }
    let lead_end = lead_end(doc);
    let lead = doc
        .time_exprs
        .iter()
        .filter(|e| !e.in_caption && !e.as_of && e.span.end() <= lead_end)
        .filter(|e| matches!(e.kind, TimeExprKind::Weekday { .. }) || e.stated.day.is_some())
        .find_map(|e| Some((e.resolved.and_then(PartialDate::full)?, e.span)));
    let reason = match lead {
        Some((date, span)) => format!(
            "its story's article {from} is dated {reference}; \"{}\" in this article's lead resolves from it to {date}",
            doc.slice(span)
        ),
        None => format!("its story's article {from} is dated {reference}; this article states no date of its own"),
    };
    doc.date = ArticleDate {
        value: Some(lead.map_or(reference, |(d, _)| d)),
        basis: DateBasis::CrossDocument,
        partial: None,
        reason,
    };
}

/// Resolves a relative expression against `reference`: forward from an
/// anchor stated in the text, backward from a publication date.
fn resolve_one(e: &mut TimeExpr, reference: Date, forward_from_anchor: bool) {
    if e.resolved.is_some() {
        return;
    }
    let resolved = match e.kind {
        TimeExprKind::Weekday { day } => weekday_near(reference, day, forward_from_anchor).map(full),
        TimeExprKind::LastMonth { month } => {
            let year = if month < reference.month() { reference.year() } else { reference.year() - 1 };
            Some(PartialDate { year: Some(year), month: Some(month), day: None })
        }
        TimeExprKind::Calendar => match (e.stated.month, e.stated.day) {
            (Some(m), Some(d)) if e.stated.year.is_none() => nearest_year(reference, m, d).map(full),
            _ => None,
        },
        TimeExprKind::Year => None,
    };
    if resolved.is_some() {
        e.resolved = resolved;
        e.basis = DateBasis::Inferred;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i16, m: i8, d: i8) -> Date {
        Date::new(y, m, d).unwrap()
    }

    /// Runs the resolver over body text and optional caption texts.
    fn article_date(body: &str, caption: Option<&str>, published: Option<Date>) -> (ArticleDate, Vec<TimeExpr>) {
        let mut exprs = find_exprs(body, 0, false);
        if let Some(c) = caption {
            exprs.extend(find_exprs(c, 10_000, true));
        }
        let era = era_floor(&[body]);
        let lead = body.find(". ").map_or(body.len(), |i| i + 1);
        let d = resolve(&mut exprs, published, era, lead);
        (d, exprs)
    }

    #[test]
    fn a_weekday_before_a_date_is_that_dates_day() {
        let exprs = find_exprs("Talks opened on Tuesday, March 9, 2021 in Nairobi.", 0, false);
        assert_eq!(exprs.len(), 1, "{exprs:?}");
        assert_eq!(exprs[0].span.start(), "Talks opened on ".len());
        let (d, _) = article_date("Talks opened on Tuesday, March 9, 2021 in Nairobi.", None, None);
        assert_eq!(d.value, Date::new(2021, 3, 9).ok());
    }

    #[test]
    fn finds_each_expression_kind() {
        let t = "On 16 March and Jan. 28, 2020, as of March 2, on Thursday, last December, in 2019, in May 2021, 2020-03-05.";
        let got: Vec<String> = find_exprs(t, 0, false)
            .iter()
            .map(|e| format!("{}{}", e.span.slice(t), if e.as_of { "*" } else { "" }))
            .collect();
        assert_eq!(
            got,
            ["16 March", "Jan. 28, 2020", "March 2*", "Thursday", "last December", "2019", "May 2021", "2020-03-05"]
        );
        assert!(find_exprs("They may 2 go. February 30 never was.", 0, false).is_empty());
    }

    #[test]
    fn weekday_after_a_caption_anchor_in_the_same_era() {
        let (d, _) = article_date(
            "Officials spoke by phone on Wednesday about the 2019-nCoV outbreak. More later.",
            Some("Aerial photo taken on Jan. 28, 2020 shows a site."),
            None,
        );
        assert_eq!(d.value, Some(date(2020, 1, 29)));
        assert_eq!(d.basis, DateBasis::Inferred);
    }

    #[test]
    fn a_stale_caption_is_refused_and_the_date_stays_unresolved() {
        let (d, exprs) = article_date(
            "The leaders spoke on Friday about COVID-19. They agreed to cooperate.",
            Some("The two leaders at a ceremony in Beijing, Nov. 9, 2017"),
            None,
        );
        assert_eq!(d.value, None);
        assert_eq!(d.basis, DateBasis::Unresolved);
        assert!(d.reason.contains("stale"), "{}", d.reason);
        assert!(exprs.iter().all(|e| e.resolved.is_none() || !e.in_caption));
    }

    #[test]
    fn as_of_anchor_dates_a_weekday_via_the_era() {
        let (d, exprs) = article_date(
            "The minister spoke at a briefing on Thursday. As of March 2, 62 countries had donated, per a COVID-19 report.",
            None,
            None,
        );
        assert_eq!(d.value, Some(date(2020, 3, 5)));
        let as_of = exprs.iter().find(|e| e.as_of).unwrap();
        assert_eq!(as_of.resolved.and_then(PartialDate::full), Some(date(2020, 3, 2)));
    }

    #[test]
    fn a_yearless_date_without_era_or_anchor_keeps_month_and_day_only() {
        let (d, _) = article_date("On 16 March, the minister took a call. They spoke.", None, None);
        assert_eq!(d.value, None);
        assert_eq!(d.partial.map(|p| p.to_string()).as_deref(), Some("--03-16"));
    }

    #[test]
    fn metadata_wins_and_weekdays_resolve_backwards_from_it() {
        let (d, exprs) = article_date("Talks ended on Monday. Last December they began.", None, Some(date(2024, 5, 2)));
        assert_eq!((d.value, d.basis), (Some(date(2024, 5, 2)), DateBasis::Metadata));
        assert_eq!(exprs[0].resolved.and_then(PartialDate::full), Some(date(2024, 4, 29)));
        assert_eq!(exprs[1].resolved.map(|p| p.to_string()).as_deref(), Some("2023-12"));
    }

    #[test]
    fn no_dates_at_all_is_unresolved() {
        let (d, _) = article_date("Nothing here says when.", None, None);
        assert_eq!((d.value, d.basis), (None, DateBasis::Unresolved));
    }

    #[test]
    fn an_article_dated_through_its_story() {
        use clio_model::{DocId, InputFormat, Sentence};
        let text = "The minister spoke on Thursday. As of Monday, 62 countries had donated.";
        let mut d = Doc::new(DocId("d".into()), "d".into(), InputFormat::Text, text.into(), text.into());
        d.sentences.push(Sentence { span: Span::new(0, 31).unwrap(), paragraph: 0, token_start: 0, token_end: 0 });
        d.time_exprs = find_exprs(text, 0, false);
        anchor_to(&mut d, date(2020, 3, 5), "003");
        assert_eq!((d.date.value, d.date.basis), (Some(date(2020, 3, 5)), DateBasis::CrossDocument));
        let as_of = d.time_exprs.iter().find(|e| e.as_of).and_then(|e| e.resolved).and_then(PartialDate::full);
        assert_eq!(as_of, Some(date(2020, 3, 2)));
    }

    #[test]
    fn a_full_date_in_the_text_dates_the_article() {
        let (d, _) = article_date("Prices rose. The figures for March 3, 1987 were published by the bank.", None, None);
        assert_eq!((d.value, d.basis), (Some(date(1987, 3, 3)), DateBasis::Text));
    }
}
