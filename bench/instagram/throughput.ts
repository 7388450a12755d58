// Instagram capture benchmark (issue 6). For the fake Graph API on loopback:
//  1. 10,000 posts (every tenth a carousel) with 30,000 comments, no usage limit: items per second of
//     `socialarchive run` (a separate process) and requests against the minimum possible, with as
//     reference a bare client that walks exactly the minimum request set and stores nothing.
//  2. A usage budget of 20 calls per rolling 10 s: how close each window ran to the 75 % ceiling, and
//     throttling refusals (target 0).
// Usage: npm run build && node dist/bench/instagram/throughput.js [--media N --comments N] [--skip-limited]
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { bareWalk, limited, unlimited } from '../facebook/graph-bench.js';
import { MEDIA_LIST_FIELDS, MEDIA_PAGE_LIMIT, USER_FIELDS, type IgComment, type IgMedia } from '../../crawlers/instagram/api.js';
import { syntheticInstagramDataset } from '../../crawlers/instagram/fake/index.js';
import { mediaFiles } from '../../crawlers/instagram/observe.js';
import type { GraphList } from '../../crawlers/meta-graph/graph.js';

/**
 * Profile and picture, every page of media (50, each with its first 25 comments and their first 25
 * replies: the crawler's page sizes, kept small because Meta refuses answers that grow too large),
 * the rest of longer comment and reply lists 100 at a time, each file once; the same fields as the
 * crawler asks for.
 */
function minimumWalk(userId: string) {
  const full = (url: string) => {
    const u = new URL(url);
    u.searchParams.set('limit', '100');
    return u.toString();
  };
  const more = (comments: IgComment[]) => comments.map((c) => c.replies?.paging?.next).filter((u): u is string => !!u).map(full);
  return (base: string) =>
    bareWalk([`${base}/${userId}?fields=${encodeURIComponent(USER_FIELDS)}`], (url, body) => {
      const next = (body as GraphList<unknown>).paging?.next;
      if (url.includes('/replies?')) return next ? [full(next)] : [];
      if (url.includes('/comments?')) return [...more((body as GraphList<IgComment>).data), ...(next ? [full(next)] : [])];
      if (url.includes('/media?')) {
        const out: string[] = [];
        for (const m of (body as GraphList<IgMedia>).data) {
          out.push(...mediaFiles(m).map((f) => f.url));
          out.push(...more(m.comments?.data ?? []));
          if (m.comments?.paging?.next) out.push(full(m.comments.paging.next));
        }
        return next ? [...out, next] : out;
      }
      const user = body as { profile_picture_url?: string };
      return [user.profile_picture_url, `${base}/${userId}/media?limit=${MEDIA_PAGE_LIMIT}&fields=${encodeURIComponent(MEDIA_LIST_FIELDS)}`].filter((u): u is string => !!u);
    });
}

export async function main(argv = process.argv.slice(2)): Promise<void> {
  const { values: args } = parseArgs({
    args: argv,
    options: { media: { type: 'string', default: '10000' }, comments: { type: 'string', default: '30000' }, 'skip-limited': { type: 'boolean', default: false } },
  });
  const ds = syntheticInstagramDataset({ media: Number(args.media), comments: Number(args.comments), seed: 7 });
  await unlimited(`${args.media} posts + ${args.comments} comments`, { platform: 'instagram', handle: ds.account.id }, ds, ds.expected().itemIds.length + 1, minimumWalk(ds.account.id));
  if (!args['skip-limited']) {
    // 2,000 posts are 41 calls: three windows' worth of a budget of 20 calls per 10 s.
    const small = syntheticInstagramDataset({ media: 2000, comments: 500, seed: 11 });
    await limited({ platform: 'instagram', handle: small.account.id }, small, { calls: 20, windowSeconds: 10, budget: 'buc' });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
