// Fault injection against every fake platform (issue 8, item 1). Each fault is put in front of the
// platform's listing; the run must then complete with everything (a fault a retry gets past) or
// stop with a recorded reason, never store a half item, never page forever and never follow a
// redirect off the platform. The reference is an undisturbed run of the same fake.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fault } from '../../crawlers/fake-faults.js';
import { runCapture } from '../../src/capture/run.js';
import { loadAndRecordRegistry } from '../../src/registry/sync.js';
import { checkStore } from '../../src/store/check.js';
import { openWorkspace } from '../../src/workspace.js';
import { dumpAccount } from '../helpers/dump.js';
import { FAST_HTTP, makeWorkspaceDirs } from '../helpers/workspace.js';
import { PLATFORMS, type FaultyPlatform, type PlatformTarget } from './platforms.js';

const ID = 'fault-account';
// One-second timeouts and fast retries; no faces, no renditions: the subject is capture.
const SETTINGS = `${FAST_HTTP}  retries: 4\n  maxJsonMegabytes: 8\ncapture:\n  fullSweepDays: 0\nprivacy:\n  faces: false\n`;
const HUNDRED_MB = 100 * 1024 * 1024;

interface Scenario {
  name: string;
  fault(t: PlatformTarget, offHost: string): Omit<Fault, 'match'>;
  /** A fault a retry gets past: the run must complete with everything. */
  transient?: boolean;
  /** Not a fault a website can show (it serves no JSON). */
  apiOnly?: boolean;
}

const SCENARIOS: Scenario[] = [
  { name: '429 without reset headers', fault: () => ({ kind: '429', times: 2 }), transient: true },
  { name: '429 with the platform reset headers', fault: (t) => ({ kind: '429', headers: t.resetHeaders(1), times: 1 }), transient: true },
  { name: '500 with an HTML page', fault: () => ({ kind: 'status', status: 500, times: 2 }), transient: true },
  { name: '502 with an HTML page', fault: () => ({ kind: 'status', status: 502, times: 1 }), transient: true },
  { name: '503 with an HTML page', fault: () => ({ kind: 'status', status: 503, times: 2 }), transient: true },
  { name: 'connection reset', fault: () => ({ kind: 'reset', times: 2 }), transient: true },
  { name: 'stall past the timeout', fault: () => ({ kind: 'stall', ms: 2_500, times: 1 }), transient: true },
  { name: 'body cut below its Content-Length', fault: () => ({ kind: 'truncate', times: 1 }), transient: true },
  { name: '503 that never ends', fault: () => ({ kind: 'status', status: 503, times: 10_000 }) },
  { name: 'truncated JSON', fault: () => ({ kind: 'json-cut', times: 1 }), apiOnly: true },
  { name: 'malformed JSON', fault: () => ({ kind: 'json-bad', times: 1 }), apiOnly: true },
  { name: 'a pagination cursor that repeats', fault: () => ({ kind: 'loop', times: 10_000 }), apiOnly: true },
  { name: 'a redirect to another host', fault: (_t, offHost) => ({ kind: 'redirect', to: offHost, times: 1 }) },
  { name: 'a 200 with a login page', fault: () => ({ kind: 'login', times: 1 }) },
  { name: 'a 100 MB response', fault: () => ({ kind: 'huge', bytes: HUNDRED_MB, times: 1 }) },
];

type Dump = Awaited<ReturnType<typeof dumpAccount>>;

async function capture(fake: FaultyPlatform) {
  const dirs = makeWorkspaceDirs(fake.url, [{ id: ID, render: false, ...fake.account, instance: fake.url }], SETTINGS);
  const ws = await openWorkspace({ configDir: dirs.config, dataDir: dirs.data });
  try {
    const { registry } = await loadAndRecordRegistry(ws.store, ws.registryFile, 'test');
    const run = await runCapture(ws, registry);
    return { run, dump: await dumpAccount(ws.store, ID), problems: await checkStore(ws.store, ws.files) };
  } finally {
    await ws.close();
  }
}

let offHost: Server;
let offHostHits = 0;
let offHostUrl = '';

beforeAll(async () => {
  offHost = createServer((_req, res) => {
    offHostHits++;
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"data":[]}');
  });
  await new Promise<void>((resolve) => offHost.listen(0, '127.0.0.1', resolve));
  offHostUrl = `http://127.0.0.1:${(offHost.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => offHost.close(() => resolve())));

describe.each(PLATFORMS)('faults against $platform', (target) => {
  let fake: FaultyPlatform;
  let reference: Dump;
  let cleanRequests = 0;

  beforeAll(async () => {
    Object.assign(process.env, target.env);
    fake = await target.start();
    const before = fake.faults.stats.requests;
    const clean = await capture(fake);
    cleanRequests = fake.faults.stats.requests - before;
    expect(clean.run.status, JSON.stringify(clean.run.accounts)).toBe('completed');
    expect(clean.problems).toEqual([]);
    reference = clean.dump;
    expect(reference.filter((i) => i.kind !== 'profile').length).toBeGreaterThan(0);
  }, 120_000);
  afterAll(() => fake?.close());

  const scenarios = SCENARIOS.filter((s) => !(s.apiOnly && target.platform === 'linkedin'));
  it.each(scenarios)('$name', { timeout: 120_000 }, async (s) => {
    fake.faults.clear();
    fake.faults.inject({ ...s.fault(target, offHostUrl), match: target.listing } as Fault);
    const hitsBefore = offHostHits;
    const requestsBefore = fake.faults.stats.requests;
    const applied = () => Object.values(fake.faults.stats.applied).reduce((a, b) => a + b, 0);
    const appliedBefore = applied();

    const { run, dump, problems } = await capture(fake);
    fake.faults.clear();

    expect(applied() - appliedBefore, 'the fault was never met').toBeGreaterThan(0);
    const result = run.accounts[0]!;
    if (s.transient) {
      expect(result.status, JSON.stringify(result.stop)).toBe('completed');
      expect(dump).toEqual(reference);
    } else if (result.status !== 'completed') {
      expect(['stopped', 'failed']).toContain(result.status);
      expect(result.stop?.reason ?? '', 'a stop without a recorded reason').not.toBe('');
    } else {
      expect(dump).toEqual(reference);
    }
    if (s.name === '503 that never ends') expect(result.status).not.toBe('completed');
    // Nothing half: every item stored is the item an undisturbed run stores, and the store is whole.
    // (Whether a thread was found cut is the result of a thread check a stopped run may not have reached.)
    const whole = (i: Dump[number] | undefined) => i && (result.status === 'completed' ? i : { ...i, cut: null });
    for (const item of dump) expect(whole(item), `item ${item.id} differs from the undisturbed capture`).toEqual(whole(reference.find((r) => r.id === item.id)));
    expect(problems).toEqual([]);
    // Never forever, never away.
    expect(fake.faults.stats.requests - requestsBefore).toBeLessThan(cleanRequests * 3 + 60);
    expect(offHostHits - hitsBefore, 'a redirect off the platform was followed').toBe(0);
  });
});
