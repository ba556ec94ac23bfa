//! Prints what Exhibit makes of a filing's tables: each table's role,
//! title and scale, what each column holds, and then the facts and
//! warnings. For developers reading a filing the extractor misreads:
//! `cargo run --release --example survey -- FILE [TABLE-INDEX]`.

use std::collections::HashMap;
use std::path::PathBuf;

use exhibit::extract::{calendar, tables, Context, Extractor};
use exhibit::ingest;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let path = PathBuf::from(args.next().ok_or_else(|| anyhow::anyhow!("usage: survey FILE [TABLE-INDEX]"))?);
    let only: Option<usize> = args.next().and_then(|a| a.parse().ok());
    let extractor = Extractor::builtin();
    for document in ingest::load(&path)? {
        let (calendar, headings) = calendar::read(&document);
        println!("== {} ({:?}) calendar: {:?}", document.name, document.particulars, calendar);
        let context = Context { document: &document, rules: extractor.rules(), calendar: &calendar };
        let settings = tables::survey(&context, &headings, &mut HashMap::new());
        for (i, (table, setting)) in document.tables.iter().zip(&settings).enumerate() {
            if only.is_some_and(|o| o != i) {
                continue;
            }
            let first_line = table.lines.start;
            println!(
                "-- table {i} at line {first_line}: {:?} {:?} scale {:?} label heading {:?}",
                setting.source.role,
                setting.source.title,
                setting.note.as_ref().map(|n| n.scale.power()),
                table.label_heading
            );
            for (column, read) in table.columns.iter().zip(&setting.columns) {
                println!("   column {:?} [{}..{}] -> {read:?}", column.heading, column.left_col, column.right_col);
            }
            if only.is_some() {
                let top = table.context_lines.iter().copied().chain([first_line]).min().unwrap_or(first_line);
                for line in top.saturating_sub(12)..first_line {
                    println!("   | {}", document.lines.line(&document.text, line));
                }
                for row in &table.rows {
                    let cells: Vec<String> =
                        row.cells.iter().map(|c| c.as_ref().map_or("·".into(), |c| c.text.clone())).collect();
                    println!("   {:?} {:?} {}", row.kind, row.label, cells.join(" | "));
                }
            }
        }
        let extracted = extractor.extract(document);
        for fact in &extracted.facts {
            println!(
                "   FACT {} {} {} = {} [{}] {:?} {:?}",
                fact.concept,
                fact.period,
                fact.label,
                fact.value,
                fact.text,
                fact.origin,
                fact.table.as_ref().map(|t| t.role)
            );
        }
        for warning in extracted.warnings.iter().take(30) {
            println!("   WARN {}", warning.message);
        }
    }
    Ok(())
}
