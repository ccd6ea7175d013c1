//! Identity servers (docs/membership.md, "Third-party invites"): the operator's
//! allow-list, and the v1 identity API calls a homeserver makes for third-party invites.
//! Nothing here ever contacts a server that is not on the list, or an address the list's
//! entry does not permit.

mod address_policy;
mod client;
pub mod signed_json;

use std::collections::BTreeMap;

use serde::Deserialize;
use url::Url;

pub use client::{IdentityServer, Invitation};

/// One allow-list entry, as the configuration file writes it (`[[identity_servers]]`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdentityServerSettings {
    /// What clients send as `id_server`: `host[:port]`.
    pub id_server: String,
    /// Where it is reached, scheme included [default: `https://{id_server}`].
    pub base_url: Option<String>,
    /// The name it signs associations under [default: `id_server`].
    pub signing_name: Option<String>,
    /// The key it signs associations with [default: `ed25519:0`].
    pub key_id: Option<String>,
    /// Let its name resolve to loopback, private or link-local addresses (for tests and
    /// identity servers on the operator's own network) [default: false].
    #[serde(default)]
    pub allow_private_addresses: bool,
}

/// Why a call to an identity server failed. Never shown to clients, who get 502 `M_UNKNOWN`
/// (a 502 to the client); logged.
#[derive(Debug, thiserror::Error)]
pub enum IdentityError {
    #[error("cannot reach {url}: {reason}")]
    Unreachable { url: String, reason: String },
    #[error("{url} answered {status}")]
    Status { url: String, status: u16 },
    #[error("{url} answered something unusable: {reason}")]
    BadAnswer { url: String, reason: String },
}

/// The allow-list: the only identity servers this homeserver talks to.
#[derive(Debug, Default)]
pub struct IdentityServers {
    by_id_server: BTreeMap<String, IdentityServer>,
}

impl IdentityServers {
    /// Checks every entry (syntax, scheme, addresses given as IP literals) and builds its
    /// HTTP client. An invalid entry is a configuration error, named.
    pub fn new(settings: &[IdentityServerSettings]) -> anyhow::Result<IdentityServers> {
        let mut by_id_server = BTreeMap::new();
        for entry in settings {
            let server = IdentityServer::new(entry).map_err(|reason| {
                anyhow::anyhow!("identity server `{}`: {reason}", entry.id_server)
            })?;
            if by_id_server
                .insert(entry.id_server.clone(), server)
                .is_some()
            {
                anyhow::bail!("identity server `{}` is listed twice", entry.id_server);
            }
        }
        Ok(IdentityServers { by_id_server })
    }

    pub fn is_empty(&self) -> bool {
        self.by_id_server.is_empty()
    }

    /// The entry for an `id_server` a client sent, compared exactly.
    pub fn get(&self, id_server: &str) -> Option<&IdentityServer> {
        self.by_id_server.get(id_server)
    }

    /// The entry a stored `key_validity_url` belongs to: same scheme, host and port, and
    /// under its base path.
    pub fn for_url(&self, url: &str) -> Option<&IdentityServer> {
        let url = Url::parse(url).ok()?;
        self.by_id_server.values().find(|server| server.owns(&url))
    }
}

/// `host[:port]` and nothing else: no scheme, path, userinfo, query or whitespace.
pub fn is_host_port(value: &str) -> bool {
    let (host, port) = match value.rsplit_once(':') {
        Some((host, port)) if !host.contains(':') => (host, Some(port)),
        _ => (value, None),
    };
    let host_ok = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    let port_ok =
        port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.chars().all(|c| c.is_ascii_digit()));
    host_ok && port_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id_server: &str, base_url: Option<&str>, private: bool) -> IdentityServerSettings {
        IdentityServerSettings {
            id_server: id_server.into(),
            base_url: base_url.map(str::to_string),
            signing_name: None,
            key_id: None,
            allow_private_addresses: private,
        }
    }

    #[test]
    fn identity_servers_are_host_and_port_only() {
        for good in ["matrix.org", "is.example.org:8090", "127.0.0.1:8090"] {
            assert!(is_host_port(good), "{good}");
        }
        for bad in [
            "https://is.example",
            "evil.example/path",
            "a@b",
            "x y",
            "",
            "h:",
            "h:123456",
            "h?q",
        ] {
            assert!(!is_host_port(bad), "{bad}");
        }
    }

    #[test]
    fn entries_are_checked_when_the_server_starts() {
        let list = IdentityServers::new(&[entry("is.example", None, false)]).unwrap();
        assert!(list.get("is.example").is_some());
        assert!(list.get("IS.example").is_none() && list.get("is.example:443").is_none());
        assert!(
            list.for_url("https://is.example/_matrix/identity/api/v1/pubkey/isvalid")
                .is_some()
        );
        for foreign in [
            "http://is.example/_matrix/identity/api/v1/pubkey/isvalid",
            "https://is.example:8443/x",
            "https://other.example/x",
            "not a url",
        ] {
            assert!(list.for_url(foreign).is_none(), "{foreign}");
        }
        for (bad, why) in [
            (entry("is.example/x", None, false), "host[:port]"),
            (
                entry("is.example", Some("ftp://is.example"), false),
                "http or https",
            ),
            (
                entry("is.example", Some("https://u:p@is.example"), false),
                "user",
            ),
            (
                entry("is.example", Some("https://127.0.0.1:8090"), false),
                "loopback",
            ),
            (
                entry("is.example", Some("http://169.254.169.254"), false),
                "link-local",
            ),
        ] {
            let error = IdentityServers::new(&[bad]).unwrap_err().to_string();
            assert!(error.contains(why), "{error}");
        }
        assert!(IdentityServers::new(&[entry("a", Some("http://127.0.0.1:1"), true)]).is_ok());
        let twice = [entry("a", None, false), entry("a", None, false)];
        assert!(IdentityServers::new(&twice).is_err());
    }
}
