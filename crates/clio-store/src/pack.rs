//! How the store keeps texts and JSON: zstd frames, with a dictionary per
//! kind of value trained on the store's first large batch. Records of a
//! few kilobytes (an article's layers, its linking features) share most of
//! their structure with each other and little within themselves: with a
//! dictionary they compress two to three times better than alone. The
//! dictionaries live in the store (`dictionaries`), so a store stays
//! readable on its own; each frame names its dictionary by id, and a frame
//! with none (written before training, or a small store) reads as well.

use std::cell::RefCell;
use std::collections::HashMap;

use rusqlite::types::ValueRef;
use rusqlite::{params, Connection};

/// zstd level of frames without a dictionary: fast, and most of the gain.
const LEVEL: i32 = 3;
/// Dictionary size in bytes.
const DICTIONARY_BYTES: usize = 64 << 10;
/// Values a batch must bring to train a dictionary on: fewer say too little
/// of the store's shape, and the store is small anyway.
const MIN_SAMPLES: usize = 200;

/// What a value is: each kind has its own dictionary.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Kind {
    /// An article's raw input and cleaned text ([`content`]).
    Content,
    /// An article's annotation layers (JSON).
    Layers,
    /// An article's linking features (JSON).
    Features,
    /// Corpus results: few and large, no dictionary.
    Corpus,
}

impl Kind {
    /// zstd level: layers, the largest values, gain a sixth from level 9
    /// (about a second more over Reuters' 19,000 articles); the others
    /// little.
    fn level(self) -> i32 {
        match self {
            Kind::Layers => 9,
            Kind::Content => 6,
            Kind::Features | Kind::Corpus => LEVEL,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Kind::Content => "content",
            Kind::Layers => "layers",
            Kind::Features => "features",
            Kind::Corpus => "corpus",
        }
    }
}

/// The dictionaries of one store, and decoders made from them.
#[derive(Default)]
pub(crate) struct Codec {
    by_kind: HashMap<Kind, Vec<u8>>,
    by_id: HashMap<u32, Vec<u8>>,
    decoders: RefCell<HashMap<u32, zstd::bulk::Decompressor<'static>>>,
}

impl Codec {
    /// The dictionaries saved in the store.
    pub(crate) fn load(conn: &Connection) -> rusqlite::Result<Codec> {
        let mut codec = Codec::default();
        let mut stmt = conn.prepare("SELECT kind, bytes FROM dictionaries")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Vec<u8>>(1)?)))?;
        for row in rows {
            let (kind, bytes) = row?;
            let kind = [Kind::Content, Kind::Layers, Kind::Features].into_iter().find(|k| k.name() == kind);
            if let Some(kind) = kind {
                codec.add(kind, bytes);
            }
        }
        Ok(codec)
    }

    fn add(&mut self, kind: Kind, bytes: Vec<u8>) {
        if let Some(id) = zstd::zstd_safe::get_dict_id_from_dict(&bytes) {
            self.by_id.insert(id.get(), bytes.clone());
        }
        self.by_kind.insert(kind, bytes);
    }

    /// Trains and saves (in the caller's transaction) a dictionary for
    /// `kind` from `samples`, when it has none and there are enough.
    pub(crate) fn train(&mut self, conn: &Connection, kind: Kind, samples: &[Vec<u8>]) -> rusqlite::Result<()> {
        if kind == Kind::Corpus || self.by_kind.contains_key(&kind) || samples.len() < MIN_SAMPLES {
            return Ok(());
        }
        // Training fails on degenerate samples (all alike, too few bytes):
        // the store then goes on without a dictionary for this kind.
        let Ok(dict) = zstd::dict::from_samples(samples, DICTIONARY_BYTES) else { return Ok(()) };
        conn.execute("INSERT INTO dictionaries (kind, bytes) VALUES (?1, ?2)", params![kind.name(), dict])?;
        self.add(kind, dict);
        Ok(())
    }

    /// A compressor for values of `kind` (reuse it over a batch: loading a
    /// dictionary costs more than compressing a record).
    pub(crate) fn packer(&self, kind: Kind) -> Packer {
        let dict = self.by_kind.get(&kind).map_or(&[][..], Vec::as_slice);
        Packer(zstd::bulk::Compressor::with_dictionary(kind.level(), dict).ok())
    }

    /// Every value of `items` packed as [`Codec::packer`] packs it, on
    /// every core: each worker loads the dictionary once for the values
    /// it takes.
    pub(crate) fn pack_all(&self, kind: Kind, items: &[Vec<u8>]) -> Vec<Vec<u8>> {
        use rayon::prelude::*;
        let dict = self.by_kind.get(&kind).map_or(&[][..], Vec::as_slice);
        let level = kind.level();
        items
            .par_iter()
            .map_init(
                || Packer(zstd::bulk::Compressor::with_dictionary(level, dict).ok()),
                |packer, bytes| packer.pack(bytes),
            )
            .collect()
    }

    /// A stored value back as bytes: a zstd frame (with the dictionary it
    /// names), or plain text as a clio before format 4 wrote it.
    pub(crate) fn unpack(&self, v: ValueRef) -> Result<Vec<u8>, String> {
        let frame = match v {
            ValueRef::Text(t) => return Ok(t.to_vec()),
            ValueRef::Blob(b) => b,
            other => return Err(format!("a {:?} where text was stored", other.data_type())),
        };
        let size =
            zstd::zstd_safe::get_frame_content_size(frame).ok().flatten().ok_or("not a zstd frame with its size")?;
        let capacity = usize::try_from(size).map_err(|e| e.to_string())?;
        let id = zstd::zstd_safe::get_dict_id_from_frame(frame).map_or(0, |i| i.get());
        let mut decoders = self.decoders.borrow_mut();
        let d = match decoders.entry(id) {
            std::collections::hash_map::Entry::Occupied(d) => d.into_mut(),
            std::collections::hash_map::Entry::Vacant(slot) => {
                let dict = match id {
                    0 => &[][..],
                    id => {
                        self.by_id.get(&id).ok_or_else(|| format!("frame names dictionary {id}, not in the store"))?
                    }
                };
                slot.insert(zstd::bulk::Decompressor::with_dictionary(dict).map_err(|e| e.to_string())?)
            }
        };
        d.decompress(frame, capacity).map_err(|e| format!("corrupt zstd frame: {e}"))
    }

    /// [`Codec::unpack`] as UTF-8 text.
    pub(crate) fn unpack_text(&self, v: ValueRef) -> Result<String, String> {
        String::from_utf8(self.unpack(v)?).map_err(|e| e.to_string())
    }
}

