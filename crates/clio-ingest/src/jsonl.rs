//! One JSON Lines record -> one [`RawArticle`], recognising the usual field
//! names and letting the user map others (`--field text=story`).

use clio_model::{ArticleMeta, InputFormat, RawArticle};
use serde_json::{Map, Value};

use crate::meta::{date_from_timestamp, parse_date};
use crate::{SkipReason, Skipped};

/// The article fields clio reads from a record, with the names it looks
/// for, in order of preference.
const USUAL_NAMES: &[(Field, &[&str])] = &[
    (Field::Id, &["id", "newid", "doc_id", "docid", "article_id", "guid", "uuid"]),
    (Field::Url, &["url", "link", "uri", "source_url"]),
    (Field::Outlet, &["outlet", "source", "publisher", "site_name", "source_name", "media"]),
    (
        Field::Published,
        &["published", "date", "publish_date", "published_at", "pubdate", "date_published", "datetime", "timestamp"],
    ),
    (Field::Title, &["title", "headline"]),
    (Field::Text, &["text", "body", "body_text", "content", "maintext", "article", "story"]),
    (Field::Html, &["html", "raw_html", "page"]),
    (Field::Dateline, &["dateline"]),
];

/// An article field a JSON record can carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// The record's own id.
    Id,
    /// Canonical URL.
    Url,
    /// Publisher.
    Outlet,
    /// Publication date.
    Published,
    /// Headline.
    Title,
    /// Article body as plain text.
    Text,
    /// Article as an HTML page.
    Html,
    /// Dateline ("WASHINGTON, Feb 26 -").
    Dateline,
}

impl Field {
    /// The field's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Url => "url",
            Field::Outlet => "outlet",
            Field::Published => "published",
            Field::Title => "title",
            Field::Text => "text",
            Field::Html => "html",
            Field::Dateline => "dateline",
        }
    }

    fn all() -> impl Iterator<Item = Field> {
        USUAL_NAMES.iter().map(|(f, _)| *f)
    }
}

/// User mappings of clio fields to record keys, tried before the usual names.
#[derive(Clone, Debug, Default)]
pub struct FieldMap {
    custom: Vec<(Field, String)>,
}

impl FieldMap {
    /// Adds a mapping written as `FIELD=KEY` (`text=story`). The error says
    /// which fields exist.
    pub fn add(&mut self, spec: &str) -> Result<(), String> {
        let (field, key) =
            spec.split_once('=').ok_or_else(|| format!("--field takes FIELD=KEY (e.g. text=story), got {spec:?}"))?;
        let f = Field::all().find(|f| f.name() == field.trim()).ok_or_else(|| {
            let names: Vec<_> = Field::all().map(Field::name).collect();
            format!("unknown field {field:?} in --field {spec:?}; fields are {}", names.join(", "))
        })?;
        self.custom.push((f, key.trim().to_string()));
        Ok(())
    }

    /// The first key of `field` the record has, with its value, null or not.
    fn lookup_any<'a, 'k>(&'k self, obj: &'a Map<String, Value>, field: Field) -> Option<(&'k str, &'a Value)>
    where
        'a: 'k,
    {
        let custom = self.custom.iter().filter(|(f, _)| *f == field).map(|(_, k)| k.as_str());
        let usual = USUAL_NAMES.iter().filter(|(f, _)| *f == field).flat_map(|(_, n)| n.iter().copied());
        custom.chain(usual).find_map(|k| obj.get_key_value(k).map(|(k, v)| (k.as_str(), v)))
    }

    fn lookup<'a>(&self, obj: &'a Map<String, Value>, field: Field) -> Option<&'a Value> {
        let custom = self.custom.iter().filter(|(f, _)| *f == field).map(|(_, k)| k.as_str());
        let usual = USUAL_NAMES.iter().filter(|(f, _)| *f == field).flat_map(|(_, n)| n.iter().copied());
        custom.chain(usual).filter_map(|k| obj.get(k)).find(|v| !v.is_null())
    }
}

/// A string field's value: strings as they are, numbers printed, objects
/// by their `name` (`"source": {"name": "Reuters"}`).
fn as_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Object(o) => o.get("name").and_then(as_text),
        _ => None,
    }
}

