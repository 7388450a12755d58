// X ids are Snowflakes beyond 2^53: strings that must never become JS numbers. Older ids (before
// November 2010) are plain sequence numbers; both order as the platform documents, by value.

/** Ascending by numeric value: a shorter string is smaller, equal lengths compare lexically. */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

export const maxId = (ids: Iterable<string>): string | undefined => {
  let m: string | undefined;
  for (const id of ids) if (m === undefined || compareIds(id, m) > 0) m = id;
  return m;
};

export const isId = (s: unknown): s is string => typeof s === 'string' && /^[1-9][0-9]{0,19}$/.test(s);

/** The Twitter epoch of Snowflake ids (2010-11-04T01:42:54.657Z). */
const EPOCH = 1288834974657n;
/** The first Snowflake ids; smaller ones are older sequence numbers without a time in them. */
const FIRST_SNOWFLAKE = 29_700_859_247n;

/** When a Snowflake id was made, to the second, as X writes `created_at`; null for older ids. */
export function snowflakeTime(id: string): string | null {
  if (!isId(id)) return null;
  const n = BigInt(id);
  if (n < FIRST_SNOWFLAKE) return null;
  const ms = Number((n >> 22n) + EPOCH);
  return new Date(ms - (ms % 1000)).toISOString();
}
