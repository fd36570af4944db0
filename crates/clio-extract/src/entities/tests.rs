use std::sync::{Arc, LazyLock};

use clio_lexicon::Lexicon;
use clio_model::{Doc, DocId, EntityType, InputFormat, Span};

use super::EntityStage;
use clio_model::Stage;

static STAGE: LazyLock<EntityStage> =
    LazyLock::new(|| EntityStage::new(crate::testing::BUNDLED.clone(), crate::testing::LANGUAGE.clone()));

/// Runs tokens, sentences and entities over paragraphs of text.
fn doc(text: &str) -> Doc {
    let mut d = crate::testing::paragraphs(text);
    STAGE.run(&mut d);
    d
}

fn entity<'a>(d: &'a Doc, name: &str) -> &'a clio_model::Entity {
    d.entities
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("{name} not in {:?}", d.entities.iter().map(|e| &e.name).collect::<Vec<_>>()))
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

fn mentions(d: &Doc, name: &str) -> Vec<String> {
    entity(d, name).mentions.iter().map(|m| m.span.slice(&d.text).to_string()).collect()
}

#[test]
fn abbreviation_in_brackets_is_one_entity_with_later_mentions() {
    let d = doc("The Mekong River Commission (MRC) published new data on Monday. The MRC said levels were falling.");
    let e = entity(&d, "Mekong River Commission");
    assert_eq!(e.etype, EntityType::Org);
    assert_eq!(e.aliases, ["MRC"]);
    assert_eq!(mentions(&d, "Mekong River Commission"), ["Mekong River Commission", "MRC", "MRC"]);
}

#[test]
fn an_abbreviation_names_the_tail_whose_initials_spell_it() {
    let d = doc("She sits on the Standing Committee of the Liberal Democratic Party (LDP) in Tokyo.");
    assert_eq!(entity(&d, "Liberal Democratic Party").aliases, ["LDP"]);
    assert!(d.entities.iter().any(|e| e.name == "Standing Committee of the Liberal Democratic Party"));
}

#[test]
fn appositions_add_roles_and_an_organisation_gives_the_country() {
    let d = doc("Lena Holm, deputy director of the Swedish Maritime Administration, spoke first.\n\nHolm, also chair of the Baltic Safety Board, said the rules would change.");
    let e = entity(&d, "Lena Holm");
    assert_eq!(e.roles, ["deputy director of the Swedish Maritime Administration", "chair of the Baltic Safety Board"]);
    assert_eq!(e.actor.as_deref(), Some("SWEGOV"));
    assert_eq!(e.actor_rule.as_deref(), Some("role in a national organisation"));
    assert_eq!(mentions(&d, "Lena Holm"), ["Lena Holm", "Holm"]);
}

#[test]
fn a_speaker_for_an_international_organisation_takes_its_code() {
    let d = doc("The WHO Director-General Amara Diallo visited the clinic.");
    let e = entity(&d, "Amara Diallo");
    assert!(e.actor.as_deref().is_some_and(|c| c.starts_with("IGO") && c.ends_with("WHO")), "{:?}", e.actor);
    assert_eq!(e.roles, ["Director-General"]);
}

#[test]
fn surname_pronoun_and_latter_resolve_to_the_right_person() {
    let d = doc("Anna Berg spoke with Minister Tomas Lund by phone at the latter's request.\n\nLund thanked her. He said talks would go on.\n\nBerg agreed, she said.");
    // The possessive is a token of its own, not part of the mention.
    assert_eq!(mentions(&d, "Tomas Lund"), ["Tomas Lund", "the latter", "Lund", "He"]);
    assert_eq!(mentions(&d, "Anna Berg"), ["Anna Berg", "Berg", "she"]);
}

#[test]
fn a_pronoun_subject_is_the_subject_of_the_clause_that_governs_its_own() {
    // The latest person named is the plan's author; "he" goes back to the
    // one who said it, through "but" and through reported speech.
    let d = doc("Envoy Martin Falk said much had been expected of the plan drafted by Premier Lucia Moreno, but he warned it would not end the dispute.\n\nFalk said that Moreno had rejected the offer and that he would write to her.");
    assert_eq!(mentions(&d, "Martin Falk"), ["Martin Falk", "he", "Falk", "he"]);
    assert_eq!(mentions(&d, "Lucia Moreno"), ["Lucia Moreno", "Moreno"]);
    // With no person as the governing subject, the latest person it is.
    let d = doc("The ministry said Dana Kovac would lead the talks, and she agreed.");
    assert_eq!(mentions(&d, "Dana Kovac"), ["Dana Kovac", "she"]);
}

#[test]
fn a_council_named_after_a_region_is_its_states_body() {
    let d = doc("The Gulf Maritime Council agreed new shipping rules. The South African Maritime Council must still approve them.");
    let council = entity(&d, "Gulf Maritime Council");
    assert_eq!(council.actor.as_deref(), Some("IGOPGS"));
    assert_eq!(council.actor_rule.as_deref(), Some("region in the name + government head"));
    // A compass word before the region makes a country's adjective.
    let national = entity(&d, "Maritime Council");
    assert!(!national.actor.as_deref().is_some_and(|c| c.starts_with("IGO")), "{:?}", national.actor);
}

#[test]
fn a_person_with_no_name_who_speaks_after_a_named_one_takes_his_pronoun() {
    // "He" may be the spokesman: no named person's.
    let d = doc("Defence Minister Omar Haddad visited the base on Monday.\n\nAn army spokesman said the visit was routine. He said more visits would follow.");
    assert_eq!(mentions(&d, "Omar Haddad"), ["Omar Haddad"]);
    // A title the named person holds is that person again, and a subject
    // inside what is said is no new speaker.
    let d = doc("President Lina Sorell spoke on Monday.\n\nThe president said the minister was wrong. She said talks would go on.");
    assert_eq!(mentions(&d, "Lina Sorell"), ["Lina Sorell", "She"]);
    // Inside what the spokesman says, "he" is not the spokesman.
    let d = doc("Governor Sam Ortiz has not signed the bill.\n\n\"The bill is fine,\" the spokesman said. \"The question is whether he will sign it soon.\"");
    assert_eq!(mentions(&d, "Sam Ortiz"), ["Sam Ortiz", "he"]);
}

#[test]
fn the_former_is_the_earlier_of_the_last_two_people() {
    let d = doc("Paolo Rossi met Karin Weber in Rome. The former praised the deal.");
    assert_eq!(mentions(&d, "Paolo Rossi"), ["Paolo Rossi", "The former"]);
}

#[test]
fn definite_descriptions_resolve_to_the_latest_of_their_kind() {
    let d = doc("The European Commission met on Friday. Japan and Kenya sent envoys. The commission said the country would host the next round.");
    assert_eq!(mentions(&d, "European Commission"), ["European Commission", "The commission"]);
    assert_eq!(mentions(&d, "Kenya"), ["Kenya", "the country"]);
}

