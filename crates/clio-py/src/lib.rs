//! The native half of the `clio` Python package: a pipeline built once
//! (dictionaries and models loaded once), processing batches of articles
//! on every core with the GIL released. Articles go in and records come
//! out as JSON text, in the shapes of `clio ingest`'s JSON Lines input and
//! `documents.jsonl`; `python/clio/__init__.py` turns them into Python
//! objects.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use clio_ingest::jsonl::{parse_record, FieldMap};
use clio_ingest::CleanOptions;
use clio_lexicon::{DictFiles, Lexicon};
use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;
use rayon::prelude::*;

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
        let fields = FieldMap::default();
        let mut articles = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let article = parse_record(item, format!("item {i}"), &fields)
                .map_err(|s| PyValueError::new_err(format!("item {i}: {}", s.detail)))?;
            articles.push(article);
        }
        let pipeline = &self.inner;
        let done: Vec<Result<String, String>> = py.detach(|| {
            articles
                .into_par_iter()
                .map(|a| match pipeline.process_within(a, BUDGET) {
                    Ok(doc) => Ok(clio_export::document_json(&doc).to_string()),
                    Err(e) => Err(format!(
                        "{}: given up after {:.1} s in the {} stage",
                        e.source,
                        e.spent.as_secs_f64(),
                        e.stage
                    )),
                })
                .collect()
        });
        done.into_iter().collect::<Result<Vec<_>, _>>().map_err(PyValueError::new_err)
    }
}

/// The module `clio._clio`.
#[pymodule]
fn _clio(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Pipeline>()?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
