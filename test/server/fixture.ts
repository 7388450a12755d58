import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatasetBuilder } from '../../crawlers/mastodon/fake/builder.js';
import { addDemoAccounts } from '../../crawlers/mastodon/fake/demo-accounts.js';
import { startFakeMastodon, type FakeMastodon } from '../../crawlers/mastodon/fake/server.js';
import type { FakeDataset } from '../../crawlers/mastodon/fake/store.js';
import { loadAndRecordRegistry } from '../../src/registry/sync.js';
import { hashPassword } from '../../src/server/auth/passwords.js';
import { startConsole, type Console } from '../../src/server/serve.js';
import type { Role } from '../../src/store/users-store.js';
import { PACKAGE_ROOT } from '../../src/version.js';
import { openWorkspace, type Workspace } from '../../src/workspace.js';
import { makeWorkspaceDirs } from '../helpers/workspace.js';

export const NOW = '2026-06-01T06:00:00.000Z';
export const PASSWORD = 'correct horse battery staple';
export const USERS: Record<Role, string> = { records_manager: 'rita', privacy_officer: 'pieter', auditor: 'anna' };
/** A word only the hostile reply contains. */
export const XSS_WORD = 'zeepbelzwemmen';
export const XSS_TEXT = `Mooi! <script>alert('xss')</script> <img src=x onerror=alert(1)> <a href="javascript:alert(2)">klik</a> ${XSS_WORD}`;
/** A word of the reply that was edited once (two versions). */
export const EDITED_WORD = 'kikkerbad';

/** One municipality post with replies: personal data, a hostile reply, an edited reply. */
export function consoleDataset(): FakeDataset {
  const b = new DatasetBuilder('console', { now: NOW, nextDayNow: '2026-06-02T06:00:00.000Z' });
  const acc = addDemoAccounts(b);
  const post = b.status({ key: 'zwembad', by: acc.municipality, at: '2026-05-20T09:00:00.000Z', text: 'Het openluchtzwembad gaat op 1 juni weer open. Tot ziens!' });
  b.status({ key: 'r-pii', by: acc.citizen('pietjansen'), replyTo: post, at: '2026-05-20T10:00:00.000Z', text: 'Bel mij op 06-12345678 of mail piet.jansen@example.nl over een abonnement.' });
  b.status({ key: 'r-xss', by: acc.citizen('pietjansen'), replyTo: post, at: '2026-05-20T11:00:00.000Z', text: XSS_TEXT });
  const edited = b.status({ key: 'r-edit', by: acc.citizen('pietjansen'), replyTo: post, at: '2026-05-20T12:00:00.000Z', text: `Gaat het ${EDITED_WORD} ook open?` });
  b.edit(edited, '2026-05-20T12:30:00.000Z', `Gaat het ${EDITED_WORD} ook open, en wanneer?`);
  return b.ds;
}

export interface ConsoleFixture {
  fake: FakeMastodon;
  ws: Workspace;
  console: Console;
  close(): Promise<void>;
}

/** A workspace registered for the fake server, with one user per role and the console listening on loopback. */
export async function startConsoleFixture(): Promise<ConsoleFixture> {
  const fake = await startFakeMastodon({ dataset: consoleDataset(), rateLimit: null });
  const dirs = makeWorkspaceDirs(fake.url, [{ id: 'voorbeeldstad', handle: 'voorbeeldstad', render: false }]);
  copyFileSync(join(PACKAGE_ROOT, 'config', 'archive-profile.yaml'), join(dirs.config, 'archive-profile.yaml'));
  const ws = await openWorkspace({ configDir: dirs.config, dataDir: dirs.data });
  const { registry } = await loadAndRecordRegistry(ws.store, ws.registryFile, 'test');
  const hash = await hashPassword(PASSWORD);
  for (const [role, name] of Object.entries(USERS)) await ws.store.users.addUser({ name, role: role as Role, passwordHash: hash }, 'test', new Date().toISOString());
  const c = await startConsole(ws, registry, { host: '127.0.0.1', port: 0, scheduler: false, secureCookies: false });
  return {
    fake,
    ws,
    console: c,
    async close() {
      await c.close();
      await ws.close();
      await fake.close();
    },
  };
}
