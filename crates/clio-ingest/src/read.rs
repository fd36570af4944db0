//! Walks the inputs (files, directories, `-` for stdin) and yields raw
//! articles one at a time, so a 100k-file directory or a multi-GB JSON Lines
//! file streams in constant memory. Every problem becomes a [`Skipped`] item
//! naming the file (and line); the walk goes on.

use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use clio_model::{ArticleMeta, InputFormat, RawArticle};

use crate::jsonl::{parse_record, FieldMap};

/// How inputs are read.
#[derive(Clone, Debug)]
pub struct ReadOptions {
    /// Extra JSON field mappings.
    pub fields: FieldMap,
    /// The largest article (a text or HTML file, or a JSON line) read; larger
    /// ones are skipped rather than exhausting memory.
    pub max_article_bytes: usize,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions { fields: FieldMap::default(), max_article_bytes: 32 << 20 }
    }
}

/// Why an input was skipped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SkipReason {
    /// The path could not be opened or read.
    Unreadable,
    /// Nothing but whitespace.
    Empty,
    /// NUL bytes: not text.
    Binary,
    /// Larger than `max_article_bytes`.
    TooLarge,
    /// A JSON Lines record that is not a JSON object.
    NotJson,
    /// A JSON record with no text or HTML field.
    NoText,
    /// Inside a directory: not a regular file (a FIFO, a socket, a device).
    NotAFile,
    /// Reached again through a symbolic link: read once already, or a
    /// directory that contains itself.
    SeenBefore,
    /// Nothing but page furniture (a consent banner, a newsletter prompt):
    /// no article text once cleaned.
    Furniture,
    /// Ran out of its work budget while being processed.
    OverBudget,
    /// A web archive record that is no article page (an image, a feed, an
    /// error or a redirect).
    NotAPage,
}

impl SkipReason {
    /// A short label for summaries.
    pub fn label(self) -> &'static str {
        match self {
            SkipReason::Unreadable => "unreadable",
            SkipReason::Empty => "empty",
            SkipReason::Binary => "binary",
            SkipReason::TooLarge => "too large",
            SkipReason::NotJson => "not JSON",
            SkipReason::NoText => "no text field",
            SkipReason::NotAFile => "not a regular file",
            SkipReason::SeenBefore => "seen before through a link",
            SkipReason::Furniture => "only page furniture",
            SkipReason::OverBudget => "over the work budget",
            SkipReason::NotAPage => "not an article page",
        }
    }
}

/// An input that was not read as an article, with where and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Skipped {
    /// `path` or `path:line`.
    pub source: String,
    /// The class of problem.
    pub reason: SkipReason,
    /// What exactly, and what to do about it.
    pub detail: String,
}

impl std::fmt::Display for Skipped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: skipped ({}): {}", self.source, self.reason.label(), self.detail)
    }
}

/// What the walk yields.
#[derive(Debug)]
pub enum Item {
    /// An article to process.
    Article(Box<RawArticle>),
    /// An input that could not be read as an article.
    Skipped(Skipped),
    /// A file inside a directory that is not an article format (README.md).
    Ignored(PathBuf),
}

/// The format a path's extension names, if it is one clio reads.
fn format_of(path: &Path) -> Option<InputFormat> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "txt" | "text" => Some(InputFormat::Text),
        "html" | "htm" | "xhtml" => Some(InputFormat::Html),
        "jsonl" | "ndjson" => Some(InputFormat::Jsonl),
        _ => None,
    }
}

/// The format of content with no telling extension, from its first byte.
fn sniff(first: Option<u8>) -> InputFormat {
    match first {
        Some(b'{') => InputFormat::Jsonl,
        Some(b'<') => InputFormat::Html,
        _ => InputFormat::Text,
    }
}

enum Pending {
    /// A path to open; `root` is the directory argument it was found under.
    Path {
        path: PathBuf,
        named: bool,
        root: Option<PathBuf>,
    },
    Lines(Lines),
    Warc(Box<crate::warc::WarcRecords>),
}

/// A file's id: its path under the directory given (or its name, for a file
/// given itself), without the extension: "000_312d31dc162224e8",
/// "site1/index". A file's name is the identity its input gives it.
fn file_id(path: &Path, root: Option<&Path>) -> Option<String> {
    let rel =
        root.and_then(|r| path.strip_prefix(r).ok()).unwrap_or_else(|| Path::new(path.file_name().unwrap_or_default()));
    let rel = rel.with_extension("");
    let parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    let id = parts.join("/");
    (!id.is_empty()).then_some(id)
}

