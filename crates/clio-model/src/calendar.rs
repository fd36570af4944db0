//! Month and weekday names, shared by metadata parsing and the date stage.

/// The month (1-12) a name or abbreviation denotes: "March", "Mar", "mar.",
/// "SEPT". Case-insensitive; a trailing period is ignored.
pub fn month_number(word: &str) -> Option<i8> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    let m = match w.as_str() {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    };
    Some(m)
}

/// The weekday (Monday = 1 .. Sunday = 7) a full weekday name denotes.
/// Abbreviations ("Sun", "Wed") are not accepted: they collide with words.
pub fn weekday_number(word: &str) -> Option<i8> {
    let d = match word.to_ascii_lowercase().as_str() {
        "monday" => 1,
        "tuesday" => 2,
        "wednesday" => 3,
        "thursday" => 4,
        "friday" => 5,
        "saturday" => 6,
        "sunday" => 7,
        _ => return None,
    };
    Some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_abbreviations() {
        assert_eq!(month_number("Jan."), Some(1));
        assert_eq!(month_number("SEPT"), Some(9));
        assert_eq!(month_number("Mayor"), None);
        assert_eq!(weekday_number("Thursday"), Some(4));
        assert_eq!(weekday_number("Wed"), None);
    }
}
