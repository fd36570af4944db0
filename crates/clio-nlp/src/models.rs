//! The shipped models, compiled into the binary (no files beside it, no
//! network), or read from a directory of models a user trained.

use std::path::Path;

use clio_model::{Rel, Upos, Xpos};

use crate::clusters::Clusters;
use crate::io::ModelError;
use crate::lemma::Lemmatizer;
use crate::ner::Recogniser;
use crate::parser::Parser;
use crate::tagger::Tagger;

macro_rules! model {
    ($file:literal) => {
        include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/models/", $file))
    };
}

/// The model files, by name: what `clio train` writes into `data/models/`.
pub const FILES: [&str; 5] = ["clusters.bin", "tagger.bin", "lemmas.bin", "parser.bin", "ner.bin"];

const BUNDLED: [&[u8]; 5] =
    [model!("clusters.bin"), model!("tagger.bin"), model!("lemmas.bin"), model!("parser.bin"), model!("ner.bin")];

/// Every model of the language layer, with the tables that turn their
/// classes into clio's annotations.
pub struct Models {
    /// Word clusters.
    pub clusters: Clusters,
    /// The part-of-speech tagger.
    pub tagger: Tagger,
    /// The lemmatizer.
    pub lemmas: Lemmatizer,
    /// The dependency parser.
    pub parser: Parser,
    /// The named-entity recogniser.
    pub recogniser: Recogniser,
    /// Per tagger class: its tags and its key for the other models.
    pub(crate) tags: Vec<(Upos, Xpos, u64)>,
    /// Per parser label: the relation.
    pub(crate) rels: Vec<Rel>,
}

/// A model file that could not be read.
#[derive(Debug, thiserror::Error)]
#[error("{file}: {source}")]
pub struct LoadError {
    /// Which file.
    pub file: String,
    /// Why.
    pub source: ModelError,
}

impl Models {
    /// The models shipped in the binary.
    pub fn bundled() -> Result<Models, LoadError> {
        Models::from_bytes(BUNDLED.map(|b| (None, b.to_vec())))
    }

    /// The models in `dir` (files named as [`FILES`]); a file that is not
    /// there is taken from the bundled models.
    pub fn from_dir(dir: &Path) -> Result<Models, LoadError> {
        let mut parts: [(Option<String>, Vec<u8>); 5] = Default::default();
        for (k, name) in FILES.iter().enumerate() {
            let path = dir.join(name);
            parts[k] = match std::fs::read(&path) {
                Ok(bytes) => (Some(path.display().to_string()), bytes),
                Err(_) => (None, BUNDLED[k].to_vec()),
            };
        }
        Models::from_bytes(parts)
    }

    fn from_bytes(parts: [(Option<String>, Vec<u8>); 5]) -> Result<Models, LoadError> {
        let named = |k: usize| parts[k].0.clone().unwrap_or_else(|| format!("bundled {}", FILES[k]));
        let err = |k: usize| move |source| LoadError { file: named(k), source };
        let clusters = Clusters::from_bytes(&parts[0].1).map_err(err(0))?;
        let tagger = Tagger::from_bytes(&parts[1].1).map_err(err(1))?;
        let lemmas = Lemmatizer::from_bytes(&parts[2].1).map_err(err(2))?;
        let parser = Parser::from_bytes(&parts[3].1).map_err(err(3))?;
        let recogniser = Recogniser::from_bytes(&parts[4].1).map_err(err(4))?;
        let tags = (0..tagger.classes())
            .map(|c| {
                let c = c as u16;
                (tagger.upos(c), Xpos::parse(tagger.xpos(c)), tagger.key(c))
            })
            .collect();
        let rels = parser.labels().iter().map(|l| Rel::parse(l)).collect();
        Ok(Models { clusters, tagger, lemmas, parser, recogniser, tags, rels })
    }

    /// Bytes the models take in memory.
    pub fn size_bytes(&self) -> usize {
        self.tagger.size_bytes() + self.parser.size_bytes() + self.recogniser.size_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_models_load_and_agree_on_their_inventories() {
        let m = Models::bundled().unwrap();
        assert!(m.clusters.len() > 10_000);
        assert!(m.tags.iter().any(|t| t.0 == Upos::Propn && t.1 == Xpos::Nnp));
        assert!(m.rels.contains(&Rel::NsubjPass) && m.rels.contains(&Rel::Root));
    }

    #[test]
    fn a_directory_without_models_falls_back_to_the_bundled_ones_and_a_bad_file_is_named() {
        let dir = tempfile::tempdir().unwrap();
        assert!(Models::from_dir(dir.path()).is_ok());
        std::fs::write(dir.path().join("parser.bin"), b"not a model").unwrap();
        let e = Models::from_dir(dir.path()).err().unwrap();
        assert!(e.to_string().contains("parser.bin"), "{e}");
    }
}
