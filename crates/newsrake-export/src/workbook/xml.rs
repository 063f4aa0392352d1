//! The SpreadsheetML parts of the workbook.
//!
//! The XML is the one `rust_xlsxwriter` (which wrote the workbook until
//! 0.1 session 5) writes for the same calls, byte for byte: the tests in
//! `super::reference` hold every part to it. Text cells are inline strings
//! escaped the way Excel escapes them: `&`, `<`, `>` as entities, control
//! characters other than tab and line feed as `_xHHHH_` (XML 1.0 forbids
//! them), and a literal `_xHHHH_` in the text with its underscore escaped
//! (`_x005F_xHHHH_`), so that a reader gives back the text as it was.

use std::io::Write;

use super::json::Cell;
use crate::cell::{prefix_fitting, CELL_LIMIT};

const DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
const MAIN_NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const THEME: &str = include_str!("theme1.xml");

/// Rows and columns a sheet has (Excel's limits), for [`Dims`].
const ROW_MAX: u32 = 1_048_576;
const COL_MAX: u32 = 16_384;

/// The cells a sheet has written: its `<dimension>`.
#[derive(Clone, Copy, Debug)]
pub(super) struct Dims {
    first_row: u32,
    first_col: u32,
    last_row: u32,
    last_col: u32,
}

impl Dims {
    pub(super) fn new() -> Self {
        Dims {
            first_row: ROW_MAX,
            first_col: COL_MAX,
            last_row: 0,
            last_col: 0,
        }
    }

    fn add(&mut self, row: u32, col: u32) {
        self.first_row = self.first_row.min(row);
        self.first_col = self.first_col.min(col);
        self.last_row = self.last_row.max(row);
        self.last_col = self.last_col.max(col);
    }

    fn range(&self) -> String {
        if self.first_row == ROW_MAX {
            // No cells.
            return "A1".into();
        }
        cell_range(self.first_row, self.first_col, self.last_row, self.last_col)
    }
}

/// The column letters of column `col` (0-based).
pub(super) fn col_name(mut col: u32) -> String {
    let mut name = Vec::new();
    col += 1;
    while col > 0 {
        let rem = (col - 1) % 26;
        name.push(b'A' + rem as u8);
        col = (col - 1) / 26;
    }
    name.reverse();
    String::from_utf8(name).expect("ASCII")
}

fn cell_range(r1: u32, c1: u32, r2: u32, c2: u32) -> String {
    let a = format!("{}{}", col_name(c1), r1 + 1);
    let b = format!("{}{}", col_name(c2), r2 + 1);
    if a == b {
        a
    } else {
        format!("{a}:{b}")
    }
}

fn cell_range_absolute(r1: u32, c1: u32, r2: u32, c2: u32) -> String {
    let a = format!("${}${}", col_name(c1), r1 + 1);
    let b = format!("${}${}", col_name(c2), r2 + 1);
    if a == b {
        a
    } else {
        format!("{a}:{b}")
    }
}

/// Up to 16 bytes, copied as 16 (a fixed-size copy the compiler inlines,
/// where a short copy of any length is a call to `memmove`) and cut back.
#[derive(Clone, Copy)]
struct Short {
    bytes: [u8; 16],
    len: usize,
}

impl Short {
    fn new(s: &[u8]) -> Self {
        let mut bytes = [0; 16];
        bytes[..s.len()].copy_from_slice(s);
        Short {
            bytes,
            len: s.len(),
        }
    }

    #[inline]
    fn put(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.bytes);
        out.truncate(out.len() - 16 + self.len);
    }
}

/// Writes the `<row>` elements of one sheet.
pub(super) struct Rows {
    /// `<c r="` + column letters, per column.
    cell_starts: Vec<Short>,
    pub(super) dims: Dims,
    row_text: itoa::Buffer,
}

impl Rows {
    pub(super) fn new(columns: usize) -> Self {
        Rows {
            cell_starts: (0..columns as u32)
                .map(|c| Short::new(format!("<c r=\"{}", col_name(c)).as_bytes()))
                .collect(),
            dims: Dims::new(),
            row_text: itoa::Buffer::new(),
        }
    }

