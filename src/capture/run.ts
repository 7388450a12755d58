import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { recoverWarc } from '../../formats/warc/recover.js';
import { WarcWriter } from '../../formats/warc/writer.js';
import { crawlerFor } from '../../crawlers/index.js';
import { isUserError, UserError } from '../domain/errors.js';
import { addStats, emptyStats, type Account, type CaptureStats, type Registry, type RunStatus, type StopInfo } from '../domain/types.js';
import { resolveSecret, scrub } from '../secrets.js';
import type { RunRecord } from '../store/store.js';
import { SOFTWARE } from '../version.js';
import type { Workspace } from '../workspace.js';
import { operatorName } from '../operator.js';
import { CrawlStopped, type AccountHttp, type AccountState, type CrawlContext } from './crawler.js';
import { HttpClient, HttpError, type HttpRequest } from './http/client.js';
import { forEachLimited } from './pool.js';

/** What the terminal (or the console) is told while a run goes on. */
export type RunEvent =
  | { type: 'run-start'; runId: string; accounts: string[] }
  | { type: 'account-start'; accountId: string }
  | { type: 'progress'; accountId: string; phase: string; stats: CaptureStats }
  | { type: 'account-end'; accountId: string; status: RunStatus; stats: CaptureStats; stop?: StopInfo | undefined }
  | { type: 'run-end'; run: RunRecord };

export interface RunOptions {
  accountIds?: string[] | undefined;
  operator?: string;
  onEvent?: (e: RunEvent) => void;
  signal?: AbortSignal;
  now?: () => Date;
}

export const newRunId = (at: Date): string => `${at.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '')}Z-${randomBytes(3).toString('hex')}`;

