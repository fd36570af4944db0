//! Parquet tables, the format pandas, polars, DuckDB and Spark read: one
//! file per kind of record, typed columns (text, integers, floats; a blank
//! is a null), written in row groups as the run goes, zstd-compressed.
//!
//! Tables and their columns ([`TABLES`]): `documents`, `entities`,
//! `quotes`, `quantities` (one row per article or per item, with the
//! article's id in `document` and char offsets into its text), `stories`,
//! and GDELT's `events` and `mentions` with the codebooks' column names.

use std::borrow::Cow;
use std::fs::File;
use std::path::Path;
use std::sync::Arc;

use parquet::basic::{Compression, LogicalType, Repetition, Type as Physical, ZstdLevel};
use parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int64Type};
pub use parquet::errors::ParquetError;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::Type;
use serde_json::Value;

use crate::{EVENT_COLUMNS, MENTION_COLUMNS};

/// Rows buffered per row group.
const ROW_GROUP: usize = 16_384;

/// A column's type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnType {
    /// UTF-8 text.
    Text,
    /// 64-bit integer.
    Int,
    /// 64-bit float.
    Float,
}

use ColumnType::{Float, Int, Text};

/// A table: its file name (without `.parquet`) and columns.
pub struct Table {
    /// `documents`, `entities` ...
    pub name: &'static str,
    /// (column, type), in order.
    pub columns: Cow<'static, [(&'static str, ColumnType)]>,
}

/// One row per article.
pub const DOCUMENTS: Table = Table {
    name: "documents",
    columns: Cow::Borrowed(&[
        ("id", Text),
        ("source", Text),
        ("url", Text),
        ("title", Text),
        ("outlet", Text),
        ("dateline", Text),
        ("date", Text),
        ("date_basis", Text),
        ("date_reason", Text),
        ("story", Text),
        ("tone", Float),
        ("entities", Int),
        ("events", Int),
        ("quotes", Int),
        ("quantities", Int),
        ("text", Text),
    ]),
};

/// One row per entity of an article.
pub const ENTITIES: Table = Table {
    name: "entities",
    columns: Cow::Borrowed(&[
        ("document", Text),
        ("entity", Text),
        ("global_id", Text),
        ("name", Text),
        ("type", Text),
        ("actor", Text),
        ("country", Text),
        ("mentions", Int),
    ]),
};

/// One row per quotation.
pub const QUOTES: Table = Table {
    name: "quotes",
    columns: Cow::Borrowed(&[
        ("document", Text),
        ("kind", Text),
        ("speaker", Text),
        ("speaker_entity", Text),
        ("speaker_global_id", Text),
        ("verb", Text),
        ("text", Text),
        ("start", Int),
        ("end", Int),
    ]),
};

/// One row per quantity.
pub const QUANTITIES: Table = Table {
    name: "quantities",
    columns: Cow::Borrowed(&[
        ("document", Text),
        ("value", Float),
        ("qualifier", Text),
        ("what", Text),
        ("subject", Text),
        ("as_of", Text),
        ("count_type", Text),
        ("text", Text),
        ("start", Int),
        ("end", Int),
        ("in_caption", Int),
    ]),
};

/// One row per story.
pub const STORIES: Table = Table {
    name: "stories",
    columns: Cow::Borrowed(&[
        ("id", Text),
        ("label", Text),
        ("first_date", Text),
        ("last_date", Text),
        ("articles", Int),
        ("outlets", Text),
        ("documents", Text),
    ]),
};

/// GDELT's Event columns that are numbers; the others (codes with leading
/// zeros among them) are text.
fn gdelt_type(column: &str) -> ColumnType {
    const INTS: &[&str] = &[
        "GLOBALEVENTID",
        "SQLDATE",
        "MonthYear",
        "Year",
        "IsRootEvent",
        "QuadClass",
        "NumMentions",
        "NumSources",
        "NumArticles",
        "Actor1Geo_Type",
        "Actor2Geo_Type",
        "ActionGeo_Type",
        "DATEADDED",
        "EventTimeDate",
        "MentionTimeDate",
        "MentionType",
        "SentenceID",
        "Actor1CharOffset",
        "Actor2CharOffset",
        "ActionCharOffset",
        "InRawText",
        "Confidence",
        "MentionDocLen",
    ];
    if INTS.contains(&column) {
        Int
    } else if matches!(column, "FractionDate" | "GoldsteinScale" | "AvgTone" | "MentionDocTone")
        || column.ends_with("_Lat")
        || column.ends_with("_Long")
    {
        Float
    } else {
        Text
    }
}

