// What a container costs: upper bounds on the bytes each entry takes in a zip or tar as our writers
// write it (zip-records.ts, tar-records.ts), so volumes can be planned before anything is written and
// never exceed their limit. Only deflated sizes are unknown in advance: they are bounded by deflate's
// worst case, so a volume ends up a little under its limit, never over it.

import { BLOCK, TAR_END, needsPax, paxBound } from './tar-records.js';
import { CENTRAL_HEADER_MAX, END_RECORDS_MAX, LOCAL_HEADER_MAX } from './zip-records.js';

export type ContainerFormat = 'zip' | 'tar';

/** Formats worth deflating: text and structured data. Media and PDFs are already compressed. */
const COMPRESSIBLE_PUIDS = new Set([
  'fmt/817', // JSON
  'fmt/880', // JSON-LD
  'fmt/1311', // Tweet JSON
  'fmt/101', // XML 1.0
  'x-fmt/280', // XSD
  'fmt/289', // WARC
  'fmt/1355', // WARC 1.0
  'fmt/1281', // WARC 1.1
  'x-fmt/111', // plain text
  'x-fmt/16', // Unicode text
  'x-fmt/18', // CSV
  'x-fmt/13', // TSV
  'fmt/96', // HTML
  'fmt/100', // HTML 4.01
  'fmt/471', // HTML 5
  'fmt/102', // XHTML 1.0
  'fmt/1149', // Markdown
  'fmt/875', // RDF/XML
  'fmt/874', // Turtle
]);

/**
 * Below this size a file is stored even when it would compress: a deflate stream per small file
 * (sidecars, JSON payloads) costs far more time than the few kilobytes it saves.
 */
export const DEFLATE_MIN_BYTES = 64 * 1024;

/** Deflate a file only when its format compresses and it is large enough to be worth it. */
export const shouldDeflate = (puid: string, size: number): boolean => size >= DEFLATE_MIN_BYTES && COMPRESSIBLE_PUIDS.has(puid);

/** Worst-case size of deflate output: stored blocks of at most 65535 bytes with 5 bytes each, plus room. */
export const deflateBound = (size: number): number => size + 5 * Math.ceil(size / 16_383 + 1) + 64;

const block = (n: number): number => Math.ceil(n / BLOCK) * BLOCK;

/** Upper bound on the bytes an entry adds to a container. */
export function entryBound(format: ContainerFormat, name: string, size: number, deflate: boolean): number {
  const nameBytes = Buffer.byteLength(name, 'utf8');
  if (format === 'zip') {
    const data = deflate ? deflateBound(size) : size;
    return LOCAL_HEADER_MAX + CENTRAL_HEADER_MAX + 2 * nameBytes + data;
  }
  return BLOCK + (needsPax(name, size) ? paxBound(nameBytes) : 0) + block(size);
}

/** Upper bound on the fixed bytes of a container (end records). */
export const containerOverhead = (format: ContainerFormat): number => (format === 'zip' ? END_RECORDS_MAX : TAR_END.length);

export const containerExtension = (format: ContainerFormat): string => (format === 'zip' ? '.zip' : '.tar');
