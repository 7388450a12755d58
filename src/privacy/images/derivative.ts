import sharp from 'sharp';
import type { ImageRegion } from './types.js';

export interface PublicDerivative {
  bytes: Buffer;
  format: 'jpeg' | 'png';
  width: number;
  height: number;
}

export interface DerivativeOptions {
  /** Regions to blur (decided faces), in displayed-image pixels as the face detector reports them. */
  blur?: ImageRegion[];
}

/**
 * The public copy of an image: orientation applied, the given regions blurred, and every metadata
 * block (EXIF, GPS, XMP, IPTC, ICC comments) left out, because sharp writes none unless asked
 * (pii.md 6.3). JPEG stays JPEG; everything else becomes PNG (SPEC section 4).
 */
export async function publicDerivative(bytes: Buffer, options: DerivativeOptions = {}): Promise<PublicDerivative> {
  const meta = await sharp(bytes, { failOn: 'error' }).metadata();
  // Apply the EXIF orientation to the pixels before the EXIF block is dropped; work on raw pixels so
  // a JPEG is encoded once.
  const { data, info } = await sharp(bytes, { failOn: 'error' }).rotate().raw().toBuffer({ resolveWithObject: true });
  const raw = { raw: { width: info.width, height: info.height, channels: info.channels } };
  const { width, height } = info;
  const regions = (options.blur ?? []).map((r) => clip(r, width, height)).filter((r): r is ImageRegion => r !== undefined);
  let image = sharp(data, raw);
  if (regions.length > 0) {
    const patches = await Promise.all(
      regions.map(async (r) => ({
        input: await sharp(data, raw)
          .extract({ left: r.x, top: r.y, width: r.w, height: r.h })
          .blur(Math.max(8, Math.round(Math.min(r.w, r.h) / 6)))
          .png()
          .toBuffer(),
        left: r.x,
        top: r.y,
      })),
    );
    image = sharp(data, raw).composite(patches);
  }
  const format = meta.format === 'jpeg' ? 'jpeg' : 'png';
  const out = format === 'jpeg' ? await image.jpeg({ quality: 90 }).toBuffer() : await image.png().toBuffer();
  return { bytes: out, format, width, height };
}

function clip(r: ImageRegion, width: number, height: number): ImageRegion | undefined {
  const x = Math.max(0, Math.floor(r.x));
  const y = Math.max(0, Math.floor(r.y));
  const w = Math.min(width - x, Math.ceil(r.w + (r.x - x)));
  const h = Math.min(height - y, Math.ceil(r.h + (r.y - y)));
  return w > 0 && h > 0 ? { x, y, w, h } : undefined;
}
