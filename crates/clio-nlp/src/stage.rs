//! The language layer as a pipeline stage: tags and lemmas, dependency
//! trees and names for every sentence of an article, in
//! [`clio_model::Doc::syntax`].

use std::sync::Arc;
use std::time::{Duration, Instant};

use clio_lexicon::Lexicon;
use clio_model::{Doc, Layer, Name, Rel, Stage, Syntax, Token, ROOT};

use crate::dictionary;
use crate::features::WordFeatures;
use crate::models::Models;
use crate::ner;
use crate::parser::Tree;

/// Stage: fills [`Doc::syntax`].
#[derive(Clone)]
pub struct LanguageStage {
    models: Arc<Models>,
    lex: Arc<Lexicon>,
}

/// The parts [`LanguageStage`] times on its own (see [`Stage::parts`]).
const PARTS: &[&str] = &["tags", "parse", "names"];

impl LanguageStage {
    /// The stage over loaded models and the dictionaries (whose entries
    /// the recogniser reads as features).
    pub fn new(models: Arc<Models>, lex: Arc<Lexicon>) -> LanguageStage {
        LanguageStage { models, lex }
    }

    /// Whether `word` is mostly written in lower case inside sentences, in
    /// the text the word clusters were learned from: a common word,
    /// whatever case it has where it stands.
    pub fn mostly_lower_case(&self, word: &str) -> bool {
        matches!(self.models.clusters.get(&word.to_lowercase())[3], 1 | 2)
    }

    /// Whether `word` is mostly capitalised inside sentences in that text,
    /// or unknown to it: a word of names ("Fujitsu", "Deutsche"), not a
    /// common word names are also made of ("Central", "Bank").
    pub fn name_word(&self, word: &str) -> bool {
        matches!(self.models.clusters.get(&word.to_lowercase())[3], 0 | 5 | 6)
    }

    /// Annotates `tokens` of `text` split into `sentences` (token ranges):
    /// what [`Stage::run`] does for a Doc, for texts outside one (captions).
    pub fn annotate(&self, text: &str, tokens: &[Token], sentences: &[(usize, usize)]) -> Syntax {
        self.annotate_timed(text, tokens, sentences, &mut [Duration::ZERO; 3])
    }

    fn annotate_timed(
        &self,
        text: &str,
        tokens: &[Token],
        sentences: &[(usize, usize)],
        times: &mut [Duration],
    ) -> Syntax {
        let m = &*self.models;
        let t0 = Instant::now();
        let mut syntax = Syntax::with_capacity(tokens.len());
        let words: Vec<WordFeatures> =
            tokens.iter().map(|t| WordFeatures::new(t.span.slice(text), &m.clusters)).collect();
        let mut keys: Vec<u64> = vec![0; tokens.len()];
        let mut classes = Vec::new();
        let mut heads: Vec<u32> = vec![ROOT; tokens.len()];
        let mut rels: Vec<Rel> = vec![Rel::Dep; tokens.len()];
        let mut tags = vec![Default::default(); tokens.len()];
        for (s, e) in cover(sentences, tokens.len()) {
            m.tagger.tag(&words[s..e], &mut classes);
            for (k, &c) in classes.iter().enumerate() {
                let (upos, xpos, key) = m.tags.get(c as usize).copied().unwrap_or_default();
                keys[s + k] = key;
                tags[s + k] = (upos, xpos);
            }
        }
        let t1 = Instant::now();
        times[0] += t1 - t0;
        let mut tree = Tree::default();
        for &(s, e) in sentences {
            m.parser.parse(&words[s..e], &keys[s..e], &mut tree);
            for k in 0..e - s {
                heads[s + k] = tree.heads[k].map_or(ROOT, |h| (s + h as usize) as u32);
                rels[s + k] = m.rels.get(tree.labels[k] as usize).copied().unwrap_or_default();
            }
        }
        let t2 = Instant::now();
        times[1] += t2 - t1;
        for (i, t) in tokens.iter().enumerate() {
            let (upos, xpos) = tags[i];
            syntax.push_with(upos, xpos, heads[i], rels[i], |out| {
                m.lemmas.lemma_into(t.span.slice(text), xpos.as_str(), out)
            });
        }
        times[0] += t2.elapsed();
        let t3 = Instant::now();
        let gazetteer = dictionary::features(&self.lex, text, tokens);
        let inputs: Vec<ner::Sentence> = sentences
            .iter()
            .map(|&(s, e)| ner::Sentence { words: &words[s..e], tags: &keys[s..e], gazetteer: &gazetteer[s..e] })
            .collect();
        for (&(s, _), names) in sentences.iter().zip(m.recogniser.recognise(&inputs)) {
            let first = syntax.names.len();
            for n in names {
                let (a, b) = (s + n.start, s + n.end);
                let Some(span) = clio_model::Span::new(tokens[a].span.start(), tokens[b - 1].span.end()) else {
                    continue;
                };
                // What joins two halves of one name may be tokens the
                // recogniser leaves out: a plural possessive ("Kurdistan
                // Workers' Party", "the Farmers' Union") or an Arabic article
                // joined by a hyphen ("Abu Musab al-Zarqawi"). The halves are
                // one name, of the kind of its head, the second.
                if let Some(prev) = syntax.names[first..].last_mut() {
                    let gap = prev.token_end as usize;
                    let word = |k: usize| tokens[k].span.slice(text);
                    let attached = |k: usize| tokens[k].span.end() == tokens[k + 1].span.start();
                    let joins = match a - gap.min(a) {
                        1 => {
                            matches!(word(gap), "'" | "\u{2019}")
                                && attached(gap - 1)
                                && word(gap - 1).ends_with(['s', 'S'])
                        }
                        2 => {
                            ARABIC_ARTICLES.contains(&word(gap))
                                && word(gap + 1) == "-"
                                && attached(gap)
                                && attached(gap + 1)
                        }
                        _ => false,
                    };
                    if joins {
                        let span = clio_model::Span::new(prev.span.start(), span.end()).unwrap_or(span);
                        *prev = Name { span, token_start: prev.token_start, token_end: b as u32, kind: n.kind };
                        continue;
                    }
                }
                syntax.names.push(Name { span, token_start: a as u32, token_end: b as u32, kind: n.kind });
            }
        }
        times[2] += t3.elapsed();
        syntax
    }
}

