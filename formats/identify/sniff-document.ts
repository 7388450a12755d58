// Document and container signatures: PDF (version, PDF/A claim from XMP), WARC, gzip (and the
// WARC inside it), zip.
import { constants, gunzipSync } from 'node:zlib';
import { ascii, indexOf, startsWith } from './bytes.js';
import type { FormatKey } from './formats.js';
import type { FormatFacts, IdentifyFlag, Probe, Sniffed } from './types.js';

const PDF_VERSIONS: Record<string, FormatKey> = {
  '1.0': 'pdf10',
  '1.1': 'pdf11',
  '1.2': 'pdf12',
  '1.3': 'pdf13',
  '1.4': 'pdf14',
  '1.5': 'pdf15',
  '1.6': 'pdf16',
  '1.7': 'pdf17',
  '2.0': 'pdf20',
};

const PDFA: Record<string, FormatKey> = {
  '1A': 'pdfa1a',
  '1B': 'pdfa1b',
  '2A': 'pdfa2a',
  '2B': 'pdfa2b',
  '2U': 'pdfa2u',
  '3A': 'pdfa3a',
  '3B': 'pdfa3b',
  '3U': 'pdfa3u',
  '4': 'pdfa4',
  '4E': 'pdfa4e',
  '4F': 'pdfa4f',
};

/** Reads `pdfaid:part` and `pdfaid:conformance` (attribute or element form) from XMP text. */
export function pdfaClaim(text: string): { part: number; conformance?: string } | undefined {
  const part = /pdfaid:part\s*(?:=\s*["']|>)\s*(\d)/.exec(text)?.[1];
  if (!part) return undefined;
  const conf = /pdfaid:conformance\s*(?:=\s*["']|>)\s*([A-Za-z])/.exec(text)?.[1];
  return conf ? { part: Number(part), conformance: conf.toUpperCase() } : { part: Number(part) };
}

const XREF_BUDGET = 1 << 20;

/** Follows a classic xref table from `startxref` to the catalog's /Metadata stream, with bounded reads. */
function xmpViaXref(p: Probe): string | undefined {
  const tailText = ascii(p.tail);
  const sx = /startxref\s+(\d+)\s*%%EOF\s*$/.exec(tailText);
  if (!sx) return undefined;
  const xrefAt = Number(sx[1]);
  const xref = ascii(p.source.read(xrefAt, XREF_BUDGET));
  if (!xref.startsWith('xref')) return undefined; // xref streams are not followed
  const offsets = new Map<number, number>();
  const re = /(\d+) (\d+)\s*\r?\n|(\d{10}) (\d{5}) ([nf])\s?\r?\n|trailer/g;
  let next = 0;
  for (let m = re.exec(xref); m; m = re.exec(xref)) {
    if (m[0] === 'trailer') break;
    if (m[1] !== undefined) next = Number(m[1]);
    else {
      if (m[5] === 'n') offsets.set(next, Number(m[3]));
      next++;
    }
  }
  const root = /\/Root\s+(\d+)\s+\d+\s+R/.exec(xref.slice(xref.indexOf('trailer')))?.[1];
  const rootAt = root === undefined ? undefined : offsets.get(Number(root));
  if (rootAt === undefined) return undefined;
  const meta = /\/Metadata\s+(\d+)\s+\d+\s+R/.exec(ascii(p.source.read(rootAt, 4096)))?.[1];
  const metaAt = meta === undefined ? undefined : offsets.get(Number(meta));
  return metaAt === undefined ? undefined : ascii(p.source.read(metaAt, 1 << 16));
}

export function sniffPdf(p: Probe): Sniffed | null {
  const at = indexOf(p.head.subarray(0, 1024), '%PDF-');
  if (at < 0) return null;
  const version = ascii(p.head, at + 5, at + 8);
  let format: FormatKey | undefined = PDF_VERSIONS[version];
  const notes: string[] = [];
  const flags: IdentifyFlag[] = [];
  if (at > 0) notes.push(`PDF header at byte ${at}, not at the start`);
  if (!format) {
    format = 'pdf17';
    notes.push(`unknown PDF version "${version}"; named as PDF 1.7`);
  }
  const facts: FormatFacts = {};
  const seen = p.whole ? ascii(p.head) : ascii(p.head) + ascii(p.tail);
  let claim = pdfaClaim(seen);
  if (!claim && !p.whole && indexOf(p.head, 'pdfaid') < 0) {
    const xmp = xmpViaXref(p);
    if (xmp === undefined) flags.push('pdfa-unverified');
    else claim = pdfaClaim(xmp);
  }
  if (claim) {
    facts.pdfa = claim;
    const key = PDFA[`${claim.part}${claim.conformance ?? ''}`];
    if (key) {
      format = key;
      notes.push('PDF/A claim read from the XMP metadata (pdfaid); conformance itself is not validated here');
    } else notes.push(`unknown PDF/A claim part ${claim.part} conformance ${claim.conformance ?? '-'}`);
  }
  if (/\/(JavaScript|JS|Launch)[\s/<(\[]/.test(seen)) {
    flags.push('active-content');
    notes.push('the PDF contains JavaScript or a Launch action');
  }
  if (indexOf(p.tail.subarray(Math.max(0, p.tail.length - 1024)), '%%EOF') < 0) {
    flags.push('truncated');
    notes.push('no %%EOF in the last 1024 bytes');
  }
  return { format, flags, facts, notes };
}

export function sniffWarc(p: Probe): Sniffed | null {
  if (!startsWith(p.head, 'WARC/')) return null;
  if (startsWith(p.head, 'WARC/1.1\r\n')) return { format: 'warc11' };
  if (startsWith(p.head, 'WARC/1.0\r\n')) return { format: 'warc10' };
  return { format: 'warc', notes: [`WARC version "${ascii(p.head, 5, 8)}"`] };
}

export function sniffGzip(p: Probe): Sniffed | null {
  if (!startsWith(p.head, [0x1f, 0x8b, 0x08])) return null;
  let inner = '';
  try {
    // Only the first KiB is inflated, with a cap on output: enough for a WARC header, no bomb.
    inner = ascii(
      gunzipSync(p.head.subarray(0, 1024), { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: 1 << 16 }).subarray(0, 16),
    );
  } catch {
    return { format: 'gzip', notes: ['the start of the gzip stream could not be inflated'] };
  }
  if (inner.startsWith('WARC/1.1\r\n') || inner.startsWith('WARC/1.0\r\n') || inner.startsWith('WARC/')) {
    const innerPuid = inner.startsWith('WARC/1.1') ? 'fmt/1281' : inner.startsWith('WARC/1.0') ? 'fmt/1355' : 'fmt/289';
    return {
      format: 'gzip',
      flags: ['compressed-warc'],
      facts: { innerPuid },
      notes: [`gzip-compressed WARC (${innerPuid}); the archive keeps WARC uncompressed`],
    };
  }
  return { format: 'gzip' };
}

export function sniffZip(p: Probe): Sniffed | null {
  if (startsWith(p.head, 'PK\x03\x04') || startsWith(p.head, 'PK\x05\x06') || startsWith(p.head, 'PK\x07\x08')) {
    return { format: 'zip' };
  }
  return null;
}
