import { spawn, type ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { syntheticDataset } from '../../crawlers/mastodon/fake/synthetic-dataset.js';
import { loadAndRecordRegistry } from '../../src/registry/sync.js';
import { hashPassword } from '../../src/server/auth/passwords.js';
import { PACKAGE_ROOT } from '../../src/version.js';
import { openWorkspace } from '../../src/workspace.js';
import { makeWorkspaceDirs } from '../../test/helpers/workspace.js';
import { observations } from '../console/services.js';
import { reportFigures, type Figure } from '../figures.js';

/*
 * The console under load (issue 7): 100,000 items and 20,000 open findings in the embedded store,
 * `socialarchive serve` in its own process on loopback, 20 concurrent clients (autocannon) logged in
 * as a privacy officer. Reports the 95th percentile response time of the dashboard, the review queue
 * and a search page, against a reference measured the same way in the same run: a static file from
 * the same server (session lookup, headers, no page work).
 * Run: `npm run build && node dist/bench/server/console-load.js [items] [seconds]`.
 */

const CONNECTIONS = 20;
const PASSWORD = 'bench password 0123456789';

function p95(samples: number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]!;
}

async function seed(items: number): Promise<ReturnType<typeof makeWorkspaceDirs>> {
  const dirs = makeWorkspaceDirs('https://social.example', [{ id: 'voorbeeldstad', handle: 'voorbeeldstad', render: false }]);
  const ws = await openWorkspace({ configDir: dirs.config, dataDir: dirs.data });
  try {
    await loadAndRecordRegistry(ws.store, ws.registryFile, 'bench');
    const obs = observations(syntheticDataset({ statuses: Math.round(items / 5), replies: items - Math.round(items / 5), seed: 7 }));
    await ws.store.beginRun({ id: 'bench', operator: 'bench', pid: process.pid, host: 'bench', startedAt: new Date().toISOString() });
    for (let i = 0; i < obs.length; i += 1000) await ws.store.commitBatch('voorbeeldstad', 'bench', new Date().toISOString(), { items: obs.slice(i, i + 1000) });
    await ws.store.finishRun('bench', 'completed', new Date().toISOString());
    // One open finding (a name) in every fifth item.
    const versions = await ws.store.privacy.pendingVersions({ detector: 'bench', afterVersionId: 0, limit: items });
    const scans = versions.map((v, i) => ({
      versionId: v.versionId,
      scannedCategories: ['person_name'],
      findings: i % 5 === 0 ? [{ key: `bench-${v.versionId}`, field: 'text.plain', category: 'person_name', span: { start: 0, end: 4 }, text: 'Naam', confidence: 0.8, rule: 'bench', suggested: 'review', detector: 'bench' }] : [],
    }));
    for (let i = 0; i < scans.length; i += 5000) await ws.store.privacy.recordScans(scans.slice(i, i + 5000), 'bench', new Date().toISOString());
    await ws.store.users.addUser({ name: 'bench', role: 'privacy_officer', passwordHash: await hashPassword(PASSWORD) }, 'bench', new Date().toISOString());
    console.log(`seeded ${obs.length} items, ${await ws.store.privacy.countOpen()} open findings`);
    return dirs;
  } finally {
    await ws.close();
  }
}

function serve(dirs: { config: string; data: string }): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [join(PACKAGE_ROOT, 'dist', 'src', 'cli', 'bin.js'), '--config', dirs.config, '--data', dirs.data, 'serve', '--port', '0', '--no-scheduler'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /console: (http:\/\/\S+)/.exec(out);
      if (m) resolve({ child, url: m[1]! });
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
}

async function login(url: string): Promise<string> {
  const form = await fetch(`${url}/login`);
  const csrfCookie = /sa_login_csrf=([^;]+)/.exec(form.headers.get('set-cookie') ?? '')![1]!;
  const res = await fetch(`${url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `sa_login_csrf=${csrfCookie}` },
    body: new URLSearchParams({ _csrf: decodeURIComponent(csrfCookie), username: 'bench', password: PASSWORD }).toString(),
  });
  const session = /sa_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  if (!session) throw new Error(`login failed: HTTP ${res.status}`);
  return `sa_session=${session}`;
}

/** p95 of the response times (ms) of one path under CONNECTIONS concurrent clients. */
async function load(url: string, path: string, cookie: string, seconds: number): Promise<{ p95: number; requests: number; errors: number }> {
  const check = await fetch(`${url}${path}`, { headers: { cookie }, redirect: 'manual' });
  if (check.status !== 200) throw new Error(`${path}: HTTP ${check.status}`);
  const times: number[] = [];
  let errors = 0;
  await new Promise<void>((resolve, reject) => {
    const instance = autocannon({ url: `${url}${path}`, connections: CONNECTIONS, duration: seconds, headers: { cookie } }, (e) => (e ? reject(e) : resolve()));
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status !== 200) errors++;
      times.push(ms);
    });
  });
  return { p95: p95(times), requests: times.length, errors };
}

export async function main(items = Number(process.argv[2] ?? 100_000), seconds = Number(process.argv[3] ?? 10)): Promise<void> {
  const dirs = await seed(items);
  const { child, url } = await serve(dirs);
  try {
    const cookie = await login(url);
    const reference = await load(url, '/static/console.css', cookie, seconds);
    const pages: [string, string][] = [
      ['dashboard', '/'],
      ['review queue', '/review'],
      ['search page (common word)', '/archive?q=Stationsweg'],
      ['search page (rare word)', '/archive?q=rollator'],
    ];
    const figures: Figure[] = [{ figure: `static file p95, ${CONNECTIONS} clients (reference)`, value: reference.p95, unit: 'ms' }];
    console.log(`console on ${items} items, ${CONNECTIONS} concurrent clients, ${seconds} s per page`);
    console.log(`  reference (static file) p95 ${reference.p95.toFixed(1)} ms, ${reference.requests} requests`);
    for (const [what, path] of pages) {
      const r = await load(url, path, cookie, seconds);
      console.log(`  ${what.padEnd(28)} p95 ${r.p95.toFixed(1)} ms (${(r.p95 / reference.p95).toFixed(1)} × reference), ${r.requests} requests, ${r.errors} not 200`);
      figures.push({ figure: `${what} p95, ${CONNECTIONS} clients`, value: r.p95, unit: 'ms', target: { op: '<', value: 150 } });
    }
    reportFigures(figures);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await rm(dirs.root, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
