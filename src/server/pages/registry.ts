import { createHash } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { isMap, isSeq, parseDocument } from 'yaml';
import { profileCheckOf } from '../../cli/commands/accounts.js';
import type { Account } from '../../domain/types.js';
import { UserError } from '../../domain/errors.js';
import { messages } from '../../i18n.js';
import { parseRegistry } from '../../registry/load.js';
import { RegistryError } from '../../registry/registry-error.js';
import { loadAndRecordRegistry } from '../../registry/sync.js';
import { ALL_ROLES, RECORDS, type ConsoleContext, type RouteDef } from '../context.js';
import { body, field, param } from '../form.js';
import { html, type Html } from '../html.js';
import { can, csrfField, localTime, message, page, sendPage, w } from '../layout.js';
import type { FastifyRequest } from 'fastify';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

async function recorded(ctx: ConsoleContext): Promise<Account[]> {
  return (await ctx.ws.store.latestRegistry())?.registry.accounts ?? [];
}

async function account(ctx: ConsoleContext, id: string): Promise<Account> {
  const a = (await recorded(ctx)).find((x) => x.id === id);
  if (!a) throw new UserError('registry.unknown-account', `there is no account ${id} in the registry`);
  return a;
}

/** Where one account's entry sits in the registry file, and its text without the entry's indent. */
function locateEntry(text: string, id: string): { start: number; end: number; indent: number; yaml: string } {
  const doc = parseDocument(text, { keepSourceTokens: false });
  const list = doc.get('accounts', true);
  if (!isSeq(list)) throw new UserError('registry.no-accounts', 'the registry file has no accounts list');
  const node = list.items.find((n) => isMap(n) && n.get('id') === id);
  if (!node || !isMap(node) || !node.range) throw new UserError('registry.unknown-account', `there is no account ${id} in the registry file`);
  const [start, end] = node.range;
  const indent = start - (text.lastIndexOf('\n', start - 1) + 1);
  const yaml = text
    .slice(start, end)
    .replace(/\s+$/, '')
    .split('\n')
    .map((l, i) => (i === 0 ? l : l.slice(Math.min(indent, l.length - l.trimStart().length))))
    .join('\n');
  return { start, end, indent, yaml };
}

/** The whole file with one entry replaced by `yaml`, indented to the entry's place. */
function replaceEntry(text: string, at: { start: number; end: number; indent: number }, yaml: string): string {
  const body = yaml
    .replace(/\r\n?/g, '\n')
    .replace(/\s+$/, '')
    .split('\n')
    .map((l, i) => (i === 0 || l === '' ? l : ' '.repeat(at.indent) + l))
    .join('\n');
  // Keep the blank lines and comments that followed the entry where they were.
  const tail = /\s*$/.exec(text.slice(at.start, at.end))![0];
  return text.slice(0, at.start) + body + tail + text.slice(at.end);
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(tmp, text, { flag: 'wx' });
  await rename(tmp, file);
}

function accountRow(a: Account): Html {
  return html`<tr><th scope="row"><a href="/registry/${encodeURIComponent(a.id)}">${a.id}</a></th><td>${a.platform}</td><td>${a.handle}</td><td>${a.status}</td><td>${a.schedule ?? ''}</td><td>${a.managers.map((m) => m.name).join(', ')}</td></tr>`;
}

function editForm(req: FastifyRequest, a: { id: string }, yaml: string, fileSha: string, problems?: Html): string {
  const t = w(req);
  return page(
    req,
    `${t.edit}: ${a.id}`,
    html`${problems ?? ''}<p id="edit-help">${t.editHelp}</p>
<form method="post" action="/registry/${encodeURIComponent(a.id)}/edit">${csrfField(req)}
<input type="hidden" name="sha" value="${fileSha}">
<label for="yaml">${t.accountYaml}</label>
<textarea id="yaml" name="yaml" rows="20" cols="80" spellcheck="false" aria-describedby="edit-help">${yaml}</textarea>
<div class="actions"><button type="submit">${t.save}</button> <a href="/registry/${encodeURIComponent(a.id)}">${t.cancel}</a></div></form>`,
    { active: '/registry' },
  );
}

