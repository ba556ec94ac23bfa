//! Which filings are of the same company. Plain exhibits name the issuer
//! as "EpiCept Corporation", submission headers as "EPICEPT CORP"; both
//! are the key "epicept".

const SUFFIXES: [&str; 17] = [
    "corporation",
    "corp",
    "incorporated",
    "inc",
    "company",
    "co",
    "limited",
    "ltd",
    "plc",
    "holdings",
    "group",
    "llc",
    "lp",
    "sa",
    "nv",
    "ag",
    "the",
];

/// The name reduced to what identifies the company.
pub fn company_key(name: &str) -> String {
    let cleaned: String =
        name.chars().map(|c| if c.is_alphanumeric() || c == '&' { c.to_ascii_lowercase() } else { ' ' }).collect();
    let mut words: Vec<&str> = cleaned.split_whitespace().collect();
    while words.len() > 1 && words.last().is_some_and(|w| SUFFIXES.contains(w)) {
        words.pop();
    }
    if words.first() == Some(&"the") && words.len() > 1 {
        words.remove(0);
    }
    words.join(" ")
}

/// The better of two names for display: one in mixed case ("EpiCept
/// Corporation") over one in capitals ("EPICEPT CORP").
pub fn better_name<'a>(current: &'a str, candidate: &'a str) -> &'a str {
    let mixed = |s: &str| s.chars().any(char::is_lowercase);
    if !mixed(current) && mixed(candidate) {
        candidate
    } else {
        current
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_and_release_names_meet() {
        assert_eq!(company_key("EPICEPT CORP"), "epicept");
        assert_eq!(company_key("EpiCept Corporation"), "epicept");
        assert_eq!(company_key("Procter & Gamble Co."), "procter & gamble");
        assert_ne!(company_key("Acme Widgets Inc."), company_key("Acme Gadgets Inc."));
        assert_eq!(better_name("EPICEPT CORP", "EpiCept Corporation"), "EpiCept Corporation");
    }
}
