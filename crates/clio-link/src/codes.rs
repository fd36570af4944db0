//! Actor codes known from other articles. One article writes "Chinese Vice
//! Foreign Minister Ma Zhaoxu", another only "Ma Zhaoxu": the second has no
//! evidence of its own, but the corpus has. Linking gives both mentions one
//! global id; this module lends the first article's code to the second.
//!
//! Only an article's own evidence is lent (never a code it borrowed), so
//! what an article borrows depends on the corpus, not on the order its
//! articles came in. Offices change: a code is lent only between articles
//! within [`WINDOW_DAYS`] of each other (or when either is undated), and
//! when articles disagree the code most of them give wins, then the one
//! nearest in time.

use std::collections::HashMap;

use clio_model::{ActorMention, Doc};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::sym::Sym;

/// The start of the rule of a code lent by another article, followed by
/// that article's id.
pub const LENT_RULE: &str = "coded in another article: ";

/// How far apart two articles may be for one to lend the other a code.
pub const WINDOW_DAYS: i32 = 366;

/// A code an article gives, or borrows, for a global entity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnownCode {
    /// Global entity id (`P3`).
    pub global: Sym,
    /// Actor code (`CHNGOV`).
    pub code: Sym,
    /// For a borrowed code: the article lending it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
}

/// What one article knows and lacks of actor codes.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ActorCodes {
    /// Codes from the article's own evidence.
    pub own: Vec<KnownCode>,
    /// Global ids of its people and organisations with no code of its own.
    pub lacking: Vec<Sym>,
    /// Codes it has borrowed.
    pub borrowed: Vec<KnownCode>,
}

impl ActorCodes {
    /// The codes of a processed, globally linked article.
    pub fn of(doc: &Doc) -> ActorCodes {
        let mut out = ActorCodes::default();
        for e in doc.entities.iter().filter(|e| e.etype != clio_model::EntityType::Loc) {
            let Some(global) = e.global_id.clone() else { continue };
            let lent = e.actor_rule.as_deref().and_then(|r| r.strip_prefix(LENT_RULE));
            match (&e.actor, lent) {
                (Some(code), Some(from)) => {
                    let global = Sym::new(&global);
                    out.lacking.push(global);
                    out.borrowed.push(KnownCode { global, code: Sym::new(code), from: Some(from.to_string()) });
                }
                (Some(code), None) => {
                    out.own.push(KnownCode { global: Sym::new(&global), code: Sym::new(code), from: None })
                }
                (None, _) => out.lacking.push(Sym::new(&global)),
            }
        }
        for v in [&mut out.own, &mut out.borrowed] {
            v.sort_by(|a, b| (&a.global, &a.code).cmp(&(&b.global, &b.code)));
            v.dedup_by(|a, b| a.global == b.global && a.code == b.code);
        }
        out.lacking.sort();
        out.lacking.dedup();
        out
    }
}

fn days(d: Date) -> i32 {
    i32::from(d.year()) * 372 + i32::from(d.month()) * 31 + i32::from(d.day())
}

/// Who gives which code for each global id, over articles added one at a
/// time: the whole corpus in [`lend`], or the articles of a run so far,
/// so that a run can lend while an article's parse is still in memory.
#[derive(Debug, Default)]
pub struct Givers {
    /// Per global id: (code, article number).
    by_global: HashMap<Sym, Vec<(Sym, usize)>>,
    /// Per article number: its id and date.
    articles: Vec<(Sym, Option<Date>)>,
}

impl Givers {
    /// Adds an article and the codes of its own evidence; returns its
    /// number.
    pub fn add(&mut self, id: Sym, date: Option<Date>, codes: &ActorCodes) -> usize {
        let i = self.articles.len();
        self.articles.push((id, date));
        for k in &codes.own {
            self.by_global.entry(k.global).or_default().push((k.code, i));
        }
        i
    }

