// Raster image signatures: JPEG (JFIF / Exif / raw), PNG, GIF, WebP, TIFF and the ISO-BMFF
// family (AVIF, HEIF, MP4, QuickTime), read from the head and tail only.
import { ascii, indexOf, lastIndexOf, startsWith, u16be, u16le, u32be, u32le } from './bytes.js';
import type { FormatKey } from './formats.js';
import type { FormatFacts, IdentifyFlag, Probe, Sniffed } from './types.js';

interface JpegScan {
  first?: 'jfif' | 'exif' | 'other';
  jfifVersion?: [number, number];
  exifVersion?: string;
  width?: number;
  height?: number;
}

/** Walks JPEG marker segments up to the first scan, within `b`. */
function scanJpeg(b: Uint8Array): JpegScan {
  const out: JpegScan = {};
  let i = 2;
  while (i + 4 <= b.length && b[i] === 0xff) {
    let m = b[i + 1]!;
    while (m === 0xff && i + 2 < b.length) m = b[++i + 1]!; // fill bytes
    if (m === 0x01 || (m >= 0xd0 && m <= 0xd7)) {
      i += 2;
      continue;
    }
    if (m === 0xda || m === 0xd9) break;
    const len = u16be(b, i + 2);
    const data = b.subarray(i + 4, i + 2 + len);
    if (out.first === undefined) {
      if (m === 0xe0 && startsWith(data, 'JFIF\0')) {
        out.first = 'jfif';
        out.jfifVersion = [data[5] ?? 0, data[6] ?? 0];
      } else if (m === 0xe1 && startsWith(data, 'Exif\0\0')) {
        out.first = 'exif';
        const v = exifVersion(data.subarray(6));
        if (v !== undefined) out.exifVersion = v;
      } else out.first = 'other';
    }
    if (m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc && data.length >= 5) {
      out.height = u16be(data, 1);
      out.width = u16be(data, 3);
    }
    i += 2 + len;
  }
  return out;
}

/** The ExifVersion tag (0x9000) of a TIFF structure, e.g. "0221". */
function exifVersion(tiff: Uint8Array): string | undefined {
  const le = startsWith(tiff, 'II');
  if (!le && !startsWith(tiff, 'MM')) return undefined;
  const r16 = (o: number) => (le ? u16le(tiff, o) : u16be(tiff, o));
  const r32 = (o: number) => (le ? u32le(tiff, o) : u32be(tiff, o));
  const findTag = (ifd: number, tag: number): number | undefined => {
    if (ifd + 2 > tiff.length) return undefined;
    const n = r16(ifd);
    for (let k = 0; k < n; k++) {
      const e = ifd + 2 + k * 12;
      if (e + 12 > tiff.length) return undefined;
      if (r16(e) === tag) return e;
    }
    return undefined;
  };
  const exifPtr = findTag(r32(4), 0x8769);
  if (exifPtr === undefined) return undefined;
  const ver = findTag(r32(exifPtr + 8), 0x9000);
  return ver === undefined ? undefined : ascii(tiff, ver + 8, ver + 12);
}

/** Flags for bytes after a format's end marker: a zip behind it, or just data. */
export function trailerFlags(trailer: Uint8Array): IdentifyFlag[] {
  if (trailer.every((x) => x === 0 || x === 0x0a || x === 0x0d || x === 0x20)) return [];
  if (indexOf(trailer, 'PK\x03\x04') >= 0 || indexOf(trailer, 'PK\x05\x06') >= 0) return ['embedded-zip', 'trailing-data'];
  return ['trailing-data'];
}

