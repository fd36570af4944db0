//! `clio train`: reproduces the shipped models from the gold data in
//! `../shared/dev` (and, for word clusters, unlabelled news). Training is
//! deterministic: the same files give the same weights on any machine.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context, Result};
use clap::Subcommand;
use clio_nlp::clusters::{case_bucket, Clusters, Corpus, SIZES};
use clio_nlp::conllu::{self, Sentence};
use clio_nlp::features::WordFeatures;
use clio_nlp::tagger::{self, Tagger};
use clio_nlp::{conll03, dictionary, lemma, ner, parser};
use rayon::prelude::*;

/// What to train.
#[derive(Subcommand)]
pub enum TrainCommand {
    /// Word clusters from unlabelled text: the Reuters corpus and the
    /// training texts of the gold sets (never their dev or test texts).
    ///
    /// Example: clio train clusters --shared ../shared
    Clusters {
        /// The shared data directory (corpus/ and dev/ inside).
        #[arg(long, env = "SHARED", default_value = "../shared")]
        shared: PathBuf,
        /// Where to write the clusters.
        #[arg(long, default_value = "data/models/clusters.bin")]
        out: PathBuf,
        /// Words seen fewer times than this get no cluster.
        #[arg(long, default_value_t = 3)]
        min_count: u64,
        /// Exchange passes at most, per cluster size.
        #[arg(long, default_value_t = 12)]
        passes: usize,
    },
    /// The part-of-speech tagger, on UD English EWT train, chosen on dev.
    ///
    /// Example: clio train tagger --shared ../shared
    Tagger {
        /// The shared data directory (dev/ud-english-ewt inside).
        #[arg(long, env = "SHARED", default_value = "../shared")]
        shared: PathBuf,
        /// Word clusters to use (from `clio train clusters`).
        #[arg(long, default_value = "data/models/clusters.bin")]
        clusters: PathBuf,
        /// Where to write the tagger.
        #[arg(long, default_value = "data/models/tagger.bin")]
        out: PathBuf,
        /// Passes over the training data.
        #[arg(long, default_value_t = 12)]
        epochs: usize,
        /// Weights below this are dropped from the shipped model.
        #[arg(long, default_value_t = 0.5)]
        min_weight: f32,
        /// Features seen fewer times than this in the first pass get no
        /// weight (smaller and faster, a little less accurate; 0: all).
        #[arg(long, default_value_t = 0)]
        min_count: u32,
    },
    /// The lemmatizer's ending rules and exceptions, from UD English EWT train.
    ///
    /// Example: clio train lemmas --shared ../shared
    Lemmas {
        /// The shared data directory (dev/ud-english-ewt inside).
        #[arg(long, env = "SHARED", default_value = "../shared")]
        shared: PathBuf,
        /// Where to write the lemmatizer.
        #[arg(long, default_value = "data/models/lemmas.bin")]
        out: PathBuf,
    },
    /// The dependency parser, on UD English EWT train with tags from the
    /// tagger (jackknifed: each tenth tagged by a tagger trained on the
    /// rest), chosen on dev. The bundled parser is greedy; `--beam 8`
    /// trains one that searches 8 partial parses, more accurate and
    /// several times slower (use it with `clio run --models DIR`).
    ///
    /// Example: clio train parser --shared ../shared
    Parser {
        /// The shared data directory (dev/ud-english-ewt inside).
        #[arg(long, env = "SHARED", default_value = "../shared")]
        shared: PathBuf,
        /// Word clusters to use (from `clio train clusters`).
        #[arg(long, default_value = "data/models/clusters.bin")]
        clusters: PathBuf,
        /// The tagger whose tags the parser reads on dev (from `clio train tagger`).
        #[arg(long, default_value = "data/models/tagger.bin")]
        tagger: PathBuf,
        /// Where to write the parser.
        #[arg(long, default_value = "data/models/parser.bin")]
        out: PathBuf,
        /// Passes over the training data.
        #[arg(long, default_value_t = 15)]
        epochs: usize,
        /// Weights below this are dropped from the shipped model.
        #[arg(long, default_value_t = 0.5)]
        min_weight: f32,
        /// Features seen fewer times than this in the first pass get no weight.
        #[arg(long, default_value_t = 5)]
        min_count: u32,
        /// From the second pass on, follow the parser's own moves with this
        /// probability (error exploration), so it learns to recover (greedy
        /// training only: a beam learns from its own search).
        #[arg(long, default_value_t = 0.9)]
        explore: f64,
        /// Partial parses kept, in training and then in parsing (1: greedy,
        /// trained with the dynamic oracle; more: a beam, trained globally).
        #[arg(long, default_value_t = 1)]
        beam: usize,
    },
    /// The named-entity recogniser, on CoNLL-2003 eng.train, chosen on
    /// eng.testa, with the tagger's tags and the bundled dictionaries.
    ///
    /// Example: clio train ner --shared ../shared
    Ner {
        /// The shared data directory (dev/conll2003 inside).
        #[arg(long, env = "SHARED", default_value = "../shared")]
        shared: PathBuf,
        /// Word clusters to use (from `clio train clusters`).
        #[arg(long, default_value = "data/models/clusters.bin")]
        clusters: PathBuf,
        /// The tagger whose tags the recogniser reads (from `clio train tagger`).
        #[arg(long, default_value = "data/models/tagger.bin")]
        tagger: PathBuf,
        /// Where to write the recogniser.
        #[arg(long, default_value = "data/models/ner.bin")]
        out: PathBuf,
        /// Passes over the training data.
        #[arg(long, default_value_t = 15)]
        epochs: usize,
        /// Weights below this are dropped from the shipped model.
        #[arg(long, default_value_t = 0.5)]
        min_weight: f32,
        /// Features seen fewer times than this in the first pass get no weight.
        #[arg(long, default_value_t = 2)]
        min_count: u32,
    },
}