#[test]
fn two_people_with_one_surname_stay_two() {
    let d = doc("John Okafor met Grace Okafor, the finance minister, on Monday. Okafor said the budget was ready.");
    assert_ne!(entity(&d, "John Okafor").id, entity(&d, "Grace Okafor").id);
    assert_eq!(mentions(&d, "Grace Okafor"), ["Grace Okafor", "Okafor"], "the latest Okafor");
    assert_eq!(mentions(&d, "John Okafor"), ["John Okafor"]);
}

/// The article's actors as (text, code).
fn actor_codes(d: &Doc) -> Vec<(&str, &str)> {
    d.actors.iter().map(|a| (a.span.slice(&d.text), a.code.as_str())).collect()
}

#[test]
fn collective_actors_and_capitals_code_governments() {
    let d = doc("The Chinese side rejected the claim. Some US political figures disagreed. Later, Tokyo said it would respond, officials in Tokyo added.");
    let codes = actor_codes(&d);
    assert!(codes.contains(&("Chinese side", "CHNGOV")), "{codes:?}");
    assert!(codes.contains(&("US political figures", "USA")), "{codes:?}");
    assert!(codes.contains(&("Tokyo", "JPNGOV")), "{codes:?}");
    assert_eq!(
        codes.iter().filter(|(t, c)| *t == "Tokyo" && *c == "JPNGOV").count(),
        1,
        "'in Tokyo' is the place: {codes:?}"
    );
}

#[test]
fn a_countrys_possessed_collective_is_coded_as_the_collective_and_an_adjective_is_not_one() {
    let d = doc("Kenya's parliament voted on the bill. Peru's interim government met. Chile's official reserves rose.");
    let codes = actor_codes(&d);
    assert!(codes.contains(&("Kenya's parliament", "KENLEG")), "{codes:?}");
    assert!(codes.contains(&("Peru's interim government", "PERGOV")), "{codes:?}");
    assert!(!codes.iter().any(|(t, _)| t.contains("official")), "an adjective owns nothing: {codes:?}");
    assert!(codes.contains(&("Chile", "CHL")), "{codes:?}");
}

#[test]
fn a_body_of_the_state_named_after_its_country_is_that_countrys() {
    let d = doc("The Peruvian Foreign Ministry protested. Chile's Supreme Court ruled on Monday. \
                 Kenya's finance ministry said so. A Senate Peru committee aide spoke. \
                 A U.S. car assembly plant closed. British Airways cut fares.");
    let codes = actor_codes(&d);
    assert!(codes.contains(&("Peruvian Foreign Ministry", "PERGOV")), "{codes:?}");
    assert!(codes.contains(&("Chile's Supreme Court", "CHLJUD")), "{codes:?}");
    assert!(codes.contains(&("Kenya's finance ministry", "KENGOV")), "{codes:?}");
    assert!(!codes.iter().any(|(t, _)| t.contains("committee")), "a country inside another name: {codes:?}");
    assert!(!codes.iter().any(|(t, _)| t.contains("assembly")), "an assembly plant is no legislature: {codes:?}");
    assert!(codes.contains(&("British Airways", "GBRBUS")), "{codes:?}");
}

#[test]
fn an_organisation_named_after_its_country_the_recogniser_broke_is_one_name() {
    // The recogniser names "Nigerian" and "Union" apart; the run through
    // "of" is one organisation, with its abbreviation.
    let d = doc("The Nigerian Union of Teachers (NUT) called off its strike. NUT leaders met on Monday.");
    let org = d.entities.iter().find(|e| e.name == "Nigerian Union of Teachers");
    assert!(org.is_some_and(|o| o.etype == EntityType::Org), "{:?}", d.entities);
    let codes = actor_codes(&d);
    assert!(codes.contains(&("Nigerian Union of Teachers", "NGA")), "{codes:?}");
    assert!(codes.contains(&("NUT", "NGA")), "{codes:?}");
}

#[test]
fn a_role_the_agents_dictionary_codes_after_a_name_gives_the_person_its_country_and_role() {
    let d = doc("Amina Odhiambo, Kenya's leading human rights activist, was arrested. \
                 Peter Mwangi, a Kenyan farmer, spoke. \
                 Carlos Ruiz, speaking to reporters after a visit to the World Bank, left.");
    let codes = actor_codes(&d);
    assert!(codes.contains(&("Amina Odhiambo", "KENOPP")), "{codes:?}");
    assert!(codes.contains(&("Peter Mwangi", "KENAGR")), "{codes:?}");
    assert!(!codes.iter().any(|(t, _)| *t == "Carlos Ruiz"), "speaking is no role: {codes:?}");
}

#[test]
fn a_titled_persons_surname_goes_on_through_its_particle() {
    // The dictionary lists him as "OMAR_HASSAN_AHMAD AL_BASHIR": found
    // by a middle name and the surname with its particle.
    for text in [
        "President Omar Hassan al-Bashir arrived in Cairo on Monday.",
        "President Omar Hassan al-Bashir has taken steps to enhance freedoms.",
    ] {
        let d = doc(text);
        let sudanese = d.entities.iter().any(|e| {
            e.name == "Omar Hassan al-Bashir"
                && e.etype == EntityType::Person
                && e.actor.as_deref().is_some_and(|a| a.starts_with("SDN"))
        });
        assert!(sudanese, "{text}: {:?}", d.entities);
    }
}

#[test]
fn ethiopia_and_its_names_spelt_one_letter_off_are_the_country() {
    // ETH is Ethiopia's code, not only CAMEO's ethnic type; the dictionary
    // lists "Ethopia" among Ethiopia's names, beside its towns.
    let d = doc("Ethopia closed the border. Ethiopian troops crossed it.");
    let codes = actor_codes(&d);
    assert!(codes.contains(&("Ethopia", "ETH")), "{codes:?}");
    assert!(codes.contains(&("Ethiopian troops", "ETHMIL")), "{codes:?}");
}

#[test]
fn forces_a_country_leads_are_its_own_and_those_it_backs_are_not() {
    let d = doc("Kenyan-led troops crossed the river. Ugandan-backed militias fled.");
    let codes = actor_codes(&d);
    assert!(codes.contains(&("Kenyan-led troops", "KENMIL")), "{codes:?}");
    assert!(!codes.iter().any(|(t, _)| t.contains("militias")), "{codes:?}");
}

#[test]
fn a_counterpart_holds_the_role_of_the_person_it_is_relative_to() {
    let d = doc("French President Anne Moreau and her Italian counterpart Luca Bianchi spoke on Friday.");
    let e = entity(&d, "Luca Bianchi");
    assert_eq!(e.roles, ["President"]);
    assert_eq!(e.actor.as_deref(), Some("ITAGOV"));
}

