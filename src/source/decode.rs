//! Bytes → UTF-8 text, with the name of the encoding the bytes were read as.
//!
//! What [`decode`] guarantees:
//!
//! * **Byte order marks decide first.** A UTF-8 BOM (`EF BB BF`) means UTF-8, `FF FE` means
//!   UTF-16LE and `FE FF` means UTF-16BE. The BOM is removed from the text; nothing else is.
//! * **Text is altered in one way only: a lone `\r` becomes `\n`.** Files saved with
//!   classic Mac (`\r`) or mixed line endings then have the lines an editor shows, and every
//!   later stage splits lines at `\n` alone. `\r\n` is kept. The replacement has the same
//!   length in bytes, so every span in jxlint — a byte offset into the returned `String` — is
//!   also the offset in the decoded file.
//! * **Binary files are refused.** A NUL byte in a file without a UTF-16 BOM gives the error
//!   `binary file (contains NUL bytes)`; decoded text in which more than 1 in
//!   [`CONTROL_RATIO`] characters is a control character (other than tab, line feed, carriage
//!   return and form feed) — random bytes, images, archives — is refused as binary too.
//! * **Valid UTF-8 is UTF-8.** Mostly valid UTF-8 is damaged UTF-8, wherever the damage is:
//!   when the valid multi-byte characters of the whole file outnumber its invalid sequences
//!   [`DAMAGE_RATIO`] to one (and there are at least a few), the file is reported with the
//!   offset of its first bad byte, never guessed as a legacy encoding (a stray byte at the
//!   start must not turn a report into windows-1252 mojibake). Otherwise the encoding is
//!   guessed with `chardetng` over the whole input. A GBK guess is decoded as GB18030 (its superset, the same decoder in `encoding_rs`)
//!   and reported as `gb18030`.
//! * **No replacement characters.** Bytes that are not valid in the chosen encoding give a
//!   [`FileError`] of kind `decode` naming the encoding and the byte offset (in the file) of the
//!   first bad byte; a file is never silently decoded into `U+FFFD`. A UTF-8 or GB18030 file
//!   with a damaged byte is recognised as such and reported, rather than guessed as some other
//!   encoding and turned into mojibake.
//! * **No panics** on any input.
//!
//! Encoding names are lowercase: `utf-8`, `utf-16le`, `utf-16be`, `gb18030`, `big5`,
//! `windows-1252` …

use encoding_rs::{DecoderResult, Encoding, GB18030, GBK, UTF_16BE, UTF_16LE};

use super::FileError;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
const UTF16LE_BOM: &[u8] = b"\xFF\xFE";
const UTF16BE_BOM: &[u8] = b"\xFE\xFF";

/// How many non-ASCII characters must decode cleanly before the first bad byte for a file to
/// count as "really" UTF-8 (or GB18030) with a damaged byte, rather than some other encoding.
const EVIDENCE: usize = 8;

/// Decoded text with more than one control character in this many characters is binary.
pub const CONTROL_RATIO: usize = 100;

/// Valid multi-byte UTF-8 characters per invalid sequence above which a file is UTF-8 with
/// damage rather than a legacy encoding.
pub const DAMAGE_RATIO: usize = 4;

/// Decode a file's bytes to UTF-8 text; returns the text and the encoding's lowercase name.
pub fn decode(bytes: &[u8]) -> Result<(String, &'static str), FileError> {
    let (text, encoding) = decode_any(bytes)?;
    refuse_binary(&text)?;
    Ok((lone_cr_to_lf(text), encoding))
}

/// A lone `\r` (not followed by `\n`) replaced by `\n`: same length, same offsets.
fn lone_cr_to_lf(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    let mut bytes = text.into_bytes();
    for i in 0..bytes.len() {
        if bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
            bytes[i] = b'\n';
        }
    }
    // Only ASCII bytes were replaced by ASCII bytes: still valid UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Text with too many control characters is not a report.
fn refuse_binary(text: &str) -> Result<(), FileError> {
    let mut chars = 0usize;
    let mut controls = 0usize;
    for c in text.chars() {
        chars += 1;
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}') {
            controls += 1;
        }
    }
    if controls >= 8 && controls.saturating_mul(CONTROL_RATIO) > chars {
        return Err(FileError {
            kind: "decode",
            message: format!(
                "binary file ({controls} control characters in {chars} characters is not text)"
            ),
        });
    }
    Ok(())
}

