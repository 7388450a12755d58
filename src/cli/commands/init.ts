import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { PACKAGE_ROOT } from '../../version.js';
import { SETTINGS_FILE } from '../../settings.js';
import { globalOptions } from '../workspace-command.js';
import { openWorkspace } from '../../workspace.js';

const SETTINGS_TEMPLATE = `# socialarchive settings. Every key is optional; the values shown are the defaults.
capture:
  recheckWindowDays: 30   # threads of posts this recent are re-checked every run (new replies, edits, deletions)
  fullSweepDays: 7        # and everything, however old, this often
  threadConcurrency: 4
  accountConcurrency: 2
  youtube:
    dailyQuota: 10000     # YouTube Data API units per Pacific day, per account (shared keys: split it)
http:
  timeoutSeconds: 30
  retries: 6
  concurrencyPerHost: 4
  maxJsonMegabytes: 32
  maxMediaMegabytes: 2048
warc:
  maxBytes: 1000000000    # at most 1 GB per WARC file (Nationaal Archief guideline)
  # operator: Gemeente Voorbeeldstad, team DIV
`;

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('create config/ (example registry and settings) and data/ for the embedded store')
    .action(async (_o: unknown, cmd: Command) => {
      const g = globalOptions(cmd);
      const configDir = resolve(g.config);
      mkdirSync(configDir, { recursive: true });
      const made: string[] = [];
      const registry = join(configDir, 'accounts.yaml');
      if (!existsSync(registry)) {
        copyFileSync(join(PACKAGE_ROOT, 'config', 'accounts.yaml'), registry);
        made.push(registry);
      }
      const settings = join(configDir, SETTINGS_FILE);
      if (!existsSync(settings)) {
        writeFileSync(settings, SETTINGS_TEMPLATE, { flag: 'wx' });
        made.push(settings);
      }
      const ws = await openWorkspace({ configDir, dataDir: g.data });
      made.push(`${ws.dataDir} (embedded store)`);
      await ws.close();
      process.stdout.write(`${made.map((m) => `created or ready: ${m}`).join('\n')}\nnext: edit ${registry}, then run: socialarchive accounts check\n`);
    });
}
