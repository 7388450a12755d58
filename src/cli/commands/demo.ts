import type { Command } from 'commander';
import { runDemo } from '../../demo/demo.js';
import { ProgressView } from '../run-report.js';
import { globalOptions } from '../workspace-command.js';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('the whole pipeline on the bundled demo platform (a fake Mastodon server on loopback)')
    .option('--dir <dir>', 'folder for the demo workspace (remade on every demo)', 'demo-output')
    .action(async (opts: { dir: string }, cmd: Command) => {
      const g = globalOptions(cmd);
      const view = new ProgressView(process.stderr, g.lang);
      const result = await runDemo({ dir: opts.dir, lang: g.lang, out: process.stdout, onEvent: view.handle });
      process.exitCode = result.ok ? 0 : 1;
    });
}
