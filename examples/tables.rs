fn main() {
    let ex = exhibit::extract::Extractor::builtin();
    for path in std::env::args().skip(1) {
        for d in ex.extract_path(std::path::Path::new(&path)).unwrap() {
            println!("== {} {:?} {:?} {:?}", d.document.name, d.document.company, d.document.form, d.document.date);
            for f in &d.facts { println!("  {:<45} {:<40} {:>14} {:<6} {:?} {:?} {}", f.concept, f.period.to_string(), f.value.normalize(), format!("{:?}", f.origin), f.text, f.label, f.rounding); }
            for w in &d.warnings { println!("  W {}", w.message); }
            for ft in &d.footings { println!("  F {} {} {} {} {}", ft.total_label, ft.column, ft.sum, ft.total, ft.adds_up); }
        }
    }
}
