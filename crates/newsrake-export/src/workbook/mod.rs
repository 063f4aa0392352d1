//! `newsrake.xlsx`: every table as a sheet, for people who double-click.
//!
//! Built from the finished JSONL tables, streamed line by line, so memory
//! does not grow with the corpus. Cells are typed: numbers and coordinates
//! are numbers, flags are booleans, every other value is a text cell, which
//! a spreadsheet neither evaluates as a formula nor reformats (ids with
//! leading zeros, ISO dates like `2022-02`). Text longer than a cell holds is
//! cut at [`CELL_LIMIT`](crate::CELL_LIMIT) (the row's `cell_truncated` column says so). The
//! header row is bold and frozen, with an autofilter; a table longer than a
//! sheet continues on `name (2)`, ... The file is byte-identical for
//! identical tables, whatever the thread count: its creation date is a fixed
//! one, not the clock's.
//!
//! The SpreadsheetML is written here ([`xml`]: the parts `rust_xlsxwriter`
//! wrote, byte for byte, which the tests check), rows are read without a
//! `serde_json::Value` ([`json`]), and the sheets are deflated in chunks on
//! every thread given ([`zip`]).

use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::path::Path;

use serde_json::Value;

mod json;
#[cfg(test)]
mod reference;
mod xml;
mod zip;

use json::Cell;
use zip::{CloseOnDrop, Piece, Pool, Spool, Stored, ZipOut, CHUNK};

/// Rows a sheet holds, header included (Excel's and LibreOffice's limit).
pub const SHEET_ROWS: u32 = 1_048_576;

/// Rows read before the column widths are fixed.
const WIDTH_SAMPLE: usize = 500;

/// The workbook's title and its (fixed) creation date.
const TITLE: &str = "newsrake tables";
const CREATED: &str = "2000-01-01T00:00:00Z";

/// One table to put in the workbook.
pub struct Sheet<'a> {
    /// Sheet name, also the JSONL file stem.
    pub table: &'a str,
    /// Columns, in order.
    pub columns: &'a [&'a str],
}

