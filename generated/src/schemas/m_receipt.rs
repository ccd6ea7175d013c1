// Generated from api-spec/api/client-server/v1/v1-event-schema/m.receipt by `cargo xtask regen`. Do not edit by hand.
#![cfg_attr(rustfmt, rustfmt::skip)]
//! Types from `v1-event-schema/m.receipt`.
#[allow(unused_imports)]
use super::*;
/// Informs the client of new receipts.
///
/// Schema: `v1-event-schema/m.receipt#`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ReceiptEvent {
    pub content: crate::runtime::JsonObject,
    #[serde(rename = "type")]
    pub type_: ReceiptEventType,
    pub room_id: String,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
impl ReceiptEvent {
    /// The required fields; every optional one absent.
    pub fn new(
        content: crate::runtime::JsonObject,
        type_: ReceiptEventType,
        room_id: String,
    ) -> Self {
        ReceiptEvent {
            content,
            type_,
            room_id,
            additional_properties: Default::default(),
        }
    }
}
/// Schema: `v1-event-schema/m.receipt#/properties/type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum ReceiptEventType {
    #[serde(rename = "m.receipt")]
    MReceipt,
}