    /// The header row (row 0, bold): the column names.
    pub(super) fn header(&mut self, out: &mut Vec<u8>, columns: &[&str]) {
        out.extend_from_slice(b"<row r=\"1\">");
        for (c, name) in columns.iter().enumerate() {
            self.dims.add(0, c as u32);
            self.cell_starts[c].put(out);
            if name.is_empty() {
                // An empty string with a format is a blank cell.
                out.extend_from_slice(b"1\" s=\"1\"/>");
                continue;
            }
            out.extend_from_slice(b"1\" s=\"1\" t=\"inlineStr\"><is>");
            text_element(out, name);
            out.extend_from_slice(b"</is></c>");
        }
        if columns.is_empty() {
            out.truncate(out.len() - b"<row r=\"1\">".len());
        } else {
            out.extend_from_slice(b"</row>");
        }
    }

    /// Data row `row` (0-based; the header is row 0).
    pub(super) fn row(&mut self, out: &mut Vec<u8>, row: u32, cells: &[Cell<'_>]) {
        let start = out.len();
        let r = Short::new(self.row_text.format(row + 1).as_bytes());
        out.extend_from_slice(b"<row r=\"");
        r.put(out);
        out.extend_from_slice(b"\">");
        let open = out.len();
        for (c, cell) in cells.iter().enumerate() {
            let head = self.cell_starts[c];
            match cell {
                Cell::Empty => continue,
                Cell::Bool(b) => {
                    head.put(out);
                    r.put(out);
                    out.extend_from_slice(if *b {
                        b"\" t=\"b\"><v>1</v></c>"
                    } else {
                        b"\" t=\"b\"><v>0</v></c>"
                    });
                }
                Cell::Int(digits) => {
                    head.put(out);
                    r.put(out);
                    out.extend_from_slice(b"\"><v>");
                    out.extend_from_slice(digits.as_bytes());
                    out.extend_from_slice(b"</v></c>");
                }
                Cell::Float(f) => {
                    head.put(out);
                    r.put(out);
                    out.extend_from_slice(b"\"><v>");
                    write!(out, "{f}").expect("writing to a Vec");
                    out.extend_from_slice(b"</v></c>");
                }
                Cell::Text(s) => {
                    let s = prefix_fitting(s, CELL_LIMIT);
                    // Excel drops an empty string: no cell.
                    if s.is_empty() {
                        continue;
                    }
                    head.put(out);
                    r.put(out);
                    out.extend_from_slice(b"\" t=\"inlineStr\"><is>");
                    text_element(out, s);
                    out.extend_from_slice(b"</is></c>");
                }
            }
            self.dims.add(row, c as u32);
        }
        if out.len() == open {
            // No cells: no row.
            out.truncate(start);
        } else {
            out.extend_from_slice(b"</row>");
        }
    }
}

/// `<t>s</t>`, keeping leading and trailing white space.
#[inline]
fn text_element(out: &mut Vec<u8>, s: &str) {
    let ws = |c: Option<&u8>| matches!(c, Some(b' ' | b'\t' | b'\n'));
    if ws(s.as_bytes().first()) || ws(s.as_bytes().last()) {
        out.extend_from_slice(b"<t xml:space=\"preserve\">");
    } else {
        out.extend_from_slice(b"<t>");
    }
    escape_text(out, s);
    out.extend_from_slice(b"</t>");
}

/// Bytes [`escape_text`] looks at: `&`, `<`, `>`, controls (tab and line
/// feed included, which stay), `_` (of `_xHHHH_`) and 0xEF (the lead byte
/// of U+FFFE and U+FFFF).
const fn special_table() -> [bool; 256] {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 0x20 {
        t[c] = true;
        c += 1;
    }
    t[b'&' as usize] = true;
    t[b'<' as usize] = true;
    t[b'>' as usize] = true;
    t[b'_' as usize] = true;
    t[0xEF] = true;
    t
}
const SPECIAL: [bool; 256] = special_table();

/// Whether `block` holds a byte of [`SPECIAL`] (in a form the compiler
/// vectorises).
#[inline]
fn any_special(block: &[u8; 16]) -> bool {
    block.iter().fold(false, |any, &c| {
        any | (c < 0x20) | (c == b'&') | (c == b'<') | (c == b'>') | (c == b'_') | (c == 0xEF)
    })
}

/// `s` as cell text: XML-escaped, control characters as `_xHHHH_`, a
/// literal `_xHHHH_` with its underscore escaped.
pub(super) fn escape_text(out: &mut Vec<u8>, s: &str) {
    let b = s.as_bytes();
    let mut done = 0;
    let mut i = 0;
    while i < b.len() {
        // Skip blocks with nothing to escape, then look at a block's bytes.
        while let Some(block) = b.get(i..i + 16) {
            if any_special(block.try_into().expect("16 bytes")) {
                break;
            }
            i += 16;
        }
        let end = (i + 16).min(b.len());
        while i < end {
            let c = b[i];
            i += 1;
            if !SPECIAL[usize::from(c)] {
                continue;
            }
            let at = i - 1;
            let rep: &[u8] = match c {
                b'&' => b"&amp;",
                b'<' => b"&lt;",
                b'>' => b"&gt;",
                b'\t' | b'\n' => continue,
                b'_' => {
                    if b.len() >= at + 7
                        && b[at + 1] == b'x'
                        && b[at + 2..at + 6].iter().all(u8::is_ascii_hexdigit)
                        && b[at + 6] == b'_'
                    {
                        out.extend_from_slice(&b[done..at]);
                        out.extend_from_slice(b"_x005F");
                        done = at;
                    }
                    continue;
                }
                // U+FFFE and U+FFFF (EF BF BE, EF BF BF): not characters.
                0xEF => match (b.get(at + 1), b.get(at + 2)) {
                    (Some(0xBF), Some(0xBE)) => b"_xFFFE_",
                    (Some(0xBF), Some(0xBF)) => b"_xFFFF_",
                    _ => continue,
                },
                _ => {
                    out.extend_from_slice(&b[done..at]);
                    write!(out, "_x{c:04X}_").expect("writing to a Vec");
                    done = i;
                    continue;
                }
            };
            out.extend_from_slice(&b[done..at]);
            out.extend_from_slice(rep);
            done = if c == 0xEF { at + 3 } else { i };
        }
    }
    out.extend_from_slice(&b[done..]);
}

/// The width Excel stores for a column `width` characters wide.
fn col_width(width: f64) -> (String, bool) {
    let px = if width == 0.0 {
        0
    } else if width < 1.0 {
        (width * 12.0).round() as u32
    } else {
        (width * 7.0).round() as u32 + 5
    };
    let px = px.min(1790);
    let chars = f64::from(px * 256 / 7) / 256.0;
    (chars.to_string(), px != 64)
}

/// A worksheet's XML up to its first row.
pub(super) fn sheet_head(dims: &Dims, selected: bool, widths: &[f64]) -> Vec<u8> {
    let mut x = String::with_capacity(1024);
    x.push_str(DECLARATION);
    x.push_str(&format!(
        "<worksheet xmlns=\"{MAIN_NS}\" xmlns:r=\"{REL_NS}\"><dimension ref=\"{}\"/>",
        dims.range()
    ));
    x.push_str(if selected {
        "<sheetViews><sheetView tabSelected=\"1\" workbookViewId=\"0\">"
    } else {
        "<sheetViews><sheetView workbookViewId=\"0\">"
    });
    x.push_str(
        "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>\
         <selection pane=\"bottomLeft\"/></sheetView></sheetViews>\
         <sheetFormatPr defaultRowHeight=\"15\"/>",
    );
    if !widths.is_empty() {
        x.push_str("<cols>");
        let widths: Vec<_> = widths.iter().map(|w| col_width(*w)).collect();
        let mut first = 0;
        for c in 0..widths.len() {
            if c + 1 < widths.len() && widths[c + 1] == widths[first] {
                continue;
            }
            let (w, custom) = &widths[first];
            x.push_str(&format!(
                "<col min=\"{}\" max=\"{}\" width=\"{w}\"{}/>",
                first + 1,
                c + 1,
                if *custom { " customWidth=\"1\"" } else { "" }
            ));
            first = c + 1;
        }
        x.push_str("</cols>");
    }
    x.push_str("<sheetData>");
    x.into_bytes()
}

/// A worksheet's XML after its last row, with an autofilter over rows
/// `0..=last_row` of `columns` columns.
pub(super) fn sheet_tail(last_row: u32, columns: usize) -> Vec<u8> {
    let last_col = columns.saturating_sub(1) as u32;
    format!(
        "</sheetData><autoFilter ref=\"{}\"/><pageMargins left=\"0.7\" right=\"0.7\" \
         top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>",
        cell_range(0, 0, last_row, last_col)
    )
    .into_bytes()
}

/// One sheet as the workbook lists it.
pub(super) struct SheetInfo {
    pub(super) name: String,
    pub(super) last_row: u32,
    pub(super) columns: usize,
}

fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\n' => out.push_str("&#xA;"),
            c => out.push(c),
        }
    }
    out
}