const csvCell = (v: string): string => {
  // A spreadsheet runs a cell that starts with = + - @ as a formula: quote it as text.
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export const registryRoutes: RouteDef[] = [
  {
    method: 'GET',
    url: '/registry',
    access: ALL_ROLES,
    handler: async (req, reply, ctx) => {
      const t = w(req);
      const accounts = await recorded(ctx);
      const body = html`<p class="actions"><a href="/registry/history">${t.history}</a> · <a href="/registry/export.yaml">${t.exportYaml}</a> · <a href="/registry/export.csv">${t.exportCsv}</a></p>
<table><thead><tr><th scope="col">${t.account}</th><th scope="col">${t.platform}</th><th scope="col">${t.handle}</th><th scope="col">${t.status}</th><th scope="col">${t.schedule}</th><th scope="col">${t.managers}</th></tr></thead>
<tbody>${accounts.map(accountRow)}</tbody></table>`;
      return sendPage(reply, page(req, t.registry, body, { active: '/registry' }));
    },
  },
  {
    method: 'GET',
    url: '/registry/history',
    access: ALL_ROLES,
    handler: async (req, reply, ctx) => {
      const t = w(req);
      const versions = (await ctx.ws.store.registryHistory()).reverse();
      const body = html`<table><thead><tr><th scope="col">#</th><th scope="col">${t.when}</th><th scope="col">${t.who}</th><th scope="col">${t.changes}</th></tr></thead><tbody>
${versions.map((v) => html`<tr><td>${v.id}</td><td>${localTime(v.loadedAt)}</td><td>${v.actor}</td><td><ul>${v.changes.map((c) => html`<li>${c}</li>`)}</ul></td></tr>`)}</tbody></table>`;
      return sendPage(reply, page(req, `${t.registry}: ${t.history}`, body, { active: '/registry' }));
    },
  },
  {
    method: 'GET',
    url: '/registry/export.yaml',
    access: ALL_ROLES,
    handler: async (_req, reply, ctx) =>
      reply.type('application/yaml; charset=utf-8').header('content-disposition', 'attachment; filename="accounts.yaml"').send(await readFile(ctx.ws.registryFile)),
  },
  {
    method: 'GET',
    url: '/registry/export.csv',
    access: ALL_ROLES,
    handler: async (_req, reply, ctx) => {
      const head = ['id', 'platform', 'handle', 'instance', 'status', 'schedule', 'managers', 'selection_list', 'category', 'waardering', 'bewaartermijn'];
      const rows = (await recorded(ctx)).map((a) =>
        [a.id, a.platform, a.handle, a.instance ?? '', a.status, a.schedule ?? '', a.managers.map((m) => m.name).join('; '), a.selection.list, a.selection.category, a.selection.waardering, a.selection.bewaartermijn ?? ''].map((v) => csvCell(String(v))).join(','),
      );
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="accounts.csv"').send([head.join(','), ...rows].join('\r\n') + '\r\n');
    },
  },
  {
    method: 'GET',
    url: '/registry/:id',
    access: ALL_ROLES,
    example: '/registry/voorbeeldstad',
    handler: async (req, reply, ctx) => {
      const t = w(req);
      const s = messages(req.lang);
      const a = await account(ctx, param(req, 'id'));
      const check = await profileCheckOf(ctx.ws.store, a);
      const part = (label: string, p: { ok: boolean; evidence?: string | undefined }) =>
        html`<li class="${p.ok ? 'ok' : 'bad'}">${p.ok ? '✓' : '✗'} ${label}${p.ok && p.evidence ? html`: “${p.evidence}”` : p.ok ? '' : html` — ${s.missing}`}</li>`;
      const body = html`${can(req, 'records_manager') ? html`<p class="actions"><a href="/registry/${encodeURIComponent(a.id)}/edit">${t.edit}</a></p>` : ''}
<dl class="facts"><dt>${t.platform}</dt><dd>${a.platform}${a.instance ? html` (${a.instance})` : ''}</dd><dt>${t.handle}</dt><dd>${a.handle}</dd><dt>${t.status}</dt><dd>${a.status}</dd>
<dt>${t.schedule}</dt><dd>${a.schedule ?? t.none}</dd><dt>${t.managers}</dt><dd>${a.managers.map((m) => m.name).join(', ')}</dd>
<dt>${t.selection}</dt><dd>${a.selection.list} ${a.selection.category} (${a.selection.waardering}${a.selection.bewaartermijn ? html`, ${a.selection.bewaartermijn}` : ''})</dd></dl>
<section aria-labelledby="h-check"><h2 id="h-check">${t.profileCheck}</h2>
${check ? html`<p>${localTime(check.capturedAt)}</p><ul class="check">${part(s.officialAccount, check.official)}${part(s.noFormalMessaging, check.noFormalMessaging)}${part(s.privacyLink, check.privacyLink)}</ul>` : html`<p>${s.noProfileYet}</p>`}</section>`;
      return sendPage(reply, page(req, `${t.account}: ${a.id}`, body, { active: '/registry' }));
    },
  },
  {
    method: 'GET',
    url: '/registry/:id/edit',
    access: RECORDS,
    example: '/registry/voorbeeldstad/edit',
    handler: async (req, reply, ctx) => {
      const text = await readFile(ctx.ws.registryFile, 'utf8');
      const entry = locateEntry(text, param(req, 'id'));
      return sendPage(reply, editForm(req, { id: param(req, 'id') }, entry.yaml, sha(text)));
    },
  },
  {
    method: 'POST',
    url: '/registry/:id/edit',
    access: RECORDS,
    example: '/registry/voorbeeldstad/edit',
    handler: async (req, reply, ctx) => {
      const t = w(req);
      const id = param(req, 'id');
      const yaml = field(body(req), 'yaml', 100_000) ?? '';
      const text = await readFile(ctx.ws.registryFile, 'utf8');
      if (field(body(req), 'sha', 64) !== sha(text)) {
        return sendPage(reply, editForm(req, { id }, yaml, sha(text), message('error', req.lang === 'en' ? 'The registry file changed since you opened it; your text is below, check it against the new file.' : 'Het registerbestand is gewijzigd sinds u het opende; uw tekst staat hieronder, vergelijk die met het nieuwe bestand.')), 409);
      }
      const next = replaceEntry(text, locateEntry(text, id), yaml);
      try {
        parseRegistry(next, ctx.ws.registryFile);
      } catch (e) {
        if (!(e instanceof RegistryError)) throw e;
        const problems = message('error', html`${t.problems}<ul>${e.problems.map((p) => html`<li>${p.path ? html`<code>${p.path}</code>: ` : ''}${p.message}</li>`)}</ul>`);
        return sendPage(reply, editForm(req, { id }, yaml, sha(text), problems), 422);
      }
      await writeAtomically(ctx.ws.registryFile, next);
      const { changes } = await loadAndRecordRegistry(ctx.ws.store, ctx.ws.registryFile, req.auth!.user.name);
      const newId = (await ctx.ws.store.latestRegistry())?.registry.accounts.some((a) => a.id === id) ? id : '';
      const done = message('ok', changes.length ? html`${t.saved}<ul>${changes.map((c) => html`<li>${c}</li>`)}</ul>` : t.noChange);
      return sendPage(reply, page(req, `${t.account}: ${id}`, html`${done}<p><a href="/registry/${encodeURIComponent(newId)}">${t.view}</a> · <a href="/registry/history">${t.history}</a></p>`, { active: '/registry' }));
    },
  },
];
