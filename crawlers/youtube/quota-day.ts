// Google resets the YouTube Data API quota at midnight Pacific time (America/Los_Angeles, with
// daylight saving). A quota day is named by its Pacific calendar date.

const ZONE = 'America/Los_Angeles';

const dateParts = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

function pacific(ms: number): { y: number; m: number; d: number; h: number; min: number } {
  const p = Object.fromEntries(dateParts.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return { y: Number(p.year), m: Number(p.month), d: Number(p.day), h: Number(p.hour), min: Number(p.minute) };
}

/** The quota day of a moment: its Pacific date, `YYYY-MM-DD`. */
export function quotaDay(at: Date): string {
  const { y, m, d } = pacific(at.getTime());
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** When the quota day of `at` ends: the next midnight in Los Angeles (UTC−8 in winter, UTC−7 in summer). */
export function nextQuotaReset(at: Date): Date {
  const { y, m, d } = pacific(at.getTime());
  // Midnight is never inside a daylight-saving jump (those happen at 02:00), so one offset fits.
  for (const offsetHours of [8, 7]) {
    const t = Date.UTC(y, m - 1, d + 1, offsetHours);
    const p = pacific(t);
    if (p.h === 0 && p.min === 0) return new Date(t);
  }
  throw new Error(`no Pacific midnight found after ${at.toISOString()}`);
}
