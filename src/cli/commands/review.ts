import { Command, InvalidArgumentError, Option } from 'commander';
import { DECISION_ACTIONS, RESTRICTION_TYPES, type DecisionAction } from '../../domain/types.js';
import { UserError } from '../../domain/errors.js';
import type { Lang } from '../../i18n.js';
import { operatorName } from '../../operator.js';
import { applyPlanned, planAll } from '../../privacy/review/apply.js';
import { replyContext, normalisedOrError } from '../../privacy/review/context.js';
import { checkAction } from '../../privacy/review/decide.js';
import { readDecisionsFile } from '../../privacy/review/decisions-file.js';
import { decisionKind } from '../../privacy/review/format.js';
import { actionLabel } from '../../privacy/review/labels.js';
import { formatFindingList } from '../../privacy/review/list.js';
import { buildPublicCopies, type PublicCopyResult } from '../../privacy/review/public-copy.js';
import { ALL_CATEGORIES, checkDate, dayAfter, findingId, resolveItemRef, type Selector } from '../../privacy/review/select.js';
import { formatShow } from '../../privacy/review/show.js';
import type { PrivacyVersion } from '../../store/privacy-store.js';
import type { Workspace } from '../../workspace.js';
import { checkAccountIds, withWorkspace } from '../workspace-command.js';

const MAX_LIMIT = 1000;

function positive(max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > max) throw new InvalidArgumentError(`a whole number from 1 to ${max}`);
    return n;
  };
}

function date(value: string): string {
  try {
    return checkDate(value, 'the date');
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message);
  }
}

const categoryOption = () =>
  new Option('--category <category...>', `only these categories (${ALL_CATEGORIES.join(', ')})`).argParser((value: string, previous: string[] | undefined) => {
    if (!ALL_CATEGORIES.includes(value)) throw new InvalidArgumentError(`not a category; use one of ${ALL_CATEGORIES.join(', ')}`);
    return [...(previous ?? []), value];
  });

function printPublicCopies(r: PublicCopyResult | null, lang: Lang): void {
  if (!r) return;
  const rendered = r.made.filter((c) => c.pdf && c.png).length;
  if (r.made.length) {
    process.stdout.write(
      lang === 'en'
        ? `Public copies made: ${r.made.length} (${rendered} with PDF/A and PNG)\n`
        : `Openbare versies gemaakt: ${r.made.length} (${rendered} met PDF/A en PNG)\n`,
    );
  }
  for (const c of r.made) for (const n of c.notes) process.stdout.write(`  ${c.accountId}/${c.itemPlatformId}: ${n}\n`);
  for (const f of r.failed) process.stderr.write(`socialarchive: ${lang === 'en' ? 'public copy failed' : 'openbare versie mislukt'} ${f.accountId}/${f.platformId} (${f.versionKey}): ${f.message}\n`);
  if (r.failed.length) process.exitCode = 1;
}

function registerList(review: Command): void {
  review
    .command('list')
    .description('findings to review, filtered and paged (open ones by default)')
    .option('--account <id...>', 'only these accounts')
    .option('--from <date>', 'items published on or after this day (YYYY-MM-DD, UTC)', date)
    .option('--to <date>', 'items published on or before this day (YYYY-MM-DD, UTC)', date)
    .addOption(categoryOption())
    .addOption(new Option('--status <status>', 'open (no decision yet), decided, or all').choices(['open', 'decided', 'all']).default('open'))
    .addOption(new Option('--decision <action...>', 'only findings whose current decision is one of these').choices([...DECISION_ACTIONS]))
    .option('--limit <n>', `findings per page (at most ${MAX_LIMIT})`, positive(MAX_LIMIT), 50)
    .option('--page <n>', 'page number, from 1', positive(1_000_000), 1)
    .option('--json', 'print the page as JSON')
    .action(async (opts: { account?: string[]; from?: string; to?: string; category?: string[]; status: 'open' | 'decided' | 'all'; decision?: DecisionAction[]; limit: number; page: number; json?: boolean }, cmd: Command) => {
      await withWorkspace(cmd, async (ws, g) => {
        const offset = (opts.page - 1) * opts.limit;
        const filter = {
          accountIds: await checkAccountIds(ws, 'review', opts.account),
          from: opts.from,
          before: opts.to ? dayAfter(opts.to) : undefined,
          categories: opts.category,
          status: opts.decision ? ('decided' as const) : opts.status,
          actions: opts.decision,
        };
        const { total, rows } = await ws.store.privacy.listFindings(filter, { limit: opts.limit, offset });
        if (opts.json) process.stdout.write(JSON.stringify({ total, page: opts.page, limit: opts.limit, findings: rows }) + '\n');
        else process.stdout.write(formatFindingList(rows, { total, offset, limit: opts.limit, page: opts.page }, g.lang));
      });
    });
}

