//! The module map holds: no import cycle between the top-level modules of src/, the command
//! handlers never reach the interpreter or the interactive loop, and nothing in the library
//! depends on the interactive loop. Read from the source itself (every `crate::NAME` outside
//! comments), so a new import that breaks a rule fails here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Top-level module -> the top-level modules its code names.
fn module_graph() -> BTreeMap<String, BTreeSet<String>> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in rust_files(Path::new("src")) {
        let rel = file.strip_prefix("src").unwrap();
        let first = rel.components().next().unwrap().as_os_str().to_string_lossy().into_owned();
        let module = first.trim_end_matches(".rs").to_string();
        let deps = graph.entry(module.clone()).or_default();
        for name in crate_references(&std::fs::read_to_string(&file).unwrap()) {
            if name != module {
                deps.insert(name);
            }
        }
    }
    graph
}

fn rust_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

/// The NAMEs of `crate::NAME` (and `crate::{NAME, ...}` is not used in this code base) in code
/// lines, comments left out.
fn crate_references(source: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for line in source.lines().filter(|l| !l.trim_start().starts_with("//")) {
        for (i, _) in line.match_indices("crate::") {
            let rest = &line[i + "crate::".len()..];
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            if !name.is_empty() {
                names.insert(name);
            }
        }
    }
    names
}

/// A cycle through `start`, if there is one.
fn cycle_from(graph: &BTreeMap<String, BTreeSet<String>>, start: &str) -> Option<Vec<String>> {
    let mut stack = vec![(start.to_string(), vec![start.to_string()])];
    let mut seen = BTreeSet::new();
    while let Some((node, path)) = stack.pop() {
        for next in graph.get(&node).into_iter().flatten() {
            if next == start {
                return Some([path.clone(), vec![next.clone()]].concat());
            }
            if seen.insert(next.clone()) {
                stack.push((next.clone(), [path.clone(), vec![next.clone()]].concat()));
            }
        }
    }
    None
}

#[test]
fn no_import_cycle_between_top_level_modules() {
    let graph = module_graph();
    assert!(graph.len() > 15, "the scan found the modules: {graph:?}");
    for module in graph.keys() {
        assert_eq!(cycle_from(&graph, module), None, "import cycle");
    }
}

#[test]
fn commands_know_neither_the_interpreter_nor_the_loop() {
    let graph = module_graph();
    let commands = &graph["commands"];
    assert!(commands.contains("shell"), "the scan sees the handlers' imports: {commands:?}");
    for forbidden in ["repl", "interp", "main", "oneshot"] {
        assert!(!commands.contains(forbidden), "commands/ imports {forbidden}");
    }
}

#[test]
fn only_the_binary_uses_the_interactive_loop() {
    let graph = module_graph();
    let users: Vec<&String> =
        graph.iter().filter(|(m, deps)| *m != "repl" && deps.contains("repl")).map(|(m, _)| m).collect();
    assert!(users.is_empty() || users == ["main"], "{users:?} depend on repl");
}

#[test]
fn the_scan_sees_a_cycle_when_there_is_one() {
    let mut graph = BTreeMap::new();
    graph.insert("a".to_string(), BTreeSet::from(["b".to_string()]));
    graph.insert("b".to_string(), BTreeSet::from(["a".to_string()]));
    assert_eq!(cycle_from(&graph, "a"), Some(vec!["a".into(), "b".into(), "a".into()]));
    assert_eq!(
        crate_references("use crate::error::Error;\n// crate::repl\n"),
        BTreeSet::from(["error".into()])
    );
}
