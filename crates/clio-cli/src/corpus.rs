//! The corpus step after a run: link stories, events and claims over every
//! stored article (so a later run links against earlier ones, and gives what
//! one run over all of them would), date undated articles through their
//! stories, lend actor codes between articles, save the results, and write
//! the run's outputs.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::BufWriter;
use std::path::Path;

use anyhow::{Context, Result};
use clio_export::parquet::{self, ParquetError, TableWriter};
use clio_export::{
    event_fields, mention_fields, CorpusFile, Counts, DocumentsWriter, GdeltContext, GdeltWriter, GkgWriter,
};
use clio_link::sym::Sym;
use clio_link::{
    codes, features, link, relink_events, Claim, CorpusEvent, CorpusLinks, DocFeatures, GlobalEntities, Story,
};
use clio_model::Doc;
use clio_store::{CorpusStep, GlobalRow, Store};

use crate::pipeline::Pipeline;

/// What the corpus step works on.
pub struct Corpus<'a> {
    /// The store: every article of the run is in it.
    pub store: &'a mut Store,
    /// Global entities (articles re-dated are linked again).
    pub entities: &'a mut GlobalEntities,
    /// This run's articles' features, in input order.
    pub features: Vec<DocFeatures>,
}

impl Corpus<'_> {
    /// Links the corpus, dates articles through their stories, lends actor
    /// codes, and saves it all in one transaction. Articles are read from
    /// the store and saved back as they change, so the step holds the
    /// linking features of the corpus, not its articles.
    pub fn link(self, pipeline: &Pipeline) -> Result<CorpusLinks> {
        let current: HashSet<Sym> = self.features.iter().map(|f| f.id).collect();
        let (_, stored) = self.store.corpus_coverage()?;
        let mut all: Vec<DocFeatures> = Vec::with_capacity(stored as usize + current.len());
        self.store.each_features(|id, json| {
            if !current.contains(&Sym::new(id)) {
                all.extend(serde_json::from_str(json).ok().map(DocFeatures::shrink));
            }
        })?;
        all.extend(self.features);
        let links = link(&all);
        let mut step = self.store.begin_corpus()?;
        let mut changed: HashSet<Sym> = HashSet::new();
        // Whether a change touched what stories are made of (a date lent,
        // a term): then stories are found again, else only merged events
        // and claims are made again.
        let mut restory = false;

        // An undated article takes the date of the article of its story
        // closest to it, when that is close and its date agrees.
        let lenders: Vec<(usize, usize)> =
            links.date_from.iter().enumerate().filter_map(|(i, f)| f.map(|j| (i, j))).collect();
        for (pos, from) in lenders {
            let (Some(reference), ref_id) = (all[from].date, all[from].id) else { continue };
            let Some(Some(mut doc)) = load_all(&step, &[all[pos].id], pipeline)?.pop() else { continue };
            pipeline.redate(&mut doc, reference, &ref_id);
            self.entities.link(&mut doc);
            let now = features(&doc);
            restory |= !now.same_for_stories(&all[pos]);
            all[pos] = now;
            step.save_article(&doc)?;
            changed.insert(all[pos].id);
        }
        // An actor one article codes lends its code to those that name it
        // without one.
        let articles: Vec<_> = all.iter().map(|f| (f.id, f.date, &f.codes)).collect();
        let (renamed, lends): (Vec<_>, Vec<_>) = codes::lend(&articles)
            .into_iter()
            .partition(|(pos, want)| codes::same_codes(&all[*pos].codes.borrowed, want));
        // An article that borrows the same codes from another lender only
        // names it: no parse, nothing else changes.
        for (pos, want) in renamed {
            let Some(mut doc) = step.get(all[pos].id.as_str())? else { continue };
            codes::reattribute(&mut doc, &want);
            all[pos].codes.borrowed = want;
            step.save_article(&doc)?;
            changed.insert(all[pos].id);
        }
        // The others are coded again, in chunks: a chunk's articles are
        // loaded (and parsed) at once, on every core, then re-coded in order.
        for chunk in lends.chunks(RECODE_CHUNK) {
            let ids: Vec<Sym> = chunk.iter().map(|(pos, _)| all[*pos].id).collect();
            let docs = load_all(&step, &ids, pipeline)?;
            for ((pos, borrowed), doc) in chunk.iter().zip(docs) {
                let Some(mut doc) = doc else { continue };
                recode(pipeline, self.entities, &mut doc, borrowed);
                let now = features(&doc);
                restory |= !now.same_for_stories(&all[*pos]);
                all[*pos] = now;
                step.save_article(&doc)?;
                changed.insert(all[*pos].id);
            }
        }
        let links = if changed.is_empty() {
            links
        } else if restory {
            drop(links);
            link(&all)
        } else {
            relink_events(links, &all)
        };
        // The run's other articles were stored with their features.
        for f in all.iter().filter(|f| changed.contains(&f.id)) {
            step.save_features(&f.id, &serde_json::to_string(f)?)?;
        }
        let results = [
            ("stories", serde_json::to_string(&links.stories)?),
            ("events", serde_json::to_string(&links.events)?),
            ("claims", serde_json::to_string(&links.claims)?),
        ];
        step.commit(&unsaved_globals(self.entities), &results, all.len() as u64)?;
        Ok(links)
    }
}

