import type { Command } from 'commander';
import { verifyPackage, type VerifyReport } from '../../../archive/verify/index.js';
import type { Lang } from '../../i18n.js';

const TEXT = {
  nl: {
    ok: (n: number) => `in orde: ${n} volume(s), geen problemen`,
    bad: (n: number) => `${n} probleem/problemen gevonden; het pakket is niet in orde`,
    problem: 'FOUT',
    note: 'niet gecontroleerd',
    volume: (label: string, io: number, files: number, bytes: number) => `${label}: ${io} informatieobjecten, ${files} bestanden, ${bytes} bytes`,
  },
  en: {
    ok: (n: number) => `OK: ${n} volume(s), no problems`,
    bad: (n: number) => `${n} problem(s) found; the package is not in order`,
    problem: 'ERROR',
    note: 'not checked',
    volume: (label: string, io: number, files: number, bytes: number) => `${label}: ${io} informatieobjecten, ${files} files, ${bytes} bytes`,
  },
} as const;

export function formatReport(report: VerifyReport, lang: Lang): string {
  const t = TEXT[lang];
  const lines: string[] = [];
  for (const v of report.volumes) lines.push(t.volume(v.label, v.informatieobjecten, v.bestanden, v.bytes));
  for (const p of report.problems) lines.push(`${t.problem} ${p.path}: ${p.message} [${p.code}]`);
  for (const n of report.notes) lines.push(`${t.note}: ${n}`);
  lines.push(report.ok ? t.ok(report.volumes.length) : t.bad(report.problems.length));
  return `${lines.join('\n')}\n`;
}

/** `socialarchive verify PACKAGE...`: exit code 0 only when every check holds, 1 when any fails. */
export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description(
      'check a transfer package from its bytes: MDTO schema of every sidecar, names, sizes, checksums, formats (PUID), ' +
        'references and parents, pakbon counts and container hash, BagIt manifests',
    )
    .argument('<package...>', 'package folder, zip or tar container, pakbon, volumes, unpacked SIP folder or BagIt bag')
    .option('--json', 'print the report as JSON')
    .addHelpText('after', '\nExit code: 0 when the package is in order, 1 when a problem was found, 2 on bad input.')
    .action(async (paths: string[], opts: { json?: boolean }, command: Command) => {
      const { lang } = command.optsWithGlobals<{ lang: Lang }>();
      const report = await verifyPackage(paths);
      process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report, lang ?? 'nl'));
      process.exitCode = report.ok ? 0 : 1;
    });
}
