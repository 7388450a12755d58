// The searchable text of one stored version: what a person wrote in it (text, content warning,
// alt texts, poll options — the same fields the privacy scan reads) or, for a profile snapshot, its
// name and biography. Pure: the stored payload goes in, text comes out.
import { htmlToPlainText } from '../../formats/normalise/html.js';
import type { ItemKind, Platform } from '../domain/types.js';
import { normaliseStoredVersion } from '../formats-stage/normalise-stored.js';
import { textFields } from '../privacy/pipeline/fields.js';

/** Bounds what one version contributes to the index; posts are short, a hostile payload is not. */
const MAX_TEXT_CHARS = 100_000;

export interface SearchSource {
  platform: string;
  kind: ItemKind;
  source: string;
  payload: string;
  payloadSha256: string;
  capturedAt: string;
  threadRootPlatformId: string | null;
  /** For a history entry: the item's newest status payload and the entry's place among the versions. */
  history?: { status: string; index: number; count: number } | undefined;
}

/** Throws (a UserError from the normaliser) when a post or reply payload cannot be read. */
export function searchText(v: SearchSource): string {
  const text = v.kind === 'profile' ? profileText(v.payload) : postText(v);
  return text.slice(0, MAX_TEXT_CHARS);
}

function postText(v: SearchSource): string {
  const item = normaliseStoredVersion({
    platform: v.platform as Platform,
    ownAccountId: '',
    threadRootPlatformId: v.threadRootPlatformId,
    foundDeletedAt: null,
    source: v.source,
    payload: v.payload,
    payloadSha256: v.payloadSha256,
    capturedAt: v.capturedAt,
    isNewest: true,
    history: v.history,
    media: [],
  });
  return textFields(item)
    .map((f) => f.text)
    .join('\n');
}

// Profile payloads differ per platform (Mastodon `display_name`/`note`/`fields`, Bluesky
// `displayName`/`description`, YouTube `snippet.title`); no normaliser covers them, so the texts a
// person wrote are picked by name.
const PROFILE_KEYS = new Set(['display_name', 'displayName', 'name', 'note', 'description', 'biography', 'about', 'title', 'value']);

function profileText(payload: string): string {
  let data: unknown;
  try {
    data = JSON.parse(payload);
  } catch {
    return ''; // a profile payload is always JSON; anything else has no text to offer
  }
  const out: string[] = [];
  const walk = (x: unknown, depth: number) => {
    if (depth > 3 || x === null || typeof x !== 'object') return;
    for (const [k, v] of Object.entries(x)) {
      if (typeof v === 'string' && PROFILE_KEYS.has(k) && v.trim()) out.push(v.includes('<') ? htmlToPlainText(v.slice(0, MAX_TEXT_CHARS)) : v);
      else if (typeof v === 'object') walk(v, depth + 1);
    }
  };
  walk(data, 0);
  return out.join('\n');
}
