fn main() {
    let ex = exhibit::extract::Extractor::builtin();
    for path in std::env::args().skip(1) {
        for d in ex.extract_path(std::path::Path::new(&path)).unwrap() {
            println!("== {} {:?} {:?} {:?} fye {:?}", d.document.name, d.document.company, d.document.form, d.document.date, d.document.fiscal_year_end);
            for t in exhibit::ingest::text_table::find_tables(&d.document.text, &d.document.lines) {
                for c in &t.columns { println!("  col {}..{} {:?}", c.left_col, c.right_col, c.heading); }
            }
            for f in &d.facts { println!("  {:<45} {:<25} {:>14} {:<6} {:?} {:?} {:?}", f.concept, f.period.to_string(), f.value.normalize(), format!("{:?}", f.origin), f.text, f.label, f.note); }
            for w in &d.warnings { println!("  W {}", w.message); }
            for ft in &d.footings { println!("  F {} {} {} {} {}", ft.total_label, ft.column, ft.sum, ft.total, ft.adds_up); }
        }
    }
}
