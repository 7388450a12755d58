// An unpacked package (or bag) on disk. Walks the folder in sorted order without following links;
// anything that is not a plain file or folder is reported. A worker thread hashes the files while the
// main thread reads sidecars and identifies formats.
import { closeSync, openSync } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { HashJobRun } from '../container/file-hash-worker.js';
import type { Findings } from './problems.js';
import type { EntryHandler, PackageSource, ReadOptions, SourceResult } from './source.js';
import { rangeSource } from './stream-util.js';

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

async function walk(root: string, findings: Findings | undefined, label: string): Promise<{ path: string; size: number }[]> {
  const out: { path: string; size: number }[] = [];
  const visit = async (rel: string): Promise<void> => {
    const names = (await readdir(join(root, rel))).sort(byName);
    for (const name of names) {
      const path = rel ? `${rel}/${name}` : name;
      const st = await lstat(join(root, path));
      if (st.isDirectory()) await visit(path);
      else if (st.isFile()) out.push({ path, size: st.size });
      else findings?.add(`${label}:${path}`, 'not-a-file', 'a link or special file does not belong in a package');
    }
  };
  await visit('');
  return out;
}

export function dirSource(root: string, label: string): PackageSource {
  return {
    label,
    listing: async () => (await walk(root, undefined, label)).map((f) => f.path),
    async read(onEntry: EntryHandler, findings: Findings, options: ReadOptions): Promise<SourceResult> {
      const files = await walk(root, findings, label);
      const run = new HashJobRun({ pieces: files.map((f) => ({ path: join(root, f.path), offset: 0, length: f.size, sha512: options.sha512 })) });
      for (const [i, f] of files.entries()) {
        const fd = openSync(join(root, f.path), 'r');
        try {
          await onEntry({ path: f.path, size: f.size, randomAccess: rangeSource(fd, 0, f.size) }, { kind: 'hashed', digests: run.piece(i) });
        } catch (e) {
          findings.add(`${label}:${f.path}`, 'read-error', (e as Error).message);
        } finally {
          closeSync(fd);
        }
      }
      await run.result.catch((e: Error) => findings.add(label, 'read-error', e.message));
      return { files: files.length };
    },
  };
}
