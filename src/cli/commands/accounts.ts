import type { Command } from 'commander';
import type { Account } from '../../domain/types.js';
import { UserError } from '../../domain/errors.js';
import { messages } from '../../i18n.js';
import { operatorName } from '../../operator.js';
import { checkProfileText, type ProfileCheck } from '../../registry/profile-check.js';
import { loadAndRecordRegistry } from '../../registry/sync.js';
import type { Store } from '../../store/store.js';
import { withWorkspace } from '../workspace-command.js';

export function registerAccounts(program: Command): void {
  const accounts = program.command('accounts').description('the account registry (config/accounts.yaml): list, show, check');

  accounts
    .command('list')
    .description('every registered account with its status and last run')
    .action(async (_o: unknown, cmd: Command) => {
      await withWorkspace(cmd, async (ws) => {
        const { registry } = await loadAndRecordRegistry(ws.store, ws.registryFile, operatorName());
        const last = await lastRunByAccount(ws.store);
        const rows = registry.accounts.map((a) => [a.id, a.platform, a.handle, a.status, `${a.selection.waardering}${a.selection.bewaartermijn ? ` ${a.selection.bewaartermijn}` : ''}`, a.schedule ?? '-', last.get(a.id) ?? '-']);
        process.stdout.write(table([['id', 'platform', 'handle', 'status', 'waardering', 'schedule', 'last run'], ...rows]));
      });
    });

  accounts
    .command('show')
    .argument('<id>', 'account id from the registry')
    .description('one account: registry entry, registry history, runs and profile-text check')
    .action(async (id: string, _o: unknown, cmd: Command) => {
      await withWorkspace(cmd, async (ws, g) => {
        const { registry } = await loadAndRecordRegistry(ws.store, ws.registryFile, operatorName());
        const account = registry.accounts.find((a) => a.id === id);
        if (!account) throw new UserError('accounts.unknown', `no account "${id}" in ${ws.registryFile} (see: socialarchive accounts list)`);
        const out: string[] = [`${account.id} (${account.platform}: ${account.handle})`, ...describeAccount(account), ''];
        const counts = await ws.store.countItems(account.id);
        out.push(`archived: ${counts.posts} posts, ${counts.replies} replies, ${counts.versions} versions, ${counts.media} media files, ${counts.deleted} found deleted`);
        out.push('', 'registry history:');
        for (const v of await ws.store.registryHistory()) {
          const mine = v.changes.filter((c) => c.includes(account.id) || !/account/i.test(c));
          if (mine.length) out.push(`  ${v.loadedAt} by ${v.actor}: ${mine.join('; ')}`);
        }
        out.push('', 'runs:');
        for (const r of await ws.store.listRuns(20)) {
          const a = r.accounts.find((x) => x.accountId === account.id);
          if (a) out.push(`  ${r.id} ${a.status}: +${a.stats.newPosts} posts, +${a.stats.newReplies} replies, ${a.stats.edited} edited, ${a.stats.deleted} deleted${a.stop ? ` — ${a.stop.reason}` : ''}`);
        }
        out.push('', ...formatProfileCheck(await profileCheckOf(ws.store, account), g.lang));
        process.stdout.write(out.join('\n') + '\n');
      });
    });

  accounts
    .command('check')
    .description('validate the registry and check each profile text against the national template')
    .action(async (_o: unknown, cmd: Command) => {
      await withWorkspace(cmd, async (ws, g) => {
        const { registry } = await loadAndRecordRegistry(ws.store, ws.registryFile, operatorName());
        const t = messages(g.lang);
        const out = [`${ws.registryFile}: ${registry.accounts.length} accounts, ${t.ok}`];
        let failing = 0;
        for (const a of registry.accounts) {
          const check = await profileCheckOf(ws.store, a);
          if (check && !check.ok) failing++;
          out.push('', `${a.id} (${a.platform}: ${a.handle})`, ...formatProfileCheck(check, g.lang).map((l) => `  ${l}`));
        }
        process.stdout.write(out.join('\n') + '\n');
        process.exitCode = failing ? 1 : 0;
      });
    });
}

export async function profileCheckOf(store: Store, account: Account): Promise<(ProfileCheck & { capturedAt: string }) | null> {
  const p = await store.latestProfile(account.id);
  if (!p) return null;
  const data = JSON.parse(p.payload) as { note?: string; fields?: { name: string; value: string }[]; url?: string };
  return { ...checkProfileText({ note: data.note ?? '', fields: data.fields ?? [], url: data.url }), capturedAt: p.capturedAt };
}

function formatProfileCheck(check: (ProfileCheck & { capturedAt: string }) | null, lang: 'nl' | 'en'): string[] {
  const t = messages(lang);
  if (!check) return [`profile: ${t.noProfileYet}`];
  const part = (label: string, p: ProfileCheck['official']) => `${p.ok ? '✓' : '✗'} ${label}${p.ok && p.evidence ? `: “${p.evidence}”` : p.ok ? '' : ` — ${t.missing}`}`;
  return [`profile (${check.capturedAt}):`, part(t.officialAccount, check.official), part(t.noFormalMessaging, check.noFormalMessaging), part(t.privacyLink, check.privacyLink)];
}

function describeAccount(a: Account): string[] {
  const lines = [
    `status: ${a.status}${a.opened ? `, opened ${a.opened}` : ''}${a.closed ? `, closed ${a.closed}` : ''}`,
    a.instance ? `instance: ${a.instance}` : '',
    `managers: ${a.managers.map((m) => (m.email ? `${m.name} <${m.email}>` : m.name)).join('; ') || '-'}`,
    a.purpose ? `purpose: ${a.purpose}` : '',
    a.justification ? `justification: ${a.justification}` : '',
    `selection: ${a.selection.list}, ${a.selection.category} ${a.selection.label}, waardering ${a.selection.waardering}${a.selection.bewaartermijn ? `, bewaartermijn ${a.selection.bewaartermijn}` : ''}`,
    `schedule: ${a.schedule ?? '-'}`,
    `capture: replies ${a.capture.replies ? 'yes' : 'no'}, media ${a.capture.media ? 'yes' : 'no'}, render ${a.capture.render ? 'yes' : 'no'}`,
    a.credentials ? `credentials: ${a.credentials}` : 'credentials: none (anonymous capture)',
  ];
  return lines.filter(Boolean);
}

async function lastRunByAccount(store: Store): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const r of await store.listRuns(50)) for (const a of r.accounts) if (!out.has(a.accountId)) out.set(a.accountId, `${a.startedAt.slice(0, 16)} ${a.status}`);
  return out;
}

export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n') + '\n';
}
