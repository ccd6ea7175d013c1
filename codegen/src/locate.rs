//! Source positions of JSON pointers, for messages and generated tests.
//!
//! Documents are parsed with `serde_yaml` (or `serde_json`) for speed; when a position is
//! first needed, this module reads the text once more with `yaml-rust2`'s marked event
//! stream and records where every node starts. JSON files take the same path, since JSON
//! is YAML.

use std::fmt::Write as _;

use foldhash::{HashMap, HashMapExt};

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// 1-based line and column of every node in `text`, by RFC 6901 pointer. A mapping entry
/// is placed at its key, where a reader looks for `key:`.
pub fn positions(text: &str) -> HashMap<String, (usize, usize)> {
    let mut recorder = Recorder {
        stack: Vec::new(),
        // About one node per twenty bytes of YAML: sized once instead of rehashed as it grows.
        found: HashMap::with_capacity(text.len() / 20),
    };
    let mut parser = Parser::new_from_str(text);
    // A parse error leaves whatever was found before it; that is the best there is.
    let _ = parser.load(&mut recorder, false);
    recorder.found
}

/// The position of `pointer` in `text`, or of its nearest ancestor.
pub fn locate(text: &str, pointer: &str) -> Option<(usize, usize)> {
    let positions = positions(text);
    let mut pointer = pointer;
    loop {
        if let Some(found) = positions.get(pointer) {
            return Some(*found);
        }
        pointer = &pointer[..pointer.rfind('/')?];
    }
}

/// Where a mapping is between its entries.
enum MapKey {
    /// The next event is a key.
    Expected,
    /// A plain key was read; the value is next.
    Named(String),
    /// A complex key (a collection or an alias) is being read: no pointer names it.
    Complex,
    /// A complex key was read; its value, which no pointer names either, is next.
    AfterComplex,
}

/// An open collection; `pointer` is `None` inside what no JSON pointer can name.
enum Frame {
    Map {
        pointer: Option<String>,
        key: MapKey,
    },
    Seq {
        pointer: Option<String>,
        index: usize,
    },
}

struct Recorder {
    stack: Vec<Frame>,
    found: HashMap<String, (usize, usize)>,
}

impl Recorder {
    /// The pointer of a value starting now (not a mapping key).
    fn value_pointer(&self) -> Option<String> {
        match self.stack.last() {
            None => Some(String::new()),
            Some(Frame::Map {
                pointer: Some(pointer),
                key: MapKey::Named(key),
            }) => Some(crate::load::child_pointer(pointer, key)),
            Some(Frame::Map { .. }) => None,
            Some(Frame::Seq { pointer, index }) => pointer.as_ref().map(|pointer| {
                let mut child = String::with_capacity(pointer.len() + 4);
                let _ = write!(child, "{pointer}/{index}");
                child
            }),
        }
    }

    fn record(&mut self, pointer: Option<String>, mark: Marker) {
        if let Some(pointer) = pointer {
            self.found
                .entry(pointer)
                .or_insert((mark.line(), mark.col() + 1));
        }
    }

    /// Whether the value starting now is a mapping's value, which was placed at its key.
    fn at_a_key(&self) -> bool {
        matches!(
            self.stack.last(),
            Some(Frame::Map {
                key: MapKey::Named(_),
                ..
            })
        )
    }

    /// After a complete node, a sequence expects its next item, and a mapping the value
    /// of a complex key just read or else its next key.
    fn node_done(&mut self) {
        match self.stack.last_mut() {
            Some(Frame::Map { key, .. }) => {
                *key = match key {
                    MapKey::Complex => MapKey::AfterComplex,
                    _ => MapKey::Expected,
                }
            }
            Some(Frame::Seq { index, .. }) => *index += 1,
            None => {}
        }
    }

    /// Marks the mapping as reading a complex key, when a key is what it expects.
    fn complex_key_starts(&mut self) -> bool {
        match self.stack.last_mut() {
            Some(Frame::Map { key, .. }) if matches!(key, MapKey::Expected) => {
                *key = MapKey::Complex;
                true
            }
            _ => false,
        }
    }
}

impl MarkedEventReceiver for Recorder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        let expecting_key = matches!(
            self.stack.last(),
            Some(Frame::Map {
                key: MapKey::Expected,
                ..
            })
        );
        match event {
            Event::Scalar(value, ..) if expecting_key => {
                if let Some(Frame::Map { key, .. }) = self.stack.last_mut() {
                    *key = MapKey::Named(value);
                }
                let pointer = self.value_pointer();
                self.record(pointer, mark);
            }
            Event::Alias(..) if expecting_key => {
                self.complex_key_starts();
                self.node_done();
            }
            Event::Scalar(..) | Event::Alias(..) => {
                if !self.at_a_key() {
                    let pointer = self.value_pointer();
                    self.record(pointer, mark);
                }
                self.node_done();
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let pointer = if self.complex_key_starts() {
                    None
                } else {
                    let pointer = self.value_pointer();
                    if !self.at_a_key() {
                        self.record(pointer.clone(), mark);
                    }
                    pointer
                };
                self.stack.push(match event {
                    Event::MappingStart(..) => Frame::Map {
                        pointer,
                        key: MapKey::Expected,
                    },
                    _ => Frame::Seq { pointer, index: 0 },
                });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
                self.node_done();
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
        assert_eq!(locate(text, "/a/b/0"), Some((3, 7)));
        assert_eq!(locate(text, "/a/b/1/y"), Some((4, 7)));
        // A missing node reports its nearest existing ancestor.
        assert_eq!(locate(text, "/a/b/7"), Some((2, 3)));
        // A complex key and its value name nothing, and what follows them is still found
        // (an alias as a key, too).
        let text = "? [k, l]\n: {m: 1}\nc: &x\n  - {d: 2}\n? *x\n: 3\ne: 4\n";
        assert_eq!(locate(text, "/c"), Some((3, 1)));
        assert_eq!(locate(text, "/c/0/d"), Some((4, 6)));
        assert_eq!(locate(text, "/m"), Some((1, 1)));
        assert_eq!(locate(text, "/e"), Some((7, 1)));
    }

    #[test]
    fn finds_json_members_and_escaped_keys() {
        let text = "{\n  \"p\": {\n    \"q/r\": 2,\n    \"s~t\": [0, 1]\n  }\n}";
        assert_eq!(locate(text, "/p/q~1r"), Some((3, 5)));
        assert_eq!(locate(text, "/p/s~0t"), Some((4, 5)));
        assert_eq!(locate(text, "/p/s~0t/1"), Some((4, 16)));
    }
}
