use std::collections::BTreeMap;
use std::io::Read;

use super::*;
use crate::CELL_LIMIT;

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

fn opts(max_rows: u32, threads: usize) -> Options {
    Options {
        max_rows,
        threads,
        force_zip64: false,
    }
}

/// Every entry of a ZIP archive, inflated.
fn entries(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut zip = ::zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        out.insert(f.name().unwrap().to_string(), data);
    }
    out
}

/// Write `tables` with `rust_xlsxwriter` and by hand: the same parts, byte
/// for byte; and the same bytes for any thread count. The hand-written
/// workbook's bytes.
fn same_as_reference(tables: &[(&str, &[&str], String)], max_rows: u32) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    for (table, _, rows) in tables {
        std::fs::write(dir.path().join(format!("{table}.jsonl")), rows).unwrap();
    }
    let sheets: Vec<_> = tables
        .iter()
        .map(|(table, columns, _)| Sheet { table, columns })
        .collect();
    let old = dir.path().join("old.xlsx");
    reference::write_with_limit(dir.path(), &sheets, &old, max_rows).unwrap();
    let new = dir.path().join("new.xlsx");
    write_with(dir.path(), &sheets, &new, &opts(max_rows, 1)).unwrap();
    let (old, new) = (std::fs::read(old).unwrap(), std::fs::read(&new).unwrap());
    let (old_parts, new_parts) = (entries(&old), entries(&new));
    assert_eq!(
        old_parts.keys().collect::<Vec<_>>(),
        new_parts.keys().collect::<Vec<_>>()
    );
    for (name, part) in &old_parts {
        assert!(
            *part == new_parts[name],
            "{name} differs:\n{}\n---\n{}",
            String::from_utf8_lossy(part),
            String::from_utf8_lossy(&new_parts[name])
        );
    }
    for threads in [2, 3] {
        let again = dir.path().join(format!("again{threads}.xlsx"));
        write_with(dir.path(), &sheets, &again, &opts(max_rows, threads)).unwrap();
        assert!(std::fs::read(&again).unwrap() == new, "{threads} threads");
    }
    // Nothing left behind but the tables and the workbooks.
    let files = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(files, tables.len() + 4);
    new
}

#[test]
fn long_tables_continue_on_numbered_sheets() {
    let rows: String = (0..7).map(|i| format!("{{\"n\":{i}}}\n")).collect();
    let other = "{\"a\":\"x\",\"b\":true}\n".to_string();
    let bytes = same_as_reference(&[("t", &["n"], rows), ("u", &["a", "b"], other)], 4);
    // Three sheets of at most 3 data rows each: 3 + 3 + 1, then u.
    let parts = entries(&bytes);
    assert!(parts.contains_key("xl/worksheets/sheet4.xml"));
    assert!(!parts.contains_key("xl/worksheets/sheet5.xml"));
    let workbook = String::from_utf8(parts["xl/workbook.xml"].clone()).unwrap();
    assert!(workbook.contains("<sheet name=\"t (3)\" sheetId=\"3\" r:id=\"rId3\"/>"));
    assert!(workbook.contains("'t (2)'!$A$1:$A$4"));
}

#[test]
fn text_needing_escapes_reads_back_as_written() {
    let long = "é".repeat(CELL_LIMIT + 10);
    let row = serde_json::json!({
        "id": "x<&>\"'y",
        "ctl": "a\u{1}b\u{1f}c\td\ne\rf\u{0}",
        "lit": "_x0041_ stays _x0041_, _x00G1_ too",
        "formula": "=SUM(A1:A3)",
        "long": long,
        "ws": "  padded  ",
        "n": 47.63,
        "flag": false,
        "none": null,
        "empty": "",
        "nonchar": "\u{fffe}\u{ffff}\u{fffd}",
    });
    let columns: &[&str] = &[
        "id", "ctl", "lit", "formula", "long", "ws", "n", "flag", "none", "empty", "nonchar",
    ];
    let rows = format!(
        "{}\n{}\n",
        row,
        serde_json::json!({"id": "second", "n": 1e21})
    );
    let bytes = same_as_reference(&[("escapes", columns, rows)], SHEET_ROWS);
    let sheet = String::from_utf8(entries(&bytes)["xl/worksheets/sheet1.xml"].clone()).unwrap();
    for expected in [
        "<c r=\"A2\" t=\"inlineStr\"><is><t>x&lt;&amp;&gt;\"'y</t></is></c>",
        "<t>a_x0001_b_x001F_c\td\ne_x000D_f_x0000_</t>",
        "<t>_x005F_x0041_ stays _x005F_x0041_, _x00G1_ too</t>",
        "<c r=\"D2\" t=\"inlineStr\"><is><t>=SUM(A1:A3)</t></is></c>",
        "<t xml:space=\"preserve\">  padded  </t>",
        "<c r=\"G2\"><v>47.63</v></c>",
        "<c r=\"H2\" t=\"b\"><v>0</v></c>",
        "<t>_xFFFE__xFFFF_\u{fffd}</t>",
        "<c r=\"G3\"><v>1000000000000000000000</v></c>",
    ] {
        assert!(sheet.contains(expected), "{expected} not in {sheet}");
    }
    assert!(!sheet.contains("r=\"I2\"") && !sheet.contains("r=\"J2\""));
    assert!(sheet.contains(&format!("<t>{}</t>", "é".repeat(CELL_LIMIT))));
}

