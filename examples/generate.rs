//! Writes a generated portfolio for benchmarks:
//!
//!     cargo run --release --features generate --example generate -- ENTRIES OUT.json [JOURNAL.txt] [--case ITEMS OUT.json]
//!
//! OUT.json is a folio JSON document (`folio import OUT.json`); JOURNAL.txt is
//! the same diary in jrnl's text format. With `--case`, writes a CASE package
//! of ITEMS competencies instead.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.as_slice() {
        [flag, items, out] if flag == "--case" => items
            .parse::<usize>()
            .map_err(|e| e.to_string())
            .and_then(|n| std::fs::write(out, folio::generate::case_package(n)).map_err(|e| e.to_string())),
        [entries, out, rest @ ..] if rest.len() <= 1 => {
            entries.parse::<usize>().map_err(|e| e.to_string()).and_then(|n| {
                let document = folio::generate::portfolio(n, 42);
                let bytes = folio::export::folio_json::render(&document).map_err(|e| e.to_string())?;
                std::fs::write(out, bytes).map_err(|e| e.to_string())?;
                if let Some(journal) = rest.first() {
                    std::fs::write(journal, folio::generate::jrnl_journal(&document))
                        .map_err(|e| e.to_string())?;
                }
                Ok(())
            })
        }
        _ => Err("usage: generate ENTRIES OUT.json [JOURNAL.txt] | generate --case ITEMS OUT.json".into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
