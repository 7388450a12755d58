import type { FastifyRequest } from 'fastify';
import { DECISION_ACTIONS, type DecisionAction } from '../../domain/types.js';
import { UserError } from '../../domain/errors.js';
import { decideBulk, decideFindings, queueItem, reviewQueue, type QueueFilter } from '../../privacy/review-queue.js';
import { decisionKind } from '../../privacy/review/format.js';
import { categoryLabel, suggestedLabel } from '../../privacy/review/labels.js';
import { ALL_CATEGORIES } from '../../privacy/review/select.js';
import { PRIVACY, PRIVACY_READ, type ConsoleContext, type RouteDef } from '../context.js';
import { body, dateField, field, fields, pageNumber, param, query } from '../form.js';
import { html, type Html } from '../html.js';
import { can, csrfField, localTime, message, page, sendPage, w } from '../layout.js';
import { itemCard } from './item-view.js';

const PAGE_SIZE = 25;

function filterOf(source: unknown): QueueFilter {
  const account = field(source, 'account', 200);
  const category = field(source, 'category', 50);
  return {
    accountIds: account ? [account] : undefined,
    categories: category && ALL_CATEGORIES.includes(category) ? [category] : undefined,
    from: dateField(source, 'from'),
    to: dateField(source, 'to'),
  };
}

/** The filter as query parameters, to carry it from the queue to an item and back. */
function filterQuery(f: QueueFilter): string {
  const p = new URLSearchParams();
  if (f.accountIds?.[0]) p.set('account', f.accountIds[0]);
  if (f.categories?.[0]) p.set('category', f.categories[0]);
  if (f.from) p.set('from', f.from);
  if (f.to) p.set('to', f.to);
  const s = p.toString();
  return s ? `?${s}` : '';
}

async function accountIds(ctx: ConsoleContext): Promise<string[]> {
  return (await ctx.reads.get('registry', () => ctx.ws.store.latestRegistry()))?.registry.accounts.map((a) => a.id) ?? [];
}

function filterForm(req: FastifyRequest, f: QueueFilter, accounts: string[]): Html {
  const t = w(req);
  return html`<form method="get" action="/review" class="filters" role="search"><fieldset><legend>${t.filters}</legend>
<label for="f-account">${t.account}</label><select id="f-account" name="account"><option value="">${t.allAccounts}</option>${accounts.map((a) => html`<option${f.accountIds?.[0] === a ? html` selected` : ''}>${a}</option>`)}</select>
<label for="f-category">${t.category}</label><select id="f-category" name="category"><option value="">${t.allCategories}</option>${ALL_CATEGORIES.map((c) => html`<option value="${c}"${f.categories?.[0] === c ? html` selected` : ''}>${categoryLabel(c, req.lang)}</option>`)}</select>
<label for="f-from">${t.from}</label><input id="f-from" name="from" type="date" value="${f.from ?? ''}">
<label for="f-to">${t.to}</label><input id="f-to" name="to" type="date" value="${f.to ?? ''}">
<button type="submit">${t.apply}</button></fieldset></form>`;
}

function bulkForm(req: FastifyRequest, accounts: string[]): Html {
  const t = w(req);
  return html`<details><summary>${t.bulk}</summary><form method="post" action="/review/bulk" class="bulk">${csrfField(req)}<p>${t.bulkHelp}</p>
<label for="b-account">${t.account}</label><select id="b-account" name="account" required>${accounts.map((a) => html`<option>${a}</option>`)}</select>
<label for="b-category">${t.category}</label><select id="b-category" name="category" required multiple size="6">${ALL_CATEGORIES.map((c) => html`<option value="${c}">${categoryLabel(c, req.lang)}</option>`)}</select>
<label for="b-from">${t.from}</label><input id="b-from" name="from" type="date">
<label for="b-to">${t.to}</label><input id="b-to" name="to" type="date">
<label for="b-action">${t.decide}</label><select id="b-action" name="action">${DECISION_ACTIONS.map((a) => html`<option value="${a}">${decisionKind({ action: a } as never, req.lang)}</option>`)}</select>
<label for="b-reason">${t.reason}</label><input id="b-reason" name="reason" required maxlength="2000">
<button type="submit">${t.decide}</button></form></details>`;
}