fn log(msg: &str) {
    say!("clio train: {msg}");
}

/// Runs a training command.
pub fn train(cmd: &TrainCommand) -> Result<()> {
    let t = Instant::now();
    match cmd {
        TrainCommand::Clusters { shared, out, min_count, passes } => {
            let (sentences, case) = cluster_texts(shared)?;
            let words: usize = sentences.iter().map(Vec::len).sum();
            let corpus = Corpus::new(&sentences, *min_count);
            log(&format!(
                "{} sentences, {words} words, {} word types seen at least {min_count} times",
                sentences.len(),
                corpus.vocabulary()
            ));
            let case_of = |w: &str| case.get(w).map_or(0, |&(c, l)| case_bucket(c, l));
            let clusters = corpus.cluster(SIZES, *passes, &case_of, &|k, pass, moved| {
                log(&format!("{k} clusters, pass {pass}: {moved} words moved"));
            });
            write(out, &clusters.to_bytes())?;
        }
        TrainCommand::Tagger { shared, clusters, out, epochs, min_weight, min_count } => {
            let clusters = load_clusters(clusters)?;
            let ud = shared.join("dev/ud-english-ewt");
            let train = read_treebank(&ud.join("en_ewt-ud-train.conllu"), &clusters)?;
            let dev = read_treebank(&ud.join("en_ewt-ud-dev.conllu"), &clusters)?;
            log(&format!("{} training sentences, {} dev sentences", train.len(), dev.len()));
            let opts = tagger::TrainOptions { epochs: *epochs, min_weight: *min_weight, min_count: *min_count };
            let model = tagger::train(&train, &dev, &opts, &log);
            write(out, &model.to_bytes())?;
        }
        TrainCommand::Lemmas { shared, out } => {
            let ud = shared.join("dev/ud-english-ewt");
            let none = Clusters::default();
            let train: Vec<Sentence> =
                read_treebank(&ud.join("en_ewt-ud-train.conllu"), &none)?.into_iter().map(|(s, _)| s).collect();
            let dev: Vec<Sentence> =
                read_treebank(&ud.join("en_ewt-ud-dev.conllu"), &none)?.into_iter().map(|(s, _)| s).collect();
            let model = lemma::train(&train);
            log(&format!("dev lemma accuracy (gold tags): {:.2}%", 100.0 * lemma::evaluate(&model, &dev)));
            write(out, &model.to_bytes())?;
        }
        TrainCommand::Parser {
            shared,
            clusters,
            tagger: tagger_path,
            out,
            epochs,
            min_weight,
            min_count,
            explore,
            beam,
        } => {
            let clusters = load_clusters(clusters)?;
            let ud = shared.join("dev/ud-english-ewt");
            let train = read_treebank(&ud.join("en_ewt-ud-train.conllu"), &clusters)?;
            let dev = read_treebank(&ud.join("en_ewt-ud-dev.conllu"), &clusters)?;
            let tagger = load_tagger(tagger_path)?;
            log("tagging the training data, a tenth at a time (jackknifing)");
            let train = jackknife(train, &dev);
            let dev = dev
                .into_iter()
                .map(|(gold, words)| {
                    let mut tags = Vec::new();
                    tagger.tag(&words, &mut tags);
                    let tags = tags.iter().map(|&c| tagger.key(c)).collect();
                    parser::Example { gold, words, tags }
                })
                .collect::<Vec<_>>();
            let opts = parser::TrainOptions {
                epochs: *epochs,
                explore_from: 2,
                explore: *explore,
                min_weight: *min_weight,
                min_count: *min_count,
                beam: *beam,
            };
            let model = parser::train(&train, &dev, &opts, &log);
            write(out, &model.to_bytes())?;
        }
        TrainCommand::Ner { shared, clusters, tagger, out, epochs, min_weight, min_count } => {
            let clusters = load_clusters(clusters)?;
            let tagger = load_tagger(tagger)?;
            let lex = clio_lexicon::Lexicon::bundled();
            let dir = shared.join("dev/conll2003");
            let train = read_conll(&dir.join("eng.train"))?;
            let dev = read_conll(&dir.join("eng.testa"))?;
            let train_feats = ner_inputs(&train, &clusters, &tagger, &lex);
            let dev_feats = ner_inputs(&dev, &clusters, &tagger, &lex);
            let train_docs = ner_documents(&train, &train_feats);
            let dev_docs = ner_documents(&dev, &dev_feats);
            log(&format!("{} training documents, {} dev documents", train_docs.len(), dev_docs.len()));
            let opts = ner::TrainOptions { epochs: *epochs, min_weight: *min_weight, min_count: *min_count };
            let model = ner::train(&train_docs, &dev_docs, &opts, &log);
            write(out, &model.to_bytes())?;
        }
    }
    log(&format!("done in {:.0} s", t.elapsed().as_secs_f64()));
    Ok(())
}

fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    std::fs::write(path, bytes).with_context(|| format!("writing {}", path.display()))?;
    log(&format!("wrote {} ({:.1} MB)", path.display(), bytes.len() as f64 / 1e6));
    Ok(())
}

fn load_clusters(path: &Path) -> Result<Clusters> {
    if !path.exists() {
        log(&format!("no clusters at {}: training without them", path.display()));
        return Ok(Clusters::default());
    }
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    Clusters::from_bytes(&bytes).with_context(|| format!("reading {}", path.display()))
}

fn load_tagger(path: &Path) -> Result<Tagger> {
    let bytes =
        std::fs::read(path).with_context(|| format!("reading {} (run clio train tagger first)", path.display()))?;
    Tagger::from_bytes(&bytes).with_context(|| format!("reading {}", path.display()))
}

/// Training sentences with tags as a tagger that never saw them gives:
/// each tenth is tagged by a tagger trained on the other nine.
fn jackknife(train: Vec<(Sentence, Vec<WordFeatures>)>, dev: &[(Sentence, Vec<WordFeatures>)]) -> Vec<parser::Example> {
    const FOLDS: usize = 10;
    let opts = tagger::TrainOptions { epochs: 8, min_weight: 0.5, min_count: 0 };
    let tags: Vec<Vec<(usize, Vec<u64>)>> = (0..FOLDS)
        .into_par_iter()
        .map(|k| {
            let rest: Vec<(Sentence, Vec<WordFeatures>)> =
                train.iter().enumerate().filter(|(i, _)| i % FOLDS != k).map(|(_, s)| s.clone()).collect();
            let model = tagger::train(&rest, &dev[..200.min(dev.len())], &opts, &|_| {});
            train
                .iter()
                .enumerate()
                .filter(|(i, _)| i % FOLDS == k)
                .map(|(i, (_, words))| {
                    let mut t = Vec::new();
                    model.tag(words, &mut t);
                    (i, t.iter().map(|&c| model.key(c)).collect::<Vec<u64>>())
                })
                .collect()
        })
        .collect();
    let mut by_sentence: Vec<Vec<u64>> = vec![Vec::new(); train.len()];
    for (i, t) in tags.into_iter().flatten() {
        by_sentence[i] = t;
    }
    train.into_iter().zip(by_sentence).map(|((gold, words), tags)| parser::Example { gold, words, tags }).collect()
}

/// A CoNLL-2003 file's documents.
pub fn read_conll(path: &Path) -> Result<Vec<conll03::Document>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading {} (set --shared or SHARED to the shared data)", path.display()))?;
    conll03::parse(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
}

/// What the recogniser reads of each sentence: words, tags, dictionary features.
pub type NerInput = (Vec<WordFeatures>, Vec<u64>, Vec<ner::Gazetteer>);

/// The recogniser's inputs for every sentence of every document.
pub fn ner_inputs(
    docs: &[conll03::Document],
    clusters: &Clusters,
    tagger: &Tagger,
    lex: &clio_lexicon::Lexicon,
) -> Vec<Vec<NerInput>> {
    docs.par_iter()
        .map(|d| {
            d.iter()
                .map(|s| {
                    let words: Vec<WordFeatures> =
                        s.tokens.iter().map(|t| WordFeatures::new(t.span.slice(&s.text), clusters)).collect();
                    let mut classes = Vec::new();
                    tagger.tag(&words, &mut classes);
                    let tags = classes.iter().map(|&c| tagger.key(c)).collect();
                    let gaz = dictionary::features(lex, &s.text, &s.tokens);
                    (words, tags, gaz)
                })
                .collect()
        })
        .collect()
}

