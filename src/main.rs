//! The `exhibit` binary: a thin face on the library.

fn main() -> std::process::ExitCode {
    exhibit::cli::main()
}