/// Arabic articles and particles that join a name's parts in lower case
/// ("al-Zarqawi", "el-Sisi", "ad-Din").
const ARABIC_ARTICLES: &[&str] = &["al", "el", "ad", "as", "an", "ar", "az", "at", "ash", "ud", "ul"];

/// The sentences with any tokens between or after them as segments of
/// their own, so every token is tagged.
fn cover(sentences: &[(usize, usize)], n: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(sentences.len() + 1);
    let mut at = 0;
    for &(s, e) in sentences {
        if at < s {
            out.push((at, s));
        }
        if s < e && e <= n {
            out.push((s, e));
            at = e;
        }
    }
    if at < n {
        out.push((at, n));
    }
    out
}

impl Stage for LanguageStage {
    fn name(&self) -> &'static str {
        "language"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Sentences]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Syntax]
    }
    fn run(&self, doc: &mut Doc) {
        self.run_timed(doc, &mut [Duration::ZERO; 3]);
    }
    fn parts(&self) -> &'static [&'static str] {
        PARTS
    }
    fn run_timed(&self, doc: &mut Doc, times: &mut [Duration]) {
        let sentences: Vec<(usize, usize)> =
            doc.sentences.iter().map(|s| (s.token_start as usize, s.token_end as usize)).collect();
        if times.len() < PARTS.len() {
            doc.syntax = self.annotate(&doc.text, &doc.tokens, &sentences);
            return;
        }
        doc.syntax = self.annotate_timed(&doc.text, &doc.tokens, &sentences, times);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clio_model::{NameKind, Upos};

    /// The index of the first token that is `word`.
    fn word_at(tokens: &[Token], text: &str, word: &str) -> usize {
        tokens.iter().position(|t| t.span.slice(text) == word).unwrap_or_else(|| panic!("{word:?} not in {text:?}"))
    }

    fn annotate(text: &str) -> (Vec<Token>, Syntax) {
        let stage = LanguageStage::new(Arc::new(Models::bundled().unwrap()), Arc::new(Lexicon::bundled()));
        let tokens = clio_text::tokenize(text);
        let paragraphs = [clio_model::Span::new(0, text.len()).unwrap()];
        let sentences: Vec<(usize, usize)> = clio_text::split_sentences(text, &tokens, &paragraphs)
            .iter()
            .map(|s| (s.token_start as usize, s.token_end as usize))
            .collect();
        let syntax = stage.annotate(text, &tokens, &sentences);
        (tokens, syntax)
    }

    #[test]
    fn a_sentence_gets_tags_lemmas_a_tree_and_names() {
        let text = "The minister of Norway visited Nairobi on Friday. Talks were held there.";
        let (tokens, s) = annotate(text);
        let at = |w: &str| word_at(&tokens, text, w);
        assert_eq!(s.len(), tokens.len());
        assert_eq!(s.upos[at("visited")], Upos::Verb);
        assert_eq!(s.lemma(at("visited")), "visit");
        assert_eq!(s.lemma(at("were")), "be");
        // "minister" is the subject of "visited"; each sentence has one root.
        assert_eq!(s.head_of(at("minister")), Some(at("visited")));
        assert_eq!(s.rel[at("minister")], Rel::Nsubj);
        assert_eq!(s.rel[at("Talks")], Rel::NsubjPass);
        assert_eq!(s.head.iter().filter(|&&h| h == ROOT).count(), 2);
        let names: Vec<(&str, NameKind)> = s.names.iter().map(|n| (n.span.slice(text), n.kind)).collect();
        assert!(names.contains(&("Norway", NameKind::Loc)), "{names:?}");
        assert!(names.contains(&("Nairobi", NameKind::Loc)), "{names:?}");
    }

    #[test]
    fn a_plural_possessive_or_an_arabic_article_inside_a_name_keeps_it_one_name() {
        for (text, name) in [
            ("Leaders of the Kenya Farmers' Union met in Nairobi on Friday.", "Kenya Farmers' Union"),
            ("The Kurdistan Workers' Party said on Monday it would talk.", "Kurdistan Workers' Party"),
            ("Fighters loyal to the commander Abu Hamza al-Rashidi said they took the town.", "Abu Hamza al-Rashidi"),
        ] {
            let (_, s) = annotate(text);
            let names: Vec<&str> = s.names.iter().map(|n| n.span.slice(text)).collect();
            assert!(names.contains(&name), "{text}: {names:?}");
        }
    }

    #[test]
    fn a_clause_with_no_finite_verb_reads_its_ed_form_as_the_past_tense() {
        for (text, verb) in [
            ("Kenyan tanks shelled positions near the Ugandan border.", "shelled"),
            // A time between subject and verb, an "of" phrase in the subject.
            ("The US on Thursday rejected calls for a new inquiry.", "rejected"),
            ("Thousands of Kenyan farmers blocked roads near Nakuru, police said.", "blocked"),
            // The report after the comma does not make the clause before
            // it a fragment.
            ("Kenyan police arrested three Ugandan traders in Busia, officials said on Monday.", "arrested"),
            // A particle may come before the object, and the object may
            // open with a participle of its own.
            ("Swiss police rounded up 40 Kenyan traders near the border.", "rounded"),
            ("Ugandan workers called off a four-day strike in Kampala, the union said.", "called"),
            ("Kenya extradited suspected Ugandan smugglers to Uganda, officials said.", "extradited"),
            // A form the dictionary also opens a phrase with ("killed and").
            ("Kenyan rebels killed four Ugandan soldiers near the border, the army said.", "killed"),
            // An irregular past, the participle's form too.
            ("The Kenyan envoy and a group of deputies held talks with Ugandan officials.", "held"),
            ("Kenyan police on Monday sent two Ugandan traders back to Busia, officials said.", "sent"),
        ] {
            let (tokens, s) = annotate(text);
            let at = word_at(&tokens, text, verb);
            assert_eq!(s.xpos[at], clio_model::Xpos::Vbd, "{text}");
        }
        // A fragment keeps its participle ("a plot foiled in Canada"), and so
        // does the object of a preposition ("in a statement released today").
        for (text, participle) in [
            ("Photos of the plot foiled in Canada last year.", "foiled"),
            ("In a statement released today the Kenyan ministry said it would act.", "released"),
        ] {
            let (tokens, s) = annotate(text);
            let at = word_at(&tokens, text, participle);
            assert_ne!(s.xpos[at], clio_model::Xpos::Vbd, "{text}");
        }
    }

    #[test]
    fn a_demand_s_that_clause_reads_its_bare_verb_as_one() {
        for (text, verb) in [
            ("Rights groups demanded that the Kenyan government end curbs on the press.", "end"),
            ("Uganda insisted that the Kenyan army withdraw its troops from the border.", "withdraw"),
            ("Donors urged that the ministry release the funds within a month.", "release"),
        ] {
            let (tokens, s) = annotate(text);
            let at = word_at(&tokens, text, verb);
            assert_eq!(s.xpos[at], clio_model::Xpos::Vb, "{text}");
        }
        // A noun of the subject before a singular noun stays one ("that the
        // oil price freeze continue"), and a verb that does not demand
        // takes no bare verb ("said that the government plan failed").
        for (text, noun) in [
            ("Farmers demanded that the oil price freeze continue until May.", "price"),
            ("Analysts said that the government plan cuts spending.", "plan"),
        ] {
            let (tokens, s) = annotate(text);
            let at = word_at(&tokens, text, noun);
            assert_ne!(s.xpos[at], clio_model::Xpos::Vb, "{text}");
        }
    }

    #[test]
    fn a_word_for_people_ending_a_subject_before_its_verb_is_a_noun() {
        for text in [
            "A top Kenyan official today praised the Ugandan plan.",
            "A senior Ugandan representative on Friday criticised the deal.",
        ] {
            let (tokens, s) = annotate(text);
            let person =
                tokens.iter().position(|t| matches!(t.span.slice(text), "official" | "representative")).unwrap();
            assert_eq!(s.upos[person], Upos::Noun, "{text}");
            let verb = tokens.iter().position(|t| matches!(t.span.slice(text), "praised" | "criticised")).unwrap();
            assert_eq!(s.head_of(person), Some(verb), "{text}");
        }
        // Before a noun it describes it stays an adjective.
        let text = "An official statement was issued in Nairobi on Monday.";
        let (tokens, s) = annotate(text);
        let official = word_at(&tokens, text, "official");
        assert_eq!(s.upos[official], Upos::Adj);
    }

    #[test]
    fn a_word_not_ending_in_ng_is_no_gerund() {
        for (text, word) in [
            ("Human rights watchdog Amnesty International accused Kenya of torture.", "watchdog"),
            ("The press watchdog Reporters Without Borders criticised Uganda.", "watchdog"),
        ] {
            let (tokens, s) = annotate(text);
            let at = word_at(&tokens, text, word);
            assert_ne!(s.xpos[at], clio_model::Xpos::Vbg, "{text}");
        }
    }

    #[test]
    fn a_past_tense_the_treebank_never_shows_is_still_a_verb() {
        // "overran" and "overthrew" are not in the web treebank; between a
        // plural noun and "the" its contexts make them prepositions, which
        // no form of a verb is.
        for (text, verb, object) in [
            ("Kenyan rebels overran the Ugandan town of Gulu on Monday.", "overran", "town"),
            ("Kenyan soldiers overthrew the Ugandan government.", "overthrew", "government"),
            // An adjective does not stand between a subject and a number.
            ("Kenyan rebels wounded two Ugandan soldiers.", "wounded", "soldiers"),
            // A past tense the treebank never shows is no noun either.
            ("A Kenyan judge undertook an investigation into the firm.", "undertook", "investigation"),
        ] {
            let (tokens, s) = annotate(text);
            let at = |w: &str| word_at(&tokens, text, w);
            assert_eq!(s.upos[at(verb)], Upos::Verb, "{text}");
            assert_eq!(s.head_of(at(object)), Some(at(verb)), "{text}");
        }
        // After a determiner a verb form before a number may be an adjective.
        let text = "Output grew a slight 0.2 pct in the quarter.";
        let (tokens, s) = annotate(text);
        let slight = word_at(&tokens, text, "slight");
        assert_eq!(s.upos[slight], Upos::Adj);
    }

    /// The names of the text's first sentence, as written.
    fn headline_names(text: &str) -> Vec<String> {
        let (_, s) = annotate(text);
        let first_end = text.find(".\n").unwrap_or(text.len());
        s.names.iter().filter(|n| n.span.end() <= first_end).map(|n| n.span.slice(text).to_string()).collect()
    }

    #[test]
    fn a_title_case_headline_keeps_only_the_names_the_article_confirms() {
        // Every word of a title-case line is capitalised: the capitals
        // alone make no name ("Night Shift"); a name the article's running
        // text also has is kept, and one the line runs on into ("Quiet
        // Farmers Of Kisumu Are") is cut to it.
        let names = headline_names(
            "Maria Okafor Wins Praise As The Harbor Talks Resume.\n\nThe mayor of Port Harcourt, Maria Okafor, said on Monday that talks on the harbor would resume next week.",
        );
        assert_eq!(names, ["Maria Okafor"]);
        let names = headline_names(
            "Stealthy Budget Cuts Are Hurting The Night Shift.\n\nNurses at the city hospital said on Monday that their wards were short of staff.",
        );
        assert!(names.is_empty(), "{names:?}");
        let names = headline_names(
            "Why The Quiet Farmers Of Kisumu Are Winning Again.\n\nFarmers near Kisumu sold more maize this year, the ministry said.",
        );
        assert_eq!(names, ["Kisumu"]);
        // A sentence of running text keeps its names, confirmed or not.
        let text = "Maria Okafor met Joseph Mwangi in Kisumu on Monday.";
        let (_, s) = annotate(text);
        let found: Vec<&str> = s.names.iter().map(|n| n.span.slice(text)).collect();
        assert_eq!(found, ["Maria Okafor", "Joseph Mwangi", "Kisumu"]);
    }
}
