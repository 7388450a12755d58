import type { Registry } from '../domain/types.js';
import type { Lang } from '../i18n.js';
import { checkProfileText } from '../registry/profile-check.js';
import { htmlToPlainText } from '../../formats/normalise/html.js';
import type { Workspace } from '../workspace.js';

const excerpt = (html: string, n = 70) => {
  const text = htmlToPlainText(html).replace(/\s+/g, ' ').trim();
  return text.length > n ? `${text.slice(0, n - 1)}…` : text;
};

/** A readable account of what the archive now holds, per account. */
export async function describeCapture(ws: Workspace, registry: Registry, lang: Lang): Promise<string> {
  const en = lang === 'en';
  const out: string[] = [en ? '== What the archive holds ==' : '== Wat het archief bevat =='];
  for (const account of registry.accounts) {
    const items = await ws.store.listItems(account.id);
    const counts = await ws.store.countItems(account.id);
    const replies = items.filter((i) => i.kind === 'reply');
    const thirdParty = replies.filter((i) => i.thirdParty).length;
    out.push(
      '',
      `${account.id} (@${account.handle})`,
      en
        ? `  ${counts.posts} posts, ${counts.replies} replies (${thirdParty} by third parties), ${counts.versions} versions, ${counts.media} media files, ${counts.deleted} found deleted`
        : `  ${counts.posts} berichten, ${counts.replies} reacties (${thirdParty} van derden), ${counts.versions} versies, ${counts.media} mediabestanden, ${counts.deleted} verwijderd aangetroffen`,
    );

    const roots = items.filter((i) => i.kind === 'post' && i.threadRootPlatformId === i.platformId);
    const biggest = roots
      .map((r) => ({ r, n: replies.filter((x) => x.threadRootPlatformId === r.platformId).length }))
      .sort((a, b) => b.n - a.n)[0];
    if (biggest && biggest.n > 0) {
      const [v] = (await ws.store.listVersions(account.id, biggest.r.platformId)).slice(-1);
      const content = v ? (JSON.parse(v.payload) as { content?: string }).content ?? '' : '';
      out.push(en ? `  largest thread: “${excerpt(content)}” with ${biggest.n} replies` : `  grootste thread: “${excerpt(content)}” met ${biggest.n} reacties`);
    }
    for (const i of items.filter((x) => x.versionKeys.length > 1 && x.kind !== 'profile')) {
      out.push(en ? `  edited: ${i.kind} ${i.platformId}, versions ${i.versionKeys.join(', ')}` : `  bewerkt: ${i.kind} ${i.platformId}, versies ${i.versionKeys.join(', ')}`);
    }
    for (const i of items.filter((x) => x.deletedAt)) {
      out.push(en ? `  deleted: ${i.kind} ${i.platformId} by @${i.authorHandle}, found missing ${i.deletedAt}` : `  verwijderd: ${i.kind} ${i.platformId} van @${i.authorHandle}, ontbrak sinds ${i.deletedAt}`);
    }
    const cut = items.filter((x) => x.threadCut);
    if (cut.length) out.push(en ? `  threads cut at the anonymous limits: ${cut.length} (no token for this account)` : `  threads afgekapt op de anonieme grenzen: ${cut.length} (geen token voor dit account)`);

    const profile = await ws.store.latestProfile(account.id);
    if (profile) {
      const p = JSON.parse(profile.payload) as { note?: string; fields?: { name: string; value: string }[] };
      const check = checkProfileText({ note: p.note ?? '', fields: p.fields ?? [] });
      const mark = (ok: boolean) => (ok ? '✓' : '✗');
      out.push(
        en
          ? `  profile text: ${mark(check.official.ok)} official account  ${mark(check.noFormalMessaging.ok)} not for formal messages  ${mark(check.privacyLink.ok)} privacy statement`
          : `  profieltekst: ${mark(check.official.ok)} officieel account  ${mark(check.noFormalMessaging.ok)} niet voor formele berichten  ${mark(check.privacyLink.ok)} privacyverklaring`,
      );
    }
  }
  const warcs = await ws.store.listWarcs();
  const bytes = warcs.reduce((n, w) => n + w.file.size, 0);
  const records = warcs.reduce((n, w) => n + w.records, 0);
  out.push('', en ? `WARC: ${warcs.length} files, ${records} records, ${(bytes / 1_048_576).toFixed(1)} MB (every HTTP exchange, tokens redacted)` : `WARC: ${warcs.length} bestanden, ${records} records, ${(bytes / 1_048_576).toFixed(1)} MB (elke HTTP-uitwisseling, tokens verwijderd)`);
  return out.join('\n') + '\n';
}
