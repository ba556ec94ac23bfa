//! Bytes to text. EDGAR filings are UTF-8 or, when old, Windows-1252; a
//! stray byte must never stop a user from reading the rest of a filing.

use encoding_rs::WINDOWS_1252;

/// The encoding a file turned out to be in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Encoding {
    Utf8,
    Windows1252,
    /// Another charset the document declared (an HTML `<meta charset>`).
    Declared,
}

/// Decodes UTF-8 when the bytes are valid UTF-8 (a BOM is dropped);
/// otherwise the charset an HTML document declares (`<meta charset=…>`),
/// else Windows-1252, which maps every byte to a character.
pub fn decode(bytes: &[u8]) -> (String, Encoding) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), Encoding::Utf8),
        Err(_) => {
            let declared = declared_charset(bytes).filter(|e| *e != encoding_rs::UTF_8);
            let encoding = declared.unwrap_or(WINDOWS_1252);
            let (text, _, _) = encoding.decode(bytes);
            let label = if encoding == WINDOWS_1252 { Encoding::Windows1252 } else { Encoding::Declared };
            (text.into_owned(), label)
        }
    }
}

/// The `charset=` an HTML document declares in its first kilobytes.
fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let label: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    encoding_rs::Encoding::for_label(label.as_bytes())
}

/// True when the bytes look like a binary file rather than text: a NUL, or
/// many control characters, in the first few kilobytes.
pub fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let controls = head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C)).count();
    controls * 20 > head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_bytes_decode_to_their_characters() {
        let (text, enc) = decode(b"Net loss \x97 see note \x93A\x94 caf\xe9");
        assert_eq!(enc, Encoding::Windows1252);
        assert_eq!(text, "Net loss \u{2014} see note \u{201c}A\u{201d} caf\u{e9}");
    }

    #[test]
    fn utf8_is_kept_and_bom_dropped() {
        let (text, enc) = decode("\u{feff}Net loss \u{2014}".as_bytes());
        assert_eq!(enc, Encoding::Utf8);
        assert_eq!(text, "Net loss \u{2014}");
    }

    #[test]
    fn a_declared_charset_is_honoured() {
        let (text, enc) = decode(b"<meta charset=\"iso-8859-2\"><p>Z\xb3oty</p>");
        assert_eq!(enc, Encoding::Declared);
        assert!(text.contains("Z\u{142}oty"), "{text}");
    }

    #[test]
    fn binary_is_recognised() {
        assert!(looks_binary(b"%PDF-1.4\x00\x01\x02"));
        assert!(!looks_binary(b"Net loss   (7,321)\r\n\x0c<PAGE>\n"));
    }
}
