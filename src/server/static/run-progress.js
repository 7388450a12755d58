// Live progress of a run over server-sent events. Text only goes in through textContent.
const live = document.getElementById('live');
const words = document.getElementById('words');
if (live && words && 'EventSource' in window) {
  const stages = JSON.parse(words.dataset.stages || '{}');
  const status = JSON.parse(words.dataset.status || '{}');
  const body = document.getElementById('accounts');
  const stage = document.getElementById('stage');
  const detail = document.getElementById('stage-detail');
  const cell = (row, cls, value) => {
    const el = row.querySelector(`.${cls}`);
    if (el) el.textContent = String(value);
  };
  const rowFor = (accountId) => {
    for (const row of body.querySelectorAll('tr')) if (row.dataset.account === accountId) return row;
    const row = document.createElement('tr');
    row.dataset.account = accountId;
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = accountId;
    row.append(th);
    for (const cls of ['status', 'phase', 'new', 'versions', 'requests']) {
      const td = document.createElement('td');
      td.className = cls;
      row.append(td);
    }
    body.append(row);
    return row;
  };
  const show = (p) => {
    stage.textContent = stages[p.stage] || p.stage;
    const parts = [];
    if (p.formats) parts.push(`${stages.formats}: ${p.formats.done}`);
    if (p.scan) parts.push(`${stages.scan}: ${p.scan.scanned}/${p.scan.total}`);
    if (p.status) parts.push(status[p.status] || p.status);
    if (p.error) parts.push(p.error);
    detail.textContent = parts.join(' · ');
    for (const a of p.accounts || []) {
      const row = rowFor(a.accountId);
      cell(row, 'status', status[a.status] || a.status);
      cell(row, 'phase', a.phase || '');
      cell(row, 'new', a.stats ? a.stats.newItems : 0);
      cell(row, 'versions', a.stats ? a.stats.newVersions : 0);
      cell(row, 'requests', a.stats ? a.stats.requests : 0);
    }
    live.dataset.stage = p.stage;
  };
  const source = new EventSource(`/api/runs/${encodeURIComponent(live.dataset.run)}/events`);
  source.addEventListener('state', (e) => show(JSON.parse(e.data)));
  source.addEventListener('end', (e) => {
    show(JSON.parse(e.data));
    source.close();
  });
}
