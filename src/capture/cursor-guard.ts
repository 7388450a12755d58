import { CrawlStopped } from './crawler.js';

/**
 * A pagination walk that must move on. A platform that hands back a cursor it gave before (a bug,
 * a cache, a proxy replaying a page) would keep a crawler paging forever; the guard stops the walk
 * with a recorded reason instead. The pages already committed stay; the next run starts again.
 */
export class CursorGuard {
  private readonly seen = new Set<string>();

  constructor(private readonly where: string) {}

  /** `cursor`, unless it was handed out before in this walk. */
  next<T extends string | undefined>(cursor: T): T {
    if (cursor === undefined) return cursor;
    if (this.seen.has(cursor)) throw new CrawlStopped('the platform repeated a pagination cursor; stopped instead of paging forever', this.where);
    this.seen.add(cursor);
    return cursor;
  }
}
