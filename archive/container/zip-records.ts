// The records of a zip file (APPNOTE 6.3.10) as bytes: local headers, central directory headers and
// the end records, with zip64 where a size, an offset or the entry count does not fit. Pure: facts in,
// bytes out. Every entry gets the same fixed time, mode and flags, so the same entries give the same
// bytes; sizes and CRC-32 always sit in the local header (no data descriptor, which Java's
// ZipInputStream refuses for stored entries).

export const METHOD_STORE = 0;
export const METHOD_DEFLATE = 8;

/** Where zip64 takes over. The format's own limits; tests lower them to reach the zip64 code paths. */
export interface Zip64Limits {
  /** A size or offset at or above this goes into a zip64 extra field. */
  bytes: number;
  /** An entry count at or above this needs the zip64 end record. */
  entries: number;
}

export const ZIP64_LIMITS: Zip64Limits = { bytes: 0xffffffff, entries: 0xffff };

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const ZIP64_END = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const END = 0x06054b50;

const LOCAL_FIXED = 30;
const CENTRAL_FIXED = 46;
const ZIP64_END_BYTES = 56;
const ZIP64_LOCATOR_BYTES = 20;
const END_BYTES = 22;

/** Extended timestamp (0x5455) with the modification time: unzip restores the exact UTC time from it. */
const TIME_EXTRA = 9;
/** Zip64 extra field with all three fields (size, compressed size, offset). */
const ZIP64_EXTRA_MAX = 4 + 24;
/** Zip64 extra field of a local header: both sizes, always (APPNOTE 4.5.3). */
const ZIP64_LOCAL_EXTRA = 4 + 16;

/** Bit 11: names are UTF-8. */
const FLAGS = 0x0800;
/** Made by Unix (3), spec version 4.5, so the external attributes carry the file mode. */
const MADE_BY = (3 << 8) | 45;
/** A regular file, mode 0644, in the upper 16 bits. */
const EXTERNAL_ATTRIBUTES = (0o100644 << 16) >>> 0;

/** Upper bounds on the fixed bytes around each entry's name and data, and at the end of a zip. */
export const LOCAL_HEADER_MAX = LOCAL_FIXED + TIME_EXTRA + ZIP64_LOCAL_EXTRA;
export const CENTRAL_HEADER_MAX = CENTRAL_FIXED + TIME_EXTRA + ZIP64_EXTRA_MAX;
export const END_RECORDS_MAX = ZIP64_END_BYTES + ZIP64_LOCATOR_BYTES + END_BYTES;

/** What the records of one entry say. */
export interface ZipEntryFacts {
  name: Buffer;
  method: typeof METHOD_STORE | typeof METHOD_DEFLATE;
  crc: number;
  compressedSize: number;
  size: number;
  /** Offset of the local header in the file. */
  offset: number;
}

/** The fixed modification time of every entry: MS-DOS date and time fields (UTC) and Unix seconds. */
export interface EntryTime {
  dosTime: number;
  dosDate: number;
  unixSeconds: number;
}

/**
 * The package's creation time as zip times. MS-DOS fields have no time zone: UTC is written, so the
 * bytes do not depend on where the package is built; they cover 1980 to 2107 in steps of 2 seconds.
 */
export function entryTime(at: Date): EntryTime {
  const clamped = new Date(Math.min(Math.max(at.getTime(), Date.UTC(1980, 0, 1)), Date.UTC(2107, 11, 31, 23, 59, 58)));
  return {
    dosTime: (clamped.getUTCHours() << 11) | (clamped.getUTCMinutes() << 5) | (clamped.getUTCSeconds() >> 1),
    dosDate: ((clamped.getUTCFullYear() - 1980) << 9) | ((clamped.getUTCMonth() + 1) << 5) | clamped.getUTCDate(),
    unixSeconds: Math.min(Math.max(Math.floor(at.getTime() / 1000), 0), 0xffffffff),
  };
}

function timeExtra(time: EntryTime): Buffer {
  const b = Buffer.alloc(TIME_EXTRA);
  b.writeUInt16LE(0x5455, 0);
  b.writeUInt16LE(5, 2);
  b.writeUInt8(1, 4); // modification time present
  b.writeUInt32LE(time.unixSeconds, 5);
  return b;
}

function zip64Extra(values: number[]): Buffer {
  const b = Buffer.alloc(4 + 8 * values.length);
  b.writeUInt16LE(0x0001, 0);
  b.writeUInt16LE(8 * values.length, 2);
  values.forEach((v, i) => b.writeBigUInt64LE(BigInt(v), 4 + 8 * i));
  return b;
}

/**
 * Whether an entry's local header carries zip64 sizes. Decided before the data is written (the header's
 * length is fixed then), from the largest size the data can take.
 */
export const localNeedsZip64 = (maxDataBytes: number, size: number, limits: Zip64Limits): boolean =>
  size >= limits.bytes || maxDataBytes >= limits.bytes;

