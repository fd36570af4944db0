//! The corpus step after a run: link stories, events and claims over every
//! stored article (so a later run links against earlier ones, and gives what
//! one run over all of them would), date undated articles through their
//! stories, lend actor codes between articles, save the results, and write
//! the run's outputs.

use std::collections::HashSet;
use std::fs::{self, File};
use std::io::BufWriter;
use std::path::Path;

use anyhow::{Context, Result};
use clio_export::{corpus_json, Counts, DocumentsWriter, GdeltContext, GdeltWriter, GkgWriter};
use clio_link::{codes, features, link, CorpusLinks, DocFeatures, GlobalEntities};
use clio_model::Doc;
use clio_store::{CorpusSave, GlobalRow, Store};

use crate::pipeline::Pipeline;

/// What the corpus step works on.
pub struct Corpus<'a> {
    /// The store, when the run stores.
    pub store: Option<&'a mut Store>,
    /// Global entities (articles re-dated are linked again).
    pub entities: &'a mut GlobalEntities,
    /// This run's articles' features, in input order.
    pub features: Vec<DocFeatures>,
    /// This run's articles, when its outputs are written.
    pub docs: Option<&'a mut Vec<Doc>>,
}

impl Corpus<'_> {
    /// Links the corpus, dates articles through their stories, and saves.
    pub fn link(mut self, pipeline: &Pipeline) -> Result<CorpusLinks> {
        let current: HashSet<String> = self.features.iter().map(|f| f.id.clone()).collect();
        let mut all: Vec<DocFeatures> = match &self.store {
            Some(s) => s
                .features()?
                .into_iter()
                .filter(|(id, _)| !current.contains(id))
                .filter_map(|(_, json)| serde_json::from_str(&json).ok())
                .collect(),
            None => Vec::new(),
        };
        all.append(&mut self.features);
        let mut links = link(&all);

        // An undated article takes the date of the article of its story
        // closest to it, when that is close and its date agrees.
        let mut changed: Vec<Doc> = Vec::new();
        let lenders: Vec<(usize, usize)> =
            links.date_from.iter().enumerate().filter_map(|(i, f)| f.map(|j| (i, j))).collect();
        for (pos, from) in lenders {
            let (Some(reference), ref_id) = (all[from].date, all[from].id.clone()) else { continue };
            let id = all[pos].id.clone();
            let Some(mut doc) = self.load(&id, &changed, pipeline)? else { continue };
            pipeline.redate(&mut doc, reference, &ref_id);
            self.entities.link(&mut doc);
            all[pos] = features(&doc);
            keep(&mut changed, doc);
        }
        // An actor one article codes lends its code to those that name it
        // without one.
        let articles: Vec<_> = all.iter().map(|f| (f.id.as_str(), f.date, &f.codes)).collect();
        for (pos, borrowed) in codes::lend(&articles) {
            let id = all[pos].id.clone();
            let Some(mut doc) = self.load(&id, &changed, pipeline)? else { continue };
            let entities = &mut *self.entities;
            pipeline.recode(&mut doc, |d| {
                entities.link(d);
                codes::apply(d, &borrowed);
            });
            all[pos] = features(&doc);
            keep(&mut changed, doc);
        }
        let mut save: HashSet<String> = current;
        save.extend(changed.iter().map(|d| d.id.0.clone()));
        if !changed.is_empty() {
            links = link(&all);
        }
        // Everything the step changed, saved in one transaction.
        if let Some(s) = self.store.as_deref_mut() {
            let features: Vec<(String, String)> = all
                .iter()
                .filter(|f| save.contains(&f.id))
                .map(|f| (f.id.clone(), serde_json::to_string(f).unwrap_or_default()))
                .collect();
            let results = [
                ("stories", serde_json::to_string(&links.stories)?),
                ("events", serde_json::to_string(&links.events)?),
                ("claims", serde_json::to_string(&links.claims)?),
            ];
            s.save_corpus(&CorpusSave {
                changed: &changed,
                globals: &unsaved_globals(self.entities),
                features: &features,
                results: &results,
                articles: all.len() as u64,
            })?;
        }
        if let Some(docs) = self.docs.as_deref_mut() {
            for r in changed {
                if let Some(d) = docs.iter_mut().find(|d| d.id == r.id) {
                    *d = r;
                }
            }
        }
        Ok(links)
    }
}

impl Corpus<'_> {
    /// An article to change: as changed already, else this run's, else the
    /// stored one with its language layer remade.
    fn load(&self, id: &str, changed: &[Doc], pipeline: &Pipeline) -> Result<Option<Doc>> {
        if let Some(d) = changed.iter().find(|d| d.id.0 == id) {
            return Ok(Some(d.clone()));
        }
        if let Some(d) = self.docs.as_deref().and_then(|d| d.iter().find(|d| d.id.0 == id)) {
            return Ok(Some(d.clone()));
        }
        let Some(s) = &self.store else { return Ok(None) };
        Ok(s.get(id)?.map(|mut d| {
            pipeline.restore(&mut d);
            d
        }))
    }
}

