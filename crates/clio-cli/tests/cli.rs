//! End-to-end tests of the `clio` binary: what a user runs and checks.
#![allow(clippy::expect_used, clippy::unwrap_used)] // test helpers: a failure here is a failed test

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

mod common;
use common::{clio, repo, shared, stderr, stdout};

fn documents(out: &Path) -> Vec<Value> {
    fs::read_to_string(out.join("documents.jsonl"))
        .expect("documents.jsonl written")
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

fn by_source<'a>(docs: &'a [Value], name: &str) -> &'a Value {
    docs.iter().find(|d| d["source"].as_str().is_some_and(|s| s.contains(name))).expect(name)
}

#[test]
fn run_on_the_examples_writes_clean_dated_documents() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let o = clio(
        &dir.path().join("c.db"),
        &["run", repo().join("examples").to_str().unwrap(), "--out", out.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let docs = documents(&out);
    assert_eq!(docs.len(), 4);
    for d in &docs {
        for k in clio_export::DOCUMENT_FIELDS {
            assert!(d.get(k).is_some(), "{k} missing");
        }
    }
    let mekong = by_source(&docs, "mekong");
    assert_eq!(mekong["title"], "Laos, Thailand and Vietnam Agree to Share Mekong Flood Data");
    assert_eq!(mekong["dateline"], "Vientiane");
    let text = mekong["text"].as_str().unwrap();
    assert!(text.starts_with("Foreign ministers of Laos"));
    for furniture in ["Home >", "Noy Phommachanh", "Share this", "Phnom Penh", "Dam builders face"] {
        assert!(!text.contains(furniture), "{furniture}");
    }
    let html = by_source(&docs, "port-strike.html");
    assert_eq!(html["outlet"], "Clio Example Times");
    assert_eq!(html["date"]["value"], "2025-11-14");
    assert_eq!(html["date"]["basis"], "metadata");
    assert!(!html["text"].as_str().unwrap().contains("Finally!"));
    let wire = by_source(&docs, "wire.jsonl:1");
    assert_eq!(wire["id"], "cew-2025-0417");
    assert_eq!(wire["dateline"], "Nairobi");
}

#[test]
fn parquet_tables_hold_what_the_json_and_gdelt_outputs_hold() {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::RowAccessor;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let examples = repo().join("examples");
    let o = clio(&dir.path().join("c.db"), &["run", "-q", examples.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let rows = |table: &str| {
        let file = fs::File::open(out.join(format!("{table}.parquet"))).unwrap();
        let reader = SerializedFileReader::new(file).unwrap();
        reader.get_row_iter(None).unwrap().map(Result::unwrap).collect::<Vec<_>>()
    };
    let docs = documents(&out);
    let total = |k: &str| docs.iter().map(|d| d[k].as_array().unwrap().len()).sum::<usize>();
    assert_eq!(rows("documents").len(), docs.len());
    assert_eq!(rows("entities").len(), total("entities"));
    assert_eq!(rows("quotes").len(), total("quotes"));
    assert_eq!(rows("quantities").len(), total("quantities"));
    let corpus: Value = serde_json::from_str(&fs::read_to_string(out.join("corpus.json")).unwrap()).unwrap();
    assert_eq!(rows("stories").len(), corpus["stories"].as_array().unwrap().len());
    let lines = |f: &str| fs::read_to_string(out.join(f)).unwrap().lines().count();
    assert_eq!(rows("events").len(), lines("events.csv"));
    assert_eq!(rows("mentions").len(), lines("mentions.csv"));
    // Typed: ids and codes as text, counts as numbers, each row its event.
    for (row, line) in rows("events").iter().zip(fs::read_to_string(out.join("events.csv")).unwrap().lines()) {
        let col: Vec<&str> = line.split('\t').collect();
        assert_eq!(row.get_long(0).unwrap().to_string(), col[0]);
        assert_eq!(row.get_string(26).unwrap(), col[26], "EventCode keeps its leading zero");
        assert_eq!(row.get_long(31).unwrap().to_string(), col[31], "NumMentions");
    }
    let first = &rows("documents")[0];
    assert_eq!(first.get_string(0).unwrap(), docs[0]["id"].as_str().unwrap());
    assert_eq!(first.get_long(11).unwrap() as usize, docs[0]["entities"].as_array().unwrap().len());
    // Only the formats asked for.
    let only = dir.path().join("only");
    let o = clio(
        &dir.path().join("d.db"),
        &["run", "-q", examples.to_str().unwrap(), "--out", only.to_str().unwrap(), "--format", "parquet"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        only.join("events.parquet").exists()
            && !only.join("documents.jsonl").exists()
            && !only.join("events.csv").exists()
    );
}

/// A WARC record of my own making.
fn warc_record(kind: &str, id: u32, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{id:012}>\r\n\
         WARC-Date: 2024-05-02T10:00:00Z\r\nWARC-Target-URI: {uri}\r\nContent-Type: {content_type}\r\n\
         Content-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn http(status: &str, content_type: &str, extra: &str, body: &str) -> Vec<u8> {
    format!("HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n{extra}\r\n{body}").into_bytes()
}

#[test]
fn web_archives_give_their_pages_and_report_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let page = |title: &str, text: &str| {
        format!("<html><head><title>{title}</title></head><body><article><p>{text}</p><p>Officials said talks would resume next week.</p></article></body></html>")
    };
    let one = page(
        "Port strike ends",
        "Dock workers in Rotterdam ended a five-day strike on Sunday after the union accepted a pay offer.",
    );
    let two = page(
        "Bridge reopens",
        "The Oresund bridge reopened to traffic on Monday after storm repairs, the operator said.",
    );
    let chunked = format!("{:x}\r\n{two}\r\n0\r\n\r\n", two.len());
    let mut warc = Vec::new();
    warc.extend(warc_record("warcinfo", 1, "", "application/warc-fields", b"software: a test\r\n"));
    warc.extend(warc_record(
        "request",
        2,
        "https://example.org/strike",
        "application/http; msgtype=request",
        b"GET /strike HTTP/1.1\r\n\r\n",
    ));
    warc.extend(warc_record(
        "response",
        3,
        "https://example.org/strike",
        "application/http; msgtype=response",
        &http("200 OK", "text/html; charset=utf-8", "", &one),
    ));
    warc.extend(warc_record(
        "response",
        4,
        "https://example.org/logo.png",
        "application/http; msgtype=response",
        &http("200 OK", "image/png", "", "PNGDATA"),
    ));
    warc.extend(warc_record(
        "response",
        5,
        "https://example.org/bridge",
        "application/http; msgtype=response",
        &http("200 OK", "text/html", "Transfer-Encoding: chunked\r\n", &chunked),
    ));
    warc.extend(warc_record(
        "response",
        6,
        "https://example.org/gone",
        "application/http; msgtype=response",
        &http("404 Not Found", "text/html", "", "<p>gone</p>"),
    ));
    let cut = warc_record(
        "response",
        7,
        "https://example.org/cut",
        "application/http; msgtype=response",
        &http("200 OK", "text/html", "", &one),
    );
    warc.extend(&cut[..cut.len() / 2]);
    let plain = dir.path().join("crawl.warc");
    fs::write(&plain, &warc).unwrap();
    // The same records as a .warc.gz, one gzip member per record (as
    // crawlers write them), without the truncated one.
    let gz = dir.path().join("crawl.warc.gz");
    let mut members = Vec::new();
    for record in [
        &warc_record(
            "response",
            8,
            "https://example.org/strike",
            "application/http; msgtype=response",
            &http("200 OK", "text/html", "", &one),
        ),
        &warc_record(
            "response",
            9,
            "https://example.org/logo.png",
            "application/http; msgtype=response",
            &http("200 OK", "image/png", "", "PNG"),
        ),
    ] {
        let mut enc = libflate::gzip::Encoder::new(Vec::new()).unwrap();
        std::io::Write::write_all(&mut enc, record).unwrap();
        members.extend(enc.finish().into_result().unwrap());
    }
    fs::write(&gz, members).unwrap();

    let out = dir.path().join("out");
    let o = clio(
        &dir.path().join("c.db"),
        &["run", "-q", plain.to_str().unwrap(), gz.to_str().unwrap(), "--out", out.to_str().unwrap()],
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(3), "{err}");
    let docs = documents(&out);
    let titles: Vec<&str> = docs.iter().map(|d| d["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["Port strike ends", "Bridge reopens", "Port strike ends"], "{err}");
    assert_eq!(docs[0]["url"], "https://example.org/strike");
    assert_eq!(docs[0]["id"], "00000000-0000-4000-8000-000000000003");
    assert_eq!(docs[0]["fetched"], "2024-05-02");
    assert!(docs[1]["text"].as_str().unwrap().starts_with("The Oresund bridge reopened"), "chunks joined");
    assert!(err.contains("crawl.warc:record 4: skipped (not an article page): https://example.org/logo.png: image/png is not an HTML page"), "{err}");
    assert!(
        err.contains("crawl.warc:record 6: skipped (not an article page): https://example.org/gone: HTTP status 404"),
        "{err}"
    );
    assert!(err.contains("crawl.warc:record 7: skipped (unreadable): WARC record unreadable"), "{err}");
    assert!(err.contains("crawl.warc.gz:record 2: skipped (not an article page)"), "{err}");
}

#[test]
fn a_second_run_of_the_same_input_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let examples = repo().join("examples");
    let first = clio(&db, &["ingest", "-q", examples.to_str().unwrap()]);
    assert!(stderr(&first).contains("stored 4 new, 0 already stored"), "{}", stderr(&first));
    let second = clio(&db, &["ingest", "-q", examples.to_str().unwrap()]);
    assert!(stderr(&second).contains("stored 0 new, 4 already stored"), "{}", stderr(&second));
    let stats = clio(&db, &["stats", "--json"]);
    let v: Value = serde_json::from_str(&stdout(&stats)).unwrap();
    assert_eq!(v["articles"], 4);
    assert_eq!(v["format_version"], clio_store::FORMAT_VERSION);
}

#[test]
fn bad_inputs_are_named_skipped_and_counted_and_nothing_stored_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let before = clio(&db, &["ingest", "-q", repo().join("examples/wire.jsonl").to_str().unwrap()]);
    assert!(before.status.success());

    let bad = dir.path().join("bad");
    fs::create_dir(&bad).unwrap();
    fs::write(bad.join("good.txt"), "Officials met on Monday to discuss the new bridge over the river.").unwrap();
    fs::write(bad.join("empty.txt"), "").unwrap();
    fs::write(bad.join("binary.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    fs::write(bad.join("latin1.txt"), b"The minister met the d\xe9l\xe9gation on Friday in the capital.").unwrap();
    fs::write(
        bad.join("records.jsonl"),
        "{\"id\": \"ok-1\", \"text\": \"Talks resumed.\"}\nnot json at all\n{\"id\": \"no-text\"}\n",
    )
    .unwrap();
    let missing = dir.path().join("missing.txt");
    let o = clio(&db, &["ingest", "-q", bad.to_str().unwrap(), missing.to_str().unwrap()]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(3), "{err}");
    assert!(err.contains("empty.txt: skipped (empty)"), "{err}");
    assert!(err.contains("binary.txt: skipped (binary)"), "{err}");
    assert!(err.contains("records.jsonl:2: skipped (not JSON)"), "{err}");
    assert!(err.contains("records.jsonl:3: skipped (no text field)"), "{err}");
    assert!(err.contains("missing.txt: skipped (unreadable)"), "{err}");
    assert!(err.contains("latin1.txt: warning: invalid UTF-8"), "{err}");
    assert!(err.contains("skipped 5:"), "{err}");
    assert!(err.contains("stored 3 new"), "{err}");
    let v: Value = serde_json::from_str(&stdout(&clio(&db, &["stats", "--json"]))).unwrap();
    assert_eq!(v["articles"], 2 + 3, "the two stored before are still there");
}

#[test]
fn a_page_of_nothing_but_furniture_is_reported_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let pages = dir.path().join("pages");
    fs::create_dir(&pages).unwrap();
    fs::write(
        pages.join("banner.txt"),
        "We value your privacy. We and our partners use cookies to store and/or access information on your device and to show personalised ads.\n\nAccept all\n\nReject all\n",
    )
    .unwrap();
    fs::write(pages.join("news.txt"), "Officials met on Monday to discuss the new bridge over the river.").unwrap();
    let out = dir.path().join("out");
    let o = clio(&db, &["run", "-q", pages.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(3), "{err}");
    assert!(err.contains("banner.txt: skipped (only page furniture)"), "{err}");
    assert!(err.contains("consent-banner"), "the message says what the page was: {err}");
    let docs = documents(&out);
    assert_eq!(docs.len(), 1, "only the news is written");
    let v: Value = serde_json::from_str(&stdout(&clio(&db, &["stats", "--json"]))).unwrap();
    assert_eq!(v["articles"], 1, "and stored");
}

#[test]
fn an_article_over_its_work_budget_is_skipped_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let news = dir.path().join("news.txt");
    fs::write(&news, "Officials met on Monday to discuss the new bridge over the river.").unwrap();
    // No article is processed in no time: a zero budget gives every one up.
    let o = clio(&db, &["ingest", "-q", "--budget", "0", news.to_str().unwrap()]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "nothing could be read: {err}");
    assert!(err.contains("news.txt: skipped (over the work budget): given up after"), "{err}");
    assert!(err.contains("--budget"), "the message says what to do: {err}");
    let o = clio(&db, &["ingest", "-q", news.to_str().unwrap()]);
    assert!(stderr(&o).contains("stored 1 new"), "the default budget is ample: {}", stderr(&o));
    let o = clio(&db, &["ingest", "-q", "--budget=-1", news.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("--budget -1"), "{}", stderr(&o));
}

#[test]
fn a_closed_pipe_ends_output_quietly_and_never_stops_an_ingest() {
    use std::process::Stdio;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    // `clio ingest DIR 2>&1 | head -0`: the reader of stderr is gone at once.
    let mut child = Command::new(env!("CARGO_BIN_EXE_clio"))
        .arg("--db")
        .arg(&db)
        .args(["ingest", "--verbose", repo().join("examples").to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stderr.take());
    let status = child.wait().unwrap();
    assert_ne!(status.code(), Some(101), "no panic");
    let v: Value = serde_json::from_str(&stdout(&clio(&db, &["stats", "--json"]))).unwrap();
    assert!(v["articles"].as_u64().unwrap() >= 3, "the ingest went on and stored: {v}");
    // `clio query stories | head -0`.
    let mut child = Command::new(env!("CARGO_BIN_EXE_clio"))
        .arg("--db")
        .arg(&db)
        .args(["query", "stories"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    assert!(matches!(o.status.code(), Some(0) | None), "quiet end: {:?} {}", o.status, stderr(&o));
}

#[cfg(unix)]
#[test]
fn link_loops_repeated_files_and_fifos_in_a_directory_are_skipped_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let news = dir.path().join("news");
    fs::create_dir(&news).unwrap();
    fs::write(news.join("bridge.txt"), "Officials met on Monday to discuss the new bridge over the river.").unwrap();
    std::os::unix::fs::symlink(".", news.join("itself")).unwrap();
    std::os::unix::fs::symlink("bridge.txt", news.join("again.txt")).unwrap();
    std::os::unix::fs::symlink("loop-b", news.join("loop-a")).unwrap();
    std::os::unix::fs::symlink("loop-a", news.join("loop-b")).unwrap();
    let fifo = news.join("pipe.txt");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let o = clio(&db, &["ingest", "-q", news.to_str().unwrap()]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(3), "{err}");
    assert!(err.contains("itself: skipped (seen before through a link)"), "{err}");
    assert!(err.contains("pipe.txt: skipped (not a regular file)"), "{err}");
    assert!(err.contains("stored 1 new"), "each file once: {err}");
}

#[test]
fn two_articles_under_one_id_in_one_run_are_both_kept() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    for (sub, text) in [
        ("a", "Officials met on Monday to discuss the new bridge."),
        ("b", "Farmers protested on Friday over the price of milk."),
    ] {
        fs::create_dir(dir.path().join(sub)).unwrap();
        fs::write(dir.path().join(sub).join("x.txt"), text).unwrap();
    }
    let records = dir.path().join("r.jsonl");
    fs::write(&records, "{\"id\": \"r1\", \"text\": \"The port reopened on Tuesday after a strike.\"}\n{\"id\": \"r1\", \"text\": \"The mayor resigned on Wednesday.\"}\n{\"id\": \"r1\", \"text\": \"The port reopened on Tuesday after a strike.\"}\n").unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let o = clio(&db, &["ingest", "-q", a.to_str().unwrap(), b.to_str().unwrap(), records.to_str().unwrap()]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("id x came earlier in this run with other content"), "{err}");
    assert!(err.contains("stored 4 new, 1 already stored"), "the same content twice is one article: {err}");
}

#[test]
fn text_that_is_no_string_is_named_and_nothing_readable_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let records = dir.path().join("odd.jsonl");
    fs::write(
        &records,
        "{\"id\": \"n\", \"text\": 42}\n{\"id\": \"l\", \"text\": [\"a\"]}\n{\"id\": \"z\", \"text\": null}\n",
    )
    .unwrap();
    let o = clio(&db, &["ingest", "-q", records.to_str().unwrap()]);
    let err = stderr(&o);
    assert!(
        err.contains("odd.jsonl:1: skipped (no text field): the \"text\" field is a number, not a string"),
        "{err}"
    );
    assert!(err.contains("odd.jsonl:2: skipped (no text field): the \"text\" field is a list"), "{err}");
    assert!(err.contains("odd.jsonl:3: skipped (no text field): the \"text\" field is null"), "{err}");
    assert_eq!(o.status.code(), Some(1), "nothing could be read: {err}");
    assert!(err.contains("no input could be read"), "{err}");
}

#[test]
fn reading_commands_never_create_or_change_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("typo.db");
    let o = clio(&missing, &["stats"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no clio store at"), "{}", stderr(&o));
    assert!(!missing.exists(), "a mistyped --db creates nothing");
    let other = dir.path().join("other.sqlite");
    fs::write(&other, b"not a database at all, just bytes").unwrap();
    for what in [vec!["stats"], vec!["query", "stories"], vec!["show", "x"]] {
        let o = clio(&other, &what);
        assert_eq!(o.status.code(), Some(1));
        let err = stderr(&o);
        assert_eq!(err.matches("is not a clio store").count(), 1, "said once: {err}");
    }
    assert_eq!(fs::read(&other).unwrap(), b"not a database at all, just bytes");
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "no journal files left beside it");
}

#[test]
fn stdin_is_read_and_no_clean_keeps_offsets_equal_to_the_input() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let text = "Short headline-like line\nA sentence, with \u{201C}quotes\u{201D}, stays as it is.";
    let mut child = Command::new(env!("CARGO_BIN_EXE_clio"))
        .args([
            "--db",
            dir.path().join("c.db").to_str().unwrap(),
            "run",
            "-",
            "--no-clean",
            "--out",
            out.to_str().unwrap(),
        ])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    assert!(child.wait_with_output().unwrap().status.success());
    let docs = documents(&out);
    assert_eq!(docs[0]["text"], text);
    assert_eq!(docs[0]["title"], Value::Null);
    let last = docs[0]["sentences"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last[1], text.chars().count());
}

#[test]
fn field_mapping_reads_unusual_json() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("odd.jsonl");
    fs::write(&input, "{\"key\": \"k1\", \"story\": \"Ministers met on Monday.\", \"when\": \"2024-06-03\"}\n")
        .unwrap();
    let out = dir.path().join("out");
    let args = [
        "run",
        input.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--field",
        "text=story",
        "--field",
        "id=key",
        "--field",
        "published=when",
    ];
    let o = clio(&dir.path().join("c.db"), &args);
    assert!(o.status.success(), "{}", stderr(&o));
    let d = &documents(&out)[0];
    assert_eq!(d["id"], "k1");
    assert_eq!(d["date"]["value"], "2024-06-03");
    let bad = clio(
        &dir.path().join("c.db"),
        &["run", input.to_str().unwrap(), "--out", out.to_str().unwrap(), "--field", "txt=story"],
    );
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("fields are id, url"), "{}", stderr(&bad));
}

#[test]
fn show_finds_articles_by_id_prefix_or_source() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    clio(&db, &["ingest", "-q", repo().join("examples").to_str().unwrap()]);
    let o = clio(&db, &["show", "mekong-river"]);
    let s = stdout(&o);
    assert!(s.contains("dateline  Vientiane"), "{s}");
    assert!(s.contains("photo-caption"), "{s}");
    let o = clio(&db, &["show", "cew-2025-0418", "--json"]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["title"], "Chile offers aid after Peru earthquake");
    let o = clio(&db, &["show", "no-such-thing"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("clio stats"));
}

#[test]
fn the_seed_articles_are_cleaned_and_dated_as_expected() {
    let Some(shared) = shared() else { return };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let o = clio(
        &dir.path().join("c.db"),
        &["run", "-q", shared.join("seeds").to_str().unwrap(), "--out", out.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let docs = documents(&out);
    let date = |name: &str| by_source(&docs, name)["date"]["value"].clone();
    assert_eq!(date("000_"), "2020-01-29");
    assert_eq!(date("001_"), Value::Null, "no year is written, none is guessed");
    assert_eq!(by_source(&docs, "001_")["date"]["partial"], "--03-16");
    assert_eq!(date("002_"), "2020-03-05", "dated through 003, its story");
    assert_eq!(by_source(&docs, "002_")["date"]["basis"], "cross-document");
    assert_eq!(by_source(&docs, "002_")["story"], by_source(&docs, "003_")["story"]);
    assert_ne!(by_source(&docs, "000_")["story"], by_source(&docs, "001_")["story"], "two calls, two months apart");
    let alone = dir.path().join("alone");
    let seed = shared.join("seeds/002_abe37b9ac762d24f.txt");
    clio(&dir.path().join("alone.db"), &["run", "-q", seed.to_str().unwrap(), "--out", alone.to_str().unwrap()]);
    assert_eq!(documents(&alone)[0]["date"]["value"], Value::Null, "alone, 002 has no anchor");
    assert_eq!(date("003_"), "2020-03-05");
    assert_eq!(date("004_"), Value::Null, "the 2017 caption is a stale anchor");
    assert_eq!(by_source(&docs, "000_")["outlet"], "Xinhua");
    assert_eq!(by_source(&docs, "003_")["outlet"], "CGTN");
    assert_eq!(by_source(&docs, "004_")["dateline"], "Beijing");
    assert!(!by_source(&docs, "003_")["text"].as_str().unwrap().contains("Rio de janeiro"));
}

#[test]
fn reuters_21578_ingests_whole_and_a_second_run_stores_nothing() {
    let Some(shared) = shared() else { return };
    let corpus = shared.join("corpus/reuters21578.jsonl");
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let first = clio(&db, &["ingest", "-q", corpus.to_str().unwrap()]);
    let err = stderr(&first);
    assert_eq!(first.status.code(), Some(3), "records without a body are skipped: {err}");
    // 21,578 records: 19,043 with a non-blank body, 2,535 with an empty one.
    assert!(err.contains("clio: 19043 articles"), "{err}");
    assert!(err.contains("stored 19043 new, 0 already stored"), "{err}");
    assert!(err.contains("skipped 2535: 2535 empty"), "{err}");
    let second = clio(&db, &["ingest", "-q", corpus.to_str().unwrap()]);
    assert!(stderr(&second).contains("stored 0 new, 19043 already stored"), "{}", stderr(&second));
}

fn global_ids(out: &Path) -> Vec<(String, String)> {
    let mut ids: Vec<(String, String)> = documents(out)
        .iter()
        .flat_map(|d| d["entities"].as_array().cloned().unwrap_or_default())
        .map(|e| (e["name"].as_str().unwrap_or("").to_string(), e["global_id"].as_str().unwrap_or("").to_string()))
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

#[test]
fn global_entities_link_across_articles_and_runs() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    fs::write(&a, "Kenyan President William Ruto met Ethiopian Prime Minister Abiy Ahmed in Nairobi on Monday. Ruto said trade would grow.").unwrap();
    fs::write(&b, "Prime Minister Abiy Ahmed returned to Addis Ababa on Tuesday. Abiy said the talks with envoy Samuel Ruto went well.").unwrap();
    // One run over both articles.
    let out1 = dir.path().join("one");
    let o = clio(
        &dir.path().join("one.db"),
        &["run", "-q", a.to_str().unwrap(), b.to_str().unwrap(), "--out", out1.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let corpus: Value = serde_json::from_str(&fs::read_to_string(out1.join("corpus.json")).unwrap()).unwrap();
    let abiy = corpus["entities"].as_array().unwrap().iter().find(|e| e["name"] == "Abiy Ahmed").unwrap();
    assert_eq!(abiy["documents"].as_array().unwrap().len(), 2);
    let ruto_ids: Vec<_> = global_ids(&out1).into_iter().filter(|(n, _)| n.ends_with("Ruto")).map(|(_, g)| g).collect();
    assert_eq!(ruto_ids.len(), 2, "William Ruto and Samuel Ruto are two people: {ruto_ids:?}");
    assert_ne!(ruto_ids[0], ruto_ids[1]);
    // The same articles in two runs against one store: the same ids.
    let db = dir.path().join("two.db");
    let out2a = dir.path().join("two-a");
    let out2b = dir.path().join("two-b");
    clio(&db, &["run", "-q", a.to_str().unwrap(), "--out", out2a.to_str().unwrap()]);
    clio(&db, &["run", "-q", b.to_str().unwrap(), "--out", out2b.to_str().unwrap()]);
    let mut incremental = global_ids(&out2a);
    incremental.extend(global_ids(&out2b));
    incremental.sort();
    incremental.dedup();
    assert_eq!(incremental, global_ids(&out1), "incremental linking equals linking from scratch");
}

#[test]
fn a_users_petrarch_dictionaries_code_the_events_and_the_gdelt_tables() {
    let dir = tempfile::tempdir().unwrap();
    let dicts = dir.path().join("dicts");
    fs::create_dir(&dicts).unwrap();
    fs::write(dicts.join("Toy.actors.txt"), "NORLAND_ [NRL]\n+NORLANDIC_\nOSTRIA_ [OST]\n").unwrap();
    fs::write(dicts.join("Toy.agents.txt"), "MINISTER [~GOV]\n").unwrap();
    fs::write(
        dicts.join("Toy.verbs.txt"),
        "####### VERB PATTERNS #######\n---  GIVE   [070]  ---\nSEND {SENT}\n- * {HUMANITARIAN AID} (TO +)  [073]\n- * (TO +) BROKEN_PATTERN [\n",
    )
    .unwrap();
    let article = dir.path().join("a.txt");
    fs::write(&article, "The Norlandic minister sent humanitarian aid to Ostria on 4 May 2023.").unwrap();
    let out = dir.path().join("out");
    let o = clio(
        &dir.path().join("c.db"),
        &[
            "run",
            "-q",
            article.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--dictionaries",
            dicts.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("Toy.verbs.txt:5:"), "malformed lines are named: {}", stderr(&o));
    let d = &documents(&out)[0];
    let e = &d["events"][0];
    assert_eq!(
        (e["code"].as_str(), e["source"]["code"].as_str(), e["target"]["code"].as_str()),
        (Some("073"), Some("NRLGOV"), Some("OST"))
    );
    let events = fs::read_to_string(out.join("events.csv")).unwrap();
    let row: Vec<&str> = events.lines().next().unwrap().split('\t').collect();
    assert_eq!(row.len(), 61);
    assert_eq!((row[1], row[5], row[15], row[26]), ("20230504", "NRLGOV", "OST", "073"));
    let mentions = fs::read_to_string(out.join("mentions.csv")).unwrap();
    assert_eq!(mentions.lines().next().unwrap().split('\t').count(), 16);
}

/// Articles written for the linking tests: a report, its rewrite by another
/// outlet, a near-duplicate, and the same leaders on another day with a
/// figure that conflicts.
const LINKED: &[(&str, &str)] = &[
    ("a1", "{\"id\": \"a1\", \"outlet\": \"Wire One\", \"text\": \"Kenyan President William Ruto met Ethiopian Prime Minister Abiy Ahmed in Nairobi on 3 June 2024 to discuss trade across their long shared border. As of June 2, 2024, 14 border crossings had reopened, Ruto said after the talks.\"}"),
    ("a2", "{\"id\": \"a2\", \"outlet\": \"Wire Two\", \"text\": \"Abiy Ahmed and William Ruto held talks in the Kenyan capital on 3 June 2024. The two leaders said 14 border crossings had reopened as of June 2, 2024.\"}"),
    ("a3", "{\"id\": \"a3\", \"outlet\": \"Wire Three\", \"text\": \"Kenyan President William Ruto met Ethiopian Prime Minister Abiy Ahmed in Nairobi on 3 June 2024 to discuss trade across their long shared border. As of June 2, 2024, 14 border crossings had reopened, Ruto said after the talks on Monday.\"}"),
    ("a4", "{\"id\": \"a4\", \"outlet\": \"Wire One\", \"text\": \"William Ruto met Abiy Ahmed again in Addis Ababa on 20 September 2024. As of June 2, 2024, 12 border crossings had reopened, an official said.\"}"),
];

fn query_json(db: &Path, what: &str) -> Value {
    serde_json::from_str(&stdout(&clio(db, &["query", what, "--json"]))).unwrap()
}

#[test]
fn stories_claims_and_incremental_linking_equal_to_from_scratch() {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<PathBuf> = LINKED
        .iter()
        .map(|(name, line)| {
            let p = dir.path().join(format!("{name}.jsonl"));
            fs::write(&p, format!("{line}\n")).unwrap();
            p
        })
        .collect();
    let arg = |p: &PathBuf| p.to_str().unwrap().to_string();
    // From scratch: all four in one run.
    let scratch = dir.path().join("scratch.db");
    let out = dir.path().join("out");
    let mut args: Vec<String> = vec!["run".into(), "-q".into(), "--out".into(), out.to_str().unwrap().into()];
    args.extend(files.iter().map(arg));
    let o = clio(&scratch, &args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(o.status.success(), "{}", stderr(&o));
    let stories = query_json(&scratch, "stories");
    let docs_of = |s: &Value| {
        s["documents"].as_array().unwrap().iter().map(|d| d.as_str().unwrap().to_string()).collect::<Vec<_>>()
    };
    let groups: Vec<Vec<String>> = stories.as_array().unwrap().iter().map(docs_of).collect();
    assert_eq!(
        groups,
        [vec!["a1", "a2", "a3"], vec!["a4"]],
        "a rewrite and a near-duplicate join; another day stays apart"
    );
    assert_eq!(stories[0]["near_duplicates"][0], serde_json::json!(["a1", "a3"]));
    let claims = query_json(&scratch, "claims");
    let c14 = claims.as_array().unwrap().iter().find(|c| c["value"] == 14.0).unwrap();
    assert_eq!(c14["documents"], serde_json::json!(["a1", "a2", "a3"]));
    assert_eq!(c14["conflicts_with"], serde_json::json!([12.0]));
    let corpus: Value = serde_json::from_str(&fs::read_to_string(out.join("corpus.json")).unwrap()).unwrap();
    let met = corpus["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["code"].as_str().unwrap().starts_with("04") && e["date"] == "2024-06-03")
        .unwrap();
    assert!(met["num_articles"].as_u64().unwrap() >= 2, "{met}");
    // One identity per merged event: the row of events.csv with
    // GLOBALEVENTID n is event En of corpus.json and of `clio query events`,
    // with the same code, actors and report count.
    let queried = query_json(&scratch, "events");
    let csv = fs::read_to_string(out.join("events.csv")).unwrap();
    assert!(!csv.is_empty());
    for row in csv.lines() {
        let col: Vec<&str> = row.split('\t').collect();
        let id = format!("E{}", col[0]);
        for (from, events) in [("corpus.json", &corpus["events"]), ("query", &queried)] {
            let e = events.as_array().unwrap().iter().find(|e| e["id"] == id.as_str());
            let e = e.unwrap_or_else(|| panic!("{id} of events.csv not in {from}"));
            assert_eq!(
                (col[26], col[5], col[15]),
                (e["code"].as_str().unwrap(), e["source"].as_str().unwrap(), e["target"].as_str().unwrap()),
                "{id} in {from}"
            );
            assert_eq!(col[31], e["num_mentions"].to_string(), "{id} in {from}");
        }
    }
    // Incrementally: two runs against one store.
    let inc = dir.path().join("inc.db");
    for part in [&files[..2], &files[2..]] {
        let mut args: Vec<String> = vec!["ingest".into(), "-q".into()];
        args.extend(part.iter().map(arg));
        assert!(clio(&inc, &args.iter().map(String::as_str).collect::<Vec<_>>()).status.success());
    }
    for what in ["stories", "events", "claims", "entities"] {
        assert_eq!(query_json(&inc, what), query_json(&scratch, what), "incremental {what} equal from scratch");
    }
    // A run against a store with earlier articles: documents.jsonl holds
    // this run's, corpus.json this run's stories with all their articles,
    // and both say so.
    let scoped = dir.path().join("scoped.db");
    let (first, second) = (arg(&files[0]), arg(&files[1]));
    assert!(clio(&scoped, &["ingest", "-q", &first, &second]).status.success());
    let out2 = dir.path().join("out2");
    let o = clio(&scoped, &["run", "-q", "--out", out2.to_str().unwrap(), files[2].to_str().unwrap()]);
    assert!(stderr(&o).contains("1 stories (with 2 articles of earlier runs)"), "{}", stderr(&o));
    assert_eq!(documents(&out2).len(), 1);
    let corpus2: Value = serde_json::from_str(&fs::read_to_string(out2.join("corpus.json")).unwrap()).unwrap();
    assert_eq!(corpus2["scope"]["articles_of_this_run"], 1);
    assert_eq!(corpus2["scope"]["articles_of_earlier_runs"], 2);
    assert_eq!(corpus2["stories"][0]["documents"], serde_json::json!(["a1", "a2", "a3"]));
    // Any order or grouping of ingests: the same stories and claims.
    let reversed = dir.path().join("reversed.db");
    for f in files.iter().rev() {
        assert!(clio(&reversed, &["ingest", "-q", f.to_str().unwrap()]).status.success());
    }
    let sorted_groups = |db: &Path| {
        let mut g: Vec<Vec<String>> = query_json(db, "stories")
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                let mut d = docs_of(s);
                d.sort();
                d
            })
            .collect();
        g.sort();
        g
    };
    assert_eq!(sorted_groups(&reversed), sorted_groups(&scratch), "stories do not depend on the order of ingests");
    let claim_set = |db: &Path| {
        let mut c: Vec<String> = query_json(db, "claims")
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                let mut d = docs_of(c);
                d.sort();
                format!("{} {} {:?} {:?}", c["value"], c["what"], c["as_of"], d)
            })
            .collect();
        c.sort();
        c
    };
    assert_eq!(claim_set(&reversed), claim_set(&scratch), "nor do claims");
    // Stories by the actors of their events, claims by date; an empty
    // answer says whether nothing is stored or nothing matches.
    let kenya: Value =
        serde_json::from_str(&stdout(&clio(&scratch, &["query", "stories", "--actor", "KEN", "--json"]))).unwrap();
    assert!(!kenya.as_array().unwrap().is_empty());
    let nowhere = stdout(&clio(&scratch, &["query", "stories", "--actor", "ZZZ"]));
    assert!(nowhere.contains("matches the filters"), "{nowhere}");
    let later = stdout(&clio(&scratch, &["query", "claims", "--since", "2030-01-01"]));
    assert!(later.contains("matches the filters"), "{later}");
    // Queries filter events.
    let filtered = query_json(&scratch, "events");
    let since: Value =
        serde_json::from_str(&stdout(&clio(&scratch, &["query", "events", "--since", "2024-09-01", "--json"])))
            .unwrap();
    assert!(since.as_array().unwrap().len() < filtered.as_array().unwrap().len());
    assert!(since.as_array().unwrap().iter().all(|e| e["date"].as_str().unwrap() >= "2024-09-01"));
}

#[test]
fn one_sided_events_are_kept_unless_a_dyad_is_required() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir(&input).unwrap();
    fs::write(
        input.join("a.txt"),
        "Norway threatened to retaliate on Monday.\n\nSweden criticised Finland over the deal.\n",
    )
    .unwrap();
    let events = |extra: &[&str], name: &str| -> Vec<Value> {
        let out = dir.path().join(name);
        let mut args = vec!["run", input.to_str().unwrap(), "--out", out.to_str().unwrap()];
        args.extend_from_slice(extra);
        let o = clio(&dir.path().join(format!("{name}.db")), &args);
        assert!(o.status.success(), "{}", stderr(&o));
        documents(&out)[0]["events"].as_array().unwrap().clone()
    };
    let all = events(&[], "all");
    let threat = all.iter().find(|e| e["code"].as_str().unwrap().starts_with("13")).expect("a threat");
    assert_eq!(threat["source"]["code"], "NOR");
    assert!(threat["target"].is_null(), "one-sided: {threat}");
    // The infinitive a threat governs is not an act of its own.
    assert!(!all.iter().any(|e| e["code"].as_str().unwrap().starts_with("19")), "{all:?}");
    let dyads = events(&["--require-dyad"], "dyads");
    assert!(!dyads.is_empty() && dyads.iter().all(|e| e["target"].is_object()), "{dyads:?}");
}

#[test]
fn an_attack_whose_doer_is_not_named_keeps_the_doer_empty_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir(&input).unwrap();
    fs::write(input.join("a.txt"), "Two Kenyan soldiers were killed by a roadside bomb near Mandera on Tuesday.\n")
        .unwrap();
    let (db, out) = (dir.path().join("c.db"), dir.path().join("out"));
    let o = clio(&db, &["run", input.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let events = documents(&out)[0]["events"].as_array().unwrap().clone();
    let attack = events.iter().find(|e| e["code"].as_str().unwrap().starts_with("19")).expect("an attack");
    assert_eq!((&attack["source"]["code"], &attack["target"]["code"]), (&Value::from(""), &Value::from("KENMIL")));
    // GDELT leaves Actor1 empty; `clio show` says the doer is not named.
    let row = fs::read_to_string(out.join("events.csv")).unwrap();
    let cols: Vec<&str> = row.lines().next().unwrap().split('\t').collect();
    assert_eq!((cols[5], cols[6], cols[15]), ("", "", "KENMIL"), "{row}");
    let shown = stdout(&clio(&db, &["show", "a"]));
    assert!(shown.contains("(not named) -> KENMIL"), "{shown}");
}

#[test]
fn an_actor_coded_in_one_article_is_coded_in_another_that_names_it_bare() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.jsonl");
    let b = dir.path().join("b.jsonl");
    fs::write(&a, "{\"id\": \"lend-a\", \"text\": \"SANTIAGO, March 2, 2021 - Chilean Deputy Foreign Minister Tomas Ferrada met Peruvian officials in Lima on Monday to discuss the border.\"}\n").unwrap();
    fs::write(&b, "{\"id\": \"lend-b\", \"text\": \"LIMA, March 4, 2021 - Tomas Ferrada criticized Peru's government on Wednesday over fishing rights.\"}\n").unwrap();
    let ferrada = |out: &Path| -> (String, String) {
        let docs = documents(out);
        let b = docs.iter().find(|d| d["id"] == "lend-b").unwrap();
        let e = b["entities"].as_array().unwrap().iter().find(|e| e["name"] == "Tomas Ferrada").unwrap().clone();
        let ev = b["events"].as_array().unwrap().iter().find(|e| e["code"] == "111").cloned().unwrap_or_default();
        (e["actor"].as_str().unwrap_or("").to_string(), ev["source"]["code"].as_str().unwrap_or("").to_string())
    };
    // Article b names him bare; a run over both gives him a's code, and
    // his criticism a source.
    let out = dir.path().join("both");
    let o = clio(
        &dir.path().join("both.db"),
        &["run", "-q", b.to_str().unwrap(), a.to_str().unwrap(), "--out", out.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(ferrada(&out), ("CHLGOV".to_string(), "CHLGOV".to_string()));
    let docs = documents(&out);
    let rule = docs.iter().find(|d| d["id"] == "lend-b").unwrap()["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "Tomas Ferrada")
        .unwrap()["actor_rule"]
        .clone();
    assert_eq!(rule, "coded in another article: lend-a");
    // The giver first: the borrower is coded as it comes, with the same
    // result.
    let given = dir.path().join("given");
    let o = clio(
        &dir.path().join("given.db"),
        &["run", "-q", a.to_str().unwrap(), b.to_str().unwrap(), "--out", given.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    // (Global ids are numbered in the order entities are first seen.)
    let lend_b = |out: &Path| {
        let mut d = documents(out).into_iter().find(|d| d["id"] == "lend-b").unwrap();
        d["source"] = Value::Null;
        d["entities"].as_array_mut().unwrap().iter_mut().for_each(|e| e["global_id"] = Value::Null);
        d
    };
    assert_eq!(lend_b(&given), lend_b(&out), "lent as it came or in the corpus step: one article");
    // Without the store the corpus step runs all the same, in a store of
    // its own that goes with the run.
    let bare = dir.path().join("bare");
    let none = dir.path().join("none.db");
    let o = clio(
        &none,
        &["run", "-q", "--no-store", b.to_str().unwrap(), a.to_str().unwrap(), "--out", bare.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(ferrada(&bare), ("CHLGOV".to_string(), "CHLGOV".to_string()));
    assert_eq!(documents(&bare), documents(&out), "the same articles as a stored run");
    assert!(!none.exists(), "--no-store writes no store");
    // b stored first, a later: the stored b is coded again, as from scratch.
    let db = dir.path().join("inc.db");
    assert!(clio(&db, &["ingest", "-q", b.to_str().unwrap()]).status.success());
    let alone: Value = serde_json::from_str(&stdout(&clio(&db, &["query", "events", "--json"]))).unwrap();
    assert!(alone.as_array().unwrap().is_empty(), "no source, no event: {alone}");
    assert!(clio(&db, &["ingest", "-q", a.to_str().unwrap()]).status.success());
    assert_eq!(query_json(&db, "events"), query_json(&dir.path().join("both.db"), "events"));
    let sql = clio(&db, &["query", "entities", "--json"]);
    assert!(sql.status.success());
}

#[test]
fn eval_ud_scores_a_users_treebank_and_breaks_it_down_by_relation() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.conllu");
    fs::write(
        &file,
        "# sent_id = a\n# text = Norway sent aid.\n\
1\tNorway\tNorway\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n\
2\tsent\tsend\tVERB\tVBD\t_\t0\troot\t_\t_\n\
3\taid\taid\tNOUN\tNN\t_\t2\tobj\t_\tSpaceAfter=No\n\
4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n\
# sent_id = b\n# text = The talks ended.\n\
1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n\
2\ttalks\ttalk\tNOUN\tNNS\t_\t3\tnsubj\t_\t_\n\
3\tended\tend\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No\n\
4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n",
    )
    .unwrap();
    let o = clio(&dir.path().join("c.db"), &["eval", "ud", "-v", file.to_str().unwrap(), "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let row = out.lines().find(|l| l.trim_start().starts_with("nsubj")).expect("a row for nsubj");
    assert!(row.split_whitespace().nth(1) == Some("2"), "two subjects: {row}");
    let json: Value = serde_json::from_str(out.lines().last().unwrap()).unwrap();
    for k in ["upos", "xpos", "uas", "las"] {
        let v = json[k].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&v), "{k} = {v}");
    }
    assert_eq!(json["words"], 8);
}
