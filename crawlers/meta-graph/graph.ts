// Transport types and conventions of Meta's Graph API, shared by the Facebook and Instagram
// crawlers (shared/reference/platforms.md §4.1, §5.1). Payloads are stored whole as received;
// these types only name what the crawlers steer by.

/** The version used when the registry's `instance` names none; versions expire about two years after release. */
export const DEFAULT_GRAPH_VERSION = 'v25.0';
export const DEFAULT_GRAPH_HOST = 'https://graph.facebook.com';
/** Largest `limit` the list edges accept. */
export const PAGE_LIMIT = 100;

export interface GraphPaging {
  cursors?: { before?: string; after?: string };
  /** Full URL of the next page; absent on the last page. */
  next?: string;
  previous?: string;
}

export interface GraphList<T> {
  data: T[];
  paging?: GraphPaging;
  summary?: { total_count?: number; [k: string]: unknown };
}

export interface GraphErrorBody {
  message: string;
  type?: string;
  code: number;
  error_subcode?: number;
  is_transient?: boolean;
  fbtrace_id?: string;
}

/** Error codes that mean "throttled": app (4), user (17), page (32), API-specific (613), Pages and Instagram BUC (80001, 80002). */
export const THROTTLE_CODES = new Set([4, 17, 32, 613, 80001, 80002]);

export type GraphFailure =
  | { kind: 'throttled'; error: GraphErrorBody }
  /** Code 100 with subcode 33: the object does not exist (or can no longer be loaded). */
  | { kind: 'missing'; error: GraphErrorBody }
  /** 190 (token invalid or expired), 102 (session), 104 (no token), 10 and 200–299 (permission). */
  | { kind: 'access'; error: GraphErrorBody }
  | { kind: 'transient'; error: GraphErrorBody }
  | { kind: 'other'; error: GraphErrorBody };

export function graphError(body: unknown): GraphErrorBody | undefined {
  const e = (body as { error?: unknown } | null)?.error;
  if (!e || typeof e !== 'object') return undefined;
  const { message, code } = e as { message?: unknown; code?: unknown };
  if (typeof code !== 'number') return undefined;
  return { ...(e as GraphErrorBody), message: typeof message === 'string' ? message : `error ${code}` };
}

export function classify(error: GraphErrorBody): GraphFailure {
  const { code, error_subcode: sub } = error;
  if (THROTTLE_CODES.has(code)) return { kind: 'throttled', error };
  if (code === 100 && sub === 33) return { kind: 'missing', error };
  if (code === 190 || code === 102 || code === 104 || code === 10 || (code >= 200 && code <= 299)) return { kind: 'access', error };
  if (error.is_transient || code === 1 || code === 2) return { kind: 'transient', error };
  return { kind: 'other', error };
}

export function describeError(e: GraphErrorBody): string {
  return `Graph API error ${e.code}${e.error_subcode !== undefined ? `/${e.error_subcode}` : ''}: ${e.message.slice(0, 300)}`;
}

/**
 * The API base from the registry's `instance`: Meta's host by default; a base without a version
 * path gets the default version, so `https://graph.facebook.com/v26.0` pins another one.
 */
export function graphBase(instance: string | undefined, host = DEFAULT_GRAPH_HOST): string {
  const base = (instance ?? host).replace(/\/+$/, '');
  return /\/v\d+\.\d+$/.test(new URL(base).pathname) ? base : `${base}/${DEFAULT_GRAPH_VERSION}`;
}

/** Graph times look like `2026-05-20T08:30:00+0000`; the archive keeps UTC ISO 8601 (`…T08:30:00.000Z`). */
export function graphTime(s: string): string {
  const t = Date.parse(s.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  if (Number.isNaN(t)) throw new Error(`not a Graph API time: ${s.slice(0, 40)}`);
  return new Date(t).toISOString();
}

export const unixSeconds = (iso: string): number => Math.floor(Date.parse(iso) / 1000);

/** A media URL without its query: Meta's CDN signs URLs (`oh`, `oe` expiry), the path names the file. */
export const unsignedUrl = (url: string): string => url.replace(/[?#].*$/, '');
