//! The native half of the `clio` Python package: a pipeline built once
//! (dictionaries and models loaded once), processing batches of articles
//! on every core with the GIL released. Articles go in and records come
//! out as JSON text, in the shapes of `clio ingest`'s JSON Lines input and
//! `documents.jsonl`; `python/clio/__init__.py` turns them into Python
//! objects.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use clio_ingest::jsonl::{parse_record, FieldMap};
use clio_ingest::CleanOptions;
use clio_lexicon::{DictFiles, Lexicon};
use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;
use rayon::prelude::*;

/// A global entity as a shard names it: (key, id, name, type).
type EntityRow = (String, String, String, String);

/// Processing time one article may take before it is given up.
const BUDGET: Duration = Duration::from_secs(30);

/// A pipeline: clio's dictionaries and language models, loaded once.
#[pyclass(module = "clio._clio", frozen)]
struct Pipeline {
    inner: clio_pipeline::Pipeline,
}

#[pymethods]
impl Pipeline {
    /// `dictionaries`: a directory of PETRARCH dictionaries to use in place
    /// of the bundled ones; `models`: a directory of models `clio train`
    /// wrote; `clean`: remove page furniture; `require_dyad`: keep only
    /// events with a source and a target.
    #[new]
    #[pyo3(signature = (dictionaries=None, models=None, clean=true, require_dyad=false))]
    fn new(dictionaries: Option<PathBuf>, models: Option<PathBuf>, clean: bool, require_dyad: bool) -> PyResult<Self> {
        let lexicon = match dictionaries {
            None => Lexicon::bundled(),
            Some(dir) => {
                let files =
                    DictFiles::read_dir(&dir).map_err(|e| PyOSError::new_err(format!("{}: {e}", dir.display())))?;
                Lexicon::with_files(&files)
            }
        };
        let models = match models {
            None => clio_nlp::Models::bundled(),
            Some(dir) => clio_nlp::Models::from_dir(&dir),
        }
        .map_err(|e| PyOSError::new_err(format!("loading the language models: {e}")))?;
        let inner = clio_pipeline::Pipeline::with_events(
            CleanOptions { remove_furniture: clean },
            Arc::new(lexicon),
            Arc::new(models),
            require_dyad,
        )
        .map_err(|e| PyValueError::new_err(format!("{e:#}")))?;
        Ok(Pipeline { inner })
    }

    /// Processes articles given as JSON objects (`text` or `html`, and
    /// optionally `id`, `title`, `published`, `url`, `outlet`, `dateline`);
    /// returns one `documents.jsonl` record per article, as JSON, in order.
    /// An item that is no article raises ValueError naming it.
    fn process_json(&self, py: Python<'_>, items: Vec<String>) -> PyResult<Vec<String>> {
        self.annotate(py, &items)
            .into_iter()
            .enumerate()
            .map(|(i, doc)| match doc {
                Ok(doc) => Ok(clio_export::document_json(&doc).to_string()),
                Err(why) => Err(PyValueError::new_err(format!("item {i}: {why}"))),
            })
            .collect()
    }

    /// The map step of a sharded run: processes one shard's articles (as
    /// [`Pipeline::process_json`]) and links their entities within the
    /// shard. Returns the records, each article's linking features (JSON),
    /// the shard's global entities as (key, id, name, type) in the order
    /// they were first named, for [`link_shards`], and the items skipped
    /// as (index, why): in a shard of thousands, one record without text
    /// is reported, not fatal.
    #[allow(clippy::type_complexity)] // the tuple is what Python receives
    fn process_shard(
        &self,
        py: Python<'_>,
        items: Vec<String>,
    ) -> PyResult<(Vec<String>, Vec<String>, Vec<EntityRow>, Vec<(usize, String)>)> {
        let mut skipped = Vec::new();
        let mut globals = clio_link::GlobalEntities::default();
        let (mut records, mut features) = (Vec::new(), Vec::new());
        for (i, doc) in self.annotate(py, &items).into_iter().enumerate() {
            let mut doc = match doc {
                Ok(doc) => doc,
                Err(why) => {
                    skipped.push((i, why));
                    continue;
                }
            };
            globals.link(&mut doc);
            records.push(clio_export::document_json(&doc).to_string());
            features.push(serde_json::to_string(&clio_link::features(&doc)).unwrap_or_default());
        }
        let table = globals
            .take_unsaved()
            .iter()
            .map(|g| {
                let kind = serde_json::to_value(g.etype).ok().and_then(|v| v.as_str().map(str::to_string));
                (g.key.clone(), g.id.clone(), g.name.clone(), kind.unwrap_or_default())
            })
            .collect();
        Ok((records, features, table, skipped))
    }
}