/**
 * A local header. With `zip64` both sizes are in a zip64 extra field; written first with a zero CRC
 * and sizes, then again over itself (same length) once the data is written.
 */
export function localHeader(e: ZipEntryFacts, zip64: boolean, time: EntryTime, limits: Zip64Limits): Buffer {
  if (!zip64 && (e.size >= limits.bytes || e.compressedSize >= limits.bytes)) {
    throw new Error(`${e.name.toString('utf8')}: ${e.compressedSize} bytes do not fit a local header planned without zip64`);
  }
  const extra = Buffer.concat([...(zip64 ? [zip64Extra([e.size, e.compressedSize])] : []), timeExtra(time)]);
  const h = Buffer.alloc(LOCAL_FIXED);
  h.writeUInt32LE(LOCAL, 0);
  h.writeUInt16LE(zip64 ? 45 : 20, 4);
  h.writeUInt16LE(FLAGS, 6);
  h.writeUInt16LE(e.method, 8);
  h.writeUInt16LE(time.dosTime, 10);
  h.writeUInt16LE(time.dosDate, 12);
  h.writeUInt32LE(e.crc >>> 0, 14);
  h.writeUInt32LE(zip64 ? 0xffffffff : e.compressedSize, 18);
  h.writeUInt32LE(zip64 ? 0xffffffff : e.size, 22);
  h.writeUInt16LE(e.name.length, 26);
  h.writeUInt16LE(extra.length, 28);
  return Buffer.concat([h, e.name, extra]);
}

/** A central directory header; only the fields that do not fit go into its zip64 extra field. */
export function centralHeader(e: ZipEntryFacts, time: EntryTime, limits: Zip64Limits): Buffer {
  const big = [e.size, e.compressedSize, e.offset].filter((v) => v >= limits.bytes);
  const fit = (v: number): number => (v >= limits.bytes ? 0xffffffff : v);
  const extra = Buffer.concat([...(big.length > 0 ? [zip64Extra(big)] : []), timeExtra(time)]);
  const h = Buffer.alloc(CENTRAL_FIXED);
  h.writeUInt32LE(CENTRAL, 0);
  h.writeUInt16LE(MADE_BY, 4);
  h.writeUInt16LE(big.length > 0 ? 45 : 20, 6);
  h.writeUInt16LE(FLAGS, 8);
  h.writeUInt16LE(e.method, 10);
  h.writeUInt16LE(time.dosTime, 12);
  h.writeUInt16LE(time.dosDate, 14);
  h.writeUInt32LE(e.crc >>> 0, 16);
  h.writeUInt32LE(fit(e.compressedSize), 20);
  h.writeUInt32LE(fit(e.size), 24);
  h.writeUInt16LE(e.name.length, 28);
  h.writeUInt16LE(extra.length, 30);
  // comment length, disk number, internal attributes: 0
  h.writeUInt32LE(EXTERNAL_ATTRIBUTES, 38);
  h.writeUInt32LE(fit(e.offset), 42);
  return Buffer.concat([h, e.name, extra]);
}

/** The end of the zip: a zip64 end record and locator when anything does not fit, then the end record. */
export function endRecords(count: number, directoryOffset: number, directorySize: number, limits: Zip64Limits): Buffer {
  const zip64 = count >= limits.entries || directoryOffset >= limits.bytes || directorySize >= limits.bytes;
  const parts: Buffer[] = [];
  if (zip64) {
    const z = Buffer.alloc(ZIP64_END_BYTES);
    z.writeUInt32LE(ZIP64_END, 0);
    z.writeBigUInt64LE(BigInt(ZIP64_END_BYTES - 12), 4);
    z.writeUInt16LE(MADE_BY, 12);
    z.writeUInt16LE(45, 14);
    // this disk, disk with the directory: 0
    z.writeBigUInt64LE(BigInt(count), 24);
    z.writeBigUInt64LE(BigInt(count), 32);
    z.writeBigUInt64LE(BigInt(directorySize), 40);
    z.writeBigUInt64LE(BigInt(directoryOffset), 48);
    const locator = Buffer.alloc(ZIP64_LOCATOR_BYTES);
    locator.writeUInt32LE(ZIP64_LOCATOR, 0);
    locator.writeBigUInt64LE(BigInt(directoryOffset + directorySize), 8);
    locator.writeUInt32LE(1, 16);
    parts.push(z, locator);
  }
  const end = Buffer.alloc(END_BYTES);
  end.writeUInt32LE(END, 0);
  const entries = count >= limits.entries ? 0xffff : count;
  end.writeUInt16LE(entries, 8);
  end.writeUInt16LE(entries, 10);
  end.writeUInt32LE(directorySize >= limits.bytes ? 0xffffffff : directorySize, 12);
  end.writeUInt32LE(directoryOffset >= limits.bytes ? 0xffffffff : directoryOffset, 16);
  parts.push(end);
  return Buffer.concat(parts);
}
