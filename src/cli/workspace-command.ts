import type { Command } from 'commander';
import { UserError } from '../domain/errors.js';
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

/** Account ids must be registered ones, so a typo is an error (`<command>.unknown-account`) rather than an empty list. */
export async function checkAccountIds(ws: Workspace, command: string, ids: string[] | undefined): Promise<string[] | undefined> {
  if (!ids) return undefined;
  const known = (await ws.store.latestRegistry())?.registry.accounts.map((a) => a.id) ?? [];
  const unknown = ids.filter((id) => !known.includes(id));
  if (unknown.length) throw new UserError(`${command}.unknown-account`, `unknown account ${unknown.join(', ')}; registered: ${known.join(', ') || 'none'}`);
  return ids;
}
