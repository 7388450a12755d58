// Reads a zip for verify: the central directory and local headers first (random access, bounded).
// A worker thread then hashes the whole file for the pakbon and every stored entry (SHA-256, CRC-32)
// in one read, while the main thread inflates and hands over the deflated entries. Hostile input is
// bounded: entry counts, directory size, and inflated sizes that must match what the directory says.
import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import { crc32 } from '../container/crc32.js';
import type { Findings } from './problems.js';
import { rangeSource } from './stream-util.js';
import { HashJobRun, hashInWorker } from '../container/file-hash-worker.js';
import type { EntryBody, EntryHandler, EntryMeta, PackageSource, ReadOptions, SourceResult } from './source.js';

const MAX_ENTRIES = 5_000_000;
const MAX_CENTRAL_DIRECTORY = 256 * 1024 * 1024;
const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

class ZipFormatError extends Error {}

const SMALL_DEFLATED = 4 * 1024 * 1024;

/** The inflated bytes of a small entry, checked against the directory (an empty buffer when damaged). */
function inflateSmall(compressed: Buffer, entry: ZipEntry, label: string, findings: Findings): Buffer {
  let data: Buffer;
  try {
    data = inflateRawSync(compressed, { maxOutputLength: entry.size + 1 });
  } catch (err) {
    findings.add(label, 'zip-inflate', `cannot be inflated: ${(err as Error).message}`);
    return Buffer.alloc(0);
  }
  if (data.length !== entry.size) findings.add(label, 'zip-size', `holds ${data.length} bytes, the zip directory says ${entry.size}`);
  else if (crc32(data) >>> 0 !== entry.crc) findings.add(label, 'zip-crc', 'CRC-32 does not match the zip directory: the bytes are damaged');
  return data;
}

function readAt(fd: number, offset: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  const got = readSync(fd, buf, 0, length, offset);
  if (got !== length) throw new ZipFormatError(`unexpected end of file at byte ${offset + got}`);
  return buf;
}

const u64 = (b: Buffer, at: number): number => {
  const v = b.readBigUInt64LE(at);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipFormatError('a zip64 size or offset is too large');
  return Number(v);
};

const utf8 = new TextDecoder('utf-8', { fatal: true });

