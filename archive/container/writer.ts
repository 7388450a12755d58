// One zip or tar container, written entry by entry with our own streaming writers (zip-writer.ts,
// tar-writer.ts), its SHA-256 computed while it is written. Entries get a fixed time and mode, so the
// same entries give the same bytes.
import type { Readable } from 'node:stream';
import type { ChunkCheck } from './checked-stream.js';
import type { ContainerFormat } from './format.js';
import { ContainerOutput, type PositionalRead } from './output.js';
import { tarWriter } from './tar-writer.js';
import { zipWriter } from './zip-writer.js';
import { ZIP64_LIMITS, type Zip64Limits } from './zip-records.js';

export type { PositionalRead };

export interface WrittenContainer {
  size: number;
  sha256: string;
}

export interface ContainerWriter {
  /** Adds an entry from memory (sidecars, tag files). */
  addBuffer(name: string, data: Buffer, deflate: boolean): Promise<void>;
  /** Adds an entry from a stream of exactly `size` bytes; resolves once all of it is in the container. */
  addStream(name: string, source: Readable, size: number, deflate: boolean): Promise<void>;
  /**
   * Adds a stored entry of exactly `size` bytes that `read` reads into the writer's own buffers (no
   * allocation per chunk; faster than a stream for a local file). `check` sees every chunk before it
   * is written, and the end.
   */
  addFile(name: string, read: PositionalRead, size: number, check?: ChunkCheck): Promise<void>;
  finish(): Promise<WrittenContainer>;
  /** Stops writing after a failure; the caller removes the partial file. */
  abort(): Promise<void>;
}

export interface ContainerOptions {
  /** Where zip64 takes over; lowered only by tests, to reach zip64 without gigabytes of data. */
  zip64?: Zip64Limits | undefined;
}

/** Opens `path` (which must not exist) for a new container whose entries all get time `mtime`. */
export function openContainer(path: string, format: ContainerFormat, mtime: Date, options: ContainerOptions = {}): ContainerWriter {
  const out = new ContainerOutput(path);
  try {
    // A zip's central directory waits in a spool file beside it (removed when the zip is done).
    return format === 'zip' ? zipWriter(out, mtime, options.zip64 ?? ZIP64_LIMITS, `${path}.directory`) : tarWriter(out, mtime);
  } catch (e) {
    void out.abort();
    throw e;
  }
}
