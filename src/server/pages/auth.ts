import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { FastifyRequest } from 'fastify';
import { PACKAGE_ROOT } from '../../version.js';
import { DUMMY_HASH, verifyPassword } from '../auth/passwords.js';
import { setCookie } from '../auth/cookies.js';
import { cookiesOf, endSession, LANG_COOKIE, LOGIN_CSRF_COOKIE, loginCsrf, sameToken, sentCsrf, startSession } from '../auth/session.js';
import { ALL_ROLES, type RouteDef } from '../context.js';
import { body, field, localPath, param, query } from '../form.js';
import { html } from '../html.js';
import { message, page, sendPage, w } from '../layout.js';

const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

/** The console's scripts and styles, read once: only these names are served. */
const STATIC_DIR = join(PACKAGE_ROOT, 'src', 'server', 'static');
const STATIC = new Map(
  readdirSync(STATIC_DIR)
    .filter((f) => TYPES[extname(f)])
    .map((f) => [f, { type: TYPES[extname(f)]!, bytes: readFileSync(join(STATIC_DIR, f)) }]),
);

function loginForm(req: FastifyRequest, csrf: string, problem?: string): string {
  const t = w(req);
  const next = localPath(field(query(req), 'next') ?? field(body(req), 'next'));
  return page(
    req,
    t.login,
    html`${problem ? message('error', problem) : ''}
<form method="post" action="/login" class="login">
<input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="next" value="${next}">
<label for="username">${t.userName}</label><input id="username" name="username" autocomplete="username" required autofocus>
<label for="password">${t.password}</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">${t.login}</button></form>`,
  );
}

export const authRoutes: RouteDef[] = [
  {
    method: 'GET',
    url: '/login',
    access: 'public',
    handler: async (req, reply, ctx) => {
      if (req.auth) return reply.redirect(localPath(field(query(req), 'next')), 302);
      return sendPage(reply, loginForm(req, loginCsrf(req, reply, ctx)));
    },
  },
  {
    method: 'POST',
    url: '/login',
    access: 'public',
    handler: async (req, reply, ctx) => {
      const t = w(req);
      const csrf = cookiesOf(req).get(LOGIN_CSRF_COOKIE);
      if (!sameToken(sentCsrf(req), csrf)) return sendPage(reply, loginForm(req, loginCsrf(req, reply, ctx), t.csrf), 403);
      const name = field(body(req), 'username', 200) ?? '';
      const password = (body(req) as Record<string, unknown> | undefined)?.password;
      const keys = [`user:${name.toLowerCase()}`, `ip:${req.ip}`];
      const wait = ctx.throttle.waitMs(keys);
      if (wait > 0) return sendPage(reply, loginForm(req, csrf!, t.throttled(Math.ceil(wait / 1000))), 429);
      const user = await ctx.ws.store.users.user(name);
      const ok = await verifyPassword(typeof password === 'string' ? password : '', user?.passwordHash ?? DUMMY_HASH);
      if (!user || !ok || user.disabled) {
        ctx.throttle.failed(keys);
        return sendPage(reply, loginForm(req, csrf!, t.badLogin), 401);
      }
      ctx.throttle.succeeded(keys);
      await startSession(reply, ctx, user);
      return reply.redirect(localPath(field(body(req), 'next')), 303);
    },
  },
  {
    method: 'POST',
    url: '/logout',
    access: ALL_ROLES,
    handler: async (req, reply, ctx) => {
      await endSession(req, reply, ctx);
      return reply.redirect('/login', 303);
    },
  },
  {
    method: 'GET',
    url: '/lang/:lang',
    access: 'public',
    example: '/lang/en',
    handler: async (req, reply, ctx) => {
      const lang = param(req, 'lang') === 'en' ? 'en' : 'nl';
      reply.header('set-cookie', setCookie(LANG_COOKIE, lang, { secure: ctx.secureCookies, maxAgeSeconds: 365 * 86400 }));
      return reply.redirect(localPath(field(query(req), 'back')), 302);
    },
  },
  {
    method: 'GET',
    url: '/static/:file',
    access: 'public',
    example: '/static/console.css',
    handler: async (req, reply) => {
      const f = STATIC.get(param(req, 'file'));
      if (!f) return reply.callNotFound();
      return reply.header('cache-control', 'public, max-age=300').type(f.type).send(f.bytes);
    },
  },
];
