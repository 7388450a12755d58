import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import { pathToFileURL } from 'node:url';
import { createFaceDetector } from '../../src/privacy/images/faces.js';
import { reportFigures } from '../figures.js';

/*
 * Face detection time per image (SSD MobileNet v1 on the TF.js WASM backend) on the six photos that
 * ship with @vladmandic/face-api (about 1920x1300), with a reference measured in the same run: the
 * sharp decode + resize that every detection starts with.
 * Run: `npx tsc -p . && node dist/bench/privacy/faces.js [rounds]` (default 3).
 */

export async function main(rounds = Number(process.argv[2] ?? 3)): Promise<void> {
  const demo = join(dirname(createRequire(import.meta.url).resolve('@vladmandic/face-api/package.json')), 'demo');
  const photos = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => readFile(join(demo, `sample${i}.jpg`))));
  let t0 = performance.now();
  const detector = await createFaceDetector();
  const loadMs = performance.now() - t0;
  await detector.detect(photos[0]!); // warm-up: WASM compilation and first allocation

  t0 = performance.now();
  let faces = 0;
  for (let r = 0; r < rounds; r++) for (const p of photos) faces += (await detector.detect(p)).length;
  const detectMs = (performance.now() - t0) / (rounds * photos.length);

  t0 = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (const p of photos) await sharp(p).rotate().removeAlpha().resize({ width: 1024, height: 1024, fit: 'inside' }).raw().toBuffer();
  }
  const decodeMs = (performance.now() - t0) / (rounds * photos.length);

  console.log(`face detection, ${photos.length} photos x ${rounds} rounds, ${faces / rounds} faces per round`);
  console.log(`  model load            ${loadMs.toFixed(0)} ms (once per process)`);
  console.log(`  detect                ${detectMs.toFixed(0)} ms per image`);
  console.log(`  reference decode      ${decodeMs.toFixed(0)} ms per image (sharp decode + resize)`);
  console.log(`  ratio detect/decode   ${(detectMs / decodeMs).toFixed(1)}`);
  reportFigures([
    { figure: 'face detection per image', value: detectMs, unit: 'ms' },
    { figure: 'sharp decode + resize per image (reference)', value: decodeMs, unit: 'ms' },
  ]);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
