import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { scrubValue, scrub } from './secrets.js';

export type { Logger };

/** Field paths that may carry a secret; pino replaces them before anything is written. */
const REDACT_PATHS = [
  'authorization',
  'token',
  'password',
  'secret',
  'credentials',
  '*.authorization',
  '*.Authorization',
  '*.token',
  '*.password',
  '*.secret',
  'headers.authorization',
  'req.headers.authorization',
  'request.headers.authorization',
];

/** JSON logs to `<dataDir>/logs/socialarchive-YYYY-MM-DD.log`, with secrets redacted. */
export function openLog(dataDir: string, level = process.env.SOCIALARCHIVE_LOG_LEVEL ?? 'info'): Logger {
  const dir = join(dataDir, 'logs');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `socialarchive-${new Date().toISOString().slice(0, 10)}.log`);
  return pino(
    {
      level,
      redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
      formatters: { log: (obj) => scrubValue(obj) },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? scrub(a) : a)) as Parameters<typeof method>);
        },
      },
    },
    // Synchronous appends: a command may exit right after its last line, and logs are few (counts,
    // warnings, stops), so nothing is buffered that an exit could lose.
    pino.destination({ dest: file, sync: true, mkdir: true }),
  );
}

/** A logger that writes nothing, for pure library use and tests that do not look at logs. */
export const silentLog: Logger = pino({ level: 'silent' });
