// Builds a corpus of real files with the real tools (sharp, ffmpeg, Ghostscript) for the format tests.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { deflateRawSync, gzipSync, crc32 } from 'node:zlib';
import sharp from 'sharp';

const run = promisify(execFile);

export interface CorpusFile {
  name: string;
  path: string;
  /** Expected PUID (null: recognised without PUID). */
  puid: string | null;
  status: 'preferred' | 'acceptable' | 'neither';
  /** Flags that must be present. */
  flags?: string[];
}

const noise = (width = 64, height = 48) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 30, b: 60 }, noise: { type: 'gaussian', mean: 128, sigma: 30 } } });

/** A minimal zip archive (stored, one entry), enough for signatures and polyglot tests. */
export function makeZip(entryName: string, data: Buffer): Buffer {
  const name = Buffer.from(entryName);
  const body = deflateRawSync(data);
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(body.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(body.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(name.length, 28);
  const cdOffset = local.length + name.length + body.length;
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(central.length + name.length, 12);
  eocd.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, name, body, central, name, eocd]);
}

export const warcRecord = (version: '1.0' | '1.1'): Buffer =>
  Buffer.from(
    `WARC/${version}\r\nWARC-Type: warcinfo\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-000000000000>\r\n` +
      `WARC-Date: 2024-05-01T10:00:00Z\r\nContent-Type: application/warc-fields\r\nContent-Length: 22\r\n\r\nsoftware: socialarchive\r\n\r\n`,
  );

const PS_PAGE = '%!PS\n/DejaVuSans findfont 14 scalefont setfont 72 720 moveto (Hallo archief) show showpage\n';

