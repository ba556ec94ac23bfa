//! What a table is, decided before any row of it is taken: a primary
//! statement, a summary of the whole company, or something else (a
//! segment breakdown, a note's detail, a non-GAAP reconciliation, pro
//! forma figures, a restatement, another entity's statements). Only the
//! first kinds state the company's own totals.
//!
//! The role is read from the table's title and the lines near it, the
//! section the table sits in, and its columns: a statement's columns are
//! periods and nothing else, so columns that name categories ("Level 1",
//! "Short-term investments", a segment) make a breakdown.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use regex::Regex;

use crate::calendar::month_number;
use crate::fact::TableRole;
use crate::pattern::words;

/// Title patterns, in order of precedence: the first role whose pattern
/// matches wins.
static TITLES: LazyLock<Vec<(TableRole, Regex)>> = LazyLock::new(|| {
    let re = |p: &str| words(&format!("(?i){p}")).expect("role pattern");
    vec![
        (
            TableRole::OtherEntity,
            re(
                r"\bparent\s+company\b|\bregistrant\s+only\b|condensed\s+financial\s+information\s+of\s+(?:the\s+)?registrant|\bnon-?guarantors?\b|\bguarantor\s+subsidiar|\bacquired\s+compan|\bacquiree\b",
            ),
        ),
        (TableRole::ProForma, re(r"\bpro[\s-]*forma\b")),
        (
            TableRole::NonGaap,
            re(
                r"\bnon-?\s*gaap\b|\breconciliations?\b|\badjusted\b|\bconstant[\s-]+currency\b|\bebitda\b|\bfree\s+cash\s+flow\b|\breturn\s+on\s+invested\s+capital\b|\broic\b|\bcash\s+earnings\b|\bwithout\s+one[\s-]time\b|\bexcluding\s+(?:one[\s-]time|special|certain)\b|\bbefore\s+(?:one[\s-]time|special)\s+items\b",
            ),
        ),
        (
            TableRole::Restatement,
            re(
                r"\bas\s+(?:previously|originally)\s+(?:reported|filed)\b|\brestatements?\b|\badjustments?\b|\beffect\s+of\s+(?:the\s+)?(?:restatement|change)\b",
            ),
        ),
        (
            TableRole::EquityStatement,
            re(
                r"\bstatements?\s+of\s+(?:changes\s+in\s+)?(?:consolidated\s+)?(?:stockholders|shareholders|shareowners|partners|members)['\u{2019}]?\s+(?:equity|capital|deficit|deficiency|investment)|\bstatements?\s+of\s+(?:changes\s+in\s+)?equity\b",
            ),
        ),
        (
            TableRole::CashFlowStatement,
            re(
                r"\bstatements?\s+of\s+(?:consolidated\s+)?cash\s+flows?\b|\bcash\s+flows?\s+statements?\b|\bstatements?\s+of\s+changes\s+in\s+(?:financial\s+position|cash)\b",
            ),
        ),
        (
            TableRole::BalanceSheet,
            re(
                r"\bbalance\s+sheets?\b|\bstatements?\s+of\s+(?:consolidated\s+)?(?:financial\s+)?(?:position|condition)\b|\bstatements?\s+of\s+assets\b",
            ),
        ),
        (
            TableRole::IncomeStatement,
            re(
                r"\bstatements?\s+of\s+(?:consolidated\s+)?(?:operations|income|earnings|(?:net\s+)?(?:loss|income|earnings)|comprehensive\s+(?:loss|income))\b|\bincome\s+statements?\b|\bstatements?\s+of\s+(?:loss|earnings)\b|\bearnings\s+report\b",
            ),
        ),
        (
            TableRole::Breakdown,
            re(
                r"\bsegments?\b|\bgeographic|\bby\s+(?:region|geography|country|product|segment|business|category|type|source|line)\b|\blines?\s+of\s+business\b|\bbusiness\s+units?\b|\bdisaggregat|\breportable\b|\bproduct\s+(?:lines?|categor(?:y|ies))\b|\b(?:revenues?|sales)\s+by\b|\bsame[\s-]+(?:park|store|property|properties|center)s?\b|\bcomparable[\s-]+stores?\b",
            ),
        ),
        (
            TableRole::Note,
            re(
                r"\bfair\s+value\b|\blevel\s+[123]\b|\bdebt\b|\bborrowings\b|\bnotes\s+payable\b|\bcredit\s+facilit|\baccumulated\s+other\s+comprehensive\b|\breclassifi|\bstock[\s-]based\b|\bshare[\s-]based\b|\bstock\s+options?\b|\bwarrants?\b|\bleases?\b|\bgoodwill\b|\bintangible|\bincome\s+taxes\b|\bdeferred\s+tax|\binventor(?:y|ies)\b|\bproperty(?:,)?\s+(?:plant\s+)?and\s+equipment\b|\bderivative|\bavailable[\s-]for[\s-]sale\b|\bheld[\s-]to[\s-]maturity\b|\bmarketable\s+securities\b|\bpension|\bpostretirement\b|\bcommitments\b|\bcontingenc|\brestructuring\b|\baccrued\b|\breceivables?\b|\ballowance\b|\bcompensation\b|\bamortized\s+cost\b|\bunrealized\b|\bpurchase\s+price\b|\bbusiness\s+combinations?\b",
            ),
        ),
        (
            TableRole::QuarterlyData,
            re(
                r"\bquarterly\s+(?:financial\s+)?(?:data|results|information|trend|summary|operating\s+results)\b|\bselected\s+quarterly\b|\bquarterly\s+(?:consolidated\s+)?(?:statements?|financial)\b",
            ),
        ),
        (
            TableRole::SelectedData,
            re(
                r"\bselected\s+(?:consolidated\s+)?financial\b|\b(?:five|ten|eleven|5|10)[\s-]+year\b|\bhistorical\s+financial\s+(?:data|summary)\b",
            ),
        ),
        (
            TableRole::ReleaseSummary,
            re(
                r"\bsummary\b|\bhighlights\b|\bfinancial\s+results\b|\bresults\s+of\s+operations\b|\bkey\s+(?:financial|performance)\b|\boperating\s+results\b",
            ),
        ),
    ]
});

