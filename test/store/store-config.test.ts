import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openWorkspace } from '../../src/workspace.js';

function dirsWith(settings: string) {
  const root = mkdtempSync(join(tmpdir(), 'store-config-'));
  writeFileSync(join(root, 'socialarchive.yaml'), settings);
  return { configDir: root, dataDir: join(root, 'data') };
}

describe('choosing the store in socialarchive.yaml', () => {
  it('is the embedded SQLite file when nothing is said', async () => {
    const dirs = dirsWith('');
    const ws = await openWorkspace(dirs);
    await ws.close();
    expect(existsSync(join(dirs.dataDir, 'archive.sqlite'))).toBe(true);
  });

  it('refuses a database URL written in the file, without repeating it', async () => {
    const err = await openWorkspace(dirsWith('store: postgres://archivaris:geheim@db.example/archief\n')).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect(String((err as { details?: unknown }).details ?? '') + (err as Error).message).toMatch(/env:NAME/);
    expect(JSON.stringify(err) + (err as Error).message).not.toContain('geheim');
  });

  it('says which variable is missing, and that it must hold a postgres:// URL', async () => {
    await expect(openWorkspace(dirsWith('store: env:SA_STORE_CONFIG_UNSET\n'))).rejects.toThrow(/SA_STORE_CONFIG_UNSET.*not set/);
    process.env.SA_STORE_CONFIG_MYSQL = 'mysql://archivaris:geheim@127.0.0.1/archief';
    const err = (await openWorkspace(dirsWith('store: env:SA_STORE_CONFIG_MYSQL\n')).catch((e: Error) => e)) as Error;
    expect(err.message).toMatch(/postgres:\/\//);
    expect(err.message).not.toContain('geheim');
  });

  it('fails clearly when the PostgreSQL server cannot be reached', async () => {
    process.env.SA_STORE_CONFIG_DOWN = 'postgres://archivaris:geheim@127.0.0.1:1/archief';
    const err = (await openWorkspace(dirsWith('store: env:SA_STORE_CONFIG_DOWN\n')).catch((e: Error) => e)) as Error;
    expect(err.message).toMatch(/cannot connect to the PostgreSQL store/);
    expect(err.message).not.toContain('geheim');
  });
});
