import type { Command } from 'commander';
import { runImport } from '../../capture/import-run.js';
import { formatFormatsSummary, formatsProgress } from '../../formats-stage/index.js';
import { operatorName } from '../../operator.js';
import { runStages } from '../../pipeline/run-pipeline.js';
import { formatScanSummary, scanProgress } from '../../privacy/pipeline/index.js';
import { loadAndRecordRegistry } from '../../registry/sync.js';
import { formatRunSummary } from '../run-report.js';
import { withWorkspace } from '../workspace-command.js';

export function registerImport(program: Command): void {
  program
    .command('import')
    .description("import the owner's export of an account (an X archive, a Facebook or Instagram download), then formats and the privacy scan")
    .requiredOption('--account <id>', 'the registered account the export belongs to')
    .argument('<file>', 'the export as downloaded from the platform (zip)')
    .action(async (file: string, opts: { account: string }, cmd: Command) => {
      await withWorkspace(cmd, async (ws, g) => {
        const { registry } = await loadAndRecordRegistry(ws.store, ws.registryFile, operatorName());
        const run = await runImport(ws, registry, opts.account, file, { operator: operatorName() });
        const { formats, privacy } = await runStages(ws, registry, {
          accountIds: [opts.account],
          operator: operatorName(),
          onFormats: formatsProgress(process.stderr, g.lang),
          onScan: scanProgress(process.stderr, g.lang),
        });
        process.stdout.write(formatRunSummary(run, g.lang) + (formats ? formatFormatsSummary(formats, g.lang) : '') + (privacy ? formatScanSummary(privacy, g.lang) : ''));
        process.exitCode = run.status === 'completed' ? 0 : 1;
      });
    });
}
