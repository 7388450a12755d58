// The files of a package as PlanFiles: size, SHA-256 and PUID from what the store recorded, and a
// way to stream the bytes again when the package is written (where the builder checks them against
// the recorded SHA-256). Nothing here holds a file's bytes beyond the call that made them.
import { Readable } from 'node:stream';
import { FORMATS, identifyBytes } from '../../formats/identify/index.js';
import type { PlanFile } from '../../archive/plan.js';
import type { FileIdentificationRecord } from '../store/formats-store.js';
import type { FileStore } from '../store/files/file-store.js';
import { DiskFileStore } from '../store/files/disk-file-store.js';
import type { Store } from '../store/store.js';
import type { FormatsReader } from '../formats-stage/reader.js';

export const JSON_PUID = 'fmt/817';

const byPuid = new Map<string, { name: string; version?: string; extensions: readonly string[] }>(
  Object.values(FORMATS).flatMap((d) => (d.puid ? [[d.puid, d] as const] : [])),
);

/** PRONOM name (and version) of a PUID this tool identifies. */
export function formatNameOf(puid: string): string {
  const d = byPuid.get(puid);
  return d ? `${d.name}${d.version ? ` ${d.version}` : ''}` : puid;
}

/** The usual file extension of a PUID, without dot; `bin` for one the identifier does not name. */
export const extensionOf = (puid: string): string => byPuid.get(puid)?.extensions[0] ?? 'bin';

/** What the formats stage recorded of a stored file, in the terms a PlanFile needs; null without a PUID. */
export function formatOf(id: FileIdentificationRecord | null | undefined): { puid: string; formatName: string } | null {
  if (!id?.puid) return null;
  return { puid: id.puid, formatName: `${id.formatName}${id.formatVersion ? ` ${id.formatVersion}` : ''}` };
}

/** Everything the files of a package are read from. */
export interface FileSources {
  store: Store;
  files: FileStore;
  reader: FormatsReader;
}

/** A stored file (media, rendition, WARC, public copy) from the file store; read from its local path when it has one. */
export function storedFile(
  src: FileSources,
  f: { name: string; sha256: string; size: number; puid: string; formatName: string; checksumAt?: string | undefined; url?: string | undefined },
): PlanFile {
  const path = src.files instanceof DiskFileStore ? src.files.pathOf(f.sha256) : undefined;
  return { ...f, path, open: async () => src.files.open(f.sha256) };
}

/**
 * A version's platform payload, exactly as stored (the capture's JSON). The plan holds it only while
 * the group of objects it belongs to is being written; the builder checks it against the SHA-256
 * recorded at capture.
 */
export function payloadFile(v: { payload: string; payloadSha256: string; capturedAt: string }, name: string): PlanFile {
  const { payload } = v;
  return {
    name,
    size: Buffer.byteLength(payload, 'utf8'),
    sha256: v.payloadSha256,
    puid: JSON_PUID,
    formatName: formatNameOf(JSON_PUID),
    checksumAt: v.capturedAt,
    open: async () => Readable.from([Buffer.from(payload, 'utf8')]),
  };
}

/** A version's normalised JSON (our documented schema), made from the stored payload. */
export function normalisedFile(json: { bytes: Buffer; sha256: string; size: number }, name: string): PlanFile {
  const { bytes } = json;
  return { name, size: json.size, sha256: json.sha256, puid: JSON_PUID, formatName: formatNameOf(JSON_PUID), role: 'metagegevens', open: async () => Readable.from([bytes]) };
}

/** Bytes the package carries from the project itself (our schema), held as they are small. */
export function bytesFile(name: string, bytes: Buffer, sha256: string, puid: string): PlanFile {
  return { name, size: bytes.length, sha256, puid, formatName: formatNameOf(puid), open: async () => Readable.from([bytes]) };
}

const MAX_IDENTIFY_BYTES = 64 * 1024 * 1024;

/**
 * The format of a stored file: as the formats stage recorded it, or identified from its bytes now
 * (public copies are made by the review, not the formats stage). Null when it has no PUID.
 */
export async function identifyStored(src: FileSources, sha256: string, size: number): Promise<{ puid: string; formatName: string } | null> {
  const known = formatOf(await src.store.formats.identification(sha256));
  if (known || size > MAX_IDENTIFY_BYTES) return known;
  const parts: Buffer[] = [];
  for await (const chunk of src.files.open(sha256)) parts.push(chunk as Buffer);
  const id = identifyBytes(Buffer.concat(parts));
  return id.puid ? { puid: id.puid, formatName: `${id.name}${id.version ? ` ${id.version}` : ''}` } : null;
}
