// WebP → PNG derivatives for 200 photos: our path (identify + check + sharp + provenance + atomic
// write) against ImageMagick `convert` on the same files in the same run, both two at a time on
// this 2-core machine. Target: at least 2× faster than convert.
//   npm run build && node dist/bench/formats/webp-to-png.js [count]
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { normaliseMedia, writeDerivative } from '../../formats/normalise/index.js';
import { reportFigures } from '../figures.js';

const run = promisify(execFile);
const TARGET = 2;
const WIDTH = 1280;
const HEIGHT = 960;

/** Debian's ImageMagick; a `convert` earlier in PATH may be something else (see docs/formats.md). */
async function findConvert(): Promise<string> {
  for (const c of ['/usr/bin/convert', 'convert', '/usr/bin/magick']) {
    try {
      const { stdout } = await run(c, ['-version']);
      if (stdout.includes('ImageMagick')) return c;
    } catch {
      // try the next
    }
  }
  throw new Error('ImageMagick convert not found: install Debian package imagemagick');
}

/** A photo-like picture: sky and ground gradients, a few blocks, mild noise; WebP quality 80. */
async function makePhoto(i: number): Promise<Buffer> {
  const hue = (i * 37) % 360;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}">
    <defs><linearGradient id="s" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="hsl(${hue},60%,70%)"/><stop offset="1" stop-color="hsl(${(hue + 40) % 360},40%,90%)"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#s)"/>
    <rect y="${HEIGHT * 0.6}" width="100%" height="${HEIGHT * 0.4}" fill="hsl(${(hue + 180) % 360},25%,35%)"/>
    ${Array.from({ length: 6 }, (_, k) => `<rect x="${(k * 197 + i * 31) % (WIDTH - 150)}" y="${HEIGHT * 0.3 + ((k * 53) % 150)}" width="${90 + k * 12}" height="${180 + k * 20}" fill="hsl(${(hue + k * 50) % 360},50%,50%)"/>`).join('')}
  </svg>`;
  const noise = await sharp({ create: { width: WIDTH, height: HEIGHT, channels: 3, background: { r: 128, g: 128, b: 128 }, noise: { type: 'gaussian', mean: 128, sigma: 12 } } })
    .png()
    .toBuffer();
  return sharp(Buffer.from(svg)).composite([{ input: noise, blend: 'soft-light' }]).webp({ quality: 80 }).toBuffer();
}

async function pool<T>(items: T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
  return (performance.now() - started) / 1000;
}

async function dirBytes(dir: string, files: string[]): Promise<number> {
  let total = 0;
  for (const f of files) total += (await stat(join(dir, f))).size;
  return total;
}

export async function main(count = Number(process.argv[2] ?? 200)): Promise<void> {
  const convert = await findConvert();
  const dir = await mkdtemp(join(tmpdir(), 'sa-bench-webp-'));
  try {
    const src = join(dir, 'webp');
    const oursDir = join(dir, 'ours');
    const imDir = join(dir, 'imagemagick');
    await Promise.all([mkdir(src), mkdir(oursDir), mkdir(imDir)]);
    const names: string[] = [];
    await pool(
      Array.from({ length: count }, (_, i) => i),
      2,
      async (i) => {
        const name = `photo-${String(i).padStart(3, '0')}`;
        await sharp(await makePhoto(i)).toFile(join(src, `${name}.webp`));
        names.push(name);
      },
    );
    names.sort();
    const inBytes = await dirBytes(src, names.map((n) => `${n}.webp`));

    // Warm both paths once (library load, page cache) before timing.
    await normaliseMedia(await readFile(join(src, `${names[0]}.webp`)), { name: 'warm.webp' });
    await run(convert, [join(src, `${names[0]}.webp`), join(dir, 'warm.png')]);

    const ours = await pool(names, 2, async (n) => {
      const r = await normaliseMedia(await readFile(join(src, `${n}.webp`)), { name: `${n}.webp` });
      if (!r.derivative) throw new Error(`${n}: no derivative (${r.flags.join(', ')})`);
      await writeDerivative(oursDir, n, r.derivative);
    });
    const im = await pool(names, 2, async (n) => {
      await run(convert, [join(src, `${n}.webp`), join(imDir, `${n}.png`)]);
    });
    const ratio = im / ours;
    const outOurs = await dirBytes(oursDir, names.map((n) => `${n}.png`));
    const outIm = await dirBytes(imDir, names.map((n) => `${n}.png`));
    const { stdout } = await run(convert, ['-version']);
    console.log(`WebP → PNG, ${count} photos of ${WIDTH}×${HEIGHT} (${(inBytes / 1e6).toFixed(1)} MB WebP), 2 at a time`);
    console.log(`  socialarchive (identify + check + sharp ${sharp.versions.sharp} + provenance + atomic write): ${ours.toFixed(2)} s, ${(count / ours).toFixed(1)} photos/s, PNG ${(outOurs / 1e6).toFixed(1)} MB`);
    console.log(`  reference: ${stdout.split('\n')[0]!.replace(/^Version:\s*/, '')} (${convert}): ${im.toFixed(2)} s, ${(count / im).toFixed(1)} photos/s, PNG ${(outIm / 1e6).toFixed(1)} MB`);
    console.log(`  speed-up: ${ratio.toFixed(2)}× (target ≥ ${TARGET}×: ${ratio >= TARGET ? 'met' : 'MISSED'})`);
    reportFigures([
      { figure: `WebP → PNG derivatives (${count} photos)`, value: count / ours, unit: 'photos/s' },
      { figure: 'WebP → PNG, ImageMagick convert (reference)', value: count / im, unit: 'photos/s' },
      { figure: 'WebP → PNG speed-up over convert', value: ratio, unit: '×', target: { op: '>=', value: TARGET } },
    ]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
