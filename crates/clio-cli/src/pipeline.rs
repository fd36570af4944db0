//! The per-article pipeline: the one place that knows the order of stages.

use std::time::{Duration, Instant};

use anyhow::Result;
use clio_extract::DateStage;
use clio_ingest::{clean, CleanOptions, RawArticle};
use clio_model::{check_order, Doc, Stage};
use clio_text::{SentenceSplitter, Tokenizer};

/// Cleaning, then each stage in order. Built once, shared by all threads.
pub struct Pipeline {
    clean: CleanOptions,
    stages: Vec<Box<dyn Stage>>,
}

impl Pipeline {
    /// The standard pipeline, checked before any article runs.
    pub fn new(clean: CleanOptions) -> Result<Pipeline> {
        let stages: Vec<Box<dyn Stage>> = vec![Box::new(Tokenizer), Box::new(SentenceSplitter), Box::new(DateStage)];
        let refs: Vec<&dyn Stage> = stages.iter().map(AsRef::as_ref).collect();
        check_order(&refs)?;
        Ok(Pipeline { clean, stages })
    }

    /// Stage names, cleaning first, for timing reports.
    pub fn stage_names(&self) -> Vec<&'static str> {
        std::iter::once("clean").chain(self.stages.iter().map(|s| s.name())).collect()
    }

    /// Processes one article.
    pub fn process(&self, raw: RawArticle) -> Doc {
        let mut doc = clean(raw, self.clean);
        for stage in &self.stages {
            stage.run(&mut doc);
        }
        doc
    }

    /// Processes one article, adding each stage's time to `timings` (in
    /// [`Pipeline::stage_names`] order).
    pub fn process_timed(&self, raw: RawArticle, timings: &mut [Duration]) -> Doc {
        let t = Instant::now();
        let mut doc = clean(raw, self.clean);
        timings[0] += t.elapsed();
        for (stage, slot) in self.stages.iter().zip(&mut timings[1..]) {
            let t = Instant::now();
            stage.run(&mut doc);
            *slot += t.elapsed();
        }
        doc
    }
}
