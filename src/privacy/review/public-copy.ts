// Builds the redacted public copy of every item version whose redact decisions no public copy
// reflects yet: the redacted normalised JSON, a PDF/A and PNG rendered from it (the text is removed
// before rendering, so it is not in the PDF at all), and every image without metadata with decided
// faces blurred. The original is never touched. Files go into the content-addressed file store
// before the record, so a kill leaves a complete copy or none.
import { createHash } from 'node:crypto';
import { identifyBytes } from '../../../formats/identify/index.js';
import type { NormalisedItem, NormalisedMedia } from '../../../formats/normalise/item.js';
import type { Renderer } from '../../../formats/render/index.js';
import type { FindingView, PublicCopyDue } from '../../store/privacy-store.js';
import type { PublicCopy, StoredFile } from '../../domain/types.js';
import { operatorName } from '../../operator.js';
import { SOFTWARE } from '../../version.js';
import type { Workspace } from '../../workspace.js';
import { publicDerivative } from '../images/derivative.js';
import { normalisedItem } from '../pipeline/normalised.js';
import { readBounded } from '../pipeline/scan.js';
import { redactItem, type TextRedaction } from './redact.js';

/** Bump when the redaction rules change what a public copy holds. */
export const REDACTOR_VERSION = 1;
const MAX_IMAGE_BYTES = 64 * 1024 * 1024;

export interface PublicCopyOptions {
  itemIds?: number[] | undefined;
  accountIds?: string[] | undefined;
  /** Render PDF/A and PNG (default true); without a browser the copy is made without them and says so. */
  render?: boolean;
  actor?: string;
  now?: () => Date;
  signal?: AbortSignal | undefined;
}

export interface PublicCopyResult {
  made: PublicCopy[];
  /** Versions that could not be made, and why. */
  failed: { accountId: string; platformId: string; versionKey: string; message: string }[];
}

export function publicCopyFingerprint(payloadSha256: string, decisionIds: number[]): string {
  return createHash('sha256').update(JSON.stringify({ payloadSha256, decisionIds: [...decisionIds].sort((a, b) => a - b), redactor: REDACTOR_VERSION, lang: 'nl' })).digest('hex');
}

interface PublicImage {
  position: number;
  sourceSha256: string;
  file: StoredFile;
  format: string;
  blurred: number;
  puid: string | null;
}

/**
 * The detector's boxes are tight around the face; blurred as they are, hair and outline keep a face
 * recognisable (the detector itself still finds it). A quarter of the box on each side covers them.
 */
export const FACE_PADDING = 0.25;
const padded = (r: { x: number; y: number; w: number; h: number }) => ({ x: r.x - r.w * FACE_PADDING, y: r.y - r.h * FACE_PADDING, w: r.w * (1 + 2 * FACE_PADDING), h: r.h * (1 + 2 * FACE_PADDING) });

/** Images of the version without metadata, faces decided "redact" blurred. */
async function publicImages(ws: Workspace, media: { position: number; sha256: string | null }[], redacted: FindingView[], notes: string[]): Promise<Map<string, PublicImage | null>> {
  const out = new Map<string, PublicImage | null>();
  for (const m of media) {
    if (!m.sha256 || out.has(m.sha256)) continue;
    const bytes = await readBounded(ws.files, m.sha256, MAX_IMAGE_BYTES);
    const id = identifyBytes(bytes);
    if (!id.mime.startsWith('image/') || id.mime === 'image/svg+xml') {
      notes.push(`media ${m.position} (${id.name}) is not part of the public copy: only images can be stripped of metadata and blurred`);
      out.set(m.sha256, null);
      continue;
    }
    const blur = redacted.filter((f) => f.category === 'face' && f.media?.sha256 === m.sha256 && f.region).map((f) => padded(f.region!));
    const d = await publicDerivative(bytes, { blur });
    const file = await ws.files.putBuffer(d.bytes);
    out.set(m.sha256, { position: m.position, sourceSha256: m.sha256, file, format: d.format, blurred: blur.length, puid: identifyBytes(d.bytes).puid });
  }
  return out;
}

const withPublicMedia = (item: NormalisedItem, images: Map<string, PublicImage | null>): NormalisedItem => ({
  ...item,
  media: item.media.map((m): NormalisedMedia => {
    if (!m.sha256) return m;
    const p = images.get(m.sha256);
    return p ? { ...m, sha256: p.file.sha256, size: p.file.size, puid: p.puid } : { ...m, sha256: null, size: null, puid: null };
  }),
});

