// Image checks and PNG derivatives with sharp. The original is never touched; a derivative is
// returned as bytes. Decoding is bounded (pixel limit checked from the header first, then by
// sharp's limitInputPixels) and fails on any decoding error rather than returning a partial image.
//
// Choices (docs/formats.md):
// - Still images → PNG, orientation applied, the input's ICC profile embedded unchanged with the
//   pixel values unchanged (no gamut clipping); CMYK is converted to sRGB; no profile = sRGB.
// - Animated images → GIF 89a (fmt/4, preferred, the only preferred format that keeps motion);
//   GIF holds 256 colours per frame, which the provenance notes say. The original keeps full colour.
// - HEIC/HEVC: the prebuilt libvips in sharp has no HEVC decoder, so Debian's heif-convert
//   (libheif, libde265) decodes to a PNG first, which then goes through the same sharp pipeline.
// - Metadata (EXIF, GPS, XMP) is not carried into derivatives; it stays in the original.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp, { type Metadata } from 'sharp';
import { UserError } from '../../src/domain/errors.js';
import { identifyBytes, type Identification } from '../identify/index.js';
import { withTempDir } from './atomic.js';
import { sha256, systemClock, type Clock, type Derivative } from './provenance.js';
import { runTool, toolVersion } from './tools.js';

/** Default pixel budget: above any real photo (about 100 megapixels), far below a decompression bomb. */
export const DEFAULT_MAX_PIXELS = 100_000_000;

export interface ImageOptions {
  maxPixels?: number;
  clock?: Clock;
}

const RASTER = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/avif', 'image/heif', 'image/tiff']);

export const isRasterImage = (id: Identification): boolean => RASTER.has(id.mime);

/** Refuses files that must not be decoded or converted, from the identification alone. */
export function refuseHostile(id: Identification, maxPixels = DEFAULT_MAX_PIXELS): void {
  const what = `${id.name}${id.version ? ` ${id.version}` : ''}`;
  if (id.flags.includes('embedded-zip')) {
    throw new UserError('FORMAT_POLYGLOT', `refused: the ${what} file has a zip archive inside it; it is kept as received but not converted or shown`);
  }
  if (id.flags.includes('truncated')) {
    throw new UserError('FORMAT_TRUNCATED', `refused: the ${what} file is truncated (${id.notes.join('; ')}); it is kept as received but not converted or shown`);
  }
  if (id.flags.includes('active-content') || id.flags.includes('external-references')) {
    throw new UserError('FORMAT_ACTIVE_CONTENT', `refused: the ${what} file contains script or external references; it is kept as received but not converted or shown`);
  }
  const { width, height } = id.facts;
  if (width !== undefined && height !== undefined && width * height > maxPixels) {
    throw new UserError('IMAGE_TOO_LARGE', `refused: the image claims ${width} × ${height} pixels, more than the limit of ${maxPixels}`);
  }
}

const sharpVersion = `sharp ${sharp.versions.sharp ?? '?'} (libvips ${sharp.versions.vips})`;

async function decode(bytes: Uint8Array, maxPixels: number): Promise<Metadata> {
  try {
    return await sharp(bytes, { limitInputPixels: maxPixels, failOn: 'error' }).metadata();
  } catch (e) {
    throw undecodable(e);
  }
}

const undecodable = (e: unknown): UserError =>
  /pixel limit/i.test(String(e))
    ? new UserError('IMAGE_TOO_LARGE', `refused: the image has more pixels than the limit (${String((e as Error).message ?? e)})`)
    : new UserError('IMAGE_UNDECODABLE', `refused: the image cannot be decoded completely (${String((e as Error).message ?? e).split('\n')[0]})`);

/**
 * Checks that an image in a kept format decodes completely within the limits. Throws a UserError
 * for anything that would make a rendering or derivative wrong or dangerous.
 */
export async function checkImage(bytes: Uint8Array, id: Identification, opts: ImageOptions = {}): Promise<void> {
  const maxPixels = opts.maxPixels ?? DEFAULT_MAX_PIXELS;
  refuseHostile(id, maxPixels);
  await decode(bytes, maxPixels);
  try {
    // Full decode: a truncated or corrupt scan only shows when the pixels are read. Decoder
    // warnings count too: libjpeg only warns about a scan cut short before a forged end marker.
    await sharp(bytes, { limitInputPixels: maxPixels, failOn: 'warning', animated: true }).stats();
  } catch (e) {
    throw undecodable(e);
  }
}

