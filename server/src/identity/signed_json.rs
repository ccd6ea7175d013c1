//! Matrix signed JSON: the canonical form an identity server signs (keys sorted by code
//! point, no insignificant whitespace, `signatures` and `unsigned` left out) and ed25519
//! verification over it. A handful of lines on serde_json; the ed25519 maths is
//! `ed25519-dalek`'s.

use base64::Engine as _;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use ed25519_dalek::{Signature, VerifyingKey};
use serde_json::{Map, Value};

/// Matrix writes keys and signatures in unpadded standard base64; padding is tolerated.
const BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// An ed25519 public key from its base64 form.
pub fn public_key(base64: &str) -> Option<VerifyingKey> {
    let bytes: [u8; 32] = BASE64.decode(base64).ok()?.try_into().ok()?;
    VerifyingKey::from_bytes(&bytes).ok()
}

/// `value` in canonical JSON. (The workspace's serde_json keeps insertion order, so keys
/// are sorted here rather than by `Map`.)
pub fn canonical(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            // Rust orders strings by their UTF-8 bytes, which is code-point order.
            entries.sort_by(|a, b| a.0.cmp(b.0));
            out.push('{');
            for (i, (key, item)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                write_canonical(item, out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

/// The bytes a signature covers: the object without `signatures` and `unsigned`.
fn signed_bytes(object: &Map<String, Value>) -> Vec<u8> {
    let mut stripped = object.clone();
    stripped.remove("signatures");
    stripped.remove("unsigned");
    canonical(&Value::Object(stripped)).into_bytes()
}

/// Whether `object` carries a valid signature by `key` under `signer` / `key_id`.
pub fn verify(object: &Map<String, Value>, signer: &str, key_id: &str, key: &VerifyingKey) -> bool {
    let Some(signature) = object
        .get("signatures")
        .and_then(|s| s.get(signer))
        .and_then(|s| s.get(key_id))
        .and_then(Value::as_str)
    else {
        return false;
    };
    check(&signed_bytes(object), signature, key)
}

/// Whether any `ed25519:*` signature in `object`, under any signer, verifies with `key`
/// (docs/membership.md, "Joining with a third-party proof": the proof names no signer;
/// the key is what the invite stored).
pub fn verify_any(object: &Map<String, Value>, key: &VerifyingKey) -> bool {
    let Some(Value::Object(signers)) = object.get("signatures") else {
        return false;
    };
    let bytes = signed_bytes(object);
    signers
        .values()
        .filter_map(Value::as_object)
        .flat_map(|keys| keys.iter())
        .filter(|(key_id, _)| key_id.starts_with("ed25519:"))
        .filter_map(|(_, signature)| signature.as_str())
        .any(|signature| check(&bytes, signature, key))
}

/// Whether a join's third-party proof (`signed`, as the member event schema types it) is
/// signed by the base64 `public_key` the room's invite stored.
pub fn verify_proof(signed: &generated::schemas::SignedProof, public_key: &str) -> bool {
    let Some(key) = self::public_key(public_key) else {
        return false;
    };
    match serde_json::to_value(signed) {
        Ok(Value::Object(object)) => verify_any(&object, &key),
        _ => false,
    }
}

fn check(bytes: &[u8], signature: &str, key: &VerifyingKey) -> bool {
    let Some(signature) = BASE64
        .decode(signature)
        .ok()
        .and_then(|raw| <[u8; 64]>::try_from(raw).ok())
    else {
        return false;
    };
    key.verify_strict(bytes, &Signature::from_bytes(&signature))
        .is_ok()
}

#[cfg(test)]
mod tests {
    use ed25519_dalek::{Signer, SigningKey};
    use serde_json::json;

    use super::*;

    #[test]
    fn canonical_json_sorts_keys_and_drops_whitespace() {
        let value = json!({"b": 1, "a": {"d": [1, "é", null], "c": true}, "": "\u{1}\n"});
        assert_eq!(
            canonical(&value),
            r#"{"":"\u0001\n","a":{"c":true,"d":[1,"é",null]},"b":1}"#
        );
    }

    #[test]
    fn signatures_verify_only_over_the_signed_bytes() {
        let signing = SigningKey::from_bytes(&[7; 32]);
        let key = signing.verifying_key();
        let mut object = json!({"mxid": "@c:hs", "token": "t"})
            .as_object()
            .cloned()
            .unwrap();
        let signature = BASE64.encode(
            signing
                .sign(canonical(&Value::Object(object.clone())).as_bytes())
                .to_bytes(),
        );
        object.insert(
            "signatures".into(),
            json!({"is.example": {"ed25519:0": signature}}),
        );
        object.insert("unsigned".into(), json!({"ignored": true}));
        assert!(verify(&object, "is.example", "ed25519:0", &key));
        assert!(verify_any(&object, &key));
        assert!(!verify(&object, "other.example", "ed25519:0", &key));
        assert!(!verify_any(
            &object,
            &SigningKey::from_bytes(&[8; 32]).verifying_key()
        ));
        object.insert("mxid".into(), json!("@d:hs"));
        assert!(!verify(&object, "is.example", "ed25519:0", &key));
        assert!(!verify_any(&object, &key));
        assert_eq!(public_key(&BASE64.encode(key.to_bytes())), Some(key));
        assert_eq!(public_key("not base64!"), None);
    }
}