struct Lines {
    source: String,
    reader: Box<dyn BufRead>,
    line: usize,
}

/// The stream of inputs. Build with [`Inputs::new`], iterate for [`Item`]s.
pub struct Inputs {
    stack: Vec<Pending>,
    opts: ReadOptions,
    buf: Vec<u8>,
    consumed: u64,
    /// Canonical paths of the files and directories walked so far: a link
    /// back to one of them is not followed again.
    seen: std::collections::HashSet<PathBuf>,
}

impl Inputs {
    /// Walks `paths` in order; directories recursively, by file name.
    pub fn new(paths: &[PathBuf], opts: ReadOptions) -> Inputs {
        let stack = paths.iter().rev().map(|p| Pending::Path { path: p.clone(), named: true, root: None }).collect();
        Inputs { stack, opts, buf: Vec::new(), consumed: 0, seen: Default::default() }
    }

    /// Bytes of input read so far (for progress against [`total_bytes`]).
    pub fn consumed(&self) -> u64 {
        self.consumed
    }

    fn unreadable(path: &Path, e: &io::Error) -> Item {
        Item::Skipped(Skipped {
            source: path.display().to_string(),
            reason: SkipReason::Unreadable,
            detail: format!("{e}; check the path and its permissions"),
        })
    }

    fn open_path(&mut self, path: PathBuf, named: bool, root: Option<PathBuf>) -> Option<Item> {
        if path.as_os_str() == "-" {
            return self.open_stdin();
        }
        let md = match fs::metadata(&path) {
            Ok(md) => md,
            Err(e) => return Some(Self::unreadable(&path, &e)),
        };
        // Inside a directory: each file and directory once, whatever links
        // lead to it (two links to each other would walk forever), and only
        // regular files (a FIFO would block the run).
        if !named {
            let skip = |reason, detail: &str| {
                Some(Item::Skipped(Skipped { source: path.display().to_string(), reason, detail: detail.into() }))
            };
            if let Ok(canonical) = fs::canonicalize(&path) {
                if !self.seen.insert(canonical) {
                    return skip(SkipReason::SeenBefore, "a symbolic link leads back to what this run read already");
                }
            }
            if !md.is_dir() && !md.is_file() {
                return skip(SkipReason::NotAFile, "a FIFO, socket or device; give it by name to read it");
            }
        } else if let Ok(canonical) = fs::canonicalize(&path) {
            self.seen.insert(canonical);
        }
        if md.is_dir() {
            let root = root.unwrap_or_else(|| path.clone());
            return self.push_dir(&path, &root);
        }
        if crate::warc::is_warc(&path) {
            self.consumed += md.len();
            return match crate::warc::WarcRecords::open(&path) {
                Ok(records) => {
                    self.stack.push(Pending::Warc(Box::new(records)));
                    None
                }
                Err(e) => Some(Self::unreadable(&path, &e)),
            };
        }
        let format = match format_of(&path) {
            Some(f) => f,
            None if named => {
                let mut first = [0u8; 1];
                let n = File::open(&path).and_then(|mut f| f.read(&mut first)).unwrap_or(0);
                sniff((n == 1).then_some(first[0]))
            }
            None => return Some(Item::Ignored(path)),
        };
        let source = path.display().to_string();
        if format == InputFormat::Jsonl {
            return match File::open(&path) {
                Ok(f) => {
                    let reader = Box::new(BufReader::with_capacity(1 << 16, f));
                    self.stack.push(Pending::Lines(Lines { source, reader, line: 0 }));
                    None
                }
                Err(e) => Some(Self::unreadable(&path, &e)),
            };
        }
        self.consumed += md.len();
        if md.len() > self.opts.max_article_bytes as u64 {
            return Some(Item::Skipped(self.too_large(source, Some(md.len()))));
        }
        match fs::read(&path) {
            Ok(bytes) => {
                let mut item = self.whole_file(source, &bytes, format);
                if let Item::Article(a) = &mut item {
                    a.id = file_id(&path, root.as_deref());
                }
                Some(item)
            }
            Err(e) => Some(Self::unreadable(&path, &e)),
        }
    }

