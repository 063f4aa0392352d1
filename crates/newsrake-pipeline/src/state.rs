//! Incremental state, kept inside each output generation under `state/`:
//!
//! - `manifest.json`: state format, newsrake version, the inputs and options
//!   the tables were made from, the exit code and the cumulative report;
//! - `fingerprints.jsonl`: one line per input, in order: path, kind, size,
//!   mtime (ns) and the SHA-256 of its bytes;
//! - `originals.bin`: the first-seen index, one 44-byte record per original
//!   paragraph (32-byte digest, article ordinal u64 LE, paragraph u32 LE;
//!   the full digest is kept although the index compares its first 16 bytes);
//! - `ids.jsonl`: article ids by ordinal, one JSON string per line.
//!
//! Because the state lives in the generation with the tables, the two are
//! always published (and survive a kill) together.

use std::fs::{self, File};
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::Path;

use newsrake_dedup::{Hash, Index, Location};
use serde::{Deserialize, Serialize};

use crate::RunReport;

/// Bumped whenever the state layout or the meaning of the tables changes.
pub(crate) const FORMAT: u32 = 3;

pub(crate) const RECORD: usize = 44;

#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Manifest {
    pub format: u32,
    pub version: String,
    /// SHA-256 (hex) of the newsrake executable that wrote the tables: a new
    /// build may read the same inputs differently, so its first run rebuilds
    /// everything rather than appending to (or keeping) the old build's rows.
    #[serde(default)]
    pub engine: String,
    pub inputs: Vec<String>,
    pub max_article_bytes: usize,
    pub extract: bool,
    pub output: crate::OutputOptions,
    pub exit_code: u8,
    pub report: RunReport,
}

/// One input's fingerprint.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Fingerprint {
    pub path: String,
    pub kind: String,
    pub size: Option<u64>,
    pub mtime_ns: Option<i128>,
    pub sha256: Option<String>,
}

/// A loaded previous state.
pub(crate) struct Previous {
    pub manifest: Manifest,
    pub fingerprints: Vec<Fingerprint>,
}

/// Load the manifest and fingerprints of generation `gen`. `Ok(None)`: no
/// state there; `Err(reason)`: a state that cannot be used.
pub(crate) fn load(gen: &Path) -> Result<Option<Previous>, String> {
    let dir = gen.join("state");
    let manifest_path = dir.join("manifest.json");
    if !manifest_path.exists() {
        return Ok(None);
    }
    let body = fs::read(&manifest_path).map_err(|e| format!("cannot read state: {e}"))?;
    let probe: serde_json::Value =
        serde_json::from_slice(&body).map_err(|e| format!("corrupt state manifest: {e}"))?;
    let format = probe.get("format").and_then(|f| f.as_u64()).unwrap_or(0);
    let version = probe.get("version").and_then(|v| v.as_str()).unwrap_or("?");
    if format != u64::from(FORMAT) || version != env!("CARGO_PKG_VERSION") {
        return Err(format!(
            "state written by newsrake {version} (state format {format}), this is {} (format {FORMAT})",
            env!("CARGO_PKG_VERSION")
        ));
    }
    let manifest: Manifest =
        serde_json::from_slice(&body).map_err(|e| format!("corrupt state manifest: {e}"))?;
    let f = File::open(dir.join("fingerprints.jsonl"))
        .map_err(|e| format!("cannot read state fingerprints: {e}"))?;
    let mut fingerprints = Vec::new();
    for line in BufReader::new(f).lines() {
        let line = line.map_err(|e| format!("cannot read state fingerprints: {e}"))?;
        fingerprints.push(
            serde_json::from_str(&line).map_err(|e| format!("corrupt state fingerprints: {e}"))?,
        );
    }
    for name in ["originals.bin", "ids.jsonl"] {
        if !dir.join(name).is_file() {
            return Err(format!("state file {name} missing"));
        }
    }
    let size = fs::metadata(dir.join("originals.bin"))
        .map(|m| m.len())
        .unwrap_or(1);
    if !size.is_multiple_of(RECORD as u64)
        || size / RECORD as u64 != manifest.report.paragraphs_original
    {
        return Err("corrupt state: originals.bin does not match the manifest".into());
    }
    Ok(Some(Previous {
        manifest,
        fingerprints,
    }))
}

