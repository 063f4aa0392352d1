//! Deflating the sheets (on several threads) and writing the ZIP container.
//!
//! A sheet's XML is cut into chunks of [`CHUNK`] bytes, and every chunk is
//! deflated on its own (a fresh compressor, ended by a sync flush): the
//! chunks' outputs, one after the other, are one deflate stream, which
//! the last piece of the sheet ends. So chunks can be deflated on any thread
//! in any order, and the bytes depend only on the XML, never on the thread
//! count. The compressed sheets go to a temporary file until the workbook's
//! parts are written in order; memory holds a few chunks per thread.

use std::collections::{BTreeMap, VecDeque};
use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::sync::{Condvar, Mutex};

use crc32fast::Hasher;
use flate2::{Compress, Compression, FlushCompress, Status};

/// Bytes of XML deflated as one piece.
pub(super) const CHUNK: usize = 1 << 20;

/// Deflate level 1: the XML of big tables compresses well at any level, and
/// higher levels made the workbook the slowest part of a run.
fn compressor() -> Compress {
    Compress::new(Compression::new(1), false)
}

/// Deflated bytes and what the ZIP directory says of them.
#[derive(Clone)]
pub(super) struct Piece {
    pub(super) crc: Hasher,
    pub(super) raw_len: u64,
    pub(super) data: Vec<u8>,
}

/// Deflate `input` with a fresh compressor: ended by a sync flush (more
/// pieces follow) or as the end of the stream (`last`).
pub(super) fn deflate(c: &mut Compress, input: &[u8], last: bool) -> io::Result<Piece> {
    deflate_into(c, input, last, Vec::with_capacity(input.len() / 3 + 64))
}

/// [`deflate`] into `out` (cleared first).
fn deflate_into(c: &mut Compress, input: &[u8], last: bool, mut out: Vec<u8>) -> io::Result<Piece> {
    let mut crc = Hasher::new();
    crc.update(input);
    c.reset();
    out.clear();
    let flush = if last {
        FlushCompress::Finish
    } else {
        FlushCompress::Sync
    };
    let mut pos = 0;
    loop {
        if out.capacity() - out.len() < 64 {
            out.reserve(out.capacity().max(4096));
        }
        let before = c.total_in();
        let status = c
            .compress_vec(&input[pos..], &mut out, flush)
            .map_err(io::Error::other)?;
        pos += (c.total_in() - before) as usize;
        let room = out.len() < out.capacity();
        if pos == input.len() && room && (!last || status == Status::StreamEnd) {
            break;
        }
    }
    Ok(Piece {
        crc,
        raw_len: input.len() as u64,
        data: out,
    })
}

/// A deflated sheet part in the temporary file.
pub(super) struct Stored {
    pub(super) offset: u64,
    pub(super) len: u64,
    pub(super) crc: Hasher,
    pub(super) raw_len: u64,
}

/// Chunks waiting for a thread, and chunks deflated.
#[derive(Default)]
struct Queue {
    /// Chunks to deflate, each with a buffer for its output.
    todo: VecDeque<(u64, Vec<u8>, Vec<u8>)>,
    /// Deflated chunks, with the chunk (to reuse its buffer).
    done: BTreeMap<u64, (io::Result<Piece>, Vec<u8>)>,
    closed: bool,
}

/// The work shared with the helper threads.
#[derive(Default)]
pub(super) struct Pool {
    queue: Mutex<Queue>,
    /// A chunk to deflate, or the end.
    work: Condvar,
    /// A chunk deflated.
    done: Condvar,
}

impl Pool {
    /// A helper thread: deflate chunks until [`Pool::close`].
    pub(super) fn help(&self) {
        let mut c = compressor();
        let mut q = self.queue.lock().expect("pool lock");
        loop {
            if let Some((seq, chunk, out)) = q.todo.pop_front() {
                drop(q);
                // A panic here must not leave the writer waiting for this chunk.
                let piece = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    deflate_into(&mut c, &chunk, false, out)
                }))
                .unwrap_or_else(|_| Err(io::Error::other("deflating a workbook chunk panicked")));
                q = self.queue.lock().expect("pool lock");
                q.done.insert(seq, (piece, chunk));
                self.done.notify_all();
            } else if q.closed {
                return;
            } else {
                q = self.work.wait(q).expect("pool lock");
            }
        }
    }

    pub(super) fn close(&self) {
        self.queue.lock().expect("pool lock").closed = true;
        self.work.notify_all();
    }
}

