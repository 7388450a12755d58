import { execFile } from 'node:child_process';
import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicDerivative } from '../../src/privacy/images/derivative.js';
import { createFaceDetector, type FaceDetector } from '../../src/privacy/images/faces.js';
import { inspectImageMetadata } from '../../src/privacy/images/metadata.js';
import { scanImage } from '../../src/privacy/images/scan.js';

// Real images, real exiftool (Debian libimage-exiftool-perl), real face detector.

const run = promisify(execFile);
/** A photo of people that ships in the @vladmandic/face-api npm package (MIT; photo provenance not stated). */
const FACE_PHOTO = join(dirname(createRequire(import.meta.url).resolve('@vladmandic/face-api/package.json')), 'demo', 'sample1.jpg');

let work: string;
let faces: FaceDetector;

/** A drawn landscape (sky, sun, mountain, meadow) as JPEG with camera, owner and GPS in EXIF. */
async function landscapeWithGps(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="400">
    <defs><linearGradient id="s" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#5aa9f0"/><stop offset="1" stop-color="#e3f2ff"/></linearGradient></defs>
    <rect width="640" height="240" fill="url(#s)"/><circle cx="520" cy="70" r="36" fill="#ffd84a"/>
    <path d="M0 240 L120 140 L240 232 L360 120 L520 240 Z" fill="#6b7b8c"/><rect y="240" width="640" height="160" fill="#4c8c3a"/></svg>`;
  return sharp(Buffer.from(svg))
    .jpeg()
    .withExif({
      IFD0: { Artist: 'Jan Jansen', Make: 'Canon', Model: 'EOS 5D' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 5/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '4/1 18/1 0/1' },
    })
    .toBuffer();
}

async function exiftool(bytes: Buffer, name: string): Promise<Record<string, unknown>> {
  const file = join(work, name);
  await writeFile(file, bytes);
  const { stdout } = await run('exiftool', ['-j', '-G1', '-a', file]);
  return (JSON.parse(stdout) as Record<string, unknown>[])[0]!;
}

/** exiftool groups that hold metadata rather than facts about the file and its pixels. */
const metadataGroups = (tags: Record<string, unknown>): string[] =>
  Object.keys(tags).filter((k) => /^(IFD\d|ExifIFD|GPS|XMP|XMP-.*|IPTC|ICC.*|Photoshop|MakerNotes|InteropIFD|Canon.*):/.test(k));

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'privacy-images-'));
  faces = await createFaceDetector();
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('image metadata', () => {
  it('finds GPS and identifying EXIF before stripping', async () => {
    const photo = await landscapeWithGps();
    expect(metadataGroups(await exiftool(photo, 'original.jpg'))).toContain('GPS:GPSLatitude');
    const report = await inspectImageMetadata(photo);
    expect(report.exif).toBe(true);
    expect(report.gps?.latitude).toBeCloseTo(52.0833, 3);
    expect(report.gps?.longitude).toBeCloseTo(4.3, 3);
    expect(report.identifyingFields).toEqual(expect.arrayContaining(['Artist', 'Make', 'Model']));
    expect(report.findings.map((f) => f.category)).toEqual(['gps', 'image_metadata']);
  });

  it('makes a public derivative without any metadata, according to exiftool', async () => {
    const photo = await landscapeWithGps();
    const pub = await publicDerivative(photo);
    expect(pub.format).toBe('jpeg');
    expect([pub.width, pub.height]).toEqual([640, 400]);
    expect(metadataGroups(await exiftool(pub.bytes, 'public.jpg'))).toEqual([]);
    expect((await inspectImageMetadata(pub.bytes)).findings).toEqual([]);
  });

  it('applies the EXIF orientation before dropping it, and writes PNG for other formats', async () => {
    const turned = await sharp({ create: { width: 40, height: 20, channels: 3, background: '#808080' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const upright = await publicDerivative(turned);
    expect([upright.width, upright.height]).toEqual([20, 40]);
    expect(metadataGroups(await exiftool(upright.bytes, 'upright.jpg'))).toEqual([]);

    const webp = await sharp({ create: { width: 40, height: 20, channels: 3, background: '#808080' } })
      .webp()
      .withExif({ IFD0: { Artist: 'Jan Jansen' } })
      .toBuffer();
    expect(metadataGroups(await exiftool(webp, 'original.webp'))).toContain('IFD0:Artist');
    const pub = await publicDerivative(webp);
    expect(pub.format).toBe('png');
    expect(metadataGroups(await exiftool(pub.bytes, 'public.png'))).toEqual([]);
  });

  it('blurs the given regions in the public copy and leaves the rest', async () => {
    const checks = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#ffffff' } })
      .composite(Array.from({ length: 32 }, (_, i) => ({ input: { create: { width: 2, height: 64, channels: 3 as const, background: '#000000' } }, left: i * 2, top: 0 })).filter((_, i) => i % 2 === 0))
      .png()
      .toBuffer();
    const pub = await publicDerivative(checks, { blur: [{ x: 0, y: 0, w: 32, h: 64 }] });
    const { data, info } = await sharp(pub.bytes).raw().toBuffer({ resolveWithObject: true });
    const spread = (x0: number): number => {
      const row = Array.from({ length: 16 }, (_, i) => data[(32 * 64 + x0 + i) * info.channels]!);
      return Math.max(...row) - Math.min(...row);
    };
    expect(spread(8)).toBeLessThan(80); // blurred stripes turn grey
    expect(spread(40)).toBeGreaterThan(200); // untouched stripes stay black and white
  });
});

describe('faces', () => {
  it('finds the faces on a photo of people, as regions with a score and no descriptor', async () => {
    const bytes = await readFile(FACE_PHOTO);
    const { width, height } = await sharp(bytes).metadata();
    const found = await faces.detect(bytes);
    expect(found.length).toBeGreaterThanOrEqual(2);
    for (const f of found) {
      expect(Object.keys(f).sort()).toEqual(['h', 'score', 'w', 'x', 'y']);
      expect(f.score).toBeGreaterThanOrEqual(0.5);
      expect(f.x).toBeGreaterThanOrEqual(0);
      expect(f.y).toBeGreaterThanOrEqual(0);
      expect(f.x + f.w).toBeLessThanOrEqual(width! + 2);
      expect(f.y + f.h).toBeLessThanOrEqual(height! + 2);
      expect(f.w).toBeGreaterThan(20);
    }
    const scanned = await scanImage(bytes, faces);
    expect(scanned.findings.filter((f) => f.category === 'face')).toHaveLength(found.length);
    expect(scanned.findings.find((f) => f.category === 'face')).toMatchObject({ rule: 'face.ssd_mobilenet_v1', action: 'review' });
  });

  it('finds no face on a landscape', async () => {
    expect(await faces.detect(await landscapeWithGps())).toEqual([]);
  });
});