/// Valid non-ASCII characters and invalid sequences of bytes read as UTF-8.
fn utf8_profile(bytes: &[u8]) -> (usize, usize) {
    let (mut valid, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            invalid += 1;
        }
    }
    (valid, invalid)
}

fn decode_any(bytes: &[u8]) -> Result<(String, &'static str), FileError> {
    if let Some(rest) = bytes.strip_prefix(UTF8_BOM) {
        return decode_utf8(rest, UTF8_BOM.len(), " after a UTF-8 byte order mark")
            .map(|s| (s, "utf-8"));
    }
    if let Some(rest) = bytes.strip_prefix(UTF16LE_BOM) {
        return strict(UTF_16LE, rest, UTF16LE_BOM.len())
            .map(|s| (s, "utf-16le"))
            .map_err(Malformed::into_file_error);
    }
    if let Some(rest) = bytes.strip_prefix(UTF16BE_BOM) {
        return strict(UTF_16BE, rest, UTF16BE_BOM.len())
            .map(|s| (s, "utf-16be"))
            .map_err(Malformed::into_file_error);
    }
    if bytes.contains(&0) {
        return Err(FileError {
            kind: "decode",
            message: "binary file (contains NUL bytes)".into(),
        });
    }

    let utf8_error = match std::str::from_utf8(bytes) {
        Ok(s) => return Ok((s.to_string(), "utf-8")),
        Err(e) => e,
    };
    // Many characters of valid UTF-8 before the first bad byte: a UTF-8 file with damage (a
    // truncated character, a pasted fragment in another encoding). Legacy Chinese encodings
    // almost never form even a few valid multi-byte UTF-8 sequences in a row.
    let valid = bytes.get(..utf8_error.valid_up_to()).unwrap_or_default();
    if non_ascii_chars(valid) >= EVIDENCE {
        return Err(utf8_message(bytes, utf8_error, 0, ""));
    }
    // The same judgement over the whole file, for damage before any Chinese text.
    let (valid_chars, invalid) = utf8_profile(bytes);
    if valid_chars >= EVIDENCE && valid_chars >= invalid.saturating_mul(DAMAGE_RATIO) {
        return Err(utf8_message(bytes, utf8_error, 0, ""));
    }

    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guessed = detector.guess(None, chardetng::Utf8Detection::Allow);
    let encoding = if guessed == GBK { GB18030 } else { guessed };

    let result = strict(encoding, bytes, 0).map(|s| (s, name(encoding)));
    if result.is_ok() && encoding != GB18030 && !is_cjk_multibyte(encoding) {
        // chardetng rules GBK out at the first malformed sequence and may then settle on a
        // single-byte encoding, which decodes anything. If the bytes read as plenty of clean
        // Chinese text before one bad sequence, report the damage instead of mojibake.
        if let Err(e) = strict(GB18030, bytes, 0) {
            let before = bytes.get(..e.offset).unwrap_or_default();
            if chinese_evidence(before) {
                return Err(e.into_file_error());
            }
        }
    }
    result.map_err(Malformed::into_file_error)
}

/// A byte sequence not valid in `encoding`, at `offset` in the file.
#[derive(Debug)]
struct Malformed {
    encoding: &'static Encoding,
    offset: usize,
    bytes: Vec<u8>,
}

impl Malformed {
    fn into_file_error(self) -> FileError {
        let what = if self.bytes.is_empty() {
            "an incomplete character at the end of the file".to_string()
        } else {
            format!("invalid byte sequence {}", hex(&self.bytes))
        };
        FileError {
            kind: "decode",
            message: format!(
                "not valid {}: {} at byte offset {}",
                display_name(self.encoding),
                what,
                self.offset
            ),
        }
    }
}

