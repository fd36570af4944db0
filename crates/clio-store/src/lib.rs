//! The embedded store: one SQLite file holding every article with its
//! cleaned text, raw input and annotation layers.
//!
//! Invariants: the schema carries a format version ([`FORMAT_VERSION`]) and
//! a store written by a newer clio is refused, not damaged; each batch is
//! written in one transaction, so an interrupted run loses at most the batch
//! in flight and never what was stored before; an article is keyed by its
//! id, so storing it again adds nothing.
//!
//! ```
//! let dir = tempfile::tempdir().unwrap();
//! let mut store = clio_store::Store::open(&dir.path().join("clio.db")).unwrap();
//! assert_eq!(store.stats().unwrap().articles, 0);
//! ```

use std::path::{Path, PathBuf};

use clio_model::{
    ActorMention, ArticleDate, ArticleMeta, Doc, DocId, Entity, Event, InputFormat, OffsetMap, Quantity, Quote,
    Removal, Sentence, Span, ThemeMention, TimeExpr, Tone,
};
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::Value;

mod pack;
use pack::{content, split_content, Codec, Kind, Packer};

/// The schema version this build writes and reads.
pub const FORMAT_VERSION: i64 = 4;

const SCHEMA_V1: &str = "
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id          TEXT PRIMARY KEY,
    source      TEXT NOT NULL,
    format      TEXT NOT NULL,
    title       TEXT,
    outlet      TEXT,
    dateline    TEXT,
    url         TEXT,
    date        TEXT,
    date_basis  TEXT NOT NULL,
    raw         TEXT NOT NULL,
    text        TEXT NOT NULL,
    layers      TEXT NOT NULL,
    ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX IF NOT EXISTS articles_date ON articles(date);
CREATE INDEX IF NOT EXISTS articles_outlet ON articles(outlet);
";

/// Version 2: entities per article, and the global entities they link to.
const SCHEMA_V2: &str = "
CREATE TABLE IF NOT EXISTS global_entities (
    key  TEXT PRIMARY KEY,
    id   TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    type TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS entities (
    article   TEXT NOT NULL REFERENCES articles(id),
    local_id  INTEGER NOT NULL,
    global_id TEXT,
    name      TEXT NOT NULL,
    type      TEXT NOT NULL,
    actor     TEXT,
    country   TEXT,
    PRIMARY KEY (article, local_id)
);
CREATE INDEX IF NOT EXISTS entities_global ON entities(global_id);
CREATE INDEX IF NOT EXISTS entities_actor ON entities(actor);
";

/// Version 3: each article's linking features, and the corpus results
/// (stories, merged events, claims) of the last linking.
const SCHEMA_V3: &str = "
CREATE TABLE IF NOT EXISTS features (
    article TEXT PRIMARY KEY REFERENCES articles(id),
    json    TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS corpus (
    key  TEXT PRIMARY KEY,
    json TEXT NOT NULL
);
";

/// Version 4: texts and JSON as zstd frames (`pack`), raw input and text
/// in one `content` value, with the dictionaries they were packed with.
const SCHEMA_V4: &str = "
CREATE TABLE IF NOT EXISTS dictionaries (
    id    INTEGER PRIMARY KEY,
    kind  TEXT NOT NULL,
    bytes BLOB NOT NULL
);
";

/// What can go wrong with the store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// SQLite failed on this file.
    #[error("{path}: {source}")]
    Sqlite {
        /// The database file.
        path: PathBuf,
        /// What SQLite said.
        source: rusqlite::Error,
    },
    /// No store at the path a read-only command was given.
    #[error("no clio store at {path}: ingest articles first (clio ingest FILES) or give the store with --db")]
    Missing {
        /// The path given.
        path: PathBuf,
    },
    /// A file that is not a clio store.
    #[error("{path} is not a clio store (it has no clio tables); give clio's store with --db")]
    NotClio {
        /// The file.
        path: PathBuf,
    },
    /// Another process is writing to the store.
    #[error("{path}: another clio is writing to this store; wait for it to finish (one writer at a time; show, query and stats work meanwhile) or give another --db")]
    Busy {
        /// The database file.
        path: PathBuf,
    },
    /// A store of an older format, opened read-only (upgrading writes).
    #[error("{path}: store format {found} is older than this clio's ({FORMAT_VERSION}); run clio ingest on it once to upgrade it")]
    Older {
        /// The database file.
        path: PathBuf,
        /// The version found.
        found: i64,
    },
    /// The file was written by a newer clio.
    #[error("{path}: store format {found} is newer than this clio reads ({FORMAT_VERSION}); upgrade clio or choose another --db")]
    Newer {
        /// The database file.
        path: PathBuf,
        /// The version found.
        found: i64,
    },
    /// A stored row does not decode.
    #[error("{path}: article {id} does not decode ({detail}); the store may be damaged")]
    Corrupt {
        /// The database file.
        path: PathBuf,
        /// The article.
        id: String,
        /// What failed.
        detail: String,
    },
}

/// Result of store operations.
pub type Result<T> = std::result::Result<T, StoreError>;

/// A summary of the store's contents.
#[derive(Debug, Default, PartialEq)]
pub struct Stats {
    /// Number of articles.
    pub articles: u64,
    /// Total cleaned text, in bytes.
    pub text_bytes: u64,
    /// Articles per date basis (`metadata`, `text`, ...).
    pub by_basis: Vec<(String, u64)>,
    /// Articles per outlet, most first (at most 10).
    pub top_outlets: Vec<(String, u64)>,
    /// Earliest and latest article date.
    pub date_range: Option<(String, String)>,
}

/// A global entity as stored.
#[derive(Clone, Debug, PartialEq)]
pub struct GlobalRow {
    /// Linking key.
    pub key: String,
    /// `P1`, `O2`...
    pub id: String,
    /// Name.
    pub name: String,
    /// `PERSON`, `ORG`, `LOC`.
    pub etype: String,
}

/// The layers kept as JSON beside the text (tokens are not stored: they are
/// cheaper to recompute than to read back).
#[derive(serde::Serialize)]
struct LayersRef<'a> {
    meta: &'a ArticleMeta,
    offset_map: &'a OffsetMap,
    removed: &'a [Removal],
    paragraphs: &'a [Span],
    sentences: &'a [Sentence],
    time_exprs: &'a [TimeExpr],
    date: &'a ArticleDate,
    entities: &'a [Entity],
    actors: &'a [ActorMention],
    events: &'a [Event],
    quotes: &'a [Quote],
    quoted_terms: &'a [Span],
    quantities: &'a [Quantity],
    tone: &'a Tone,
    themes: &'a [ThemeMention],
    warnings: &'a [String],
}