/** HEVC-coded HEIF → PNG with Debian's heif-convert; null when the tool is missing. */
async function heifToPng(bytes: Uint8Array): Promise<{ png: Buffer; tool: string } | null> {
  const version = await toolVersion('heif-convert', '--help').catch(() => null);
  if (!version) return null;
  return withTempDir('sa-heif-', async (dir) => {
    const input = join(dir, 'in.heic');
    const output = join(dir, 'out.png');
    await writeFile(input, bytes);
    await runTool('heif-convert', ['--quiet', input, output], 60_000);
    const libheif = /libheif version:\s*([\d.]+)/.exec(version)?.[1] ?? '?';
    return { png: await readFile(output), tool: `heif-convert (libheif ${libheif})` };
  });
}

/**
 * A preferred-format derivative of an image: PNG for stills, GIF 89a for animations.
 * Returns null when no decoder is available (the result says so); throws for hostile input.
 */
export async function imageDerivative(bytes: Uint8Array, id: Identification, opts: ImageOptions = {}): Promise<Derivative | { missingTool: string }> {
  const maxPixels = opts.maxPixels ?? DEFAULT_MAX_PIXELS;
  refuseHostile(id, maxPixels);
  const notes: string[] = [];
  let input: Uint8Array = bytes;
  let tool = sharpVersion;
  let meta: Metadata | undefined;
  try {
    meta = await sharp(bytes, { limitInputPixels: maxPixels, failOn: 'error' }).metadata();
  } catch (e) {
    if (id.mime !== 'image/heif') throw undecodable(e);
  }
  // sharp's prebuilt libvips reads HEIF but has no HEVC decoder: HEIC goes through heif-convert.
  if (id.mime === 'image/heif' && (!meta || meta.compression === 'hevc')) {
    const heif = await heifToPng(bytes);
    if (!heif) return { missingTool: 'heif-convert' };
    input = heif.png;
    tool = `${heif.tool} + ${sharpVersion}`;
    notes.push('decoded with heif-convert (libheif) because sharp has no HEVC decoder');
    meta = await decode(input, maxPixels);
  }
  if (!meta) throw new UserError('IMAGE_UNDECODABLE', `refused: the ${id.name} file cannot be decoded`);
  const animated = (meta.pages ?? 1) > 1 && id.mime !== 'image/heif';
  const parameters: Record<string, string | number | boolean> = { maxPixels };
  let out: Buffer;
  let extension: string;
  try {
    if (animated) {
      out = await sharp(input, { limitInputPixels: maxPixels, failOn: 'error', animated: true }).gif({ effort: 7, dither: 1, reuse: false }).toBuffer();
      extension = 'gif';
      Object.assign(parameters, { output: 'gif', frames: meta.pages ?? 1, effort: 7, dither: 1 });
      notes.push(`animated image (${meta.pages} frames) converted to GIF 89a to keep the motion; GIF allows 256 colours per frame`);
    } else {
      out = await sharp(input, { limitInputPixels: maxPixels, failOn: 'error' }).autoOrient().keepIccProfile().png({ compressionLevel: 6 }).toBuffer();
      extension = 'png';
      Object.assign(parameters, { output: 'png', autoOrient: true, keepIccProfile: true, compressionLevel: 6 });
      if ((meta.orientation ?? 1) > 1) notes.push(`EXIF orientation ${meta.orientation} applied to the pixels`);
      if (meta.icc) notes.push(meta.space === 'cmyk' ? 'CMYK converted to sRGB' : 'ICC profile of the original embedded unchanged');
    }
  } catch (e) {
    throw undecodable(e);
  }
  notes.push('metadata (EXIF, GPS, XMP) is not copied into the derivative; it stays in the original');
  const outId = identifyBytes(out, { name: `derivative.${extension}` });
  return {
    bytes: out,
    extension,
    identification: outId,
    provenance: {
      eventType: 'Conversie',
      derivedFrom: { sha256: sha256(bytes), size: bytes.length, puid: id.puid },
      output: { sha256: sha256(out), size: out.length, puid: outId.puid, mime: outId.mime },
      tool: { name: tool.split(' ')[0]!, version: tool },
      parameters,
      at: (opts.clock ?? systemClock)().toISOString(),
      notes,
    },
  };
}
