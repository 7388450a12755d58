import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { UserError } from '../domain/errors.js';

// A platform export (an X archive, a Facebook "Download your information" zip) is hostile input:
// every entry is checked before anything is read, and nothing is ever written under an entry's
// own name. The importer reads entries by name, bounded, into memory or the file store.

export interface ExportLimits {
  /** Entries in the archive. */
  maxEntries: number;
  /** Sum of the declared uncompressed sizes. */
  maxTotalBytes: number;
  /** Uncompressed size of one entry. */
  maxEntryBytes: number;
  /** Uncompressed/compressed ratio beyond which an entry (over 1 MiB) is taken for a bomb. */
  maxRatio: number;
}

export const DEFAULT_EXPORT_LIMITS: ExportLimits = {
  maxEntries: 200_000,
  maxTotalBytes: 50 * 1024 ** 3,
  maxEntryBytes: 8 * 1024 ** 3,
  maxRatio: 200,
};

export interface ExportEntry {
  /** The path inside the archive, `/`-separated, relative, validated. */
  name: string;
  size: number;
  compressedSize: number;
  /** The CRC-32 the archive declares for the entry (checked by the reader as the entry is read). */
  crc32: number;
}

export interface ExportArchive {
  readonly file: string;
  /** Files only (directories are implied), in archive order. */
  readonly entries: readonly ExportEntry[];
  has(name: string): boolean;
  /** The entry's bytes; refuses entries larger than `maxBytes`. */
  read(name: string, maxBytes?: number): Promise<Buffer>;
  /** A stream of the entry's bytes; its declared size is enforced by the reader. */
  open(name: string): Promise<Readable>;
  close(): void;
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const UTF8_FLAG = 0x800;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i;

const refuse = (file: string, what: string): UserError =>
  new UserError('export.refused', `${file}: refused: ${what}; nothing was imported`);

/** Why an entry name is unsafe, or undefined when it is fine. */
export function unsafeName(name: string): string | undefined {
  if (name.length === 0) return 'an empty name';
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'a name with control characters';
  if (name.includes('\\')) return 'a name with a backslash';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'an absolute path';
  const parts = name.replace(/\/$/, '').split('/');
  if (parts.some((p) => p === '..')) return 'a path that climbs out of the archive (..)';
  if (parts.some((p) => p === '' || p === '.')) return 'a path with an empty or "." segment';
  if (parts.some((p) => WINDOWS_RESERVED.test(p))) return 'a reserved device name';
  return undefined;
}

function decodeName(raw: Buffer, flags: number): string | undefined {
  const ascii = raw.every((b) => b < 0x80);
  if (ascii) return raw.toString('latin1');
  // Without the UTF-8 flag the name is in an unknown code page: guessing could merge or split names.
  if (!(flags & UTF8_FLAG)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return undefined;
  }
}

/** Opens and checks the whole archive; throws a refusal naming the first problem. */
export async function openExport(file: string, limits: ExportLimits = DEFAULT_EXPORT_LIMITS): Promise<ExportArchive> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: false }, (err, z) =>
      err ? reject(refuse(file, `not a readable zip archive (${err.message})`)) : resolve(z),
    ),
  );
  const byName = new Map<string, yauzl.Entry>();
  const lowerNames = new Set<string>();
  const entries: ExportEntry[] = [];
  let total = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', (e: Error) => reject(refuse(file, `a damaged zip archive (${e.message})`)));
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        const problem = check(entry);
        if (problem) return reject(refuse(file, problem));
        zip.readEntry();
      });
      zip.readEntry();
    });
  } catch (e) {
    zip.close();
    throw e;
  }

  function check(entry: yauzl.Entry): string | undefined {
    if (byName.size + 1 > limits.maxEntries) return `more than ${limits.maxEntries} entries`;
    const name = decodeName(entry.fileNameRaw ?? (entry.fileName as unknown as Buffer), entry.generalPurposeBitFlag);
    if (name === undefined) return 'an entry name that is not UTF-8';
    const unsafe = unsafeName(name);
    if (unsafe) return `entry "${name.slice(0, 200)}": ${unsafe}`;
    const mode = (entry.externalFileAttributes >>> 16) & 0xffff;
    if ((mode & S_IFMT) === S_IFLNK) return `entry "${name}": a symbolic link`;
    if (entry.isEncrypted()) return `entry "${name}": encrypted`;
    const isDir = name.endsWith('/');
    if (isDir) return undefined;
    if (byName.has(name) || lowerNames.has(name.toLowerCase())) return `entry "${name}" appears twice (names differing only in case count as the same)`;
    if (entry.uncompressedSize > limits.maxEntryBytes) return `entry "${name}" is larger than ${limits.maxEntryBytes} bytes`;
    total += entry.uncompressedSize;
    if (total > limits.maxTotalBytes) return `more than ${limits.maxTotalBytes} bytes uncompressed in all`;
    if (entry.uncompressedSize > 1024 * 1024 && entry.uncompressedSize > limits.maxRatio * Math.max(1, entry.compressedSize)) {
      return `entry "${name}" expands ${Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize))} times (a zip bomb?)`;
    }
    byName.set(name, entry);
    lowerNames.add(name.toLowerCase());
    entries.push({ name, size: entry.uncompressedSize, compressedSize: entry.compressedSize, crc32: entry.crc32 });
    return undefined;
  }

  const open = async (name: string): Promise<Readable> => {
    const entry = byName.get(name);
    if (!entry) throw new UserError('export.missing', `${file}: the archive has no entry "${name}"`);
    return new Promise((resolve, reject) => zip.openReadStream(entry, (err, s) => (err ? reject(refuse(file, `entry "${name}" cannot be read (${err.message})`)) : resolve(s))));
  };

  return {
    file,
    entries,
    has: (name) => byName.has(name),
    open,
    async read(name, maxBytes = 256 * 1024 * 1024) {
      const entry = byName.get(name);
      if (entry && entry.uncompressedSize > maxBytes) throw refuse(file, `entry "${name}" is larger than ${maxBytes} bytes`);
      const chunks: Buffer[] = [];
      let n = 0;
      for await (const c of await open(name)) {
        n += (c as Buffer).length;
        if (n > maxBytes) throw refuse(file, `entry "${name}" is larger than ${maxBytes} bytes`);
        chunks.push(c as Buffer);
      }
      return Buffer.concat(chunks);
    },
    close: () => zip.close(),
  };
}