/// Words of a column heading that say when, not what: they leave a
/// statement's columns empty of anything else.
const PERIOD_VOCABULARY: &[&str] = &[
    "three",
    "six",
    "nine",
    "twelve",
    "thirteen",
    "fourteen",
    "sixteen",
    "twenty-six",
    "thirty-nine",
    "fifty-two",
    "fifty-three",
    "month",
    "months",
    "week",
    "weeks",
    "ended",
    "ending",
    "end",
    "year",
    "years",
    "fiscal",
    "quarter",
    "quarters",
    "qtr",
    "first",
    "second",
    "third",
    "fourth",
    "st",
    "nd",
    "rd",
    "th",
    "half",
    "to",
    "through",
    "from",
    "period",
    "periods",
    "as",
    "of",
    "at",
    "and",
    "the",
    "for",
    "date",
    "inception",
    "unaudited",
    "audited",
    "actual",
    "full",
    "ytd",
    "cumulative",
    "since",
    "predecessor",
    "successor",
    "company",
    "consolidated",
    "in",
    "millions",
    "thousands",
    "dollars",
    "except",
    "per",
    "share",
    "data",
    "amounts",
    "restated",
    "revised",
    "fy",
    "transition",
    "stub",
    "combined",
    "s",
    "derived",
];

/// A word that only says when ("six", "months", "june", "q2").
fn is_word_of_time(word: &str) -> bool {
    PERIOD_VOCABULARY.contains(&word)
        || month_number(word).is_some()
        || matches!(word, "q1" | "q2" | "q3" | "q4" | "sept" | "june" | "july")
}

/// True when the column headings name categories beside their periods:
/// words that some columns have and others lack, other than words of time.
pub fn columns_name_categories(headings: &[&str]) -> bool {
    if headings.len() < 2 {
        return false;
    }
    let words_of = |heading: &str| -> BTreeSet<String> {
        heading
            .split(|c: char| !(c.is_alphanumeric() || c == '-'))
            .map(|w| w.trim_matches('-').to_lowercase())
            .filter(|w| w.len() > 1 && !w.chars().any(|c| c.is_ascii_digit()))
            .filter(|w| !w.split('-').all(is_word_of_time))
            .collect()
    };
    let sets: Vec<BTreeSet<String>> = headings.iter().map(|h| words_of(h)).collect();
    let shared: BTreeSet<String> =
        sets.iter().skip(1).fold(sets[0].clone(), |common, set| common.intersection(set).cloned().collect());
    let naming = sets.iter().filter(|set| set.difference(&shared).next().is_some()).count();
    naming >= 2 && naming * 2 >= sets.len()
}

