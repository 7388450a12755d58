// The normalised form of one version of a post or reply, the same for every platform.
// Documented as JSON Schema in docs/normalised-item.schema.json; keep the two in step
// (test/formats/normalise-mastodon.test.ts validates mapped items against the schema).
import type { Platform } from '../../src/domain/types.js';

export const NORMALISED_ITEM_SCHEMA_ID = 'urn:socialarchive:schema:normalised-item:1';

export type NormalisedKind = 'post' | 'reply' | 'share';

export interface NormalisedAuthor {
  /** The platform's stable id of the author. */
  id: string;
  /** The handle as the platform spells it (Mastodon `acct`, Bluesky handle, ...). */
  handle: string;
  displayName: string | null;
  url: string | null;
  /** True when the author is not the registered account. */
  thirdParty: boolean;
  /** The platform marks the account as automated. */
  bot: boolean | null;
}

export interface NormalisedTimes {
  /** When the item was first published (ISO 8601). */
  published: string;
  /** When this version was made by an edit; null for the original version. */
  edited: string | null;
  /** When the archive captured this version. */
  captured: string;
  /** When the archive first found the item missing on the platform; null while it exists. */
  foundDeleted: string | null;
}

export interface NormalisedText {
  /** Plain text for people and search: paragraphs separated by a blank line, entities decoded. */
  plain: string;
  /** The platform's own HTML, exactly as delivered; null when the platform sends plain text. */
  html: string | null;
  /** Content warning / spoiler text shown before the content; null when there is none. */
  summary: string | null;
  /** The platform marks the content or its media as sensitive. */
  sensitive: boolean;
}

export interface NormalisedMention {
  id: string | null;
  handle: string;
  url: string | null;
}

export interface NormalisedTag {
  name: string;
  url: string | null;
}

export interface NormalisedLink {
  url: string;
  /** `text`: a link in the post's text; `card`: the platform's link preview. */
  source: 'text' | 'card';
  /** The visible link text (text links) or the preview title (card). */
  title: string | null;
  description: string | null;
  imageUrl: string | null;
}

export interface NormalisedMedia {
  platformId: string | null;
  type: 'image' | 'video' | 'gifv' | 'audio' | 'unknown';
  /** Where the original was fetched from. */
  url: string;
  previewUrl: string | null;
  /** Where the platform says the original lives (federated copies). */
  remoteUrl: string | null;
  description: string | null;
  blurhash: string | null;
  width: number | null;
  height: number | null;
  /** Seconds, for audio and video. */
  duration: number | null;
  /** Checksum and size of the stored original; null when it was not (yet) downloaded. */
  sha256: string | null;
  size: number | null;
  /** PRONOM PUID of the stored original, when identified. */
  puid: string | null;
}

export interface NormalisedPoll {
  platformId: string | null;
  expiresAt: string | null;
  multiple: boolean | null;
  votesCount: number | null;
  votersCount: number | null;
  options: { title: string; votes: number | null }[];
}

export interface NormalisedRef {
  platformId: string | null;
  uri: string | null;
  authorId: string | null;
}

export interface NormalisedVersion {
  /** Identifies this version within its item (the time the version came into being). */
  key: string;
  /** When this version came into being on the platform. */
  at: string;
  /** Where the payload came from: the item itself, or its edit history. */
  source: 'status' | 'history' | 'record' | 'export';
  /** Position in the platform's edit history (0 = original), when known. */
  index: number | null;
  /** True when this is the platform's current version. */
  isCurrent: boolean;
}

export interface NormalisedItem {
  schema: typeof NORMALISED_ITEM_SCHEMA_ID;
  platform: Platform;
  kind: NormalisedKind;
  /** Canonical URI (Mastodon `uri`, Bluesky `at://`, ...): the MDTO identificatieKenmerk. */
  uri: string;
  /** Web address of the item for people. */
  url: string | null;
  platformId: string;
  author: NormalisedAuthor;
  times: NormalisedTimes;
  text: NormalisedText;
  /** BCP 47 language tag as the platform reports it. */
  language: string | null;
  /** Platform visibility (`public`, `unlisted`, ...). */
  visibility: string | null;
  mentions: NormalisedMention[];
  tags: NormalisedTag[];
  links: NormalisedLink[];
  media: NormalisedMedia[];
  poll: NormalisedPoll | null;
  replyTo: NormalisedRef | null;
  threadRoot: { platformId: string } | null;
  quoteOf: (NormalisedRef & { state: string | null }) | null;
  repostOf: NormalisedRef | null;
  counts: { replies: number | null; reposts: number | null; likes: number | null; quotes: number | null };
  application: { name: string; website: string | null } | null;
  /** Custom emoji used in the text (`:shortcode:`), with their image URLs. */
  emojis: { shortcode: string; url: string; staticUrl: string | null }[];
  version: NormalisedVersion;
  raw: {
    /** SHA-256 of the platform payload as stored beside this item. */
    sha256: string | null;
    mediaType: 'application/json';
    /** Payload fields that are deliberately not mapped; they live only in the raw payload. */
    keptOnlyInRaw: string[];
  };
}