#[test]
fn places_get_their_country_and_coordinates() {
    let d = doc("Floods hit Wuhan in central China's Hubei Province.");
    let w = entity(&d, "Wuhan");
    assert_eq!((w.etype, w.country.as_deref()), (EntityType::Loc, Some("CHN")));
    assert!(w.place.as_ref().is_some_and(|p| (p.lat - 30.58).abs() < 0.1 && p.fips == "CH"));
    assert_eq!(entity(&d, "Hubei").country.as_deref(), Some("CHN"));
}

#[test]
fn sentence_openers_and_dates_are_not_names() {
    let d = doc("Speaking on Monday, officials said March would be dry. Given the drought, Reuters reported.");
    let names: Vec<&str> = d.entities.iter().map(|e| e.name.as_str()).collect();
    assert!(
        !names
            .iter()
            .any(|n| n.contains("Speaking") || n.contains("Monday") || n.contains("March") || n.contains("Given")),
        "{names:?}"
    );
}

fn doc_with(stage: &EntityStage, text: &str, date: Option<jiff::civil::Date>) -> Doc {
    let mut d = Doc::new(DocId("t".into()), "t".into(), InputFormat::Text, text.into(), text.into());
    d.paragraphs.push(Span::new(0, text.len()).unwrap());
    d.date.value = date;
    clio_text::Tokenizer.run(&mut d);
    clio_text::SentenceSplitter.run(&mut d);
    crate::testing::LANGUAGE.run(&mut d);
    stage.run(&mut d);
    d
}

#[test]
fn a_place_of_a_state_since_dissolved_takes_its_code_before_the_dissolution() {
    let d = |y| jiff::civil::Date::new(y, 6, 1).ok();
    let code = |text: &str, y, name: &str| {
        let doc = doc_with(&STAGE, text, d(y));
        let e = doc.entities.iter().find(|e| e.name == name).cloned();
        e.and_then(|e| e.actor).unwrap_or_default()
    };
    let text = "Wheat traders met in Novosibirsk on Tuesday.";
    assert_eq!(code(text, 1987, "Novosibirsk"), "SUNRUS");
    assert_eq!(code(text, 2005, "Novosibirsk"), "RUS");
    assert_eq!(code("Talks were held in Zagreb on Tuesday.", 1990, "Zagreb"), "YUGHRV");
    assert_eq!(code("Talks were held in Bratislava on Tuesday.", 1989, "Bratislava"), "CSK");
}

#[test]
fn a_body_named_by_its_head_alone_is_the_one_named_with_its_country() {
    let d = doc("DAMASCUS, Oct 20 - On Monday U.S. Navy warships shelled the platform, and Navy personnel stormed a second one.");
    let navy = d.entities.iter().find(|e| e.name == "Navy").map(|e| e.actor.clone());
    assert_eq!(navy, Some(Some("USAMIL".to_string())), "{:?}", d.entities);
}

#[test]
fn dictionary_codes_follow_the_article_date_and_titles_override_outdated_roles() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("Test.actors.txt"),
        "NORLAND_ [NRL]\n+NORLANDIC_\nLARS_OLSEN_\n\t[NRLGOV 100101-151231]\n\t[NRLOPP >160101]\nERIK_DAHL_\n\t[NRLBUS]\n",
    )
    .unwrap();
    let files = clio_lexicon::DictFiles::read_dir(dir.path()).unwrap();
    let stage = EntityStage::new(Arc::new(Lexicon::with_files(&files)), crate::testing::LANGUAGE.clone());
    let d = |y| jiff::civil::Date::new(y, 6, 1).ok();
    let at = |y| doc_with(&stage, "Lars Olsen spoke in the capital.", d(y)).entities[0].actor.clone();
    assert_eq!(at(2012).as_deref(), Some("NRLGOV"));
    assert_eq!(at(2019).as_deref(), Some("NRLOPP"));
    let t = doc_with(&stage, "Norlandic President Erik Dahl spoke.", d(2020));
    let e = t.entities.iter().find(|e| e.name == "Erik Dahl").unwrap();
    assert_eq!(e.actor.as_deref(), Some("NRLGOV"));
    assert_eq!(e.actor_rule.as_deref(), Some("title + country (dictionary role outdated)"));
}

#[test]
fn an_undated_surname_fixes_the_country_and_the_title_the_role() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("Test.actors.txt"),
        "NORLAND_ [NRL]\nKARL_VASKEL_\n\t[NRLGOV 700101-000610]\nINGRID_VASKEL_\n\t[NRLGOV >000717]\n\
         TOVESEN_\n\t[NRLELI 600101-700312]\n\t[NRLGOV 700313-980521]\n\
         ANNA_HOLM_\n\t[NRLGOV 700101-800101]\nPER_HOLM_\n\t[SWEGOV 700101-800101]\n",
    )
    .unwrap();
    let files = clio_lexicon::DictFiles::read_dir(dir.path()).unwrap();
    let stage = EntityStage::new(Arc::new(Lexicon::with_files(&files)), crate::testing::LANGUAGE.clone());
    let actor = |text: &str, name: &str| {
        let d = doc_with(&stage, text, None);
        d.entities.iter().find(|e| e.name == name).and_then(|e| e.actor.clone())
    };
    // Two people of one surname, both of Norland: which one is open, the
    // country and (from the title) the role are not.
    assert_eq!(actor("Protesters marched against President Vaskel on Sunday.", "Vaskel").as_deref(), Some("NRLGOV"));
    // Without a title a surname alone may be anyone's (a firm's short name).
    assert_eq!(actor("Vaskel said sales rose.", "Vaskel"), None);
    // One person whose offices differ in role: undated, the country, and the
    // title gives the role.
    assert_eq!(actor("Students protested against President Tovesen.", "Tovesen").as_deref(), Some("NRLGOV"));
    // Two people of one surname in two countries fix no country.
    assert_eq!(actor("Demonstrators booed President Holm.", "Holm"), None);
}

#[test]
fn caption_names_are_kept_apart_from_the_text() {
    let raw = "Ministers met in Oslo on Monday to sign the pact.\nPresident Ilse Berger (L) greets guests in Vienna. (Example/Jo Lee)\nBerger said the pact was fair.";
    let mut d = Doc::new(DocId("c".into()), "c".into(), InputFormat::Text, raw.into(), String::new());
    let kept = [(0usize, 49usize), (117, raw.len())];
    for (a, b) in kept {
        if !d.text.is_empty() {
            d.text.push_str("\n\n");
        }
        let at = d.text.len();
        d.text.push_str(&raw[a..b]);
        d.paragraphs.push(Span::new(at, d.text.len()).unwrap());
    }
    d.removed.push(clio_model::Removal {
        raw: Span::new(50, 116).unwrap(),
        reason: clio_model::RemovalReason::PhotoCaption,
    });
    clio_text::Tokenizer.run(&mut d);
    clio_text::SentenceSplitter.run(&mut d);
    crate::testing::LANGUAGE.run(&mut d);
    STAGE.run(&mut d);
    let vienna = entity(&d, "Vienna");
    assert!(vienna.mentions.is_empty());
    assert_eq!(vienna.caption_mentions.iter().map(|s| s.slice(&d.raw)).collect::<Vec<_>>(), ["Vienna"]);
    assert!(d.actors.iter().all(|a| a.span.end() <= d.text.len()));
}

