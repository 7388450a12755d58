// Small HTTP helpers for the fake Mastodon tests (real requests with Node's fetch).

export interface Got<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export async function get<T = unknown>(url: string, init: RequestInit = {}): Promise<Got<T>> {
  const res = await fetch(url, init);
  const text = await res.text();
  const json = (res.headers.get('content-type') ?? '').startsWith('application/json');
  return { status: res.status, headers: res.headers, body: (json ? JSON.parse(text) : text) as T, text };
}

/** The URL of `rel` in a Link header, or null. */
export function linkRel(link: string | null, rel: 'next' | 'prev'): string | null {
  if (!link) return null;
  for (const part of link.split(/,\s*(?=<)/)) {
    const m = /^<([^>]+)>;\s*rel="([^"]+)"$/.exec(part.trim());
    if (m && m[2] === rel) return m[1] ?? null;
  }
  return null;
}

export interface StatusJson {
  id: string;
  created_at: string;
  edited_at: string | null;
  in_reply_to_id: string | null;
  in_reply_to_account_id: string | null;
  content: string;
  uri: string;
  url: string | null;
  reblog: StatusJson | null;
  account: { id: string; acct: string; username: string };
  media_attachments: { id: string; type: string; url: string; preview_url: string; remote_url: string | null; meta: Record<string, unknown> }[];
  mentions: { id: string; acct: string }[];
}

export const bearer = (token: string): RequestInit => ({ headers: { Authorization: `Bearer ${token}` } });
