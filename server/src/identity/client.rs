//! One allow-listed identity server and the v1 identity API calls made to it: `lookup`
//! (with the association's signature checked against `pubkey`), `store-invite` and
//! `pubkey/isvalid`, and the 2015 invite conversation built from them.
//!
//! Every request goes through a client that resolves names itself and connects only to
//! addresses that passed [`super::address_policy`] (so a name cannot be rebound to an
//! internal address between check and connect), follows no redirects, uses no proxy, gives
//! up after 5 s connecting and 10 s in all, and reads at most 64 KiB of answer.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use serde_json::{Map, Value};
use url::Url;

use super::{IdentityError, IdentityServerSettings, address_policy, is_host_port, signed_json};
use crate::ids::UserId;

const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
const TOTAL_TIMEOUT: Duration = Duration::from_secs(10);
const MAX_ANSWER_BYTES: usize = 64 * 1024;
const API: &str = "/_matrix/identity/api/v1";

/// An allow-listed identity server.
#[derive(Debug)]
pub struct IdentityServer {
    id_server: String,
    base_url: Url,
    signing_name: String,
    key_id: String,
    http: reqwest::Client,
}

/// How an invitation of an address ended at the identity server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Invitation {
    /// The address is bound to this user: invite them.
    Bound(UserId),
    /// The identity server stored an invite: the token that names it, and the key
    /// that will sign it.
    Stored { token: String, public_key: String },
}

/// What `store-invite` answered.
enum StoreInvite {
    Stored {
        token: String,
        public_key: String,
    },
    /// The address was bound meanwhile.
    AddressBound,
}

impl IdentityServer {
    pub(super) fn new(settings: &IdentityServerSettings) -> Result<IdentityServer, String> {
        if !is_host_port(&settings.id_server) {
            return Err("`id_server` must be host[:port]".into());
        }
        let base = settings
            .base_url
            .clone()
            .unwrap_or_else(|| format!("https://{}", settings.id_server));
        let base = base.trim_end_matches('/').to_string();
        let base_url = Url::parse(&base).map_err(|e| format!("base_url `{base}`: {e}"))?;
        if !matches!(base_url.scheme(), "http" | "https") {
            return Err(format!("base_url `{base}` must be http or https"));
        }
        if !base_url.username().is_empty() || base_url.password().is_some() {
            return Err(format!(
                "base_url `{base}` must not carry a user or password"
            ));
        }
        if base_url.query().is_some() || base_url.fragment().is_some() {
            return Err(format!(
                "base_url `{base}` must not have a query or fragment"
            ));
        }
        let allow_private = settings.allow_private_addresses;
        // A name is checked at every resolution; an address literal is checked here, once.
        match base_url.host() {
            Some(url::Host::Ipv4(ip)) if !allow_private => check_address(ip.into())?,
            Some(url::Host::Ipv6(ip)) if !allow_private => check_address(ip.into())?,
            Some(_) => {}
            None => return Err(format!("base_url `{base}` has no host")),
        }
        let key_id = settings
            .key_id
            .clone()
            .unwrap_or_else(|| "ed25519:0".into());
        if !key_id.starts_with("ed25519:") {
            return Err(format!("key_id `{key_id}` must be an ed25519 key"));
        }
        let http = reqwest::Client::builder()
            .dns_resolver(Arc::new(CheckedResolver { allow_private }))
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(TOTAL_TIMEOUT)
            .https_only(base_url.scheme() == "https")
            .user_agent(concat!(
                "matrix-membership-server/",
                env!("CARGO_PKG_VERSION")
            ))
            .build()
            .map_err(|e| format!("cannot build its HTTP client: {e}"))?;
        Ok(IdentityServer {
            signing_name: settings
                .signing_name
                .clone()
                .unwrap_or_else(|| settings.id_server.clone()),
            id_server: settings.id_server.clone(),
            base_url,
            key_id,
            http,
        })
    }

    pub fn id_server(&self) -> &str {
        &self.id_server
    }

    /// The URL of a v1 endpoint of this server.
    fn endpoint(&self, name: &str) -> String {
        format!(
            "{}{API}/{name}",
            self.base_url.as_str().trim_end_matches('/')
        )
    }

    /// The `key_validity_url` stored in a third-party invite made through this server
    /// (2015 identity servers did not return one; docs/membership.md, "Third-party invites").
    pub fn key_validity_url(&self) -> String {
        self.endpoint("pubkey/isvalid")
    }

