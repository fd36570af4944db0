//! What the models see of a word, and how a feature becomes a number.
//!
//! Each word is read once into a [`WordFeatures`] (hashes of its form, its
//! lower-case form, affixes and shape; its word clusters), so the tagger,
//! parser and recogniser combine numbers, never strings. A feature is a
//! template number mixed with one to three values ([`f1`], [`f2`], [`f3`]).

use xxhash_rust::xxh3::xxh3_64;

use crate::clusters::Clusters;

/// Mixes a value into a running hash (a multiply-xorshift step: cheap, and
/// every input bit reaches the high bits the tables index by).
#[inline]
pub fn mix(h: u64, v: u64) -> u64 {
    let x = (h ^ v).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x ^ (x >> 32)
}

/// A feature of one value.
#[inline]
pub fn f1(template: u32, a: u64) -> u64 {
    mix(mix(template as u64 + 0x5851_F42D_4C95_7F2D, a), 0x1405_7B7E_F767_814F)
}

/// A feature of two values.
#[inline]
pub fn f2(template: u32, a: u64, b: u64) -> u64 {
    mix(mix(mix(template as u64 + 0x5851_F42D_4C95_7F2D, a), b), 0x1405_7B7E_F767_814F)
}

/// A feature of three values.
#[inline]
pub fn f3(template: u32, a: u64, b: u64, c: u64) -> u64 {
    mix(mix(mix(mix(template as u64 + 0x5851_F42D_4C95_7F2D, a), b), c), 0x1405_7B7E_F767_814F)
}

/// The hash of a string (the same in training and at run time).
#[inline]
pub fn hash_str(s: &str) -> u64 {
    xxh3_64(s.as_bytes())
}

/// Word-shape and character flags.
pub mod flag {
    /// Starts with an upper-case letter.
    pub const INIT_CAP: u16 = 1;
    /// Has letters, all upper case.
    pub const ALL_CAPS: u16 = 2;
    /// Has a digit.
    pub const DIGIT: u16 = 4;
    /// Has a hyphen.
    pub const HYPHEN: u16 = 8;
    /// Has a period.
    pub const PERIOD: u16 = 16;
    /// Has no letter or digit.
    pub const PUNCT: u16 = 32;
    /// Has an upper-case letter after the first character ("iPhone", "McCain").
    pub const INNER_CAP: u16 = 64;
    /// Has letters, all lower case.
    pub const LOWER: u16 = 128;
}

/// A word as the models see it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WordFeatures {
    /// The form as written.
    pub form: u64,
    /// The lower-case form with digits as `0` ("1,300" -> "0,000").
    pub lower: u64,
    /// Its first one to three characters (lower case).
    pub prefix: [u64; 3],
    /// Its last one to four characters (lower case).
    pub suffix: [u64; 4],
    /// Its shape with runs collapsed ("McCain" -> "XxXx", "1,300" -> "d,d").
    pub shape: u64,
    /// [`flag`] bits.
    pub flags: u16,
    /// Word clusters at three sizes, coarse to fine (0: unknown word).
    pub cluster: [u16; 3],
    /// How often the word is capitalised inside sentences, as a bucket
    /// (see [`crate::clusters::case_bucket`]; 0: unknown word).
    pub case: u16,
}

/// Longest ASCII word read on the stack.
const ASCII_MAX: usize = 64;

/// The flags that summarise a word's letters.
fn summary_flags(letters: usize, uppers: usize, alnum: usize) -> u16 {
    let mut flags = 0;
    if letters > 0 && uppers == letters {
        flags |= flag::ALL_CAPS;
    }
    if letters > 0 && uppers == 0 {
        flags |= flag::LOWER;
    }
    if alnum == 0 {
        flags |= flag::PUNCT;
    }
    flags
}

/// Template values for "no word here" (before the start, after the end).
pub const NONE: u64 = 0x0BAD_F00D;

impl WordFeatures {
    /// Reads a word.
    pub fn new(word: &str, clusters: &Clusters) -> WordFeatures {
        if word.is_ascii() && word.len() <= ASCII_MAX {
            return WordFeatures::ascii(word.as_bytes(), clusters);
        }
        let mut lower = String::with_capacity(word.len());
        let mut shape = String::with_capacity(8);
        let mut flags = 0u16;
        let (mut letters, mut uppers, mut alnum) = (0, 0, 0);
        for (i, c) in word.chars().enumerate() {
            let s = if c.is_uppercase() {
                letters += 1;
                uppers += 1;
                if i == 0 {
                    flags |= flag::INIT_CAP;
                } else {
                    flags |= flag::INNER_CAP;
                }
                'X'
            } else if c.is_alphabetic() {
                letters += 1;
                'x'
            } else if c.is_ascii_digit() {
                flags |= flag::DIGIT;
                'd'
            } else {
                if c == '-' {
                    flags |= flag::HYPHEN;
                } else if c == '.' {
                    flags |= flag::PERIOD;
                }
                c
            };
            if c.is_alphanumeric() {
                alnum += 1;
            }
            if !shape.ends_with(s) || !matches!(s, 'X' | 'x' | 'd') {
                shape.push(s);
            }
            if c.is_ascii_digit() {
                lower.push('0');
            } else {
                lower.extend(c.to_lowercase());
            }
        }
        flags |= summary_flags(letters, uppers, alnum);
        let chars: Vec<(usize, char)> = lower.char_indices().collect();
        let n = chars.len();
        let cut = |k: usize| chars.get(k).map_or(lower.len(), |&(i, _)| i);
        let prefix = [1, 2, 3].map(|k| hash_str(&lower[..cut(k.min(n))]));
        let suffix = [1, 2, 3, 4].map(|k| hash_str(&lower[cut(n.saturating_sub(k))..]));
        let lower_hash = hash_str(&lower);
        let profile = clusters.get_hashed(lower_hash);
        WordFeatures {
            form: hash_str(word),
            lower: lower_hash,
            prefix,
            suffix,
            shape: hash_str(&shape),
            flags,
            cluster: [profile[0], profile[1], profile[2]],
            case: profile[3],
        }
    }

