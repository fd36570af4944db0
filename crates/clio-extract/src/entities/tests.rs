use std::sync::{Arc, LazyLock};

use clio_lexicon::Lexicon;
use clio_model::{Doc, DocId, EntityType, InputFormat, Span};

use super::EntityStage;
use clio_model::Stage;

static STAGE: LazyLock<EntityStage> = LazyLock::new(|| EntityStage::new(Arc::new(Lexicon::bundled())));

/// Runs tokens, sentences and entities over paragraphs of text.
fn doc(text: &str) -> Doc {
    let mut d = Doc::new(DocId("t".into()), "t".into(), InputFormat::Text, text.into(), text.into());
    let mut at = 0;
    for p in text.split("\n\n") {
        d.paragraphs.push(Span::new(at, at + p.len()).unwrap());
        at += p.len() + 2;
    }
    clio_text::Tokenizer.run(&mut d);
    clio_text::SentenceSplitter.run(&mut d);
    STAGE.run(&mut d);
    d
}

fn entity<'a>(d: &'a Doc, name: &str) -> &'a clio_model::Entity {
    d.entities.iter().find(|e| e.name == name).unwrap_or_else(|| panic!("{name} not in {:?}", d.entities.iter().map(|e| &e.name).collect::<Vec<_>>()))
}

#[test]
fn title_and_country_code_a_person_the_dictionary_lacks() {
    let d = doc("Norwegian Foreign Minister Espen Barth Eide met reporters.");
    let e = entity(&d, "Espen Barth Eide");
    assert_eq!(e.etype, EntityType::Person);
    assert_eq!(e.actor.as_deref(), Some("NORGOV"));
    assert_eq!(e.actor_rule.as_deref(), Some("title + country"));
    assert_eq!(e.roles, ["Foreign Minister"]);
}
