// Which formats the archive keeps without a derivative, as data with its source per entry.
//
// NA    = "Voorkeursformaten Nationaal Archief" as encoded by Noord-Hollands Archief,
//         noord-hollandsarchief/preingest-mdto-utilities app/csv/voorkeursformaten.csv
//         (commit 29ed7f3a26c65ba2cdf7812e1f798545253f12e8), PUIDs corrected against DROID V118
//         (see shared/reference/standards.md §2.2).
// SPEC  = socialarchive SPEC §4, which names the forms this product keeps for social media
//         (PNG 1.0-1.2 and the JPEG variants platforms serve; PDF/A-2b/2u renditions; WARC 1.0;
//         normalised JSON).
// SIP   = MDTO SIP specification (standards.md §1.8): XML and JSON are named preferred forms for
//         extra metadata.
// OWN   = a decision of this product, documented in docs/formats.md: the plain text extracted from
//         a captured web page (UTF-8, self-describing, readable by any tool) is kept as acceptable
//         beside its preferred renderings (PNG screenshot, WARC).
// A PUID that is not listed is `neither`: the original is kept and a derivative is made where the
// product knows how (images → PNG, audio → FLAC, video → MP4).

export type FormatStatus = 'preferred' | 'acceptable' | 'neither';

export interface StatusEntry {
  status: Exclude<FormatStatus, 'neither'>;
  category: 'text' | 'image' | 'vector' | 'audio' | 'video' | 'web' | 'data';
  source: 'NA' | 'SPEC' | 'SIP' | 'OWN';
}

export const FORMAT_STATUS: Readonly<Record<string, StatusEntry>> = {
  // text / documents
  'fmt/95': { status: 'preferred', category: 'text', source: 'NA' }, // PDF/A-1a
  'fmt/476': { status: 'preferred', category: 'text', source: 'NA' }, // PDF/A-2a
  'fmt/477': { status: 'preferred', category: 'text', source: 'SPEC' }, // PDF/A-2b (our renditions)
  'fmt/478': { status: 'preferred', category: 'text', source: 'SPEC' }, // PDF/A-2u
  'fmt/276': { status: 'acceptable', category: 'text', source: 'NA' }, // PDF 1.7
  // raster images
  'fmt/13': { status: 'preferred', category: 'image', source: 'NA' }, // PNG 1.2
  'fmt/11': { status: 'preferred', category: 'image', source: 'SPEC' }, // PNG 1.0: valid PNG 1.2 too
  'fmt/12': { status: 'preferred', category: 'image', source: 'SPEC' }, // PNG 1.1: valid PNG 1.2 too
  'fmt/4': { status: 'preferred', category: 'image', source: 'NA' }, // GIF 89a
  'fmt/353': { status: 'preferred', category: 'image', source: 'NA' }, // TIFF
  'fmt/44': { status: 'acceptable', category: 'image', source: 'NA' }, // JFIF 1.02
  'fmt/41': { status: 'acceptable', category: 'image', source: 'NA' }, // raw JPEG
  'fmt/42': { status: 'acceptable', category: 'image', source: 'SPEC' }, // JFIF 1.00
  'fmt/43': { status: 'acceptable', category: 'image', source: 'SPEC' }, // JFIF 1.01
  'x-fmt/398': { status: 'acceptable', category: 'image', source: 'SPEC' }, // Exif 2.0
  'x-fmt/390': { status: 'acceptable', category: 'image', source: 'SPEC' }, // Exif 2.1
  'fmt/645': { status: 'acceptable', category: 'image', source: 'SPEC' }, // Exif 2.2.1
  'fmt/1507': { status: 'acceptable', category: 'image', source: 'SPEC' }, // Exif 2.3.x
  'fmt/3': { status: 'acceptable', category: 'image', source: 'SPEC' }, // GIF 87a
  // vector
  'fmt/92': { status: 'preferred', category: 'vector', source: 'NA' }, // SVG 1.1
  // audio
  'fmt/141': { status: 'preferred', category: 'audio', source: 'NA' }, // WAVE PCMWAVEFORMAT
  'fmt/142': { status: 'preferred', category: 'audio', source: 'NA' }, // WAVE WAVEFORMATEX
  'fmt/527': { status: 'preferred', category: 'audio', source: 'NA' }, // Broadcast WAVE 2
  'fmt/279': { status: 'preferred', category: 'audio', source: 'NA' }, // FLAC
  'fmt/134': { status: 'acceptable', category: 'audio', source: 'NA' }, // MP3
  'fmt/596': { status: 'acceptable', category: 'audio', source: 'NA' }, // ALAC / M4A
  // video
  'fmt/200': { status: 'preferred', category: 'video', source: 'NA' }, // MXF OP1a
  'fmt/573': { status: 'preferred', category: 'video', source: 'NA' }, // WebM
  'fmt/199': { status: 'acceptable', category: 'video', source: 'NA' }, // MPEG-4
  'fmt/569': { status: 'acceptable', category: 'video', source: 'NA' }, // Matroska
  // web archives
  'fmt/1281': { status: 'preferred', category: 'web', source: 'NA' }, // WARC 1.1
  'fmt/1355': { status: 'acceptable', category: 'web', source: 'SPEC' }, // WARC 1.0
  // structured data
  'fmt/817': { status: 'preferred', category: 'data', source: 'SPEC' }, // JSON (normalised items)
  'fmt/101': { status: 'preferred', category: 'data', source: 'SIP' }, // XML 1.0
  'x-fmt/111': { status: 'acceptable', category: 'text', source: 'OWN' }, // plain text (page text of a browser capture)
  'x-fmt/16': { status: 'acceptable', category: 'text', source: 'OWN' }, // Unicode text
};

export function statusOf(puid: string | null): FormatStatus {
  return (puid && FORMAT_STATUS[puid]?.status) || 'neither';
}
