import type { FastifyRequest } from 'fastify';
import type { SearchQuery } from '../../store/search-store.js';
import type { Snippet } from '../../search/snippet.js';
import { selectWooItems, wooCsv, wooPdf } from '../../woo/index.js';
import { ALL_ROLES, type RouteDef } from '../context.js';
import type { Role } from '../../store/users-store.js';
import { body, dateField, field, pageNumber, param, query } from '../form.js';
import { html, type Html } from '../html.js';
import { can, csrfField, localTime, page, sendPage, w } from '../layout.js';

const PAGE_SIZE = 25;
/** A Woo export hands out archive content: the records manager and the privacy officer answer Woo requests. */
const WOO: readonly Role[] = ['records_manager', 'privacy_officer'];

function wooForm(req: FastifyRequest): Html {
  const t = w(req);
  const q = query(req);
  const keep = ['q', 'account', 'from', 'to'].map((k) => (field(q, k, 500) ? html`<input type="hidden" name="${k}" value="${field(q, k, 500) ?? ''}">` : ''));
  return html`<form method="post" action="/archive/woo-export" class="woo">${csrfField(req)}${keep}<fieldset><legend>${t.wooExport}</legend>
<label><input type="radio" name="format" value="csv" checked> CSV</label><label><input type="radio" name="format" value="pdf"> PDF</label></fieldset>
<button type="submit">${t.wooExport}</button></form>`;
}

const tri = (v: string | undefined): boolean | undefined => (v === 'yes' ? true : v === 'no' ? false : undefined);

function snippetHtml(s: Snippet): Html {
  const parts: Html[] = [];
  let at = 0;
  for (const [start, end] of s.marks) {
    if (start < at) continue;
    parts.push(html`${s.text.slice(at, start)}<mark>${s.text.slice(start, end)}</mark>`);
    at = end;
  }
  parts.push(html`${s.text.slice(at)}`);
  return html`${parts}`;
}

function searchForm(req: FastifyRequest, accounts: string[]): Html {
  const t = w(req);
  const q = query(req);
  const choice = (name: string, label: string) => {
    const v = field(q, name, 3);
    return html`<label for="s-${name}">${label}</label><select id="s-${name}" name="${name}">${[['', t.any], ['yes', t.yes], ['no', t.no]].map(([value, text]) => html`<option value="${value}"${v === value || (!v && value === '') ? html` selected` : ''}>${text}</option>`)}</select>`;
  };
  return html`<form method="get" action="/archive" role="search" class="filters"><fieldset><legend>${t.search}</legend>
<label for="s-q">${t.searchWords}</label><input id="s-q" name="q" type="search" value="${field(q, 'q', 500) ?? ''}">
<label for="s-account">${t.account}</label><select id="s-account" name="account"><option value="">${t.allAccounts}</option>${accounts.map((a) => html`<option${field(q, 'account') === a ? html` selected` : ''}>${a}</option>`)}</select>
<label for="s-from">${t.from}</label><input id="s-from" name="from" type="date" value="${dateField(q, 'from') ?? ''}">
<label for="s-to">${t.to}</label><input id="s-to" name="to" type="date" value="${dateField(q, 'to') ?? ''}">
${choice('deleted', t.deletedOnly)}${choice('edited', t.editedOnly)}
<button type="submit">${t.search}</button></fieldset></form>`;
}