    fn open_stdin(&mut self) -> Option<Item> {
        let mut reader = BufReader::with_capacity(1 << 16, io::stdin());
        let first = reader.fill_buf().ok().and_then(|b| b.iter().find(|c| !c.is_ascii_whitespace()).copied());
        let format = sniff(first);
        if format == InputFormat::Jsonl {
            self.stack.push(Pending::Lines(Lines { source: "-".into(), reader: Box::new(reader), line: 0 }));
            return None;
        }
        let mut bytes = Vec::new();
        let limit = self.opts.max_article_bytes as u64 + 1;
        if let Err(e) = reader.take(limit).read_to_end(&mut bytes) {
            return Some(Self::unreadable(Path::new("-"), &e));
        }
        if bytes.len() as u64 == limit {
            return Some(Item::Skipped(self.too_large("-".into(), None)));
        }
        Some(self.whole_file("-".into(), &bytes, format))
    }

    fn push_dir(&mut self, dir: &Path, root: &Path) -> Option<Item> {
        let entries = match fs::read_dir(dir) {
            Ok(rd) => rd,
            Err(e) => return Some(Self::unreadable(dir, &e)),
        };
        let mut children: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
            .map(|e| e.path())
            .collect();
        children.sort();
        self.stack.extend(children.into_iter().rev().map(|path| Pending::Path {
            path,
            named: false,
            root: Some(root.to_path_buf()),
        }));
        None
    }

    /// An input over the size limit; `len` when its size is known (a
    /// line is read only up to the limit).
    fn too_large(&self, source: String, len: Option<u64>) -> Skipped {
        let limit = self.opts.max_article_bytes as f64 / 1e6;
        let size = len.map_or_else(|| "longer than".to_string(), |l| format!("{:.1} MB is over", l as f64 / 1e6));
        Skipped {
            source,
            reason: SkipReason::TooLarge,
            detail: format!("{size} the {limit:.1} MB limit for one article; split it, or raise --max-article-mb"),
        }
    }

    fn whole_file(&self, source: String, bytes: &[u8], format: InputFormat) -> Item {
        let (raw, warnings) = match check_text(bytes) {
            Ok(ok) => ok,
            Err((reason, detail)) => return Item::Skipped(Skipped { source, reason, detail }),
        };
        Item::Article(Box::new(RawArticle {
            id: None,
            source,
            format,
            raw,
            is_html: format == InputFormat::Html,
            meta: ArticleMeta::default(),
            warnings,
        }))
    }

    /// The next record of a JSON Lines stream, `None` at its end.
    fn next_line(&mut self) -> Option<Item> {
        let max = self.opts.max_article_bytes;
        let Some(Pending::Lines(lines)) = self.stack.last_mut() else { return None };
        loop {
            lines.line += 1;
            let source = format!("{}:{}", lines.source, lines.line);
            let too_long = match read_line_bounded(lines.reader.as_mut(), max, &mut self.buf, &mut self.consumed) {
                Ok(None) => {
                    self.stack.pop();
                    return None;
                }
                Ok(Some(too_long)) => too_long,
                Err(e) => {
                    let item = Self::unreadable(Path::new(&source), &e);
                    self.stack.pop();
                    return Some(item);
                }
            };
            if too_long {
                return Some(Item::Skipped(self.too_large(source, None)));
            }
            if self.buf.iter().all(u8::is_ascii_whitespace) {
                continue; // blank lines separate nothing in JSON Lines
            }
            let (line, warnings) = match check_text(&self.buf) {
                Ok(ok) => ok,
                Err((reason, detail)) => return Some(Item::Skipped(Skipped { source, reason, detail })),
            };
            return Some(match parse_record(&line, source, &self.opts.fields) {
                Ok(mut a) => {
                    a.warnings.extend(warnings);
                    Item::Article(Box::new(a))
                }
                Err(s) => Item::Skipped(s),
            });
        }
    }
}

impl Iterator for Inputs {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            match self.stack.last()? {
                Pending::Lines(_) => {
                    if let Some(item) = self.next_line() {
                        return Some(item);
                    }
                }
                Pending::Warc(_) => {
                    let max = self.opts.max_article_bytes;
                    let Some(Pending::Warc(records)) = self.stack.last_mut() else { continue };
                    match records.next_item(max) {
                        Some(item) => return Some(item),
                        None => {
                            self.stack.pop();
                        }
                    }
                }
                Pending::Path { .. } => {
                    let Some(Pending::Path { path, named, root }) = self.stack.pop() else { continue };
                    if let Some(item) = self.open_path(path, named, root) {
                        return Some(item);
                    }
                }
            }
        }
    }
}

