import { Command, Option } from 'commander';
import { operatorName } from '../../operator.js';
import { makePackage, PROFILE_FILE } from '../../package/make-package.js';
import { formatBuilt, formatUnreviewed } from '../../package/report.js';
import { withWorkspace } from '../workspace-command.js';

interface PackageCommandOptions {
  from: string;
  to: string;
  account?: string[];
  out: string;
  profile?: string;
  created?: string;
  allowUnreviewed?: boolean;
  json?: boolean;
}

/** `socialarchive package`: a transfer package (MDTO SIP) of a selection, recorded in the archive. */
export function registerPackage(program: Command): void {
  program
    .command('package')
    .description('build a transfer package (MDTO SIP with pakbon) of the accounts\' threads published in a period, and record it')
    .requiredOption('--from <date>', 'first day of the period (YYYY-MM-DD, UTC); a thread is in it when any of its posts or replies was published in the period')
    .requiredOption('--to <date>', 'last day of the period (YYYY-MM-DD, UTC, included)')
    .option('--account <id...>', 'only these accounts (default: every registered account)')
    .requiredOption('--out <dir>', 'folder to write the package in (must not exist yet)')
    .option('--profile <file>', `receiving-archive profile (default: <config>/${PROFILE_FILE})`)
    .option('--created <iso>', 'creation time written in the package (default: now); the same archive and time give the same bytes')
    .option('--allow-unreviewed', 'also package items with open personal-data findings, marked "Nader te bepalen"')
    .addOption(new Option('--json', 'print the transfer record (or the refusal) as JSON'))
    .addHelpText('after', '\nExit code: 0 when the package was written, 1 when unreviewed items stopped it (listed), 2 on bad input.')
    .action(async (opts: PackageCommandOptions, cmd: Command) => {
      await withWorkspace(cmd, async (ws, g) => {
        const outcome = await makePackage(ws, {
          from: opts.from,
          to: opts.to,
          accounts: opts.account,
          out: opts.out,
          profileFile: opts.profile,
          created: opts.created,
          allowUnreviewed: opts.allowUnreviewed,
          actor: operatorName(),
        });
        if (outcome.status === 'refused') {
          if (opts.json) process.stdout.write(`${JSON.stringify({ refused: true, package: outcome.selection.id, unreviewed: outcome.unreviewed })}\n`);
          else process.stdout.write(formatUnreviewed(outcome.unreviewed, g.lang));
          process.exitCode = 1;
          return;
        }
        if (opts.json) process.stdout.write(`${JSON.stringify({ transfer: outcome.transfer, remarks: outcome.remarks })}\n`);
        else process.stdout.write(formatBuilt(outcome, g.lang));
      });
    });
}