#[derive(serde::Deserialize)]
struct Layers {
    meta: ArticleMeta,
    offset_map: OffsetMap,
    removed: Vec<Removal>,
    paragraphs: Vec<Span>,
    sentences: Vec<Sentence>,
    time_exprs: Vec<TimeExpr>,
    date: ArticleDate,
    #[serde(default)]
    entities: Vec<Entity>,
    #[serde(default)]
    actors: Vec<ActorMention>,
    #[serde(default)]
    events: Vec<Event>,
    #[serde(default)]
    quotes: Vec<Quote>,
    #[serde(default)]
    quoted_terms: Vec<Span>,
    #[serde(default)]
    quantities: Vec<Quantity>,
    #[serde(default)]
    tone: Tone,
    #[serde(default)]
    themes: Vec<ThemeMention>,
    warnings: Vec<String>,
}

/// Which articles [`Store::articles`] lists.
#[derive(Clone, Debug, Default)]
pub struct ArticleFilter {
    /// Words of the title or of an entity's name, each somewhere.
    pub words: Option<String>,
    /// Exactly this outlet.
    pub outlet: Option<String>,
    /// Dated on or after (YYYY-MM-DD).
    pub since: Option<String>,
    /// Dated on or before (YYYY-MM-DD).
    pub until: Option<String>,
}

/// An article as listed: what its row holds besides its content.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct ArticleRow {
    /// Article id.
    pub id: String,
    /// Where it came from.
    pub source: String,
    /// Headline.
    pub title: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// Resolved date (YYYY-MM-DD).
    pub date: Option<String>,
    /// How the date was found.
    pub date_basis: String,
}

fn article_row(r: &rusqlite::Row) -> rusqlite::Result<ArticleRow> {
    Ok(ArticleRow {
        id: r.get(0)?,
        source: r.get(1)?,
        title: r.get(2)?,
        outlet: r.get(3)?,
        date: r.get(4)?,
        date_basis: r.get(5)?,
    })
}

/// An open store.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// For a writer: the database file, held under an exclusive advisory
    /// lock (flock, apart from SQLite's own locks) until the store is
    /// dropped, so two runs never write one store at once: each keeps
    /// global entity ids and the corpus in memory between its transactions.
    _writer: Option<std::fs::File>,
    /// The dictionaries values are packed with.
    codec: Codec,
}

