import { CrawlStopped, type CrawlContext, type Crawler } from '../../src/capture/crawler.js';
import { CURSOR, GraphAccountCrawl, type GraphPlatform, type OwnAccount, type RawComment } from '../meta-graph/account-crawl.js';
import { GraphSession, type GraphResult } from '../meta-graph/client.js';
import { describeError, graphBase, PAGE_LIMIT, type GraphErrorBody, type GraphList } from '../meta-graph/graph.js';
import { COMMENT_FIELDS, PAGE_FIELDS, POST_FIELDS, POST_LIST_FIELDS, POST_PAGE_LIMIT, type FbComment, type FbPage, type FbPost } from './api.js';
import { observePage, pageMedia, pageVersionKey, viewComment, viewPost } from './observe.js';
import { CursorGuard } from '../../src/capture/cursor-guard.js';

/**
 * Facebook Page: the Page through `/{page}`, its posts through `/{page-id}/posts`, every comment and
 * reply with `filter=stream` (flattened, each reply with its `parent`): the first ones come along
 * with their post (field expansion), the rest through the list's `next`; a thread that could not be
 * read that way through `/{post-id}/comments`. With the owner's Page token. The shared cycle is in
 * ../meta-graph/account-crawl.ts.
 */
export class FacebookCrawler implements Crawler {
  readonly platform = 'facebook' as const;

  async crawl(ctx: CrawlContext): Promise<void> {
    const graph = new GraphSession(ctx, graphBase(ctx.account.instance), 'Facebook');
    await new GraphAccountCrawl(ctx, graph, facebookPlatform).run();
  }
}

export const facebookPlatform: GraphPlatform<FbPost> = {
  name: 'Facebook',

  async captureProfile(crawl): Promise<OwnAccount> {
    const { ctx, graph } = crawl;
    const url = graph.url(`/${encodeURIComponent(ctx.account.handle)}`, { fields: PAGE_FIELDS });
    const res = await graph.get<FbPage>(url, 'profile');
    if (!res.ok) {
      const why = res.failure.kind === 'missing' ? `Facebook does not know the Page "${ctx.account.handle}"` : `Facebook refused the Page "${ctx.account.handle}"`;
      throw new CrawlStopped(`${why} (${describeError(res.failure.error)}); the registry's handle must be the Page's id or user name`, 'profile');
    }
    const page = res.data;
    const obs = observePage(page, ctx.now().toISOString(), []);
    const version = obs.versions[0]!;
    const known = (await ctx.state.getItems([obs.platformId])).get(obs.platformId);
    if (!known?.versionKeys.includes(pageVersionKey(page))) version.media = await crawl.download(pageMedia(page));
    await ctx.commit({ items: [obs], cursors: { [CURSOR.ownId]: page.id } });
    await ctx.profileSnapshot(obs.platformId, version.versionKey);
    return { id: page.id, handle: page.name ?? page.username ?? page.id, displayName: page.name };
  },

  postsUrl: (graph, own, { since, until }, comments) =>
    graph.url(`/${encodeURIComponent(own.id)}/posts`, comments ? { fields: POST_LIST_FIELDS, limit: POST_PAGE_LIMIT, since, until } : { fields: POST_FIELDS, limit: PAGE_LIMIT, since, until }),
  objectUrl: (graph, kind, id) => graph.url(`/${encodeURIComponent(id)}`, { fields: kind === 'post' ? POST_FIELDS : COMMENT_FIELDS }),
  postId: (p) => p.id,
  postTime: (p) => p.created_time,
  commentCount: (p) => p.comments?.summary?.total_count ?? 0,
  viewPost,
  viewComment: (c, rootId, own) => viewComment(c as FbComment, rootId, own),

  async inlineComments(crawl, p) {
    const first = p.comments;
    if (!first || !Array.isArray(first.data)) return { comments: [], complete: false };
    const raw = (list: FbComment[]) => list.filter((c) => c && typeof c.id === 'string').map((c) => ({ id: c.id, payload: c }));
    const rest = await crawl.graph.rest<FbComment>(first as GraphList<FbComment>, 'comments');
    if (rest.failure && rest.failure.kind !== 'missing') throw new CrawlStopped(`Facebook refused the comments of ${p.id}: ${describeError(rest.failure.error)}`, p.id);
    return { comments: raw([...first.data, ...rest.items]), complete: !rest.failure };
  },

  async readThread(crawl, rootId): Promise<{ comments: RawComment[] } | { missing: GraphErrorBody }> {
    const { graph } = crawl;
    const comments: RawComment[] = [];
    let url: string | undefined = graph.url(`/${encodeURIComponent(rootId)}/comments`, { filter: 'stream', order: 'chronological', limit: PAGE_LIMIT, fields: COMMENT_FIELDS });
    let first = true;
    const guard = new CursorGuard(`comments of ${rootId}`);
    while (url) {
      const res: GraphResult<GraphList<FbComment>> = await graph.get<GraphList<FbComment>>(url, 'comments');
      if (!res.ok) {
        if (first && res.failure.kind === 'missing') return { missing: res.failure.error };
        throw new CrawlStopped(`Facebook refused the comments of ${rootId}: ${describeError(res.failure.error)}`, url);
      }
      const page: FbComment[] = Array.isArray(res.data.data) ? res.data.data : [];
      for (const c of page) if (c && typeof c.id === 'string') comments.push({ id: c.id, payload: c });
      url = page.length > 0 ? guard.next(graph.next(res.data)) : undefined;
      first = false;
    }
    return { comments };
  },
};
