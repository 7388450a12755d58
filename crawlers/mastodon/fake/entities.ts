// The API's JSON entities (Account, Status, MediaAttachment, StatusEdit, Context), with Mastodon's
// field names and order (REST::*Serializer, docs entities/*.md). Transport shapes only: they live here.
import { withBase } from './html.js';
import { acctOf, MISSING_AVATAR, MISSING_HEADER } from './store.js';
import type { FakeAccount, FakeDataset, FakeFile, FakeMedia, FakeStatus, FakeVersion } from './store.js';

export interface RenderContext {
  /** Origin of this server, e.g. `http://127.0.0.1:43123`. */
  base: string;
  /** A valid user token came with the request: user-specific fields appear. */
  authenticated: boolean;
}

type Json = Record<string, unknown>;

const fileUrl = (f: FakeFile, ctx: RenderContext): string => `${ctx.base}${f.path}`;

export function accountUrls(a: FakeAccount, base: string): { url: string; uri: string } {
  const origin = a.domain === null ? base : `https://${a.domain}`;
  return { url: `${origin}/@${a.username}`, uri: `${origin}/users/${a.username}` };
}

export function renderAccount(ds: FakeDataset, a: FakeAccount, ctx: RenderContext): Json {
  const { url, uri } = accountUrls(a, ctx.base);
  const local = a.domain === null;
  const timeline = ds.timeline(a.id);
  const newest = timeline[0] === undefined ? undefined : ds.status(timeline[0]);
  const avatar = a.avatar ? fileUrl(a.avatar, ctx) : `${ctx.base}${MISSING_AVATAR}`;
  const header = a.header ? fileUrl(a.header, ctx) : `${ctx.base}${MISSING_HEADER}`;
  return {
    id: a.id,
    username: a.username,
    acct: acctOf(a),
    display_name: a.displayName,
    locked: a.locked,
    bot: a.bot,
    discoverable: a.discoverable,
    indexable: local,
    group: a.group,
    created_at: a.createdAt,
    note: withBase(a.note, ctx.base),
    url,
    uri,
    avatar,
    avatar_static: avatar,
    header,
    header_static: header,
    followers_count: a.followersCount,
    following_count: a.followingCount,
    statuses_count: local ? timeline.length : a.remoteStatusesCount,
    // Mastodon reports only the date of the last status.
    last_status_at: newest ? newest.createdAt.slice(0, 10) : null,
    hide_collections: false,
    noindex: local ? false : null,
    emojis: [],
    roles: [],
    fields: a.fields.map((f) => ({ name: f.name, value: withBase(f.value, ctx.base), verified_at: f.verifiedAt })),
  };
}

function size(w: number, h: number): Json {
  return { width: w, height: h, size: `${w}x${h}`, aspect: w / h };
}

export function renderMedia(m: FakeMedia, ctx: RenderContext): Json {
  const meta: Json = {
    original: size(m.file.spec.width, m.file.spec.height),
    small: size(m.preview.spec.width, m.preview.spec.height),
  };
  if (m.focus) meta.focus = m.focus;
  return {
    id: m.id,
    type: m.type,
    url: fileUrl(m.file, ctx),
    preview_url: fileUrl(m.preview, ctx),
    remote_url: m.remoteUrl,
    // Only set when a remote server sent a separate thumbnail (audio, video); never for images.
    preview_remote_url: null,
    text_url: null,
    meta,
    description: m.description,
    blurhash: m.blurhash,
  };
}

export function statusUrls(ds: FakeDataset, s: FakeStatus, base: string): { uri: string; url: string } {
  const a = ds.account(s.accountId);
  if (!a) throw new Error(`status ${s.id} has no account`);
  if (a.domain !== null) {
    const rid = s.remoteId ?? s.id;
    return { uri: `https://${a.domain}/users/${a.username}/statuses/${rid}`, url: `https://${a.domain}/@${a.username}/${rid}` };
  }
  if (s.reblogOfId !== null) {
    const activity = `${base}/users/${a.username}/statuses/${s.id}/activity`;
    return { uri: activity, url: activity };
  }
  return { uri: `${base}/users/${a.username}/statuses/${s.id}`, url: `${base}/@${a.username}/${s.id}` };
}

