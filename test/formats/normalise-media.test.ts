import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseMedia, sha256, writeDerivative, type MediaResult } from '../../formats/normalise/index.js';
import { makeZip } from './corpus.js';

const run = promisify(execFile);
const clock = () => new Date('2024-05-01T10:00:00.000Z');
let dir: string;
let out: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sa-media-'));
  out = join(dir, 'out');
  await mkdir(out);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const photo = (width = 120, height = 80) =>
  sharp({ create: { width, height, channels: 3, background: { r: 10, g: 200, b: 90 }, noise: { type: 'gaussian', mean: 120, sigma: 40 } } });

const derivative = (r: MediaResult) => {
  expect(r.derivative, JSON.stringify(r.flags)).not.toBeNull();
  return r.derivative!;
};

/** A complete, well-formed PNG header claiming `w` × `h` pixels, with a tiny IDAT and IEND. */
function pngClaiming(w: number, h: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0, 0, 0, 0, 1])), chunk('IEND', Buffer.alloc(0))]);
}

describe('image derivatives', () => {
  it('turns a WebP into a PNG with a provenance record, and keeps JPEG as it is', async () => {
    const webp = await photo().webp().toBuffer();
    const r = await normaliseMedia(webp, { name: 'foto.webp', clock });
    const d = derivative(r);
    expect(r.identification.puid).toBe('fmt/566');
    expect(d.identification.mime).toBe('image/png');
    expect(d.identification.status).toBe('preferred');
    expect(d.provenance).toMatchObject({
      eventType: 'Conversie',
      derivedFrom: { sha256: sha256(webp), size: webp.length, puid: 'fmt/566' },
      output: { sha256: sha256(d.bytes), size: d.bytes.length },
      tool: { name: 'sharp' },
      at: '2024-05-01T10:00:00.000Z',
    });
    expect(d.provenance.tool.version).toMatch(/^sharp \d+\.\d+\.\d+ \(libvips \d/);
    const jpeg = await photo().jpeg().toBuffer();
    expect(await normaliseMedia(jpeg, { name: 'foto.jpg' })).toMatchObject({ derivative: null, flags: [] });
  });

  it('keeps the colours of a wide-gamut image exactly (ICC embedded, pixels unchanged)', async () => {
    const p3 = await photo(16, 16).withIccProfile('p3').webp({ lossless: true }).toBuffer();
    const d = derivative(await normaliseMedia(p3, { name: 'p3.webp' }));
    const meta = await sharp(d.bytes).metadata();
    expect(meta.icc).toEqual((await sharp(p3).metadata()).icc);
    expect(await sharp(d.bytes).raw().toBuffer()).toEqual(await sharp(p3).raw().toBuffer());
  });

  it('applies the EXIF orientation to the pixels', async () => {
    const rotated = await photo(120, 80).webp().withMetadata({ orientation: 6 }).toBuffer();
    const d = derivative(await normaliseMedia(rotated, { name: 'r.webp' }));
    expect(await sharp(d.bytes).metadata()).toMatchObject({ width: 80, height: 120 });
    expect(d.provenance.notes.join(' ')).toMatch(/orientation 6 applied/);
  });

  it('turns an animated WebP into an animated GIF 89a and says what that costs', async () => {
    const frames = [await photo(40, 30).png().toBuffer(), await sharp({ create: { width: 40, height: 30, channels: 3, background: 'blue' } }).png().toBuffer()];
    const anim = await sharp(frames, { join: { animated: true } }).webp().toBuffer();
    const d = derivative(await normaliseMedia(anim, { name: 'anim.webp' }));
    expect(d.identification).toMatchObject({ puid: 'fmt/4', status: 'preferred' });
    expect(d.identification.flags).toContain('animated');
    expect((await sharp(d.bytes, { animated: true }).metadata()).pages).toBe(2);
    expect(d.provenance.notes.join(' ')).toMatch(/256 colours/);
  });

  it('converts AVIF with sharp and HEIC with heif-convert', async () => {
    const avif = derivative(await normaliseMedia(await photo().avif().toBuffer(), { name: 'x.avif' }));
    expect(avif.identification.mime).toBe('image/png');
    const png = join(dir, 'heic-src.png');
    await photo(64, 48).png().toFile(png);
    await run('heif-enc', ['-o', join(dir, 'photo.heic'), png]);
    const heic = await readFile(join(dir, 'photo.heic'));
    const r = await normaliseMedia(heic, { name: 'photo.heic' });
    expect(r.identification.puid).toBe('fmt/1101');
    const d = derivative(r);
    expect(await sharp(d.bytes).metadata()).toMatchObject({ format: 'png', width: 64, height: 48 });
    expect(d.provenance.tool.version).toMatch(/heif-convert \(libheif [\d.]+\) \+ sharp/);
  });
});

describe('audio and video derivatives', () => {
  it('makes FLAC of Opus audio and MP4 of a QuickTime movie with ffmpeg', async () => {
    await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'sine=duration=0.3', '-c:a', 'libopus', join(dir, 'a.opus')]);
    await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc=size=64x48:rate=10:duration=0.3', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', join(dir, 'v.mov')]);
    const audio = derivative(await normaliseMedia(await readFile(join(dir, 'a.opus')), { name: 'a.opus' }));
    expect(audio.identification).toMatchObject({ puid: 'fmt/279', status: 'preferred' });
    expect(audio.provenance.tool.version).toMatch(/^ffmpeg version/);
    const video = derivative(await normaliseMedia(await readFile(join(dir, 'v.mov')), { name: 'v.mov' }));
    expect(video.identification).toMatchObject({ puid: 'fmt/199', status: 'acceptable' });
    expect(video.provenance.parameters.mode).toBe('remux');
  });

  it('flags audio that needs a derivative when ffmpeg is not installed', async () => {
    const opus = await readFile(join(dir, 'a.opus'));
    const r = await normaliseMedia(opus, { name: 'a.opus', tools: { ffmpeg: join(dir, 'no-such-ffmpeg') } });
    expect(r).toMatchObject({ derivative: null, flags: ['tool-missing:ffmpeg'] });
  });
});

