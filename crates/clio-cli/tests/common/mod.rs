//! Helpers of the end-to-end tests: run the `clio` binary, read its output,
//! find the repository and the shared data.
#![allow(clippy::expect_used, dead_code)] // test helpers; each test file uses some

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

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
