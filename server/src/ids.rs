//! Matrix identifiers as the server accepts them (docs/membership.md, "Identifiers"): the right
//! sigil, a non-empty localpart, a `:`, a non-empty domain, at most 255 bytes.

use std::fmt;

/// The longest identifier accepted, in bytes.
pub const MAX_ID_BYTES: usize = 255;

/// Why an identifier was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("{what} must start with '{sigil}'")]
    Sigil { what: &'static str, sigil: char },
    #[error("{what} is longer than {MAX_ID_BYTES} bytes")]
    TooLong { what: &'static str },
    #[error("{what} must look like {sigil}localpart:domain")]
    Shape { what: &'static str, sigil: char },
    #[error("{what} may only contain printable ASCII characters other than ':'")]
    NotAscii { what: &'static str },
    #[error(
        "a new user's name may only contain a-z, 0-9, '.', '_', '=', '-' and '/' (lowercase ASCII)"
    )]
    NewLocalpart,
    #[error("{id} belongs to {domain}, not to this server ({server_name})")]
    OtherServer {
        id: String,
        domain: String,
        server_name: String,
    },
}

/// Splits `raw` as `<sigil>localpart:domain`, checking those rules.
fn parse(raw: &str, sigil: char, what: &'static str) -> Result<(usize, usize), IdError> {
    if raw.len() > MAX_ID_BYTES {
        return Err(IdError::TooLong { what });
    }
    let rest = raw
        .strip_prefix(sigil)
        .ok_or(IdError::Sigil { what, sigil })?;
    let (local, domain) = rest.split_once(':').ok_or(IdError::Shape { what, sigil })?;
    let domain_ok = !domain.is_empty()
        && domain
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
    let local_ok = !local.is_empty() && !local.chars().any(|c| c.is_control() || c.is_whitespace());
    if !local_ok || !domain_ok {
        return Err(IdError::Shape { what, sigil });
    }
    Ok((1 + local.len(), 1 + local.len() + 1))
}

macro_rules! identifier {
    ($name:ident, $sigil:literal, $what:literal, $doc:literal) => {
        #[doc = $doc]
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name {
            raw: String,
            domain_at: usize,
        }

        impl $name {
            pub fn parse(raw: &str) -> Result<Self, IdError> {
                let (_, domain_at) = parse(raw, $sigil, $what)?;
                Ok(Self {
                    raw: raw.to_string(),
                    domain_at,
                })
            }

            pub fn as_str(&self) -> &str {
                &self.raw
            }

            /// The part after the first `:` (host with an optional port).
            pub fn domain(&self) -> &str {
                &self.raw[self.domain_at..]
            }

            /// The part between the sigil and the first `:`.
            pub fn localpart(&self) -> &str {
                &self.raw[1..self.domain_at - 1]
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.raw)
            }
        }
    };
}

identifier!(UserId, '@', "a user ID", "`@localpart:domain`");

/// Whether `c` may be in a user ID's localpart: printable ASCII other than `:`, the widest
/// grammar Matrix ever allowed (historical IDs). No other script, no invisible or
/// direction-changing character: an ID must read as what it is.
fn historical_localpart_char(c: char) -> bool {
    c.is_ascii_graphic() && c != ':'
}

/// Whether `c` may be in a new local user's localpart: Matrix's user ID grammar.
fn new_localpart_char(c: char) -> bool {
    matches!(c, 'a'..='z' | '0'..='9' | '.' | '_' | '=' | '-' | '/')
}

impl UserId {
    /// A user ID as invites, bodies and tokens carry it: the shape every identifier has,
    /// and a localpart of printable ASCII (docs/membership.md, "Identifiers").
    pub fn parse_existing(raw: &str) -> Result<Self, IdError> {
        let id = Self::parse(raw)?;
        if !id.localpart().chars().all(historical_localpart_char) {
            return Err(IdError::NotAscii {
                what: "a user ID's localpart",
            });
        }
        Ok(id)
    }

