// Transport types of the Mastodon REST API, as far as the crawler reads them. The payloads are
// stored whole as received; these types only name the fields the crawler steers by.

export interface MastodonAccount {
  id: string;
  username: string;
  acct: string;
  display_name: string;
  url: string;
  uri?: string;
  note: string;
  avatar?: string;
  avatar_static?: string;
  header?: string;
  header_static?: string;
  fields?: { name: string; value: string; verified_at: string | null }[];
  [k: string]: unknown;
}

export interface MastodonMediaAttachment {
  id: string;
  type: string;
  url: string | null;
  preview_url?: string | null;
  remote_url: string | null;
  description?: string | null;
  [k: string]: unknown;
}

export interface MastodonStatus {
  id: string;
  uri: string;
  url: string | null;
  created_at: string;
  edited_at?: string | null;
  in_reply_to_id: string | null;
  account: MastodonAccount;
  content: string;
  reblog: MastodonStatus | null;
  replies_count: number;
  media_attachments: MastodonMediaAttachment[];
  [k: string]: unknown;
}

export interface MastodonStatusEdit {
  content: string;
  created_at: string;
  account: MastodonAccount;
  media_attachments: MastodonMediaAttachment[];
  [k: string]: unknown;
}

export interface MastodonContext {
  ancestors: MastodonStatus[];
  descendants: MastodonStatus[];
}

/** Anonymous callers get at most this many descendants, this deep (Mastodon's context controller). */
export const ANONYMOUS_CONTEXT = { ancestors: 40, descendants: 60, depth: 20 } as const;
export const AUTHENTICATED_CONTEXT_LIMIT = 4096;
export const PAGE_LIMIT = 40;
