//! The CAMEO event codebook: name, Goldstein value and quad class per code.

use std::collections::HashMap;

/// One CAMEO event code.
#[derive(Clone, Debug, PartialEq)]
pub struct CameoCode {
    /// The code, leading zeros kept (`041`).
    pub code: String,
    /// Its name.
    pub name: String,
    /// Goldstein conflict-cooperation value, -10..10.
    pub goldstein: f32,
    /// GDELT quad class: 1 verbal cooperation, 2 material cooperation, 3
    /// verbal conflict, 4 material conflict.
    pub quad_class: u8,
    /// The PLOVER event type it maps to ("AGREE", "ASSAULT"; empty when
    /// PLOVER drops it, as it does plain statements).
    pub plover: String,
}

/// The codebook.
#[derive(Clone, Debug, Default)]
pub struct Cameo {
    codes: HashMap<String, CameoCode>,
}

impl Cameo {
    /// Reads `cameo_codes.tsv` (header line first).
    pub fn parse(tsv: &str) -> Cameo {
        let mut codes = HashMap::new();
        for line in tsv.lines().skip(1) {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 7 {
                continue;
            }
            let (Ok(goldstein), Ok(quad_class)) = (f[5].parse(), f[6].parse()) else { continue };
            let plover = f.get(8).filter(|p| !p.starts_with('(')).map_or(String::new(), |p| p.to_string());
            codes.insert(
                f[0].to_string(),
                CameoCode { code: f[0].to_string(), name: f[4].to_string(), goldstein, quad_class, plover },
            );
        }
        Cameo { codes }
    }

    /// A code's entry; an unknown sub-code falls back to its parent
    /// (`0431` -> `043`), so dictionary codes outside the table still get a
    /// Goldstein value and quad class.
    pub fn get(&self, code: &str) -> Option<&CameoCode> {
        let mut c = code;
        loop {
            if let Some(e) = self.codes.get(c) {
                return Some(e);
            }
            if c.len() <= 2 {
                return None;
            }
            c = &c[..c.len() - 1];
        }
    }

    /// The base code: the first three digits (the root for two-digit codes).
    pub fn base(code: &str) -> &str {
        &code[..code.len().min(3)]
    }

    /// The root code: the first two digits.
    pub fn root(code: &str) -> &str {
        &code[..code.len().min(2)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_with_parent_fallback() {
        let c = Cameo::parse("code\tlevel\troot\troot_name\tname\tgoldstein\tquad\n041\tbase\t04\tCONSULT\tDiscuss by telephone\t1.0\t1\n111\tbase\t11\tDISAPPROVE\tCriticize or denounce\t-2.0\t3\n");
        assert_eq!(c.get("041").map(|e| e.goldstein), Some(1.0));
        assert_eq!(c.get("1112").map(|e| e.code.as_str()), Some("111"));
        assert_eq!(c.get("99"), None);
        assert_eq!((Cameo::base("0331"), Cameo::root("0331")), ("033", "03"));
    }
}
