// One entry point for a received file: identify it, check it, and make a preferred derivative
// when its format is not on the list. The original is never changed; derivatives come back as
// bytes (write them with writeFileAtomic or into the content-addressed store).
import { join } from 'node:path';
import { identifyBytes, type Identification } from '../identify/index.js';
import { writeFileAtomic } from './atomic.js';
import { avDerivative, isAudioVideo } from './av.js';
import { checkImage, imageDerivative, isRasterImage, refuseHostile } from './image.js';
import type { Clock, Derivative } from './provenance.js';

/**
 * - `tool-missing:<name>`: a derivative is needed but the program is not installed.
 * - `no-derivative-rule`: the format is not on the list and this product has no conversion for it.
 * - `unknown-format`: not identified; nothing is guessed.
 */
export type MediaFlag = `tool-missing:${string}` | 'no-derivative-rule' | 'unknown-format';

export interface MediaResult {
  identification: Identification;
  derivative: Derivative | null;
  flags: MediaFlag[];
}

export interface NormaliseMediaOptions {
  /** The name as received; only used to flag a contradiction with the bytes. */
  name?: string;
  maxPixels?: number;
  clock?: Clock;
  /** Program names or paths of the external tools; default from PATH. */
  tools?: { ffmpeg?: string; ffprobe?: string };
}

/**
 * Identifies and checks `bytes`, and derives a preferred form when needed. Throws a UserError
 * (FORMAT_TRUNCATED, FORMAT_POLYGLOT, FORMAT_ACTIVE_CONTENT, IMAGE_TOO_LARGE, IMAGE_UNDECODABLE,
 * MEDIA_TOOL_FAILED) for images, SVG, audio and video that must not be converted or shown;
 * nothing is written then, and the original stays as received. Other files only carry the
 * identification's flags.
 */
export async function normaliseMedia(bytes: Uint8Array, opts: NormaliseMediaOptions = {}): Promise<MediaResult> {
  const id = identifyBytes(bytes, { name: opts.name });
  if (id.flags.includes('unknown-format')) return { identification: id, derivative: null, flags: ['unknown-format'] };
  const needsDerivative = id.status === 'neither';
  let made: Derivative | { missingTool: string } | null = null;
  if (isRasterImage(id)) {
    if (needsDerivative) made = await imageDerivative(bytes, id, opts);
    else await checkImage(bytes, id, opts);
  } else if (isAudioVideo(id)) {
    refuseHostile(id);
    if (needsDerivative) made = await avDerivative(bytes, id, opts);
  } else {
    // An SVG is an image people will see; other documents only carry their flags.
    if (id.mime === 'image/svg+xml') refuseHostile(id);
    if (needsDerivative) return { identification: id, derivative: null, flags: ['no-derivative-rule'] };
  }
  if (made && 'missingTool' in made) return { identification: id, derivative: null, flags: [`tool-missing:${made.missingTool}`] };
  return { identification: id, derivative: made, flags: [] };
}

/** Writes a derivative next to where the caller keeps files, atomically; returns its path. */
export async function writeDerivative(dir: string, baseName: string, d: Derivative): Promise<string> {
  const path = join(dir, `${baseName}.${d.extension}`);
  await writeFileAtomic(path, d.bytes);
  return path;
}