/// Closes the pool when dropped, so that helper threads end on any path.
pub(super) struct CloseOnDrop<'p>(pub(super) &'p Pool);

impl Drop for CloseOnDrop<'_> {
    fn drop(&mut self) {
        self.0.close();
    }
}

/// Deflates sheet XML chunk by chunk into a temporary file.
pub(super) struct Spool<'p> {
    /// Helper threads deflate when there is a pool; else this thread does.
    pool: Option<&'p Pool>,
    /// Chunks handed out and not yet written, at most.
    window: u64,
    c: Compress,
    file: BufWriter<File>,
    pos: u64,
    next_seq: u64,
    next_write: u64,
    part: Stored,
    /// Buffers to reuse: for chunks of XML, for deflated chunks.
    free_chunks: Vec<Vec<u8>>,
    free_outs: Vec<Vec<u8>>,
}

impl<'p> Spool<'p> {
    pub(super) fn new(file: File, pool: Option<&'p Pool>, threads: usize) -> Self {
        Spool {
            pool,
            window: 2 * threads as u64 + 2,
            c: compressor(),
            file: BufWriter::with_capacity(1 << 18, file),
            pos: 0,
            next_seq: 0,
            next_write: 0,
            part: Stored {
                offset: 0,
                len: 0,
                crc: Hasher::new(),
                raw_len: 0,
            },
            free_chunks: Vec::new(),
            free_outs: Vec::new(),
        }
    }

    /// An empty buffer for a chunk of XML.
    pub(super) fn buffer(&mut self) -> Vec<u8> {
        self.free_chunks
            .pop()
            .unwrap_or_else(|| Vec::with_capacity(CHUNK + CHUNK / 4))
    }

    pub(super) fn recycle(&mut self, mut chunk: Vec<u8>) {
        chunk.clear();
        self.free_chunks.push(chunk);
    }

    /// Deflate `chunk` as the next piece of the current part.
    pub(super) fn push(&mut self, chunk: Vec<u8>) -> io::Result<()> {
        let out = self.free_outs.pop().unwrap_or_default();
        let Some(pool) = self.pool else {
            let piece = deflate_into(&mut self.c, &chunk, false, out)?;
            self.recycle(chunk);
            return self.append(piece);
        };
        {
            let mut q = pool.queue.lock().expect("pool lock");
            q.todo.push_back((self.next_seq, chunk, out));
            self.next_seq += 1;
        }
        pool.work.notify_one();
        self.drain(pool, self.window)
    }

    /// Write the deflated chunks in order until at most `left` are pending,
    /// deflating queued chunks here rather than waiting idle.
    fn drain(&mut self, pool: &Pool, left: u64) -> io::Result<()> {
        let mut q = pool.queue.lock().expect("pool lock");
        loop {
            while let Some((piece, chunk)) = q.done.remove(&self.next_write) {
                drop(q);
                self.next_write += 1;
                self.recycle(chunk);
                self.append(piece?)?;
                q = pool.queue.lock().expect("pool lock");
            }
            if self.next_seq - self.next_write <= left {
                return Ok(());
            }
            if let Some((seq, chunk, out)) = q.todo.pop_front() {
                drop(q);
                let piece = deflate_into(&mut self.c, &chunk, false, out);
                q = pool.queue.lock().expect("pool lock");
                q.done.insert(seq, (piece, chunk));
            } else {
                q = pool.done.wait(q).expect("pool lock");
            }
        }
    }

    fn append(&mut self, piece: Piece) -> io::Result<()> {
        self.file.write_all(&piece.data)?;
        self.pos += piece.data.len() as u64;
        self.part.len += piece.data.len() as u64;
        self.part.raw_len += piece.raw_len;
        self.part.crc.combine(&piece.crc);
        self.free_outs.push(piece.data);
        Ok(())
    }

    /// End the current part (every chunk pushed so far) and start the next.
    pub(super) fn end_part(&mut self) -> io::Result<Stored> {
        if let Some(pool) = self.pool {
            self.drain(pool, 0)?;
        }
        let next = Stored {
            offset: self.pos,
            len: 0,
            crc: Hasher::new(),
            raw_len: 0,
        };
        Ok(std::mem::replace(&mut self.part, next))
    }

    /// The temporary file, to read the parts back.
    pub(super) fn into_file(self) -> io::Result<File> {
        self.file.into_inner().map_err(|e| e.into_error())
    }
}

