import type { FastifyInstance } from 'fastify';
import type { Registry } from '../domain/types.js';
import { Scheduler, type AccountRunner } from '../scheduler/index.js';
import type { Workspace } from '../workspace.js';
import { buildApp } from './app.js';
import { LoginThrottle } from './auth/throttle.js';
import type { ConsoleContext } from './context.js';
import { RunManager } from './run-manager.js';
import { ReadCache } from './read-cache.js';

export interface ServeOptions {
  host: string;
  port: number;
  scheduler: boolean;
  secureCookies: boolean;
  sessionHours?: number;
}

export interface Console {
  app: FastifyInstance;
  url: string;
  ctx: ConsoleContext;
  close(): Promise<void>;
}

/** How often the scheduler's view of the registry is refreshed from the store (console edits land there). */
const REGISTRY_REFRESH_MS = 30_000;

/** The console and (optionally) the scheduler on an open workspace whose registry is recorded. */
export async function startConsole(ws: Workspace, registry: Registry, o: ServeOptions): Promise<Console> {
  const runs = new RunManager(ws);
  const ctx: ConsoleContext = { ws, runs, throttle: new LoginThrottle(), reads: new ReadCache(), schedulerRunning: o.scheduler, secureCookies: o.secureCookies, sessionHours: o.sessionHours ?? 12 };
  const app = await buildApp(ctx);
  await app.listen({ host: o.host, port: o.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : o.port;

  let current = registry;
  const refresh = setInterval(() => {
    void ws.store.latestRegistry().then((r) => r && (current = r.registry));
  }, REGISTRY_REFRESH_MS);
  refresh.unref();
  // Scheduled runs go through the same run manager, so the console shows their progress too.
  const runner: AccountRunner = async (accountId, signal) => {
    const id = await runs.start(current, [accountId], 'scheduler', signal);
    await runs.done(id);
    const run = await ws.store.getRun(id);
    if (!run) throw new Error(`run ${id} left no record`);
    return run;
  };
  const scheduler = o.scheduler ? new Scheduler({ ws, registry: () => current, run: runner, log: ws.log }) : null;
  if (scheduler) await scheduler.start();

  return {
    app,
    url: `http://${o.host.includes(':') ? `[${o.host}]` : o.host}:${port}`,
    ctx,
    async close() {
      clearInterval(refresh);
      await scheduler?.stop();
      await app.close();
      await runs.idle();
    },
  };
}