impl Store {
    /// Opens (creating if needed) the store at `path` for writing. Fails
    /// with [`StoreError::Busy`] while another process writes to it.
    pub fn open(path: &Path) -> Result<Store> {
        let conn = Connection::open(path).map_err(|source| StoreError::Sqlite { path: path.into(), source })?;
        let lock = std::fs::File::open(path).map_err(|e| StoreError::Sqlite {
            path: path.into(),
            source: rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CANTOPEN),
                Some(e.to_string()),
            ),
        })?;
        if lock.try_lock().is_err() {
            return Err(StoreError::Busy { path: path.into() });
        }
        let mut store = Store { conn, path: path.into(), _writer: Some(lock), codec: Codec::default() };
        store.init()?;
        store.codec = Codec::load(&store.conn).map_err(|e| store.err(e))?;
        Ok(store)
    }

    /// Opens an existing store for reading only: the file is never created
    /// or changed (no tables added, no journal mode switched), and a file
    /// that is not a clio store is refused.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        if !path.exists() {
            return Err(StoreError::Missing { path: path.into() });
        }
        let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)
            .map_err(|source| StoreError::Sqlite { path: path.into(), source })?;
        let mut store = Store { conn, path: path.into(), _writer: None, codec: Codec::default() };
        let _ = store.conn.busy_timeout(std::time::Duration::from_secs(5));
        let has_meta: bool = store
            .conn
            .query_row("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'", [], |_| Ok(()))
            .optional()
            .map_err(|_| StoreError::NotClio { path: path.into() })?
            .is_some();
        if !has_meta {
            return Err(StoreError::NotClio { path: path.into() });
        }
        let found: Option<i64> = store
            .conn
            .query_row("SELECT value FROM meta WHERE key = 'format_version'", [], |r| r.get::<_, String>(0))
            .optional()
            .map_err(|e| store.err(e))?
            .and_then(|v| v.parse().ok());
        match found {
            None => Err(StoreError::NotClio { path: path.into() }),
            Some(v) if v > FORMAT_VERSION => Err(StoreError::Newer { path: path.into(), found: v }),
            Some(v) if v < FORMAT_VERSION => Err(StoreError::Older { path: path.into(), found: v }),
            Some(_) => {
                store.codec = Codec::load(&store.conn).map_err(|e| store.err(e))?;
                Ok(store)
            }
        }
    }

    fn err(&self, source: rusqlite::Error) -> StoreError {
        StoreError::Sqlite { path: self.path.clone(), source }
    }

    fn init(&self) -> Result<()> {
        self.conn
            .execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;")
            .map_err(|e| self.err(e))?;
        self.conn.execute_batch(SCHEMA_V1).map_err(|e| self.err(e))?;
        let found: Option<String> = self
            .conn
            .query_row("SELECT value FROM meta WHERE key = 'format_version'", [], |r| r.get(0))
            .optional()
            .map_err(|e| self.err(e))?;
        match found.as_deref().and_then(|v| v.parse::<i64>().ok()) {
            Some(v) if v > FORMAT_VERSION => return Err(StoreError::Newer { path: self.path.clone(), found: v }),
            _ => {}
        }
        // Migrations are additive: each version's tables are created if
        // missing, then the version is recorded.
        self.conn.execute_batch(SCHEMA_V2).map_err(|e| self.err(e))?;
        self.conn.execute_batch(SCHEMA_V3).map_err(|e| self.err(e))?;
        self.conn.execute_batch(SCHEMA_V4).map_err(|e| self.err(e))?;
        let has_raw = self
            .conn
            .prepare("SELECT 1 FROM pragma_table_info('articles') WHERE name = 'raw'")
            .and_then(|mut q| q.exists([]))
            .map_err(|e| self.err(e))?;
        if has_raw {
            self.pack_rows()?;
        }
        self.conn
            .execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('format_version', ?1)",
                [FORMAT_VERSION.to_string()],
            )
            .map(drop)
            .map_err(|e| self.err(e))
    }

    /// Version 4 keeps an article's raw input and text as one packed
    /// `content` value and packs layers, features and corpus results:
    /// rewrites the rows of an older store (none in a new one) in one
    /// transaction, then reclaims the space, so a migration stopped
    /// half-way leaves the old store as it was.
    fn pack_rows(&self) -> Result<()> {
        let e = |e| self.err(e);
        let tx = self.conn.unchecked_transaction().map_err(e)?;
        let plain = Codec::default();
        let text = |r: &rusqlite::Row, i| -> rusqlite::Result<String> {
            plain.unpack_text(r.get_ref(i)?).map_err(|m| conversion(i, m))
        };
        let mut pack = Codec::default().packer(Kind::Corpus);
        tx.execute_batch(
            "ALTER TABLE articles ADD COLUMN content BLOB;
             ALTER TABLE articles ADD COLUMN text_bytes INTEGER NOT NULL DEFAULT 0;",
        )
        .map_err(e)?;
        {
            let mut read = tx.prepare("SELECT rowid, raw, text, layers FROM articles").map_err(e)?;
            let mut write = tx
                .prepare("UPDATE articles SET content = ?2, layers = ?3, text_bytes = ?4 WHERE rowid = ?1")
                .map_err(e)?;
            let rows =
                read.query_map([], |r| Ok((r.get::<_, i64>(0)?, text(r, 1)?, text(r, 2)?, text(r, 3)?))).map_err(e)?;
            for row in rows {
                let (rowid, raw, txt, layers) = row.map_err(e)?;
                let packed = pack.pack(&content(&raw, &txt));
                write.execute(params![rowid, packed, pack.pack(layers.as_bytes()), txt.len() as i64]).map_err(e)?;
            }
            for (table, key) in [("features", "article"), ("corpus", "key")] {
                let mut read = tx.prepare(&format!("SELECT {key}, json FROM {table}")).map_err(e)?;
                let mut write = tx.prepare(&format!("UPDATE {table} SET json = ?2 WHERE {key} = ?1")).map_err(e)?;
                let rows = read.query_map([], |r| Ok((r.get::<_, String>(0)?, text(r, 1)?))).map_err(e)?;
                for row in rows {
                    let (k, json) = row.map_err(e)?;
                    write.execute(params![k, pack.pack(json.as_bytes())]).map_err(e)?;
                }
            }
        }
        tx.execute_batch("ALTER TABLE articles DROP COLUMN raw; ALTER TABLE articles DROP COLUMN text;").map_err(e)?;
        tx.commit().map_err(e)?;
        self.conn.execute_batch("VACUUM").map_err(e)
    }

    /// A stored value as text, as a rusqlite error when it does not unpack.
    fn text(&self, r: &rusqlite::Row, i: usize) -> rusqlite::Result<String> {
        self.codec.unpack_text(r.get_ref(i)?).map_err(|m| conversion(i, m))
    }

    /// The format version recorded in the file.
    pub fn format_version(&self) -> Result<i64> {
        let v: String = self
            .conn
            .query_row("SELECT value FROM meta WHERE key = 'format_version'", [], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        Ok(v.parse().unwrap_or(0))
    }

    /// Stores a batch in one transaction; returns, per document, whether it
    /// was new (false: an article with that id was already stored).
    pub fn insert_batch(&mut self, docs: &[Doc]) -> Result<Vec<bool>> {
        self.insert_linked(docs, &[], &[])
    }

    /// Like [`Store::insert_batch`], also saving new global entities and the
    /// linking features of the new articles (`features[i]` is the JSON of
    /// `docs[i]`'s, when given), in the same transaction: a run stopped
    /// after this batch leaves its articles ready to be linked.
    pub fn insert_linked(&mut self, docs: &[Doc], globals: &[GlobalRow], features: &[String]) -> Result<Vec<bool>> {
        let path = self.path.clone();
        let err = |source| StoreError::Sqlite { path: path.clone(), source };
        let tx = self.conn.transaction().map_err(err)?;
        let mut fresh = Vec::with_capacity(docs.len());
        // Encoding and compressing take most of storing: done on every
        // core before the rows go in, one at a time.
        let (contents, layers): (Vec<Vec<u8>>, Vec<Vec<u8>>) = {
            use rayon::prelude::*;
            docs.par_iter().map(|d| (content(&d.raw, &d.text), layers_json(d).into_bytes())).unzip()
        };
        let feats: Vec<Vec<u8>> = features.iter().map(|f| f.as_bytes().to_vec()).collect();
        for (kind, samples) in [(Kind::Content, &contents), (Kind::Layers, &layers), (Kind::Features, &feats)] {
            self.codec.train(&tx, kind, samples).map_err(err)?;
        }
        let packed_content = self.codec.pack_all(Kind::Content, &contents);
        let packed_layers = self.codec.pack_all(Kind::Layers, &layers);
        let packed_features = self.codec.pack_all(Kind::Features, &feats);
        {
            let mut stmt = tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO articles
                     (id, source, format, title, outlet, dateline, url, date, date_basis, content, layers, text_bytes)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                )
                .map_err(err)?;
            for ((d, c), l) in docs.iter().zip(packed_content).zip(packed_layers) {
                let n = stmt
                    .execute(params![
                        d.id.0,
                        d.source,
                        json_name(&d.format),
                        d.meta.title,
                        d.meta.outlet,
                        d.meta.dateline,
                        d.meta.url,
                        d.date.value.map(|v| v.to_string()),
                        json_name(&d.date.basis),
                        c,
                        l,
                        d.text.len() as i64,
                    ])
                    .map_err(err)?;
                fresh.push(n == 1);
                if n == 1 {
                    put_entities(&tx, d).map_err(err)?;
                }
            }
            let mut feat =
                tx.prepare_cached("INSERT OR IGNORE INTO features (article, json) VALUES (?1, ?2)").map_err(err)?;
            for ((d, packed), _) in docs.iter().zip(&packed_features).zip(&fresh).filter(|(_, new)| **new) {
                feat.execute(params![d.id.0, packed]).map_err(err)?;
            }
            put_globals(&tx, globals).map_err(err)?;
        }
        tx.commit().map_err(err)?;
        Ok(fresh)
    }

    /// Every article's linking features, in the order articles were stored.
    #[cfg(test)]
    fn features(&self) -> Result<Vec<(String, String)>> {
        let mut all = Vec::new();
        self.each_features(|id, json| all.push((id.to_string(), json.to_string())))?;
        Ok(all)
    }

    /// Calls `f` with each article's id and linking features (JSON), in
    /// the order articles were stored, one at a time: a corpus's features
    /// are never all held as text.
    pub fn each_features(&self, mut f: impl FnMut(&str, &str)) -> Result<()> {
        let mut stmt = self
            .conn
            .prepare("SELECT f.article, f.json FROM features f JOIN articles a ON a.id = f.article ORDER BY a.rowid")
            .map_err(|e| self.err(e))?;
        let mut rows = stmt.query([]).map_err(|e| self.err(e))?;
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            let id = r.get_ref(0).and_then(|v| Ok(v.as_str()?.to_string())).map_err(|e| self.err(e))?;
            let json = self.text(r, 1).map_err(|e| self.err(e))?;
            f(&id, &json);
        }
        Ok(())
    }

    /// Opens the corpus step's transaction: the articles linking changes
    /// (re-dated, lent actor codes), the global entities that brings, the
    /// linking features of the articles it saw and its results (stories,
    /// events, claims) are saved through the returned [`CorpusStep`] as the
    /// step goes, so its memory does not grow with what it changes, and
    /// become visible together at [`CorpusStep::commit`]. A run stopped
    /// before the commit (or a step dropped uncommitted) leaves the
    /// previous corpus whole.
    pub fn begin_corpus(&mut self) -> Result<CorpusStep<'_>> {
        self.conn.execute_batch("BEGIN IMMEDIATE").map_err(|e| self.err(e))?;
        let packers = (self.codec.packer(Kind::Layers), self.codec.packer(Kind::Features));
        Ok(CorpusStep { store: self, layers: packers.0, features: packers.1, open: true })
    }

    /// A number that changes whenever a corpus step is saved, so a reader
    /// can keep the corpus results it parsed until then.
    pub fn corpus_generation(&self) -> Result<u64> {
        let v: Option<String> = self
            .conn
            .query_row("SELECT value FROM meta WHERE key = 'corpus_saves'", [], |r| r.get(0))
            .optional()
            .map_err(|e| self.err(e))?;
        Ok(v.and_then(|v| v.parse().ok()).unwrap_or(0))
    }

    /// How many articles the saved corpus was linked over (`None`: no
    /// corpus saved yet), and how many are stored: fewer linked than stored
    /// means a run stopped before its corpus step.
    pub fn corpus_coverage(&self) -> Result<(Option<u64>, u64)> {
        let linked: Option<u64> = self
            .conn
            .query_row("SELECT value FROM meta WHERE key = 'corpus_articles'", [], |r| r.get::<_, String>(0))
            .optional()
            .map_err(|e| self.err(e))?
            .and_then(|v| v.parse().ok());
        let stored: i64 =
            self.conn.query_row("SELECT count(*) FROM articles", [], |r| r.get(0)).map_err(|e| self.err(e))?;
        Ok((linked, stored as u64))
    }

    /// A saved corpus result.
    pub fn corpus(&self, key: &str) -> Result<Option<String>> {
        self.conn
            .query_row("SELECT json FROM corpus WHERE key = ?1", [key], |r| self.text(r, 0))
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Every global entity saved, in id order of creation.
    pub fn global_entities(&self) -> Result<Vec<GlobalRow>> {
        let mut stmt = self
            .conn
            .prepare("SELECT key, id, name, type FROM global_entities ORDER BY rowid")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| Ok(GlobalRow { key: r.get(0)?, id: r.get(1)?, name: r.get(2)?, etype: r.get(3)? }))
            .map_err(|e| self.err(e))?;
        rows.collect::<std::result::Result<_, _>>().map_err(|e| self.err(e))
    }

    /// True when an article with this id is stored with other raw content
    /// (a file name reused for another article).
    pub fn conflicts(&self, id: &DocId, raw: &str) -> Result<bool> {
        let stored: Option<String> = self
            .conn
            .query_row("SELECT content FROM articles WHERE id = ?1", [&id.0], |r| {
                let bytes = self.codec.unpack(r.get_ref(0)?).map_err(|m| conversion(0, m))?;
                split_content(bytes).map(|(raw, _)| raw).map_err(|m| conversion(0, m))
            })
            .optional()
            .map_err(|e| self.err(e))?;
        Ok(stored.is_some_and(|s| s != raw))
    }

    /// True when an article with this id is stored.
    pub fn contains(&self, id: &DocId) -> Result<bool> {
        self.conn
            .query_row("SELECT 1 FROM articles WHERE id = ?1", [&id.0], |_| Ok(()))
            .optional()
            .map(|r| r.is_some())
            .map_err(|e| self.err(e))
    }

    /// Loads an article with its stored layers (tokens are left empty).
    pub fn get(&self, id: &str) -> Result<Option<Doc>> {
        let row = self
            .conn
            .query_row("SELECT id, source, format, content, layers FROM articles WHERE id = ?1", [id], |r| {
                let content = self.codec.unpack(r.get_ref(3)?).map_err(|m| conversion(3, m))?;
                let (raw, text) = split_content(content).map_err(|m| conversion(3, m))?;
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    raw,
                    text,
                    self.text(r, 4)?,
                ))
            })
            .optional()
            .map_err(|e| self.err(e))?;
        let Some((id, source, format, raw, text, layers)) = row else { return Ok(None) };
        let corrupt = |detail: String| StoreError::Corrupt { path: self.path.clone(), id: id.clone(), detail };
        let format: InputFormat =
            serde_json::from_value(Value::String(format)).map_err(|e| corrupt(format!("format: {e}")))?;
        let l: Layers = serde_json::from_str(&layers).map_err(|e| corrupt(format!("layers: {e}")))?;
        let mut doc = Doc::new(DocId(id.clone()), source, format, raw, text);
        doc.meta = l.meta;
        doc.offset_map = l.offset_map;
        doc.removed = l.removed;
        doc.paragraphs = l.paragraphs;
        doc.sentences = l.sentences;
        doc.time_exprs = l.time_exprs;
        doc.date = l.date;
        doc.entities = l.entities;
        doc.actors = l.actors;
        doc.events = l.events;
        doc.quotes = l.quotes;
        doc.quoted_terms = l.quoted_terms;
        doc.quantities = l.quantities;
        doc.tone = l.tone;
        doc.themes = l.themes;
        doc.warnings = l.warnings;
        Ok(Some(doc))
    }

    /// Stored articles matching `filter`, newest first: how many match,
    /// and the rows from `offset` on (at most `limit`). Words match the
    /// title or a name of the article's entities, each word somewhere.
    pub fn articles(&self, filter: &ArticleFilter, offset: usize, limit: usize) -> Result<(u64, Vec<ArticleRow>)> {
        let words: Vec<String> = filter
            .words
            .as_deref()
            .unwrap_or("")
            .split_whitespace()
            .take(8)
            .map(|w| format!("%{}%", w.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")))
            .collect();
        let mut clauses = vec!["1".to_string()];
        let mut args: Vec<rusqlite::types::Value> = Vec::new();
        for w in words {
            args.push(w.into());
            let n = args.len();
            clauses.push(format!(
                "(title LIKE ?{n} ESCAPE '\\' OR EXISTS (SELECT 1 FROM entities e WHERE e.article = articles.id AND e.name LIKE ?{n} ESCAPE '\\'))"
            ));
        }
        for (column, op, value) in
            [("outlet", "=", &filter.outlet), ("date", ">=", &filter.since), ("date", "<=", &filter.until)]
        {
            if let Some(v) = value {
                args.push(v.clone().into());
                clauses.push(format!("{column} {op} ?{}", args.len()));
            }
        }
        let filter_sql = clauses.join(" AND ");
        let e = |e| self.err(e);
        let total: i64 = self
            .conn
            .query_row(
                &format!("SELECT count(*) FROM articles WHERE {filter_sql}"),
                rusqlite::params_from_iter(&args),
                |r| r.get(0),
            )
            .map_err(e)?;
        args.push((limit as i64).into());
        args.push((offset as i64).into());
        let n = args.len();
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT id, source, title, outlet, date, date_basis FROM articles WHERE {filter_sql}
                 ORDER BY date IS NULL, date DESC, id LIMIT ?{} OFFSET ?{n}",
                n - 1
            ))
            .map_err(e)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(&args), article_row).map_err(e)?;
        Ok((total as u64, rows.collect::<std::result::Result<_, _>>().map_err(e)?))
    }

    /// The listing rows of the articles with these ids that are stored, in
    /// the order given.
    pub fn article_rows(&self, ids: &[String]) -> Result<Vec<ArticleRow>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, source, title, outlet, date, date_basis FROM articles WHERE id = ?1")
            .map_err(|e| self.err(e))?;
        let mut out = Vec::new();
        for id in ids {
            if let Some(row) = stmt.query_row([id], article_row).optional().map_err(|e| self.err(e))? {
                out.push(row);
            }
        }
        Ok(out)
    }

    /// Ids starting with `prefix`, at most `limit` (for `clio show` by prefix).
    pub fn ids_with_prefix(&self, prefix: &str, limit: usize) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id FROM articles WHERE substr(id, 1, length(?1)) = ?1 ORDER BY id LIMIT ?2")
            .map_err(|e| self.err(e))?;
        let rows = stmt.query_map(params![prefix, limit as i64], |r| r.get::<_, String>(0)).map_err(|e| self.err(e))?;
        rows.collect::<std::result::Result<_, _>>().map_err(|e| self.err(e))
    }

    /// Ids of articles whose source is `source` (a path or `path:line`), or,
    /// when none is, whose source contains it; at most `limit`.
    pub fn ids_with_source(&self, source: &str, limit: usize) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id FROM articles WHERE source = ?1
                 UNION ALL SELECT id FROM (SELECT id FROM articles WHERE instr(source, ?1) > 0 ORDER BY source LIMIT ?2)
                 WHERE NOT EXISTS (SELECT 1 FROM articles WHERE source = ?1)",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt.query_map(params![source, limit as i64], |r| r.get::<_, String>(0)).map_err(|e| self.err(e))?;
        rows.collect::<std::result::Result<_, _>>().map_err(|e| self.err(e))
    }

    /// A summary of the store.
    pub fn stats(&self) -> Result<Stats> {
        let e = |e| self.err(e);
        let (articles, text_bytes): (i64, i64) = self
            .conn
            .query_row("SELECT count(*), coalesce(sum(text_bytes), 0) FROM articles", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .map_err(e)?;
        let pairs = |sql: &str| -> Result<Vec<(String, u64)>> {
            let mut stmt = self.conn.prepare(sql).map_err(e)?;
            let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64))).map_err(e)?;
            rows.collect::<std::result::Result<_, _>>().map_err(e)
        };
        let by_basis =
            pairs("SELECT date_basis, count(*) FROM articles GROUP BY date_basis ORDER BY count(*) DESC, date_basis")?;
        let top_outlets = pairs(
            "SELECT outlet, count(*) FROM articles WHERE outlet IS NOT NULL GROUP BY outlet ORDER BY count(*) DESC, outlet LIMIT 10",
        )?;
        let date_range = self
            .conn
            .query_row("SELECT min(date), max(date) FROM articles WHERE date IS NOT NULL", [], |r| {
                Ok(r.get::<_, Option<String>>(0)?.zip(r.get::<_, Option<String>>(1)?))
            })
            .map_err(e)?;
        Ok(Stats { articles: articles as u64, text_bytes: text_bytes as u64, by_basis, top_outlets, date_range })
    }
}

