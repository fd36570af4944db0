//! A news page -> its headline, metadata and body paragraphs.
//!
//! Metadata comes from JSON-LD (`NewsArticle`), Open Graph and `article:`
//! meta tags. The body is the element whose child paragraphs hold the most
//! text, minus page furniture (navigation, share widgets, comments, related
//! lists, figures and captions), recognised by tag and by class/id words.
//! Each extracted word is located in the raw HTML, so spans map back to it.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use clio_model::{ArticleMeta, OffsetMap};
use ego_tree::NodeRef;
use scraper::{ElementRef, Html, Node, Selector};
use serde_json::Value;

use crate::meta::parse_date;

/// Elements that never hold article text.
const FURNITURE_TAGS: &[&str] = &[
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "script",
    "style",
    "noscript",
    "figure",
    "figcaption",
    "button",
    "iframe",
    "svg",
    "select",
    "template",
    "menu",
];

/// Words in a class or id that mark furniture.
const FURNITURE_WORDS: &[&str] = &[
    "share",
    "social",
    "related",
    "comment",
    "caption",
    "breadcrumb",
    "menu",
    "nav",
    "footer",
    "header",
    "sidebar",
    "promo",
    "advert",
    "newsletter",
    "subscribe",
    "cookie",
    "popup",
    "recommend",
    "more-stories",
    "tags",
    "toolbar",
    "byline",
    "credit",
];

/// The text blocks of a page's body, as one string with a map back to the HTML.
#[derive(Debug, Default)]
pub struct Page {
    /// Metadata from the head and JSON-LD.
    pub meta: ArticleMeta,
    /// Paragraph texts joined by blank lines.
    pub text: String,
    /// `text` byte offsets -> raw HTML byte offsets, word by word.
    pub to_raw: OffsetMap,
}

fn selector(s: &str) -> Selector {
    #[allow(clippy::expect_used)] // literal selectors, exercised by the tests below
    Selector::parse(s).expect("valid selector")
}

