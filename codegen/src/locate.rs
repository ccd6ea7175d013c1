//! Source positions for JSON pointers, for error messages.
//!
//! Documents are parsed once with `serde_yaml` for speed; only when an error must name a
//! line does this module re-read the text with `yaml-rust2`'s marked event stream and find
//! where the node at a JSON pointer starts. JSON files go through the same path, since JSON
//! is YAML.

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// 1-based line and column of the node `pointer` (RFC 6901) points at in `text`, or of its
/// nearest ancestor that exists.
pub fn locate(text: &str, pointer: &str) -> Option<(usize, usize)> {
    let target: Vec<String> = if pointer.is_empty() {
        Vec::new()
    } else {
        pointer
            .trim_start_matches('/')
            .split('/')
            .map(|s| s.replace("~1", "/").replace("~0", "~"))
            .collect()
    };
    let mut finder = Finder {
        target,
        stack: Vec::new(),
        best: None,
        best_depth: 0,
    };
    let mut parser = Parser::new_from_str(text);
    // A parse error leaves whatever was found before it; that is the best we can do.
    let _ = parser.load(&mut finder, false);
    finder.best.map(|m| (m.line(), m.col() + 1))
}

enum Frame {
    Map {
        key: Option<String>,
        expecting_key: bool,
    },
    Seq {
        index: usize,
    },
}

struct Finder {
    target: Vec<String>,
    stack: Vec<Frame>,
    best: Option<Marker>,
    best_depth: usize,
}

impl Finder {
    /// The path of the node starting now, when it is a value (not a mapping key).
    fn current_path(&self) -> Option<Vec<String>> {
        let mut path = Vec::with_capacity(self.stack.len());
        for frame in &self.stack {
            match frame {
                Frame::Map {
                    key: Some(key),
                    expecting_key: false,
                } => path.push(key.clone()),
                Frame::Map { .. } => return None,
                Frame::Seq { index } => path.push(index.to_string()),
            }
        }
        Some(path)
    }

    fn node_starts(&mut self, mark: Marker) {
        if let Some(path) = self.current_path() {
            let matching = path
                .iter()
                .zip(&self.target)
                .take_while(|(a, b)| a == b)
                .count();
            if matching == path.len() && (self.best.is_none() || path.len() > self.best_depth) {
                self.best = Some(mark);
                self.best_depth = path.len();
            }
        }
    }

    /// After a complete value, a mapping expects its next key and a sequence its next item.
    fn value_done(&mut self) {
        match self.stack.last_mut() {
            Some(Frame::Map { expecting_key, .. }) => *expecting_key = true,
            Some(Frame::Seq { index }) => *index += 1,
            None => {}
        }
    }
}

impl MarkedEventReceiver for Finder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        let is_key = matches!(
            self.stack.last(),
            Some(Frame::Map {
                expecting_key: true,
                ..
            })
        );
        match event {
            Event::Scalar(value, ..) if is_key => {
                if let Some(Frame::Map { key, expecting_key }) = self.stack.last_mut() {
                    *key = Some(value);
                    *expecting_key = false;
                }
                // The key's own position is where a reader looks for `key:`.
                self.node_starts(mark);
            }
            Event::Scalar(..) | Event::Alias(..) => {
                self.node_starts(mark);
                self.value_done();
            }
            Event::MappingStart(..) => {
                if !is_key {
                    self.node_starts(mark);
                }
                self.stack.push(Frame::Map {
                    key: None,
                    expecting_key: true,
                });
            }
            Event::SequenceStart(..) => {
                if !is_key {
                    self.node_starts(mark);
                }
                self.stack.push(Frame::Seq { index: 0 });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
                self.value_done();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::locate;

    #[test]
    fn finds_nested_keys_and_items() {
        let text = "a:\n  b:\n    - x\n    - y: 1\n";
        assert_eq!(locate(text, "/a"), Some((1, 1)));
        assert_eq!(locate(text, "/a/b"), Some((2, 3)));
        assert_eq!(locate(text, "/a/b/1/y"), Some((4, 7)));
        // A missing node reports its nearest existing ancestor.
        assert_eq!(locate(text, "/a/b/7"), Some((2, 3)));
    }

    #[test]
    fn finds_json_members() {
        let text = "{\n  \"p\": {\n    \"q\": 2\n  }\n}";
        assert_eq!(locate(text, "/p/q"), Some((3, 5)));
    }
}
