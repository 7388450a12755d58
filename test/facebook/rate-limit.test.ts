import { describe, expect, it } from 'vitest';
import { MetaRateBudget, readMetaUsage, USAGE_CEILING } from '../../crawlers/meta-graph/rate-limit.js';

const app = (call: number, time = 0, cpu = 0) => ({ 'x-app-usage': JSON.stringify({ call_count: call, total_time: time, total_cputime: cpu }) });
const buc = (entries: Record<string, object[]>) => ({ 'x-business-use-case-usage': JSON.stringify(entries) });

describe("reading Meta's usage headers", () => {
  it('takes the highest percentage of every budget reported, and the regain estimate', () => {
    expect(readMetaUsage(app(28, 25, 31))).toEqual({ percent: 31, regainMinutes: 0, source: 'x-app-usage total_cputime' });
    const both = {
      ...app(10),
      ...buc({
        '100064512345678': [{ type: 'pages', call_count: 12, total_time: 44, total_cputime: 3, estimated_time_to_regain_access: 0 }],
        '17841400123456789': [{ type: 'instagram', call_count: 100, total_time: 20, total_cputime: 9, estimated_time_to_regain_access: 17 }],
      }),
    };
    expect(readMetaUsage(both)).toEqual({ percent: 100, regainMinutes: 17, source: 'x-business-use-case-usage 17841400123456789 instagram call_count' });
    expect(readMetaUsage({ 'x-page-usage': JSON.stringify({ call_count: 61 }) })?.percent).toBe(61);
  });

  it('says nothing when there is nothing (readable) to say', () => {
    expect(readMetaUsage({})).toBeNull();
    expect(readMetaUsage({ 'x-app-usage': 'not json' })).toBeNull();
    expect(readMetaUsage({ 'x-app-usage': '{"call_count":"many"}' })).toBeNull();
    expect(readMetaUsage(buc({ x: 'nope' as unknown as object[] }))).toBeNull();
  });
});

describe('the request budget made from usage', () => {
  it('spends what is left below the ceiling, at the cost one call turned out to have', () => {
    const b = new MetaRateBudget('k');
    // One call moved the usage 5 points: 70 points to the ceiling buy 14 more calls.
    expect(b.read(200, app(5), 1000)).toEqual({ limit: 15, remaining: 14, resetAt: 2000 });
    // Two calls, 10 points: still 5 each.
    expect(b.read(200, app(10), 1100)?.remaining).toBe(13);
    // Cheap calls (usage still 0 after three): the budget is large, the ceiling still holds.
    const cheap = new MetaRateBudget('k');
    for (let i = 0; i < 3; i++) cheap.read(200, app(0), 0);
    expect(cheap.read(200, app(0), 0)?.remaining).toBe(USAGE_CEILING / 0.01);
  });

  it('stops at the ceiling: Meta’s regain time when it gives one, else a pause that grows while usage stays high', () => {
    const b = new MetaRateBudget('k');
    expect(b.read(400, { ...buc({ p: [{ type: 'pages', call_count: 100, estimated_time_to_regain_access: 12 }] }) }, 5000)).toEqual({ limit: 0, remaining: 0, resetAt: 5000 + 12 * 60_000 });
    const c = new MetaRateBudget('k');
    expect(c.read(200, app(80), 10_000)).toMatchObject({ remaining: 0, resetAt: 11_000 });
    expect(c.read(200, app(79), 11_100)).toMatchObject({ remaining: 0, resetAt: 12_200 });
    expect(c.read(200, app(78), 14_000)).toMatchObject({ remaining: 0, resetAt: 18_000 });
    expect(c.read(200, app(90), 10_000 + 3_600_000)).toMatchObject({ resetAt: 10_000 + 3_600_000 + 5 * 60_000 });
    // Below the ceiling again: the pause is forgotten.
    expect(c.read(200, app(20), 20_000)?.remaining).toBeGreaterThan(0);
    expect(c.read(200, app(76), 21_000)).toMatchObject({ resetAt: 22_000 });
  });

  it('treats less than one call left as the ceiling', () => {
    const b = new MetaRateBudget('k');
    b.read(200, app(30), 0);
    // 30 points per call; at 60 % the next call would pass 75 %.
    expect(b.read(200, app(60), 1000)).toMatchObject({ remaining: 0, resetAt: 2000 });
  });

  it('tells a crawler to pause after a throttling error even without usage headers', () => {
    const b = new MetaRateBudget('k');
    expect(b.pauseAfter({}, 0, true)).toBe(1000);
    expect(b.pauseAfter(app(10), 0)).toBe(0);
    expect(b.pauseAfter(buc({ p: [{ call_count: 100, estimated_time_to_regain_access: 60 }] }), 0, true)).toBe(3_600_000);
  });
});