function readDirectory(fd: number, fileSize: number): ZipEntry[] {
  const tailLength = Math.min(fileSize, 22 + 65_535);
  const tail = readAt(fd, fileSize - tailLength, tailLength);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD && i + 22 + tail.readUInt16LE(i + 20) === tail.length) {
      at = i;
      break;
    }
  }
  if (at < 0) throw new ZipFormatError('no end-of-central-directory record: not a zip, or cut off');
  const eocdOffset = fileSize - tailLength + at;
  let count = tail.readUInt16LE(at + 10);
  let cdSize = tail.readUInt32LE(at + 12);
  let cdOffset = tail.readUInt32LE(at + 16);
  if (eocdOffset >= 20 && readAt(fd, eocdOffset - 20, 4).readUInt32LE(0) === ZIP64_LOCATOR) {
    const locator = readAt(fd, eocdOffset - 20, 20);
    const z64 = readAt(fd, u64(locator, 8), 56);
    if (z64.readUInt32LE(0) !== ZIP64_EOCD) throw new ZipFormatError('zip64 end record missing where its locator points');
    count = u64(z64, 32);
    cdSize = u64(z64, 40);
    cdOffset = u64(z64, 48);
  }
  if (count > MAX_ENTRIES) throw new ZipFormatError(`${count} entries is more than the ${MAX_ENTRIES} verify accepts`);
  if (cdSize > MAX_CENTRAL_DIRECTORY || cdOffset + cdSize > eocdOffset) throw new ZipFormatError('the central directory lies outside the file');
  const cd = readAt(fd, cdOffset, cdSize);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL) throw new ZipFormatError(`central directory entry ${n + 1} is damaged`);
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    const end = p + 46 + nameLength + extraLength + commentLength;
    if (end > cd.length) throw new ZipFormatError(`central directory entry ${n + 1} runs past the directory`);
    let name: string;
    try {
      name = utf8.decode(cd.subarray(p + 46, p + 46 + nameLength));
    } catch {
      throw new ZipFormatError(`central directory entry ${n + 1}: the name is not UTF-8`);
    }
    const entry: ZipEntry = {
      name,
      flags: cd.readUInt16LE(p + 8),
      method: cd.readUInt16LE(p + 10),
      crc: cd.readUInt32LE(p + 16),
      compressedSize: cd.readUInt32LE(p + 20),
      size: cd.readUInt32LE(p + 24),
      localOffset: cd.readUInt32LE(p + 42),
    };
    // zip64 extended information: the fields that are 0xFFFFFFFF, in this order.
    const extra = cd.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength);
    for (let e = 0; e + 4 <= extra.length; ) {
      const id = extra.readUInt16LE(e);
      const len = extra.readUInt16LE(e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        const take = (): number => {
          if (q + 8 > e + 4 + len) throw new ZipFormatError(`${name}: zip64 extra field too short`);
          const v = u64(extra, q);
          q += 8;
          return v;
        };
        if (entry.size === 0xffffffff) entry.size = take();
        if (entry.compressedSize === 0xffffffff) entry.compressedSize = take();
        if (entry.localOffset === 0xffffffff) entry.localOffset = take();
      }
      e += 4 + len;
    }
    entries.push(entry);
    p = end;
  }
  for (const e of entries) {
    if (e.localOffset + 30 + e.compressedSize > cdOffset) throw new ZipFormatError(`${e.name}: data lies outside the file's entry area`);
  }
  return entries;
}

/** Checks CRC-32 and size of an entry's output against the central directory, stopping at the declared size. */
function crcCheck(entry: ZipEntry, label: string, findings: Findings): Transform {
  let crc = 0;
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _e, done) {
      seen += chunk.length;
      if (seen > entry.size) {
        done(new ZipFormatError(`${entry.name}: inflates to more than the ${entry.size} bytes the directory says`));
        return;
      }
      crc = crc32(chunk, crc);
      done(null, chunk);
    },
    flush(done) {
      if (seen !== entry.size) findings.add(label, 'zip-size', `holds ${seen} bytes, the zip directory says ${entry.size}`);
      else if (crc >>> 0 !== entry.crc) findings.add(label, 'zip-crc', 'CRC-32 does not match the zip directory: the bytes are damaged');
      done();
    },
  });
}