    /// The codes an article of `date` lacking `lacking` borrows from the
    /// others (`me`: its own number, when it was added): per global id,
    /// the code most articles within [`WINDOW_DAYS`] give, then the one
    /// given nearest in time, then the smaller code; lent by the nearest
    /// article giving it (then the smaller id). Sorted by global id and
    /// code.
    pub fn wanted(&self, me: Option<usize>, date: Option<Date>, lacking: &[Sym]) -> Vec<KnownCode> {
        let mut want = Vec::new();
        for global in lacking {
            let Some(gs) = self.by_global.get(global) else { continue };
            let gap = |j: usize| match (date, self.articles[j].1) {
                (Some(a), Some(b)) => (days(a) - days(b)).abs(),
                _ => 0,
            };
            // Per code: how many articles give it, and the nearest of them.
            let mut tally: Vec<(Sym, usize, i32, &str)> = Vec::new();
            for &(code, j) in gs.iter().filter(|&&(_, j)| Some(j) != me) {
                let g = gap(j);
                if g > WINDOW_DAYS {
                    continue;
                }
                let id = self.articles[j].0.as_str();
                match tally.iter_mut().find(|t| t.0 == code) {
                    Some(t) => {
                        t.1 += 1;
                        if (g, id) < (t.2, t.3) {
                            (t.2, t.3) = (g, id);
                        }
                    }
                    None => tally.push((code, 1, g, id)),
                }
            }
            // Most articles, then nearest in time, then the smaller code.
            let best = tally.into_iter().min_by_key(|&(code, votes, g, _)| (std::cmp::Reverse(votes), g, code));
            if let Some((code, _, _, from)) = best {
                want.push(KnownCode { global: *global, code, from: Some(from.to_string()) });
            }
        }
        want.sort_by(|a, b| (&a.global, &a.code).cmp(&(&b.global, &b.code)));
        want
    }
}

/// For every article whose borrowed codes should change, its index and
/// the codes it should borrow now (a change of lender alone counts: the
/// lender is named in the article). `articles` holds each article's id,
/// date and codes.
pub fn lend(articles: &[(Sym, Option<Date>, &ActorCodes)]) -> Vec<(usize, Vec<KnownCode>)> {
    let mut givers = Givers::default();
    for (id, date, codes) in articles {
        givers.add(*id, *date, codes);
    }
    let mut changes = Vec::new();
    for (i, (_, date, codes)) in articles.iter().enumerate() {
        let want = givers.wanted(Some(i), *date, &codes.lacking);
        if want != codes.borrowed {
            changes.push((i, want));
        }
    }
    changes
}

/// Whether `now` borrows the same codes for the same entities as `want`,
/// only from other lenders: then [`reattribute`] is all the article needs.
pub fn same_codes(now: &[KnownCode], want: &[KnownCode]) -> bool {
    now.len() == want.len() && now.iter().zip(want).all(|(a, b)| a.global == b.global && a.code == b.code)
}

/// Names the lenders of `borrowed` in the rules of the entities (and actor
/// mentions) that already carry those codes, lent: the article's codes,
/// events and everything read from them stay as they are.
pub fn reattribute(doc: &mut Doc, borrowed: &[KnownCode]) {
    for e in &mut doc.entities {
        let Some(k) = e.global_id.as_ref().and_then(|g| borrowed.iter().find(|k| k.global == g.as_str())) else {
            continue;
        };
        if !e.actor_rule.as_deref().is_some_and(|r| r.starts_with(LENT_RULE)) {
            continue;
        }
        let rule = format!("{LENT_RULE}{}", k.from.as_deref().unwrap_or(""));
        for a in doc.actors.iter_mut().filter(|a| a.entity == Some(e.id) && a.rule.starts_with(LENT_RULE)) {
            a.rule.clone_from(&rule);
        }
        e.actor_rule = Some(rule);
    }
}

