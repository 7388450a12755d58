// Identifiers and deterministic randomness for the fake Mastodon server.
// Mastodon ids are Snowflake-like: (milliseconds << 16) | 16 low bits, sent as decimal strings
// that exceed 2^53, so they are built and compared as strings/BigInt, never as JS numbers.

/** A Mastodon-style id for a moment, with `low` as the 16 low bits. */
export function snowflake(ms: number, low: number): string {
  return ((BigInt(ms) << 16n) | BigInt(low & 0xffff)).toString();
}

/** The millisecond timestamp inside a Snowflake id. */
export function snowflakeMs(id: string): number {
  return Number(BigInt(id) >> 16n);
}

/** Mastodon's documented order for ids: shorter is older, equal length compares lexically. */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** True for a decimal id string as Mastodon issues them (a query parameter may be anything). */
export function isNumericId(s: string): boolean {
  return /^[0-9]{1,20}$/.test(s);
}

/** 32-bit FNV-1a hash of a string: small, stable seeds for everything derived from names. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** `len` lowercase hex characters derived from `seed` (Mastodon file names are 16 hex chars). */
export function hexFrom(seed: string, len = 16): string {
  let out = '';
  for (let i = 0; out.length < len; i++) out += hash32(`${seed}#${i}`).toString(16).padStart(8, '0');
  return out.slice(0, len);
}

/** Paperclip's `:id_partition`: the id zero-padded to 9 digits, in groups of three. */
export function idPartition(id: string): string {
  return (id.padStart(9, '0').match(/\d{3}/g) ?? []).join('/');
}

/** Seeded PRNG (mulberry32): same seed, same sequence, on every machine. */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

export function rng(seed: number): Rng {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => items[int(items.length)] as T,
    chance: (p: number): boolean => next() < p,
  };
}

/** Allocates unique Snowflake ids for moments; low bits look random like Mastodon's. */
export class IdAllocator {
  private readonly used = new Set<string>();

  constructor(private readonly salt: string) {}

  /** A fresh id for `ms`; `key` makes the low bits stable whatever the allocation order. */
  forTime(ms: number, key: string): string {
    let low = hash32(`${this.salt}:${key}`) & 0xffff;
    for (;;) {
      const id = snowflake(ms, low);
      if (!this.used.has(id)) {
        this.used.add(id);
        return id;
      }
      low = (low + 1) & 0xffff;
    }
  }
}
