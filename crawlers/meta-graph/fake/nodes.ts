// The fake's object model: nodes with fields and edges, projected onto a `fields=` selection and
// paged with opaque cursors the way the Graph API does it. Datasets (Facebook, Instagram) supply
// the nodes; the server supplies the request context.
import { serialiseFields, type FieldSpec } from './fields.js';

export interface RenderContext {
  /** e.g. `http://127.0.0.1:43123/v25.0`: where `paging.next` points. */
  apiBase: string;
  /** The signed, expiring CDN URL of a file path. */
  cdn(path: string): string;
  /** Query parameters every `next` URL repeats (the token when it came in the query). */
  carry: Record<string, string>;
}

/** A list behind an edge: nodes in served order for the given modifiers (filter, order, since, until). */
export interface EdgeSource {
  list(mods: Record<string, string>): { nodes: FakeNode[]; summary?: Record<string, unknown> | undefined };
  defaultLimit: number;
  maxLimit: number;
  /** Fields of each node when the request names none. */
  defaultFields?: string[] | undefined;
}

export interface FakeNode {
  id: string;
  /** For error messages: `Page`, `Post`, `Comment`, `IGMedia`, … */
  type: string;
  /** Every field and edge the type has: asking for anything else is error 100. */
  fields: ReadonlySet<string>;
  defaultFields: string[];
  /** The value of a field now: plain JSON, an edge, a node, or undefined when it has none. */
  value(field: string, ctx: RenderContext): unknown;
  /** The edges that can be requested as `/{id}/{edge}`. */
  edge(name: string): EdgeSource | undefined;
}

const EDGE = Symbol('edge');
const NODE = Symbol('node');
export const edgeValue = (source: EdgeSource): unknown => ({ [EDGE]: source });
export const nodeValue = (node: FakeNode): unknown => ({ [NODE]: node });

export class UnknownFieldError extends Error {
  constructor(
    readonly field: string,
    readonly nodeType: string,
  ) {
    super(`(#100) Tried accessing nonexisting field (${field}) on node type (${nodeType})`);
  }
}

interface Cursor {
  id: string;
  i: number;
}
const encodeCursor = (c: Cursor): string => Buffer.from(JSON.stringify(c)).toString('base64url');
function decodeCursor(s: string): Cursor | undefined {
  try {
    const c = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as Cursor;
    return typeof c.id === 'string' && typeof c.i === 'number' ? c : undefined;
  } catch {
    return undefined;
  }
}

export function projectNode(node: FakeNode, specs: FieldSpec[] | undefined, ctx: RenderContext): Record<string, unknown> {
  const wanted = specs ?? node.defaultFields.map((name) => ({ name, mods: {} }));
  const out: Record<string, unknown> = {};
  for (const f of wanted) {
    if (!node.fields.has(f.name)) throw new UnknownFieldError(f.name, node.type);
    const v = node.value(f.name, ctx);
    if (v === undefined) continue;
    out[f.name] = projectValue(v, f, ctx, node);
  }
  // The Graph API always names the object.
  if (!('id' in out)) out.id = node.id;
  return out;
}

function projectValue(v: unknown, f: FieldSpec, ctx: RenderContext, owner: FakeNode): unknown {
  if (v && typeof v === 'object') {
    if (EDGE in v) return pageEdge((v as { [EDGE]: EdgeSource })[EDGE], f.mods, f.sub, ctx, `/${owner.id}/${f.name}`, {});
    if (NODE in v) return projectNode((v as { [NODE]: FakeNode })[NODE], f.sub, ctx);
    if (f.sub) return pick(v, f.sub, ctx, owner);
  }
  return v;
}

/** Sub-fields of a plain object; `{data: …}` wrappers (pictures, attachment lists) are looked through. */
function pick(v: object, sub: FieldSpec[], ctx: RenderContext, owner: FakeNode): unknown {
  if (Array.isArray(v)) return v.map((x) => (x && typeof x === 'object' ? pick(x as object, sub, ctx, owner) : x));
  const o = v as Record<string, unknown>;
  if ('data' in o && Object.keys(o).length <= 2 && o.data && typeof o.data === 'object') return { ...o, data: pick(o.data as object, sub, ctx, owner) };
  const out: Record<string, unknown> = {};
  for (const f of sub) if (o[f.name] !== undefined) out[f.name] = projectValue(o[f.name], f, ctx, owner);
  return out;
}

/**
 * One page of an edge: `limit` (capped), `after`/`before` cursors, `summary(true)`; `paging.next`
 * only when more follows, with the same selection and modifiers, so a client can just follow it.
 */
export function pageEdge(
  source: EdgeSource,
  mods: Record<string, string>,
  sub: FieldSpec[] | undefined,
  ctx: RenderContext,
  path: string,
  query: Record<string, string>,
): Record<string, unknown> {
  const { nodes, summary } = source.list(mods);
  const asked = Number(mods.limit ?? source.defaultLimit);
  const limit = Math.max(0, Math.min(Number.isFinite(asked) ? Math.floor(asked) : source.defaultLimit, source.maxLimit));
  const out: Record<string, unknown> = {};
  const sum = mods.summary === 'true' || mods.summary === '1' ? summary : undefined;
  if (limit === 0) {
    out.data = [];
    if (sum) out.summary = sum;
    return out;
  }
  let start = 0;
  const after = mods.after ? decodeCursor(mods.after) : undefined;
  const before = mods.before ? decodeCursor(mods.before) : undefined;
  if (after) {
    const at = nodes.findIndex((n) => n.id === after.id);
    start = at >= 0 ? at + 1 : Math.min(nodes.length, after.i + 1);
  } else if (before) {
    const at = nodes.findIndex((n) => n.id === before.id);
    start = Math.max(0, (at >= 0 ? at : before.i) - limit);
  }
  const slice = nodes.slice(start, start + limit);
  const fields = sub ?? source.defaultFields?.map((name) => ({ name, mods: {} }));
  out.data = slice.map((n) => projectNode(n, fields, ctx));
  if (slice.length > 0) {
    const cursors = { before: encodeCursor({ id: slice[0]!.id, i: start }), after: encodeCursor({ id: slice[slice.length - 1]!.id, i: start + slice.length - 1 }) };
    const paging: Record<string, unknown> = { cursors };
    const link = (key: 'after' | 'before', cursor: string) => {
      const q = new URLSearchParams({ ...ctx.carry, ...query });
      if (sub) q.set('fields', serialiseFields(sub));
      for (const [k, val] of Object.entries(mods)) if (k !== 'after' && k !== 'before') q.set(k, val);
      q.set('limit', String(limit));
      q.delete('after');
      q.delete('before');
      q.set(key, cursor);
      return `${ctx.apiBase}${path}?${q.toString()}`;
    };
    if (start + slice.length < nodes.length) paging.next = link('after', cursors.after);
    if (start > 0) paging.previous = link('before', cursors.before);
    out.paging = paging;
  }
  if (sum) out.summary = sum;
  return out;
}
