// What `socialarchive package` and `socialarchive transfer` print for people: Dutch by default,
// English on request. Pure: records in, text out.
import type { Lang } from '../i18n.js';
import { categoryLabel } from '../privacy/review/labels.js';
import type { TransferRecord } from '../store/transfers-store.js';
import type { PackageOutcome } from './make-package.js';
import type { Unreviewed } from './readiness.js';

const mb = (bytes: number): string => `${(bytes / 1_000_000).toFixed(1)} MB`;
const when = (iso: string): string => iso.slice(0, 16).replace('T', ' ');

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? '')].length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n') + '\n';
}

const KIND = {
  nl: { post: 'bericht', reply: 'reactie', profile: 'profiel' },
  en: { post: 'post', reply: 'reply', profile: 'profile' },
} as const;

/** The list of what stops a package: account, item, categories and how many findings. */
export function formatUnreviewed(list: Unreviewed[], lang: Lang): string {
  const en = lang === 'en';
  const items = list.filter((u) => u.what === 'item');
  const warcs = list.filter((u) => u.what === 'warc');
  const head = en
    ? `Not packaged: ${items.length} item(s) have open personal-data findings or versions not scanned yet${warcs.length ? `, and ${warcs.length} run capture(s) (WARC) hold such items` : ''}.\n`
    : `Niet verpakt: ${items.length} item(s) hebben open bevindingen van persoonsgegevens of nog niet gescande versies${warcs.length ? `, en ${warcs.length} vastlegging(en) (WARC) bevatten zulke items` : ''}.\n`;
  const rows: string[][] = [en ? ['account', 'item', 'kind', 'published', 'open', 'categories'] : ['account', 'item', 'soort', 'gepubliceerd', 'open', 'categorieën']];
  for (const u of items) {
    const categories = u.categories.map((c) => categoryLabel(c, lang));
    if (u.unscannedVersions > 0) categories.push(en ? `${u.unscannedVersions} version(s) not scanned` : `${u.unscannedVersions} versie(s) niet gescand`);
    rows.push([u.accountId, u.platformId, KIND[lang][u.kind], u.publishedAt.slice(0, 10), String(u.openFindings), categories.join(', ')]);
  }
  const warcLines = warcs.map((w) => (en ? `run ${w.runId} (WARC): holds ${w.items} item(s) with open findings\n` : `vastlegging ${w.runId} (WARC): bevat ${w.items} item(s) met open bevindingen\n`));
  const tail = en
    ? 'Review them (socialarchive review list), or package them marked "Nader te bepalen" with --allow-unreviewed.\n'
    : 'Beoordeel ze (socialarchive review list), of verpak ze gemarkeerd als "Nader te bepalen" met --allow-unreviewed.\n';
  return head + (items.length ? table(rows) : '') + warcLines.join('') + tail;
}

/** What was built and where, for the terminal. */
export function formatBuilt(outcome: Extract<PackageOutcome, { status: 'built' }>, lang: Lang): string {
  const en = lang === 'en';
  const t = outcome.transfer;
  const c = t.counts;
  const lines = [
    en ? `Package ${t.packageId} written to ${t.location} (transfer ${t.id}):` : `Pakket ${t.packageId} geschreven in ${t.location} (overdracht ${t.id}):`,
    ...outcome.build.volumes.map((v) => `  ${v.name}${v.container.slice(v.container.lastIndexOf('.'))}  ${mb(v.size)}  sha256 ${v.sha256}`),
    en
      ? `  ${c.informatieobjecten} informatieobjecten, ${c.bestanden} files (${mb(c.payloadBytes)} without sidecars); ${c.threads} threads, ${c.posts} posts, ${c.replies} replies, ${c.publicCopies} public copies`
      : `  ${c.informatieobjecten} informatieobjecten, ${c.bestanden} bestanden (${mb(c.payloadBytes)} zonder sidecars); ${c.threads} draden, ${c.posts} berichten, ${c.replies} reacties, ${c.publicCopies} openbare versies`,
  ];
  if (c.unreviewed > 0) lines.push(en ? `  ${c.unreviewed} item(s) not reviewed, marked "Nader te bepalen"` : `  ${c.unreviewed} item(s) niet beoordeeld, gemarkeerd als "Nader te bepalen"`);
  for (const r of outcome.remarks) lines.push(`  ${en ? 'remark' : 'bijzonderheid'}: ${r}`);
  lines.push(en ? `For: ${t.receiver}, collection ${t.target.collection}` : `Voor: ${t.receiver}, collectie ${t.target.collection}`);
  lines.push(en ? `Check it with: socialarchive verify ${t.location}` : `Controleer met: socialarchive verify ${t.location}`);
  return `${lines.join('\n')}\n`;
}

function status(t: TransferRecord, lang: Lang): string {
  const en = lang === 'en';
  if (!t.receipt) return en ? 'sent, no answer yet' : 'verzonden, nog geen antwoord';
  const s = t.receipt.status === 'accepted' ? (en ? 'accepted' : 'geaccepteerd') : en ? 'rejected' : 'afgewezen';
  return `${s} ${when(t.receipt.at)}`;
}

export function formatTransferList(list: TransferRecord[], lang: Lang): string {
  const en = lang === 'en';
  if (list.length === 0) return en ? 'No transfers yet (socialarchive package).\n' : 'Nog geen overdrachten (socialarchive package).\n';
  const rows = [en ? ['no', 'package', 'built', 'by', 'collection', 'period', 'volumes', 'size', 'status'] : ['nr', 'pakket', 'gemaakt', 'door', 'collectie', 'periode', 'volumes', 'omvang', 'status']];
  for (const t of list) {
    rows.push([
      String(t.id),
      t.packageId,
      when(t.builtAt),
      t.actor,
      t.target.collection,
      `${t.selection.from} ${en ? 'to' : 't/m'} ${t.selection.to}`,
      String(t.volumes.length),
      mb(t.volumes.reduce((n, v) => n + v.size, 0)),
      status(t, lang),
    ]);
  }
  return table(rows);
}

export function formatReceipt(t: TransferRecord, lang: Lang): string {
  const en = lang === 'en';
  const r = t.receipt!;
  const file = r.file ? (en ? `; receipt file ${r.file.name} (sha256 ${r.file.sha256})` : `; ontvangstbewijs ${r.file.name} (sha256 ${r.file.sha256})`) : '';
  return en
    ? `Transfer ${t.id} (${t.packageId}): ${status(t, lang)} by ${r.actor}${file}\n`
    : `Overdracht ${t.id} (${t.packageId}): ${status(t, lang)} door ${r.actor}${file}\n`;
}
