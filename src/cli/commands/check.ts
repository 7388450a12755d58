import type { Command } from 'commander';
import type { Lang } from '../../i18n.js';
import { checkStore } from '../../store/check.js';
import { withWorkspace } from '../workspace-command.js';

const TEXT = {
  nl: {
    ok: (n: number) => `in orde: ${n} bestand(en) gecontroleerd, geen problemen`,
    bad: (n: number) => `${n} probleem/problemen gevonden; het archief is niet in orde`,
    problem: 'FOUT',
  },
  en: {
    ok: (n: number) => `OK: ${n} file(s) checked, no problems`,
    bad: (n: number) => `${n} problem(s) found; the archive is not in order`,
    problem: 'ERROR',
  },
} as const;

/** `socialarchive check`: the store's integrity; exit code 0 only when every check holds, 1 when any fails. */
export function registerCheck(program: Command): void {
  program
    .command('check')
    .description("check the archive's integrity: every file's SHA-256 and size, every payload checksum, every reference between records")
    .option('--json', 'print the problems as JSON')
    .addHelpText('after', '\nExit code: 0 when the archive is in order, 1 when a problem was found, 2 on bad input.')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withWorkspace(cmd, async (ws, g) => {
        const t = TEXT[(g.lang as Lang | undefined) ?? 'nl'];
        let files = 0;
        const problems = await checkStore(ws.store, ws.files, (_done, total) => (files = total));
        if (opts.json) process.stdout.write(`${JSON.stringify({ ok: problems.length === 0, files, problems }, null, 2)}\n`);
        else process.stdout.write([...problems.map((p) => `${t.problem} ${p}`), problems.length ? t.bad(problems.length) : t.ok(files)].join('\n') + '\n');
        process.exitCode = problems.length ? 1 : 0;
      });
    });
}
