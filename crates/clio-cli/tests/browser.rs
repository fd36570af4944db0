//! The web page of `clio serve` in a real browser: headless Chromium loads
//! each view and the rendered page is checked. Without Chromium the test
//! says so and passes, unless CLIO_REQUIRE_BROWSER is set (`.ci/run` sets
//! it after installing Debian's chromium).
#![allow(clippy::expect_used, clippy::unwrap_used)] // a failure here is a failed test

use std::process::Command;

mod common;
use common::{clio, repo, start, stderr};

fn chromium() -> Option<&'static str> {
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| Command::new(b).arg("--version").output().is_ok_and(|o| o.status.success()));
    if found.is_none() {
        assert!(std::env::var_os("CLIO_REQUIRE_BROWSER").is_none(), "no chromium, and CLIO_REQUIRE_BROWSER is set");
        eprintln!("test skipped: no chromium on the PATH (apt-get install chromium)");
    }
    found
}

/// The page at `url` as the browser built it.
fn rendered(browser: &str, url: &str) -> String {
    let o = Command::new(browser)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=3000", "--dump-dom", url])
        .output()
        .expect("chromium runs");
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn each_view_renders_its_layers_in_chromium() {
    let Some(browser) = chromium() else { return };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let out = dir.path().join("out");
    let o = clio(&db, &["run", "-q", repo().join("examples").to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let server = start(&db, &[]);
    let base = format!("http://{}", server.at);

    let article = rendered(browser, &format!("{base}/articles/mekong-river-pact"));
    assert!(article.contains("<h1>Laos, Thailand and Vietnam Agree to Share Mekong Flood Data</h1>"), "{article}");
    assert!(article.contains("class=\"ent person\""), "people are marked");
    assert!(article.contains("Saleumxay Kommasith (PERSON, actor LAOGOV)"), "with type and actor code on hover");
    assert!(article.contains("class=\"rule\">verb 'agreed' (AGREE)"), "an event with its rule");
    assert!(article.contains("<a class=\"speaker\" href=\"#e"), "a quote links to its speaker");
    assert!(article.contains("Saleumxay Kommasith</a>"));
    assert!(article.contains("class=\"quote\""), "quotes are marked in the text");
    assert!(article.contains("Removed in cleaning"), "the furniture is viewable");
    assert!(article.contains("inferred: the lead"), "and why the date is what it is");

    let story_id = article.split("/stories/").nth(1).and_then(|r| r.split('"').next()).unwrap().to_string();
    // From an event of the article to the reports of it in the story.
    let reports = article.split("class=\"reports\" href=\"").nth(1).and_then(|r| r.split('"').next()).unwrap();
    let merged = rendered(browser, &format!("{base}{}", reports.replace("&amp;", "&")));
    assert!(merged.contains("href=\"/articles/mekong-river-pact#s1\""), "{merged}");
    let story = rendered(browser, &format!("{base}/stories/{story_id}"));
    assert!(story.contains("href=\"/articles/mekong-river-pact\""), "{story}");
    assert!(story.contains("<h2>Merged events</h2>"));

    let events = rendered(browser, &format!("{base}/events?code=03"));
    assert!(events.contains("<svg class=\"chart\""), "a chart of events over time");
    assert!(events.contains("class=\"event\""));
    assert!(events.contains("#s1\""), "rows link to their sentence");

    let found = rendered(browser, &format!("{base}/search?q=Mekong"));
    assert!(found.contains("href=\"/articles/mekong-river-pact\""), "{found}");
    let home = rendered(browser, &format!("{base}/"));
    assert!(home.contains("4 articles"), "{home}");
}
