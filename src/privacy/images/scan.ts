import type { FaceDetector } from './faces.js';
import { faceFindings } from './faces.js';
import { inspectImageMetadata, type ImageMetadataReport } from './metadata.js';
import type { ImageFinding } from './types.js';

export interface ImageScan {
  metadata: ImageMetadataReport;
  findings: ImageFinding[];
}

/**
 * Everything the privacy officer must see about one image: metadata (GPS as its own finding) and,
 * when a face detector is given, face regions. Run on the original, before any public derivative.
 */
export async function scanImage(bytes: Buffer, faces?: FaceDetector): Promise<ImageScan> {
  const metadata = await inspectImageMetadata(bytes);
  const found = faces ? faceFindings(await faces.detect(bytes)) : [];
  return { metadata, findings: [...metadata.findings, ...found] };
}