/// Write `out` (an `.xlsx`) from `DIR/<table>.jsonl` for every sheet, in
/// order, deflating on `threads` threads (this one included). A temporary
/// file goes to `dir`. The bytes do not depend on `threads`.
pub fn write(dir: &Path, sheets: &[Sheet<'_>], out: &Path, threads: usize) -> io::Result<()> {
    write_with(
        dir,
        sheets,
        out,
        &Options {
            max_rows: SHEET_ROWS,
            threads,
            force_zip64: false,
        },
    )
}

struct Options {
    /// Rows a sheet holds, header included.
    max_rows: u32,
    threads: usize,
    /// ZIP64 records for every entry (tests; else only where needed).
    force_zip64: bool,
}

/// A sheet written to the temporary file.
struct Part {
    info: xml::SheetInfo,
    head: Piece,
    rows: Stored,
    tail: Piece,
}

fn write_with(dir: &Path, sheets: &[Sheet<'_>], out: &Path, opts: &Options) -> io::Result<()> {
    let threads = opts.threads.max(1);
    let temp = tempfile::tempfile_in(dir)?;
    let pool = Pool::default();
    let (parts, temp) = std::thread::scope(|s| -> io::Result<_> {
        let _close = CloseOnDrop(&pool);
        for _ in 1..threads {
            s.spawn(|| pool.help());
        }
        let mut spool = Spool::new(temp, (threads > 1).then_some(&pool), threads);
        let mut parts = Vec::new();
        for sheet in sheets {
            let path = dir.join(format!("{}.jsonl", sheet.table));
            write_table(&mut spool, sheet, &path, opts.max_rows, &mut parts)
                .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
        }
        Ok((parts, spool.into_file()?))
    })?;

    let infos: Vec<_> = parts.iter().map(|p| &p.info).collect();
    let mut zip = ZipOut::new(
        BufWriter::with_capacity(1 << 18, File::create(out)?),
        opts.force_zip64,
    );
    zip.add(
        "[Content_Types].xml",
        xml::content_types(parts.len()).as_bytes(),
    )?;
    zip.add("_rels/.rels", xml::root_rels().as_bytes())?;
    zip.add(
        "xl/_rels/workbook.xml.rels",
        xml::workbook_rels(parts.len()).as_bytes(),
    )?;
    zip.add("xl/theme/theme1.xml", xml::theme().as_bytes())?;
    zip.add("xl/styles.xml", xml::styles().as_bytes())?;
    zip.add("xl/workbook.xml", xml::workbook(&infos).as_bytes())?;
    for (n, p) in parts.iter().enumerate() {
        let name = format!("xl/worksheets/sheet{}.xml", n + 1);
        zip.add_sheet(&name, &p.head, &p.rows, &temp, &p.tail)?;
    }
    zip.add("docProps/core.xml", xml::core(TITLE, CREATED).as_bytes())?;
    zip.add("docProps/app.xml", xml::app(&infos).as_bytes())?;
    zip.finish()?.flush()
}

/// The sheet being written: rows as XML, handed to the spool by chunks.
struct SheetOut<'s> {
    sheet: &'s Sheet<'s>,
    widths: Vec<f64>,
    part: u32,
    /// The last row written (0: the header).
    row: u32,
    rows: xml::Rows,
    buf: Vec<u8>,
}

impl<'s> SheetOut<'s> {
    fn new(sheet: &'s Sheet<'s>, widths: Vec<f64>, buf: Vec<u8>) -> Self {
        let mut s = SheetOut {
            sheet,
            widths,
            part: 1,
            row: 0,
            rows: xml::Rows::new(sheet.columns.len()),
            buf,
        };
        s.rows.header(&mut s.buf, sheet.columns);
        s
    }

    fn row(&mut self, spool: &mut Spool<'_>, cells: &[Cell<'_>]) -> io::Result<()> {
        self.row += 1;
        self.rows.row(&mut self.buf, self.row, cells);
        if self.buf.len() >= CHUNK {
            let chunk = std::mem::replace(&mut self.buf, spool.buffer());
            spool.push(chunk)?;
        }
        Ok(())
    }

    /// End this sheet; `next` starts the next part of the table.
    fn end(&mut self, spool: &mut Spool<'_>, parts: &mut Vec<Part>, next: bool) -> io::Result<()> {
        if !self.buf.is_empty() {
            let chunk = std::mem::replace(&mut self.buf, spool.buffer());
            spool.push(chunk)?;
        }
        let rows = spool.end_part()?;
        let mut c = flate2::Compress::new(flate2::Compression::new(1), false);
        let head = xml::sheet_head(&self.rows.dims, parts.is_empty(), &self.widths);
        let tail = xml::sheet_tail(self.row, self.sheet.columns.len());
        let name = if self.part == 1 {
            self.sheet.table.to_string()
        } else {
            format!("{} ({})", self.sheet.table, self.part)
        };
        parts.push(Part {
            info: xml::SheetInfo {
                name,
                last_row: self.row,
                columns: self.sheet.columns.len(),
            },
            head: zip::deflate(&mut c, &head, false)?,
            rows,
            tail: zip::deflate(&mut c, &tail, true)?,
        });
        if next {
            self.part += 1;
            self.row = 0;
            self.rows = xml::Rows::new(self.sheet.columns.len());
            self.rows.header(&mut self.buf, self.sheet.columns);
        }
        Ok(())
    }
}

