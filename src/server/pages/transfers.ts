import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyRequest } from 'fastify';
import { PAKBON_SUFFIX } from '../../../archive/pakbon.js';
import { verifyPackage, type VerifyReport } from '../../../archive/verify/index.js';
import { UserError } from '../../domain/errors.js';
import { makePackage } from '../../package/make-package.js';
import type { TransferRecord } from '../../store/transfers-store.js';
import type { Workspace } from '../../workspace.js';
import { ALL_ROLES, RECORDS, type ConsoleContext, type RouteDef } from '../context.js';
import { body, dateField, field, fields, param } from '../form.js';
import { html, type Html } from '../html.js';
import { can, csrfField, localTime, message, page, sendPage, w } from '../layout.js';

// Verify results are kept beside the packages, one JSON file per transfer, written atomically.
const verifyFile = (ws: Workspace, id: number) => join(ws.dataDir, 'verify', `T${id}.json`);

async function saveVerify(ws: Workspace, t: TransferRecord, actor: string): Promise<VerifyReport & { at: string }> {
  const report = { ...(await verifyPackage([t.location])), at: new Date().toISOString() };
  await mkdir(join(ws.dataDir, 'verify'), { recursive: true });
  const file = verifyFile(ws, t.id);
  await writeFile(`${file}.tmp`, JSON.stringify(report));
  await rename(`${file}.tmp`, file);
  await ws.store.audit(actor, 'transfer.verify', `transfer:${t.id}`, { ok: report.ok, problems: report.problems.length }, report.at);
  return report;
}

async function loadVerify(ws: Workspace, id: number): Promise<(VerifyReport & { at: string }) | null> {
  try {
    return JSON.parse(await readFile(verifyFile(ws, id), 'utf8')) as VerifyReport & { at: string };
  } catch {
    return null;
  }
}

async function transferOf(ctx: ConsoleContext, req: FastifyRequest): Promise<TransferRecord> {
  const id = Number(param(req, 'id'));
  const t = Number.isSafeInteger(id) && id > 0 ? await ctx.ws.store.transfers.transfer(id) : null;
  if (!t) throw Object.assign(new Error('not found'), { statusCode: 404 });
  return t;
}

function verifyView(req: FastifyRequest, v: (VerifyReport & { at: string }) | null): Html {
  const t = w(req);
  if (!v) return html`<p>${t.notVerified}</p>`;
  return html`<p class="${v.ok ? 'ok' : 'bad'}" data-testid="verify-result"><strong>${v.ok ? t.verifyOk : t.verifyBad}</strong> (${localTime(v.at)})</p>
<ul>${v.volumes.map((x) => html`<li>${x.label}: ${x.informatieobjecten} informatieobjecten, ${x.bestanden} bestanden, ${x.bytes} bytes</li>`)}
${v.problems.map((p) => html`<li class="bad">${p.path}: ${p.message} [${p.code}]</li>`)}</ul>`;
}

