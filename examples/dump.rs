fn main() {
    let ex = exhibit::extract::Extractor::builtin();
    for path in std::env::args().skip(1) {
        for d in ex.extract_path(std::path::Path::new(&path)).unwrap() {
            println!("== {} {:?} {:?} {:?}", d.document.name, d.document.company, d.document.form, d.document.date);
            println!("{}", d.document.text);
            for f in &d.facts {
                println!(
                    "  {:<40} {:<25} {:>14} {:<6} {:?} {:?} span-ok={} dims={:?} {:?}",
                    f.concept,
                    f.period.to_string(),
                    f.value.normalize(),
                    format!("{:?}", f.origin),
                    f.text,
                    f.label,
                    d.document.text.get(f.span[0]..f.span[1]) == Some(f.text.as_str()),
                    f.dimensions,
                    f.note
                );
            }
            for w in &d.warnings {
                println!("  W {}", w.message);
            }
        }
    }
}
