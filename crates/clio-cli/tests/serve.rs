//! `clio serve` as a client sees it: the JSON API over HTTP on a store of
//! the bundled examples.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)] // a failure here is a failed test

use std::io::{Read, Write};
use std::net::TcpStream;

use serde_json::Value;

mod common;
use common::{clio, repo, start, stderr, Server};

/// One HTTP/1.1 request: (status, JSON body).
fn call(server: &Server, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> (u16, Value) {
    let mut s = TcpStream::connect(&server.at).unwrap();
    let mut req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Length: {}\r\n",
        server.at,
        body.len()
    );
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    s.write_all(req.as_bytes()).unwrap();
    s.write_all(body).unwrap();
    let mut answer = Vec::new();
    s.read_to_end(&mut answer).unwrap();
    let answer = String::from_utf8_lossy(&answer).into_owned();
    let status: u16 = answer.split(' ').nth(1).unwrap().parse().unwrap();
    let (head, body) = answer.split_once("\r\n\r\n").unwrap();
    let body =
        if head.to_ascii_lowercase().contains("transfer-encoding: chunked") { dechunk(body) } else { body.to_string() };
    (status, serde_json::from_str(&body).unwrap_or_else(|e| panic!("{e}: {body}")))
}

fn dechunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 {
            break;
        }
        out.push_str(&rest[..n]);
        body = &rest[n + 2..];
    }
    out
}

fn get(server: &Server, path: &str) -> (u16, Value) {
    call(server, "GET", path, &[], b"")
}

#[test]
fn the_api_answers_articles_events_stories_and_processes_posted_text() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let o = clio(&db, &["ingest", "-q", repo().join("examples").to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let server = start(&db, &[]);

    let (status, stats) = get(&server, "/api/stats");
    assert_eq!(status, 200);
    assert_eq!(stats["articles"], 4);
    assert_eq!(stats["corpus_up_to_date"], true);

    let (_, all) = get(&server, "/api/articles");
    assert_eq!(all["total"], 4);
    let (_, paged) = get(&server, "/api/articles?per_page=1&page=2");
    assert_eq!((paged["total"].as_u64(), paged["items"].as_array().unwrap().len()), (Some(4), 1));
    assert_ne!(paged["items"][0]["id"], all["items"][0]["id"]);
    let (_, mekong) = get(&server, "/api/articles?q=Mekong");
    assert_eq!(mekong["items"][0]["id"], "mekong-river-pact", "{mekong}");
    let (_, quoted) = get(&server, "/api/articles?q=%27%3B%20DROP%20TABLE%20articles%3B%20--");
    assert_eq!(quoted["total"], 0, "words are parameters, never SQL");
    let (_, since) = get(&server, "/api/articles?since=2025-11-01");
    assert!(since["items"].as_array().unwrap().iter().all(|a| a["date"].as_str().unwrap() >= "2025-11-01"));

    let (status, article) = get(&server, "/api/articles/mekong-river-pact");
    assert_eq!(status, 200);
    assert!(article["entities"].as_array().unwrap().len() > 3);
    assert!(article["story"].as_str().unwrap().starts_with('S'));
    let (status, missing) = get(&server, "/api/articles/no-such");
    assert_eq!(status, 404);
    assert!(missing["error"].as_str().unwrap().contains("no-such"));

    let (_, events) = get(&server, "/api/events?code=03");
    let items = events["items"].as_array().unwrap();
    assert!(!items.is_empty() && items.iter().all(|e| e["code"].as_str().unwrap().starts_with("03")));
    let story = article["story"].as_str().unwrap();
    let (_, of_story) = get(&server, &format!("/api/events?story={story}"));
    let (status, st) = get(&server, &format!("/api/stories/{story}"));
    assert_eq!(status, 200);
    assert_eq!(st["articles"][0]["id"], "mekong-river-pact");
    assert_eq!(of_story["total"].as_u64().unwrap() as usize, st["events"].as_array().unwrap().len());
    let (_, stories) = get(&server, "/api/stories");
    assert_eq!(stories["total"], 4);
    let (_, entities) = get(&server, "/api/entities?q=mekong");
    assert!(entities["items"].as_array().unwrap().iter().all(|e| e["name"]
        .as_str()
        .unwrap()
        .to_lowercase()
        .contains("mekong")));
    assert_eq!(get(&server, "/api/claims").0, 200);

    // Bad requests say what is wrong.
    let (status, e) = get(&server, "/api/events?since=last-week");
    assert_eq!(status, 400);
    assert!(e["error"].as_str().unwrap().contains("YYYY-MM-DD"));
    assert_eq!(get(&server, "/api/articles?per_page=100000").0, 400);
    assert_eq!(get(&server, "/api/nothing").0, 404);

    // Posted text is annotated, not stored.
    let text = b"Kenyan President William Ruto met Ethiopian Prime Minister Abiy Ahmed in Nairobi on Monday. \"We agreed to reopen the border,\" Ruto said.";
    let (status, doc) = call(&server, "POST", "/api/process", &[("Content-Type", "text/plain")], text);
    assert_eq!(status, 200, "{doc}");
    assert!(doc["entities"].as_array().unwrap().iter().any(|e| e["name"] == "William Ruto"));
    assert_eq!(doc["quotes"][0]["speaker"]["name"], "William Ruto");
    let json =
        br#"{"text": "Police arrested 23 people in Lyon on Friday.", "title": "Arrests", "published": "2026-03-06"}"#;
    let (status, doc) = call(&server, "POST", "/api/process", &[("Content-Type", "application/json")], json);
    assert_eq!(status, 200, "{doc}");
    assert_eq!(doc["title"], "Arrests");
    assert_eq!(doc["date"]["value"], "2026-03-06");
    assert_eq!(get(&server, "/api/stats").1["articles"], 4, "nothing posted is stored");
    let (status, e) = call(&server, "POST", "/api/process", &[("Content-Type", "application/json")], b"{\"title\": 1}");
    assert_eq!(status, 400, "{e}");
    let big = vec![b'a'; 3 << 20];
    assert_eq!(call(&server, "POST", "/api/process", &[("Content-Type", "text/plain")], &big).0, 413);
}

#[test]
fn another_address_needs_a_token_and_every_request_shows_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    assert!(clio(&db, &["ingest", "-q", repo().join("examples/wire.jsonl").to_str().unwrap()]).status.success());
    let o = clio(&dir.path().join("missing.db"), &["serve", "--bind", "127.0.0.1:0"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no clio store at"), "{}", stderr(&o));
    let o = clio(&db, &["serve", "--bind", "0.0.0.0:0"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("needs a token"), "{}", stderr(&o));
    let server = start(&db, &["--token", "s3cret"]);
    let (status, e) = get(&server, "/api/stats");
    assert_eq!(status, 401);
    assert!(e["error"].as_str().unwrap().contains("Bearer"));
    assert_eq!(call(&server, "GET", "/api/stats", &[("Authorization", "Bearer s3cret")], b"").0, 200);
    assert_eq!(call(&server, "GET", "/api/stats", &[("Authorization", "Bearer wrong")], b"").0, 401);
}
