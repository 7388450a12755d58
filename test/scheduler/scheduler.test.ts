import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDataset } from '../../crawlers/mastodon/fake/dataset.js';
import { startFakeMastodon, type FakeMastodon } from '../../crawlers/mastodon/fake/server.js';
import { emptyStats, type Registry } from '../../src/domain/types.js';
import { latestFire, pipelineRunner, Scheduler, schedulerState, type AccountRunner, type Clock } from '../../src/scheduler/index.js';
import { openWorkspace, type Workspace } from '../../src/workspace.js';
import { openTestWorkspace } from '../helpers/workspace.js';

// The scheduler against the fake Mastodon server and a real SQLite store, on a fake clock: the
// schedule is "every day at 03:00 Dutch time" and the tests move time, never wait for it.

const TOKEN = 'scheduler-test-token-4d5e6f';
process.env.SCHEDULER_TEST_TOKEN = TOKEN;
const SCHEDULE = '    schedule: "0 3 * * *"\n';

class FakeClock implements Clock {
  constructor(private t: number) {}
  now = () => new Date(this.t);
  set(iso: string) {
    this.t = Date.parse(iso);
  }
  sleep = (_ms: number, signal: AbortSignal) => new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

let fake: FakeMastodon;
let ws: Workspace;
let registry: Registry;
let dirs: { config: string; data: string };
const clock = new FakeClock(0);

beforeAll(async () => {
  fake = await startFakeMastodon({ tokens: [TOKEN], dataset: demoDataset() });
  ({ ws, registry, dirs } = await openTestWorkspace(fake.url, [
    { id: 'voorbeeldstad', handle: 'voorbeeldstad', tokenEnv: 'SCHEDULER_TEST_TOKEN', render: false, extra: SCHEDULE },
    { id: 'burgemeester', handle: 'burgemeester', render: false },
  ]));
  clock.set(fake.dataset.now); // 2026-06-01 08:00 in Amsterdam
}, 60_000);

afterAll(async () => {
  await ws?.close();
  await fake?.close();
});

const capture = (w: Workspace): AccountRunner => pipelineRunner(w, () => registry, { captureOnly: true, now: clock.now });
const scheduler = (w: Workspace, run: AccountRunner = capture(w)) => new Scheduler({ ws: w, registry: () => registry, clock, run });
const state = async (w: Workspace) => (await schedulerState(w.store, registry, clock.now())).find((s) => s.accountId === 'voorbeeldstad')!;

describe('scheduler', () => {
  it('fires in Dutch time, summer and winter', () => {
    expect(latestFire('0 3 * * *', new Date('2026-06-02T01:00:00Z'))?.toISOString()).toBe('2026-06-02T01:00:00.000Z');
    expect(latestFire('0 3 * * *', new Date('2026-06-02T00:59:59Z'))?.toISOString()).toBe('2026-06-01T01:00:00.000Z');
    expect(latestFire('0 3 * * *', new Date('2026-12-02T05:00:00Z'))?.toISOString()).toBe('2026-12-02T02:00:00.000Z');
  });

  it('starts a due run against the platform and shows last and next run', async () => {
    const s = scheduler(ws);
    // The first look is the starting point: the 03:00 fire of today was before the scheduler knew the account.
    expect(await s.tick()).toEqual([{ accountId: 'voorbeeldstad', fire: '2026-06-01T01:00:00.000Z', action: 'baseline' }]);
    expect(await s.tick()).toEqual([]);
    expect((await state(ws)).lastRun).toBeNull();
    expect((await state(ws)).nextRun).toBe('2026-06-02T01:00:00.000Z');

    clock.set('2026-06-02T01:00:20Z');
    expect(await s.tick()).toEqual([{ accountId: 'voorbeeldstad', fire: '2026-06-02T01:00:00.000Z', action: 'started' }]);
    await s.idle();
    const st = await state(ws);
    expect(st.lastRun).toMatchObject({ status: 'completed' });
    expect(st.nextRun).toBe('2026-06-03T01:00:00.000Z');
    expect(st.lastFailure).toBeNull();
    const run = (await ws.store.getRun(st.lastRun!.runId))!;
    expect(run.operator).toBe('scheduler');
    expect(run.accounts.map((a) => a.accountId)).toEqual(['voorbeeldstad']); // the unscheduled account is not run
    expect(run.accounts[0]!.stats.newPosts).toBeGreaterThan(5);
    expect((await ws.store.countItems('voorbeeldstad')).posts).toBe(run.accounts[0]!.stats.newPosts);
    // The same fire is not acted on again.
    expect(await s.tick()).toEqual([]);
  }, 120_000);

  it('refuses a run while another process captures the account, and records why', async () => {
    // A second connection to the same database is what another `serve` or `run` process would be.
    const other = await openWorkspace({ configDir: dirs.config, dataDir: dirs.data });
    try {
      await other.store.beginRun({ id: 'other-process-run', operator: 'jansen', pid: process.pid, host: hostname(), startedAt: clock.now().toISOString() });
      await other.store.beginAccount('other-process-run', 'voorbeeldstad', clock.now().toISOString(), () => true);
      const s = scheduler(ws);
      clock.set('2026-06-03T01:00:05Z');
      expect((await s.tick()).map((a) => a.action)).toEqual(['started']);
      await s.idle();
      const st = await state(ws);
      expect(st.lastFailure?.reason).toMatch(/being captured by run other-process-run/);
      expect(st.lastFailure?.runId).toBe(st.lastRun?.runId);
      const refused = (await ws.store.getRun(st.lastRun!.runId))!.accounts[0]!;
      expect(refused).toMatchObject({ status: 'stopped', stop: { reason: expect.stringContaining('other-process-run') } });
      expect(refused.stats.requests).toBe(0);
      await other.store.finishAccount('other-process-run', 'voorbeeldstad', 'completed', emptyStats(), clock.now().toISOString());
      await other.store.finishRun('other-process-run', 'completed', clock.now().toISOString());
    } finally {
      await other.close();
    }
  }, 60_000);

  it('refuses a fire while its own earlier run of the account is still going', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const real = capture(ws);
    const slow: AccountRunner = async (id, signal) => (await gate, real(id, signal));
    const s = scheduler(ws, slow);
    clock.set('2026-06-04T01:00:00Z');
    expect((await s.tick()).map((a) => a.action)).toEqual(['started']);
    clock.set('2026-06-05T01:00:00Z');
    const [refused] = await s.tick();
    expect(refused).toMatchObject({ action: 'refused', reason: expect.stringMatching(/2026-06-05T01:00:00.000Z refused: the run of voorbeeldstad started for 2026-06-04T01:00:00.000Z is still going/) });
    expect((await state(ws)).lastFailure?.reason).toBe((refused as { reason: string }).reason);
    expect(s.runningAccounts()).toEqual(['voorbeeldstad']);
    release();
    await s.idle();
    expect((await state(ws)).lastRun?.status).toBe('completed');
  }, 120_000);

  it('catches up fires missed while no process ran exactly once, also when two processes start together', async () => {
    const runsBefore = (await ws.store.listRuns(1000)).length;
    // Down from 2026-06-05 until 2026-06-09 10:00: four 03:00 fires missed.
    clock.set('2026-06-09T08:00:00Z');
    const other = await openWorkspace({ configDir: dirs.config, dataDir: dirs.data });
    const a = scheduler(ws);
    const b = scheduler(other);
    try {
      const [startedA, startedB] = await Promise.all([a.start(), b.start()]);
      const started = [...startedA, ...startedB];
      expect(started).toEqual([{ accountId: 'voorbeeldstad', fire: '2026-06-09T01:00:00.000Z', action: 'started' }]);
      await Promise.all([a.idle(), b.idle()]);
      expect((await ws.store.listRuns(1000)).length).toBe(runsBefore + 1);
      expect(await a.tick()).toEqual([]);
      expect(await b.tick()).toEqual([]);
      expect((await state(ws)).lastRun?.status).toBe('completed');
    } finally {
      await a.stop();
      await b.stop();
      await other.close();
    }
    // A restart in the same day finds nothing missed.
    const again = scheduler(ws);
    expect(await again.start()).toEqual([]);
    await again.stop();
    expect((await ws.store.listRuns(1000)).length).toBe(runsBefore + 1);
  }, 120_000);
});