/// What kind of JSON value `v` is, for messages.
fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Turns one line into an article, or says why it cannot.
pub fn parse_record(line: &str, source: String, fields: &FieldMap) -> Result<RawArticle, Skipped> {
    let skip = |reason, detail: String| Skipped { source: source.clone(), reason, detail };
    let value: Value =
        serde_json::from_str(line).map_err(|e| skip(SkipReason::NotJson, format!("not valid JSON ({e})")))?;
    let Value::Object(obj) = value else {
        return Err(skip(SkipReason::NotJson, "a JSON object per line is expected".into()));
    };
    let get = |f| fields.lookup(&obj, f).and_then(as_text);
    // The text itself must be a string: a number, a list or an object is
    // no article, and null is no text.
    let body = |f| match fields.lookup_any(&obj, f) {
        Some((_, Value::String(s))) => Ok(Some(s.clone())),
        Some((key, Value::Null)) => Err(format!("the {key:?} field is null")),
        Some((key, v)) => Err(format!("the {key:?} field is {}, not a string", kind(v))),
        None => Ok(None),
    };
    let (text, html) = match (body(Field::Text), body(Field::Html)) {
        (Ok(t), Ok(h)) => (t, h),
        // One usable field is enough.
        (Err(_), Ok(Some(h))) => (None, Some(h)),
        (Ok(Some(t)), Err(_)) => (Some(t), None),
        (Err(e), _) | (_, Err(e)) => {
            return Err(skip(SkipReason::NoText, format!("{e}; an article's text is a string")))
        }
    };
    let (raw, is_html) = match (text, html) {
        (Some(t), _) if !t.trim().is_empty() => (t, false),
        (_, Some(h)) if !h.trim().is_empty() => (h, true),
        (None, None) => {
            let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
            keys.truncate(12);
            return Err(skip(
                SkipReason::NoText,
                format!("no text field (keys: {}); map one with --field text=KEY", keys.join(", ")),
            ));
        }
        _ => return Err(skip(SkipReason::Empty, "the text field is empty".into())),
    };
    let published = match fields.lookup(&obj, Field::Published) {
        Some(Value::Number(n)) => n.as_i64().and_then(date_from_timestamp),
        Some(v) => as_text(v).as_deref().and_then(parse_date),
        None => None,
    };
    Ok(RawArticle {
        id: get(Field::Id).filter(|s| !s.trim().is_empty()),
        source,
        format: InputFormat::Jsonl,
        raw,
        is_html,
        meta: ArticleMeta {
            title: get(Field::Title).filter(|s| !s.trim().is_empty()),
            outlet: get(Field::Outlet).filter(|s| !s.trim().is_empty()),
            dateline: get(Field::Dateline).filter(|s| !s.trim().is_empty()),
            url: get(Field::Url),
            published,
            published_line: None,
            fetched: None,
        },
        warnings: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(line: &str) -> Result<RawArticle, Skipped> {
        parse_record(line, "f.jsonl:1".into(), &FieldMap::default())
    }

    #[test]
    fn usual_names_are_recognised() {
        let a = parse(
            r#"{"newid": 7, "title": "T", "date": "26-FEB-1987 15:01:01.79", "body": "Some text.", "source": {"name": "Reuters"}}"#,
        );
        let a = a.unwrap();
        assert_eq!(a.id.as_deref(), Some("7"));
        assert_eq!(a.meta.outlet.as_deref(), Some("Reuters"));
        assert_eq!(a.meta.published.map(|d| d.to_string()).as_deref(), Some("1987-02-26"));
        assert_eq!(a.raw, "Some text.");
    }

    #[test]
    fn custom_mapping_wins_and_unknown_fields_are_explained() {
        let mut m = FieldMap::default();
        assert!(m.add("text=story_body").is_ok());
        let a = parse_record(r#"{"story_body": "Mapped.", "text": "Not this."}"#, "x".into(), &m);
        assert_eq!(a.map(|a| a.raw).ok().as_deref(), Some("Mapped."));
        let err = FieldMap::default().add("txt=body").err().unwrap_or_default();
        assert!(err.contains("fields are id, url"), "{err}");
    }

    #[test]
    fn bad_records_say_why() {
        assert_eq!(parse("{not json").err().map(|s| s.reason), Some(SkipReason::NotJson));
        assert_eq!(parse("[1, 2]").err().map(|s| s.reason), Some(SkipReason::NotJson));
        let no_text = parse(r#"{"title": "only a title"}"#).err();
        assert_eq!(no_text.as_ref().map(|s| s.reason), Some(SkipReason::NoText));
        assert!(no_text.map(|s| s.detail).unwrap_or_default().contains("--field text="));
        assert_eq!(parse(r#"{"body": "  "}"#).err().map(|s| s.reason), Some(SkipReason::Empty));
    }

    #[test]
    fn html_records_are_marked_for_extraction() {
        let a = parse(r#"{"html": "<p>Hi.</p>", "published": 1583366400}"#).ok();
        assert_eq!(a.as_ref().map(|a| a.is_html), Some(true));
        assert_eq!(a.and_then(|a| a.meta.published).map(|d| d.to_string()).as_deref(), Some("2020-03-05"));
    }
}