/// A value that did not unpack, as the error rusqlite reports for a column.
fn conversion(column: usize, message: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Blob, message.into())
}

/// Writes the rows of an article's entities.
/// A corpus step being saved: one transaction, from
/// [`Store::begin_corpus`] to [`CorpusStep::commit`]. Reads through it
/// see what it has saved so far.
pub struct CorpusStep<'a> {
    store: &'a mut Store,
    layers: Packer,
    features: Packer,
    open: bool,
}

impl CorpusStep<'_> {
    /// Loads an article as the step left it (see [`Store::get`]).
    pub fn get(&self, id: &str) -> Result<Option<Doc>> {
        self.store.get(id)
    }

    /// Saves an article the step changed: its date, layers and entity rows.
    pub fn save_article(&mut self, d: &Doc) -> Result<()> {
        let conn = &self.store.conn;
        let layers = self.layers.pack(layers_json(d).as_bytes());
        let run = || -> rusqlite::Result<()> {
            conn.prepare_cached("UPDATE articles SET date = ?2, date_basis = ?3, layers = ?4 WHERE id = ?1")?
                .execute(params![d.id.0, d.date.value.map(|v| v.to_string()), json_name(&d.date.basis), layers])?;
            conn.prepare_cached("DELETE FROM entities WHERE article = ?1")?.execute(params![d.id.0])?;
            put_entities(conn, d)
        };
        run().map_err(|e| self.store.err(e))
    }

    /// Saves (or replaces) an article's linking features (JSON).
    pub fn save_features(&mut self, id: &str, json: &str) -> Result<()> {
        let packed = self.features.pack(json.as_bytes());
        self.store
            .conn
            .prepare_cached("INSERT OR REPLACE INTO features (article, json) VALUES (?1, ?2)")
            .and_then(|mut q| q.execute(params![id, packed]))
            .map(drop)
            .map_err(|e| self.store.err(e))
    }

    /// Saves the global entities not saved yet and the step's results
    /// ((name, JSON): "stories", "events", "claims") with the number of
    /// articles they were linked over, and commits everything the step
    /// saved.
    pub fn commit(mut self, globals: &[GlobalRow], results: &[(&str, String)], articles: u64) -> Result<()> {
        let conn = &self.store.conn;
        let mut corpus = self.store.codec.packer(Kind::Corpus);
        let mut run = || -> rusqlite::Result<()> {
            put_globals(conn, globals)?;
            let mut put = conn.prepare_cached("INSERT OR REPLACE INTO corpus (key, json) VALUES (?1, ?2)")?;
            for (key, json) in results {
                put.execute(params![key, corpus.pack(json.as_bytes())])?;
            }
            conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('corpus_articles', ?1)",
                [articles.to_string()],
            )?;
            conn.execute(
                "INSERT INTO meta (key, value) VALUES ('corpus_saves', '1')
                 ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1",
                [],
            )?;
            conn.execute_batch("COMMIT")
        };
        run().map_err(|e| self.store.err(e))?;
        self.open = false;
        Ok(())
    }
}

