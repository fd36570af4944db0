//! Durability: a killed ingest never loses or doubles what it stored, a
//! re-run ends where a clean run ends, and one store has one writer.
#![allow(clippy::expect_used, clippy::unwrap_used)] // test helpers: a failure here is a failed test

use std::io::Write;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

mod common;
use common::{clio, stderr, stdout};

/// A generated corpus of `n` JSON Lines articles: leaders of a few
/// countries meeting, protests with counts, on days of one spring, so the
/// corpus has stories, merged events, claims and shared entities.
fn corpus(n: usize) -> String {
    const LEADERS: &[(&str, &str, &str)] = &[
        ("President", "Amara Okafor", "Nigeria"),
        ("Prime Minister", "Lena Vogt", "Germany"),
        ("President", "Tomas Ruiz", "Chile"),
        ("Prime Minister", "Hana Sato", "Japan"),
        ("President", "Omar Haddad", "Egypt"),
        ("Foreign Minister", "Ivan Petrov", "Russia"),
    ];
    const CITIES: &[&str] = &["Lagos", "Berlin", "Santiago", "Tokyo", "Cairo", "Moscow"];
    const TOPICS: &[&str] = &["trade", "border security", "climate finance", "a grain deal", "fishing rights"];
    let mut lines = String::new();
    let mut seed: u64 = 7;
    let mut next = |m: usize| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % m
    };
    for i in 0..n {
        let (t1, a, c1) = LEADERS[next(LEADERS.len())];
        let (t2, b, c2) = LEADERS[next(LEADERS.len())];
        let city = CITIES[next(CITIES.len())];
        let topic = TOPICS[i % TOPICS.len()];
        let day = 1 + (i / 40) % 28;
        let count = 100 * (1 + next(9));
        let text = format!(
            "{city} - {c1}'s {t1} {a} met {c2}'s {t2} {b} in {city} on {day} April 2025 to discuss {topic}. \
             \"We agreed to keep talking,\" {a} said after the meeting. \
             About {count} protesters gathered outside, police said. \
             {b} criticized the plan, according to officials."
        );
        let record = serde_json::json!({"id": format!("g{i:05}"), "outlet": format!("Outlet {}", i % 7), "text": text});
        lines.push_str(&record.to_string());
        lines.push('\n');
    }
    lines
}

fn spawn(db: &Path, args: &[&str], stdin: Stdio) -> Child {
    Command::new(env!("CARGO_BIN_EXE_clio"))
        .arg("--db")
        .arg(db)
        .args(args)
        .stdin(stdin)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("clio starts")
}

fn stored(db: &Path) -> u64 {
    let o = clio(db, &["stats", "--json"]);
    serde_json::from_str::<Value>(&stdout(&o)).map_or(0, |v| v["articles"].as_u64().unwrap_or(0))
}

/// Waits until `ok`, or fails the test after a minute.
fn wait_for(what: &str, mut ok: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ok() {
        assert!(start.elapsed() < Duration::from_secs(60), "gave up waiting: {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// What the store answers, for comparing two stores.
fn answers(db: &Path) -> Vec<String> {
    let mut all = vec![stored(db).to_string()];
    for what in ["stories", "events", "claims", "entities"] {
        let o = clio(db, &["query", what, "--json"]);
        assert!(o.status.success(), "{}", stderr(&o));
        all.push(stdout(&o));
    }
    all
}

#[test]
fn a_killed_ingest_loses_nothing_and_a_rerun_equals_a_clean_run() {
    let dir = tempfile::tempdir().unwrap();
    let lines = corpus(1500);
    let file = dir.path().join("corpus.jsonl");
    std::fs::write(&file, &lines).unwrap();
    let file = file.to_str().unwrap();

    let clean = dir.path().join("clean.db");
    let o = clio(&clean, &["ingest", "-q", file]);
    assert!(o.status.success(), "{}", stderr(&o));
    let expected = answers(&clean);
    assert_eq!(expected[0], "1500");
    assert!(expected[1].len() > 100 && expected[3].len() > 100, "the corpus has stories and claims");

    let db = dir.path().join("killed.db");
    // Killed between batches: the first batch (512 articles) is committed,
    // the corpus step never ran.
    let mut child = spawn(&db, &["ingest", "-q", "-"], Stdio::piped());
    let mut input = child.stdin.take().unwrap();
    let first: String = lines.lines().take(700).map(|l| format!("{l}\n")).collect();
    input.write_all(first.as_bytes()).unwrap();
    input.flush().unwrap();
    wait_for("the first batch to be stored", || stored(&db) >= 512);
    child.kill().unwrap();
    child.wait().unwrap();
    drop(input);
    assert_eq!(stored(&db), 512, "a batch is stored whole or not at all");
    let o = clio(&db, &["query", "stories"]);
    assert!(stderr(&o).contains("none is linked") && stderr(&o).contains("clio link"), "{}", stderr(&o));

    // Killed at arbitrary points of whole runs (reading, storing, linking).
    for after in [150, 600, 1500] {
        let mut child = spawn(&db, &["ingest", "-q", file], Stdio::null());
        std::thread::sleep(Duration::from_millis(after));
        let _ = child.kill();
        child.wait().unwrap();
        let n = stored(&db);
        assert!((512..=1500).contains(&n), "never fewer than before, never more than the input: {n}");
    }
    let o = clio(&db, &["ingest", "-q", file]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(answers(&db), expected, "every article once, the corpus as a clean run's");
    assert!(!stderr(&clio(&db, &["query", "stories"])).contains("warning"));

    // `clio link` alone brings a corpus up to date.
    let partial = dir.path().join("partial.db");
    let mut child = spawn(&partial, &["ingest", "-q", "-"], Stdio::piped());
    let mut input = child.stdin.take().unwrap();
    input.write_all(lines.as_bytes()).unwrap();
    input.flush().unwrap();
    wait_for("two batches to be stored", || stored(&partial) >= 1024);
    child.kill().unwrap();
    child.wait().unwrap();
    let linked = clio(&partial, &["link"]);
    assert!(linked.status.success(), "{}", stderr(&linked));
    assert!(!stderr(&clio(&partial, &["query", "events"])).contains("warning"));
}

#[test]
fn one_writer_at_a_time_and_readers_meanwhile() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let lines = corpus(20);
    let file = dir.path().join("more.jsonl");
    std::fs::write(&file, corpus(30).lines().skip(20).map(|l| format!("{l}\n")).collect::<String>()).unwrap();
    // A writer waiting on its input holds the store.
    let mut writer = spawn(&db, &["ingest", "-q", "-"], Stdio::piped());
    let mut input = writer.stdin.take().unwrap();
    input.write_all(lines.as_bytes()).unwrap();
    wait_for("the writer to open the store", || clio(&db, &["stats"]).status.success());
    let second = clio(&db, &["ingest", "-q", file.to_str().unwrap()]);
    assert_eq!(second.status.code(), Some(1));
    assert!(stderr(&second).contains("another clio is writing to this store"), "{}", stderr(&second));
    assert_eq!(stderr(&second).matches("another clio").count(), 1, "said once");
    drop(input);
    let done = writer.wait_with_output().unwrap();
    assert!(done.status.success(), "{}", String::from_utf8_lossy(&done.stderr));
    assert_eq!(stored(&db), 20);
    let second = clio(&db, &["ingest", "-q", file.to_str().unwrap()]);
    assert!(second.status.success(), "{}", stderr(&second));
    assert_eq!(stored(&db), 30);
}