/// Articles to change, in the order of `ids`, as the step left them, with
/// their language layer remade (the store keeps no tokens or parse).
/// Remaking is a parse, the cost of the corpus step: done on every core.
fn load_all(step: &CorpusStep, ids: &[Sym], pipeline: &Pipeline) -> Result<Vec<Option<Doc>>> {
    let docs = ids.iter().map(|id| step.get(id.as_str())).collect::<Result<Vec<_>, _>>()?;
    use rayon::prelude::*;
    Ok(docs
        .into_par_iter()
        .map(|d| {
            d.map(|mut d| {
                pipeline.restore(&mut d);
                d
            })
        })
        .collect())
}

/// Codes `doc` again from its entities on (its parse must be there), with
/// the codes it borrows: during a run as it comes, or in the corpus step.
pub fn recode(pipeline: &Pipeline, entities: &mut GlobalEntities, doc: &mut Doc, borrowed: &[codes::KnownCode]) {
    pipeline.recode(doc, |d| {
        entities.link(d);
        codes::apply(d, borrowed);
    });
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

/// Articles loaded and parsed at once for re-coding.
const RECODE_CHUNK: usize = 256;

/// The output formats of a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// documents.jsonl (one record per article) and corpus.json.
    Jsonl,
    /// GDELT's tables: events.csv, mentions.csv, gkg.csv.
    Gdelt,
    /// Parquet tables: documents, entities, quotes, quantities, stories,
    /// events and mentions (.parquet).
    Parquet,
}