/// Words a statement's own heading may repeat over every column: its
/// title, the company, how it is presented.
const STATEMENT_VOCABULARY: &[&str] = &[
    "condensed",
    "consolidated",
    "statement",
    "statements",
    "income",
    "operations",
    "balance",
    "sheet",
    "sheets",
    "financial",
    "highlights",
    "summary",
    "results",
    "selected",
    "gaap",
    "reported",
    "quarterly",
    "annual",
    "total",
    "amount",
    "amounts",
    "dollars",
    "subsidiaries",
    "corporation",
    "inc",
    "co",
    "ltd",
    "plc",
    "llc",
    "group",
    "holdings",
    "earnings",
    "key",
    "data",
    "percent",
    "information",
    "supplemental",
    "unaudited",
    "audited",
    "sales",
    "revenue",
    "revenues",
    "expenses",
    "cash",
    "flows",
    "net",
    "assets",
    "liabilities",
    "equity",
    "loss",
    "losses",
    "profit",
    "comprehensive",
    "changes",
    "position",
    "condition",
    "performance",
    "metrics",
    "analysis",
    "trend",
    "operating",
    "shareholders",
    "stockholders",
    "capital",
    "report",
    "schedule",
    "exhibit",
];

/// True when every column heading names the same part of the company
/// ("CORPORATE AND COMMERCIAL BANKING" over a business line's quarters):
/// words all the columns share that are neither periods, nor a
/// statement's title, nor the company's own name.
pub fn columns_name_a_part(headings: &[&str], company: &str) -> bool {
    let words_of = |text: &str| -> BTreeSet<String> {
        text.split(|c: char| !(c.is_alphanumeric() || c == '-'))
            .map(|w| w.trim_matches('-').to_lowercase())
            .filter(|w| w.len() > 1 && !w.chars().any(|c| c.is_ascii_digit()))
            .collect()
    };
    let Some(first) = headings.first() else { return false };
    let company = words_of(company);
    let shared =
        headings.iter().skip(1).fold(words_of(first), |common, h| common.intersection(&words_of(h)).cloned().collect());
    let part: Vec<&String> = shared
        .iter()
        .filter(|w| !PERIOD_VOCABULARY.contains(&w.as_str()) && month_number(w).is_none())
        .filter(|w| !STATEMENT_VOCABULARY.contains(&w.as_str()) && !company.contains(*w))
        .filter(|w| !matches!(w.as_str(), "q1" | "q2" | "q3" | "q4" | "sept"))
        .collect();
    part.len() >= 2 && part.iter().any(|w| w.len() >= 4)
}

/// True when a line of text names a table of this role ("CONSOLIDATED
/// BALANCE SHEETS" names a balance sheet).
pub fn names(role: TableRole, text: &str) -> bool {
    TITLES.iter().any(|(r, pattern)| *r == role && pattern.is_match(text))
}

