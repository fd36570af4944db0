//! The per-article pipeline: the one place that knows the order of stages.
//! Used by the `clio` binary and the Python package alike.

use std::time::{Duration, Instant};

use anyhow::Result;
use std::sync::Arc;

use clio_extract::{DateStage, EntityStage, EventStage, QuantityStage, QuoteStage, ToneStage};
use clio_ingest::{clean, CleanOptions, RawArticle};
use clio_lexicon::Lexicon;
use clio_model::{check_order, Doc, Stage};
use clio_nlp::{LanguageStage, Models};
use clio_text::{SentenceSplitter, Tokenizer};

/// Cleaning, then each stage in order. Built once, shared by all threads.
pub struct Pipeline {
    clean: CleanOptions,
    stages: Vec<Box<dyn Stage>>,
    lexicon: Arc<Lexicon>,
}

impl Pipeline {
    /// The standard pipeline over compiled dictionaries and the language
    /// models, checked before any article runs.
    pub fn new(clean: CleanOptions, lexicon: Arc<Lexicon>, models: Arc<Models>) -> Result<Pipeline> {
        Pipeline::with_events(clean, lexicon, models, false)
    }

    /// [`Pipeline::new`]; with `require_dyad`, only events with both a
    /// source and a target are kept (PETRARCH's default).
    pub fn with_events(
        clean: CleanOptions,
        lexicon: Arc<Lexicon>,
        models: Arc<Models>,
        require_dyad: bool,
    ) -> Result<Pipeline> {
        let language = LanguageStage::new(models, lexicon.clone());
        let stages: Vec<Box<dyn Stage>> = vec![
            Box::new(Tokenizer),
            Box::new(SentenceSplitter),
            Box::new(language.clone()),
            Box::new(DateStage),
            Box::new(EntityStage::new(lexicon.clone(), language)),
            Box::new(QuoteStage),
            Box::new(QuantityStage),
            Box::new(EventStage::new(lexicon.clone()).require_dyad(require_dyad)),
            Box::new(ToneStage::new(lexicon.clone())),
        ];
        let refs: Vec<&dyn Stage> = stages.iter().map(AsRef::as_ref).collect();
        check_order(&refs)?;
        Ok(Pipeline { clean, stages, lexicon })
    }

    /// The dictionaries the pipeline codes with (writers need them too).
    pub fn lexicon(&self) -> &Arc<Lexicon> {
        &self.lexicon
    }

