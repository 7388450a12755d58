import { messages } from '../../i18n.js';
import { loadAndRecordRegistry } from '../../registry/sync.js';
import type { RunRecord } from '../../store/store.js';
import { ALL_ROLES, RECORDS, type RouteDef } from '../context.js';
import { body, fields, param } from '../form.js';
import { html } from '../html.js';
import { can, csrfField, localTime, page, sendPage, w } from '../layout.js';
import { consoleWords } from '../words.js';

const statusWord = (lang: 'nl' | 'en', s: string): string => (messages(lang) as Record<string, string>)[s] ?? s;

function summary(run: RunRecord, lang: 'nl' | 'en') {
  const t = consoleWords(lang);
  return html`<table><thead><tr><th scope="col">${t.account}</th><th scope="col">${t.status}</th><th scope="col">${t.newItems}</th><th scope="col">${t.versions}</th><th scope="col">${messages(lang).edited}</th><th scope="col">${messages(lang).deleted}</th><th scope="col">${t.requests}</th></tr></thead><tbody>
${run.accounts.map((a) => html`<tr><th scope="row">${a.accountId}</th><td>${statusWord(lang, a.status)}${a.stop ? html` (${a.stop.reason})` : ''}</td><td>${a.stats.newItems}</td><td>${a.stats.newVersions}</td><td>${a.stats.edited}</td><td>${a.stats.deleted}</td><td>${a.stats.requests}</td></tr>`)}
</tbody></table>`;
}

export const runRoutes: RouteDef[] = [
  {
    method: 'GET',
    url: '/runs',
    access: ALL_ROLES,
    handler: async (req, reply, ctx) => {
      const t = w(req);
      const [runs, registry] = await Promise.all([ctx.ws.store.listRuns(50), ctx.ws.store.latestRegistry()]);
      const accounts = registry?.registry.accounts.filter((a) => a.status === 'active') ?? [];
      const start = can(req, 'records_manager')
        ? html`<form method="post" action="/runs" class="start">${csrfField(req)}<fieldset><legend>${t.startRun}</legend>
${accounts.map((a) => html`<label><input type="checkbox" name="account" value="${a.id}"> ${a.id} (${a.platform})</label>`)}
<p class="hint">${t.runHint}</p></fieldset><button type="submit">${t.startRun}</button></form>`
        : '';
      const body = html`${start}<section aria-labelledby="h-hist"><h2 id="h-hist">${t.runHistory}</h2>
<table><thead><tr><th scope="col">${t.started}</th><th scope="col">${t.finished}</th><th scope="col">${t.status}</th><th scope="col">${t.operator}</th><th scope="col">${t.accounts}</th><th scope="col">${t.newItems}</th></tr></thead><tbody>
${runs.map((r) => html`<tr><td><a href="/runs/${encodeURIComponent(r.id)}">${localTime(r.startedAt)}</a></td><td>${localTime(r.finishedAt)}</td><td>${statusWord(req.lang, r.status)}</td><td>${r.operator}</td><td>${r.accounts.map((a) => a.accountId).join(', ')}</td><td>${r.accounts.reduce((n, a) => n + a.stats.newItems, 0)}</td></tr>`)}
</tbody></table></section>`;
      return sendPage(reply, page(req, t.runs, body, { active: '/runs' }));
    },
  },
  {
    method: 'POST',
    url: '/runs',
    access: RECORDS,
    handler: async (req, reply, ctx) => {
      const actor = req.auth!.user.name;
      const { registry } = await loadAndRecordRegistry(ctx.ws.store, ctx.ws.registryFile, actor);
      const runId = await ctx.runs.start(registry, fields(body(req), 'account'), actor);
      return reply.redirect(`/runs/${encodeURIComponent(runId)}`, 303);
    },
  },
  {
    method: 'GET',
    url: '/runs/:id',
    access: ALL_ROLES,
    example: '/runs/unknown-run',
    handler: async (req, reply, ctx) => {
      const t = w(req);
      const id = param(req, 'id');
      const [run, live] = [await ctx.ws.store.getRun(id), ctx.runs.progress(id)];
      if (!run && !live) return reply.callNotFound();
      const body = html`<p>${t.started}: ${localTime(run?.startedAt)} · ${t.operator}: ${run?.operator ?? ''}</p>
<section aria-labelledby="h-progress" data-run="${id}" id="live"><h2 id="h-progress">${t.progress}</h2>
<p role="status" aria-live="polite">${t.stage}: <strong id="stage">${t.stages[live?.stage ?? (run?.finishedAt ? 'done' : 'capture')]}</strong> <span id="stage-detail"></span></p>
<table><thead><tr><th scope="col">${t.account}</th><th scope="col">${t.status}</th><th scope="col">${t.stage}</th><th scope="col">${t.newItems}</th><th scope="col">${t.versions}</th><th scope="col">${t.requests}</th></tr></thead>
<tbody id="accounts">${(live?.accounts ?? run?.accounts.map((a) => ({ accountId: a.accountId, status: a.status, phase: '', stats: a.stats })) ?? []).map(
        (a) => html`<tr data-account="${a.accountId}"><th scope="row">${a.accountId}</th><td class="status">${statusWord(req.lang, a.status)}</td><td class="phase">${a.phase}</td><td class="new">${a.stats?.newItems ?? 0}</td><td class="versions">${a.stats?.newVersions ?? 0}</td><td class="requests">${a.stats?.requests ?? 0}</td></tr>`,
      )}</tbody></table></section>
${run?.finishedAt ? html`<section aria-labelledby="h-sum"><h2 id="h-sum">${t.finished}: ${localTime(run.finishedAt)} (${statusWord(req.lang, run.status)})</h2>${summary(run, req.lang)}</section>` : ''}
<template id="words" data-stages="${JSON.stringify(t.stages)}" data-status="${JSON.stringify(messages(req.lang))}"></template>`;
      return sendPage(reply, page(req, `${t.runs}: ${id}`, body, { active: '/runs', script: 'run-progress.js' }));
    },
  },
  {
    method: 'GET',
    url: '/api/runs/:id/events',
    access: ALL_ROLES,
    example: '/api/runs/unknown-run/events',
    handler: async (req, reply, ctx) => {
      const id = param(req, 'id');
      const live = ctx.runs.progress(id);
      const run = live ? null : await ctx.ws.store.getRun(id);
      if (!live && !run) return reply.callNotFound();
      reply.hijack();
      const res = reply.raw;
      const headers = Object.fromEntries(Object.entries(reply.getHeaders()).map(([k, v]) => [k, String(v)]));
      res.writeHead(200, { ...headers, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
      const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      if (!live) {
        // A run of another process or an earlier one: its record is all there is.
        send('end', { runId: id, stage: 'done', status: run!.status, accounts: run!.accounts.map((a) => ({ accountId: a.accountId, status: a.status, phase: '', stats: a.stats })) });
        res.end();
        return;
      }
      send(live.stage === 'done' || live.stage === 'failed' ? 'end' : 'state', live);
      if (live.stage === 'done' || live.stage === 'failed') return void res.end();
      const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
      const stop = ctx.runs.subscribe(id, (p) => {
        const end = p.stage === 'done' || p.stage === 'failed';
        send(end ? 'end' : 'state', p);
        if (end) close();
      });
      const close = () => {
        clearInterval(keepAlive);
        stop();
        res.end();
      };
      req.raw.on('close', close);
    },
  },
];
