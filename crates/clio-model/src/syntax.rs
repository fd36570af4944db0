//! The language layer's annotations: each token's part of speech, lemma,
//! head and relation, and the names the recogniser found. Tokens are
//! treebank words (see `clio_text::tokenize`), so the tree is over
//! [`crate::Doc::tokens`] one for one.

use serde::{Deserialize, Serialize};

use crate::Span;

macro_rules! tag_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal),* $(,)? } fallback $fallback:ident) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
        #[allow(missing_docs)] // the variants are the treebank's inventory, named as it writes them
        pub enum $name {
            $($variant,)*
            #[default]
            $fallback,
        }

        impl $name {
            /// Every value.
            pub const ALL: &'static [$name] = &[$($name::$variant,)* $name::$fallback];

            /// As the treebank writes it.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                    $name::$fallback => tag_enum!(@fallback $fallback),
                }
            }

            /// Reads the treebank's spelling; anything else is the fallback.
            pub fn parse(s: &str) -> $name {
                match s {
                    $($text => $name::$variant,)*
                    _ => $name::$fallback,
                }
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<$name, D::Error> {
                let s = String::deserialize(d)?;
                Ok($name::parse(&s))
            }
        }
    };
    (@fallback X) => { "X" };
    (@fallback Unknown) => { "_" };
    (@fallback Dep) => { "dep" };
}

tag_enum! {
    /// A Universal Dependencies part-of-speech tag.
    Upos {
        Adj = "ADJ", Adp = "ADP", Adv = "ADV", Aux = "AUX", Cconj = "CCONJ", Det = "DET", Intj = "INTJ",
        Noun = "NOUN", Num = "NUM", Part = "PART", Pron = "PRON", Propn = "PROPN", Punct = "PUNCT",
        Sconj = "SCONJ", Sym = "SYM", Verb = "VERB",
    } fallback X
}

tag_enum! {
    /// A Universal Dependencies relation, with the subtypes the English
    /// treebank uses ("nsubj:pass", "obl:agent", "acl:relcl").
    Rel {
        Acl = "acl", AclRelcl = "acl:relcl", Advcl = "advcl", AdvclRelcl = "advcl:relcl", Advmod = "advmod",
        Amod = "amod", Appos = "appos", Aux = "aux", AuxPass = "aux:pass", Case = "case", Cc = "cc",
        CcPreconj = "cc:preconj", Ccomp = "ccomp", Compound = "compound", CompoundPrt = "compound:prt",
        Conj = "conj", Cop = "cop", Csubj = "csubj", CsubjOuter = "csubj:outer", CsubjPass = "csubj:pass",
        Det = "det", DetPredet = "det:predet", Discourse = "discourse", Dislocated = "dislocated", Expl = "expl",
        Fixed = "fixed", Flat = "flat", Goeswith = "goeswith", Iobj = "iobj", List = "list", Mark = "mark",
        Nmod = "nmod", NmodDesc = "nmod:desc", NmodPoss = "nmod:poss", NmodUnmarked = "nmod:unmarked",
        Nsubj = "nsubj", NsubjOuter = "nsubj:outer", NsubjPass = "nsubj:pass", Nummod = "nummod", Obj = "obj",
        Obl = "obl", OblAgent = "obl:agent", OblUnmarked = "obl:unmarked", Orphan = "orphan",
        Parataxis = "parataxis", Punct = "punct", Reparandum = "reparandum", Root = "root",
        Vocative = "vocative", Xcomp = "xcomp",
    } fallback Dep
}

tag_enum! {
    /// A Penn Treebank part-of-speech tag, as the English treebank uses them.
    Xpos {
        Cc = "CC", Cd = "CD", Dt = "DT", Ex = "EX", Fw = "FW", In = "IN", Jj = "JJ", Jjr = "JJR", Jjs = "JJS",
        Ls = "LS", Md = "MD", Nn = "NN", Nns = "NNS", Nnp = "NNP", Nnps = "NNPS", Pdt = "PDT", Pos = "POS",
        Prp = "PRP", PrpS = "PRP$", Rb = "RB", Rbr = "RBR", Rbs = "RBS", Rp = "RP", Sym = "SYM", To = "TO",
        Uh = "UH", Vb = "VB", Vbd = "VBD", Vbg = "VBG", Vbn = "VBN", Vbp = "VBP", Vbz = "VBZ", Wdt = "WDT",
        Wp = "WP", WpS = "WP$", Wrb = "WRB", Add = "ADD", Afx = "AFX", Gw = "GW", Hyph = "HYPH", Nfp = "NFP",
        Lrb = "-LRB-", Rrb = "-RRB-", Comma = ",", Period = ".", Colon = ":", OpenQuote = "``",
        CloseQuote = "''", Dollar = "$",
    } fallback Unknown
}

impl Upos {
    /// A noun or a proper noun.
    pub fn is_nominal(self) -> bool {
        matches!(self, Upos::Noun | Upos::Propn)
    }
}

impl Rel {
    /// The universal relation without its subtype ("nsubj:pass" -> "nsubj").
    pub fn universal(self) -> &'static str {
        let s = self.as_str();
        s.split(':').next().unwrap_or(s)
    }

    /// A subject: nominal or clausal, active or passive.
    pub fn is_subject(self) -> bool {
        matches!(self, Rel::Nsubj | Rel::NsubjPass | Rel::NsubjOuter | Rel::Csubj | Rel::CsubjPass | Rel::CsubjOuter)
    }
}

