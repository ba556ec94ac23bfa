//! The one ranking of the places a quarter's figure is stated, highest
//! first: the filer's inline XBRL, a primary statement, a 10-K's quarterly
//! or selected data, an earnings-release summary (or a table whose kind is
//! not stated), and prose. Within one filing the higher source gives the
//! figure; only sources of the same rank that disagree are a conflict.

use serde::Serialize;

use crate::fact::{Fact, Origin, TableRole};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Authority {
    Prose,
    Summary,
    QuarterlyOrSelectedData,
    Statement,
    InlineXbrl,
}

impl Authority {
    pub fn of(fact: &Fact) -> Authority {
        match (fact.origin, fact.table.as_ref().map(|t| t.role)) {
            (Origin::Ixbrl, _) => Authority::InlineXbrl,
            (Origin::Prose, _) => Authority::Prose,
            (Origin::Table, Some(role)) if role.is_primary_statement() => Authority::Statement,
            (Origin::Table, Some(TableRole::QuarterlyData | TableRole::SelectedData)) => {
                Authority::QuarterlyOrSelectedData
            }
            (Origin::Table, _) => Authority::Summary,
        }
    }

    /// How the rank is named to a reader.
    pub fn label(self) -> &'static str {
        match self {
            Authority::Prose => "prose",
            Authority::Summary => "summary table",
            Authority::QuarterlyOrSelectedData => "quarterly or selected data",
            Authority::Statement => "primary statement",
            Authority::InlineXbrl => "inline XBRL",
        }
    }
}
