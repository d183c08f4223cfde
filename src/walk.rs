//! Command-line paths → the sorted list of report files to check.
//!
//! What [`collect`] guarantees:
//!
//! * **What is not a report is never checked**, named or found in a folder
//!   ([`is_report_file`]): a `.json` that is not report data (no top-level `report` object and
//!   no `$schema` naming `report.schema.json` — editor settings, rubrics, schemas, package
//!   manifests), a project's own documents by name (`README*`, `CHANGELOG*`, `CHANGES*`,
//!   `CONTRIBUTING*`, `LICENSE*`, `LICENCE*`, any case and extension), and configuration
//!   files (`jxlint.toml` and any `.toml`, `.yaml`, `.yml`, `.ini`, `.cfg`). So a
//!   pre-commit hook can pass every changed file and only the reports are checked.
//! * **Otherwise a file named on the command line is used** whatever its extension (an
//!   unknown one is read as text) and even if it is hidden. A folder named on the command
//!   line is walked even if it is hidden or called `target`.
//! * **Inside a folder**, only files with a known extension ([`crate::source::format_of`]:
//!   `.txt`, `.md`, `.markdown`, `.docx`, `.json`) are taken; hidden files and folders (name
//!   starting with `.`) and folders named `target` are skipped; symbolic links are neither
//!   followed nor taken.
//! * **Order** follows the arguments; the files found under one argument are sorted by path.
//! * **No file twice**: a file reached through two arguments (`dir` and `dir/a.txt`, `a.txt`
//!   and `./a.txt`) is listed once, where it is first reached.
//! * **Problems are inputs too**: a path that does not exist, a broken symbolic link, a
//!   special file, or a folder that cannot be read becomes an [`Input::Error`] with a
//!   [`FileError`] of kind `io` naming the cause (`no such file or directory`,
//!   `permission denied` …); the other paths are still walked. Nothing panics.
//! * `display` is the path as given on the command line joined with the walked part,
//!   `/`-separated.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::lint::FileError;
use crate::source::io_message;

/// One input: a file to check, or a path that could not be walked.
#[derive(Debug, Clone)]
pub enum Input {
    File {
        path: PathBuf,
        display: String,
    },
    Error {
        path: PathBuf,
        display: String,
        error: FileError,
    },
}

impl Input {
    pub fn path(&self) -> &Path {
        match self {
            Input::File { path, .. } | Input::Error { path, .. } => path,
        }
    }

    pub fn display(&self) -> &str {
        match self {
            Input::File { display, .. } | Input::Error { display, .. } => display,
        }
    }
}

/// Expand files and folders (walkdir; known extensions; hidden folders and `target/` skipped;
/// symlinks not followed), sorted within each argument, each file once.
pub fn collect(paths: &[PathBuf]) -> Vec<Input> {
    let mut out = Vec::new();
    let mut seen_files = HashSet::new();
    let mut seen_errors = HashSet::new();
    for p in paths {
        for input in expand(p) {
            let new = match &input {
                Input::File { path, .. } => seen_files.insert(identity(path)),
                Input::Error { path, .. } => seen_errors.insert(path.clone()),
            };
            if new {
                out.push(input);
            }
        }
    }
    out
}

/// The inputs under one command-line argument, sorted by path.
fn expand(p: &Path) -> Vec<Input> {
    let meta = match std::fs::metadata(p) {
        Ok(m) => m,
        Err(e) => {
            let broken_link = e.kind() == std::io::ErrorKind::NotFound
                && std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink());
            let message = if broken_link {
                "broken symbolic link (its target does not exist)".to_string()
            } else {
                io_message(&e)
            };
            return vec![error(p, message)];
        }
    };
    if meta.is_file() {
        return if is_report_file(p) {
            vec![file(p.to_path_buf())]
        } else {
            Vec::new()
        };
    }
    if !meta.is_dir() {
        return vec![error(p, "not a regular file or directory".to_string())];
    }

    let mut found = Vec::new();
    let walker = walkdir::WalkDir::new(p)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !skipped(e));
    for entry in walker {
        match entry {
            Ok(e) => {
                if e.file_type().is_file()
                    && crate::source::format_of(e.path()).is_some()
                    && is_report_file(e.path())
                {
                    found.push(file(e.into_path()));
                }
            }
            Err(err) => {
                let path = err.path().unwrap_or(p).to_path_buf();
                let message = match err.io_error() {
                    Some(io) => io_message(io),
                    None => err.to_string(),
                };
                found.push(error(&path, message));
            }
        }
    }
    found.sort_by(|a, b| a.path().cmp(b.path()));
    found
}

/// Whether a file may be a report: not a project document or a configuration file by its
/// name, and, for a `.json`, report data by its content ([`is_report_data`]).
pub fn is_report_file(path: &Path) -> bool {
    let Some(name) = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_uppercase())
    else {
        return true;
    };
    const DOCUMENTS: [&str; 6] = [
        "README",
        "CHANGELOG",
        "CHANGES",
        "CONTRIBUTING",
        "LICENSE",
        "LICENCE",
    ];
    const CONFIG: [&str; 6] = [".TOML", ".YAML", ".YML", ".INI", ".CFG", ".CONF"];
    if DOCUMENTS.iter().any(|d| name.starts_with(d)) || CONFIG.iter().any(|c| name.ends_with(c)) {
        return false;
    }
    crate::source::format_of(path) != Some(crate::model::SourceFormat::Json) || is_report_data(path)
}

/// Whether a `.json` is report data: a top-level `report` object, or a
/// `$schema` naming `report.schema.json`. Other JSON (schemas, rubrics, editor settings) is
/// not a report; a file that cannot be read or parsed is taken, so that its problem is shown.
fn is_report_data(path: &Path) -> bool {
    let Ok(bytes) = std::fs::read(path) else {
        return true;
    };
    let text = String::from_utf8_lossy(&bytes);
    match crate::parse::json::reader::read_top(&text) {
        Ok(root) => {
            let report = root
                .get("report")
                .is_some_and(|r| matches!(r.kind, crate::parse::json::reader::Kind::Object(_)));
            let schema = matches!(root.get("$schema").map(|s| &s.kind), Some(crate::parse::json::reader::Kind::String(s)) if s.contains("report.schema"));
            report || schema
        }
        Err(_) => true,
    }
}

/// Hidden entries, and folders named `target`, are not walked into.
fn skipped(e: &walkdir::DirEntry) -> bool {
    let name = e.file_name().to_string_lossy();
    name.starts_with('.') || (name == "target" && e.file_type().is_dir())
}

/// What makes two paths the same file: the canonical path when it can be found.
fn identity(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}

fn file(path: PathBuf) -> Input {
    Input::File {
        display: display(&path),
        path,
    }
}

fn error(p: &Path, message: String) -> Input {
    Input::Error {
        path: p.to_path_buf(),
        display: display(p),
        error: FileError {
            kind: "io",
            message,
        },
    }
}

fn display(p: &Path) -> String {
    let s = p.to_string_lossy();
    if std::path::MAIN_SEPARATOR == '\\' {
        s.replace('\\', "/")
    } else {
        s.into_owned()
    }
}