/// Writes a run's outputs in `formats`: documents.jsonl (with each
/// article's story) and corpus.json; GDELT's events.csv, mentions.csv and
/// gkg.csv; Parquet tables. The GDELT tables hold one row per merged event,
/// counted over the corpus. The run's articles (`run`: ids in input order)
/// are read back from the store a chunk at a time and each is written
/// whole before the next chunk is read, so writing holds no more than a
/// chunk of articles however long the run.
pub fn write_outputs(
    out: &Path,
    store: &Store,
    run: &[Sym],
    links: &CorpusLinks,
    entities: &GlobalEntities,
    pipeline: &Pipeline,
    formats: &[Format],
) -> Result<Written> {
    let create = |name: &str| -> Result<BufWriter<File>> {
        let p = out.join(name);
        Ok(BufWriter::new(File::create(&p).with_context(|| format!("creating {}", p.display()))?))
    };
    let (jsonl, gdelt_on, parquet_on) =
        (formats.contains(&Format::Jsonl), formats.contains(&Format::Gdelt), formats.contains(&Format::Parquet));
    let story_of: HashMap<Sym, &str> =
        links.stories.iter().flat_map(|s| s.documents.iter().map(|d| (*d, s.id.as_str()))).collect();
    let in_run: HashSet<Sym> = run.iter().copied().collect();
    let here = |documents: &[Sym]| documents.iter().any(|x| in_run.contains(x));
    let stories: Vec<&Story> = links.stories.iter().filter(|s| here(&s.documents)).collect();
    let events: Vec<&CorpusEvent> = links.events.iter().filter(|e| here(&e.documents)).collect();
    let claims: Vec<&Claim> = links.claims.iter().filter(|c| here(&c.documents)).collect();
    let mut earlier: Vec<&Sym> = stories.iter().flat_map(|s| &s.documents).filter(|d| !in_run.contains(d)).collect();
    earlier.sort();
    earlier.dedup();
    let written =
        Written { stories: stories.len(), events: events.len(), claims: claims.len(), earlier: earlier.len() };
    if jsonl {
        // A run adds to the store's stories: say what this file covers.
        let scope = serde_json::json!({
            "articles_of_this_run": run.len(),
            "articles_of_earlier_runs": written.earlier,
            "covers": "the stories, merged events and claims that hold an article of this run, with all their articles in the store (earlier runs' too); documents.jsonl holds this run's articles only",
        });
        let entities = entities.for_documents(run);
        CorpusFile { claims: &claims, entities: &entities, events: &events, scope, stories: &stories }
            .write(File::create(out.join("corpus.json")).context("creating corpus.json")?)
            .context("writing corpus.json")?;
    }

    // Each report of a merged event, by (article, event of the article):
    // the merged event's number and counts, and whether it is the first
    // report in the run (that one writes the event's row; every report
    // writes a mention).
    let mut reports: HashMap<(Sym, usize), (u64, Counts, bool)> = HashMap::new();
    for e in &events {
        // GLOBALEVENTID is the number of the merged event's id (E7 -> 7),
        // so a row of events.csv is the event of that id in corpus.json
        // and `clio query events`.
        let Some(id) = e.id.strip_prefix('E').and_then(|n| n.parse::<u64>().ok()) else { continue };
        let counts = Counts { mentions: e.num_mentions, sources: e.num_sources, articles: e.num_articles };
        let mut first = true;
        for (doc_id, ei) in e.members.iter().filter(|(d, _)| in_run.contains(d)) {
            reports.insert((*doc_id, *ei), (id, counts, first));
            first = false;
        }
    }

    let parquet_err = |e: ParquetError| anyhow::anyhow!("writing Parquet in {}: {e}", out.display());
    let mut tables = if parquet_on {
        let mut open = Vec::new();
        for t in parquet::tables() {
            open.push(TableWriter::create(out, &t).map_err(parquet_err)?);
        }
        Some(open)
    } else {
        None
    };
    let mut documents = if jsonl { Some(DocumentsWriter::new(create("documents.jsonl")?)) } else { None };
    let lexicon = pipeline.lexicon();
    let ctx = GdeltContext { lexicon, date_added: jiff::Timestamp::now().strftime("%Y%m%d%H%M%S").to_string() };
    let mut gdelt =
        if gdelt_on { Some(GdeltWriter::new(create("events.csv")?, create("mentions.csv")?)) } else { None };
    let mut gkg = if gdelt_on { Some(GkgWriter::new(create("gkg.csv")?)) } else { None };
    for chunk in run.chunks(WRITE_CHUNK) {
        let docs = read_chunk(store, chunk)?;
        for (d, id) in docs.iter().zip(chunk) {
            let mut record = clio_export::document_json(d);
            record["story"] = serde_json::json!(story_of.get(id));
            if let Some(w) = &mut documents {
                w.write_record(&record).context("writing documents.jsonl")?;
            }
            if let Some(t) = &mut tables {
                for (table, rows) in t.iter_mut().zip(parquet::article_rows(&record)) {
                    for row in rows {
                        table.push(row).map_err(parquet_err)?;
                    }
                }
            }
            for (ei, ev) in d.events.iter().enumerate() {
                let Some(&(event, counts, first)) = reports.get(&(*id, ei)) else { continue };
                if first {
                    if let Some(g) = &mut gdelt {
                        g.write_event(event, d, ev, counts, &ctx).context("writing events.csv")?;
                    }
                    if let Some(t) = &mut tables {
                        t[parquet::EVENTS]
                            .push_fields(event_fields(event, d, ev, counts, &ctx))
                            .map_err(parquet_err)?;
                    }
                }
                if let Some(g) = &mut gdelt {
                    g.write_mention(event, d, ev, &ctx).context("writing mentions.csv")?;
                }
                if let Some(t) = &mut tables {
                    t[parquet::MENTIONS].push_fields(mention_fields(event, d, ev, &ctx)).map_err(parquet_err)?;
                }
            }
            if let Some(g) = &mut gkg {
                g.write(d, lexicon, &ctx.date_added).context("writing gkg.csv")?;
            }
        }
    }
    if let Some(w) = documents {
        w.finish().context("writing documents.jsonl")?;
    }
    if let Some(g) = gdelt {
        g.finish().context("writing events.csv and mentions.csv")?;
    }
    if let Some(g) = gkg {
        g.finish().context("writing gkg.csv")?;
    }
    if let Some(mut t) = tables {
        for s in &stories {
            let date = |d: Option<jiff::civil::Date>| serde_json::json!(d.map(|d| d.to_string()));
            let row = vec![
                serde_json::json!(s.id),
                serde_json::json!(s.label),
                date(s.first_date),
                date(s.last_date),
                serde_json::json!(s.documents.len()),
                serde_json::json!(s.outlets.join("; ")),
                serde_json::json!(s.documents.iter().map(|d| d.as_str()).collect::<Vec<_>>().join(" ")),
            ];
            t[parquet::STORIES_AT].push(row).map_err(parquet_err)?;
        }
        for table in t {
            table.finish().map_err(parquet_err)?;
        }
    }
    Ok(written)
}

/// Articles read back from the store at once for writing.
const WRITE_CHUNK: usize = 256;

/// The articles of `ids` from the store, in order (an article of the run
/// is always stored: a missing one means the store changed under the run).
fn read_chunk(store: &Store, ids: &[Sym]) -> Result<Vec<Doc>> {
    ids.iter()
        .map(|id| {
            store.get(id.as_str())?.with_context(|| format!("article {id} of this run is no longer in the store"))
        })
        .collect()
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
