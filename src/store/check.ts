import { createHash } from 'node:crypto';
import type { FileStore } from './files/file-store.js';
import type { Store } from './store.js';

/**
 * The store's integrity: the database's own findings (src/store/store.ts `integrity`), and every
 * file it refers to present, of the recorded size, and hashing to its name. Returns the problems,
 * one line each; none means the archive holds what its database says.
 */
export async function checkStore(store: Store, files: FileStore, onFile?: (done: number, total: number) => void): Promise<string[]> {
  const { files: refs, problems } = await store.integrity();
  let done = 0;
  for (const [sha256, ref] of refs) {
    onFile?.(++done, refs.size);
    if (!(await files.has(sha256))) {
      problems.push(`file ${sha256} (${ref.where}) is missing`);
      continue;
    }
    const { hash, size } = await digest(files, sha256);
    if (hash !== sha256) problems.push(`file ${sha256} (${ref.where}) does not match its SHA-256 (content hashes to ${hash})`);
    else if (ref.size !== null && size !== ref.size) problems.push(`file ${sha256} (${ref.where}) is ${size} bytes, the database says ${ref.size}`);
  }
  return problems;
}

async function digest(files: FileStore, sha256: string): Promise<{ hash: string; size: number }> {
  const h = createHash('sha256');
  let size = 0;
  for await (const chunk of files.open(sha256) as AsyncIterable<Buffer>) {
    h.update(chunk);
    size += chunk.length;
  }
  return { hash: h.digest('hex'), size };
}