/// Decode `bytes` (which start at `base` in the file) with no replacement characters.
fn strict(encoding: &'static Encoding, bytes: &[u8], base: usize) -> Result<String, Malformed> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let guess = |n: usize| n.saturating_mul(3).saturating_add(16);
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or_else(|| guess(bytes.len()));
    let mut out = String::with_capacity(capacity);
    let mut pos = 0;
    loop {
        let rest = bytes.get(pos..).unwrap_or_default();
        let (result, read) = decoder.decode_to_string_without_replacement(rest, &mut out, true);
        pos += read;
        match result {
            DecoderResult::InputEmpty => return Ok(out),
            DecoderResult::OutputFull => {
                let rest = bytes.len().saturating_sub(pos);
                let more = decoder
                    .max_utf8_buffer_length_without_replacement(rest)
                    .unwrap_or_else(|| guess(rest))
                    .max(16);
                out.reserve(more);
            }
            DecoderResult::Malformed(bad, after) => {
                let end = pos.saturating_sub(usize::from(after));
                let start = end.saturating_sub(usize::from(bad));
                let shown = bytes.get(start..end).unwrap_or_default();
                // At end of input a truncated character is reported with no bytes of its own.
                let shown = if shown.is_empty() && start < bytes.len() {
                    bytes.get(start..).unwrap_or_default()
                } else {
                    shown
                };
                return Err(Malformed {
                    encoding,
                    offset: base + start,
                    bytes: shown.to_vec(),
                });
            }
        }
    }
}

/// Strict UTF-8 for the bytes after a UTF-8 BOM.
fn decode_utf8(bytes: &[u8], base: usize, context: &str) -> Result<String, FileError> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => Err(utf8_message(bytes, e, base, context)),
    }
}

fn utf8_message(bytes: &[u8], e: std::str::Utf8Error, base: usize, context: &str) -> FileError {
    let start = e.valid_up_to();
    let what = match e.error_len() {
        Some(n) => {
            let end = start.saturating_add(n).min(bytes.len());
            format!(
                "invalid byte sequence {}",
                hex(bytes.get(start..end).unwrap_or_default())
            )
        }
        None => "an incomplete character at the end of the file".to_string(),
    };
    FileError {
        kind: "decode",
        message: format!(
            "not valid UTF-8{context}: {what} at byte offset {}",
            base + start
        ),
    }
}

/// Number of non-ASCII characters in valid UTF-8 bytes.
fn non_ascii_chars(valid: &[u8]) -> usize {
    std::str::from_utf8(valid)
        .map(|s| s.chars().filter(|c| !c.is_ascii()).count())
        .unwrap_or(0)
}

/// Whether GB18030 bytes (all valid) read as Chinese prose: enough CJK ideographs, and Chinese
/// punctuation among them (Latin-1 text also decodes as GB18030, but never yields `，` or `。`).
fn chinese_evidence(valid: &[u8]) -> bool {
    let Ok(text) = strict(GB18030, valid, 0) else {
        return false;
    };
    let ideographs = text
        .chars()
        .filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(c))
        .count();
    let punctuation = text
        .chars()
        .filter(|c| matches!(c, '，' | '。' | '、' | '；' | '：'))
        .count();
    ideographs >= EVIDENCE && punctuation >= 1
}

fn is_cjk_multibyte(encoding: &'static Encoding) -> bool {
    [
        encoding_rs::BIG5,
        encoding_rs::SHIFT_JIS,
        encoding_rs::EUC_JP,
        encoding_rs::EUC_KR,
    ]
    .contains(&encoding)
}