    /// Looks the address up; if nothing is bound, asks the server to store an invite for
    /// it; if the address became bound meanwhile, looks it up once more
    /// (docs/membership.md, "Third-party invites").
    pub async fn invite(
        &self,
        medium: &str,
        address: &str,
        room_id: &str,
        sender: &str,
    ) -> Result<Invitation, IdentityError> {
        if let Some(user) = self.lookup(medium, address).await? {
            return Ok(Invitation::Bound(user));
        }
        match self.store_invite(medium, address, room_id, sender).await? {
            StoreInvite::Stored { token, public_key } => {
                Ok(Invitation::Stored { token, public_key })
            }
            StoreInvite::AddressBound => match self.lookup(medium, address).await? {
                Some(user) => Ok(Invitation::Bound(user)),
                None => Err(IdentityError::BadAnswer {
                    url: self.endpoint("lookup"),
                    reason: "store-invite says the address is bound; lookup says not".into(),
                }),
            },
        }
    }

    /// Whether `url` lies under this server's base URL.
    pub(super) fn owns(&self, url: &Url) -> bool {
        url.scheme() == self.base_url.scheme()
            && url.host_str() == self.base_url.host_str()
            && url.port_or_known_default() == self.base_url.port_or_known_default()
            && url.username().is_empty()
            && url.password().is_none()
            && url
                .path()
                .starts_with(self.base_url.path().trim_end_matches('/'))
    }

