// Real image bytes for the fake's media, drawn from a seed and encoded by sharp. The same spec gives
// the same bytes on every run (libvips encoders are deterministic), so captures can be compared.
import sharp from 'sharp';

export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'gif';
/** What the picture looks like: a street photo, an infographic, a profile picture, a banner, or Mastodon's grey placeholder. */
export type ImagePattern = 'photo' | 'chart' | 'avatar' | 'header' | 'missing';

export interface ExifSpec {
  make: string;
  model: string;
  /** EXIF style, `YYYY:MM:DD HH:MM:SS`. */
  dateTime: string;
  gps?: { lat: number; lon: number } | undefined;
}

export interface ImageSpec {
  format: ImageFormat;
  width: number;
  height: number;
  pattern: ImagePattern;
  seed: number;
  exif?: ExifSpec | undefined;
}

export const CONTENT_TYPES: Record<ImageFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
};

const cache = new Map<string, Promise<Buffer>>();

export function imageKey(spec: ImageSpec): string {
  return JSON.stringify([spec.format, spec.width, spec.height, spec.pattern, spec.seed, spec.exif ?? null]);
}

/** The encoded bytes of `spec`, made once per process. */
export function renderImage(spec: ImageSpec): Promise<Buffer> {
  const key = imageKey(spec);
  let bytes = cache.get(key);
  if (!bytes) {
    bytes = encode(spec);
    cache.set(key, bytes);
  }
  return bytes;
}

async function encode(spec: ImageSpec): Promise<Buffer> {
  const pixels = draw(spec);
  let img = sharp(pixels, { raw: { width: spec.width, height: spec.height, channels: 3 } });
  switch (spec.format) {
    case 'jpeg':
      img = img.jpeg({ quality: 82 });
      break;
    case 'png':
      img = img.png({ compressionLevel: 9 });
      break;
    case 'webp':
      img = img.webp({ quality: 80 });
      break;
    case 'gif':
      img = img.gif();
      break;
  }
  if (spec.exif) img = img.withExif(exifTags(spec.exif));
  return img.toBuffer();
}

function exifTags(e: ExifSpec): Record<string, Record<string, string>> {
  const tags: Record<string, Record<string, string>> = {
    IFD0: { Make: e.make, Model: e.model, DateTime: e.dateTime, Software: 'Camera 4.2' },
    IFD2: { DateTimeOriginal: e.dateTime },
  };
  if (e.gps) {
    tags.IFD3 = {
      GPSLatitudeRef: e.gps.lat >= 0 ? 'N' : 'S',
      GPSLatitude: dms(Math.abs(e.gps.lat)),
      GPSLongitudeRef: e.gps.lon >= 0 ? 'E' : 'W',
      GPSLongitude: dms(Math.abs(e.gps.lon)),
    };
  }
  return tags;
}

/** Degrees as the EXIF rational triple libvips parses: `52/1 5/1 3012/100`. */
function dms(deg: number): string {
  const d = Math.floor(deg);
  const minutes = (deg - d) * 60;
  const m = Math.floor(minutes);
  const s = Math.round((minutes - m) * 60 * 100);
  return `${d}/1 ${m}/1 ${s}/100`;
}

type Rgb = [number, number, number];

function palette(seed: number, i: number): Rgb {
  const h = Math.imul(seed ^ Math.imul(i + 1, 0x9e3779b1), 0x85ebca6b) >>> 0;
  return [64 + (h & 0x7f), 64 + ((h >>> 8) & 0x7f), 64 + ((h >>> 16) & 0x7f)];
}

/** RGB pixels for the pattern: smooth shapes, so PNGs stay small. */
function draw(spec: ImageSpec): Buffer {
  const { width: w, height: h, seed } = spec;
  const buf = Buffer.alloc(w * h * 3);
  const put = (x: number, y: number, c: Rgb): void => {
    const i = (y * w + x) * 3;
    buf[i] = c[0];
    buf[i + 1] = c[1];
    buf[i + 2] = c[2];
  };
  const a = palette(seed, 0);
  const b = palette(seed, 1);
  const c = palette(seed, 2);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const u = x / w;
      const v = y / h;
      let px: Rgb;
      switch (spec.pattern) {
        case 'photo': {
          // Sky above a horizon, a street below, and a few seeded blocks (buildings, a barrier).
          const horizon = 0.45 + ((seed % 7) - 3) * 0.02;
          px = v < horizon ? mix([150, 190, 235], [220, 235, 250], v / horizon) : mix([90, 90, 95], c, (v - horizon) * 0.6);
          for (let k = 0; k < 4; k++) {
            const bx = ((seed >>> (k * 4)) % 10) / 12;
            const bw = 0.08 + ((seed >>> (k * 3)) % 5) / 40;
            const bh = 0.15 + ((seed >>> (k * 5)) % 6) / 30;
            if (u > bx && u < bx + bw && v > horizon - bh && v < horizon + 0.05) px = palette(seed, k + 3);
          }
          break;
        }
        case 'chart': {
          px = [250, 250, 248];
          const bars = 6;
          const slot = Math.floor(u * bars);
          const height = 0.2 + ((seed >>> slot) % 7) / 10;
          if (u * bars - slot > 0.15 && u * bars - slot < 0.85 && 1 - v < height * 0.8 && v < 0.92) px = palette(seed, slot % 3);
          if (v > 0.92 && v < 0.93) px = [40, 40, 40];
          break;
        }
        case 'avatar': {
          const d = Math.hypot(u - 0.5, v - 0.45);
          px = d < 0.28 ? b : d < 0.3 ? [255, 255, 255] : a;
          if (v > 0.75 && Math.abs(u - 0.5) < 0.35) px = b;
          break;
        }
        case 'header':
          px = mix(a, b, u);
          if (Math.abs(v - 0.5 - 0.2 * Math.sin(u * 6 + seed)) < 0.04) px = c;
          break;
        case 'missing': {
          const d = Math.hypot(u - 0.5, v - 0.38);
          px = d < 0.18 || (v > 0.65 && Math.hypot(u - 0.5, v - 1.05) < 0.42) ? [176, 176, 176] : [228, 228, 228];
          break;
        }
      }
      put(x, y, px);
    }
  }
  return buf;
}

function mix(p: Rgb, q: Rgb, t: number): Rgb {
  const k = Math.max(0, Math.min(1, t));
  return [Math.round(p[0] + (q[0] - p[0]) * k), Math.round(p[1] + (q[1] - p[1]) * k), Math.round(p[2] + (q[2] - p[2]) * k)];
}
