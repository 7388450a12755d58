// The package plan of SPEC section 6 from the store: per account a Serie with its profile snapshots
// and run captures, and its threads as Dossiers read page by page (LazyChildren), each with its posts
// and replies read page by page. Only the accounts and the pages being written are in memory.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  accountSerie,
  aggregatieniveau,
  archiefvormer,
  beperkingen,
  eventType,
  profileSnapshotArchiefstuk,
  runCaptureArchiefstuk,
  selectionFields,
  threadDossier,
  type MappingContext,
  type PrivacySummary,
} from '../../formats/mdto/index.js';
import { utcDate } from '../../formats/mdto/values.js';
import type { PackagePlan, PlanFile, PlanObject } from '../../archive/plan.js';
import type { Account, Registry, Selection } from '../domain/types.js';
import { formatsReader } from '../formats-stage/reader.js';
import type { FileStore } from '../store/files/file-store.js';
import type { Store } from '../store/store.js';
import type { PackageItemRecord, RunInPeriod } from '../store/transfers-store.js';
import { PACKAGE_ROOT, SOFTWARE } from '../version.js';
import { JSON_PUID, bytesFile, extensionOf, formatOf, payloadFile, storedFile, type FileSources } from './files.js';
import { itemObjects } from './items.js';
import { privacyState } from './privacy-state.js';
import type { AccountReadiness, Readiness } from './readiness.js';
import { Remarks } from './remarks.js';
import type { PackageSelection } from './selection.js';

/** Threads per group of an account, posts and replies per group of a thread. */
const PAGE = 100;

/** Our normalised-JSON schema travels with every package, as the SIP asks for documentation of own metadata. */
const SCHEMA_FILE = 'docs/normalised-item.schema.json';

export interface PlanSources {
  store: Store;
  files: FileStore;
  registry: Registry;
}

const mappingContext = (registry: Registry, account: Account): MappingContext => ({
  organisation: registry.organisation,
  selection: account.selection,
  platform: account.platform,
  tool: SOFTWARE.replace('/', ' '),
});

/** Profile fields every platform's account JSON names alike (Mastodon, and the others as far as they have them). */
function profileFacts(payload: string | undefined): { uri?: string | undefined; displayName?: string | undefined } {
  try {
    const p = JSON.parse(payload ?? '{}') as { uri?: unknown; url?: unknown; display_name?: unknown };
    const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
    return { uri: str(p.url) ?? str(p.uri), displayName: str(p.display_name) };
  } catch {
    return {};
  }
}

/** A thread as a Dossier: its renderings as files, its posts and replies read page by page. */
async function threadObject(
  src: FileSources,
  ctx: MappingContext,
  account: Account,
  root: string,
  parts: PrivacySummary,
  sharedUris: Set<string>,
  owners: Map<string, string>,
  remarks: Remarks,
): Promise<PlanObject | null> {
  const { store, reader } = src;
  const rootItem = await store.transfers.item(account.id, root);
  const span = await store.transfers.threadSpan(account.id, root);
  if (!rootItem || !span) {
    remarks.add('thread-without-root', `${account.id}/${root}`, (n, ex) => `${n} draad/draden zonder startbericht in het archief overgeslagen (${ex}).`);
    return null;
  }
  const rootVersions = await reader.versions(rootItem);
  const rootText = [...rootVersions].reverse().find((v) => v.normalised)?.normalised?.text.plain ?? '';
  const renditions = await reader.renditions(account.id, root);
  const files: PlanFile[] = [];
  const ids = await store.formats.identifications(renditions.flatMap((r) => [r.pdf.sha256, r.png.sha256]));
  renditions.forEach((r, i) => {
    for (const [ext, f] of [['pdf', r.pdf], ['png', r.png]] as const) {
      const format = formatOf(ids.get(f.sha256));
      if (!format) continue;
      files.push(storedFile(src, { name: `draad-${root}.weergave-${i + 1}.${ext}`, sha256: f.sha256, size: f.size, ...format, checksumAt: r.renderedAt }));
    }
  });
  const dossier = threadDossier(
    ctx,
    {
      rootUri: rootItem.uri,
      rootUrl: rootItem.url,
      rootText,
      rootPlatformId: root,
      firstAt: span.firstAt,
      lastAt: span.lastAt,
      renditions: renditions.map((r) => ({
        at: r.renderedAt,
        description: `Weergave van de draad met ${r.shows.length} bericht(en) als PDF/A en PNG (${r.renderer}).${r.notes.length ? ` ${r.notes.join('; ')}.` : ''}`,
      })),
    },
    parts,
  );
  const ownsUri = (uri: string) => !sharedUris.has(uri) || owners.get(uri) === account.id;
  const objectsOf = async (items: PackageItemRecord[]): Promise<PlanObject[]> => {
    const privacy = await store.privacy.itemPrivacy(items.map((i) => ({ accountId: i.accountId, platformId: i.platformId })));
    const out: PlanObject[] = [];
    for (const item of items) {
      // The root's versions were read for the dossier's name already.
      const versions = item === rootItem ? rootVersions : await reader.versions(item);
      out.push(...(await itemObjects(src, ctx, { item, versions, privacy: privacy.get(`${item.accountId}/${item.platformId}`), ownsUri: ownsUri(item.uri) }, remarks)));
    }
    return out;
  };
  return {
    key: `${account.id}/draad/${root}`,
    name: `draad-${root}`,
    content: dossier.content,
    files,
    lazyChildren: {
      // The root, then the replies by publication, a page at a time.
      async *groups() {
        let after: { publishedAt: string; itemId: number } | null = null;
        for (let first = true; ; first = false) {
          const page = await store.transfers.threadReplies(account.id, root, after, PAGE);
          const items = first ? [rootItem, ...page] : page;
          if (items.length > 0) yield await objectsOf(items);
          if (page.length < PAGE) break;
          after = { publishedAt: page.at(-1)!.publishedAt, itemId: page.at(-1)!.itemId };
        }
      },
    },
  };
}