/** The next item of the queue after a decision (the same filter), or the queue itself when it is empty. */
async function nextInQueue(ctx: ConsoleContext, f: QueueFilter, decided: number): Promise<string> {
  const { entries } = await reviewQueue(ctx.ws, f, { limit: 1, offset: 0 });
  const q = filterQuery(f);
  return entries[0] ? `/review/item/${entries[0].itemId}${q}` : `/review${q}${q ? '&' : '?'}decided=${decided}`;
}

export const reviewRoutes: RouteDef[] = [
  {
    method: 'GET',
    url: '/review',
    access: PRIVACY_READ,
    handler: async (req, reply, ctx) => {
      const t = w(req);
      const f = filterOf(query(req));
      const pageNo = pageNumber(query(req));
      const [queue, accounts] = await Promise.all([ctx.reads.get(`queue:${JSON.stringify([f, pageNo])}`, () => reviewQueue(ctx.ws, f, { limit: PAGE_SIZE, offset: (pageNo - 1) * PAGE_SIZE })), accountIds(ctx)]);
      const decided = Number(field(query(req), 'decided', 6));
      const q = filterQuery(f);
      const pages = Math.max(1, Math.ceil(queue.total / PAGE_SIZE));
      const pageLink = (n: number) => `/review${q}${q ? '&' : '?'}page=${n}`;
      const body = html`${decided > 0 ? message('ok', t.decided(decided)) : ''}${filterForm(req, f, accounts)}
${can(req, 'privacy_officer') ? bulkForm(req, accounts) : ''}
<p role="status">${queue.total} ${t.item.toLowerCase()}(s)</p>
${queue.entries.length === 0 ? html`<p>${t.queueEmpty}</p>` : html`<ol class="queue">${queue.entries.map(
        (e) => html`<li data-item="${e.itemId}"><a href="/review/item/${e.itemId}${q}">${e.accountId}/${e.platformId}</a> · ${localTime(e.publishedAt)} · ${e.open.length}×
<ul class="tags">${e.open.slice(0, 6).map((o) => html`<li>${categoryLabel(o.category, req.lang)}${o.text ? html`: <q>${o.text}</q>` : ''}</li>`)}</ul></li>`,
      )}</ol>`}
${pages > 1 ? html`<nav aria-label="${t.page}" class="pager">${pageNo > 1 ? html`<a href="${pageLink(pageNo - 1)}" rel="prev">${t.previous}</a>` : ''} ${t.page} ${pageNo} ${t.of} ${pages} ${pageNo < pages ? html`<a href="${pageLink(pageNo + 1)}" rel="next">${t.next}</a>` : ''}</nav>` : ''}`;
      return sendPage(reply, page(req, t.queue, body, { active: '/review' }));
    },
  },
  {
    method: 'GET',
    url: '/review/item/:itemId',
    access: PRIVACY_READ,
    example: '/review/item/1',
    handler: async (req, reply, ctx) => {
      const t = w(req);
      const itemId = Number(param(req, 'itemId'));
      const d = Number.isSafeInteger(itemId) ? await queueItem(ctx.ws, itemId, req.lang) : null;
      if (!d) return reply.callNotFound();
      const f = filterOf(query(req));
      const v = d.version;
      const decider = can(req, 'privacy_officer');
      const open = d.findings.filter((x) => x.reported && !x.decision);
      const parent =
        d.parent === null ? '' : d.parent === 'missing' ? html`<p class="context">${t.inReplyTo}: ${t.parentMissing}</p>` : html`<section class="context" aria-label="${t.inReplyTo}"><h2>${t.inReplyTo}</h2>${itemCard(d.parent.version, d.parent.item, [], req.lang, t.inReplyTo)}</section>`;
      const findingRows = d.findings.map(
        (x) => html`<li class="finding${x.decision ? ' decided' : ''}" ${!x.decision && decider ? html`tabindex="0" data-finding="${x.id}"` : ''} aria-labelledby="fh-${x.id}">
<h3 id="fh-${x.id}">F${x.id} · ${categoryLabel(x.category, req.lang)}${x.text ? html`: <a href="#mark-F${x.id}"><q>${x.text}</q></a>` : ''}</h3>
<p>${t.confidence} ${Math.round(x.confidence * 100)}% · ${t.suggestion}: ${suggestedLabel(x.suggested, req.lang)} · ${x.rule}${x.decision ? html` · <strong>${decisionKind(x.decision, req.lang)}</strong> (${x.decision.actor}, ${localTime(x.decision.at)})` : ''}</p>
${!x.decision && decider ? html`<div class="decide" role="group" aria-label="${t.decide} F${x.id}">
<button type="submit" name="decision" value="${x.id}:keep" data-key="k">${t.keep}</button>
<button type="submit" name="decision" value="${x.id}:restrict" data-key="b">${t.restrict}</button>
<button type="submit" name="decision" value="${x.id}:redact" data-key="a">${t.redact}</button></div>` : ''}</li>`,
      );
      const body = html`<p><a href="/review${filterQuery(f)}">← ${t.queue}</a> · ${t.version} ${v.versionIndex + 1} ${t.of} ${v.versionCount}</p>
${parent}
<section aria-label="${t.item}">${itemCard(v, d.item, d.findings, req.lang, `${v.accountId}/${v.platformId}`)}</section>
<form method="post" action="/review/decide" id="decide-form">${csrfField(req)}
<input type="hidden" name="itemId" value="${itemId}">${['account', 'category', 'from', 'to'].map((k) => (field(query(req), k) ? html`<input type="hidden" name="${k}" value="${field(query(req), k) ?? ''}">` : ''))}
${decider && open.length ? html`<p class="hint" id="keys-help">${t.keysHelp}</p><label for="reason">${t.reason}</label><input id="reason" name="reason" value="${t.defaultReason}" maxlength="2000" required>` : ''}
<ol class="findings" aria-describedby="keys-help">${findingRows}</ol></form>
<section aria-labelledby="h-audit"><h2 id="h-audit">${t.auditTrail}</h2>
<table><thead><tr><th scope="col">${t.when}</th><th scope="col">${t.who}</th><th scope="col">${t.changes}</th></tr></thead><tbody>
${d.audit.map((a) => html`<tr><td>${localTime(a.at)}</td><td>${a.actor}</td><td>${a.action} ${a.subject} ${summarise(a.details)}</td></tr>`)}</tbody></table></section>`;
      return sendPage(reply, page(req, `${t.review}: ${v.accountId}/${v.platformId}`, body, { active: '/review', script: decider ? 'review-keys.js' : undefined }));
    },
  },
  {
    method: 'POST',
    url: '/review/decide',
    access: PRIVACY,
    handler: async (req, reply, ctx) => {
      const m = /^(\d+):(keep|restrict|redact)$/.exec(field(body(req), 'decision', 40) ?? '');
      if (!m) throw new UserError('review.bad-decision', req.lang === 'en' ? 'choose keep, restrict or redact for a finding' : 'kies behouden, beperken of afschermen voor een bevinding');
      const itemId = Number(field(body(req), 'itemId', 20));
      const r = await decideFindings(ctx.ws, [Number(m[1])], { action: m[2] as DecisionAction, reason: field(body(req), 'reason', 2000), actor: req.auth!.user.name });
      const f = filterOf(body(req));
      const stillOpen = (await queueItem(ctx.ws, itemId, req.lang))?.findings.some((x) => x.reported && !x.decision);
      return reply.redirect(stillOpen ? `/review/item/${itemId}${filterQuery(f)}` : await nextInQueue(ctx, f, r.decisions.length), 303);
    },
  },
  {
    method: 'POST',
    url: '/review/bulk',
    access: PRIVACY,
    handler: async (req, reply, ctx) => {
      const account = field(body(req), 'account', 200);
      const categories = fields(body(req), 'category', 50);
      const action = field(body(req), 'action', 20) ?? '';
      if (!account || !categories.length) throw new UserError('review.bulk-selection', req.lang === 'en' ? 'choose an account and at least one category' : 'kies een account en ten minste één categorie');
      const r = await decideBulk(ctx.ws, { accountId: account, categories, from: dateField(body(req), 'from'), to: dateField(body(req), 'to') }, { action, reason: field(body(req), 'reason', 2000), actor: req.auth!.user.name });
      return reply.redirect(`/review?decided=${r.decisions.length}`, 303);
    },
  },
];

function summarise(details: unknown): string {
  if (!details || typeof details !== 'object') return '';
  const d = details as Record<string, unknown>;
  return ['action', 'category', 'reason'].filter((k) => typeof d[k] === 'string').map((k) => `${k}: ${String(d[k])}`).join(' · ');
}