impl Drop for CorpusStep<'_> {
    fn drop(&mut self) {
        if self.open {
            let _ = self.store.conn.execute_batch("ROLLBACK");
        }
    }
}

fn put_entities(tx: &Connection, d: &Doc) -> rusqlite::Result<()> {
    let mut ent = tx.prepare_cached(
        "INSERT OR REPLACE INTO entities (article, local_id, global_id, name, type, actor, country)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for e in &d.entities {
        ent.execute(params![d.id.0, e.id, e.global_id, e.name, json_name(&e.etype), e.actor, e.country])?;
    }
    Ok(())
}

/// Writes global entities not stored yet.
fn put_globals(tx: &Connection, globals: &[GlobalRow]) -> rusqlite::Result<()> {
    let mut g =
        tx.prepare_cached("INSERT OR IGNORE INTO global_entities (key, id, name, type) VALUES (?1, ?2, ?3, ?4)")?;
    for row in globals {
        g.execute(params![row.key, row.id, row.name, row.etype])?;
    }
    Ok(())
}

/// An article's layers as stored.
fn layers_json(d: &Doc) -> String {
    serde_json::to_string(&LayersRef {
        meta: &d.meta,
        offset_map: &d.offset_map,
        removed: &d.removed,
        paragraphs: &d.paragraphs,
        sentences: &d.sentences,
        time_exprs: &d.time_exprs,
        date: &d.date,
        entities: &d.entities,
        actors: &d.actors,
        events: &d.events,
        quotes: &d.quotes,
        quoted_terms: &d.quoted_terms,
        quantities: &d.quantities,
        tone: &d.tone,
        themes: &d.themes,
        warnings: &d.warnings,
    })
    .unwrap_or_default()
}