    /// Stage names, cleaning first, for timing reports; a stage timed in
    /// parts (the language layer: tags, parse, names) by its parts.
    pub fn stage_names(&self) -> Vec<&'static str> {
        let mut names = vec!["clean"];
        for s in &self.stages {
            match s.parts() {
                [] => names.push(s.name()),
                parts => names.extend_from_slice(parts),
            }
        }
        names
    }

    /// Remakes what the store does not keep of an article it returned
    /// (tokens, the language layer), so later stages can run on it again.
    pub fn restore(&self, doc: &mut Doc) {
        for stage in self.stages.iter().take_while(|s| s.name() != "dates") {
            if stage.name() != "sentences" {
                stage.run(doc);
            }
        }
    }

    /// Processes one article.
    pub fn process(&self, raw: RawArticle) -> Doc {
        let mut doc = clean(raw, self.clean);
        // A page that is only furniture is no news to read.
        if clio_ingest::is_furniture_only(&doc) {
            return doc;
        }
        for stage in &self.stages {
            stage.run(&mut doc);
        }
        doc
    }

    /// Processes one article within a work budget: between stages, an
    /// article that has run longer than `budget` is given up, so one
    /// pathological input (a "sentence" of thousands of clauses, markup
    /// nested a hundred thousand deep) cannot stall a run. The stage that
    /// was running when time ran out is named in the error.
    pub fn process_within(&self, raw: RawArticle, budget: Duration) -> Result<Doc, OverBudget> {
        let start = Instant::now();
        let source = raw.source.clone();
        let over = |stage: &'static str| {
            let spent = start.elapsed();
            (spent > budget).then(|| OverBudget { source: source.clone(), stage, spent })
        };
        let mut doc = clean(raw, self.clean);
        if let Some(e) = over("clean") {
            return Err(e);
        }
        if clio_ingest::is_furniture_only(&doc) {
            return Ok(doc);
        }
        for stage in &self.stages {
            stage.run(&mut doc);
            if let Some(e) = over(stage.name()) {
                return Err(e);
            }
        }
        Ok(doc)
    }

    /// Re-runs the stages that depend on an article's dates, after linking
    /// dated it through its story.
    pub fn redate(&self, doc: &mut Doc, reference: jiff::civil::Date, from: &str) {
        clio_extract::dates::anchor_to(doc, reference, from);
        let after = self.stages.iter().position(|s| s.name() == "dates").map_or(0, |i| i + 1);
        for stage in &self.stages[after..] {
            stage.run(doc);
        }
    }

    /// Re-runs the stages from entities on, after linking found actor codes
    /// for the article in others: `lend` links the new entities and gives
    /// them the codes, before the stages that read codes (events) run.
    pub fn recode(&self, doc: &mut Doc, lend: impl FnOnce(&mut Doc)) {
        let at = self.stages.iter().position(|s| s.name() == "entities").unwrap_or(0);
        self.stages[at].run(doc);
        lend(doc);
        for stage in &self.stages[at + 1..] {
            stage.run(doc);
        }
    }

    /// Processes one article, adding each stage's time to `timings` (in
    /// [`Pipeline::stage_names`] order).
    pub fn process_timed(&self, raw: RawArticle, timings: &mut [Duration]) -> Doc {
        let t = Instant::now();
        let mut doc = clean(raw, self.clean);
        timings[0] += t.elapsed();
        if clio_ingest::is_furniture_only(&doc) {
            return doc;
        }
        let mut at = 1;
        for stage in &self.stages {
            let parts = stage.parts().len();
            let Some(slots) = timings.get_mut(at..at + parts.max(1)) else { break };
            if parts == 0 {
                let t = Instant::now();
                stage.run(&mut doc);
                slots[0] += t.elapsed();
            } else {
                stage.run_timed(&mut doc, slots);
            }
            at += parts.max(1);
        }
        doc
    }
}

/// An article given up because it ran out of its work budget.
#[derive(Debug)]
pub struct OverBudget {
    /// Where the article came from (`path` or `path:line`).
    pub source: String,
    /// The stage that was running when the budget ran out.
    pub stage: &'static str,
    /// Time spent on the article.
    pub spent: Duration,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clio_model::{ArticleMeta, InputFormat};

    /// Pieces that stress the rules: quotes left open, captions, datelines,
    /// abbreviations, dates, multi-byte text, odd whitespace.
    const PIECES: &[&str] = &[
        "\u{201C}",
        "\u{201D}",
        "\"",
        "'",
        "(L)",
        " (Xinhua/Li Wei)",
        "BEIJING (Xinhua) \u{2014} ",
        "U.S.",
        "Jan.",
        " on Thursday",
        " As of March 2,",
        " Nov. 9, 2017",
        "\n",
        "\n\n",
        "\r\n",
        "\u{a0}",
        "\t",
        " ",
        ".",
        "?",
        "!",
        ":",
        " > ",
        "Home",
        "\u{4E2D}\u{56FD}",
        "caf\u{e9}",
        "1,300",
        "7.9",
        "COVID-19",
        "Share",
        "/ CGTN Photo",
        "Mr.",
        "R.",
        "said",
        "the",
        "Minister Ma",
        "-",
        "\u{2014}",
        "\u{FFFD}",
        "<p>",
        "</p>",
        "&amp;",
        "{",
        "}",
    ];

    fn garbage(seed: &mut u64, len: usize) -> String {
        let mut s = String::new();
        for _ in 0..len {
            *seed ^= *seed << 13;
            *seed ^= *seed >> 7;
            *seed ^= *seed << 17;
            s.push_str(PIECES[(*seed % PIECES.len() as u64) as usize]);
        }
        s
    }

