//! Which filings are of the same company. A filing that states its filer's
//! Central Index Key is that company's, whatever it calls itself ("APPLE
//! COMPUTER INC", "Apple Computer, Inc." and "Apple Inc." are one); a
//! filing that states no CIK is the company its name, reduced to what
//! identifies it, names ("EpiCept Corporation" and "EPICEPT CORP" are
//! both "epicept"), and the company of that name's CIK when another filing
//! ties the two together. The name shown is the latest filing's.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;

use crate::ingest::Particulars;

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

/// The name used for a document that states none.
pub const UNKNOWN_COMPANY: &str = "Unknown company";

/// The identity of a CIK: its digits without leading zeros.
fn cik_identity(cik: &str) -> Option<String> {
    let digits = cik.trim().trim_start_matches('0');
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())).then(|| format!("cik {digits}"))
}

/// Every company of the open filings: who each filing is of, the name to
/// show for each, and the names each has been known by.
#[derive(Clone, Debug, Default)]
pub struct Companies {
    /// A name key's company, where a filing stating a CIK gave that name.
    cik_of_name: HashMap<String, String>,
    /// The latest filing's name for each company, with that filing's date.
    shown: HashMap<String, (Option<NaiveDate>, String)>,
    /// Every name key each company has been known by.
    aliases: HashMap<String, BTreeSet<String>>,
}

impl Companies {
    /// Takes in one more filing's particulars.
    pub fn add(&mut self, particulars: &Particulars) {
        let name = particulars.company.as_deref().unwrap_or(UNKNOWN_COMPANY);
        let name_key = company_key(name);
        if let Some(cik) = particulars.cik.as_deref().and_then(cik_identity) {
            if !self.cik_of_name.contains_key(&name_key) {
                self.cik_of_name.insert(name_key.clone(), cik.clone());
                self.merge(&name_key, &cik);
            }
        }
        let identity = self.identity(particulars);
        self.aliases.entry(identity.clone()).or_default().insert(name_key);
        let shown = self.shown.entry(identity).or_insert_with(|| (particulars.date, name.to_owned()));
        if particulars.date >= shown.0 {
            *shown = (particulars.date, name.to_owned());
        }
    }

    /// Files what was known under a name key under the CIK it turns out
    /// to have.
    fn merge(&mut self, name_key: &str, cik: &str) {
        if let Some(names) = self.aliases.remove(name_key) {
            self.aliases.entry(cik.to_owned()).or_default().extend(names);
        }
        if let Some((date, name)) = self.shown.remove(name_key) {
            let shown = self.shown.entry(cik.to_owned()).or_insert_with(|| (date, name.clone()));
            if date > shown.0 {
                *shown = (date, name);
            }
        }
    }

    /// The company a filing is of: its CIK, else the CIK its name is known
    /// by, else its name reduced.
    pub fn identity(&self, particulars: &Particulars) -> String {
        if let Some(cik) = particulars.cik.as_deref().and_then(cik_identity) {
            return cik;
        }
        let name_key = company_key(particulars.company.as_deref().unwrap_or(UNKNOWN_COMPANY));
        self.cik_of_name.get(&name_key).cloned().unwrap_or(name_key)
    }

    /// The name to show for a company: its latest filing's.
    pub fn name(&self, identity: &str) -> &str {
        self.shown.get(identity).map_or(UNKNOWN_COMPANY, |(_, name)| name.as_str())
    }

    /// Every key a company is known by: its identity and its name keys
    /// (corrections made before its CIK was known are kept under a name).
    pub fn keys<'a>(&'a self, identity: &'a str) -> Vec<&'a str> {
        let names = self.aliases.get(identity).into_iter().flatten().map(String::as_str);
        std::iter::once(identity).chain(names).collect()
    }

    /// The company a name (as an analyst types it) names, if any.
    pub fn find(&self, name: &str) -> Option<&str> {
        let key = company_key(name);
        self.aliases.iter().find(|(_, names)| names.contains(&key)).map(|(identity, _)| identity.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filing(company: &str, cik: Option<&str>, date: &str) -> Particulars {
        Particulars {
            company: Some(company.to_owned()),
            cik: cik.map(str::to_owned),
            date: date.parse().ok(),
            ..Particulars::default()
        }
    }

    #[test]
    fn header_and_release_names_meet() {
        assert_eq!(company_key("EPICEPT CORP"), "epicept");
        assert_eq!(company_key("EpiCept Corporation"), "epicept");
        assert_eq!(company_key("Procter & Gamble Co."), "procter & gamble");
        assert_ne!(company_key("Acme Widgets Inc."), company_key("Acme Gadgets Inc."));
    }

    #[test]
    fn one_cik_is_one_company_whatever_its_name() {
        let mut companies = Companies::default();
        let old = filing("APPLE COMPUTER INC", Some("0000320193"), "1994-12-01");
        let new = filing("Apple Inc.", Some("320193"), "2020-10-30");
        let release = filing("Apple Computer, Inc.", None, "1995-01-17");
        companies.add(&release);
        companies.add(&old);
        companies.add(&new);
        assert_eq!(companies.identity(&old), companies.identity(&new));
        assert_eq!(companies.identity(&release), companies.identity(&old), "the name its CIK filing gave");
        assert_eq!(companies.name(&companies.identity(&old)), "Apple Inc.", "the latest filing's name");
        assert_eq!(companies.find("apple computer inc"), Some(companies.identity(&old).as_str()));
        assert!(companies.keys(&companies.identity(&old)).contains(&"apple computer"));
    }
}
