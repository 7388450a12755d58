// Thumbnails and channel images as real JPEGs. The picture is drawn small by the Mastodon fake's
// painter and scaled up by sharp (libvips): a 1280×720 thumbnail costs milliseconds, not a second.
import sharp from 'sharp';
import { renderImage, type ImageSpec } from '../../mastodon/fake/images.js';

const SMALL = 160;
const cache = new Map<string, Promise<Buffer>>();

export function youtubeImage(spec: ImageSpec): Promise<Buffer> {
  const key = JSON.stringify(spec);
  let bytes = cache.get(key);
  if (!bytes) cache.set(key, (bytes = draw(spec)));
  return bytes;
}

async function draw(spec: ImageSpec): Promise<Buffer> {
  const scale = Math.min(1, SMALL / Math.max(spec.width, spec.height));
  if (scale === 1) return renderImage(spec);
  const small = await renderImage({ ...spec, format: 'png', width: Math.max(1, Math.round(spec.width * scale)), height: Math.max(1, Math.round(spec.height * scale)), exif: undefined });
  return sharp(small).resize(spec.width, spec.height, { fit: 'fill', kernel: 'cubic' }).jpeg({ quality: 82 }).toBuffer();
}
