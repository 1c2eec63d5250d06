//! serde_yaml forgets where values came from, so the loader builds this index from the YAML events
//! (yaml-rust2 keeps marks) and the checker turns a node path into a line number. The same pass
//! finds what serde cannot report well: duplicate keys (serde keeps the last one in a map, and
//! names the enclosing mapping's line for a struct) and nesting too deep to parse quickly.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// Line of every node, keyed by its path: `endpoints[3].params.fields[0].name`.
#[derive(Debug, Default)]
pub struct LineIndex {
    lines: HashMap<String, usize>,
    duplicates: Vec<DuplicateKey>,
    error: Option<(usize, String)>,
}

/// A key given twice in one mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateKey {
    /// Path of the mapping; empty for the top level.
    pub mapping: String,
    pub key: String,
    /// Line of the repeated key.
    pub line: usize,
    /// Line of the key's first occurrence.
    pub first: usize,
}

impl LineIndex {
    pub fn build(text: &str) -> LineIndex {
        let mut builder = Builder::default();
        // After a syntax error the index is partial; serde_yaml's own report of it is usually the better one.
        let error = Parser::new_from_str(text)
            .load(&mut builder, false)
            .err()
            .map(|e| (e.marker().line().max(1), e.info().to_owned()));
        LineIndex { lines: builder.lines, duplicates: builder.duplicates, error }
    }

    /// The line of `path`, or of its nearest ancestor that has one.
    pub fn line(&self, path: &str) -> usize {
        let mut p = path;
        loop {
            if let Some(&l) = self.lines.get(p) {
                return l;
            }
            match p.rfind(['.', '[']) {
                Some(i) => p = &p[..i],
                None => return 1,
            }
        }
    }

    /// Every key repeated within its mapping, in file order.
    pub fn duplicates(&self) -> &[DuplicateKey] {
        &self.duplicates
    }

    /// Line and message when flow collections nest past yaml-rust2's recursion limit. serde_yaml
    /// takes time quadratic in such nesting before it gives up, so the loader stops here instead.
    pub fn too_deep(&self) -> Option<(usize, &str)> {
        self.error.as_ref().filter(|(_, m)| m.contains("recursion limit")).map(|(l, m)| (*l, m.as_str()))
    }
}

enum Frame {
    Map {
        path: String,
        key: Option<String>,
        /// Scalar keys seen so far, with their lines.
        seen: HashMap<String, usize>,
    },
    Seq {
        path: String,
        next: usize,
    },
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    lines: HashMap<String, usize>,
    duplicates: Vec<DuplicateKey>,
}

impl Builder {
    /// Path of the node that starts now, advancing the parent's position.
    fn child_path(&mut self, scalar: Option<&str>) -> Option<String> {
        match self.stack.last_mut() {
            None => Some(String::new()),
            Some(Frame::Seq { path, next }) => {
                let p = format!("{path}[{next}]");
                *next += 1;
                Some(p)
            }
            Some(Frame::Map { path, key, .. }) => match key.take() {
                Some(k) => Some(if path.is_empty() { k } else { format!("{path}.{k}") }),
                None => {
                    // This node is a key: remember it, it names the next value.
                    *key = Some(scalar.unwrap_or("?").to_owned());
                    None
                }
            },
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        let line = mark.line();
        match ev {
            Event::Scalar(value, ..) => {
                if let Some(p) = self.child_path(Some(&value)) {
                    self.lines.entry(p).or_insert(line);
                } else if let Some(Frame::Map { path, key: Some(k), seen }) = self.stack.last_mut() {
                    if let Some(first) = seen.insert(k.clone(), line) {
                        self.duplicates.push(DuplicateKey { mapping: path.clone(), key: k.clone(), line, first });
                    }
                    // Keys point at their own line, which is where a reviewer looks.
                    let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                    self.lines.insert(p, line);
                }
            }
            Event::MappingStart(..) => {
                let p = self.child_path(None).unwrap_or_default();
                self.lines.entry(p.clone()).or_insert(line);
                self.stack.push(Frame::Map { path: p, key: None, seen: HashMap::new() });
            }
            Event::SequenceStart(..) => {
                let p = self.child_path(None).unwrap_or_default();
                self.lines.entry(p.clone()).or_insert(line);
                self.stack.push(Frame::Seq { path: p, next: 0 });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            Event::Alias(_) => {
                let _ = self.child_path(None);
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{DuplicateKey, LineIndex};

    #[test]
    fn paths_map_to_lines() {
        let text = "a:\n  - name: x\n    type: string\n  - {name: y, type: integer}\nb: 1\n";
        let idx = LineIndex::build(text);
        assert_eq!(idx.line("a[0].name"), 2);
        assert_eq!(idx.line("a[0].type"), 3);
        assert_eq!(idx.line("a[1].type"), 4);
        assert_eq!(idx.line("b"), 5);
        assert_eq!(idx.line("a[1].missing"), 4);
        assert!(idx.duplicates().is_empty());
    }

    #[test]
    fn duplicate_keys_are_found_in_every_mapping() {
        let text = "a: 1\nm: {k: 1, j: 2}\nl:\n  - {k: 1, k: 2}\n  - k: 1\n    \"k\": 2\na: 3\n";
        let dups: Vec<(String, String, usize, usize)> = LineIndex::build(text)
            .duplicates()
            .iter()
            .map(|DuplicateKey { mapping, key, line, first }| (mapping.clone(), key.clone(), *line, *first))
            .collect();
        assert_eq!(
            dups,
            [("l[0]".into(), "k".into(), 4, 4), ("l[1]".into(), "k".into(), 6, 5), ("".into(), "a".into(), 7, 1)]
        );
    }
}