/** Profile snapshots of the period: the account's profile JSON per version seen, with its images. */
async function profileObjects(src: FileSources, ctx: MappingContext, account: Account, ready: AccountReadiness, remarks: Remarks): Promise<PlanObject[]> {
  const out: PlanObject[] = [];
  const byItem = new Map<string, Awaited<ReturnType<FileSources['reader']['versions']>>>();
  for (const { snapshot, privacy } of ready.profiles) {
    const item = await src.store.transfers.item(account.id, snapshot.platformId);
    if (!item) continue;
    if (!byItem.has(item.platformId)) byItem.set(item.platformId, await src.reader.versions(item));
    const version = byItem.get(item.platformId)!.find((v) => v.record.versionKey === snapshot.versionKey);
    if (!version) continue;
    const base = `profiel-${account.handle}-${utcDate(snapshot.capturedAt)}`;
    const files: PlanFile[] = [payloadFile(version.record, `${base}.json`)];
    version.files.forEach((m, i) => {
      const format = formatOf(m.identification);
      if (!format) {
        remarks.add('media-without-puid', `${account.id} profiel ${m.url}`, (n, ex) => `${n} mediabestand(en) zonder PRONOM-identificatie niet opgenomen; ze staan in het archief (${ex}).`);
        return;
      }
      files.push(storedFile(src, { name: `${base}.media-${i + 1}.${extensionOf(format.puid)}`, sha256: m.sha256, size: m.size, ...format, checksumAt: version.record.capturedAt }));
    });
    const facts = profileFacts(version.record.payload);
    const mapped = profileSnapshotArchiefstuk(ctx, { handle: account.handle, profileUri: facts.uri, capturedAt: snapshot.capturedAt, privacy: privacyState(privacy) });
    out.push({ key: `${account.id}/profiel/${snapshot.versionKey}`, name: base, content: mapped.content, files });
  }
  return out;
}

/** A run's HTTP capture: its WARC files, under the first selected account the run captured. */
async function runObject(src: FileSources, ctx: MappingContext, run: RunInPeriod, parts: PrivacySummary, remarks: Remarks): Promise<PlanObject> {
  const ids = await src.store.formats.identifications(run.warcs.map((w) => w.file.sha256));
  const files: PlanFile[] = [];
  for (const w of run.warcs) {
    const format = formatOf(ids.get(w.file.sha256));
    const name = `${run.runId}-${w.seq}.warc`;
    if (!format) {
      remarks.add('warc-without-puid', name, (n, ex) => `${n} WARC-bestand(en) nog niet geïdentificeerd en niet opgenomen (${ex}).`);
      continue;
    }
    files.push(storedFile(src, { name, sha256: w.file.sha256, size: w.file.size, ...format, checksumAt: run.finishedAt ?? run.startedAt }));
  }
  const mapped = runCaptureArchiefstuk(ctx, { runId: run.runId, startedAt: run.startedAt, finishedAt: run.finishedAt, parts, accounts: run.accounts });
  return { key: `vastlegging/${run.runId}`, name: `vastlegging-${run.runId}`, content: mapped.content, files };
}

