// The API endpoints the fake serves: request in, status + JSON + extra headers out. No I/O.
import { renderAccount, renderHistory, renderStatus, type RenderContext } from './entities.js';
import { isNumericId } from './ids.js';
import type { FakeDataset } from './store.js';
import { ancestorIds, contextLimits, descendantIds } from './thread.js';
import { pageTimeline, parseTimelineQuery, timelineLink } from './timeline.js';

export interface ApiRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** Host and port the server is reached at, e.g. `127.0.0.1:43123` (local accounts' domain). */
  host: string;
}

export interface ApiResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export const NOT_FOUND: ApiResponse = { status: 404, body: { error: 'Record not found' } };

const ROUTES: [RegExp, (ds: FakeDataset, req: ApiRequest, ctx: RenderContext, m: RegExpExecArray) => ApiResponse][] = [
  [/^\/api\/v1\/accounts\/lookup$/, lookup],
  [/^\/api\/v1\/accounts\/([^/]+)\/statuses$/, accountStatuses],
  [/^\/api\/v1\/accounts\/([^/]+)$/, account],
  [/^\/api\/v1\/statuses\/([^/]+)\/context$/, context],
  [/^\/api\/v1\/statuses\/([^/]+)\/history$/, history],
  [/^\/api\/v1\/statuses\/([^/]+)$/, status],
  [/^\/api\/v1\/instance$/, instance],
];

export function routeApi(ds: FakeDataset, req: ApiRequest, ctx: RenderContext): ApiResponse {
  if (req.method !== 'GET' && req.method !== 'HEAD') return { status: 404, body: { error: 'Not Found' } };
  for (const [re, handler] of ROUTES) {
    const m = re.exec(req.path);
    if (m) return handler(ds, req, ctx, m);
  }
  return { status: 404, body: { error: 'Not Found' } };
}

function lookup(ds: FakeDataset, req: ApiRequest, ctx: RenderContext): ApiResponse {
  const acct = req.query.get('acct');
  const a = acct ? ds.lookup(acct, req.host) : undefined;
  return a ? { status: 200, body: renderAccount(ds, a, ctx) } : NOT_FOUND;
}

function account(ds: FakeDataset, _req: ApiRequest, ctx: RenderContext, m: RegExpExecArray): ApiResponse {
  const a = ds.account(m[1] ?? '');
  return a ? { status: 200, body: renderAccount(ds, a, ctx) } : NOT_FOUND;
}

function accountStatuses(ds: FakeDataset, req: ApiRequest, ctx: RenderContext, m: RegExpExecArray): ApiResponse {
  const accountId = m[1] ?? '';
  const a = ds.account(accountId);
  if (!a) return NOT_FOUND;
  const q = parseTimelineQuery(req.query);
  // A remote account's statuses are not all known here; the fake serves none for them.
  const page = a.domain === null ? pageTimeline(ds, accountId, q) : [];
  const body = page.flatMap((id) => {
    const s = ds.status(id);
    return s ? [renderStatus(ds, s, ctx)] : [];
  });
  const link = timelineLink(`${ctx.base}/api/v1/accounts/${accountId}/statuses`, req.query, page, q.limit);
  return { status: 200, body, headers: link ? { Link: link } : {} };
}

function status(ds: FakeDataset, _req: ApiRequest, ctx: RenderContext, m: RegExpExecArray): ApiResponse {
  const s = isNumericId(m[1] ?? '') ? ds.status(m[1] ?? '') : undefined;
  return s ? { status: 200, body: renderStatus(ds, s, ctx) } : NOT_FOUND;
}

function context(ds: FakeDataset, _req: ApiRequest, ctx: RenderContext, m: RegExpExecArray): ApiResponse {
  const id = m[1] ?? '';
  const s = isNumericId(id) ? ds.status(id) : undefined;
  if (!s) return NOT_FOUND;
  const limits = contextLimits(ctx.authenticated);
  const render = (ids: string[]): unknown[] =>
    ids.flatMap((i) => {
      const x = ds.status(i);
      return x ? [renderStatus(ds, x, ctx)] : [];
    });
  const ancestors = s.inReplyToId === null ? [] : ancestorIds(ds, id, limits);
  return { status: 200, body: { ancestors: render(ancestors), descendants: render(descendantIds(ds, id, limits)) } };
}

function history(ds: FakeDataset, _req: ApiRequest, ctx: RenderContext, m: RegExpExecArray): ApiResponse {
  const s = isNumericId(m[1] ?? '') ? ds.status(m[1] ?? '') : undefined;
  return s ? { status: 200, body: renderHistory(ds, s, ctx) } : NOT_FOUND;
}

function instance(_ds: FakeDataset, req: ApiRequest): ApiResponse {
  return {
    status: 200,
    body: {
      uri: req.host,
      title: 'Voorbeeldstad Social (fake)',
      short_description: 'Lokale nep-Mastodon voor tests van socialarchive.',
      description: '',
      email: 'beheer@voorbeeldstad.nl',
      version: '4.4.0',
      languages: ['nl'],
      registrations: false,
      approval_required: false,
      invites_enabled: false,
      configuration: { statuses: { max_characters: 500, max_media_attachments: 4 } },
    },
  };
}
