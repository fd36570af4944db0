use std::collections::HashSet;

use crate::{Doc, Layer};

/// One step of the per-article pipeline.
///
/// A stage is a pure function of the layers it [`requires`](Stage::requires),
/// writing the layers it [`assigns`](Stage::assigns); [`check_order`] verifies
/// a pipeline before any article runs. Stages are built once (dictionaries
/// compiled, regexes built) and shared across threads.
pub trait Stage: Send + Sync {
    /// A short name for timings and errors.
    fn name(&self) -> &'static str;
    /// Layers that must exist before this stage runs.
    fn requires(&self) -> &'static [Layer];
    /// Layers this stage fills.
    fn assigns(&self) -> &'static [Layer];
    /// Annotates one article.
    fn run(&self, doc: &mut Doc);
    /// Names of the parts this stage times on its own in benchmarks
    /// (none: the stage is timed as a whole).
    fn parts(&self) -> &'static [&'static str] {
        &[]
    }
    /// Annotates one article, adding each of [`Stage::parts`]'s time to
    /// `times` (one slot per part).
    fn run_timed(&self, doc: &mut Doc, times: &mut [std::time::Duration]) {
        let _ = times;
        self.run(doc);
    }
}

/// A pipeline whose stages are out of order.
#[derive(Debug, thiserror::Error, PartialEq)]
#[error("stage '{stage}' requires {layer:?}, which no earlier stage assigns; reorder the pipeline")]
pub struct PipelineError {
    /// The stage that came too early.
    pub stage: &'static str,
    /// The layer it lacks.
    pub layer: Layer,
}

/// Checks that each stage's requirements are assigned by an earlier stage
/// (cleaning, which builds the Doc, provides [`Layer::Text`]).
pub fn check_order(stages: &[&dyn Stage]) -> Result<(), PipelineError> {
    let mut have: HashSet<Layer> = HashSet::from([Layer::Text]);
    for stage in stages {
        if let Some(&layer) = stage.requires().iter().find(|l| !have.contains(l)) {
            return Err(PipelineError { stage: stage.name(), layer });
        }
        have.extend(stage.assigns().iter().copied());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fake(&'static str, &'static [Layer], &'static [Layer]);
    impl Stage for Fake {
        fn name(&self) -> &'static str {
            self.0
        }
        fn requires(&self) -> &'static [Layer] {
            self.1
        }
        fn assigns(&self) -> &'static [Layer] {
            self.2
        }
        fn run(&self, _: &mut Doc) {}
    }

    #[test]
    fn out_of_order_pipeline_is_refused() {
        let tok = Fake("tokens", &[Layer::Text], &[Layer::Tokens]);
        let sent = Fake("sentences", &[Layer::Tokens], &[Layer::Sentences]);
        assert!(check_order(&[&tok, &sent]).is_ok());
        let err = check_order(&[&sent, &tok]);
        assert_eq!(err, Err(PipelineError { stage: "sentences", layer: Layer::Tokens }));
    }
}
