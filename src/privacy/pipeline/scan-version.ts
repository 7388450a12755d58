// Scans one stored version: the texts a person wrote (through the normalised item) and every stored
// image (metadata, GPS and, when enabled, face regions; never a face descriptor). Pure apart from
// reading image bytes through the function it is given.
import { identifyBytes } from '../../../formats/identify/index.js';
import type { NewFinding, PrivacyVersion, VersionScan } from '../../store/privacy-store.js';
import type { Finding } from '../../domain/types.js';
import { scanImage } from '../images/scan.js';
import type { ImageFinding } from '../images/types.js';
import { TEXT_CATEGORIES } from '../types.js';
import type { PipelineDetector } from './detector.js';
import { textFields } from './fields.js';
import { carryFaceIdentity, imageFindingKey, textFindingKey } from './identity.js';
import { normalisedItem } from './normalised.js';

export type ImageResult = { findings: ImageFinding[] } | { skipped: string } | { problem: string };

/** Scans an image once per sha256 however many versions show it; the caller bounds the cache. */
export type ImageScanner = (sha256: string) => Promise<ImageResult>;

export function imageScanner(read: (sha256: string) => Promise<Buffer>, detector: PipelineDetector, cacheSize = 256): ImageScanner {
  const cache = new Map<string, Promise<ImageResult>>();
  return (sha256) => {
    let hit = cache.get(sha256);
    if (!hit) {
      hit = (async (): Promise<ImageResult> => {
        try {
          const bytes = await read(sha256);
          const id = identifyBytes(bytes);
          // Video, audio and vector images are not photos the detectors can read; their stills are not scanned.
          if (!id.mime.startsWith('image/') || id.mime === 'image/svg+xml') return { skipped: `${id.name}${id.puid ? ` (${id.puid})` : ''}` };
          const faces = detector.faces ? await detector.faces() : undefined;
          return { findings: (await scanImage(bytes, faces)).findings };
        } catch (e) {
          return { problem: (e as Error).message.split('\n')[0]! };
        }
      })();
      cache.set(sha256, hit);
      if (cache.size > cacheSize) cache.delete(cache.keys().next().value!);
    }
    return hit;
  };
}

export const IMAGE_CATEGORIES_SCANNED = (faces: boolean): string[] => (faces ? ['gps', 'image_metadata', 'face'] : ['gps', 'image_metadata']);

export async function scanVersion(v: PrivacyVersion, existing: readonly Finding[], detector: PipelineDetector, images: ImageScanner): Promise<VersionScan> {
  const findings: NewFinding[] = [];
  const problems: string[] = [];
  // Earlier findings of the categories scanned here and not reported again become "no longer
  // reported"; what could not be scanned (a problem) leaves its earlier findings as they are.
  const scanned: string[] = [];
  const base = { detector: detector.id };

  // A profile is the account's own entity (avatar and header are its images); posts and replies have text.
  if (v.kind !== 'profile') {
    try {
      const fields = textFields(normalisedItem(v));
      scanned.push(...TEXT_CATEGORIES);
      for (const { field, text } of fields) {
        for (const f of detector.text.detect(text)) {
          const flagged = text.slice(f.start, f.end);
          findings.push({
            ...base,
            key: textFindingKey(v, field, f.category, f.start, f.end, flagged),
            field,
            category: f.category,
            span: { start: f.start, end: f.end },
            text: flagged,
            confidence: f.confidence,
            rule: f.rule,
            suggested: f.action,
          });
        }
      }
    } catch (e) {
      problems.push(`text: ${(e as Error).message.split('\n')[0]}`);
    }
  }

  let imageProblem = false;
  for (const m of v.media) {
    if (!m.sha256) continue;
    const field = `media.${m.position}`;
    const result = await images(m.sha256);
    if ('problem' in result) {
      problems.push(`${field}: ${result.problem}`);
      imageProblem = true;
    }
    if (!('findings' in result)) continue;
    for (const f of result.findings) {
      findings.push({
        ...base,
        key: imageFindingKey(v, field, m.sha256, f.category, f.region),
        field,
        category: f.category,
        media: { position: m.position, sha256: m.sha256 },
        region: f.region,
        detail: f.detail,
        confidence: f.confidence,
        rule: f.rule,
        suggested: f.action,
      });
    }
  }
  if (!imageProblem) scanned.push(...IMAGE_CATEGORIES_SCANNED(detector.faces !== undefined));
  return { versionId: v.versionId, findings: carryFaceIdentity(existing, findings), scannedCategories: scanned, problem: problems.length ? problems.join('; ') : undefined };
}
