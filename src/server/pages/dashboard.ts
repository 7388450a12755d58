import type { Account } from '../../domain/types.js';
import { messages } from '../../i18n.js';
import { schedulerState } from '../../scheduler/index.js';
import { ALL_ROLES, type RouteDef } from '../context.js';
import { html } from '../html.js';
import { localTime, page, sendPage, w } from '../layout.js';

const groupBy = <T>(xs: T[], key: (x: T) => string): Map<string, T[]> => {
  const m = new Map<string, T[]>();
  for (const x of xs) m.set(key(x), [...(m.get(key(x)) ?? []), x]);
  return m;
};

export const dashboardRoutes: RouteDef[] = [
  {
    method: 'GET',
    url: '/',
    access: ALL_ROLES,
    handler: async (req, reply, ctx) => {
      const t = w(req);
      const s = messages(req.lang);
      const store = ctx.ws.store;
      const [registry, runs, open, transfers] = await Promise.all([ctx.reads.get('registry', () => store.latestRegistry()), store.listRuns(5), ctx.reads.get('countOpen', () => store.privacy.countOpen()), store.transfers.transfers()]);
      const schedule = registry ? await schedulerState(store, registry.registry, new Date()) : [];
      const accounts: Account[] = registry?.registry.accounts ?? [];
      const byStatus = groupBy(accounts, (a) => a.status);
      const awaiting = transfers.filter((x) => !x.receipt);
      const failures = schedule.filter((x) => x.lastFailure);
      const body = html`
<div class="cards">
<section aria-labelledby="h-status"><h2 id="h-status">${t.accountsByStatus}</h2>
<dl>${[...byStatus].map(([status, list]) => html`<dt>${status}</dt><dd>${list.length}: ${list.map((a, i) => html`${i ? ', ' : ''}<a href="/registry/${encodeURIComponent(a.id)}">${a.id}</a>`)}</dd>`)}</dl></section>
<section aria-labelledby="h-open"><h2 id="h-open">${t.openFindings}</h2><p class="big" data-testid="open-findings">${open}</p></section>
<section aria-labelledby="h-await"><h2 id="h-await">${t.awaitingReceipt}</h2><p class="big">${awaiting.length}</p>
<ul>${awaiting.slice(0, 5).map((x) => html`<li><a href="/transfers/${x.id}">T${x.id} ${x.title}</a></li>`)}</ul></section>
</div>
<section aria-labelledby="h-runs"><h2 id="h-runs">${t.lastRuns}</h2>
${runs.length ? html`<table><thead><tr><th scope="col">${t.started}</th><th scope="col">${t.status}</th><th scope="col">${t.accounts}</th></tr></thead><tbody>
${runs.map((r) => html`<tr><td><a href="/runs/${encodeURIComponent(r.id)}">${localTime(r.startedAt)}</a></td><td>${(s as Record<string, string>)[r.status] ?? r.status}</td><td>${r.accounts.map((a) => a.accountId).join(', ')}</td></tr>`)}
</tbody></table>` : html`<p>${t.none}</p>`}</section>
<section aria-labelledby="h-next"><h2 id="h-next">${t.nextRuns}</h2>
${ctx.schedulerRunning ? '' : html`<p>${t.schedulerOff}</p>`}${html`<table><thead><tr><th scope="col">${t.account}</th><th scope="col">${t.lastRuns}</th><th scope="col">${t.nextRuns}</th><th scope="col">${t.failures}</th></tr></thead><tbody>
${schedule.map((x) => html`<tr><td>${x.accountId}</td><td>${x.lastRun ? html`<a href="/runs/${encodeURIComponent(x.lastRun.runId)}">${localTime(x.lastRun.startedAt)}</a> ${(s as Record<string, string>)[x.lastRun.status] ?? x.lastRun.status}` : ''}</td><td>${x.schedule ?? ''} ${localTime(x.nextRun)}</td><td>${x.lastFailure ? html`${localTime(x.lastFailure.at)}: ${x.lastFailure.reason}` : ''}</td></tr>`)}
</tbody></table>`}
${failures.length ? html`<p class="message error" role="alert">${t.failures}: ${failures.map((f) => f.accountId).join(', ')}</p>` : ''}</section>`;
      return sendPage(reply, page(req, t.dashboard, body, { active: '/' }));
    },
  },
];
