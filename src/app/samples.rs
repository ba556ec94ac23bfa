//! The bundled sample filings, so "Open samples" works from any install:
//! from the source tree when it is there, else written once to the data
//! folder from copies built into the program.

use std::path::PathBuf;

const SAMPLES: [(&str, &[u8]); 5] = [
    (
        "epicept-2006-05-23-q1-2006-results.txt",
        include_bytes!("../../assets/samples/epicept-2006-05-23-q1-2006-results.txt"),
    ),
    (
        "epicept-2006-08-02-q2-2006-results.txt",
        include_bytes!("../../assets/samples/epicept-2006-08-02-q2-2006-results.txt"),
    ),
    (
        "epicept-2006-09-05-lidopain-trial-results.txt",
        include_bytes!("../../assets/samples/epicept-2006-09-05-lidopain-trial-results.txt"),
    ),
    (
        "epicept-2006-10-04-litigation-settlement.txt",
        include_bytes!("../../assets/samples/epicept-2006-10-04-litigation-settlement.txt"),
    ),
    (
        "epicept-2006-10-09-ceplene-maa-filing.txt",
        include_bytes!("../../assets/samples/epicept-2006-10-09-ceplene-maa-filing.txt"),
    ),
];

pub fn sample_paths() -> std::io::Result<Vec<PathBuf>> {
    let source = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
    let folder = if source.is_dir() {
        source
    } else {
        let folder = crate::workbench::workspace::default_path().with_file_name("samples");
        std::fs::create_dir_all(&folder)?;
        for (name, bytes) in SAMPLES {
            let path = folder.join(name);
            if !path.exists() {
                crate::atomic::write(&path, bytes)?;
            }
        }
        folder
    };
    Ok(SAMPLES.iter().map(|(name, _)| folder.join(name)).collect())
}
