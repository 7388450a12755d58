import type { SuggestedAction } from '../types.js';

/** A rectangle in pixels of the image as displayed (after its EXIF orientation is applied). */
export interface ImageRegion {
  x: number;
  y: number;
  w: number;
  h: number;
}

export const IMAGE_CATEGORIES = ['face', 'gps', 'image_metadata'] as const;
export type ImageCategory = (typeof IMAGE_CATEGORIES)[number];

/** One finding in an image: a face region, GPS coordinates, or other metadata that names a person or device. */
export interface ImageFinding {
  category: ImageCategory;
  /** Faces only. */
  region?: ImageRegion;
  confidence: number;
  rule: string;
  action: SuggestedAction;
  /** What was found, for the reviewer: coordinates, or the metadata blocks and fields present. */
  detail?: Record<string, string | number | boolean>;
}