/// Names of a kind, as (name, kind) pairs.
fn of_type(d: &Doc, t: EntityType) -> Vec<String> {
    d.entities.iter().filter(|e| e.etype == t).map(|e| e.name.clone()).collect()
}

#[test]
fn events_products_teams_and_photo_labels_are_not_people() {
    let d = doc("FILE PHOTO: Fans wait outside the stadium.\n\nThe Copa Libertadores final drew a record crowd as Boca Juniors beat River Plate. Samsung unveiled the Galaxy Fold on Tuesday.");
    let people = of_type(&d, EntityType::Person);
    assert!(people.is_empty(), "{people:?}");
    assert!(!d.entities.iter().any(|e| e.name.contains("FILE")), "{:?}", d.entities);
}

#[test]
fn a_lower_case_word_inside_a_title_does_not_make_a_person_of_the_title() {
    let d = doc("Swedish Foreign ministry spokeswoman Karin Lund said the talks had stalled.");
    assert_eq!(of_type(&d, EntityType::Person), ["Karin Lund"]);
    assert_eq!(entity(&d, "Karin Lund").country.as_deref(), Some("SWE"));
}

#[test]
fn a_name_does_not_swallow_the_line_before_it() {
    let d = doc("Updated 4:15 PM EDT\n\nMarta Kowalski\n\nThe council voted on Monday, Kowalski said.");
    assert_eq!(of_type(&d, EntityType::Person), ["Marta Kowalski"]);
    assert_eq!(mentions(&d, "Marta Kowalski"), ["Marta Kowalski", "Kowalski"]);
}

#[test]
fn a_surname_that_is_also_a_country_is_the_person_after_the_full_name() {
    let d = doc("Rep. Daniel Chad of Ohio criticised the bill. Chad said the vote would fail.");
    let p = entity(&d, "Daniel Chad");
    assert_eq!(p.etype, EntityType::Person);
    assert_eq!(mentions(&d, "Daniel Chad"), ["Daniel Chad", "Chad"]);
    assert!(!d.entities.iter().any(|e| e.country.as_deref() == Some("TCD")), "no Chad the country: {:?}", d.entities);
}

#[test]
fn facilities_named_after_places_are_not_those_countries() {
    let d = doc("Doctors at Mount Sinai Hospital in New York treated the patients.");
    let h = entity(&d, "Mount Sinai Hospital");
    assert_eq!(h.etype, EntityType::Org);
    assert_ne!(h.country.as_deref(), Some("EGY"));
    assert!(!d.entities.iter().any(|e| e.name == "Egypt"));
}

#[test]
fn roles_in_lower_case_and_in_apposition_are_titles_a_former_office_is_not() {
    let d = doc("Chilean minister Tomas Ferrada spoke. The Kenyan army spokesman, Paul Njoroge, said troops left.");
    assert_eq!(entity(&d, "Tomas Ferrada").actor.as_deref(), Some("CHLGOV"));
    assert_eq!(entity(&d, "Paul Njoroge").actor.as_deref(), Some("KENMIL"), "a spokesman speaks for the army");
    let d = doc("Paul Kamau, Kenya's army spokesman, said troops had left.");
    assert_eq!(entity(&d, "Paul Kamau").actor.as_deref(), Some("KENMIL"));
    let d = doc("John Otieno, a former Kenyan minister, said nothing.");
    let e = entity(&d, "John Otieno");
    assert_eq!(e.roles, ["former Kenyan minister"]);
    assert_ne!(e.actor.as_deref(), Some("KENGOV"), "no longer in government");
}

#[test]
fn a_dictionary_name_written_with_its_title_keeps_the_title_and_a_surname_alone_finds_its_person() {
    // Phoenix writes ISRAELI_PRIME_MINISTER_EHUD_BARAK beside EHUD_BARAK_:
    // the title and the country are read as such.
    let d = doc("Israeli Prime Minister Ehud Barak met reporters.");
    let e = entity(&d, "Ehud Barak");
    assert_eq!(e.roles, ["Prime Minister"]);
    assert!(e.actor.as_deref().is_some_and(|c| c.starts_with("ISR")), "{:?}", e.actor);
    // A surname alone that only one dictionary person bears.
    let d = doc("Arafat met reporters.");
    assert!(entity(&d, "Arafat").actor.as_deref().is_some_and(|c| c.starts_with("PSE")));
}

#[test]
fn a_town_in_an_organisation_name_gives_no_country_but_a_country_word_does() {
    let d = doc("Lyon Trading Co said it would buy Bank of Norway Holdings Ltd on Monday. The United Nations Refugee Office welcomed the deal.");
    let town = entity(&d, "Lyon Trading Co");
    assert_eq!(town.country, None, "a town names companies of many countries");
    assert_eq!(town.actor, None);
    assert_eq!(entity(&d, "Bank of Norway Holdings Ltd").actor.as_deref(), Some("NORBUS"));
    let body = entity(&d, "United Nations Refugee Office");
    assert_eq!(body.actor.as_deref(), Some("IGOUNO"));
    assert_eq!(body.actor_rule.as_deref(), Some("international organisation its name begins with"));
}

#[test]
fn a_titled_name_one_letter_longer_or_shorter_is_the_dictionary_person() {
    let d = doc("Secretary of State George Schultz arrived in Cairo on Monday.");
    let e = entity(&d, "George Schultz");
    assert_eq!(e.actor.as_deref().map(|c| &c[..3]), Some("USA"));
    assert_eq!(e.actor_rule.as_deref(), Some("dictionary, spelt one letter off"));
    // A changed letter makes another name, not a misspelt one.
    let d = doc("Secretary of State George Shultx arrived in Cairo on Monday.");
    assert_ne!(entity(&d, "George Shultx").actor_rule.as_deref(), Some("dictionary, spelt one letter off"));
}

