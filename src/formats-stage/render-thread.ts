// One thread through the renderer: its members at their newest version → normalised items →
// PDF/A-2 and PNG → file store → rendition record. Bytes are stored before the record, so a kill
// at any moment leaves either a complete rendition or none (and at most an unreferenced file).
import { identifyBytes } from '../../formats/identify/index.js';
import type { NormalisedItem } from '../../formats/normalise/item.js';
import type { Renderer, ThreadInput } from '../../formats/render/index.js';
import type { RenderLang } from '../../formats/render/labels.js';
import type { Platform } from '../domain/types.js';
import type { FileStore } from '../store/files/file-store.js';
import type { FormatsStore, NewRendition, ThreadMember } from '../store/formats-store.js';
import { readStored, toRecord } from './files.js';
import { renditionFingerprint, renderedItems } from './fingerprint.js';
import { normaliseStoredVersion } from './normalise-stored.js';

export interface ThreadStepOptions {
  formats: FormatsStore;
  files: FileStore;
  platform: Platform;
  lang: RenderLang;
  identifier: string;
  /** Names the programs that render, for the record. */
  rendererName: () => Promise<string>;
  maxMediaBytes: number;
  now: () => Date;
}

/** The members of a thread as normalised items, root first; PUIDs of stored media from their identification. */
export async function normaliseThread(accountId: string, members: readonly ThreadMember[], opts: Pick<ThreadStepOptions, 'formats' | 'platform'>): Promise<NormalisedItem[]> {
  const root = members[0]!;
  const payloads = await opts.formats.versionPayloads(members.map((m) => m.versionId));
  const ids = await opts.formats.identifications(members.flatMap((m) => m.media.flatMap((x) => (x.sha256 ? [x.sha256] : []))));
  const items: NormalisedItem[] = [];
  for (const m of members) {
    const history =
      m.source === 'history'
        ? { status: (await opts.formats.latestStatusPayload(accountId, m.platformId)) ?? '', index: m.versionCount - 1, count: m.versionCount }
        : undefined;
    items.push(
      normaliseStoredVersion({
        platform: opts.platform,
        ownAccountId: root.authorId,
        threadRootPlatformId: root.platformId,
        foundDeletedAt: m.foundDeletedAt,
        source: m.source,
        payload: payloads.get(m.versionId) ?? '',
        payloadSha256: m.payloadSha256,
        capturedAt: m.capturedAt,
        isNewest: true,
        history,
        media: m.media.map((x) => ({ ...x, puid: x.sha256 ? (ids.get(x.sha256)?.puid ?? null) : null })),
      }),
    );
  }
  return items;
}

/** Media the rendition cannot show, and why: not downloaded, or refused when the stage checked the file. */
async function mediaNotes(members: readonly ThreadMember[], formats: FormatsStore): Promise<string[]> {
  const ids = await formats.identifications(members.flatMap((m) => m.media.flatMap((x) => (x.sha256 ? [x.sha256] : []))));
  const notes: string[] = [];
  for (const m of members) {
    m.media.forEach((x, i) => {
      const where = `media ${i + 1} of ${m.platformId}`;
      if (!x.sha256) notes.push(`${where} (${x.url}): not captured${x.error ? `: ${x.error}` : ''}`);
      else {
        const problem = ids.get(x.sha256)?.problem;
        if (problem) notes.push(`${where} (SHA-256 ${x.sha256}): ${problem.code}: ${problem.message}`);
      }
    });
  }
  return notes;
}

export type ThreadOutcome = { kind: 'unchanged' } | { kind: 'rendered'; rendition: NewRendition };

/** Renders the thread when what it shows changed since its last rendition. Throws on failure (the caller records it). */
export async function renderThreadIfChanged(accountId: string, rootPlatformId: string, getRenderer: () => Promise<Renderer>, opts: ThreadStepOptions): Promise<ThreadOutcome> {
  const members = await opts.formats.threadMembers(accountId, rootPlatformId);
  const shows = renderedItems(members);
  const fingerprint = renditionFingerprint(shows, opts.lang);
  if (members.length === 0 || (await opts.formats.hasRendition(accountId, rootPlatformId, fingerprint))) return { kind: 'unchanged' };
  return { kind: 'rendered', rendition: await renderMembers(accountId, members, fingerprint, getRenderer, opts) };
}

/** Fingerprint of the thread as it stands, for recording a failure against it. */
export async function currentFingerprint(accountId: string, rootPlatformId: string, opts: Pick<ThreadStepOptions, 'formats' | 'lang'>): Promise<string> {
  return renditionFingerprint(renderedItems(await opts.formats.threadMembers(accountId, rootPlatformId)), opts.lang);
}

async function renderMembers(accountId: string, members: ThreadMember[], fingerprint: string, getRenderer: () => Promise<Renderer>, opts: ThreadStepOptions): Promise<NewRendition> {
  const [root, ...replies] = await normaliseThread(accountId, members, opts);
  const input: ThreadInput = {
    root: root!,
    replies,
    // Only images are asked for; refused or oversized files become a labelled box on the page.
    media: async (m) => (m.sha256 ? readStored(opts.files, m.sha256, opts.maxMediaBytes).catch(() => null) : null),
  };
  const renderer = await getRenderer();
  const out = await renderer.renderThread(input, { lang: opts.lang });
  const pdf = await opts.files.putBuffer(out.pdf);
  const png = await opts.files.putBuffer(out.png);
  const at = opts.now().toISOString();
  const pdfId = toRecord(pdf.sha256, pdf.size, identifyBytes(out.pdf, { name: 'thread.pdf' }), opts, at);
  const pngId = toRecord(png.sha256, png.size, identifyBytes(out.png, { name: 'thread.png' }), opts, at);
  const rendition: NewRendition = {
    accountId,
    rootPlatformId: members[0]!.platformId,
    fingerprint,
    shows: renderedItems(members),
    pdf: { ...pdf, puid: pdfId.puid },
    png: { ...png, puid: pngId.puid },
    lang: opts.lang,
    renderer: await opts.rendererName(),
    notes: await mediaNotes(members, opts.formats),
    renderedAt: at,
  };
  await opts.formats.recordRendition(rendition, pdfId, pngId);
  return rendition;
}