/// The global entities linking made since the last save, as rows to store.
pub fn unsaved_globals(entities: &mut GlobalEntities) -> Vec<GlobalRow> {
    entities
        .take_unsaved()
        .iter()
        .map(|g| GlobalRow {
            key: g.key.clone(),
            id: g.id.clone(),
            name: g.name.clone(),
            etype: serde_json::to_value(g.etype).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default(),
        })
        .collect()
}

/// Replaces or adds `doc` among the changed articles.
fn keep(changed: &mut Vec<Doc>, doc: Doc) {
    match changed.iter_mut().find(|d| d.id == doc.id) {
        Some(d) => *d = doc,
        None => changed.push(doc),
    }
}

/// Writes a run's outputs: documents.jsonl (with each article's story),
/// corpus.json, and GDELT's events.csv, mentions.csv and gkg.csv. The
/// GDELT tables hold one row per merged event, counted over the corpus.
pub fn write_outputs(
    out: &Path,
    docs: &[Doc],
    links: &CorpusLinks,
    entities: &GlobalEntities,
    pipeline: &Pipeline,
) -> Result<Written> {
    let create = |name: &str| -> Result<BufWriter<File>> {
        let p = out.join(name);
        Ok(BufWriter::new(File::create(&p).with_context(|| format!("creating {}", p.display()))?))
    };
    let story_id = |id: &str| links.stories.iter().find(|s| s.documents.iter().any(|d| d == id)).map(|s| s.id.clone());
    let mut documents = DocumentsWriter::new(create("documents.jsonl")?);
    for d in docs {
        documents
            .write_with(d, &[("story", serde_json::json!(story_id(&d.id.0)))])
            .context("writing documents.jsonl")?;
    }
    documents.finish().context("writing documents.jsonl")?;

    let ids: Vec<clio_model::DocId> = docs.iter().map(|d| d.id.clone()).collect();
    let here = |documents: &[String]| documents.iter().any(|x| ids.iter().any(|i| &i.0 == x));
    let stories: Vec<_> = links.stories.iter().filter(|s| here(&s.documents)).cloned().collect();
    let events: Vec<_> = links.events.iter().filter(|e| here(&e.documents)).cloned().collect();
    let claims: Vec<_> = links.claims.iter().filter(|c| here(&c.documents)).cloned().collect();
    let mut earlier: Vec<&String> =
        stories.iter().flat_map(|s| &s.documents).filter(|d| !here(std::slice::from_ref(d))).collect();
    earlier.sort();
    earlier.dedup();
    let written =
        Written { stories: stories.len(), events: events.len(), claims: claims.len(), earlier: earlier.len() };
    let mut corpus = corpus_json(&stories, &entities.for_documents(&ids), &events, &claims);
    // A run adds to the store's stories: say what this file covers.
    corpus["scope"] = serde_json::json!({
        "articles_of_this_run": ids.len(),
        "articles_of_earlier_runs": written.earlier,
        "covers": "the stories, merged events and claims that hold an article of this run, with all their articles in the store (earlier runs' too); documents.jsonl holds this run's articles only",
    });
    fs::write(out.join("corpus.json"), serde_json::to_string_pretty(&corpus)? + "\n").context("writing corpus.json")?;

    let lexicon = pipeline.lexicon();
    let ctx = GdeltContext { lexicon, date_added: jiff::Timestamp::now().strftime("%Y%m%d%H%M%S").to_string() };
    let mut gdelt = GdeltWriter::new(create("events.csv")?, create("mentions.csv")?);
    let doc_of = |id: &str| docs.iter().find(|d| d.id.0 == id);
    for e in &events {
        // GLOBALEVENTID is the number of the merged event's id (E7 -> 7),
        // so a row of events.csv is the event of that id in corpus.json
        // and `clio query events`.
        let Some(id) = e.id.strip_prefix('E').and_then(|n| n.parse::<u64>().ok()) else { continue };
        let counts = Counts { mentions: e.num_mentions, sources: e.num_sources, articles: e.num_articles };
        let mut first = true;
        for (doc_id, ei) in &e.members {
            let Some((d, ev)) = doc_of(doc_id).and_then(|d| d.events.get(*ei).map(|ev| (d, ev))) else { continue };
            if first {
                gdelt.write_event(id, d, ev, counts, &ctx).context("writing events.csv")?;
                first = false;
            }
            gdelt.write_mention(id, d, ev, &ctx).context("writing mentions.csv")?;
        }
    }
    gdelt.finish().context("writing events.csv and mentions.csv")?;
    let mut gkg = GkgWriter::new(create("gkg.csv")?);
    for d in docs {
        gkg.write(d, lexicon, &ctx.date_added).context("writing gkg.csv")?;
    }
    gkg.finish().context("writing gkg.csv")?;
    Ok(written)
}

/// What `corpus.json` of a run holds.
pub struct Written {
    /// Stories that hold an article of the run.
    pub stories: usize,
    /// Merged events reported by an article of the run.
    pub events: usize,
    /// Claims made by an article of the run.
    pub claims: usize,
    /// Articles in those stories stored by earlier runs.
    pub earlier: usize,
}