/// The total size of the files `paths` name (directories walked), for a
/// progress bar; `None` when stdin is among them.
pub fn total_bytes(paths: &[PathBuf]) -> Option<u64> {
    let mut total = 0;
    let mut stack: Vec<PathBuf> = paths.to_vec();
    let mut seen = std::collections::HashSet::new();
    while let Some(p) = stack.pop() {
        if p.as_os_str() == "-" {
            return None;
        }
        let Ok(md) = fs::metadata(&p) else { continue };
        if fs::canonicalize(&p).is_ok_and(|c| !seen.insert(c)) || !(md.is_dir() || md.is_file()) {
            continue;
        }
        if md.is_dir() {
            if let Ok(rd) = fs::read_dir(&p) {
                stack.extend(rd.filter_map(Result::ok).map(|e| e.path()));
            }
        } else if format_of(&p).is_some() || paths.contains(&p) {
            total += md.len();
        }
    }
    Some(total)
}

/// Decodes bytes as text: binary and blank inputs are refused; invalid UTF-8
/// is replaced (U+FFFD) with a warning saying how often.
pub(crate) fn check_text(bytes: &[u8]) -> Result<(String, Vec<String>), (SkipReason, String)> {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Err((SkipReason::Binary, "contains NUL bytes: not a text, HTML or JSON Lines file".into()));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err((SkipReason::Empty, "nothing but whitespace".into()));
    }
    match String::from_utf8(bytes.to_vec()) {
        Ok(s) => Ok((s, Vec::new())),
        Err(_) => {
            let s = String::from_utf8_lossy(bytes).into_owned();
            let n = s.matches('\u{FFFD}').count();
            Ok((s, vec![format!("invalid UTF-8: {n} byte sequence(s) replaced with U+FFFD")]))
        }
    }
}

