import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../src/server/auth/passwords.js';
import { LoginThrottle } from '../../src/server/auth/throttle.js';
import { escapeHtml, html, safeHref } from '../../src/server/html.js';
import { parseCookies } from '../../src/server/auth/cookies.js';
import { ReadCache } from '../../src/server/read-cache.js';

describe('passwords', () => {
  it('verifies the right password only, and refuses short ones', async () => {
    const h = await hashPassword('correct horse battery');
    expect(h).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(h).not.toContain('correct');
    expect(await verifyPassword('correct horse battery', h)).toBe(true);
    expect(await verifyPassword('correct horse batterY', h)).toBe(false);
    await expect(hashPassword('short')).rejects.toThrow(/at least 12/);
  });
});

describe('login throttle', () => {
  it('locks a key after the free failures, doubling, and forgets on success', () => {
    let now = 0;
    const t = new LoginThrottle({ freeFailures: 2, windowMs: 60_000, baseLockMs: 1000, maxLockMs: 10_000, now: () => now });
    t.failed(['u']);
    t.failed(['u']);
    expect(t.waitMs(['u'])).toBe(0);
    t.failed(['u']);
    expect(t.waitMs(['u'])).toBe(1000);
    t.failed(['u']);
    expect(t.waitMs(['u', 'other'])).toBe(2000);
    now = 5000;
    expect(t.waitMs(['u'])).toBe(0);
    t.succeeded(['u']);
    t.failed(['u']);
    expect(t.waitMs(['u'])).toBe(0);
  });
});

describe('templates', () => {
  it('escapes every interpolated value and keeps markup made by the template', () => {
    const evil = `<img src=x onerror="alert(1)"> & 'q' \``;
    const out = html`<p title="${evil}">${evil}${html`<b>${evil}</b>`}</p>`.value;
    expect(out).not.toContain('<img');
    expect(out).toContain('<b>&lt;img');
    expect(out).toContain(escapeHtml(evil));
    expect(escapeHtml(`"'<>&\``)).toBe('&quot;&#39;&lt;&gt;&amp;&#96;');
  });

  it('turns hrefs that are not our paths or http(s) into inert ones', () => {
    expect(safeHref('javascript:alert(1)')).toBe('#');
    expect(safeHref(' JAVASCRIPT:alert(1)')).toBe('#');
    expect(safeHref('data:text/html,x')).toBe('#');
    expect(safeHref('//evil.example/')).toBe('#');
    expect(safeHref('/runs/1')).toBe('/runs/1');
    expect(safeHref('https://social.example/@a/1')).toBe('https://social.example/@a/1');
  });

  it('parses cookies and ignores malformed values', () => {
    const c = parseCookies('a=1; b=%E0%A4%A; sa_session=abc%3D');
    expect(c.get('a')).toBe('1');
    expect(c.has('b')).toBe(false);
    expect(c.get('sa_session')).toBe('abc=');
  });
});

describe('read cache', () => {
  it('shares a read for its time to live, reads again after, and forgets everything on clear', async () => {
    let now = 0;
    let reads = 0;
    const cache = new ReadCache(1000, 10, () => now);
    const read = async () => ++reads;
    expect(await cache.get('q', read)).toBe(1);
    expect(await cache.get('q', read)).toBe(1);
    expect(await cache.get('other', read)).toBe(2);
    now = 1000;
    expect(await cache.get('q', read)).toBe(3);
    cache.clear();
    expect(await cache.get('q', read)).toBe(4);
    await expect(cache.get('bad', () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    expect(await cache.get('bad', read)).toBe(5);
  });
});
