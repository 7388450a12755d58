// One stored file through the formats stage: identify it by its bytes, check it, and make a
// preferred derivative when its format is not on the list. The derivative's bytes go into the
// content-addressed file store before anything is recorded, so a kill never leaves a record
// without its file. Problems (unidentifiable, refused, tool missing) become part of the record.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { identifyBytes, identifyFile, type Identification } from '../../formats/identify/index.js';
import { normaliseMedia, type Clock, type Derivative, type MediaResult } from '../../formats/normalise/index.js';
import { isUserError, UserError } from '../domain/errors.js';
import type { FileStore } from '../store/files/file-store.js';
import { DiskFileStore } from '../store/files/disk-file-store.js';
import type { DerivativeRecord, FileIdentificationRecord, PendingFile } from '../store/formats-store.js';

export interface FileStepOptions {
  files: FileStore;
  clock: Clock;
  /** The identifier and its version, recorded with every identification. */
  identifier: string;
  /** Files up to this size are checked and converted in memory; larger ones are only identified. */
  maxInMemoryBytes: number;
  maxPixels?: number | undefined;
}

export interface FileStepResult {
  identification: FileIdentificationRecord;
  derivative?: { record: DerivativeRecord; identification: FileIdentificationRecord } | undefined;
}

/** Reads a stored file completely, refusing more than `max` bytes. */
export async function readStored(files: FileStore, sha256: string, max: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of files.open(sha256)) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > max) throw new UserError('FILE_TOO_LARGE_FOR_MEMORY', `the stored file ${sha256} is larger than ${max} bytes`);
    parts.push(b);
  }
  return Buffer.concat(parts, size);
}

/**
 * Runs `fn` on a path of the stored file: the file itself on a disk store, otherwise a temporary
 * copy (removed afterwards). Identification reads only a bounded head and tail of it.
 */
async function withLocalPath<T>(files: FileStore, sha256: string, fn: (path: string) => T): Promise<T> {
  if (files instanceof DiskFileStore) return fn(files.pathOf(sha256));
  const tmp = join(files.tmpDir, `formats-${randomBytes(6).toString('hex')}.part`);
  try {
    await pipeline(files.open(sha256), createWriteStream(tmp, { flags: 'wx' }));
    return fn(tmp);
  } finally {
    await rm(tmp, { force: true });
  }
}

const DERIVED_KINDS = /^(image|audio|video)\//;

export function toRecord(
  sha256: string,
  size: number,
  id: Identification,
  opts: Pick<FileStepOptions, 'identifier'>,
  at: string,
  problem?: { code: string; message: string },
): FileIdentificationRecord {
  return {
    sha256,
    size,
    puid: id.puid,
    formatName: id.name,
    formatVersion: id.version,
    mime: id.mime,
    status: id.status,
    flags: [...id.flags],
    notes: [...id.notes],
    identifier: opts.identifier,
    identifiedAt: at,
    problem,
  };
}

/** Why a result leaves the file short of a preferred form, for the person who reads the problems list. */
function problemOf(r: MediaResult): { code: string; message: string } | undefined {
  for (const f of r.flags) {
    if (f === 'unknown-format') return { code: 'FORMAT_UNIDENTIFIED', message: 'no known format signature matched; the file is kept as received and not converted' };
    if (f === 'no-derivative-rule') {
      return { code: 'NO_DERIVATIVE_RULE', message: `${r.identification.name} is not a preferred or acceptable format and socialarchive has no conversion for it; the original is kept` };
    }
    if (f.startsWith('tool-missing:')) {
      const tool = f.slice('tool-missing:'.length);
      return { code: 'TOOL_MISSING', message: `${r.identification.name} needs a derivative made with ${tool}, which is not installed; install it and the file can be converted` };
    }
  }
  return undefined;
}

/** Identification, check and derivative of one pending file; never throws for a file's content. */
export async function processFile(file: PendingFile, opts: FileStepOptions): Promise<FileStepResult> {
  const at = opts.clock().toISOString();
  // WARC files (up to 1 GB) and other large files: identified from a bounded head and tail only.
  if (file.origin === 'warc' || file.size > opts.maxInMemoryBytes) {
    const id = await withLocalPath(opts.files, file.sha256, (path) => identifyFile(path, { name: file.name ?? '' }));
    let problem: { code: string; message: string } | undefined;
    if (id.flags.includes('unknown-format')) problem = { code: 'FORMAT_UNIDENTIFIED', message: 'no known format signature matched; the file is kept as received' };
    else if (id.status === 'neither' && DERIVED_KINDS.test(id.mime)) {
      problem = {
        code: 'FILE_TOO_LARGE_FOR_DERIVATIVE',
        message: `${id.name} needs a derivative, but the file (${file.size} bytes) is larger than the ${opts.maxInMemoryBytes} bytes the derivative step handles; the original is kept`,
      };
    }
    return { identification: toRecord(file.sha256, file.size, id, opts, at, problem) };
  }
  const bytes = await readStored(opts.files, file.sha256, opts.maxInMemoryBytes);
  let result: MediaResult;
  try {
    result = await normaliseMedia(bytes, { name: file.name ?? '', clock: opts.clock, ...(opts.maxPixels ? { maxPixels: opts.maxPixels } : {}) });
  } catch (e) {
    if (!isUserError(e)) throw e;
    // Refused (hostile or broken): the original stays as received, with the reason.
    const id = identifyBytes(bytes, { name: file.name ?? '' });
    return { identification: toRecord(file.sha256, file.size, id, opts, at, { code: e.code, message: e.message }) };
  }
  const identification = toRecord(file.sha256, file.size, result.identification, opts, at, problemOf(result));
  if (!result.derivative) return { identification };
  return { identification, derivative: await storeDerivative(file.sha256, result.derivative, opts) };
}

/** Puts the derivative's bytes into the file store (all or nothing) and describes it. */
async function storeDerivative(source: string, d: Derivative, opts: FileStepOptions): Promise<FileStepResult['derivative']> {
  const stored = await opts.files.putBuffer(d.bytes);
  const p = d.provenance;
  return {
    record: {
      sourceSha256: source,
      sha256: stored.sha256,
      size: stored.size,
      puid: d.identification.puid,
      mime: d.identification.mime,
      extension: d.extension,
      tool: p.tool,
      parameters: p.parameters,
      notes: p.notes,
      madeAt: p.at,
    },
    identification: toRecord(stored.sha256, stored.size, d.identification, opts, p.at),
  };
}
