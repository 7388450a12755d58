import type { CaptureStats, RunStatus } from '../domain/types.js';
import { addStats, emptyStats } from '../domain/types.js';
import type { RunEvent } from '../capture/run.js';
import type { RunRecord } from '../store/store.js';
import { messages, type Lang } from '../i18n.js';

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

function seconds(from: string, to?: string): string {
  const ms = (to ? Date.parse(to) : Date.now()) - Date.parse(from);
  return `${(ms / 1000).toFixed(1)} s`;
}

/**
 * Shows a run while it goes: on a terminal one live line per account, elsewhere (logs, CI) a line
 * when an account starts or ends and at most one progress line per account every few seconds.
 */
export class ProgressView {
  private readonly lines = new Map<string, string>();
  private drawn = 0;
  private lastPlain = new Map<string, number>();
  private readonly t;

  constructor(
    private readonly out: NodeJS.WriteStream,
    lang: Lang,
    private readonly live = out.isTTY === true,
  ) {
    this.t = messages(lang);
  }

  handle = (e: RunEvent): void => {
    const t = this.t;
    switch (e.type) {
      case 'run-start':
        this.out.write(`${t.run} ${e.runId}: ${e.accounts.join(', ')}\n`);
        return;
      case 'account-start':
        this.set(e.accountId, `${e.accountId}: …`, true);
        return;
      case 'progress':
        this.set(e.accountId, `${e.accountId}: ${e.phase} · ${e.stats.newPosts} ${t.posts}, ${e.stats.newReplies} ${t.replies}, ${e.stats.media} ${t.media}, ${e.stats.requests} ${t.requests}`, false);
        return;
      case 'account-end':
        this.set(e.accountId, `${e.accountId}: ${t[e.status]}${e.stop ? ` (${e.stop.reason})` : ''}`, true);
        return;
      case 'run-end':
        return;
    }
  };

  private lastDraw = 0;

  private set(id: string, line: string, important: boolean): void {
    this.lines.set(id, line);
    const now = Date.now();
    if (this.live) {
      // Redraw at most ten times a second; a run makes thousands of requests.
      if (!important && now - this.lastDraw < 100) return;
      this.lastDraw = now;
      if (this.drawn) this.out.write(`\x1b[${this.drawn}A`);
      for (const l of this.lines.values()) this.out.write(`\x1b[2K${l.slice(0, (this.out.columns || 120) - 1)}\n`);
      this.drawn = this.lines.size;
      return;
    }
    if (important || now - (this.lastPlain.get(id) ?? 0) > 5000) {
      this.lastPlain.set(id, now);
      this.out.write(`${line}\n`);
    }
  }
}

/** The table printed after a run. */
export function formatRunSummary(run: RunRecord, lang: Lang): string {
  const t = messages(lang);
  const header = [t.account, t.status, t.posts, t.replies, t.edited, t.deleted, t.media, t.requests, t.time];
  const rows: string[][] = [];
  let total: CaptureStats = emptyStats();
  const accounts = [...run.accounts].sort((a, b) => (a.accountId < b.accountId ? -1 : 1));
  for (const a of accounts) {
    total = addStats(total, a.stats);
    rows.push(row(a.accountId, t[a.status as RunStatus], a.stats, seconds(a.startedAt, a.finishedAt)));
  }
  rows.push(row(t.total, t[run.status], total, seconds(run.startedAt, run.finishedAt)));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]) => r.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const lines = [`${t.run} ${run.id}`, fmt(header), ...rows.map(fmt)];
  for (const a of accounts) {
    if (a.stop) lines.push(`${a.accountId}: ${t.stoppedBecause}: ${a.stop.reason}; ${t.where}: ${a.stop.where}`);
    if (a.stats.threadsCut) lines.push(`${a.accountId}: ${a.stats.threadsCut} ${t.cut}`);
  }
  return lines.join('\n') + '\n';
}

function row(name: string, status: string, s: CaptureStats, time: string): string[] {
  return [name, status, String(s.newPosts), String(s.newReplies), String(s.edited), String(s.deleted), `${s.media} (${mb(s.mediaBytes)})`, String(s.requests), time];
}
