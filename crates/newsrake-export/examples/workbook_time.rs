//! Time the workbook alone: `cargo run --release -p newsrake-export
//! --example workbook_time -- OUT_DIR [THREADS] [RUNS]` writes
//! (and leaves) `OUT_DIR/workbook_time.xlsx` from the tables of a finished run (`newsrake
//! run ... --out OUT_DIR`) and prints the time of each run.

use std::path::PathBuf;
use std::time::Instant;

use newsrake_export::workbook::{write, Sheet};
use newsrake_export::*;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(
        args.next()
            .expect("usage: workbook_time OUT_DIR [THREADS] [RUNS]"),
    );
    let threads = args.next().map_or(1, |t| t.parse().expect("THREADS"));
    let runs = args.next().map_or(3, |r| r.parse().expect("RUNS"));
    // The tables of a run sit beside their symlinks in its current generation.
    let gen = std::fs::canonicalize(dir.join("articles.jsonl"))?
        .parent()
        .expect("a generation directory")
        .to_path_buf();
    let sheets = [
        Sheet {
            table: ArticleRow::TABLE,
            columns: ArticleRow::COLUMNS,
        },
        Sheet {
            table: ParagraphRow::TABLE,
            columns: ParagraphRow::COLUMNS,
        },
        Sheet {
            table: MentionRow::TABLE,
            columns: MentionRow::COLUMNS,
        },
        Sheet {
            table: EntityRow::TABLE,
            columns: EntityRow::COLUMNS,
        },
        Sheet {
            table: RoleRow::TABLE,
            columns: RoleRow::COLUMNS,
        },
        Sheet {
            table: QuoteRow::TABLE,
            columns: QuoteRow::COLUMNS,
        },
        Sheet {
            table: CountRow::TABLE,
            columns: CountRow::COLUMNS,
        },
        Sheet {
            table: EventRow::TABLE,
            columns: EventRow::COLUMNS,
        },
        Sheet {
            table: DiagnosticRow::TABLE,
            columns: DiagnosticRow::COLUMNS,
        },
    ];
    let out = dir.join("workbook_time.xlsx");
    for _ in 0..runs {
        let t = Instant::now();
        write(&gen, &sheets, &out, threads)?;
        let size = std::fs::metadata(&out)?.len();
        println!(
            "{:.3} s, {size} bytes, {threads} thread(s)",
            t.elapsed().as_secs_f64()
        );
    }
    Ok(())
}