export const archiveRoutes: RouteDef[] = [
  {
    method: 'GET',
    url: '/archive',
    access: ALL_ROLES,
    handler: async (req, reply, ctx) => {
      const t = w(req);
      const q = query(req);
      const pageNo = pageNumber(q);
      const account = field(q, 'account', 200);
      const sq: SearchQuery = {
        text: field(q, 'q', 500),
        accountIds: account ? [account] : undefined,
        from: dateField(q, 'from'),
        to: dateField(q, 'to'),
        deleted: tri(field(q, 'deleted', 3)),
        edited: tri(field(q, 'edited', 3)),
        limit: PAGE_SIZE,
        offset: (pageNo - 1) * PAGE_SIZE,
      };
      const [result, registry] = await Promise.all([ctx.reads.get(`search:${JSON.stringify(sq)}`, () => ctx.ws.store.search.search(sq)), ctx.reads.get('registry', () => ctx.ws.store.latestRegistry())]);
      const params = new URLSearchParams(Object.entries((q ?? {}) as Record<string, string>).filter(([k, v]) => k !== 'page' && typeof v === 'string'));
      const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
      const pageLink = (n: number) => `/archive?${params.toString()}&page=${n}`;
      const body = html`${searchForm(req, registry?.registry.accounts.map((a) => a.id) ?? [])}
<p role="status">${t.results(result.total)}</p>
${can(req, ...WOO) && result.total > 0 ? wooForm(req) : ''}
<ol class="hits">${result.hits.map(
        (h) => html`<li><a href="/archive/item/${encodeURIComponent(h.accountId)}/${encodeURIComponent(h.platformId)}">${h.accountId}/${h.platformId}</a>
· ${h.kind} · @${h.author.handle} · ${localTime(h.createdAt)}${h.deleted ? html` · <span class="deleted">${t.deletedOnly.toLowerCase()}</span>` : ''}${h.edited ? html` · ${t.editedOnly.toLowerCase()} (${h.versionCount} ${t.versions})` : ''}
<p class="snippet">${snippetHtml(h.snippet)}</p></li>`,
      )}</ol>
${pages > 1 ? html`<nav aria-label="${t.page}" class="pager">${pageNo > 1 ? html`<a href="${pageLink(pageNo - 1)}" rel="prev">${t.previous}</a>` : ''} ${t.page} ${pageNo} ${t.of} ${pages} ${pageNo < pages ? html`<a href="${pageLink(pageNo + 1)}" rel="next">${t.next}</a>` : ''}</nav>` : ''}`;
      return sendPage(reply, page(req, t.archive, body, { active: '/archive' }));
    },
  },
  {
    method: 'GET',
    url: '/archive/item/:account/:platformId',
    access: ALL_ROLES,
    example: '/archive/item/voorbeeldstad/1',
    handler: async (req, reply, ctx) => {
      const t = w(req);
      const account = param(req, 'account');
      const platformId = param(req, 'platformId');
      const versions = await ctx.ws.store.search.versions(account, platformId);
      if (!versions.length) return reply.callNotFound();
      const body = html`<p><a href="/archive">← ${t.archive}</a></p><h2>${t.allVersions} (${versions.length})</h2>
<ol class="versions">${versions.map(
        (v, i) => html`<li><h3>${t.version} ${i + 1}: ${localTime(v.versionAt)}</h3><p class="meta">${t.captured} ${localTime(v.capturedAt)} · ${v.source}</p><div class="text">${v.text}</div></li>`,
      )}</ol>`;
      return sendPage(reply, page(req, `${t.item}: ${account}/${platformId}`, body, { active: '/archive' }));
    },
  },
  {
    method: 'POST',
    url: '/archive/woo-export',
    access: WOO,
    handler: async (req, reply, ctx) => {
      const b = body(req);
      const account = field(b, 'account', 200);
      const sel = { text: field(b, 'q', 500), accountIds: account ? [account] : undefined, from: dateField(b, 'from'), to: dateField(b, 'to') };
      const items = await selectWooItems(ctx.ws, sel);
      const pdf = field(b, 'format', 3) === 'pdf';
      const bytes = pdf ? await wooPdf(ctx.ws, items, { lang: req.lang }) : Buffer.from(wooCsv(items, req.lang), 'utf8');
      await ctx.ws.store.audit(req.auth!.user.name, 'woo.export', 'archive', { ...sel, format: pdf ? 'pdf' : 'csv', items: items.length }, new Date().toISOString());
      const name = `woo-export-${new Date().toISOString().slice(0, 10)}.${pdf ? 'pdf' : 'csv'}`;
      return reply.type(pdf ? 'application/pdf' : 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`).send(bytes);
    },
  },
];
