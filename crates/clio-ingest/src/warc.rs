//! WARC files (`.warc`, `.warc.gz`): web archives of crawled pages, as
//! Common Crawl's CC-NEWS and other archives publish them. Read record by
//! record with the `warc` crate (gzip members streamed); each HTTP response
//! (or resource) with an HTML page becomes an article, with the record's
//! target URI as its URL, its record id as its id and the crawl date kept
//! as when the page was fetched. Other responses (images, feeds, errors,
//! redirects) are reported and skipped; request, metadata and warcinfo
//! records are WARC's own bookkeeping and pass silently. A record that
//! cannot be read (a truncated file) is reported and ends that file.

use std::borrow::Cow;
use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use clio_model::{ArticleMeta, InputFormat, RawArticle};
use warc::{RawRecordHeader, WarcHeader, WarcReader};

use crate::read::{Item, SkipReason, Skipped};

/// A record as read: its headers and its block.
type RawRecord = Result<(RawRecordHeader, Vec<u8>), warc::Error>;

/// The records of one WARC file, as articles and skips.
pub(crate) struct WarcRecords {
    source: String,
    records: Box<dyn Iterator<Item = RawRecord>>,
    n: usize,
    done: bool,
}

/// True for the names of WARC files.
pub(crate) fn is_warc(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    name.ends_with(".warc") || name.ends_with(".warc.gz")
}

impl WarcRecords {
    /// Opens `path` (gzip when it ends in `.gz`).
    pub(crate) fn open(path: &Path) -> std::io::Result<WarcRecords> {
        let source = path.display().to_string();
        let records: Box<dyn Iterator<Item = _>> = if source.to_ascii_lowercase().ends_with(".gz") {
            Box::new(WarcReader::from_path_gzip(path)?.iter_raw_records())
        } else {
            // Not the crate's from_path: it creates a file that is missing.
            let file = File::open(path)?;
            Box::new(WarcReader::new(BufReader::with_capacity(1 << 20, file)).iter_raw_records())
        };
        Ok(WarcRecords { source, records, n: 0, done: false })
    }

    /// The next article or skip; `None` at the end of the file.
    pub(crate) fn next_item(&mut self, max_bytes: usize) -> Option<Item> {
        while !self.done {
            let record = self.records.next()?;
            self.n += 1;
            let source = format!("{}:record {}", self.source, self.n);
            let skip = |reason, detail: String| Some(Item::Skipped(Skipped { source: source.clone(), reason, detail }));
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    // The reader cannot find the next record after a bad
                    // one: the rest of the file is given up, and said so.
                    self.done = true;
                    return skip(
                        SkipReason::Unreadable,
                        format!(
                            "WARC record unreadable ({e}); the rest of the file is skipped (truncated or damaged?)"
                        ),
                    );
                }
            };
            // Raw headers, read leniently: a header that is not UTF-8 is
            // damage to report, not a reason to stop (the crate's typed
            // accessors panic on it).
            let (head, block) = record;
            let header = |h: WarcHeader| head.headers.get(&h).map(|v| String::from_utf8_lossy(v).trim().to_string());
            let kind = header(WarcHeader::WarcType).unwrap_or_default().to_ascii_lowercase();
            if kind != "response" && kind != "resource" {
                continue;
            }
            let uri = header(WarcHeader::TargetURI);
            let what = uri.clone().unwrap_or_default();
            let (status, content_type, body) = if kind == "response" {
                match http_response(&block) {
                    Some(parts) => parts,
                    None => {
                        return skip(SkipReason::NotAPage, format!("{what}: the response holds no HTTP message"));
                    }
                }
            } else {
                (200, header(WarcHeader::ContentType).unwrap_or_default(), Cow::Borrowed(&block[..]))
            };
            if status != 200 {
                return skip(SkipReason::NotAPage, format!("{what}: HTTP status {status}, no article"));
            }
            let kind = content_type.to_ascii_lowercase();
            if !(kind.contains("html") || kind.is_empty() && body.trim_ascii_start().starts_with(b"<")) {
                let kind = if kind.is_empty() { "no content type".to_string() } else { kind };
                return skip(SkipReason::NotAPage, format!("{what}: {kind} is not an HTML page"));
            }
            if body.len() > max_bytes {
                return skip(
                    SkipReason::TooLarge,
                    format!(
                        "{what}: {:.1} MB is over the limit for one article; raise --max-article-mb",
                        body.len() as f64 / 1e6
                    ),
                );
            }
            let (raw, warnings) = match crate::read::check_text(&body) {
                Ok(ok) => ok,
                Err((reason, detail)) => return skip(reason, format!("{what}: {detail}")),
            };
            let id = header(WarcHeader::RecordID).unwrap_or_default();
            let id = id.trim_start_matches('<').trim_end_matches('>').trim_start_matches("urn:uuid:").to_string();
            // WARC-Date is an ISO 8601 instant: its first ten characters
            // are the day.
            let fetched = header(WarcHeader::Date).and_then(|d| d.get(..10)?.parse::<jiff::civil::Date>().ok());
            return Some(Item::Article(Box::new(RawArticle {
                id: (!id.is_empty()).then_some(id),
                source,
                format: InputFormat::Html,
                raw,
                is_html: true,
                meta: ArticleMeta { url: uri, fetched, ..ArticleMeta::default() },
                warnings,
            })));
        }
        None
    }
}

/// An HTTP response's status, content type and body (chunked transfer
/// coding undone).
fn http_response(message: &[u8]) -> Option<(u16, String, Cow<'_, [u8]>)> {
    let end = message.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&message[..end]).ok()?;
    let mut lines = head.split("\r\n");
    let status: u16 = lines.next()?.split_whitespace().nth(1)?.parse().ok()?;
    let mut content_type = String::new();
    let mut chunked = false;
    for line in lines {
        if let Some((k, v)) = line.split_once(':') {
            if k.trim().eq_ignore_ascii_case("content-type") {
                content_type = v.trim().to_string();
            } else if k.trim().eq_ignore_ascii_case("transfer-encoding") {
                chunked = v.to_ascii_lowercase().contains("chunked");
            }
        }
    }
    let body = &message[end + 4..];
    Some((status, content_type, if chunked { Cow::Owned(dechunk(body)) } else { Cow::Borrowed(body) }))
}

/// A chunked body's data; what does not parse is kept as it is.
fn dechunk(mut body: &[u8]) -> Vec<u8> {
    let whole = body;
    let mut out = Vec::with_capacity(body.len());
    loop {
        let Some(line_end) = body.windows(2).position(|w| w == b"\r\n") else { return whole.to_vec() };
        let size = std::str::from_utf8(&body[..line_end])
            .ok()
            .and_then(|l| usize::from_str_radix(l.split(';').next()?.trim(), 16).ok());
        let Some(size) = size else { return whole.to_vec() };
        if size == 0 {
            return out;
        }
        let Some(chunk) = body.get(line_end + 2..line_end + 2 + size) else { return whole.to_vec() };
        out.extend_from_slice(chunk);
        body = body.get(line_end + 4 + size..).unwrap_or(&[]);
    }
}
