//! The binary form of clio's models: little-endian numbers and arrays,
//! framed by a magic word, the model kind, a format version and a
//! checksum, so a damaged or mismatched file is refused with a message
//! rather than misread.

use thiserror::Error;

/// Why a model file could not be read.
#[derive(Debug, Error)]
pub enum ModelError {
    /// The bytes end before the model does.
    #[error("the model file is truncated")]
    Truncated,
    /// The file is not a clio model, or not of the kind asked for.
    #[error("not a clio {0} model (retrain with `clio train {0}`)")]
    WrongKind(&'static str),
    /// Written by another version of clio.
    #[error("model format {found} is not {expected}; retrain it with this version of clio")]
    Version {
        /// Version in the file.
        found: u32,
        /// Version this build reads.
        expected: u32,
    },
    /// The checksum does not match the contents.
    #[error("the model file is damaged (checksum mismatch)")]
    Checksum,
    /// A structure inside is inconsistent.
    #[error("the model file is damaged ({0})")]
    Corrupt(&'static str),
}

const MAGIC: &[u8; 8] = b"CLIONLP\0";

/// Format version of every model file; bump when a layout changes.
pub const FORMAT: u32 = 1;

/// Appends numbers and arrays to a byte buffer.
#[derive(Default)]
pub struct Writer {
    buf: Vec<u8>,
}

impl Writer {
    /// A writer for a model of `kind`, with the header written.
    pub fn model(kind: &str) -> Writer {
        let mut w = Writer::default();
        w.buf.extend_from_slice(MAGIC);
        w.str(kind);
        w.u32(FORMAT);
        w
    }

    /// A `u32`.
    pub fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }

    /// A `u64`.
    pub fn u64(&mut self, v: u64) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }

    /// An `f32`.
    pub fn f32(&mut self, v: f32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }

    /// A length-prefixed string.
    pub fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.buf.extend_from_slice(s.as_bytes());
    }

    /// A length-prefixed list of strings.
    pub fn strs<S: AsRef<str>>(&mut self, v: &[S]) {
        self.u32(v.len() as u32);
        for s in v {
            self.str(s.as_ref());
        }
    }

    /// A length-prefixed `u8` array.
    pub fn u8s(&mut self, v: &[u8]) {
        self.u32(v.len() as u32);
        self.buf.extend_from_slice(v);
    }

    /// A length-prefixed `u16` array.
    pub fn u16s(&mut self, v: &[u16]) {
        self.u32(v.len() as u32);
        for x in v {
            self.buf.extend_from_slice(&x.to_le_bytes());
        }
    }

    /// A length-prefixed `u32` array.
    pub fn u32s(&mut self, v: &[u32]) {
        self.u32(v.len() as u32);
        for x in v {
            self.buf.extend_from_slice(&x.to_le_bytes());
        }
    }

    /// A length-prefixed `u64` array.
    pub fn u64s(&mut self, v: &[u64]) {
        self.u32(v.len() as u32);
        for x in v {
            self.buf.extend_from_slice(&x.to_le_bytes());
        }
    }

    /// The bytes, without a checksum (for pieces nested in a model).
    pub fn into_bytes(self) -> Vec<u8> {
        self.buf
    }

    /// The bytes of a whole model file: the contents and their checksum.
    pub fn finish(mut self) -> Vec<u8> {
        let sum = xxhash_rust::xxh3::xxh3_64(&self.buf);
        self.u64(sum);
        self.buf
    }
}

