import exifr from 'exifr';
import sharp from 'sharp';
import type { ImageFinding } from './types.js';

/** What an image carries besides pixels, read before any public derivative is made. */
export interface ImageMetadataReport {
  format: string | undefined;
  width: number | undefined;
  height: number | undefined;
  exif: boolean;
  xmp: boolean;
  iptc: boolean;
  icc: boolean;
  gps: { latitude: number; longitude: number } | undefined;
  /** EXIF/XMP/IPTC fields that can name a person or a device (Artist, Make, SerialNumber, ...). */
  identifyingFields: string[];
  findings: ImageFinding[];
}

const IDENTIFYING = ['Artist', 'Copyright', 'OwnerName', 'CameraOwnerName', 'BodySerialNumber', 'SerialNumber', 'LensSerialNumber', 'Make', 'Model', 'Software', 'DateTimeOriginal', 'CreateDate', 'ImageUniqueID', 'creator', 'Creator', 'By-line', 'Contact', 'rights', 'HostComputer', 'UserComment', 'XPAuthor', 'XPComment', 'ImageDescription'];

/** Reads the metadata blocks with sharp and their content with exifr; never changes the bytes. */
export async function inspectImageMetadata(bytes: Buffer): Promise<ImageMetadataReport> {
  const meta = await sharp(bytes).metadata();
  const parsed = (await exifr.parse(bytes, { tiff: true, exif: true, gps: true, xmp: true, iptc: true, icc: false, mergeOutput: true }).catch(() => undefined)) as Record<string, unknown> | undefined;
  const lat = parsed?.latitude;
  const lon = parsed?.longitude;
  const gps = typeof lat === 'number' && typeof lon === 'number' && Number.isFinite(lat) && Number.isFinite(lon) ? { latitude: lat, longitude: lon } : undefined;
  const identifyingFields = IDENTIFYING.filter((k) => parsed?.[k] !== undefined && parsed[k] !== '');
  const report = {
    format: meta.format,
    width: meta.width,
    height: meta.height,
    exif: meta.exif !== undefined,
    xmp: meta.xmp !== undefined,
    iptc: meta.iptc !== undefined,
    icc: meta.icc !== undefined,
    gps,
    identifyingFields,
  };
  const findings: ImageFinding[] = [];
  if (gps) {
    findings.push({ category: 'gps', confidence: 1, rule: 'gps.exif', action: 'redact', detail: { latitude: gps.latitude, longitude: gps.longitude } });
  }
  if (report.exif || report.xmp || report.iptc) {
    findings.push({
      category: 'image_metadata',
      confidence: identifyingFields.length > 0 ? 0.9 : 0.5,
      rule: 'image_metadata.present',
      action: 'redact',
      detail: { exif: report.exif, xmp: report.xmp, iptc: report.iptc, fields: identifyingFields.join(',') },
    });
  }
  return { ...report, findings };
}
