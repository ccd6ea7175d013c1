//! Matrix identifiers: any string parses or is refused, never a panic; what parses is
//! within the spec's 255-byte limit and reads back unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use server::ids::{RoomAlias, RoomId, UserId};

fuzz_target!(|input: &str| {
    if let Ok(id) = UserId::parse(input) {
        assert_eq!(id.as_str(), input);
        assert!(input.len() <= 255);
    }
    if let Ok(id) = RoomId::parse(input) {
        assert_eq!(id.as_str(), input);
        assert!(input.len() <= 255);
    }
    if let Ok(id) = RoomAlias::parse(input) {
        assert_eq!(id.as_str(), input);
        assert!(input.len() <= 255);
    }
});
