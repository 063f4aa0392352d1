//! The workbook as `rust_xlsxwriter` writes it: how newsrake wrote it until
//! 0.1 session 5, kept as the reference the hand-written SpreadsheetML is
//! tested against (every part, byte for byte).

use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::Path;

use rust_xlsxwriter::{
    ColNum, DocProperties, ExcelDateTime, Format, RowNum, Workbook, Worksheet, XlsxError,
};
use serde_json::Value;

use super::{column_widths, Sheet, WIDTH_SAMPLE};
use crate::cell::{prefix_fitting, CELL_LIMIT};

pub(super) fn write_with_limit(
    dir: &Path,
    sheets: &[Sheet<'_>],
    out: &Path,
    max_rows: u32,
) -> io::Result<()> {
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

fn xlsx_err(e: XlsxError) -> io::Error {
    match e {
        XlsxError::IoError(e) => e,
        other => io::Error::other(other.to_string()),
    }
}
