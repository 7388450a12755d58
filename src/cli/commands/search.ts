import { Command, InvalidArgumentError, Option } from 'commander';
import type { ItemKind } from '../../domain/types.js';
import type { Lang } from '../../i18n.js';
import { localTime } from '../../privacy/review/format.js';
import { checkDate } from '../../privacy/review/select.js';
import type { Snippet } from '../../search/snippet.js';
import type { SearchHit } from '../../store/search-store.js';
import { checkAccountIds, withWorkspace } from '../workspace-command.js';

// `socialarchive search`: the archive's full-text search (store.search) without the console.

const PAGE_MAX = 500;

function date(value: string): string {
  try {
    return checkDate(value, 'the date');
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message);
  }
}

function count(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > PAGE_MAX) throw new InvalidArgumentError(`a whole number from 1 to ${PAGE_MAX}`);
  return n;
}

/** Matched words in reverse video on a terminal, between »« otherwise. */
function marked(s: Snippet, color: boolean): string {
  let out = '';
  let at = 0;
  for (const [start, end] of s.marks) {
    out += s.text.slice(at, start) + (color ? `\x1b[7m${s.text.slice(start, end)}\x1b[27m` : `»${s.text.slice(start, end)}«`);
    at = end;
  }
  return out + s.text.slice(at);
}

const WORDS = {
  nl: { post: 'bericht', reply: 'reactie', profile: 'profiel', deleted: 'verwijderd', versions: 'versies', none: 'Niets gevonden.', shown: 'getoond', of: 'van', next: 'volgende pagina' },
  en: { post: 'post', reply: 'reply', profile: 'profile', deleted: 'deleted', versions: 'versions', none: 'Nothing found.', shown: 'shown', of: 'of', next: 'next page' },
};

function formatHits(hits: SearchHit[], total: number, offset: number, page: number, lang: Lang, color: boolean): string {
  const w = WORDS[lang];
  if (hits.length === 0) return `${w.none}\n`;
  const lines = hits.map((h) => {
    const flags = [w[h.kind], h.deleted ? w.deleted : '', h.edited ? `${h.versionCount} ${w.versions}` : ''].filter(Boolean).join(', ');
    return `${h.accountId}/${h.platformId}  ${localTime(h.createdAt)}  @${h.author.handle}  (${flags})\n  ${marked(h.snippet, color)}`;
  });
  const last = offset + hits.length;
  lines.push(`${offset + 1}–${last} ${w.of} ${total} ${w.shown}${last < total ? `; ${w.next}: --page ${page + 1}` : ''}`);
  return lines.join('\n') + '\n';
}

export function registerSearch(program: Command): void {
  program
    .command('search')
    .description('search the text of every archived post, reply and profile (every version), and their authors')
    .argument('<text>', 'words to find, all of them (case and accents do not matter; no query syntax)')
    .option('--account <id...>', 'only these accounts')
    .option('--from <date>', 'published on or after this day (YYYY-MM-DD)', date)
    .option('--to <date>', 'published on or before this day (YYYY-MM-DD)', date)
    .addOption(new Option('--kind <kind>', 'only posts, replies or profiles').choices(['post', 'reply', 'profile']))
    .option('--deleted', 'only items found deleted on the platform')
    .option('--edited', 'only items with more than one version')
    .option('--limit <n>', `results per page (at most ${PAGE_MAX})`, count, 20)
    .option('--page <n>', 'page number', count, 1)
    .option('--json', 'print the result as JSON')
    .action(async (text: string, opts: { account?: string[]; from?: string; to?: string; kind?: ItemKind; deleted?: boolean; edited?: boolean; limit: number; page: number; json?: boolean }, cmd: Command) => {
      await withWorkspace(cmd, async (ws, g) => {
        const offset = (opts.page - 1) * opts.limit;
        const result = await ws.store.search.search({
          text,
          accountIds: await checkAccountIds(ws, 'search', opts.account),
          from: opts.from,
          to: opts.to,
          kind: opts.kind,
          deleted: opts.deleted,
          edited: opts.edited,
          limit: opts.limit,
          offset,
        });
        if (opts.json) process.stdout.write(JSON.stringify(result) + '\n');
        else process.stdout.write(formatHits(result.hits, result.total, offset, opts.page, g.lang, process.stdout.isTTY === true));
      });
    });
}