/// What a table is, from its title (and the lines near it), the section
/// it sits in, and its column headings.
pub fn classify(title: &str, section: &str, headings: &[&str], company: &str) -> TableRole {
    let columns = headings.join(" | ");
    let near = format!("{title} | {columns}");
    let by_title = TITLES.iter().find(|(_, pattern)| pattern.is_match(&near)).map(|(role, _)| *role);
    if let Some(role) = by_title.filter(|role| !role.states_company_totals() && !role.is_primary_statement()) {
        return role;
    }
    if columns_name_a_part(headings, company) {
        return TableRole::Breakdown;
    }
    if let Some(role) = by_title.filter(|role| !matches!(role, TableRole::ReleaseSummary)) {
        if role.is_primary_statement() && columns_name_categories(headings) {
            return TableRole::Breakdown;
        }
        return role;
    }
    if columns_name_categories(headings) {
        return TableRole::Breakdown;
    }
    let by_section = TITLES
        .iter()
        .find(|(role, pattern)| !role.is_primary_statement() && pattern.is_match(section))
        .map(|(role, _)| *role);
    by_section.or(by_title).unwrap_or(TableRole::Unclassified)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_say_what_a_table_is() {
        let cases = [
            ("CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS (Unaudited)", TableRole::IncomeStatement),
            ("Consolidated Balance Sheets", TableRole::BalanceSheet),
            ("CONSOLIDATED STATEMENTS OF CASH FLOWS", TableRole::CashFlowStatement),
            ("Consolidated Statements of Stockholders' Equity", TableRole::EquityStatement),
            ("QUARTERLY FINANCIAL DATA (UNAUDITED)", TableRole::QuarterlyData),
            ("Item 6. Selected Financial Data", TableRole::SelectedData),
            ("CONSOLIDATED STATEMENT OF INCOME WITHOUT ONE-TIME ITEMS", TableRole::NonGaap),
            ("CONSOLIDATED STATEMENT OF INCOME WITH ONE-TIME ITEMS", TableRole::IncomeStatement),
            ("Reconciliation of GAAP to Non-GAAP Measures", TableRole::NonGaap),
            ("Unaudited Pro Forma Combined Statement of Operations", TableRole::ProForma),
            ("SCHEDULE II GAINSCO, INC. (PARENT COMPANY) Condensed Balance Sheets", TableRole::OtherEntity),
            ("Segment Information", TableRole::Breakdown),
            ("Net sales by product category", TableRole::Breakdown),
            ("Fair Value Measurements", TableRole::Note),
            ("SUMMARY FINANCIAL DATA", TableRole::ReleaseSummary),
            ("", TableRole::Unclassified),
        ];
        for (title, role) in cases {
            assert_eq!(classify(title, "", &[], ""), role, "{title}");
        }
    }

    #[test]
    fn hyphenated_words_of_time_name_no_category() {
        let amazon = ["QUARTER ENDED JUNE 30, 1999", "QUARTER ENDED JUNE 30, 1998", "SIX-MONTHS ENDED JUNE 30, 1999"];
        assert!(!columns_name_categories(&amazon));
        assert_eq!(classify("CONSOLIDATED STATEMENTS OF OPERATIONS", "", &amazon, ""), TableRole::IncomeStatement);
    }

    #[test]
    fn columns_that_name_categories_make_a_breakdown() {
        let fair_value = ["As of June 30, 2025 Amortized Cost", "As of June 30, 2025 Cash and cash equivalents"];
        assert!(columns_name_categories(&fair_value));
        assert!(!classify("", "", &fair_value, "").states_company_totals());
        let segments =
            ["Three Months Ended June 30, 2023 Optum Health", "Three Months Ended June 30, 2023 UnitedHealthcare"];
        assert_eq!(classify("", "", &segments, ""), TableRole::Breakdown);
        let statement = ["Three Months Ended June 30, 2025", "Three Months Ended June 30, 2024", "% Change"];
        assert!(!columns_name_categories(&statement[..2]));
        let stubs = ["Predecessor July 1 to July 21, 2023", "Successor July 22 to September 30, 2023"];
        assert!(!columns_name_categories(&stubs));
        let one_annotated = ["June 30, 1999 (Unaudited)", "Dec. 31, 1998 (Derived from Audited Financial Statements)"];
        assert!(!columns_name_categories(&one_annotated), "one column's remark is not a category");
        assert_eq!(
            classify("", "", &["2006 As Previously Reported", "2006 Adjustments", "2006 As Restated"], ""),
            TableRole::Restatement
        );
    }

    #[test]
    fn the_section_names_tables_without_titles() {
        assert_eq!(classify("(in millions)", "NOTE 5. SEGMENT INFORMATION", &[], ""), TableRole::Breakdown);
        assert_eq!(classify("", "Item 6. Selected Financial Data", &[], ""), TableRole::SelectedData);
        assert_eq!(
            classify("CONSOLIDATED BALANCE SHEETS", "Notes to Financial Statements: Debt", &[], ""),
            TableRole::BalanceSheet
        );
    }

    #[test]
    fn a_part_named_over_every_column_makes_a_breakdown() {
        let business_line =
            ["CORPORATE AND COMMERCIAL BANKING (a) 4Q 2021", "CORPORATE AND COMMERCIAL BANKING (a) Full Year 2021"];
        assert_eq!(classify("Condensed Income Statement", "", &business_line, "U.S. Bancorp"), TableRole::Breakdown);
        let own_title = [
            "U.S. BANCORP CONSOLIDATED STATEMENT OF INCOME Three Months Ended December 31, 2021",
            "U.S. BANCORP CONSOLIDATED STATEMENT OF INCOME Three Months Ended December 31, 2020",
        ];
        assert_eq!(classify("", "", &own_title, "U.S. Bancorp"), TableRole::IncomeStatement);
    }
}
