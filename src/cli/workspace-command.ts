import type { Command } from 'commander';
import { openWorkspace, type Workspace } from '../workspace.js';

export interface GlobalOptions {
  config: string;
  data: string;
  lang: 'nl' | 'en';
}

export const globalOptions = (cmd: Command): GlobalOptions => cmd.optsWithGlobals() as GlobalOptions;

/** Opens the workspace named by the global options, runs `fn`, and always closes it. */
export async function withWorkspace<T>(cmd: Command, fn: (ws: Workspace, g: GlobalOptions) => Promise<T>): Promise<T> {
  const g = globalOptions(cmd);
  const ws = await openWorkspace({ configDir: g.config, dataDir: g.data });
  try {
    return await fn(ws, g);
  } finally {
    await ws.close();
  }
}
