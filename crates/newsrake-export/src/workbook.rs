//! `newsrake.xlsx`: every table as a sheet, for people who double-click.
//!
//! Built from the finished JSONL tables (streamed line by line, sheets in
//! constant-memory mode, so memory does not grow with the corpus). Cells are
//! typed: numbers and coordinates are numbers, flags are booleans, every
//! other value is a text cell, which a spreadsheet neither evaluates as a
//! formula nor reformats (ids with leading zeros, ISO dates like `2022-02`).
//! Text longer than a cell holds is cut at [`CELL_LIMIT`] (the row's
//! `cell_truncated` column says so). The header row is bold and frozen, with
//! an autofilter; a table longer than a sheet continues on `name (2)`, ...
//! The file is byte-identical for identical tables: its creation date is a
//! fixed one, not the clock's.

use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::Path;

use rust_xlsxwriter::{
    ColNum, DocProperties, ExcelDateTime, Format, RowNum, Workbook, Worksheet, XlsxError,
};
use serde_json::Value;

use crate::cell::{prefix_fitting, CELL_LIMIT};

/// Rows a sheet holds, header included (Excel's and LibreOffice's limit).
pub const SHEET_ROWS: u32 = 1_048_576;

/// Rows read before the column widths are fixed.
const WIDTH_SAMPLE: usize = 500;

/// One table to put in the workbook.
pub struct Sheet<'a> {
    /// Sheet name, also the JSONL file stem.
    pub table: &'a str,
    /// Columns, in order.
    pub columns: &'a [&'a str],
}

/// Write `out` (an `.xlsx`) from `DIR/<table>.jsonl` for every sheet, in
/// order. Temporary files go to `dir`.
pub fn write(dir: &Path, sheets: &[Sheet<'_>], out: &Path) -> io::Result<()> {
    write_with_limit(dir, sheets, out, SHEET_ROWS)
}

fn write_with_limit(dir: &Path, sheets: &[Sheet<'_>], out: &Path, max_rows: u32) -> io::Result<()> {
    let mut wb = Workbook::new();
    wb.set_tempdir(dir).map_err(xlsx_err)?;
    // Deflate level 1: the XML of big tables compresses well at any level,
    // and level 6 made the workbook the slowest part of a run.
    wb.set_zip_compression_level(1);
    // A sheet's XML over 4 GiB needs ZIP64 (which some older readers
    // question); only turned on when the tables are that big.
    let jsonl_bytes: u64 = sheets
        .iter()
        .filter_map(|s| std::fs::metadata(dir.join(format!("{}.jsonl", s.table))).ok())
        .map(|m| m.len())
        .sum();
    wb.use_zip_large_file(jsonl_bytes > 2 << 30);
    let created = ExcelDateTime::from_ymd(2000, 1, 1).map_err(xlsx_err)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title("newsrake tables")
            .set_creation_datetime(&created),
    );
    let header = Format::new().set_bold();
    for sheet in sheets {
        let path = dir.join(format!("{}.jsonl", sheet.table));
        let reader = BufReader::new(File::open(&path)?);
        write_table(&mut wb, sheet, reader, &header, max_rows)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
    }
    wb.save(out).map_err(xlsx_err)
}

fn write_table(
    wb: &mut Workbook,
    sheet: &Sheet<'_>,
    reader: impl BufRead,
    header: &Format,
    max_rows: u32,
) -> io::Result<()> {
    let mut lines = reader.lines();
    let mut sample = Vec::new();
    for line in lines.by_ref().take(WIDTH_SAMPLE) {
        sample.push(parse(&line?)?);
    }
    let widths = column_widths(sheet.columns, &sample);
    let mut part = 1;
    let mut ws = new_sheet(wb, sheet, part, header, &widths)?;
    let mut row: RowNum = 0;
    let rest = lines.map(|l| l.and_then(|l| parse(&l)));
    for value in sample.into_iter().map(Ok).chain(rest) {
        if row + 1 == max_rows {
            finish_sheet(ws, row, sheet.columns.len())?;
            part += 1;
            ws = new_sheet(wb, sheet, part, header, &widths)?;
            row = 0;
        }
        row += 1;
        write_row(ws, row, sheet.columns, &value?)?;
    }
    finish_sheet(ws, row, sheet.columns.len())
}

fn parse(line: &str) -> io::Result<Value> {
    serde_json::from_str(line).map_err(io::Error::other)
}

fn new_sheet<'w>(
    wb: &'w mut Workbook,
    sheet: &Sheet<'_>,
    part: u32,
    header: &Format,
    widths: &[f64],
) -> io::Result<&'w mut Worksheet> {
    let ws = wb.add_worksheet_with_constant_memory().map_err(xlsx_err)?;
    let name = if part == 1 {
        sheet.table.to_string()
    } else {
        format!("{} ({part})", sheet.table)
    };
    ws.set_name(name).map_err(xlsx_err)?;
    for (c, (name, width)) in sheet.columns.iter().zip(widths).enumerate() {
        let c = c as ColNum;
        ws.set_column_width(c, *width).map_err(xlsx_err)?;
        ws.write_string_with_format(0, c, *name, header)
            .map_err(xlsx_err)?;
    }
    ws.set_freeze_panes(1, 0).map_err(xlsx_err)?;
    Ok(ws)
}