#[test]
fn an_organisation_before_a_title_is_the_persons_and_gives_its_branch() {
    // "Court", "Board", "Senate": the organisation ends before the title;
    // the person after it belongs to it, and takes its branch.
    let d = doc("Ugandan Supreme Court Justice Mary Achieng ruled on the appeal.");
    let p = entity(&d, "Mary Achieng");
    assert_eq!(p.etype, EntityType::Person);
    assert_eq!(p.roles, ["Justice"]);
    assert_eq!(p.actor.as_deref(), Some("UGAJUD"));
    assert_eq!(entity(&d, "Ugandan Supreme Court").etype, EntityType::Org);
    let d = doc("Senate Majority Leader Tom Okello said the bill would pass.");
    let p = entity(&d, "Tom Okello");
    assert_eq!(p.roles, ["Majority Leader"]);
    assert!(p.actor.as_deref().is_some_and(|a| a.starts_with("USA") && a.ends_with("LEG")), "{:?}", p.actor);
    // An organisation named in full before is the one its shorter name
    // before a title is.
    let d = doc("The Kisumu Police Department opened an inquiry. Kisumu Police Chief Peter Ouma led it.");
    assert_eq!(entity(&d, "Kisumu Police Department").mentions.len(), 2);
    assert!(!d.entities.iter().any(|e| e.name == "Kisumu Police"), "{:?}", d.entities);
    assert_eq!(entity(&d, "Peter Ouma").roles, ["Chief"]);
    // A company's name with a title's word inside is no person.
    let d = doc("Continental General Insurance Co said it would buy the firm.");
    assert!(!d.entities.iter().any(|e| e.etype == EntityType::Person), "{:?}", d.entities);
    // A title's own words before it are no organisation.
    let d = doc("Kenyan Labour Minister Ann Wanjiru met the unions.");
    assert!(!d.entities.iter().any(|e| e.name == "Labour"), "{:?}", d.entities);
    assert!(entity(&d, "Ann Wanjiru").actor.as_deref().is_some_and(|a| a.starts_with("KENGOV")));
}

#[test]
fn a_titles_last_word_names_the_role_the_words_before_qualify_it() {
    // The agents dictionary makes a deputy alone a policeman (DEPUTY
    // [~COP]); a deputy under secretary is a secretary.
    let d = doc("Kenyan Deputy Under Secretary Paul Otieno spoke on Monday.");
    assert_eq!(entity(&d, "Paul Otieno").actor.as_deref(), Some("KENGOV"));
}

#[test]
fn a_nationality_joined_to_language_names_a_language_not_a_country() {
    let d = doc("The senator spoke on Spanish-language radio and to French-speaking voters.");
    assert!(!d.entities.iter().any(|e| e.actor.is_some()), "{:?}", d.entities);
    assert!(d.actors.is_empty(), "{:?}", d.actors);
    // A nationality alone is still its country.
    let d = doc("The Spanish minister spoke on the radio.");
    assert!(d.actors.iter().any(|a| a.code.starts_with("ESP")), "{:?}", d.actors);
}

#[test]
fn a_surname_seen_first_alone_is_the_person_named_in_full_later() {
    // A headline names a judge by her surname; the article then names her
    // in full. The dictionary's one "Ginsburg" (a Costa Rican office-holder)
    // is not her.
    let d = doc("Lawyers say Ginsburg should stay.\n\nThe lawyers praised Judge Ruth Ginsburg of New York on Monday.");
    let p = entity(&d, "Ruth Ginsburg");
    assert_eq!(p.mentions.len(), 2);
    assert!(!p.actor.as_deref().is_some_and(|a| a.starts_with("CRI")), "{:?}", p.actor);
    assert!(!d.entities.iter().any(|e| e.name == "Ginsburg"), "{:?}", d.entities);
}

#[test]
fn a_full_name_without_the_dictionarys_middle_initial_is_its_person() {
    // The dictionary writes CLAYTON_K._YEUTTER_; the text "Clayton Yeutter".
    let d = doc("Clayton Yeutter met Kenyan officials in Nairobi.");
    assert_eq!(entity(&d, "Clayton Yeutter").actor_rule.as_deref(), Some("dictionary"));
    // A middle name left out may be another person's: the dictionary's
    // John Hilary Smith is not this spokesman.
    let d = doc("John Smith, a spokesman for the Kenyan army, spoke on Monday.");
    assert_ne!(entity(&d, "John Smith").actor_rule.as_deref(), Some("dictionary"));
}

#[test]
fn a_dictionary_person_in_an_office_the_text_gives_takes_its_branch() {
    // The dictionary has Clayton Yeutter; here he heads a Kenyan court, so
    // the court's branch (JUD), not the dictionary's role, is his now.
    let d = doc("Kenyan Supreme Court Justice Clayton Yeutter ruled on Monday.");
    let p = entity(&d, "Clayton Yeutter");
    assert!(p.actor.as_deref().is_some_and(|a| a.ends_with("JUD")), "{:?}", p.actor);
}

#[test]
fn an_organisation_of_one_word_before_a_title_is_the_persons() {
    // "Bankfirst President", "Treasury Secretary": a name of one word the
    // recogniser calls an organisation, then a title and a person's name.
    let d = doc("Kenbank President Paul Otieno raised interest rates on Monday.");
    let p = entity(&d, "Paul Otieno");
    assert_eq!(p.etype, EntityType::Person);
    assert_eq!(p.roles, ["President"]);
    assert_eq!(entity(&d, "Kenbank").etype, EntityType::Org);
    // Without a country, a president of a bank is no head of state.
    assert_eq!(p.actor, None);
    // Words joined to it by "and" describe something else: "Japanese
    // officials" make neither the bank nor its president Japanese.
    let d = doc("Japanese officials and Kenbank President Paul Otieno met on Monday.");
    assert_eq!(entity(&d, "Kenbank").actor, None);
    assert_eq!(entity(&d, "Paul Otieno").actor, None);
}

#[test]
fn a_country_before_the_lower_case_words_of_a_title_gives_its_office() {
    // The capitals start at "Foreign Minister"; the adjective before
    // "acting" still says whose minister.
    let d = doc("Reporters said Chilean acting Foreign Minister Ana Rojas met them.");
    let p = entity(&d, "Ana Rojas");
    assert_eq!(p.actor.as_deref(), Some("CHLGOV"), "{p:?}");
    // "West German": the two-word adjective of a country.
    let d = doc("West German Finance Minister Karl Brandt met reporters.");
    let p = entity(&d, "Karl Brandt");
    assert_eq!(p.actor.as_deref(), Some("DEUGOV"), "{p:?}");
    assert_eq!(p.roles, ["Finance Minister"]);
}

#[test]
fn the_country_is_the_latest_named_as_a_noun_before_one_named_by_an_adjective() {
    let d = doc("Kenya signed a deal with British and German firms to expand the country's ports.");
    assert_eq!(mentions(&d, "Kenya"), ["Kenya", "the country"]);
    // With only an adjective before it, the adjective's country.
    let d = doc("Chilean officials said the country would act.");
    assert_eq!(mentions(&d, "Chile"), ["Chilean", "the country"]);
}

#[test]
fn a_region_and_a_club_are_not_the_countries_inside_their_names() {
    // "Latin American" is the region (CAMEO's LAM), not "American".
    let d = doc("Latin American nations delayed the vote.");
    assert!(!actor_codes(&d).iter().any(|(_, c)| c.starts_with("USA")), "{:?}", actor_codes(&d));
    assert_eq!(entity(&d, "Latin America").actor.as_deref(), Some("LAM"));
    // "New England" is in the United States, not England.
    let d = doc("Snow fell across New England on Monday.");
    assert!(!actor_codes(&d).iter().any(|(_, c)| c.starts_with("GBR")), "{:?}", actor_codes(&d));
    // A club is an organisation; a town in its name is not its country.
    let d = doc("The minister spoke to the Commonwealth Club of Nairobi.");
    let club = entity(&d, "Commonwealth Club");
    assert_eq!((club.etype, club.actor.as_deref()), (EntityType::Org, None));
}

