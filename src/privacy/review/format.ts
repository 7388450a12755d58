// Small text helpers for the review screens.
import type { Decision } from '../../domain/types.js';
import type { Lang } from '../../i18n.js';
import type { FindingView } from '../../store/privacy-store.js';
import { actionLabel, restrictionTypeLabel, words } from './labels.js';

const LOCAL = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** `2026-02-02 09:30` in Dutch time (what the organisation saw), from an ISO 8601 instant. */
export function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = Object.fromEntries(LOCAL.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** One line, at most `max` characters. */
export function excerpt(text: string, max: number): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

export function termText(d: Decision, lang: Lang): string {
  const w = words(lang);
  if (!d.restriction) return '';
  const t = d.restriction.term;
  const span = t.duration ? `${t.duration} ${w.from} ${t.from}` : `${w.until} ${t.until}`;
  return `${restrictionTypeLabel(d.restriction.type, lang)}, ${span}`;
}

/** `verwijderen in openbare versie (eerbiediging ..., P75Y vanaf 2026-02-02)`. */
export function decisionText(d: Decision, lang: Lang): string {
  const term = termText(d, lang);
  return `${actionLabel(d.action, lang)}${term ? ` (${term})` : ''}`;
}

export function statusText(f: FindingView, lang: Lang): string {
  const w = words(lang);
  if (f.decision) return actionLabel(f.decision.action, lang);
  return f.reported ? w.open : w.notReported;
}

/** What an image finding is about, for one line. */
export function imageDetail(f: FindingView, lang: Lang): string {
  const w = words(lang);
  const where = `${w.image.toLowerCase()} ${(f.media?.position ?? 0) + 1}`;
  if (f.category === 'gps' && f.detail) return `${where}: ${Number(f.detail.latitude).toFixed(5)}, ${Number(f.detail.longitude).toFixed(5)}`;
  if (f.region) return `${where}: ${w.region} x=${f.region.x} y=${f.region.y} ${f.region.w}×${f.region.h}`;
  if (f.detail) return `${where}: ${Object.entries(f.detail).filter(([, v]) => v !== false && v !== '').map(([k, v]) => (v === true ? k : `${k}=${String(v)}`)).join(', ')}`;
  return where;
}

/** A decision without its start date, for counting decisions of one kind: `beperken (portretrecht, P75Y)`. */
export function decisionKind(d: Decision, lang: Lang): string {
  if (!d.restriction) return actionLabel(d.action, lang);
  const t = d.restriction.term;
  return `${actionLabel(d.action, lang)} (${restrictionTypeLabel(d.restriction.type, lang)}, ${t.duration ?? `${words(lang).until} ${t.until}`})`;
}