/// Compresses values of one kind.
pub(crate) struct Packer(Option<zstd::bulk::Compressor<'static>>);

impl Packer {
    /// A zstd frame of `bytes` (with its size, so reading knows it).
    pub(crate) fn pack(&mut self, bytes: &[u8]) -> Vec<u8> {
        // Compressing memory into memory fails only when allocation does;
        // a plain frame is then still written.
        self.0
            .as_mut()
            .and_then(|c| c.compress(bytes).ok())
            .unwrap_or_else(|| zstd::bulk::compress(bytes, LEVEL).unwrap_or_default())
    }
}

/// An article's raw input and cleaned text as one value: the text is
/// mostly the raw input again, which one frame stores once.
pub(crate) fn content(raw: &str, text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(4 + raw.len() + text.len());
    out.extend_from_slice(&(raw.len() as u32).to_le_bytes());
    out.extend_from_slice(raw.as_bytes());
    out.extend_from_slice(text.as_bytes());
    out
}

/// [`content`] back as (raw, text).
pub(crate) fn split_content(bytes: Vec<u8>) -> Result<(String, String), String> {
    let head: [u8; 4] = bytes.get(..4).and_then(|h| h.try_into().ok()).ok_or("content shorter than its header")?;
    let n = u32::from_le_bytes(head) as usize;
    let raw = bytes.get(4..4 + n).ok_or("content shorter than its raw input")?;
    let text = &bytes[4 + n..];
    let s = |b: &[u8]| String::from_utf8(b.to_vec()).map_err(|e| e.to_string());
    Ok((s(raw)?, s(text)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_round_trip_with_and_without_a_dictionary() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE dictionaries (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, bytes BLOB NOT NULL)",
        )
        .unwrap();
        let mut codec = Codec::default();
        let record = |i: usize| {
            format!("{{\"entities\":[{{\"name\":\"Person {i}\",\"type\":\"person\",\"mentions\":[[{i},{}]]}}],\"tone\":{{\"positive\":{}}}}}", i + 7, i % 13)
        };
        let plain = codec.packer(Kind::Layers).pack(record(1).as_bytes());
        let samples: Vec<Vec<u8>> = (0..400).map(|i| record(i).into_bytes()).collect();
        codec.train(&conn, Kind::Layers, &samples).unwrap();
        let trained = codec.packer(Kind::Layers).pack(record(1).as_bytes());
        assert!(trained.len() < plain.len(), "{} !< {}", trained.len(), plain.len());
        // A fresh codec from the store reads both frames.
        let again = Codec::load(&conn).unwrap();
        for frame in [&plain, &trained] {
            assert_eq!(again.unpack_text(ValueRef::Blob(frame)).unwrap(), record(1));
        }
        assert_eq!(again.unpack_text(ValueRef::Text(b"old")).unwrap(), "old");
        assert!(again.unpack(ValueRef::Blob(b"garbage")).is_err());
        let (raw, text) = split_content(content("R\u{e9}sum\u{e9}", "text")).unwrap();
        assert_eq!((raw.as_str(), text.as_str()), ("R\u{e9}sum\u{e9}", "text"));
        assert!(split_content(vec![9, 0, 0, 0, 1]).is_err());
        // Packed on every core, a batch is the frames one packer makes.
        let one_by_one: Vec<Vec<u8>> = samples.iter().map(|s| codec.packer(Kind::Layers).pack(s)).collect();
        assert_eq!(codec.pack_all(Kind::Layers, &samples), one_by_one);
    }
}