/// Rebuild the first-seen index from `originals.bin`.
pub(crate) fn load_index(gen: &Path, index: &mut Index) -> Result<(), String> {
    let f = File::open(gen.join("state/originals.bin")).map_err(|e| e.to_string())?;
    let mut r = BufReader::with_capacity(1 << 20, f);
    let mut rec = [0u8; RECORD];
    loop {
        match r.read_exact(&mut rec) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(()),
            Err(e) => return Err(e.to_string()),
        }
        let (hash, loc) = decode_record(&rec);
        if index.first_seen(hash, loc).is_some() {
            return Err("corrupt state: a paragraph hash appears twice in originals.bin".into());
        }
    }
}

/// Article ids by ordinal, from `ids.jsonl`.
pub(crate) fn load_ids(gen: &Path) -> Result<crate::ids::Ids, String> {
    let f = File::open(gen.join("state/ids.jsonl")).map_err(|e| e.to_string())?;
    BufReader::new(f)
        .lines()
        .map(|l| {
            let l = l.map_err(|e| e.to_string())?;
            serde_json::from_str::<String>(&l).map_err(|e| e.to_string())
        })
        .collect()
}

pub(crate) fn encode_record(hash: &Hash, loc: Location) -> [u8; RECORD] {
    let mut rec = [0u8; RECORD];
    rec[..32].copy_from_slice(hash);
    rec[32..40].copy_from_slice(&loc.article.to_le_bytes());
    rec[40..].copy_from_slice(&loc.paragraph.to_le_bytes());
    rec
}

fn decode_record(rec: &[u8; RECORD]) -> (Hash, Location) {
    let mut hash = [0u8; 32];
    hash.copy_from_slice(&rec[..32]);
    let article = u64::from_le_bytes(rec[32..40].try_into().expect("8 bytes"));
    let paragraph = u32::from_le_bytes(rec[40..].try_into().expect("4 bytes"));
    (hash, Location { article, paragraph })
}

/// Appending writers for the state files of a new generation.
pub(crate) struct StateWriter {
    pub originals: BufWriter<File>,
    pub ids: BufWriter<File>,
}

impl StateWriter {
    pub(crate) fn record_original(&mut self, hash: &Hash, loc: Location) -> std::io::Result<()> {
        self.originals.write_all(&encode_record(hash, loc))
    }

    pub(crate) fn record_id(&mut self, id: &str) -> std::io::Result<()> {
        serde_json::to_writer(&mut self.ids, id)?;
        self.ids.write_all(b"\n")
    }
}

/// Write the manifest and fingerprints (whole files).
pub(crate) fn write_manifest(
    dir: &Path,
    manifest: &Manifest,
    fingerprints: &[Fingerprint],
) -> std::io::Result<()> {
    let mut body = serde_json::to_vec_pretty(manifest)?;
    body.push(b'\n');
    write_atomic(&dir.join("manifest.json"), &body)?;
    let mut fp = Vec::new();
    for f in fingerprints {
        serde_json::to_writer(&mut fp, f)?;
        fp.push(b'\n');
    }
    write_atomic(&dir.join("fingerprints.jsonl"), &fp)
}

/// Write a file through a temporary name and a rename.
pub(crate) fn write_atomic(path: &Path, body: &[u8]) -> std::io::Result<()> {
    let tmp = path.with_extension("tmp");
    let mut f = File::create(&tmp)?;
    f.write_all(body)?;
    f.sync_all()?;
    fs::rename(&tmp, path)
}
