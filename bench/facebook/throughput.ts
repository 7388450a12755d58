// Facebook capture benchmark (issue 6). For the fake Graph API on loopback:
//  1. 10,000 posts with 30,000 comments, no usage limit: items per second of `socialarchive run` (a
//     separate process) and requests against the minimum possible, with as reference in the same run
//     a bare client that walks exactly the minimum request set and stores nothing.
//  2. A usage budget of 20 calls per rolling 10 s: how close each window ran to the 75 % ceiling, and
//     throttling refusals (target 0).
// Usage: npm run build && node dist/bench/facebook/throughput.js [--posts N --comments N] [--skip-limited]
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { PAGE_FIELDS, POST_LIST_FIELDS, POST_PAGE_LIMIT } from '../../crawlers/facebook/api.js';
import { syntheticFacebookDataset } from '../../crawlers/facebook/fake/index.js';
import { attachmentMedia } from '../../crawlers/facebook/observe.js';
import type { FbPost } from '../../crawlers/facebook/api.js';
import type { GraphList } from '../../crawlers/meta-graph/graph.js';
import { bareWalk, limited, unlimited } from './graph-bench.js';

/**
 * Profile, its two pictures, every page of posts (50, each with its first 25 comments: the crawler's
 * page sizes, kept small because Meta refuses answers that grow too large), the rest of every longer
 * thread 100 at a time, each photo once; the same fields as the crawler asks for.
 */
function minimumWalk(pageId: string) {
  const full = (url: string) => {
    const u = new URL(url);
    u.searchParams.set('limit', '100');
    return u.toString();
  };
  return (base: string) =>
    bareWalk([`${base}/${pageId}?fields=${encodeURIComponent(PAGE_FIELDS)}`], (url, body) => {
      const next = (body as GraphList<unknown>).paging?.next;
      if (url.includes('/comments?')) return next ? [full(next)] : [];
      if (url.includes('/posts?')) {
        const out: string[] = [];
        for (const p of (body as GraphList<FbPost>).data) {
          out.push(...attachmentMedia(p.attachments?.data ?? []).map((m) => m.url));
          if (p.comments?.paging?.next) out.push(full(p.comments.paging.next));
        }
        return next ? [...out, next] : out;
      }
      const page = body as { picture?: { data?: { url?: string } }; cover?: { source?: string } };
      const posts = `${base}/${pageId}/posts?limit=${POST_PAGE_LIMIT}&fields=${encodeURIComponent(POST_LIST_FIELDS)}`;
      return [page.picture?.data?.url, page.cover?.source, posts].filter((u): u is string => !!u);
    });
}

export async function main(argv = process.argv.slice(2)): Promise<void> {
  const { values: args } = parseArgs({
    args: argv,
    options: { posts: { type: 'string', default: '10000' }, comments: { type: 'string', default: '30000' }, 'skip-limited': { type: 'boolean', default: false } },
  });
  const ds = syntheticFacebookDataset({ posts: Number(args.posts), comments: Number(args.comments), seed: 7, photoEvery: 25 });
  const target = { platform: 'facebook' as const, handle: ds.page.id };
  await unlimited(`${args.posts} posts + ${args.comments} comments`, target, ds, ds.expected().itemIds.length + 1, minimumWalk(ds.page.id));
  if (!args['skip-limited']) {
    // 2,000 posts are 41 calls: three windows' worth of a budget of 20 calls per 10 s.
    const small = syntheticFacebookDataset({ posts: 2000, comments: 500, seed: 11, photoEvery: 0 });
    await limited({ platform: 'facebook', handle: small.page.id }, small, { calls: 20, windowSeconds: 10, budget: 'buc' });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
