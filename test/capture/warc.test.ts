import { createHash } from 'node:crypto';
import { appendFileSync, createReadStream, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WARCParser } from 'warcio';
import { describe, expect, it } from 'vitest';
import { base32 } from '../../formats/warc/record.js';
import { recoverWarc } from '../../formats/warc/recover.js';
import { WarcWriter, type WarcFileDone } from '../../formats/warc/writer.js';

const dir = () => mkdtempSync(join(tmpdir(), 'warc-test-'));

function exchange(i: number, body: Buffer) {
  return {
    targetUri: `http://127.0.0.1:9/api/v1/statuses/${i}`,
    date: new Date(Date.UTC(2026, 0, 1, 12, 0, i)),
    ip: '127.0.0.1',
    requestHead: Buffer.from(`GET /api/v1/statuses/${i} HTTP/1.1\r\nHost: 127.0.0.1:9\r\nAuthorization: [REDACTED]\r\n\r\n`),
    response: { head: Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`), body },
  };
}

async function parse(path: string) {
  const parser = new WARCParser(createReadStream(path), { parseHttp: false, keepHeadersCase: true });
  const out: { type: string; headers: Map<string, string>; block: Buffer }[] = [];
  for await (const record of parser) {
    const block = Buffer.from(await record.readFully(false));
    out.push({ type: record.warcType ?? '', headers: new Map(record.warcHeaders.headers), block });
  }
  return out;
}

const digest = (b: Buffer) => `sha256:${base32(createHash('sha256').update(b).digest())}`;

describe('WARC writer', () => {
  it('writes warcinfo, request and response records that an independent parser reads back with valid digests', async () => {
    const d = dir();
    const done: WarcFileDone[] = [];
    const w = new WarcWriter({ dir: d, baseName: 'run', info: { software: 'socialarchive/test', operator: 'Gemeente Voorbeeldstad' }, onFileDone: async (f) => void done.push(f) });
    const body = Buffer.from(JSON.stringify({ id: '113000000000000001', content: '<p>Wegwerkzaamheden</p>' }));
    await w.write(exchange(1, body));
    await w.close();
    expect(done).toHaveLength(1);
    const file = readFileSync(done[0]!.path);
    expect(createHash('sha256').update(file).digest('hex')).toBe(done[0]!.sha256);
    expect(file.length).toBe(done[0]!.size);
    const records = await parse(done[0]!.path);
    expect(records.map((r) => r.type)).toEqual(['warcinfo', 'request', 'response']);
    expect(records[0]!.block.toString()).toContain('software: socialarchive/test');
    expect(records[0]!.block.toString()).toContain('operator: Gemeente Voorbeeldstad');
    for (const r of records) expect(r.headers.get('WARC-Block-Digest')).toBe(digest(r.block));
    const [, req, res] = records;
    expect(req!.headers.get('WARC-Concurrent-To')).toBe(res!.headers.get('WARC-Record-ID'));
    expect(res!.headers.get('WARC-Payload-Digest')).toBe(digest(body));
    expect(res!.headers.get('WARC-Target-URI')).toBe('http://127.0.0.1:9/api/v1/statuses/1');
    expect(req!.block.toString()).toContain('Authorization: [REDACTED]');
    expect(file.subarray(0, 9).toString()).toBe('WARC/1.1\r');
  });

  it('streams a body from a file and rotates before a file passes the size limit', async () => {
    const d = dir();
    const done: WarcFileDone[] = [];
    const w = new WarcWriter({ dir: d, baseName: 'run', maxBytes: 1_000_000, info: { software: 't' }, onFileDone: async (f) => void done.push(f) });
    const big = join(d, 'media.bin');
    writeFileSync(big, Buffer.alloc(400_000, 7));
    for (let i = 0; i < 5; i++) {
      const ex = exchange(i, Buffer.alloc(0));
      await w.write({ ...ex, response: { ...ex.response, body: { path: big, size: 400_000 } } });
    }
    await w.close();
    expect(done.length).toBeGreaterThanOrEqual(3);
    for (const f of done) expect(f.size).toBeLessThanOrEqual(1_000_000);
    let responses = 0;
    for (const f of done) {
      const records = await parse(f.path);
      expect(records[0]!.type).toBe('warcinfo');
      for (const r of records.filter((x) => x.type === 'response')) {
        responses++;
        expect(r.block.length).toBeGreaterThan(400_000);
        expect(r.headers.get('WARC-Block-Digest')).toBe(digest(r.block));
      }
    }
    expect(responses).toBe(5);
  });

  it('cuts a record torn by a killed process and keeps every whole one', async () => {
    const d = dir();
    const w = new WarcWriter({ dir: d, baseName: 'run', info: { software: 't' }, onFileDone: async () => undefined });
    await w.write(exchange(1, Buffer.from('{"a":1}')));
    await w.write(exchange(2, Buffer.from('{"b":2}')));
    // Simulate the kill: the file stays `.open` and a record is half written.
    const open = readdirSync(d).find((n) => n.endsWith('.open'))!;
    const path = join(d, open);
    const whole = readFileSync(path);
    appendFileSync(path, 'WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 500\r\n\r\n{"torn":');
    const rec = recoverWarc(path);
    expect(rec.records).toBe(5);
    expect(rec.size).toBe(whole.length);
    expect(rec.cut).toBeGreaterThan(0);
    expect(readFileSync(path).equals(whole)).toBe(true);
    expect(rec.sha256).toBe(createHash('sha256').update(whole).digest('hex'));
    expect((await parse(path)).length).toBe(5);
  });
});