    /// [`WordFeatures::new`] for an ASCII word: the same values, made in
    /// stack buffers (nearly every word of English news is ASCII).
    fn ascii(word: &[u8], clusters: &Clusters) -> WordFeatures {
        let mut lower = [0u8; ASCII_MAX];
        let mut shape = [0u8; ASCII_MAX];
        let mut shape_len = 0;
        let mut flags = 0u16;
        let (mut letters, mut uppers, mut alnum) = (0, 0, 0);
        for (i, &c) in word.iter().enumerate() {
            let s = if c.is_ascii_uppercase() {
                letters += 1;
                uppers += 1;
                flags |= if i == 0 { flag::INIT_CAP } else { flag::INNER_CAP };
                b'X'
            } else if c.is_ascii_lowercase() {
                letters += 1;
                b'x'
            } else if c.is_ascii_digit() {
                flags |= flag::DIGIT;
                b'd'
            } else {
                if c == b'-' {
                    flags |= flag::HYPHEN;
                } else if c == b'.' {
                    flags |= flag::PERIOD;
                }
                c
            };
            if c.is_ascii_alphanumeric() {
                alnum += 1;
            }
            if shape_len == 0 || shape[shape_len - 1] != s || !matches!(s, b'X' | b'x' | b'd') {
                shape[shape_len] = s;
                shape_len += 1;
            }
            lower[i] = if c.is_ascii_digit() { b'0' } else { c.to_ascii_lowercase() };
        }
        flags |= summary_flags(letters, uppers, alnum);
        let n = word.len();
        let lower = &lower[..n];
        let prefix = [1, 2, 3].map(|k| xxh3_64(&lower[..k.min(n)]));
        let suffix = [1, 2, 3, 4].map(|k| xxh3_64(&lower[n.saturating_sub(k)..]));
        let lower_hash = xxh3_64(lower);
        let profile = clusters.get_hashed(lower_hash);
        WordFeatures {
            form: xxh3_64(word),
            lower: lower_hash,
            prefix,
            suffix,
            shape: xxh3_64(&shape[..shape_len]),
            flags,
            cluster: [profile[0], profile[1], profile[2]],
            case: profile[3],
        }
    }

    /// True when the word has this [`flag`].
    #[inline]
    pub fn has(&self, f: u16) -> bool {
        self.flags & f != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_read_into_shapes_affixes_and_flags() {
        let none = Clusters::default();
        let a = WordFeatures::new("McCain", &none);
        let b = WordFeatures::new("mccain", &none);
        assert_eq!(a.lower, b.lower);
        assert_ne!(a.form, b.form);
        assert_eq!(a.shape, hash_str("XxXx"));
        assert!(a.has(flag::INIT_CAP) && a.has(flag::INNER_CAP) && !a.has(flag::ALL_CAPS));
        assert_eq!(a.suffix[2], hash_str("ain"));
        assert_eq!(a.prefix[0], hash_str("m"));
        let n = WordFeatures::new("1,300", &none);
        assert_eq!(n.lower, hash_str("0,000"));
        assert_eq!(n.shape, hash_str("d,d"));
        assert!(n.has(flag::DIGIT) && !n.has(flag::PUNCT));
        assert!(WordFeatures::new("--", &none).has(flag::PUNCT));
        assert!(WordFeatures::new("NATO", &none).has(flag::ALL_CAPS));
        // A short word's long affixes are the word itself; multi-byte text is cut at characters.
        // The ASCII path and the general one agree.
        let general = WordFeatures::new("McCain\u{e9}", &none);
        let ascii = WordFeatures::new("McCain", &none);
        assert_eq!(general.prefix, ascii.prefix);
        assert_eq!((general.flags, general.shape), (ascii.flags, hash_str("XxXx")));
        let long: String = "Ab1-".repeat(20);
        assert_eq!(WordFeatures::new(&long, &none).shape, hash_str(&"Xxd-".repeat(20)));
        let e = WordFeatures::new("é", &none);
        assert_eq!(e.suffix[3], hash_str("é"));
        assert_eq!(e.prefix[2], hash_str("é"));
    }

    #[test]
    fn features_differ_by_template_and_value_order() {
        assert_ne!(f1(1, 5), f1(2, 5));
        assert_ne!(f2(1, 5, 6), f2(1, 6, 5));
        assert_ne!(f3(1, 5, 6, 7), f2(1, 5, 6));
    }
}