/// The encoding's name in lowercase, as a static string.
pub fn name(encoding: &'static Encoding) -> &'static str {
    const NAMES: [&str; 40] = [
        "big5",
        "euc-jp",
        "euc-kr",
        "gbk",
        "ibm866",
        "iso-2022-jp",
        "iso-8859-10",
        "iso-8859-13",
        "iso-8859-14",
        "iso-8859-15",
        "iso-8859-16",
        "iso-8859-2",
        "iso-8859-3",
        "iso-8859-4",
        "iso-8859-5",
        "iso-8859-6",
        "iso-8859-7",
        "iso-8859-8",
        "iso-8859-8-i",
        "koi8-r",
        "koi8-u",
        "shift_jis",
        "utf-16be",
        "utf-16le",
        "utf-8",
        "gb18030",
        "macintosh",
        "replacement",
        "windows-1250",
        "windows-1251",
        "windows-1252",
        "windows-1253",
        "windows-1254",
        "windows-1255",
        "windows-1256",
        "windows-1257",
        "windows-1258",
        "windows-874",
        "x-mac-cyrillic",
        "x-user-defined",
    ];
    NAMES
        .iter()
        .copied()
        .find(|n| n.eq_ignore_ascii_case(encoding.name()))
        .unwrap_or(encoding.name())
}

/// The encoding's name for messages (`UTF-16LE`, `GB18030`, `windows-1252`).
fn display_name(encoding: &'static Encoding) -> &'static str {
    if encoding == GB18030 {
        "GB18030"
    } else {
        encoding.name()
    }
}

fn hex(bytes: &[u8]) -> String {
    const MAX: usize = 8;
    let mut s: Vec<String> = bytes.iter().take(MAX).map(|b| format!("{b:02X}")).collect();
    if bytes.len() > MAX {
        s.push("…".into());
    }
    s.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_plain_and_bom() {
        assert_eq!(
            decode("预算".as_bytes()).ok(),
            Some(("预算".to_string(), "utf-8"))
        );
        let mut b = UTF8_BOM.to_vec();
        b.extend_from_slice("预算\r\n".as_bytes());
        assert_eq!(decode(&b).ok(), Some(("预算\r\n".to_string(), "utf-8")));
    }

    #[test]
    fn empty_is_utf8() {
        assert_eq!(decode(b"").ok(), Some((String::new(), "utf-8")));
    }

    #[test]
    fn bom_then_bad_utf8_names_offset_in_file() {
        let mut b = UTF8_BOM.to_vec();
        b.extend_from_slice(b"ab\xFFcd");
        let e = decode(&b).err().map(|e| e.message).unwrap_or_default();
        assert!(
            e.contains("UTF-8") && e.contains("byte offset 5") && e.contains("FF"),
            "{e}"
        );
    }

    #[test]
    fn utf16_odd_length_is_an_error() {
        let e = decode(b"\xFF\xFEa\x00b").err();
        let msg = e.as_ref().map(|e| e.message.as_str()).unwrap_or_default();
        assert_eq!(e.as_ref().map(|e| e.kind), Some("decode"));
        assert!(
            msg.contains("UTF-16LE") && msg.contains("byte offset 4"),
            "{msg}"
        );
    }

    #[test]
    fn nul_is_binary() {
        let e = decode(b"abc\x00def").err();
        assert_eq!(
            e.map(|e| e.message),
            Some("binary file (contains NUL bytes)".to_string())
        );
    }

    #[test]
    fn damaged_utf8_is_reported_not_guessed() {
        let mut b = "预算执行率99.70%，支出决算8707.27万元。"
            .as_bytes()
            .to_vec();
        b.push(0xE9); // truncated three-byte character
        let e = decode(&b).err().map(|e| e.message).unwrap_or_default();
        assert!(e.starts_with("not valid UTF-8"), "{e}");
        assert!(e.contains("incomplete character"), "{e}");
    }

    #[test]
    fn names_are_lowercase_and_static() {
        assert_eq!(name(GBK), "gbk");
        assert_eq!(name(GB18030), "gb18030");
        assert_eq!(name(encoding_rs::SHIFT_JIS), "shift_jis");
        assert_eq!(name(encoding_rs::WINDOWS_1252), "windows-1252");
    }

    #[test]
    fn a_stray_byte_at_the_start_of_utf8_is_reported_not_guessed() {
        let mut b = vec![0xFF];
        b.extend_from_slice(
            "一、预算执行率99.70%，支出决算8707.27万元。\n"
                .repeat(3)
                .as_bytes(),
        );
        let e = decode(&b).err().map(|e| e.message).unwrap_or_default();
        assert!(e.starts_with("not valid UTF-8"), "{e}");
        assert!(e.contains("byte offset 0"), "{e}");
    }

    #[test]
    fn gbk_is_still_gbk() {
        let (b, _, _) = GB18030.encode("一、预算执行率99.70%，支出决算8707.27万元。\n");
        assert_eq!(decode(&b).ok().map(|t| t.1), Some("gb18030"));
    }

    #[test]
    fn lone_carriage_returns_are_line_breaks() {
        let (t, _) = decode(b"a\rb\r\nc\r\rd").unwrap_or_default();
        assert_eq!(t, "a\nb\r\nc\n\nd");
    }

    #[test]
    fn random_bytes_without_nul_are_binary() {
        // A fixed pseudo-random sequence of bytes 1..=255.
        let mut x: u32 = 12345;
        let b: Vec<u8> = (0..4096)
            .map(|_| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                ((x >> 16) % 255) as u8 + 1
            })
            .collect();
        let e = decode(&b).err();
        assert_eq!(e.as_ref().map(|e| e.kind), Some("decode"), "{e:?}");
        // A few escape characters in a report do not make it binary.
        let text = format!("{}\u{1b}[31m预算\u{7}", "预算执行率99.70%。\n".repeat(50));
        assert!(decode(text.as_bytes()).is_ok());
    }
}