#[test]
fn an_arabic_article_in_lower_case_opens_a_name_the_dictionary_knows() {
    let d = doc("The attack was claimed by an al Qaeda affiliate.");
    let e = entity(&d, "al Qaeda");
    assert_eq!((e.etype, e.actor.as_deref()), (EntityType::Org, Some("IMGMUSALQ")));
}

#[test]
fn an_organisation_the_dictionary_knows_before_a_title_is_the_persons() {
    // The recogniser read it all as one name of another kind.
    let d = doc("NATO Secretary-General Ana Rojas met reporters.");
    let p = entity(&d, "Ana Rojas");
    assert_eq!((p.etype, p.actor.as_deref()), (EntityType::Person, Some("IGOWSTNAT")));
    assert_eq!(p.roles, ["Secretary-General"]);
    // A longer dictionary phrase ran over the organisation's name ("UN
    // Secretary-General" is one too): the name read alone is the UN's.
    let d = doc("UN Secretary-General Ana Rojas met reporters.");
    assert_eq!(entity(&d, "UN").actor.as_deref(), Some("IGOUNO"));
    assert_eq!(entity(&d, "Ana Rojas").actor.as_deref(), Some("IGOUNO"));
    // A news agency's name before a title gives no government's code.
    let d = doc("Lopez told Reuters Finance Minister Ana Rojas had agreed.");
    assert!(entity(&d, "Ana Rojas").actor.as_deref().is_none_or(|a| !a.starts_with("MED")), "{:?}", d.entities);
}

#[test]
fn a_countrys_office_in_lower_case_is_no_body_of_its_state() {
    let d = doc("Reuters opened its Kenyan office on Monday.");
    assert!(!actor_codes(&d).iter().any(|(_, c)| *c == "KENGOV"), "{:?}", actor_codes(&d));
    let d = doc("The Kenyan Foreign Ministry protested.");
    assert!(actor_codes(&d).iter().any(|(_, c)| *c == "KENGOV"), "{:?}", actor_codes(&d));
}

#[test]
fn an_abbreviation_names_the_organisation_not_a_president_whose_initials_spell_it() {
    // The dictionaries list the European Commission (IGOEUREEC) and, with
    // dated codes, presidents of the council whose initials are also "EC".
    let d = doc("The EC Commission proposed new levies on maize imports on Tuesday.\n\nEC officials said the levies would be reviewed.");
    let org = entity(&d, "EC Commission");
    assert_eq!(org.actor.as_deref(), Some("IGOEUREEC"), "{org:?}");
    let ec = d.entities.iter().find(|e| e.aliases.iter().any(|a| a == "EC") || e.name == "EC");
    assert!(ec.is_none_or(|e| e.etype == EntityType::Org && e.actor.as_deref() == Some("IGOEUREEC")), "{ec:?}");
}

#[test]
fn the_head_of_an_organisation_named_before_is_that_organisation() {
    let d = doc("The Andean Fisheries Commission set new catch limits on Monday.\n\nThe Commission said the limits would hold for two years.");
    assert_eq!(mentions(&d, "Andean Fisheries Commission"), ["Andean Fisheries Commission", "Commission"]);
    assert!(!d.entities.iter().any(|e| e.name == "Commission"));
    // Another organisation's head is not it.
    let d = doc(
        "The Andean Fisheries Commission set new catch limits on Monday.\n\nThe Peruvian Trade Commission objected.",
    );
    assert_eq!(mentions(&d, "Andean Fisheries Commission"), ["Andean Fisheries Commission"]);
    // With no organisation of that head before, it stays an organisation of its own.
    let d = doc("The Commission set new catch limits on Monday.");
    assert!(d.entities.iter().any(|e| e.name == "Commission"), "{:?}", d.entities);
}

#[test]
fn a_countrys_treasury_before_a_title_is_the_officials_government() {
    let d = doc("Chilean Treasury Secretary Ana Rojas said on Monday the peso was stable.\n\nThe Treasury declined to comment further.");
    let p = entity(&d, "Ana Rojas");
    assert_eq!(p.etype, EntityType::Person);
    assert_eq!(p.actor.as_deref(), Some("CHLGOV"), "{p:?}");
}

#[test]
fn an_organisations_debt_is_no_mention_of_it() {
    let d = doc("The central bank said it would sell 500 million pesos of Treasury bills on Monday.");
    assert!(!d.entities.iter().any(|e| e.name.contains("Treasury")), "{:?}", d.entities);
}

#[test]
fn a_title_of_two_portfolios_is_one_title() {
    let d = doc("Chile's Trade and Industry Minister Tomas Irarrazaval Lira told the meeting the talks had failed.");
    let p = entity(&d, "Tomas Irarrazaval Lira");
    assert_eq!(p.etype, EntityType::Person);
    assert_eq!(p.roles, ["Trade and Industry Minister"]);
    // (The dictionary's INDUSTRY_MINISTER is GOVBUS.)
    assert_eq!(p.actor.as_deref(), Some("CHLGOVBUS"), "{p:?}");
    assert!(!d.entities.iter().any(|e| e.name == "Trade"), "{:?}", d.entities);
    let d = doc("Chile's Industry and Foreign Trade Secretary Tomas Irarrazaval Lira told reporters.");
    assert_eq!(entity(&d, "Tomas Irarrazaval Lira").actor.as_deref(), Some("CHLGOV"));
}

#[test]
fn a_country_owning_a_title_gives_the_office() {
    let d = doc("Chile's Foreign Minister Tomas Irarrazaval Lira told the meeting the talks had failed.");
    assert_eq!(entity(&d, "Tomas Irarrazaval Lira").actor.as_deref(), Some("CHLGOV"));
}

#[test]
fn an_organisations_head_alone_in_a_quote_is_the_organisation() {
    let d = doc("The Andean Development Fund lent Peru 40 million dollars.\n\nKovacs said: \"The Fund suggested it would be good to cut spending.\"");
    assert!(!d.entities.iter().any(|e| e.name == "Fund"), "{:?}", d.entities);
    assert_eq!(mentions(&d, "Andean Development Fund"), ["Andean Development Fund", "Fund"]);
}

#[test]
fn a_capital_before_a_common_noun_names_a_place_not_a_government() {
    let d = doc("The Nairobi accord was praised. Trading in Nairobi was slow. Nairobi said it would reply. Nairobi radio said the talks had failed.");
    let codes = actor_codes(&d);
    // "the Nairobi accord": where it was agreed; no actor at all.
    let accord = d.text.find("Nairobi accord").unwrap();
    assert!(!d.actors.iter().any(|a| a.span.start() == accord), "{codes:?}");
    // The capital as subject, and before a broadcaster, is the state's.
    assert_eq!(codes.iter().filter(|(t, c)| *t == "Nairobi" && *c == "KENGOV").count(), 2, "{codes:?}");
    // The place stays an entity with all four mentions.
    assert_eq!(mentions(&d, "Nairobi").len(), 4);
}