/// Documents for the recogniser, borrowing the inputs.
pub fn ner_documents<'a>(docs: &[conll03::Document], inputs: &'a [Vec<NerInput>]) -> Vec<ner::Document<'a>> {
    docs.iter()
        .zip(inputs)
        .map(|(d, ins)| ner::Document {
            sentences: ins.iter().map(|(words, tags, gazetteer)| ner::Sentence { words, tags, gazetteer }).collect(),
            names: d.iter().map(conll03::Sentence::gold_on_tokens).collect(),
        })
        .collect()
}

/// A treebank's sentences, each with its words read for the models.
pub fn read_treebank(path: &Path, clusters: &Clusters) -> Result<Vec<(Sentence, Vec<WordFeatures>)>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading {} (set --shared or SHARED to the shared data)", path.display()))?;
    let sentences = conllu::parse(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    if sentences.is_empty() {
        bail!("{}: no sentences", path.display());
    }
    Ok(sentences
        .into_iter()
        .map(|s| {
            let words = s.rows.iter().map(|r| WordFeatures::new(&r.form, clusters)).collect();
            (s, words)
        })
        .collect())
}

/// Lower-case words with how often they were capitalised and in lower
/// case inside sentences.
type CaseCounts = rustc_hash::FxHashMap<String, (u32, u32)>;

/// Lower-cased, digit-normalised words of the unlabelled texts, a list
/// per sentence or line, and how each word is written inside sentences.
fn cluster_texts(shared: &Path) -> Result<(Vec<Vec<String>>, CaseCounts)> {
    let norm = |w: &str| -> String {
        w.chars().flat_map(|c| if c.is_ascii_digit() { '0'.to_lowercase() } else { c.to_lowercase() }).collect()
    };
    let mut out: Vec<Vec<String>> = Vec::new();
    let mut case = CaseCounts::default();
    let mut add_text = |text: &str| {
        for line in text.split("\n\n").flat_map(|p| p.split('\n')) {
            let toks = clio_text::tokenize(line);
            if toks.is_empty() {
                continue;
            }
            let words: Vec<&str> = toks.iter().map(|t| t.span.slice(line)).collect();
            // Case inside sentences of running text: not a line's first word,
            // nor one after a sentence's end, nor in a headline in capitals.
            let caps = words
                .iter()
                .filter(|w| w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase))
                .count();
            if caps * 2 < words.len() {
                for k in 1..words.len() {
                    if matches!(words[k - 1], "." | "?" | "!" | ":" | "\"" | "\u{201C}") {
                        continue;
                    }
                    let w = words[k];
                    let first = w.chars().next().unwrap_or(' ');
                    if !first.is_alphabetic() || (w.chars().count() > 1 && !w.chars().skip(1).any(char::is_lowercase)) {
                        continue;
                    }
                    let e = case.entry(norm(w)).or_default();
                    if first.is_uppercase() {
                        e.0 += 1;
                    } else {
                        e.1 += 1;
                    }
                }
            }
            out.push(words.iter().map(|w| norm(w)).collect());
        }
    };
    let reuters = shared.join("corpus/reuters21578.jsonl");
    let file = std::fs::read_to_string(&reuters).with_context(|| format!("reading {}", reuters.display()))?;
    for line in file.lines() {
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
            for key in ["title", "body", "text"] {
                if let Some(s) = v.get(key).and_then(|x| x.as_str()) {
                    add_text(s);
                }
            }
        }
    }
    let polnear = shared.join("dev/polnear/train/text");
    if let Ok(dir) = std::fs::read_dir(&polnear) {
        let mut files: Vec<PathBuf> = dir.filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.sort();
        for f in files {
            add_text(&std::fs::read_to_string(&f).with_context(|| format!("reading {}", f.display()))?);
        }
    }
    let ewt = shared.join("dev/ud-english-ewt/en_ewt-ud-train.conllu");
    let text = std::fs::read_to_string(&ewt).with_context(|| format!("reading {}", ewt.display()))?;
    for s in conllu::parse(&text).map_err(|e| anyhow::anyhow!("{}: {e}", ewt.display()))? {
        out.push(s.rows.iter().map(|r| norm(&r.form)).collect());
    }
    let conll = shared.join("dev/conll2003/eng.train");
    let text = std::fs::read_to_string(&conll).with_context(|| format!("reading {}", conll.display()))?;
    let mut cur = Vec::new();
    for line in text.lines() {
        match line.split_whitespace().next() {
            Some("-DOCSTART-") | None => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            Some(w) => cur.push(norm(w)),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    Ok((out, case))
}
