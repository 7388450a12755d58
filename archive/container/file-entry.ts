// Puts one file of a plan into a container, checked against what the store recorded: from its local
// path straight into the writer's own buffers when the store has one (and the file is stored, not
// deflated), else through a stream from `open()`. A file that cannot be read is a UserError naming it.
import { open } from 'node:fs/promises';
import { UserError } from '../../src/domain/errors.js';
import type { PlanFile } from '../plan.js';
import { CheckedStream, FileCheck, type FileDigests } from './checked-stream.js';
import type { ThreadedHash } from './threaded-hash.js';
import type { ContainerWriter } from './writer.js';

const unreadable = (label: string, what: string, e: unknown): UserError =>
  new UserError('PACKAGE_FILE_UNREADABLE', `${label}: ${what} (${(e as Error).message}); nothing was written`);

const CANNOT_OPEN = 'cannot read the file from the store';
const READ_FAILED = 'reading the file from the store failed';

/**
 * Adds `file` as the entry `name` and resolves once it is in the container, with its digests still to
 * come from the hash worker (they reject with FileMismatchError when the bytes differ from the store's
 * record; so does the adding, for a wrong size). `label` names the file in errors.
 */
export async function addPlanFile(
  writer: ContainerWriter,
  name: string,
  label: string,
  file: PlanFile,
  deflate: boolean,
  hasher: ThreadedHash,
): Promise<{ digests: Promise<FileDigests> }> {
  const expected = { size: file.size, sha256: file.sha256 };
  if (file.path !== undefined && !deflate) {
    const check = new FileCheck(label, expected, hasher);
    const handle = await open(file.path, 'r').catch((e: unknown) => {
      throw unreadable(label, CANNOT_OPEN, e);
    });
    try {
      const read = (into: Buffer, at: number): Promise<number> =>
        handle.read(into, 0, into.length, at).then(
          (r) => r.bytesRead,
          (e: unknown) => {
            throw unreadable(label, READ_FAILED, e);
          },
        );
      await writer.addFile(name, read, file.size, check);
    } finally {
      await handle.close();
    }
    return { digests: check.digests! };
  }
  const checked = new CheckedStream(label, expected, hasher);
  const source = await file.open().catch((e: unknown) => {
    throw unreadable(label, CANNOT_OPEN, e);
  });
  source.on('error', (e) => checked.destroy(unreadable(label, READ_FAILED, e)));
  checked.on('error', () => source.destroy());
  await writer.addStream(name, source.pipe(checked), file.size, deflate);
  return { digests: checked.digests! };
}