/// Reads one line (without its `\n`/`\r\n`) into `buf`, keeping at most
/// `max` bytes; a longer line is consumed to its end and reported with
/// `Some(true)`. `None` at end of input.
fn read_line_bounded(
    r: &mut dyn BufRead,
    max: usize,
    buf: &mut Vec<u8>,
    consumed: &mut u64,
) -> io::Result<Option<bool>> {
    buf.clear();
    let mut too_long = false;
    let mut any = false;
    loop {
        let avail = r.fill_buf()?;
        if avail.is_empty() {
            break;
        }
        any = true;
        let (chunk, done) = match avail.iter().position(|&b| b == b'\n') {
            Some(i) => (&avail[..i], Some(i + 1)),
            None => (avail, None),
        };
        if !too_long && buf.len() + chunk.len() <= max {
            buf.extend_from_slice(chunk);
        } else {
            too_long = true;
            buf.clear();
        }
        let used = done.unwrap_or(avail.len());
        r.consume(used);
        *consumed += used as u64;
        if done.is_some() {
            break;
        }
    }
    if buf.last() == Some(&b'\r') {
        buf.pop();
    }
    Ok(any.then_some(too_long))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn collect(paths: &[PathBuf]) -> Vec<Item> {
        Inputs::new(paths, ReadOptions::default()).collect()
    }

    fn skipped(items: &[Item]) -> Vec<(String, SkipReason)> {
        items
            .iter()
            .filter_map(|i| match i {
                Item::Skipped(s) => Some((s.source.clone(), s.reason)),
                _ => None,
            })
            .collect()
    }

    fn articles(items: &[Item]) -> Vec<&RawArticle> {
        items.iter().filter_map(|i| if let Item::Article(a) = i { Some(a.as_ref()) } else { None }).collect()
    }

    #[test]
    fn bad_files_are_skipped_by_name_and_the_rest_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let p = |n: &str| dir.path().join(n);
        fs::write(p("a_good.txt"), "Leaders met on Monday.").unwrap();
        fs::write(p("b_empty.txt"), " \n\n ").unwrap();
        fs::write(p("c_binary.txt"), b"GIF89a\0\0\x01").unwrap();
        fs::write(p("d_latin1.txt"), b"Caf\xe9 talks ended.").unwrap();
        fs::write(p("notes.md"), "not an article").unwrap();
        let huge = File::create(p("e_huge.txt")).unwrap();
        huge.set_len(1 << 30).unwrap(); // 1 GB, sparse: costs no disk
        let items = collect(&[dir.path().to_path_buf(), p("missing.txt")]);
        let arts = articles(&items);
        assert_eq!(arts.len(), 2);
        assert!(arts[1].raw.contains("Caf\u{FFFD} talks"));
        assert!(arts[1].warnings[0].contains("invalid UTF-8"));
        let s = skipped(&items);
        let reasons: Vec<_> = s.iter().map(|(_, r)| *r).collect();
        assert_eq!(reasons, vec![SkipReason::Empty, SkipReason::Binary, SkipReason::TooLarge, SkipReason::Unreadable]);
        assert!(s[0].0.ends_with("b_empty.txt") && s[3].0.ends_with("missing.txt"));
        assert!(items.iter().any(|i| matches!(i, Item::Ignored(p) if p.ends_with("notes.md"))));
    }

    #[test]
    fn jsonl_lines_are_numbered_and_bad_lines_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("in.jsonl");
        let mut f = File::create(&path).unwrap();
        writeln!(f, r#"{{"id": "a", "text": "One."}}"#).unwrap();
        writeln!(f, "{{broken").unwrap();
        writeln!(f).unwrap();
        writeln!(f, r#"{{"title": "no body"}}"#).unwrap();
        write!(f, "{{\"id\": \"b\", \"text\": \"Two.\"}}\r\n").unwrap();
        drop(f);
        let items = collect(std::slice::from_ref(&path));
        let ids: Vec<_> = articles(&items).iter().map(|a| a.id.clone().unwrap_or_default()).collect();
        assert_eq!(ids, ["a", "b"]);
        let s = skipped(&items);
        assert!(s[0].0.ends_with("in.jsonl:2") && s[0].1 == SkipReason::NotJson);
        assert!(s[1].0.ends_with("in.jsonl:4") && s[1].1 == SkipReason::NoText);
        assert!(articles(&items)[1].source.ends_with("in.jsonl:5"));
    }

    #[test]
    fn an_overlong_json_line_is_skipped_without_losing_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.jsonl");
        let long = format!("{{\"text\": \"{}\"}}", "x".repeat(5000));
        fs::write(&path, format!("{long}\n{{\"text\": \"after\"}}\n")).unwrap();
        let opts = ReadOptions { max_article_bytes: 1000, ..ReadOptions::default() };
        let items: Vec<Item> = Inputs::new(std::slice::from_ref(&path), opts).collect();
        assert_eq!(skipped(&items)[0].1, SkipReason::TooLarge);
        assert_eq!(articles(&items)[0].raw, "after");
    }

    #[test]
    fn files_are_identified_by_their_path_under_the_directory_given() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("site1")).unwrap();
        fs::write(dir.path().join("site1/index.html"), "<p>Page one of the site.</p>").unwrap();
        fs::write(dir.path().join("000_abc.txt"), "An article.").unwrap();
        let items = collect(&[dir.path().to_path_buf(), dir.path().join("000_abc.txt")]);
        let ids: Vec<_> = articles(&items).iter().map(|a| a.id.clone().unwrap_or_default()).collect();
        assert_eq!(ids, ["000_abc", "site1/index", "000_abc"]);
    }

    #[test]
    fn a_named_file_without_extension_is_sniffed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("page");
        fs::write(&path, "<html><body><p>Hello there, world.</p></body></html>").unwrap();
        let items = collect(&[path]);
        assert!(articles(&items)[0].is_html);
    }

    #[test]
    fn a_directory_of_100k_files_streams_in_name_order() {
        let dir = tempfile::tempdir().unwrap();
        for i in (0..100_000).rev() {
            fs::write(dir.path().join(format!("{i:05}.txt")), format!("Article {i}.")).unwrap();
        }
        let items = collect(&[dir.path().to_path_buf()]);
        let arts = articles(&items);
        assert_eq!(arts.len(), 100_000);
        assert!(arts[0].source.ends_with("00000.txt") && arts[99_999].source.ends_with("99999.txt"));
    }
}
