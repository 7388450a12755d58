import { afterEach, describe, expect, it } from 'vitest';
import { expectedCapture } from '../../crawlers/mastodon/fake/dataset.js';
import { startFakeMastodon, type FakeMastodon } from '../../crawlers/mastodon/fake/server.js';
import { runCapture } from '../../src/capture/run.js';
import type { Workspace } from '../../src/workspace.js';
import { FAST_HTTP, openTestWorkspace } from '../helpers/workspace.js';

let fake: FakeMastodon | undefined;
let ws: Workspace | undefined;
afterEach(async () => {
  await ws?.close();
  await fake?.close();
  ws = undefined;
  fake = undefined;
});

async function setup(opts: Parameters<typeof startFakeMastodon>[0] = {}, handle = 'burgemeester') {
  fake = await startFakeMastodon(opts);
  const t = await openTestWorkspace(fake.url, [{ id: handle, handle }], FAST_HTTP);
  ws = t.ws;
  return { fake, ws: t.ws, registry: t.registry };
}

async function statusIds(w: Workspace, account = 'burgemeester'): Promise<string[]> {
  return (await w.store.listItems(account)).filter((i) => i.kind !== 'profile').map((i) => i.platformId).sort();
}

describe('polite and persistent capture', () => {
  it('stays inside the rate limit the server announces: no 429, and it waits for the reset', async () => {
    const { fake, ws, registry } = await setup({ rateLimit: { limit: 6, periodSeconds: 1 } });
    const run = await runCapture(ws, registry, { now: () => new Date(fake.dataset.now) });
    expect(run.status).toBe('completed');
    expect(fake.stats.apiRequests).toBeGreaterThan(12); // more than two windows' worth: it had to wait
    expect(fake.stats.exceeded).toBe(0);
    expect(fake.stats.responses[429] ?? 0).toBe(0);
    expect(await statusIds(ws)).toEqual([...expectedCapture(fake.dataset, 'burgemeester', { token: false }).statusIds].sort());
  });

  it('after a 429 it waits until X-RateLimit-Reset before asking again', async () => {
    const { fake, ws, registry } = await setup({ rateLimit: { limit: 1000, periodSeconds: 2 } });
    fake.inject({ kind: '429', times: 1, match: /\/context/, resetInSeconds: 2 });
    const seen: { at: number; path: string }[] = [];
    fake.onRequest((_n, _m, path) => seen.push({ at: Date.now(), path }));
    const run = await runCapture(ws, registry, { now: () => new Date(fake.dataset.now) });
    expect(run.status).toBe('completed');
    expect(fake.stats.responses[429]).toBe(1);
    const first = seen.find((s) => s.path.includes('/context'))!;
    const again = seen.filter((s) => s.path === first.path)[1]!;
    // The fake's windows are aligned to multiples of the period: the reset is the end of that window.
    const reset = Math.ceil((first.at + 1) / 2000) * 2000;
    expect(again.at).toBeGreaterThanOrEqual(reset - 5);
    expect(await statusIds(ws)).toEqual([...expectedCapture(fake.dataset, 'burgemeester', { token: false }).statusIds].sort());
  });

  it('retries 503s with an HTML body, stalls, torn bodies and resets, and loses nothing', async () => {
    const { fake, ws, registry } = await setup({}, 'voorbeeldstad');
    fake.inject({ kind: 'status', status: 503, times: 2, match: /\/statuses\?/ });
    fake.inject({ kind: 'stall', times: 1, match: /\/context/, ms: 3000 });
    fake.inject({ kind: 'truncate', times: 1, match: /\/context/ });
    fake.inject({ kind: 'stall-body', times: 1, match: /\/history/, ms: 3000 });
    fake.inject({ kind: 'reset', times: 1, match: /\/context/ });
    fake.inject({ kind: 'status', status: 502, times: 1, match: /media_attachments/ });
    const run = await runCapture(ws, registry, { now: () => new Date(fake.dataset.now) });
    expect(run.status).toBe('completed');
    expect(fake.pendingFaults).toBe(0);
    expect(await statusIds(ws, 'voorbeeldstad')).toEqual([...expectedCapture(fake.dataset, 'voorbeeldstad', { token: false }).statusIds].sort());
    const versions = await Promise.all((await ws.store.listItems('voorbeeldstad')).map((i) => ws.store.listVersions('voorbeeldstad', i.platformId)));
    expect(versions.flat().flatMap((v) => v.media).every((m) => m.sha256)).toBe(true);
  });

  it('a run that cannot finish records why and where it stopped, and the next run completes it', async () => {
    const { fake, ws, registry } = await setup();
    const want = expectedCapture(fake.dataset, 'burgemeester', { token: false });
    const root = Object.entries(want.descendants).find(([, ids]) => ids.length > 0)![0];
    fake.inject({ kind: 'status', status: 503, times: 6, match: new RegExp(`/statuses/${root}/context`) });
    const stopped = await runCapture(ws, registry, { now: () => new Date(fake.dataset.now) });
    expect(stopped.status).toBe('stopped');
    const acc = stopped.accounts[0]!;
    expect(acc.stop?.reason).toMatch(/failed after 6 attempts: 503/);
    expect(acc.stop?.where).toContain(`/statuses/${root}/context`);
    expect((await ws.store.getRun(stopped.id))?.accounts[0]?.stop).toEqual(acc.stop);
    expect(await statusIds(ws)).not.toEqual([...want.statusIds].sort());

    const resumed = await runCapture(ws, registry, { now: () => new Date(fake.dataset.now) });
    expect(resumed.status).toBe('completed');
    expect(await statusIds(ws)).toEqual([...want.statusIds].sort());
  });
});
