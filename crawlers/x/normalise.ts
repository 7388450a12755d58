// Maps a stored X version onto the normalised item (docs/normalised-item.schema.json). Two payload
// shapes reach it: a post from the API (`source: tweet`) and a post from the owner's account archive
// (`source: archive`); both give the same item for the same post, so the archive holds one item per
// post whichever route brought it. Pure: the payload and what the archive knows go in.
import { z } from 'zod';
import { UserError } from '../../src/domain/errors.js';
import { NORMALISED_ITEM_SCHEMA_ID, type NormalisedItem, type NormalisedLink, type NormalisedMedia } from '../../formats/normalise/item.js';
import { rawOnlyPaths, unmappedPaths } from '../../formats/normalise/mastodon-fields.js';
import { parsePayload, storedMediaIndex, type PlatformNormaliser, type StoredVersionInput } from '../../formats/normalise/stored.js';
import { archiveDate, archivedMedia, archiveItemId, archiveMediaKey, archiveMediaUrl, ArchivePayload, editChain, isArchivedRetweet } from './archive/schema.js';
import { canonicalUri, originalUrl, publishedAt, webUrl } from './observe.js';
import { X_ARCHIVE_FIELDS, X_TWEET_FIELDS } from './normalise-fields.js';
import { plainText, sourceApplication } from './text.js';

const nullish = <T extends z.ZodType>(t: T) => t.nullish();

const Url = z.looseObject({
  url: z.string(),
  expanded_url: nullish(z.string()),
  unwound_url: nullish(z.string()),
  display_url: nullish(z.string()),
  media_key: nullish(z.string()),
  title: nullish(z.string()),
  description: nullish(z.string()),
  images: nullish(z.array(z.looseObject({ url: z.string() }))),
});
const Entities = z.looseObject({
  urls: z.array(Url).default([]),
  mentions: z.array(z.looseObject({ username: z.string(), id: nullish(z.string()) })).default([]),
  hashtags: z.array(z.looseObject({ tag: z.string() })).default([]),
});
const Media = z.looseObject({
  media_key: z.string(),
  type: z.string(),
  url: nullish(z.string()),
  preview_image_url: nullish(z.string()),
  variants: nullish(z.array(z.looseObject({ bit_rate: nullish(z.number()), content_type: z.string(), url: z.string() }))),
  alt_text: nullish(z.string()),
  width: nullish(z.number()),
  height: nullish(z.number()),
  duration_ms: nullish(z.number()),
});
const Tweet = z.looseObject({
  id: z.string().min(1),
  text: z.string(),
  edit_history_tweet_ids: nullish(z.array(z.string()).min(1)),
  author_id: nullish(z.string()),
  created_at: nullish(z.string()),
  in_reply_to_user_id: nullish(z.string()),
  referenced_tweets: nullish(z.array(z.looseObject({ type: z.string(), id: z.string() }))),
  attachments: nullish(z.looseObject({ media_keys: nullish(z.array(z.string())) })),
  public_metrics: nullish(
    z.looseObject({ reply_count: nullish(z.number()), retweet_count: nullish(z.number()), like_count: nullish(z.number()), quote_count: nullish(z.number()) }),
  ),
  lang: nullish(z.string()),
  possibly_sensitive: nullish(z.boolean()),
  source: nullish(z.string()),
  entities: nullish(Entities),
  note_tweet: nullish(z.looseObject({ text: z.string(), entities: nullish(Entities) })),
});
const ApiPayload = z.looseObject({
  data: Tweet,
  includes: z
    .looseObject({
      users: z.array(z.looseObject({ id: z.string().min(1), username: z.string().min(1), name: nullish(z.string()) })).default([]),
      media: z.array(Media).default([]),
    })
    .prefault({}),
});

