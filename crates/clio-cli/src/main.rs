//! `clio`: news articles in, a queryable record of who did and said what to
//! whom, when and where, out. This binary is glue: it parses arguments,
//! builds the [`pipeline::Pipeline`] once, and drives inputs through it into
//! the store and the output writers.

/// Prints a line to stderr. A closed stderr (`clio ingest DIR 2>&1 | head`)
/// is no reason to stop storing: the error is dropped.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// Prints a line to stdout. A closed pipe (`clio query stories | head`)
/// ends the output quietly, never with a panic.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

mod batch;
mod bench;
mod corpus;
mod eval;
use clio_pipeline as pipeline;
mod query;
mod serve;
mod show;
mod train;

use std::fs;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand};
use clio_ingest::{CleanOptions, FieldMap, RawArticle, ReadOptions};
use clio_lexicon::{DictFiles, Lexicon};
use clio_link::sym::Sym;
use clio_link::{codes, features, ActorCodes, CorpusLinks, DocFeatures, GlobalEntities, GlobalEntity};
use clio_model::Doc;
use clio_store::Store;

use crate::batch::{drive, RunOptions, Sink};
use crate::corpus::Corpus;
use crate::pipeline::Pipeline;

/// Articles allocate many small strings and vectors; mimalloc serves them
/// faster than the system allocator (measured: see README, Speed).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exit status when the run completed but some inputs were skipped.
const EXIT_SKIPPED: u8 = 3;

