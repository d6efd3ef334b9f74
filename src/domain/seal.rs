//! Sealing a small value with a secret, so that only whoever holds the secret can
//! read it back: how a collection lists its links' admin URLs while the database
//! holds no secret in the clear. XChaCha20-Poly1305 with a random nonce per seal, and
//! a key derived from the secret by SHA-256 (the secrets carry 190 random bits, so
//! no slow derivation is needed).

use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use sha2::{Digest, Sha256};

/// Bytes of the nonce, stored before the sealed bytes.
const NONCE: usize = 24;

fn cipher(secret: &str) -> XChaCha20Poly1305 {
    let mut hash = Sha256::new();
    hash.update(b"shortener seal\0");
    hash.update(secret.as_bytes());
    XChaCha20Poly1305::new(&hash.finalize())
}

/// `plain` sealed with `secret`: nonce, then ciphertext and tag.
pub fn seal(secret: &str, plain: &[u8]) -> Vec<u8> {
    let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
    let sealed = cipher(secret)
        .encrypt(&nonce, plain)
        .expect("sealing a few bytes in memory cannot fail");
    [nonce.as_slice(), &sealed].concat()
}

/// What `seal(secret, ..)` sealed; `None` with another secret or altered bytes.
pub fn open(secret: &str, sealed: &[u8]) -> Option<Vec<u8>> {
    if sealed.len() < NONCE {
        return None;
    }
    let (nonce, body) = sealed.split_at(NONCE);
    cipher(secret).decrypt(XNonce::from_slice(nonce), body).ok()
}

/// A fresh random key to seal other values with, as text (64 hex digits).
pub fn random_key() -> String {
    let bytes: [u8; 32] = rand::random();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_same_secret_opens_a_seal() {
        let sealed = seal("one secret", b"admin secret");
        assert_eq!(
            open("one secret", &sealed).as_deref(),
            Some(&b"admin secret"[..])
        );
        assert_eq!(open("another secret", &sealed), None);
        let mut altered = sealed.clone();
        *altered.last_mut().unwrap() ^= 1;
        assert_eq!(open("one secret", &altered), None);
        assert_eq!(open("one secret", &sealed[..10]), None);
    }

    #[test]
    fn the_same_value_seals_differently_each_time() {
        assert_ne!(seal("s", b"value"), seal("s", b"value"));
        assert_ne!(random_key(), random_key());
        assert_eq!(random_key().len(), 64);
    }
}
