//! `clio eval`: scores clio's language layer against gold files, for users
//! scoring clio on their own gold data, and for CI. Each prints a table,
//! and with `--json` one JSON object on its last line (fractions in 0-1).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use clap::Subcommand;
use clio_lexicon::Lexicon;
use clio_model::{NameKind, Rel};
use clio_nlp::features::WordFeatures;
use clio_nlp::ner::{self, Scores};
use clio_nlp::parser::Tree;
use clio_nlp::{conll03, conllu, dictionary, Models};
use serde_json::json;

mod plover;
mod polnear;
mod stories;

/// What to score.
#[derive(Subcommand)]
pub enum EvalCommand {
    /// Tagging, lemmas and dependency parsing against a CoNLL-U treebank
    /// file: UPOS and XPOS accuracy, lemma accuracy, UAS and LAS (LAS on
    /// the universal relation, as the CoNLL 2018 shared task scores it; the
    /// full-label LAS beside it). The treebank's own tokens are parsed; how
    /// clio's tokenizer splits the same sentences is reported apart.
    ///
    /// Example: clio eval ud ../shared/dev/ud-english-ewt/en_ewt-ud-test.conllu
    Ud {
        /// A CoNLL-U file.
        file: PathBuf,
        /// Use the models in DIR instead of the bundled ones.
        #[arg(long, value_name = "DIR")]
        models: Option<PathBuf>,
        /// Also print, per gold relation, how many words bear it and how
        /// often their head (UAS) and head and relation (LAS) are right,
        /// and the words lost to each: where the parser goes wrong.
        #[arg(short, long)]
        verbose: bool,
        /// Also print one JSON object on the last line.
        #[arg(long)]
        json: bool,
    },
    /// Event coding against PLOVER gold records (a JSON list of records
    /// with text, event type, source and target actors): clio's CAMEO codes
    /// are mapped to PLOVER types with the codebook; per type precision and
    /// recall, and for the records whose type clio found, whether the
    /// source and target countries are right (each actor of a compound one).
    ///
    /// Example: clio eval plover ../shared/dev/plover-gsr/PLOVER_GSR_CAMEO.txt
    Plover {
        /// A PLOVER gold-record file.
        file: PathBuf,
        /// Use the models in DIR instead of the bundled ones.
        #[arg(long, value_name = "DIR")]
        models: Option<PathBuf>,
        /// Print each record clio misses or gets wrong.
        #[arg(long, short)]
        verbose: bool,
        /// Also print one JSON object on the last line.
        #[arg(long)]
        json: bool,
    },
    /// Quotations and their speakers against PolNeAR's brat attribution
    /// files (DIR/text/*.txt with DIR/attributions/NAME*.ann; an article
    /// annotated twice is scored against its first file). A gold direct
    /// quote is a Content span with a quotation mark at both ends. A direct
    /// quote clio finds is right when at least half its characters are
    /// inside one gold Content span (a quoted fragment of a paraphrase is a
    /// quotation too); recall is over the gold direct quotes. Speaker
    /// accuracy: of the quotes right, those where a mention of clio's
    /// speaker overlaps the gold Source span.
    ///
    /// Example: clio eval polnear ../shared/dev/polnear/dev
    Polnear {
        /// A PolNeAR split (the folder holding text/ and attributions/).
        dir: PathBuf,
        /// Use the models in DIR instead of the bundled ones.
        #[arg(long, value_name = "DIR")]
        models: Option<PathBuf>,
        /// Print each quote clio misses, invents or gives the wrong speaker.
        #[arg(long, short)]
        verbose: bool,
        /// Also print one JSON object on the last line.
        #[arg(long)]
        json: bool,
    },
    /// Stories against ECB+-style topic folders (DIR/TOPIC/*.xml, tokens in
    /// XML): each file's gold story is its topic and half (`1_3ecb.xml` ->
    /// 1/ecb, `1_3ecbplus.xml` -> 1/ecbplus), two events of the same kind
    /// per topic. Only the text goes to clio. B-cubed and pairwise
    /// precision, recall and F1, a TF-IDF cosine baseline (average link at
    /// 0.2) beside them, and the topics whose two events share a story.
    ///
    /// Example: clio eval stories ../shared/dev/ecbplus-dev
    Stories {
        /// The folder of topic folders.
        dir: PathBuf,
        /// Use the models in DIR instead of the bundled ones.
        #[arg(long, value_name = "DIR")]
        models: Option<PathBuf>,
        /// Print the files of each story clio found (their names give the gold story: `1_3ecbplus` is topic 1, second event).
        #[arg(long, short)]
        verbose: bool,
        /// Also print one JSON object on the last line.
        #[arg(long)]
        json: bool,
    },
    /// Named entities against a CoNLL-2003 file: exact-span precision,
    /// recall and F1, overall and per type (PER, ORG, LOC, MISC).
    ///
    /// Example: clio eval conll ../shared/dev/conll2003/eng.testa
    Conll {
        /// A CoNLL-2003 file (word ... tag per line, IOB tags).
        file: PathBuf,
        /// Use the models in DIR instead of the bundled ones.
        #[arg(long, value_name = "DIR")]
        models: Option<PathBuf>,
        /// Also print one JSON object on the last line.
        #[arg(long)]
        json: bool,
    },
}