#[test]
fn json_forms_and_many_chunks_match_the_reference() {
    // More rows than the width sample, and more XML than a chunk.
    let mut rows = String::new();
    for i in 0..30_000 {
        let line = match i % 7 {
            0 => format!(
                "{{\"a\":\"row {i} \\\"quoted\\\" \\u00e9\\ud83d\\ude00\",\"b\":{i},\"c\":true}}"
            ),
            1 => format!("{{\"a\": \"spaced {i}\", \"b\": {i}.5}}"),
            2 => format!("{{\"c\":false,\"b\":-{i}e-3,\"a\":null,\"zz\":[1,{{\"x\":2}}]}}"),
            3 => format!("{{\"a\":[{i},\"x\"],\"b\":{{\"k\":{i}}}}}"),
            4 => "{\"a\":\"\",\"b\":null,\"c\":null}".to_string(),
            5 => format!("{{\"b\":1234567890123456{i},\"a\":\"dup\",\"a\":\"last {i}\"}}\r"),
            _ => format!("{{\"a\":\"{}\",\"b\":0.1,\"c\":-0}}", "x".repeat(i % 300)),
        };
        rows.push_str(&line);
        rows.push('\n');
    }
    // A line longer than the reader's block.
    rows.push_str(&format!(
        "{{\"a\":\"{}\",\"b\":1}}\n",
        "y".repeat(2_500_000)
    ));
    rows.push_str("{\"a\":\"no newline at the end\"}");
    let bytes = same_as_reference(&[("t", &["a", "b", "c"], rows.clone())], SHEET_ROWS);
    assert!(entries(&bytes)["xl/worksheets/sheet1.xml"].len() > 2 * CHUNK);
    // And cut into sheets mid-chunk.
    same_as_reference(&[("t", &["a", "b", "c"], rows)], 10_000);
}

#[test]
fn empty_tables_and_bad_lines() {
    same_as_reference(&[("e", &["a", "b"], String::new())], SHEET_ROWS);
    same_as_reference(&[("h", &["a", "", "c"], "{\"a\":1}\n".into())], SHEET_ROWS);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("t.jsonl"), "{\"a\":1}\n{\"a\":\n").unwrap();
    let sheets = [Sheet {
        table: "t",
        columns: &["a"],
    }];
    let err = write(dir.path(), &sheets, &dir.path().join("t.xlsx"), 2).unwrap_err();
    assert!(err.to_string().contains("t.jsonl"), "{err}");
}

#[test]
fn zip64_records_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let rows: String = (0..100).map(|i| format!("{{\"n\":{i}}}\n")).collect();
    std::fs::write(dir.path().join("t.jsonl"), rows).unwrap();
    let sheets = [Sheet {
        table: "t",
        columns: &["n"],
    }];
    let plain = dir.path().join("plain.xlsx");
    write_with(dir.path(), &sheets, &plain, &opts(SHEET_ROWS, 1)).unwrap();
    let wide = dir.path().join("wide.xlsx");
    let mut o = opts(SHEET_ROWS, 1);
    o.force_zip64 = true;
    write_with(dir.path(), &sheets, &wide, &o).unwrap();
    let (plain, wide) = (std::fs::read(plain).unwrap(), std::fs::read(wide).unwrap());
    assert_ne!(plain, wide);
    assert_eq!(entries(&plain), entries(&wide));
}

/// The old writer (rust_xlsxwriter) against this one on the tables of a
/// finished run, alternated: `NEWSRAKE_WB_TABLES=OUT/.newsrake/current cargo
/// test --release -p newsrake-export -- --ignored --nocapture
/// time_against_reference` (writes two workbooks there).
#[test]
#[ignore]
fn time_against_reference() {
    use crate::Row;
    let Some(dir) = std::env::var_os("NEWSRAKE_WB_TABLES") else {
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    let sheets: Vec<_> = [
        (crate::ArticleRow::TABLE, crate::ArticleRow::COLUMNS),
        (crate::ParagraphRow::TABLE, crate::ParagraphRow::COLUMNS),
        (crate::MentionRow::TABLE, crate::MentionRow::COLUMNS),
        (crate::EntityRow::TABLE, crate::EntityRow::COLUMNS),
        (crate::RoleRow::TABLE, crate::RoleRow::COLUMNS),
        (crate::QuoteRow::TABLE, crate::QuoteRow::COLUMNS),
        (crate::CountRow::TABLE, crate::CountRow::COLUMNS),
        (crate::EventRow::TABLE, crate::EventRow::COLUMNS),
        (crate::DiagnosticRow::TABLE, crate::DiagnosticRow::COLUMNS),
    ]
    .into_iter()
    .map(|(table, columns)| Sheet { table, columns })
    .collect();
    let runs: usize = std::env::var("NEWSRAKE_WB_RUNS").map_or(3, |r| r.parse().unwrap());
    for _ in 0..runs {
        let t = std::time::Instant::now();
        reference::write_with_limit(&dir, &sheets, &dir.join("old-wb.xlsx"), SHEET_ROWS).unwrap();
        let old = t.elapsed().as_secs_f64();
        let mut new = Vec::new();
        for threads in [1, 2] {
            let t = std::time::Instant::now();
            write(&dir, &sheets, &dir.join("new-wb.xlsx"), threads).unwrap();
            new.push(t.elapsed().as_secs_f64());
        }
        println!(
            "old {old:.3} s, new {:.3} s (1 thread, {:.1} x), {:.3} s (2 threads, {:.1} x)",
            new[0],
            old / new[0],
            new[1],
            old / new[1]
        );
    }
}
