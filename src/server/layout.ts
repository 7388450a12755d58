import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../store/users-store.js';
import { html, type Html } from './html.js';
import { CSRF_FIELD } from './auth/session.js';
import { consoleWords, type ConsoleWords } from './words.js';

export const w = (req: FastifyRequest): ConsoleWords => consoleWords(req.lang);

const MENU: { path: string; word: keyof ConsoleWords; roles: readonly Role[] }[] = [
  { path: '/', word: 'dashboard', roles: ['records_manager', 'privacy_officer', 'auditor'] },
  { path: '/registry', word: 'registry', roles: ['records_manager', 'privacy_officer', 'auditor'] },
  { path: '/runs', word: 'runs', roles: ['records_manager', 'privacy_officer', 'auditor'] },
  { path: '/review', word: 'review', roles: ['privacy_officer', 'auditor'] },
  { path: '/archive', word: 'archive', roles: ['records_manager', 'privacy_officer', 'auditor'] },
  { path: '/transfers', word: 'transfers', roles: ['records_manager', 'privacy_officer', 'auditor'] },
];

/** The hidden field every state-changing form carries. */
export const csrfField = (req: FastifyRequest): Html => html`<input type="hidden" name="${CSRF_FIELD}" value="${req.auth?.session.csrfToken ?? ''}">`;

export const can = (req: FastifyRequest, ...roles: Role[]): boolean => !!req.auth && roles.includes(req.auth.user.role);

/** A whole page: the menu for the user's role, the language switch, and `body` as the main content. */
export function page(req: FastifyRequest, title: string, body: Html, opts: { active?: string; script?: string } = {}): string {
  const t = w(req);
  const auth = req.auth;
  const here = req.url.length < 2000 ? req.url : '/';
  const nav = auth
    ? html`<nav aria-label="${t.nav}"><ul>${MENU.filter((m) => m.roles.includes(auth.user.role)).map(
        (m) => html`<li><a href="${m.path}"${opts.active === m.path ? html` aria-current="page"` : ''}>${t[m.word] as string}</a></li>`,
      )}</ul></nav>
      <div class="who"><span>${t.loggedInAs} <strong>${auth.user.name}</strong> (${t.roles[auth.user.role]})</span>
      <form method="post" action="/logout">${csrfField(req)}<button type="submit">${t.logout}</button></form></div>`
    : '';
  return html`<!doctype html>
<html lang="${req.lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${t.appName}</title>
<link rel="stylesheet" href="/static/console.css">
${opts.script ? html`<script type="module" src="/static/${opts.script}"></script>` : ''}
</head>
<body>
<a class="skip" href="#main">${t.skip}</a>
<header><span class="app">${t.appName}</span>${nav}
<a class="lang" href="/lang/${req.lang === 'en' ? 'nl' : 'en'}?back=${encodeURIComponent(here)}" lang="${req.lang === 'en' ? 'nl' : 'en'}">${t.switchLang}</a></header>
<main id="main" tabindex="-1"><h1>${title}</h1>
${body}
</main>
</body></html>`.value;
}

export function sendPage(reply: FastifyReply, markup: string, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(markup);
}

// One formatter for every time shown: making an Intl formatter per call costs more than a page.
const AMSTERDAM = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });

/** `YYYY-MM-DD HH:MM` in Amsterdam time, as people read it. */
export function localTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : AMSTERDAM.format(d);
}

export const message = (kind: 'ok' | 'error', content: Html | string): Html =>
  html`<div class="message ${kind}" role="${kind === 'error' ? 'alert' : 'status'}">${content}</div>`;