fn write_table(
    spool: &mut Spool<'_>,
    sheet: &Sheet<'_>,
    path: &Path,
    max_rows: u32,
    parts: &mut Vec<Part>,
) -> io::Result<()> {
    let mut reader = LineReader::new(File::open(path)?);
    // The widths come from the first rows, read as before with serde_json.
    let mut sample = Vec::new();
    let mut values = Vec::new();
    while sample.len() < WIDTH_SAMPLE {
        let Some(line) = reader.next_line()? else {
            break;
        };
        let text = utf8(line)?.to_string();
        values.push(parse(&text)?);
        sample.push(text);
    }
    let mut out = SheetOut::new(sheet, column_widths(sheet.columns, &values), spool.buffer());
    drop(values);
    let mut cells = Vec::new();
    for text in &sample {
        table_row(&mut out, spool, parts, max_rows, &mut cells, text)?;
    }
    drop(sample);
    while let Some(line) = reader.next_line()? {
        table_row(&mut out, spool, parts, max_rows, &mut cells, utf8(line)?)?;
    }
    out.end(spool, parts, false)?;
    spool.recycle(out.buf);
    Ok(())
}

/// Write the row `text` (a JSONL line), starting the table's next sheet
/// when this one is full.
fn table_row(
    out: &mut SheetOut<'_>,
    spool: &mut Spool<'_>,
    parts: &mut Vec<Part>,
    max_rows: u32,
    cells: &mut Vec<Cell<'static>>,
    text: &str,
) -> io::Result<()> {
    if out.row + 1 == max_rows {
        out.end(spool, parts, true)?;
    }
    let columns = out.sheet.columns;
    // The cells borrow from `text`: the vector's allocation is reused.
    let mut row = reuse(std::mem::take(cells));
    let written = if json::scan(text, columns, &mut row).is_some() {
        out.row(spool, &row)
    } else {
        let value = parse(text)?;
        json::from_value(&value, columns, &mut row);
        out.row(spool, &row)
    };
    *cells = reuse(row);
    written
}

/// An empty vector of cells with the allocation of `v` (collected in place).
fn reuse<'b>(mut v: Vec<Cell<'_>>) -> Vec<Cell<'b>> {
    v.clear();
    v.into_iter().map(|_| Cell::Empty).collect()
}

/// Lines of a file, without their `\n` or `\r\n` (as
/// [`BufRead::lines`](std::io::BufRead::lines)),
/// read in big blocks and handed out in place.
struct LineReader {
    file: File,
    buf: Vec<u8>,
    start: usize,
    end: usize,
    eof: bool,
}

impl LineReader {
    fn new(file: File) -> Self {
        LineReader {
            file,
            buf: vec![0; 1 << 20],
            start: 0,
            end: 0,
            eof: false,
        }
    }

    fn next_line(&mut self) -> io::Result<Option<&[u8]>> {
        loop {
            let rest = &self.buf[self.start..self.end];
            let line = match memchr::memchr(b'\n', rest) {
                Some(n) => Some((self.start, self.start + n, n + 1)),
                None if self.eof && !rest.is_empty() => Some((self.start, self.end, rest.len())),
                None if self.eof => return Ok(None),
                None => None,
            };
            if let Some((from, mut to, used)) = line {
                self.start += used;
                if to > from && self.buf[to - 1] == b'\r' && used > to - from {
                    to -= 1;
                }
                return Ok(Some(&self.buf[from..to]));
            }
            // Keep the partial line, make room, read more.
            self.buf.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
            if self.end == self.buf.len() {
                self.buf.resize(2 * self.buf.len(), 0);
            }
            let n = read_retrying(&mut self.file, &mut self.buf[self.end..])?;
            self.end += n;
            self.eof = n == 0;
        }
    }
}

fn read_retrying(file: &mut File, buf: &mut [u8]) -> io::Result<usize> {
    loop {
        match file.read(buf) {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            r => return r,
        }
    }
}

fn utf8(line: &[u8]) -> io::Result<&str> {
    std::str::from_utf8(line).map_err(|_| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            "stream did not contain valid UTF-8",
        )
    })
}

fn parse(line: &str) -> io::Result<Value> {
    serde_json::from_str(line).map_err(io::Error::other)
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

#[cfg(test)]
mod tests;