fn load_models(dir: &Option<PathBuf>) -> Result<Models> {
    match dir {
        None => Models::bundled(),
        Some(d) => Models::from_dir(d),
    }
    .context("loading the language models")
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}

/// Runs an evaluation and prints its report.
pub fn eval(cmd: &EvalCommand) -> Result<()> {
    match cmd {
        EvalCommand::Ud { file, models, verbose, json } => eval_ud(file, &load_models(models)?, *verbose, *json),
        EvalCommand::Conll { file, models, json } => eval_conll(file, &load_models(models)?, *json),
        EvalCommand::Plover { file, models, verbose, json } => {
            plover::eval_plover(file, load_models(models)?, *verbose, *json)
        }
        EvalCommand::Polnear { dir, models, verbose, json } => {
            polnear::eval_polnear(dir, load_models(models)?, *verbose, *json)
        }
        EvalCommand::Stories { dir, models, verbose, json } => {
            stories::eval_stories(dir, load_models(models)?, *verbose, *json)
        }
    }
}

fn pct(x: f64) -> String {
    format!("{:6.2}", 100.0 * x)
}

fn eval_ud(path: &Path, m: &Models, verbose: bool, as_json: bool) -> Result<()> {
    let sentences = conllu::parse(&read(path)?).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    if sentences.is_empty() {
        bail!("{}: no sentences", path.display());
    }
    let (mut words, mut upos, mut xpos, mut lemma, mut uas, mut las, mut las_full) = (0, 0, 0, 0, 0, 0, 0);
    let (mut tok_right, mut tok_found, mut tok_gold) = (0, 0, 0);
    let mut classes = Vec::new();
    let mut tree = Tree::default();
    // Per gold universal relation: words, head right, head and relation right.
    let mut by_rel: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    for s in &sentences {
        let wf: Vec<WordFeatures> = s.rows.iter().map(|r| WordFeatures::new(&r.form, &m.clusters)).collect();
        m.tagger.tag(&wf, &mut classes);
        let keys: Vec<u64> = classes.iter().map(|&c| m.tagger.key(c)).collect();
        m.parser.parse(&wf, &keys, &mut tree);
        for (i, r) in s.rows.iter().enumerate() {
            let c = classes[i];
            words += 1;
            upos += (m.tagger.upos(c).as_str() == r.upos) as usize;
            xpos += (m.tagger.xpos(c) == r.xpos) as usize;
            lemma += (m.lemmas.lemma(&r.form, m.tagger.xpos(c)).to_lowercase() == r.lemma.to_lowercase()) as usize;
            let head = tree.heads[i].map_or(0, |h| h as usize + 1);
            let gold_rel = Rel::parse(&r.deprel).universal();
            let counts = by_rel.entry(gold_rel.to_string()).or_default();
            counts.0 += 1;
            if head == r.head {
                uas += 1;
                counts.1 += 1;
                let label = m.parser.labels().get(tree.labels[i] as usize).map_or("", String::as_str);
                let right = Rel::parse(label).universal() == gold_rel;
                las += right as usize;
                counts.2 += right as usize;
                las_full += (label == r.deprel) as usize;
            }
        }
        // clio's own tokens of the sentence's text, against the treebank's.
        let text = s.text();
        let gold = gold_token_spans(s, &text);
        let found: Vec<(usize, usize)> =
            clio_text::tokenize(&text).iter().map(|t| (t.span.start(), t.span.end())).collect();
        tok_gold += gold.len();
        tok_found += found.len();
        tok_right += found.iter().filter(|t| gold.binary_search(t).is_ok()).count();
    }
    let n = words as f64;
    let tokens_f1 = 2.0 * tok_right as f64 / (tok_found + tok_gold).max(1) as f64;
    out!("{}: {} sentences, {} words", path.display(), sentences.len(), words);
    out!("  UPOS accuracy   {}%", pct(upos as f64 / n));
    out!("  XPOS accuracy   {}%", pct(xpos as f64 / n));
    out!("  lemma accuracy  {}%", pct(lemma as f64 / n));
    out!("  UAS             {}%", pct(uas as f64 / n));
    out!("  LAS             {}%   (full labels: {}%)", pct(las as f64 / n), pct(las_full as f64 / n));
    match m.parser.beam() {
        1 => out!("  parser search   greedy"),
        k => out!("  parser search   beam of {k}"),
    }
    out!("  tokens F1       {}%   (clio's tokenizer on the sentences' text)", pct(tokens_f1));
    if verbose {
        // Most words lost first: where a better parser would gain most.
        let mut rows: Vec<(&String, &(usize, usize, usize))> = by_rel.iter().collect();
        rows.sort_by_key(|(rel, (n, _, l))| (std::cmp::Reverse(n - l), (*rel).clone()));
        out!("  relation         words     UAS     LAS  words lost (LAS)");
        for (rel, &(n, u, l)) in rows {
            out!(
                "  {rel:<14} {n:>7} {:>6}% {:>6}% {:>7}",
                pct(u as f64 / n.max(1) as f64),
                pct(l as f64 / n.max(1) as f64),
                n - l
            );
        }
    }
    if as_json {
        out!(
            "{}",
            json!({
                "upos": upos as f64 / n, "xpos": xpos as f64 / n, "lemma": lemma as f64 / n,
                "uas": uas as f64 / n, "las": las as f64 / n, "las_full": las_full as f64 / n,
                "tokens_f1": tokens_f1, "words": words, "sentences": sentences.len(),
            })
        );
    }
    Ok(())
}