/// A ZIP entry written, for the central directory.
struct Entry {
    name: String,
    crc: u32,
    len: u64,
    raw_len: u64,
    offset: u64,
}

/// Writes a ZIP archive of deflated entries, ZIP64 only where a size or
/// offset needs it.
pub(super) struct ZipOut<W: Write> {
    w: W,
    pos: u64,
    entries: Vec<Entry>,
    /// Write ZIP64 records even when not needed (tests).
    force64: bool,
}

const NEEDS_64: u64 = 0xFFFF_FFFF;
/// 1980-01-01 00:00, the earliest a ZIP can say.
const DOS_DATE: u16 = (1 << 5) | 1;

impl<W: Write> ZipOut<W> {
    pub(super) fn new(w: W, force64: bool) -> Self {
        ZipOut {
            w,
            pos: 0,
            entries: Vec::new(),
            force64,
        }
    }

    fn put(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.w.write_all(bytes)?;
        self.pos += bytes.len() as u64;
        Ok(())
    }

    /// A small part, deflated here.
    pub(super) fn add(&mut self, name: &str, text: &[u8]) -> io::Result<()> {
        let piece = deflate(&mut compressor(), text, true)?;
        let (crc, len, raw_len) = (
            piece.crc.clone().finalize(),
            piece.data.len(),
            piece.raw_len,
        );
        self.entry(name, crc, len as u64, raw_len, |z| z.put(&piece.data))
    }