describe('hostile inputs are refused and nothing is written', () => {
  const refuse = async (bytes: Buffer, name: string, code: string, message: RegExp) => {
    const before = await readdir(out);
    const attempt = normaliseMedia(bytes, { name }).then((r) => (r.derivative ? writeDerivative(out, 'x', r.derivative) : null));
    await expect(attempt).rejects.toMatchObject({ name: 'UserError', code, message: expect.stringMatching(message) });
    expect(await readdir(out)).toEqual(before);
  };

  it('refuses a truncated JPEG', async () => {
    const jpeg = await photo().jpeg().toBuffer();
    await refuse(jpeg.subarray(0, Math.floor(jpeg.length * 0.6)), 'cut.jpg', 'FORMAT_TRUNCATED', /truncated/);
  });

  it('refuses a JPEG whose scan data is corrupt even though it ends properly', async () => {
    const jpeg = await photo().jpeg().toBuffer();
    const cut = Buffer.concat([jpeg.subarray(0, Math.floor(jpeg.length * 0.6)), Buffer.from([0xff, 0xd9])]);
    await refuse(cut, 'cut.jpg', 'IMAGE_UNDECODABLE', /cannot be decoded/);
  });

  it('refuses a PNG claiming 50,000 × 50,000 pixels before decoding it', async () => {
    await refuse(pngClaiming(50_000, 50_000), 'bomb.png', 'IMAGE_TOO_LARGE', /50000 × 50000/);
    // The same bomb as WebP-less input to sharp directly is stopped by limitInputPixels too.
    await expect(sharp(pngClaiming(50_000, 50_000), { limitInputPixels: 100_000_000 }).stats()).rejects.toThrow(/pixel limit/);
  });

  it('refuses an SVG with a script', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
    await refuse(svg, 'logo.svg', 'FORMAT_ACTIVE_CONTENT', /script/);
  });

  it('refuses a zip inside a JPEG (and inside a WebP)', async () => {
    const zip = makeZip('payload.txt', Buffer.from('hidden'));
    await refuse(Buffer.concat([await photo().jpeg().toBuffer(), zip]), 'poly.jpg', 'FORMAT_POLYGLOT', /zip/);
    await refuse(Buffer.concat([await photo().webp().toBuffer(), zip]), 'poly.webp', 'FORMAT_POLYGLOT', /zip/);
  });

  it('writes a derivative atomically: the file appears whole or not at all', async () => {
    const d = derivative(await normaliseMedia(await photo().webp().toBuffer(), { name: 'ok.webp' }));
    const path = await writeDerivative(out, 'ok', d);
    expect(sha256(await readFile(path))).toBe(d.provenance.output.sha256);
    expect((await readdir(out)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