export const transferRoutes: RouteDef[] = [
  {
    method: 'GET',
    url: '/transfers',
    access: ALL_ROLES,
    handler: async (req, reply, ctx) => {
      const t = w(req);
      const [list, registry] = await Promise.all([ctx.ws.store.transfers.transfers(), ctx.ws.store.latestRegistry()]);
      const accounts = registry?.registry.accounts ?? [];
      const build = can(req, 'records_manager')
        ? html`<form method="post" action="/transfers" class="build">${csrfField(req)}<fieldset><legend>${t.build}</legend>
<label for="from">${t.from}</label><input id="from" name="from" type="date" required>
<label for="to">${t.to}</label><input id="to" name="to" type="date" required>
<fieldset><legend>${t.accounts}</legend>${accounts.map((a) => html`<label><input type="checkbox" name="account" value="${a.id}"> ${a.id}</label>`)}</fieldset>
<label><input type="checkbox" name="allowUnreviewed" value="1"> ${t.allowUnreviewed}</label></fieldset>
<button type="submit">${t.build}</button></form>`
        : '';
      const body = html`${build}<table><thead><tr><th scope="col">#</th><th scope="col">${t.title}</th><th scope="col">${t.built}</th><th scope="col">${t.who}</th><th scope="col">${t.receipt}</th></tr></thead><tbody>
${[...list].reverse().map((x) => html`<tr><td><a href="/transfers/${x.id}">T${x.id}</a></td><td>${x.title}</td><td>${localTime(x.builtAt)}</td><td>${x.actor}</td><td>${x.receipt ? (x.receipt.status === 'accepted' ? t.accepted : t.rejected) : t.awaiting}</td></tr>`)}</tbody></table>`;
      return sendPage(reply, page(req, t.transfers, body, { active: '/transfers' }));
    },
  },
  {
    method: 'POST',
    url: '/transfers',
    access: RECORDS,
    handler: async (req, reply, ctx) => {
      const t = w(req);
      const from = dateField(body(req), 'from');
      const to = dateField(body(req), 'to');
      if (!from || !to) throw new UserError('transfer.bad-period', req.lang === 'en' ? 'give the first and last day of the period' : 'geef de eerste en laatste dag van de periode');
      const accounts = fields(body(req), 'account');
      const actor = req.auth!.user.name;
      const out = join(ctx.ws.dataDir, 'packages', `${new Date().toISOString().replace(/[-:.]/g, '')}-${actor.replace(/[^A-Za-z0-9]/g, '')}`);
      await mkdir(join(ctx.ws.dataDir, 'packages'), { recursive: true });
      const outcome = await makePackage(ctx.ws, { from, to, accounts: accounts.length ? accounts : undefined, out, allowUnreviewed: field(body(req), 'allowUnreviewed') === '1', actor });
      if (outcome.status === 'refused') {
        const list = html`${t.refused}<ul>${outcome.unreviewed.slice(0, 50).map((u) => html`<li>${u.what === 'item' ? html`${u.accountId}/${u.platformId ?? ''} (${u.categories.join(', ')})` : html`WARC ${u.runId} (${u.items})`}</li>`)}</ul>`;
        return sendPage(reply, page(req, t.build, message('error', list), { active: '/transfers' }), 409);
      }
      await saveVerify(ctx.ws, outcome.transfer, actor);
      return reply.redirect(`/transfers/${outcome.transfer.id}`, 303);
    },
  },
  {
    method: 'GET',
    url: '/transfers/:id',
    access: ALL_ROLES,
    example: '/transfers/1',
    handler: async (req, reply, ctx) => {
      const t = w(req);
      const x = await transferOf(ctx, req);
      const v = await loadVerify(ctx.ws, x.id);
      const recordsManager = can(req, 'records_manager');
      const body = html`<dl class="facts"><dt>${t.package}</dt><dd>${x.packageId}</dd><dt>${t.built}</dt><dd>${localTime(x.builtAt)} · ${x.actor}</dd>
<dt>${t.selection}</dt><dd>${x.selection.accounts.join(', ')} · ${x.selection.from} – ${x.selection.to}</dd><dt>${t.receipt}</dt>
<dd>${x.receipt ? html`${x.receipt.status === 'accepted' ? t.accepted : t.rejected}: ${x.receipt.note} (${localTime(x.receipt.at)}, ${x.receipt.actor})` : t.awaiting}</dd></dl>
<section aria-labelledby="h-vol"><h2 id="h-vol">${t.volumes}</h2><ul>${x.volumes.map((vol) => html`<li>${vol.name} (${vol.size} bytes) · <a href="/transfers/${x.id}/pakbon/${vol.number}">${t.pakbon}</a></li>`)}</ul></section>
<section aria-labelledby="h-ver"><h2 id="h-ver">${t.verify}</h2>${verifyView(req, v)}
${recordsManager ? html`<form method="post" action="/transfers/${x.id}/verify">${csrfField(req)}<button type="submit">${t.verify}</button></form>` : ''}</section>
${recordsManager && !x.receipt ? html`<form method="post" action="/transfers/${x.id}/receipt">${csrfField(req)}<fieldset><legend>${t.recordReceipt}</legend>
<label><input type="radio" name="status" value="accepted" required> ${t.accepted}</label><label><input type="radio" name="status" value="rejected"> ${t.rejected}</label>
<label for="note">${t.note}</label><input id="note" name="note" required maxlength="2000"></fieldset><button type="submit">${t.save}</button></form>` : ''}`;
      return sendPage(reply, page(req, `${t.transfers}: T${x.id}`, body, { active: '/transfers' }));
    },
  },
  {
    method: 'POST',
    url: '/transfers/:id/verify',
    access: RECORDS,
    example: '/transfers/1/verify',
    handler: async (req, reply, ctx) => {
      const x = await transferOf(ctx, req);
      await saveVerify(ctx.ws, x, req.auth!.user.name);
      return reply.redirect(`/transfers/${x.id}`, 303);
    },
  },
  {
    method: 'GET',
    url: '/transfers/:id/pakbon/:n',
    access: ALL_ROLES,
    example: '/transfers/1/pakbon/1',
    handler: async (req, reply, ctx) => {
      const x = await transferOf(ctx, req);
      const vol = x.volumes.find((v) => v.number === Number(param(req, 'n')));
      if (!vol) return reply.callNotFound();
      const bytes = await readFile(join(x.location, `${vol.name}${PAKBON_SUFFIX}`));
      // Served only when it is still the pakbon that was recorded.
      if (createHash('sha256').update(bytes).digest('hex') !== vol.pakbonSha256) throw new UserError('transfer.pakbon-changed', 'the pakbon on disk is not the one recorded for this transfer; verify the package');
      return reply.type('application/xml').header('content-disposition', `attachment; filename="${vol.name}${PAKBON_SUFFIX}"`).send(bytes);
    },
  },
  {
    method: 'POST',
    url: '/transfers/:id/receipt',
    access: RECORDS,
    example: '/transfers/1/receipt',
    handler: async (req, reply, ctx) => {
      const x = await transferOf(ctx, req);
      const status = field(body(req), 'status');
      const note = field(body(req), 'note', 2000);
      if ((status !== 'accepted' && status !== 'rejected') || !note) throw new UserError('transfer.bad-receipt', req.lang === 'en' ? 'choose accepted or rejected and write what the archive said' : 'kies geaccepteerd of afgewezen en schrijf wat het archief antwoordde');
      await ctx.ws.store.transfers.recordReceipt(x.id, { status, note }, req.auth!.user.name, new Date().toISOString());
      return reply.redirect(`/transfers/${x.id}`, 303);
    },
  },
];
