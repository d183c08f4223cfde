//! Command-line paths → the sorted list of report files to check.

use std::path::{Path, PathBuf};

use crate::lint::FileError;

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

/// Expand files and folders (walkdir; known extensions; hidden folders and `target/` skipped;
/// symlinks not followed), sorted within each argument.
pub fn collect(paths: &[PathBuf]) -> Vec<Input> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_file() {
            out.push(Input::File {
                path: p.clone(),
                display: display(p),
            });
            continue;
        }
        let mut files: Vec<PathBuf> = walkdir::WalkDir::new(p)
            .follow_links(false)
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !skip(e.path()))
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file() && crate::source::format_of(e.path()).is_some())
            .map(|e| e.into_path())
            .collect();
        files.sort();
        out.extend(files.into_iter().map(|f| Input::File {
            display: display(&f),
            path: f,
        }));
    }
    out
}

fn skip(p: &Path) -> bool {
    p.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.') || n == "target")
}

fn display(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}