#[test]
fn a_place_before_a_title_gives_the_office_its_country() {
    let d = doc("Kampala Finance Minister John Okello told reporters the budget was ready.");
    assert_eq!(entity(&d, "John Okello").actor.as_deref(), Some("UGAGOV"));
}

#[test]
fn a_country_before_a_currency_says_whose_money_and_is_no_actor() {
    let d = doc("Kenya bought 300 mln U.S. dlrs of bonds and 20 mln Canadian dollars from Uganda.");
    let codes = actor_codes(&d);
    assert!(!codes.iter().any(|(_, c)| c.starts_with("USA") || c.starts_with("CAN")), "{codes:?}");
    assert!(codes.contains(&("Uganda", "UGA")), "{codes:?}");
    // A word of a currency that is a verb there is no currency.
    let d = doc("Britain marks the anniversary of the treaty with France.");
    assert!(actor_codes(&d).contains(&("Britain", "GBR")), "{:?}", actor_codes(&d));
}

#[test]
fn a_capitalised_conjunction_after_an_abbreviation_joins_two_names() {
    let d = doc(
        "Talks between the U.S. And Kenya resumed. United Food And Commercial Workers said the strike would go on.",
    );
    let codes = actor_codes(&d);
    assert!(codes.contains(&("U.S.", "USA")), "{codes:?}");
    assert!(codes.contains(&("Kenya", "KEN")), "{codes:?}");
    assert!(!codes.iter().any(|(t, _)| t.contains("And Kenya")), "{codes:?}");
    // Inside a name the conjunction stays.
    assert!(d.entities.iter().any(|e| e.name == "United Food And Commercial Workers"), "{:?}", d.entities);
}

#[test]
fn a_ministers_portfolio_qualifies_a_government_office() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("Test.actors.txt"), "NORLAND_ [NRL]\nKARL_NORD_\n\t[NRLGOV 850101-891231]\n")
        .unwrap();
    let files = clio_lexicon::DictFiles::read_dir(dir.path()).unwrap();
    let stage = EntityStage::new(Arc::new(Lexicon::with_files(&files)), crate::testing::LANGUAGE.clone());
    let date = jiff::civil::Date::new(1987, 6, 1).ok();
    let d = doc_with(&stage, "Karl Nord, secretary for trade and industry, said the talks had failed.", date);
    // Government, and the business portfolio; never business alone.
    assert_eq!(entity(&d, "Karl Nord").actor.as_deref(), Some("NRLGOVBUS"));
}

#[test]
fn ministers_of_the_eighties_are_in_the_roster() {
    let date = jiff::civil::Date::new(1987, 3, 1).ok();
    let d = doc_with(&STAGE, "Nigel Lawson told parliament the budget would cut taxes.", date);
    let e = entity(&d, "Nigel Lawson");
    assert_eq!(e.actor.as_deref(), Some("GBRGOV"));
    assert_eq!(e.actor_rule.as_deref(), Some("dictionary"));
}

#[test]
fn a_dateline_in_capitals_is_where_the_story_was_filed() {
    let d = doc(
        "Talks went on.\n\nNAIROBI - Uganda closed the border.\n\nNairobi - which had warned Kampala - sent troops.",
    );
    let codes = actor_codes(&d);
    assert!(!codes.iter().any(|(t, _)| *t == "NAIROBI"), "{codes:?}");
    assert!(codes.contains(&("Nairobi", "KENGOV")), "{codes:?}");
    assert!(d.entities.iter().any(|e| e.name == "NAIROBI" || e.name == "Nairobi"), "{:?}", d.entities);
}

#[test]
fn a_plural_title_goes_to_each_name_joined_after_it() {
    let d = doc("Foreign Ministers Ann Lee of Kenya and Tom Okello of Uganda met in Nairobi.");
    assert_eq!(entity(&d, "Ann Lee").actor.as_deref(), Some("KENGOV"));
    assert_eq!(entity(&d, "Tom Okello").actor.as_deref(), Some("UGAGOV"), "the country after each name is its own");
    let d = doc("Kenyan Presidents Ann Lee and Tom Okello attended the ceremony.");
    assert_eq!(entity(&d, "Tom Okello").actor.as_deref(), Some("KENGOV"), "the country before the title is both's");
    // A name joined to an untitled one takes no title.
    let d = doc("Ann Lee and Tom Okello attended the ceremony.");
    assert_eq!(entity(&d, "Tom Okello").actor, None);
}

#[test]
fn a_ticker_in_angle_brackets_is_no_entity_and_a_bracketed_company_is_one() {
    let d = doc("Nordhavn Shipping Corp <NORH.OL> said it bought <Baltic Tug Services Ltd> for 12 mln crowns.");
    let names: Vec<&str> = d.entities.iter().map(|e| e.name.as_str()).collect();
    assert!(names.contains(&"Baltic Tug Services Ltd"), "{names:?}");
    assert!(!names.iter().any(|n| n.contains("NORH") || *n == "OL"), "{names:?}");
}

#[test]
fn a_company_is_named_whole_up_to_its_legal_form() {
    // A title word opening the name ("General", "King"), and a first word
    // the recogniser left out, are still the company's.
    let d = doc(
        "General Turbine Co said it would buy Major Freight Corp for 10 mln dlrs. King Harbour Studios Inc rose 2 pct.",
    );
    let names: Vec<&str> = d.entities.iter().map(|e| e.name.as_str()).collect();
    for company in ["General Turbine Co", "Major Freight Corp", "King Harbour Studios Inc"] {
        assert!(names.contains(&company), "{company} not in {names:?}");
    }
    assert!(d.entities.iter().all(|e| e.etype == EntityType::Org), "{:?}", d.entities);
}

#[test]
fn a_common_word_wire_copy_capitalised_after_a_countrys_initials_names_nothing() {
    let d = doc("Economists said the U.S. Trade deficit would narrow while U.K. Lenders cut rates and the U.K. Government stood by.");
    let names: Vec<&str> = d.entities.iter().map(|e| e.name.as_str()).collect();
    assert!(!names.iter().any(|n| n.contains("Trade") || n.contains("Lenders")), "{names:?}");
    let codes: Vec<&str> = d.actors.iter().map(|a| a.code.as_str()).collect();
    assert!(codes.contains(&"USA") && codes.contains(&"GBRGOV"), "{codes:?}");
}

#[test]
fn a_capitalised_common_word_before_a_title_says_what_the_office_is_for() {
    let d = doc("Kenyan Tourism Minister Ann Lee met Ugandan Water Secretary Tom Okello.");
    for (name, role, code) in [("Ann Lee", "Tourism Minister", "KENGOV"), ("Tom Okello", "Water Secretary", "UGAGOV")] {
        let e = entity(&d, name);
        assert_eq!(e.etype, EntityType::Person);
        assert_eq!(e.roles, [role]);
        assert_eq!(e.actor.as_deref(), Some(code));
    }
}

