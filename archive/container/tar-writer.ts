// Writes a tar entry by entry, streaming: a header (the size is known before the data), the data,
// zero padding to the next block; two zero blocks at the end. Nothing is compressed.
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ContainerOutput } from './output.js';
import type { ContainerWriter } from './writer.js';
import { BLOCK, TAR_END, padding, tarHeader } from './tar-records.js';

const ZEROS = Buffer.alloc(BLOCK);

export function tarWriter(out: ContainerOutput, mtime: Date): ContainerWriter {
  const pad = async (size: number): Promise<void> => {
    if (padding(size) > 0) await out.append(ZEROS.subarray(0, padding(size)));
  };
  return {
    async addBuffer(name, data) {
      await out.append(tarHeader(name, data.length, mtime));
      await out.append(data);
      await pad(data.length);
    },

    async addStream(name: string, source: Readable, size: number) {
      await out.append(tarHeader(name, size, mtime));
      let seen = 0;
      await pipeline(source, async (chunks: AsyncIterable<Buffer>) => {
        for await (const chunk of chunks) {
          seen += chunk.length;
          if (seen > size) throw new Error(`${name}: the source gives more than the ${size} bytes announced`);
          await out.append(chunk);
        }
      });
      if (seen !== size) throw new Error(`${name}: the source gave ${seen} bytes, ${size} were announced`);
      await pad(size);
    },

    async addFile(name, read, size, check) {
      await out.append(tarHeader(name, size, mtime));
      let seen = 0;
      await out.appendFrom(read, (chunk) => {
        const wait = check?.update(chunk);
        seen += chunk.length;
        if (seen > size) throw new Error(`${name}: the source gives more than the ${size} bytes announced`);
        return wait;
      });
      check?.end();
      if (seen !== size) throw new Error(`${name}: the source gave ${seen} bytes, ${size} were announced`);
      await pad(size);
    },

    async finish() {
      await out.append(TAR_END);
      return out.finish();
    },

    abort: () => out.abort(),
  };
}
