//! Interned strings for the linking index.
//!
//! The corpus step holds the linking features of every stored article at
//! once, and most of their strings repeat across articles: the same terms,
//! actor codes, CAMEO codes, global entity ids and outlets. A [`Sym`] is
//! one such string, stored once per process and named by a 4-byte number,
//! so an article's 50-odd terms take 8 bytes each instead of a string of
//! their own (Reuters: about 4.4 KB of features per article become about
//! 1.3 KB). The table only grows, by the distinct strings seen: a corpus's
//! vocabulary, not its size.
//!
//! A `Sym` reads and writes as its string (serde, `Display`) and orders as
//! its string, so sorted lists of them sort the same in every process,
//! whatever order the strings were first seen in.
//!
//! ```
//! use clio_link::sym::Sym;
//! let a = Sym::new("CHNGOV");
//! assert_eq!(a, Sym::new("CHNGOV"));
//! assert_eq!(a.as_str(), "CHNGOV");
//! assert!(Sym::new("AFG") < a);
//! ```

use std::fmt;
use std::sync::{OnceLock, RwLock};

use rustc_hash::FxHashMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An interned string.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Sym(u32);

#[derive(Default)]
struct Table {
    ids: FxHashMap<&'static str, u32>,
    strs: Vec<&'static str>,
}

fn table() -> &'static RwLock<Table> {
    static TABLE: OnceLock<RwLock<Table>> = OnceLock::new();
    TABLE.get_or_init(Default::default)
}

impl Sym {
    /// The symbol of `s`, interning it when new.
    pub fn new(s: &str) -> Sym {
        // A poisoned lock only means another thread panicked while holding
        // it; the table itself is always whole (entries are added last).
        if let Some(&id) = table().read().unwrap_or_else(|e| e.into_inner()).ids.get(s) {
            return Sym(id);
        }
        let mut t = table().write().unwrap_or_else(|e| e.into_inner());
        if let Some(&id) = t.ids.get(s) {
            return Sym(id);
        }
        let id = t.strs.len() as u32;
        // Interned strings live as long as the process: leaked on purpose.
        let s: &'static str = Box::leak(s.to_owned().into_boxed_str());
        t.strs.push(s);
        t.ids.insert(s, id);
        Sym(id)
    }

    /// The string.
    pub fn as_str(self) -> &'static str {
        table().read().unwrap_or_else(|e| e.into_inner()).strs[self.0 as usize]
    }

    /// The symbol's number: distinct strings have distinct numbers, in the
    /// order this process first saw them.
    pub fn index(self) -> u32 {
        self.0
    }
}

/// The empty string.
impl Default for Sym {
    fn default() -> Sym {
        Sym::new("")
    }
}

impl std::ops::Deref for Sym {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl Ord for Sym {
    fn cmp(&self, other: &Sym) -> std::cmp::Ordering {
        if self.0 == other.0 {
            std::cmp::Ordering::Equal
        } else {
            self.as_str().cmp(other.as_str())
        }
    }
}

impl PartialOrd for Sym {
    fn partial_cmp(&self, other: &Sym) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq<str> for Sym {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Sym {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl From<&str> for Sym {
    fn from(s: &str) -> Sym {
        Sym::new(s)
    }
}

impl From<&String> for Sym {
    fn from(s: &String) -> Sym {
        Sym::new(s)
    }
}

impl fmt::Display for Sym {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Sym {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl Serialize for Sym {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Sym {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Sym, D::Error> {
        struct Visit;
        impl serde::de::Visitor<'_> for Visit {
            type Value = Sym;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Sym, E> {
                Ok(Sym::new(v))
            }
        }
        d.deserialize_str(Visit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols_round_trip_and_sort_as_their_strings() {
        // Seen in reverse order: ids ascend, strings descend.
        let syms: Vec<Sym> = ["zeta-sym", "mid-sym", "alpha-sym"].iter().map(|s| Sym::new(s)).collect();
        let mut sorted = syms.clone();
        sorted.sort();
        let names: Vec<&str> = sorted.iter().map(|s| s.as_str()).collect();
        assert_eq!(names, ["alpha-sym", "mid-sym", "zeta-sym"]);
        let json = serde_json::to_string(&syms).unwrap();
        assert_eq!(json, r#"["zeta-sym","mid-sym","alpha-sym"]"#);
        let back: Vec<Sym> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, syms, "the same string is the same symbol");
        assert!(serde_json::from_str::<Sym>("3").is_err());
    }
}
