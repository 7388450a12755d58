// Audio and video signatures: WebM/Matroska (EBML), MP3, FLAC, Ogg and WAVE.
import { ascii, indexOf, startsWith, u16le, u32le } from './bytes.js';
import type { FormatKey } from './formats.js';
import { riffSizeFlags } from './sniff-image.js';
import type { Probe, Sniffed } from './types.js';

export function sniffEbml(p: Probe): Sniffed | null {
  if (!startsWith(p.head, [0x1a, 0x45, 0xdf, 0xa3])) return null;
  const i = indexOf(p.head.subarray(0, 4096), [0x42, 0x82]);
  if (i < 0) return { format: 'matroska', notes: ['EBML file without a DocType; taken as Matroska'] };
  const sizeByte = p.head[i + 2] ?? 0;
  const len = sizeByte & 0x80 ? sizeByte & 0x7f : 0;
  const docType = ascii(p.head, i + 3, i + 3 + len);
  return { format: docType === 'webm' ? 'webm' : 'matroska', facts: { brand: docType } };
}

/** An MPEG-1/2 audio layer III frame header at `i`. */
function isMp3Frame(b: Uint8Array, i: number): boolean {
  if (i + 4 > b.length || b[i] !== 0xff || (b[i + 1]! & 0xe0) !== 0xe0) return false;
  const version = (b[i + 1]! >> 3) & 3;
  const layer = (b[i + 1]! >> 1) & 3;
  const bitrate = b[i + 2]! >> 4;
  const rate = (b[i + 2]! >> 2) & 3;
  return version !== 1 && layer === 1 && bitrate !== 0xf && bitrate !== 0 && rate !== 3;
}

export function sniffMp3(p: Probe): Sniffed | null {
  if (startsWith(p.head, 'ID3') && p.head.length >= 10) {
    // ID3v2 size is a 28-bit synchsafe integer; the first audio frame follows the tag.
    const size = ((p.head[6]! & 0x7f) << 21) | ((p.head[7]! & 0x7f) << 14) | ((p.head[8]! & 0x7f) << 7) | (p.head[9]! & 0x7f);
    const first = 10 + size;
    if (first >= p.head.length || isMp3Frame(p.head, first)) return { format: 'mp3' };
    return null;
  }
  return isMp3Frame(p.head, 0) ? { format: 'mp3' } : null;
}

export function sniffFlac(p: Probe): Sniffed | null {
  return startsWith(p.head, 'fLaC') ? { format: 'flac' } : null;
}

export function sniffOgg(p: Probe): Sniffed | null {
  if (!startsWith(p.head, 'OggS')) return null;
  // The first page carries the codec's identification header right after the segment table.
  const segments = p.head[26] ?? 0;
  const body = 27 + segments;
  if (startsWith(p.head, '\x01vorbis', body)) return { format: 'oggVorbis', facts: { brand: 'vorbis' } };
  if (startsWith(p.head, 'OpusHead', body)) return { format: 'oggOpus', facts: { brand: 'opus' } };
  return { format: 'ogg', notes: ['Ogg stream with a codec this identifier does not name'] };
}

export function sniffWave(p: Probe): Sniffed | null {
  if (!startsWith(p.head, 'RIFF') || !startsWith(p.head, 'WAVE', 8)) return null;
  const flags = riffSizeFlags(p);
  const fmt = indexOf(p.head.subarray(0, 4096), 'fmt ', 12);
  if (fmt < 0) return { format: 'wavEx', flags, notes: ['WAVE file without a format chunk in its first 4 KiB'] };
  const chunkSize = u32le(p.head, fmt + 4);
  const tag = u16le(p.head, fmt + 8);
  let format: FormatKey = 'wavEx';
  if (chunkSize === 16 && tag === 1) format = 'wavPcm';
  else if (chunkSize === 40 || tag === 0xfffe) format = 'wavExtensible';
  return { format, flags, facts: { brand: `fmt-tag-${tag}` } };
}
