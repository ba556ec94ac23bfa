//! Mutations of inputs with real structure: bytes changed, pieces of the
//! formats' own syntax put in (table rows, `<DOCUMENT>` blocks, HTML and
//! inline XBRL tags with extreme `scale` and `decimals`, contexts, figures
//! too large for a decimal), pieces repeated thousands of times (nesting,
//! width), and pieces of other inputs spliced in. Workspace files are also
//! mutated as JSON, entry by entry. Everything follows one seed.

use serde_json::Value;

/// A small, fast generator (SplitMix64): the same seed, the same cases.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n` (which must not be 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Inputs grow no larger than this: large enough for 10,000-fold nesting
/// and rows of thousands of cells, small enough to run thousands of cases.
pub const MAX_INPUT_BYTES: usize = 4 << 20;

/// Figures no decimal can hold, or only just.
pub const EXTREME_NUMBERS: &[&str] = &[
    "79228162514264337593543950335",
    "-79228162514264337593543950335",
    "79228162514264337593543950336",
    "99999999999999999999999999999",
    "(99,999,999,999,999,999,999,999,999)",
    "0.0000000000000000000000000001",
    "0.00000000000000000000000000001",
    "1.00000000000000000000000000009",
    "123456789012345678901234567890.5",
    "1e400",
    "-0",
    "$7.9 billion billion",
    "18446744073709551616",
    "4294967296",
];

pub const TEXT_PIECES: &[&str] = &[
    " ",
    "\n",
    "\r\n",
    "\t",
    "(",
    ")",
    ",",
    "$",
    "--",
    "\u{97}",
    "\u{2014}",
    "\u{2212}",
    "%",
    "*",
    "<F1>",
    "<TABLE>\n",
    "</TABLE>\n",
    "<S>  <C>  <C>\n",
    "<CAPTION>\n",
    "<PAGE>\n",
    "<DOCUMENT>\n<TYPE>EX-99.1\n<SEQUENCE>2\n<FILENAME>ex99.txt\n<TEXT>\n",
    "</TEXT>\n</DOCUMENT>\n",
    "<SEC-DOCUMENT>\n<SEC-HEADER>\nCOMPANY CONFORMED NAME: EPICEPT CORP\n",
    "FISCAL YEAR END: 0\u{e9}0\n",
    "FISCAL YEAR END: \u{20ac}1\n",
    "FISCAL YEAR END: 1399\n",
    "CONFORMED PERIOD OF REPORT: 20061231\n",
    "FILED AS OF DATE: 99999999\n",
    "</SEC-HEADER>\n",
    "(in thousands)",
    "(in millions, except per share data)",
    "(in billions)",
    "                                THREE MONTHS ENDED JUNE 30,\n",
    "   NINE MONTHS ENDED SEPTEMBER 30,\n",
    "                                   2006         2005\n",
    "   52 WEEKS ENDED\n",
    "   1899   2100   9999\n",
    "Net loss                       (1,234)        (99)\n",
    "Total operating expenses       5,678     4,321\n",
    "Operating expenses:\n",
    "Cash and cash equivalents      7,329       6,000\n",
    "                              -------     -------\n",
    "Net loss was $7.3 million for the quarter ended June 30, 2006",
    " for the three months ended March 31, 2006",
    "$7.3 million",
    " million",
    " billion",
    "9",
    "2006",
    "June 30, 2006",
    "December 31, 1",
    "February 30, 2006",
];

