// Writes one zip or tar container with archiver, entry by entry, hashing the container's bytes as
// they go to disk. Entries get a fixed time and mode, so the same entries give the same bytes.
import { createWriteStream } from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { TarArchive, ZipArchive } from 'archiver';
import type { ContainerFormat } from './format.js';
import { FollowingHash } from './follow-hash.js';

/** zlib level for deflated entries: the default trade of speed against size. */
const DEFLATE_LEVEL = 6;

export interface WrittenContainer {
  size: number;
  sha256: string;
}

export interface ContainerWriter {
  /** Adds an entry from memory (sidecars, tag files). */
  addBuffer(name: string, data: Buffer, deflate: boolean): Promise<void>;
  /** Adds an entry from a stream of exactly `size` bytes; resolves once archiver has taken all of it. */
  addStream(name: string, source: Readable, size: number, deflate: boolean): Promise<void>;
  finish(): Promise<WrittenContainer>;
  /** Stops writing after a failure; the caller removes the partial file. */
  abort(): Promise<void>;
}

/** Opens `path` (which must not exist) for a new container. */
export function openContainer(path: string, format: ContainerFormat, mtime: Date): ContainerWriter {
  const archive = format === 'zip' ? new ZipArchive({ zlib: { level: DEFLATE_LEVEL } }) : new TarArchive({});
  const out = createWriteStream(path, { flags: 'wx', highWaterMark: 1 << 20 });
  // The container's SHA-256 is computed on another thread that reads what has been written so far.
  const hash = new FollowingHash(path);
  let size = 0;
  const counter = new Transform({
    highWaterMark: 1 << 20,
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      hash.progress(out.bytesWritten);
      done(null, chunk);
    },
  });
  const written = pipeline(archive, counter, out);
  // A failure of the output ends whichever entry is being added; only one is in flight at a time.
  let failEntry: ((e: Error) => void) | undefined;
  written.catch((e: Error) => failEntry?.(e));

  const append = (source: Buffer | Readable, data: Record<string, unknown>): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const cleanup = (): void => {
        failEntry = undefined;
        archive.off('entry', onEntry);
        archive.off('error', onError);
        if (!Buffer.isBuffer(source)) source.off('error', onError);
      };
      const onEntry = (): void => {
        cleanup();
        resolve();
      };
      const onError = (e: Error): void => {
        cleanup();
        reject(e);
      };
      failEntry = onError;
      archive.on('entry', onEntry);
      archive.on('error', onError);
      // archiver's tar engine does not forward errors of a piped source: listen ourselves.
      if (!Buffer.isBuffer(source)) source.on('error', onError);
      archive.append(source as Readable, { ...data, date: mtime, mode: 0o644 } as never);
    });

  return {
    addBuffer: (name, data, deflate) => append(data, { name, store: !deflate }),
    addStream: (name, source, entrySize, deflate) =>
      append(source, format === 'zip' ? { name, store: !deflate } : { name, stats: { size: entrySize } }),
    async finish() {
      await archive.finalize();
      await written;
      const digest = await hash.finish(size);
      return { size, sha256: digest.sha256 };
    },
    async abort() {
      archive.abort();
      counter.destroy();
      out.destroy();
      await written.catch(() => undefined);
      await hash.close();
    },
  };
}