    /// A sheet: its `head`, its rows (`rows` in `file`) and its `tail`.
    pub(super) fn add_sheet(
        &mut self,
        name: &str,
        head: &Piece,
        rows: &Stored,
        file: &File,
        tail: &Piece,
    ) -> io::Result<()> {
        let mut crc = head.crc.clone();
        crc.combine(&rows.crc);
        crc.combine(&tail.crc);
        let len = head.data.len() as u64 + rows.len + tail.data.len() as u64;
        let raw_len = head.raw_len + rows.raw_len + tail.raw_len;
        self.entry(name, crc.finalize(), len, raw_len, |z| {
            z.put(&head.data)?;
            let mut file = file;
            file.seek(SeekFrom::Start(rows.offset))?;
            let copied = io::copy(&mut file.take(rows.len), &mut z.w)?;
            z.pos += copied;
            if copied != rows.len {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "workbook temporary file cut short",
                ));
            }
            z.put(&tail.data)
        })
    }

    /// An entry of `len` deflated bytes (`raw_len` inflated), which `body`
    /// writes.
    fn entry(
        &mut self,
        name: &str,
        crc: u32,
        len: u64,
        raw_len: u64,
        body: impl FnOnce(&mut Self) -> io::Result<()>,
    ) -> io::Result<()> {
        let zip64 = self.force64 || len >= NEEDS_64 || raw_len >= NEEDS_64;
        let offset = self.pos;
        let mut h = Vec::with_capacity(30 + name.len() + 20);
        h.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        h.extend_from_slice(&(if zip64 { 45u16 } else { 20 }).to_le_bytes());
        h.extend_from_slice(&0u16.to_le_bytes()); // flags
        h.extend_from_slice(&8u16.to_le_bytes()); // deflate
        h.extend_from_slice(&0u16.to_le_bytes()); // time
        h.extend_from_slice(&DOS_DATE.to_le_bytes());
        h.extend_from_slice(&crc.to_le_bytes());
        if zip64 {
            h.extend_from_slice(&u32::MAX.to_le_bytes());
            h.extend_from_slice(&u32::MAX.to_le_bytes());
        } else {
            h.extend_from_slice(&(len as u32).to_le_bytes());
            h.extend_from_slice(&(raw_len as u32).to_le_bytes());
        }
        h.extend_from_slice(&(name.len() as u16).to_le_bytes());
        h.extend_from_slice(&(if zip64 { 20u16 } else { 0 }).to_le_bytes());
        h.extend_from_slice(name.as_bytes());
        if zip64 {
            h.extend_from_slice(&1u16.to_le_bytes());
            h.extend_from_slice(&16u16.to_le_bytes());
            h.extend_from_slice(&raw_len.to_le_bytes());
            h.extend_from_slice(&len.to_le_bytes());
        }
        self.put(&h)?;
        let start = self.pos;
        body(self)?;
        debug_assert_eq!(self.pos - start, len);
        self.entries.push(Entry {
            name: name.to_string(),
            crc,
            len,
            raw_len,
            offset,
        });
        Ok(())
    }

    /// Write the central directory and return the writer.
    pub(super) fn finish(mut self) -> io::Result<W> {
        let cd_start = self.pos;
        let mut cd = Vec::new();
        for e in &self.entries {
            let sizes64 = self.force64 || e.len >= NEEDS_64 || e.raw_len >= NEEDS_64;
            let offset64 = self.force64 || e.offset >= NEEDS_64;
            let mut extra = Vec::new();
            if sizes64 {
                extra.extend_from_slice(&e.raw_len.to_le_bytes());
                extra.extend_from_slice(&e.len.to_le_bytes());
            }
            if offset64 {
                extra.extend_from_slice(&e.offset.to_le_bytes());
            }
            let version: u16 = if sizes64 || offset64 { 45 } else { 20 };
            cd.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
            cd.extend_from_slice(&(0x0300 | version).to_le_bytes()); // made by: Unix
            cd.extend_from_slice(&version.to_le_bytes());
            cd.extend_from_slice(&0u16.to_le_bytes()); // flags
            cd.extend_from_slice(&8u16.to_le_bytes()); // deflate
            cd.extend_from_slice(&0u16.to_le_bytes()); // time
            cd.extend_from_slice(&DOS_DATE.to_le_bytes());
            cd.extend_from_slice(&e.crc.to_le_bytes());
            let small = |v: u64, big: bool| if big { u32::MAX } else { v as u32 };
            cd.extend_from_slice(&small(e.len, sizes64).to_le_bytes());
            cd.extend_from_slice(&small(e.raw_len, sizes64).to_le_bytes());
            cd.extend_from_slice(&(e.name.len() as u16).to_le_bytes());
            let extra_len = if extra.is_empty() { 0 } else { extra.len() + 4 };
            cd.extend_from_slice(&(extra_len as u16).to_le_bytes());
            cd.extend_from_slice(&0u16.to_le_bytes()); // comment
            cd.extend_from_slice(&0u16.to_le_bytes()); // disk
            cd.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
            cd.extend_from_slice(&(0o100644u32 << 16).to_le_bytes()); // -rw-r--r--
            cd.extend_from_slice(&small(e.offset, offset64).to_le_bytes());
            cd.extend_from_slice(e.name.as_bytes());
            if !extra.is_empty() {
                cd.extend_from_slice(&1u16.to_le_bytes());
                cd.extend_from_slice(&(extra.len() as u16).to_le_bytes());
                cd.extend_from_slice(&extra);
            }
        }
        self.put(&cd)?;
        let cd_len = cd.len() as u64;
        let count = self.entries.len() as u64;
        let end64 = self.force64 || cd_start >= NEEDS_64 || cd_len >= NEEDS_64 || count >= 0xFFFF;
        let mut end = Vec::new();
        if end64 {
            let record = self.pos;
            end.extend_from_slice(&0x0606_4b50u32.to_le_bytes());
            end.extend_from_slice(&44u64.to_le_bytes());
            end.extend_from_slice(&0x032Du16.to_le_bytes()); // made by: Unix, 4.5
            end.extend_from_slice(&45u16.to_le_bytes());
            end.extend_from_slice(&0u32.to_le_bytes()); // this disk
            end.extend_from_slice(&0u32.to_le_bytes()); // directory's disk
            end.extend_from_slice(&count.to_le_bytes());
            end.extend_from_slice(&count.to_le_bytes());
            end.extend_from_slice(&cd_len.to_le_bytes());
            end.extend_from_slice(&cd_start.to_le_bytes());
            end.extend_from_slice(&0x0706_4b50u32.to_le_bytes());
            end.extend_from_slice(&0u32.to_le_bytes());
            end.extend_from_slice(&record.to_le_bytes());
            end.extend_from_slice(&1u32.to_le_bytes());
        }
        end.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        end.extend_from_slice(&0u16.to_le_bytes());
        end.extend_from_slice(&0u16.to_le_bytes());
        let n16 = if end64 { u16::MAX } else { count as u16 };
        end.extend_from_slice(&n16.to_le_bytes());
        end.extend_from_slice(&n16.to_le_bytes());
        let small = |v: u64| if end64 { u32::MAX } else { v as u32 };
        end.extend_from_slice(&small(cd_len).to_le_bytes());
        end.extend_from_slice(&small(cd_start).to_le_bytes());
        end.extend_from_slice(&0u16.to_le_bytes()); // comment
        self.put(&end)?;
        Ok(self.w)
    }
}