    #[test]
    fn no_input_makes_the_pipeline_panic_or_emit_a_bad_span() {
        let lexicon = Arc::new(Lexicon::bundled());
        let models = Arc::new(Models::bundled().unwrap());
        let pipeline = Pipeline::new(CleanOptions::default(), lexicon.clone(), models.clone()).unwrap();
        let raw_pipeline = Pipeline::new(CleanOptions { remove_furniture: false }, lexicon, models).unwrap();
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for i in 0..3000 {
            let raw = garbage(&mut seed, i % 120);
            let article = RawArticle {
                id: None,
                source: format!("garbage-{i}"),
                format: if i % 3 == 0 { InputFormat::Html } else { InputFormat::Text },
                is_html: i % 3 == 0,
                raw,
                meta: ArticleMeta::default(),
                warnings: vec![],
            };
            for p in [&pipeline, &raw_pipeline] {
                let doc = p.process(article.clone());
                for s in &doc.sentences {
                    assert!(doc.text.get(s.span.start()..s.span.end()).is_some(), "bad span in {:?}", doc.raw);
                }
                for r in &doc.removed {
                    assert!(doc.raw.get(r.raw.start()..r.raw.end()).is_some(), "bad removal in {:?}", doc.raw);
                }
                let _ = clio_export::document_json(&doc);
            }
        }
    }

    /// Articles of my own making, in the shapes clio reads: wire copy with a
    /// dateline and quotes, a web page, a transcript.
    const BASES: &[(&str, bool)] = &[
        (
            "Harbour talks resume\n\nVALLETTA (Example) \u{2014} Malta's Foreign Minister Ana Borg met Italian officials on Tuesday, March 3, 2026, to discuss 1,200 migrants rescued at sea.\n\n\"We will not turn boats away,\" Borg said. The ministry said 14 of them were children.\n\nPhoto: Example/Jo Lee",
            false,
        ),
        (
            "<html><head><title>Strike ends</title><meta property=\"article:published_time\" content=\"2025-06-01\"></head><body><nav><a>Home</a></nav><article><h1>Strike ends</h1><p>Dock workers in Rotterdam ended a <b>five-day</b> strike on Sunday after the union accepted a 4% raise, a spokesman said.</p><p>&ldquo;It was hard,&rdquo; said union leader Piet de Vries.</p><figure><figcaption>Workers (AP)</figcaption></figure></article></body></html>",
            true,
        ),
        (
            "MODERATOR: Minister, will you resign?\n\nMINISTER: No. I said so yesterday and I say it again.\n\nAccording to aides, the cabinet meets on Friday. Police arrested 23 people in Lyon.",
            false,
        ),
    ];

    /// One change to an article: how hostile inputs differ from news.
    #[derive(Clone, Debug)]
    enum Mutation {
        /// Insert a piece at a fraction of the length.
        Insert(f64, usize),
        /// Delete some bytes.
        Delete(f64, usize),
        /// Replace a char by any char.
        Replace(f64, char),
        /// Repeat a stretch many times: sentences of thousands of words.
        Repeat(f64, usize, usize),
        /// Wrap the whole in markup nested this deep.
        Nest(usize),
    }

    fn mutation() -> impl proptest::strategy::Strategy<Value = Mutation> {
        use proptest::prelude::*;
        prop_oneof![
            4 => (0.0..1.0, 0..PIECES.len()).prop_map(|(at, p)| Mutation::Insert(at, p)),
            3 => (0.0..1.0, 1..40usize).prop_map(|(at, n)| Mutation::Delete(at, n)),
            3 => (0.0..1.0, any::<char>()).prop_map(|(at, c)| Mutation::Replace(at, c)),
            1 => (0.0..1.0, 1..120usize, 2..200usize).prop_map(|(at, n, k)| Mutation::Repeat(at, n, k)),
            1 => (1..5_000usize).prop_map(Mutation::Nest),
        ]
    }

