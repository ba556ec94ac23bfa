//! Label rules: which row labels and prose subjects name which concept.
//!
//! The rules are data (`assets/concepts.toml`), so an analyst can read why
//! a row was or was not taken and add the labels of their own filings.

use regex::Regex;
use serde::Deserialize;

use crate::fact::Unit;
use crate::pattern::words;
use crate::text::collapse_spaces;

/// The rules shipped with Exhibit.
pub const DEFAULT_RULES: &str = include_str!("../../assets/concepts.toml");

#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    #[error("the concept rules cannot be read: {0}")]
    Syntax(#[from] toml::de::Error),
    #[error("concept {concept}: pattern {pattern:?} is not a valid regular expression: {source}")]
    Pattern { concept: String, pattern: String, source: regex::Error },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PeriodKind {
    Duration,
    Instant,
}

/// One concept and how filings name it.
#[derive(Debug)]
pub struct ConceptRule {
    pub name: String,
    /// How the chart and the fields panel call it; the concept name if unset.
    pub title: String,
    pub unit: Unit,
    pub period: PeriodKind,
    pub charted: bool,
    pub additive: bool,
    /// Expenses: positive even where a filing prints them in parentheses.
    pub positive: bool,
    /// Revenue, cash, assets: a negative figure is one to review.
    never_negative: bool,
    /// The charted concept this one is drawn in place of, for a company
    /// that prints no figure of that one.
    pub charted_for: Option<String>,
    labels: Vec<String>,
    patterns: Vec<Regex>,
    exclude: Vec<String>,
    negative: Vec<Regex>,
    preferred: Vec<Regex>,
    pub prose: Vec<String>,
    /// Section headings ("Operating expenses:") whose unlabeled total row
    /// is this concept, once its parts are checked to add up to it.
    sections: Vec<String>,
    /// Labels one of which must stand above a row for the row to be this
    /// concept ("Total costs and expenses" is `CostsAndExpenses` only
    /// under a "Cost of sales" line); empty when nothing is required.
    requires_above: Vec<String>,
    /// Lines that name this concept only when they are the only such line
    /// of their table.
    sole: Vec<Regex>,
}

impl ConceptRule {
    fn matches(&self, label: &str) -> bool {
        (self.labels.iter().any(|l| l == label) || self.patterns.iter().any(|p| p.is_match(label)))
            && !self.exclude.iter().any(|e| label.contains(e.as_str()))
    }

    /// True when a negative figure of this concept is one to review: an
    /// expense (`positive`) or a concept marked `never_negative`.
    pub fn never_negative(&self) -> bool {
        self.positive || self.never_negative
    }

    /// True when the label names a loss or deficit, whose amount is
    /// negative even when printed without parentheses.
    pub fn label_is_negative(&self, label: &str) -> bool {
        self.negative.iter().any(|p| p.is_match(label))
    }

    /// True when a label is one this concept prefers over its other labels.
    pub fn label_is_preferred(&self, label: &str) -> bool {
        self.preferred.iter().any(|p| p.is_match(label))
    }

    /// True when some labels of this concept are preferred over others.
    pub fn prefers_labels(&self) -> bool {
        !self.preferred.is_empty()
    }

    /// True when a prose subject (already normalised) names this concept.
    pub fn excludes(&self, text: &str) -> bool {
        self.exclude.iter().any(|e| text.contains(e.as_str()))
    }

    /// True when the label names this concept only as its table's only such line.
    pub fn matches_as_sole_line(&self, label: &str) -> bool {
        self.sole.iter().any(|p| p.is_match(label)) && !self.exclude.iter().any(|e| label.contains(e.as_str()))
    }

    /// True when the rows above (normalised labels) hold what this concept
    /// requires there.
    fn fits_rows_above(&self, above: &[String]) -> bool {
        self.requires_above.is_empty()
            || above.iter().any(|label| self.requires_above.iter().any(|r| label.contains(r.as_str())))
    }
}

/// All concept rules, in file order.
#[derive(Debug)]
pub struct Rules {
    pub concepts: Vec<ConceptRule>,
}

#[derive(Deserialize)]
struct RulesFile {
    concept: Vec<ConceptEntry>,
}

#[derive(Deserialize)]
struct ConceptEntry {
    name: String,
    #[serde(default)]
    title: Option<String>,
    unit: Unit,
    period: PeriodKind,
    #[serde(default)]
    charted: bool,
    #[serde(default)]
    additive: bool,
    #[serde(default)]
    positive: bool,
    #[serde(default)]
    never_negative: bool,
    #[serde(default)]
    charted_for: Option<String>,
    #[serde(default)]
    labels: Vec<String>,
    #[serde(default)]
    patterns: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    negative: Vec<String>,
    #[serde(default)]
    preferred: Vec<String>,
    #[serde(default)]
    prose: Vec<String>,
    #[serde(default)]
    sections: Vec<String>,
    #[serde(default)]
    requires_above: Vec<String>,
    #[serde(default)]
    sole: Vec<String>,
}

impl Rules {
    pub fn parse(source: &str) -> Result<Rules, RulesError> {
        let file: RulesFile = toml::from_str(source)?;
        let concepts = file
            .concept
            .into_iter()
            .map(|entry| {
                let compile = |patterns: &[String]| -> Result<Vec<Regex>, RulesError> {
                    patterns
                        .iter()
                        .map(|p| {
                            words(p).map_err(|source| RulesError::Pattern {
                                concept: entry.name.clone(),
                                pattern: p.clone(),
                                source,
                            })
                        })
                        .collect()
                };
                Ok::<_, RulesError>(ConceptRule {
                    patterns: compile(&entry.patterns)?,
                    negative: compile(&entry.negative)?,
                    preferred: compile(&entry.preferred)?,
                    sole: compile(&entry.sole)?,
                    labels: entry.labels.iter().map(|l| normalize_label(l)).collect(),
                    exclude: entry.exclude.iter().map(|l| normalize_label(l)).collect(),
                    prose: entry.prose.iter().map(|l| normalize_label(l)).collect(),
                    sections: entry.sections.iter().map(|l| normalize_label(l)).collect(),
                    requires_above: entry.requires_above.iter().map(|l| normalize_label(l)).collect(),
                    title: entry.title.unwrap_or_else(|| entry.name.clone()),
                    name: entry.name,
                    unit: entry.unit,
                    period: entry.period,
                    charted: entry.charted,
                    additive: entry.additive,
                    positive: entry.positive,
                    never_negative: entry.never_negative,
                    charted_for: entry.charted_for,
                })
            })
            .collect::<Result<_, RulesError>>()?;
        Ok(Rules { concepts })
    }

    /// The concepts drawn in place of a charted one a company lacks.
    pub fn stand_ins<'r>(&'r self, charted: &'r str) -> impl Iterator<Item = &'r ConceptRule> + 'r {
        self.concepts.iter().filter(move |rule| rule.charted_for.as_deref() == Some(charted))
    }

    /// The rules shipped in `assets/concepts.toml`.
    pub fn builtin() -> &'static Rules {
        super::Extractor::builtin().rules()
    }

    /// The concept a normalised row label names, if any, whatever stands
    /// above it.
    pub fn concept_for_label(&self, normalized_label: &str) -> Option<&ConceptRule> {
        self.concepts.iter().find(|c| c.requires_above.is_empty() && c.matches(normalized_label))
    }

    /// The concept a table row names, given the labels of the rows above it.
    pub fn concept_for_row(&self, normalized_label: &str, above: &[String]) -> Option<&ConceptRule> {
        self.concepts.iter().find(|c| c.matches(normalized_label) && c.fits_rows_above(above))
    }

    /// The concept whose total closes a section under this normalised
    /// heading, given the labels of the rows above the total.
    pub fn concept_for_section(&self, normalized_heading: &str, above: &[String]) -> Option<&ConceptRule> {
        self.concepts.iter().find(|c| c.sections.iter().any(|s| s == normalized_heading) && c.fits_rows_above(above))
    }

    /// The concept a line names when it is the only such line of its
    /// table, if any.
    pub fn concept_as_sole_line(&self, normalized_label: &str) -> Option<&ConceptRule> {
        self.concepts.iter().find(|c| c.matches_as_sole_line(normalized_label))
    }

    /// True when some concept's total closes a section under this heading.
    pub fn lists_section(&self, normalized_heading: &str) -> bool {
        self.concepts.iter().any(|c| c.sections.iter().any(|s| s == normalized_heading))
    }

    pub fn concept(&self, name: &str) -> Option<&ConceptRule> {
        self.concepts.iter().find(|c| c.name == name)
    }
}