function parse<T extends z.ZodType>(schema: T, payload: unknown, what: string): z.infer<T> {
  const r = schema.safeParse(payload);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  throw new UserError(
    'X_PAYLOAD_INVALID',
    `${what} cannot be normalised: ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
  );
}

const MEDIA_TYPES: Record<string, NormalisedMedia['type']> = { photo: 'image', video: 'video', animated_gif: 'gifv' };

const keptOnlyInRaw = (fields: Readonly<Record<string, string | null>>, payload: unknown): string[] => [...rawOnlyPaths(fields, payload), ...unmappedPaths(fields, payload)];

const userUrl = (username: string): string => `https://x.com/${username}`;
const tagUrl = (tag: string): string => `https://x.com/hashtag/${encodeURIComponent(tag)}`;

interface Context {
  v: StoredVersionInput;
  media: ReturnType<typeof storedMediaIndex>;
}

function stored(ctx: Context, key: string, url: string): Pick<NormalisedMedia, 'sha256' | 'size' | 'puid'> {
  const s = ctx.media[key] ?? ctx.media[url];
  return { sha256: s?.sha256 ?? null, size: s?.size ?? null, puid: s?.puid ?? null };
}

function threadRoot(ctx: Context, kind: NormalisedItem['kind'], itemId: string): NormalisedItem['threadRoot'] {
  const id = ctx.v.threadRootPlatformId ?? (kind === 'post' ? itemId : null);
  return id ? { platformId: id } : null;
}

/** A post as the API served it. */
export function normaliseXTweet(payload: unknown, ctx: Context): NormalisedItem {
  const p = parse(ApiPayload, payload, 'X post');
  const t = p.data;
  const chain = t.edit_history_tweet_ids ?? [t.id];
  const itemId = chain[0]!;
  const index = Math.max(0, chain.indexOf(t.id));
  const author = p.includes.users.find((u) => u.id === t.author_id);
  const authorId = t.author_id ?? author?.id ?? '';
  const retweet = t.referenced_tweets?.find((r) => r.type === 'retweeted');
  const parent = retweet ? undefined : t.referenced_tweets?.find((r) => r.type === 'replied_to');
  const quoted = t.referenced_tweets?.find((r) => r.type === 'quoted');
  const kind: NormalisedItem['kind'] = retweet ? 'share' : parent ? 'reply' : 'post';
  // Long posts: the whole text is in note_tweet; `text` is cut.
  const body = t.note_tweet ? { text: t.note_tweet.text, entities: t.note_tweet.entities ?? t.entities } : { text: t.text, entities: t.entities };
  const urls = body.entities?.urls ?? [];
  const mentions = body.entities?.mentions ?? [];
  const published = publishedAt(itemId, t.created_at ?? undefined);
  const versionAt = t.created_at ?? published;
  const links: NormalisedLink[] = urls
    .filter((u) => !u.media_key)
    .map((u) => ({ url: u.expanded_url ?? u.unwound_url ?? u.url, source: 'text', title: u.title ?? u.display_url ?? null, description: u.description ?? null, imageUrl: u.images?.[0]?.url ?? null }));
  const media: NormalisedMedia[] = (t.attachments?.media_keys ?? []).flatMap((k) => {
    const m = p.includes.media.find((x) => x.media_key === k);
    if (!m) return [];
    const url = originalUrl({ type: m.type, url: m.url ?? undefined, variants: (m.variants ?? []).map((v) => ({ ...v, bit_rate: v.bit_rate ?? undefined })) }) ?? m.url ?? m.preview_image_url ?? '';
    return [
      {
        platformId: m.media_key,
        type: MEDIA_TYPES[m.type] ?? 'unknown',
        url,
        previewUrl: (m.type === 'photo' ? m.url : m.preview_image_url) ?? null,
        remoteUrl: null,
        description: m.alt_text ?? null,
        blurhash: null,
        width: m.width ?? null,
        height: m.height ?? null,
        duration: m.duration_ms !== undefined && m.duration_ms !== null ? m.duration_ms / 1000 : null,
        ...stored(ctx, m.media_key, url),
      },
    ];
  });
  const pm = t.public_metrics;
  return {
    schema: NORMALISED_ITEM_SCHEMA_ID,
    platform: 'x',
    kind,
    uri: canonicalUri(itemId),
    url: author ? webUrl(author.username, itemId) : canonicalUri(itemId),
    platformId: itemId,
    author: {
      id: authorId,
      handle: author?.username ?? authorId,
      displayName: author?.name || null,
      url: author ? userUrl(author.username) : null,
      thirdParty: authorId !== ctx.v.ownAccountId,
      bot: null,
    },
    times: { published, edited: index > 0 ? versionAt : null, captured: ctx.v.capturedAt, foundDeleted: ctx.v.foundDeletedAt },
    text: {
      plain: plainText(body.text, urls.map((u) => ({ url: u.url, expanded: u.expanded_url ?? u.unwound_url ?? undefined, media: !!u.media_key }))),
      html: null,
      summary: null,
      sensitive: t.possibly_sensitive ?? false,
    },
    language: t.lang ?? null,
    visibility: 'public',
    mentions: mentions.map((m) => ({ id: m.id ?? null, handle: m.username, url: userUrl(m.username) })),
    tags: (body.entities?.hashtags ?? []).map((h) => ({ name: h.tag, url: tagUrl(h.tag) })),
    links,
    media,
    poll: null,
    replyTo: parent ? { platformId: parent.id, uri: canonicalUri(parent.id), authorId: t.in_reply_to_user_id ?? null } : null,
    threadRoot: threadRoot(ctx, kind, itemId),
    quoteOf: quoted ? { platformId: quoted.id, uri: canonicalUri(quoted.id), authorId: null, state: null } : null,
    repostOf: retweet ? { platformId: retweet.id, uri: canonicalUri(retweet.id), authorId: mentions[0]?.id ?? null } : null,
    counts: { replies: pm?.reply_count ?? null, reposts: pm?.retweet_count ?? null, likes: pm?.like_count ?? null, quotes: pm?.quote_count ?? null },
    application: t.source ? { name: t.source, website: null } : null,
    emojis: [],
    version: { key: t.id, at: versionAt, source: 'status', index, isCurrent: index === chain.length - 1 },
    raw: { sha256: ctx.v.payloadSha256 || null, mediaType: 'application/json', keptOnlyInRaw: keptOnlyInRaw(X_TWEET_FIELDS, payload) },
  };
}

/** A post from the owner's account archive. */
export function normaliseXArchivedTweet(payload: unknown, ctx: Context): NormalisedItem {
  const p = parse(ArchivePayload, payload, 'X archive post');
  const t = p.tweet;
  const chain = editChain(t);
  const itemId = archiveItemId(t);
  const index = Math.max(0, chain.indexOf(t.id_str));
  const created = archiveDate(t.created_at);
  if (!created) throw new UserError('X_PAYLOAD_INVALID', `X archive post ${t.id_str} cannot be normalised: created_at is not a date (${t.created_at.slice(0, 40)})`);
  const retweet = isArchivedRetweet(t);
  const parent = retweet ? undefined : (t.in_reply_to_status_id_str ?? undefined);
  const kind: NormalisedItem['kind'] = retweet ? 'share' : parent ? 'reply' : 'post';
  const mediaList = archivedMedia(t);
  const mentions = t.entities.user_mentions;
  const published = publishedAt(itemId, created);
  const media: NormalisedMedia[] = mediaList.map((m) => {
    const key = archiveMediaKey(m);
    const url = archiveMediaUrl(m);
    const large = m.sizes?.large;
    const ms = m.video_info?.duration_millis;
    return {
      platformId: key,
      type: MEDIA_TYPES[m.type] ?? 'unknown',
      url,
      previewUrl: m.media_url_https,
      remoteUrl: null,
      description: m.ext_alt_text ?? null,
      blurhash: null,
      width: large ? Math.round(large.w) : null,
      height: large ? Math.round(large.h) : null,
      duration: ms !== undefined && ms !== null && m.type === 'video' ? ms / 1000 : null,
      ...stored(ctx, key, url),
    };
  });
  return {
    schema: NORMALISED_ITEM_SCHEMA_ID,
    platform: 'x',
    kind,
    uri: canonicalUri(itemId),
    url: webUrl(p.account.username, itemId),
    platformId: itemId,
    author: {
      id: p.account.accountId,
      handle: p.account.username,
      displayName: p.account.accountDisplayName || null,
      url: userUrl(p.account.username),
      thirdParty: p.account.accountId !== ctx.v.ownAccountId,
      bot: null,
    },
    times: {
      published,
      edited: index > 0 ? created : null,
      captured: ctx.v.capturedAt,
      foundDeleted: ctx.v.foundDeletedAt,
    },
    text: {
      plain: plainText(t.full_text, [
        ...t.entities.urls.map((u) => ({ url: u.url, expanded: u.expanded_url ?? undefined })),
        ...mediaList.flatMap((m) => (m.url ? [{ url: m.url, media: true }] : [])),
      ]),
      html: null,
      summary: null,
      sensitive: t.possibly_sensitive ?? false,
    },
    language: t.lang ?? null,
    visibility: 'public',
    mentions: mentions.map((m) => ({ id: m.id_str ?? null, handle: m.screen_name, url: userUrl(m.screen_name) })),
    tags: t.entities.hashtags.map((h) => ({ name: h.text, url: tagUrl(h.text) })),
    links: t.entities.urls.map((u) => ({ url: u.expanded_url ?? u.url, source: 'text', title: u.display_url ?? null, description: null, imageUrl: null })),
    media,
    poll: null,
    replyTo: parent ? { platformId: parent, uri: canonicalUri(parent), authorId: t.in_reply_to_user_id_str ?? null } : null,
    threadRoot: threadRoot(ctx, kind, itemId),
    quoteOf: t.quoted_status_id_str ? { platformId: t.quoted_status_id_str, uri: canonicalUri(t.quoted_status_id_str), authorId: null, state: null } : null,
    // The archive keeps the retweet's text, not the post it shares.
    repostOf: retweet ? { platformId: null, uri: null, authorId: mentions[0]?.id_str ?? null } : null,
    counts: { replies: null, reposts: t.retweet_count ?? null, likes: t.favorite_count ?? null, quotes: null },
    application: sourceApplication(t.source),
    emojis: [],
    version: { key: t.id_str, at: created, source: 'export', index, isCurrent: index === chain.length - 1 },
    raw: { sha256: ctx.v.payloadSha256 || null, mediaType: 'application/json', keptOnlyInRaw: keptOnlyInRaw(X_ARCHIVE_FIELDS, payload) },
  };
}

/** A stored X version: a post from the API (`tweet`) or from the owner's archive (`archive`). */
export const normaliseXVersion: PlatformNormaliser = (v) => {
  const ctx: Context = { v, media: storedMediaIndex(v.media) };
  if (v.source === 'tweet') return normaliseXTweet(parsePayload(v.payload, 'X post'), ctx);
  if (v.source === 'archive') return normaliseXArchivedTweet(parsePayload(v.payload, 'X archive post'), ctx);
  throw new UserError('NORMALISE_NO_SOURCE', `no normaliser for x payloads of kind "${v.source}"`);
};