#[derive(Parser)]
#[command(
    name = "clio",
    version,
    about = "Who did and said what to whom, when and where: from your own news articles.",
    long_about = "clio reads news articles (plain text, HTML pages, JSON Lines, WARC web archives), removes page furniture, \
dates what each article reports, finds people, organisations and places with CAMEO actor codes, codes \
CAMEO events, quotations and quantities, links articles into stories, and stores everything in an \
embedded SQLite database. It writes JSON Lines, GDELT's Event, Mentions and GKG tables, and Parquet, \
and serves the store as a JSON API and a web page.\n\n\
Start with:  clio run examples/ --out out/   then   clio serve (http://127.0.0.1:8470/),   clio show <ID>,   \
clio query events,   clio stats",
    after_help = "Exit status: 0 all inputs read; 3 some inputs were skipped (each is named on stderr); 1 an error stopped the run, or no input could be read at all.\n\
Inputs: a file, a directory (read recursively: .txt, .html/.htm, .jsonl/.ndjson, .warc/.warc.gz), or - for stdin."
)]
struct Cli {
    /// The database file (created if missing).
    #[arg(long, global = true, env = "CLIO_DB", default_value = "clio.db")]
    db: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Process articles, store them, and write DIR/documents.jsonl,
    /// DIR/corpus.json, GDELT's DIR/events.csv, DIR/mentions.csv and
    /// DIR/gkg.csv, and Parquet tables (see --format).
    ///
    /// Example: clio run examples/ --out out/
    Run {
        #[command(flatten)]
        input: InputArgs,
        /// Directory for the outputs (created if missing).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Do not write to the database; only write the outputs.
        #[arg(long)]
        no_store: bool,
        /// Output formats, comma-separated: jsonl (documents.jsonl and
        /// corpus.json), gdelt (events.csv, mentions.csv, gkg.csv), parquet
        /// (documents, entities, quotes, quantities, stories, events and
        /// mentions as .parquet, for pandas, polars, DuckDB or Spark).
        #[arg(long, value_enum, value_delimiter = ',', default_value = "jsonl,gdelt,parquet")]
        format: Vec<corpus::Format>,
    },
    /// Process articles and store them; re-ingesting an article adds nothing.
    ///
    /// Example: clio ingest corpus.jsonl --field text=story
    Ingest {
        #[command(flatten)]
        input: InputArgs,
    },
    /// Link the stored articles again: stories, merged events and claims.
    /// `clio ingest` and `clio run` do this at their end; run it when a run
    /// was stopped before (`clio query` says so), with the dictionaries and
    /// models the articles were ingested with.
    ///
    /// Example: clio link
    Link {
        #[command(flatten)]
        pipeline: PipelineArgs,
    },
    /// Print a stored article with its layers: metadata, date and why,
    /// what cleaning removed, sentences, time expressions, entities,
    /// events, quotes, quantities.
    ///
    /// ID may be an article id, a unique id prefix, or (part of) the source
    /// path: clio show mekong-river-pact
    Show {
        /// Article id, id prefix, or source path.
        id: String,
        /// Print the documents.jsonl record instead.
        #[arg(long)]
        json: bool,
    },
    /// List what the corpus shows: stories, merged events, claims, entities.
    ///
    /// Example: clio query events --actor CHN --code 04 --since 2020-03-01
    Query {
        /// What to list.
        #[arg(value_enum)]
        what: query::What,
        /// Events whose source or target code starts with this (CHN, USAGOV).
        #[arg(long)]
        actor: Option<String>,
        /// Events whose CAMEO code starts with this (04, 0331).
        #[arg(long)]
        code: Option<String>,
        /// Events dated on or after this day (YYYY-MM-DD).
        #[arg(long)]
        since: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Serve the store as a JSON API over HTTP: articles (search, one with
    /// all its layers), events, stories, entities, claims, stats, and POST
    /// /api/process to annotate a text without storing it. Reads the store
    /// read-only, so an ingest can run meanwhile.
    ///
    /// Example: clio serve --bind 127.0.0.1:8470, then
    /// curl 'http://127.0.0.1:8470/api/events?actor=CHN&code=04'
    Serve {
        /// Address to listen on; anything but loopback needs --token.
        #[arg(long, default_value = "127.0.0.1:8470", value_name = "ADDR:PORT")]
        bind: std::net::SocketAddr,
        /// Require `Authorization: Bearer TOKEN` on every request.
        #[arg(long, env = "CLIO_TOKEN", hide_env_values = true)]
        token: Option<String>,
        #[command(flatten)]
        pipeline: PipelineArgs,
    },
    /// Summarise the store: articles, text size, date bases, outlets.
    Stats {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Measure the pipeline's throughput on a corpus (nothing is stored).
    ///
    /// Example: clio bench ../shared/corpus/reuters21578.jsonl --repeat 3
    Bench {
        #[command(flatten)]
        input: InputArgs,
        /// Process the corpus this many times (after one warm-up pass).
        #[arg(long, default_value_t = 3)]
        repeat: u32,
    },
    /// Score clio against gold files: a treebank (tags, lemmas, parses),
    /// a CoNLL-2003 file (names), PLOVER records (event coding) or PolNeAR
    /// attributions (quotations and speakers).
    ///
    /// Example: clio eval ud ../shared/dev/ud-english-ewt/en_ewt-ud-test.conllu --json
    #[command(subcommand)]
    Eval(eval::EvalCommand),
    /// Train a model of the language layer from the gold data in
    /// ../shared/dev (reproduces the shipped weights in data/models/).
    ///
    /// Example: clio train tagger --shared ../shared
    #[command(subcommand)]
    Train(train::TrainCommand),
    /// Measure cross-article linking on a synthetic corpus of N articles
    /// made from templates (at N/10, N/2 and N, to show the growth).
    ///
    /// Example: clio bench-link 100000
    BenchLink {
        /// Articles in the largest corpus.
        #[arg(default_value_t = 100_000)]
        articles: usize,
    },
    /// Load-test a running `clio serve`: REQUESTS page loads, CONCURRENCY
    /// at once, on loopback; prints latency percentiles.
    ///
    /// Example: clio bench-serve 127.0.0.1:8470 --requests 200 --concurrency 200
    BenchServe {
        /// Where `clio serve` listens.
        #[arg(default_value = "127.0.0.1:8470")]
        at: std::net::SocketAddr,
        /// Path to load; {id} becomes an article id of the store.
        #[arg(long, default_value = "/articles/{id}")]
        view: String,
        /// Requests in all.
        #[arg(long, default_value_t = 200)]
        requests: usize,
        /// Requests in flight at once.
        #[arg(long, default_value_t = 200)]
        concurrency: usize,
    },
}

#[derive(Args)]
struct InputArgs {
    /// Files, directories (recursive) or - for stdin: .txt, .html, .jsonl
    /// (one article per line), .warc or .warc.gz (web archives: each HTML
    /// page an article).
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Map a JSON field: FIELD=KEY, e.g. text=story or published=pub_ts.
    /// Fields: id, url, outlet, published, title, text, html, dateline.
    #[arg(long = "field", value_name = "FIELD=KEY")]
    fields: Vec<String>,
    #[command(flatten)]
    pipeline: PipelineArgs,
    /// Skip articles larger than this many megabytes.
    #[arg(long, default_value_t = 32, value_name = "MB")]
    max_article_mb: usize,
    /// Seconds of processing an article may take; an article that takes
    /// longer (pathological input) is skipped and reported, so it cannot
    /// stall the run. A news article takes milliseconds.
    #[arg(long, default_value_t = 30.0, value_name = "SECONDS")]
    budget: f64,
    /// No progress bar.
    #[arg(long, short)]
    quiet: bool,
    /// Print every skipped input, not the first 20 of each kind.
    #[arg(long, short)]
    verbose: bool,
}

/// How articles are read into annotations: the dictionaries, the models,
/// cleaning and event options (shared by the commands that process).
#[derive(Args, Clone)]
struct PipelineArgs {
    /// Keep texts exactly as given: no furniture removal, headline or
    /// dateline detection (for corpora that are already clean).
    #[arg(long)]
    no_clean: bool,
    /// Use the PETRARCH dictionaries in DIR (files named *actors*, *agents*,
    /// *discards*, *verbs*) in place of the bundled ones of the same kind.
    #[arg(long, value_name = "DIR")]
    dictionaries: Option<PathBuf>,
    /// Use the language models in DIR (files as `clio train` writes them:
    /// tagger.bin, parser.bin, ner.bin, ...) in place of the bundled ones.
    #[arg(long, value_name = "DIR")]
    models: Option<PathBuf>,
    /// Keep only events with both a source and a target (PETRARCH's
    /// default); by default an actor acting with no target is an event too,
    /// with Actor2 empty in GDELT's tables.
    #[arg(long)]
    require_dyad: bool,
}

impl InputArgs {
    fn read_options(&self) -> Result<ReadOptions> {
        let mut fields = FieldMap::default();
        for f in &self.fields {
            fields.add(f).map_err(anyhow::Error::msg)?;
        }
        Ok(ReadOptions { fields, max_article_bytes: self.max_article_mb.saturating_mul(1 << 20) })
    }

    fn run_options(&self) -> Result<RunOptions> {
        let budget = Duration::try_from_secs_f64(self.budget)
            .map_err(|_| anyhow::anyhow!("--budget {}: give a number of seconds, 0 or more", self.budget))?;
        Ok(RunOptions { read: self.read_options()?, quiet: self.quiet, verbose: self.verbose, budget })
    }
}

impl PipelineArgs {
    fn pipeline(&self) -> Result<Pipeline> {
        let lexicon = match &self.dictionaries {
            None => Lexicon::bundled(),
            Some(dir) => {
                let files = DictFiles::read_dir(dir).with_context(|| "reading --dictionaries".to_string())?;
                let lex = Lexicon::with_files(&files);
                for e in &lex.errors {
                    say!("clio: {}: {e}; line skipped", dir.display());
                }
                lex
            }
        };
        let models = match &self.models {
            None => clio_nlp::Models::bundled(),
            Some(dir) => clio_nlp::Models::from_dir(dir),
        }
        .context("loading the language models (retrain them with `clio train`)")?;
        Pipeline::with_events(
            CleanOptions { remove_furniture: !self.no_clean },
            Arc::new(lexicon),
            Arc::new(models),
            self.require_dyad,
        )
    }
}

/// The sink of `run` and `ingest`: global entities, the store, and the
/// run's articles' linking features, in input order (the articles
/// themselves go to the store as they come: the corpus step and the
/// outputs read them back from it).
struct Outputs<'p> {
    pipeline: &'p Pipeline,
    store: Store,
    entities: GlobalEntities,
    features: Vec<DocFeatures>,
    /// The run's article ids in input order, once `link` has taken the
    /// features.
    order: Vec<Sym>,
    /// Ids given in this run, with a hash of the content id of their
    /// article: a second article under one id (x.txt in two folders, a
    /// repeated JSON id) is told apart as one stored earlier is.
    run_ids: std::collections::HashMap<Sym, u64>,
    /// The actor codes this run's articles give, so that an article can
    /// borrow one while its parse is still in memory (the corpus step then
    /// re-codes only those whose codes the whole corpus decides otherwise).
    givers: codes::Givers,
}

impl<'p> Outputs<'p> {
    fn new(store: Store, pipeline: &'p Pipeline) -> Result<Outputs<'p>> {
        let saved = store
            .global_entities()?
            .into_iter()
            .filter_map(|r| {
                let etype = serde_json::from_value(serde_json::Value::String(r.etype)).ok()?;
                Some(GlobalEntity { id: r.id, name: r.name, etype, key: r.key, documents: Vec::new() })
            })
            .collect();
        Ok(Outputs {
            pipeline,
            store,
            entities: GlobalEntities::from_saved(saved),
            features: Vec::new(),
            order: Vec::new(),
            run_ids: Default::default(),
            givers: Default::default(),
        })
    }

    /// Links the corpus (stories, events, claims) once every article is in.
    fn link(&mut self) -> Result<CorpusLinks> {
        let features = std::mem::take(&mut self.features);
        self.order = features.iter().map(|f| f.id).collect();
        Corpus { store: &mut self.store, entities: &mut self.entities, features }.link(self.pipeline)
    }

    /// Lends `doc` the codes the run's earlier articles give for the
    /// people and organisations it names without one, coding it again
    /// (entities on: the parse is still there), then counts the codes of
    /// its own evidence among the run's.
    fn lend(&mut self, doc: &mut Doc) {
        let own = ActorCodes::of(doc);
        let want = self.givers.wanted(None, doc.date.value, &own.lacking);
        if !want.is_empty() {
            corpus::recode(self.pipeline, &mut self.entities, doc, &want);
        }
        self.givers.add(Sym::new(&doc.id.0), doc.date.value, &own);
    }
}

impl Sink for Outputs<'_> {
    fn accept(&mut self, docs: &mut [Doc]) -> Result<(u64, u64)> {
        for d in docs.iter_mut() {
            // A file name reused for other content, in the store or earlier
            // in this run, gets an id of its own.
            let content = clio_ingest::clean::article_id(&RawArticle {
                id: None,
                source: d.source.clone(),
                format: d.format,
                raw: d.raw.clone(),
                is_html: false,
                meta: Default::default(),
                warnings: Vec::new(),
            });
            let content_hash = {
                use std::hash::BuildHasher;
                rustc_hash::FxBuildHasher.hash_one(&content.0)
            };
            let in_run = self.run_ids.get(&Sym::new(&d.id.0)).is_some_and(|c| *c != content_hash);
            let stored = self.store.conflicts(&d.id, &d.raw)?;
            if in_run || stored {
                let id = format!("{}~{}", d.id, content);
                let place = if stored { "is stored" } else { "came earlier in this run" };
                let warning = format!("id {} {place} with other content; this article is {id}", d.id);
                say!("clio: {}: warning: {warning}", d.source);
                d.warnings.push(warning);
                d.id = clio_model::DocId(id);
            }
            self.run_ids.entry(Sym::new(&d.id.0)).or_insert(content_hash);
            self.entities.link(d);
            self.lend(d);
        }
        // Linking features (term vectors) need only the linked article:
        // computed on every core.
        let batch: Vec<DocFeatures> = {
            use rayon::prelude::*;
            docs.par_iter().map(features).collect()
        };
        let globals = corpus::unsaved_globals(&mut self.entities);
        let json: Vec<String> = batch.iter().map(|f| serde_json::to_string(f).unwrap_or_default()).collect();
        let fresh = self.store.insert_linked(docs, &globals, &json)?;
        let new = fresh.iter().filter(|&&f| f).count() as u64;
        self.features.extend(batch);
        Ok((new, fresh.len() as u64 - new))
    }
}

/// The store for a command that only reads it: never created or changed.
fn open_reading(path: &std::path::Path) -> Result<Store> {
    Ok(Store::open_read_only(path)?)
}

fn open_store(path: &std::path::Path) -> Result<Store> {
    Store::open(path).with_context(|| format!("opening the store {} (choose another with --db)", path.display()))
}

fn run(cli: Cli) -> Result<ExitCode> {
    let summary = match &cli.command {
        Command::Run { input, out, no_store, format } => {
            let options = input.run_options()?;
            fs::create_dir_all(out).with_context(|| format!("creating the output directory {}", out.display()))?;
            // Without the store, the run works in a store of its own that
            // goes when it ends: its memory stays flat all the same.
            let scratch = if *no_store {
                Some(tempfile::tempdir().context("creating a temporary store for --no-store")?)
            } else {
                None
            };
            let store = open_store(scratch.as_ref().map_or(cli.db.clone(), |d| d.path().join("run.db")).as_path())?;
            let pipeline = input.pipeline.pipeline()?;
            let mut outputs = Outputs::new(store, &pipeline)?;
            let start = Instant::now();
            let mut summary = drive(&input.paths, options, &pipeline, &mut outputs)?;
            let linking = Instant::now();
            let links = outputs.link()?;
            summary.phases.link = linking.elapsed();
            let writing = Instant::now();
            let written = corpus::write_outputs(
                out,
                &outputs.store,
                &outputs.order,
                &links,
                &outputs.entities,
                &pipeline,
                format,
            )?;
            summary.phases.write = writing.elapsed();
            summary.elapsed = start.elapsed();
            summary.print(!no_store);
            let earlier = match written.earlier {
                0 => String::new(),
                n => format!(" (with {n} articles of earlier runs)"),
            };
            let files: Vec<&str> = format
                .iter()
                .map(|f| match f {
                    corpus::Format::Jsonl => "documents.jsonl, corpus.json",
                    corpus::Format::Gdelt => "events.csv, mentions.csv, gkg.csv",
                    corpus::Format::Parquet => "Parquet tables (*.parquet)",
                })
                .collect();
            say!(
                "  {} stories{earlier}, {} merged events, {} claims; wrote {} in {}",
                written.stories,
                written.events,
                written.claims,
                files.join("; "),
                out.display()
            );
            summary
        }
        Command::Ingest { input } => {
            let options = input.run_options()?;
            let pipeline = input.pipeline.pipeline()?;
            let mut outputs = Outputs::new(open_store(&cli.db)?, &pipeline)?;
            let start = Instant::now();
            let mut summary = drive(&input.paths, options, &pipeline, &mut outputs)?;
            let linking = Instant::now();
            let links = outputs.link()?;
            summary.phases.link = linking.elapsed();
            summary.elapsed = start.elapsed();
            summary.print(true);
            say!(
                "  corpus: {} stories, {} merged events, {} claims",
                links.stories.len(),
                links.events.len(),
                links.claims.len()
            );
            summary
        }
        Command::Link { pipeline } => {
            let pipeline = pipeline.pipeline()?;
            let store = open_store(&cli.db)?;
            let (_, stored) = store.corpus_coverage()?;
            let mut outputs = Outputs::new(store, &pipeline)?;
            let links = outputs.link()?;
            say!(
                "clio: linked {stored} articles: {} stories, {} merged events, {} claims",
                links.stories.len(),
                links.events.len(),
                links.claims.len()
            );
            return Ok(ExitCode::SUCCESS);
        }
        Command::Show { id, json } => {
            show::show(&open_reading(&cli.db)?, id, *json)?;
            return Ok(ExitCode::SUCCESS);
        }
        Command::Query { what, actor, code, since, json } => {
            let filters = query::Filters { actor: actor.clone(), code: code.clone(), since: since.clone() };
            let store = open_reading(&cli.db)?;
            if let Some(warning) = query::stale_corpus(&store, *what)? {
                say!("clio: warning: {warning}");
            }
            let listing = query::query(&store, *what, &filters, *json)?;
            let _ = std::io::Write::write_all(&mut std::io::stdout(), listing.as_bytes());
            return Ok(ExitCode::SUCCESS);
        }
        Command::Serve { bind, token, pipeline } => {
            // A store to serve, or say so now rather than on every request.
            drop(open_reading(&cli.db)?);
            let pipeline = pipeline.clone();
            let build = move || pipeline.pipeline();
            serve::serve(serve::Served::new(cli.db.clone(), token.clone(), Box::new(build)), *bind)?;
            return Ok(ExitCode::SUCCESS);
        }
        Command::Stats { json } => {
            show::stats(&open_reading(&cli.db)?, &cli.db, *json)?;
            return Ok(ExitCode::SUCCESS);
        }
        Command::Eval(what) => {
            eval::eval(what)?;
            return Ok(ExitCode::SUCCESS);
        }
        Command::Train(what) => {
            train::train(what)?;
            return Ok(ExitCode::SUCCESS);
        }
        Command::BenchServe { at, view, requests, concurrency } => {
            serve::bench_serve(*at, view, *requests, *concurrency)?;
            return Ok(ExitCode::SUCCESS);
        }
        Command::BenchLink { articles } => {
            bench::bench_linking(*articles)?;
            return Ok(ExitCode::SUCCESS);
        }
        Command::Bench { input, repeat } => {
            bench::bench(&input.paths, input.read_options()?, &input.pipeline.pipeline()?, *repeat)?;
            return Ok(ExitCode::SUCCESS);
        }
    };
    Ok(if summary.articles == 0 && summary.skipped_total() > 0 {
        say!("clio: error: no input could be read as an article (see above); nothing stored");
        ExitCode::FAILURE
    } else if summary.skipped_total() > 0 {
        ExitCode::from(EXIT_SKIPPED)
    } else {
        ExitCode::SUCCESS
    })
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(e) => {
            say!("clio: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