    /// The char boundary at or before a fraction of `s`.
    fn boundary(s: &str, at: f64) -> usize {
        let mut i = ((s.len() as f64) * at) as usize;
        while i > 0 && !s.is_char_boundary(i) {
            i -= 1;
        }
        i.min(s.len())
    }

    fn mutate(mut s: String, m: &Mutation) -> String {
        match *m {
            Mutation::Insert(at, p) => s.insert_str(boundary(&s, at), PIECES[p]),
            Mutation::Delete(at, n) => {
                let from = boundary(&s, at);
                let to = boundary(&s, ((from + n) as f64 / s.len().max(1) as f64).min(1.0));
                s.replace_range(from..to.max(from), "");
            }
            Mutation::Replace(at, c) => {
                let from = boundary(&s, at);
                if let Some(old) = s[from..].chars().next() {
                    s.replace_range(from..from + old.len_utf8(), c.encode_utf8(&mut [0; 4]));
                }
            }
            Mutation::Repeat(at, n, k) => {
                let from = boundary(&s, at);
                let to = boundary(&s, ((from + n) as f64 / s.len().max(1) as f64).min(1.0)).max(from);
                let stretch = s[from..to].repeat(k);
                s.insert_str(to, &stretch);
            }
            Mutation::Nest(depth) => s = format!("{}{s}{}", "<div><span>".repeat(depth), "</span></div>".repeat(depth)),
        }
        s
    }

    /// Cases per property: a few hundred in `cargo test`; a soak sets
    /// CLIO_SOAK_CASES (README: Reliability).
    fn cases(default: u32) -> u32 {
        std::env::var("CLIO_SOAK_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
    }

    static PIPELINE: std::sync::LazyLock<Pipeline> = std::sync::LazyLock::new(|| {
        let models = Arc::new(Models::bundled().expect("bundled models load"));
        Pipeline::new(CleanOptions::default(), Arc::new(Lexicon::bundled()), models).expect("pipeline builds")
    });

    /// Every byte of the cleaned text the offset map places in the raw
    /// input is that byte of the input.
    fn offset_map_is_exact(doc: &Doc) -> Result<(), String> {
        let whole = clio_model::Span::new(0, doc.text.len()).ok_or("text too long")?;
        for (clean, raw, len) in doc.offset_map.segments_in(whole) {
            let (a, b) = (doc.text.as_bytes().get(clean..clean + len), doc.raw.as_bytes().get(raw..raw + len));
            if a.is_none() || a != b {
                return Err(format!("segment ({clean}, {raw}, {len}) maps {a:?} to {b:?}"));
            }
        }
        Ok(())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: cases(300), ..Default::default() })]

        /// Hostile variants of real-looking articles go through every stage
        /// within the default budget, with no panic, spans inside their
        /// text and an exact offset map.
        #[test]
        fn hostile_articles_are_read_within_budget_with_exact_offsets(
            base in 0..BASES.len(),
            changes in proptest::collection::vec(mutation(), 0..8),
        ) {
            let (text, html) = BASES[base];
            let raw = changes.iter().fold(text.to_string(), mutate);
            let article = RawArticle {
                id: None,
                source: "hostile".into(),
                format: if html { InputFormat::Html } else { InputFormat::Text },
                is_html: html,
                raw,
                meta: ArticleMeta::default(),
                warnings: vec![],
            };
            let doc = PIPELINE.process_within(article, Duration::from_secs(30));
            let doc = doc.map_err(|e| proptest::test_runner::TestCaseError::fail(format!("over budget: {e:?}")))?;
            offset_map_is_exact(&doc).map_err(proptest::test_runner::TestCaseError::fail)?;
            for s in &doc.sentences {
                proptest::prop_assert!(doc.text.get(s.span.start()..s.span.end()).is_some());
            }
            for r in &doc.removed {
                proptest::prop_assert!(doc.raw.get(r.raw.start()..r.raw.end()).is_some());
            }
            let _ = clio_export::document_json(&doc);
        }
    }
}
