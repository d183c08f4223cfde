//! Which configuration governs which file, and the options each file is checked with.
//!
//! As ruff does: every checked file is governed by the nearest `jxlint.toml` found from its own
//! folder upward to the root of the file system, unless `--config FILE` names one file for all.
//! Lookups are cached per folder, so a folder walk reads each configuration once and stats each
//! folder once. Paths are made absolute and normalised lexically (no symbolic link is
//! followed, as in the folder walk).
//!
//! The rule selection of a file combines its configuration with the command line the way ruff
//! does: `--select` replaces the configuration's `select` *and* `ignore`; otherwise the
//! configuration's `select` and `ignore` hold and `--ignore` adds to them. The configuration's
//! `[per-file-ignores]` entries matching the file are then added to the exclusions. A selection
//! that leaves no rule at all (`--select S --ignore S`) is a usage error, not a silent pass.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use super::{Config, ConfigError, FILE_NAME};
use crate::lint::Options;
use crate::rules::RULES;
use crate::walk::Input;

/// `path` with `.` and `..` resolved without touching the file system.
pub fn normal(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Finds the configuration of each folder, reading each `jxlint.toml` once.
#[derive(Debug)]
pub struct Resolver {
    /// `--config FILE`: the configuration of every file.
    explicit: Option<Arc<Config>>,
    /// Folder (absolute, normalised) → the nearest configuration at or above it.
    cache: HashMap<PathBuf, Option<Arc<Config>>>,
    cwd: PathBuf,
}

impl Resolver {
    /// A resolver; `explicit` (`--config FILE`) is read at once and must be usable.
    pub fn new(explicit: Option<&Path>) -> Result<Resolver, ConfigError> {
        let explicit = match explicit {
            Some(p) => Some(Arc::new(super::load(p)?)),
            None => None,
        };
        Ok(Resolver {
            explicit,
            cache: HashMap::new(),
            cwd: normal(&std::env::current_dir().unwrap_or_default()),
        })
    }

    /// The configuration governing `file`: `--config`, else the nearest `jxlint.toml` from the
    /// file's folder upward, else none.
    pub fn for_file(&mut self, file: &Path) -> Result<Option<Arc<Config>>, ConfigError> {
        if let Some(c) = &self.explicit {
            return Ok(Some(Arc::clone(c)));
        }
        let folder = match file.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        self.for_folder(folder)
    }

    /// The nearest `jxlint.toml` at or above `folder` (`--config` when one was given).
    pub fn for_folder(&mut self, folder: &Path) -> Result<Option<Arc<Config>>, ConfigError> {
        if let Some(c) = &self.explicit {
            return Ok(Some(Arc::clone(c)));
        }
        let start = normal(&self.cwd.join(folder));
        let mut walked = Vec::new();
        let mut at = Some(start.as_path());
        let found = loop {
            let Some(dir) = at else { break None };
            if let Some(c) = self.cache.get(dir) {
                break c.clone();
            }
            let candidate = dir.join(FILE_NAME);
            if candidate.is_file() {
                let shown = self.shown(&candidate);
                let config = Some(Arc::new(super::load_as(&candidate, &shown)?));
                walked.push(dir.to_path_buf());
                break config;
            }
            walked.push(dir.to_path_buf());
            at = dir.parent();
        };
        for dir in walked {
            self.cache.insert(dir, found.clone());
        }
        Ok(found)
    }

    /// How a found configuration is named in messages: relative to the current folder when it
    /// is inside it (`jxlint.toml`, `corpus/jxlint.toml`), absolute otherwise.
    fn shown(&self, path: &Path) -> PathBuf {
        path.strip_prefix(&self.cwd)
            .map(Path::to_path_buf)
            .unwrap_or_else(|_| path.to_path_buf())
    }
}

/// The rule selection given on the command line (`--select`, `--ignore`), already checked to
/// be code prefixes.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub select: Vec<String>,
    pub ignore: Vec<String>,
}

/// The options of every file of a run: the command line's over each file's configuration.
pub struct Settings {
    resolver: Resolver,
    cli: Selection,
    /// Everything not taken from a configuration (`--fail-on`, the rubric).
    base: Options,
    /// One [`Options`] per configuration and set of per-file ignores.
    made: HashMap<(usize, Vec<String>), Arc<Options>>,
}

impl Settings {
    /// Settings for a run; a command-line selection that leaves no rule is an error here,
    /// before any configuration is read.
    pub fn new(resolver: Resolver, cli: Selection, base: Options) -> Result<Settings, String> {
        if !any_rule(&cli.select, &cli.ignore) {
            return Err(if cli.select.is_empty() {
                format!("--ignore {} leaves no rule to run", cli.ignore.join(","))
            } else {
                format!(
                    "--select {} with --ignore {} leaves no rule to run",
                    cli.select.join(","),
                    cli.ignore.join(",")
                )
            });
        }
        Ok(Settings {
            resolver,
            cli,
            base,
            made: HashMap::new(),
        })
    }

