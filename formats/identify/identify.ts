// Identifies a file by its bytes: a table of sniffers tried in order, each looking at a bounded
// head and tail. The name is only used to flag a contradiction, never to decide.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { bufferSource, lastIndexOf, u16le, type ByteSource } from './bytes.js';
import { FORMATS } from './formats.js';
import { statusOf } from './preferred-formats.js';
import { sniffEbml, sniffFlac, sniffMp3, sniffOgg, sniffWave } from './sniff-av.js';
import { sniffGzip, sniffPdf, sniffWarc, sniffZip } from './sniff-document.js';
import { sniffGif, sniffIsoBmff, sniffJpeg, sniffPng, sniffRiffImage, sniffTiff } from './sniff-image.js';
import { sniffText } from './sniff-text.js';
import type { Identification, IdentifyFlag, Probe, Sniffed, Sniffer } from './types.js';

/** Bytes read from the start and from the end of every file. */
export const HEAD_BYTES = 256 * 1024;
export const TAIL_BYTES = 64 * 1024;

/** Order matters where signatures overlap: binary magic first, text last. */
const SNIFFERS: readonly Sniffer[] = [
  sniffJpeg,
  sniffPng,
  sniffGif,
  sniffRiffImage,
  sniffWave,
  sniffTiff,
  sniffIsoBmff,
  sniffEbml,
  sniffFlac,
  sniffOgg,
  sniffPdf,
  sniffWarc,
  sniffGzip,
  sniffZip,
  sniffMp3,
  sniffText,
];

export interface IdentifyOptions {
  /** The file's name as received; its extension is checked against the bytes. */
  name?: string | undefined;
}

/** A zip's end-of-central-directory record at the end of a file that is not itself a zip. */
function zipAtEnd(tail: Uint8Array): boolean {
  const at = lastIndexOf(tail, 'PK\x05\x06');
  return at >= 0 && at + 22 <= tail.length && at + 22 + u16le(tail, at + 20) === tail.length;
}

function extensionOf(name: string | undefined): string | undefined {
  const base = name?.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : undefined;
}

export function identifySource(source: ByteSource, opts: IdentifyOptions = {}): Identification {
  const head = source.read(0, HEAD_BYTES);
  const whole = head.length >= source.size;
  const tail = whole ? head : source.read(Math.max(0, source.size - TAIL_BYTES), TAIL_BYTES);
  const probe: Probe = { head, tail, size: source.size, whole, source };
  let sniffed: Sniffed | null = null;
  for (const sniff of SNIFFERS) {
    sniffed = sniff(probe);
    if (sniffed) break;
  }
  const found: Sniffed = sniffed ?? { format: 'unknown', flags: ['unknown-format'], notes: ['no known signature matched'] };
  const def = FORMATS[found.format];
  const flags = new Set<IdentifyFlag>(found.flags ?? []);
  const notes = [...(found.notes ?? [])];
  if (found.format !== 'zip' && !flags.has('embedded-zip') && zipAtEnd(tail)) {
    flags.add('embedded-zip');
    notes.push('a zip archive is appended to the file');
  }
  const ext = extensionOf(opts.name);
  if (ext !== undefined && found.format !== 'unknown' && !(def.extensions as readonly string[]).includes(ext)) {
    flags.add('extension-mismatch');
    notes.push(`the name ends in .${ext} but the bytes are ${def.name}${'version' in def ? ` ${def.version}` : ''}`);
  }
  const result: Identification = {
    puid: def.puid,
    name: def.name,
    mime: def.mime,
    status: flags.has('compressed-warc') ? 'neither' : statusOf(def.puid),
    flags: [...flags],
    facts: found.facts ?? {},
    notes,
  };
  if ('version' in def) result.version = def.version;
  return result;
}

export function identifyBytes(bytes: Uint8Array, opts: IdentifyOptions = {}): Identification {
  return identifySource(bufferSource(bytes), opts);
}

/** Identifies a file on disk, reading only its head, tail and (for PDF) a few bounded objects. */
export function identifyFile(path: string, opts: IdentifyOptions = {}): Identification {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const source: ByteSource = {
      size,
      read(offset, length) {
        const n = Math.max(0, Math.min(length, size - offset));
        const buf = Buffer.alloc(n);
        const got = n > 0 ? readSync(fd, buf, 0, n, offset) : 0;
        return buf.subarray(0, got);
      },
    };
    return identifySource(source, { name: opts.name ?? path });
  } finally {
    closeSync(fd);
  }
}
