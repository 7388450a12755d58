// External programs used for derivatives: found once, run with a time limit and no shell.
import { execFile } from 'node:child_process';
import { UserError } from '../../src/domain/errors.js';

export interface ToolRun {
  stdout: string;
  stderr: string;
}

/** Runs a program with arguments (never through a shell), bounded in time and output. */
export function runTool(cmd: string, args: readonly string[], timeoutMs = 120_000): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err) {
        const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'is not installed' : `failed: ${stderr.trim().split('\n').slice(-3).join(' | ') || err.message}`;
        reject(new UserError('MEDIA_TOOL_FAILED', `${cmd} ${why}`));
      } else resolve({ stdout, stderr });
    });
  });
}

const versions = new Map<string, Promise<string | null>>();

/** The first line of `<cmd> <flag>`, or null when the program is not installed. Cached per process. */
export function toolVersion(cmd: string, flag = '-version'): Promise<string | null> {
  let v = versions.get(cmd);
  if (!v) {
    v = runTool(cmd, [flag], 10_000).then(
      (r) => (r.stdout || r.stderr).split('\n')[0]!.trim(),
      () => null,
    );
    versions.set(cmd, v);
  }
  return v;
}