export function zipSource(path: string, label: string): PackageSource {
  let cached: ZipEntry[] | undefined;
  const directory = (): ZipEntry[] => {
    if (cached) return cached;
    const fd = openSync(path, 'r');
    try {
      cached = readDirectory(fd, fstatSync(fd).size);
      return cached;
    } finally {
      closeSync(fd);
    }
  };
  return {
    label,
    async listing() {
      try {
        return directory().map((e) => e.name);
      } catch {
        return undefined;
      }
    },
    async read(onEntry: EntryHandler, findings: Findings, options: ReadOptions): Promise<SourceResult> {
      let entries: ZipEntry[];
      try {
        entries = directory();
      } catch (e) {
        findings.add(label, 'zip-damaged', (e as Error).message);
        // Still hash the file, so the pakbon comparison says whether it is the file that was sent.
        const whole = await hashInWorker({ container: path, pieces: [] });
        return { container: whole.container, files: 0 };
      }
      const files = entries.filter((e) => !e.name.endsWith('/'));
      for (const e of files) {
        if (e.flags & 1) findings.add(`${label}:${e.name}`, 'zip-encrypted', 'the entry is encrypted');
        if (e.method !== 0 && e.method !== 8) findings.add(`${label}:${e.name}`, 'zip-method', `compression method ${e.method} is not stored or deflate`);
        if (e.method === 0 && e.size !== e.compressedSize) findings.add(`${label}:${e.name}`, 'zip-size', 'a stored entry whose sizes in the directory differ');
      }
      const usable = files
        .filter((e) => !(e.flags & 1) && (e.method === 8 || (e.method === 0 && e.size === e.compressedSize)))
        .sort((a, b) => a.localOffset - b.localOffset);
      for (let i = 1; i < usable.length; i++) {
        const prev = usable[i - 1]!;
        if (usable[i]!.localOffset < prev.localOffset + 30 + prev.compressedSize) {
          findings.add(label, 'zip-overlap', `entries ${prev.name} and ${usable[i]!.name} overlap`);
          return { files: files.length };
        }
      }

      const fd = openSync(path, 'r');
      const fileSize = fstatSync(fd).size;
      let container: { sha256: string; size: number } | undefined;
      try {
        // Where each entry's data starts, from its local header (which may differ from the directory's).
        const starts = usable.map((e) => {
          const h = readAt(fd, e.localOffset, 30);
          if (h.readUInt32LE(0) !== LOCAL) throw new ZipFormatError(`${e.name}: no local header where the directory points`);
          const nameLength = h.readUInt16LE(26);
          const localName = readAt(fd, e.localOffset + 30, nameLength).toString('utf8');
          if (localName !== e.name) throw new ZipFormatError(`${e.name}: the local header names ${JSON.stringify(localName)}`);
          const start = e.localOffset + 30 + nameLength + h.readUInt16LE(28);
          if (start + e.compressedSize > fileSize) throw new ZipFormatError(`${e.name}: the data runs past the end of the file`);
          return start;
        });
        // The worker hashes the whole file and every stored entry (with its CRC-32) in one read.
        const stored = usable.map((e, i) => (e.method === 0 ? i : -1)).filter((i) => i >= 0);
        const pieceOf = new Map(stored.map((i, k) => [i, k]));
        const run = new HashJobRun({
          container: path,
          pieces: stored.map((i) => ({ path, offset: starts[i]!, length: usable[i]!.size, crc: true, sha512: options.sha512 })),
        });

        for (const [i, e] of usable.entries()) {
          const where = `${label}:${e.name}`;
          const start = starts[i]!;
          let body: EntryBody;
          let randomAccess: EntryMeta['randomAccess'];
          if (e.method === 0) {
            body = { kind: 'hashed', digests: run.piece(pieceOf.get(i)!) };
            randomAccess = rangeSource(fd, start, e.size);
          } else if (e.compressedSize <= SMALL_DEFLATED && e.size <= SMALL_DEFLATED) {
            // Small deflated entries (sidecars, JSON): inflate in one call.
            body = { kind: 'stream', stream: Readable.from([inflateSmall(readAt(fd, start, e.compressedSize), e, where, findings)]) };
          } else {
            const check = crcCheck(e, where, findings);
            const inflate = createInflateRaw();
            const raw = createReadStream(path, { start, end: start + e.compressedSize - 1, highWaterMark: 1 << 20 });
            raw.on('error', (err) => inflate.destroy(err));
            inflate.on('error', (err) => check.destroy(err));
            body = { kind: 'stream', stream: raw.pipe(inflate).pipe(check) };
          }
          try {
            await onEntry({ path: e.name, size: e.size, randomAccess }, body);
          } catch (err) {
            findings.add(where, 'zip-entry', (err as Error).message);
          }
        }
        const result = await run.result;
        container = result.container;
        for (const [k, i] of stored.entries()) {
          if (result.pieces[k]!.crc !== usable[i]!.crc) findings.add(`${label}:${usable[i]!.name}`, 'zip-crc', 'CRC-32 does not match the zip directory: the bytes are damaged');
        }
      } catch (e) {
        findings.add(label, 'zip-damaged', (e as Error).message);
      } finally {
        closeSync(fd);
      }
      return { container, files: files.length };
    },
  };
}
