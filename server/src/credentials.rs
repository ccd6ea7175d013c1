//! Passwords (argon2) and tokens (random, stored as SHA-256 hashes, never logged).

use argon2::password_hash::{Output, PasswordHash, PasswordHasher, SaltString, rand_core::OsRng};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use sha2::{Digest, Sha256};

/// An argon2id hash in PHC string form.
pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("cannot hash the password: {e}"))
}

/// Whether `password` matches the PHC string `hash`, computed in `memory` (grown to the
/// hash's parameters when smaller). Reusing the memory is what bounds a server's footprint:
/// argon2 needs ~19 MiB per check, and memory the allocator has once handed to a thread it
/// tends to keep, so fresh allocations on many threads add up to hundreds of MiB.
pub fn verify_password_in(memory: &mut Vec<Block>, password: &str, hash: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(hash) else {
        return false;
    };
    let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
        return false;
    };
    let Ok(algorithm) = Algorithm::try_from(parsed.algorithm) else {
        return false;
    };
    let version = match parsed.version.map(Version::try_from) {
        None => Version::default(),
        Some(Ok(version)) => version,
        Some(Err(_)) => return false,
    };
    let Ok(params) = Params::try_from(&parsed) else {
        return false;
    };
    let mut salt_bytes = [0u8; 64];
    let Ok(salt) = salt.decode_b64(&mut salt_bytes) else {
        return false;
    };
    let blocks = params.block_count();
    if memory.len() < blocks {
        memory.resize(blocks, Block::default());
    }
    let mut computed = vec![0u8; expected.len()];
    Argon2::new(algorithm, version, params)
        .hash_password_into_with_memory(
            password.as_bytes(),
            salt,
            &mut computed,
            &mut memory[..blocks],
        )
        .is_ok()
        // `Output`'s comparison takes the same time wherever the bytes differ.
        && Output::new(&computed).is_ok_and(|computed| computed == expected)
}

/// `bytes` random bytes as unpadded URL-safe base64: opaque IDs and tokens.
pub fn random_string(bytes: usize) -> String {
    use base64::Engine;
    let mut buf = vec![0u8; bytes];
    rand::Rng::fill(&mut rand::thread_rng(), &mut buf[..]);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(buf)
}

/// A new random token (256 bits).
pub fn new_token() -> String {
    random_string(32)
}

/// What is stored for a token: its SHA-256.
pub fn token_hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_verify_only_against_their_hash() {
        let hash = hash_password("correct horse").unwrap();
        let memory = &mut Vec::new();
        assert!(verify_password_in(memory, "correct horse", &hash));
        assert!(!verify_password_in(memory, "wrong", &hash));
        assert!(!verify_password_in(memory, "correct horse", "not a hash"));
        // The reused memory holds exactly what the default parameters need.
        assert_eq!(memory.len(), Params::default().block_count());
    }

    #[test]
    fn hashes_made_with_other_parameters_verify_too() {
        use argon2::password_hash::PasswordHasher;
        let params = Params::new(4096, 3, 1, Some(16)).unwrap();
        let salt = SaltString::generate(&mut OsRng);
        let hash = Argon2::new(Algorithm::Argon2i, Version::V0x10, params)
            .hash_password(b"pw", &salt)
            .unwrap()
            .to_string();
        let memory = &mut Vec::new();
        assert!(verify_password_in(memory, "pw", &hash));
        assert!(!verify_password_in(memory, "pW", &hash));
    }

    #[test]
    fn tokens_are_random_and_hashed() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert!(a.len() >= 40);
        assert_eq!(token_hash(&a), token_hash(&a));
        assert_ne!(token_hash(&a), token_hash(&b));
    }
}