pub const HTML_PIECES: &[&str] = &[
    "<div>", "</div>", "<p>", "</p>", "<span>", "</span>", "<b id=1>", "</b>", "<font size=2>", "</font>",
    "<div style=\"display:none\">", "<font style=\"display: NONE\">", "<table>", "</table>", "<tr>", "</tr>",
    "<td>", "</td>", "<th colspan=\"3\">", "<td colspan=\"0\">", "<td colspan=\"99999\">", "<td colspan=\"-1\">",
    "<caption>(in thousands)</caption>", "<th>Three Months Ended March 31, 2024</th>", "<td>$</td>",
    "<td>(1,234</td><td>)</td>", "<td>7,321</td>", "<td>&#8212;</td>", "&nbsp;", "&#x10FFFF;", "&#0;", "<br/>",
    "<svg><path d=\"M0\"/>", "</svg>", "<math>", "<script>var x = '<div>';</script>", "<style>p{}</style>",
    "<!--", "-->", "<![CDATA[", "]]>", "<ix:header><ix:hidden>", "</ix:hidden></ix:header>",
    "<ix:nonFraction name=\"us-gaap:NetIncomeLoss\" contextRef=\"c\" unitRef=\"usd\" scale=\"3\" decimals=\"-3\" sign=\"-\">",
    "<ix:nonFraction name=\"us-gaap:Revenues\" contextRef=\"c\" scale=\"20\" decimals=\"28\">",
    "<ix:nonFraction name=\"us-gaap:OperatingExpenses\" contextRef=\"d\" scale=\"28\" decimals=\"-30\">",
    "<ix:nonFraction name=\"us-gaap:CashAndCashEquivalentsAtCarryingValue\" contextRef=\"i\" scale=\"-40\" decimals=\"INF\">",
    "<ix:nonFraction name=\"us-gaap:NetIncomeLoss\" contextRef=\"missing\" format=\"ixt:num-comma-decimal\">",
    "<ix:nonFraction name=\"us-gaap:NetIncomeLoss\" contextRef=\"c\" format=\"ixt:fixed-zero\" scale=\"99999999999\">",
    "</ix:nonFraction>",
    "<xbrli:context id=\"c\"><xbrli:period><xbrli:startDate>2024-01-01</xbrli:startDate><xbrli:endDate>2024-03-31</xbrli:endDate></xbrli:period></xbrli:context>",
    "<xbrli:context id=\"d\"><xbrli:period><xbrli:startDate>2024-03-31</xbrli:startDate><xbrli:endDate>2023-01-01</xbrli:endDate></xbrli:period></xbrli:context>",
    "<xbrli:context id=\"i\"><xbrli:entity><xbrli:segment><xbrldi:explicitMember dimension=\"a\">m</xbrldi:explicitMember></xbrli:segment></xbrli:entity><xbrli:period><xbrli:instant>9999-12-31</xbrli:instant></xbrli:period></xbrli:context>",
    "<ix:nonNumeric name=\"dei:CurrentFiscalYearEndDate\">--02-30</ix:nonNumeric>",
    "<ix:nonNumeric name=\"dei:DocumentType\">10-Q</ix:nonNumeric>",
    "<ix:nonNumeric name=\"dei:EntityRegistrantName\">\u{e9}\u{2014}</ix:nonNumeric>",
    "Net loss", "Total operating expenses", "Operating expenses:", "(in millions)", "2024", "\u{e9}\u{2014}\u{20ac}",
];

pub const JSON_PATHS: &[&str] = &[
    "../../../../etc/passwd",
    "/dev/zero",
    "/dev/urandom",
    "/tmp",
    "",
    ".",
    "..",
    "a/../../b",
    "/",
    "filings//q2.txt",
    "./q2.txt",
    "q2.txt\u{0}",
    "C:\\q2.txt",
    "\u{e9}.txt",
];

pub const ENTRIES: &[&str] = &[
    "(7,400)",
    "7.4 million",
    "-7400000",
    "$(7,400)",
    "7,400k",
    "—",
    "",
    " ",
    "(",
    ")",
    "-(7,400)",
    "1e30",
    "7.4.4",
    ",400",
    "US$ 7.4 bn",
    "\u{2212}7,400",
    "(7,400",
    "7 400",
    "0.000000000000000000000000001",
];

/// The next case from a corpus input.
pub fn mutate(rng: &mut Rng, input: &[u8], pieces: &[&str], corpus: &[Vec<u8>]) -> Vec<u8> {
    let mut bytes = input.to_vec();
    for _ in 0..1 + rng.below(8) {
        mutate_once(rng, &mut bytes, pieces, corpus);
    }
    bytes.truncate(MAX_INPUT_BYTES);
    bytes
}

fn mutate_once(rng: &mut Rng, bytes: &mut Vec<u8>, pieces: &[&str], corpus: &[Vec<u8>]) {
    let at = rng.below(bytes.len() + 1);
    match rng.below(10) {
        0 => bytes.insert(at, rng.next() as u8),
        1 | 2 => {
            let piece = rng.pick(pieces).as_bytes().to_vec();
            bytes.splice(at..at, piece);
        }
        3 => {
            let end = (at + 1 + rng.below(200)).min(bytes.len());
            bytes.drain(at.min(end)..end);
        }
        4 => {
            let end = (at + 1 + rng.below(64)).min(bytes.len());
            let piece = rng.pick(pieces).as_bytes().to_vec();
            bytes.splice(at.min(end)..end, piece);
        }
        5 => {
            // A piece repeated: nesting and width. Rarely very many times.
            let times = if rng.chance(20) { *rng.pick(&[1_000, 10_000, 50_000]) } else { 2 + rng.below(64) };
            let piece = rng.pick(pieces).as_bytes().repeat(times);
            bytes.splice(at..at, piece);
        }
        6 => replace_number(rng, bytes),
        7 if !corpus.is_empty() => {
            let other = rng.pick(corpus);
            let start = rng.below(other.len() + 1);
            let end = (start + rng.below(4096)).min(other.len());
            bytes.splice(at..at, other[start..end].iter().copied());
        }
        8 => {
            // A stretch of the input itself, repeated.
            let end = (at + 1 + rng.below(400)).min(bytes.len());
            let stretch = bytes[at.min(end)..end].repeat(1 + rng.below(20));
            bytes.splice(at..at, stretch);
        }
        _ => {
            let number = rng.pick(EXTREME_NUMBERS).as_bytes().to_vec();
            bytes.splice(at..at, number);
        }
    }
}