    /// The options `file` is checked with.
    pub fn options_for(&mut self, file: &Path) -> Result<Arc<Options>, ConfigError> {
        let config = self.resolver.for_file(file)?;
        let per_file = config
            .as_deref()
            .map(|c| c.ignored_for(file))
            .unwrap_or_default();
        let key = (
            config.as_ref().map_or(0, |c| Arc::as_ptr(c) as usize),
            per_file.clone(),
        );
        if let Some(o) = self.made.get(&key) {
            return Ok(Arc::clone(o));
        }
        let (select, mut ignore) = match config.as_deref() {
            _ if !self.cli.select.is_empty() => (self.cli.select.clone(), self.cli.ignore.clone()),
            Some(c) => (
                c.select.clone(),
                c.ignore.iter().chain(&self.cli.ignore).cloned().collect(),
            ),
            None => (Vec::new(), self.cli.ignore.clone()),
        };
        if !any_rule(&select, &ignore) {
            return Err(match config.as_deref().and_then(|c| c.path.clone()) {
                Some(path) => ConfigError {
                    path,
                    message: "its select and ignore, with --ignore, leave no rule to run".into(),
                },
                None => ConfigError {
                    path: PathBuf::from("--ignore"),
                    message: "leaves no rule to run".into(),
                },
            });
        }
        ignore.extend(per_file);
        let options = Arc::new(Options {
            select,
            ignore,
            severity: config
                .as_deref()
                .map(|c| c.severity.clone())
                .unwrap_or_default(),
            formulas: config
                .as_deref()
                .map(|c| c.formulas.clone())
                .unwrap_or_default(),
            ..self.base.clone()
        });
        self.made.insert(key, Arc::clone(&options));
        Ok(options)
    }
}

/// The options of every file of a run, resolved before any file is checked.
#[derive(Debug, Clone)]
pub struct PerFile {
    options: HashMap<PathBuf, Arc<Options>>,
    /// For a path that was not resolved (none, in a run: every input file is).
    fallback: Arc<Options>,
}

impl PerFile {
    /// The options of `path` (as it appears in the inputs).
    pub fn get(&self, path: &Path) -> Arc<Options> {
        self.options
            .get(path)
            .cloned()
            .unwrap_or_else(|| Arc::clone(&self.fallback))
    }
}

impl Settings {
    /// Resolve the options of every input file: each configuration is read (and any error
    /// returned) before a file is checked.
    pub fn for_inputs(&mut self, inputs: &[Input]) -> Result<PerFile, ConfigError> {
        let mut options = HashMap::new();
        for input in inputs {
            if let Input::File { path, .. } = input {
                options.insert(path.clone(), self.options_for(path)?);
            }
        }
        Ok(PerFile {
            options,
            fallback: Arc::new(self.base.clone()),
        })
    }
}

/// Whether `select` / `ignore` leave at least one rule.
fn any_rule(select: &[String], ignore: &[String]) -> bool {
    let probe = Options {
        select: select.to_vec(),
        ignore: ignore.to_vec(),
        ..Options::default()
    };
    RULES.iter().any(|r| probe.enabled(r.meta().code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_normalised_without_the_file_system() {
        assert_eq!(normal(Path::new("/a/./b/../c")), PathBuf::from("/a/c"));
        assert_eq!(normal(Path::new("a/../../b")), PathBuf::from("../b"));
    }

    #[test]
    fn each_configuration_is_read_once_and_shared_by_the_folders_below() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let root = dir.path();
        std::fs::create_dir_all(root.join("a/b")).unwrap_or_else(|e| panic!("{e}"));
        std::fs::create_dir_all(root.join("c")).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(root.join(FILE_NAME), "ignore = [\"T\"]\n")
            .unwrap_or_else(|e| panic!("{e}"));
        let mut r = Resolver::new(None).unwrap_or_else(|e| panic!("{e}"));
        let found = |r: &mut Resolver, p: &str| {
            r.for_file(&root.join(p))
                .unwrap_or_else(|e| panic!("{e}"))
                .unwrap_or_else(|| panic!("{p}: no configuration"))
        };
        let (x, y, z) = (
            found(&mut r, "a/b/r.txt"),
            found(&mut r, "c/r.txt"),
            found(&mut r, "r.txt"),
        );
        assert!(Arc::ptr_eq(&x, &y) && Arc::ptr_eq(&y, &z));
        assert_eq!(x.ignore, ["T"]);
        // Cached: a file written later is not seen by this run.
        std::fs::write(root.join("a/jxlint.toml"), "select = [\"A\"]\n")
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(Arc::ptr_eq(&found(&mut r, "a/b/s.txt"), &x));
        assert!(!Arc::ptr_eq(
            &found(
                &mut Resolver::new(None).unwrap_or_else(|e| panic!("{e}")),
                "a/b/s.txt"
            ),
            &x
        ));
    }

    #[test]
    fn an_empty_command_line_selection_is_refused() {
        let cli = Selection {
            select: vec!["S".into()],
            ignore: vec!["S".into()],
        };
        let resolver = Resolver::new(None).unwrap_or_else(|e| panic!("{e}"));
        let e = Settings::new(resolver, cli, Options::default())
            .err()
            .unwrap_or_default();
        assert!(e.contains("leaves no rule"), "{e}");
    }
}
