import { requireBuiltCli } from '../helpers/cli.js';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/version.js';

// `socialarchive privacy scan` end to end: the built CLI in a child process, real pipes.

const BIN = join(PACKAGE_ROOT, 'dist', 'src', 'cli', 'bin.js');
let work: string;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI on `input`; `globals` go before the command, `args` after `privacy scan`. */
function scan(input: string, globals: string[] = [], args: string[] = []): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, '--data', join(work, 'data'), ...globals, 'privacy', 'scan', ...args], { cwd: PACKAGE_ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

const lines = (s: string): unknown[] => s.split('\n').filter(Boolean).map((l) => JSON.parse(l) as unknown);

beforeAll(async () => {
  requireBuiltCli();
  work = await mkdtemp(join(tmpdir(), 'privacy-cli-'));
}, 180_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('socialarchive privacy scan', () => {
  it('answers one line per input, in input order, with the exact SPEC fields and UTF-16 offsets', async () => {
    const inputs = [
      { id: 'r1', text: 'Beste Jan de Vries, bel me op 06-12345678.' },
      { id: 'r2', text: 'Niets bijzonders hier.' },
      { id: 'r3', text: '😀 Mijn BSN is 111222333 en mail jan@example.nl' },
    ];
    const run = await scan(inputs.map((i) => JSON.stringify(i)).join('\n') + '\n');
    expect(run.code).toBe(0);
    const out = lines(run.stdout) as { id: string; findings: Record<string, unknown>[] }[];
    expect(out.map((o) => o.id)).toEqual(['r1', 'r2', 'r3']);
    expect(out[1]!.findings).toEqual([]);
    for (const [i, o] of out.entries()) {
      for (const f of o.findings) {
        expect(Object.keys(f)).toEqual(['category', 'start', 'end', 'confidence', 'rule', 'action']);
        expect(f.confidence).toBeGreaterThanOrEqual(0);
        expect(f.confidence).toBeLessThanOrEqual(1);
        expect(['review', 'redact', 'keep']).toContain(f.action);
        expect(inputs[i]!.text.slice(f.start as number, f.end as number).length).toBeGreaterThan(0);
      }
    }
    const slice = (o: number, f: number): string => inputs[o]!.text.slice(out[o]!.findings[f]!.start as number, out[o]!.findings[f]!.end as number);
    expect(out[0]!.findings.map((f) => f.category)).toEqual(['person_name', 'phone']);
    expect([slice(0, 0), slice(0, 1)]).toEqual(['Jan de Vries', '06-12345678']);
    expect([slice(2, 0), slice(2, 1)]).toEqual(['111222333', 'jan@example.nl']);
  });

  it('skips invalid lines with their line number on stderr, answers the rest, and exits 1', async () => {
    const input = ['{"id":"a","text":"Bel 06-12345678"}', 'not json', '', '{"id":7,"text":"x"}', '{"id":"b"}', '["id","text"]', '{"id":"c","text":"ok"}\r'].join('\n');
    const run = await scan(input);
    expect(run.code).toBe(1);
    expect((lines(run.stdout) as { id: string }[]).map((o) => o.id)).toEqual(['a', 'c']);
    expect(run.stderr).toMatch(/line 2: not valid JSON/);
    expect(run.stderr).toMatch(/line 4: "id" must be a string/);
    expect(run.stderr).toMatch(/line 5: "text" must be a string/);
    expect(run.stderr).toMatch(/line 6: expected an object/);
    expect(run.stderr).toMatch(/4 of 7 input lines were invalid and skipped/);
  });

  it('bounds the line length and goes on after an over-long line', async () => {
    const input = `${JSON.stringify({ id: 'big', text: 'x'.repeat(5000) })}\n{"id":"after","text":"mail jan@example.nl"}\n`;
    const roomy = await scan(input);
    expect(roomy.code).toBe(0);
    expect((lines(roomy.stdout) as { id: string }[]).map((o) => o.id)).toEqual(['big', 'after']);
    const bounded = await scan(input, [], ['--max-line-bytes', '2048']);
    expect(bounded.code).toBe(1);
    expect(bounded.stderr).toMatch(/line 1: longer than 2048 bytes/);
    expect((lines(bounded.stdout) as { id: string }[]).map((o) => o.id)).toEqual(['after']);
  });

  it('streams: each answer comes out before the next line goes in', async () => {
    const child = spawn(process.execPath, [BIN, '--data', join(work, 'data'), 'privacy', 'scan'], { cwd: PACKAGE_ROOT });
    const answers = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    for (let i = 0; i < 5; i++) {
      child.stdin.write(`${JSON.stringify({ id: `n${i}`, text: `Bel 06-1234567${i}` })}\n`);
      const next = await answers.next();
      expect(JSON.parse(next.value as string)).toMatchObject({ id: `n${i}`, findings: [{ category: 'phone' }] });
    }
    child.stdin.end();
    expect(await new Promise((resolve) => child.on('close', resolve))).toBe(0);
  });

  it('reads privacy.yaml from the --config folder', async () => {
    const config = join(work, 'config');
    await mkdir(config, { recursive: true });
    const input = `${JSON.stringify({ id: 'h', text: 'Dank @voorbeeldstad en @karin_b' })}\n`;
    const without = await scan(input, ['--config', config]);
    expect(without.stderr).toMatch(/no privacy\.yaml/);
    expect((lines(without.stdout)[0] as { findings: unknown[] }).findings).toHaveLength(2);

    await writeFile(join(config, 'privacy.yaml'), 'organisation:\n  handles: [voorbeeldstad]\npolicy:\n  actions:\n    handle: keep\n');
    const withIt = await scan(input, ['--config', config]);
    expect(withIt.code).toBe(0);
    expect((lines(withIt.stdout)[0] as { findings: unknown[] }).findings).toEqual([
      { category: 'handle', start: 23, end: 31, confidence: 0.92, rule: 'handle.mention', action: 'keep' },
    ]);

    await writeFile(join(config, 'privacy.yaml'), 'policy:\n  actions:\n    handle: hide\n');
    const bad = await scan(input, ['--config', config]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/privacy\.yaml has a problem/);
    expect(bad.stderr).toMatch(/line 3, policy\.actions\.handle/);
    expect(bad.stdout).toBe('');
  });
});
