// Where every field of a Mastodon Status / StatusEdit goes in the normalised item: a target path,
// or `null` for fields kept only in the raw payload (beside the item) on purpose. Paths use `[]`
// for array elements; `links[card]` is the link whose source is the preview card. The longest
// matching prefix decides, so `account` (raw only) is overridden by `account.id`.
//
// Why fields stay raw-only: viewer state (favourited, muted, ...) belongs to whoever fetched the
// status, not to the record; the author's profile is archived as its own profile snapshot; preview
// card embed HTML and media thumbnails' geometry are platform presentation, not content.

export const MASTODON_STATUS_FIELDS: Readonly<Record<string, string | null>> = {
  id: 'platformId',
  uri: 'uri',
  url: 'url',
  created_at: 'times.published',
  edited_at: 'times.edited',
  in_reply_to_id: 'replyTo.platformId',
  in_reply_to_account_id: 'replyTo.authorId',
  sensitive: 'text.sensitive',
  spoiler_text: 'text.summary',
  visibility: 'visibility',
  language: 'language',
  content: 'text.html',
  replies_count: 'counts.replies',
  reblogs_count: 'counts.reposts',
  favourites_count: 'counts.likes',
  quotes_count: 'counts.quotes',
  application: null,
  'application.name': 'application.name',
  'application.website': 'application.website',
  account: null,
  'account.id': 'author.id',
  'account.acct': 'author.handle',
  'account.display_name': 'author.displayName',
  'account.url': 'author.url',
  'account.bot': 'author.bot',
  media_attachments: 'media',
  'media_attachments[]': null,
  'media_attachments[].id': 'media[].platformId',
  'media_attachments[].type': 'media[].type',
  'media_attachments[].url': 'media[].url',
  'media_attachments[].preview_url': 'media[].previewUrl',
  'media_attachments[].remote_url': 'media[].remoteUrl',
  'media_attachments[].description': 'media[].description',
  'media_attachments[].blurhash': 'media[].blurhash',
  'media_attachments[].meta.original.width': 'media[].width',
  'media_attachments[].meta.original.height': 'media[].height',
  'media_attachments[].meta.original.duration': 'media[].duration',
  mentions: 'mentions',
  'mentions[]': null,
  'mentions[].id': 'mentions[].id',
  'mentions[].acct': 'mentions[].handle',
  'mentions[].url': 'mentions[].url',
  tags: 'tags',
  'tags[]': null,
  'tags[].name': 'tags[].name',
  'tags[].url': 'tags[].url',
  emojis: 'emojis',
  'emojis[]': null,
  'emojis[].shortcode': 'emojis[].shortcode',
  'emojis[].url': 'emojis[].url',
  'emojis[].static_url': 'emojis[].staticUrl',
  card: null,
  'card.url': 'links[card].url',
  'card.title': 'links[card].title',
  'card.description': 'links[card].description',
  'card.image': 'links[card].imageUrl',
  poll: null,
  'poll.id': 'poll.platformId',
  'poll.expires_at': 'poll.expiresAt',
  'poll.multiple': 'poll.multiple',
  'poll.votes_count': 'poll.votesCount',
  'poll.voters_count': 'poll.votersCount',
  'poll.options[].title': 'poll.options[].title',
  'poll.options[].votes_count': 'poll.options[].votes',
  reblog: null,
  'reblog.id': 'repostOf.platformId',
  'reblog.uri': 'repostOf.uri',
  'reblog.account.id': 'repostOf.authorId',
  quote: null,
  'quote.state': 'quoteOf.state',
  'quote.quoted_status_id': 'quoteOf.platformId',
  'quote.quoted_status.id': 'quoteOf.platformId',
  'quote.quoted_status.uri': 'quoteOf.uri',
  'quote.quoted_status.account.id': 'quoteOf.authorId',
  quote_approval: null,
  favourited: null,
  reblogged: null,
  muted: null,
  bookmarked: null,
  pinned: null,
  filtered: null,
  text: null,
};

