//! Helpers of the end-to-end tests: run the `clio` binary, read its output,
//! find the repository and the shared data.
#![allow(clippy::expect_used, clippy::panic, dead_code)] // test helpers; each test file uses some

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

pub fn clio(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_clio")).arg("--db").arg(db).args(args).output().expect("clio runs")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The shared data (`$SHARED`, or `../shared` beside the repository). A
/// test that needs it and finds none says so on stderr and passes, so the
/// suite runs on a bare checkout; with `CLIO_REQUIRE_SHARED=1` (as `.ci/run`
/// sets) it fails instead, so CI never passes such a test silently.
pub fn shared() -> Option<PathBuf> {
    let p = std::env::var_os("SHARED").map_or_else(|| repo().join("../shared"), PathBuf::from);
    if p.join("seeds").is_dir() {
        return Some(p);
    }
    let why = format!("no shared data at {}: put it beside the repository or set SHARED=/path/to/shared", p.display());
    assert!(std::env::var_os("CLIO_REQUIRE_SHARED").is_none(), "{why} (CLIO_REQUIRE_SHARED is set)");
    eprintln!("test skipped: {why}");
    None
}

/// A running server; stopped when dropped.
pub struct Server {
    child: Child,
    /// host:port it listens on.
    pub at: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn start(db: &Path, extra: &[&str]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_clio"))
        .arg("--db")
        .arg(db)
        .args(["serve", "--bind", "127.0.0.1:0"])
        .args(extra)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("clio serve starts");
    let mut line = String::new();
    BufReader::new(child.stderr.take().unwrap()).read_line(&mut line).unwrap();
    let at =
        line.split("http://").nth(1).and_then(|r| r.split('/').next()).unwrap_or_else(|| panic!("{line}")).to_string();
    Server { child, at }
}