static META: LazyLock<Selector> = LazyLock::new(|| selector("meta"));
static LD_JSON: LazyLock<Selector> = LazyLock::new(|| selector(r#"script[type="application/ld+json"]"#));
static CANONICAL: LazyLock<Selector> = LazyLock::new(|| selector(r#"link[rel="canonical"]"#));
static TITLE: LazyLock<Selector> = LazyLock::new(|| selector("title"));
static H1: LazyLock<Selector> = LazyLock::new(|| selector("h1"));
static PARAGRAPHS: LazyLock<Selector> = LazyLock::new(|| selector("p"));
static BLOCKS: LazyLock<Selector> = LazyLock::new(|| selector("p, h2, h3, blockquote"));

fn is_furniture(el: &ElementRef) -> bool {
    let v = el.value();
    if FURNITURE_TAGS.contains(&v.name()) {
        return true;
    }
    let marks = |s: &str| {
        let s = s.to_ascii_lowercase();
        FURNITURE_WORDS.iter().any(|w| s.contains(w))
    };
    v.attr("class").is_some_and(marks) || v.id().is_some_and(marks) || v.attr("role") == Some("navigation")
}

fn inside_furniture(el: &ElementRef) -> bool {
    is_furniture(el) || el.ancestors().filter_map(ElementRef::wrap).any(|a| is_furniture(&a))
}

/// Deepest element nesting read as markup; browsers cap the tree about here
/// too (Chromium's parser at 512). News pages stay far below it.
const MAX_DEPTH: usize = 512;

/// Elements that never have content or a closing tag.
const VOID_TAGS: &[&str] =
    &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"];

/// Elements the parser closes before it opens another of their kind (a
/// paragraph, a heading), so they never nest deep: kept at any depth, as
/// they hold the article's text.
const UNNESTED_TAGS: &[&str] = &["p", "h1", "h2", "h3", "h4", "h5", "h6"];

/// Elements whose content is raw text up to their closing tag.
const RAW_TEXT_TAGS: &[&str] = &["script", "style", "textarea", "title", "xmp", "noembed", "noframes"];

/// The page with tags nested deeper than [`MAX_DEPTH`] blanked out (their
/// bytes turned to spaces, so every offset into the page stays where it
/// was). The HTML parser checks the open elements on every tag, which takes
/// time growing with the square of the nesting; this keeps a page nested
/// a hundred thousand deep as fast as any other. The scan is approximate
/// (it does not repair misnested tags) but only ever drops markup, never
/// text, and leaves a page within the bound untouched.
fn bound_nesting(raw: &str) -> Cow<'_, str> {
    let bytes = raw.as_bytes();
    // Per open element: whether its tags were blanked.
    let mut open: Vec<bool> = Vec::new();
    let mut blank: Vec<(usize, usize)> = Vec::new();
    let mut at = 0;
    while let Some(lt) = memchr(b'<', bytes, at) {
        let rest = &raw[lt..];
        let end_of = |from: &str| rest.find(from).map_or(raw.len(), |e| lt + e + from.len());
        if rest.starts_with("<!--") {
            at = end_of("-->");
            continue;
        }
        let closing = rest.starts_with("</");
        let name_start = lt + if closing { 2 } else { 1 };
        let name_len = bytes[name_start..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        if name_len == 0 {
            at = if matches!(bytes.get(lt + 1), Some(b'!' | b'?')) { end_of(">") } else { lt + 1 };
            continue;
        }
        let name = raw[name_start..name_start + name_len].to_ascii_lowercase();
        let gt = memchr(b'>', bytes, name_start).map_or(raw.len(), |g| g + 1);
        at = gt;
        if closing && UNNESTED_TAGS.contains(&name.as_str()) {
            continue;
        }
        if closing {
            if open.pop() == Some(true) {
                blank.push((lt, gt));
            }
            continue;
        }
        if UNNESTED_TAGS.contains(&name.as_str()) {
            continue;
        }
        let self_closing = raw[..gt].ends_with("/>");
        if VOID_TAGS.contains(&name.as_str()) || self_closing {
            if open.len() >= MAX_DEPTH {
                blank.push((lt, gt));
            }
            continue;
        }
        let too_deep = open.len() >= MAX_DEPTH;
        if too_deep {
            blank.push((lt, gt));
        }
        open.push(too_deep);
        if RAW_TEXT_TAGS.contains(&name.as_str()) {
            let close = format!("</{name}");
            at = raw[gt..].to_ascii_lowercase().find(&close).map_or(raw.len(), |c| gt + c);
        }
    }
    if blank.is_empty() {
        return Cow::Borrowed(raw);
    }
    let mut out = bytes.to_vec();
    for (from, to) in blank {
        out[from..to].fill(b' ');
    }
    // Only whole tags (ASCII from '<' to '>') were blanked.
    Cow::Owned(String::from_utf8(out).unwrap_or_else(|_| raw.to_string()))
}

/// The first `needle` in `hay` at or after `from`.
fn memchr(needle: u8, hay: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?.iter().position(|&b| b == needle).map(|p| from + p)
}

/// Extracts the article from a page.
pub fn extract(raw: &str) -> Page {
    let raw = &*bound_nesting(raw);
    let doc = Html::parse_document(raw);
    let mut page = Page { meta: head_meta(&doc), ..Page::default() };

    // The body container: the parent whose paragraphs hold the most text.
    let mut best: Option<(NodeRef<Node>, usize)> = None;
    let mut scores: HashMap<ego_tree::NodeId, usize> = HashMap::new();
    for p in doc.select(&PARAGRAPHS) {
        if inside_furniture(&p) {
            continue;
        }
        let len: usize = p.text().map(str::len).sum();
        let Some(parent) = p.parent() else { continue };
        let score = *scores.entry(parent.id()).and_modify(|s| *s += len).or_insert(len);
        if best.is_none_or(|(_, b)| score > b) {
            best = Some((parent, score));
        }
    }
    let Some(container) = best.and_then(|(n, _)| ElementRef::wrap(n)) else { return page };

    let mut cursor = 0;
    for block in container.select(&BLOCKS) {
        if inside_furniture(&block) || block.ancestors().filter_map(ElementRef::wrap).any(|a| a.value().name() == "p") {
            continue; // nested blocks are read with their outer block
        }
        let start_len = page.text.len();
        if start_len > 0 {
            page.text.push_str("\n\n");
        }
        let block_start = page.text.len();
        append_text(&block, raw, &mut cursor, &mut page);
        if page.text[block_start..].trim().is_empty() {
            page.text.truncate(start_len);
        }
    }
    page
}

/// Appends a block's words, one space between them, locating each word in
/// the raw HTML after `cursor` (words with entities stay unmapped).
fn append_text(block: &ElementRef, raw: &str, cursor: &mut usize, page: &mut Page) {
    let mut stack: Vec<NodeRef<Node>> = block.children().rev().collect();
    let mut first = true;
    while let Some(node) = stack.pop() {
        match node.value() {
            Node::Text(t) => {
                for word in t.split_whitespace() {
                    if !first {
                        page.text.push(' ');
                    }
                    first = false;
                    let at = page.text.len();
                    page.text.push_str(word);
                    if let Some(found) = raw.get(*cursor..).and_then(|r| r.find(word)) {
                        page.to_raw.push(at, *cursor + found, word.len());
                        *cursor += found + word.len();
                    }
                }
            }
            Node::Element(_) => {
                if let Some(el) = ElementRef::wrap(node) {
                    if !is_furniture(&el) {
                        stack.extend(node.children().rev());
                    }
                }
            }
            _ => {}
        }
    }
}

fn head_meta(doc: &Html) -> ArticleMeta {
    let mut meta = ArticleMeta::default();
    let mut published: Option<String> = None;
    // JSON-LD first: it is the most explicit.
    for script in doc.select(&LD_JSON) {
        let text: String = script.text().collect();
        if let Ok(v) = serde_json::from_str::<Value>(&text) {
            if let Some(article) = find_news_article(&v) {
                let s = |k: &str| article.get(k).and_then(Value::as_str).map(str::to_string);
                meta.title = meta.title.or_else(|| s("headline"));
                published = published.or_else(|| s("datePublished"));
                meta.url = meta.url.or_else(|| s("url"));
                meta.outlet = meta.outlet.or_else(|| {
                    article.get("publisher").and_then(|p| p.get("name")).and_then(Value::as_str).map(str::to_string)
                });
            }
        }
    }
    for m in doc.select(&META) {
        let key = m.attr("property").or_else(|| m.attr("name")).or_else(|| m.attr("itemprop"));
        let (Some(key), Some(content)) = (key, m.attr("content")) else { continue };
        let content = content.trim().to_string();
        match key.to_ascii_lowercase().as_str() {
            "og:title" => meta.title = meta.title.or(Some(content)),
            "og:site_name" | "application-name" => meta.outlet = meta.outlet.or(Some(content)),
            "og:url" => meta.url = meta.url.or(Some(content)),
            "article:published_time" | "datepublished" | "pubdate" | "publishdate" | "date" | "dc.date.issued" => {
                published = published.or(Some(content))
            }
            _ => {}
        }
    }
    if meta.url.is_none() {
        meta.url = doc.select(&CANONICAL).find_map(|l| l.attr("href")).map(str::to_string);
    }
    if meta.title.is_none() {
        let first_text = |sel: &Selector| {
            doc.select(sel)
                .map(|e| e.text().collect::<Vec<_>>().join(" ").split_whitespace().collect::<Vec<_>>().join(" "))
                .find(|t| !t.is_empty())
        };
        meta.title = first_text(&H1).or_else(|| first_text(&TITLE));
    }
    meta.published = published.as_deref().and_then(parse_date);
    meta
}

/// The NewsArticle (or Article) object in a JSON-LD value: top level, in an
/// array, or in an `@graph`.
fn find_news_article(v: &Value) -> Option<&Value> {
    match v {
        Value::Array(items) => items.iter().find_map(find_news_article),
        Value::Object(o) => {
            let is_article = |t: &Value| t.as_str().is_some_and(|t| t.ends_with("Article") || t == "BlogPosting");
            let typed = match o.get("@type") {
                Some(Value::Array(ts)) => ts.iter().any(is_article),
                Some(t) => is_article(t),
                None => false,
            };
            if typed {
                Some(v)
            } else {
                o.get("@graph").and_then(find_news_article)
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html><head>
<title>Leaders meet - The Example Times</title>
<meta property="og:site_name" content="The Example Times">
<meta property="article:published_time" content="2024-05-02T08:00:00Z">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite"},
 {"@type":"NewsArticle","headline":"Ministers agree on river pact","url":"https://example.org/river"}]}</script>
</head><body>
<nav><ul><li>Home</li><li>World</li></ul></nav>
<div class="breadcrumb">Home &gt; World</div>
<article><h1>Ministers agree on river pact</h1>
<div class="story">
<p>VIENTIANE (Example) &mdash; Ministers from three countries agreed on Tuesday to share river data.</p>
<figure><img src="x.jpg"><figcaption>Ministers pose for a photo. (Example/Jo Lee)</figcaption></figure>
<p>The pact covers <b>flood warnings</b> and dam releases, officials said.</p>
<div class="share-bar"><p>Share this story</p></div>
<p>Talks will resume in June.</p>
</div>
<aside class="related"><p>Related: Dam opens upstream</p></aside>
</article>
<section class="comments"><p>Great article, thanks for sharing this wonderful piece of news!</p></section>
<footer><p>Copyright 2024 The Example Times. All rights reserved worldwide.</p></footer>
</body></html>"#;

    #[test]
    fn keeps_article_text_and_metadata_drops_furniture() {
        let page = extract(PAGE);
        assert_eq!(page.meta.title.as_deref(), Some("Ministers agree on river pact"));
        assert_eq!(page.meta.outlet.as_deref(), Some("The Example Times"));
        assert_eq!(page.meta.url.as_deref(), Some("https://example.org/river"));
        assert_eq!(page.meta.published.map(|d| d.to_string()).as_deref(), Some("2024-05-02"));
        let paras: Vec<&str> = page.text.split("\n\n").collect();
        assert_eq!(paras.len(), 3, "{}", page.text);
        assert!(paras[0].starts_with("VIENTIANE (Example) \u{2014} Ministers"));
        assert_eq!(paras[1], "The pact covers flood warnings and dam releases, officials said.");
        for gone in ["Share this", "Related", "Great article", "Copyright", "pose for a photo", "Home"] {
            assert!(!page.text.contains(gone), "{gone} left in {}", page.text);
        }
    }

    #[test]
    fn words_map_back_to_the_raw_html() {
        let page = extract(PAGE);
        let at = page.text.find("flood").unwrap();
        let raw_at = page.to_raw.to_raw(at).unwrap();
        assert_eq!(&PAGE[raw_at..raw_at + 5], "flood");
    }

    #[test]
    fn a_page_without_paragraphs_yields_no_text_and_no_panic() {
        assert_eq!(extract("<html><body><div>just a div</div></body></html>").text, "");
        assert_eq!(extract("").text, "");
        assert_eq!(extract("<p>unclosed <b>tags <i>everywhere").text, "unclosed tags everywhere");
    }

    #[test]
    fn markup_nested_past_the_bound_keeps_its_text_and_offsets() {
        let n = 20_000;
        let page = format!(
            "<html><body>{}<span><p>Rebels <i>attacked</i> the town.</p></span><p>Talks resume.</p>{}</body></html>",
            "<div class=x>".repeat(n),
            "</div>".repeat(n)
        );
        let bounded = bound_nesting(&page);
        assert_eq!(bounded.len(), page.len());
        assert!(bounded.matches("<div").count() <= MAX_DEPTH);
        let read = extract(&page);
        assert_eq!(read.text, "Rebels attacked the town.\n\nTalks resume.");
        let at = read.text.find("attacked").unwrap();
        let raw_at = read.to_raw.to_raw(at).unwrap();
        assert_eq!(&page[raw_at..raw_at + 8], "attacked");
    }

    #[test]
    fn a_page_within_the_bound_is_read_as_it_is() {
        assert!(matches!(bound_nesting(PAGE), Cow::Borrowed(_)));
        // Tags inside scripts and comments are not markup.
        let script = format!("<script>{}</script><!-- {} --><p>x</p>", "<div>".repeat(5000), "<b>".repeat(5000));
        assert!(matches!(bound_nesting(&script), Cow::Borrowed(_)));
    }
}
