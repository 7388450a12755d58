import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { hashSessionId } from '../../src/server/auth/session.js';
import { routes } from '../../src/server/routes.js';
import { ROLES, type Role } from '../../src/store/users-store.js';
import { startConsoleFixture, USERS, type ConsoleFixture } from './fixture.js';

// The access matrix: every route of the console's one route table, for every role and without a
// session. No session: 302 to the login page. A role the route does not list: 403. A role it lists:
// neither of those. A state change without the session's CSRF token: 403, whatever the role.

let fx: ConsoleFixture;
let app: FastifyInstance;
let n = 0;

beforeAll(async () => {
  fx = await startConsoleFixture();
  app = fx.console.app;
}, 60_000);

afterAll(async () => {
  await fx?.close();
});

/** A fresh session per request, so that logging out in one check leaves the others alone. */
async function sessionOf(role: Role): Promise<{ cookie: string; csrf: string }> {
  const id = `session-${role}-${++n}-${'x'.repeat(20)}`;
  const csrf = `csrf-${role}-${n}`;
  const now = new Date();
  await fx.ws.store.users.createSession({ idHash: hashSessionId(id), userName: USERS[role], csrfToken: csrf, createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + 3_600_000).toISOString() });
  return { cookie: `sa_session=${id}`, csrf };
}

const urlOf = (r: (typeof routes)[number]) => r.example ?? r.url;

async function call(r: (typeof routes)[number], role: Role | null, withCsrf = true) {
  const s = role ? await sessionOf(role) : null;
  const headers: Record<string, string> = {};
  if (s) headers.cookie = s.cookie;
  if (r.method === 'POST') headers['content-type'] = 'application/x-www-form-urlencoded';
  const payload = r.method === 'POST' ? new URLSearchParams(s && withCsrf ? { _csrf: s.csrf } : {}).toString() : undefined;
  return app.inject({ method: r.method, url: urlOf(r), headers, payload });
}

describe('access matrix', () => {
  it('lists every route once, and a concrete example for every route with parameters', () => {
    const keys = routes.map((r) => `${r.method} ${r.url}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const r of routes) if (r.url.includes(':')) expect(r.example, r.url).toBeDefined();
    expect(routes.length).toBeGreaterThan(25);
  });

  for (const r of routes) {
    it(`${r.method} ${r.url}`, async () => {
      const anonymous = await call(r, null);
      if (r.access === 'public') {
        // The public form (login) checks its own double-submit token: posted bare, it is refused.
        expect(anonymous.statusCode).toBe(r.method === 'POST' ? 403 : anonymous.statusCode === 200 ? 200 : 302);
        expect(String(anonymous.headers.location ?? '')).not.toMatch(/^\/login/);
      } else {
        expect(anonymous.statusCode).toBe(302);
        expect(String(anonymous.headers.location)).toMatch(/^\/login/);
      }
      for (const role of ROLES) {
        const res = await call(r, role);
        const allowed = r.access === 'public' || r.access.includes(role);
        if (r.access === 'public' && r.method === 'POST') continue;
        if (allowed) {
          expect(res.statusCode, `${role}: ${res.body.slice(0, 300)}`).not.toBe(403);
          if (res.statusCode === 302) expect(String(res.headers.location)).not.toMatch(/^\/login/);
          expect(res.statusCode, role).toBeLessThan(500);
          if (r.method === 'GET' && r.access !== 'public' && !r.url.includes(':')) expect(res.statusCode, role).toBe(200);
        } else {
          expect(res.statusCode, role).toBe(403);
        }
        if (r.method === 'POST' && r.access !== 'public' && allowed) {
          const forged = await call(r, role, false);
          expect(forged.statusCode, `${role} without CSRF token`).toBe(403);
        }
      }
    });
  }

  it('refuses a login form posted without its token', async () => {
    const res = await app.inject({ method: 'POST', url: '/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'username=rita&password=x' });
    expect(res.statusCode).toBe(403);
  });

  it('sends the security headers and a CSP without inline script', async () => {
    const res = await app.inject({ method: 'GET', url: '/', headers: { cookie: (await sessionOf('auditor')).cookie } });
    expect(res.statusCode).toBe(200);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });
});