fn escape_data(s: &str) -> String {
    let mut out = Vec::new();
    escape_text(&mut out, s);
    String::from_utf8(out).expect("escaping keeps UTF-8")
}

/// A sheet name as a formula refers to it: quoted unless plain letters
/// (Excel accepts a quoted name everywhere).
fn quoted_sheet_name(name: &str) -> String {
    if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphabetic() || c == '_') {
        name.to_string()
    } else {
        format!("'{}'", name.replace('\'', "''"))
    }
}

pub(super) fn content_types(sheets: usize) -> String {
    let mut x = String::from(DECLARATION);
    x.push_str(
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
         <Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>\
         <Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
         <Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>\
         <Override PartName=\"/xl/theme/theme1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.theme+xml\"/>\
         <Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>",
    );
    for n in 1..=sheets {
        x.push_str(&format!(
            "<Override PartName=\"/xl/worksheets/sheet{n}.xml\" \
             ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        ));
    }
    x.push_str("</Types>");
    x
}

pub(super) fn root_rels() -> String {
    format!(
        "{DECLARATION}<Relationships xmlns=\"{PKG_REL_NS}\">\
         <Relationship Id=\"rId1\" Type=\"{REL_NS}/officeDocument\" Target=\"xl/workbook.xml\"/>\
         <Relationship Id=\"rId2\" Type=\"{PKG_REL_NS}/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
         <Relationship Id=\"rId3\" Type=\"{REL_NS}/extended-properties\" Target=\"docProps/app.xml\"/>\
         </Relationships>"
    )
}

pub(super) fn workbook_rels(sheets: usize) -> String {
    let mut x = format!("{DECLARATION}<Relationships xmlns=\"{PKG_REL_NS}\">");
    for n in 1..=sheets {
        x.push_str(&format!(
            "<Relationship Id=\"rId{n}\" Type=\"{REL_NS}/worksheet\" Target=\"worksheets/sheet{n}.xml\"/>"
        ));
    }
    x.push_str(&format!(
        "<Relationship Id=\"rId{}\" Type=\"{REL_NS}/theme\" Target=\"theme/theme1.xml\"/>\
         <Relationship Id=\"rId{}\" Type=\"{REL_NS}/styles\" Target=\"styles.xml\"/></Relationships>",
        sheets + 1,
        sheets + 2
    ));
    x
}

pub(super) fn theme() -> &'static str {
    THEME
}

pub(super) fn styles() -> String {
    format!(
        "{DECLARATION}<styleSheet xmlns=\"{MAIN_NS}\"><fonts count=\"2\"><font><sz val=\"11\"/>\
         <color theme=\"1\"/><name val=\"Calibri\"/><family val=\"2\"/><scheme val=\"minor\"/></font>\
         <font><b/><sz val=\"11\"/><color theme=\"1\"/><name val=\"Calibri\"/><family val=\"2\"/>\
         <scheme val=\"minor\"/></font></fonts><fills count=\"2\"><fill><patternFill patternType=\"none\"/>\
         </fill><fill><patternFill patternType=\"gray125\"/></fill></fills><borders count=\"1\"><border>\
         <left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count=\"1\">\
         <xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs><cellXfs count=\"2\">\
         <xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>\
         <xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/></cellXfs>\
         <cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>\
         <dxfs count=\"0\"/><tableStyles count=\"0\" defaultTableStyle=\"TableStyleMedium9\" \
         defaultPivotStyle=\"PivotStyleLight16\"/></styleSheet>"
    )
}

pub(super) fn workbook(sheets: &[&SheetInfo]) -> String {
    let mut x = format!(
        "{DECLARATION}<workbook xmlns=\"{MAIN_NS}\" xmlns:r=\"{REL_NS}\">\
         <fileVersion appName=\"xl\" lastEdited=\"4\" lowestEdited=\"4\" rupBuild=\"4505\"/>\
         <workbookPr defaultThemeVersion=\"124226\"/><bookViews><workbookView xWindow=\"240\" \
         yWindow=\"15\" windowWidth=\"16095\" windowHeight=\"9660\"/></bookViews><sheets>"
    );
    for (i, s) in sheets.iter().enumerate() {
        x.push_str(&format!(
            "<sheet name=\"{}\" sheetId=\"{}\" r:id=\"rId{}\"/>",
            escape_attr(&s.name),
            i + 1,
            i + 1
        ));
    }
    x.push_str("</sheets>");
    // The autofilter ranges, sorted as Excel sorts its defined names.
    let mut filters: Vec<(String, usize)> = sheets
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let range = cell_range_absolute(0, 0, s.last_row, s.columns.saturating_sub(1) as u32);
            (format!("{}!{range}", quoted_sheet_name(&s.name)), i)
        })
        .collect();
    filters.sort();
    if !filters.is_empty() {
        x.push_str("<definedNames>");
        for (range, i) in filters {
            x.push_str(&format!(
                "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"{i}\" hidden=\"1\">{}</definedName>",
                escape_data(&range)
            ));
        }
        x.push_str("</definedNames>");
    }
    x.push_str("<calcPr calcId=\"124519\" fullCalcOnLoad=\"1\"/></workbook>");
    x
}

