import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDataset, DEMO_NOW, syntheticDataset } from '../../crawlers/mastodon/fake/dataset.js';
import { startFakeMastodon, type FakeMastodon } from '../../crawlers/mastodon/fake/server.js';
import { bearer, get, type StatusJson } from './helpers.js';

let srv: FakeMastodon;
beforeAll(async () => {
  srv = await startFakeMastodon({ rateLimit: null, tokens: ['t'] });
});
afterAll(() => srv.close());

interface AccountJson {
  id: string;
  note: string;
  avatar: string;
  header: string;
  fields: { name: string; value: string }[];
}

const text = (html: string): string => html.replace(/<[^>]+>/g, '').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

function elfproef(bsn: string): boolean {
  const d = [...bsn].map(Number);
  const sum = d.slice(0, 8).reduce((acc, n, i) => acc + n * (9 - i), 0) - (d[8] ?? 0);
  return d.length === 9 && sum % 11 === 0;
}

function ibanValid(iban: string): boolean {
  const moved = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  return BigInt(moved) % 97n === 1n;
}

/** GPS latitude from a JPEG's EXIF block (TIFF structure, as sharp returns it), or null. */
function exifLatitude(exif: Buffer): number | null {
  const tiff = exif.subarray(exif.indexOf('Exif\0\0') + 6);
  const le = tiff.toString('latin1', 0, 2) === 'II';
  const u16 = (o: number) => (le ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
  const u32 = (o: number) => (le ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
  const entries = (ifd: number) => Array.from({ length: u16(ifd) }, (_, i) => ifd + 2 + i * 12);
  const gps = entries(u32(4)).find((e) => u16(e) === 0x8825);
  if (gps === undefined) return null;
  const lat = entries(u32(gps + 8)).find((e) => u16(e) === 0x0002);
  if (lat === undefined) return null;
  const at = u32(lat + 8);
  const [d, m, s] = [0, 1, 2].map((i) => u32(at + i * 8) / u32(at + i * 8 + 4)) as [number, number, number];
  return d + m / 60 + s / 3600;
}

const MAGIC: [string, (b: Buffer) => boolean][] = [
  ['image/jpeg', (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff],
  ['image/png', (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))],
  ['image/webp', (b) => b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP'],
  ['image/gif', (b) => b.toString('latin1', 0, 6) === 'GIF89a' || b.toString('latin1', 0, 6) === 'GIF87a'],
];

describe('demo dataset', () => {
  it('has profiles following the national template, except the mayor lacks a privacy link', async () => {
    const v = (await get<AccountJson>(`${srv.url}/api/v1/accounts/lookup?acct=voorbeeldstad`)).body;
    const vText = text(v.note);
    expect(vText).toContain('officiële account van de gemeente Voorbeeldstad');
    expect(vText).toContain('Wij reageren hier niet op formele verzoeken, bezwaren of klachten; gebruik daarvoor');
    expect(v.fields.some((f) => f.value.includes('href="https://www.voorbeeldstad.nl/privacy"'))).toBe(true);
    const m = (await get<AccountJson>(`${srv.url}/api/v1/accounts/lookup?acct=burgemeester`)).body;
    expect(text(m.note)).toMatch(/officiële account/i);
    expect(JSON.stringify([m.note, m.fields])).not.toContain('privacy');
    for (const url of [v.avatar, v.header, m.avatar, m.header]) expect((await fetch(url)).status).toBe(200);
  });

  it('tells a few months of municipal life with about 150 replies, local and remote', () => {
    const ds = srv.dataset;
    const statuses = [...ds.statuses.values()];
    for (const acct of ['voorbeeldstad', 'burgemeester']) {
      const id = ds.lookup(acct)?.id;
      const posts = statuses.filter((s) => s.accountId === id && s.inReplyToId === null && s.reblogOfId === null);
      expect(posts.length).toBeGreaterThanOrEqual(23);
      expect(posts.length).toBeLessThanOrEqual(27);
      const months = new Set(posts.map((s) => s.createdAt.slice(0, 7)));
      expect(months.size).toBeGreaterThanOrEqual(3);
      expect([...months].every((mo) => mo.startsWith('2026-'))).toBe(true);
    }
    const replies = statuses.filter((s) => s.inReplyToId !== null);
    expect(replies.length).toBeGreaterThanOrEqual(130);
    expect(replies.length).toBeLessThanOrEqual(170);
    const remoteAuthors = new Set(replies.map((s) => ds.account(s.accountId)).filter((a) => a?.domain).map((a) => a?.domain));
    expect(remoteAuthors.size).toBeGreaterThanOrEqual(4);
    const ownAnswers = replies.filter((s) => ds.account(s.accountId)?.username === 'voorbeeldstad' && text(s.content).includes('Dank voor uw melding'));
    expect(ownAnswers.length).toBeGreaterThanOrEqual(3);
  });

  it('plants personal data that is valid where it has a checksum, and look-alikes that are not personal', () => {
    const all = [...srv.dataset.statuses.values()].map((s) => text(s.content)).join('\n');
    const bsn = /BSN is (\d{9})/.exec(all)?.[1] ?? '';
    expect(elfproef(bsn)).toBe(true);
    const iban = /\bNL\d\d[A-Z]{4}\d{10}\b/.exec(all)?.[0] ?? '';
    expect(ibanValid(iban)).toBe(true);
    for (const needle of ['geboren op 12-03-1985', 'moeder heeft dementie', '06-12345678', '1234 AB', '12-KLB-3', 'maria.devries82@gmail.com', '0591-123456']) {
      expect(all).toContain(needle);
    }
    for (const negative of ['14 0555', 'info@voorbeeldstad.nl', 'zaaknummer Z-2026-000871', 'nummer 2026-004512', '18 maart']) {
      expect(all).toContain(negative);
    }
    // An e-mail address stays text; it must not turn into a mention link.
    const withMail = [...srv.dataset.statuses.values()].find((s) => s.content.includes('gmail.com'));
    expect(withMail?.content).not.toMatch(/<a[^>]*>@<span>gmail/);
  });

  it('serves real image files of four formats, with EXIF GPS in a photo, and sizes that match the metadata', async () => {
    const seen = new Set<string>();
    let gpsPhotos = 0;
    for (const s of srv.dataset.statuses.values()) {
      if (s.media.length === 0) continue;
      const status = (await get<StatusJson>(`${srv.url}/api/v1/statuses/${s.id}`)).body;
      for (const m of status.media_attachments) {
        for (const url of [m.url, m.preview_url]) {
          const res = await fetch(url);
          const bytes = Buffer.from(await res.arrayBuffer());
          const type = res.headers.get('content-type') ?? '';
          expect(Number(res.headers.get('content-length'))).toBe(bytes.length);
          expect(MAGIC.find(([t]) => t === type)?.[1](bytes)).toBe(true);
          seen.add(type);
          const meta = await sharp(bytes).metadata();
          const style = (url === m.url ? m.meta.original : m.meta.small) as { width: number; height: number };
          expect([meta.width, meta.height]).toEqual([style.width, style.height]);
          if (url === m.url && meta.exif && exifLatitude(meta.exif) !== null) {
            gpsPhotos += 1;
            expect(exifLatitude(meta.exif)).toBeCloseTo(52.09, 1);
          }
        }
      }
    }
    expect([...seen].sort()).toEqual(['image/gif', 'image/jpeg', 'image/png', 'image/webp']);
    expect(gpsPhotos).toBeGreaterThanOrEqual(2);
    const missing = await fetch(`${srv.url}/avatars/original/missing.png`);
    expect(missing.headers.get('content-type')).toBe('image/png');
  });

  it('is deterministic: a second server with a fresh demo serves the same bytes apart from its origin', async () => {
    const other = await startFakeMastodon({ tokens: ['t'] });
    try {
      const paths = async (s: FakeMastodon): Promise<string[]> => {
        const acc = (await get<AccountJson>(`${s.url}/api/v1/accounts/lookup?acct=voorbeeldstad`)).body;
        const page = (await get<StatusJson[]>(`${s.url}/api/v1/accounts/${acc.id}/statuses?limit=40`)).body;
        const storm = page.find((st) => st.content.includes('Code oranje')) ?? page[0];
        return [
          '/api/v1/accounts/lookup?acct=voorbeeldstad',
          `/api/v1/accounts/${acc.id}/statuses?limit=40`,
          `/api/v1/statuses/${storm?.id}/context`,
          `/api/v1/statuses/${storm?.id}/history`,
        ];
      };
      const [a, b] = [await paths(srv), await paths(other)];
      expect(a).toEqual(b);
      for (const path of a) {
        const x = (await get(`${srv.url}${path}`, bearer('t'))).text.split(srv.url).join('ORIGIN');
        const y = (await get(`${other.url}${path}`, bearer('t'))).text.split(other.url).join('ORIGIN');
        expect(x).toBe(y);
      }
      const digest = async (s: FakeMastodon) => {
        const h = createHash('sha256');
        for (const path of [...s.dataset.files.keys()].sort()) h.update(Buffer.from(await (await fetch(`${s.url}${path}`)).arrayBuffer()));
        return h.digest('hex');
      };
      expect(await digest(srv)).toBe(await digest(other));
    } finally {
      await other.close();
    }
  });

  it('can be moved in time to a given "now"', () => {
    const shifted = demoDataset({ now: '2026-11-25T06:00:00.000Z' });
    const base = demoDataset();
    const delta = Date.parse('2026-11-25T06:00:00.000Z') - Date.parse(DEMO_NOW);
    const times = (ds: typeof base) => [...ds.statuses.values()].map((s) => Date.parse(s.createdAt)).sort((x, y) => x - y);
    expect(times(shifted)).toEqual(times(base).map((t) => t + delta));
    expect(shifted.now).toBe('2026-11-25T06:00:00.000Z');
  });
});

describe('synthetic dataset', () => {
  it('builds 10,000 posts with 30,000 replies quickly and compactly', () => {
    const heap0 = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    const ds = syntheticDataset({ statuses: 10_000, replies: 30_000, seed: 42, mediaEvery: 25 });
    const ms = performance.now() - t0;
    const grown = process.memoryUsage().heapUsed - heap0;
    expect(ms).toBeLessThan(10_000);
    expect(grown).toBeLessThan(200 * 1024 * 1024);
    const all = [...ds.statuses.values()];
    const account = ds.lookup('voorbeeldstad');
    expect(all.filter((s) => s.accountId === account?.id)).toHaveLength(10_000);
    const replies = all.filter((s) => s.inReplyToId !== null);
    expect(replies).toHaveLength(30_000);
    const nested = replies.filter((s) => ds.status(s.inReplyToId as string)?.inReplyToId !== null);
    expect(nested.length).toBeGreaterThan(300);
    expect(nested.length).toBeLessThan(10_000);
    const nestedSet = new Set(nested);
    const threads = new Set(replies.filter((s) => !nestedSet.has(s)).map((s) => s.inReplyToId));
    expect(threads.size).toBeGreaterThan(3_000);
    expect(all.filter((s) => s.media.length > 0)).toHaveLength(400);
  });

  it('is the same for the same seed and different for another', () => {
    const ids = (seed: number) => [...syntheticDataset({ statuses: 300, replies: 900, seed }).statuses.keys()].sort().join(',');
    expect(ids(1)).toBe(ids(1));
    expect(ids(1)).not.toBe(ids(2));
  });

  it('is served like the demo, with replies reachable through /context', async () => {
    const s = await startFakeMastodon({ dataset: syntheticDataset({ statuses: 200, replies: 600, seed: 3, mediaEvery: 10 }), tokens: ['t'] });
    try {
      const acc = (await get<AccountJson>(`${s.url}/api/v1/accounts/lookup?acct=voorbeeldstad`)).body;
      const page = (await get<StatusJson[]>(`${s.url}/api/v1/accounts/${acc.id}/statuses?limit=40`)).body;
      expect(page).toHaveLength(40);
      let reached = 0;
      for (const post of page) {
        const ctx = await get<{ descendants: unknown[] }>(`${s.url}/api/v1/statuses/${post.id}/context`, bearer('t'));
        expect(ctx.body.descendants).toHaveLength(countBelow(s, post.id));
        reached += ctx.body.descendants.length;
      }
      expect(reached).toBeGreaterThan(0);
    } finally {
      await s.close();
    }
  });
});

function countBelow(s: FakeMastodon, id: string): number {
  return s.dataset.children(id).reduce((n, c) => n + 1 + countBelow(s, c), 0);
}
