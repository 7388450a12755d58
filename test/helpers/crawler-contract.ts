// The scenario every platform's crawler must pass against its fake server (issue 6): a complete
// first run, a "next day" run that adds exactly the changes and marks deletions, no duplicates,
// kill-and-resume equal to an uninterrupted run, and the platform's rate-limit signal respected.
// A platform test file calls crawlerContract() with an adapter for its fake.
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCapture } from '../../src/capture/run.js';
import { runPipeline } from '../../src/pipeline/run-pipeline.js';
import { PACKAGE_ROOT } from '../../src/version.js';
import { OFFICIAL_XSD, xmllintSchema } from '../archive/helpers/xmllint.js';
import { openWorkspace, type Workspace } from '../../src/workspace.js';
import { loadAndRecordRegistry } from '../../src/registry/sync.js';
import { BIN } from './cli.js';
import { dumpAccount } from './dump.js';
import { FAST_HTTP, makeWorkspaceDirs, type TestAccount } from './workspace.js';

/** What a complete capture of the account holds at this moment, in platform ids. */
export interface ContractExpectation {
  /** Posts and replies (not the profile). */
  itemIds: string[];
  /** Number of versions per item where more than one. */
  versions?: Record<string, number>;
}

export interface ContractFake {
  /** API base for the registry's `instance`. */
  readonly url: string;
  expected(): ContractExpectation;
  /** Applies the fake's next-day changes (new posts and replies, an edit, deletions). */
  nextDay(): void;
  /** Items the next day deleted (platform ids). */
  deletedByNextDay(): string[];
  /** Turns the platform's rate limit on, tight enough that a run must wait; null turns it off. */
  limit(on: boolean): void;
  /** Requests the fake refused because a limit was exceeded (429, quota errors, ...). */
  exceeded(): number;
  onRequest(cb: () => void): void;
  close(): Promise<void>;
}

export interface ContractSpec {
  platform: string;
  start(): Promise<ContractFake>;
  /** The registry entry of the account (id is set by the contract). */
  account: Omit<TestAccount, 'id'>;
  /** Environment the crawler needs (tokens named by `account.tokenEnv`). */
  env?: Record<string, string>;
  /** Kill points (request numbers) for the resume test; pick some in every phase of a run. */
  killAt: number[];
}

const ID = 'contract-account';