pub(super) fn core(title: &str, created: &str) -> String {
    format!(
        "{DECLARATION}<cp:coreProperties \
         xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>{}</dc:title>\
         <dc:creator></dc:creator><cp:lastModifiedBy></cp:lastModifiedBy>\
         <dcterms:created xsi:type=\"dcterms:W3CDTF\">{created}</dcterms:created>\
         <dcterms:modified xsi:type=\"dcterms:W3CDTF\">{created}</dcterms:modified>\
         </cp:coreProperties>",
        escape_data(title)
    )
}

pub(super) fn app(sheets: &[&SheetInfo]) -> String {
    let n = sheets.len();
    let mut x = format!(
        "{DECLARATION}<Properties \
         xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" \
         xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">\
         <Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity>\
         <ScaleCrop>false</ScaleCrop><HeadingPairs><vt:vector size=\"2\" baseType=\"variant\">\
         <vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>{n}</vt:i4>\
         </vt:variant></vt:vector></HeadingPairs><TitlesOfParts>\
         <vt:vector size=\"{n}\" baseType=\"lpstr\">"
    );
    for s in sheets {
        x.push_str(&format!("<vt:lpstr>{}</vt:lpstr>", escape_data(&s.name)));
    }
    x.push_str(
        "</vt:vector></TitlesOfParts><Company></Company><LinksUpToDate>false</LinksUpToDate>\
         <SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>\
         <AppVersion>12.0000</AppVersion></Properties>",
    );
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    fn esc(s: &str) -> String {
        let mut out = Vec::new();
        escape_text(&mut out, s);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn text_escapes() {
        assert_eq!(esc("a<b>&c\"d'e"), "a&lt;b&gt;&amp;c\"d'e");
        assert_eq!(esc("t\tn\nr\rz\0"), "t\tn\nr_x000D_z_x0000_");
        assert_eq!(
            esc("_x0041_ and _x00g1_ _x12"),
            "_x005F_x0041_ and _x00g1_ _x12"
        );
        assert_eq!(
            esc("x\u{fffe}y\u{ffff}\u{fffd}é"),
            "x_xFFFE_y_xFFFF_\u{fffd}é"
        );
    }

    #[test]
    fn column_letters() {
        assert_eq!(col_name(0), "A");
        assert_eq!(col_name(25), "Z");
        assert_eq!(col_name(26), "AA");
        assert_eq!(col_name(16_383), "XFD");
    }
}