fn finish_sheet(ws: &mut Worksheet, last_row: RowNum, columns: usize) -> io::Result<()> {
    ws.autofilter(0, 0, last_row, columns.saturating_sub(1) as ColNum)
        .map_err(xlsx_err)?;
    Ok(())
}

fn write_row(ws: &mut Worksheet, row: RowNum, columns: &[&str], value: &Value) -> io::Result<()> {
    for (c, name) in columns.iter().enumerate() {
        let c = c as ColNum;
        match value.get(name) {
            None | Some(Value::Null) => {}
            Some(Value::Bool(b)) => {
                ws.write_boolean(row, c, *b).map_err(xlsx_err)?;
            }
            Some(Value::Number(n)) => {
                let n = n.as_f64().unwrap_or(f64::NAN);
                ws.write_number(row, c, n).map_err(xlsx_err)?;
            }
            Some(Value::String(s)) => {
                ws.write_string(row, c, prefix_fitting(s, CELL_LIMIT))
                    .map_err(xlsx_err)?;
            }
            Some(other) => {
                ws.write_string(row, c, prefix_fitting(&other.to_string(), CELL_LIMIT))
                    .map_err(xlsx_err)?;
            }
        }
    }
    Ok(())
}

/// Widths in characters: the longest header or sampled value, within
/// 8..=60 (long text stays readable in the cell's tooltip and formula bar).
fn column_widths(columns: &[&str], sample: &[Value]) -> Vec<f64> {
    columns
        .iter()
        .map(|name| {
            let longest = sample
                .iter()
                .filter_map(|v| v.get(name))
                .map(|v| match v {
                    Value::String(s) => s.chars().count(),
                    Value::Null => 0,
                    other => other.to_string().len(),
                })
                .max()
                .unwrap_or(0)
                .max(name.len() + 3);
            longest.clamp(8, 60) as f64 + 1.0
        })
        .collect()
}

fn xlsx_err(e: XlsxError) -> io::Error {
    match e {
        XlsxError::IoError(e) => e,
        other => io::Error::other(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_follow_the_data_within_bounds() {
        let sample = vec![
            serde_json::json!({"a": "x", "b": "y".repeat(200), "n": 47.63}),
            serde_json::json!({"a": null, "b": "z", "n": 1}),
        ];
        assert_eq!(
            column_widths(&["a", "b", "n"], &sample),
            vec![9.0, 61.0, 9.0]
        );
    }

    #[test]
    fn long_tables_continue_on_numbered_sheets() {
        let dir = tempfile::tempdir().unwrap();
        let rows: String = (0..7).map(|i| format!("{{\"n\":{i}}}\n")).collect();
        std::fs::write(dir.path().join("t.jsonl"), rows).unwrap();
        let out = dir.path().join("t.xlsx");
        let sheets = [Sheet {
            table: "t",
            columns: &["n"],
        }];
        write_with_limit(dir.path(), &sheets, &out, 4).unwrap();
        let bytes = std::fs::read(&out).unwrap();
        // Three sheets of at most 3 data rows each: 3 + 3 + 1.
        let text = String::from_utf8_lossy(&bytes);
        assert!(bytes.starts_with(b"PK"));
        assert!(text.contains("xl/worksheets/sheet3.xml"));
        assert!(!text.contains("xl/worksheets/sheet4.xml"));
        // Same tables, same bytes.
        let again = dir.path().join("again.xlsx");
        write_with_limit(dir.path(), &sheets, &again, 4).unwrap();
        assert_eq!(bytes, std::fs::read(&again).unwrap());
    }
}
