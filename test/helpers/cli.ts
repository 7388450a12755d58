import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/version.js';

/** The built command line. `npm test` builds first; to run one file alone, `npm run build` before. */
export const BIN = join(PACKAGE_ROOT, 'dist', 'src', 'cli', 'bin.js');

export function requireBuiltCli(): void {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run \`npm run build\` first (npm test does)`);
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `socialarchive <args>` as its own process; `input` goes to stdin. */
export function cli(args: string[], opts: { env?: Record<string, string>; input?: string } = {}): Promise<CliResult> {
  requireBuiltCli();
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...opts.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('error', reject);
    p.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    p.stdin.end(opts.input ?? '');
  });
}