/// The name serde gives a unit enum variant ("text", "cross-document").
fn json_name<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(Value::String(s)) => s,
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, text: &str) -> Doc {
        let mut d = Doc::new(DocId(id.into()), format!("{id}.txt"), InputFormat::Text, text.into(), text.into());
        d.meta.title = Some(format!("Title {id}"));
        d.paragraphs = vec![Span::new(0, text.len()).unwrap()];
        d
    }

    #[test]
    fn storing_twice_adds_nothing_and_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(&dir.path().join("c.db")).unwrap();
        assert_eq!(s.insert_batch(&[doc("a", "One."), doc("b", "Two.")]).unwrap(), [true, true]);
        assert_eq!(s.insert_batch(&[doc("b", "Two."), doc("c", "Three.")]).unwrap(), [false, true]);
        assert_eq!(s.stats().unwrap().articles, 3);
        let back = s.get("b").unwrap().unwrap();
        assert_eq!(back.text, "Two.");
        assert_eq!(back.meta.title.as_deref(), Some("Title b"));
        assert_eq!(back.paragraphs, doc("b", "Two.").paragraphs);
        assert!(s.get("zzz").unwrap().is_none());
        assert_eq!(s.ids_with_prefix("", 10).unwrap(), ["a", "b", "c"]);
    }

    fn ada(id: &str) -> Doc {
        let mut a = doc(id, "One.");
        a.date.reason = "changed".into();
        a.entities = vec![clio_model::Entity {
            id: 1,
            name: "Ada Lovelace".into(),
            etype: clio_model::EntityType::Person,
            actor: Some("GBR".into()),
            actor_rule: None,
            country: None,
            roles: vec![],
            aliases: vec![],
            mentions: vec![],
            caption_mentions: vec![],
            place: None,
            link_key: String::new(),
            global_id: Some("P9".into()),
        }];
        a
    }

    #[test]
    fn features_come_with_new_articles_and_a_corpus_step_saves_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(&dir.path().join("c.db")).unwrap();
        let feats = ["{\"x\":1}".to_string(), "{\"x\":2}".to_string()];
        s.insert_linked(&[doc("a", "One."), doc("b", "Two.")], &[], &feats).unwrap();
        // Stored again: the stored article and its features stay.
        s.insert_linked(&[doc("a", "One.")], &[], &["{\"x\":9}".to_string()]).unwrap();
        assert_eq!(
            s.features().unwrap(),
            [("a".to_string(), "{\"x\":1}".to_string()), ("b".to_string(), "{\"x\":2}".to_string())]
        );
        assert_eq!(s.corpus_coverage().unwrap(), (None, 2), "articles stored, no corpus yet");
        let global = GlobalRow {
            key: "person:ada lovelace".into(),
            id: "P9".into(),
            name: "Ada".into(),
            etype: "person".into(),
        };
        let save = |s: &mut Store, stories: &str| {
            let mut step = s.begin_corpus()?;
            step.save_article(&ada("a"))?;
            assert_eq!(step.get("a")?.unwrap().date.reason, "changed", "the step reads what it saved");
            step.save_features("b", "{\"x\":3}")?;
            step.commit(std::slice::from_ref(&global), &[("stories", stories.into())], 2)
        };
        save(&mut s, "[1]").unwrap();
        save(&mut s, "[2]").unwrap();
        assert_eq!(s.corpus("stories").unwrap().as_deref(), Some("[2]"));
        assert_eq!(s.corpus_coverage().unwrap(), (Some(2), 2));
        assert_eq!(s.features().unwrap()[1].1, "{\"x\":3}");
        assert_eq!(s.get("a").unwrap().unwrap().date.reason, "changed");
        let actor: String = s
            .conn
            .query_row("SELECT actor FROM entities WHERE article = 'a' AND global_id = 'P9'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(actor, "GBR", "the entity rows follow the article");
        let n: i64 =
            s.conn.query_row("SELECT count(*) FROM global_entities WHERE id = 'P9'", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 1);
    }

    #[test]
    fn a_corpus_step_that_fails_leaves_the_previous_corpus_whole() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(&dir.path().join("c.db")).unwrap();
        s.insert_batch(&[doc("a", "One.")]).unwrap();
        let mut step = s.begin_corpus().unwrap();
        step.save_features("a", "{}").unwrap();
        step.commit(&[], &[("stories", "[\"old\"]".to_string()), ("events", "[\"e\"]".to_string())], 1).unwrap();
        // A step that fails on its last write rolls back whole.
        s.conn.execute_batch("CREATE TRIGGER no_x BEFORE INSERT ON corpus WHEN NEW.key = 'boom' BEGIN SELECT RAISE(ABORT, 'boom'); END;").unwrap();
        let step = |s: &mut Store, results: &[(&str, String)]| {
            let mut step = s.begin_corpus()?;
            step.save_article(&ada("a"))?;
            step.save_features("a", "{\"new\":1}")?;
            step.commit(&[], results, 1)
        };
        let err = step(&mut s, &[("events", "[\"new\"]".to_string()), ("boom", "[]".to_string())]);
        assert!(err.is_err());
        assert_eq!(s.corpus("stories").unwrap().as_deref(), Some("[\"old\"]"));
        // A step dropped before its commit (an error in linking) too.
        {
            let mut dropped = s.begin_corpus().unwrap();
            dropped.save_article(&ada("a")).unwrap();
        }
        assert_eq!(s.corpus("stories").unwrap().as_deref(), Some("[\"old\"]"));
        assert_eq!(s.corpus("events").unwrap().as_deref(), Some("[\"e\"]"), "nothing of the failed step is kept");
        assert_eq!(s.features().unwrap()[0].1, "{}");
        assert_ne!(s.get("a").unwrap().unwrap().date.reason, "changed");
    }

    #[test]
    fn one_writer_at_a_time_readers_meanwhile() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.db");
        let writer = Store::open(&path).unwrap();
        let err = Store::open(&path).err().unwrap();
        assert!(matches!(err, StoreError::Busy { .. }), "{err}");
        assert!(err.to_string().contains("another clio is writing"), "{err}");
        assert!(Store::open_read_only(&path).is_ok(), "reading needs no lock");
        drop(writer);
        assert!(Store::open(&path).is_ok(), "the lock goes with the writer");
    }

    #[test]
    fn reopening_keeps_what_was_stored() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.db");
        Store::open(&path).unwrap().insert_batch(&[doc("a", "One.")]).unwrap();
        let s = Store::open(&path).unwrap();
        assert!(s.contains(&DocId("a".into())).unwrap());
        assert_eq!(s.format_version().unwrap(), FORMAT_VERSION);
    }

    #[test]
    fn a_store_from_a_newer_clio_is_refused_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.db");
        drop(Store::open(&path).unwrap());
        let conn = Connection::open(&path).unwrap();
        conn.execute("UPDATE meta SET value = '99' WHERE key = 'format_version'", []).unwrap();
        drop(conn);
        let err = Store::open(&path).err().unwrap();
        assert!(err.to_string().contains("format 99 is newer"), "{err}");
    }

    #[test]
    fn a_version_1_store_written_by_hand_opens() {
        // The oldest format: written with plain SQL, as an old clio left it.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v1.db");
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(SCHEMA_V1).unwrap();
        conn.execute("INSERT INTO meta VALUES ('format_version', '1')", []).unwrap();
        let layers = r#"{"meta":{"title":null,"outlet":null,"dateline":null,"url":null,"published":null},
            "offset_map":{"segments":[[0,0,4]]},"removed":[],"paragraphs":[{"start":0,"end":4}],
            "sentences":[],"time_exprs":[],"date":{"value":null,"basis":"unresolved","partial":null,"reason":"x"},"warnings":[]}"#;
        conn.execute(
            "INSERT INTO articles (id, source, format, date_basis, raw, text, layers) VALUES ('old', 'o.txt', 'text', 'unresolved', 'Old.', 'Old.', ?1)",
            [layers],
        )
        .unwrap();
        drop(conn);
        let s = Store::open(&path).unwrap();
        let d = s.get("old").unwrap().unwrap();
        assert_eq!(d.offset_map.to_raw(2), Some(2));
        assert!(d.entities.is_empty(), "a version 1 article has no entity layer");
        assert_eq!(s.format_version().unwrap(), FORMAT_VERSION, "migrated to the current version");
        assert!(s.features().unwrap().is_empty() && s.corpus("stories").unwrap().is_none());
        assert!(s.global_entities().unwrap().is_empty());
    }

    #[test]
    fn a_version_3_store_migrates_to_packed_rows() {
        // Version 3 kept texts and JSON as plain TEXT.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v3.db");
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(SCHEMA_V1).unwrap();
        conn.execute_batch(SCHEMA_V2).unwrap();
        conn.execute_batch(SCHEMA_V3).unwrap();
        conn.execute("INSERT INTO meta VALUES ('format_version', '3')", []).unwrap();
        let text = "Rain fell on the capital on Monday.";
        conn.execute(
            "INSERT INTO articles (id, source, format, date_basis, raw, text, layers) VALUES ('v3', 'v3.txt', 'text', 'unresolved', ?1, ?1, ?2)",
            params![text, layers_json(&doc("v3", text))],
        )
        .unwrap();
        conn.execute("INSERT INTO features VALUES ('v3', '{\"terms\":[]}')", []).unwrap();
        conn.execute("INSERT INTO corpus VALUES ('stories', '[{\"id\":\"S1\"}]')", []).unwrap();
        drop(conn);
        assert!(matches!(Store::open_read_only(&path), Err(StoreError::Older { found: 3, .. })));
        let s = Store::open(&path).unwrap();
        assert_eq!(s.format_version().unwrap(), 4);
        let d = s.get("v3").unwrap().unwrap();
        assert_eq!((d.raw.as_str(), d.text.as_str()), (text, text));
        assert_eq!(d.meta.title.as_deref(), Some("Title v3"));
        assert_eq!(s.features().unwrap(), [("v3".to_string(), "{\"terms\":[]}".to_string())]);
        assert_eq!(s.corpus("stories").unwrap().as_deref(), Some("[{\"id\":\"S1\"}]"));
        assert_eq!(s.stats().unwrap().text_bytes, text.len() as u64);
        let kind: String = s.conn.query_row("SELECT typeof(layers) FROM articles", [], |r| r.get(0)).unwrap();
        assert_eq!(kind, "blob", "rows are packed");
        assert!(!s.conflicts(&DocId("v3".into()), text).unwrap());
    }
}
