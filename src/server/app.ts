import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { isUserError } from '../domain/errors.js';
import type { Lang } from '../i18n.js';
import { cookiesOf, LANG_COOKIE, loadSession, sameToken, sentCsrf } from './auth/session.js';
import type { ConsoleContext, RouteDef } from './context.js';
import { html } from './html.js';
import { message, page, sendPage, w } from './layout.js';
import { routes } from './routes.js';

/** Forms are small: a registry entry in YAML is the largest thing a person types. */
const BODY_LIMIT = 256 * 1024;

// Scripts only from our own static files; no inline script or style, no framing, no plugins.
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

export type FormBody = Record<string, string | string[]>;

function parseForm(text: string): FormBody {
  const out: FormBody = {};
  for (const [k, v] of new URLSearchParams(text)) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

function deny(req: FastifyRequest, reply: FastifyReply, route: RouteDef): FastifyReply | null {
  if (route.access === 'public') return null;
  if (!req.auth) {
    const next = req.method === 'GET' ? `?next=${encodeURIComponent(req.url)}` : '';
    return reply.redirect(`/login${next}`, 302);
  }
  if (!route.access.includes(req.auth.user.role)) return sendPage(reply, page(req, w(req).forbidden, html``), 403);
  if (route.method === 'POST' && !sameToken(sentCsrf(req), req.auth.session.csrfToken)) {
    return sendPage(reply, page(req, w(req).csrf, html``), 403);
  }
  return null;
}

export async function buildApp(ctx: ConsoleContext, table: readonly RouteDef[] = routes): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, bodyLimit: BODY_LIMIT, trustProxy: false });
  app.decorateRequest('auth', null);
  app.decorateRequest('lang', 'nl');
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, parseForm(body as string)));
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(Object.assign(new Error('invalid JSON'), { statusCode: 400 }), undefined);
    }
  });

  app.addHook('onRequest', async (req, reply) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) reply.header(k, v);
    reply.header('cache-control', 'no-store');
    const lang = cookiesOf(req).get(LANG_COOKIE);
    req.lang = (lang === 'en' ? 'en' : 'nl') satisfies Lang;
    req.auth = await loadSession(req, ctx);
  });

  for (const route of table) {
    app.route({
      method: route.method,
      url: route.url,
      handler: async (req, reply) => {
        const denied = deny(req, reply, route);
        if (denied) return denied;
        if (route.method === 'POST') ctx.reads.clear();
        try {
          return await route.handler(req, reply, ctx);
        } finally {
          if (route.method === 'POST') ctx.reads.clear();
        }
      },
    });
  }

  app.setNotFoundHandler((req, reply) => sendPage(reply, page(req, w(req).notFound, html``), 404));
  app.setErrorHandler((err, req, reply) => {
    if (isUserError(err)) {
      return sendPage(reply, page(req, w(req).error, message('error', html`${err.message}${err.details?.length ? html`<ul>${err.details.map((d) => html`<li>${d}</li>`)}</ul>` : ''}`)), 400);
    }
    const status = (err as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) return sendPage(reply, page(req, w(req).error, message('error', (err as Error).message)), status);
    ctx.ws.log.error({ err }, 'console request failed');
    return sendPage(reply, page(req, w(req).error, message('error', w(req).error)), 500);
  });
  return app;
}