async function newestOrNamed(versions: PrivacyVersion[], key: string | undefined, ref: string): Promise<PrivacyVersion> {
  if (key === undefined) return versions.at(-1)!;
  const v = versions.find((x) => x.versionKey === key);
  if (!v) throw new UserError('review.unknown-version', `${ref} has no version ${key}; it has ${versions.map((x) => x.versionKey).join(', ')}`);
  return v;
}

function registerShow(review: Command): void {
  review
    .command('show')
    .description('an item as it appeared, with the post it replies to and its findings marked in the text')
    .argument('<ref>', 'a finding (F12) or an item (<account>/<id>, or its URI)')
    .option('--version <key>', 'this version of the item (default: the newest, or the finding\'s)')
    .option('--json', 'print the item, its findings and decisions as JSON')
    .action(async (ref: string, opts: { version?: string; json?: boolean }, cmd: Command) => {
      await withWorkspace(cmd, async (ws, g) => {
        const store = ws.store.privacy;
        const fid = findingId(ref);
        let itemId: number;
        let versionKey = opts.version;
        if (fid !== undefined) {
          const [f] = await store.findings([fid]);
          if (!f) throw new UserError('review.unknown-finding', `no finding F${fid} in the archive; review list shows the ids`);
          itemId = f.itemId;
          versionKey ??= f.versionKey;
        } else itemId = (await resolveItemRef(store, ref)).itemId;
        const versions = await store.itemVersions(itemId);
        const v = await newestOrNamed(versions, versionKey, ref);
        const findings = (await store.listFindings({ itemIds: [itemId], status: 'all' }, { limit: 100_000, offset: 0 })).rows.filter((f) => f.versionId === v.versionId);
        const history = await store.decisionHistory(findings.map((f) => f.id));
        const parent = await replyContext(store, v, g.lang);
        const due = (await store.publicCopiesDue({ itemIds: [itemId] })).some((d) => d.versionId === v.versionId);
        const redacts = findings.some((f) => f.decision?.action === 'redact');
        const publicCopy = due ? 'due' : redacts ? ((await store.publicCopies(v.versionId)).at(-1) ?? 'due') : 'none';
        const item = normalisedOrError(v, g.lang);
        if (opts.json) {
          process.stdout.write(JSON.stringify({ item: { accountId: v.accountId, platformId: v.platformId, kind: v.kind, versionKey: v.versionKey, versions: versions.map((x) => x.versionKey), normalised: item }, parent: parent && parent !== 'missing' ? { platformId: parent.version.platformId, normalised: parent.item } : parent, findings, decisions: history, publicCopy }) + '\n');
          return;
        }
        process.stdout.write(formatShow({ version: v, item, findings, history, parent, publicCopy, color: process.stdout.isTTY === true }, g.lang));
      });
    });
}

interface DecideOptions {
  reason?: string;
  type?: string;
  term?: string;
  category?: string[];
  account?: string[];
  from?: string;
  to?: string;
  text?: string;
  includeDecided?: boolean;
  fromFile?: string;
  dryRun?: boolean;
  publicCopy: boolean;
  render: boolean;
  json?: boolean;
}

