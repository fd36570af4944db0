//! The web page of `clio serve`: server-made HTML, no build step, no
//! network, no script needed to read it. An article with its layers marked
//! in the text, a story, the events with a chart, and search.
//!
//! The text is cut at every boundary of every annotation (entity mentions,
//! quotes, quantities, time expressions, the evidence of events), and each
//! piece carries the classes of all that cover it, so overlapping layers
//! never break the markup.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::Value;

/// Escapes text for HTML.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A query-string value.
pub fn url(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

const STYLE: &str = r#"
body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1d1d1f;background:#fafafa}
header{background:#1d3557;color:#fff;padding:.5em 1em;display:flex;gap:1.5em;align-items:center}
header a{color:#fff;text-decoration:none;font-weight:600}
header form{margin-left:auto}
main{max-width:60em;margin:1em auto;padding:0 1em}
.text p{background:#fff;padding:.2em .6em;border-radius:4px}
.ent{border-bottom:2px solid;cursor:help}
.person{border-color:#e76f51}.organization{border-color:#2a9d8f}.location{border-color:#457b9d}.other{border-color:#999}
.quote{background:#fff3bf}.quantity{background:#d8f3dc}.time{background:#e7e0ff}.evidence{outline:1px dotted #bbb}
table{border-collapse:collapse;width:100%;background:#fff}td,th{border-bottom:1px solid #ddd;padding:.25em .5em;text-align:left;vertical-align:top}
.muted{color:#666;font-size:.9em}.legend span{margin-right:1em}
:target{background:#ffe066}
"#;

/// A whole page around `body`.
pub fn page(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=en><head><meta charset=utf-8><meta name=viewport content='width=device-width'>\
         <title>{} · clio</title><style>{STYLE}</style></head><body><header><a href='/'>clio</a>\
         <a href='/events'>events</a><a href='/stories'>stories</a>\
         <form action='/search'><input name=q placeholder='words, names' aria-label=search> <button>search</button></form>\
         </header><main>{body}</main></body></html>",
        esc(title)
    )
}

fn s<'a>(v: &'a Value, k: &str) -> &'a str {
    v[k].as_str().unwrap_or("")
}

fn n(v: &Value, k: &str) -> usize {
    v[k].as_u64().unwrap_or(0) as usize
}

/// An annotation over chars `start..end` of the text.
struct Mark {
    start: usize,
    end: usize,
    class: String,
    title: String,
    anchor: Option<String>,
}

/// The article view, from its `documents.jsonl` record.
pub fn article(d: &Value) -> String {
    let text: Vec<char> = s(d, "text").chars().collect();
    let mut marks: Vec<Mark> = Vec::new();
    let entities = d["entities"].as_array().cloned().unwrap_or_default();
    for e in &entities {
        let kind = match s(e, "type") {
            "PERSON" => "person",
            "ORG" => "organization",
            "LOC" => "location",
            _ => "other",
        };
        let code = e["actor"].as_str().map(|c| format!(", actor {c}")).unwrap_or_default();
        for (k, m) in e["mentions"].as_array().into_iter().flatten().enumerate() {
            marks.push(Mark {
                start: n(m, "start"),
                end: n(m, "end"),
                class: format!("ent {kind}"),
                title: format!("{} ({}{code})", s(e, "name"), s(e, "type")),
                anchor: (k == 0).then(|| s(e, "id").to_string()),
            });
        }
    }
    for (i, q) in d["quotes"].as_array().into_iter().flatten().enumerate() {
        let who = q["speaker"]["name"].as_str().unwrap_or("unattributed");
        marks.push(Mark {
            start: n(q, "start"),
            end: n(q, "end"),
            class: "quote".into(),
            title: format!("{} quote: {who}", s(q, "kind")),
            anchor: Some(format!("q{}", i + 1)),
        });
    }
    for q in d["quantities"].as_array().into_iter().flatten().filter(|q| q["in_caption"] != true) {
        marks.push(Mark {
            start: n(q, "start"),
            end: n(q, "end"),
            class: "quantity".into(),
            title: format!("{} {}", q["value"], s(q, "what")),
            anchor: None,
        });
    }
    for t in d["time_expressions"].as_array().into_iter().flatten() {
        marks.push(Mark {
            start: n(t, "start"),
            end: n(t, "end"),
            class: "time".into(),
            title: format!("{} ({})", t["value"].as_str().unwrap_or("unresolved"), s(t, "basis")),
            anchor: None,
        });
    }
    let sentences: Vec<(usize, usize)> = d["sentences"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| Some((p.get(0)?.as_u64()? as usize, p.get(1)?.as_u64()? as usize)))
        .collect();
    for (i, (a, b)) in sentences.iter().enumerate() {
        marks.push(Mark {
            start: *a,
            end: *b,
            class: String::new(),
            title: String::new(),
            anchor: Some(format!("s{}", i + 1)),
        });
    }

    let mut out = String::new();
    let _ = write!(out, "<h1>{}</h1>", esc(d["title"].as_str().unwrap_or(s(d, "id"))));
    let date = d["date"]["value"].as_str().unwrap_or("undated");
    let _ = write!(
        out,
        "<p class=muted>{} · {} · <b>{}</b> ({}: {}) · story <a href='/stories/{}'>{}</a> · <span class=id>{}</span></p>",
        esc(d["outlet"].as_str().unwrap_or("no outlet")),
        esc(d["dateline"].as_str().unwrap_or("")),
        esc(date),
        esc(s(&d["date"], "basis")),
        esc(s(&d["date"], "reason")),
        url(s(d, "story")),
        esc(s(d, "story")),
        esc(s(d, "id")),
    );
    out.push_str(
        "<p class='legend muted'><span class='ent person'>person</span><span class='ent organization'>organisation</span>\
         <span class='ent location'>place</span><span class=quote>quote</span><span class=quantity>quantity</span>\
         <span class=time>time</span></p><div class=text><p>",
    );
    out.push_str(&marked(&text, &marks));
    out.push_str("</p></div>");

    out.push_str("<h2>Events</h2><table><tr><th>code</th><th>source</th><th>target</th><th>action</th><th>rule</th><th>sentence</th><th>reports</th></tr>");
    let story_id = s(d, "story");
    for e in d["events"].as_array().into_iter().flatten() {
        // A doer the text does not name has no code: said so, with the
        // attack or weapon it is known by.
        let side = |v: &Value| {
            if v.is_null() {
                "-".to_string()
            } else if s(v, "code").is_empty() {
                format!("<span class=muted>not named ({})</span>", esc(s(v, "text")))
            } else {
                format!("{} <span class=muted>{}</span>", esc(s(v, "code")), esc(s(v, "text")))
            }
        };
        let _ = write!(
            out,
            "<tr class=event><td>{}{}</td><td>{}</td><td>{}</td><td>{}</td><td class=rule>{}</td><td><a href='#s{}'>{}</a></td>\
             <td><a class=reports href='/events?story={}&amp;code={}&amp;actor={}'>in the story</a></td></tr>",
            esc(s(e, "code")),
            if s(e, "modality").is_empty() || s(e, "modality") == "asserted" {
                String::new()
            } else {
                format!(" <span class=muted>({})</span>", esc(s(e, "modality")))
            },
            side(&e["source"]),
            side(&e["target"]),
            esc(s(&e["action"], "text")),
            esc(s(e, "rule")),
            n(e, "sentence"),
            n(e, "sentence"),
            url(story_id),
            url(s(e, "code")),
            url(s(&e["source"], "code")),
        );
    }
    out.push_str("</table><h2>Quotes</h2><table><tr><th>speaker</th><th>quote</th></tr>");
    for (i, q) in d["quotes"].as_array().into_iter().flatten().enumerate() {
        let speaker = match (q["speaker"]["entity"].as_str(), q["speaker"]["name"].as_str()) {
            (Some(e), Some(name)) => format!("<a class=speaker href='#{}'>{}</a>", esc(e), esc(name)),
            (None, Some(name)) => esc(name),
            _ => "<span class=muted>unattributed</span>".into(),
        };
        let _ = write!(
            out,
            "<tr class=quote-row><td>{speaker}</td><td><a href='#q{}'>{}</a> <span class=muted>{}</span></td></tr>",
            i + 1,
            esc(s(q, "text")),
            esc(s(q, "kind"))
        );
    }
    out.push_str("</table><h2>Entities</h2><table><tr><th>name</th><th>type</th><th>actor</th><th>why</th><th>mentions</th></tr>");
    for e in &entities {
        let _ = write!(
            out,
            "<tr class=entity><td><a href='#{}'>{}</a></td><td>{}</td><td>{}</td><td class=muted>{}</td><td>{}</td></tr>",
            esc(s(e, "id")),
            esc(s(e, "name")),
            esc(s(e, "type")),
            esc(e["actor"].as_str().unwrap_or("-")),
            esc(e["actor_rule"].as_str().unwrap_or("")),
            e["mentions"].as_array().map_or(0, Vec::len)
        );
    }
    out.push_str("</table><h2>Quantities</h2><table><tr><th>value</th><th>what</th><th>text</th></tr>");
    for q in d["quantities"].as_array().into_iter().flatten() {
        let _ = write!(
            out,
            "<tr><td>{} {}</td><td>{}</td><td class=muted>{}</td></tr>",
            esc(s(q, "qualifier")),
            q["value"],
            esc(s(q, "what")),
            esc(s(q, "text"))
        );
    }
    out.push_str("</table>");
    let removed = d["removed"].as_array().cloned().unwrap_or_default();
    let _ = write!(out, "<details><summary>Removed in cleaning ({})</summary><table>", removed.len());
    for r in &removed {
        let _ = write!(out, "<tr><td>{}</td><td class=muted>{}</td></tr>", esc(s(r, "reason")), esc(s(r, "text")));
    }
    out.push_str("</table></details>");
    page(d["title"].as_str().unwrap_or(s(d, "id")), &out)
}

/// The text with every mark, cut at every boundary.
fn marked(text: &[char], marks: &[Mark]) -> String {
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for m in marks {
        cuts.push(m.start.min(text.len()));
        cuts.push(m.end.min(text.len()));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = String::new();
    let mut anchored: Vec<bool> = vec![false; marks.len()];
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let piece: String = text[a..b].iter().collect();
        let covering: Vec<usize> = (0..marks.len()).filter(|&i| marks[i].start <= a && b <= marks[i].end).collect();
        let mut anchors = String::new();
        for &i in &covering {
            if let (Some(id), false) = (&marks[i].anchor, anchored[i]) {
                let _ = write!(anchors, "<span id='{}'></span>", esc(id));
                anchored[i] = true;
            }
        }
        let classes: Vec<&str> = covering.iter().map(|&i| marks[i].class.as_str()).filter(|c| !c.is_empty()).collect();
        let titles: Vec<&str> = covering.iter().map(|&i| marks[i].title.as_str()).filter(|t| !t.is_empty()).collect();
        let body = esc(&piece).replace("\n\n", "</p><p>").replace('\n', "<br>");
        out.push_str(&anchors);
        if classes.is_empty() {
            out.push_str(&body);
        } else {
            let _ = write!(
                out,
                "<span class='{}' title='{}'>{body}</span>",
                esc(&classes.join(" ")),
                esc(&titles.join("; "))
            );
        }
    }
    out
}

/// One article in a list: date, outlet, linked title.
fn article_row(out: &mut String, a: &Value) {
    let _ = write!(
        out,
        "<tr class=article><td>{}</td><td>{}</td><td><a href='/articles/{}'>{}</a></td></tr>",
        esc(a["date"].as_str().unwrap_or("-")),
        esc(a["outlet"].as_str().unwrap_or("-")),
        url(s(a, "id")),
        esc(a["title"].as_str().unwrap_or(s(a, "id")))
    );
}

/// A list of articles (search results, the start page).
pub fn articles(title: &str, total: u64, rows: &[Value]) -> String {
    let mut out = format!(
        "<h1>{}</h1><p class=muted>{total} articles</p><table><tr><th>date</th><th>outlet</th><th>title</th></tr>",
        esc(title)
    );
    for r in rows {
        article_row(&mut out, r);
    }
    out.push_str("</table>");
    page(title, &out)
}

/// The list of stories.
pub fn stories(rows: &[Value]) -> String {
    let mut out = format!("<h1>Stories</h1><p class=muted>{} stories</p><table><tr><th>story</th><th>dates</th><th>articles</th><th>outlets</th></tr>", rows.len());
    for st in rows {
        let _ = write!(
            out,
            "<tr class=story><td><a href='/stories/{}'>{}</a></td><td>{} to {}</td><td>{}</td><td>{}</td></tr>",
            url(s(st, "id")),
            esc(s(st, "label")),
            esc(st["first_date"].as_str().unwrap_or("-")),
            esc(st["last_date"].as_str().unwrap_or("-")),
            st["documents"].as_array().map_or(0, Vec::len),
            esc(&st["outlets"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(", "))
        );
    }
    out.push_str("</table>");
    page("Stories", &out)
}

/// A story: its articles by time and outlet, merged events, claims.
pub fn story(st: &Value) -> String {
    let mut out = format!("<h1>{}</h1>", esc(s(st, "label")));
    let _ = write!(
        out,
        "<p class=muted>{} · {} to {} · outlets: {}</p>",
        esc(s(st, "id")),
        esc(st["first_date"].as_str().unwrap_or("undated")),
        esc(st["last_date"].as_str().unwrap_or("undated")),
        esc(&st["outlets"].as_array().into_iter().flatten().filter_map(Value::as_str).collect::<Vec<_>>().join(", "))
    );
    out.push_str("<h2>Articles</h2><table><tr><th>date</th><th>outlet</th><th>title</th></tr>");
    let mut articles = st["articles"].as_array().cloned().unwrap_or_default();
    articles.sort_by(|a, b| (s(a, "date"), s(a, "outlet")).cmp(&(s(b, "date"), s(b, "outlet"))));
    for a in &articles {
        article_row(&mut out, a);
    }
    out.push_str("</table><h2>Merged events</h2>");
    out.push_str(&events_table(st["events"].as_array().map_or(&[][..], Vec::as_slice)));
    out.push_str("<h2>Claims</h2><table><tr><th>value</th><th>what</th><th>as of</th><th>articles</th><th>conflicts with</th></tr>");
    for c in st["claims"].as_array().into_iter().flatten() {
        let conflicts: Vec<String> =
            c["conflicts_with"].as_array().into_iter().flatten().map(Value::to_string).collect();
        let _ = write!(
            out,
            "<tr class=claim><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            c["value"],
            esc(s(c, "what")),
            esc(c["as_of"].as_str().unwrap_or("-")),
            c["documents"].as_array().map_or(0, Vec::len),
            esc(&conflicts.join(", "))
        );
    }
    out.push_str("</table>");
    page(s(st, "label"), &out)
}

/// A table of merged events; each row links to the sentence of its first
/// report when the event says where that is.
pub fn events_table(events: &[Value]) -> String {
    let mut out = String::from(
        "<table><tr><th>id</th><th>date</th><th>source</th><th>target</th><th>code</th><th>mentions</th><th>sources</th><th>reported in</th></tr>",
    );
    for e in events {
        let docs: Vec<&str> = e["documents"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
        let first = match (docs.first(), e["sentence"].as_u64()) {
            (Some(d), Some(k)) => format!("<a href='/articles/{}#s{k}'>{}</a>", url(d), esc(d)),
            (Some(d), None) => format!("<a href='/articles/{}'>{}</a>", url(d), esc(d)),
            _ => String::new(),
        };
        let more = if docs.len() > 1 { format!(" and {} more", docs.len() - 1) } else { String::new() };
        let _ = write!(
            out,
            "<tr class=event><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{first}{more}</td></tr>",
            esc(s(e, "id")),
            esc(e["date"].as_str().unwrap_or("-")),
            esc(s(e, "source")),
            esc(s(e, "target")),
            esc(s(e, "code")),
            n(e, "num_mentions"),
            n(e, "num_sources"),
        );
    }
    out.push_str("</table>");
    out
}

/// The events view: a filter form, a chart of events per day by quad class
/// (an SVG made here), and the table.
pub fn events(filters: &[(&str, Option<String>)], events: &[Value], total: usize) -> String {
    let mut out = String::from("<h1>Events</h1><form class=filters>");
    for (name, value) in filters {
        let _ = write!(
            out,
            "<label>{name} <input name={name} value='{}' size=10></label> ",
            esc(value.as_deref().unwrap_or(""))
        );
    }
    out.push_str("<button>filter</button></form>");
    let _ = write!(out, "<p class=muted>{total} merged events</p>");
    out.push_str(&chart(events));
    out.push_str(&events_table(events));
    page("Events", &out)
}

/// CAMEO's quad class of a code: 1 verbal cooperation (01-05), 2 material
/// cooperation (06-08), 3 verbal conflict (09-13), 4 material conflict.
fn quad(code: &str) -> usize {
    match code.get(..2).and_then(|r| r.parse::<u32>().ok()) {
        Some(1..=5) => 1,
        Some(6..=8) => 2,
        Some(9..=13) => 3,
        Some(_) => 4,
        None => 1,
    }
}

fn chart(events: &[Value]) -> String {
    let mut days: BTreeMap<&str, [usize; 4]> = BTreeMap::new();
    for e in events {
        if let Some(d) = e["date"].as_str() {
            days.entry(d).or_default()[quad(s(e, "code")) - 1] += 1;
        }
    }
    if days.is_empty() {
        return "<p class=muted>(no dated events to chart)</p>".into();
    }
    let colours = ["#2a9d8f", "#8ab17d", "#f4a261", "#e76f51"];
    let most = days.values().map(|c| c.iter().sum::<usize>()).max().unwrap_or(1).max(1);
    let (w, h) = (720.0, 160.0);
    let bar = w / days.len() as f64;
    let mut svg = format!(
        "<svg class=chart viewBox='0 0 {w} {}' width='100%' role=img aria-label='events per day by quad class'>",
        h + 20.0
    );
    for (i, (day, counts)) in days.iter().enumerate() {
        let mut y = h;
        for (q, c) in counts.iter().enumerate() {
            let height = h * *c as f64 / most as f64;
            y -= height;
            let _ = write!(
                svg,
                "<rect x='{:.1}' y='{y:.1}' width='{:.1}' height='{height:.1}' fill='{}'><title>{day}: {c} of quad class {}</title></rect>",
                i as f64 * bar,
                (bar - 1.0).max(1.0),
                colours[q],
                q + 1
            );
        }
    }
    let (first, last) = (days.keys().next().copied().unwrap_or(""), days.keys().last().copied().unwrap_or(""));
    let _ = write!(svg, "<text x='0' y='{}' font-size='12'>{first}</text><text x='{w}' y='{}' font-size='12' text-anchor='end'>{last}</text></svg>", h + 16.0, h + 16.0);
    svg.push_str("<p class='legend muted'>");
    for (q, name) in
        ["verbal cooperation", "material cooperation", "verbal conflict", "material conflict"].iter().enumerate()
    {
        let _ = write!(svg, "<span style='color:{}'>■ {name}</span>", colours[q]);
    }
    svg.push_str("</p>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn overlapping_layers_make_well_formed_pieces() {
        let d = json!({
            "id": "x", "title": "A <test>", "text": "Ana Borg said \"we stay\" on Monday.",
            "date": {"value": "2026-03-02", "basis": "text", "reason": "Monday"},
            "entities": [{"id": "e1", "name": "Ana Borg", "type": "PERSON", "actor": null, "mentions": [{"start": 0, "end": 8}]}],
            "quotes": [{"kind": "direct", "start": 15, "end": 22, "text": "we stay", "speaker": {"entity": "e1", "name": "Ana Borg"}}],
            "time_expressions": [{"start": 27, "end": 33, "value": "2026-03-02", "basis": "inferred"}],
            "sentences": [[0, 34]], "events": [], "quantities": [], "removed": []
        });
        let html = article(&d);
        assert!(html.contains("<h1>A &lt;test&gt;</h1>"));
        assert!(html.contains("class='ent person'"));
        assert!(html.contains("<a class=speaker href='#e1'>Ana Borg</a>"));
        assert!(html.contains("<span id='s1'></span>"));
        assert_eq!(html.matches("<span").count(), html.matches("</span>").count(), "every piece closed");
        assert_eq!(quad("190"), 4);
        assert_eq!(url("a b/é"), "a%20b%2F%C3%A9");
    }
}