/** The schema of our normalised JSON, as an informatieobject of its own at the top of the package. */
async function schemaObject(registry: Registry, accounts: Account[]): Promise<PlanObject> {
  const bytes = await readFile(join(PACKAGE_ROOT, SCHEMA_FILE));
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  // Documentation lives as long as the longest-kept record it explains.
  const selection: Selection = accounts.find((a) => a.selection.waardering === 'B')?.selection ?? accounts[0]!.selection;
  return {
    key: 'socialarchive/schema/normalised-item-1',
    name: 'schema-genormaliseerde-json',
    content: {
      identificatie: [{ kenmerk: 'urn:socialarchive:schema:normalised-item:1', bron: 'socialarchive' }],
      naam: 'Schema van de genormaliseerde JSON (socialarchive normalised item, versie 1)',
      aggregatieniveau: aggregatieniveau('Archiefstuk'),
      omschrijving: ['JSON Schema (draft 2020-12) van de bestanden *.normalised.json: één vorm voor een bericht of reactie van elk platform. Toelichting: docs/formats.md van socialarchive.'],
      event: [{ type: eventType('Creatie'), actor: { naam: SOFTWARE } }],
      ...selectionFields(selection, { trigger: eventType('Creatie') }),
      archiefvormer: [archiefvormer(registry.organisation)],
      beperkingGebruik: beperkingen({ status: 'clear' }),
    },
    files: [bytesFile('normalised-item.schema.json', bytes, sha256, JSON_PUID)],
  };
}

/** The plan of a checked selection; `readiness` is what checkReadiness found for it. */
export async function packagePlan(sources: PlanSources, sel: PackageSelection, readiness: Readiness, created: string): Promise<PackagePlan> {
  const { store, files, registry } = sources;
  const src: FileSources = { store, files, reader: formatsReader(store, registry) };
  const remarks = new Remarks();
  const sharedUris = await store.transfers.sharedUris(sel.accounts.map((a) => a.id));
  // A status held by several selected accounts carries its URI in the first of them only (MDTO ids are unique).
  const owners = new Map<string, string>();
  if (sharedUris.size > 0) {
    for (const uri of sharedUris) {
      for (const a of sel.accounts) {
        const [ref] = await store.privacy.resolveItems({ accountId: a.id, uri });
        if (ref) {
          owners.set(uri, a.id);
          break;
        }
      }
    }
  }
  const roots: PlanObject[] = [];
  for (const account of sel.accounts) {
    const ready = readiness.accounts.get(account.id)!;
    const ctx = mappingContext(registry, account);
    const latest = await store.latestProfile(account.id);
    const facts = profileFacts(latest?.payload);
    const serie = accountSerie(
      ctx,
      { id: account.id, handle: account.handle, profileUri: facts.uri, displayName: facts.displayName, purpose: account.purpose, opened: account.opened, closed: account.closed, firstItemAt: ready.firstAt, lastItemAt: ready.lastAt },
      ready.summary,
    );
    const children = [
      ...(await profileObjects(src, ctx, account, ready, remarks)),
      ...(await Promise.all(ready.runs.map((r) => runObject(src, ctx, r, readiness.runs.get(r.runId)!.summary, remarks)))),
    ];
    roots.push({
      key: account.id,
      name: account.id,
      content: serie.content,
      children,
      lazyChildren: {
        async *groups() {
          let after: string | null = null;
          for (;;) {
            const page = await store.transfers.threadRoots({ accountId: account.id, from: sel.from, before: sel.before, after, limit: PAGE });
            const group: PlanObject[] = [];
            for (const root of page) {
              const parts = readiness.threads.get(`${account.id}/${root}`) ?? 'clear';
              const thread = await threadObject(src, ctx, account, root, parts, sharedUris, owners, remarks);
              if (thread) group.push(thread);
            }
            if (group.length > 0) yield group;
            if (page.length < PAGE) break;
            after = page.at(-1)!;
          }
        },
      },
    });
  }
  roots.push(await schemaObject(registry, sel.accounts));
  return { id: sel.id, title: sel.title, organisation: registry.organisation, created, remarks: remarks.lines, roots };
}
