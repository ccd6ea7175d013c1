//! Source positions of JSON pointers, for messages and generated tests.
//!
//! Documents are parsed with `serde_yaml` (or `serde_json`) for speed; when a position is
//! first needed, this module reads the text once more with `yaml-rust2`'s marked event
//! stream and records where every node starts. JSON files take the same path, since JSON
//! is YAML.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// 1-based line and column of every node in `text`, by RFC 6901 pointer. A mapping entry
/// is placed at its key, where a reader looks for `key:`.
pub fn positions(text: &str) -> HashMap<String, (usize, usize)> {
    let mut recorder = Recorder {
        stack: Vec::new(),
        found: HashMap::new(),
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

enum Frame {
    Map {
        pointer: String,
        key: Option<String>,
    },
    Seq {
        pointer: String,
        index: usize,
    },
}

struct Recorder {
    stack: Vec<Frame>,
    found: HashMap<String, (usize, usize)>,
}

fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

impl Recorder {
    /// The pointer of a value starting now (not a mapping key).
    fn value_pointer(&self) -> String {
        match self.stack.last() {
            None => String::new(),
            Some(Frame::Map {
                pointer,
                key: Some(key),
            }) => format!("{pointer}/{}", escape(key)),
            Some(Frame::Map { pointer, key: None }) => pointer.clone(),
            Some(Frame::Seq { pointer, index }) => format!("{pointer}/{index}"),
        }
    }

    fn record(&mut self, pointer: String, mark: Marker) {
        self.found
            .entry(pointer)
            .or_insert((mark.line(), mark.col() + 1));
    }

    /// After a complete value, a mapping expects its next key and a sequence its next item.
    fn value_done(&mut self) {
        match self.stack.last_mut() {
            Some(Frame::Map { key, .. }) => *key = None,
            Some(Frame::Seq { index, .. }) => *index += 1,
            None => {}
        }
    }
}

impl MarkedEventReceiver for Recorder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        let expecting_key = matches!(self.stack.last(), Some(Frame::Map { key: None, .. }));
        match event {
            Event::Scalar(value, ..) if expecting_key => {
                if let Some(Frame::Map { key, .. }) = self.stack.last_mut() {
                    *key = Some(value);
                }
                let pointer = self.value_pointer();
                self.record(pointer, mark);
            }
            Event::Scalar(..) | Event::Alias(..) => {
                // A mapping's value was placed at its key already.
                if !matches!(self.stack.last(), Some(Frame::Map { key: Some(_), .. })) {
                    let pointer = self.value_pointer();
                    self.record(pointer, mark);
                }
                self.value_done();
            }
            Event::MappingStart(..) | Event::SequenceStart(..) if expecting_key => {
                // A complex key: nothing a JSON pointer can name. Track it to stay in step.
                let pointer = self.value_pointer();
                self.stack.push(match event {
                    Event::MappingStart(..) => Frame::Map { pointer, key: None },
                    _ => Frame::Seq { pointer, index: 0 },
                });
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let pointer = self.value_pointer();
                if !matches!(self.stack.last(), Some(Frame::Map { key: Some(_), .. })) {
                    self.record(pointer.clone(), mark);
                }
                self.stack.push(match event {
                    Event::MappingStart(..) => Frame::Map { pointer, key: None },
                    _ => Frame::Seq { pointer, index: 0 },
                });
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
        assert_eq!(locate(text, "/a/b/0"), Some((3, 7)));
        assert_eq!(locate(text, "/a/b/1/y"), Some((4, 7)));
        // A missing node reports its nearest existing ancestor.
        assert_eq!(locate(text, "/a/b/7"), Some((2, 3)));
    }

    #[test]
    fn finds_json_members_and_escaped_keys() {
        let text = "{\n  \"p\": {\n    \"q/r\": 2\n  }\n}";
        assert_eq!(locate(text, "/p/q~1r"), Some((3, 5)));
    }
}
