import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, mkdirSync } from 'node:fs';
import { access, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { UserError } from '../../domain/errors.js';
import type { StoredFile } from '../../domain/types.js';
import type { FileStore } from './file-store.js';

const HEX64 = /^[0-9a-f]{64}$/;

/** Files under `<root>/sha256/ab/cd/<hash>`; writes go to `<tmp>` first and are renamed into place. */
export class DiskFileStore implements FileStore {
  readonly tmpDir: string;

  constructor(private readonly root: string) {
    this.tmpDir = join(root, 'tmp');
    mkdirSync(this.tmpDir, { recursive: true });
  }

  pathOf(sha256: string): string {
    if (!HEX64.test(sha256)) throw new UserError('files.bad-hash', `not a SHA-256: ${sha256.slice(0, 80)}`);
    return join(this.root, 'sha256', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async putStream(source: AsyncIterable<Uint8Array> | Readable, maxBytes = Number.MAX_SAFE_INTEGER): Promise<StoredFile> {
    const tmp = this.tmpName();
    const fh = await open(tmp, 'wx');
    const hash = createHash('sha256');
    let size = 0;
    try {
      for await (const chunk of source) {
        size += chunk.byteLength;
        if (size > maxBytes) throw new UserError('files.too-large', `file larger than the limit of ${maxBytes} bytes`);
        hash.update(chunk);
        await fh.write(chunk);
      }
      await fh.sync();
    } catch (e) {
      await fh.close();
      await rm(tmp, { force: true });
      throw e;
    }
    await fh.close();
    const file = { sha256: hash.digest('hex'), size };
    await this.adopt(tmp, file);
    return file;
  }

  async putBuffer(bytes: Uint8Array): Promise<StoredFile> {
    return this.putStream((async function* () {
      yield bytes;
    })());
  }

  async adopt(path: string, file: StoredFile): Promise<void> {
    const target = this.pathOf(file.sha256);
    if (await this.has(file.sha256)) {
      await rm(path, { force: true });
      return;
    }
    mkdirSync(join(target, '..'), { recursive: true });
    // rename() is atomic; if another writer got there first it replaces the same bytes.
    await rename(path, target);
  }

  async has(sha256: string): Promise<boolean> {
    return access(this.pathOf(sha256)).then(
      () => true,
      () => false,
    );
  }

  open(sha256: string): Readable {
    return createReadStream(this.pathOf(sha256));
  }

  async size(sha256: string): Promise<number> {
    return (await stat(this.pathOf(sha256))).size;
  }

  private tmpName(): string {
    return join(this.tmpDir, `${Date.now()}-${process.pid}-${randomBytes(6).toString('hex')}.part`);
  }
}