fn gdelt_columns(names: &[&'static str]) -> Cow<'static, [(&'static str, ColumnType)]> {
    names.iter().map(|n| (*n, gdelt_type(n))).collect::<Vec<_>>().into()
}

/// GDELT's Event table.
pub fn events_table() -> Table {
    Table { name: "events", columns: gdelt_columns(&EVENT_COLUMNS) }
}

/// GDELT's Mentions table.
pub fn mentions_table() -> Table {
    Table { name: "mentions", columns: gdelt_columns(&MENTION_COLUMNS) }
}

/// Position of the stories in [`tables`].
pub const STORIES_AT: usize = 4;
/// Position of GDELT's events in [`tables`].
pub const EVENTS: usize = 5;
/// Position of GDELT's mentions in [`tables`].
pub const MENTIONS: usize = 6;

/// Every table `clio run` writes, in order: the four of [`article_rows`]
/// first.
pub fn tables() -> Vec<Table> {
    vec![DOCUMENTS, ENTITIES, QUOTES, QUANTITIES, STORIES, events_table(), mentions_table()]
}

/// Writes one table's file in row groups.
pub struct TableWriter {
    file: SerializedFileWriter<File>,
    columns: Vec<ColumnType>,
    rows: Vec<Vec<Value>>,
    written: u64,
}

impl TableWriter {
    /// Creates `DIR/NAME.parquet`.
    pub fn create(dir: &Path, table: &Table) -> Result<TableWriter, ParquetError> {
        let fields = table
            .columns
            .iter()
            .map(|(name, ty)| {
                let b = match ty {
                    Text => Type::primitive_type_builder(name, Physical::BYTE_ARRAY)
                        .with_logical_type(Some(LogicalType::String)),
                    Int => Type::primitive_type_builder(name, Physical::INT64),
                    Float => Type::primitive_type_builder(name, Physical::DOUBLE),
                };
                b.with_repetition(Repetition::OPTIONAL).build().map(Arc::new)
            })
            .collect::<Result<Vec<_>, _>>()?;
        let schema = Arc::new(Type::group_type_builder("clio").with_fields(fields).build()?);
        let props = WriterProperties::builder()
            .set_compression(Compression::ZSTD(ZstdLevel::try_new(3)?))
            .set_created_by(format!("clio {}", env!("CARGO_PKG_VERSION")))
            .build();
        let path = dir.join(format!("{}.parquet", table.name));
        let file = File::create(&path).map_err(|e| ParquetError::General(format!("{}: {e}", path.display())))?;
        Ok(TableWriter {
            file: SerializedFileWriter::new(file, schema, Arc::new(props))?,
            columns: table.columns.iter().map(|(_, ty)| *ty).collect(),
            rows: Vec::new(),
            written: 0,
        })
    }

    /// Adds a row: one value per column, in order (JSON null, string,
    /// number or bool; a string of a number column is parsed, and an
    /// empty or unparsable one is a null).
    pub fn push(&mut self, row: Vec<Value>) -> Result<(), ParquetError> {
        self.rows.push(row);
        if self.rows.len() >= ROW_GROUP {
            self.flush()?;
        }
        Ok(())
    }

    /// Adds a row of text fields (a GDELT row), typed by the columns.
    pub fn push_fields(&mut self, fields: Vec<String>) -> Result<(), ParquetError> {
        self.push(fields.into_iter().map(Value::String).collect())
    }

    fn flush(&mut self) -> Result<(), ParquetError> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let mut group = self.file.next_row_group()?;
        for (i, ty) in self.columns.iter().enumerate() {
            let Some(mut column) = group.next_column()? else { break };
            let cells = self.rows.iter().map(|r| r.get(i).unwrap_or(&Value::Null));
            let mut levels = Vec::with_capacity(self.rows.len());
            match ty {
                Text => {
                    let mut values = Vec::new();
                    for c in cells {
                        let s = match c {
                            Value::Null => None,
                            Value::String(s) if s.is_empty() => None,
                            Value::String(s) => Some(s.clone()),
                            other => Some(other.to_string()),
                        };
                        levels.push(i16::from(s.is_some()));
                        values.extend(s.map(|s| ByteArray::from(s.into_bytes())));
                    }
                    column.typed::<ByteArrayType>().write_batch(&values, Some(&levels), None)?;
                }
                Int => {
                    let mut values = Vec::new();
                    for c in cells {
                        let v = match c {
                            Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)),
                            Value::Bool(b) => Some(i64::from(*b)),
                            Value::String(s) => s.trim().parse().ok(),
                            _ => None,
                        };
                        levels.push(i16::from(v.is_some()));
                        values.extend(v);
                    }
                    column.typed::<Int64Type>().write_batch(&values, Some(&levels), None)?;
                }
                Float => {
                    let mut values = Vec::new();
                    for c in cells {
                        let v = match c {
                            Value::Number(n) => n.as_f64(),
                            Value::String(s) => s.trim().parse().ok(),
                            _ => None,
                        };
                        levels.push(i16::from(v.is_some()));
                        values.extend(v);
                    }
                    column.typed::<DoubleType>().write_batch(&values, Some(&levels), None)?;
                }
            }
            column.close()?;
        }
        group.close()?;
        self.written += self.rows.len() as u64;
        self.rows.clear();
        Ok(())
    }

    /// Writes the last row group and the footer; returns the rows written.
    pub fn finish(mut self) -> Result<u64, ParquetError> {
        self.flush()?;
        self.file.close()?;
        Ok(self.written)
    }
}

