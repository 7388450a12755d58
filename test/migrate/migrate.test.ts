import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres/open.js';
import { openSqliteStore } from '../../src/store/sqlite/open.js';
import { verifyAuditChain } from '../../src/store/sql/sql-store.js';
import { TableChecksum } from '../../src/store/migrate/table-checksum.js';
import { cli } from '../helpers/cli.js';
import { createTestDatabase } from '../helpers/test-store.js';

// Runs in the postgres test project only: it needs a PostgreSQL server (vitest.config.ts).
const root = mkdtempSync(join(tmpdir(), 'socialarchive-migrate-'));
const demo = join(root, 'demo');
const CREATED = '2026-06-01T12:00:00Z';
const TARGET_ENV = 'SOCIALARCHIVE_TEST_MIGRATE_TARGET';
afterAll(() => rm(root, { recursive: true, force: true }));

const files = (dir: string) => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => join(d.parentPath, d.name).slice(dir.length)).sort();

describe('socialarchive migrate --from sqlite: --to postgres:', () => {
  let migrate: Awaited<ReturnType<typeof cli>>;
  beforeAll(async () => {
    const r = await cli(['demo', '--dir', demo], { env: { SOCIALARCHIVE_LANG: '' } });
    expect(r.code, r.stderr).toBe(0);
    process.env[TARGET_ENV] = createTestDatabase();
    migrate = await cli(['--lang', 'en', 'migrate', '--from', `sqlite:${join(demo, 'data')}`, '--to', `postgres:env:${TARGET_ENV}`]);
  }, 300_000);

  it('copies every table of the demo store, and reports each with its rows and a checksum equal on both sides', async () => {
    expect(migrate.code, migrate.stderr).toBe(0);
    const rows = migrate.stdout.split('\n').filter((l) => /^[a-z_]+\s+\d+\s+[0-9a-f]{64}$/.test(l));
    const byTable = Object.fromEntries(rows.map((l) => l.split(/\s+/)).map(([t, n]) => [t, Number(n)]));
    expect(byTable).toMatchObject({ items: expect.any(Number), item_versions: expect.any(Number), audit_log: expect.any(Number), privacy_decisions: expect.any(Number), transfers: 1 });
    expect(byTable.items).toBeGreaterThan(100);
    expect(migrate.stdout).toMatch(new RegExp(`OK: ${rows.length} tables, \\d+ rows; counts and checksums equal`));

    const source = await openSqliteStore(join(demo, 'data', 'archive.sqlite'));
    const target = await openPostgresStore(process.env[TARGET_ENV]!);
    try {
      expect(await target.countItems()).toEqual(await source.countItems());
      const trail = await target.auditTrail();
      expect(trail).toEqual(await source.auditTrail());
      expect(verifyAuditChain(trail)).toBeNull();
      expect(await target.privacy.countOpen()).toBe(0);
    } finally {
      await source.close();
      await target.close();
    }
  });

  it('gives a byte-identical package from PostgreSQL with the same --created, which verifies', async () => {
    const pgConfig = join(root, 'config-postgres');
    cpSync(join(demo, 'config'), pgConfig, { recursive: true });
    writeFileSync(join(pgConfig, 'socialarchive.yaml'), `store: env:${TARGET_ENV}\n${readFileSync(join(demo, 'config', 'socialarchive.yaml'), 'utf8')}`);
    const build = (config: string, out: string) =>
      cli(['--config', config, '--data', join(demo, 'data'), 'package', '--from', '2000-01-01', '--to', '2099-12-31', '--created', CREATED, '--out', out]);
    const fromSqlite = await build(join(demo, 'config'), join(root, 'pkg-sqlite'));
    expect(fromSqlite.code, fromSqlite.stderr).toBe(0);
    const fromPostgres = await build(pgConfig, join(root, 'pkg-postgres'));
    expect(fromPostgres.code, fromPostgres.stderr).toBe(0);

    const names = files(join(root, 'pkg-sqlite'));
    expect(names.some((n) => n.endsWith('.zip'))).toBe(true);
    expect(files(join(root, 'pkg-postgres'))).toEqual(names);
    for (const n of names) expect(readFileSync(join(root, 'pkg-postgres', n)).equals(readFileSync(join(root, 'pkg-sqlite', n))), n).toBe(true);
    const verify = await cli(['verify', join(root, 'pkg-postgres')]);
    expect(verify.code, verify.stdout).toBe(0);
  }, 300_000);

  it('refuses a target that is not empty, and bad arguments, with one clear message', async () => {
    const again = await cli(['migrate', '--from', `sqlite:${join(demo, 'data')}`, '--to', `postgres:env:${TARGET_ENV}`]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/PostgreSQL database is not empty \(rows in .*\); migrate into a new, empty database/);
    const noSource = await cli(['migrate', '--from', `sqlite:${join(root, 'nowhere')}`, '--to', `postgres:env:${TARGET_ENV}`]);
    expect([noSource.code, noSource.stderr]).toEqual([2, expect.stringMatching(/no embedded store at .*nowhere/)]);
    const badTo = await cli(['migrate', '--from', `sqlite:${join(demo, 'data')}`, '--to', 'mysql://archivaris:geheim@127.0.0.1/x']);
    expect(badTo.code).toBe(2);
    expect(badTo.stderr).toMatch(/--to takes postgres:URL/);
    expect(badTo.stderr).not.toContain('geheim');
  });
});

describe('table checksum', () => {
  it('ignores row order and column order, and shows a missing, extra or changed row', () => {
    const sum = (rows: Record<string, unknown>[]) => {
      const c = new TableChecksum(['a', 'b']);
      for (const r of rows) c.add(r);
      return c.digest();
    };
    const rows = [{ a: 1, b: 'x' }, { b: null, a: 2 }];
    expect(sum([...rows].reverse())).toBe(sum(rows));
    expect(sum(rows.slice(1))).not.toBe(sum(rows));
    expect(sum([...rows, rows[0]!])).not.toBe(sum(rows));
    expect(sum([{ a: 1, b: 'y' }, rows[1]!])).not.toBe(sum(rows));
    expect(sum([{ a: '1', b: 'x' }, rows[1]!])).not.toBe(sum(rows));
  });
});
