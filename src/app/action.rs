//! Everything the analyst can do, as data. Panels emit actions; the app
//! applies them in one place at the end of the frame; tests apply them
//! directly instead of clicking through dialogs.

use std::path::PathBuf;

use crate::workbench::FactRef;

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Ask for filings with the file dialog.
    OpenDialog,
    OpenPaths(Vec<PathBuf>),
    OpenSamples,
    CloseFile(PathBuf),
    SelectDocument(usize),
    /// Select a fact and show where it came from in the text.
    SelectFact(FactRef),
    /// Start correcting a fact's value in place.
    BeginEdit(FactRef),
    /// Commit the value being edited: `entry` as typed, with a note.
    CommitEdit {
        fact: FactRef,
        entry: String,
        note: String,
    },
    CancelEdit,
    Revert(FactRef),
    Undo,
    Redo,
    ToggleSeries(String),
    /// Name the chart's quarters by calendar quarter, or back by fiscal.
    ToggleCalendarQuarters,
    /// Draw restated quarters as first reported, or back as latest.
    ToggleFirstReported,
    SaveChartDialog,
    SaveChart(PathBuf),
    SaveWorkspaceDialog,
    SaveWorkspace(PathBuf),
    OpenWorkspaceDialog,
    OpenWorkspace(PathBuf),
    ExportSeriesDialog,
    ExportSeries(PathBuf),
    ExportFactsDialog,
    ExportFacts(PathBuf),
    DismissMessages,
    /// Hide the notices about the workspace file.
    DismissNotices,
}