/// Reads what a [`Writer`] wrote, refusing to read past the end.
pub struct Reader<'a> {
    data: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    /// A reader over raw bytes (no header).
    pub fn new(data: &'a [u8]) -> Reader<'a> {
        Reader { data, at: 0 }
    }

    /// A reader over a whole model file of `kind`: checks magic, kind,
    /// version and checksum first.
    pub fn model(data: &'a [u8], kind: &'static str) -> Result<Reader<'a>, ModelError> {
        if data.len() < MAGIC.len() + 8 || &data[..MAGIC.len()] != MAGIC {
            return Err(ModelError::WrongKind(kind));
        }
        let (body, sum) = data.split_at(data.len() - 8);
        let mut r = Reader { data: body, at: MAGIC.len() };
        if r.str()? != kind {
            return Err(ModelError::WrongKind(kind));
        }
        let found = r.u32()?;
        if found != FORMAT {
            return Err(ModelError::Version { found, expected: FORMAT });
        }
        let want = u64::from_le_bytes(sum.try_into().map_err(|_| ModelError::Truncated)?);
        if xxhash_rust::xxh3::xxh3_64(body) != want {
            return Err(ModelError::Checksum);
        }
        Ok(r)
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self.at.checked_add(n).ok_or(ModelError::Truncated)?;
        let s = self.data.get(self.at..end).ok_or(ModelError::Truncated)?;
        self.at = end;
        Ok(s)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], ModelError> {
        self.take(N)?.try_into().map_err(|_| ModelError::Truncated)
    }

    /// A `u32`.
    pub fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(self.array()?))
    }

    /// A `u64`.
    pub fn u64(&mut self) -> Result<u64, ModelError> {
        Ok(u64::from_le_bytes(self.array()?))
    }

    /// An `f32`.
    pub fn f32(&mut self) -> Result<f32, ModelError> {
        Ok(f32::from_le_bytes(self.array()?))
    }

    fn len(&mut self, width: usize) -> Result<usize, ModelError> {
        let n = self.u32()? as usize;
        if n.saturating_mul(width) > self.data.len() - self.at {
            return Err(ModelError::Truncated);
        }
        Ok(n)
    }

    /// A length-prefixed string.
    pub fn str(&mut self) -> Result<&'a str, ModelError> {
        let n = self.len(1)?;
        std::str::from_utf8(self.take(n)?).map_err(|_| ModelError::Corrupt("a string is not UTF-8"))
    }

    /// A length-prefixed list of strings.
    pub fn strs(&mut self) -> Result<Vec<String>, ModelError> {
        let n = self.len(4)?;
        (0..n).map(|_| self.str().map(str::to_string)).collect()
    }

    /// A length-prefixed `u8` array.
    pub fn u8s(&mut self) -> Result<Vec<u8>, ModelError> {
        let n = self.len(1)?;
        Ok(self.take(n)?.to_vec())
    }

    /// A length-prefixed `u16` array.
    pub fn u16s(&mut self) -> Result<Vec<u16>, ModelError> {
        let n = self.len(2)?;
        Ok(self.take(n * 2)?.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect())
    }

    /// A length-prefixed `u32` array.
    pub fn u32s(&mut self) -> Result<Vec<u32>, ModelError> {
        let n = self.len(4)?;
        Ok(self.take(n * 4)?.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect())
    }

    /// A length-prefixed `u64` array.
    pub fn u64s(&mut self) -> Result<Vec<u64>, ModelError> {
        let n = self.len(8)?;
        Ok(self
            .take(n * 8)?
            .chunks_exact(8)
            .map(|c| u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_model_file_round_trips_and_damage_is_named() {
        let mut w = Writer::model("tagger");
        w.u32(7);
        w.strs(&["NOUN", "VERB"]);
        w.u16s(&[1, 65535]);
        let bytes = w.finish();
        let mut r = Reader::model(&bytes, "tagger").unwrap();
        assert_eq!(r.u32().unwrap(), 7);
        assert_eq!(r.strs().unwrap(), ["NOUN", "VERB"]);
        assert_eq!(r.u16s().unwrap(), [1, 65535]);

        assert!(matches!(Reader::model(&bytes, "parser"), Err(ModelError::WrongKind("parser"))));
        let mut damaged = bytes.clone();
        let at = damaged.len() - 12;
        damaged[at] ^= 1;
        assert!(matches!(Reader::model(&damaged, "tagger"), Err(ModelError::Checksum)));
        assert!(Reader::model(&bytes[..10], "tagger").is_err());
        // A length that runs past the end is refused, not allocated.
        let mut r = Reader::new(&[255, 255, 255, 255]);
        assert!(matches!(r.u64s(), Err(ModelError::Truncated)));
    }
}
