import { Command, InvalidArgumentError } from 'commander';
import { operatorName } from '../../operator.js';
import { loadAndRecordRegistry } from '../../registry/sync.js';
import { startConsole } from '../../server/serve.js';
import { withWorkspace } from '../workspace-command.js';

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('a port number from 0 to 65535');
  return n;
}

/** `socialarchive serve`: the web console and the archive schedule, until SIGINT or SIGTERM. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('the web console (users: socialarchive users add) and the scheduler that runs each account on its schedule')
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--port <n>', 'port to listen on (0: any free port)', port, 8080)
    .option('--no-scheduler', 'serve the console only; scheduled runs are left to another process')
    .option('--secure-cookies', 'mark cookies Secure (when a TLS proxy is in front)')
    .action(async (opts: { host: string; port: number; scheduler: boolean; secureCookies?: boolean }, cmd: Command) => {
      await withWorkspace(cmd, async (ws) => {
        const { registry } = await loadAndRecordRegistry(ws.store, ws.registryFile, operatorName());
        const c = await startConsole(ws, registry, { host: opts.host, port: opts.port, scheduler: opts.scheduler, secureCookies: !!opts.secureCookies });
        process.stdout.write(`socialarchive console: ${c.url}\n`);
        ws.log.info({ url: c.url, scheduler: opts.scheduler }, 'console listening');
        await new Promise<void>((resolve) => {
          const stop = () => {
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
            resolve();
          };
          process.on('SIGINT', stop);
          process.on('SIGTERM', stop);
        });
        await c.close();
      });
    });
}
