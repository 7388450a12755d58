// Maps a Mastodon Status (and a StatusEdit from /history) onto the normalised item. Pure: the
// payload and what the archive knows about it (capture time, own account, stored media) go in,
// the item comes out. Nothing is lost: the payload is stored beside the item, and every field
// either has a place here or is listed as kept only in the raw payload (mastodon-fields.ts).
import { z } from 'zod';
import { UserError } from '../../src/domain/errors.js';
import { htmlToPlainText, tokenizeHtml } from './html.js';
import { NORMALISED_ITEM_SCHEMA_ID, type NormalisedItem, type NormalisedLink, type NormalisedMedia } from './item.js';
import { MASTODON_EDIT_FIELDS, MASTODON_STATUS_FIELDS, rawOnlyPaths, unmappedPaths } from './mastodon-fields.js';

const nullish = <T extends z.ZodType>(t: T) => t.nullish();

const Account = z.looseObject({
  id: z.string().min(1),
  acct: z.string().min(1),
  display_name: nullish(z.string()),
  url: nullish(z.string()),
  bot: nullish(z.boolean()),
});

const Media = z.looseObject({
  id: nullish(z.string()),
  type: nullish(z.string()),
  url: nullish(z.string()),
  preview_url: nullish(z.string()),
  remote_url: nullish(z.string()),
  description: nullish(z.string()),
  blurhash: nullish(z.string()),
  meta: nullish(z.looseObject({ original: nullish(z.looseObject({ width: z.number().optional(), height: z.number().optional(), duration: z.number().optional() })) })),
});

const Emoji = z.looseObject({ shortcode: z.string(), url: z.string(), static_url: nullish(z.string()) });

const Poll = z.looseObject({
  id: nullish(z.string()),
  expires_at: nullish(z.string()),
  multiple: nullish(z.boolean()),
  votes_count: nullish(z.number()),
  voters_count: nullish(z.number()),
  options: z.array(z.looseObject({ title: z.string(), votes_count: nullish(z.number()) })),
});

const Status = z.looseObject({
  id: z.string().min(1),
  uri: z.string().min(1),
  url: nullish(z.string()),
  created_at: z.string(),
  edited_at: nullish(z.string()),
  in_reply_to_id: nullish(z.string()),
  in_reply_to_account_id: nullish(z.string()),
  sensitive: nullish(z.boolean()),
  spoiler_text: nullish(z.string()),
  visibility: nullish(z.string()),
  language: nullish(z.string()),
  content: z.string(),
  replies_count: nullish(z.number()),
  reblogs_count: nullish(z.number()),
  favourites_count: nullish(z.number()),
  quotes_count: nullish(z.number()),
  application: nullish(z.looseObject({ name: z.string(), website: nullish(z.string()) })),
  account: Account,
  media_attachments: z.array(Media).default([]),
  mentions: z.array(z.looseObject({ id: nullish(z.string()), acct: z.string(), url: nullish(z.string()) })).default([]),
  tags: z.array(z.looseObject({ name: z.string(), url: nullish(z.string()) })).default([]),
  emojis: z.array(Emoji).default([]),
  card: nullish(z.looseObject({ url: z.string(), title: nullish(z.string()), description: nullish(z.string()), image: nullish(z.string()) })),
  poll: nullish(Poll),
  reblog: nullish(z.looseObject({ id: z.string(), uri: nullish(z.string()), account: nullish(z.looseObject({ id: z.string() })) })),
  quote: nullish(
    z.looseObject({
      state: nullish(z.string()),
      quoted_status_id: nullish(z.string()),
      quoted_status: nullish(z.looseObject({ id: z.string(), uri: nullish(z.string()), account: nullish(z.looseObject({ id: z.string() })) })),
    }),
  ),
});

const StatusEdit = z.looseObject({
  content: z.string(),
  spoiler_text: nullish(z.string()),
  sensitive: nullish(z.boolean()),
  created_at: z.string(),
  account: Account,
  media_attachments: z.array(Media).default([]),
  emojis: z.array(Emoji).default([]),
  poll: nullish(z.looseObject({ options: z.array(z.looseObject({ title: z.string() })) })),
});

type MastodonStatusPayload = z.infer<typeof Status>;

/** Stored media of the item, by attachment id or URL. */
export interface StoredMediaInfo {
  sha256: string;
  size: number;
  puid?: string | null;
}

export interface MastodonNormaliseContext {
  /** When this payload was captured (ISO 8601). */
  capturedAt: string;
  /** Platform id of the registered account; every other author is third-party. */
  ownAccountId: string;
  /** Platform id of the account's post at the top of the thread, when known. */
  threadRootPlatformId?: string | null;
  /** When the archive first found the item missing on the platform. */
  foundDeletedAt?: string | null;
  /** SHA-256 of the stored raw payload. */
  rawSha256?: string | null;
  /** Stored originals, by attachment id or by URL. */
  media?: Readonly<Record<string, StoredMediaInfo>>;
}

