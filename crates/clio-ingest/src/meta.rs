//! Metadata values as inputs spell them: publication dates in the usual
//! formats, and an outlet name from a URL.

use std::sync::LazyLock;

use clio_model::calendar::month_number;
use jiff::civil::Date;
use regex::Regex;

use crate::regex;

static ISO: LazyLock<Regex> = LazyLock::new(|| regex(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:$|[T ]\d)"));
// "26-FEB-1987 15:01:01.79" (Reuters), "5 March 2020", "Thu, 05 Mar 2020 10:00:00 +0000" (RFC 2822).
static DAY_MONTH_YEAR: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^(?:[A-Za-z]{3,9},?\s+)?(\d{1,2})[-\s]+([A-Za-z]{3,9})\.?,?[-\s]+(\d{4})\b"));
// "March 5, 2020", "Mar. 5 2020", "Thursday, March 5, 2020".
static MONTH_DAY_YEAR: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^(?:[A-Za-z]{3,9},?\s+)?([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b"));

/// Parses a publication date as metadata gives it; the time and zone, if
/// any, are dropped (the date an outlet prints is the date it means).
/// Returns `None` for anything it cannot read with certainty.
pub fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    if let Some(c) = ISO.captures(s) {
        return Date::new(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?).ok();
    }
    if let Some(c) = DAY_MONTH_YEAR.captures(s) {
        return Date::new(c[3].parse().ok()?, month_number(&c[2])?, c[1].parse().ok()?).ok();
    }
    if let Some(c) = MONTH_DAY_YEAR.captures(s) {
        return Date::new(c[3].parse().ok()?, month_number(&c[1])?, c[2].parse().ok()?).ok();
    }
    None
}

/// A date from a Unix timestamp in seconds (JSON inputs sometimes give one).
pub fn date_from_timestamp(secs: i64) -> Option<Date> {
    let ts = jiff::Timestamp::from_second(secs).ok()?;
    Some(ts.to_zoned(jiff::tz::TimeZone::UTC).date())
}

/// The host of a URL without `www.`, as an outlet name of last resort
/// ("https://www.xinhuanet.com/a/b" -> "xinhuanet.com").
pub fn domain_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?.split('@').next_back()?;
    let host = host.split(':').next()?.trim_start_matches("www.").to_ascii_lowercase();
    (host.contains('.') && !host.starts_with('.')).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i16, m: i8, day: i8) -> Option<Date> {
        Date::new(y, m, day).ok()
    }

    #[test]
    fn reads_the_usual_date_formats() {
        assert_eq!(parse_date("2020-03-05"), d(2020, 3, 5));
        assert_eq!(parse_date("2020-03-05T23:10:00+08:00"), d(2020, 3, 5));
        assert_eq!(parse_date("26-FEB-1987 15:01:01.79"), d(1987, 2, 26));
        assert_eq!(parse_date("Thu, 05 Mar 2020 10:00:00 +0000"), d(2020, 3, 5));
        assert_eq!(parse_date("March 5, 2020"), d(2020, 3, 5));
        assert_eq!(parse_date("Jan. 28 2020"), d(2020, 1, 28));
        assert_eq!(date_from_timestamp(1_583_366_400), d(2020, 3, 5));
    }

    #[test]
    fn refuses_what_it_cannot_read() {
        assert_eq!(parse_date("last Thursday"), None);
        assert_eq!(parse_date("2020-02-30"), None);
        assert_eq!(parse_date(""), None);
    }

    #[test]
    fn domain_from_url() {
        assert_eq!(domain_of("https://www.xinhuanet.com/english/x.htm").as_deref(), Some("xinhuanet.com"));
        assert_eq!(domain_of("http://news.cgtn.com:8080/a?b").as_deref(), Some("news.cgtn.com"));
        assert_eq!(domain_of("not a url"), None);
    }
}