export async function buildCorpus(dir: string): Promise<CorpusFile[]> {
  const files: CorpusFile[] = [];
  const put = async (name: string, bytes: Buffer | Uint8Array, expect: Omit<CorpusFile, 'name' | 'path'>) => {
    const path = join(dir, name);
    await writeFile(path, bytes);
    files.push({ name, path, ...expect });
  };
  const ffmpeg = async (name: string, args: string[], expect: Omit<CorpusFile, 'name' | 'path'>) => {
    const path = join(dir, name);
    await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args, path]);
    files.push({ name, path, ...expect });
  };
  const frames = [await noise().png().toBuffer(), await sharp({ create: { width: 64, height: 48, channels: 3, background: 'blue' } }).png().toBuffer()];

  // Images (sharp)
  await put('raw.jpg', await noise().jpeg().toBuffer(), { puid: 'fmt/41', status: 'acceptable' });
  await put('exif.jpg', await noise().jpeg().withExif({ IFD0: { Copyright: 'test' } }).toBuffer(), { puid: 'x-fmt/390', status: 'acceptable' });
  await put('plain.png', await noise().png().toBuffer(), { puid: 'fmt/11', status: 'preferred' });
  await put('icc.png', await noise().withIccProfile('p3').png().toBuffer(), { puid: 'fmt/12', status: 'preferred' });
  await put('still.gif', await noise().gif().toBuffer(), { puid: 'fmt/4', status: 'preferred' });
  await put('anim.gif', await sharp(frames, { join: { animated: true } }).gif().toBuffer(), { puid: 'fmt/4', status: 'preferred', flags: ['animated'] });
  await put('lossy.webp', await noise().webp().toBuffer(), { puid: 'fmt/566', status: 'neither' });
  await put('lossless.webp', await noise().webp({ lossless: true }).toBuffer(), { puid: 'fmt/567', status: 'neither' });
  await put('anim.webp', await sharp(frames, { join: { animated: true } }).webp().toBuffer(), { puid: 'fmt/568', status: 'neither', flags: ['animated'] });
  await put('photo.avif', await noise().avif().toBuffer(), { puid: null, status: 'neither', flags: ['no-puid'] });
  const heicSource = join(dir, 'heic-source.png');
  await noise().png().toFile(heicSource);
  await run('heif-enc', ['-o', join(dir, 'photo.heic'), heicSource]);
  files.push({ name: 'photo.heic', path: join(dir, 'photo.heic'), puid: 'fmt/1101', status: 'neither' });
  await put('scan.tiff', await noise().tiff().toBuffer(), { puid: 'fmt/353', status: 'preferred' });

  // Audio and video (ffmpeg)
  const tone = ['-f', 'lavfi', '-i', 'sine=frequency=440:duration=0.3'];
  const clip = ['-f', 'lavfi', '-i', 'testsrc=size=64x48:rate=10:duration=0.3'];
  await ffmpeg('still-jfif.jpg', ['-f', 'lavfi', '-i', 'color=c=red:size=32x32', '-frames:v', '1'], { puid: 'fmt/44', status: 'acceptable' });
  await ffmpeg('tone.wav', [...tone, '-c:a', 'pcm_s16le'], { puid: 'fmt/141', status: 'preferred' });
  await ffmpeg('tone.flac', [...tone], { puid: 'fmt/279', status: 'preferred' });
  await ffmpeg('tone.mp3', [...tone, '-c:a', 'libmp3lame'], { puid: 'fmt/134', status: 'acceptable' });
  await ffmpeg('tone.opus', [...tone, '-c:a', 'libopus'], { puid: 'fmt/946', status: 'neither' });
  await ffmpeg('clip.mp4', [...clip, '-c:v', 'libx264', '-pix_fmt', 'yuv420p'], { puid: 'fmt/199', status: 'acceptable' });
  await ffmpeg('clip.mov', [...clip, '-c:v', 'libx264', '-pix_fmt', 'yuv420p'], { puid: 'x-fmt/384', status: 'neither' });
  await ffmpeg('clip.webm', [...clip, '-c:v', 'libvpx', '-deadline', 'realtime'], { puid: 'fmt/573', status: 'preferred' });
  await ffmpeg('clip.mkv', [...clip, '-c:v', 'libx264', '-pix_fmt', 'yuv420p'], { puid: 'fmt/569', status: 'acceptable' });

  // Documents (Ghostscript)
  const ps = join(dir, 'page.ps');
  await writeFile(ps, PS_PAGE);
  const gs = ['-q', '-dBATCH', '-dNOPAUSE', '-dSAFER', '-sDEVICE=pdfwrite'];
  await run('gs', [...gs, '-dCompatibilityLevel=1.4', `-sOutputFile=${join(dir, 'doc.pdf')}`, ps]);
  files.push({ name: 'doc.pdf', path: join(dir, 'doc.pdf'), puid: 'fmt/18', status: 'neither' });
  await run('gs', [...gs, '-dPDFA=2', '-sColorConversionStrategy=RGB', '-dPDFACompatibilityPolicy=1', `-sOutputFile=${join(dir, 'doc-a.pdf')}`, ps]);
  files.push({ name: 'doc-a.pdf', path: join(dir, 'doc-a.pdf'), puid: 'fmt/477', status: 'preferred' });

  // Web archives, data and containers
  await put('capture-1.0.warc', warcRecord('1.0'), { puid: 'fmt/1355', status: 'acceptable' });
  await put('capture-1.1.warc', warcRecord('1.1'), { puid: 'fmt/1281', status: 'preferred' });
  await put('capture.warc.gz', gzipSync(warcRecord('1.1')), { puid: 'x-fmt/266', status: 'neither', flags: ['compressed-warc'] });
  await put('status.json', Buffer.from(JSON.stringify({ id: '1', content: '<p>Hallo</p>' })), { puid: 'fmt/817', status: 'preferred' });
  await put('sidecar.xml', Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<MDTO xmlns="https://www.nationaalarchief.nl/mdto"/>\n'), { puid: 'fmt/101', status: 'preferred' });
  await put('page.html', Buffer.from('<!DOCTYPE html>\n<html lang="nl"><head><title>t</title></head><body><p>Hallo</p></body></html>\n'), { puid: 'fmt/471', status: 'neither' });
  await put('note.txt', Buffer.from('Gewoon tekst, met één regel.\n'), { puid: 'x-fmt/111', status: 'acceptable' });
  await put('logo.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="10" height="10"><rect width="10" height="10" fill="red"/></svg>'), { puid: 'fmt/92', status: 'preferred' });
  await put('bundle.zip', makeZip('a.txt', Buffer.from('hallo')), { puid: 'x-fmt/263', status: 'neither' });
  return files;
}