/// The kind of a name the recogniser found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum NameKind {
    /// A person.
    #[serde(rename = "PER")]
    Per,
    /// An organisation.
    #[serde(rename = "ORG")]
    Org,
    /// A place.
    #[serde(rename = "LOC")]
    Loc,
    /// Another name: an event, a nationality, a product, a work.
    #[serde(rename = "MISC")]
    Misc,
}

impl NameKind {
    /// Every kind.
    pub const ALL: [NameKind; 4] = [NameKind::Per, NameKind::Org, NameKind::Loc, NameKind::Misc];

    /// The CoNLL name ("PER").
    pub fn as_str(self) -> &'static str {
        match self {
            NameKind::Per => "PER",
            NameKind::Org => "ORG",
            NameKind::Loc => "LOC",
            NameKind::Misc => "MISC",
        }
    }

    /// Reads a CoNLL name.
    pub fn parse(s: &str) -> Option<NameKind> {
        NameKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A name: a run of tokens the recogniser marked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Name {
    /// Where, in the text.
    pub span: Span,
    /// First token.
    pub token_start: u32,
    /// One past the last token.
    pub token_end: u32,
    /// What it names.
    pub kind: NameKind,
}

/// No head: the token is its sentence's root.
pub const ROOT: u32 = u32::MAX;

/// The language layer of an article, one entry per token.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Syntax {
    /// Universal part of speech.
    pub upos: Vec<Upos>,
    /// Penn Treebank tag ("VBN").
    pub xpos: Vec<Xpos>,
    /// Head token (an index into the tokens), or [`ROOT`].
    pub head: Vec<u32>,
    /// Relation to the head.
    pub rel: Vec<Rel>,
    /// Lemmas, one string with an end offset per token.
    lemmas: String,
    lemma_ends: Vec<u32>,
    /// Names, in text order.
    pub names: Vec<Name>,
}

impl Syntax {
    /// An empty layer with room for `n` tokens.
    pub fn with_capacity(n: usize) -> Syntax {
        Syntax {
            upos: Vec::with_capacity(n),
            xpos: Vec::with_capacity(n),
            head: Vec::with_capacity(n),
            rel: Vec::with_capacity(n),
            lemmas: String::with_capacity(n * 6),
            lemma_ends: Vec::with_capacity(n),
            names: Vec::new(),
        }
    }

    /// Appends one token's annotation.
    pub fn push(&mut self, upos: Upos, xpos: Xpos, head: u32, rel: Rel, lemma: &str) {
        self.upos.push(upos);
        self.xpos.push(xpos);
        self.head.push(head);
        self.rel.push(rel);
        self.lemmas.push_str(lemma);
        self.lemma_ends.push(self.lemmas.len() as u32);
    }

    /// Appends one token's annotation, its lemma written by `lemma` into
    /// the layer's lemma buffer (no string made per token).
    pub fn push_with(&mut self, upos: Upos, xpos: Xpos, head: u32, rel: Rel, lemma: impl FnOnce(&mut String)) {
        self.upos.push(upos);
        self.xpos.push(xpos);
        self.head.push(head);
        self.rel.push(rel);
        lemma(&mut self.lemmas);
        self.lemma_ends.push(self.lemmas.len() as u32);
    }

    /// The number of tokens annotated.
    pub fn len(&self) -> usize {
        self.upos.len()
    }

    /// True when nothing is annotated (the layer was not run).
    pub fn is_empty(&self) -> bool {
        self.upos.is_empty()
    }

    /// The lemma of token `i` ("" past the end).
    pub fn lemma(&self, i: usize) -> &str {
        let end = self.lemma_ends.get(i).copied().unwrap_or(0) as usize;
        let start = if i == 0 { 0 } else { self.lemma_ends.get(i - 1).copied().unwrap_or(0) as usize };
        self.lemmas.get(start..end).unwrap_or("")
    }

    /// The head of token `i`, if it has one.
    pub fn head_of(&self, i: usize) -> Option<usize> {
        self.head.get(i).copied().filter(|&h| h != ROOT).map(|h| h as usize)
    }

    /// The dependents of token `i` within `range` (its sentence), in order.
    pub fn dependents(&self, i: usize, range: std::ops::Range<usize>) -> impl Iterator<Item = usize> + '_ {
        range.filter(move |&k| self.head.get(k).copied() == Some(i as u32))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_relations_read_as_the_treebank_writes_them() {
        for &u in Upos::ALL {
            assert_eq!(Upos::parse(u.as_str()), u);
        }
        for &r in Rel::ALL {
            assert_eq!(Rel::parse(r.as_str()), r);
        }
        for &x in Xpos::ALL {
            assert_eq!(Xpos::parse(x.as_str()), x);
        }
        assert_eq!(Upos::parse("nonsense"), Upos::X);
        assert_eq!(Rel::parse("nmod:tmod"), Rel::Dep);
        assert_eq!(Rel::NsubjPass.universal(), "nsubj");
        assert!(Rel::CsubjPass.is_subject() && !Rel::Obj.is_subject());
    }

    #[test]
    fn lemmas_and_heads_are_per_token() {
        let mut s = Syntax::with_capacity(3);
        s.push(Upos::Pron, Xpos::Prp, 1, Rel::Nsubj, "they");
        s.push(Upos::Verb, Xpos::Vbd, ROOT, Rel::Root, "meet");
        s.push(Upos::Punct, Xpos::Period, 1, Rel::Punct, ".");
        assert_eq!((s.lemma(0), s.lemma(1), s.lemma(2), s.lemma(3)), ("they", "meet", ".", ""));
        assert_eq!(s.head_of(1), None);
        assert_eq!(s.dependents(1, 0..3).collect::<Vec<_>>(), [0, 2]);
    }
}
