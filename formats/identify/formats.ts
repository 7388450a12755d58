// The formats this identifier can name, as data: PUID, PRONOM name and version, MIME type and the
// file extensions that are not a contradiction for it.
//
// Source of PUIDs and names: PRONOM via DROID signature file V118 (2024-04-29), as checked in
// `shared/reference/standards.md` §2.2 and re-read for PNG (fmt/11-13), Exif (fmt/645, fmt/1507,
// x-fmt/398, x-fmt/390), WebP (fmt/566), WAVE (fmt/141), Ogg (fmt/944), HEIF (fmt/1101) and PDF 2.0 (fmt/1129)
// in the per-format PRONOM records that siegfried ships (cmd/roy/data). AVIF has no PUID in V118:
// it is identified by name with `puid: null` and the flag `no-puid`.

export interface FormatDef {
  puid: string | null;
  /** PRONOM format name. */
  name: string;
  /** PRONOM format version, when the record has one. */
  version?: string;
  mime: string;
  /** Lower-case extensions without dot; a file named otherwise is flagged `extension-mismatch`. */
  extensions: readonly string[];
}

const JPEG_EXT = ['jpg', 'jpeg', 'jpe', 'jfif'] as const;
const PDF_EXT = ['pdf'] as const;
const PDF = 'Portable Document Format';
const PDFA = 'Acrobat PDF/A - Portable Document Format';

