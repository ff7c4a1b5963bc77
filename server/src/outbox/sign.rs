//! The webhook's signature: `sha256=` and the lowercase hex HMAC-SHA256, keyed with the
//! shared secret, of `"{timestamp}."` followed by the request body.

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The `X-Pitwall-Signature` of `body` sent at `timestamp` (Unix seconds).
pub fn signature(secret: &[u8], timestamp: i64, body: &[u8]) -> String {
    // HMAC takes a key of any length: `new_from_slice` cannot fail for it.
    let mut mac = match Hmac::<Sha256>::new_from_slice(secret) {
        Ok(mac) => mac,
        Err(_) => unreachable!("HMAC accepts keys of every length"),
    };
    mac.update(format!("{timestamp}.").as_bytes());
    mac.update(body);
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_a_vector_computed_elsewhere() {
        // python3: hmac.new(b'pitwall-test-secret', b'1764892800.' + body, hashlib.sha256)
        let body = br#"{"id":7,"text":"hello"}"#;
        assert_eq!(
            signature(b"pitwall-test-secret", 1_764_892_800, body),
            "sha256=3e5c72e56fcfce8dc3ef415ff023a7b0116a650994c8823d01be8a24bc77c953"
        );
        // python3: hmac.new(b'key', b'0.', hashlib.sha256)
        assert_eq!(
            signature(b"key", 0, b""),
            "sha256=85841b4efc3cd7776c3c8f9b7cca9e281c550e5d19889d78e9e669c6337f000d"
        );
    }

    #[test]
    fn the_body_the_time_and_the_secret_each_change_it() {
        let base = signature(b"secret", 100, b"{\"id\":1}");
        assert_ne!(base, signature(b"secret", 100, b"{\"id\":2}"));
        assert_ne!(base, signature(b"secret", 101, b"{\"id\":1}"));
        assert_ne!(base, signature(b"secreT", 100, b"{\"id\":1}"));
        assert_eq!(base, signature(b"secret", 100, b"{\"id\":1}"));
        assert!(base.starts_with("sha256=") && base.len() == 7 + 64);
        assert!(base[7..]
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
    }
}