/** Same machine: ask the OS whether the pid lives. Another machine: assume it does (a person must decide). */
export function processAlive(p: { pid: number; host: string }): boolean {
  if (p.host !== hostname()) return true;
  try {
    process.kill(p.pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One archive run: every selected account is captured by its platform's crawler, every HTTP
 * exchange lands in the run's WARC, every batch of observations is committed with its cursor.
 */
export async function runCapture(ws: Workspace, registry: Registry, opts: RunOptions = {}): Promise<RunRecord> {
  const now = opts.now ?? (() => new Date());
  const emit = opts.onEvent ?? (() => undefined);
  const operator = opts.operator ?? operatorName();
  const accounts = selectAccounts(registry, opts.accountIds);

  await recoverInterrupted(ws, now);

  const started = now();
  const runId = newRunId(started);
  await ws.store.beginRun({ id: runId, operator, pid: process.pid, host: hostname(), startedAt: started.toISOString() });
  emit({ type: 'run-start', runId, accounts: accounts.map((a) => a.id) });
  const log = ws.log.child({ runId });

  const warc = new WarcWriter({
    dir: ws.warcOpenDir,
    baseName: `socialarchive-${runId}`,
    maxBytes: ws.settings.warc.maxBytes,
    info: {
      software: SOFTWARE,
      operator: ws.settings.warc.operator ?? `${registry.organisation.name} (${operator})`,
      hostname: hostname(),
      isPartOf: `run ${runId}`,
      robots: 'ignore (platform API capture of the organisation’s own accounts)',
      description: `API capture of ${accounts.map((a) => `${a.platform}:${a.handle}`).join(', ')}`,
    },
    onFileDone: async (f) => {
      await ws.files.adopt(f.path, { sha256: f.sha256, size: f.size });
      await ws.store.recordWarc({ runId, seq: f.seq, file: { sha256: f.sha256, size: f.size }, records: f.records, recovered: false }, now().toISOString());
    },
  });
  const h = ws.settings.http;
  const http = new HttpClient({
    userAgent: `${SOFTWARE} ${h.userAgent}`,
    warc,
    tmpDir: ws.files.tmpDir,
    log,
    signal: opts.signal,
    timeouts: { headersMs: h.timeoutSeconds * 1000, idleMs: h.timeoutSeconds * 1000 },
    retry: { attempts: h.retries, baseDelayMs: h.retryBaseSeconds * 1000, maxDelayMs: 120_000 },
    concurrencyPerHost: h.concurrencyPerHost,
    maxJsonBytes: h.maxJsonMegabytes * 1024 * 1024,
  });

  const results: RunStatus[] = [];
  let crashed = false;
  try {
    await forEachLimited(accounts, ws.settings.capture.accountConcurrency, async (account) => {
      results.push(await captureAccount(ws, { account, runId, http, log, emit, now, signal: opts.signal }));
    });
  } catch (e) {
    crashed = true;
    throw e;
  } finally {
    http.close();
    await warc.close();
    // Whatever happened, the run is not left "running".
    const status: RunStatus = crashed
      ? 'failed'
      : opts.signal?.aborted
        ? 'interrupted'
        : results.every((r) => r === 'completed' || r === 'skipped')
          ? 'completed'
          : results.includes('failed')
            ? 'failed'
            : 'stopped';
    await ws.store.finishRun(runId, status, now().toISOString());
  }
  const run = (await ws.store.getRun(runId))!;
  emit({ type: 'run-end', run });
  return run;
}

interface AccountRun {
  account: Account;
  runId: string;
  http: HttpClient;
  log: Workspace['log'];
  emit: (e: RunEvent) => void;
  now: () => Date;
  signal?: AbortSignal | undefined;
}

async function captureAccount(ws: Workspace, r: AccountRun): Promise<RunStatus> {
  const { account, runId, now } = r;
  const log = r.log.child({ account: account.id });
  r.emit({ type: 'account-start', accountId: account.id });
  let stats = emptyStats();
  let where = 'start';
  const finish = async (status: RunStatus, stop?: StopInfo) => {
    await ws.store.finishAccount(runId, account.id, status, stats, now().toISOString(), stop);
    r.emit({ type: 'account-end', accountId: account.id, status, stats, stop });
    if (stop) log.warn({ status, ...stop }, 'account capture did not finish');
    else log.info({ stats }, 'account captured');
    return status;
  };

  const skip = async (status: 'skipped' | 'stopped', reason: string): Promise<RunStatus> => {
    await ws.store.skipAccount(runId, account.id, status, reason, now().toISOString());
    r.emit({ type: 'account-end', accountId: account.id, status, stats, stop: { reason, where: 'not started' } });
    return status;
  };
  const crawler = crawlerFor(account.platform);
  if (!crawler) return skip('skipped', `no crawler for platform ${account.platform} yet`);
  if (account.status === 'closed') return skip('skipped', 'the account is closed; nothing left to capture');

  let cycleStartedAt: string;
  try {
    ({ cycleStartedAt } = await ws.store.beginAccount(runId, account.id, now().toISOString(), processAlive));
  } catch (e) {
    if (isUserError(e)) return skip('stopped', e.message); // another run holds the account
    throw e;
  }
  let token: string | undefined;
  try {
    token = resolveSecret(account.credentials);
  } catch (e) {
    return finish('failed', { reason: isUserError(e) ? e.message : String(e), where: 'credentials' });
  }

  const controller = new AbortController();
  const signal = r.signal ? AbortSignal.any([r.signal, controller.signal]) : controller.signal;
  const count = (n: number) => (stats = addStats(stats, { requests: n }));
  const maxMedia = ws.settings.http.maxMediaMegabytes * 1024 * 1024;
  const http: AccountHttp = {
    getJson: <T>(url: string, o: { rateLimit?: HttpRequest['rateLimit']; headers?: Record<string, string> } = {}) => counted(r.http.getJson<T>({ url, ...o }), count),
    get: (req) => counted(r.http.get(req), count),
    async download(url, o = {}) {
      try {
        const res = await counted(r.http.get({ url, into: 'file', maxBytes: maxMedia, ...o }), count);
        if (res.status !== 200 || !res.file) return { error: `GET ${scrub(url)} answered ${res.status}` };
        await ws.files.adopt(res.file.path, { sha256: res.file.sha256, size: res.file.size });
        return { file: { sha256: res.file.sha256, size: res.file.size } };
      } catch (e) {
        if (signal.aborted || !(e instanceof HttpError)) throw e;
        return { error: e.message };
      }
    },
  };
  const s = ws.store;
  const state: AccountState = {
    getCursor: (key) => s.getCursor(account.id, key),
    getItems: (ids) => s.getItems(account.id, ids),
    listOwnItems: (since) => s.listOwnItems(account.id, since),
    listThreadReplies: (root) => s.listThreadReplies(account.id, root),
    listDueThreads: () => s.listDueThreads(account.id),
    listUnplacedOwnReplies: () => s.listUnplacedOwnReplies(account.id),
    countThreadReplies: (roots) => s.countThreadReplies(account.id, roots),
  };
  const ctx: CrawlContext = {
    account,
    runId,
    cycleStartedAt,
    token,
    settings: ws.settings.capture,
    http,
    state,
    files: { put: (bytes) => ws.files.putBuffer(bytes) },
    async commit(batch) {
      const added = await s.commitBatch(account.id, runId, now().toISOString(), batch);
      stats = addStats(stats, added);
    },
    profileSnapshot: (pid, key) => s.recordProfileSnapshot(runId, account.id, pid, key),
    progress(phase, detail) {
      where = detail ? `${phase}: ${scrub(detail)}` : phase;
      r.emit({ type: 'progress', accountId: account.id, phase, stats });
    },
    now,
    log,
    signal,
  };

  try {
    await crawler.crawl(ctx);
    return await finish('completed');
  } catch (e) {
    if (r.signal?.aborted) return finish('interrupted', { reason: 'stopped by the operator', where });
    if (e instanceof CrawlStopped) return finish('stopped', { reason: scrub(e.reason), where: scrub(e.where) });
    if (isUserError(e)) return finish('stopped', { reason: scrub(e.message), where });
    log.error({ err: e }, 'unexpected error while capturing');
    return finish('failed', { reason: scrub(e instanceof Error ? e.message : String(e)), where });
  } finally {
    controller.abort();
  }
}

async function counted<T extends { attempts?: number }>(p: Promise<T>, count: (n: number) => void): Promise<T> {
  try {
    const res = await p;
    count(res.attempts ?? 1);
    return res;
  } catch (e) {
    count(e instanceof HttpError ? e.attempts : 1);
    throw e;
  }
}

function selectAccounts(registry: Registry, ids: string[] | undefined): Account[] {
  if (!ids?.length) return registry.accounts.filter((a) => a.status !== 'closed');
  const unknown = ids.filter((id) => !registry.accounts.some((a) => a.id === id));
  if (unknown.length) throw new UserError('run.unknown-account', `unknown account id(s): ${unknown.join(', ')} (see: socialarchive accounts list)`);
  return registry.accounts.filter((a) => ids.includes(a.id));
}

/** Runs whose process died are marked interrupted; the WARC they were writing is cut to its last whole record and kept. */
async function recoverInterrupted(ws: Workspace, now: () => Date): Promise<void> {
  const at = now().toISOString();
  await ws.store.markInterruptedRuns(processAlive, at);
  for (const name of readdirSync(ws.warcOpenDir)) {
    const m = /^socialarchive-(.+)-(\d{5})\.warc(\.open)?$/.exec(name);
    if (!m) continue;
    const run = await ws.store.getRun(m[1]!);
    if (run?.status === 'running') continue; // a live run elsewhere on this store
    const path = join(ws.warcOpenDir, name);
    if (!run) {
      ws.log.warn({ file: name }, 'a WARC file of an unknown run is left where it is');
      continue;
    }
    const rec = recoverWarc(path);
    if (rec.records === 0) {
      ws.log.warn({ file: name }, 'empty WARC of an interrupted run removed');
      await rm(path, { force: true });
      continue;
    }
    await ws.files.adopt(path, { sha256: rec.sha256, size: rec.size });
    await ws.store.recordWarc({ runId: run.id, seq: Number(m[2]), file: { sha256: rec.sha256, size: rec.size }, records: rec.records, recovered: true }, at);
    ws.log.info({ file: name, records: rec.records, cutBytes: rec.cut }, 'recovered the WARC of an interrupted run');
  }
}