/// The rows a `documents.jsonl` record gives each per-article table:
/// (documents row, entity rows, quote rows, quantity rows).
pub fn article_rows(record: &Value) -> [Vec<Vec<Value>>; 4] {
    let id = record["id"].clone();
    let count = |k: &str| Value::from(record[k].as_array().map_or(0, Vec::len));
    let items = |k: &str| record[k].as_array().cloned().unwrap_or_default();
    let document = vec![vec![
        id.clone(),
        record["source"].clone(),
        record["url"].clone(),
        record["title"].clone(),
        record["outlet"].clone(),
        record["dateline"].clone(),
        record["date"]["value"].clone(),
        record["date"]["basis"].clone(),
        record["date"]["reason"].clone(),
        record["story"].clone(),
        record["tone"]["tone"].clone(),
        count("entities"),
        count("events"),
        count("quotes"),
        count("quantities"),
        record["text"].clone(),
    ]];
    let entities = items("entities")
        .into_iter()
        .map(|e| {
            vec![
                id.clone(),
                e["id"].clone(),
                e["global_id"].clone(),
                e["name"].clone(),
                e["type"].clone(),
                e["actor"].clone(),
                e["country"].clone(),
                Value::from(e["mentions"].as_array().map_or(0, Vec::len)),
            ]
        })
        .collect();
    let quotes = items("quotes")
        .into_iter()
        .map(|q| {
            let s = &q["speaker"];
            vec![
                id.clone(),
                q["kind"].clone(),
                s["name"].clone(),
                s["entity"].clone(),
                s["global_id"].clone(),
                q["verb"].clone(),
                q["text"].clone(),
                q["start"].clone(),
                q["end"].clone(),
            ]
        })
        .collect();
    let quantities = items("quantities")
        .into_iter()
        .map(|q| {
            let at = |k: &str, raw: &str| if q[k].is_null() { q[raw].clone() } else { q[k].clone() };
            vec![
                id.clone(),
                q["value"].clone(),
                q["qualifier"].clone(),
                q["what"].clone(),
                q["subject"].clone(),
                q["as_of"].clone(),
                q["count_type"].clone(),
                q["text"].clone(),
                at("start", "raw_start"),
                at("end", "raw_end"),
                q["in_caption"].clone(),
            ]
        })
        .collect();
    [document, entities, quotes, quantities]
}

#[cfg(test)]
mod tests {
    use super::*;
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::RowAccessor;
    use serde_json::json;

    #[test]
    fn rows_come_back_typed_with_nulls_for_blanks() {
        let dir = tempfile::tempdir().unwrap();
        let mut w = TableWriter::create(dir.path(), &QUANTITIES).unwrap();
        w.push(vec![
            json!("a1"),
            json!(1200.0),
            json!("about"),
            json!("migrants"),
            Value::Null,
            json!("2026-03-03"),
            json!("count"),
            json!("1,200 migrants"),
            json!(10),
            json!(24),
            json!(false),
        ])
        .unwrap();
        w.push(vec![
            json!("a2"),
            json!("7.5"),
            Value::Null,
            json!(""),
            Value::Null,
            Value::Null,
            Value::Null,
            json!("7.5%"),
            json!(0),
            json!(4),
            json!(true),
        ])
        .unwrap();
        assert_eq!(w.finish().unwrap(), 2);
        let r = SerializedFileReader::new(File::open(dir.path().join("quantities.parquet")).unwrap()).unwrap();
        assert_eq!(r.metadata().file_metadata().num_rows(), 2);
        let rows: Vec<_> = r.get_row_iter(None).unwrap().map(Result::unwrap).collect();
        assert_eq!(rows[0].get_string(0).unwrap(), "a1");
        assert_eq!(rows[0].get_double(1).unwrap(), 1200.0);
        assert_eq!(rows[1].get_double(1).unwrap(), 7.5, "a number given as text is a number");
        assert!(rows[1].get_string(3).is_err(), "an empty text is a null");
        assert_eq!(rows[1].get_long(10).unwrap(), 1);
    }

    #[test]
    fn gdelt_columns_keep_codes_as_text_and_counts_as_numbers() {
        assert_eq!(gdelt_type("EventCode"), Text);
        assert_eq!(gdelt_type("NumMentions"), Int);
        assert_eq!(gdelt_type("ActionGeo_Lat"), Float);
        assert_eq!(events_table().columns.len(), 61);
        assert_eq!(mentions_table().columns.len(), 16);
    }
}