export const FORMATS = {
  jpegRaw: { puid: 'fmt/41', name: 'Raw JPEG Stream', mime: 'image/jpeg', extensions: JPEG_EXT },
  jfif100: { puid: 'fmt/42', name: 'JPEG File Interchange Format', version: '1.00', mime: 'image/jpeg', extensions: JPEG_EXT },
  jfif101: { puid: 'fmt/43', name: 'JPEG File Interchange Format', version: '1.01', mime: 'image/jpeg', extensions: JPEG_EXT },
  jfif102: { puid: 'fmt/44', name: 'JPEG File Interchange Format', version: '1.02', mime: 'image/jpeg', extensions: JPEG_EXT },
  exif20: { puid: 'x-fmt/398', name: 'Exchangeable Image File Format (Compressed)', version: '2.0', mime: 'image/jpeg', extensions: JPEG_EXT },
  exif21: { puid: 'x-fmt/390', name: 'Exchangeable Image File Format (Compressed)', version: '2.1', mime: 'image/jpeg', extensions: JPEG_EXT },
  exif221: { puid: 'fmt/645', name: 'Exchangeable Image File Format (Compressed)', version: '2.2.1', mime: 'image/jpeg', extensions: JPEG_EXT },
  exif23: { puid: 'fmt/1507', name: 'Exchangeable Image File Format (Compressed)', version: '2.3.x', mime: 'image/jpeg', extensions: JPEG_EXT },
  png10: { puid: 'fmt/11', name: 'Portable Network Graphics', version: '1.0', mime: 'image/png', extensions: ['png'] },
  png11: { puid: 'fmt/12', name: 'Portable Network Graphics', version: '1.1', mime: 'image/png', extensions: ['png'] },
  png12: { puid: 'fmt/13', name: 'Portable Network Graphics', version: '1.2', mime: 'image/png', extensions: ['png'] },
  gif87a: { puid: 'fmt/3', name: 'Graphics Interchange Format', version: '87a', mime: 'image/gif', extensions: ['gif'] },
  gif89a: { puid: 'fmt/4', name: 'Graphics Interchange Format', version: '89a', mime: 'image/gif', extensions: ['gif'] },
  webpLossy: { puid: 'fmt/566', name: 'WebP', version: 'Lossy', mime: 'image/webp', extensions: ['webp'] },
  webpLossless: { puid: 'fmt/567', name: 'WebP', version: 'Lossless', mime: 'image/webp', extensions: ['webp'] },
  webpExtended: { puid: 'fmt/568', name: 'WebP', version: 'Extended', mime: 'image/webp', extensions: ['webp'] },
  avif: { puid: null, name: 'AV1 Image File Format', mime: 'image/avif', extensions: ['avif'] },
  heif: { puid: 'fmt/1101', name: 'High Efficiency Image File Format', mime: 'image/heif', extensions: ['heic', 'heif', 'hif'] },
  tiff: { puid: 'fmt/353', name: 'Tagged Image File Format', mime: 'image/tiff', extensions: ['tif', 'tiff'] },
  svg10: { puid: 'fmt/91', name: 'Scalable Vector Graphics', version: '1.0', mime: 'image/svg+xml', extensions: ['svg'] },
  svg11: { puid: 'fmt/92', name: 'Scalable Vector Graphics', version: '1.1', mime: 'image/svg+xml', extensions: ['svg'] },
  pdf10: { puid: 'fmt/14', name: PDF, version: '1.0', mime: 'application/pdf', extensions: PDF_EXT },
  pdf11: { puid: 'fmt/15', name: PDF, version: '1.1', mime: 'application/pdf', extensions: PDF_EXT },
  pdf12: { puid: 'fmt/16', name: PDF, version: '1.2', mime: 'application/pdf', extensions: PDF_EXT },
  pdf13: { puid: 'fmt/17', name: PDF, version: '1.3', mime: 'application/pdf', extensions: PDF_EXT },
  pdf14: { puid: 'fmt/18', name: PDF, version: '1.4', mime: 'application/pdf', extensions: PDF_EXT },
  pdf15: { puid: 'fmt/19', name: PDF, version: '1.5', mime: 'application/pdf', extensions: PDF_EXT },
  pdf16: { puid: 'fmt/20', name: PDF, version: '1.6', mime: 'application/pdf', extensions: PDF_EXT },
  pdf17: { puid: 'fmt/276', name: PDF, version: '1.7', mime: 'application/pdf', extensions: PDF_EXT },
  pdf20: { puid: 'fmt/1129', name: 'PDF 2.0 - Portable Document Format', version: '2.0', mime: 'application/pdf', extensions: PDF_EXT },
  pdfa1a: { puid: 'fmt/95', name: PDFA, version: '1a', mime: 'application/pdf', extensions: PDF_EXT },
  pdfa1b: { puid: 'fmt/354', name: PDFA, version: '1b', mime: 'application/pdf', extensions: PDF_EXT },
  pdfa2a: { puid: 'fmt/476', name: PDFA, version: '2a', mime: 'application/pdf', extensions: PDF_EXT },
  pdfa2b: { puid: 'fmt/477', name: PDFA, version: '2b', mime: 'application/pdf', extensions: PDF_EXT },
  pdfa2u: { puid: 'fmt/478', name: PDFA, version: '2u', mime: 'application/pdf', extensions: PDF_EXT },
  pdfa3a: { puid: 'fmt/479', name: PDFA, version: '3a', mime: 'application/pdf', extensions: PDF_EXT },
  pdfa3b: { puid: 'fmt/480', name: PDFA, version: '3b', mime: 'application/pdf', extensions: PDF_EXT },
  pdfa3u: { puid: 'fmt/481', name: PDFA, version: '3u', mime: 'application/pdf', extensions: PDF_EXT },
  pdfa4: { puid: 'fmt/1910', name: PDFA, version: '4', mime: 'application/pdf', extensions: PDF_EXT },
  pdfa4e: { puid: 'fmt/1911', name: PDFA, version: '4e', mime: 'application/pdf', extensions: PDF_EXT },
  pdfa4f: { puid: 'fmt/1912', name: PDFA, version: '4f', mime: 'application/pdf', extensions: PDF_EXT },
  mp4: { puid: 'fmt/199', name: 'MPEG-4 Media File', mime: 'video/mp4', extensions: ['mp4', 'm4v', 'm4a', 'mp4a', 'mp4v'] },
  quicktime: { puid: 'x-fmt/384', name: 'Quicktime', mime: 'video/quicktime', extensions: ['mov', 'qt'] },
  webm: { puid: 'fmt/573', name: 'WebM', mime: 'video/webm', extensions: ['webm'] },
  matroska: { puid: 'fmt/569', name: 'Matroska', mime: 'video/x-matroska', extensions: ['mkv', 'mka', 'mks', 'mk3d'] },
  mp3: { puid: 'fmt/134', name: 'MPEG 1/2 Audio Layer 3', mime: 'audio/mpeg', extensions: ['mp3'] },
  wavPcm: { puid: 'fmt/141', name: 'Waveform Audio (PCMWAVEFORMAT)', mime: 'audio/x-wav', extensions: ['wav', 'wave'] },
  wavEx: { puid: 'fmt/142', name: 'Waveform Audio (WAVEFORMATEX)', mime: 'audio/x-wav', extensions: ['wav', 'wave'] },
  wavExtensible: { puid: 'fmt/143', name: 'Waveform Audio (WAVEFORMATEXTENSIBLE)', mime: 'audio/x-wav', extensions: ['wav', 'wave'] },
  flac: { puid: 'fmt/279', name: 'FLAC (Free Lossless Audio Codec)', mime: 'audio/flac', extensions: ['flac'] },
  ogg: { puid: 'fmt/944', name: 'Ogg Multimedia Container', mime: 'application/ogg', extensions: ['ogg', 'oga', 'ogv', 'opus', 'spx'] },
  oggVorbis: { puid: 'fmt/203', name: 'Ogg Vorbis Codec Compressed Multimedia File', mime: 'audio/ogg', extensions: ['ogg', 'oga'] },
  oggOpus: { puid: 'fmt/946', name: 'Ogg Opus Codec Compressed Multimedia File', mime: 'audio/ogg', extensions: ['opus', 'ogg', 'oga'] },
  warc: { puid: 'fmt/289', name: 'WARC', mime: 'application/warc', extensions: ['warc'] },
  warc10: { puid: 'fmt/1355', name: 'WARC', version: '1.0', mime: 'application/warc', extensions: ['warc'] },
  warc11: { puid: 'fmt/1281', name: 'WARC', version: '1.1', mime: 'application/warc', extensions: ['warc'] },
  gzip: { puid: 'x-fmt/266', name: 'GZIP Format', mime: 'application/gzip', extensions: ['gz', 'tgz', 'gzip'] },
  zip: { puid: 'x-fmt/263', name: 'ZIP Format', mime: 'application/zip', extensions: ['zip'] },
  json: { puid: 'fmt/817', name: 'JSON Data Interchange Format', mime: 'application/json', extensions: ['json', 'jsonl', 'ndjson'] },
  xml: { puid: 'fmt/101', name: 'Extensible Markup Language', version: '1.0', mime: 'text/xml', extensions: ['xml', 'xsd', 'rdf'] },
  html: { puid: 'fmt/96', name: 'Hypertext Markup Language', mime: 'text/html', extensions: ['html', 'htm'] },
  html5: { puid: 'fmt/471', name: 'Hypertext Markup Language', version: '5', mime: 'text/html', extensions: ['html', 'htm'] },
  text: { puid: 'x-fmt/111', name: 'Plain Text File', mime: 'text/plain', extensions: ['txt', 'text', 'log', 'md', 'csv'] },
  unknown: { puid: null, name: 'Unknown', mime: 'application/octet-stream', extensions: [] },
} as const satisfies Record<string, FormatDef>;

export type FormatKey = keyof typeof FORMATS;
