import { describe, expect, it } from 'vitest';
import { expectedCapture } from '../../crawlers/youtube/fake/index.js';
import { DAY, startDemo, T0, youtubeWorkspace } from './helpers.js';

// The YouTube quota is a daily budget that Google announces nowhere in its answers. The crawler
// counts the units it spends per Pacific day in the store, stops before the call that would exceed
// the budget, says so, and the next day continues where it stopped, until the capture is complete.
const at = (ms: number) => new Date(ms);

describe('YouTube daily quota', () => {
  it('a tiny quota: each run stops cleanly before exceeding it, the next day continues, and the result equals an unlimited capture', async () => {
    let clock = T0.getTime();
    const fake = await startDemo({ dailyQuota: 6, now: () => clock });
    try {
      const y = await youtubeWorkspace(fake, 'capture:\n  youtube:\n    dailyQuota: 6\n');
      const first = await y.capture(at(clock));
      expect(first.status).toBe('stopped');
      const stop = first.accounts[0]!.stop!;
      expect(stop.reason).toMatch(/quota of 6 units for 2026-06-01 \(Pacific time\) is used up \(6 spent\); nothing was lost, and the next run after .* \(Amsterdam time\) continues/);
      expect(stop.reason).not.toContain('fake-youtube-key');
      expect(fake.quotaUsed()).toBe(6);

      // The same day, later: nothing left, so not a single call goes out.
      const calls = fake.stats.apiRequests;
      clock += 3_600_000;
      expect((await y.capture(at(clock))).status).toBe('stopped');
      expect(fake.stats.apiRequests).toBe(calls);

      // Day after day the capture goes on where it stopped, until it is complete.
      const statuses: string[] = [];
      for (let day = 1; day <= 8 && statuses.at(-1) !== 'completed'; day++) {
        clock = T0.getTime() + day * DAY;
        statuses.push((await y.capture(at(clock))).status);
        expect(fake.quotaUsed()).toBeLessThanOrEqual(6);
      }
      expect(statuses.at(-1)).toBe('completed');
      expect(statuses.length).toBeGreaterThan(1);
      expect(fake.stats.exceeded).toBe(0);

      // Spent in all: the minimum, the channel lookup of each further day, and at most one call per
      // stop made again (a page of comments whose replies the budget cut off is fetched anew).
      const want = expectedCapture(fake.dataset, 'voorbeeldstad');
      expect(fake.stats.apiRequests).toBeGreaterThanOrEqual(want.firstCaptureUnits + statuses.length);
      expect(fake.stats.apiRequests).toBeLessThanOrEqual(want.firstCaptureUnits + 2 * statuses.length);

      // What the quota-limited capture holds equals one capture without a limit.
      fake.setDailyQuota(null);
      const r = await youtubeWorkspace(fake);
      expect((await r.capture(at(clock))).status).toBe('completed');
      const got = await y.dump();
      expect(got.filter((i) => i.kind !== 'profile').map((i) => i.id).sort()).toEqual([...want.itemIds].sort());
      expect(got).toEqual(await r.dump());
      await y.ws.close();
      await r.ws.close();
    } finally {
      await fake.close();
    }
  });

  it("Google's quotaExceeded stops the run cleanly; the rest of that day nothing is asked, the next day it completes", async () => {
    let clock = T0.getTime();
    const fake = await startDemo({ dailyQuota: 4, now: () => clock });
    try {
      const y = await youtubeWorkspace(fake);
      const run = await y.capture(at(clock));
      expect(run.status).toBe('stopped');
      expect(run.accounts[0]!.stop!.reason).toMatch(/Google answered quotaExceeded/);
      // Calls already in flight (comment threads go four at a time) meet the same answer; no new one is made.
      expect(fake.stats.exceeded).toBeGreaterThanOrEqual(1);
      expect(fake.stats.exceeded).toBeLessThanOrEqual(4);
      const calls = fake.stats.apiRequests;
      clock += 3_600_000;
      expect((await y.capture(at(clock))).status).toBe('stopped');
      expect(fake.stats.apiRequests).toBe(calls);

      clock = T0.getTime() + DAY;
      fake.setDailyQuota(null);
      expect((await y.capture(at(clock))).status).toBe('completed');
      const want = expectedCapture(fake.dataset, 'voorbeeldstad');
      expect((await y.dump()).filter((i) => i.kind !== 'profile').map((i) => i.id).sort()).toEqual([...want.itemIds].sort());
      await y.ws.close();
    } finally {
      await fake.close();
    }
  });
});