    /// `lookup`: the user bound to the address, from an association whose signature
    /// verifies under this server's signing name and key, that names the address asked
    /// about, and that is valid now. `None` when nothing is bound.
    async fn lookup(&self, medium: &str, address: &str) -> Result<Option<UserId>, IdentityError> {
        let url = self.endpoint("lookup");
        let answer = self
            .send(
                self.http
                    .get(&url)
                    .query(&[("medium", medium), ("address", address)]),
                &url,
            )
            .await?;
        let association = answer.success_object(&url)?;
        let Some(mxid) = association.get("mxid") else {
            return Ok(None);
        };
        let bad = |reason: &str| IdentityError::BadAnswer {
            url: url.clone(),
            reason: reason.into(),
        };
        let mxid = mxid
            .as_str()
            .and_then(|mxid| UserId::parse_existing(mxid).ok())
            .ok_or_else(|| bad("`mxid` is not a user ID"))?;
        if association.get("medium").and_then(Value::as_str) != Some(medium) {
            return Err(bad("the association is for another medium"));
        }
        let same_address = association
            .get("address")
            .and_then(Value::as_str)
            .is_some_and(|a| a.to_lowercase() == address.to_lowercase());
        if !same_address {
            return Err(bad("the association is for another address"));
        }
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as i64);
        let bound = |key: &str| association.get(key).and_then(Value::as_i64);
        match (bound("not_before"), bound("not_after")) {
            (Some(from), Some(until)) if from <= now && now <= until => {}
            _ => return Err(bad("the association is not valid now")),
        }
        let key = self.signing_key().await?;
        if !signed_json::verify(&association, &self.signing_name, &self.key_id, &key) {
            return Err(bad("the association's signature does not verify"));
        }
        Ok(Some(mxid))
    }

    /// `pubkey/{key_id}`: this server's long-term signing key.
    async fn signing_key(&self) -> Result<ed25519_dalek::VerifyingKey, IdentityError> {
        let url = self.endpoint(&format!("pubkey/{}", self.key_id));
        let answer = self.send(self.http.get(&url), &url).await?;
        let object = answer.success_object(&url)?;
        object
            .get("public_key")
            .and_then(Value::as_str)
            .and_then(signed_json::public_key)
            .ok_or_else(|| IdentityError::BadAnswer {
                url,
                reason: "no usable `public_key`".into(),
            })
    }

    /// `store-invite`, form-encoded with exactly `medium`, `address`, `room_id` and `sender`
    /// (as 2015 homeservers sent it).
    async fn store_invite(
        &self,
        medium: &str,
        address: &str,
        room_id: &str,
        sender: &str,
    ) -> Result<StoreInvite, IdentityError> {
        let url = self.endpoint("store-invite");
        let form = [
            ("medium", medium),
            ("address", address),
            ("room_id", room_id),
            ("sender", sender),
        ];
        let answer = self.send(self.http.post(&url).form(&form), &url).await?;
        if answer.status == 400 {
            let errcode = answer
                .json()
                .ok()
                .and_then(|v| v.get("errcode").and_then(Value::as_str).map(str::to_string));
            if let Some("THREEPID_IN_USE" | "M_THREEPID_IN_USE") = errcode.as_deref() {
                return Ok(StoreInvite::AddressBound);
            }
        }
        let object = answer.success_object(&url)?;
        let field = |key: &str| {
            object
                .get(key)
                .and_then(Value::as_str)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        match (field("token"), field("public_key")) {
            (Some(token), Some(public_key)) if signed_json::public_key(&public_key).is_some() => {
                Ok(StoreInvite::Stored { token, public_key })
            }
            _ => Err(IdentityError::BadAnswer {
                url,
                reason: "no usable `token` and `public_key`".into(),
            }),
        }
    }

    /// `GET {key_validity_url}?public_key=…` (docs/membership.md, "Joining with a third-party proof"): `true` only for a 2xx
    /// `{"valid": true}`; any other 2xx is `false`, anything else an error.
    pub async fn key_is_valid(
        &self,
        key_validity_url: &str,
        public_key: &str,
    ) -> Result<bool, IdentityError> {
        let answer = self
            .send(
                self.http
                    .get(key_validity_url)
                    .query(&[("public_key", public_key)]),
                key_validity_url,
            )
            .await?;
        if !answer.is_success() {
            return Err(IdentityError::Status {
                url: key_validity_url.to_string(),
                status: answer.status,
            });
        }
        Ok(answer
            .json()
            .ok()
            .is_some_and(|v| v.get("valid") == Some(&Value::Bool(true))))
    }

    /// Sends a request and reads at most [`MAX_ANSWER_BYTES`] of its answer. `url` names
    /// the endpoint in errors without its query (which may hold an address).
    async fn send(
        &self,
        request: reqwest::RequestBuilder,
        url: &str,
    ) -> Result<Answer, IdentityError> {
        let unreachable = |e: reqwest::Error| IdentityError::Unreachable {
            url: url.to_string(),
            reason: error_chain(&e.without_url()),
        };
        let mut response = request.send().await.map_err(unreachable)?;
        let status = response.status().as_u16();
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(unreachable)? {
            if body.len() + chunk.len() > MAX_ANSWER_BYTES {
                return Err(IdentityError::BadAnswer {
                    url: url.to_string(),
                    reason: format!("the answer is over {MAX_ANSWER_BYTES} bytes"),
                });
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Answer { status, body })
    }
}

/// An identity server's answer, read in full.
struct Answer {
    status: u16,
    body: Vec<u8>,
}

impl Answer {
    fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    fn json(&self) -> Result<Value, serde_json::Error> {
        serde_json::from_slice(&self.body)
    }

    /// The JSON object of a 2xx answer.
    fn success_object(&self, url: &str) -> Result<Map<String, Value>, IdentityError> {
        if !self.is_success() {
            return Err(IdentityError::Status {
                url: url.to_string(),
                status: self.status,
            });
        }
        match self.json() {
            Ok(Value::Object(object)) => Ok(object),
            _ => Err(IdentityError::BadAnswer {
                url: url.to_string(),
                reason: "not a JSON object".into(),
            }),
        }
    }
}

/// An error and its causes on one line (reqwest's own message alone says little).
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

fn check_address(ip: std::net::IpAddr) -> Result<(), String> {
    match address_policy::refusal(ip) {
        None => Ok(()),
        Some(why) => Err(format!(
            "{ip} is a {why} address (set allow_private_addresses to permit it)"
        )),
    }
}

/// Resolves names with the system resolver and keeps only permitted addresses; the
/// connection then goes to exactly those.
struct CheckedResolver {
    allow_private: bool,
}

impl Resolve for CheckedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let allow_private = self.allow_private;
        Box::pin(async move {
            let host = name.as_str().to_string();
            let found: Vec<SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let permitted: Vec<SocketAddr> = found
                .iter()
                .copied()
                .filter(|a| allow_private || address_policy::refusal(a.ip()).is_none())
                .collect();
            if permitted.is_empty() {
                let seen: Vec<String> = found.iter().map(|a| a.ip().to_string()).collect();
                return Err(format!(
                    "{host} resolves to no permitted address (found: {})",
                    seen.join(", ")
                )
                .into());
            }
            Ok(Box::new(permitted.into_iter()) as Addrs)
        })
    }
}