/** A StatusEdit from `/history` carries the content of one version; identity comes from its status. */
export const MASTODON_EDIT_FIELDS: Readonly<Record<string, string | null>> = {
  content: 'text.html',
  spoiler_text: 'text.summary',
  sensitive: 'text.sensitive',
  created_at: 'version.at',
  poll: null,
  'poll.options[].title': 'poll.options[].title',
  account: null,
  'account.id': 'author.id',
  'account.acct': 'author.handle',
  'account.display_name': 'author.displayName',
  'account.url': 'author.url',
  'account.bot': 'author.bot',
  media_attachments: 'media',
  'media_attachments[]': null,
  'media_attachments[].id': 'media[].platformId',
  'media_attachments[].type': 'media[].type',
  'media_attachments[].url': 'media[].url',
  'media_attachments[].preview_url': 'media[].previewUrl',
  'media_attachments[].remote_url': 'media[].remoteUrl',
  'media_attachments[].description': 'media[].description',
  'media_attachments[].blurhash': 'media[].blurhash',
  'media_attachments[].meta.original.width': 'media[].width',
  'media_attachments[].meta.original.height': 'media[].height',
  'media_attachments[].meta.original.duration': 'media[].duration',
  emojis: 'emojis',
  'emojis[]': null,
  'emojis[].shortcode': 'emojis[].shortcode',
  'emojis[].url': 'emojis[].url',
  'emojis[].static_url': 'emojis[].staticUrl',
};

/** Every leaf path of a JSON value (`[]` for array elements); empty arrays and objects are leaves. */
export function leafPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) {
    if (value.length === 0) return [prefix];
    return [...new Set(value.flatMap((v) => leafPaths(v, `${prefix}[]`)))];
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return [prefix];
    return entries.flatMap(([k, v]) => leafPaths(v, prefix ? `${prefix}.${k}` : k));
  }
  return [prefix];
}

type Rule = { key: string; target: string | null } | undefined;
// Every stored version is normalised (formats stage, privacy scan, search index) and a payload has
// a few hundred paths, so the rule of a path is looked up once per field map. Bounded: a hostile
// payload's made-up keys cannot grow it without limit.
const RULE_CACHE_MAX = 10_000;
const ruleCache = new WeakMap<Readonly<Record<string, string | null>>, Map<string, Rule>>();

/** The rule for a path: the longest field-map key that is the path or a prefix of it. */
export function ruleFor(fields: Readonly<Record<string, string | null>>, path: string): Rule {
  let cache = ruleCache.get(fields);
  if (!cache) ruleCache.set(fields, (cache = new Map()));
  if (cache.has(path)) return cache.get(path);
  const rule = findRule(fields, path);
  if (cache.size >= RULE_CACHE_MAX) cache.clear();
  cache.set(path, rule);
  return rule;
}

function findRule(fields: Readonly<Record<string, string | null>>, path: string): Rule {
  let best: string | undefined;
  for (const key of Object.keys(fields)) {
    const covers = path === key || path.startsWith(`${key}.`) || path.startsWith(`${key}[]`);
    if (covers && (best === undefined || key.length > best.length)) best = key;
  }
  return best === undefined ? undefined : { key: best, target: fields[best]! };
}

/** Payload paths that are deliberately not mapped, as listed in the item's `raw.keptOnlyInRaw`. */
export function rawOnlyPaths(fields: Readonly<Record<string, string | null>>, payload: unknown): string[] {
  return leafPaths(payload).filter((p) => {
    const rule = ruleFor(fields, p);
    return rule !== undefined && rule.target === null;
  });
}

/** Payload paths no rule covers: a new platform field that needs a decision. */
export function unmappedPaths(fields: Readonly<Record<string, string | null>>, payload: unknown): string[] {
  return leafPaths(payload).filter((p) => ruleFor(fields, p) === undefined);
}