/// Lower case, single spaces, straight quotes, no trailing colon, footnote
/// marks or leader dots.
pub fn normalize_label(label: &str) -> String {
    let mut lower = String::with_capacity(label.len());
    for c in label.chars() {
        match c {
            '\u{2019}' | '\u{2018}' | '`' => lower.push('\''),
            c if c.is_ascii() => lower.push(c.to_ascii_lowercase()),
            c => lower.extend(c.to_lowercase()),
        }
    }
    let mut text = lower.as_str();
    loop {
        let trimmed = text.trim_end_matches([' ', ':', '.', '*']);
        let without_marker = without_footnote_marker(trimmed);
        if without_marker.len() == text.len() {
            break;
        }
        text = without_marker;
    }
    collapse_spaces(text)
}

fn without_footnote_marker(text: &str) -> &str {
    for (open, close) in [("<f", ">"), ("(", ")")] {
        if let Some(at) = text.rfind(open) {
            let inner = &text[at + open.len()..];
            if let Some(number) = inner.strip_suffix(close) {
                if !number.is_empty()
                    && number.len() <= 2
                    && number
                        .bytes()
                        .all(|b| b.is_ascii_digit() || b.is_ascii_lowercase() && open == "(" && number.len() == 1)
                {
                    return &text[..at];
                }
            }
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn concept(label: &str) -> Option<&'static str> {
        Rules::builtin().concept_for_label(&normalize_label(label)).map(|c| c.name.as_str())
    }

    #[test]
    fn labels_find_their_concepts() {
        assert_eq!(concept("Net loss"), Some("NetIncomeLoss"));
        assert_eq!(concept("Net income (loss)"), Some("NetIncomeLoss"));
        assert_eq!(concept("Net loss attributable to EpiCept Corporation"), Some("NetIncomeLoss"));
        assert_eq!(concept("Cash and cash equivalents"), Some("CashAndCashEquivalentsAtCarryingValue"));
        assert_eq!(concept("Total costs and expenses"), Some("OperatingExpenses"));
        assert_eq!(concept("Total operating expenses:"), Some("OperatingExpenses"));
        assert_eq!(concept("Revenue"), Some("Revenues"));
        assert_eq!(concept("Basic and diluted net loss per share"), Some("EarningsPerShareBasicAndDiluted"));
        assert_eq!(concept("Net loss per share, basic and diluted"), Some("EarningsPerShareBasicAndDiluted"));
        assert_eq!(
            concept("Weighted average common shares outstanding"),
            Some("WeightedAverageNumberOfSharesOutstandingBasicAndDiluted")
        );
        assert_eq!(concept("Total stockholders\u{2019} deficit"), Some("StockholdersEquity"));
        assert_eq!(
            concept("Loss attributable to common stockholders"),
            Some("NetIncomeLossAvailableToCommonStockholdersBasic")
        );
        assert_eq!(concept("Net loss (1)"), Some("NetIncomeLoss"));
    }

    #[test]
    fn traps_are_not_taken() {
        for label in [
            "Net loss attributable to noncontrolling interests",
            "Net loss attributable to common stockholders",
            "Cash and marketable securities",
            "Restricted cash",
            "Cash and cash equivalents at end of period",
            "Operating expenses",
            "Deferred revenue",
            "Cost of revenue",
            "Comprehensive loss",
            "Total liabilities and stockholders' deficit",
            "Loss from continuing operations",
        ] {
            let found = concept(label);
            assert!(
                !matches!(
                    found,
                    Some(
                        "NetIncomeLoss"
                            | "CashAndCashEquivalentsAtCarryingValue"
                            | "OperatingExpenses"
                            | "Revenues"
                            | "StockholdersEquity"
                    )
                ),
                "{label} gave {found:?}"
            );
        }
    }

    #[test]
    fn a_user_file_with_a_bad_pattern_is_refused_with_its_name() {
        let err =
            Rules::parse("[[concept]]\nname = \"X\"\nunit = \"USD\"\nperiod = \"duration\"\npatterns = [\"(\"]\n")
                .unwrap_err();
        assert!(err.to_string().contains("concept X"), "{err}");
    }
}
