// Generated from api-spec/api/client-server/v1/definitions/error.yaml by `cargo xtask regen`. Do not edit by hand.
#![cfg_attr(rustfmt, rustfmt::skip)]
//! Types from `definitions/error.yaml`.
#[allow(unused_imports)]
use super::*;
/// A Matrix-level Error
///
/// Schema: `definitions/error.yaml#`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Error {
    /// An error code.
    pub errcode: String,
    /// A human-readable error message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
impl Error {
    /// The required fields; every optional one absent.
    pub fn new(errcode: String) -> Self {
        Error {
            errcode,
            error: None,
            additional_properties: Default::default(),
        }
    }
}
