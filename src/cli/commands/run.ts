import type { Command } from 'commander';
import { runPipeline } from '../../pipeline/run-pipeline.js';
import { formatFormatsSummary, formatsProgress } from '../../formats-stage/index.js';
import { loadAndRecordRegistry } from '../../registry/sync.js';
import { formatRunSummary, ProgressView } from '../run-report.js';
import { withWorkspace } from '../workspace-command.js';
import { operatorName } from '../../operator.js';
import { formatScanSummary, scanProgress } from '../../privacy/pipeline/index.js';

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('capture the registered accounts: posts, replies, edits, deletions, media and WARC')
    .option('--account <id...>', 'only these accounts (repeatable)')
    .option('--capture-only', 'capture only; formats and the privacy scan of what is new follow on the next full run')
    .option('--json', 'print the run record as JSON (with the process\'s peak memory) instead of the table')
    .action(async (opts: { account?: string[]; json?: boolean; captureOnly?: boolean }, cmd: Command) => {
      await withWorkspace(cmd, async (ws, g) => {
        const { registry } = await loadAndRecordRegistry(ws.store, ws.registryFile, operatorName());
        const controller = new AbortController();
        let signals = 0;
        const onSignal = (sig: NodeJS.Signals) => {
          // First signal: stop cleanly (commit, close the WARC). Second: leave now; the next run recovers.
          if (++signals > 1) process.exit(130);
          process.stderr.write(`\n${sig}: stopping after the current requests (again to quit at once)\n`);
          controller.abort(new Error(`stopped by ${sig}`));
        };
        process.on('SIGINT', onSignal);
        process.on('SIGTERM', onSignal);
        try {
          const view = new ProgressView(process.stderr, g.lang);
          const { run, formats, privacy } = await runPipeline(ws, registry, {
            accountIds: opts.account,
            operator: operatorName(),
            onEvent: view.handle,
            onFormats: formatsProgress(process.stderr, g.lang),
            onScan: scanProgress(process.stderr, g.lang),
            signal: controller.signal,
            captureOnly: opts.captureOnly,
          });
          if (opts.json) {
            const usage = process.resourceUsage();
            process.stdout.write(JSON.stringify({ ...run, formats, privacy, process: { maxRssBytes: usage.maxRSS * 1024, cpuMs: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000) } }) + '\n');
          } else {
            process.stdout.write(formatRunSummary(run, g.lang) + (formats ? formatFormatsSummary(formats, g.lang) : '') + (privacy ? formatScanSummary(privacy, g.lang) : ''));
          }
          process.exitCode = run.status === 'completed' ? 0 : run.status === 'interrupted' ? 130 : 1;
        } finally {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
        }
      });
    });
}
