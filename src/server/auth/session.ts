import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { UserRecord } from '../../store/users-store.js';
import type { Auth, ConsoleContext } from '../context.js';
import { parseCookies, setCookie } from './cookies.js';

export const SESSION_COOKIE = 'sa_session';
/** Before login there is no session: the login form's token is a double-submit cookie. */
export const LOGIN_CSRF_COOKIE = 'sa_login_csrf';
export const LANG_COOKIE = 'sa_lang';
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const token = () => randomBytes(32).toString('base64url');
export const hashSessionId = (id: string): string => createHash('sha256').update(id).digest('hex');

export function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export const cookiesOf = (req: FastifyRequest): Map<string, string> => parseCookies(req.headers.cookie);

export async function loadSession(req: FastifyRequest, ctx: ConsoleContext): Promise<Auth | null> {
  const id = cookiesOf(req).get(SESSION_COOKIE);
  if (!id || id.length > 100) return null;
  return ctx.ws.store.users.session(hashSessionId(id), new Date().toISOString());
}

export async function startSession(reply: FastifyReply, ctx: ConsoleContext, user: UserRecord): Promise<void> {
  const id = token();
  const now = new Date();
  await ctx.ws.store.users.createSession({
    idHash: hashSessionId(id),
    userName: user.name,
    csrfToken: token(),
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + ctx.sessionHours * 3_600_000).toISOString(),
  });
  reply.header('set-cookie', [
    setCookie(SESSION_COOKIE, id, { secure: ctx.secureCookies, maxAgeSeconds: ctx.sessionHours * 3600 }),
    setCookie(LOGIN_CSRF_COOKIE, '', { secure: ctx.secureCookies, maxAgeSeconds: 0 }),
  ]);
}

export async function endSession(req: FastifyRequest, reply: FastifyReply, ctx: ConsoleContext): Promise<void> {
  if (req.auth) await ctx.ws.store.users.deleteSession(req.auth.session.idHash);
  reply.header('set-cookie', setCookie(SESSION_COOKIE, '', { secure: ctx.secureCookies, maxAgeSeconds: 0 }));
}

/** The login form's token: reuses the cookie's when there is one. */
export function loginCsrf(req: FastifyRequest, reply: FastifyReply, ctx: ConsoleContext): string {
  const existing = cookiesOf(req).get(LOGIN_CSRF_COOKIE);
  if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
  const t = token();
  reply.header('set-cookie', setCookie(LOGIN_CSRF_COOKIE, t, { secure: ctx.secureCookies }));
  return t;
}

/** The CSRF token a state change carries: a form field or, from the console's scripts, a header. */
export function sentCsrf(req: FastifyRequest): string | undefined {
  const h = req.headers[CSRF_HEADER];
  if (typeof h === 'string') return h;
  const body = req.body as Record<string, unknown> | undefined;
  const f = body?.[CSRF_FIELD];
  return typeof f === 'string' ? f : undefined;
}