export function renderStatus(ds: FakeDataset, s: FakeStatus, ctx: RenderContext): Json {
  const account = ds.account(s.accountId);
  if (!account) throw new Error(`status ${s.id} has no account`);
  const { uri, url } = statusUrls(ds, s, ctx.base);
  const reblogOf = s.reblogOfId === null ? undefined : ds.status(s.reblogOfId);
  const out: Json = {
    id: s.id,
    created_at: s.createdAt,
    in_reply_to_id: s.inReplyToId,
    in_reply_to_account_id: s.inReplyToAccountId,
    sensitive: s.sensitive,
    spoiler_text: s.spoilerText,
    visibility: s.visibility,
    language: s.language,
    uri,
    url,
    replies_count: s.reblogOfId === null ? ds.children(s.id).length : 0,
    reblogs_count: s.reblogsCount,
    favourites_count: s.favouritesCount,
    quotes_count: 0,
    edited_at: s.editedAt,
  };
  if (ctx.authenticated) {
    out.favourited = false;
    out.reblogged = false;
    out.muted = false;
    out.bookmarked = false;
  }
  out.content = withBase(s.content, ctx.base);
  if (ctx.authenticated) out.filtered = [];
  out.reblog = reblogOf ? renderStatus(ds, reblogOf, ctx) : null;
  // Only local authors' statuses show the posting application.
  if (account.domain === null) out.application = { name: 'Web', website: null };
  out.account = renderAccount(ds, account, ctx);
  out.media_attachments = s.media.map((m) => renderMedia(m, ctx));
  out.mentions = s.mentionIds.flatMap((id) => {
    const m = ds.account(id);
    return m ? [{ id: m.id, username: m.username, url: accountUrls(m, ctx.base).url, acct: acctOf(m) }] : [];
  });
  out.tags = s.tags.map((name) => ({ name, url: `${ctx.base}/tags/${encodeURIComponent(name)}` }));
  out.emojis = [];
  out.quote = null;
  out.quote_approval = { automatic: ['public'], manual: [], current_user: ctx.authenticated ? 'automatic' : 'unknown' };
  out.card = s.card
    ? {
        url: s.card.url,
        title: s.card.title,
        description: s.card.description,
        language: 'nl',
        type: 'link',
        author_name: '',
        author_url: '',
        provider_name: s.card.providerName,
        provider_url: '',
        html: '',
        width: 0,
        height: 0,
        image: null,
        image_description: '',
        embed_url: '',
        blurhash: null,
        published_at: null,
        authors: [],
      }
    : null;
  out.poll = null;
  return out;
}

/** `/history`: the stored versions, oldest first, then the current one (or only the current one). */
export function renderHistory(ds: FakeDataset, s: FakeStatus, ctx: RenderContext): Json[] {
  const account = ds.account(s.accountId);
  if (!account) throw new Error(`status ${s.id} has no account`);
  const current: FakeVersion = {
    at: s.editedAt ?? s.createdAt,
    content: s.content,
    spoilerText: s.spoilerText,
    sensitive: s.sensitive,
    media: s.media,
  };
  const versions = s.editedAt === null ? [current] : [...s.previousVersions, current];
  const renderedAccount = renderAccount(ds, account, ctx);
  return versions.map((v) => ({
    content: withBase(v.content, ctx.base),
    spoiler_text: v.spoilerText,
    sensitive: v.sensitive,
    created_at: v.at,
    account: renderedAccount,
    media_attachments: v.media.map((m) => renderMedia(m, ctx)),
    emojis: [],
  }));
}
