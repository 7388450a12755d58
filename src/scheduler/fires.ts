// When an account's cron schedule fires, in Dutch time (SPEC section 2: Europe/Amsterdam). Pure.
import { Cron } from 'croner';
import { SCHEDULE_TIME_ZONE } from '../registry/schema.js';

const cron = (expression: string) => new Cron(expression, { paused: true, mode: '5-part', timezone: SCHEDULE_TIME_ZONE });

/** The newest fire at or before `now`, or null when the schedule never fired before it. */
export function latestFire(expression: string, now: Date): Date | null {
  // previousRuns looks strictly before its reference; a second later includes a fire at `now` itself.
  const [last] = cron(expression).previousRuns(1, new Date(now.getTime() + 1000));
  if (!last) return null;
  if (last.getTime() <= now.getTime()) return last;
  return cron(expression).previousRuns(1, last)[0] ?? null;
}

/** The first fire after `after`, or null when there is none. */
export function nextFire(expression: string, after: Date): Date | null {
  return cron(expression).nextRun(after);
}