export function sniffJpeg(p: Probe): Sniffed | null {
  if (!startsWith(p.head, [0xff, 0xd8, 0xff])) return null;
  const scan = scanJpeg(p.head);
  const notes: string[] = [];
  let format: FormatKey = 'jpegRaw';
  if (scan.first === 'jfif' && scan.jfifVersion) {
    const [maj, min] = scan.jfifVersion;
    const byVersion: Record<string, FormatKey> = { '1.0': 'jfif100', '1.1': 'jfif101', '1.2': 'jfif102' };
    format = byVersion[`${maj}.${min}`] ?? 'jpegRaw';
    if (format === 'jpegRaw') notes.push(`JFIF version ${maj}.${min} has no PUID of its own; identified as raw JPEG`);
  } else if (scan.first === 'exif') {
    const v = scan.exifVersion ?? '';
    format = v === '0200' ? 'exif20' : v === '0210' ? 'exif21' : v === '0221' ? 'exif221' : /^023\d$/.test(v) ? 'exif23' : 'jpegRaw';
    if (format === 'jpegRaw') notes.push(`Exif version "${v}" is not one this identifier names; identified as raw JPEG`);
  }
  const flags: IdentifyFlag[] = [];
  const eoi = lastIndexOf(p.tail, [0xff, 0xd9]);
  if (eoi < 0) {
    flags.push('truncated');
    notes.push('no JPEG end-of-image marker (FFD9) at the end of the file');
  } else {
    flags.push(...trailerFlags(p.tail.subarray(eoi + 2)));
  }
  const facts: FormatFacts = {};
  if (scan.width !== undefined) facts.width = scan.width;
  if (scan.height !== undefined) facts.height = scan.height;
  return { format, flags, facts, notes };
}

const PNG_SIG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;
const PNG_IEND = [0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82] as const;

export function sniffPng(p: Probe): Sniffed | null {
  if (!startsWith(p.head, PNG_SIG)) return null;
  const seen = new Set<string>();
  const facts: FormatFacts = {};
  for (let i = 8; i + 8 <= p.head.length; ) {
    const len = u32be(p.head, i);
    const type = ascii(p.head, i + 4, i + 8);
    seen.add(type);
    if (type === 'IHDR' && i + 16 <= p.head.length) {
      facts.width = u32be(p.head, i + 8);
      facts.height = u32be(p.head, i + 12);
    }
    if (type === 'IEND') break;
    i += 12 + len;
  }
  // DROID looks for these chunk names anywhere after IHDR; chunks after the image data are in the tail.
  for (const t of ['iTXt', 'iCCP', 'sPLT', 'sRGB', 'acTL']) if (indexOf(p.tail, t) >= 0) seen.add(t);
  const format: FormatKey = seen.has('iTXt') ? 'png12' : ['iCCP', 'sPLT', 'sRGB'].some((t) => seen.has(t)) ? 'png11' : 'png10';
  const flags: IdentifyFlag[] = [];
  const notes: string[] = [];
  if (seen.has('acTL')) flags.push('animated');
  const iend = lastIndexOf(p.tail, PNG_IEND);
  if (iend < 0) {
    flags.push('truncated');
    notes.push('no PNG IEND chunk at the end of the file');
  } else flags.push(...trailerFlags(p.tail.subarray(iend + PNG_IEND.length)));
  return { format, flags, facts, notes };
}

/** Counts image descriptors by walking GIF blocks within `b` (stops at 2: enough to call it animated). */
function gifFrames(b: Uint8Array): number {
  const skipSubBlocks = (i: number): number => {
    while (i < b.length && b[i] !== 0) i += b[i]! + 1;
    return i + 1;
  };
  let i = 13 + (b[10]! & 0x80 ? 3 * 2 ** ((b[10]! & 7) + 1) : 0);
  let frames = 0;
  while (i < b.length && frames < 2) {
    if (b[i] === 0x21) i = skipSubBlocks(i + 2);
    else if (b[i] === 0x2c) {
      frames++;
      const packed = b[i + 9] ?? 0;
      i += 10 + (packed & 0x80 ? 3 * 2 ** ((packed & 7) + 1) : 0);
      i = skipSubBlocks(i + 1);
    } else break;
  }
  return frames;
}

export function sniffGif(p: Probe): Sniffed | null {
  const v = startsWith(p.head, 'GIF89a') ? 'gif89a' : startsWith(p.head, 'GIF87a') ? 'gif87a' : null;
  if (!v || p.head.length < 10) return null;
  const flags: IdentifyFlag[] = [];
  const notes: string[] = [];
  if (gifFrames(p.head) > 1) flags.push('animated');
  const end = lastIndexOf(p.tail, [0x3b]);
  // DROID accepts the trailer (3B) within the last 4 bytes.
  if (end < 0 || p.tail.length - end > 5) {
    flags.push('truncated');
    notes.push('no GIF trailer (3B) at the end of the file');
  }
  return { format: v, flags, facts: { width: u16le(p.head, 6), height: u16le(p.head, 8) }, notes };
}

