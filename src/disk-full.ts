import { statfs } from 'node:fs/promises';

const LOW_BYTES = 4 * 1024 * 1024;

/**
 * A full disk shows up as ENOSPC, as SQLite's SQLITE_FULL, or, when SQLite already rolled the
 * transaction back, only as a failure after it; so the free space of the folder is asked as well.
 * Returns the message for a person, or null when the disk is not the problem.
 */
export async function diskFullMessage(e: unknown, dir: string): Promise<string | null> {
  const code = (e as { code?: unknown } | null)?.code;
  let full = code === 'ENOSPC' || code === 'SQLITE_FULL';
  if (!full) {
    try {
      const s = await statfs(dir);
      full = s.bavail * s.bsize < LOW_BYTES;
    } catch {
      full = false; // the folder is not there: not a full disk
    }
  }
  return full
    ? `the disk holding ${dir} is full (no space left on device): make room and run again; everything committed before is kept and the next run continues where this one stopped`
    : null;
}