async function makeOne(ws: Workspace, due: PublicCopyDue, getRenderer: () => Promise<Renderer>, opts: PublicCopyOptions): Promise<PublicCopy> {
  const [v] = await ws.store.privacy.versions([due.versionId]);
  if (!v) throw new Error(`no version ${due.versionId}`);
  const decided = (await ws.store.privacy.listFindings({ itemIds: [due.itemId], status: 'decided', actions: ['redact'] }, { limit: 100_000, offset: 0 })).rows.filter(
    (f) => f.versionId === due.versionId && f.decision && due.decisionIds.includes(f.decision.id),
  );
  const notes: string[] = [];
  // What the officer should know: restricted text that is not redacted is in the public copy.
  const others = (await ws.store.privacy.listFindings({ itemIds: [due.itemId], status: 'all' }, { limit: 100_000, offset: 0 })).rows.filter((f) => f.versionId === due.versionId);
  for (const f of others) {
    if (f.decision?.action === 'restrict' && f.text !== undefined) notes.push(`F${f.id} (${f.category}) is restricted, not redacted: the public copy contains it`);
  }
  const text: TextRedaction[] = decided.flatMap((f) => (f.span && f.text !== undefined ? [{ findingId: f.id, field: f.field, category: f.category, start: f.span.start, end: f.span.end, text: f.text }] : []));
  const images = await publicImages(ws, v.media, decided, notes);
  const redacted = redactItem(normalisedItem(v), text);
  notes.push(...redacted.notes);
  const item = withPublicMedia(redacted.item, images);
  const jsonBytes = Buffer.from(`${JSON.stringify(item, null, 2)}\n`, 'utf8');
  const json = await ws.files.putBuffer(jsonBytes);
  let pdf: StoredFile | undefined;
  let png: StoredFile | undefined;
  if (opts.render !== false) {
    try {
      const renderer = await getRenderer();
      const byPublicSha = new Map([...images.values()].flatMap((p) => (p ? [[p.file.sha256, p] as const] : [])));
      const out = await renderer.renderThread(
        { root: item, replies: [], media: async (m) => (m.sha256 && byPublicSha.has(m.sha256) ? readBounded(ws.files, m.sha256, MAX_IMAGE_BYTES) : null) },
        { lang: 'nl' },
      );
      pdf = await ws.files.putBuffer(out.pdf);
      png = await ws.files.putBuffer(out.png);
    } catch (e) {
      notes.push(`no PDF/A and PNG: ${(e as Error).message.split('\n')[0]}`);
    }
  } else notes.push('no PDF/A and PNG: rendering was switched off');
  return ws.store.privacy.recordPublicCopy(
    {
      versionId: due.versionId,
      fingerprint: publicCopyFingerprint(v.payloadSha256, due.decisionIds),
      decisionIds: due.decisionIds,
      redactions: redacted.redactions,
      json,
      pdf,
      png,
      images: [...images.values()].flatMap((p) => (p ? [{ position: p.position, sourceSha256: p.sourceSha256, file: p.file, format: p.format, blurred: p.blurred }] : [])),
      notes,
      madeAt: (opts.now ?? (() => new Date()))().toISOString(),
      tool: `${SOFTWARE} redactor ${REDACTOR_VERSION}`,
    },
    opts.actor ?? operatorName(),
  );
}

/** Makes every public copy that is due (for the given items or accounts, or all); one browser for all. */
export async function buildPublicCopies(ws: Workspace, opts: PublicCopyOptions = {}): Promise<PublicCopyResult> {
  const due = await ws.store.privacy.publicCopiesDue({ itemIds: opts.itemIds, accountIds: opts.accountIds });
  const result: PublicCopyResult = { made: [], failed: [] };
  let renderer: Promise<Renderer> | undefined;
  // The browser (and playwright) load only when a copy is actually rendered.
  const getRenderer = () => (renderer ??= import('../../../formats/render/index.js').then((m) => m.createRenderer({ pages: 1 })));
  try {
    for (const d of due) {
      if (opts.signal?.aborted) break;
      try {
        result.made.push(await makeOne(ws, d, getRenderer, opts));
      } catch (e) {
        result.failed.push({ accountId: d.accountId, platformId: d.platformId, versionKey: d.versionKey, message: (e as Error).message.split('\n')[0]! });
        ws.log.warn({ event: 'privacy.public_copy_failed', item: `${d.accountId}/${d.platformId}`, version: d.versionKey, error: (e as Error).message }, 'public copy failed');
      }
    }
  } finally {
    if (renderer) await renderer.then((r) => r.close()).catch(() => undefined);
  }
  return result;
}
