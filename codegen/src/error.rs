//! The generator's one error type: what went wrong, and where in which spec file.

use std::fmt;

/// Where in a spec a problem sits: the file, the line and column when known, and the JSON
/// pointer of the node.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Location {
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub pointer: String,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let (Some(line), Some(column)) = (self.line, self.column) {
            write!(f, ":{line}:{column}")?;
        }
        Ok(())
    }
}

/// A generation failure. Displays as `file:line:column: message (at #/pointer)`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// A problem tied to a place in a spec file.
    #[error("{location}: {message}{at}", at = pointer_suffix(&location.pointer))]
    Spec { location: Location, message: String },
    /// A problem with no single place (an unreadable folder, an output that fails to format).
    #[error("{0}")]
    Other(String),
}

impl Error {
    pub fn other(message: impl Into<String>) -> Self {
        Error::Other(message.into())
    }

    /// The location, when the error has one.
    pub fn location(&self) -> Option<&Location> {
        match self {
            Error::Spec { location, .. } => Some(location),
            Error::Other(_) => None,
        }
    }
}

fn pointer_suffix(pointer: &str) -> String {
    if pointer.is_empty() {
        String::new()
    } else {
        format!(" (at #{pointer})")
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
