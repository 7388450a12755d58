// Writes a zip entry by entry, streaming: a file's local header goes out with a zero CRC and sizes,
// then its data (stored, or deflated with zlib), then the header again over itself with the CRC-32
// and sizes counted on the way. So no data descriptor is needed and nothing is read twice. Entries
// from memory get their header right away. The central directory records wait in a spool file beside
// the container until `finish`.
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { createDeflateRaw, deflateRaw } from 'node:zlib';
import { crc32 } from './crc32.js';
import { deflateBound } from './format.js';
import type { ContainerOutput } from './output.js';
import { Spool } from './spool.js';
import type { ContainerWriter } from './writer.js';
import {
  METHOD_DEFLATE,
  METHOD_STORE,
  centralHeader,
  endRecords,
  entryTime,
  localHeader,
  localNeedsZip64,
  type ZipEntryFacts,
  type Zip64Limits,
} from './zip-records.js';

/** zlib level for deflated entries: the default trade of speed against size. */
const DEFLATE_LEVEL = 6;

const deflateRawAsync = promisify(deflateRaw);

/** Writes a zip to `out`; `spoolPath` (which must not exist) holds the central directory meanwhile. */
export function zipWriter(out: ContainerOutput, mtime: Date, limits: Zip64Limits, spoolPath: string): ContainerWriter {
  const time = entryTime(mtime);
  const directory = new Spool(spoolPath);
  let entries = 0;

  const added = (facts: ZipEntryFacts): void => {
    directory.add(centralHeader(facts, time, limits));
    entries++;
  };

  /**
   * Starts a streamed entry: its local header with a zero CRC and sizes, which `complete` writes again
   * with what `count` saw. The container's hash waits at the header until then.
   */
  const begin = async (name: string, size: number, deflate: boolean) => {
    const facts: ZipEntryFacts = {
      name: Buffer.from(name, 'utf8'),
      method: deflate ? METHOD_DEFLATE : METHOD_STORE,
      crc: 0,
      compressedSize: 0,
      size: 0,
      offset: out.position,
    };
    const zip64 = localNeedsZip64(deflate ? deflateBound(size) : size, size, limits);
    const placeholder = localHeader(facts, zip64, time, limits);
    out.holdAt(facts.offset);
    await out.append(placeholder);
    let crc = 0;
    let seen = 0;
    return {
      facts,
      /** Takes the entry's next (uncompressed) chunk. */
      count(chunk: Buffer): void {
        seen += chunk.length;
        if (seen > size) throw new Error(`${name}: the source gives more than the ${size} bytes announced`);
        crc = crc32(chunk, crc);
      },
      async complete(): Promise<void> {
        if (seen !== size) throw new Error(`${name}: the source gave ${seen} bytes, ${size} were announced`);
        facts.crc = crc;
        facts.size = size;
        await out.patch(facts.offset, placeholder, localHeader(facts, zip64, time, limits));
        out.release();
        added(facts);
      },
    };
  };

  return {
    async addBuffer(name, data, deflate) {
      const body = deflate ? await deflateRawAsync(data, { level: DEFLATE_LEVEL }) : data;
      const facts: ZipEntryFacts = {
        name: Buffer.from(name, 'utf8'),
        method: deflate ? METHOD_DEFLATE : METHOD_STORE,
        crc: crc32(data),
        compressedSize: body.length,
        size: data.length,
        offset: out.position,
      };
      await out.append(localHeader(facts, localNeedsZip64(body.length, data.length, limits), time, limits));
      await out.append(body);
      added(facts);
    },

    async addStream(name: string, source: Readable, size: number, deflate: boolean) {
      const entry = await begin(name, size, deflate);
      // Stored data is counted as it goes out; deflated data before it goes into zlib.
      const write = async (chunks: AsyncIterable<Buffer>): Promise<void> => {
        for await (const chunk of chunks) {
          if (!deflate) entry.count(chunk);
          entry.facts.compressedSize += chunk.length;
          await out.append(chunk);
        }
      };
      if (deflate) {
        const counted = async function* (chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
          for await (const chunk of chunks) {
            entry.count(chunk);
            yield chunk;
          }
        };
        await pipeline(source, counted, createDeflateRaw({ level: DEFLATE_LEVEL }), write);
      } else {
        await pipeline(source, write);
      }
      await entry.complete();
    },

    async addFile(name, read, size, check) {
      const entry = await begin(name, size, false);
      entry.facts.compressedSize = await out.appendFrom(read, (chunk) => {
        const wait = check?.update(chunk);
        entry.count(chunk);
        return wait;
      });
      check?.end();
      await entry.complete();
    },

    async finish() {
      const offset = out.position;
      try {
        await out.appendFrom(directory.reader(), () => undefined);
      } finally {
        directory.discard();
      }
      await out.append(endRecords(entries, offset, directory.size, limits));
      return out.finish();
    },

    async abort() {
      directory.discard();
      await out.abort();
    },
  };
}
