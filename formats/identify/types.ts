import type { ByteSource } from './bytes.js';
import type { FormatKey } from './formats.js';
import type { FormatStatus } from './preferred-formats.js';

/**
 * Something about a file that a person must look at; identification never guesses past these.
 * - `unknown-format`: no signature matched.
 * - `extension-mismatch`: the name's extension does not fit the bytes (a JPEG named .png).
 * - `truncated`: the format's end marker is missing (JPEG EOI, PNG IEND, GIF trailer, PDF %%EOF,
 *   RIFF size larger than the file).
 * - `trailing-data`: bytes follow the format's end marker.
 * - `embedded-zip`: a zip archive sits inside or behind the file (a polyglot).
 * - `active-content`: script in an SVG, HTML or PDF.
 * - `external-references`: an SVG refers to files or URLs outside itself.
 * - `compressed-warc`: a gzip-compressed WARC (identified as gzip; not acceptable for transfer).
 * - `animated`: more than one frame (animated GIF, APNG, WebP, AVIF sequence).
 * - `no-puid`: recognised, but PRONOM (DROID V118) has no PUID for it.
 * - `pdfa-unverified`: PDF whose XMP metadata could not be reached within the read budget.
 */
export type IdentifyFlag =
  | 'unknown-format'
  | 'extension-mismatch'
  | 'truncated'
  | 'trailing-data'
  | 'embedded-zip'
  | 'active-content'
  | 'external-references'
  | 'compressed-warc'
  | 'animated'
  | 'no-puid'
  | 'pdfa-unverified';

/** Structural facts found on the way; used by derivatives to refuse bombs before decoding. */
export interface FormatFacts {
  width?: number;
  height?: number;
  /** PDF/A claim from XMP `pdfaid`. */
  pdfa?: { part: number; conformance?: string };
  /** For a gzip: what it contains, when recognised. */
  innerPuid?: string;
  /** ISO BMFF major brand, EBML DocType, Ogg codec, RIFF form. */
  brand?: string;
}

export interface Identification {
  puid: string | null;
  /** PRONOM name. */
  name: string;
  version?: string;
  mime: string;
  status: FormatStatus;
  flags: IdentifyFlag[];
  facts: FormatFacts;
  /** Short explanations for a person, e.g. why a flag was raised. */
  notes: string[];
}

/** What a sniffer sees: the first and last bytes, preloaded, and bounded access to the rest. */
export interface Probe {
  head: Uint8Array;
  tail: Uint8Array;
  size: number;
  /** True when `head` holds the whole file. */
  whole: boolean;
  source: ByteSource;
}

export interface Sniffed {
  format: FormatKey;
  flags?: IdentifyFlag[];
  facts?: FormatFacts;
  notes?: string[];
}

/** A sniffer recognises one family of formats or returns null. */
export type Sniffer = (p: Probe) => Sniffed | null;
