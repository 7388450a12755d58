// A Woo (Wet open overheid) request answered from the archive: the selected posts and replies as a
// CSV for a spreadsheet and as one PDF, both showing only what the privacy review allows (see
// select.ts: restricted, redacted and undecided personal data are removed; unscanned items are
// withheld). The PDF is the thread rendition of formats/render, one item per rendition, joined.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Renderer } from '../../formats/render/index.js';
import { UserError } from '../domain/errors.js';
import type { Lang } from '../i18n.js';
import { readBounded } from '../privacy/pipeline/scan.js';
import type { Workspace } from '../workspace.js';
import { toCsv } from './csv.js';
import type { WooItem } from './select.js';

const MAX_IMAGE_BYTES = 64 * 1024 * 1024;

const HEADER: Record<Lang, string[]> = {
  nl: ['account', 'id', 'soort', 'gepubliceerd', 'auteur', 'naam auteur', 'derde', 'url', 'draad', 'verwijderd op platform', 'bewerkt', 'versies', 'tekst', 'inhoudswaarschuwing', 'verwijderde passages', 'weggelaten afbeeldingen', 'niet getoond'],
  en: ['account', 'id', 'kind', 'published', 'author', 'author name', 'third party', 'url', 'thread', 'deleted on platform', 'edited', 'versions', 'text', 'content warning', 'passages removed', 'images left out', 'withheld'],
};

/** One row per item, oldest first. */
export function wooCsv(items: readonly WooItem[], lang: Lang = 'nl'): string {
  const yes = (b: boolean) => (b ? (lang === 'en' ? 'yes' : 'ja') : lang === 'en' ? 'no' : 'nee');
  return toCsv([
    HEADER[lang],
    ...items.map(({ hit, item, redacted, imagesWithheld, withheld }) => [
      hit.accountId,
      hit.platformId,
      hit.kind,
      hit.createdAt,
      item.author.handle,
      item.author.displayName,
      yes(item.author.thirdParty),
      item.url,
      hit.threadRootPlatformId,
      yes(hit.deleted),
      yes(hit.edited),
      hit.versionCount,
      item.text.plain,
      item.text.summary,
      redacted,
      imagesWithheld,
      withheld,
    ]),
  ]);
}

/** All items in one PDF: each rendered on its own (like a public copy), then joined in order. */
export async function wooPdf(
  ws: Workspace,
  items: readonly WooItem[],
  opts: { renderer?: Renderer; lang?: Lang; signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): Promise<Buffer> {
  if (items.length === 0) throw new UserError('woo.empty', 'the selection holds no posts or replies; there is nothing to put in a PDF');
  const renderer: Renderer = opts.renderer ?? (await (await import('../../formats/render/index.js')).createRenderer({ pages: 1 }));
  const dir = await mkdtemp(join(tmpdir(), 'socialarchive-woo-'));
  try {
    const files: string[] = [];
    for (const [i, w] of items.entries()) {
      if (opts.signal?.aborted) throw new UserError('woo.stopped', 'the PDF was stopped before it was complete; nothing was made');
      const out = await renderer.renderThread(
        { root: w.item, replies: [], media: async (m) => (m.sha256 ? readBounded(ws.files, m.sha256, MAX_IMAGE_BYTES) : null) },
        { lang: opts.lang ?? 'nl' },
      );
      const file = join(dir, `${String(i).padStart(5, '0')}.pdf`);
      await writeFile(file, out.pdf);
      files.push(file);
      opts.onProgress?.(i + 1, items.length);
    }
    const joined = join(dir, 'woo.pdf');
    if (files.length === 1) return await readFile(files[0]!);
    await promisify(execFile)('pdfunite', [...files, joined], { maxBuffer: 1024 * 1024 });
    return await readFile(joined);
  } finally {
    if (!opts.renderer) await renderer.close();
    await rm(dir, { recursive: true, force: true });
  }
}