function registerDecide(review: Command): void {
  review
    .command('decide')
    .description('record a decision, with a reason, for findings (F12), all findings of items, all open findings of categories (bulk), or a decisions file')
    .argument('[action]', `keep, restrict or redact (in the public copy)`)
    .argument('[targets...]', 'findings (F12) or items (<account>/<id> or URI); leave out for a bulk decision by --category')
    .option('--reason <text>', 'why (recorded with the decision and in the audit trail; no personal data)')
    .addOption(new Option('--type <type>', 'restriction type for restrict and redact (default by category)').choices([...RESTRICTION_TYPES]))
    .option('--term <term>', 'how long the original is restricted: ISO 8601 duration (P75Y) or last day (2101-12-31); default P75Y from publication')
    .addOption(categoryOption())
    .option('--account <id...>', 'bulk: only these accounts')
    .option('--from <date>', 'bulk: items published on or after this day', date)
    .option('--to <date>', 'bulk: items published on or before this day', date)
    .option('--text <text>', 'only findings that flag exactly this text')
    .option('--include-decided', 'bulk: also findings that already have a decision (default: open ones only)')
    .option('--from-file <file>', 'apply the decisions in a YAML file (docs/privacy-review.md), all or nothing')
    .option('--dry-run', 'show what would be decided; record nothing')
    .option('--no-public-copy', 'record only; make the public copies later (review publish)')
    .option('--no-render', 'make public copies without PDF/A and PNG')
    .option('--json', 'print the decisions recorded as JSON')
    .action(async (action: string | undefined, targets: string[], opts: DecideOptions, cmd: Command) => {
      await withWorkspace(cmd, async (ws, g) => {
        const en = g.lang === 'en';
        let requests: Parameters<typeof planAll>[1];
        if (opts.fromFile) {
          if (action || targets.length || opts.reason || opts.category || opts.account || opts.from || opts.to || opts.text || opts.type || opts.term) {
            throw new UserError('review.file-and-options', '--from-file takes its decisions from the file only; leave out the action, targets and other options');
          }
          const entries = await readDecisionsFile(opts.fromFile);
          for (const e of entries) await checkAccountIds(ws, 'review', e.selector.accountIds);
          requests = entries.map((e) => ({ label: `${opts.fromFile}:${e.line}`, selector: e.selector, request: e.request }));
        } else {
          if (!action) throw new UserError('review.no-action', 'say what to decide: keep, restrict or redact (or use --from-file)');
          checkAction(action);
          const request = { action, reason: opts.reason, type: opts.type, term: opts.term };
          if (targets.length) {
            if (opts.account || opts.from || opts.to || opts.includeDecided) {
              throw new UserError('review.targets-and-bulk', '--account, --from, --to and --include-decided are for bulk decisions; leave out the targets or these options');
            }
            requests = targets.map((t) => {
              const id = findingId(t);
              const selector: Selector = id !== undefined ? { findingIds: [id] } : { item: t, categories: opts.category, text: opts.text };
              return { label: t, selector, request: { ...request, via: id !== undefined ? 'finding' : 'item' } };
            });
          } else {
            if (!opts.category) throw new UserError('review.no-selection', 'name findings (F12) or items, or give --category (with --account, --from, --to) for a bulk decision');
            const selector: Selector = { categories: opts.category, accountIds: await checkAccountIds(ws, 'review', opts.account), from: opts.from, to: opts.to, text: opts.text, includeDecided: opts.includeDecided };
            requests = [{ label: 'bulk', selector, request: { ...request, via: 'bulk' } }];
          }
        }
        const planned = await planAll(ws, requests);
        for (const e of planned.empty) process.stderr.write(`socialarchive: ${en ? 'warning' : 'waarschuwing'}: ${e}: ${en ? 'selects no findings' : 'selecteert geen bevindingen'}\n`);
        if (opts.dryRun) {
          for (const p of planned.plans) {
            const f = planned.findings.find((x) => x.id === p.findingId)!;
            process.stdout.write(`F${p.findingId}  ${f.accountId}/${f.itemPlatformId}  ${f.category}  → ${actionLabel(p.action, g.lang)}\n`);
          }
          process.stdout.write(en ? `${planned.plans.length} decisions would be recorded (dry run)\n` : `${planned.plans.length} besluiten zouden worden vastgelegd (proefdraai)\n`);
          return;
        }
        const result = await applyPlanned(ws, planned, { actor: operatorName(), publicCopies: opts.publicCopy, render: opts.render });
        if (opts.json) process.stdout.write(JSON.stringify({ decisions: result.decisions, unchanged: result.unchanged, publicCopies: result.publicCopies?.made ?? [] }) + '\n');
        else {
          const byAction = new Map<string, number>();
          for (const d of result.decisions) byAction.set(decisionKind(d, g.lang), (byAction.get(decisionKind(d, g.lang)) ?? 0) + 1);
          const parts = [...byAction].map(([what, n]) => `${n} × ${what}`).join('; ') || (en ? 'none' : 'geen');
          process.stdout.write(
            en
              ? `Recorded ${result.decisions.length} decision${result.decisions.length === 1 ? '' : 's'} by ${operatorName()}: ${parts}${result.unchanged ? `; ${result.unchanged} unchanged (same decision already current)` : ''}\n`
              : `${result.decisions.length} ${result.decisions.length === 1 ? 'besluit' : 'besluiten'} vastgelegd door ${operatorName()}: ${parts}${result.unchanged ? `; ${result.unchanged} ongewijzigd (hetzelfde besluit gold al)` : ''}\n`,
          );
          printPublicCopies(result.publicCopies, g.lang);
        }
      });
    });
}

function registerPublish(review: Command): void {
  review
    .command('publish')
    .description('make the public copies that redact decisions call for and that do not exist yet')
    .option('--account <id...>', 'only these accounts')
    .option('--no-render', 'without PDF/A and PNG')
    .action(async (opts: { account?: string[]; render: boolean }, cmd: Command) => {
      await withWorkspace(cmd, async (ws, g) => {
        const r = await buildPublicCopies(ws, { accountIds: await checkAccountIds(ws, 'review', opts.account), render: opts.render, actor: operatorName() });
        if (r.made.length === 0 && r.failed.length === 0) process.stdout.write(g.lang === 'en' ? 'All public copies are up to date.\n' : 'Alle openbare versies zijn bij.\n');
        printPublicCopies(r, g.lang);
      });
    });
}

/** `socialarchive review list|show|decide|publish`: the privacy officer's review (SPEC section 5). */
export function registerReview(program: Command): void {
  const review = program.command('review').description('privacy review: list findings, show an item, decide keep / restrict / redact');
  registerList(review);
  registerShow(review);
  registerDecide(review);
  registerPublish(review);
}
