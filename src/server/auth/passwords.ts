import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { UserError } from '../../domain/errors.js';

// Passwords are stored as `scrypt$N$r$p$salt$hash` (base64), so the cost can be raised later
// without invalidating the hashes already stored.

const COST = { N: 16384, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
export const MIN_PASSWORD = 12;
export const MAX_PASSWORD = 1024;

const derive = (password: string, salt: Buffer, o: ScryptOptions): Promise<Buffer> =>
  new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, { ...o, maxmem: 64 * 1024 * 1024 }, (e, key) => (e ? reject(e) : resolve(key))),
  );

export function checkNewPassword(password: string): string {
  if (password.length < MIN_PASSWORD) throw new UserError('users.weak-password', `a password needs at least ${MIN_PASSWORD} characters`);
  if (password.length > MAX_PASSWORD) throw new UserError('users.long-password', `a password has at most ${MAX_PASSWORD} characters`);
  return password;
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(checkNewPassword(password), salt, COST);
  return `scrypt$${COST.N}$${COST.r}$${COST.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, key] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !key || password.length > MAX_PASSWORD) return false;
  const want = Buffer.from(key, 'base64');
  const got = await derive(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
  return got.length === want.length && timingSafeEqual(got, want);
}

/** A hash to verify against when the user does not exist, so a missing user takes as long as a wrong password. */
export const DUMMY_HASH = `scrypt$${COST.N}$${COST.r}$${COST.p}$${Buffer.alloc(16).toString('base64')}$${Buffer.alloc(KEY_BYTES).toString('base64')}`;