function parse<T extends z.ZodType>(schema: T, payload: unknown, what: string): z.infer<T> {
  const r = schema.safeParse(payload);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  throw new UserError(
    'MASTODON_PAYLOAD_INVALID',
    `${what} cannot be normalised: ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
  );
}

const MEDIA_TYPES = new Set(['image', 'video', 'gifv', 'audio']);

function mapMedia(list: z.infer<typeof Media>[], ctx: MastodonNormaliseContext): NormalisedMedia[] {
  return list.map((m) => {
    const url = m.url ?? m.remote_url ?? '';
    const stored = (m.id ? ctx.media?.[m.id] : undefined) ?? ctx.media?.[url];
    const o = m.meta?.original;
    return {
      platformId: m.id ?? null,
      type: m.type && MEDIA_TYPES.has(m.type) ? (m.type as NormalisedMedia['type']) : 'unknown',
      url,
      previewUrl: m.preview_url ?? null,
      remoteUrl: m.remote_url ?? null,
      description: m.description ?? null,
      blurhash: m.blurhash ?? null,
      width: o?.width !== undefined ? Math.round(o.width) : null,
      height: o?.height !== undefined ? Math.round(o.height) : null,
      duration: o?.duration ?? null,
      sha256: stored?.sha256 ?? null,
      size: stored?.size ?? null,
      puid: stored?.puid ?? null,
    };
  });
}

/** Links in the text that are not mentions or hashtags, with their visible text. */
export function textLinks(html: string): NormalisedLink[] {
  const links: NormalisedLink[] = [];
  let current: { href: string; text: string } | null = null;
  for (const t of tokenizeHtml(html)) {
    if (t.type === 'start' && t.name === 'a') {
      const cls = (t.attrs.class ?? '').split(/\s+/);
      const href = t.attrs.href ?? '';
      current = cls.includes('mention') || cls.includes('hashtag') || !/^https?:\/\//i.test(href) ? null : { href, text: '' };
    } else if (t.type === 'text' && current) current.text += t.text;
    else if (t.type === 'end' && t.name === 'a' && current) {
      links.push({ url: current.href, source: 'text', title: current.text.trim() || null, description: null, imageUrl: null });
      current = null;
    }
  }
  return links;
}

/** Mentions and hashtags as Mastodon marks them up in content (a StatusEdit has no lists of its own). */
export function markupRefs(html: string): { mentions: { handle: string; url: string }[]; tags: { name: string; url: string }[] } {
  const mentions: { handle: string; url: string }[] = [];
  const tags: { name: string; url: string }[] = [];
  let current: { cls: string[]; href: string; text: string } | null = null;
  for (const t of tokenizeHtml(html)) {
    if (t.type === 'start' && t.name === 'a') current = { cls: (t.attrs.class ?? '').split(/\s+/), href: t.attrs.href ?? '', text: '' };
    else if (t.type === 'text' && current) current.text += t.text;
    else if (t.type === 'end' && t.name === 'a' && current) {
      if (current.cls.includes('hashtag')) tags.push({ name: current.text.replace(/^#/, ''), url: current.href });
      else if (current.cls.includes('mention')) mentions.push({ handle: current.text.replace(/^@/, ''), url: current.href });
      current = null;
    }
  }
  return { mentions, tags };
}

const emptyToNull = (s: string | null | undefined): string | null => (s ? s : null);

function keptOnlyInRaw(fields: Readonly<Record<string, string | null>>, payload: unknown): string[] {
  return [...rawOnlyPaths(fields, payload), ...unmappedPaths(fields, payload)];
}

/** One Mastodon Status → the normalised item of its current version. */
export function normaliseMastodonStatus(payload: unknown, ctx: MastodonNormaliseContext): NormalisedItem {
  const s = parse(Status, payload, 'Mastodon status');
  const kind = s.reblog ? 'share' : s.in_reply_to_id ? 'reply' : 'post';
  const versionAt = s.edited_at ?? s.created_at;
  const card: NormalisedLink[] = s.card
    ? [{ url: s.card.url, source: 'card', title: emptyToNull(s.card.title), description: emptyToNull(s.card.description), imageUrl: s.card.image ?? null }]
    : [];
  const quoted = s.quote?.quoted_status;
  return {
    schema: NORMALISED_ITEM_SCHEMA_ID,
    platform: 'mastodon',
    kind,
    uri: s.uri,
    url: s.url ?? null,
    platformId: s.id,
    author: author(s.account, ctx),
    times: { published: s.created_at, edited: s.edited_at ?? null, captured: ctx.capturedAt, foundDeleted: ctx.foundDeletedAt ?? null },
    text: { plain: htmlToPlainText(s.content), html: s.content, summary: emptyToNull(s.spoiler_text), sensitive: s.sensitive ?? false },
    language: s.language ?? null,
    visibility: s.visibility ?? null,
    mentions: s.mentions.map((m) => ({ id: m.id ?? null, handle: m.acct, url: m.url ?? null })),
    tags: s.tags.map((t) => ({ name: t.name, url: t.url ?? null })),
    links: [...textLinks(s.content), ...card],
    media: mapMedia(s.media_attachments, ctx),
    poll: s.poll
      ? {
          platformId: s.poll.id ?? null,
          expiresAt: s.poll.expires_at ?? null,
          multiple: s.poll.multiple ?? null,
          votesCount: s.poll.votes_count ?? null,
          votersCount: s.poll.voters_count ?? null,
          options: s.poll.options.map((o) => ({ title: o.title, votes: o.votes_count ?? null })),
        }
      : null,
    replyTo: s.in_reply_to_id ? { platformId: s.in_reply_to_id, uri: null, authorId: s.in_reply_to_account_id ?? null } : null,
    threadRoot: threadRoot(s, kind, ctx),
    quoteOf: s.quote
      ? {
          platformId: quoted?.id ?? s.quote.quoted_status_id ?? null,
          uri: quoted?.uri ?? null,
          authorId: quoted?.account?.id ?? null,
          state: s.quote.state ?? null,
        }
      : null,
    repostOf: s.reblog ? { platformId: s.reblog.id, uri: s.reblog.uri ?? null, authorId: s.reblog.account?.id ?? null } : null,
    counts: { replies: s.replies_count ?? null, reposts: s.reblogs_count ?? null, likes: s.favourites_count ?? null, quotes: s.quotes_count ?? null },
    application: s.application ? { name: s.application.name, website: s.application.website ?? null } : null,
    emojis: s.emojis.map((e) => ({ shortcode: e.shortcode, url: e.url, staticUrl: e.static_url ?? null })),
    version: { key: versionAt, at: versionAt, source: 'status', index: null, isCurrent: true },
    raw: { sha256: ctx.rawSha256 ?? null, mediaType: 'application/json', keptOnlyInRaw: keptOnlyInRaw(MASTODON_STATUS_FIELDS, payload) },
  };
}

function author(a: z.infer<typeof Account>, ctx: MastodonNormaliseContext): NormalisedItem['author'] {
  return {
    id: a.id,
    handle: a.acct,
    displayName: emptyToNull(a.display_name),
    url: a.url ?? null,
    thirdParty: a.id !== ctx.ownAccountId,
    bot: a.bot ?? null,
  };
}

function threadRoot(s: MastodonStatusPayload, kind: NormalisedItem['kind'], ctx: MastodonNormaliseContext): NormalisedItem['threadRoot'] {
  const id = ctx.threadRootPlatformId ?? (kind === 'post' ? s.id : null);
  return id ? { platformId: id } : null;
}

export interface MastodonEditContext extends MastodonNormaliseContext {
  /** The status the history belongs to (its current payload): identity, place in the thread, counts. */
  status: unknown;
  /** Position of this edit in the `/history` array (0 = the original). */
  index: number;
  /** Length of the `/history` array; its last entry is the current version. */
  count: number;
}

/**
 * One StatusEdit from `GET /api/v1/statuses/:id/history` → the normalised item of that version.
 * Counts are null: the platform reports them for the status now, not per version.
 */
export function normaliseMastodonStatusEdit(payload: unknown, ctx: MastodonEditContext): NormalisedItem {
  const e = parse(StatusEdit, payload, 'Mastodon status edit');
  const base = normaliseMastodonStatus(ctx.status, ctx);
  const refs = markupRefs(e.content);
  return {
    ...base,
    mentions: refs.mentions.map((m) => ({ id: base.mentions.find((b) => b.url === m.url)?.id ?? null, handle: m.handle, url: m.url })),
    tags: refs.tags.map((t) => ({ name: t.name, url: t.url })),
    author: author(e.account, ctx),
    times: { ...base.times, edited: ctx.index > 0 ? e.created_at : null },
    text: { plain: htmlToPlainText(e.content), html: e.content, summary: emptyToNull(e.spoiler_text), sensitive: e.sensitive ?? false },
    links: textLinks(e.content),
    media: mapMedia(e.media_attachments, ctx),
    poll: e.poll
      ? { platformId: null, expiresAt: null, multiple: null, votesCount: null, votersCount: null, options: e.poll.options.map((o) => ({ title: o.title, votes: null })) }
      : null,
    counts: { replies: null, reposts: null, likes: null, quotes: null },
    emojis: e.emojis.map((x) => ({ shortcode: x.shortcode, url: x.url, staticUrl: x.static_url ?? null })),
    version: { key: e.created_at, at: e.created_at, source: 'history', index: ctx.index, isCurrent: ctx.index === ctx.count - 1 },
    raw: { sha256: ctx.rawSha256 ?? null, mediaType: 'application/json', keptOnlyInRaw: keptOnlyInRaw(MASTODON_EDIT_FIELDS, payload) },
  };
}