export function sniffRiffImage(p: Probe): Sniffed | null {
  if (!startsWith(p.head, 'RIFF') || !startsWith(p.head, 'WEBP', 8)) return null;
  const chunk = ascii(p.head, 12, 16);
  const facts: FormatFacts = { brand: chunk.trim() };
  const flags: IdentifyFlag[] = [...riffSizeFlags(p)];
  let format: FormatKey;
  if (chunk === 'VP8X') {
    format = 'webpExtended';
    if ((p.head[20]! & 0x02) !== 0) flags.push('animated');
    facts.width = (p.head[24]! | (p.head[25]! << 8) | (p.head[26]! << 16)) + 1;
    facts.height = (p.head[27]! | (p.head[28]! << 8) | (p.head[29]! << 16)) + 1;
  } else if (chunk === 'VP8L') {
    format = 'webpLossless';
    const v = u32le(p.head, 21);
    facts.width = (v & 0x3fff) + 1;
    facts.height = ((v >>> 14) & 0x3fff) + 1;
  } else if (chunk === 'VP8 ') {
    format = 'webpLossy';
    facts.width = u16le(p.head, 26) & 0x3fff;
    facts.height = u16le(p.head, 28) & 0x3fff;
  } else return null;
  return { format, flags, facts };
}

/** A RIFF file declares its length; less data is truncation, more is trailing data. */
export function riffSizeFlags(p: Probe): IdentifyFlag[] {
  const declared = u32le(p.head, 4) + 8;
  if (declared > p.size) return ['truncated'];
  if (declared < p.size) {
    const extra = p.size - declared;
    return trailerFlags(p.tail.subarray(Math.max(0, p.tail.length - extra)));
  }
  return [];
}

export function sniffTiff(p: Probe): Sniffed | null {
  if (!startsWith(p.head, 'II*\0') && !startsWith(p.head, 'MM\0*')) return null;
  return { format: 'tiff' };
}

const HEIF_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs', 'mif1', 'msf1']);
const QT_ATOMS = ['moov', 'mdat', 'wide', 'free', 'skip', 'pnot'];

export function sniffIsoBmff(p: Probe): Sniffed | null {
  if (!startsWith(p.head, 'ftyp', 4)) {
    // Old QuickTime files start with a movie atom instead of a file-type box.
    const atom = ascii(p.head, 4, 8);
    return QT_ATOMS.includes(atom) && u32be(p.head, 0) >= 8 ? { format: 'quicktime', facts: { brand: atom } } : null;
  }
  const boxSize = Math.min(u32be(p.head, 0), p.head.length);
  const major = ascii(p.head, 8, 12);
  const brands = [major];
  for (let i = 16; i + 4 <= boxSize; i += 4) brands.push(ascii(p.head, i, i + 4));
  const facts: FormatFacts = { brand: major };
  const flags: IdentifyFlag[] = [];
  let format: FormatKey;
  if (major === 'avif' || major === 'avis' || ((major === 'mif1' || major === 'msf1') && brands.some((b) => b === 'avif' || b === 'avis'))) {
    format = 'avif';
    flags.push('no-puid');
    if (brands.includes('avis')) flags.push('animated');
  } else if (HEIF_BRANDS.has(major)) {
    format = 'heif';
    if (brands.includes('msf1') || brands.includes('hevs')) flags.push('animated');
  } else if (major === 'qt  ') format = 'quicktime';
  else format = 'mp4';
  if (format === 'avif' || format === 'heif') {
    // Image spatial extents ('ispe'); the largest is the full image.
    for (let i = indexOf(p.head, 'ispe'); i >= 0; i = indexOf(p.head, 'ispe', i + 4)) {
      if (i + 16 > p.head.length) break;
      const w = u32be(p.head, i + 8);
      const h = u32be(p.head, i + 12);
      if (w * h > (facts.width ?? 0) * (facts.height ?? 0)) {
        facts.width = w;
        facts.height = h;
      }
    }
  }
  return { format, flags, facts };
}
