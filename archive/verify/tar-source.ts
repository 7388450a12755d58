// Reads a tar (ustar with pax extended headers) for verify. The main thread walks the headers by
// random access (they are small); a worker thread hashes the whole file for the pakbon and every
// entry's bytes in one read. Links, devices and other entry types have no place in a package and are
// reported; header checksums are checked.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { HashJobRun } from '../container/file-hash-worker.js';
import type { Findings } from './problems.js';
import type { EntryHandler, PackageSource, ReadOptions, SourceResult } from './source.js';
import { rangeSource } from './stream-util.js';

const BLOCK = 512;
const MAX_PAX = 1024 * 1024;
const MAX_ENTRIES = 5_000_000;

class TarFormatError extends Error {}

interface TarEntry {
  path: string;
  size: number;
  offset: number;
}

function octal(field: Buffer, what: string): number {
  // GNU base-256 for large numbers: high bit of the first byte set.
  if (field[0]! & 0x80) {
    let v = field[0]! & 0x7f;
    for (let i = 1; i < field.length; i++) v = v * 256 + field[i]!;
    if (!Number.isSafeInteger(v)) throw new TarFormatError(`${what} is too large`);
    return v;
  }
  const text = field.toString('ascii').replace(/\0.*$/s, '').trim();
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) throw new TarFormatError(`${what} is not an octal number`);
  return parseInt(text, 8);
}

const cString = (field: Buffer): string => {
  const end = field.indexOf(0);
  return field.subarray(0, end < 0 ? field.length : end).toString('utf8');
};

function checksumOk(h: Buffer): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!;
  return sum === octal(h.subarray(148, 156), 'header checksum');
}

/** Pax records `<len> <key>=<value>\n`. */
function parsePax(data: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  let p = 0;
  while (p < data.length) {
    const space = data.indexOf(0x20, p);
    if (space < 0) break;
    const len = Number(data.subarray(p, space).toString('ascii'));
    if (!Number.isSafeInteger(len) || len <= 0 || p + len > data.length) throw new TarFormatError('damaged pax header');
    const record = data.subarray(space + 1, p + len - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (eq > 0) out.set(record.slice(0, eq), record.slice(eq + 1));
    p += len;
  }
  return out;
}

function readAt(fd: number, offset: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  const got = readSync(fd, buf, 0, length, offset);
  if (got !== length) throw new TarFormatError(`the tar ends inside a header or entry at byte ${offset + got}`);
  return buf;
}

/** The regular files of the tar, from its headers. Problems with the structure go to `findings`. */
function walk(path: string, label: string, findings: Findings | undefined): TarEntry[] {
  const fd = openSync(path, 'r');
  const entries: TarEntry[] = [];
  try {
    const size = fstatSync(fd).size;
    let pos = 0;
    let zeroBlocks = 0;
    let pax: Map<string, string> | undefined;
    while (zeroBlocks < 2) {
      if (pos + BLOCK > size) {
        findings?.add(label, 'tar-truncated', 'the tar ends without its end-of-archive blocks');
        break;
      }
      const h = readAt(fd, pos, BLOCK);
      pos += BLOCK;
      if (h.every((b) => b === 0)) {
        zeroBlocks++;
        continue;
      }
      zeroBlocks = 0;
      if (!checksumOk(h)) throw new TarFormatError(`header at byte ${pos - BLOCK} has a wrong checksum`);
      const type = String.fromCharCode(h[156]!);
      const prefix = h.subarray(257, 263).toString('ascii').startsWith('ustar') ? cString(h.subarray(345, 500)) : '';
      let name = pax?.get('path') ?? (prefix ? `${prefix}/${cString(h.subarray(0, 100))}` : cString(h.subarray(0, 100)));
      const dataSize = pax?.has('size') ? Number(pax.get('size')) : octal(h.subarray(124, 136), 'size');
      if (!Number.isSafeInteger(dataSize) || dataSize < 0 || pos + dataSize > size) throw new TarFormatError(`${name}: the data runs past the end of the file`);
      pax = undefined;
      if (type === 'x' || type === 'g') {
        if (dataSize > MAX_PAX) throw new TarFormatError(`pax header of ${dataSize} bytes is too large`);
        if (type === 'x') pax = parsePax(readAt(fd, pos, dataSize));
        else findings?.note(`${label}: a global pax header was ignored`);
      } else if (type === '0' || type === '\0' || type === '7') {
        if (name.startsWith('./')) name = name.slice(2);
        entries.push({ path: name, size: dataSize, offset: pos });
        if (entries.length > MAX_ENTRIES) throw new TarFormatError(`more than ${MAX_ENTRIES} entries`);
      } else if (type !== '5') {
        findings?.add(`${label}:${name}`, 'tar-type', `entry type ${JSON.stringify(type)} (link, device or similar) does not belong in a package`);
      }
      pos += Math.ceil(dataSize / BLOCK) * BLOCK;
    }
  } finally {
    closeSync(fd);
  }
  return entries;
}

export function tarSource(path: string, label: string): PackageSource {
  return {
    label,
    async listing() {
      try {
        return walk(path, label, undefined).map((e) => e.path);
      } catch {
        return undefined;
      }
    },
    async read(onEntry: EntryHandler, findings: Findings, options: ReadOptions): Promise<SourceResult> {
      let entries: TarEntry[];
      try {
        entries = walk(path, label, findings);
      } catch (e) {
        findings.add(label, 'tar-damaged', (e as Error).message);
        return { files: 0 };
      }
      const run = new HashJobRun({
        container: path,
        pieces: entries.map((e) => ({ path, offset: e.offset, length: e.size, sha512: options.sha512 })),
      });
      const fd = openSync(path, 'r');
      try {
        for (const [i, e] of entries.entries()) {
          try {
            await onEntry({ path: e.path, size: e.size, randomAccess: rangeSource(fd, e.offset, e.size) }, { kind: 'hashed', digests: run.piece(i) });
          } catch (err) {
            findings.add(`${label}:${e.path}`, 'tar-entry', (err as Error).message);
          }
        }
        const result = await run.result;
        return { container: result.container, files: entries.length };
      } catch (e) {
        findings.add(label, 'tar-damaged', (e as Error).message);
        return { files: entries.length };
      } finally {
        closeSync(fd);
      }
    },
  };
}
