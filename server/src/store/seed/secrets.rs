//! Argon2id for staff passwords and PINs: hashing, verifying, and hashing the demo
//! store's secrets off the async workers before the seed transaction.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rand::rngs::OsRng;

use super::{data, technicians};

/// Argon2id hash of a password or PIN (PHC string) — the server also uses it for verification helpers.
pub fn hash_secret(secret: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(Argon2::default()
        .hash_password(secret.as_bytes(), &salt)?
        .to_string())
}

/// Whether `secret` matches the PHC string `phc`; false for a malformed PHC string too.
pub fn verify_secret(secret: &str, phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|hash| {
        Argon2::default()
            .verify_password(secret.as_bytes(), &hash)
            .is_ok()
    })
}

/// A failed hash (or its task) is a value that could not be encoded for storage.
fn encode_error(error: impl std::error::Error + Send + Sync + 'static) -> sqlx::Error {
    sqlx::Error::Encode(Box::new(error))
}

/// The PHC hashes of every technician's PIN (in id order), then of every staff password,
/// then of the staff PINs used at the bay screens (QC, wash). Each
/// hash takes ~19 MiB and tens of milliseconds, so they are spread over the cores.
pub(super) async fn hash_demo_secrets() -> Result<Vec<String>, sqlx::Error> {
    let pins = technicians().map(|(.., pin)| pin);
    let passwords = data::STAFF.iter().map(|_| data::STAFF_PASSWORD.to_owned());
    let staff_pins = data::STAFF_PINS.iter().map(|(_, pin)| (*pin).to_owned());
    let secrets: Vec<String> = pins.chain(passwords).chain(staff_pins).collect();
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let tasks: Vec<_> = secrets
        .chunks(secrets.len().div_ceil(cores).max(1))
        .map(|chunk| {
            let chunk = chunk.to_vec();
            tokio::task::spawn_blocking(move || {
                chunk
                    .iter()
                    .map(|secret| hash_secret(secret))
                    .collect::<Result<Vec<_>, _>>()
            })
        })
        .collect();
    let mut hashes = Vec::with_capacity(secrets.len());
    for task in tasks {
        hashes.extend(task.await.map_err(encode_error)?.map_err(encode_error)?);
    }
    Ok(hashes)
}