/// Replaces a run of digits (a figure, a year, a scale) with an extreme one.
fn replace_number(rng: &mut Rng, bytes: &mut Vec<u8>) {
    let from = rng.below(bytes.len() + 1);
    let Some(start) = bytes[from..].iter().position(u8::is_ascii_digit).map(|p| p + from) else { return };
    let end = bytes[start..]
        .iter()
        .position(|b| !(b.is_ascii_digit() || *b == b',' || *b == b'.'))
        .map_or(bytes.len(), |p| p + start);
    let number = rng.pick(EXTREME_NUMBERS).trim_start_matches('-').as_bytes().to_vec();
    bytes.splice(start..end, number);
}

/// A workspace file mutated as JSON, entry by entry, then perhaps as bytes.
pub fn mutate_workspace(rng: &mut Rng, input: &[u8], corpus: &[Vec<u8>]) -> Vec<u8> {
    let Ok(mut json) = serde_json::from_slice::<Value>(input) else {
        return mutate(rng, input, &["{", "}", "[", "]", ",", "\"", ":", "null"], corpus);
    };
    for _ in 0..1 + rng.below(6) {
        mutate_json(rng, &mut json);
    }
    let bytes = serde_json::to_vec_pretty(&json).unwrap_or_default();
    if rng.chance(4) {
        mutate(rng, &bytes, &["{", "}", "[", "]", ",", "\"", ":", "null", "1e999", "-"], corpus)
    } else {
        bytes
    }
}

fn extreme_value(rng: &mut Rng) -> Value {
    match rng.below(6) {
        0 => {
            let number = EXTREME_NUMBERS[rng.below(5)];
            serde_json::from_str(number).unwrap_or(Value::Null)
        }
        1 => Value::String(rng.pick(EXTREME_NUMBERS).to_string()),
        2 => Value::Null,
        3 => serde_json::json!([1, 2]),
        4 => serde_json::json!({"instant": "+262142-12-31"}),
        _ => Value::from(-1),
    }
}

fn mutate_json(rng: &mut Rng, json: &mut Value) {
    let Some(root) = json.as_object_mut() else { return };
    match rng.below(9) {
        0 => {
            let path = rng.pick(JSON_PATHS).to_string();
            let list = if rng.chance(2) { "files" } else { "recent" };
            if let Some(Value::Array(paths)) = root.get_mut(list) {
                paths.push(Value::String(path));
            }
        }
        1 => {
            let value = extreme_value(rng);
            if let Some(Value::Array(paths)) = root.get_mut("files") {
                paths.push(value);
            }
        }
        2 | 3 => {
            let Some(entries) =
                root.get_mut("corrections").and_then(|c| c.get_mut("entries")).and_then(Value::as_array_mut)
            else {
                return;
            };
            let Some(first) = entries.first().cloned() else { return };
            let mut changed = first;
            let field = *rng.pick(&["value", "original", "at", "key", "note", "source"]);
            let value = extreme_value(rng);
            if let Some(object) = changed.as_object_mut() {
                object.insert(field.to_owned(), value);
            }
            entries.push(changed);
        }
        4 => {
            let Some(entries) =
                root.get_mut("corrections").and_then(|c| c.get_mut("entries")).and_then(Value::as_array_mut)
            else {
                return;
            };
            let Some(mut changed) = entries.first().cloned() else { return };
            let date =
                *rng.pick(&["0001-01-01", "9999-12-31", "2006-13-01", "2006-06-31", "+262142-12-31", "1899-12-31"]);
            if let Some(period) = changed.pointer_mut("/key/period") {
                *period = if rng.chance(2) {
                    serde_json::json!({ "instant": date })
                } else {
                    serde_json::json!({ "start": date, "end": "2006-06-30" })
                };
            }
            entries.push(changed);
        }
        5 => {
            root.insert("version".into(), extreme_value(rng));
        }
        6 => {
            let value = if rng.chance(2) { extreme_value(rng) } else { Value::String("x".repeat(rng.below(10_000))) };
            if let Some(Value::Array(hidden)) = root.get_mut("hidden_series") {
                hidden.push(value);
            }
        }
        7 => {
            let key = rng.pick(&["files", "corrections", "recent", "hidden_series", "version"]).to_string();
            root.remove(&key);
        }
        _ => {
            if let Some(Value::Array(files)) = root.get_mut("files") {
                let many = files.first().cloned().unwrap_or(Value::String("q.txt".into()));
                files.extend(std::iter::repeat_n(many, 1 + rng.below(2_000)));
            }
        }
    }
}
