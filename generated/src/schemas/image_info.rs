// Generated from api-spec/api/client-server/v1/v1-event-schema/core-event-schema/msgtype_infos/image_info.json by `cargo xtask regen`. Do not edit by hand.
#![cfg_attr(rustfmt, rustfmt::skip)]
//! Types from `v1-event-schema/core-event-schema/msgtype_infos/image_info.json`.
#[allow(unused_imports)]
use super::*;
/// Metadata about an image.
///
/// Schema: `v1-event-schema/core-event-schema/msgtype_infos/image_info.json#`.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct ImageInfo {
    /// Size of the image in bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<i64>,
    /// The width of the image in pixels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub w: Option<i64>,
    /// The height of the image in pixels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub h: Option<i64>,
    /// The mimetype of the image, e.g. ``image/jpeg``.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mimetype: Option<String>,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
impl ImageInfo {
    /// Every field absent.
    pub fn new() -> Self {
        ImageInfo {
            size: None,
            w: None,
            h: None,
            mimetype: None,
            additional_properties: Default::default(),
        }
    }
}