/// Byte spans of a treebank sentence's tokens in its text: a multiword
/// token ("don't") as its words would be split ("do", "n't") when its
/// surface is their concatenation, else as one token.
fn gold_token_spans(s: &conllu::Sentence, text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut at = 0;
    let mut i = 0;
    let next = |form: &str, at: &mut usize| -> Option<(usize, usize)> {
        let start = *at + text.get(*at..)?.find(form)?;
        *at = start + form.len();
        Some((start, *at))
    };
    while i < s.rows.len() {
        if let Some(&(_, last, ref surface)) = s.multiword.iter().find(|m| m.0 == i) {
            let joined: String = s.rows[i..=last].iter().map(|r| r.form.as_str()).collect();
            if joined == *surface {
                for r in &s.rows[i..=last] {
                    out.extend(next(&r.form, &mut at));
                }
            } else {
                out.extend(next(surface, &mut at));
            }
            i = last + 1;
            continue;
        }
        out.extend(next(&s.rows[i].form, &mut at));
        i += 1;
    }
    out.sort_unstable();
    out
}

fn eval_conll(path: &Path, m: &Models, as_json: bool) -> Result<()> {
    let docs = conll03::parse(&read(path)?).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    if docs.is_empty() {
        bail!("{}: no sentences", path.display());
    }
    let lex = Lexicon::bundled();
    let mut scores = Scores::default();
    let mut classes = Vec::new();
    for doc in &docs {
        let inputs: Vec<(Vec<WordFeatures>, Vec<u64>, Vec<ner::Gazetteer>)> = doc
            .iter()
            .map(|s| {
                let words: Vec<WordFeatures> =
                    s.tokens.iter().map(|t| WordFeatures::new(t.span.slice(&s.text), &m.clusters)).collect();
                m.tagger.tag(&words, &mut classes);
                let tags = classes.iter().map(|&c| m.tagger.key(c)).collect();
                (words, tags, dictionary::features(&lex, &s.text, &s.tokens))
            })
            .collect();
        let sentences: Vec<ner::Sentence> =
            inputs.iter().map(|(words, tags, gazetteer)| ner::Sentence { words, tags, gazetteer }).collect();
        for (s, found) in doc.iter().zip(m.recogniser.recognise(&sentences)) {
            scores.add(&s.to_file_tokens(&found), &s.gold);
        }
    }
    let sentences: usize = docs.iter().map(Vec::len).sum();
    out!("{}: {} documents, {} sentences, {} gold names", path.display(), docs.len(), sentences, scores.overall.gold);
    out!("  type   precision  recall      F1   gold");
    for k in NameKind::ALL {
        let c = scores.by_kind[k as usize];
        out!("  {:<5}  {}%  {}%  {}%  {:5}", k.as_str(), pct(c.precision()), pct(c.recall()), pct(c.f1()), c.gold);
    }
    let o = scores.overall;
    out!("  all    {}%  {}%  {}%  {:5}", pct(o.precision()), pct(o.recall()), pct(o.f1()), o.gold);
    if as_json {
        let by_type: serde_json::Map<String, serde_json::Value> = NameKind::ALL
            .iter()
            .map(|&k| {
                let c = scores.by_kind[k as usize];
                (k.as_str().to_string(), json!({"precision": c.precision(), "recall": c.recall(), "f1": c.f1()}))
            })
            .collect();
        out!(
            "{}",
            json!({"precision": o.precision(), "recall": o.recall(), "f1": o.f1(), "by_type": by_type, "names": o.gold})
        );
    }
    Ok(())
}
