import { Command, InvalidArgumentError } from 'commander';
import { openLog, silentLog, type Logger } from '../../log.js';
import { loadPrivacyConfig } from '../../privacy/config.js';
import { createDetector } from '../../privacy/detect.js';
import { DEFAULT_MAX_LINE_BYTES, scanJsonLines } from '../../privacy/scan-stream.js';

const MAX_LINE_LIMIT = 256 * 1024 * 1024;

function lineBytes(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1024 || n > MAX_LINE_LIMIT) {
    throw new InvalidArgumentError(`a whole number of bytes between 1024 and ${MAX_LINE_LIMIT}`);
  }
  return n;
}

/** Logs go to the data folder when it can be written; a filter must not fail for want of a log. */
function tryOpenLog(dataDir: string): Logger {
  try {
    return openLog(dataDir);
  } catch {
    return silentLog;
  }
}

/** `socialarchive privacy scan`: the text detector as a JSON Lines filter (SPEC section 5). */
export function registerPrivacy(program: Command): void {
  const privacy = program.command('privacy').description('personal-data detection');
  privacy
    .command('scan')
    .description(
      'read JSON Lines {"id","text"} on stdin and write {"id","findings":[...]} per line on stdout, in input order. ' +
        'Invalid lines are skipped with a message naming the line number on stderr; the exit code is then 1.',
    )
    .option('--max-line-bytes <n>', 'longest input line accepted, in bytes', lineBytes, DEFAULT_MAX_LINE_BYTES)
    .addHelpText('after', '\nThe organisation allow-list and the suggested actions come from privacy.yaml in the --config folder.')
    .action(async (opts: { maxLineBytes: number }, command: Command) => {
      const globals = command.optsWithGlobals<{ config: string; data: string }>();
      const { options, file } = await loadPrivacyConfig(globals.config);
      if (!file) process.stderr.write(`socialarchive: no privacy.yaml in ${globals.config}; nothing is allow-listed\n`);
      const log = tryOpenLog(globals.data);
      const started = Date.now();
      // Texts and findings are personal data: only counts are logged.
      const summary = await scanJsonLines(process.stdin, process.stdout, process.stderr, createDetector(options), { maxLineBytes: opts.maxLineBytes });
      log.info({ event: 'privacy.scan', config: file ?? null, ...summary, ms: Date.now() - started }, 'privacy scan finished');
      if (summary.invalid > 0) {
        process.stderr.write(`socialarchive: ${summary.invalid} of ${summary.lines} input lines were invalid and skipped\n`);
        process.exitCode = 1;
      }
    });
}
