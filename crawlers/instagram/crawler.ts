import { CrawlStopped, type CrawlContext, type Crawler } from '../../src/capture/crawler.js';
import { CURSOR, GraphAccountCrawl, type GraphPlatform, type OwnAccount, type RawComment } from '../meta-graph/account-crawl.js';
import { GraphSession, type GraphResult } from '../meta-graph/client.js';
import { describeError, graphBase, PAGE_LIMIT, type GraphErrorBody, type GraphFailure, type GraphList } from '../meta-graph/graph.js';
import { COMMENT_FIELDS, MEDIA_FIELDS, MEDIA_LIST_FIELDS, MEDIA_PAGE_LIMIT, REPLY_FIELDS, USER_FIELDS, type IgComment, type IgMedia, type IgUser } from './api.js';
import { observeUser, userVersionKey, viewComment, viewMedia } from './observe.js';

/**
 * Instagram professional account (Instagram API with Facebook Login): the account through
 * `/{ig-user-id}`, its media through `/{ig-user-id}/media` (carousel children inline), each with its
 * first comments and those with their first replies (field expansion); further pages follow the
 * lists' `next` (`/{ig-media-id}/comments`, `/{ig-comment-id}/replies`; Instagram nests one level
 * only). The shared cycle is in ../meta-graph/account-crawl.ts.
 */
export class InstagramCrawler implements Crawler {
  readonly platform = 'instagram' as const;

  async crawl(ctx: CrawlContext): Promise<void> {
    if (!/^\d+$/.test(ctx.account.handle)) {
      throw new CrawlStopped(`the Graph API addresses Instagram accounts by their numeric id; "${ctx.account.handle}" is not one (see the account in Meta Business Suite)`, 'registry');
    }
    const graph = new GraphSession(ctx, graphBase(ctx.account.instance), 'Instagram');
    await new GraphAccountCrawl(ctx, graph, instagramPlatform()).run();
  }
}

/**
 * A page of comments with every further page, and each comment's replies: the first ones came along,
 * the rest follow their `next`. Incomplete when a page answered that the post or comment is gone.
 */
async function collect(graph: GraphSession, first: GraphList<IgComment>, rootId: string): Promise<{ comments: RawComment[]; complete: boolean }> {
  const comments: RawComment[] = [];
  let complete = true;
  const settle = (failure: GraphFailure | undefined, what: string) => {
    if (!failure) return;
    if (failure.kind !== 'missing') throw new CrawlStopped(`Instagram refused the ${what} of ${rootId}: ${describeError(failure.error)}`, rootId);
    complete = false;
  };
  const take = async (list: IgComment[]) => {
    for (const c of list) {
      if (!c || typeof c.id !== 'string') continue;
      comments.push({ id: c.id, payload: c });
      if (!c.replies) continue;
      const more = await graph.rest<IgComment>(c.replies, 'replies');
      settle(more.failure, 'replies');
      for (const r of [...(c.replies.data ?? []), ...more.items]) if (r && typeof r.id === 'string') comments.push({ id: r.id, payload: r, parentId: c.id });
    }
  };
  await take(first.data ?? []);
  const rest = await graph.rest<IgComment>(first, 'comments');
  settle(rest.failure, 'comments');
  await take(rest.items);
  return { comments, complete };
}

/** One per run: it remembers the permalinks of posts, under which their comments have a page. */
export function instagramPlatform(): GraphPlatform<IgMedia> {
  const permalinks = new Map<string, string>();
  const remember = (m: IgMedia) => {
    if (m.permalink) permalinks.set(m.id, m.permalink);
  };

  return {
    name: 'Instagram',

    async captureProfile(crawl): Promise<OwnAccount> {
      const { ctx, graph } = crawl;
      const url = graph.url(`/${encodeURIComponent(ctx.account.handle)}`, { fields: USER_FIELDS });
      const res = await graph.get<IgUser>(url, 'profile');
      if (!res.ok) throw new CrawlStopped(`Instagram refused the account "${ctx.account.handle}" (${describeError(res.failure.error)})`, 'profile');
      const user = res.data;
      const obs = observeUser(user, ctx.now().toISOString(), []);
      const version = obs.versions[0]!;
      const known = (await ctx.state.getItems([obs.platformId])).get(obs.platformId);
      if (!known?.versionKeys.includes(userVersionKey(user)) && user.profile_picture_url) {
        version.media = await crawl.download([{ url: user.profile_picture_url, type: 'avatar', platformId: 'profile_picture' }]);
      }
      await ctx.commit({ items: [obs], cursors: { [CURSOR.ownId]: user.id } });
      await ctx.profileSnapshot(obs.platformId, version.versionKey);
      return { id: user.id, handle: user.username ?? user.id, displayName: user.name };
    },

    postsUrl: (graph, own, { since, until }, comments) =>
      graph.url(`/${encodeURIComponent(own.id)}/media`, comments ? { fields: MEDIA_LIST_FIELDS, limit: MEDIA_PAGE_LIMIT, since, until } : { fields: MEDIA_FIELDS, limit: PAGE_LIMIT, since, until }),
    objectUrl: (graph, kind, id) => graph.url(`/${encodeURIComponent(id)}`, { fields: kind === 'post' ? MEDIA_FIELDS : REPLY_FIELDS }),
    postId: (m) => m.id,
    postTime: (m) => m.timestamp,
    commentCount: (m) => m.comments_count ?? 0,
    viewPost(m, own) {
      remember(m);
      return viewMedia(m, own);
    },
    viewComment: (c, rootId, own, parentId) => viewComment(c as IgComment, rootId, permalinks.get(rootId), own, parentId),

    inlineComments: async (crawl, m) => (m.comments && Array.isArray(m.comments.data) ? collect(crawl.graph, m.comments, m.id) : { comments: [], complete: false }),

    async readThread(crawl, rootId): Promise<{ comments: RawComment[] } | { missing: GraphErrorBody }> {
      const { graph } = crawl;
      const url = graph.url(`/${encodeURIComponent(rootId)}/comments`, { fields: COMMENT_FIELDS, limit: PAGE_LIMIT });
      const res: GraphResult<GraphList<IgComment>> = await graph.get<GraphList<IgComment>>(url, 'comments');
      if (!res.ok) {
        if (res.failure.kind === 'missing') return { missing: res.failure.error };
        throw new CrawlStopped(`Instagram refused the comments of ${rootId}: ${describeError(res.failure.error)}`, url);
      }
      // Comments gone while they were read are confirmed one by one, like any other that is missing.
      return { comments: (await collect(graph, res.data, rootId)).comments };
    },
  };
}

