//! Inflates the gzipped lexicons at compile time, so that the binary embeds
//! their text and the run-time lexicon build skips the decompression (a
//! large part of it: ~3 MB of inflate for every run, however small).

use std::io::Read;
use std::path::PathBuf;

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR is set by cargo"));
    for name in ["gazetteer.tsv", "dict_words.txt"] {
        let src = format!("data/{name}.gz");
        println!("cargo:rerun-if-changed={src}");
        let gz = std::fs::read(&src).unwrap_or_else(|e| panic!("reading {src}: {e}"));
        let mut text = String::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_string(&mut text)
            .unwrap_or_else(|e| panic!("inflating {src}: {e}"));
        std::fs::write(out.join(name), text).expect("writing to OUT_DIR");
    }
}