export function crawlerContract(spec: ContractSpec): void {
  describe(`${spec.platform} crawler contract`, () => {
    let fake: ContractFake;
    let counter = 0;
    let killAt = 0;
    let child: ReturnType<typeof spawn> | undefined;
    // Every run re-checks everything and skips face detection: the contract is about capture.
    const settings = `${FAST_HTTP}capture:\n  fullSweepDays: 0\nprivacy:\n  faces: false\n`;
    const account = (): TestAccount[] => [{ id: ID, render: false, ...spec.account, instance: fake.url }];
    Object.assign(process.env, spec.env ?? {});

    beforeAll(async () => {
      fake = await spec.start();
      fake.onRequest(() => {
        counter++;
        if (killAt > 0 && counter === killAt) child?.kill('SIGKILL');
      });
    });
    afterAll(async () => fake?.close());

    async function inProcess(dirs: { config: string; data: string }, fn: (ws: Workspace) => Promise<void>) {
      const ws = await openWorkspace({ configDir: dirs.config, dataDir: dirs.data });
      try {
        await fn(ws);
      } finally {
        await ws.close();
      }
    }
    async function capture(dirs: { config: string; data: string }) {
      let status = '';
      await inProcess(dirs, async (ws) => {
        const { registry } = await loadAndRecordRegistry(ws.store, ws.registryFile, 'test');
        status = (await runCapture(ws, registry)).status;
      });
      return status;
    }
    const ids = async (dirs: { config: string; data: string }) => {
      let out: Awaited<ReturnType<typeof dumpAccount>> = [];
      await inProcess(dirs, async (ws) => void (out = await dumpAccount(ws.store, ID)));
      return out;
    };
    function cliRun(dirs: { config: string; data: string }, kill = 0): Promise<{ code: number | null; signal: string | null; stderr: string }> {
      counter = 0;
      killAt = kill;
      return new Promise((resolve, reject) => {
        const p = spawn(process.execPath, [BIN, '--config', dirs.config, '--data', dirs.data, 'run'], { env: process.env, stdio: ['ignore', 'ignore', 'pipe'] });
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

    function cliCommand(dirs: { config: string; data: string }, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
      return new Promise((resolve, reject) => {
        const p = spawn(process.execPath, [BIN, '--config', dirs.config, '--data', dirs.data, ...args], { env: { ...process.env, SOCIALARCHIVE_LANG: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        p.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
        p.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
        p.on('error', reject);
        p.on('close', (code) => resolve({ code, stdout, stderr }));
      });
    }

    it('first run complete, next day exactly the changes, deletions marked, nothing twice; kills change nothing', { timeout: 240_000 }, async () => {
      const reference = makeWorkspaceDirs(fake.url, account(), settings);
      const killed = makeWorkspaceDirs(fake.url, account(), settings);

      expect(await capture(reference)).toBe('completed');
      const want1 = fake.expected();
      const day1 = await ids(reference);
      const items1 = day1.filter((i) => i.kind !== 'profile');
      expect(items1.map((i) => i.id).sort()).toEqual([...want1.itemIds].sort());
      for (const [id, n] of Object.entries(want1.versions ?? {})) expect(items1.find((i) => i.id === id)?.versions.length, id).toBe(n);
      expect(items1.some((i) => i.thirdParty)).toBe(true);

      for (const k of spec.killAt) {
        const r = await cliRun(killed, k);
        if (r.signal !== 'SIGKILL') expect(r.code, r.stderr).toBe(0);
      }
      expect((await cliRun(killed)).code).toBe(0);
      expect(await ids(killed)).toEqual(day1);

      fake.nextDay();
      const want2 = fake.expected();
      const gone = fake.deletedByNextDay();
      expect(gone.length).toBeGreaterThan(0);
      expect(await capture(reference)).toBe('completed');
      const day2 = await ids(reference);
      const items2 = day2.filter((i) => i.kind !== 'profile');
      expect(new Set(items2.map((i) => i.id)).size).toBe(items2.length);
      expect(items2.map((i) => i.id).sort()).toEqual([...new Set([...want1.itemIds, ...want2.itemIds])].sort());
      expect(items2.filter((i) => i.deleted).map((i) => i.id).sort()).toEqual([...gone].sort());
      for (const [id, n] of Object.entries(want2.versions ?? {})) expect(items2.find((i) => i.id === id)?.versions.length, id).toBe(n);
      for (const b of day1) expect(items2.concat(day2.filter((i) => i.kind === 'profile')).find((i) => i.id === b.id)!.versions.slice(0, b.versions.length)).toEqual(b.versions);

      for (const k of spec.killAt) {
        const r = await cliRun(killed, k);
        if (r.signal !== 'SIGKILL') expect(r.code, r.stderr).toBe(0);
      }
      expect((await cliRun(killed)).code).toBe(0);
      expect(await ids(killed)).toEqual(day2);
    });

    it('its threads render and package like Mastodon\'s: verify passes, every sidecar is schema-valid, every item once', { timeout: 240_000 }, async () => {
      const dirs = makeWorkspaceDirs(fake.url, account().map((a) => ({ ...a, render: true })), settings);
      let items: { platformId: string; kind: string; thirdParty: boolean; threadRootPlatformId?: string | undefined; versions: number }[] = [];
      await inProcess(dirs, async (ws) => {
        const { registry } = await loadAndRecordRegistry(ws.store, ws.registryFile, 'test');
        const r = await runPipeline(ws, registry, { operator: 'test' });
        expect(r.run.status).toBe('completed');
        expect(r.formats?.problems).toBe(0);
        for (const i of await ws.store.listItems(ID)) {
          if (i.kind === 'profile') continue;
          items.push({ platformId: i.platformId, kind: i.kind, thirdParty: i.thirdParty, threadRootPlatformId: i.threadRootPlatformId, versions: (await ws.store.listVersions(ID, i.platformId)).length });
        }
      });
      expect(items.length).toBeGreaterThan(0);
      copyFileSync(join(PACKAGE_ROOT, 'config', 'archive-profile.yaml'), join(dirs.config, 'archive-profile.yaml'));
      const out = join(dirs.root, 'pakket');
      const built = await cliCommand(dirs, ['package', '--from', '1990-01-01', '--to', '2099-12-31', '--out', out, '--created', '2026-06-03T09:00:00Z', '--allow-unreviewed']);
      expect(built.code, built.stderr + built.stdout).toBe(0);
      const verified = await cliCommand(dirs, ['verify', out]);
      expect(verified.code, verified.stdout).toBe(0);

      const unpacked = join(dirs.root, 'uitgepakt');
      for (const zip of readdirSync(out).filter((f) => f.endsWith('.zip'))) execFileSync('unzip', ['-q', '-o', join(out, zip), '-d', unpacked]);
      const files = walk(unpacked);
      const sidecars = files.filter((f) => f.endsWith('.MDTO.xml'));
      const lint = xmllintSchema(OFFICIAL_XSD, sidecars.map((f) => join(unpacked, f)));
      expect(lint.ok, lint.output).toBe(true);
      // One informatieobject per post or reply, holding one payload file per version.
      const objects = sidecars.filter((f) => !f.endsWith('.bestand.MDTO.xml') && /^status-[^/]+\.MDTO\.xml$/.test(f.split('/').at(-1)!) && !f.includes('-openbaar'));
      expect(objects.length).toBe(items.length);
      expect(files.filter((f) => /\/status-[^/]+\.v\d+\.json$/.test(f)).length).toBe(items.reduce((n, i) => n + i.versions, 0));
      // Every thread the account started has its PDF/A and PNG rendition (a repost starts none; another's
      // page the account lists is kept as its own screenshot).
      const threads = new Set(items.filter((i) => !i.thirdParty && i.threadRootPlatformId === i.platformId).map((i) => i.platformId));
      expect(threads.size).toBeGreaterThan(0);
      expect(files.filter((f) => /\/draad-[^/]+\.weergave-\d+\.pdf$/.test(f)).length).toBeGreaterThanOrEqual(threads.size);
      expect(files.filter((f) => /\/draad-[^/]+\.weergave-\d+\.png$/.test(f)).length).toBeGreaterThanOrEqual(threads.size);
      for (const f of objects.slice(0, 50)) expect(readFileSync(join(unpacked, f), 'utf8')).toMatch(/<aggregatieniveau>[\s\S]*Archiefstuk/);
    });

    it("respects the platform's rate-limit signal", { timeout: 120_000 }, async () => {
      const dirs = makeWorkspaceDirs(fake.url, account(), settings);
      fake.limit(true);
      try {
        expect(await capture(dirs)).toBe('completed');
        expect(fake.exceeded()).toBe(0);
      } finally {
        fake.limit(false);
      }
      const want = fake.expected();
      expect((await ids(dirs)).filter((i) => i.kind !== 'profile').map((i) => i.id).sort()).toEqual([...want.itemIds].sort());
    });
  });
}

function walk(dir: string, rel = ''): string[] {
  return readdirSync(join(dir, rel), { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(dir, join(rel, d.name)) : [join(rel, d.name)]));
}
