// The detector the pipeline scans with: the text detector bound to privacy.yaml plus the registered
// accounts' own handles, and (optionally) the face detector. Its id names exactly that combination,
// so a change of software version or configuration makes every version due for a new scan, while
// the findings' stable identity keeps the decisions already made.
import { createHash } from 'node:crypto';
import type { Registry } from '../../domain/types.js';
import { SOFTWARE } from '../../version.js';
import { loadPrivacyConfig } from '../config.js';
import { createDetector, type Detector } from '../detect.js';
import { createFaceDetector, type FaceDetector } from '../images/faces.js';
import type { DetectOptions } from '../types.js';

export const FACE_MODEL = 'face-api ssd_mobilenet_v1';

export interface PipelineDetector {
  /** Short stable id of software + configuration + face model, recorded with every scan. */
  id: string;
  /** For people: what scanned. */
  label: string;
  options: DetectOptions;
  text: Detector;
  /** Loaded on first use; undefined when face detection is off. */
  faces: (() => Promise<FaceDetector>) | undefined;
  /** Where the configuration came from (undefined: built-in defaults). */
  configFile: string | undefined;
}

/** The registered accounts' handles (`name` and `name@host`) are the organisation's, never personal data. */
export function withRegistryHandles(options: DetectOptions, registry: Registry): DetectOptions {
  const own = registry.accounts.flatMap((a) => {
    const bare = a.handle.replace(/^@/, '');
    let host: string | undefined;
    try {
      host = a.instance ? new URL(a.instance).hostname : undefined;
    } catch {
      host = undefined;
    }
    return host ? [bare, `${bare}@${host}`] : [bare];
  });
  const handles = [...new Set([...options.organisation.handles, ...own])];
  return { ...options, organisation: { ...options.organisation, handles } };
}

/** Canonical JSON (sorted keys), so the id does not depend on the order a file lists things in. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

export function detectorId(options: DetectOptions, faces: boolean): string {
  const h = createHash('sha256').update(canonical({ software: SOFTWARE, options, faces: faces ? FACE_MODEL : null })).digest('hex');
  return `d-${h.slice(0, 16)}`;
}

export interface DetectorOptions {
  /** Detect faces in images (default true). Off: images get metadata findings only. */
  faces?: boolean;
  /** Replaces what privacy.yaml says (tests, benchmarks). */
  options?: DetectOptions;
}

export async function prepareDetector(configDir: string, registry: Registry, opts: DetectorOptions = {}): Promise<PipelineDetector> {
  const loaded = opts.options ? { options: opts.options, file: undefined } : await loadPrivacyConfig(configDir);
  const options = withRegistryHandles(loaded.options, registry);
  const faces = opts.faces ?? true;
  let faceDetector: Promise<FaceDetector> | undefined;
  const id = detectorId(options, faces);
  return {
    id,
    label: `${SOFTWARE} text detector${faces ? ` + ${FACE_MODEL}` : ''} (${loaded.file ?? 'built-in defaults'})`,
    options,
    text: createDetector(options),
    faces: faces ? () => (faceDetector ??= createFaceDetector()) : undefined,
    configFile: loaded.file,
  };
}