impl Pipeline {
    /// Reads `items` as JSON Lines records and processes them on every
    /// core, outside the GIL: per item, its document or why there is none.
    fn annotate(&self, py: Python<'_>, items: &[String]) -> Vec<Result<clio_model::Doc, String>> {
        let fields = FieldMap::default();
        let parsed: Vec<_> = items
            .iter()
            .enumerate()
            .map(|(i, item)| parse_record(item, format!("item {i}"), &fields).map_err(|s| s.detail))
            .collect();
        let pipeline = &self.inner;
        py.detach(|| {
            parsed
                .into_par_iter()
                .map(|a| {
                    pipeline
                        .process_within(a?, BUDGET)
                        .map_err(|e| format!("given up after {:.1} s in the {} stage", e.spent.as_secs_f64(), e.stage))
                })
                .collect()
        })
    }
}

/// The reduce step of a sharded run: links the articles of every shard
/// (each shard's linking features and global entities, as
/// [`Pipeline::process_shard`] gave them, shards in input order) into
/// stories, merged events and claims, as JSON `{"stories", "events",
/// "claims", "entities"}`. Entities get one id across shards, assigned in
/// the order a single run meets them, so the stories are a single run's.
#[pyfunction]
fn link_shards(shards: Vec<(Vec<String>, Vec<EntityRow>)>) -> PyResult<String> {
    let mut merged: HashMap<String, String> = HashMap::new();
    let mut counts: HashMap<char, u32> = HashMap::new();
    let mut entities = Vec::new();
    let mut all = Vec::new();
    for (i, (features, table)) in shards.into_iter().enumerate() {
        // This shard's ids -> one id per key across shards.
        let mut ids: HashMap<String, String> = HashMap::new();
        for (key, id, name, kind) in table {
            let global = merged
                .entry(key)
                .or_insert_with(|| {
                    let initial = id.chars().next().unwrap_or('X');
                    let n = counts.entry(initial).or_insert(0);
                    *n += 1;
                    let global = format!("{initial}{n}");
                    entities.push(serde_json::json!({"id": global, "name": name, "type": kind}));
                    global
                })
                .clone();
            ids.insert(id, global);
        }
        let global = |id: &String| ids.get(id).cloned().unwrap_or_else(|| id.clone());
        for (k, f) in features.iter().enumerate() {
            let mut f: clio_link::DocFeatures = serde_json::from_str(f).map_err(|e| {
                PyValueError::new_err(format!("shard {i}, article {k}: not clio's linking features ({e})"))
            })?;
            f.terms.rename(|term| match term.strip_prefix('@') {
                Some(id) => clio_link::sym::Sym::new(&format!("@{}", global(&id.to_string()))),
                None => term,
            });
            all.push(f);
        }
    }
    let links = clio_link::link(&all);
    let corpus = serde_json::json!({
        "stories": links.stories, "events": links.events, "claims": links.claims, "entities": entities,
    });
    Ok(corpus.to_string())
}

/// The module `clio._clio`.
#[pymodule]
fn _clio(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Pipeline>()?;
    m.add_function(wrap_pyfunction!(link_shards, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
