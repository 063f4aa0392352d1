//! The output directory: tables are written into `OUT/.newsrake/staging/`
//! and renamed into `OUT/` only when the whole run succeeded.

use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use newsrake_export::{ArticleRow, DiagnosticRow, ParagraphRow, Row, TableWriter};

use crate::{Error, RunReport, TableCounts};

type W = BufWriter<File>;

pub(crate) struct Output {
    dir: PathBuf,
    staging: PathBuf,
    articles: TableWriter<W>,
    paragraphs: TableWriter<W>,
    diagnostics: TableWriter<W>,
}

fn out_err(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Output {
        path: path.to_path_buf(),
        source,
    }
}

fn open<R: Row>(staging: &Path) -> Result<TableWriter<W>, Error> {
    let create = |ext: &str| -> Result<W, Error> {
        let path = staging.join(format!("{}.{ext}", R::TABLE));
        let f = File::create(&path).map_err(out_err(&path))?;
        Ok(BufWriter::with_capacity(1 << 16, f))
    };
    let (csv, jsonl) = (create("csv")?, create("jsonl")?);
    TableWriter::new::<R>(csv, jsonl).map_err(out_err(staging))
}

/// The table names, in the order they are written and listed.
pub(crate) const TABLES: &[&str] = &[ArticleRow::TABLE, ParagraphRow::TABLE, DiagnosticRow::TABLE];

impl Output {
    pub(crate) fn create(dir: &Path) -> Result<Output, Error> {
        let staging = dir.join(".newsrake").join("staging");
        if staging.exists() {
            fs::remove_dir_all(&staging).map_err(out_err(&staging))?;
        }
        fs::create_dir_all(&staging).map_err(out_err(&staging))?;
        Ok(Output {
            dir: dir.to_path_buf(),
            articles: open::<ArticleRow>(&staging)?,
            paragraphs: open::<ParagraphRow<'_>>(&staging)?,
            diagnostics: open::<DiagnosticRow>(&staging)?,
            staging,
        })
    }

    pub(crate) fn article(&mut self, row: &ArticleRow) -> Result<(), Error> {
        self.articles.write(row).map_err(out_err(&self.staging))
    }

    pub(crate) fn paragraph(&mut self, row: &ParagraphRow<'_>) -> Result<(), Error> {
        self.paragraphs.write(row).map_err(out_err(&self.staging))
    }

    pub(crate) fn diagnostics(&mut self, row: &DiagnosticRow) -> Result<(), Error> {
        self.diagnostics.write(row).map_err(out_err(&self.staging))
    }

    pub(crate) fn row_counts(&self) -> TableCounts {
        [
            (ArticleRow::TABLE, self.articles.rows()),
            (ParagraphRow::TABLE, self.paragraphs.rows()),
            (DiagnosticRow::TABLE, self.diagnostics.rows()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect()
    }

    /// Flush everything, write `run.json`, and rename the staged files into
    /// place.
    pub(crate) fn finish(self, report: &RunReport) -> Result<(), Error> {
        let Output {
            dir,
            staging,
            articles,
            paragraphs,
            diagnostics,
        } = self;
        let close = |w: (W, W)| -> Result<(), Error> {
            for f in [w.0, w.1] {
                let file = f
                    .into_inner()
                    .map_err(|e| out_err(&staging)(e.into_error()))?;
                file.sync_all().map_err(out_err(&staging))?;
            }
            Ok(())
        };
        close(articles.finish().map_err(out_err(&staging))?)?;
        close(paragraphs.finish().map_err(out_err(&staging))?)?;
        close(diagnostics.finish().map_err(out_err(&staging))?)?;
        let run_json = staging.join("run.json");
        let mut f = File::create(&run_json).map_err(out_err(&run_json))?;
        let mut body = serde_json::to_vec_pretty(report).expect("report serialises");
        body.push(b'\n');
        f.write_all(&body).map_err(out_err(&run_json))?;
        f.sync_all().map_err(out_err(&run_json))?;
        let mut names: Vec<String> = TABLES
            .iter()
            .flat_map(|t| [format!("{t}.csv"), format!("{t}.jsonl")])
            .collect();
        names.push("run.json".into());
        for name in names {
            let from = staging.join(&name);
            let to = dir.join(&name);
            fs::rename(&from, &to).map_err(out_err(&to))?;
        }
        let _ = fs::remove_dir(&staging);
        Ok(())
    }
}
