//! The top-level modules form layers, not cycles: reading every `use crate::…`
//! and `crate::…::` path in `src/`, no module reaches back to one that
//! reaches it. A cycle here is what the code review found twice (`commands ↔
//! sealed`, `export ↔ report`); this keeps it from coming back.

#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The top-level module a file under `src/` belongs to (`src/db/x.rs` → `db`).
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let relative = file.strip_prefix(src).ok()?;
    let first = relative.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (!matches!(name, "lib" | "main")).then(|| name.to_string())
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every `crate::NAME` a file names, outside comments and its test module.
fn modules_used(text: &str) -> BTreeSet<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or(text);
    let mut used = BTreeSet::new();
    for line in code.lines().map(str::trim_start).filter(|l| !l.starts_with("//")) {
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            if !name.is_empty() {
                used.insert(name);
            }
        }
        // `use crate::{a, b::c}` names several.
        if let Some(group) = line.strip_prefix("use crate::{") {
            for part in group.split(',') {
                let name: String =
                    part.trim().chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                if !name.is_empty() {
                    used.insert(name);
                }
            }
        }
    }
    used
}

/// A cycle through `start`, if there is one, as the path of modules.
fn cycle_from(graph: &BTreeMap<String, BTreeSet<String>>, start: &str) -> Option<Vec<String>> {
    let mut stack = vec![(start.to_string(), vec![start.to_string()])];
    let mut seen = BTreeSet::new();
    while let Some((at, path)) = stack.pop() {
        for next in graph.get(&at).into_iter().flatten() {
            if next == start {
                return Some([path.clone(), vec![start.to_string()]].concat());
            }
            if seen.insert(next.clone()) {
                stack.push((next.clone(), [path.clone(), vec![next.clone()]].concat()));
            }
        }
    }
    None
}

#[test]
fn no_top_level_module_reaches_back_to_one_that_reaches_it() {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        // Unit tests may reach anywhere; the code they test may not.
        let name = file.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if name.ends_with("_tests.rs") || name == "tests.rs" {
            continue;
        }
        let Some(module) = module_of(&src, file) else { continue };
        let text = std::fs::read_to_string(file).unwrap();
        let used: Vec<String> = modules_used(&text).into_iter().filter(|m| *m != module).collect();
        graph.entry(module).or_default().extend(used);
    }
    // The crate root's items (`crate::Context`, `crate::Cli`) are the shell's, not a layer.
    for uses in graph.values_mut() {
        uses.retain(|m| m.chars().next().is_some_and(|c| c.is_ascii_lowercase()));
    }
    assert!(graph.len() > 10, "the modules were read: {:?}", graph.keys());
    assert!(graph["commands"].contains("db"), "uses are found");
    let cycles: Vec<String> =
        graph.keys().filter_map(|m| cycle_from(&graph, m)).map(|c| c.join(" → ")).collect();
    assert!(cycles.is_empty(), "import cycles between top-level modules:\n{}", cycles.join("\n"));
}
