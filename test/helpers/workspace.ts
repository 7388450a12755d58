import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkspace, type Workspace } from '../../src/workspace.js';
import { loadAndRecordRegistry } from '../../src/registry/sync.js';
import type { Registry } from '../../src/domain/types.js';
import { testStoreSettings } from './test-store.js';

export interface TestAccount {
  id: string;
  handle: string;
  /** Default mastodon. */
  platform?: string;
  /** Default: the instance given to registryYaml (none for platforms with one fixed API). */
  instance?: string | null;
  /** Thread renditions (PDF/A, PNG) in the formats stage; default true. */
  render?: boolean;
  /** Extra registry lines for the account, indented by four spaces. */
  extra?: string;
  /** Name of the environment variable with the token; anonymous when absent. */
  tokenEnv?: string;
}

export function registryYaml(instance: string, accounts: TestAccount[]): string {
  return `organisation:
  name: Gemeente Voorbeeldstad
  id: https://identifier.overheid.nl/tooi/id/gemeente/gm9999
accounts:
${accounts
  .map(
    (a) => `  - id: ${a.id}
    platform: ${a.platform ?? 'mastodon'}
    handle: ${a.handle}
${a.instance === null ? '' : `    instance: ${a.instance ?? instance}\n`}    status: active
    managers: [{ name: Team Online }]
    selection: { list: Selectielijst gemeenten 2020, category: "1.1", label: Communicatie, waardering: V, bewaartermijn: P10Y }
    capture: { replies: true, media: true, render: ${a.render ?? true} }
${a.tokenEnv ? `    credentials: env:${a.tokenEnv}\n` : ''}${a.extra ?? ''}`,
  )
  .join('')}`;
}

/** A fresh config/ and data/ in a temporary folder, on the store configuration under test. */
export function makeWorkspaceDirs(instance: string, accounts: TestAccount[], settings = ''): { root: string; config: string; data: string } {
  const root = mkdtempSync(join(tmpdir(), 'socialarchive-test-'));
  const config = join(root, 'config');
  mkdirSync(config);
  writeFileSync(join(config, 'accounts.yaml'), registryYaml(instance, accounts));
  writeFileSync(join(config, 'socialarchive.yaml'), testStoreSettings() + settings);
  return { root, config, data: join(root, 'data') };
}

export async function openTestWorkspace(instance: string, accounts: TestAccount[], settings = ''): Promise<{ ws: Workspace; registry: Registry; dirs: ReturnType<typeof makeWorkspaceDirs> }> {
  const dirs = makeWorkspaceDirs(instance, accounts, settings);
  const ws = await openWorkspace({ configDir: dirs.config, dataDir: dirs.data });
  const { registry } = await loadAndRecordRegistry(ws.store, ws.registryFile, 'test');
  return { ws, registry, dirs };
}

/** Fast retries, so fault tests take milliseconds. */
export const FAST_HTTP = `http:
  timeoutSeconds: 1
  retryBaseSeconds: 0.05
`;