/// Gives the entities of `doc` the codes it borrows (entities with a code
/// of their own keep it), and their mentions to the actor layer events
/// are coded from.
pub fn apply(doc: &mut Doc, borrowed: &[KnownCode]) {
    for e in &mut doc.entities {
        let Some(k) = e.global_id.as_ref().and_then(|g| borrowed.iter().find(|k| k.global == g.as_str())) else {
            continue;
        };
        if e.actor.is_some() {
            continue;
        }
        if e.country.is_none() && !k.code.starts_with("IGO") && !k.code.starts_with("NGO") {
            e.country = k.code.get(..3).map(str::to_string);
        }
        let rule = format!("{LENT_RULE}{}", k.from.as_deref().unwrap_or(""));
        for m in &e.mentions {
            doc.actors.push(ActorMention {
                span: m.span,
                code: k.code.to_string(),
                entity: Some(e.id),
                rule: rule.clone(),
            });
        }
        e.actor = Some(k.code.to_string());
        e.actor_rule = Some(rule);
    }
    doc.actors.sort_by_key(|a| (a.span.start(), std::cmp::Reverse(a.span.end())));
    doc.actors.dedup_by(|a, b| a.span == b.span);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(own: &[(&str, &str)], lacking: &[&str]) -> ActorCodes {
        ActorCodes {
            own: own.iter().map(|(g, c)| KnownCode { global: Sym::new(g), code: Sym::new(c), from: None }).collect(),
            lacking: lacking.iter().map(|g| Sym::new(g)).collect(),
            borrowed: vec![],
        }
    }

    fn date(s: &str) -> Option<Date> {
        s.parse().ok()
    }

    #[test]
    fn an_article_borrows_what_another_article_of_the_time_knows() {
        let a = codes(&[("P1", "CHNGOV")], &[]);
        let b = codes(&[], &["P1", "P2"]);
        let late = codes(&[], &["P1"]);
        let arts = [
            (Sym::new("a"), date("2020-02-01"), &a),
            (Sym::new("b"), date("2020-02-03"), &b),
            (Sym::new("late"), date("2024-06-01"), &late),
        ];
        let changes = lend(&arts);
        assert_eq!(changes.len(), 1, "only b changes: P2 is unknown, and 2024 is too far from 2020");
        assert_eq!(changes[0].0, 1);
        assert_eq!(changes[0].1, [KnownCode { global: "P1".into(), code: "CHNGOV".into(), from: Some("a".into()) }]);
        // Order does not matter.
        let rev = [arts[2], arts[1], arts[0]];
        let changes = lend(&rev);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].0, 1);
        assert_eq!(changes[0].1[0].code, "CHNGOV");
    }

    #[test]
    fn a_new_lender_is_named_and_nothing_else_changes() {
        use clio_model::{DocId, Entity, EntityType, InputFormat, Mention, MentionKind, Span};
        let span = Span::new(0, 5).unwrap();
        let entity = |id: u32, global: &str, actor: &str, rule: &str| Entity {
            id,
            name: format!("Name {id}"),
            etype: EntityType::Person,
            actor: Some(actor.into()),
            actor_rule: Some(rule.into()),
            country: None,
            roles: vec![],
            aliases: vec![],
            mentions: vec![Mention { span, kind: MentionKind::Name }],
            caption_mentions: vec![],
            place: None,
            link_key: String::new(),
            global_id: Some(global.into()),
        };
        let mut doc = Doc::new(DocId("d".into()), "d".into(), InputFormat::Text, String::new(), String::new());
        let lent = format!("{LENT_RULE}a");
        doc.entities = vec![entity(1, "P1", "USAGOV", &lent), entity(2, "P2", "FRA", "dictionary")];
        doc.actors = vec![
            ActorMention { span, code: "USAGOV".into(), entity: Some(1), rule: lent.clone() },
            ActorMention { span, code: "FRA".into(), entity: Some(2), rule: "dictionary".into() },
        ];
        let want = [KnownCode { global: Sym::new("P1"), code: Sym::new("USAGOV"), from: Some("e".into()) }];
        reattribute(&mut doc, &want);
        let named = format!("{LENT_RULE}e");
        assert_eq!(doc.entities[0].actor_rule.as_deref(), Some(named.as_str()));
        assert_eq!(doc.actors[0].rule, named);
        assert_eq!(doc.entities[0].actor.as_deref(), Some("USAGOV"), "the code stays");
        assert_eq!(doc.entities[1].actor_rule.as_deref(), Some("dictionary"), "its own codes are untouched");
        assert_eq!(doc.actors[1].rule, "dictionary");
        assert_eq!(ActorCodes::of(&doc).borrowed, want, "the features read the new lender");
    }

    #[test]
    fn the_code_most_articles_give_wins_and_what_is_borrowed_stays() {
        let a = codes(&[("P1", "USAGOV")], &[]);
        let b = codes(&[("P1", "USAGOV")], &[]);
        let c = codes(&[("P1", "USA")], &[]);
        let mut d = codes(&[], &["P1"]);
        let ids = ["a", "b", "c", "d"].map(Sym::new);
        let changes = lend(&[(ids[0], None, &a), (ids[1], None, &b), (ids[2], None, &c), (ids[3], None, &d)]);
        assert_eq!(changes[0].1[0].code, "USAGOV");
        // Once borrowed, a second pass changes nothing.
        d.borrowed = changes[0].1.clone();
        assert!(lend(&[(ids[0], None, &a), (ids[1], None, &b), (ids[2], None, &c), (ids[3], None, &d)]).is_empty());
        // A nearer lender of the same code is named, nothing else changes.
        let e = codes(&[("P1", "USAGOV")], &[]);
        let mut dated = d.clone();
        dated.borrowed[0].from = Some("a".into());
        let changes = lend(&[
            (ids[0], date("2020-01-01"), &a),
            (Sym::new("e"), date("2020-03-02"), &e),
            (ids[3], date("2020-03-01"), &dated),
        ]);
        assert_eq!(changes[0].1[0].from.as_deref(), Some("e"));
        assert!(same_codes(&dated.borrowed, &changes[0].1));
        // An article that loses its lender gives the code back.
        let alone = [(Sym::new("d"), None, &d)];
        assert_eq!(lend(&alone), [(0, vec![])]);
    }
}
