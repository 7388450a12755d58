import type { FastifyRequest } from 'fastify';

// Reading form fields and query parameters: every value is a bounded string, or absent.

type Bag = Record<string, unknown> | undefined;

const bag = (v: unknown): Bag => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : undefined);

/** One value (the first when repeated), trimmed, at most `max` characters; absent when empty. */
export function field(source: unknown, key: string, max = 2000): string | undefined {
  const v = bag(source)?.[key];
  const s = Array.isArray(v) ? v[0] : v;
  if (typeof s !== 'string') return undefined;
  const t = s.trim();
  return t === '' ? undefined : t.slice(0, max);
}

/** Every value of a repeated field. */
export function fields(source: unknown, key: string, max = 200): string[] {
  const v = bag(source)?.[key];
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return list.filter((x): x is string => typeof x === 'string' && x.trim() !== '').map((x) => x.trim().slice(0, max)).slice(0, 1000);
}

export const query = (req: FastifyRequest): unknown => req.query;
export const body = (req: FastifyRequest): unknown => req.body;
export const param = (req: FastifyRequest, key: string): string => String((req.params as Record<string, string>)[key] ?? '');

/** A positive whole number from a field, or the default. */
export function pageNumber(source: unknown, key = 'page'): number {
  const n = Number(field(source, key, 10));
  return Number.isInteger(n) && n >= 1 && n <= 1_000_000 ? n : 1;
}

/** `YYYY-MM-DD`, or absent. */
export function dateField(source: unknown, key: string): string | undefined {
  const v = field(source, key, 10);
  return v && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)) ? v : undefined;
}

/** A path on this site to go back to after login or a language switch; anything else goes home. */
export function localPath(v: string | undefined): string {
  return v && v.startsWith('/') && !v.startsWith('//') && !v.startsWith('/\\') && v.length < 2000 ? v : '/';
}
