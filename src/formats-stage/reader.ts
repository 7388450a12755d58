// What the packager (and anyone else reading the archive) needs from the formats stage: per item
// version its normalised JSON, its files with identification and derivatives, and per thread the
// newest rendition. Reads only; the normalised JSON is computed from the stored payload.
import { createHash } from 'node:crypto';
import type { NormalisedItem } from '../../formats/normalise/item.js';
import { isUserError } from '../domain/errors.js';
import type { Platform, Registry } from '../domain/types.js';
import type { DerivativeRecord, FileIdentificationRecord, RenditionRecord } from '../store/formats-store.js';
import type { ItemRecord, ItemVersionRecord, Store } from '../store/store.js';
import { normaliseStoredVersion } from './normalise-stored.js';

export interface DerivativeView extends DerivativeRecord {
  identification: FileIdentificationRecord | null;
}

/** A stored file with what the formats stage knows of it; `identification` is null until the stage ran. */
export interface FileView {
  sha256: string;
  size: number;
  identification: FileIdentificationRecord | null;
  derivatives: DerivativeView[];
}

export interface MediaFileView extends FileView {
  /** Position of the attachment in the version. */
  position: number;
  platformId: string | null;
  type: string;
  url: string;
}

export interface VersionView {
  record: ItemVersionRecord;
  /** Null for payloads no normaliser covers (profile snapshots) or that could not be mapped (see `problem`). */
  normalised: NormalisedItem | null;
  problem?: { code: string; message: string } | undefined;
  /** The version's stored media originals (attachments whose download failed are not here). */
  files: MediaFileView[];
}

/** The normalised JSON as a file: UTF-8, two-space indent, newline at the end. Same item, same bytes. */
export interface NormalisedJsonFile {
  bytes: Buffer;
  sha256: string;
  size: number;
  /** JSON Data Interchange Format. */
  puid: 'fmt/817';
  mime: 'application/json';
}

export function normalisedJsonFile(item: NormalisedItem): NormalisedJsonFile {
  const bytes = Buffer.from(`${JSON.stringify(item, null, 2)}\n`, 'utf8');
  return { bytes, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length, puid: 'fmt/817', mime: 'application/json' };
}

export interface FormatsReader {
  /** Every version of an item, oldest first, normalised, with its media files. */
  versions(item: ItemRecord): Promise<VersionView[]>;
  file(sha256: string, size?: number): Promise<FileView>;
  /** The newest rendition of the thread rooted at the account's post, or null when it has none yet. */
  latestRendition(accountId: string, rootPlatformId: string): Promise<RenditionRecord | null>;
  /** Every rendition of the thread, oldest first: each documents the thread as it was then. */
  renditions(accountId: string, rootPlatformId: string): Promise<RenditionRecord[]>;
}

export function formatsReader(store: Store, registry: Registry): FormatsReader {
  const platformOf = new Map<string, Platform>(registry.accounts.map((a) => [a.id, a.platform]));
  const ownIds = new Map<string, Promise<string | null>>();
  const ownId = (accountId: string) => {
    let p = ownIds.get(accountId);
    if (!p) ownIds.set(accountId, (p = store.formats.ownAuthorId(accountId)));
    return p;
  };

  const fileViews = async (refs: { sha256: string; size: number }[]): Promise<Map<string, FileView>> => {
    const ids = await store.formats.identifications(refs.map((r) => r.sha256));
    const out = new Map<string, FileView>();
    for (const r of refs) {
      if (out.has(r.sha256)) continue;
      const derived = await store.formats.derivativesOf(r.sha256);
      const derivedIds = await store.formats.identifications(derived.map((d) => d.sha256));
      out.set(r.sha256, {
        sha256: r.sha256,
        size: r.size,
        identification: ids.get(r.sha256) ?? null,
        derivatives: derived.map((d) => ({ ...d, identification: derivedIds.get(d.sha256) ?? null })),
      });
    }
    return out;
  };

  return {
    async versions(item) {
      const records = await store.listVersions(item.accountId, item.platformId);
      const stored = records.flatMap((v) => v.media.flatMap((m) => (m.sha256 && m.size !== undefined ? [{ sha256: m.sha256, size: m.size }] : [])));
      const files = await fileViews(stored);
      const status = records.filter((v) => v.source === 'status').at(-1);
      const own = await ownId(item.accountId);
      return records.map((v, index) => {
        const media: MediaFileView[] = v.media.flatMap((m, position) =>
          m.sha256 ? [{ ...files.get(m.sha256)!, position, platformId: m.platformId ?? null, type: m.type, url: m.url }] : [],
        );
        const view: VersionView = { record: v, normalised: null, files: media };
        if (item.kind === 'profile') return view;
        try {
          view.normalised = normaliseStoredVersion({
            platform: platformOf.get(item.accountId) ?? 'mastodon',
            ownAccountId: own ?? item.authorId,
            threadRootPlatformId: item.threadRootPlatformId ?? null,
            foundDeletedAt: item.deletedAt ?? null,
            source: v.source,
            payload: v.payload,
            payloadSha256: v.payloadSha256,
            capturedAt: v.capturedAt,
            isNewest: index === records.length - 1,
            history: v.source === 'history' && status ? { status: status.payload, index, count: records.length } : undefined,
            media: v.media.map((m) => ({
              platformId: m.platformId ?? null,
              url: m.url,
              sha256: m.sha256 ?? null,
              size: m.size ?? null,
              puid: m.sha256 ? (files.get(m.sha256)?.identification?.puid ?? null) : null,
            })),
          });
        } catch (e) {
          if (!isUserError(e)) throw e;
          view.problem = { code: e.code, message: e.message };
        }
        return view;
      });
    },

    async file(sha256, size) {
      const known = size ?? (await store.formats.identification(sha256))?.size ?? 0;
      return (await fileViews([{ sha256, size: known }])).get(sha256)!;
    },

    latestRendition: (accountId, rootPlatformId) => store.formats.latestRendition(accountId, rootPlatformId),
    renditions: (accountId, rootPlatformId) => store.formats.renditions(accountId, rootPlatformId),
  };
}
