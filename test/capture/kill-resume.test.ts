import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDataset } from '../../crawlers/mastodon/fake/dataset.js';
import { startFakeMastodon, type FakeMastodon } from '../../crawlers/mastodon/fake/server.js';
import { openWorkspace } from '../../src/workspace.js';
import { dumpAccount } from '../helpers/dump.js';
import { FAST_HTTP, makeWorkspaceDirs } from '../helpers/workspace.js';
import { BIN } from '../helpers/cli.js';

const TOKEN = 'kill-test-token-8d9e7f6a5b4c';
const ACCOUNTS = [
  { id: 'voorbeeldstad', handle: 'voorbeeldstad', tokenEnv: 'KILL_TEST_TOKEN', render: false },
  { id: 'burgemeester', handle: 'burgemeester', render: false },
];
// Every run re-checks everything, so the second day exercises edits and deletions everywhere.
const SETTINGS = `${FAST_HTTP}capture:\n  fullSweepDays: 0\nprivacy:\n  faces: false\n`;

let fake: FakeMastodon;
let counter = 0;
let killAt = 0;
let child: ReturnType<typeof spawn> | undefined;

beforeAll(async () => {
  // No rate limit: the stores share one server, and waiting for resets would only slow the test.
  fake = await startFakeMastodon({ tokens: [TOKEN], dataset: demoDataset({ now: new Date() }), rateLimit: null });
  fake.onRequest(() => {
    counter++;
    if (killAt > 0 && counter === killAt) child?.kill('SIGKILL');
  });
});
afterAll(async () => fake.close());

/** Runs `socialarchive run`; when `kill` is set, SIGKILLs it at that request. Resolves with how it ended. */
function run(dirs: { config: string; data: string }, kill = 0): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  counter = 0;
  killAt = kill;
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [BIN, '--config', dirs.config, '--data', dirs.data, 'run'], {
      env: { ...process.env, KILL_TEST_TOKEN: TOKEN },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child = p;
    let stderr = '';
    p.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('error', reject);
    p.on('exit', (code, signal) => {
      child = undefined;
      killAt = 0;
      resolve({ code, signal, stderr });
    });
  });
}

async function dump(data: string, config: string) {
  const ws = await openWorkspace({ configDir: config, dataDir: data });
  try {
    return {
      voorbeeldstad: await dumpAccount(ws.store, 'voorbeeldstad'),
      burgemeester: await dumpAccount(ws.store, 'burgemeester'),
      runs: await ws.store.listRuns(100),
      warcs: await ws.store.listWarcs(),
    };
  } finally {
    await ws.close();
  }
}

/** Kills the run at each point in turn (a new process each time), then lets one run finish. */
async function killedThenFinished(dirs: { config: string; data: string }, points: number[]): Promise<number> {
  let kills = 0;
  for (const k of points) {
    const r = await run(dirs, k);
    if (r.signal === 'SIGKILL') kills++;
    else expect(r.code, r.stderr).toBe(0);
  }
  const last = await run(dirs);
  expect(last.code, last.stderr).toBe(0);
  return kills;
}

describe('killing a run at any moment loses nothing and duplicates nothing', () => {
  it('SIGKILL at several points on both days gives the same archive as uninterrupted runs', { timeout: 300_000 }, async () => {
    const reference = makeWorkspaceDirs(fake.url, ACCOUNTS, SETTINGS);
    const killed = [
      { dirs: makeWorkspaceDirs(fake.url, ACCOUNTS, SETTINGS), day1: [2], day2: [3] },
      { dirs: makeWorkspaceDirs(fake.url, ACCOUNTS, SETTINGS), day1: [9], day2: [25] },
      { dirs: makeWorkspaceDirs(fake.url, ACCOUNTS, SETTINGS), day1: [30, 20], day2: [12, 40] },
      { dirs: makeWorkspaceDirs(fake.url, ACCOUNTS, SETTINGS), day1: [40, 15, 33], day2: [20] },
    ];

    expect((await run(reference)).code).toBe(0);
    let kills = 0;
    for (const k of killed) kills += await killedThenFinished(k.dirs, k.day1);
    const want1 = await dump(reference.data, reference.config);
    for (const k of killed) {
      const got = await dump(k.dirs.data, k.dirs.config);
      expect(got.voorbeeldstad).toEqual(want1.voorbeeldstad);
      expect(got.burgemeester).toEqual(want1.burgemeester);
    }

    fake.nextDay();
    expect((await run(reference)).code).toBe(0);
    for (const k of killed) kills += await killedThenFinished(k.dirs, k.day2);
    const want2 = await dump(reference.data, reference.config);
    expect(want2.voorbeeldstad.some((i) => i.deleted)).toBe(true);
    expect(want2.voorbeeldstad.some((i) => i.versions.length > 1)).toBe(true);
    for (const k of killed) {
      const got = await dump(k.dirs.data, k.dirs.config);
      expect(got.voorbeeldstad).toEqual(want2.voorbeeldstad);
      expect(got.burgemeester).toEqual(want2.burgemeester);
      // The killed runs are on record as interrupted, and what they wrote to their WARC was kept.
      const interrupted = got.runs.filter((r) => r.status === 'interrupted');
      expect(interrupted.length).toBeGreaterThan(0);
      expect(got.warcs.filter((w) => w.recovered).length).toBeGreaterThan(0);
    }
    // 11 of the points fall inside a run; a retry on a loaded machine adds requests, so sometimes one more.
    expect(kills).toBeGreaterThanOrEqual(11);
  });
});
