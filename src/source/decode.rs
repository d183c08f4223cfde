//! Byte decoding (stub).
use crate::lint::FileError;

pub fn decode(bytes: &[u8]) -> Result<(String, &'static str), FileError> {
    String::from_utf8(bytes.to_vec())
        .map(|s| (s, "utf-8"))
        .map_err(|e| FileError {
            kind: "decode",
            message: e.to_string(),
        })
}