#[test]
fn the_company_is_the_latest_company_named() {
    let d = doc("Harbour Lights Inns Limited Partnership said it sold two hotels. Its bank, Nordic Trust, agreed. The company said it would buy another.");
    assert_eq!(
        mentions(&d, "Harbour Lights Inns Limited Partnership"),
        ["Harbour Lights Inns Limited Partnership", "The company"]
    );
}

#[test]
fn a_companys_name_keeps_its_and_and_its_possessive() {
    let d = doc("Carver and Bright's Corp said it lowered its rates. Britain and Acme Corp signed a deal.");
    let names: Vec<&str> = d.entities.iter().map(|e| e.name.as_str()).collect();
    for company in ["Carver and Bright's Corp", "Acme Corp", "Britain"] {
        assert!(names.contains(&company), "{company} not in {names:?}");
    }
}

#[test]
fn a_country_ends_its_sentence_before_a_collective_noun_could_follow() {
    let d = doc("The plan is a cable between Norway and the U.S.\n\nMinistry officials declined to comment.");
    let spans: Vec<&str> = d.actors.iter().map(|a| a.span.slice(&d.text)).collect();
    assert!(spans.contains(&"U.S."), "{spans:?}");
    assert!(!spans.iter().any(|s| s.contains("Ministry")), "{spans:?}");
}

#[test]
fn a_title_naming_the_organisation_takes_the_role_from_it_not_from_its_name() {
    // "Farmers" is the bank's name, not the person's role.
    let d = doc("Arun Wongsa, head of the planning division of Thai Growers Bank Ltd, said loans rose.");
    assert_eq!(entity(&d, "Thai Growers Bank Ltd").actor.as_deref(), Some("THABUS"));
    let d = doc("Arun Wongsa, head of the planning division of Thai Farmers Bank Ltd, said loans rose.");
    assert_eq!(entity(&d, "Arun Wongsa").actor.as_deref(), Some("THABUS"));
    // An association coded by its country alone is no branch of the state.
    let d = doc("Lars Berg, head of the Foreign Brokers Association of Japan, told reporters fees were high.");
    assert_eq!(entity(&d, "Lars Berg").actor.as_deref(), Some("JPN"));
    // When the organisation's code has no role, a word of its name that
    // the dictionary knows gives it ("Industry": business).
    let d = doc("Lena Moss, director-general of the Federation of Hong Kong Industry, spoke.");
    assert_eq!(entity(&d, "Lena Moss").actor.as_deref(), Some("HKGBUS"));
}

#[test]
fn the_head_of_an_organisation_named_a_of_b_is_a_and_a_legal_form_ends_a_company() {
    let d = doc("Ann Cole leads the American Federation of Government Employees in Chicago.");
    assert_eq!(entity(&d, "American Federation of Government Employees").actor.as_deref(), Some("USA"));
    let d = doc("Orders went to Software Services of America Inc on Monday.");
    assert_eq!(entity(&d, "Software Services of America Inc").actor.as_deref(), Some("USABUS"));
}

#[test]
fn a_country_that_owns_a_named_company_gives_it_its_country() {
    let d = doc("Sweden's Norrvik Steel Corp said output rose, and Japan's GATT membership was discussed.");
    assert_eq!(entity(&d, "Norrvik Steel Corp").actor.as_deref(), Some("SWEBUS"));
    // A name the possessive only qualifies: the membership is Japan's.
    assert!(d.entities.iter().filter(|e| e.name == "GATT").all(|e| e.country.is_none()));
    // A country that ends a longer owner's name owns nothing here.
    let d = doc("Chrysler Canada's Tallow Finance Corp sold bonds.");
    assert!(d.entities.iter().filter(|e| e.name == "Tallow Finance Corp").all(|e| e.country.is_none()));
}

#[test]
fn a_central_bank_is_coded_as_the_dictionary_codes_its_name_not_as_a_bank() {
    // NATIONAL_BANK and CENTRAL_BANK are GOVBUS in the agents dictionary.
    let d = doc("The Swiss National Bank raised its discount rate, the Dutch Central Bank said.");
    assert_eq!(entity(&d, "Swiss National Bank").actor.as_deref(), Some("CHEGOVBUS"));
    assert_eq!(entity(&d, "Dutch Central Bank").actor.as_deref(), Some("NLDGOVBUS"));
    // Inside a company's name the phrase is the company's: a bank.
    let d = doc("Norland Valley National Bank of Ohio said its profit rose.");
    assert!(
        d.entities.iter().filter(|e| e.name.contains("National Bank")).all(|e| e.actor.as_deref() != Some("USAGOVBUS")),
        "{:?}",
        d.entities.iter().map(|e| (&e.name, &e.actor)).collect::<Vec<_>>()
    );
}

#[test]
fn a_name_that_goes_on_past_a_body_the_dictionaries_know_is_that_body() {
    // FEDERAL_RESERVE is USAGOVBUS in the country actors dictionary.
    let d = doc("The U.S. Federal Reserve held rates. The Federal Reserve Board met in Washington.");
    assert_eq!(entity(&d, "U.S. Federal Reserve").actor.as_deref(), Some("USAGOVBUS"));
    assert_eq!(entity(&d, "Federal Reserve Board").actor.as_deref(), Some("USAGOVBUS"));
    // Another country named first is not the body's.
    let d = doc("The Kenyan Federal Reserve Commission met.");
    assert!(d.entities.iter().all(|e| e.actor.as_deref() != Some("USAGOVBUS")), "{:?}", d.entities);
    // A company keeps a company's code only.
    let d = doc("Shares of West Point-Pepperell Inc rose on Monday.");
    assert!(d.entities.iter().all(|e| e.actor.as_deref().is_none_or(|c| !c.contains("MIL"))), "{:?}", d.entities);
}

#[test]
fn a_country_the_recogniser_reads_as_an_organisation_is_the_country() {
    let d = doc("Kenyan officials said both the U.S. And Tanzania should act. Tanzania rejected the offer, and officials said the country would not bow to pressure.");
    let tanzania: Vec<&clio_model::Entity> = d.entities.iter().filter(|e| e.name == "Tanzania").collect();
    assert_eq!(tanzania.len(), 1, "one Tanzania: {:?}", d.entities);
    assert_eq!(tanzania[0].etype, EntityType::Loc);
    assert_eq!(mentions(&d, "Tanzania"), ["Tanzania", "Tanzania", "the country"]);
    // An organisation's acronym that is only a town's name stays the
    // organisation (Gao is a town in Mali).
    for text in [
        "Congress asked the GAO to review the contract, and the GAO said costs had doubled.",
        "GAO official Brian Crowley told the committee the costs had doubled.",
    ] {
        let d = doc(text);
        assert!(d.entities.iter().all(|e| e.country.as_deref() != Some("MLI")), "{text}: {:?}", d.entities);
    }
}