    /// The ID of a new user of `server_name`, from a localpart (`bob`) or a full ID of this
    /// server (`@bob:server`): the localpart must follow Matrix's user ID grammar (D15).
    pub fn new_local(input: &str, server_name: &str) -> Result<Self, IdError> {
        let id = if input.starts_with('@') {
            Self::parse(input)?
        } else {
            Self::parse(&format!("@{input}:{server_name}"))?
        };
        if id.domain() != server_name {
            return Err(IdError::OtherServer {
                id: id.to_string(),
                domain: id.domain().to_string(),
                server_name: server_name.to_string(),
            });
        }
        if !id.localpart().chars().all(new_localpart_char) {
            return Err(IdError::NewLocalpart);
        }
        Ok(id)
    }
}
identifier!(RoomId, '!', "a room ID", "`!opaque:domain`");
identifier!(RoomAlias, '#', "a room alias", "`#name:domain`");

/// A room named by ID or by alias, as the join paths accept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoomIdOrAlias {
    Id(RoomId),
    Alias(RoomAlias),
}

impl RoomIdOrAlias {
    pub fn parse(raw: &str) -> Result<Self, IdError> {
        if raw.starts_with('#') {
            RoomAlias::parse(raw).map(Self::Alias)
        } else if raw.starts_with('!') {
            RoomId::parse(raw).map(Self::Id)
        } else if raw.len() > MAX_ID_BYTES {
            Err(IdError::TooLong {
                what: "a room ID or alias",
            })
        } else {
            Err(IdError::Shape {
                what: "a room ID or alias",
                sigil: '!',
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_well_formed_ids() {
        let user = UserId::parse("@bob:hs.test").unwrap();
        assert_eq!((user.localpart(), user.domain()), ("bob", "hs.test"));
        assert_eq!(
            RoomId::parse("!r:hs.test:8448").unwrap().domain(),
            "hs.test:8448"
        );
        assert!(matches!(
            RoomIdOrAlias::parse("#pub:hs.test"),
            Ok(RoomIdOrAlias::Alias(_))
        ));
    }

    #[test]
    fn user_ids_read_as_what_they_are() {
        assert!(
            UserId::parse_existing("@Old_Style+1:hs").is_ok(),
            "historical IDs"
        );
        for confusing in [
            "@\u{430}lice:hs",
            "@al\u{202e}ice:hs",
            "@a\u{200b}b:hs",
            "@é:hs",
        ] {
            assert!(UserId::parse_existing(confusing).is_err(), "{confusing:?}");
        }
        assert_eq!(UserId::new_local("bob", "hs").unwrap().as_str(), "@bob:hs");
        assert_eq!(
            UserId::new_local("@bob:hs", "hs").unwrap().as_str(),
            "@bob:hs"
        );
        for bad in [
            "Alice",
            "al ice",
            "\u{430}lice",
            "a+b",
            "@bob:other",
            "@@bob:hs",
        ] {
            assert!(UserId::new_local(bad, "hs").is_err(), "{bad:?}");
        }
        assert_eq!(
            UserId::new_local("@bob:other", "hs")
                .unwrap_err()
                .to_string(),
            "@bob:other belongs to other, not to this server (hs)"
        );
        assert!(UserId::new_local(&"a".repeat(300), "hs").is_err());
    }

    #[test]
    fn refuses_what_the_server_refuses() {
        for bad in ["foo", "!nocolon", "!:hs", "!r:", "#", "", "@a b:hs"] {
            assert!(UserId::parse(bad).is_err(), "{bad}");
            assert!(RoomIdOrAlias::parse(bad).is_err(), "{bad}");
        }
        let long = format!("!{}:hs.test", "a".repeat(300));
        assert_eq!(
            RoomId::parse(&long),
            Err(IdError::TooLong { what: "a room ID" })
        );
        assert!(UserId::parse("bob").is_err());
    }
}
